// VisitController on its own: a :memory: database, the real instruments and encyclopedia, a fake clock,
// no SDL and no ImGui.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <unistd.h>

#include "catalog/matching.hpp"
#include "flow/visit.hpp"
#include "helpers.hpp"
#include "store/schema.hpp"

using namespace kesip;
using flow::ScreenId;

namespace {

const assess::Instrument& instrumentFor(const std::string& id) {
    static const auto load = [](const char* file, const assess::InstrumentSpec& spec) {
        std::vector<content::Problem> ps;
        auto ins = assess::loadInstrument(test::sourceDir() + "/assets/instruments/" + file, spec, ps);
        REQUIRE(ins);
        return *ins;
    };
    static const assess::Instrument interest = load("interest.json", assess::interestSpec());
    static const assess::Instrument strengths = load("strengths.json", assess::strengthsSpec());
    return id == "interest" ? interest : strengths;
}

// The real encyclopedia, compiled and loaded as the kiosk does.
const catalog::Content& encyclopedia() {
    static const catalog::Content c = [] {
        std::vector<content::Problem> ps;
        auto src = catalog::readSources(test::sourceDir() + "/assets/encyclopedia", ps);
        REQUIRE(src);
        const std::string db = (std::filesystem::temp_directory_path() /
                                ("kesip-unit-visit-" + std::to_string(::getpid()) + ".sqlite"))
                                   .string();
        std::string err;
        REQUIRE(catalog::writeContentDb(*src, db, err));
        auto loaded = catalog::loadContentDb(db, err);
        std::filesystem::remove(db);
        REQUIRE(loaded);
        return *loaded;
    }();
    return c;
}

struct Failure {
    std::string what, error;
};

struct Fixture {
    store::Database db{":memory:"};
    FakeClock clock;
    flow::Router router;
    std::vector<Failure> failures;
    std::unique_ptr<flow::VisitController> vc;
    Fixture() {
        store::migrate(db, store::localMigrations());
        flow::VisitContent content;
        content.instrument = [](const std::string& id) -> const assess::Instrument* {
            return id == "interest" || id == "strengths" ? &instrumentFor(id) : nullptr;
        };
        content.encyclopedia = [] { return &encyclopedia(); };
        vc = std::make_unique<flow::VisitController>(db, clock, router, content, 4,
                                                     [this](const char* what, const std::string& e) {
                                                         failures.push_back({what, e});
                                                     });
    }
    const flow::Visit& visit() const {
        REQUIRE(vc->visit());
        return *vc->visit();
    }
    std::string session() const { return visit().session.id; }
    std::string text(const std::string& sql) {
        auto s = db.prepare(sql);
        s.bind(1, session());
        return s.step() ? s.getText(0) : std::string("<no row>");
    }
    std::string runState(const std::string& sessionId, const std::string& ins) {
        return store::RunRepo(db, clock).state(sessionId, ins).value_or("<none>");
    }
    // A clear, readable profile: social items liked, artistic fairly, the rest disliked; teamwork and
    // communication strong. Read at a human pace.
    void answerAll(const std::string& id) {
        const assess::Instrument& ins = instrumentFor(id);
        for (size_t i = 0; i < ins.items.size(); ++i) {
            const assess::Item& item = ins.items[i];
            int v = ins.maxValue() == 5 ? (item.scale == "S"   ? 5
                                           : item.scale == "A" ? 4
                                                               : 1 + int(i % 2))
                                        : (item.scale == "teamwork" || item.scale == "communication" ? 4 : 2);
            if (item.reverse) v = ins.minValue() + ins.maxValue() - v;
            clock.advance(2500 + int64_t(i % 5) * 400);
            vc->answerItem(v);
        }
    }
};

} // namespace

TEST_CASE("visit: start, demographics, both tests, saved results and best field") {
    Fixture f;
    f.vc->start(Lang::ru);
    REQUIRE(f.vc->active());
    CHECK(f.router.current().id == ScreenId::Home);
    CHECK(f.text("SELECT lang FROM sessions WHERE id=?") == "ru");

    // First test: the demographics questions come first, once per visit.
    f.vc->openTest("interest");
    CHECK(f.router.current() == flow::Route{ScreenId::Demographics, "interest"});
    for (const char* a : {"15_17", "female", "school_9"}) {
        f.vc->onDemographicsAnswer(a);
        CHECK(f.router.current().id == ScreenId::Demographics);
    }
    f.vc->onDemographicsAnswer("na");
    CHECK(f.router.current() == flow::Route{ScreenId::Test, "interest"});
    const auto row = store::SessionRepo(f.db, f.clock).get(f.session());
    REQUIRE(row);
    CHECK(row->demo.ageBand == std::optional<std::string>("15_17"));
    CHECK(row->demo.gender == std::optional<std::string>("female"));
    CHECK(row->demo.status == std::optional<std::string>("school_9"));
    CHECK(row->demo.oblast == std::optional<std::string>("na"));
    CHECK(f.runState(f.session(), "interest") == "in_progress");

    f.answerAll("interest");
    CHECK(f.router.current() == flow::Route{ScreenId::Results, "interest"});
    REQUIRE(f.visit().completed.count("interest"));
    const assess::Result& interest = f.visit().completed.at("interest");
    CHECK_FALSE(assess::unreliable(interest.flags));
    CHECK_FALSE(interest.flags & assess::kFlagFlat);
    CHECK(interest.code.substr(0, 1) == "S");
    CHECK(f.runState(f.session(), "interest") == "completed");
    CHECK(f.text("SELECT interest_code FROM visit_results WHERE session_id=?") == interest.code);
    // The best field is the first the matching finds for this profile, and it is saved with the visit.
    const auto best =
        catalog::matchFields(encyclopedia(), catalog::profileFrom(instrumentFor("interest"), interest), 1);
    REQUIRE(best.size() == 1);
    CHECK(f.text("SELECT top_field FROM visit_results WHERE session_id=?") ==
          encyclopedia().fields[size_t(best[0].field)].id);
    CHECK_FALSE(f.visit().saveFailed);

    // A finished test opens its results; the second test skips the questions already answered.
    f.router.reset({ScreenId::Home, {}});
    f.vc->openTest("interest");
    CHECK(f.router.current() == flow::Route{ScreenId::Results, "interest"});
    f.router.reset({ScreenId::Home, {}});
    f.vc->openTest("strengths");
    CHECK(f.router.current() == flow::Route{ScreenId::Test, "strengths"});
    f.answerAll("strengths");
    CHECK(f.router.current() == flow::Route{ScreenId::Results, "strengths"});
    const std::string strengths = f.text("SELECT strengths FROM visit_results WHERE session_id=?");
    CHECK(strengths.find("teamwork") != std::string::npos);
    CHECK(strengths.find("communication") != std::string::npos);
    // Saving the strengths kept the interest result of the same visit.
    CHECK(f.text("SELECT interest_code FROM visit_results WHERE session_id=?") == interest.code);
    CHECK(f.failures.empty());
}

TEST_CASE("visit: back and skip within a test and the demographics questions") {
    Fixture f;
    f.vc->start(Lang::ky);
    f.vc->openTest("interest");
    f.vc->onDemographicsAnswer("18_20");
    CHECK(f.visit().demoStep == 1);
    CHECK(f.vc->back()); // back to the first question, still on the screen
    CHECK(f.visit().demoStep == 0);
    CHECK(f.router.current().id == ScreenId::Demographics);
    CHECK_FALSE(f.vc->back()); // first question: the router goes back instead
    for (const char* a : {"18_20", "male", "university", "chui"}) f.vc->onDemographicsAnswer(a);
    REQUIRE(f.router.current() == flow::Route{ScreenId::Test, "interest"});

    const assess::Instrument& ins = instrumentFor("interest");
    const assess::Runner& run = *f.visit().runners.at("interest");
    f.clock.advance(3000);
    f.vc->answerItem(4);
    f.clock.advance(3000);
    f.vc->answerItem(std::nullopt); // skip
    CHECK(run.index() == 2);
    auto saved = store::RunRepo(f.db, f.clock).responses(f.session(), "interest");
    REQUIRE(saved.size() == 2);
    CHECK(saved[0].itemId == ins.items[0].id);
    CHECK(saved[0].value == std::optional<int>(4));
    CHECK(saved[0].responseMs == 3000);
    CHECK(saved[1].itemId == ins.items[1].id);
    CHECK_FALSE(saved[1].value);

    CHECK(f.vc->back());
    CHECK(run.index() == 1);
    CHECK(f.vc->back());
    CHECK(run.index() == 0);
    CHECK(run.currentAnswer() == std::optional<int>(4)); // the earlier answer is shown again
    CHECK_FALSE(f.vc->back());                           // first item: the router goes back instead
    CHECK(f.router.current() == flow::Route{ScreenId::Test, "interest"});
    f.clock.advance(2000);
    f.vc->answerItem(2); // a changed answer replaces the first one
    saved = store::RunRepo(f.db, f.clock).responses(f.session(), "interest");
    REQUIRE(saved.size() == 2); // replaced, not added
    const auto first = std::find_if(saved.begin(), saved.end(),
                                    [&](const assess::Response& r) { return r.itemId == ins.items[0].id; });
    REQUIRE(first != saved.end());
    CHECK(first->value == std::optional<int>(2));

    // Leave for later: home, and the test resumes at the same item.
    f.vc->pause();
    CHECK(f.visit().leaveDialog);
    f.vc->continueLater();
    CHECK_FALSE(f.visit().leaveDialog);
    CHECK(f.router.current().id == ScreenId::Home);
    f.vc->openTest("interest");
    CHECK(f.router.current() == flow::Route{ScreenId::Test, "interest"});
    CHECK(run.index() == 1);
}

TEST_CASE("visit: ending abandons unfinished tests and forgets the visitor") {
    Fixture f;
    f.vc->start(Lang::ru, "ABC234");
    f.vc->skipDemographics();
    f.vc->openTest("interest");
    for (int i = 0; i < 3; ++i) {
        f.clock.advance(3000);
        f.vc->answerItem(3);
    }
    const std::string first = f.session();
    // A new visit ends the one still open ("finished")...
    f.vc->start(Lang::ky);
    const std::string second = f.session();
    CHECK(second != first);
    CHECK(f.runState(first, "interest") == "abandoned");
    auto row = store::SessionRepo(f.db, f.clock).get(first);
    REQUIRE(row);
    CHECK(row->endReason == std::optional<std::string>("finished"));
    // ... and an idle timeout ends it with its reason; nothing of the visitor stays in memory.
    f.vc->skipDemographics();
    f.vc->openTest("strengths");
    f.clock.advance(3000);
    f.vc->answerItem(3);
    f.vc->end("idle");
    CHECK_FALSE(f.vc->active());
    CHECK(f.vc->visit() == nullptr);
    CHECK(f.runState(second, "strengths") == "abandoned");
    row = store::SessionRepo(f.db, f.clock).get(second);
    REQUIRE(row);
    CHECK(row->endedAt);
    CHECK(row->endReason == std::optional<std::string>("idle"));
    // Without a visit, answers and taps change nothing.
    f.vc->openTest("interest");
    f.vc->answerItem(3);
    CHECK_FALSE(f.vc->back());
    CHECK(f.db.queryInt("SELECT count(*) FROM sessions") == 2);
    CHECK(f.failures.empty());
}

TEST_CASE("visit: a failed save is reported and the visitor goes on") {
    Fixture f;
    f.vc->start(Lang::ky);
    f.vc->skipDemographics();
    f.vc->openTest("interest");
    const assess::Runner& run = *f.visit().runners.at("interest");

    f.db.exec("PRAGMA query_only=1"); // every write now fails, as on a full or failing disk
    f.clock.advance(3000);
    f.vc->answerItem(5);
    CHECK(f.visit().saveFailed); // the test screen shows "not saved"
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].what == std::string("save answer"));
    CHECK_FALSE(f.failures[0].error.empty());
    CHECK(run.index() == 1); // the visitor is on the next item

    f.db.exec("PRAGMA query_only=0");
    f.clock.advance(3000);
    f.vc->answerItem(4);
    CHECK_FALSE(f.visit().saveFailed); // the next save reached the disk: the warning goes
    CHECK(f.failures.size() == 1);

    // Failing at the end: reported, and the visit is still gone from memory.
    f.db.exec("PRAGMA query_only=1");
    f.vc->end("finished");
    CHECK_FALSE(f.vc->active());
    REQUIRE(f.failures.size() == 2);
    CHECK(f.failures[1].what == std::string("end visit"));
    // Failing at the start: reported, and the visitor can still use the kiosk.
    f.vc->start(Lang::ru);
    CHECK(f.vc->active());
    CHECK(f.router.current().id == ScreenId::Home);
    REQUIRE(f.failures.size() == 3);
    CHECK(f.failures[2].what == std::string("start visit"));
}
