#pragma once
#include <cstdint>
#include <string>

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
    // Planted for tests of the psychometrics report: this item's latent response is shifted by
    // biasShift (in its standard deviations) for girls only, so it differs between girls and boys while
    // every other item, and every true scale level, is distributed the same. "" = no planted item.
    std::string biasedItem;
    double biasShift = 1.0;
};

// Fills a local kiosk database with synthetic visits through the same scoring code the kiosk uses.
// Answers come from a latent-trait model whose answer is known:
// - every simulated visitor has true levels on every scale: interest types ~ N(0,1) with one planted type
//   raised by 1.2 and its hexagon neighbours by 0.5 (so codes and fields look real); competences share a
//   general factor (weight 0.4) plus one planted strength raised by 1.0;
// - an item's latent response is loading * level + sqrt(1 - loading^2) * noise (a standard normal
//   factor model), cut into the answer options at fixed thresholds moved by the item's difficulty
//   (an ordinal probit, i.e. a graded-response model with a common slope per item); loadings and
//   difficulties are fixed per item id (simulatedLoading, simulatedDifficulty); reverse-keyed items are
//   answered on the flipped scale;
// - about 3 % of runs are careless (one answer to everything, fast), 2 % of items skipped, 10 % of runs
//   abandoned part way, demographics sometimes declined.
// Deterministic for a seed (ids and codes too). Simulated visits get version-8 UUIDs (isSimulatedUuid):
// that is how field data and simulated data are told apart after export and merge. Returns the number of
// sessions written.
int64_t simulate(store::Database& local, const assess::Instrument& interest,
                 const assess::Instrument& strengths, const catalog::Content* content,
                 const SimulateOptions& opts, const Clock& clock);

// The model's parameters of an item: loading 0.45..0.85 and difficulty -0.5..0.5 (strengths items
// -0.8..0.2: people agree with statements about themselves more readily), a fixed function of the id.
double simulatedLoading(const assess::Item& item);
double simulatedDifficulty(const assess::Item& item, bool agreementScale);

// True for the session ids simulate() writes (UUID version 8); real visits have version 4.
bool isSimulatedUuid(const std::string& uuid);

} // namespace kesip::sync
