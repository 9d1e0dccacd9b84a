#include "sync/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>

#include "assess/runner.hpp"
#include "assess/scoring.hpp"
#include "catalog/matching.hpp"
#include "store/repo.hpp"
#include "util/ids.hpp"

namespace kesip::sync {

namespace {

std::string uuidFrom(std::mt19937_64& rng) {
    uint64_t a = rng(), b = rng();
    a = (a & ~0xF000ull) | 0x4000ull;                        // version 4
    b = (b & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull; // variant
    char s[40];
    std::snprintf(s, sizeof s, "%08x-%04x-%04x-%04x-%012llx", unsigned(a >> 32), unsigned((a >> 16) & 0xFFFF),
                  unsigned(a & 0xFFFF), unsigned(b >> 48), (unsigned long long)(b & 0xFFFFFFFFFFFFull));
    return s;
}

// Unique for every index below 31^6: a bijection of the index, written in the code alphabet.
std::string codeFor(int64_t index, uint32_t seed) {
    const int64_t space = 887503681;                                      // 31^6
    const int64_t x = (index * 387420489 + int64_t(seed) * 7919) % space; // 387420489 = 3^18, coprime to 31
    std::string s(6, 'A');
    int64_t v = x;
    for (int i = 5; i >= 0; --i) {
        s[size_t(i)] = kCodeAlphabet[v % 31];
        v /= 31;
    }
    return s;
}

template <class T> const T& pick(std::mt19937_64& rng, const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}

} // namespace

int64_t simulate(store::Database& db, const assess::Instrument& interest, const assess::Instrument& strengths,
                 const catalog::Content* content, const SimulateOptions& o, const Clock& clock) {
    std::mt19937_64 rng(o.seed);
    std::normal_distribution<double> noise(0.0, 0.9);
    std::uniform_real_distribution<double> u(0, 1);
    const std::vector<std::string> ages = {"under_15", "15_17", "15_17", "18_20", "21_24", "25_plus"};
    const std::vector<std::string> genders = {"female", "male"};
    const std::vector<std::string> statuses = {"school_8",  "school_9",       "school_9",   "school_10",
                                               "school_11", "lyceum_college", "university", "seeking_work",
                                               "working",   "other"};
    const std::vector<std::string> oblasts = {"bishkek", "bishkek", "osh_city",   "chui", "issyk_kul",
                                              "naryn",   "talas",   "jalal_abad", "osh",  "batken"};
    auto demo = [&](const std::vector<std::string>& v) -> std::optional<std::string> {
        double x = u(rng);
        if (x < 0.05) return std::nullopt;
        if (x < 0.15) return std::string("na");
        return pick(rng, v);
    };

    auto insSession =
        db.prepare("INSERT INTO sessions(id, code, lang, started_at, ended_at, end_reason, age_band, gender, "
                   "status, oblast) VALUES(?,?,?,?,?,?,?,?,?,?)");
    auto insRun =
        db.prepare("INSERT INTO test_runs(session_id, instrument, version, state, started_at, completed_at, "
                   "answers) VALUES(?,?,?,?,?,?,?)");
    auto insResp = db.prepare("INSERT INTO responses(session_id, instrument, item_id, value, response_ms, "
                              "seq) VALUES(?,?,?,?,?,?)");
    auto insScore =
        db.prepare("INSERT INTO scores(session_id, instrument, scale, raw, percent) VALUES(?,?,?,?,?)");
    auto insFlag = db.prepare("INSERT INTO flags(session_id, instrument, flag) VALUES(?,?,?)");
    auto insResult = db.prepare(
        "INSERT INTO visit_results(session_id, interest_code, top_field, strengths) VALUES(?,?,?,?)");

    const int64_t now = clock.wallMs();
    int64_t written = 0;
    while (written < o.sessions) {
        store::Transaction tx(db);
        for (int batch = 0; batch < 5000 && written < o.sessions; ++batch, ++written) {
            const std::string id = uuidFrom(rng);
            const int64_t start =
                now - int64_t(u(rng) * o.days) * 86'400'000 - int64_t(u(rng) * 36'000'000) - 3'600'000;
            const int64_t end = start + 300'000 + int64_t(u(rng) * 1'200'000);
            insSession.reset();
            insSession.bind(1, id).bind(2, codeFor(written, o.seed)).bind(3, u(rng) < 0.65 ? "ky" : "ru");
            insSession.bind(4, start).bind(5, end).bind(6, u(rng) < 0.8 ? "finished" : "idle");
            insSession.bind(7, demo(ages))
                .bind(8, demo(genders))
                .bind(9, demo(statuses))
                .bind(10, demo(oblasts))
                .run();

            std::string code, field, strengthList;
            auto runTest = [&](const assess::Instrument& ins,
                               const std::function<int(const assess::Item&)>& answerOf)
                -> std::optional<assess::Result> {
                const bool complete = u(rng) < 0.9;
                const size_t reach = complete ? ins.items.size() : size_t(u(rng) * double(ins.items.size()));
                std::vector<assess::Response> rs;
                for (size_t i = 0; i < reach; ++i) {
                    std::optional<int> v;
                    if (u(rng) > 0.02) v = answerOf(ins.items[i]);
                    rs.push_back({ins.items[i].id, v, 1200 + int64_t(u(rng) * 5000)});
                }
                const assess::Result r = assess::score(ins, rs);
                insRun.reset();
                insRun.bind(1, id)
                    .bind(2, ins.id)
                    .bind(3, ins.version)
                    .bind(4, complete ? "completed" : "abandoned");
                insRun.bind(5, start + 60'000);
                if (complete)
                    insRun.bind(6, end - 60'000);
                else
                    insRun.bindNull(6);
                insRun.bind(7, assess::packAnswers(ins, rs)).run();
                if (o.perItemResponses)
                    for (size_t i = 0; i < rs.size(); ++i) {
                        insResp.reset();
                        insResp.bind(1, id).bind(2, ins.id).bind(3, rs[i].itemId).bind(4, rs[i].value);
                        insResp.bind(5, rs[i].responseMs).bind(6, int64_t(i + 1)).run();
                    }
                for (const auto& sc : r.scales) {
                    insScore.reset();
                    insScore.bind(1, id)
                        .bind(2, ins.id)
                        .bind(3, sc.scale)
                        .bind(4, sc.raw)
                        .bind(5, sc.percent)
                        .run();
                }
                for (const auto& f : assess::flagNames(r.flags)) {
                    insFlag.reset();
                    insFlag.bind(1, id).bind(2, ins.id).bind(3, f).run();
                }
                if (!complete) return std::nullopt;
                return r;
            };
            if (u(rng) < 0.7) {
                const int planted = int(u(rng) * 6);
                auto r = runTest(interest, [&](const assess::Item& it) {
                    int d = std::abs(it.scaleIndex - planted);
                    d = std::min(d, 6 - d);
                    double latent = d == 0 ? 4.5 : d == 1 ? 3.3 : 2.1;
                    return std::clamp(int(std::lround(latent + noise(rng))), 1, 5);
                });
                if (r && !assess::unreliable(r->flags) && !(r->flags & assess::kFlagFlat)) {
                    code = r->code;
                    if (content) {
                        auto f = catalog::matchFields(*content, catalog::profileFrom(interest, *r), 1);
                        if (!f.empty()) field = content->fields[size_t(f[0].field)].id;
                    }
                }
            }
            if (u(rng) < 0.45) {
                const int strong = int(u(rng) * double(strengths.scales.size()));
                auto r = runTest(strengths, [&](const assess::Item& it) {
                    double latent = it.scaleIndex == strong ? 3.6 : 2.5;
                    int v = std::clamp(int(std::lround(latent + noise(rng) * 0.8)), 1, 4);
                    return it.reverse ? 5 - v : v;
                });
                if (r && !assess::unreliable(r->flags))
                    for (int s : r->strengths)
                        strengthList += (strengthList.empty() ? "" : ",") + strengths.scales[size_t(s)].id;
            }
            if (!code.empty() || !strengthList.empty()) {
                insResult.reset();
                auto opt = [](const std::string& s) {
                    return s.empty() ? std::nullopt : std::optional<std::string>(s);
                };
                insResult.bind(1, id).bind(2, opt(code)).bind(3, opt(field)).bind(4, opt(strengthList)).run();
            }
            store::addVisitToDailyStats(db, id);
        }
        tx.commit();
    }
    return written;
}

} // namespace kesip::sync
