// The diary's doors: start one (a PIN picked twice, then the code shown large) and continue one (code on
// a keypad of the code alphabet, PIN on a digit pad). Nothing about the person is asked.
#include "ui/screens/diary_common.hpp"
#include "util/ids.hpp"

namespace kesip::ui {

using l10n::K;
using namespace diaryui;

namespace {
// Keys as tall as the body allows, within touch sizes.
float keyH(Ui& ui, float rows, float avail) {
    return std::clamp((avail - rows * ui.em(0.5f)) / rows, ui.em(2.2f), ui.em(3.4f));
}
} // namespace

void drawDiaryStart(Ui& ui, const View& v, Intents& out) {
    drawTopBar(ui, v, out);
    if (!v.diary) return;
    const DiaryView& dv = *v.diary;
    const Theme& t = ui.theme();
    const float w = beginBody(ui, "dstart_page");
    const float col = std::min(w, ui.em(30.f));
    const float x0 = ImGui::GetCursorPosX() + (w - col) * 0.5f;
    if (!dv.newCode.empty()) {
        // The code, large, with what to do with it.
        ImGui::SetCursorPosX(x0);
        paragraph(ui, ui.fonts.heading, ui.tr("diary_start_done"), col, t.text, Align::Center);
        ImGui::SetCursorPosX(x0);
        paragraph(ui, ui.fonts.title, dv.newCode, col, t.primary, Align::Center);
        ImGui::SetCursorPosX(x0);
        paragraph(ui, ui.fonts.body, ui.tr("diary_start_write_down"), col, t.text, Align::Center);
        ImGui::Dummy(ImVec2(0, ui.em(1.f)));
        ImGui::SetCursorPosX(x0);
        const std::string label = ui.tr("diary_start_open");
        if (button(ui, "diary_open", label, ImVec2(col, buttonHeight(ui, label, col, ui.em(3.2f)))))
            out.emit(intent::DiaryOpen{});
        return endBody(ui, "dstart_page");
    }
    ImGui::SetCursorPosX(x0);
    paragraph(ui, ui.fonts.heading, ui.tr(dv.repeating ? K("diary_pin_repeat") : K("diary_pin_pick")), col,
              t.text, Align::Center);
    ImGui::SetCursorPosX(x0);
    paragraph(ui, ui.fonts.body, ui.tr("diary_pin_hint"), col, t.muted, Align::Center);
    ImGui::SetCursorPosX(x0);
    pinDots(ui, dv.pin.size(), col, true);
    ImGui::SetCursorPosX(x0);
    message(ui, dv, col);
    ImGui::SetCursorPosX(x0);
    const float avail = ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - ui.em(1.f);
    digitPad(ui, out, col, keyH(ui, 4.f, avail), ui.tr("diary_pin_next"), dv.pin.size() >= 4, true);
    endBody(ui, "dstart_page");
}

void drawDiaryUnlock(Ui& ui, const View& v, Intents& out) {
    drawTopBar(ui, v, out);
    if (!v.diary) return;
    const DiaryView& dv = *v.diary;
    const Theme& t = ui.theme();
    const float w = beginBody(ui, "dunlock_page");
    const float x0 = ImGui::GetCursorPosX();
    paragraph(ui, ui.fonts.heading, ui.tr("diary_unlock_title"), w, t.text);
    ImGui::SetCursorPosX(x0);
    message(ui, dv, w);
    // Side by side when both fit, else the PIN under the code.
    const float gap = ui.em(2.f);
    const bool side = w >= ui.em(30.f) + gap + ui.em(14.f);
    const float codeW = side ? std::min(ui.em(34.f), w - gap - ui.em(16.f)) : std::min(w, ui.em(34.f));
    const float pinW = side ? std::min(ui.em(18.f), w - codeW - gap) : std::min(w, ui.em(20.f));
    const float top = ImGui::GetCursorPosY() + ui.em(0.4f);
    const float avail = ImGui::GetWindowHeight() - top - ui.em(6.f);

    // The code: typed characters and blanks, grouped as printed (ABC-DEF-GH7).
    ImGui::SetCursorPos(ImVec2(x0, top));
    paragraph(ui, ui.fonts.bold, ui.tr("diary_unlock_code"), codeW, t.text);
    std::string shown;
    for (int i = 0; i < diary::kCodeLength; ++i) {
        if (i == 3 || i == 6)
            shown += " - ";
        else if (i)
            shown += " ";
        shown += i < int(dv.codeEntry.size()) ? dv.codeEntry.substr(size_t(i), 1) : std::string("_");
    }
    ImGui::SetCursorPosX(x0);
    paragraph(ui, ui.fonts.large, shown, codeW, t.primary);
    const int cols = 8;
    const float kgap = ui.em(0.4f);
    const float kw = (codeW - kgap * float(cols - 1)) / float(cols);
    const float kh = side ? keyH(ui, 4.f, avail - ui.em(5.f)) : ui.em(2.4f);
    const float ky = ImGui::GetCursorPosY() + ui.em(0.3f);
    int i = 0;
    for (const char* p = kCodeAlphabet; *p; ++p, ++i) {
        ImGui::SetCursorPos(ImVec2(x0 + float(i % cols) * (kw + kgap), ky + float(i / cols) * (kh + kgap)));
        const std::string label(1, *p);
        if (button(ui, ("dcode_" + label).c_str(), label, ImVec2(kw, kh), Tone::Secondary, true,
                   TextKind::Key))
            out.emit(intent::DiaryCodeKey{*p});
    }
    ImGui::SetCursorPos(ImVec2(x0 + float(i % cols) * (kw + kgap), ky + float(i / cols) * (kh + kgap)));
    if (button(ui, "dcode_back", ui.tr("kb_backspace"), ImVec2(kw, kh), Tone::Secondary, true, TextKind::Key))
        out.emit(intent::DiaryCodeBack{});
    const float codeBottom = ky + float((i + cols) / cols) * (kh + kgap);

    // The PIN.
    const float px = side ? x0 + codeW + gap : x0;
    const float py = side ? top : codeBottom + ui.em(0.8f);
    ImGui::SetCursorPos(ImVec2(px, py));
    paragraph(ui, ui.fonts.bold, ui.tr("diary_unlock_pin"), pinW, t.text);
    ImGui::SetCursorPosX(px);
    pinDots(ui, dv.pinEntry.size(), pinW, false);
    ImGui::SetCursorPosX(px);
    digitPad(ui, out, pinW, side ? keyH(ui, 4.f, avail - ui.em(5.f)) : ui.em(2.6f),
             ui.tr("diary_unlock_open"),
             dv.codeEntry.size() == size_t(diary::kCodeLength) && dv.pinEntry.size() >= 4, false);
    ImGui::SetCursorPos(ImVec2(x0, std::max(ImGui::GetCursorPosY(), codeBottom) + ui.em(0.6f)));
    paragraph(ui, ui.fonts.body, ui.tr("diary_unlock_hint"), w, t.muted);
    // No diary yet (or the code is lost): start one from here too.
    const std::string start = ui.tr("home_diary_start");
    const float sw = std::min(w, ui.em(16.f));
    if (button(ui, "diary_unlock_start", start, ImVec2(sw, buttonHeight(ui, start, sw, ui.em(2.8f))),
               Tone::Secondary))
        out.emit(intent::DiaryStart{});
    endBody(ui, "dunlock_page");
}

} // namespace kesip::ui
