#pragma once
#include <cstdint>
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

// RAII connection. Move-only.
class Database {
  public:
    enum class Mode { ReadWriteCreate, ReadWrite, ReadOnly };
    // vfs: name of a registered SQLite VFS (tests inject faults through one); nullptr = the default.
    explicit Database(const std::string& path, Mode mode = Mode::ReadWriteCreate, const char* vfs = nullptr);
    Database(Database&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
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

  private:
    sqlite3* db_ = nullptr;
};

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
    template <class T> Statement& bind(int i, const std::optional<T>& v) {
        return v ? bind(i, *v) : bindNull(i);
    }

    bool step(); // true while a row is available
    void run();  // step to completion (INSERT/UPDATE)
    void reset();

    int64_t getInt(int col) const;
    double getDouble(int col) const;
    std::string getText(int col) const;
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
