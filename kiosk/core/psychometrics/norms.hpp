#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assess/instrument.hpp"
#include "content/textcheck.hpp"
#include "store/db.hpp"

// Norms: where a visitor's scale score stands among people of the same age band who took the same
// instrument version. Made from merged field data by `kiosk-sync psychometrics`, reviewed by the
// methodologist, copied to assets/norms/, compiled into content.sqlite by kiosk-content and so shipped in
// signed content packs. Never from simulated data: the compiler and the pack install refuse those.
namespace kesip::psychometrics {

// A band gets norms only with at least this many complete, usable runs: with fewer, percentile ranks in
// the tails move by several points from one sample to the next.
inline constexpr int kMinNormRuns = 200;

// Where a norms table came from (kept with it in the content database, shown to staff).
struct NormsSource {
    std::string kind;        // "field" (merged kiosk data) or "simulated" (refused everywhere but tests)
    std::string mergedFile;  // file name of the merged central database
    int64_t runs = 0;        // runs of this instrument version in that file
    std::string first, last; // period of the visits (days, or ISO weeks when only weeks are exported)
    std::string generated;   // date the table was made (YYYY-MM-DD)
};

// Per age band and scale: percentile rank of every attained score. The score is the scale's percent
// (0..100, the number the results screen shows); ranks are mid-point ranks (stats.hpp percentileRanks).
struct NormBand {
    std::string ageBand; // demographics code: under_15 15_17 18_20 21_24 25_plus
    int64_t runs = 0;    // complete, usable runs behind it (>= kMinNormRuns)
    std::map<std::string, std::vector<std::pair<double, double>>> scales; // scale -> (score, rank) ascending
};

struct NormsTable {
    std::string instrument;
    int version = 0;
    NormsSource source;
    std::vector<NormBand> bands;
    const NormBand* band(const std::string& ageBand) const;
};

// Percentile rank (rounded, kept within 1..99) of a percent score: the rank of the nearest attained score
// (a visitor who skipped an item can fall between two). nullopt without a band or scale.
std::optional<int> percentileOf(const NormsTable& t, const std::string& ageBand, const std::string& scale,
                                double percent);

// JSON form (assets/norms/<instrument>-v<N>.json).
std::string normsToJson(const NormsTable& t);
std::optional<NormsTable> parseNorms(const std::string& json, const std::string& file,
                                     std::vector<content::Problem>& problems);
// Checks a table against the instruments this build has (current with their older versions): refuses
// simulated norms, an instrument or version that does not exist, unknown scales or age bands, fewer than
// kMinNormRuns runs, ranks out of order.
void checkNorms(const NormsTable& t, const std::vector<const assess::Instrument*>& instruments,
                const std::string& file, std::vector<content::Problem>& problems);
// Every assets/norms/*.json, parsed and checked (none is fine: no norms yet).
std::vector<NormsTable> loadNormsDir(const std::string& dir,
                                     const std::vector<const assess::Instrument*>& instruments,
                                     std::vector<content::Problem>& problems);

// In the content database: tables norms_source and norms (created when missing).
void writeNormsTables(store::Database& db, const std::vector<NormsTable>& tables);
// Reads them back; a database without norms tables has no norms (not an error).
std::vector<NormsTable> readNormsTables(store::Database& db);

// The compiler's step: adds the tables to a freshly written content database (nothing when no norms).
bool addNormsToContentDb(const std::string& path, const std::vector<NormsTable>& tables, std::string& error);
// The kiosk's side: norms of its content database that fit its instruments; the others are reported in
// problems and left out (a results screen then simply has no comparison line).
std::vector<NormsTable> loadContentNorms(const std::string& path,
                                         const std::vector<const assess::Instrument*>& instruments,
                                         std::vector<content::Problem>& problems);
// Per scale of a result: the visitor's percentile rank in their age band, from the norms of exactly the
// instrument version the run used; nullopt per scale without such norms, and all nullopt without a band.
std::vector<std::optional<int>> percentilesFor(const std::vector<NormsTable>& norms,
                                               const assess::Instrument& ins,
                                               const std::vector<double>& scalePercents,
                                               const std::optional<std::string>& ageBand);

// What a content pack's norms say about this kiosk: fine, simulated, or for an instrument version (or
// scale) this kiosk does not have.
enum class NormsVerdict { Ok, Simulated, UnknownVersion, Invalid };
NormsVerdict checkContentNorms(const std::string& contentDbPath,
                               const std::vector<const assess::Instrument*>& instruments,
                               std::string& detail);

} // namespace kesip::psychometrics
