#pragma once
#include <cstdint>

#include "assess/instrument.hpp"
#include "catalog/content.hpp"
#include "store/db.hpp"
#include "util/clock.hpp"

namespace kesip::sync {

struct SimulateOptions {
    int64_t sessions = 1000;
    uint32_t seed = 1;
    int days = 60;                // spread over the last N days
    bool perItemResponses = true; // false: packed answers only (million-session soak databases)
};

// Fills a local kiosk database with realistic synthetic visits through the same scoring code the kiosk
// uses: planted interest types answered with noise, some tests abandoned, demographics sometimes declined.
// Deterministic for a seed (ids and codes too). Returns the number of sessions written.
int64_t simulate(store::Database& local, const assess::Instrument& interest,
                 const assess::Instrument& strengths, const catalog::Content* content,
                 const SimulateOptions& opts, const Clock& clock);

} // namespace kesip::sync
