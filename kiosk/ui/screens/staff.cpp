#include <algorithm>
#include <cmath>

#include <ctime>
#include <functional>

#include "sync/summary.hpp"
#include "ui/screens/diary_common.hpp"
#include "ui/screens/staff_common.hpp"
#include "util/ids.hpp"

namespace kesip::ui {

using l10n::K;

// Staff and counselor screens have their own bar: the title left, their actions right. On a narrow
// window the actions flow onto further rows under the title. Returns the bar's height.
float staffBar(Ui& ui, const View& v, Intents& out, const std::string& title) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    const float row = ui.em(3.6f);
    const float gap = ui.em(0.5f), bh = row - ui.em(1.2f);
    struct Action {
        const char* key;
        std::string label;
        Tone tone;
        int what; // 0 logout, 1 ky, 2 ru, 3 back, 4 exit
    };
    std::vector<Action> acts = {{"staff_logout", ui.tr("staff_logout"), Tone::OnBar, 0}};
    for (Lang l : {Lang::ru, Lang::ky}) {
        const char* key = l == Lang::ky ? K("lang_ky") : K("lang_ru");
        acts.push_back(
            {key, ui.tr(key), ui.lang == l ? Tone::OnBarSelected : Tone::OnBar, l == Lang::ky ? 1 : 2});
    }
    if (v.depth > 1) acts.push_back({"nav_back", "\xE2\x80\xB9 " + ui.tr("nav_back"), Tone::OnBar, 3});
    if (v.staff && v.staff->isStaff)
        acts.push_back({"staff_exit_app", ui.tr("staff_exit_app"), Tone::OnBar, 4});
    auto widthOf = [&](const Action& a) {
        return std::max(ui.em(5.f), textWidth(ui.fonts.bold, a.label) + ui.em(1.6f));
    };
    float all = 0;
    for (const auto& a : acts) all += widthOf(a) + gap;
    const float titleW = textWidth(ui.fonts.heading, title);
    const bool ownRow = ui.em(2.f) + titleW + ui.em(1.f) + all > ws.x;
    // Rows of actions, right-aligned, filled from the right.
    std::vector<std::vector<const Action*>> rows(1);
    float used = ownRow ? 0.f : titleW + ui.em(2.f);
    for (const auto& a : acts) {
        if (!rows.back().empty() && used + widthOf(a) + gap + ui.em(1.f) > ws.x)
            rows.emplace_back(), used = 0;
        rows.back().push_back(&a);
        used += widthOf(a) + gap;
    }
    const float h = row * float(rows.size() + (ownRow ? 1 : 0));
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(ws.x, h), col(t.bar));
    ImGui::SetCursorPos(ImVec2(ui.em(1.f), (row - ui.fonts.heading->FontSize) * 0.5f));
    paragraph(ui, ui.fonts.heading, title, titleW + 1.f, t.onBar, Align::Left, TextKind::TopBar);
    for (size_t r = 0; r < rows.size(); ++r) {
        float x = ws.x - ui.em(1.f);
        const float y = row * float(r + (ownRow ? 1 : 0)) + ui.em(0.6f);
        for (const Action* a : rows[r]) {
            x -= widthOf(*a);
            ImGui::SetCursorPos(ImVec2(x, y));
            x -= gap;
            if (!button(ui, a->key, a->label, ImVec2(widthOf(*a), bh), a->tone, true, TextKind::TopBar))
                continue;
            if (a->what == 0) out.emit(intent::Logout{});
            if (a->what == 1) out.emit(intent::SetLang{Lang::ky});
            if (a->what == 2) out.emit(intent::SetLang{Lang::ru});
            if (a->what == 3) out.emit(intent::Back{});
            if (a->what == 4) out.emit(intent::ExitApp{});
        }
    }
    return h;
}

// Stored demographic codes to their labels (the demographics screen's own locale keys).
std::string demoLabel(const Ui& ui, const std::string& group, const std::string& code) {
    if (code == "na") return ui.tr("demo_na");
    if (code == "unknown") return ui.tr("sum_unknown");
    const std::string key = "demo_" + group + "_" + code;
    return ui.catalog().has(ui.lang, key) ? ui.tr(key) : code;
}

namespace {

const char* stateKey(const std::string& s) {
    return s == "completed"   ? K("state_completed")
           : s == "abandoned" ? K("state_abandoned")
                              : K("state_in_progress");
}

} // namespace

std::string ratePercent(int64_t part, int64_t whole) {
    // From the published (rounded) counts only, and hidden when either is under 5.
    if (whole < sync::kSmallCell || part < sync::kSmallCell) return "\xE2\x80\x94";
    return std::to_string(int(std::lround(100.0 * double(part) / double(whole))));
}

void drawPinPad(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    const StaffView& sv = *v.staff;
    const ImVec2 ws = ImGui::GetWindowSize();
    using M = StaffView::PinMode;
    const char* titleKey = sv.pinMode == M::Login
                               ? (sv.pinAsCounselor ? K("pin_title_counselor") : K("pin_title"))
                           : sv.pinMode == M::SetupStaff   ? K("pin_setup_title")
                           : sv.pinMode == M::SetCounselor ? K("pin_set_counselor")
                           : sv.pinMode == M::SetupCode    ? K("pin_setup_code_title")
                           : sv.pinMode == M::NoSetup      ? K("pin_setup_code_title")
                                                           : K("pin_setup_repeat");
    const float w = std::min(ui.em(24.f), ws.x - ui.em(2.f));
    const float x = (ws.x - w) * 0.5f;
    float y0 = std::min(ui.em(2.f), ws.y * 0.03f);
    if (sv.pinMode == M::Login) {
        // Whose PIN: each role has its own lock, so a visitor guessing one cannot lock out the other.
        const float bw = (w - ui.em(0.6f)) * 0.5f;
        ImGui::SetCursorPos(ImVec2(x, std::min(ui.em(0.6f), y0)));
        if (button(ui, "pin_role_staff", ui.tr("pin_role_staff"), ImVec2(bw, ui.em(2.4f)),
                   sv.pinAsCounselor ? Tone::Secondary : Tone::Primary))
            out.emit(intent::PinRole{false});
        ImGui::SameLine(0, ui.em(0.6f));
        if (button(ui, "pin_role_counselor", ui.tr("pin_role_counselor"), ImVec2(bw, ui.em(2.4f)),
                   sv.pinAsCounselor ? Tone::Primary : Tone::Secondary))
            out.emit(intent::PinRole{true});
        y0 = ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y + ui.em(0.6f);
    }
    ImGui::SetCursorPos(ImVec2(x, y0));
    paragraph(ui, ui.fonts.heading, ui.tr(titleKey), w, t.text, Align::Center);
    // Dots, never digits; drawn as circles (the font atlas has no "●").
    ImGui::SetCursorPosX(x);
    diaryui::pinDots(ui, sv.pinLength, w, true);
    ImGui::SetCursorPosX(x);
    paragraph(ui, ui.fonts.bold, sv.message.empty() ? std::string(" ") : sv.message, w,
              sv.messageIsError ? t.primary : t.text, Align::Center);
    const float gap = ui.em(0.6f);
    const float top = ImGui::GetCursorPosY() + ui.em(0.6f);
    // Keys as tall as the window allows (five rows of keys and the cancel button below them).
    const float kw = (w - 2 * gap) / 3.f;
    const float kh =
        std::clamp((ws.y - top - 5 * gap - ui.em(2.6f) - ui.em(1.f)) / 5.f, ui.em(2.4f), ui.em(3.6f));
    const char* keys = "123456789";
    for (int i = 0; i < 9; ++i) {
        ImGui::SetCursorPos(ImVec2(x + float(i % 3) * (kw + gap), top + float(i / 3) * (kh + gap)));
        const std::string label(1, keys[i]);
        if (button(ui, ("pin_" + label).c_str(), label, ImVec2(kw, kh), Tone::Secondary, true, TextKind::Key))
            out.emit(intent::PinKey{keys[i]});
    }
    const float y3 = top + 3 * (kh + gap);
    ImGui::SetCursorPos(ImVec2(x, y3));
    if (button(ui, "pin_clear", ui.tr("pin_clear"), ImVec2(kw, kh), Tone::Secondary))
        out.emit(intent::PinClear{});
    ImGui::SetCursorPos(ImVec2(x + kw + gap, y3));
    if (button(ui, "pin_0", "0", ImVec2(kw, kh), Tone::Secondary, true, TextKind::Key))
        out.emit(intent::PinKey{'0'});
    ImGui::SetCursorPos(ImVec2(x + 2 * (kw + gap), y3));
    if (button(ui, "pin_back", ui.tr("kb_backspace"), ImVec2(kw, kh), Tone::Secondary))
        out.emit(intent::PinBack{});
    ImGui::SetCursorPos(ImVec2(x, y3 + kh + gap));
    if (button(ui, "pin_ok", ui.tr("pin_ok"), ImVec2(w, kh))) out.emit(intent::PinSubmit{});
    ImGui::SetCursorPos(ImVec2(x, y3 + 2 * (kh + gap)));
    if (button(ui, "pin_cancel", ui.tr("nav_back"), ImVec2(w, ui.em(2.6f)), Tone::Secondary))
        out.emit(intent::Logout{});
}

void drawCounselor(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    const StaffView& sv = *v.staff;
    const float barH = staffBar(ui, v, out, ui.tr("counselor_title"));
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(1.5f);
    const float top = barH + ui.em(1.f);
    const bool narrow = ws.x < ui.em(48.f); // portrait: one column

    if (!sv.visit) {
        // Code entry on a keypad of the code alphabet.
        const float w = std::min(ui.em(30.f), ws.x - 2 * margin);
        ImGui::SetCursorPos(ImVec2(margin, top));
        paragraph(ui, ui.fonts.heading, ui.tr("counselor_enter_code"), w, t.text);
        std::string shown = sv.codeEntry;
        while (shown.size() < 6) shown += "_";
        std::string spaced;
        for (char c : shown) spaced += std::string(spaced.empty() ? "" : " ") + c;
        ImGui::SetCursorPosX(margin);
        paragraph(ui, ui.fonts.title, spaced, w, t.primary);
        if (!sv.message.empty()) {
            ImGui::SetCursorPosX(margin);
            paragraph(ui, ui.fonts.bold, sv.message, w, t.primary);
        }
        const char* alphabet = kCodeAlphabet;
        const int cols = 8;
        const float gap = ui.em(0.4f);
        const float kw = (w - gap * float(cols - 1)) / float(cols), kh = ui.em(2.8f);
        const float ky = ImGui::GetCursorPosY() + ui.em(0.5f);
        int i = 0;
        for (const char* p = alphabet; *p; ++p, ++i) {
            ImGui::SetCursorPos(
                ImVec2(margin + float(i % cols) * (kw + gap), ky + float(i / cols) * (kh + gap)));
            const std::string label(1, *p);
            if (button(ui, ("code_" + label).c_str(), label, ImVec2(kw, kh), Tone::Secondary))
                out.emit(intent::CodeKey{*p});
        }
        ImGui::SetCursorPos(ImVec2(margin + float(i % cols) * (kw + gap), ky + float(i / cols) * (kh + gap)));
        if (button(ui, "code_back", ui.tr("kb_backspace"), ImVec2(kw, kh), Tone::Secondary))
            out.emit(intent::CodeBack{});
        const float rows = float((i + cols) / cols);
        ImGui::SetCursorPos(ImVec2(margin, ky + rows * (kh + gap) + ui.em(0.4f)));
        if (button(ui, "code_open", ui.tr("counselor_open"), ImVec2(w, ui.em(3.2f)), Tone::Primary,
                   sv.codeEntry.size() == 6))
            out.emit(intent::CodeOpen{});
        // printjobs: a student's diary, opened with its code and PIN typed by the student; beside the
        // keypad, or under it on a narrow window.
        const std::string diaryLabel = ui.tr("cdiary_enter");
        const bool beside = ws.x - 3 * margin - w >= ui.em(12.f);
        const float dw = beside ? std::min(ui.em(20.f), ws.x - 3 * margin - w) : w;
        ImGui::SetCursorPos(beside ? ImVec2(2 * margin + w, top)
                                   : ImVec2(margin, ImGui::GetCursorPosY() + ui.em(0.6f)));
        if (button(ui, "cdiary_enter", diaryLabel, ImVec2(dw, buttonHeight(ui, diaryLabel, dw, ui.em(3.2f))),
                   Tone::Secondary))
            out.emit(intent::CounselorDiaryEnter{});

        return; // no list of today's codes or times: knowing who came when must not open answers
    }

    // One visit: profile, flags, matches, answers with times, structured note.
    const review::VisitReview& vr = *sv.visit;
    // Two columns side by side, or one above the other on a narrow window.
    const float colW = narrow ? ws.x - 2 * margin : (ws.x - 3 * margin) * 0.5f;
    const float leftH = narrow ? (ws.y - top) * 0.5f - ui.em(1.f) : ws.y - top - ui.em(1.f);
    ImGui::SetCursorPos(ImVec2(margin, top));
    beginDragScroll(ui, "visit_left", ImVec2(colW, leftH));
    const float w = colW - ui.em(1.f);
    paragraph(ui, ui.fonts.large, vr.session.code, w, t.primary);
    std::string demo;
    const std::pair<const char*, const std::optional<std::string>*> fields[] = {
        {"age", &vr.session.demo.ageBand},
        {"gender", &vr.session.demo.gender},
        {"status", &vr.session.demo.status},
        {"oblast", &vr.session.demo.oblast}};
    for (const auto& [group, f] : fields)
        demo += (demo.empty() ? "" : " \xC2\xB7 ") + demoLabel(ui, group, f->value_or("unknown"));
    paragraph(ui, ui.fonts.body, ui.tr("counselor_demo", {{"list", demo}}), w, t.muted);
    ImGui::Dummy(ImVec2(0, ui.em(0.5f)));
    paragraph(ui, ui.fonts.heading, ui.tr("counselor_note"), w, t.text);
    // Two per row, both as tall as the longer label needs.
    const auto& codes = review::noteChoiceCodes();
    const float bw = (w - ui.em(0.5f)) * 0.5f;
    float rowH = 0;
    for (size_t n = 0; n < codes.size(); ++n) {
        const std::string& c = codes[n];
        const bool on = std::find(sv.noteChoices.begin(), sv.noteChoices.end(), c) != sv.noteChoices.end();
        const std::string key = "note_" + c;
        const std::string label = std::string(on ? "\xE2\x9C\x93 " : "") + ui.tr(key);
        if (n % 2) {
            ImGui::SameLine(0, ui.em(0.5f));
        } else {
            rowH = buttonHeight(ui, "\xE2\x9C\x93 " + ui.tr(key), bw, ui.em(2.4f));
            if (n + 1 < codes.size()) {
                const std::string next = "note_" + codes[n + 1];
                rowH = buttonHeight(ui, "\xE2\x9C\x93 " + ui.tr(next), bw, rowH);
            }
        }
        if (button(ui, key.c_str(), label, ImVec2(bw, rowH), on ? Tone::Primary : Tone::Secondary))
            out.emit(intent::ToggleNote{c});
    }
    if (button(ui, "note_save", ui.tr("note_save"), ImVec2(ui.em(12.f), ui.em(3.f))))
        out.emit(intent::SaveNote{});
    if (!sv.message.empty()) paragraph(ui, ui.fonts.bold, sv.message, w, t.text);

    for (const auto& [id, test] : vr.tests) {
        ImGui::Dummy(ImVec2(0, ui.em(0.5f)));
        paragraph(ui, ui.fonts.heading,
                  test.ins->title.get(ui.lang) + " \xC2\xB7 " + ui.tr(stateKey(test.state)), w, t.text);
        const auto& r = test.result;
        for (size_t s = 0; s < r.scales.size(); ++s)
            scoreBar(ui, test.ins->scales[s].name.get(ui.lang), float(r.scales[s].percent), ui.em(10.f),
                     w - ui.em(14.f),
                     std::find(r.ranking.begin(),
                               r.ranking.begin() + std::min<long>(3, long(r.ranking.size())),
                               int(s)) != r.ranking.begin() + std::min<long>(3, long(r.ranking.size())));
        std::string flags;
        for (const auto& f : assess::flagNames(r.flags)) {
            const char* key = f == "flat"               ? K("flag_flat")
                              : f == "same_answer"      ? K("flag_same_answer")
                              : f == "too_fast"         ? K("flag_too_fast")
                              : f == "too_many_skipped" ? K("flag_too_many_skipped")
                                                        : K("flag_incomplete");
            flags += (flags.empty() ? "" : ", ") + ui.tr(key);
        }
        paragraph(ui, ui.fonts.bold,
                  ui.tr("counselor_flags") + ": " + (flags.empty() ? ui.tr("counselor_no_flags") : flags), w,
                  flags.empty() ? t.text : t.primary);
    }
    if (!vr.matches.empty() && v.content) {
        ImGui::Dummy(ImVec2(0, ui.em(0.5f)));
        paragraph(ui, ui.fonts.heading, ui.tr("results_matches"), w, t.text);
        for (const auto& m : vr.matches)
            paragraph(ui, ui.fonts.body,
                      "\xC2\xB7 " + v.content->occupations[size_t(m.occupation)].title.get(ui.lang), w,
                      t.text);
    }
    ImGui::Dummy(ImVec2(0, ui.em(1.f)));
    endDragScroll(ui, "visit_left");

    // Answers with response times.
    const float rx = narrow ? margin : 2 * margin + colW;
    ImGui::SetCursorPos(ImVec2(rx, narrow ? top + leftH + ui.em(1.f) : top));
    paragraph(ui, ui.fonts.heading, ui.tr("counselor_answers"), colW, t.text);
    ImGui::SetCursorPosX(rx);
    beginDragScroll(ui, "answers", ImVec2(colW, ws.y - ImGui::GetCursorPosY() - ui.em(1.f)));
    for (const auto& [id, test] : vr.tests) {
        paragraph(ui, ui.fonts.bold, test.ins->title.get(ui.lang), colW - ui.em(1.f), t.primary);
        for (const auto& r : test.responses) {
            int i = test.ins->itemIndex(r.itemId);
            if (i < 0) continue;
            std::string ans = r.value && *r.value >= 1 && *r.value <= int(test.ins->answers.size())
                                  ? test.ins->answers[size_t(*r.value - 1)].label.get(ui.lang)
                                  : ui.tr("test_skip");
            const std::string secs = ui.catalog().formatNumber(ui.lang, double(r.responseMs) / 1000.0, 1);
            paragraph(ui, ui.fonts.body,
                      test.ins->items[size_t(i)].text.get(ui.lang) + " \xE2\x80\x94 " + ans + " (" +
                          ui.tr("counselor_seconds", {{"s", secs}}) + ")",
                      colW - ui.em(1.f), t.text);
        }
    }
    endDragScroll(ui, "answers");
}

} // namespace kesip::ui
