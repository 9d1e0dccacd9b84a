#include "store/db.hpp"

#include <sqlite3.h>

namespace kesip::store {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    std::string msg(what);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw DbError(db ? sqlite3_extended_errcode(db) : rc, msg);
}
} // namespace

Database::Database(const std::string& path, Mode mode, const char* vfs) {
    int flags = SQLITE_OPEN_NOMUTEX;
    flags |= mode == Mode::ReadOnly
                 ? SQLITE_OPEN_READONLY
                 : SQLITE_OPEN_READWRITE | (mode == Mode::ReadWriteCreate ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, vfs);
    if (rc != SQLITE_OK) {
        std::string msg = "open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        int code = db_ ? sqlite3_extended_errcode(db_) : rc;
        sqlite3_close(db_);
        db_ = nullptr;
        throw DbError(code, msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 2000);
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
