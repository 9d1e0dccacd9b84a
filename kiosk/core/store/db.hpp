#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace kesip::store {

// Thrown by every failing SQLite call; code is the extended SQLite result code.
struct DbError : std::runtime_error {
    int code;
    DbError(int c, const std::string& what) : std::runtime_error(what), code(c) {}
};

class Statement;

// RAII connection. Move-only. Every connection is opened here, so every one has foreign keys on (a
// purge deletes everything that belonged to a visit) and extended result codes.
class Database {
  public:
    // Foreign: a file we did not write (a stick's export, a content pack, a central merge input). It is
    // data, not code: read-only, immutable (no journal of its own is replayed), symbolic links refused,
    // SQLITE_DBCONFIG_DEFENSIVE, trusted_schema off, triggers and views disabled, cell_size_check on,
    // query_only, small value limits. Callers still check the schema (foreignSchemaMatches).
    enum class Mode { ReadWriteCreate, ReadWrite, ReadOnly, Foreign };
    // vfs: name of a registered SQLite VFS (tests inject faults through one); nullptr = the default.
    explicit Database(const std::string& path, Mode mode = Mode::ReadWriteCreate, const char* vfs = nullptr);
    Database(Database&& o) noexcept : db_(o.db_), stop_(std::move(o.stop_)) { o.db_ = nullptr; }
    Database& operator=(Database&&) = delete;
    Database(const Database&) = delete;
    ~Database();

    void exec(const std::string& sql);
    Statement prepare(std::string_view sql);
    int64_t queryInt(std::string_view sql); // first column of first row, 0 if none
    std::string queryText(std::string_view sql);
    int64_t lastInsertRowid() const;
    int changes() const;
    sqlite3* handle() const { return db_; }
    // A running statement stops with SQLITE_INTERRUPT (a DbError) once shouldStop() returns true: how
    // the export thread keeps its deadline and its cancel flag inside long queries. Empty: never.
    void setInterrupt(std::function<bool()> shouldStop);

  private:
    sqlite3* db_ = nullptr;
    std::unique_ptr<std::function<bool()>> stop_; // on the heap: its address survives a move
};

// True when the file's schema (sqlite_master: every table, index, trigger and view with its SQL) is
// exactly what `create` makes in an empty database: a trigger, view, CHECK, extra column or index in
// a foreign file makes it false. `why` names the first difference.
bool foreignSchemaMatches(Database& foreign, const std::function<void(Database&)>& create, std::string& why);

// RAII prepared statement. bind() indexes start at 1 as in SQLite.
class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql);
    Statement(Statement&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
    Statement(const Statement&) = delete;
    ~Statement();

    Statement& bind(int i, int64_t v);
    Statement& bind(int i, int v) { return bind(i, int64_t(v)); }
    Statement& bind(int i, double v);
    Statement& bind(int i, std::string_view v);
    Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Statement& bindNull(int i);
    Statement& bindBlob(int i, std::string_view bytes);
    template <class T> Statement& bind(int i, const std::optional<T>& v) {
        return v ? bind(i, *v) : bindNull(i);
    }

    bool step(); // true while a row is available
    void run();  // step to completion (INSERT/UPDATE)
    void reset();

    int64_t getInt(int col) const;
    double getDouble(int col) const;
    std::string getText(int col) const;
    std::string getBlob(int col) const; // bytes of a BLOB (or of any value, as SQLite converts it)
    bool isNull(int col) const;

  private:
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

// RAII transaction: rolls back unless commit() was called.
class Transaction {
  public:
    explicit Transaction(Database& db, bool immediate = true);
    ~Transaction();
    void commit();

  private:
    Database& db_;
    bool done_ = false;
};

} // namespace kesip::store
