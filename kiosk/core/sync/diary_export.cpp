#include "sync/diary_export.hpp"

#include <nlohmann/json.hpp>
#include <vector>

#include "diary/counts.hpp"
#include "diary/vocab.hpp"
#include "sync/disclosure.hpp"
#include "sync/export.hpp"
#include "sync/summary.hpp"

namespace kesip::sync {

namespace {

constexpr const char* kKind = "diary_counts";

bool knownMeasure(const std::string& m) {
    if (m == "started" || m == "returning" || m == "decision") return true;
    return m.rfind("trial:", 0) == 0 && diary::contains(diary::trialTypes(), m.substr(6));
}

} // namespace

PeriodCounts publishedDiaryCounts(store::Database& local, const std::string& untilDay, bool exactDay) {
    PeriodCounts raw;
    for (const diary::DiaryDayCounts& d : diary::diaryDailyCounts(local, "", untilDay)) {
        if (d.day >= untilDay) break;
        auto& p = raw[exactDay ? d.day : isoWeek(d.day)];
        p["started"] += d.diariesStarted;
        p["returning"] += d.returningVisits;
        p["decision"] += d.decisions;
        for (const auto& [type, n] : d.trialsByType) p["trial:" + type] += n;
    }
    // Every measure a series over all periods (0 where a period lacks it), rounded along the periods.
    std::map<std::string, std::vector<int64_t>> series;
    for (const auto& [period, m] : raw)
        for (const auto& [measure, n] : m) series[measure];
    for (auto& [measure, v] : series)
        for (const auto& [period, m] : raw) {
            auto it = m.find(measure);
            v.push_back(it == m.end() ? 0 : it->second);
        }
    PeriodCounts out;
    for (const auto& [measure, v] : series) {
        const std::vector<int64_t> r = roundCumulative(v);
        size_t i = 0;
        for (const auto& [period, m] : raw) out[period][measure] = r[i++];
    }
    return out;
}

std::string diaryCountsRecord(const PeriodCounts& counts, const std::string& centreId,
                              const std::string& asOf) {
    nlohmann::json periods = nlohmann::json::object();
    for (const auto& [period, m] : counts) periods[period] = m;
    return nlohmann::json{
        {"v", 1}, {"kind", kKind}, {"centre_id", centreId}, {"as_of", asOf}, {"periods", periods}}
        .dump();
}

bool isDiaryCountsRecord(const std::string& plain) {
    const auto j = nlohmann::json::parse(plain, nullptr, false);
    return j.is_object() && j.value("kind", std::string()) == kKind;
}

void createDiaryCountsTable(store::Database& c) {
    c.exec(R"sql(
CREATE TABLE IF NOT EXISTS diary_counts(
  source TEXT NOT NULL,              -- public key of the kiosk that signed the record
  centre_id TEXT NOT NULL,
  period TEXT NOT NULL,              -- ISO week YYYY-Www, or the day when the kiosk's config exports it
  measure TEXT NOT NULL,             -- started, returning, decision, trial:<type>
  n INTEGER NOT NULL,                -- rounded to a multiple of 5 by the kiosk
  as_of TEXT NOT NULL,               -- the kiosk counted days before this one
  PRIMARY KEY(source, period, measure)
) WITHOUT ROWID;
)sql");
}

bool mergeDiaryCounts(store::Database& c, const std::string& plain, const std::string& source,
                      int64_t& periods) {
    periods = 0;
    const auto j = nlohmann::json::parse(plain, nullptr, false);
    if (!j.is_object() || !j.contains("periods") || !j["periods"].is_object()) return false;
    const std::string asOf = j.value("as_of", std::string()), centre = j.value("centre_id", std::string());
    if (!isPeriodKey(asOf) || asOf.size() != 10) return false;
    for (const auto& [period, m] : j["periods"].items()) {
        if (!isPeriodKey(period) || !m.is_object()) return false;
        for (const auto& [measure, n] : m.items())
            if (!knownMeasure(measure) || !n.is_number_integer() || n.get<int64_t>() < 0 ||
                n.get<int64_t>() % kRoundBase != 0)
                return false;
    }
    auto latest = c.prepare("SELECT max(as_of) FROM diary_counts WHERE source = ?");
    latest.bind(1, source);
    if (latest.step() && !latest.isNull(0) && latest.getText(0) > asOf) return true; // an older file
    c.prepare("DELETE FROM diary_counts WHERE source = ?").bind(1, source).run();
    auto ins = c.prepare(
        "INSERT INTO diary_counts(source, centre_id, period, measure, n, as_of) VALUES(?,?,?,?,?,?)");
    for (const auto& [period, m] : j["periods"].items()) {
        ++periods;
        for (const auto& [measure, n] : m.items()) {
            ins.reset();
            ins.bind(1, source).bind(2, centre).bind(3, period).bind(4, measure);
            ins.bind(5, n.get<int64_t>()).bind(6, asOf).run();
        }
    }
    return true;
}

} // namespace kesip::sync
