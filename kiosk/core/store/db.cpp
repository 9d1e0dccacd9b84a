#include "store/db.hpp"

#include <cctype>
#include <set>
#include <sqlite3.h>
#include <tuple>

namespace kesip::store {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    std::string msg(what);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw DbError(db ? sqlite3_extended_errcode(db) : rc, msg);
}
} // namespace

namespace {
// "file:" URI for a path, so a foreign copy can be opened immutable; every byte that is not plainly safe
// is percent-encoded ('?' and '#' in a directory name would otherwise start the query).
std::string fileUri(const std::string& path) {
    std::string u = "file:";
    const char* hex = "0123456789ABCDEF";
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.') {
            u += char(c);
        } else {
            u += '%';
            u += hex[c >> 4];
            u += hex[c & 15];
        }
    }
    return u + "?immutable=1";
}
} // namespace

Database::Database(const std::string& path, Mode mode, const char* vfs) {
    int flags = SQLITE_OPEN_NOMUTEX;
    std::string name = path;
    if (mode == Mode::Foreign) {
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_URI;
        name = fileUri(path);
    } else {
        flags |= mode == Mode::ReadOnly
                     ? SQLITE_OPEN_READONLY
                     : SQLITE_OPEN_READWRITE | (mode == Mode::ReadWriteCreate ? SQLITE_OPEN_CREATE : 0);
    }
    int rc = sqlite3_open_v2(name.c_str(), &db_, flags, vfs);
    if (rc != SQLITE_OK) {
        std::string msg = "open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        int code = db_ ? sqlite3_extended_errcode(db_) : rc;
        sqlite3_close(db_);
        db_ = nullptr;
        throw DbError(code, msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 2000);
    if (mode == Mode::Foreign) {
        for (int op : {SQLITE_DBCONFIG_ENABLE_TRIGGER, SQLITE_DBCONFIG_ENABLE_VIEW,
                       SQLITE_DBCONFIG_TRUSTED_SCHEMA, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION})
            sqlite3_db_config(db_, op, 0, nullptr);
        sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
        sqlite3_limit(db_, SQLITE_LIMIT_LENGTH, 4 << 20); // one record or key, never more
        sqlite3_limit(db_, SQLITE_LIMIT_ATTACHED, 0);
        try {
            exec("PRAGMA trusted_schema=OFF; PRAGMA cell_size_check=ON; PRAGMA query_only=1; "
                 "PRAGMA mmap_size=0");
        } catch (...) {
            sqlite3_close(db_);
            db_ = nullptr;
            throw;
        }
    } else {
        exec("PRAGMA foreign_keys=ON");
    }
}

void Database::setInterrupt(std::function<bool()> shouldStop) {
    if (!shouldStop) {
        sqlite3_progress_handler(db_, 0, nullptr, nullptr);
        stop_.reset();
        return;
    }
    stop_ = std::make_unique<std::function<bool()>>(std::move(shouldStop));
    sqlite3_progress_handler(
        db_, 1000, [](void* p) -> int { return (*static_cast<std::function<bool()>*>(p))() ? 1 : 0; },
        stop_.get());
}

bool foreignSchemaMatches(Database& foreign, const std::function<void(Database&)>& create, std::string& why) {
    using Row = std::tuple<std::string, std::string, std::string, std::string>;
    auto rows = [](Database& db) {
        std::set<Row> out;
        auto q = db.prepare("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master");
        while (q.step()) out.insert({q.getText(0), q.getText(1), q.getText(2), q.getText(3)});
        return out;
    };
    Database ours(":memory:");
    create(ours);
    const auto want = rows(ours), got = rows(foreign);
    for (const Row& r : got)
        if (!want.count(r)) {
            why = "unexpected " + std::get<0>(r) + " '" + std::get<1>(r) + "'";
            return false;
        }
    for (const Row& r : want)
        if (!got.count(r)) {
            why = "missing " + std::get<0>(r) + " '" + std::get<1>(r) + "'";
            return false;
        }
    return true;
}

Database::~Database() {
    sqlite3_close_v2(db_);
}

void Database::exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw DbError(sqlite3_extended_errcode(db_), msg);
    }
}

Statement Database::prepare(std::string_view sql) {
    return Statement(db_, sql);
}

int64_t Database::queryInt(std::string_view sql) {
    Statement s(db_, sql);
    return s.step() ? s.getInt(0) : 0;
}

std::string Database::queryText(std::string_view sql) {
    Statement s(db_, sql);
    return s.step() ? s.getText(0) : std::string();
}

int64_t Database::lastInsertRowid() const {
    return sqlite3_last_insert_rowid(db_);
}
int Database::changes() const {
    return sqlite3_changes(db_);
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    int rc = sqlite3_prepare_v2(db, sql.data(), int(sql.size()), &st_, nullptr);
    if (rc != SQLITE_OK) fail(db, rc, "prepare");
}

Statement::~Statement() {
    sqlite3_finalize(st_);
}

Statement& Statement::bind(int i, int64_t v) {
    if (int rc = sqlite3_bind_int64(st_, i, v); rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}
Statement& Statement::bind(int i, double v) {
    if (int rc = sqlite3_bind_double(st_, i, v); rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
    if (int rc = sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
        fail(db_, rc, "bind");
    return *this;
}
Statement& Statement::bindBlob(int i, std::string_view v) {
    if (int rc = sqlite3_bind_blob(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
        fail(db_, rc, "bind");
    return *this;
}
Statement& Statement::bindNull(int i) {
    if (int rc = sqlite3_bind_null(st_, i); rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, rc, "step");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
}

int64_t Statement::getInt(int c) const {
    return sqlite3_column_int64(st_, c);
}
double Statement::getDouble(int c) const {
    return sqlite3_column_double(st_, c);
}
std::string Statement::getText(int c) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, c));
    return p ? std::string(p, size_t(sqlite3_column_bytes(st_, c))) : std::string();
}
std::string Statement::getBlob(int c) const {
    auto* p = static_cast<const char*>(sqlite3_column_blob(st_, c));
    return p ? std::string(p, size_t(sqlite3_column_bytes(st_, c))) : std::string();
}
bool Statement::isNull(int c) const {
    return sqlite3_column_type(st_, c) == SQLITE_NULL;
}

Transaction::Transaction(Database& db, bool immediate) : db_(db) {
    db_.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
            // The transaction may already be gone (e.g. after an I/O error); nothing left to undo.
        }
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace kesip::store
