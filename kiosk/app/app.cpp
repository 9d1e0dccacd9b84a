#include "app/app.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <imgui_impl_sdl.h>
#include <unistd.h>

#include "assess/summary.hpp"
#include "assess/versions.hpp"
#include "speech/speech.hpp"
#include "store/local_store.hpp"
#include "store/schema.hpp"
#include "sync/content_pack.hpp"
#include "sync/simulate.hpp"
#include "util/paths.hpp"

namespace kesip::app {

namespace {

volatile std::sig_atomic_t g_stopSignal = 0;
void onStopSignal(int) {
    g_stopSignal = 1;
}

// How long the thank-you screen stays before the kiosk returns to the attract screen by itself.
constexpr int64_t kFinishScreenMs = 15'000;
constexpr int64_t kStaffIdleLogoutMs = 180'000; // UX.md: staff and counselor log out after 3 min idle

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

App::App(Options opts, Clock& clock) : opts_(std::move(opts)), clock_(clock) {}

App::~App() {
    if (visit_ && db_) endVisit("shutdown");
}

bool App::init(std::string& error, int& exitCode) {
    exitCode = kExitCannotStart;
    const std::string res = findResourceDir(opts_.resourceDir);
    speech::setRulesPath(res + "/speech/rules.json"); // read-aloud text rules follow --resources
    catalog_ = l10n::Catalog::open(res + "/locale", error);
    if (!catalog_) return false;
    // Screenshots and tests never read the machine's settings file.
    config_ = opts_.screenshot.empty() && !opts_.headless ? loadConfig(opts_.configPath) : KioskConfig{};
    for (const auto& p : config_.problems) std::fprintf(stderr, "kesip: config: %s\n", p.c_str());
    idle_.setPolicy({int64_t(config_.idleSeconds) * 1000, int64_t(config_.testIdleSeconds) * 1000,
                     int64_t(config_.warningSeconds) * 1000});

    PlatformConfig pc;
    pc.headless = !opts_.screenshot.empty() || opts_.headless || opts_.selfTest;
    pc.fullscreen = !opts_.windowed;
    pc.hideCursor = !opts_.windowed && !pc.headless;
    pc.width = opts_.width;
    pc.height = opts_.height;
    platform_ = Platform::create(pc, error);
    if (!platform_) return false;

    ui_ = std::make_unique<ui::Ui>(*catalog_, theme_);
    ui_->lang = opts_.lang;
    // Body text scales with the screen: 28 px at 1080 lines (UX.md asks >= 24), times large-text.
    const float bodyPx = std::round(platform_->size().y / 1080.f * 28.f * opts_.textScale);
    const bool memoryDb = !opts_.screenshot.empty() && opts_.dataDir.empty();
    if (!memoryDb) dataDir_ = opts_.dataDir.empty() ? defaultDataDir() : opts_.dataDir;
    resourceDir_ = res;
    loadInstruments(res);
    loadEncyclopedia(res);
    normalFonts_.bodyPx = bodyPx;
    if (!rebuildFonts(opts_.largeText, error)) return false;
    setAccessibility(opts_.largeText, opts_.highContrast);

    // Storage: screenshots without an explicit data dir use a throwaway in-memory database.
    if (!opts_.screenshot.empty() && opts_.dataDir.empty()) {
        db_ = std::make_unique<store::Database>(":memory:");
        store::migrate(*db_, store::localMigrations());
    } else {
        auto r = store::openLocalStore(dataDir_);
        if (!r.db) {
            std::fprintf(stderr, "kesip: %s\n", r.detail.c_str());
            maintenanceKey_ = store::openErrorKey(r.error);
            maintenanceSince_ = clock_.monotonicMs();
            router_.reset({flow::ScreenId::Maintenance, maintenanceKey_});
        } else {
            db_ = std::move(r.db);
        }
    }
    if (db_) {
        sessions_ = std::make_unique<store::SessionRepo>(*db_, clock_);
        runs_ = std::make_unique<store::RunRepo>(*db_, clock_);
        // Visits cut short by a power cut or crash: close them so they are counted and exported.
        saveGuard("close stale visits", [&] { sessions_->closeStale(3'600'000); });
        for (const auto& p : contentProblems_)
            saveGuard("log content problem",
                      [&] { store::audit(*db_, clock_, "system", "content_error", p.str()); });
        if (!encyclopediaError_.empty())
            saveGuard("log content problem",
                      [&] { store::audit(*db_, clock_, "system", "content_error", encyclopediaError_); });
        for (const auto& p : config_.problems)
            saveGuard("log config problem",
                      [&] { store::audit(*db_, clock_, "system", "config_ignored", p); });
        access_ = std::make_unique<store::AccessControl>(*db_, clock_);
        saveGuard("apply config", [&] {
            if (!config_.staffPinHash.empty() && !access_->hasPin(store::Role::Staff))
                access_->setPinHash(store::Role::Staff, config_.staffPinHash);
            if (!config_.counselorPinHash.empty() && !access_->hasPin(store::Role::Counselor))
                access_->setPinHash(store::Role::Counselor, config_.counselorPinHash);
            store::ensureKioskId(*db_, config_.kioskId);
        });
    }
    // Read-aloud: no audio device or a missing voice only hides the speaker buttons (staff see why).
    if (opts_.screenshot.empty() && !opts_.selfTest) {
        speech_ = std::make_unique<speech::Speech>();
        audio_ = std::make_unique<AudioOut>(speech_.get());
        if (db_ && !readAloudAvailable()) {
            const std::string why = !speech_->ok() ? speech_->problem() : audio_->problem();
            std::fprintf(stderr, "kesip: read-aloud unavailable: %s\n", why.c_str());
            saveGuard("audit", [&] { store::audit(*db_, clock_, "system", "speech_unavailable", why); });
        }
        if (db_)
            saveGuard("volume", [&] {
                if (auto v = store::SettingsRepo(*db_).get("volume")) speech_->setVolume(std::stof(*v));
            });
    }
    idle_.restart(clock_.monotonicMs());
    exitCode = kExitOk;
    return true;
}

void App::saveGuard(const char* what, const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        // The visitor can go on; what was saved before stays saved (each write is its own transaction).
        std::fprintf(stderr, "kesip: could not %s: %s\n", what, e.what());
    }
}

void App::loadInstruments(const std::string& res) {
    // A broken instrument hides that test only; the reasons go to stderr and the audit table (staff).
    contentProblems_.clear();
    // Every version (instruments/archive/): stored runs score and show with their own version's items.
    interest_ = assess::loadInstrumentVersions(res + "/instruments", "interest", assess::interestSpec(),
                                               contentProblems_);
    strengths_ = assess::loadInstrumentVersions(res + "/instruments", "strengths", assess::strengthsSpec(),
                                                contentProblems_);
    for (const auto& p : contentProblems_) std::fprintf(stderr, "kesip: content: %s\n", p.str().c_str());
}

std::vector<std::string> App::displayTexts() const {
    std::vector<std::string> texts = catalog_->allPatterns();
    texts.push_back(ui::kUiSymbols);
    auto add = [&](const Text2& t) {
        texts.push_back(t.ky);
        texts.push_back(t.ru);
    };
    for (const auto* ins : {instrument("interest"), instrument("strengths")}) {
        if (!ins) continue;
        add(ins->title);
        for (auto& a : ins->answers) add(a.label);
        for (auto& sc : ins->scales) {
            add(sc.name);
            add(sc.shortName);
            add(sc.description);
            add(sc.likes);
        }
        add(ins->instruction);
        // The counselor may open a visit stored with an earlier version: its item texts are shown too.
        for (const auto* v : assess::allVersions(*ins))
            for (auto& it : v->items) add(it.text);
    }
    if (encyclopedia_) {
        auto more = encyclopedia_->allTexts();
        texts.insert(texts.end(), more.begin(), more.end());
    }
    return texts;
}

void App::loadEncyclopedia(const std::string& res) {
    // A missing or corrupt content database: the encyclopedia shows a maintenance note, tests still work.
    encyclopediaError_.clear();
    searchIndex_.reset();
    const std::string contentPath = sync::activeContentPath(dataDir_, res);
    encyclopedia_ = catalog::loadContentDb(contentPath, encyclopediaError_);
    // Norms travel in the same database; any that do not fit this kiosk's test versions are left out.
    std::vector<content::Problem> normProblems;
    norms_.clear();
    if (encyclopedia_)
        norms_ = psychometrics::loadContentNorms(
            contentPath, {instrument("interest"), instrument("strengths")}, normProblems);
    for (const auto& p : normProblems) std::fprintf(stderr, "kesip: norms left out: %s\n", p.str().c_str());
    if (!encyclopedia_) {
        std::fprintf(stderr, "kesip: encyclopedia unavailable: %s\n", encyclopediaError_.c_str());
        return;
    }
    searchIndex_ =
        std::make_unique<catalog::SearchIndex>(*encyclopedia_, std::make_shared<catalog::Normalizer>());
}

void App::runSearch() {
    if (!visit_ || !searchIndex_) return;
    visit_->search.result = searchIndex_->search(visit_->search.query, ui_->lang);
}

const assess::Instrument* App::instrument(const std::string& id) const {
    if (id == "interest" && interest_) return &*interest_;
    if (id == "strengths" && strengths_) return &*strengths_;
    return nullptr;
}

void App::startVisit(Lang l, const std::string& code) {
    if (visit_) endVisit("finished");
    ui_->lang = l;
    saveGuard("start visit", [&] {
        visit_.emplace();
        visit_->session = sessions_->begin(l, code);
    });
    router_.reset({flow::ScreenId::Home, {}});
    idle_.restart(clock_.monotonicMs());
}

void App::setLang(Lang l) {
    ui_->lang = l;
    if (visit_) saveGuard("save language", [&] { sessions_->setLang(visit_->session.id, l); });
}

void App::endVisit(const char* reason) {
    if (visit_) {
        // Unfinished tests stay in the database, marked as abandoned; nothing stays in memory.
        saveGuard("end visit", [&] {
            runs_->abandonOpen(visit_->session.id);
            sessions_->end(visit_->session.id, reason);
        });
    }
    visit_.reset();
}

// Large text is 1.35 times the normal size (WCAG reflow practice: big enough to matter, small enough
// that em-based layouts still fit 1920x1080).
constexpr float kLargeTextFactor = 1.35f;

bool App::rebuildFonts(bool withLarge, std::string& error) {
    std::vector<std::pair<float, ui::Fonts*>> sets = {{normalFonts_.bodyPx, &normalFonts_}};
    if (withLarge) sets.push_back({std::round(normalFonts_.bodyPx * kLargeTextFactor), &largeFonts_});
    if (!platform_->buildFonts(opts_.fontDir, displayTexts(), sets, error)) return false;
    largeBuilt_ = withLarge;
    ui_->fonts = largeText_ && largeBuilt_ ? largeFonts_ : normalFonts_;
    return true;
}

void App::setAccessibility(bool largeText, bool highContrast) {
    std::string err;
    // The large set is built on first use and then kept: later toggles are instant.
    if (largeText && !largeBuilt_ && !rebuildFonts(true, err))
        std::fprintf(stderr, "kesip: fonts: %s\n", err.c_str());
    largeText_ = largeText && largeBuilt_;
    ui_->fonts = largeText_ ? largeFonts_ : normalFonts_;
    highContrast_ = highContrast;
    theme_ = highContrast ? ui::highContrastTheme() : ui::Theme{};
}

// Nothing of the visitor survives: visit state, language, back stack, overlays, text size, contrast,
// and whatever was being read aloud.
void App::resetToAttract(const char* reason) {
    if (speech_) speech_->stop();
    endVisit(reason);
    setAccessibility(false, false);
    router_.reset({flow::ScreenId::Attract, {}});
    ui_->lang = Lang::ky;
    idleWarning_ = false;
    finishShownAt_ = -1;
    idle_.restart(clock_.monotonicMs());
}

void App::openTest(const std::string& id) {
    if (!visit_ || !instrument(id)) return;
    if (visit_->completed.count(id))
        router_.push({flow::ScreenId::Results, id});
    else if (!visit_->demoDone)
        router_.push({flow::ScreenId::Demographics, id});
    else {
        beginTest(id);
        router_.push({flow::ScreenId::Test, id});
    }
}

void App::beginTest(const std::string& id) {
    const assess::Instrument* ins = instrument(id);
    auto& runner = visit_->runners[id];
    if (!runner) {
        runner = std::make_unique<assess::Runner>(*ins);
        saveGuard("start test", [&] { runs_->start(visit_->session.id, ins->id, ins->version); });
    }
    runner->showItem(clock_.monotonicMs());
}

void App::onDemographicsAnswer(const std::string& value) {
    store::Demographics& d = visit_->demo;
    std::optional<std::string>* fields[] = {&d.ageBand, &d.gender, &d.status, &d.oblast};
    *fields[std::clamp(visit_->demoStep, 0, 3)] = value;
    if (++visit_->demoStep < ui::demographicsQuestionCount()) return;
    visit_->demoDone = true;
    saveGuard("save demographics", [&] { sessions_->setDemographics(visit_->session.id, d); });
    const std::string next = router_.current().param;
    beginTest(next);
    router_.replace({flow::ScreenId::Test, next});
}

void App::answerItem(std::optional<int> value, int64_t nowMs) {
    const std::string id = router_.current().param;
    auto it = visit_->runners.find(id);
    if (it == visit_->runners.end() || it->second->finished()) return;
    assess::Runner& run = *it->second;
    const assess::Response r = run.answer(value, nowMs >= 0 ? nowMs : clock_.monotonicMs());
    const assess::Result result = assess::score(run.instrument(), run.responses());
    bool saved = false;
    saveGuard("save answer", [&] {
        runs_->saveAnswer(visit_->session.id, id, r, result,
                          assess::packAnswers(run.instrument(), run.responses()),
                          assess::packTimes(run.instrument(), run.responses()));
        if (run.finished()) {
            runs_->complete(visit_->session.id, id);
            saveVisitResult(id, result);
        }
        saved = true;
    });
    visit_->saveFailed = !saved;
    if (run.finished()) {
        visit_->completed[id] = result;
        router_.replace({flow::ScreenId::Results, id});
    }
}

// Interest code, best field and strengths of the visit: what export and the dashboard count.
void App::saveVisitResult(const std::string& id, const assess::Result& r) {
    const bool usable = !assess::unreliable(r.flags) && !(r.flags & assess::kFlagFlat);
    if (id == "interest") {
        std::string field;
        if (usable && encyclopedia_) {
            auto f = catalog::matchFields(*encyclopedia_, catalog::profileFrom(*interest_, r), 1);
            if (!f.empty()) field = encyclopedia_->fields[size_t(f[0].field)].id;
        }
        runs_->saveVisitResult(visit_->session.id, usable ? r.code : std::string(), field, {});
    } else if (id == "strengths" && !assess::unreliable(r.flags)) {
        std::string list;
        for (int s : r.strengths) list += (list.empty() ? "" : ",") + strengths_->scales[size_t(s)].id;
        runs_->saveVisitResult(visit_->session.id, {}, {}, list);
    }
}

void App::back() {
    const flow::Route& cur = router_.current();
    if (visit_ && cur.id == flow::ScreenId::Test) {
        auto& run = visit_->runners[cur.param];
        if (run && run->back()) {
            run->showItem(clock_.monotonicMs());
            return;
        }
    }
    if (visit_ && cur.id == flow::ScreenId::Demographics && visit_->demoStep > 0) {
        --visit_->demoStep;
        return;
    }
    if (!router_.back() && router_.current().id == flow::ScreenId::Language)
        router_.reset({flow::ScreenId::Attract, {}});
}

ui::TestCard App::testCard(const std::string& id) const {
    ui::TestCard c;
    const assess::Instrument* ins = instrument(id);
    c.available = ins != nullptr;
    if (!ins) return c;
    c.total = int(ins->items.size());
    if (visit_) {
        c.completed = visit_->completed.count(id) > 0;
        auto it = visit_->runners.find(id);
        if (it != visit_->runners.end() && it->second) c.done = it->second->answeredCount();
    }
    return c;
}

void App::loadSampleVisit(Lang l) {
    // Fixed code and answers: a sociable, creative profile with clear strengths (deterministic screenshots).
    startVisit(l, "ABC234");
    if (!visit_) return;
    visit_->demoDone = true;
    visit_->demo.ageBand = "15_17"; // in memory only: the norms line shows where norms are installed
    for (const char* id : {"interest", "strengths"}) {
        const assess::Instrument* ins = instrument(id);
        if (!ins) continue;
        router_.push({flow::ScreenId::Test, id});
        beginTest(id);
        int64_t t = clock_.monotonicMs();
        for (size_t i = 0; i < ins->items.size(); ++i) {
            const assess::Item& item = ins->items[i];
            int v;
            if (ins->maxValue() == 5)
                v = item.scale == "S"   ? 5
                    : item.scale == "A" ? 4 + int(i % 2)
                    : item.scale == "E" ? 3 + int(i % 3 == 0)
                                        : 1 + int(i % 3);
            else
                v = item.scale == "teamwork" || item.scale == "communication" || item.scale == "helpfulness"
                        ? 4
                    : item.scale == "leadership" ? 1
                                                 : 2 + int(i % 2);
            if (item.reverse) v = ins->minValue() + ins->maxValue() - v;
            t += 2500 + int64_t(i % 7) * 300; // plausible reading times
            answerItem(v, t);
        }
    }
    router_.reset({flow::ScreenId::Home, {}});
}

void App::apply(const ui::Intent& in) {
    const int64_t now = clock_.monotonicMs();
    // Hidden staff entry: the logo held for 3 s.
    if (in.holdingLogo && !staff_) {
        if (logoHoldStart_ < 0)
            logoHoldStart_ = now;
        else if (now - logoHoldStart_ >= 3000) {
            logoHoldStart_ = -1;
            enterStaffMode();
            return;
        }
    } else {
        logoHoldStart_ = -1;
    }
    if (staff_) {
        if (in.setLang) ui_->lang = *in.setLang;
        if (in.back) {
            if (router_.current().id == flow::ScreenId::Counselor && !router_.current().param.empty())
                staff_->view.visit.reset();
            if (!router_.back()) leaveStaffMode("logout");
        }
        applyStaff(in);
        return;
    }
    if (in.dismissIdle) {
        idle_.dismiss(now);
        idleWarning_ = false;
        return; // the overlay was modal: nothing under it was tapped
    }
    if (in.setLang) setLang(*in.setLang);
    if (in.speak && speech_) {
        if (speech_->busy())
            speech_->stop();
        else if (!speakText_.empty())
            speech_->say(speakText_, ui_->lang);
    }
    if (in.toggleLargeText || in.toggleContrast)
        setAccessibility(largeText_ != in.toggleLargeText, highContrast_ != in.toggleContrast);
    if (in.startVisit) startVisit(*in.startVisit);
    if (in.push) router_.push(*in.push);
    if (in.replace) router_.replace(*in.replace);
    if (in.back) back();
    if (in.home) router_.reset({visit_ ? flow::ScreenId::Home : flow::ScreenId::Attract, {}});
    if (visit_) {
        if (in.openTest) openTest(*in.openTest);
        if (in.demoAnswer) onDemographicsAnswer(*in.demoAnswer);
        if (in.answer) answerItem(*in.answer);
        if (in.skipItem) answerItem(std::nullopt);
        if (in.pause) visit_->leaveDialog = true;
        if (in.leaveStay) visit_->leaveDialog = false;
        if (in.leaveLater) {
            visit_->leaveDialog = false;
            router_.reset({flow::ScreenId::Home, {}});
        }
        if (in.home || in.back) visit_->leaveDialog = false;
        ui::SearchView& sv = visit_->search;
        if (in.keyboardLayout) sv.layout = *in.keyboardLayout;
        if (in.type || in.backspace || in.clearQuery || in.setQuery) {
            constexpr size_t kMaxQuery = 120; // bytes; about 60 Cyrillic letters
            if (in.type && sv.query.size() + in.type->size() <= kMaxQuery) sv.query += *in.type;
            if (in.backspace && !sv.query.empty()) {
                size_t n = sv.query.size() - 1; // drop one UTF-8 code point
                while (n > 0 && (static_cast<unsigned char>(sv.query[n]) & 0xC0) == 0x80) --n;
                sv.query.erase(n);
            }
            if (in.clearQuery) sv.query.clear();
            if (in.setQuery) sv.query = *in.setQuery;
            runSearch();
        }
        if (in.setLang) runSearch(); // tie order follows the language's collation
    }
    if (in.finishVisit) {
        endVisit("finished");
        router_.reset({flow::ScreenId::Finish, {}});
        finishShownAt_ = now;
    }
    if (in.closeVisit) resetToAttract("finished");
}

void App::drawScreen(ui::Intent& out, const ui::View& v) {
    using flow::ScreenId;
    switch (v.route.id) {
    case ScreenId::Attract:
        ui::drawAttract(*ui_, v, out);
        break;
    case ScreenId::Language:
        ui::drawLanguage(*ui_, v, out);
        break;
    case ScreenId::Home:
        ui::drawHome(*ui_, v, out);
        break;
    case ScreenId::Finish:
        ui::drawFinish(*ui_, v, out);
        break;
    case ScreenId::Maintenance:
        ui::drawMaintenance(*ui_, v.route.param);
        break;
    case ScreenId::Demographics:
        ui::drawDemographics(*ui_, v, out);
        break;
    case ScreenId::Test:
        if (v.test) ui::drawTest(*ui_, v, out);
        break;
    case ScreenId::Results:
        if (v.results) ui::drawResults(*ui_, v, out);
        break;
    case ScreenId::Encyclopedia:
        ui::drawEncyclopedia(*ui_, v, out);
        break;
    case ScreenId::Field:
        ui::drawField(*ui_, v, out);
        break;
    case ScreenId::Occupation:
        ui::drawOccupation(*ui_, v, out);
        break;
    case ScreenId::Search:
        ui::drawSearch(*ui_, v, out);
        break;
    case ScreenId::Pin:
        if (v.staff) ui::drawPinPad(*ui_, v, out);
        break;
    case ScreenId::Staff:
        if (v.staff) ui::drawStaff(*ui_, v, out);
        break;
    case ScreenId::Counselor:
        if (v.staff) ui::drawCounselor(*ui_, v, out);
        break;
    }
}

// What the speaker button reads on this screen; empty: no button.
std::string App::readAloudText(const ui::View& v) const {
    const Lang L = ui_->lang;
    std::string t;
    auto add = [&](const std::string& s) {
        if (!s.empty()) t += (t.empty() ? "" : ". ") + s;
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
            for (const auto& m : rv.matches)
                add(encyclopedia_->occupations[size_t(m.occupation)].title.get(L));
        } else if (tab == "takeaway") {
            for (const char* k : {"next_counselor", "next_explore", "next_visit", "next_try", "next_decide"})
                add(ui_->tr(k));
        }
    } else if (v.route.id == flow::ScreenId::Occupation && encyclopedia_) {
        const int o = encyclopedia_->occupationIndex(v.route.param);
        if (o >= 0) {
            const auto& oc = encyclopedia_->occupations[size_t(o)];
            add(oc.title.get(L));
            add(oc.description.get(L));
            for (const auto& task : oc.tasks(L)) add(task);
        }
    }
    return t;
}

const ui::ResultsView& App::resultsView() {
    Visit& vs = *visit_;
    std::string key = std::string(langCode(ui_->lang)) + std::to_string(vs.completed.size());
    if (key == vs.resultsKey) return vs.resultsView;
    // Rebuilt only when the language or the set of finished tests changes (QR encoding is not free).
    ui::ResultsView& rv = vs.resultsView;
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
    vs.resultsKey = key;
    return rv;
}

void App::frame(const MouseOverride* mouse) {
    const auto t0 = std::chrono::steady_clock::now();
    const int64_t now = clock_.monotonicMs();
    if (mouse && mouse->down) idle_.input(now);

    // Idle policy applies whenever someone may have left something behind (any screen but attract).
    const auto cur = router_.current().id;
    if (staff_) {
        if (mouse && mouse->down) staff_->lastInputMs = now;
        if (now - staff_->lastInputMs >= kStaffIdleLogoutMs)
            leaveStaffMode("logout_idle");
        else {
            pollExport();
            if (staff_->sticksAt < 0 || now - staff_->sticksAt >= 2000) {
                if (router_.current().id == flow::ScreenId::Staff) refreshStaffData();
            }
        }
    }
    const bool engaged = !staff_ && cur != flow::ScreenId::Attract && cur != flow::ScreenId::Maintenance;
    idleWarning_ = false;
    if (engaged && cur != flow::ScreenId::Finish) {
        auto phase = idle_.update(now, inTest());
        if (phase == flow::IdleMonitor::Phase::Expired)
            resetToAttract("idle");
        else if (phase == flow::IdleMonitor::Phase::Warning) {
            idleWarning_ = true;
            idleRemainingMs_ = idle_.warningRemainingMs(now);
        }
    }
    if (cur == flow::ScreenId::Finish && finishShownAt_ >= 0 && now - finishShownAt_ >= kFinishScreenMs)
        resetToAttract("finished");

    if (resizePending_) {
        resizePending_ = false;
        const float px = std::round(platform_->size().y / 1080.f * 28.f * opts_.textScale);
        if (px != normalFonts_.bodyPx && px >= 8.f) {
            normalFonts_.bodyPx = px;
            std::string err;
            if (!rebuildFonts(largeBuilt_, err)) std::fprintf(stderr, "kesip: fonts: %s\n", err.c_str());
        }
    }
    platform_->newFrame(mouse);
    ui_->beginFrame();
    ImGui::NewFrame();

    ui::View v;
    v.route = router_.current();
    v.depth = router_.depth();
    v.visitActive = visit_.has_value();
    v.hasResults = visit_ && !visit_->completed.empty();
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
    if (visit_) {
        v.demoStep = visit_->demoStep;
        v.saveFailed = visit_->saveFailed;
        if (v.route.id == flow::ScreenId::Test) {
            auto it = visit_->runners.find(v.route.param);
            if (it != visit_->runners.end() && it->second && !it->second->finished()) {
                ui::TestView& tv = visit_->testView;
                tv.ins = &it->second->instrument();
                tv.index = it->second->index();
                tv.total = it->second->total();
                tv.chosen = it->second->currentAnswer();
                tv.leaveDialog = visit_->leaveDialog;
                v.test = &tv;
            }
        }
        if (v.route.id == flow::ScreenId::Results) v.results = &resultsView();
        if (v.route.id == flow::ScreenId::Search) v.search = &visit_->search;
    }
    if (staff_) v.staff = &staff_->view;

    // Read-aloud: what this screen offers; anything still playing stops when the screen or item changes.
    speakText_ = v.canSpeak ? readAloudText(v) : std::string();
    v.speakable = !speakText_.empty();
    flow::Route here = v.route;
    if (v.test) here.param += "#" + std::to_string(v.test->index);
    if (!(here == lastRoute_) && speech_) speech_->stop();
    lastRoute_ = here;
    // The idle warning reaches a second sense: a short sound when it appears.
    if (idleWarning_ && !warnedIdle_ && audio_) audio_->beep();
    warnedIdle_ = idleWarning_;

    ui::Intent intent;
    const ImVec2 size = platform_->size();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::col4(theme_.bg));
    const ImGuiWindowFlags fullscreen = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##screen", nullptr, fullscreen);
    drawScreen(intent, v);
    ImGui::End();
    ImGui::PopStyleColor();

    if (visit_ && visit_->leaveDialog && !idleWarning_ && router_.current().id == flow::ScreenId::Test) {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(size);
        ImGui::SetNextWindowFocus();
        ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
        ImGui::Begin("##leave", nullptr, fullscreen & ~ImGuiWindowFlags_NoBringToFrontOnFocus);
        ui::Intent dialogIntent;
        ui::drawLeaveDialog(*ui_, v, dialogIntent);
        ImGui::End();
        ImGui::PopStyleColor();
        intent = dialogIntent;
    }
    if (idleWarning_) {
        // A separate window on top: it takes every tap, so nothing under it reacts.
        ui::Intent overlayIntent;
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(size);
        ImGui::SetNextWindowFocus();
        ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
        ImGui::Begin("##idle", nullptr, fullscreen & ~ImGuiWindowFlags_NoBringToFrontOnFocus);
        ui::drawIdleOverlay(*ui_, v, overlayIntent);
        ImGui::End();
        ImGui::PopStyleColor();
        intent = overlayIntent;
    }

    ImGui::Render();
    lastBuildMs_ = msSince(t0);
    if (!opts_.noRaster) platform_->present(theme_.bg);
    lastFrameMs_ = msSince(t0);
    apply(intent);
}

void App::handleEvent(const SDL_Event& e) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    switch (e.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_FINGERDOWN:
    case SDL_KEYDOWN:
    case SDL_TEXTINPUT:
    case SDL_MOUSEWHEEL:
        idle_.input(clock_.monotonicMs());
        if (staff_) staff_->lastInputMs = clock_.monotonicMs();
        break;
    case SDL_WINDOWEVENT:
        // The compositor decides the real size (cage may give 1366x768 after we asked for 1920x1080):
        // sizes in em follow the window, so fonts are rebuilt for the new height.
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e.window.event == SDL_WINDOWEVENT_RESIZED)
            resizePending_ = true;
        break;
    case SDL_QUIT:
        // Kiosk mode: window close, Alt+F4 and the like never leave the app (staff exit comes later).
        if (opts_.windowed) quit_ = true;
        break;
    case SDL_KEYUP:
        if (opts_.windowed && e.key.keysym.sym == SDLK_ESCAPE) quit_ = true;
        break;
    default:
        break;
    }
}

int64_t App::msUntilNextDeadline() const {
    const int64_t now = clock_.monotonicMs();
    int64_t wait = 3'600'000; // nothing scheduled: sleep until input
    const auto cur = router_.current().id;
    if (cur == flow::ScreenId::Finish && finishShownAt_ >= 0)
        wait = std::max<int64_t>(1, kFinishScreenMs - (now - finishShownAt_));
    else if (cur != flow::ScreenId::Attract && cur != flow::ScreenId::Maintenance)
        wait = idle_.msUntilNextChange(now, inTest());
    if (!maintenanceKey_.empty())
        wait =
            std::min(wait, std::max<int64_t>(1, opts_.maintenanceSeconds * 1000 - (now - maintenanceSince_)));
    if (staff_) {
        wait = std::min(wait, std::max<int64_t>(1, kStaffIdleLogoutMs - (now - staff_->lastInputMs)));
        wait = std::min<int64_t>(wait, staff_->running ? 100 : 2000); // progress bar, stick list
    }
    if (logoHoldStart_ >= 0) wait = std::min(wait, std::max<int64_t>(1, 3000 - (now - logoHoldStart_)));
    return wait;
}

int App::run() {
    std::signal(SIGTERM, onStopSignal);
    std::signal(SIGINT, onStopSignal);
    // Redraw only after something happened: a few frames after input (ImGui settles hover/active
    // state over two frames), or when a deadline passes (countdown tick, idle reset). Otherwise block in
    // SDL_WaitEventTimeout; wake at least every 500 ms only to notice a stop signal.
    int framesLeft = 3;
    int64_t deadline = clock_.monotonicMs();
    while (!quit_ && !g_stopSignal) {
        SDL_Event e;
        const int64_t wait = std::clamp<int64_t>(deadline - clock_.monotonicMs(), 0, 500);
        const bool got = framesLeft > 0 ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, int(wait));
        if (got) {
            handleEvent(e);
            while (SDL_PollEvent(&e)) handleEvent(e);
            framesLeft = 3;
        }
        const int64_t now = clock_.monotonicMs();
        if (!maintenanceKey_.empty() && now - maintenanceSince_ >= int64_t(opts_.maintenanceSeconds) * 1000)
            return kExitMaintenance;
        if (framesLeft == 0 && now >= deadline) framesLeft = 1;
        if (framesLeft > 0) {
            frame();
            --framesLeft;
            deadline = clock_.monotonicMs() + msUntilNextDeadline();
        }
    }
    return maintenanceKey_.empty() ? kExitOk : kExitMaintenance;
}

int App::screenshot() {
    flow::Route r;
    flow::parseRoute(opts_.screen, r);
    using flow::ScreenId;
    ui_->lang = opts_.lang;
    if (!maintenanceKey_.empty()) {
    } else if (opts_.screen == "export" || r.id == ScreenId::Staff || r.id == ScreenId::Counselor ||
               r.id == ScreenId::Pin) {
        screenshotStaff(r);
    } else {
        prepareScreen(r);
    }
    if (r.id == ScreenId::Finish) finishShownAt_ = clock_.monotonicMs();
    // A few frames so layout that depends on the previous frame (item sizes) settles.
    for (int i = 0; i < 3; ++i) frame();
    std::string err;
    if (!platform_->writeScreenshot(opts_.screenshot, err)) {
        std::fprintf(stderr, "kesip: %s\n", err.c_str());
        return kExitCannotStart;
    }
    return maintenanceKey_.empty() ? kExitOk : kExitMaintenance;
}

void App::prepareScreen(const flow::Route& r) {
    using flow::ScreenId;
    const Lang lang = ui_->lang;
    if (r.id == ScreenId::Results || r.id == ScreenId::Occupation || r.id == ScreenId::Field)
        loadSampleVisit(lang);
    else if (r.id != ScreenId::Attract && r.id != ScreenId::Language && r.id != ScreenId::Finish && db_)
        startVisit(lang);
    else
        router_.reset({ScreenId::Attract, {}});
    ui_->lang = lang;
    if (r.id == ScreenId::Test && visit_) {
        visit_->demoDone = true;
        if (instrument(r.param)) beginTest(r.param);
    }
    if (r.id != ScreenId::Home && r.id != ScreenId::Attract) router_.push(r);
    if (r.id == ScreenId::Search && visit_) {
        visit_->search.query = r.param;
        runSearch();
    }
    if (r.id == ScreenId::Finish) finishShownAt_ = clock_.monotonicMs();
}

int App::selfTest() {
    // Every screen, both languages, real frames: what a technician runs after installing.
    const flow::Route routes[] = {{flow::ScreenId::Attract, {}},
                                  {flow::ScreenId::Language, {}},
                                  {flow::ScreenId::Home, {}},
                                  {flow::ScreenId::Demographics, "interest"},
                                  {flow::ScreenId::Test, "interest"},
                                  {flow::ScreenId::Test, "strengths"},
                                  {flow::ScreenId::Results, "interest"},
                                  {flow::ScreenId::Results, "strengths"},
                                  {flow::ScreenId::Results, "occupations"},
                                  {flow::ScreenId::Results, "takeaway"},
                                  {flow::ScreenId::Encyclopedia, {}},
                                  {flow::ScreenId::Search, {}},
                                  {flow::ScreenId::Finish, {}}};
    std::printf("self-test: kiosk %s\n", KESIP_VERSION);
    std::printf("locale: ok (%zu keys)\n", catalog_->keys(Lang::ky).size());
    std::printf("fonts: ok (%.0f px body)\n", ui_->fonts.bodyPx);
    std::printf("instruments: %s\n", interest_ && strengths_ ? "ok (interest, strengths)" : "PROBLEM");
    std::printf("content: %s\n",
                encyclopedia_
                    ? ("ok (" + std::to_string(encyclopedia_->occupations.size()) + " occupations)").c_str()
                    : encyclopediaError_.c_str());
    std::printf("database: %s\n", db_ ? (dataDir_ + "/kesip.sqlite ok").c_str() : maintenanceKey_.c_str());
    if (!db_) return kExitMaintenance;
    int screens = 0;
    for (Lang l : kLangs) {
        loadSampleVisit(l);
        for (const auto& r : routes) {
            if (r.id == flow::ScreenId::Finish || r.id == flow::ScreenId::Attract ||
                r.id == flow::ScreenId::Language)
                router_.reset(r);
            else {
                if (!visit_) loadSampleVisit(l);
                router_.reset({flow::ScreenId::Home, {}});
                if (r.id != flow::ScreenId::Home) router_.push(r);
                if (r.id == flow::ScreenId::Test && visit_) beginTest(r.param);
            }
            ui_->lang = l;
            frame();
            frame();
            ++screens;
        }
        // The sample visit must not stay in a real kiosk's statistics: remove it.
        if (visit_) {
            const std::string id = visit_->session.id;
            visit_.reset();
            saveGuard("remove self-test visit",
                      [&] { db_->prepare("DELETE FROM sessions WHERE id=?").bind(1, id).run(); });
        }
    }
    std::printf("screens: %d rendered (ky, ru)\n", screens);
    std::printf("self-test: ok\n");
    return kExitOk;
}

// Staff screens need data: a throwaway data dir with simulated visits (and, for "export", a stick).
void App::screenshotStaff(const flow::Route& r) {
    namespace fs = std::filesystem;
    const fs::path tmp = fs::temp_directory_path() / ("kesip-shot-" + std::to_string(::getpid()));
    fs::create_directories(tmp / "stick");
    { std::ofstream(tmp / "stick" / "kesip-stick") << ""; }
    dataDir_ = tmp.string();
    opts_.stickRoots = {(tmp / "stick").string()};
    auto st = store::openLocalStore(dataDir_);
    if (!st.db) return;
    db_ = std::move(st.db);
    sessions_ = std::make_unique<store::SessionRepo>(*db_, clock_);
    runs_ = std::make_unique<store::RunRepo>(*db_, clock_);
    access_ = std::make_unique<store::AccessControl>(*db_, clock_);
    if (interest_ && strengths_) {
        sync::SimulateOptions so;
        so.sessions = 400;
        so.seed = 26;
        sync::simulate(*db_, *interest_, *strengths_, encyclopedia(), so, clock_);
    }
    if (r.id == flow::ScreenId::Counselor) loadSampleVisit(opts_.lang);
    const std::string sample = visit_ ? visit_->session.code : std::string();
    if (visit_) endVisit("finished");
    staff_ = std::make_unique<StaffMode>();
    staff_->lastInputMs = clock_.monotonicMs();
    if (r.id == flow::ScreenId::Pin) {
        router_.reset({flow::ScreenId::Pin, {}});
        return;
    }
    staff_->role = r.id == flow::ScreenId::Counselor ? store::Role::Counselor : store::Role::Staff;
    staff_->view.isStaff = staff_->role == store::Role::Staff;
    router_.reset({staff_->view.isStaff ? flow::ScreenId::Staff : flow::ScreenId::Counselor, {}});
    refreshStaffData();
    if (!sample.empty()) openCounselorCode(sample);
    if (opts_.screen == "export" && !staff_->view.sticks.empty()) {
        startExport(staff_->view.sticks.front().path);
        if (staff_->worker.joinable()) staff_->worker.join();
        pollExport();
    }
    std::error_code ec;
    fs::remove_all(tmp, ec);
}

} // namespace kesip::app
