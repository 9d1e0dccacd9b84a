#include <algorithm>
#include <cmath>

#include <ctime>
#include <functional>

#include "sync/summary.hpp"
#include "ui/screens/screens.hpp"
#include "util/ids.hpp"

namespace kesip::ui {

using l10n::K;

namespace {

// Staff and counselor screens use the same bar as student screens, without language buttons' state
// mattering; their own actions sit on the right.
void staffBar(Ui& ui, const View& v, Intent& out, const std::string& title) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    const float h = topBarHeight(ui);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(ws.x, h), col(t.bar));
    ImGui::SetCursorPos(ImVec2(ui.em(1.f), (h - ui.fonts.heading->FontSize) * 0.5f));
    paragraph(ui, ui.fonts.heading, title, ui.em(30.f), t.onBar);
    const float bh = h - ui.em(1.2f);
    float x = ws.x - ui.em(1.f);
    auto barButton = [&](const char* key, const std::string& label, float w) {
        x -= w;
        ImGui::SetCursorPos(ImVec2(x, ui.em(0.6f)));
        x -= ui.em(0.5f);
        return button(ui, key, label, ImVec2(w, bh), Tone::OnBar);
    };
    if (barButton("staff_logout", ui.tr("staff_logout"), ui.em(8.f))) out.logout = true;
    for (Lang l : {Lang::ru, Lang::ky}) {
        const char* key = l == Lang::ky ? K("lang_ky") : K("lang_ru");
        x -= ui.em(7.f);
        ImGui::SetCursorPos(ImVec2(x, ui.em(0.6f)));
        x -= ui.em(0.5f);
        if (button(ui, key, ui.tr(key), ImVec2(ui.em(7.f), bh),
                   ui.lang == l ? Tone::OnBarSelected : Tone::OnBar))
            out.setLang = l;
    }
    if (v.depth > 1 && barButton("nav_back", "\xE2\x80\xB9 " + ui.tr("nav_back"), ui.em(7.f)))
        out.back = true;
    if (v.staff && v.staff->isStaff && barButton("staff_exit_app", ui.tr("staff_exit_app"), ui.em(13.f)))
        out.exitApp = true;
}

// Stored demographic codes to their labels (the demographics screen's own locale keys).
std::string demoLabel(const Ui& ui, const std::string& group, const std::string& code) {
    if (code == "na") return ui.tr("demo_na");
    if (code == "unknown") return ui.tr("sum_unknown");
    const std::string key = "demo_" + group + "_" + code;
    return ui.catalog().has(ui.lang, key) ? ui.tr(key) : code;
}

const char* stateKey(const std::string& s) {
    return s == "completed"   ? K("state_completed")
           : s == "abandoned" ? K("state_abandoned")
                              : K("state_in_progress");
}

std::string pct(int64_t part, int64_t whole) {
    // From the published (rounded) counts only, and hidden when either is under 5.
    if (whole < sync::kSmallCell || part < sync::kSmallCell) return "\xE2\x80\x94";
    return std::to_string(int(std::lround(100.0 * double(part) / double(whole))));
}

} // namespace

void drawPinPad(Ui& ui, const View& v, Intent& out) {
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
    const float w = ui.em(24.f);
    const float x = (ws.x - w) * 0.5f;
    if (sv.pinMode == M::Login) {
        // Whose PIN: each role has its own lock, so a visitor guessing one cannot lock out the other.
        const float bw = (w - ui.em(0.6f)) * 0.5f;
        ImGui::SetCursorPos(ImVec2(x, ui.em(0.6f)));
        if (button(ui, "pin_role_staff", ui.tr("pin_role_staff"), ImVec2(bw, ui.em(2.4f)),
                   sv.pinAsCounselor ? Tone::Secondary : Tone::Primary))
            out.pinAsCounselor = false;
        ImGui::SameLine(0, ui.em(0.6f));
        if (button(ui, "pin_role_counselor", ui.tr("pin_role_counselor"), ImVec2(bw, ui.em(2.4f)),
                   sv.pinAsCounselor ? Tone::Primary : Tone::Secondary))
            out.pinAsCounselor = true;
    }
    ImGui::SetCursorPos(ImVec2(x, ui.em(3.4f)));
    paragraph(ui, ui.fonts.heading, ui.tr(titleKey), w, t.text, Align::Center);
    // Dots, never digits.
    std::string dots;
    for (size_t i = 0; i < sv.pinLength; ++i) dots += "\xE2\x97\x8F ";
    ImGui::SetCursorPosX(x);
    paragraph(ui, ui.fonts.large, dots.empty() ? std::string(" ") : dots, w, t.text, Align::Center);
    ImGui::SetCursorPosX(x);
    paragraph(ui, ui.fonts.bold, sv.message.empty() ? std::string(" ") : sv.message, w,
              sv.messageIsError ? t.primary : t.text, Align::Center);
    const float gap = ui.em(0.6f);
    const float kw = (w - 2 * gap) / 3.f, kh = ui.em(3.6f);
    const float top = ImGui::GetCursorPosY() + ui.em(0.6f);
    const char* keys = "123456789";
    for (int i = 0; i < 9; ++i) {
        ImGui::SetCursorPos(ImVec2(x + float(i % 3) * (kw + gap), top + float(i / 3) * (kh + gap)));
        const std::string label(1, keys[i]);
        if (button(ui, ("pin_" + label).c_str(), label, ImVec2(kw, kh), Tone::Secondary))
            out.pinKey = keys[i];
    }
    const float y3 = top + 3 * (kh + gap);
    ImGui::SetCursorPos(ImVec2(x, y3));
    if (button(ui, "pin_clear", ui.tr("pin_clear"), ImVec2(kw, kh), Tone::Secondary)) out.pinClear = true;
    ImGui::SetCursorPos(ImVec2(x + kw + gap, y3));
    if (button(ui, "pin_0", "0", ImVec2(kw, kh), Tone::Secondary)) out.pinKey = '0';
    ImGui::SetCursorPos(ImVec2(x + 2 * (kw + gap), y3));
    if (button(ui, "pin_back", ui.tr("kb_backspace"), ImVec2(kw, kh), Tone::Secondary)) out.pinBack = true;
    ImGui::SetCursorPos(ImVec2(x, y3 + kh + gap));
    if (button(ui, "pin_ok", ui.tr("pin_ok"), ImVec2(w, kh))) out.pinSubmit = true;
    ImGui::SetCursorPos(ImVec2(x, y3 + 2 * (kh + gap)));
    if (button(ui, "pin_cancel", ui.tr("nav_back"), ImVec2(w, ui.em(2.6f)), Tone::Secondary))
        out.logout = true;
}

void drawStaff(Ui& ui, const View& v, Intent& out) {
    const Theme& t = ui.theme();
    const StaffView& sv = *v.staff;
    staffBar(ui, v, out, ui.tr("staff_title"));
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(1.5f);
    const float colW = (ws.x - 3 * margin) * 0.5f;
    float y = topBarHeight(ui) + ui.em(1.f);
    ImGui::SetCursorPos(ImVec2(margin, y));
    paragraph(ui, ui.fonts.body,
              ui.tr("staff_centre", {{"centre", sv.centreId}, {"kiosk", sv.kioskId}, {"key", sv.kioskKey}}),
              colW, t.muted);

    // Key figures: sessions and completion, today / week / total. Small cells shown as "<5".
    const review::Counts* periods[] = {&sv.dashboard.today, &sv.dashboard.week, &sv.dashboard.total};
    const char* periodKeys[] = {K("staff_today"), K("staff_week"), K("staff_total")};
    const float cw = (colW - 2 * ui.em(0.6f)) / 3.f;
    const float cardTop = ImGui::GetCursorPosY() + ui.em(0.4f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < 3; ++i) {
        const review::Counts& c = *periods[i];
        const float cx = margin + float(i) * (cw + ui.em(0.6f));
        const ImVec2 wp = ImGui::GetWindowPos();
        dl->AddRectFilled(ImVec2(wp.x + cx, wp.y + cardTop),
                          ImVec2(wp.x + cx + cw, wp.y + cardTop + ui.em(10.2f)), col(t.card), ui.em(0.5f));
        ImGui::SetCursorPos(ImVec2(cx + ui.em(0.8f), cardTop + ui.em(0.5f)));
        const float iw = cw - ui.em(1.6f);
        paragraph(ui, ui.fonts.bold, ui.tr(periodKeys[i]), iw, t.muted);
        const int64_t n = c.get("sessions");
        ImGui::SetCursorPosX(cx + ui.em(0.8f));
        paragraph(ui, ui.fonts.large, sync::cell(n), iw, t.text);
        if (i < 2) continue; // tests done: published for whole days only (sync/disclosure.hpp)
        ImGui::SetCursorPosX(cx + ui.em(0.8f));
        paragraph(ui, ui.fonts.body,
                  ui.tr("staff_done_interest") + ": " +
                      ui.tr("staff_rate", {{"done", sync::cell(c.get("done:interest"))},
                                           {"percent", pct(c.get("done:interest"), n)}}),
                  iw, t.text);
        ImGui::SetCursorPosX(cx + ui.em(0.8f));
        paragraph(ui, ui.fonts.body,
                  ui.tr("staff_done_strengths") + ": " +
                      ui.tr("staff_rate", {{"done", sync::cell(c.get("done:strengths"))},
                                           {"percent", pct(c.get("done:strengths"), n)}}),
                  iw, t.text);
    }
    // Distributions over all time.
    ImGui::SetCursorPos(ImVec2(margin, cardTop + ui.em(11.f)));
    beginDragScroll(ui, "dashboard", ImVec2(colW, ws.y - ImGui::GetCursorPosY() - ui.em(0.5f)));
    const review::Counts& total = sv.dashboard.total;
    auto dist = [&](const char* titleKey, const std::string& prefix,
                    const std::function<std::string(const std::string&)>& label) {
        std::vector<std::pair<int64_t, std::string>> rows;
        for (const auto& [k, n] : total.byKey)
            if (k.rfind(prefix, 0) == 0) rows.push_back({n, k.substr(prefix.size())});
        std::sort(rows.rbegin(), rows.rend());
        std::string line;
        for (size_t i = 0; i < rows.size() && i < 6; ++i)
            line +=
                (line.empty() ? "" : " \xC2\xB7 ") + label(rows[i].second) + " " + sync::cell(rows[i].first);
        paragraph(ui, ui.fonts.bold, ui.tr(titleKey), colW - ui.em(1.f), t.text);
        paragraph(ui, ui.fonts.body, line.empty() ? std::string("\xE2\x80\x94") : line, colW - ui.em(1.f),
                  t.text);
        ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
    };
    auto typeName = [&](const std::string& k) {
        int s = v.interest ? v.interest->scaleIndex(k) : -1;
        return s >= 0 ? v.interest->scales[size_t(s)].name.get(ui.lang) : k;
    };
    auto fieldName = [&](const std::string& k) {
        int f = v.content ? v.content->fieldIndex(k) : -1;
        return f >= 0 ? v.content->fields[size_t(f)].name.get(ui.lang) : k;
    };
    auto langName = [&](const std::string& k) { return ui.tr(k == "ky" ? K("lang_ky") : K("lang_ru")); };
    auto age = [&](const std::string& k) { return demoLabel(ui, "age", k); };
    auto status = [&](const std::string& k) { return demoLabel(ui, "status", k); };
    auto oblast = [&](const std::string& k) { return demoLabel(ui, "oblast", k); };
    dist(K("staff_lang_split"), "lang:", langName);
    dist(K("staff_types"), "type:", typeName);
    dist(K("staff_fields"), "field:", fieldName);
    dist(K("sum_age_bands"), "age:", age);
    dist(K("sum_statuses"), "status:", status);
    dist(K("sum_oblasts"), "oblast:", oblast);
    paragraph(ui, ui.fonts.body, ui.tr("staff_stats_note"), colW - ui.em(1.f), t.muted);
    endDragScroll(ui, "dashboard");

    // Right column: USB export and PINs.
    const float rx = 2 * margin + colW;
    ImGui::SetCursorPos(ImVec2(rx, topBarHeight(ui) + ui.em(1.f)));
    paragraph(ui, ui.fonts.heading, ui.tr("staff_usb"), colW, t.text);
    if (sv.sticks.empty()) {
        ImGui::SetCursorPosX(rx);
        paragraph(ui, ui.fonts.body, ui.tr("staff_no_stick"), colW, t.muted);
    }
    for (size_t i = 0; i < sv.sticks.size() && i < 3; ++i) {
        const sync::Stick& s = sv.sticks[i];
        char freeText[32];
        std::snprintf(freeText, sizeof freeText, "%.1f GB", double(s.freeBytes) / 1e9);
        ImGui::SetCursorPosX(rx);
        paragraph(ui, ui.fonts.bold,
                  ui.tr("staff_stick", {{"label", s.label}, {"free", std::string(freeText)}}), colW, t.text);
        ImGui::SetCursorPosX(rx);
        if (button(ui, ("staff_export_" + std::to_string(i)).c_str(), ui.tr("staff_export"),
                   ImVec2(ui.em(14.f), ui.em(3.f)), Tone::Primary, !sv.exporting))
            out.exportTo = s.path;
        if (i < sv.stickHasPack.size() && sv.stickHasPack[i]) {
            ImGui::SameLine(0, ui.em(0.6f));
            if (button(ui, ("staff_install_" + std::to_string(i)).c_str(), ui.tr("staff_content_install"),
                       ImVec2(ui.em(16.f), ui.em(3.f)), Tone::Secondary, !sv.exporting))
                out.installPack = s.path;
        }
        ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
    }
    if (sv.exporting) {
        ImGui::SetCursorPosX(rx);
        progressBar(ui, float(sv.exportPercent) / 100.f, ImVec2(colW, ui.em(1.f)));
        ImGui::SetCursorPosX(rx);
        paragraph(ui, ui.fonts.body, ui.tr("staff_exporting", {{"percent", sv.exportPercent}}), colW, t.text);
    }
    if (!sv.message.empty()) {
        ImGui::SetCursorPosX(rx);
        paragraph(ui, ui.fonts.bold, sv.message, colW, sv.messageIsError ? t.primary : t.text);
    }
    ImGui::Dummy(ImVec2(0, ui.em(1.f)));
    ImGui::SetCursorPosX(rx);
    paragraph(ui, ui.fonts.heading, ui.tr("staff_settings"), colW, t.text);
    ImGui::SetCursorPosX(rx);
    if (button(ui, "staff_set_counselor_pin", ui.tr("pin_set_counselor"), ImVec2(ui.em(16.f), ui.em(3.f)),
               Tone::Secondary))
        out.setCounselorPin = true;
    ImGui::SameLine(0, ui.em(0.6f));
    if (button(ui, "staff_set_staff_pin", ui.tr("pin_set_staff"), ImVec2(ui.em(16.f), ui.em(3.f)),
               Tone::Secondary))
        out.setStaffPin = true;
    if (sv.volumePercent >= 0) {
        ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
        ImGui::SetCursorPosX(rx);
        paragraph(ui, ui.fonts.bold, ui.tr("staff_volume", {{"percent", sv.volumePercent}}), colW, t.text);
        ImGui::SetCursorPosX(rx);
        if (button(ui, "staff_volume_down", "\xE2\x80\x93", ImVec2(ui.em(4.f), ui.em(3.f)), Tone::Secondary))
            out.volumeStep = -1;
        ImGui::SameLine(0, ui.em(0.6f));
        if (button(ui, "staff_volume_up", "+", ImVec2(ui.em(4.f), ui.em(3.f)), Tone::Secondary))
            out.volumeStep = 1;
    }
    if (!sv.problems.empty()) {
        ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
        ImGui::SetCursorPosX(rx);
        paragraph(ui, ui.fonts.heading, ui.tr("staff_problems"), colW, t.primary);
        for (size_t i = 0; i < sv.problems.size() && i < 6; ++i) {
            ImGui::SetCursorPosX(rx);
            paragraph(ui, ui.fonts.body, sv.problems[i], colW, t.text);
        }
    }
    ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
    ImGui::SetCursorPosX(rx);
    if (button(ui, "staff_content_rollback", ui.tr("staff_content_rollback"), ImVec2(ui.em(16.f), ui.em(3.f)),
               Tone::Secondary))
        out.rollbackPack = true;
}

void drawCounselor(Ui& ui, const View& v, Intent& out) {
    const Theme& t = ui.theme();
    const StaffView& sv = *v.staff;
    staffBar(ui, v, out, ui.tr("counselor_title"));
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(1.5f);
    const float top = topBarHeight(ui) + ui.em(1.f);

    if (!sv.visit) {
        // Code entry on a keypad of the code alphabet.
        const float w = ui.em(30.f);
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
                out.codeKey = *p;
        }
        ImGui::SetCursorPos(ImVec2(margin + float(i % cols) * (kw + gap), ky + float(i / cols) * (kh + gap)));
        if (button(ui, "code_back", ui.tr("kb_backspace"), ImVec2(kw, kh), Tone::Secondary))
            out.codeBack = true;
        const float rows = float((i + cols) / cols);
        ImGui::SetCursorPos(ImVec2(margin, ky + rows * (kh + gap) + ui.em(0.4f)));
        if (button(ui, "code_open", ui.tr("counselor_open"), ImVec2(w, ui.em(3.2f)), Tone::Primary,
                   sv.codeEntry.size() == 6))
            out.codeOpen = true;

        return; // no list of today's codes or times: knowing who came when must not open answers
    }

    // One visit: profile, flags, matches, answers with times, structured note.
    const review::VisitReview& vr = *sv.visit;
    const float colW = (ws.x - 3 * margin) * 0.5f;
    ImGui::SetCursorPos(ImVec2(margin, top));
    beginDragScroll(ui, "visit_left", ImVec2(colW, ws.y - top - ui.em(1.f)));
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
    int n = 0;
    for (const auto& c : review::noteChoiceCodes()) {
        const bool on = std::find(sv.noteChoices.begin(), sv.noteChoices.end(), c) != sv.noteChoices.end();
        const std::string key = "note_" + c;
        if (n++ % 2) ImGui::SameLine(0, ui.em(0.5f));
        if (button(ui, key.c_str(), std::string(on ? "\xE2\x9C\x93 " : "") + ui.tr(key),
                   ImVec2((w - ui.em(0.5f)) * 0.5f, ui.em(2.4f)), on ? Tone::Primary : Tone::Secondary))
            out.toggleNote = c;
    }
    if (button(ui, "note_save", ui.tr("note_save"), ImVec2(ui.em(12.f), ui.em(3.f)))) out.saveNote = true;
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
    const float rx = 2 * margin + colW;
    ImGui::SetCursorPos(ImVec2(rx, top));
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
