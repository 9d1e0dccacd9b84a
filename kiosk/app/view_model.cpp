// App: view models. What screens draw is built here from app and visit state, once per frame; screens
// only read it.
#include "app/app.hpp"
#include "assess/summary.hpp"
#include "ui/screens/diary_common.hpp" // star
#include "ui/screens/study_common.hpp" // evkbd

namespace kesip::app {

// The snapshot screens draw this frame: route, visit progress, overlays, what the staff screens show.
ui::View App::buildView() {
    ui::View v;
    v.route = router_.current();
    v.depth = router_.depth();
    const flow::Visit* vs = visit();
    v.visitActive = vs != nullptr;
    v.hasResults = vs && !vs->completed.empty();
    v.idleWarning = idleWarning_;
    v.idleRemainingMs = idleRemainingMs_;
    v.content = encyclopedia();
    v.interest = instrument("interest");
    v.strengths = instrument("strengths");
    v.canSpeak = readAloudAvailable() && !staff_;
    v.speaking = speaking();
    v.largeText = largeText_;
    v.highContrast = highContrast_;
    v.interestCard = testCard("interest");
    v.strengthsCard = testCard("strengths");
    if (vs) {
        v.demoStep = vs->demoStep;
        v.saveFailed = vs->saveFailed;
        if (v.route.id == flow::ScreenId::Test) {
            auto it = vs->runners.find(v.route.param);
            if (it != vs->runners.end() && it->second && !it->second->finished()) {
                ui::TestView& tv = views_->testView;
                tv.ins = &it->second->instrument();
                tv.index = it->second->index();
                tv.total = it->second->total();
                tv.chosen = it->second->currentAnswer();
                tv.leaveDialog = vs->leaveDialog;
                v.test = &tv;
            }
        }
        if (v.route.id == flow::ScreenId::Results) v.results = &resultsView();
        if (v.route.id == flow::ScreenId::Search) v.search = &views_->search;
        v.diary = &views_->diary; // diaryui
    }
    if (staff_) v.staff = &staff_->view;
    // printjobs
    v.print = pollPrint(v.route.id);
    v.counselorDiary = counselorDiaryView(v.route.id);
    eventsView(v); // eventsui
    return v;
}

ui::TestCard App::testCard(const std::string& id) const {
    ui::TestCard c;
    const assess::Instrument* ins = instrument(id);
    c.available = ins != nullptr;
    if (!ins) return c;
    c.total = int(ins->items.size());
    if (const flow::Visit* vs = visit()) {
        c.completed = vs->completed.count(id) > 0;
        auto it = vs->runners.find(id);
        if (it != vs->runners.end() && it->second) c.done = it->second->answeredCount();
    }
    return c;
}

const ui::ResultsView& App::resultsView() {
    const flow::Visit& vs = *visit();
    VisitViews& views = *views_;
    std::string key = std::string(langCode(ui_->lang)) + std::to_string(vs.completed.size());
    if (key == views.resultsKey) return views.resultsView;
    // Rebuilt only when the language or the set of finished tests changes (QR encoding is not free).
    ui::ResultsView& rv = views.resultsView;
    rv = {};
    rv.code = vs.session.code;
    assess::TakeawayInput in;
    in.code = vs.session.code;
    in.wallMs = clock_.wallMs();
    // The version the visitor's run used (items, scales), not blindly the current one.
    auto runInstrument = [&](const char* id) {
        auto r = vs.runners.find(id);
        return r != vs.runners.end() && r->second ? &r->second->instrument() : instrument(id);
    };
    // Compared with others of the visitor's age: only with installed norms of the run's own version.
    auto percents = [](const assess::Result& r) {
        std::vector<double> p;
        for (const auto& s : r.scales) p.push_back(s.percent);
        return p;
    };
    if (auto it = vs.completed.find("interest"); it != vs.completed.end()) {
        rv.interest = runInstrument("interest");
        rv.interestResult = it->second;
        rv.interestNorms =
            psychometrics::percentilesFor(norms_, *rv.interest, percents(it->second), vs.demo.ageBand);
        in.interest = rv.interest;
        in.interestResult = it->second;
    }
    if (auto it = vs.completed.find("strengths"); it != vs.completed.end()) {
        rv.strengths = runInstrument("strengths");
        rv.strengthsResult = it->second;
        rv.strengthsNorms =
            psychometrics::percentilesFor(norms_, *rv.strengths, percents(it->second), vs.demo.ageBand);
        in.strengths = rv.strengths;
        in.strengthsResult = it->second;
    }
    if (encyclopedia_ && rv.interestResult && !(rv.interestResult->flags & assess::kFlagFlat) &&
        !assess::unreliable(rv.interestResult->flags)) {
        const bool withStrengths = rv.strengthsResult && !assess::unreliable(rv.strengthsResult->flags);
        const catalog::Profile p =
            catalog::profileFrom(*rv.interest, *rv.interestResult, withStrengths ? rv.strengths : nullptr,
                                 withStrengths ? &*rv.strengthsResult : nullptr);
        rv.matches = catalog::matchOccupations(*encyclopedia_, p, 10);
        rv.fields = catalog::matchFields(*encyclopedia_, p, 3);
        for (size_t i = 0; i < rv.matches.size() && i < 5; ++i)
            in.occupations.push_back(
                encyclopedia_->occupations[size_t(rv.matches[i].occupation)].title.get(ui_->lang));
    }
    rv.qrText = assess::takeawayText(*catalog_, ui_->lang, in);
    rv.qr = makeQr(rv.qrText);
    views.resultsKey = key;
    return rv;
}

// What the speaker button reads on this screen; empty: no button.
std::string App::readAloudText(const ui::View& v) const {
    const Lang L = ui_->lang;
    std::string t;
    auto add = [&](const std::string& s) {
        if (!s.empty()) t += (t.empty() ? "" : ". ") + s;
    };
    auto starReadout = [&](const std::string& occupation) { // star: what the star shows, said aloud
        if (v.diary && ui::diaryui::isSaved(*v.diary, occupation)) add(ui_->tr("star_readout_saved"));
    };
    if (v.test) {
        const auto& ins = *v.test->ins;
        if (v.test->index == 0) add(ins.instruction.get(L)); // read with the first item, as shown
        add(ins.items[size_t(v.test->index)].text.get(L));
        std::string options;
        for (const auto& a : ins.answers) options += (options.empty() ? "" : ", ") + a.label.get(L);
        add(options);
    } else if (v.results) {
        const ui::ResultsView& rv = *v.results;
        const std::string tab = v.route.param.empty() ? "interest" : v.route.param;
        if (tab == "interest" && rv.interest && rv.interestResult) {
            const auto& r = *rv.interestResult;
            if (assess::unreliable(r.flags))
                add(ui_->tr("results_unreliable"));
            else if (r.flags & assess::kFlagFlat)
                add(ui_->tr("results_flat"));
            else
                for (const auto& g : r.codeGroups)
                    for (int s : g) {
                        add(rv.interest->scales[size_t(s)].name.get(L));
                        add(rv.interest->scales[size_t(s)].description.get(L));
                    }
        } else if (tab == "strengths" && rv.strengths && rv.strengthsResult) {
            for (int s : rv.strengthsResult->strengths) {
                add(rv.strengths->scales[size_t(s)].name.get(L));
                add(rv.strengths->scales[size_t(s)].description.get(L));
            }
        } else if (tab == "occupations" && encyclopedia_) {
            for (const auto& m : rv.matches) {
                add(encyclopedia_->occupations[size_t(m.occupation)].title.get(L));
                starReadout(encyclopedia_->occupations[size_t(m.occupation)].id); // star
            }
        } else if (tab == "takeaway") {
            for (const char* k : {"next_counselor", "next_explore", "next_visit", "next_try", "next_decide"})
                add(ui_->tr(k));
        }
    } else if (v.route.id == flow::ScreenId::Occupation && encyclopedia_) {
        const int o = encyclopedia_->occupationIndex(v.route.param);
        if (o >= 0) {
            const auto& oc = encyclopedia_->occupations[size_t(o)];
            add(oc.title.get(L));
            starReadout(oc.id); // star
            add(oc.description.get(L));
            for (const auto& task : oc.tasks(L)) add(task);
        }
    } else if (v.route.id == flow::ScreenId::Study && v.content) { // evkbd
        t = ui::study::speakStudy(*ui_, *v.content, v.route.param, studyView());
    } else if (v.route.id == flow::ScreenId::Institutions && v.content) { // evkbd
        t = ui::study::speakInstitutions(*ui_, *v.content, v.route.param);
    }
    return t;
}

} // namespace kesip::app
