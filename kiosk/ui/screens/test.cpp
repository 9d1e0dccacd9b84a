#include "ui/screens/screens.hpp"

namespace kesip::ui {

using l10n::K;

void drawTest(Ui& ui, const View& v, Intent& out) {
    const Theme& t = ui.theme();
    drawTopBar(ui, v, out);
    const TestView& tv = *v.test;
    const assess::Instrument& ins = *tv.ins;
    const assess::Item& item = ins.items[size_t(tv.index)];
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(3.f);
    const float w = ws.x - 2 * margin;

    // Progress: bar plus "12 / 60".
    const std::string count = ui.tr("test_progress", {{"n", tv.index + 1}, {"total", tv.total}});
    const float countW = ui.fonts.bold->CalcTextSizeA(ui.fonts.bold->FontSize, FLT_MAX, 0, count.c_str()).x;
    ImGui::SetCursorPos(ImVec2(margin, topBarHeight(ui) + ui.em(1.2f)));
    progressBar(ui, float(tv.index) / float(std::max(1, tv.total)),
                ImVec2(w - countW - ui.em(1.f), ui.em(0.8f)));
    ImGui::SetCursorPos(ImVec2(margin + w - countW, topBarHeight(ui) + ui.em(0.95f)));
    paragraph(ui, ui.fonts.bold, count, countW + 2, t.text);

    if (v.saveFailed) {
        ImGui::SetCursorPosX(margin);
        paragraph(ui, ui.fonts.bold, ui.tr("save_failed"), w, t.primary);
    }
    // The item, large and centred, with the question it answers above it.
    const float itemTop = topBarHeight(ui) + ui.em(5.5f);
    ImGui::SetCursorPos(ImVec2(margin, itemTop));
    paragraph(ui, ui.fonts.body,
              ui.tr(ins.id == "interest" ? K("test_hint_interest") : K("test_hint_strengths")), w, t.muted,
              Align::Center);
    // The instrument's own instruction (interest: like the activity, never mind pay or skill) with item 1.
    if (tv.index == 0 && !ins.instruction.get(ui.lang).empty()) {
        ImGui::SetCursorPosX(margin + w * 0.1f);
        paragraph(ui, ui.fonts.bold, ins.instruction.get(ui.lang), w * 0.8f, t.text, Align::Center);
    }
    ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
    ImGui::SetCursorPosX(margin + w * 0.1f);
    // Large type for the item; a size smaller when it would take more than two lines.
    const std::string& text = item.text.get(ui.lang);
    ImFont* itemFont = paragraphHeight(ui.fonts.large, text, w * 0.8f) > ui.fonts.large->FontSize * 2.6f
                           ? ui.fonts.heading
                           : ui.fonts.large;
    paragraph(ui, itemFont, text, w * 0.8f, t.text, Align::Center);
    const float textBottom = ImGui::GetCursorPosY();

    // Answers: one row of big buttons, a face above each label.
    const int n = int(ins.answers.size());
    const float gap = ui.em(1.f);
    const float bw = std::min(ui.em(13.f), (w - gap * float(n - 1)) / float(n));
    const float rowX = margin + (w - (bw * float(n) + gap * float(n - 1))) * 0.5f;
    // Anchored above the skip/pause row; never over the item text (large text can push it down).
    const float rowY = std::max(textBottom + ui.em(0.8f), ws.y - ui.em(6.5f) - ui.em(9.f));
    const float bh = ws.y - ui.em(4.8f) - rowY;
    // The face shrinks before the words do: the label must fit the button.
    float labelH = 0;
    for (const auto& a : ins.answers)
        labelH = std::max(labelH, paragraphHeight(ui.fonts.bold, a.label.get(ui.lang), bw - ui.em(1.f)));
    const float faceR = std::clamp((bh - labelH - ui.em(1.4f)) * 0.5f, ui.em(0.8f), ui.em(1.7f));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < n; ++i) {
        const assess::Answer& a = ins.answers[size_t(i)];
        const bool chosen = tv.chosen && *tv.chosen == a.value;
        ImGui::SetCursorPos(ImVec2(rowX + float(i) * (bw + gap), rowY));
        const std::string key = "answer_" + std::to_string(a.value);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton(key.c_str(), ImVec2(bw, bh)) && !tv.leaveDialog) out.answer = a.value;
        const bool held = ImGui::IsItemActive();
        ui.noteItem(key, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        dl->AddRectFilled(p, ImVec2(p.x + bw, p.y + bh), col(held || chosen ? t.primary : t.card),
                          ui.em(0.8f));
        dl->AddRect(p, ImVec2(p.x + bw, p.y + bh), col(t.secondaryActive), ui.em(0.8f), 0, 2.f);
        const Rgb ink = held || chosen ? t.onPrimary : t.text;
        drawFace(dl, ImVec2(p.x + bw * 0.5f, p.y + ui.em(0.5f) + faceR), faceR, moodOfIcon(a.icon),
                 col(held || chosen ? t.primary : t.bg), col(ink));
        ImGui::SetCursorScreenPos(ImVec2(p.x + ui.em(0.5f), p.y + ui.em(0.9f) + 2 * faceR));
        paragraph(ui, ui.fonts.bold, a.label.get(ui.lang), bw - ui.em(1.f), ink, Align::Center);
    }

    // Skip and pause, smaller, below.
    const ImVec2 small(ui.em(12.f), ui.em(3.f));
    ImGui::SetCursorPos(ImVec2(margin, ws.y - ui.em(4.5f)));
    if (button(ui, "test_pause", ui.tr("test_pause"), small, Tone::Secondary)) out.pause = true;
    ImGui::SetCursorPos(ImVec2(margin + w - small.x, ws.y - ui.em(4.5f)));
    if (button(ui, "test_skip", ui.tr("test_skip"), small, Tone::Secondary)) out.skipItem = true;
}

ImVec2 beginPanel(Ui& ui, ImVec2 ps) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ws, IM_COL32(0, 0, 0, 150));
    const ImVec2 p((ws.x - ps.x) * 0.5f, (ws.y - ps.y) * 0.5f);
    dl->AddRectFilled(p, ImVec2(p.x + ps.x, p.y + ps.y), col(t.overlayPanel), ui.em(0.8f));
    dl->AddRectFilled(p, ImVec2(p.x + ps.x, p.y + ui.em(0.5f)), col(t.accent), ui.em(0.8f),
                      ImDrawFlags_RoundCornersTop);
    return p;
}

void drawLeaveDialog(Ui& ui, const View&, Intent& out) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    const ImVec2 ps(std::min(ws.x - ui.em(2.f), ui.em(38.f)), ui.em(17.f));
    const ImVec2 p = beginPanel(ui, ps);
    const float pad = ui.em(2.f);
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
    paragraph(ui, ui.fonts.heading, ui.tr("leave_title"), ps.x - 2 * pad, t.text, Align::Center);
    ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, ImGui::GetCursorScreenPos().y));
    paragraph(ui, ui.fonts.body, ui.tr("leave_body"), ps.x - 2 * pad, t.text, Align::Center);
    const ImVec2 b((ps.x - 2 * pad - ui.em(1.f)) * 0.5f, ui.em(3.6f));
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + ps.y - pad - b.y));
    if (button(ui, "leave_stay", ui.tr("leave_stay"), b, Tone::Secondary)) out.leaveStay = true;
    ImGui::SameLine(0, ui.em(1.f));
    if (button(ui, "leave_later", ui.tr("leave_later"), b)) out.leaveLater = true;
}

} // namespace kesip::ui
