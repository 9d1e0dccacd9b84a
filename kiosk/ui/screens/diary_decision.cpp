// The decision (stage 5): my choice, a plan B, how and where to study, next steps with a target month,
// and the "ready to decide" self-check.
#include "diary/vocab.hpp"
#include "ui/screens/diary_common.hpp"

namespace kesip::ui {

using l10n::K;
using namespace diaryui;

namespace {

void label(Ui& ui, const char* key, float w) {
    ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
    paragraph(ui, ui.fonts.bold, ui.tr(key), w, ui.theme().text);
}

void occupationChips(Ui& ui, const View& v, const std::vector<std::string>& occs, const std::string& on,
                     const std::string& skip, const char* prefix, const char* what, float w, Intents& out) {
    std::vector<Chip> c;
    std::vector<std::string> ids;
    for (const auto& o : occs) {
        if (o == skip) continue;
        c.push_back({prefix + o, occupationTitle(ui, v, o), o == on});
        ids.push_back(o);
    }
    if (int i = chips(ui, c, w); i >= 0) out.emit(intent::DiaryDecisionSet{what, ids[size_t(i)]});
}

void steps(Ui& ui, const DiaryView& dv, float w, Intents& out) {
    const Theme& t = ui.theme();
    const diary::Decision& d = dv.decision;
    std::vector<Chip> c;
    for (const diary::Choice& x : diary::stepKinds()) {
        const bool on =
            std::any_of(d.steps.begin(), d.steps.end(), [&](const auto& s) { return s.step == x.code; });
        c.push_back({std::string("dstepkind_") + x.code, ui.tr(x.key), on});
    }
    if (int i = chips(ui, c, w); i >= 0)
        out.emit(intent::DiaryDecisionSet{"step", diary::stepKinds()[size_t(i)].code});
    // Each chosen step with its target month.
    const float bw = ui.em(2.8f), bh = ui.em(2.4f), mw = ui.em(6.f);
    const float textW = std::max(ui.em(8.f), w - 2 * bw - mw - ui.em(2.f));
    for (size_t i = 0; i < d.steps.size(); ++i) {
        const char* k = diary::keyOf(diary::stepKinds(), d.steps[i].step);
        const std::string name = k ? ui.tr(k) : d.steps[i].step;
        const float rowH = std::max(bh, paragraphHeight(ui, ui.fonts.body, name, textW));
        const ImVec2 p = ImGui::GetCursorScreenPos();
        drawText(ui, ui.fonts.body, name, ImVec2(p.x, p.y + ui.em(0.3f)), textW, t.text, Align::Left,
                 TextKind::Paragraph, p, ImVec2(p.x + textW, p.y + rowH + ui.em(0.3f)));
        const float x = ImGui::GetCursorPosX() + textW + ui.em(0.5f), y = ImGui::GetCursorPosY();
        const std::string n = std::to_string(i);
        ImGui::SetCursorPos(ImVec2(x, y));
        if (button(ui, ("dsm_prev_" + n).c_str(), "\xE2\x80\xB9", ImVec2(bw, bh), Tone::Secondary))
            out.emit(intent::DiaryDecisionSet{"stepmonth", n + ":-1"});
        const ImVec2 mp(p.x + textW + ui.em(0.5f) + bw + ui.em(0.3f), p.y);
        drawText(ui, ui.fonts.bold, monthLabel(d.steps[i].month),
                 ImVec2(mp.x, mp.y + (bh - ui.fonts.bold->FontSize) * 0.5f), mw, t.text, Align::Center,
                 TextKind::Paragraph, mp, ImVec2(mp.x + mw, mp.y + bh));
        ImGui::SetCursorPos(ImVec2(x + bw + mw + ui.em(0.6f), y));
        if (button(ui, ("dsm_next_" + n).c_str(), "\xE2\x80\xBA", ImVec2(bw, bh), Tone::Secondary))
            out.emit(intent::DiaryDecisionSet{"stepmonth", n + ":+1"});
        ImGui::SetCursorPos(ImVec2(x - textW - ui.em(0.5f), y + rowH + ui.em(0.5f)));
        ImGui::Dummy(ImVec2(0, 0));
    }
}

void readyCheck(Ui& ui, const DiaryView& dv, float w, Intents& out) {
    const Theme& t = ui.theme();
    const float bw = ui.em(5.5f), bh = ui.em(2.4f);
    const std::string yes = ui.tr("diary_again_yes"), no = ui.tr("diary_again_no");
    const float textW = std::max(ui.em(8.f), w - 2 * bw - ui.em(1.5f));
    for (const diary::Choice& c : diary::readyItems()) {
        const auto it = dv.loaded ? dv.loaded->ready.find(c.code) : decltype(dv.loaded->ready.end()){};
        const bool answered = dv.loaded && it != dv.loaded->ready.end();
        const std::string text = ui.tr(c.key);
        const float rowH = std::max(bh, paragraphHeight(ui, ui.fonts.body, text, textW));
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float x0 = ImGui::GetCursorPosX(), y = ImGui::GetCursorPosY();
        drawText(ui, ui.fonts.body, text, ImVec2(p.x, p.y + ui.em(0.2f)), textW, t.text, Align::Left,
                 TextKind::Paragraph, p, ImVec2(p.x + textW, p.y + rowH + ui.em(0.2f)));
        ImGui::SetCursorPos(ImVec2(x0 + textW + ui.em(0.5f), y));
        if (button(ui, (std::string("dready_yes_") + c.code).c_str(), yes, ImVec2(bw, bh),
                   answered && it->second ? Tone::Primary : Tone::Secondary))
            out.emit(intent::DiaryDecisionSet{"ready", std::string(c.code) + ":1"});
        ImGui::SameLine(0, ui.em(0.5f));
        if (button(ui, (std::string("dready_no_") + c.code).c_str(), no, ImVec2(bw, bh),
                   answered && !it->second ? Tone::Primary : Tone::Secondary))
            out.emit(intent::DiaryDecisionSet{"ready", std::string(c.code) + ":0"});
        ImGui::SetCursorPos(ImVec2(x0, y + rowH + ui.em(0.5f)));
        ImGui::Dummy(ImVec2(0, 0));
    }
}

} // namespace

void drawDecision(Ui& ui, const View& v, Intents& out) {
    drawTopBar(ui, v, out);
    if (!v.diary) return;
    const DiaryView& dv = *v.diary;
    const Theme& t = ui.theme();
    const diary::Decision& d = dv.decision;
    const float w = beginBody(ui, "decision_page");
    paragraph(ui, ui.fonts.heading, ui.tr("diary_decision_title"), w, t.text);
    const std::vector<std::string> occs = diaryOccupations(dv);
    label(ui, K("diary_choice"), w);
    if (occs.empty()) paragraph(ui, ui.fonts.body, ui.tr("diary_decision_need_saved"), w, t.muted);
    occupationChips(ui, v, occs, d.choice, {}, "dchoice_", "choice", w, out);
    if (occs.size() > 1) {
        label(ui, K("diary_planb"), w);
        occupationChips(ui, v, occs, d.planB, d.choice, "dplanb_", "planb", w, out);
    }
    label(ui, K("diary_route"), w);
    {
        std::vector<Chip> c;
        for (const diary::Choice& x : diary::routes())
            c.push_back({std::string("droute_") + x.code, ui.tr(x.key), d.route == x.code});
        if (int i = chips(ui, c, w); i >= 0)
            out.emit(intent::DiaryDecisionSet{"route", diary::routes()[size_t(i)].code});
    }
    if (v.content && !d.choice.empty()) {
        label(ui, K("diary_where"), w);
        std::vector<int> places = v.content->institutionsTeaching(d.choice);
        if (places.size() > 8) places.resize(8);
        if (places.empty()) paragraph(ui, ui.fonts.body, ui.tr("diary_where_ask"), w, t.muted);
        std::vector<Chip> c;
        for (int i : places) {
            const catalog::Institution& in = v.content->institutions[size_t(i)];
            c.push_back({"dinst_" + in.id, in.name.get(ui.lang) + " \xC2\xB7 " + in.town.get(ui.lang),
                         in.id == d.institution});
        }
        if (int i = chips(ui, c, w); i >= 0)
            out.emit(intent::DiaryDecisionSet{"institution",
                                              v.content->institutions[size_t(places[size_t(i)])].id});
    }
    label(ui, K("diary_steps"), w);
    steps(ui, dv, w, out);
    label(ui, K("diary_ready_title"), w);
    readyCheck(ui, dv, w, out);
    ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
    message(ui, dv, w);
    const std::string save = ui.tr("diary_decision_save");
    const float sw = std::min(w, ui.em(16.f));
    if (button(ui, "decision_save", save, ImVec2(sw, buttonHeight(ui, save, sw, ui.em(3.2f))), Tone::Primary,
               !d.choice.empty()))
        out.emit(intent::DiaryDecisionSave{});
    endBody(ui, "decision_page");
}

} // namespace kesip::ui
