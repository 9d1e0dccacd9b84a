#include "sync/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>

#include "assess/runner.hpp"
#include "assess/scoring.hpp"
#include "assess/versions.hpp"
#include "catalog/matching.hpp"
#include "store/repo.hpp"
#include "util/ids.hpp"

namespace kesip::sync {

namespace {

std::string uuidFrom(std::mt19937_64& rng) {
    uint64_t a = rng(), b = rng();
    a = (a & ~0xF000ull) | 0x8000ull;                        // version 8: simulated (isSimulatedUuid)
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

// FNV-1a of the id with a salt, mapped to [0, 1): item parameters that never change with the seed.
double unitHash(const std::string& id, uint32_t salt) {
    uint32_t h = 2166136261u ^ salt;
    for (unsigned char c : id) h = (h ^ c) * 16777619u;
    h ^= h >> 15;
    h *= 0x2c1b3c6du;
    h ^= h >> 12;
    return double(h % 100000) / 100000.0;
}

template <class T> const T& pick(std::mt19937_64& rng, const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}

} // namespace

double simulatedLoading(const assess::Item& item) {
    return 0.45 + 0.4 * unitHash(item.id, 1);
}

double simulatedDifficulty(const assess::Item& item, bool agreementScale) {
    return (agreementScale ? -0.8 : -0.5) + unitHash(item.id, 2);
}

bool isSimulatedUuid(const std::string& uuid) {
    return uuid.size() == 36 && uuid[14] == '8';
}

int64_t simulate(store::Database& db, const assess::Instrument& interest, const assess::Instrument& strengths,
                 const catalog::Content* content, const SimulateOptions& o, const Clock& clock) {
    std::mt19937_64 rng(o.seed);
    std::normal_distribution<double> z(0.0, 1.0);
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
                   "answers, times) VALUES(?,?,?,?,?,?,?,?)");
    auto insResp = db.prepare("INSERT INTO responses(session_id, instrument, item_id, value, response_ms, "
                              "seq) VALUES(?,?,?,?,?,?)");
    auto insScore =
        db.prepare("INSERT INTO scores(session_id, instrument, scale, raw, percent) VALUES(?,?,?,?,?)");
    auto insFlag = db.prepare("INSERT INTO flags(session_id, instrument, flag) VALUES(?,?,?)");
    auto insResult = db.prepare(
        "INSERT INTO visit_results(session_id, interest_code, top_field, strengths) VALUES(?,?,?,?)");

    // Item parameters once per instrument: loading, and the thresholds between answer options.
    struct ItemModel {
        double loading, residual;
        std::vector<double> thresholds; // ascending
        bool biased;
    };
    auto modelOf = [&](const assess::Instrument& ins, bool agreement) {
        std::vector<ItemModel> m;
        const int k = int(ins.answers.size());
        for (const assess::Item& it : ins.items) {
            ItemModel im;
            im.loading = simulatedLoading(it);
            im.residual = std::sqrt(1 - im.loading * im.loading);
            const double b = simulatedDifficulty(it, agreement);
            // Evenly spaced cut points from -1.2 to 1.2 around the difficulty (k options, k-1 cuts).
            for (int c = 1; c < k; ++c) im.thresholds.push_back(b - 1.2 + 2.4 * (c - 0.5) / double(k - 1));
            im.biased = !o.biasedItem.empty() && it.id == o.biasedItem;
            m.push_back(im);
        }
        return m;
    };
    const std::vector<ItemModel> interestModel = modelOf(interest, false),
                                 strengthsModel = modelOf(strengths, true);

    const int64_t now = clock.wallMs();
    int64_t written = 0;
    while (written < o.sessions) {
        store::Transaction tx(db);
        for (int batch = 0; batch < 5000 && written < o.sessions; ++batch, ++written) {
            const std::string id = uuidFrom(rng);
            const int64_t start =
                now - int64_t(u(rng) * o.days) * 86'400'000 - int64_t(u(rng) * 36'000'000) - 3'600'000;
            const int64_t end = start + 300'000 + int64_t(u(rng) * 1'200'000);
            const auto gender = demo(genders);
            const bool girl = gender && *gender == "female";
            insSession.reset();
            insSession.bind(1, id).bind(2, codeFor(written, o.seed)).bind(3, u(rng) < 0.65 ? "ky" : "ru");
            insSession.bind(4, start).bind(5, end).bind(6, u(rng) < 0.8 ? "finished" : "idle");
            insSession.bind(7, demo(ages))
                .bind(8, gender)
                .bind(9, demo(statuses))
                .bind(10, demo(oblasts))
                .run();

            std::string code, field, strengthList;
            // One run: true levels per scale in, answers through the item model, stored as the kiosk would.
            auto runTest = [&](const assess::Instrument& ins, const std::vector<ItemModel>& model,
                               const std::vector<double>& level) -> std::optional<assess::Result> {
                const bool complete = u(rng) < 0.9;
                const bool careless = u(rng) < 0.03;
                const int carelessValue = 1 + int(u(rng) * double(ins.answers.size()));
                const size_t reach = complete ? ins.items.size() : size_t(u(rng) * double(ins.items.size()));
                std::vector<assess::Response> rs;
                for (size_t i = 0; i < reach; ++i) {
                    const assess::Item& it = ins.items[i];
                    const ItemModel& im = model[i];
                    std::optional<int> v;
                    if (careless)
                        v = carelessValue;
                    else if (u(rng) > 0.02) {
                        double y = im.loading * level[size_t(it.scaleIndex)] + im.residual * z(rng);
                        if (im.biased && girl) y += o.biasShift;
                        int keyed = 1;
                        for (double t : im.thresholds) keyed += y > t;
                        v = it.reverse ? ins.minValue() + ins.maxValue() - keyed : keyed;
                    }
                    // Reading times: log-normal around 3 s; careless runs tap through in well under 1 s.
                    const int64_t ms = careless ? 350 + int64_t(u(rng) * 500)
                                                : int64_t(std::exp(std::log(3000.0) + 0.45 * z(rng)));
                    rs.push_back({it.id, v, ms});
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
                insRun.bind(7, assess::packAnswers(ins, rs));
                if (o.perItemResponses)
                    insRun.bind(8, assess::packTimes(ins, rs));
                else
                    insRun.bindNull(8);
                insRun.run();
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
                std::vector<double> level(interest.scales.size());
                for (size_t s = 0; s < level.size(); ++s) {
                    int d = std::abs(int(s) - planted);
                    d = std::min(d, 6 - d);
                    level[s] = z(rng) + (d == 0 ? 1.2 : d == 1 ? 0.5 : 0.0);
                }
                auto r = runTest(interest, interestModel, level);
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
                const double general = z(rng);
                std::vector<double> level(strengths.scales.size());
                for (size_t s = 0; s < level.size(); ++s)
                    level[s] = 0.4 * general + std::sqrt(1 - 0.16) * z(rng) + (int(s) == strong ? 1.0 : 0.0);
                auto r = runTest(strengths, strengthsModel, level);
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
