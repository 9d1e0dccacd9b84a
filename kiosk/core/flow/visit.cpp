#include "flow/visit.hpp"

#include "assess/versions.hpp"

#include <algorithm>
#include <cstdio>

#include "catalog/matching.hpp"

namespace kesip::flow {

VisitController::VisitController(store::Database& db, const Clock& clock, Router& router,
                                 VisitContent content, int demographicsQuestions, SaveErrorSink onSaveError)
    : clock_(clock), router_(router), content_(std::move(content)),
      demographicsQuestions_(demographicsQuestions), onSaveError_(std::move(onSaveError)),
      sessions_(db, clock), runs_(db, clock) {}

void VisitController::saveGuard(const char* what, const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        // The visitor can go on; what was saved before stays saved (each write is its own transaction).
        if (onSaveError_)
            onSaveError_(what, e.what());
        else
            std::fprintf(stderr, "kesip: could not %s: %s\n", what, e.what());
    }
}

void VisitController::start(Lang l, const std::string& code) {
    if (visit_) end("finished");
    saveGuard("start visit", [&] {
        visit_.emplace();
        visit_->session = sessions_.begin(l, code);
    });
    router_.reset({ScreenId::Home, {}});
}

void VisitController::end(const char* reason) {
    if (visit_) {
        // Unfinished tests stay in the database, marked as abandoned; nothing stays in memory.
        saveGuard("end visit", [&] {
            runs_.abandonOpen(visit_->session.id);
            sessions_.end(visit_->session.id, reason);
        });
    }
    visit_.reset();
}

std::string VisitController::discard() {
    std::string id = visit_ ? visit_->session.id : std::string();
    visit_.reset();
    return id;
}

void VisitController::setLang(Lang l) {
    if (visit_) saveGuard("save language", [&] { sessions_.setLang(visit_->session.id, l); });
}

void VisitController::openTest(const std::string& id) {
    if (!visit_ || !content_.instrument(id)) return;
    if (visit_->completed.count(id))
        router_.push({ScreenId::Results, id});
    else if (!visit_->demoDone)
        router_.push({ScreenId::Demographics, id});
    else {
        beginTest(id);
        router_.push({ScreenId::Test, id});
    }
}

void VisitController::beginTest(const std::string& id) {
    const assess::Instrument* ins = content_.instrument(id);
    if (!visit_ || !ins) return;
    auto& runner = visit_->runners[id];
    if (!runner) {
        runner = std::make_unique<assess::Runner>(*ins);
        saveGuard("start test", [&] { runs_.start(visit_->session.id, ins->id, ins->version); });
    }
    runner->showItem(clock_.monotonicMs());
}

void VisitController::skipDemographics(const std::optional<std::string>& ageBand) {
    if (!visit_) return;
    visit_->demoDone = true;
    visit_->demo.ageBand = ageBand; // in memory only (screenshots); saved demographics come from answers
}

void VisitController::onDemographicsAnswer(const std::string& value) {
    if (!visit_) return;
    store::Demographics& d = visit_->demo;
    std::optional<std::string>* fields[] = {&d.ageBand, &d.gender, &d.status, &d.oblast};
    *fields[std::clamp(visit_->demoStep, 0, 3)] = value;
    if (++visit_->demoStep < demographicsQuestions_) return;
    visit_->demoDone = true;
    saveGuard("save demographics", [&] { sessions_.setDemographics(visit_->session.id, d); });
    const std::string next = router_.current().param;
    beginTest(next);
    router_.replace({ScreenId::Test, next});
}

void VisitController::answerItem(std::optional<int> value, int64_t nowMs) {
    if (!visit_) return;
    const std::string id = router_.current().param;
    auto it = visit_->runners.find(id);
    if (it == visit_->runners.end() || it->second->finished()) return;
    assess::Runner& run = *it->second;
    const assess::Response r = run.answer(value, nowMs >= 0 ? nowMs : clock_.monotonicMs());
    const assess::Result result = assess::score(run.instrument(), run.responses());
    bool saved = false;
    saveGuard("save answer", [&] {
        runs_.saveAnswer(visit_->session.id, id, r, result,
                         assess::packAnswers(run.instrument(), run.responses()),
                         assess::packTimes(run.instrument(), run.responses()));
        if (run.finished()) {
            runs_.complete(visit_->session.id, id);
            saveVisitResult(id, result);
        }
        saved = true;
    });
    visit_->saveFailed = !saved;
    if (run.finished()) {
        visit_->completed[id] = result;
        router_.replace({ScreenId::Results, id});
    }
}

// Interest code, best field and strengths of the visit: what export and the dashboard count.
void VisitController::saveVisitResult(const std::string& id, const assess::Result& r) {
    const bool usable = !assess::unreliable(r.flags) && !(r.flags & assess::kFlagFlat);
    if (id == "interest") {
        std::string field;
        const catalog::Content* encyclopedia = content_.encyclopedia();
        if (usable && encyclopedia) {
            auto f = catalog::matchFields(*encyclopedia,
                                          catalog::profileFrom(*content_.instrument("interest"), r), 1);
            if (!f.empty()) field = encyclopedia->fields[size_t(f[0].field)].id;
        }
        runs_.saveVisitResult(visit_->session.id, usable ? r.code : std::string(), field, {});
    } else if (id == "strengths" && !assess::unreliable(r.flags)) {
        const assess::Instrument& strengths = *content_.instrument("strengths");
        std::string list;
        for (int s : r.strengths) list += (list.empty() ? "" : ",") + strengths.scales[size_t(s)].id;
        runs_.saveVisitResult(visit_->session.id, {}, {}, list);
    }
}

bool VisitController::back() {
    const Route& cur = router_.current();
    if (visit_ && cur.id == ScreenId::Test) {
        auto& run = visit_->runners[cur.param];
        if (run && run->back()) {
            run->showItem(clock_.monotonicMs());
            return true;
        }
    }
    if (visit_ && cur.id == ScreenId::Demographics && visit_->demoStep > 0) {
        --visit_->demoStep;
        return true;
    }
    return false;
}

void VisitController::pause() {
    if (visit_) visit_->leaveDialog = true;
}

void VisitController::closeLeaveDialog() {
    if (visit_) visit_->leaveDialog = false;
}

void VisitController::continueLater() {
    if (!visit_) return;
    visit_->leaveDialog = false;
    router_.reset({ScreenId::Home, {}});
}

} // namespace kesip::flow
