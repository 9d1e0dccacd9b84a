#include "ui/screens/diary_common.hpp"

#include <algorithm>
#include <cmath>

namespace kesip::ui {

using l10n::K;

namespace diaryui {

std::string monthLabel(const std::string& m) {
    if (m.size() != 7) return m;
    return m.substr(5, 2) + "." + m.substr(0, 4);
}

int chips(Ui& ui, const std::vector<Chip>& list, float width) {
    if (list.empty()) return -1;
    const float x0 = ImGui::GetCursorPosX(), h = ui.em(2.4f), gap = ui.em(0.5f);
    float x = x0, y = ImGui::GetCursorPosY(), rowH = h;
    int tapped = -1;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string label = (list[i].on ? "\xE2\x9C\x93 " : "") + list[i].label;
        const float bw =
            std::min(width, textWidth(ui.fonts.bold, "\xE2\x9C\x93 " + list[i].label) + ui.em(1.6f));
        const float bh = buttonHeight(ui, label, bw, h);
        if (x > x0 && x + bw > x0 + width) x = x0, y += rowH + gap, rowH = h; // next row
        ImGui::SetCursorPos(ImVec2(x, y));
        if (button(ui, list[i].key.c_str(), label, ImVec2(bw, bh),
                   list[i].on ? Tone::Primary : Tone::Secondary))
            tapped = int(i);
        rowH = std::max(rowH, bh);
        x += bw + gap;
    }
    ImGui::SetCursorPos(ImVec2(x0, y + rowH + gap));
    ImGui::Dummy(ImVec2(0, 0));
    return tapped;
}

float beginBody(Ui& ui, const char* id, float bottomReserve) {
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(1.5f), top = topBarHeight(ui) + ui.em(0.6f);
    ImGui::SetCursorPos(ImVec2(margin, top));
    const float w = ws.x - 2 * margin - pageButtonsWidth(ui);
    beginDragScroll(ui, id, ImVec2(w, ws.y - top - ui.em(0.6f) - bottomReserve));
    return w - ui.em(1.f);
}

void endBody(Ui& ui, const char* id, float bottomReserve) {
    ImGui::Dummy(ImVec2(0, ui.em(1.f)));
    endDragScroll(ui, id);
    const ImVec2 ws = ImGui::GetWindowSize();
    const float top = topBarHeight(ui) + ui.em(0.6f);
    if (overflows(ui, id))
        pageButtons(ui, id, ImVec2(ws.x - ui.em(1.5f) - ui.em(4.f), top),
                    ws.y - top - ui.em(0.6f) - bottomReserve);
}

void message(Ui& ui, const DiaryView& dv, float width) {
    if (!dv.messageKey) return;
    const std::string text = ui.tr(dv.messageKey, {{"minutes", dv.minutes}});
    paragraph(ui, ui.fonts.bold, text, width, dv.messageIsError ? ui.theme().primary : ui.theme().text);
}

void digitPad(Ui& ui, Intents& out, float w, float kh, const std::string& okLabel, bool okEnabled,
              bool emitOk) {
    const float gap = ui.em(0.5f), kw = (w - 2 * gap) / 3.f;
    const ImVec2 o = ImGui::GetCursorPos();
    const char* keys = "1234567890";
    for (int i = 0; i < 10; ++i) {
        const int slot = i < 9 ? i : 10; // 0 under 8
        ImGui::SetCursorPos(ImVec2(o.x + float(slot % 3) * (kw + gap), o.y + float(slot / 3) * (kh + gap)));
        const std::string label(1, keys[i]);
        if (button(ui, ("dpin_" + label).c_str(), label, ImVec2(kw, kh), Tone::Secondary, true,
                   TextKind::Key))
            out.emit(intent::DiaryPinKey{keys[i]});
    }
    ImGui::SetCursorPos(ImVec2(o.x, o.y + 3 * (kh + gap)));
    if (button(ui, "dpin_back", ui.tr("kb_backspace"), ImVec2(kw, kh), Tone::Secondary))
        out.emit(intent::DiaryPinBack{});
    ImGui::SetCursorPos(ImVec2(o.x + 2 * (kw + gap), o.y + 3 * (kh + gap)));
    if (button(ui, "dpin_ok", okLabel, ImVec2(kw, kh), Tone::Primary, okEnabled)) {
        if (emitOk)
            out.emit(intent::DiaryPinOk{});
        else
            out.emit(intent::DiaryUnlock{});
    }
    ImGui::SetCursorPos(ImVec2(o.x, o.y + 4 * (kh + gap)));
    ImGui::Dummy(ImVec2(w, 0));
}

void pinDots(Ui& ui, size_t n, float width, bool centre) {
    // Circles drawn, not a glyph: the font atlas holds only the texts the kiosk shows.
    const float r = ui.em(0.45f), step = ui.em(1.5f), h = ui.em(2.4f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float x0 = centre ? p.x + (width - step * float(std::max<size_t>(n, 1))) * 0.5f : p.x;
    for (size_t i = 0; i < n; ++i)
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(x0 + step * (float(i) + 0.5f), p.y + h * 0.5f), r,
                                                    col(ui.theme().text));
    ImGui::Dummy(ImVec2(width, h));
}

std::string occupationTitle(const Ui& ui, const View& v, const std::string& id) {
    const int i = v.content ? v.content->occupationIndex(id) : -1;
    return i >= 0 ? v.content->occupations[size_t(i)].title.get(ui.lang) : id;
}

std::string fieldName(const Ui& ui, const View& v, const std::string& id) {
    const int i = v.content ? v.content->fieldIndex(id) : -1;
    return i >= 0 ? v.content->fields[size_t(i)].name.get(ui.lang) : id;
}

bool isSaved(const DiaryView& dv, const std::string& occupation) {
    if (dv.id.empty())
        return std::any_of(dv.pendingSaved.begin(), dv.pendingSaved.end(),
                           [&](const auto& p) { return p.first == occupation; });
    return dv.loaded && std::any_of(dv.loaded->saved.begin(), dv.loaded->saved.end(),
                                    [&](const auto& s) { return s.occupation == occupation; });
}

bool pathSeen(const DiaryView& dv, const std::string& path) {
    if (std::count(dv.failedPaths.begin(), dv.failedPaths.end(), path)) return true;
    if (dv.id.empty())
        return std::find(dv.pendingPaths.begin(), dv.pendingPaths.end(), path) != dv.pendingPaths.end();
    return dv.loaded && std::count(dv.loaded->paths.begin(), dv.loaded->paths.end(), path);
}

std::vector<std::string> diaryOccupations(const DiaryView& dv) {
    std::vector<std::string> out;
    if (!dv.loaded) return out;
    auto add = [&](const std::string& o) {
        if (!o.empty() && std::find(out.begin(), out.end(), o) == out.end()) out.push_back(o);
    };
    for (const auto& s : dv.loaded->saved) add(s.occupation);
    for (const auto& t : dv.loaded->trials) add(t.occupation);
    if (dv.loaded->decision) add(dv.loaded->decision->choice), add(dv.loaded->decision->planB);
    return out;
}

} // namespace diaryui

float diaryStarSide(const Ui& ui) {
    return ui.em(2.6f); // 73 px at 1080p: over UX.md's 64 px for a primary target
}

void diaryStar(Ui& ui, const View& v, Intents& out, const std::string& occupation, const char* source,
               float rowHeight) {
    if (!v.diary) return;
    const bool on = diaryui::isSaved(*v.diary, occupation);
    const std::string key = "star_" + occupation;
    bool tapped = false;
    if (rowHeight > 0.f) {
        // In a list row the star alone, square, as tall as the row and in heading size: the page's label
        // teaches what it means. Lit: the primary colour, as on the page.
        const float side = diaryStarSide(ui), h = std::max(rowHeight, side);
        const ImVec2 p = ImGui::GetCursorScreenPos(), q(p.x + side, p.y + h);
        tapped = button(ui, key.c_str(), "", ImVec2(side, h), on ? Tone::Primary : Tone::Secondary);
        ImFont* f = ui.fonts.heading;
        drawText(ui, f, ui.tr(on ? K("diary_star_row_on") : K("diary_star_row_off")),
                 ImVec2(p.x, p.y + std::round((h - lineHeight(f)) * 0.5f)), side,
                 on ? ui.theme().onPrimary : ui.theme().text, Align::Center, TextKind::Button, p, q);
    } else {
        const std::string label = ui.tr(on ? K("diary_star_saved") : K("diary_star_save"));
        const float w = std::max(textWidth(ui.fonts.bold, ui.tr("diary_star_saved")),
                                 textWidth(ui.fonts.bold, ui.tr("diary_star_save"))) +
                        ui.em(2.f);
        tapped = button(ui, key.c_str(), label, ImVec2(w, diaryStarSide(ui)),
                        on ? Tone::Primary : Tone::Secondary);
    }
    if (tapped) out.emit(intent::DiaryStar{occupation, source});
}

namespace {
// The home screen's diary buttons: beside "Finish" when their labels fit there, else in a row of their own
// above it (portrait, large text).
struct HomeDiaryLayout {
    std::vector<std::pair<const char*, std::string>> buttons; // key, label
    bool ownRow = false;
    float w = 0, h = 0;
};
HomeDiaryLayout homeDiaryLayout(Ui& ui, const View& v) {
    HomeDiaryLayout L;
    if (!v.diary) return L;
    if (!v.diary->id.empty())
        L.buttons = {{"home_diary_open", ui.tr("home_diary_open")}};
    else
        L.buttons = {{"home_diary_start", ui.tr("home_diary_start")},
                     {"home_diary_continue", ui.tr("home_diary_continue")}};
    const float margin = ui.em(2.f), gap = ui.em(1.f), n = float(L.buttons.size());
    const float beside = ui.screen().x - 2 * margin - ui.em(11.f) - gap;
    L.w = std::min(ui.em(16.f), (beside - gap * (n - 1)) / n);
    L.h = ui.em(3.f);
    for (const auto& b : L.buttons)
        L.ownRow = L.ownRow || ui.minWidth(ui.fonts.bold, b.second) + ui.em(1.6f) > L.w ||
                   buttonHeight(ui, b.second, L.w, L.h) > L.h;
    if (!L.ownRow) return L;
    // Narrow: one button to the unlock screen, which also offers a new diary.
    if (v.diary->id.empty()) {
        L.buttons = {{"home_diary", ui.tr("home_diary")}};
        L.w = std::min(ui.em(16.f), beside);
        L.ownRow = ui.minWidth(ui.fonts.bold, L.buttons[0].second) + ui.em(1.6f) > L.w ||
                   buttonHeight(ui, L.buttons[0].second, L.w, L.h) > L.h;
        if (!L.ownRow) return L;
    }
    L.w = (ui.screen().x - 2 * margin - gap * (n - 1)) / n;
    for (const auto& b : L.buttons) L.h = std::max(L.h, buttonHeight(ui, b.second, L.w, ui.em(3.f)));
    return L;
}
} // namespace

float homeDiaryExtra(Ui& ui, const View& v) {
    const HomeDiaryLayout L = homeDiaryLayout(ui, v);
    return L.ownRow ? L.h + ui.em(1.f) : 0.f;
}

float homeDiaryButtons(Ui& ui, const View& v, Intents& out, float barTop, float barH) {
    const HomeDiaryLayout L = homeDiaryLayout(ui, v);
    const float gap = ui.em(1.f);
    const float y = L.ownRow ? barTop - L.h - ui.em(0.5f) : barTop + (barH - L.h) * 0.5f;
    float x = ui.em(2.f);
    for (const auto& [key, label] : L.buttons) {
        ImGui::SetCursorPos(ImVec2(x, y));
        if (button(ui, key, label, ImVec2(L.w, L.h), Tone::Primary)) {
            if (std::string(key) == "home_diary_continue" || std::string(key) == "home_diary")
                out.emit(intent::Push{{flow::ScreenId::DiaryUnlock, {}}});
            else
                out.emit(intent::DiaryStart{});
        }
        x += L.w + gap;
    }
    return L.ownRow || L.buttons.empty() ? ui.em(2.f) : x; // where the bar is free from
}

} // namespace kesip::ui
