#include <algorithm>

#include "ui/screens/screens.hpp"

namespace kesip::ui {

using l10n::K;

void drawTest(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    drawTopBar(ui, v, out);
    const TestView& tv = *v.test;
    const assess::Instrument& ins = *tv.ins;
    const assess::Item& item = ins.items[size_t(tv.index)];
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ws.x > ui.em(45.f) ? ui.em(3.f) : ui.em(1.5f);
    const float w = ws.x - 2 * margin;

    // Progress: bar plus "12 / 60".
    const std::string count = ui.tr("test_progress", {{"n", tv.index + 1}, {"total", tv.total}});
    const float countW = ui.fonts.bold->CalcTextSizeA(ui.fonts.bold->FontSize, FLT_MAX, 0, count.c_str()).x;
    ImGui::SetCursorPos(ImVec2(margin, topBarHeight(ui) + ui.em(1.2f)));
    progressBar(ui, float(tv.index) / float(std::max(1, tv.total)),
                ImVec2(w - countW - ui.em(1.f), ui.em(0.8f)));
    ImGui::SetCursorPos(ImVec2(margin + w - countW, topBarHeight(ui) + ui.em(0.95f)));
    paragraph(ui, ui.fonts.bold, count, countW + 2, t.text);

    float y = topBarHeight(ui) + ui.em(2.2f);
    if (v.saveFailed) {
        ImGui::SetCursorPos(ImVec2(margin, y));
        y += paragraph(ui, ui.fonts.bold, ui.tr("save_failed"), w, t.primary);
    }
    const std::string hint = ui.tr(ins.id == "interest" ? K("test_hint_interest") : K("test_hint_strengths"));
    // The instrument's own instruction (interest: like the activity, never mind pay or skill) with item 1.
    const std::string instruction = tv.index == 0 ? ins.instruction.get(ui.lang) : std::string();
    // Large type for the item; a size smaller when it would take more than two lines.
    const std::string& text = item.text.get(ui.lang);
    const float textW = w * (ws.x > ws.y ? 0.8f : 0.95f);
    ImFont* itemFont = paragraphHeight(ui, ui.fonts.large, text, textW) > ui.fonts.large->FontSize * 2.6f ||
                               ui.minWidth(ui.fonts.large, text) > textW
                           ? ui.fonts.heading
                           : ui.fonts.large;
    const float instructionH = instruction.empty()
                                   ? 0.f
                                   : paragraphHeight(ui, ui.fonts.bold, instruction, textW) + ui.em(0.3f) +
                                         ImGui::GetStyle().ItemSpacing.y; // the Dummy before it adds spacing
    const float blockH = paragraphHeight(ui, ui.fonts.body, hint, w) + instructionH + ui.em(0.6f) +
                         paragraphHeight(ui, itemFont, text, textW);

    // Answers: one row of big buttons with a face above each label when the labels fit side by side
    // (landscape), else a column of wide buttons with the face beside the label (portrait, large text).
    const int n = int(ins.answers.size());
    const float gap = ui.em(1.f);
    float wordW = 0;
    for (const auto& a : ins.answers)
        wordW = std::max(wordW, ui.minWidth(ui.fonts.bold, a.label.get(ui.lang)));
    const float rowBw = std::min(ui.em(13.f), (w - gap * float(n - 1)) / float(n));
    const bool column = ws.y > ws.x || rowBw - ui.em(1.f) < wordW;
    const float bottom = ws.y - ui.em(4.8f); // above pause and skip
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto answerButton = [&](int i, ImVec2 pos, ImVec2 size, ImVec2 face, float faceR, ImVec2 labelPos,
                            float labelW, Align align) {
        const assess::Answer& a = ins.answers[size_t(i)];
        const bool chosen = tv.chosen && *tv.chosen == a.value;
        ImGui::SetCursorPos(pos);
        const std::string key = "answer_" + std::to_string(a.value);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton(key.c_str(), size) && !tv.leaveDialog) out.emit(intent::Answer{a.value});
        const bool held = ImGui::IsItemActive();
        ui.noteItem(key, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        const ImVec2 q(p.x + size.x, p.y + size.y);
        dl->AddRectFilled(p, q, col(held || chosen ? t.primary : t.card), ui.em(0.8f));
        dl->AddRect(p, q, col(t.secondaryActive), ui.em(0.8f), 0, 2.f);
        const Rgb ink = held || chosen ? t.onPrimary : t.text;
        drawFace(dl, ImVec2(p.x + face.x, p.y + face.y), faceR, moodOfIcon(a.icon),
                 col(held || chosen ? t.primary : t.bg), col(ink));
        drawText(ui, ui.fonts.bold, a.label.get(ui.lang), ImVec2(p.x + labelPos.x, p.y + labelPos.y), labelW,
                 ink, align, TextKind::Button, p, q);
    };
    float rowY = 0;
    if (column) {
        const float bw = std::min(w, ui.em(30.f));
        const float faceR = ui.em(1.1f);
        const float labelX = ui.em(1.f) + 2 * faceR + ui.em(0.8f);
        const float labelW = bw - labelX - ui.em(0.8f);
        std::vector<float> hs;
        float total = 0;
        for (const auto& a : ins.answers) {
            const float lh = paragraphHeight(ui, ui.fonts.bold, a.label.get(ui.lang), labelW);
            hs.push_back(std::max(ui.em(3.2f), lh + ui.em(1.f)));
            total += hs.back() + ui.em(0.6f);
        }
        // The item sits in the middle of the space above the answers; the answers low, in thumb reach.
        rowY = std::max(y + blockH + ui.em(1.5f), bottom - total);
        float ry = rowY;
        for (int i = 0; i < n; ++i) {
            const float lh =
                paragraphHeight(ui, ui.fonts.bold, ins.answers[size_t(i)].label.get(ui.lang), labelW) -
                (lineHeight(ui.fonts.bold) - ui.fonts.bold->FontSize);
            answerButton(i, ImVec2(margin + (w - bw) * 0.5f, ry), ImVec2(bw, hs[size_t(i)]),
                         ImVec2(ui.em(1.f) + faceR, hs[size_t(i)] * 0.5f), faceR,
                         ImVec2(labelX, (hs[size_t(i)] - lh) * 0.5f), labelW, Align::Left);
            ry += hs[size_t(i)] + ui.em(0.6f);
        }
    } else {
        const float bw = rowBw;
        const float rowX = margin + (w - (bw * float(n) + gap * float(n - 1))) * 0.5f;
        // Anchored above the skip/pause row; never over the item text (large text can push it down).
        rowY = std::max(y + blockH + ui.em(1.f), bottom - ui.em(0.6f) - ui.em(9.f));
        const float bh = bottom - ui.em(0.6f) - rowY;
        // The face shrinks before the words do: the label must fit the button.
        float labelH = 0;
        for (const auto& a : ins.answers)
            labelH =
                std::max(labelH, paragraphHeight(ui, ui.fonts.bold, a.label.get(ui.lang), bw - ui.em(1.f)));
        const float faceR = std::clamp((bh - labelH - ui.em(1.4f)) * 0.5f, ui.em(0.8f), ui.em(1.7f));
        // Face and label as one block, centred in the button's height.
        const float top = std::max(0.f, (bh - (ui.em(1.3f) + 2 * faceR + labelH)) * 0.5f);
        for (int i = 0; i < n; ++i)
            answerButton(i, ImVec2(rowX + float(i) * (bw + gap), rowY), ImVec2(bw, bh),
                         ImVec2(bw * 0.5f, top + ui.em(0.5f) + faceR), faceR,
                         ImVec2(ui.em(0.5f), top + ui.em(0.9f) + 2 * faceR), bw - ui.em(1.f), Align::Center);
    }
    // The item, large and centred, with the question it answers above it.
    ImGui::SetCursorPos(ImVec2(margin, std::max(y + ui.em(1.f), y + (rowY - y - blockH) * 0.45f)));
    paragraph(ui, ui.fonts.body, hint, w, t.muted, Align::Center);
    if (!instruction.empty()) {
        ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
        ImGui::SetCursorPosX(margin + (w - textW) * 0.5f);
        paragraph(ui, ui.fonts.bold, instruction, textW, t.text, Align::Center);
    }
    ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
    ImGui::SetCursorPosX(margin + (w - textW) * 0.5f);
    paragraph(ui, itemFont, text, textW, t.text, Align::Center);

    // Pause and skip, smaller, below.
    const float sw = std::min(ui.em(12.f), (w - gap) * 0.5f);
    const ImVec2 small(sw, std::max(buttonHeight(ui, ui.tr("test_pause"), sw, ui.em(3.f)),
                                    buttonHeight(ui, ui.tr("test_skip"), sw, ui.em(3.f))));
    ImGui::SetCursorPos(ImVec2(margin, ws.y - ui.em(1.5f) - small.y));
    if (button(ui, "test_pause", ui.tr("test_pause"), small, Tone::Secondary)) out.emit(intent::Pause{});
    ImGui::SetCursorPos(ImVec2(margin + w - small.x, ws.y - ui.em(1.5f) - small.y));
    if (button(ui, "test_skip", ui.tr("test_skip"), small, Tone::Secondary)) out.emit(intent::SkipItem{});
}

ImVec2 beginPanel(Ui& ui, ImVec2 ps) {
    const Theme& t = ui.theme();
    ui.layer = 1; // until the next frame: what follows is modal, over the screen
    const ImVec2 ws = ImGui::GetWindowSize();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ws, IM_COL32(0, 0, 0, 150));
    const ImVec2 p((ws.x - ps.x) * 0.5f, (ws.y - ps.y) * 0.5f);
    dl->AddRectFilled(p, ImVec2(p.x + ps.x, p.y + ps.y), col(t.overlayPanel), ui.em(0.8f));
    dl->AddRectFilled(p, ImVec2(p.x + ps.x, p.y + ui.em(0.5f)), col(t.accent), ui.em(0.8f),
                      ImDrawFlags_RoundCornersTop);
    return p;
}

void drawLeaveDialog(Ui& ui, const View&, Intents& out) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    const float pw = std::min(ws.x - ui.em(2.f), ui.em(38.f));
    const float pad = ui.em(2.f);
    const float iw = pw - 2 * pad;
    const std::string title = ui.tr("leave_title"), body = ui.tr("leave_body");
    const std::string stay = ui.tr("leave_stay"), later = ui.tr("leave_later");
    // Side by side when both labels fit, else one under the other; the panel as tall as its content.
    const float half = (iw - ui.em(1.f)) * 0.5f;
    const bool stacked =
        std::max(ui.minWidth(ui.fonts.bold, stay), ui.minWidth(ui.fonts.bold, later)) > half - ui.em(1.f);
    const float bw = stacked ? iw : half;
    const float bh =
        std::max(buttonHeight(ui, stay, bw, ui.em(3.6f)), buttonHeight(ui, later, bw, ui.em(3.6f)));
    const float buttonsH = stacked ? 2 * bh + ui.em(0.8f) : bh;
    const float textH = paragraphHeight(ui, ui.fonts.heading, title, iw) + ui.em(0.6f) +
                        paragraphHeight(ui, ui.fonts.body, body, iw);
    const ImVec2 ps(pw, std::max(ui.em(17.f), 2 * pad + textH + ui.em(1.5f) + buttonsH));
    const ImVec2 p = beginPanel(ui, ps);
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
    paragraph(ui, ui.fonts.heading, title, iw, t.text, Align::Center);
    ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, ImGui::GetCursorScreenPos().y));
    paragraph(ui, ui.fonts.body, body, iw, t.text, Align::Center);
    const float by = p.y + ps.y - pad - buttonsH;
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, by));
    if (button(ui, "leave_stay", stay, ImVec2(bw, bh), Tone::Secondary)) out.emit(intent::LeaveStay{});
    ImGui::SetCursorScreenPos(stacked ? ImVec2(p.x + pad, by + bh + ui.em(0.8f))
                                      : ImVec2(p.x + pad + bw + ui.em(1.f), by));
    if (button(ui, "leave_later", later, ImVec2(bw, bh))) out.emit(intent::LeaveLater{});
}

} // namespace kesip::ui
