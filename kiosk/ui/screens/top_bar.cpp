#include "ui/screens/screens.hpp"

namespace kesip::ui {

float topBarHeight(const Ui& ui) {
    return ui.em(3.6f);
}

void logo(Ui& ui, ImFont* font, const std::string& text, Rgb color, Intent& out, float centreInWidth) {
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.c_str());
    if (centreInWidth > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (centreInWidth - size.x) * 0.5f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    // Deliberately no pressed look: the entry stays hidden from visitors.
    ImGui::InvisibleButton("logo", size);
    if (ImGui::IsItemActive()) out.holdingLogo = true;
    ui.noteItem("logo", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ui.noteText(text);
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, p, col(color), text.c_str());
}

void drawTopBar(Ui& ui, const View& v, Intent& out) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    const float h = topBarHeight(ui);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(ws.x, h), col(t.bar));
    dl->AddRectFilled(ImVec2(0, h - ui.em(0.15f)), ImVec2(ws.x, h), col(t.accent));

    const float pad = ui.em(0.6f);
    const float bh = h - 2 * pad - ui.em(0.15f);
    // Logo (later: press and hold for staff access).
    ImGui::SetCursorPos(ImVec2(ui.em(1.f), (h - ui.fonts.heading->FontSize) * 0.5f));
    logo(ui, ui.fonts.heading, ui.tr("app_name"), t.onBar, out);

    float x = ui.em(8.f);
    if (v.depth > 1) {
        ImGui::SetCursorPos(ImVec2(x, pad));
        if (button(ui, "nav_back", "\xE2\x80\xB9 " + ui.tr("nav_back"), ImVec2(ui.em(6.5f), bh), Tone::OnBar))
            out.back = true;
        x += ui.em(6.9f);
        ImGui::SetCursorPos(ImVec2(x, pad));
        if (button(ui, "nav_home", ui.tr("nav_home"), ImVec2(ui.em(6.5f), bh), Tone::OnBar)) out.home = true;
    }

    // Language switch: both names always in their own language, the current one highlighted.
    const float lw = ui.em(7.f);
    float lx = ws.x - ui.em(1.f) - 2 * lw - ui.em(0.4f);
    // Large text and high contrast sit next to it on every student screen: no hidden setting.
    const float aw = ui.em(3.2f);
    ImGui::SetCursorPos(ImVec2(lx - 2 * (aw + ui.em(0.4f)) - ui.em(0.6f), pad));
    if (button(ui, "a11y_large_text", ui.tr("a11y_large_text"), ImVec2(aw, bh),
               v.largeText ? Tone::OnBarSelected : Tone::OnBar))
        out.toggleLargeText = true;
    ImGui::SetCursorPos(ImVec2(lx - (aw + ui.em(0.4f)) - ui.em(0.6f), pad));
    if (button(ui, "a11y_contrast", ui.tr("a11y_contrast"), ImVec2(aw, bh),
               v.highContrast ? Tone::OnBarSelected : Tone::OnBar))
        out.toggleContrast = true;
    // Read aloud what this screen is about (the item and its options, results, an occupation page).
    if (v.canSpeak && v.speakable) {
        ImGui::SetCursorPos(ImVec2(lx - 3 * (aw + ui.em(0.4f)) - ui.em(0.6f), pad));
        if (button(ui, "a11y_speak", ui.tr(v.speaking ? "a11y_speak_stop" : "a11y_speak"), ImVec2(aw, bh),
                   v.speaking ? Tone::OnBarSelected : Tone::OnBar))
            out.speak = true;
    }
    for (Lang l : kLangs) {
        ImGui::SetCursorPos(ImVec2(lx, pad));
        const char* key = l == Lang::ky ? l10n::K("lang_ky") : l10n::K("lang_ru");
        if (button(ui, key, ui.tr(key), ImVec2(lw, bh), ui.lang == l ? Tone::OnBarSelected : Tone::OnBar) &&
            ui.lang != l)
            out.setLang = l;
        lx += lw + ui.em(0.4f);
    }
    ImGui::SetCursorPos(ImVec2(0, h));
}

} // namespace kesip::ui
