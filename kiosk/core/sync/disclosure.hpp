#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "sync/summary.hpp"

namespace kesip::sync {

// Disclosure control for every count the kiosk shows or writes (dashboard, CSV per day, total CSV, PDF):
// controlled rounding to multiples of 5.
//
// - Each published count is a multiple of 5 within 4 of the true count; 0 is shown as "<5" (fewer than
//   five, possibly none).
// - The published counts are consistent with every relation among the true ones: a sequence (days, or
//   the categories of one split) is rounded cumulatively, P[i] = r(C[i]) - r(C[i-1]) with C the running
//   sum and r rounding to the nearest multiple of 5, so any run of days (today, a week, all) and every
//   split sum to the rounded total, and a part never exceeds its whole.
// Why this stops arithmetic: the published table itself is a possible true table, and so is the real one.
// A cell whose true count is 1 to 4 is published as 0 or 5, so at least two values (the true one and the
// published one) fit everything an analyst can read, from any number of files: it cannot be solved for.
// (Suppressing "<5" next to exact totals fails: 12 visits, ky = 10, so ru = 2; and rounding each cell
// on its own fails too: four days of "<5" beside a total of exactly 4 means one visitor a day.)
//
// Per-day files carry the day's visits only; the splits (language, types, fields, demographics) and the
// test counts are published for the whole period, and so are the career-diary counts (diaries started,
// returning diary visits, decisions, trials by type; their sealed copy for the ministry: diary_export.hpp).
// Statistics cover complete days (before today), so two looks on the same day show the same numbers and one
// visit cannot be singled out by difference.
inline constexpr int64_t kRoundBase = 5;
int64_t round5(int64_t n);
std::vector<int64_t> roundCumulative(const std::vector<int64_t>& counts);

// The true counts from the kiosk's daily counts (daily_stats) of days in [fromDay, untilDay): never shown.
Summary rawSummary(store::Database& local, const std::string& fromDay, const std::string& untilDay,
                   const std::string& scope);
// The published form of a raw summary: rounded as above, per-day rows with the visits only.
Summary publish(const Summary& raw);

} // namespace kesip::sync
