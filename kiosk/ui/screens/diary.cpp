// The open diary: the stage map (done / in progress / next step) and what each stage holds.
#include "diary/checks.hpp"
#include "diary/stages.hpp"
#include "diary/vocab.hpp"
#include "ui/screens/diary_common.hpp"

namespace kesip::ui {

using l10n::K;
using namespace diaryui;

namespace {

const assess::Instrument* instrumentOf(const View& v, const std::string& id) {
    return id == "interest" ? v.interest : id == "strengths" ? v.strengths : nullptr;
}

std::string scaleName(const Ui& ui, const assess::Instrument* ins, const std::string& scale) {
    const int i = ins ? ins->scaleIndex(scale) : -1;
    return i >= 0 ? ins->scales[size_t(i)].name.get(ui.lang) : scale;
}

std::string labelsOf(const Ui& ui, const diary::Choices& list, const std::vector<std::string>& codes) {
    std::string s;
    for (const auto& c : codes)
        if (const char* k = diary::keyOf(list, c)) s += (s.empty() ? "" : ", ") + ui.tr(k);
    return s;
}

void section(Ui& ui, const std::string& title, float w) {
    ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
    paragraph(ui, ui.fonts.heading, title, w, ui.theme().text);
}

// The four boxes of the map, in a row (or two rows on a narrow screen).
void stageMap(Ui& ui, const diary::StageMap& m, float w) {
    const Theme& t = ui.theme();
    const int cols = w >= ui.em(44.f) ? 4 : 2;
    const float gap = ui.em(0.8f), bw = (w - gap * float(cols - 1)) / float(cols);
    float bh = ui.em(5.f);
    for (int s = 0; s < diary::kStages; ++s) {
        const std::string name = ui.tr(diary::stageKey(diary::Stage(s)));
        const std::string state = ui.tr(diary::stateKey(m.state[size_t(s)]));
        bh =
            std::max(bh, ui.em(1.6f) + paragraphHeight(ui, ui.fonts.bold, name, bw - ui.em(1.6f)) +
                             paragraphHeight(ui, ui.fonts.body, state, bw - ui.em(1.6f)) +
                             paragraphHeight(ui, ui.fonts.bold, ui.tr("diary_state_next"), bw - ui.em(1.6f)));
    }
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int s = 0; s < diary::kStages; ++s) {
        const ImVec2 p(o.x + float(s % cols) * (bw + gap), o.y + float(s / cols) * (bh + gap));
        const ImVec2 q(p.x + bw, p.y + bh);
        const diary::StageState st = m.state[size_t(s)];
        const bool next = int(m.next) == s && st != diary::StageState::Done;
        dl->AddRectFilled(p, q, col(t.card), ui.em(0.4f));
        // Done: a full bar on top; in progress: half; the next step: an outline in the primary colour.
        const float frac = st == diary::StageState::Done         ? 1.f
                           : st == diary::StageState::InProgress ? 0.5f
                                                                 : 0.f;
        dl->AddRectFilled(p, ImVec2(p.x + bw, p.y + ui.em(0.4f)), col(t.secondary), ui.em(0.4f));
        if (frac > 0)
            dl->AddRectFilled(p, ImVec2(p.x + bw * frac, p.y + ui.em(0.4f)), col(t.primary), ui.em(0.4f));
        if (next) dl->AddRect(p, q, col(t.primary), ui.em(0.4f), 0, 3.f);
        float y = p.y + ui.em(0.8f);
        const std::string name = ui.tr(diary::stageKey(diary::Stage(s)));
        y += drawText(ui, ui.fonts.bold, name, ImVec2(p.x + ui.em(0.8f), y), bw - ui.em(1.6f), t.text,
                      Align::Left, TextKind::Card, p, q);
        const std::string state =
            (st == diary::StageState::Done ? "\xE2\x9C\x93 " : "") + ui.tr(diary::stateKey(st));
        y += drawText(ui, ui.fonts.body, state, ImVec2(p.x + ui.em(0.8f), y), bw - ui.em(1.6f), t.muted,
                      Align::Left, TextKind::Card, p, q);
        if (next)
            drawText(ui, ui.fonts.bold, ui.tr("diary_state_next"), ImVec2(p.x + ui.em(0.8f), y),
                     bw - ui.em(1.6f), t.primary, Align::Left, TextKind::Card, p, q);
    }
    const int rows = (diary::kStages + cols - 1) / cols;
    ImGui::Dummy(ImVec2(w, float(rows) * (bh + gap)));
}

void testsSection(Ui& ui, const View& v, const diary::Diary& d, float w) {
    const Theme& t = ui.theme();
    section(ui, ui.tr("diary_tests"), w);
    bool any = false;
    for (size_t i = 0; i < d.visits.size(); ++i) {
        for (const diary::TestSnapshot& ts : d.visits[i].tests) {
            any = true;
            const assess::Instrument* ins = instrumentOf(v, ts.instrument);
            // The three highest scales of that run.
            std::vector<diary::ScalePercent> top = ts.scales;
            std::stable_sort(top.begin(), top.end(),
                             [](const auto& a, const auto& b) { return a.percent > b.percent; });
            std::string list;
            for (size_t k = 0; k < top.size() && k < 3; ++k)
                list += (list.empty() ? "" : ", ") + scaleName(ui, ins, top[k].scale);
            paragraph(ui, ui.fonts.body,
                      ui.tr("diary_test_line", {{"visit", int(i + 1)},
                                                {"test", ins ? ins->title.get(ui.lang) : ts.instrument},
                                                {"list", list}}),
                      w, t.text);
        }
    }
    if (!any) return (void)paragraph(ui, ui.fonts.body, ui.tr("diary_tests_none"), w, t.muted);
    for (const char* id : {"interest", "strengths"}) {
        const auto changes = diary::changesSinceLast(d, id);
        if (changes.empty()) continue;
        bool moved = false;
        for (const auto& c : changes) {
            if (c.direction == 0) continue;
            moved = true;
            paragraph(ui, ui.fonts.bold,
                      ui.tr(diary::changeKey(c), {{"scale", scaleName(ui, instrumentOf(v, id), c.scale)}}), w,
                      t.primary);
        }
        if (!moved) paragraph(ui, ui.fonts.body, ui.tr("diary_change_none"), w, t.text);
    }
}

void exploreSection(Ui& ui, const View& v, const diary::Diary& d, float w, Intents& out) {
    const Theme& t = ui.theme();
    section(ui, ui.tr("diary_saved"), w);
    if (d.saved.empty()) paragraph(ui, ui.fonts.body, ui.tr("diary_saved_none"), w, t.muted);
    std::vector<Chip> list;
    for (const auto& s : d.saved)
        list.push_back(
            {"dsaved_" + s.occupation, "\xE2\x98\x85 " + occupationTitle(ui, v, s.occupation), false});
    const int tapped = chips(ui, list, w);
    if (tapped >= 0) out.emit(intent::Push{{flow::ScreenId::Occupation, d.saved[size_t(tapped)].occupation}});
    if (!d.paths.empty()) {
        std::string paths;
        for (const auto& p : d.paths) {
            const char* k = diary::keyOf(diary::routes(), p);
            paths += (paths.empty() ? "" : ", ") + (k ? ui.tr(k) : p);
        }
        paragraph(ui, ui.fonts.body, ui.tr("diary_paths", {{"list", paths}}), w, t.text);
    }
}

std::string trialLine(Ui& ui, const View& v, const diary::Trial& tr) {
    const char* typeKey = diary::keyOf(diary::trialTypes(), tr.type);
    const std::string what =
        !tr.occupation.empty() ? occupationTitle(ui, v, tr.occupation) : fieldName(ui, v, tr.field);
    return (typeKey ? ui.tr(typeKey) : tr.type) + " \xC2\xB7 " + monthLabel(tr.month) + " \xC2\xB7 " + what;
}

// Planned trials apart from those done: ahead, or (its month come, even long past) "did you go?" with
// "I went" to tell how it went; either can be removed.
void plansSection(Ui& ui, const View& v, const DiaryView& dv, float w, Intents& out) {
    const diary::Diary& d = *dv.loaded;
    if (std::none_of(d.trials.begin(), d.trials.end(), [](const auto& x) { return x.planned; })) return;
    const Theme& t = ui.theme();
    section(ui, ui.tr("diary_plans"), w);
    for (const diary::Trial& tr : d.trials) {
        if (!tr.planned) continue;
        const bool due = diary::monthIndex(tr.month) <= diary::monthIndex(dv.thisMonth);
        paragraph(ui, ui.fonts.bold, trialLine(ui, v, tr), w, t.text);
        paragraph(ui, ui.fonts.body, ui.tr(due ? "diary_plan_due" : "diary_plan_ahead"), w,
                  due ? t.primary : t.muted);
        const std::string id = std::to_string(tr.id), went = ui.tr("diary_plan_went_btn"),
                          remove = ui.tr("diary_plan_remove");
        const float bw = std::min(ui.em(18.f), (w - ui.em(0.8f)) * 0.5f);
        const float bh =
            std::max(buttonHeight(ui, went, bw, ui.em(2.6f)), buttonHeight(ui, remove, bw, ui.em(2.6f)));
        if (due) {
            if (button(ui, ("dplan_went_" + id).c_str(), went, ImVec2(bw, bh))) {
                out.emit(intent::DiaryTrialSet{"complete", id});
                out.emit(intent::Push{{flow::ScreenId::Trial, {}}});
            }
            ImGui::SameLine(0, ui.em(0.8f));
        }
        if (button(ui, ("dplan_remove_" + id).c_str(), remove, ImVec2(bw, bh), Tone::Secondary))
            out.emit(intent::DiaryTrialSet{"remove", id});
        ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
    }
}

void trialsSection(Ui& ui, const View& v, const diary::Diary& d, float w) {
    const Theme& t = ui.theme();
    section(ui, ui.tr("diary_trials"), w);
    if (std::all_of(d.trials.begin(), d.trials.end(), [](const auto& x) { return x.planned; }))
        paragraph(ui, ui.fonts.body, ui.tr("diary_trials_none"), w, t.muted);
    for (const diary::Trial& tr : d.trials) {
        if (tr.planned) continue; // in plansSection
        paragraph(ui, ui.fonts.bold, trialLine(ui, v, tr), w, t.text);
        const std::string liked = labelsOf(ui, diary::likedChips(), tr.liked);
        const std::string disliked = labelsOf(ui, diary::dislikedChips(), tr.disliked);
        if (!liked.empty())
            paragraph(ui, ui.fonts.body, ui.tr("diary_trial_liked", {{"list", liked}}), w, t.text);
        if (!disliked.empty())
            paragraph(ui, ui.fonts.body, ui.tr("diary_trial_disliked", {{"list", disliked}}), w, t.text);
        if (const char* k = diary::keyOf(diary::againAnswers(), tr.again))
            paragraph(ui, ui.fonts.body, ui.tr("diary_again_question") + " " + ui.tr(k), w, t.text);
        if (!tr.note.empty()) paragraph(ui, ui.fonts.body, "\xC2\xAB" + tr.note + "\xC2\xBB", w, t.muted);
    }
}

void decisionSection(Ui& ui, const View& v, const diary::Diary& d, float w, Intents& out) {
    const Theme& t = ui.theme();
    section(ui, ui.tr("diary_decision"), w);
    if (!d.decision) return (void)paragraph(ui, ui.fonts.body, ui.tr("diary_decision_none"), w, t.muted);
    const diary::Decision& dec = *d.decision;
    paragraph(ui, ui.fonts.bold, ui.tr("diary_choice_line", {{"name", occupationTitle(ui, v, dec.choice)}}),
              w, t.text);
    if (!dec.planB.empty())
        paragraph(ui, ui.fonts.body, ui.tr("diary_planb_line", {{"name", occupationTitle(ui, v, dec.planB)}}),
                  w, t.text);
    std::string route = diary::keyOf(diary::routes(), dec.route)
                            ? ui.tr(diary::keyOf(diary::routes(), dec.route))
                            : dec.route;
    const int inst =
        v.content && !dec.institution.empty() ? v.content->institutionIndex(dec.institution) : -1;
    if (inst >= 0) route += " \xE2\x80\x94 " + v.content->institutions[size_t(inst)].name.get(ui.lang);
    paragraph(ui, ui.fonts.body, ui.tr("diary_route_line", {{"route", route}}), w, t.text);
    for (size_t i = 0; i < dec.steps.size(); ++i) {
        const diary::NextStep& s = dec.steps[i];
        const char* k = diary::keyOf(diary::stepKinds(), s.step);
        const std::string label = (s.done ? "\xE2\x9C\x93 " : "") + (k ? ui.tr(k) : s.step) +
                                  " \xE2\x80\x94 " + monthLabel(s.month);
        const std::string key = "dstep_" + std::to_string(i);
        if (button(ui, key.c_str(), label, ImVec2(w, buttonHeight(ui, label, w, ui.em(2.4f))),
                   s.done ? Tone::Primary : Tone::Secondary))
            out.emit(intent::DiaryStepDone{int(i), !s.done});
    }
}

void forgetDialog(Ui& ui, float w, Intents& out) {
    const Theme& t = ui.theme();
    paragraph(ui, ui.fonts.heading, ui.tr("diary_forget_title"), w, t.text);
    paragraph(ui, ui.fonts.body, ui.tr("diary_forget_body"), w, t.text);
    ImGui::Dummy(ImVec2(0, ui.em(1.f)));
    const float bw = std::min(ui.em(18.f), (w - ui.em(1.f)) * 0.5f);
    const std::string yes = ui.tr("diary_forget_yes"), no = ui.tr("diary_forget_no");
    const float bh = std::max(buttonHeight(ui, yes, bw, ui.em(3.f)), buttonHeight(ui, no, bw, ui.em(3.f)));
    if (button(ui, "diary_forget_no", no, ImVec2(bw, bh), Tone::Secondary)) out.emit(intent::DiaryForget{0});
    ImGui::SameLine(0, ui.em(1.f));
    if (button(ui, "diary_forget_yes", yes, ImVec2(bw, bh))) out.emit(intent::DiaryForget{2});
}

} // namespace

void drawDiary(Ui& ui, const View& v, Intents& out) {
    drawTopBar(ui, v, out);
    if (!v.diary) return;
    const DiaryView& dv = *v.diary;
    const Theme& t = ui.theme();
    const float w = beginBody(ui, "diary_page");
    if (!dv.loaded) {
        paragraph(ui, ui.fonts.heading, ui.tr("diary_err_gone"), w, t.text);
        return endBody(ui, "diary_page");
    }
    if (dv.forgetAsk) {
        forgetDialog(ui, w, out);
        return endBody(ui, "diary_page");
    }
    const diary::Diary& d = *dv.loaded;
    paragraph(ui, ui.fonts.heading, ui.tr("diary_title"), w, t.text);
    paragraph(ui, ui.fonts.body, ui.tr("diary_code_line", {{"code", diary::formatCode(d.code)}}), w, t.muted);
    message(ui, dv, w);
    const diary::StageMap m = diary::stageMap(d, dv.thisMonth);
    ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
    stageMap(ui, m, w);
    std::string next = ui.tr(m.suggestion.key);
    if (!m.suggestion.month.empty()) { // a decision step or a plan that is due, with its month
        const char* k =
            m.suggestion.step.empty() ? nullptr : diary::keyOf(diary::stepKinds(), m.suggestion.step);
        next = ui.tr(m.suggestion.key,
                     {{"step", k ? ui.tr(k) : m.suggestion.step}, {"month", monthLabel(m.suggestion.month)}});
    }
    paragraph(ui, ui.fonts.bold, ui.tr("diary_state_next") + ": " + next, w, t.primary);

    // Actions; "Print" (the sheet for the student and the parents) below them.
    ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
    const std::string trial = ui.tr("diary_log_trial"), decide = ui.tr("diary_make_decision"),
                      forget = ui.tr("diary_forget");
    // In a row when every label fits a third of the width, else one under the other.
    float bw = std::min(ui.em(16.f), (w - 2 * ui.em(0.8f)) / 3.f);
    bool row = true;
    for (const auto* l : {&trial, &decide, &forget})
        row = row && ui.minWidth(ui.fonts.bold, *l) + ui.em(1.6f) <= bw;
    if (!row) bw = std::min(w, ui.em(20.f));
    const float bh =
        std::max({buttonHeight(ui, trial, bw, ui.em(3.f)), buttonHeight(ui, decide, bw, ui.em(3.f)),
                  buttonHeight(ui, forget, bw, ui.em(3.f))});
    if (button(ui, "diary_log_trial", trial, ImVec2(bw, bh))) {
        out.emit(intent::DiaryTrialSet{"new", {}});
        out.emit(intent::Push{{flow::ScreenId::Trial, {}}});
    }
    if (row) ImGui::SameLine(0, ui.em(0.8f));
    if (button(ui, "diary_make_decision", decide, ImVec2(bw, bh))) {
        out.emit(intent::DiaryDecisionSet{"new", {}});
        out.emit(intent::Push{{flow::ScreenId::Decision, {}}});
    }
    if (row) ImGui::SameLine(0, ui.em(0.8f));
    if (button(ui, "diary_forget", forget, ImVec2(bw, bh), Tone::Secondary)) out.emit(intent::DiaryForget{1});
    const std::string printLabel = ui.tr("results_print");
    if (button(ui, "diary_print", printLabel, ImVec2(bw, buttonHeight(ui, printLabel, bw, ui.em(3.f))),
               Tone::Secondary))
        out.emit(intent::Push{{flow::ScreenId::PrintPreview, {}}});

    plansSection(ui, v, dv, w, out); // first: "did you go?" asks for an answer
    testsSection(ui, v, d, w);
    exploreSection(ui, v, d, w, out);
    trialsSection(ui, v, d, w);
    decisionSection(ui, v, d, w, out);
    endBody(ui, "diary_page");
}

} // namespace kesip::ui
