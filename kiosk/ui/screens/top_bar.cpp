#include "ui/screens/screens.hpp"

namespace kesip::ui {

namespace {

// Sizes of the bar's parts, from the labels in the current language and font.
struct BarLayout {
    float row, pad, bh; // one row's height, padding, button height
    float logoW, navW, aw, lw, gap;
    bool twoRows;
};

BarLayout barLayout(const Ui& ui) {
    BarLayout b;
    b.row = ui.em(3.6f);
    b.pad = ui.em(0.6f);
    b.bh = b.row - 2 * b.pad - ui.em(0.15f);
    b.gap = ui.em(0.4f);
    b.logoW = textWidth(ui.fonts.heading, ui.tr("app_name"));
    b.navW =
        std::max({ui.em(6.5f), textWidth(ui.fonts.bold, "\xE2\x80\xB9 " + ui.tr("nav_back")) + ui.em(1.4f),
                  textWidth(ui.fonts.bold, ui.tr("nav_home")) + ui.em(1.4f)});
    b.aw = ui.em(3.2f);
    b.lw = std::max(textWidth(ui.fonts.bold, ui.tr("lang_ky")), textWidth(ui.fonts.bold, ui.tr("lang_ru"))) +
           ui.em(1.6f);
    // Widest case (back, home and the speaker button all shown), so the bar keeps one shape on every
    // screen of a visit.
    const float left = ui.em(1.f) + b.logoW + ui.em(1.f) + 2 * b.navW + b.gap;
    const float right = 3 * (b.aw + b.gap) + ui.em(0.6f) + 2 * b.lw + b.gap + ui.em(1.f);
    b.twoRows = left + ui.em(1.f) + right > ui.screen().x;
    return b;
}

} // namespace

float topBarHeight(const Ui& ui) {
    const BarLayout b = barLayout(ui);
    return b.twoRows ? 2 * b.row : b.row;
}

void logo(Ui& ui, ImFont* font, const std::string& text, Rgb color, Intents& out, float centreInWidth) {
    const ImVec2 size(textWidth(font, text), font->FontSize);
    if (centreInWidth > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (centreInWidth - size.x) * 0.5f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    // Deliberately no pressed look: the entry stays hidden from visitors.
    ImGui::InvisibleButton("logo", size);
    if (ImGui::IsItemActive()) out.emit(intent::HoldingLogo{});
    ui.noteItem("logo", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    drawText(ui, font, text, p, size.x + 1.f, color, Align::Left, TextKind::TopBar, p,
             ImVec2(p.x + size.x + 1.f, p.y + size.y));
}

void drawTopBar(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    const BarLayout b = barLayout(ui);
    const float h = topBarHeight(ui);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(ws.x, h), col(t.bar));
    dl->AddRectFilled(ImVec2(0, h - ui.em(0.15f)), ImVec2(ws.x, h), col(t.accent));

    // Row one: the logo (press and hold for staff access), back and home.
    ImGui::SetCursorPos(ImVec2(ui.em(1.f), (b.row - ui.fonts.heading->FontSize) * 0.5f));
    logo(ui, ui.fonts.heading, ui.tr("app_name"), t.onBar, out);
    float x = std::max(ui.em(8.f), ui.em(2.f) + b.logoW);
    if (v.depth > 1) {
        ImGui::SetCursorPos(ImVec2(x, b.pad));
        if (button(ui, "nav_back", "\xE2\x80\xB9 " + ui.tr("nav_back"), ImVec2(b.navW, b.bh), Tone::OnBar,
                   true, TextKind::TopBar))
            out.emit(intent::Back{});
        x += b.navW + b.gap;
        ImGui::SetCursorPos(ImVec2(x, b.pad));
        if (button(ui, "nav_home", ui.tr("nav_home"), ImVec2(b.navW, b.bh), Tone::OnBar, true,
                   TextKind::TopBar))
            out.emit(intent::Home{});
    }

    // Language switch (right) with large text, contrast and read-aloud beside it; on a narrow screen
    // they take a second row. Both language names always in their own language, the current one
    // highlighted.
    const float y = b.twoRows ? b.row + b.pad - ui.em(0.15f) : b.pad;
    float lx = ws.x - ui.em(1.f) - 2 * b.lw - b.gap;
    // One row: read-aloud, large text, contrast left of the languages. Two rows: from the left edge,
    // large text and contrast first, so they never move when read-aloud comes and goes.
    const float a0 = b.twoRows ? ui.em(1.f) : lx - 3 * (b.aw + b.gap) - ui.em(0.6f);
    const int largeSlot = b.twoRows ? 0 : 1, speakSlot = b.twoRows ? 2 : 0;
    // Large text and high contrast on every student screen: no hidden setting.
    ImGui::SetCursorPos(ImVec2(a0 + float(largeSlot) * (b.aw + b.gap), y));
    if (button(ui, "a11y_large_text", ui.tr("a11y_large_text"), ImVec2(b.aw, b.bh),
               v.largeText ? Tone::OnBarSelected : Tone::OnBar, true, TextKind::TopBar))
        out.emit(intent::ToggleLargeText{});
    ImGui::SetCursorPos(ImVec2(a0 + float(largeSlot + 1) * (b.aw + b.gap), y));
    if (button(ui, "a11y_contrast", ui.tr("a11y_contrast"), ImVec2(b.aw, b.bh),
               v.highContrast ? Tone::OnBarSelected : Tone::OnBar, true, TextKind::TopBar))
        out.emit(intent::ToggleContrast{});
    // Read aloud what this screen is about (the item and its options, results, an occupation page).
    if (v.canSpeak && v.speakable) {
        ImGui::SetCursorPos(ImVec2(a0 + float(speakSlot) * (b.aw + b.gap), y));
        if (button(ui, "a11y_speak", ui.tr(v.speaking ? "a11y_speak_stop" : "a11y_speak"), ImVec2(b.aw, b.bh),
                   v.speaking ? Tone::OnBarSelected : Tone::OnBar, true, TextKind::TopBar))
            out.emit(intent::Speak{});
    }
    for (Lang l : kLangs) {
        ImGui::SetCursorPos(ImVec2(lx, y));
        const char* key = l == Lang::ky ? l10n::K("lang_ky") : l10n::K("lang_ru");
        if (button(ui, key, ui.tr(key), ImVec2(b.lw, b.bh), ui.lang == l ? Tone::OnBarSelected : Tone::OnBar,
                   true, TextKind::TopBar) &&
            ui.lang != l)
            out.emit(intent::SetLang{l});
        lx += b.lw + b.gap;
    }
    ImGui::SetCursorPos(ImVec2(0, h));
}

} // namespace kesip::ui
