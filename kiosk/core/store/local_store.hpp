#pragma once
#include <memory>
#include <string>

#include "store/db.hpp"

namespace kesip::store {

// Why the local database could not be opened; each maps to a localized maintenance message.
enum class OpenError { None, DirUnwritable, NotSqlite, NewerSchema, Corrupt, Io };

struct OpenResult {
    std::unique_ptr<Database> db;
    OpenError error = OpenError::None;
    std::string detail; // for the log / stderr
};

// Opens (or creates) <dataDir>/kesip.sqlite: checks before it writes anything (a foreign or newer file
// is left byte-for-byte as it was), then WAL + synchronous=FULL + foreign keys, then migrations.
OpenResult openLocalStore(const std::string& dataDir);
const char* openErrorKey(OpenError e); // locale key of the maintenance message

} // namespace kesip::store
