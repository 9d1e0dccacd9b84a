#pragma once
// A fault-injecting SQLite VFS for tests: wraps the default VFS under the name kName and, when armed,
// makes the Nth xWrite or xSync (counted over every file opened through it: database, WAL, journal)
// fail. Open a database through it with store::Database(path, mode, faultvfs::kName).
//
// Real fsyncs are skipped (xSync is counted and can fail, but does not reach the disk): these tests are
// about error handling, not durability, and thousands of fsyncs would only make them slow.

namespace kesip::test::faultvfs {

inline constexpr const char* kName = "kesip-fault";

enum class Op { Write, Sync };
enum class Kind {
    Full,       // SQLITE_FULL, nothing written (ENOSPC)
    IoError,    // SQLITE_IOERR_WRITE / SQLITE_IOERR_FSYNC, nothing written (EIO)
    ShortWrite, // the first half of the buffer is written, then SQLITE_FULL (as the unix VFS reports it)
};

struct Plan {
    Op op = Op::Write;
    Kind kind = Kind::Full;
    int failAt = 0;      // 1-based; 0 = never fail, only count
    bool sticky = false; // after the first failure every later one fails too (a disk that stays full)
};

void install(); // registers the VFS once; not as the default
void arm(const Plan& p);
void disarm();       // counts go on, nothing fails
int writes();        // xWrite calls since the last arm()
int syncs();         // xSync calls since the last arm()
int failuresFired(); // failures returned since the last arm()

} // namespace kesip::test::faultvfs
