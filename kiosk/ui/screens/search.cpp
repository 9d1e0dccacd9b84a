#include <algorithm>

#include "ui/screens/screens.hpp"

namespace kesip::ui {

using l10n::K;

namespace {

std::vector<std::string> splitUtf8(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        size_t n = 1;
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0)
            n = 4;
        else if (c >= 0xE0)
            n = 3;
        else if (c >= 0xC0)
            n = 2;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

// Keys a little lower on a short window (large text on a landscape screen) so results keep some room,
// a little taller on a portrait one.
float keyHeight(const Ui& ui) {
    return std::clamp((ui.screen().y * 0.42f - 4 * ui.em(0.35f)) / 5.f, ui.em(2.2f),
                      ui.portrait() ? ui.em(3.2f) : ui.em(2.7f));
}

} // namespace

// The on-screen keyboard. Rows come from the locale root bundle (kb_ky_1 ...), so no letters live in code.
void onScreenKeyboard(Ui& ui, int layout, ImVec2 origin, float width, Intents& out) {
    SearchView sv;
    sv.layout = layout;
    const char* rowsByLayout[3][3] = {{K("kb_ky_1"), K("kb_ky_2"), K("kb_ky_3")},
                                      {K("kb_ru_1"), K("kb_ru_2"), K("kb_ru_3")},
                                      {K("kb_lat_1"), K("kb_lat_2"), K("kb_lat_3")}};
    const float gap = ui.em(0.35f);
    const float kh = keyHeight(ui);
    const float kw = (width - gap * 11.f) / 12.f;
    std::vector<std::vector<std::string>> rows;
    rows.push_back(splitUtf8(ui.tr("kb_digits")));
    for (const char* r : rowsByLayout[std::clamp(sv.layout, 0, 2)]) rows.push_back(splitUtf8(ui.tr(r)));
    float y = origin.y;
    for (const auto& row : rows) {
        const float rowW = float(row.size()) * kw + float(row.size() - 1) * gap;
        float x = origin.x + (width - rowW) * 0.5f;
        for (const std::string& k : row) {
            ImGui::SetCursorPos(ImVec2(x, y));
            if (button(ui, ("key_" + k).c_str(), k, ImVec2(kw, kh), Tone::Secondary, true, TextKind::Key))
                out.emit(intent::Type{k});
            x += kw + gap;
        }
        y += kh + gap;
    }
    // Bottom row: layouts, space, backspace, clear; each at least as wide as its label.
    const char* names[3] = {K("kb_name_ky"), K("kb_name_ru"), K("kb_name_lat")};
    float lw = kw * 1.4f;
    for (const char* n : names) lw = std::max(lw, textWidth(ui.fonts.bold, ui.tr(n)) + ui.em(1.f));
    const float ew = std::max({kw * 1.6f, textWidth(ui.fonts.bold, ui.tr("kb_backspace")) + ui.em(1.f),
                               textWidth(ui.fonts.bold, ui.tr("kb_clear")) + ui.em(1.f)});
    float x = origin.x;
    for (int l = 0; l < 3; ++l) {
        ImGui::SetCursorPos(ImVec2(x, y));
        const std::string key = std::string("kb_layout_") + std::to_string(l);
        if (button(ui, key.c_str(), ui.tr(names[l]), ImVec2(lw, kh),
                   sv.layout == l ? Tone::Primary : Tone::Secondary, true, TextKind::Key))
            out.emit(intent::KeyboardLayout{l});
        x += lw + gap;
    }
    const float rest = origin.x + width - x;
    ImGui::SetCursorPos(ImVec2(x, y));
    if (button(ui, "kb_space", ui.tr("kb_space"), ImVec2(rest - 2 * (ew + gap), kh), Tone::Secondary, true,
               TextKind::Key))
        out.emit(intent::Type{" "});
    ImGui::SetCursorPos(ImVec2(origin.x + width - 2 * ew - gap, y));
    if (button(ui, "kb_backspace", ui.tr("kb_backspace"), ImVec2(ew, kh), Tone::Secondary, true,
               TextKind::Key))
        out.emit(intent::Backspace{});
    ImGui::SetCursorPos(ImVec2(origin.x + width - ew, y));
    if (button(ui, "kb_clear", ui.tr("kb_clear"), ImVec2(ew, kh), Tone::Secondary, true, TextKind::Key))
        out.emit(intent::ClearQuery{});
}

float onScreenKeyboardHeight(const Ui& ui) {
    return 5 * keyHeight(ui) + 4 * ui.em(0.35f);
}

void drawSearch(Ui& ui, const View& v, Intents& out) {
    drawTopBar(ui, v, out);
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(2.f);
    const float w = ws.x - 2 * margin;
    if (!v.content || !v.search) {
        ImGui::SetCursorPos(ImVec2(margin, topBarHeight(ui) + ui.em(3.f)));
        paragraph(ui, ui.fonts.heading, ui.tr("enc_unavailable"), w, t.text, Align::Center);
        return;
    }
    const SearchView& sv = *v.search;
    const catalog::Content& c = *v.content;

    // Query box.
    const float boxTop = topBarHeight(ui) + ui.em(0.8f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 wp = ImGui::GetWindowPos();
    const ImVec2 b0(wp.x + margin, wp.y + boxTop), b1(wp.x + margin + w, wp.y + boxTop + ui.em(3.f));
    dl->AddRectFilled(b0, b1, col(t.card), ui.em(0.5f));
    dl->AddRect(b0, b1, col(t.primary), ui.em(0.5f), 0, 3.f);
    ImGui::SetCursorPos(ImVec2(margin + ui.em(1.f), boxTop + ui.em(0.5f)));
    if (sv.query.empty())
        paragraph(ui, ui.fonts.heading, ui.tr("search_placeholder"), w - ui.em(2.f), t.muted);
    else
        paragraph(ui, ui.fonts.heading, sv.query + "|", w - ui.em(2.f), t.text);

    // Keyboard at the bottom; results between.
    const float kbH = 5 * keyHeight(ui) + 4 * ui.em(0.35f);
    const float kbTop = ws.y - kbH - ui.em(0.8f);
    const float resTop = boxTop + ui.em(3.6f);
    const float resH = kbTop - resTop - ui.em(0.6f);
    ImGui::SetCursorPos(ImVec2(margin, resTop));
    if (!sv.query.empty()) {
        if (sv.result.hits.empty()) {
            paragraph(ui, ui.fonts.bold, ui.tr("search_none"), w, t.text);
            if (!sv.result.suggestions.empty()) {
                ImGui::SetCursorPosX(margin);
                paragraph(ui, ui.fonts.body, ui.tr("search_maybe"), w, t.muted);
                float x = margin;
                float y = ImGui::GetCursorPosY();
                for (size_t i = 0; i < sv.result.suggestions.size(); ++i) {
                    const std::string& s = sv.result.suggestions[i];
                    const float bw = std::min(w, textWidth(ui.fonts.bold, s) + ui.em(2.f));
                    if (x > margin && x + bw > margin + w) x = margin, y += ui.em(3.f); // next row
                    ImGui::SetCursorPos(ImVec2(x, y));
                    if (button(ui, ("suggest_" + std::to_string(i)).c_str(), s, ImVec2(bw, ui.em(2.4f)),
                               Tone::Secondary))
                        out.emit(intent::SetQuery{s});
                    x += bw + ui.em(0.6f);
                }
            }
            ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + ui.em(0.6f)));
            if (button(ui, "search_browse", ui.tr("search_browse"), ImVec2(ui.em(16.f), ui.em(2.6f))))
                out.emit(intent::Push{{flow::ScreenId::Encyclopedia, {}}});
        } else {
            paragraph(ui, ui.fonts.body, ui.tr("search_found", {{"n", int(sv.result.hits.size())}}), w,
                      t.muted);
            ImGui::SetCursorPosX(margin);
            const float listH = resH - ui.em(1.6f);
            beginDragScroll(ui, "search_list", ImVec2(w - pageButtonsWidth(ui), listH));
            // Compact rows, two columns when a title has 16 em, each row as tall as its longer title.
            const float lw = w - pageButtonsWidth(ui) - ui.em(1.f);
            const int cols = (lw - ui.em(1.f)) * 0.5f >= ui.em(16.f) ? 2 : 1;
            const float cw = (lw - ui.em(1.f) * float(cols - 1)) / float(cols);
            const auto& hits = sv.result.hits;
            // star: each title with its star at its right.
            const float gap = ui.em(0.4f), bw = cw - diaryStarSide(ui) - gap;
            for (size_t i = 0; i < hits.size(); i += size_t(cols)) {
                float rh = ui.em(2.6f);
                for (size_t j = i; j < std::min(hits.size(), i + size_t(cols)); ++j)
                    rh = buttonHeight(ui, c.occupations[size_t(hits[j].occupation)].title.get(ui.lang), bw,
                                      rh);
                for (size_t j = i; j < std::min(hits.size(), i + size_t(cols)); ++j) {
                    const catalog::Occupation& o = c.occupations[size_t(hits[j].occupation)];
                    if (j > i) ImGui::SameLine(0, ui.em(1.f));
                    const std::string key = "result_" + o.id;
                    if (button(ui, key.c_str(), o.title.get(ui.lang), ImVec2(bw, rh), Tone::Secondary))
                        out.emit(intent::Push{{flow::ScreenId::Occupation, o.id}});
                    ImGui::SameLine(0, gap);
                    diaryStar(ui, v, out, o.id, "search", rh);
                }
            }
            endDragScroll(ui, "search_list");
            pageButtons(ui, "search_list", ImVec2(ws.x - margin - ui.em(4.f), resTop + ui.em(1.6f)), listH);
        }
    }
    onScreenKeyboard(ui, sv.layout, ImVec2(margin, kbTop), w, out);
}

} // namespace kesip::ui
