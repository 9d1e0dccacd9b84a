// Logging a trial (stage 4): what, when, where, how it felt, and an optional note of the student's own.
#include "diary/checks.hpp"
#include "diary/vocab.hpp"
#include "ui/screens/diary_common.hpp"
#include "ui/screens/keyboard.hpp"

namespace kesip::ui {

using l10n::K;
using namespace diaryui;

namespace {

void label(Ui& ui, const char* key, float w) {
    ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
    paragraph(ui, ui.fonts.bold, ui.tr(key), w, ui.theme().text);
}

std::vector<Chip> choiceChips(const Ui& ui, const char* prefix, const diary::Choices& list,
                              const std::vector<std::string>& on) {
    std::vector<Chip> c;
    for (const diary::Choice& x : list)
        c.push_back({std::string(prefix) + x.code, ui.tr(x.key),
                     std::find(on.begin(), on.end(), x.code) != on.end()});
    return c;
}

// The note box: what is typed so far, with a caret while typing.
void noteBox(Ui& ui, const DiaryView& dv, float w) {
    const Theme& t = ui.theme();
    const std::string& note = dv.trial.note;
    const std::string text =
        note.empty() && !dv.noteTyping ? ui.tr("diary_note_placeholder") : note + (dv.noteTyping ? "|" : "");
    const float h =
        std::max(ui.em(3.f), paragraphHeight(ui, ui.fonts.body, text, w - ui.em(1.6f)) + ui.em(1.f));
    const ImVec2 p = ImGui::GetCursorScreenPos(), q(p.x + w, p.y + h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, q, col(t.card), ui.em(0.4f));
    dl->AddRect(p, q, col(dv.noteTyping ? t.primary : t.secondaryActive), ui.em(0.4f), 0, 2.f);
    drawText(ui, ui.fonts.body, text, ImVec2(p.x + ui.em(0.8f), p.y + ui.em(0.5f)), w - ui.em(1.6f),
             note.empty() && !dv.noteTyping ? t.muted : t.text, Align::Left, TextKind::Paragraph, p, q);
    ImGui::Dummy(ImVec2(w, h));
    paragraph(ui, ui.fonts.body,
              ui.tr("diary_note_count",
                    {{"n", int(diary::countCharacters(note))}, {"max", int(diary::kMaxNoteChars)}}),
              w, t.muted);
}

} // namespace

void drawTrial(Ui& ui, const View& v, Intents& out) {
    drawTopBar(ui, v, out);
    if (!v.diary) return;
    const DiaryView& dv = *v.diary;
    const Theme& t = ui.theme();
    // Opened from an event ("trial:event:<id>"): the draft is filled from it once.
    const std::string& param = v.route.param;
    if (param.rfind("event:", 0) == 0 && dv.eventParam != param.substr(6))
        out.emit(intent::DiaryTrialSet{"routeevent", param.substr(6)});
    const diary::Trial& tr = dv.trial;

    if (dv.noteTyping) {
        // The note with the keyboard under it; the keyboard's keys type into the note.
        const ImVec2 ws = ImGui::GetWindowSize();
        const float kbH = onScreenKeyboardHeight(ui), margin = ui.em(1.5f);
        const float w = beginBody(ui, "trial_note", kbH + ui.em(1.2f));
        paragraph(ui, ui.fonts.heading, ui.tr("diary_note_title"), w, t.text);
        paragraph(ui, ui.fonts.body, ui.tr("diary_note_private"), w, t.muted);
        noteBox(ui, dv, w);
        message(ui, dv, w);
        const std::string done = ui.tr("diary_note_done");
        if (button(ui, "note_done", done, ImVec2(std::min(w, ui.em(14.f)), ui.em(2.8f))))
            out.emit(intent::DiaryNoteKeys{false});
        endBody(ui, "trial_note", kbH + ui.em(1.2f));
        onScreenKeyboardAs<intent::DiaryNoteType, intent::DiaryNoteBack, intent::DiaryNoteClear,
                           intent::DiaryNoteLayout>(ui, dv.layout, ImVec2(margin, ws.y - kbH - ui.em(0.8f)),
                                                    ws.x - 2 * margin, out);
        return;
    }

    const float w = beginBody(ui, "trial_page");
    paragraph(ui, ui.fonts.heading,
              ui.tr(dv.completing ? "diary_plan_complete_title"
                    : tr.planned  ? "diary_plan_title"
                                  : "diary_trial_title"),
              w, t.text);
    if (!dv.events.empty() && !dv.completing) {
        label(ui, K("diary_trial_events"), w);
        std::vector<Chip> ev;
        for (const TrialEvent& e : dv.events)
            ev.push_back({"tevent_" + std::to_string(e.id), e.title + " \xC2\xB7 " + monthLabel(e.month),
                          e.id == dv.trialEvent});
        const int i = chips(ui, ev, w);
        if (i >= 0) out.emit(intent::DiaryTrialSet{"event", std::to_string(dv.events[size_t(i)].id)});
    }
    label(ui, tr.planned ? K("diary_plan_kind") : K("diary_trial_kind"), w); // trialplan: future tense
    if (int i = chips(ui, choiceChips(ui, "ttype_", diary::trialTypes(), {tr.type}), w); i >= 0)
        out.emit(intent::DiaryTrialSet{"type", diary::trialTypes()[size_t(i)].code});

    label(ui, K("diary_trial_month"), w);
    {
        const float bw = ui.em(3.f), bh = ui.em(2.6f);
        if (button(ui, "tmonth_prev", "\xE2\x80\xB9", ImVec2(bw, bh), Tone::Secondary))
            out.emit(intent::DiaryTrialSet{"month", "-1"});
        ImGui::SameLine(0, ui.em(0.6f));
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float mw = ui.em(7.f);
        drawText(ui, ui.fonts.heading, monthLabel(tr.month),
                 ImVec2(p.x, p.y + (bh - ui.fonts.heading->FontSize) * 0.5f), mw, t.text, Align::Center,
                 TextKind::Paragraph, p, ImVec2(p.x + mw, p.y + bh));
        ImGui::Dummy(ImVec2(mw, bh));
        ImGui::SameLine(0, ui.em(0.6f));
        if (button(ui, "tmonth_next", "\xE2\x80\xBA", ImVec2(bw, bh), Tone::Secondary))
            out.emit(intent::DiaryTrialSet{"month", "+1"});
    }
    // This month: done or still ahead, as the student says (a future month is a plan, a past one done).
    if (!dv.completing && tr.month == dv.thisMonth) {
        label(ui, K("diary_plan_q"), w);
        const std::vector<Chip> when{{"tplan_going", ui.tr("diary_plan_going"), tr.planned},
                                     {"tplan_went", ui.tr("diary_plan_went"), !tr.planned}};
        if (int i = chips(ui, when, w); i >= 0)
            out.emit(intent::DiaryTrialSet{"planned", i == 0 ? "1" : "0"});
    }
    // Said right under the month, where choosing a coming month makes it a plan.
    if (tr.planned) paragraph(ui, ui.fonts.bold, ui.tr("diary_plan_info"), w, t.primary);

    const std::vector<std::string> occs = diaryOccupations(dv);
    std::vector<std::string> shownOccs = occs;
    if (!tr.occupation.empty() && std::find(occs.begin(), occs.end(), tr.occupation) == occs.end())
        shownOccs.push_back(tr.occupation);
    if (!shownOccs.empty()) {
        label(ui, K("diary_trial_occupation"), w);
        std::vector<Chip> c;
        for (const auto& o : shownOccs)
            c.push_back({"tocc_" + o, occupationTitle(ui, v, o), o == tr.occupation});
        if (int i = chips(ui, c, w); i >= 0)
            out.emit(intent::DiaryTrialSet{"occupation", shownOccs[size_t(i)]});
    }
    if (v.content) {
        label(ui, K("diary_trial_field"), w);
        std::vector<Chip> c;
        for (const auto& f : v.content->fields)
            c.push_back({"tfield_" + f.id, f.name.get(ui.lang), f.id == tr.field});
        if (int i = chips(ui, c, w); i >= 0)
            out.emit(intent::DiaryTrialSet{"field", v.content->fields[size_t(i)].id});
    }
    if (tr.planned) { // a plan: how it went is asked once it has happened
        ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
        message(ui, dv, w);
        const std::string plan = ui.tr("diary_plan_save");
        const float pw = std::min(w, ui.em(16.f));
        if (button(ui, "trial_save", plan, ImVec2(pw, buttonHeight(ui, plan, pw, ui.em(3.2f)))))
            out.emit(intent::DiaryTrialSave{});
        return endBody(ui, "trial_page");
    }
    label(ui, K("diary_trial_liked_q"), w);
    if (int i = chips(ui, choiceChips(ui, "tliked_", diary::likedChips(), tr.liked), w); i >= 0)
        out.emit(intent::DiaryTrialSet{"liked", diary::likedChips()[size_t(i)].code});
    label(ui, K("diary_trial_disliked_q"), w);
    if (int i = chips(ui, choiceChips(ui, "tdisliked_", diary::dislikedChips(), tr.disliked), w); i >= 0)
        out.emit(intent::DiaryTrialSet{"disliked", diary::dislikedChips()[size_t(i)].code});
    label(ui, K("diary_again_question"), w);
    if (int i = chips(ui, choiceChips(ui, "tagain_", diary::againAnswers(), {tr.again}), w); i >= 0)
        out.emit(intent::DiaryTrialSet{"again", diary::againAnswers()[size_t(i)].code});

    label(ui, K("diary_note_title"), w);
    noteBox(ui, dv, w);
    const std::string write = ui.tr("diary_note_write");
    if (button(
            ui, "note_write", write,
            ImVec2(std::min(w, ui.em(16.f)), buttonHeight(ui, write, std::min(w, ui.em(16.f)), ui.em(2.6f))),
            Tone::Secondary))
        out.emit(intent::DiaryNoteKeys{true});
    ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
    message(ui, dv, w);
    const std::string save = ui.tr("diary_trial_save");
    const float sw = std::min(w, ui.em(16.f));
    if (button(ui, "trial_save", save, ImVec2(sw, buttonHeight(ui, save, sw, ui.em(3.2f)))))
        out.emit(intent::DiaryTrialSave{});
    endBody(ui, "trial_page");
}

} // namespace kesip::ui
