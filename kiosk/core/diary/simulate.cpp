#include "diary/simulate.hpp"

#include <random>

#include "diary/checks.hpp"
#include "diary/store.hpp"
#include "diary/vocab.hpp"
#include "util/ids.hpp"

namespace kesip::diary {

namespace {

// The time of the visit being simulated: every write of the diary is stamped with it.
class SimClock final : public Clock {
  public:
    int64_t monotonicMs() const override { return wall; }
    int64_t wallMs() const override { return wall; }
    int64_t wall = 0;
};

} // namespace

int64_t simulateDiaries(store::Database& db, const catalog::Content* content, const DiarySimOptions& o) {
    struct VisitRow {
        std::string id;
        int64_t at;
    };
    std::vector<VisitRow> visits;
    {
        auto s = db.prepare("SELECT id, started_at FROM sessions ORDER BY started_at, id");
        while (s.step()) visits.push_back({s.getText(0), s.getInt(1)});
    }
    if (visits.empty()) return 0;
    std::mt19937_64 rng(o.seed * 7919u + 11u);
    std::uniform_real_distribution<double> u(0, 1);
    auto below = [&](size_t n) { return size_t(u(rng) * double(n)) % n; };
    auto pick = [&](const Choices& c) { return std::string(c[below(c.size())].code); };
    auto occupation = [&] {
        if (content && !content->occupations.empty())
            return content->occupations[below(content->occupations.size())].id;
        return "occ_" + std::to_string(below(40));
    };
    auto field = [&] {
        if (content && !content->fields.empty()) return content->fields[below(content->fields.size())].id;
        return "field_" + std::to_string(below(8));
    };
    auto code = [&] {
        std::string p;
        for (int i = 0; i < kPayloadLength; ++i) p += kCodeAlphabet[below(31)];
        return p + checkCharacter(p);
    };

    // Synthetic data: no fsync per write (thousands of small transactions), restored on the way out.
    struct Synchronous {
        store::Database& db;
        const int64_t was;
        explicit Synchronous(store::Database& d) : db(d), was(d.queryInt("PRAGMA synchronous")) {
            db.exec("PRAGMA synchronous=OFF");
        }
        ~Synchronous() {
            try {
                db.exec("PRAGMA synchronous=" + std::to_string(was));
            } catch (const store::DbError&) {
                // the connection is failing anyway; nothing to restore
            }
        }
    } fast(db);
    SimClock clock;
    DiaryStore store(db, clock);
    const std::string hash = DiaryStore::hashPin("2580"); // one hash for all: hashing costs 64 MiB each
    int64_t written = 0;
    for (int64_t n = 0; n < o.diaries && n < int64_t(visits.size()); ++n) {
        const size_t first = below(visits.size());
        clock.wall = visits[first].at + 600'000;
        Seed seed;
        for (size_t k = 0, m = 1 + below(4); k < m; ++k) seed.saved.push_back({occupation(), "results"});
        CreateResult c;
        for (int attempt = 0; attempt < 5 && !c.ok; ++attempt) {
            try {
                c = store.createWithHash(hash, code(), u(rng) < 0.65 ? Lang::ky : Lang::ru, visits[first].id,
                                         seed);
            } catch (const store::DbError&) {
                // a code clash: try another
            }
        }
        if (!c.ok) continue;
        ++written;
        // The visits it is opened in again, each a little later than the last.
        std::vector<size_t> later;
        for (size_t i = first + 1, want = below(4); i < visits.size() && later.size() < want;
             i += 1 + below(20))
            later.push_back(i);
        std::vector<size_t> all = {first};
        all.insert(all.end(), later.begin(), later.end());
        for (size_t vi : all) {
            clock.wall = visits[vi].at + 600'000;
            if (vi != first) store.linkVisit(c.id, visits[vi].id, true);
            if (u(rng) < 0.5) store.notePathSeen(c.id, pick(routes()));
            for (size_t t = 0, m = below(3); t < m; ++t) {
                Trial tr;
                tr.type = pick(trialTypes());
                tr.month = addMonths(currentMonth(clock.wall), -int(below(6)));
                if (u(rng) < 0.7) tr.occupation = occupation();
                if (tr.occupation.empty() || u(rng) < 0.3) tr.field = field();
                for (size_t k = 0, m2 = below(3); k < m2; ++k) tr.liked.push_back(pick(likedChips()));
                for (size_t k = 0, m2 = below(2); k < m2; ++k) tr.disliked.push_back(pick(dislikedChips()));
                tr.again = pick(againAnswers());
                if (u(rng) < 0.6)
                    tr.note =
                        std::string(kSimNoteMarker) + " " + std::to_string(written) + "-" + std::to_string(t);
                store.addTrial(c.id, tr);
            }
            if (u(rng) < 0.3)
                for (const Choice& r : readyItems()) store.setReady(c.id, r.code, u(rng) < 0.7);
            if (u(rng) < 0.25) {
                Decision d;
                d.choice = occupation();
                if (u(rng) < 0.6) d.planB = occupation();
                if (d.planB == d.choice) d.planB.clear();
                d.route = pick(routes());
                for (size_t k = 0, m = 1 + below(3); k < m; ++k)
                    d.steps.push_back(
                        {pick(stepKinds()), addMonths(currentMonth(clock.wall), int(1 + below(12))), false});
                store.saveDecision(c.id, d);
            }
            if (u(rng) < 0.15) store.addCounselorNote(c.id, {pick(noteChoices()), pick(noteChoices())});
        }
    }
    return written;
}

} // namespace kesip::diary
