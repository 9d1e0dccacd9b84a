#pragma once
#include <optional>
#include <string>
#include <vector>

#include "assess/instrument.hpp"
#include "assess/scoring.hpp"

namespace kesip::assess {

// Instrument versions. A changed item gets a new id and the instrument a new version number; runs are
// stored with the version they were taken with, and answers are packed in that version's item order.
// So every version ever shipped stays installed:
//   <dir>/<id>.json                 the current version (the one visitors take)
//   <dir>/archive/<id>-v<N>.json    earlier versions, unchanged once shipped
// loadInstrumentVersions returns the current version with the earlier ones in `older`; scoring and
// display pick a stored run's own version with Instrument::atVersion.

// Loads and validates every version of one instrument. All or nothing, like a single file: any problem in
// any version, or between versions (checkVersions), and nothing is returned.
std::optional<Instrument> loadInstrumentVersions(const std::string& dir, const std::string& id,
                                                 const InstrumentSpec& spec,
                                                 std::vector<content::Problem>& problems);

// One version as read from its file (file name and text for the messages' file:line).
struct VersionFile {
    const Instrument* ins = nullptr;
    std::string file, text;
};
// Rules between the versions of one instrument, given oldest first and the current one last:
// - version numbers are unique, and the current one (the last) is the highest;
// - the scales (ids, order) and the answer values are the same in every version, so results of any
//   version read the same way;
// - an item id means one item forever: the same scale, keying and text (ky and ru) in every version that
//   has it. A reworded item needs a new id (otherwise stored answers would be shown under a text the
//   visitor never read).
void checkVersions(const std::vector<VersionFile>& versions, std::vector<content::Problem>& problems);

// Every version, oldest first (the current one last).
std::vector<const Instrument*> allVersions(const Instrument& current);

// Response times in item order, for export: tenths of a second (capped at kTimeCapTenths, which then means
// "that long or longer"), comma-separated, empty where the item was not reached. Coarse on purpose: enough
// for median reading times, nothing more precise leaves the kiosk.
inline constexpr int kTimeCapTenths = 600;
std::string packTimes(const Instrument& ins, const std::vector<Response>& responses);
// The reverse: seconds per item (nullopt where empty or unreadable); `items` entries, whatever the input.
std::vector<std::optional<double>> unpackTimes(const std::string& packed, size_t items);

} // namespace kesip::assess
