#pragma once
#include <string>
#include <vector>

#include "store/db.hpp"

namespace kesip::store {

// Schema migrations, applied in order; step i brings user_version from i to i+1.
const std::vector<std::string>& localMigrations();
inline int localSchemaVersion() {
    return int(localMigrations().size());
}

struct NewerSchemaError : std::runtime_error {
    int found, supported;
    NewerSchemaError(int f, int s)
        : std::runtime_error("database schema " + std::to_string(f) + " is newer than this program (" +
                             std::to_string(s) + ")"),
          found(f), supported(s) {}
};

// Runs each pending step and its version bump in one transaction, so a power cut leaves the database
// at a whole version. Refuses (NewerSchemaError) a database written by a newer program, untouched.
void migrate(Database& db, const std::vector<std::string>& steps);

} // namespace kesip::store
