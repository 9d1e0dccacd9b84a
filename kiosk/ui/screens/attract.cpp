#include "ui/screens/screens.hpp"

namespace kesip::ui {

// The first thing a passer-by sees: name, one inviting line in both languages, a big start button and
// the language choice. Kyrgyz first everywhere.
void drawAttract(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // A sun-yellow band as the only decoration.
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(ws.x, ui.em(0.6f)), col(t.accent));
    dl->AddRectFilled(ImVec2(0, ws.y - ui.em(0.6f)), ImVec2(ws.x, ws.y), col(t.primary));

    const float w = std::min(ws.x - ui.em(4.f), ui.em(46.f));
    const float x = (ws.x - w) * 0.5f;
    float y = ws.y * 0.12f;
    ImGui::SetCursorPos(ImVec2(x, y));
    logo(ui, ui.fonts.title, ui.tr(Lang::ky, "app_name"), t.primary, out, w);
    ImGui::SetCursorPosX(x);
    ImGui::Dummy(ImVec2(0, ui.em(1.f)));
    ImGui::SetCursorPosX(x);
    paragraph(ui, ui.fonts.heading, ui.tr(Lang::ky, "attract_tagline"), w, t.text, Align::Center);
    ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
    ImGui::SetCursorPosX(x);
    paragraph(ui, ui.fonts.body, ui.tr(Lang::ru, "attract_tagline"), w, t.muted, Align::Center);

    ImGui::Dummy(ImVec2(0, ui.em(2.f)));
    const std::string startLabel =
        ui.tr(Lang::ky, "attract_start") + " / " + ui.tr(Lang::ru, "attract_start");
    const ImVec2 big(std::min(ui.em(22.f), w), ui.em(4.f));
    ImGui::SetCursorPosX((ws.x - big.x) * 0.5f);
    if (button(ui, "attract_start", startLabel, big)) out.emit(intent::Push{{flow::ScreenId::Language, {}}});

    ImGui::Dummy(ImVec2(0, ui.em(1.2f)));
    const ImVec2 lang(ui.em(10.5f), ui.em(3.f));
    ImGui::SetCursorPosX((ws.x - 2 * lang.x - ui.em(1.f)) * 0.5f);
    if (button(ui, "attract_ky", ui.tr("lang_ky"), lang, Tone::Secondary))
        out.emit(intent::StartVisit{Lang::ky});
    ImGui::SameLine(0, ui.em(1.f));
    if (button(ui, "attract_ru", ui.tr("lang_ru"), lang, Tone::Secondary))
        out.emit(intent::StartVisit{Lang::ru});

    const std::string privKy = ui.tr(Lang::ky, "attract_privacy"),
                      privRu = ui.tr(Lang::ru, "attract_privacy");
    const float privH =
        paragraphHeight(ui, ui.fonts.body, privKy, w) + paragraphHeight(ui, ui.fonts.body, privRu, w);
    ImGui::SetCursorPos(ImVec2(x, std::max(ImGui::GetCursorPosY() + ui.em(1.f), ws.y - ui.em(1.4f) - privH)));
    paragraph(ui, ui.fonts.body, privKy, w, t.muted, Align::Center);
    ImGui::SetCursorPosX(x);
    paragraph(ui, ui.fonts.body, privRu, w, t.muted, Align::Center);

    // Accessibility toggles, also before a language is chosen.
    const ImVec2 ab(ui.em(3.4f), ui.em(3.f));
    ImGui::SetCursorPos(ImVec2(ws.x - 2 * ab.x - ui.em(1.6f), ui.em(1.4f)));
    if (button(ui, "a11y_large_text", ui.tr("a11y_large_text"), ab,
               v.largeText ? Tone::Primary : Tone::Secondary))
        out.emit(intent::ToggleLargeText{});
    ImGui::SameLine(0, ui.em(0.6f));
    if (button(ui, "a11y_contrast", ui.tr("a11y_contrast"), ab,
               v.highContrast ? Tone::Primary : Tone::Secondary))
        out.emit(intent::ToggleContrast{});
}

void drawLanguage(Ui& ui, const View&, Intents& out) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    const float w = std::min(ws.x - ui.em(4.f), ui.em(46.f));
    const float x = (ws.x - w) * 0.5f;
    ImGui::SetCursorPos(ImVec2(x, ws.y * 0.2f));
    paragraph(ui, ui.fonts.heading, ui.tr(Lang::ky, "lang_title") + " / " + ui.tr(Lang::ru, "lang_title"), w,
              t.text, Align::Center);
    ImGui::Dummy(ImVec2(0, ui.em(2.f)));
    // Side by side, or one above the other when the window is too narrow for both.
    const ImVec2 big(std::min(ui.em(16.f), w), ui.em(6.f));
    const bool stacked = 2 * big.x + ui.em(2.f) > w;
    ImGui::SetCursorPosX(stacked ? (ws.x - big.x) * 0.5f : (ws.x - 2 * big.x - ui.em(2.f)) * 0.5f);
    if (button(ui, "choose_ky", ui.tr("lang_ky"), big)) out.emit(intent::StartVisit{Lang::ky});
    if (stacked) {
        ImGui::Dummy(ImVec2(0, ui.em(1.f)));
        ImGui::SetCursorPosX((ws.x - big.x) * 0.5f);
    } else {
        ImGui::SameLine(0, ui.em(2.f));
    }
    if (button(ui, "choose_ru", ui.tr("lang_ru"), big)) out.emit(intent::StartVisit{Lang::ru});
    ImGui::Dummy(ImVec2(0, ui.em(3.f)));
    const std::string backLabel =
        "\xE2\x80\xB9 " + ui.tr(Lang::ky, "nav_back") + " / " + ui.tr(Lang::ru, "nav_back");
    const float bw = std::min(w, std::max(ui.em(10.f), textWidth(ui.fonts.bold, backLabel) + ui.em(1.6f)));
    ImGui::SetCursorPosX((ws.x - bw) * 0.5f);
    if (button(ui, "nav_back", backLabel, ImVec2(bw, buttonHeight(ui, backLabel, bw, ui.em(2.6f))),
               Tone::Secondary))
        out.emit(intent::Back{});
}

} // namespace kesip::ui
