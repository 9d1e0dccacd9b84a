// counselor-diary: the student types the diary code and PIN on the counselor's screen; the counselor then
// sees the whole diary and adds structured notes (choices, never free text).
#include <ctime>

#include "diary/code.hpp"
#include "diary/vocab.hpp"
#include "print/sheet.hpp"
#include "ui/screens/staff_common.hpp"
#include "util/ids.hpp"

namespace kesip::ui {

using l10n::K;

namespace {

std::string dayText(int64_t wallMs) {
    const std::time_t s = std::time_t(wallMs / 1000);
    std::tm tm{};
    localtime_r(&s, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

// ICU's month names come with no-break spaces (before the year abbreviation), which the screen's font atlas
// does not carry.
std::string monthOf(Lang l, const std::string& yyyyMm) {
    std::string s = print::monthText(l, yyyyMm), out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 2, "\xC2\xA0") == 0) {
            out += ' ', ++i;
        } else if (s.compare(i, 3, "\xE2\x80\xAF") == 0) {
            out += ' ', i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string choiceText(const Ui& ui, const diary::Choices& list, const std::string& code) {
    const char* key = diary::keyOf(list, code);
    return key ? ui.tr(key) : code;
}

std::string choiceList(const Ui& ui, const diary::Choices& list, const std::vector<std::string>& codes) {
    std::string s;
    for (const auto& c : codes) s += (s.empty() ? "" : ", ") + choiceText(ui, list, c);
    return s;
}

std::string occupationName(const View& v, Lang l, const std::string& id) {
    if (!v.content) return id;
    const int i = v.content->occupationIndex(id);
    return i < 0 ? id : v.content->occupations[size_t(i)].title.get(l);
}

std::string fieldName(const View& v, Lang l, const std::string& id) {
    if (!v.content) return id;
    const int i = v.content->fieldIndex(id);
    return i < 0 ? id : v.content->fields[size_t(i)].name.get(l);
}

std::string scaleList(const View& v, Lang l, const diary::TestSnapshot& t) {
    const assess::Instrument* ins = t.instrument == "interest" ? v.interest : v.strengths;
    if (!ins) return t.instrument;
    // In the instrument's own order (the snapshot keeps scales by id), after the test's name.
    std::string s;
    for (const auto& sc : ins->scales)
        for (const auto& p : t.scales)
            if (p.scale == sc.id)
                s += (s.empty() ? "" : " \xC2\xB7 ") + sc.name.get(l) + " " +
                     std::to_string(int(p.percent + 0.5)) + "%";
    return ins->title.get(l) + ": " + s;
}

void entry(Ui& ui, const CounselorDiaryView& cv, float top, Intents& out) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(1.5f);
    // Fields, message and Open on the left, the keypad on the right; one column on a narrow window.
    const bool wide = ws.x >= ui.em(50.f);
    const float w = wide ? std::min(ui.em(30.f), (ws.x - 3 * margin) * 0.5f) : ws.x - 2 * margin;
    ImGui::SetCursorPos(ImVec2(margin, top));
    paragraph(ui, ui.fonts.body, ui.tr("cdiary_intro"), w, t.muted);
    // Two fields: tapping one sends the keys there.
    const float fw = (w - ui.em(0.6f)) * 0.5f;
    std::string code = cv.code.empty() ? ui.tr("cdiary_code") : diary::formatCode(cv.code);
    std::string pin = cv.pinLength ? std::string() : ui.tr("cdiary_pin");
    for (size_t i = 0; i < cv.pinLength; ++i) pin += "\xE2\x80\xA2";
    const float fh = std::max(buttonHeight(ui, code, fw, ui.em(3.f)), buttonHeight(ui, pin, fw, ui.em(3.f)));
    const float fy = ImGui::GetCursorPosY() + ui.em(0.4f);
    ImGui::SetCursorPos(ImVec2(margin, fy));
    if (button(ui, "cdiary_code_field", code, ImVec2(fw, fh), cv.pinField ? Tone::Secondary : Tone::Primary))
        out.emit(intent::CounselorDiaryField{false});
    ImGui::SetCursorPos(ImVec2(margin + fw + ui.em(0.6f), fy));
    if (button(ui, "cdiary_pin_field", pin, ImVec2(fw, fh), cv.pinField ? Tone::Primary : Tone::Secondary))
        out.emit(intent::CounselorDiaryField{true});
    float y = fy + fh + ui.em(0.5f);
    if (!cv.message.empty()) {
        ImGui::SetCursorPos(ImVec2(margin, y));
        y +=
            paragraph(ui, ui.fonts.bold, cv.message, w, cv.messageIsError ? t.primary : t.text) + ui.em(0.3f);
    }
    const std::string open = ui.tr("counselor_open");
    const float oh = buttonHeight(ui, open, w, ui.em(3.f));
    ImGui::SetCursorPos(ImVec2(margin, y));
    if (button(ui, "cdiary_open", open, ImVec2(w, oh), Tone::Primary, !cv.code.empty() && cv.pinLength >= 4))
        out.emit(intent::CounselorDiaryOpen{});
    // The code alphabet, or digits for the PIN.
    const float kx = wide ? 2 * margin + w : margin;
    const float ky = wide ? top : y + oh + ui.em(0.6f);
    const float kwAll = wide ? std::min(ui.em(34.f), ws.x - kx - margin) : w;
    const std::string keys = cv.pinField ? std::string("1234567890") : std::string(kCodeAlphabet);
    const int cols = cv.pinField ? 5 : 8;
    const float gap = ui.em(0.4f);
    const float kw = (kwAll - gap * float(cols - 1)) / float(cols), kh = ui.em(2.6f);
    int i = 0;
    for (char k : keys) {
        ImGui::SetCursorPos(ImVec2(kx + float(i % cols) * (kw + gap), ky + float(i / cols) * (kh + gap)));
        const std::string label(1, k);
        if (button(ui, ("cdiary_key_" + label).c_str(), label, ImVec2(kw, kh), Tone::Secondary))
            out.emit(intent::CounselorDiaryKey{k});
        ++i;
    }
    ImGui::SetCursorPos(ImVec2(kx + float(i % cols) * (kw + gap), ky + float(i / cols) * (kh + gap)));
    if (button(ui, "cdiary_back", ui.tr("kb_backspace"), ImVec2(kw, kh), Tone::Secondary))
        out.emit(intent::CounselorDiaryBack{});
}

void diaryText(Ui& ui, const View& v, const diary::Diary& d, float w) {
    const Theme& t = ui.theme();
    const Lang L = ui.lang;
    auto section = [&](const char* key) {
        ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
        paragraph(ui, ui.fonts.heading, ui.tr(key), w, t.text);
    };
    paragraph(ui, ui.fonts.large, diary::formatCode(d.code), w, t.primary);
    paragraph(ui, ui.fonts.body, ui.tr("cdiary_since", {{"date", dayText(d.createdAt)}}), w, t.muted);
    section(K("cdiary_visits"));
    for (const auto& vi : d.visits) {
        paragraph(ui, ui.fonts.bold, dayText(vi.openedAt), w, t.text);
        for (const auto& ts : vi.tests) paragraph(ui, ui.fonts.body, scaleList(v, L, ts), w, t.text);
    }
    section(K("cdiary_saved"));
    if (d.saved.empty()) paragraph(ui, ui.fonts.body, ui.tr("cdiary_none"), w, t.muted);
    for (const auto& s : d.saved)
        paragraph(ui, ui.fonts.body, "\xC2\xB7 " + occupationName(v, L, s.occupation), w, t.text);
    section(K("cdiary_trials"));
    if (d.trials.empty()) paragraph(ui, ui.fonts.body, ui.tr("cdiary_none"), w, t.muted);
    for (const auto& tr : d.trials) {
        const std::string what =
            !tr.occupation.empty() ? occupationName(v, L, tr.occupation) : fieldName(v, L, tr.field);
        paragraph(ui, ui.fonts.bold,
                  choiceText(ui, diary::trialTypes(), tr.type) + " \xE2\x80\x94 " + what + ", " +
                      monthOf(L, tr.month),
                  w, t.text);
        if (tr.planned) paragraph(ui, ui.fonts.body, ui.tr("cdiary_planned"), w, t.primary);
        if (!tr.liked.empty())
            paragraph(ui, ui.fonts.body,
                      ui.tr("cdiary_liked", {{"list", choiceList(ui, diary::likedChips(), tr.liked)}}), w,
                      t.text);
        if (!tr.disliked.empty())
            paragraph(
                ui, ui.fonts.body,
                ui.tr("cdiary_disliked", {{"list", choiceList(ui, diary::dislikedChips(), tr.disliked)}}), w,
                t.text);
        if (!tr.again.empty())
            paragraph(ui, ui.fonts.body,
                      ui.tr("diary_again_question") + " " + choiceText(ui, diary::againAnswers(), tr.again),
                      w, t.text);
        // The student's own words: shown here because the student opened the diary with the PIN.
        if (!tr.note.empty()) paragraph(ui, ui.fonts.body, "\xC2\xAB" + tr.note + "\xC2\xBB", w, t.muted);
    }
    section(K("cdiary_decision"));
    if (!d.decision) paragraph(ui, ui.fonts.body, ui.tr("cdiary_none"), w, t.muted);
    if (d.decision) {
        const diary::Decision& dc = *d.decision;
        paragraph(ui, ui.fonts.bold, ui.tr("cdiary_choice", {{"name", occupationName(v, L, dc.choice)}}), w,
                  t.text);
        if (!dc.planB.empty())
            paragraph(ui, ui.fonts.body, ui.tr("cdiary_plan_b", {{"name", occupationName(v, L, dc.planB)}}),
                      w, t.text);
        paragraph(ui, ui.fonts.body, choiceText(ui, diary::routes(), dc.route), w, t.text);
        for (const auto& s : dc.steps)
            paragraph(ui, ui.fonts.body,
                      std::string(s.done ? "\xE2\x9C\x93 " : "\xC2\xB7 ") +
                          choiceText(ui, diary::stepKinds(), s.step) + " \xE2\x80\x94 " + monthOf(L, s.month),
                      w, t.text);
    }
    section(K("cdiary_ready"));
    for (const auto& c : diary::readyItems()) {
        auto it = d.ready.find(c.code);
        const bool yes = it != d.ready.end() && it->second;
        paragraph(ui, ui.fonts.body, std::string(yes ? "\xE2\x9C\x93 " : "\xC2\xB7 ") + ui.tr(c.key), w,
                  yes ? t.text : t.muted);
    }
    section(K("cdiary_notes"));
    if (d.notes.empty()) paragraph(ui, ui.fonts.body, ui.tr("cdiary_none"), w, t.muted);
    for (const auto& n : d.notes)
        paragraph(ui, ui.fonts.body, dayText(n.at) + ": " + choiceList(ui, diary::noteChoices(), n.choices),
                  w, t.text);
}

} // namespace

void drawCounselorDiary(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    const CounselorDiaryView& cv = *v.counselorDiary;
    const float barH = staffBar(ui, v, out, ui.tr("cdiary_title"));
    const float top = barH + ui.em(1.f);
    if (!cv.diary) return entry(ui, cv, top, out);
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(1.5f);
    const bool narrow = ws.x < ui.em(48.f);
    const float colW = narrow ? ws.x - 2 * margin : (ws.x - 3 * margin) * 0.5f;
    const float leftH = narrow ? (ws.y - top) * 0.5f - ui.em(1.f) : ws.y - top - ui.em(1.f);
    ImGui::SetCursorPos(ImVec2(margin, top));
    beginDragScroll(ui, "cdiary_left", ImVec2(colW - pageButtonsWidth(ui), leftH));
    diaryText(ui, v, *cv.diary, colW - pageButtonsWidth(ui) - ui.em(1.f));
    ImGui::Dummy(ImVec2(0, ui.em(0.5f)));
    endDragScroll(ui, "cdiary_left");
    pageButtons(ui, "cdiary_left", ImVec2(margin + colW - ui.em(4.f), top), leftH);

    // The note: choices two per row, then save and close.
    const float x = narrow ? margin : 2 * margin + colW;
    const float y0 = narrow ? top + leftH + ui.em(1.f) : top;
    // Save and Close stay on screen under the choices (which scroll when they do not fit).
    const float bh = ui.em(3.f), gap = ui.em(0.4f);
    const float w = colW - ui.em(1.f);
    const float half = (w - ui.em(0.5f)) * 0.5f;
    const float buttonsY = ws.y - ui.em(1.f) - bh;
    const float rightH = buttonsY - gap - y0;
    ImGui::SetCursorPos(ImVec2(x, y0));
    beginDragScroll(ui, "cdiary_right", ImVec2(colW, rightH));
    paragraph(ui, ui.fonts.heading, ui.tr("counselor_note"), w, t.text);
    if (!cv.message.empty())
        paragraph(ui, ui.fonts.bold, cv.message, w, cv.messageIsError ? t.primary : t.text);
    const float bw = (w - ui.em(0.5f)) * 0.5f;
    const auto& choices = diary::noteChoices();
    for (size_t i = 0; i < choices.size(); i += 2) {
        float rowH = ui.em(2.8f);
        for (size_t j = i; j < std::min(i + 2, choices.size()); ++j)
            rowH = std::max(rowH, buttonHeight(ui, ui.tr(choices[j].key), bw, rowH));
        const float ry = ImGui::GetCursorPosY();
        for (size_t j = i; j < std::min(i + 2, choices.size()); ++j) {
            ImGui::SetCursorPos(ImVec2(float(j - i) * (bw + ui.em(0.5f)), ry));
            const bool on = std::find(cv.noteChoices.begin(), cv.noteChoices.end(), choices[j].code) !=
                            cv.noteChoices.end();
            const std::string key = std::string("cdiary_note_") + choices[j].code;
            if (button(ui, key.c_str(), ui.tr(choices[j].key), ImVec2(bw, rowH),
                       on ? Tone::Primary : Tone::Secondary))
                out.emit(intent::CounselorDiaryNote{choices[j].code});
        }
        ImGui::SetCursorPos(ImVec2(0, ry + rowH + ui.em(0.4f)));
    }
    endDragScroll(ui, "cdiary_right");
    ImGui::SetCursorPos(ImVec2(x, buttonsY));
    if (button(ui, "cdiary_save_note", ui.tr("note_save"), ImVec2(half, bh), Tone::Primary,
               !cv.noteChoices.empty()))
        out.emit(intent::CounselorDiarySaveNote{});
    ImGui::SetCursorPos(ImVec2(x + half + ui.em(0.5f), buttonsY));
    if (button(ui, "cdiary_close", ui.tr("cdiary_close"), ImVec2(half, bh), Tone::Secondary))
        out.emit(intent::CounselorDiaryClose{});
}

} // namespace kesip::ui
