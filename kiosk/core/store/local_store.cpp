#include "store/local_store.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>

#include "l10n/catalog.hpp"
#include "store/schema.hpp"
#include "util/paths.hpp"

namespace kesip::store {

namespace {
// An existing non-empty file must start with SQLite's magic header.
bool looksLikeSqlite(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return true; // absent: will be created
    char hdr[16] = {};
    f.read(hdr, 16);
    if (f.gcount() == 0) return true; // empty file: SQLite treats it as a new database
    return f.gcount() == 16 && std::memcmp(hdr, "SQLite format 3\0", 16) == 0;
}
} // namespace

const char* openErrorKey(OpenError e) {
    switch (e) {
    case OpenError::DirUnwritable:
        return l10n::K("maint_data_dir");
    case OpenError::NotSqlite:
        return l10n::K("maint_db_foreign");
    case OpenError::NewerSchema:
        return l10n::K("maint_db_newer");
    case OpenError::Corrupt:
        return l10n::K("maint_db_corrupt");
    case OpenError::Io:
        return l10n::K("maint_db_io");
    case OpenError::None:
        break;
    }
    return l10n::K("maint_db_io");
}

OpenResult openLocalStore(const std::string& dataDir) {
    OpenResult r;
    if (std::string err = ensureWritableDir(dataDir); !err.empty()) {
        r.error = OpenError::DirUnwritable;
        r.detail = dataDir + ": " + err;
        return r;
    }
    const std::string path = dataDir + "/kesip.sqlite";
    if (!looksLikeSqlite(path)) {
        r.error = OpenError::NotSqlite;
        r.detail = path + ": not an SQLite database";
        return r;
    }
    try {
        auto db = std::make_unique<Database>(path);
        // Read the version before anything that writes (journal mode, migrations).
        int v = int(db->queryInt("PRAGMA user_version"));
        db->queryInt("SELECT count(*) FROM sqlite_master"); // reads the schema: a foreign file fails here
        if (v > localSchemaVersion()) throw NewerSchemaError(v, localSchemaVersion());
        // A full check reads every page: fine for a normal kiosk database, too slow at start-up for a
        // very large one (1M visits ~ 3 s), where reading the schema above already catches a foreign or
        // truncated file and SQLite reports damaged pages when they are read.
        std::error_code ec;
        const bool small = std::filesystem::file_size(path, ec) < (64u << 20) || ec;
        if (small && db->queryText("PRAGMA quick_check") != "ok") {
            r.error = OpenError::Corrupt;
            r.detail = path + ": integrity check failed";
            return r;
        }
        db->exec("PRAGMA journal_mode=WAL");
        db->exec("PRAGMA synchronous=FULL"); // foreign keys: on for every connection (store::Database)
        migrate(*db, localMigrations());
        r.db = std::move(db);
    } catch (const NewerSchemaError& e) {
        r.error = OpenError::NewerSchema;
        r.detail = path + ": " + e.what();
    } catch (const DbError& e) {
        int primary = e.code & 0xff;
        r.error = primary == SQLITE_NOTADB    ? OpenError::NotSqlite
                  : primary == SQLITE_CORRUPT ? OpenError::Corrupt
                                              : OpenError::Io;
        r.detail = path + ": " + e.what();
    }
    return r;
}

} // namespace kesip::store
