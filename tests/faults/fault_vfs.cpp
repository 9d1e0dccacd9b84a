#include "fault_vfs.hpp"

#include <sqlite3.h>
#include <stdexcept>
#include <string>

namespace kesip::test::faultvfs {

namespace {

struct State {
    Plan plan;
    int writes = 0, syncs = 0, fired = 0;
};
State g;

sqlite3_vfs* base() {
    static sqlite3_vfs* b = sqlite3_vfs_find(nullptr);
    return b;
}

// Our file: the base VFS's file follows it in the same allocation (szOsFile covers both).
struct File {
    sqlite3_file head;
    sqlite3_file* real;
};

sqlite3_file* real(sqlite3_file* f) {
    return reinterpret_cast<File*>(f)->real;
}

// True when the operation counted as `n` (of kind `op`) must fail.
bool shouldFail(Op op, int n) {
    const Plan& p = g.plan;
    if (p.failAt <= 0 || p.op != op) return false;
    if (n == p.failAt || (p.sticky && n > p.failAt)) {
        ++g.fired;
        return true;
    }
    return false;
}

int xClose(sqlite3_file* f) {
    sqlite3_file* r = real(f);
    return r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
}
int xRead(sqlite3_file* f, void* buf, int amt, sqlite3_int64 off) {
    return real(f)->pMethods->xRead(real(f), buf, amt, off);
}
int xWrite(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off) {
    if (shouldFail(Op::Write, ++g.writes)) {
        switch (g.plan.kind) {
        case Kind::Full:
            return SQLITE_FULL;
        case Kind::IoError:
            return SQLITE_IOERR_WRITE;
        case Kind::ShortWrite:
            if (amt / 2 > 0) real(f)->pMethods->xWrite(real(f), buf, amt / 2, off);
            return SQLITE_FULL;
        }
    }
    return real(f)->pMethods->xWrite(real(f), buf, amt, off);
}
int xTruncate(sqlite3_file* f, sqlite3_int64 size) {
    return real(f)->pMethods->xTruncate(real(f), size);
}
int xSync(sqlite3_file*, int) {
    if (shouldFail(Op::Sync, ++g.syncs))
        return g.plan.kind == Kind::IoError ? SQLITE_IOERR_FSYNC : SQLITE_FULL;
    return SQLITE_OK; // see the header: no real fsync
}
int xFileSize(sqlite3_file* f, sqlite3_int64* size) {
    return real(f)->pMethods->xFileSize(real(f), size);
}
int xLock(sqlite3_file* f, int level) {
    return real(f)->pMethods->xLock(real(f), level);
}
int xUnlock(sqlite3_file* f, int level) {
    return real(f)->pMethods->xUnlock(real(f), level);
}
int xCheckReservedLock(sqlite3_file* f, int* out) {
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int xFileControl(sqlite3_file* f, int op, void* arg) {
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int xSectorSize(sqlite3_file* f) {
    return real(f)->pMethods->xSectorSize(real(f));
}
int xDeviceCharacteristics(sqlite3_file* f) {
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int xShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags) {
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void xShmBarrier(sqlite3_file* f) {
    real(f)->pMethods->xShmBarrier(real(f));
}
int xShmUnmap(sqlite3_file* f, int deleteFlag) {
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}
int xFetch(sqlite3_file* f, sqlite3_int64 off, int amt, void** out) {
    return real(f)->pMethods->xFetch(real(f), off, amt, out);
}
int xUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
    return real(f)->pMethods->xUnfetch(real(f), off, p);
}

// Version 3 methods, for files whose real methods are version 3 (the unix VFS's are); others get the
// version 1 subset.
const sqlite3_io_methods kMethods3 = {3,
                                      xClose,
                                      xRead,
                                      xWrite,
                                      xTruncate,
                                      xSync,
                                      xFileSize,
                                      xLock,
                                      xUnlock,
                                      xCheckReservedLock,
                                      xFileControl,
                                      xSectorSize,
                                      xDeviceCharacteristics,
                                      xShmMap,
                                      xShmLock,
                                      xShmBarrier,
                                      xShmUnmap,
                                      xFetch,
                                      xUnfetch};
const sqlite3_io_methods kMethods1 = {1,
                                      xClose,
                                      xRead,
                                      xWrite,
                                      xTruncate,
                                      xSync,
                                      xFileSize,
                                      xLock,
                                      xUnlock,
                                      xCheckReservedLock,
                                      xFileControl,
                                      xSectorSize,
                                      xDeviceCharacteristics,
                                      nullptr,
                                      nullptr,
                                      nullptr,
                                      nullptr,
                                      nullptr,
                                      nullptr};

int vOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* outFlags) {
    File* ff = reinterpret_cast<File*>(f);
    ff->real = reinterpret_cast<sqlite3_file*>(ff + 1);
    ff->real->pMethods = nullptr;
    const int rc = base()->xOpen(base(), name, ff->real, flags, outFlags);
    // SQLite calls xClose whenever pMethods is set, even after a failed open: mirror the real file.
    if (!ff->real->pMethods)
        f->pMethods = nullptr;
    else
        f->pMethods = ff->real->pMethods->iVersion >= 3 ? &kMethods3 : &kMethods1;
    return rc;
}
int vDelete(sqlite3_vfs*, const char* name, int syncDir) {
    return base()->xDelete(base(), name, syncDir);
}
int vAccess(sqlite3_vfs*, const char* name, int flags, int* out) {
    return base()->xAccess(base(), name, flags, out);
}
int vFullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return base()->xFullPathname(base(), name, n, out);
}
void* vDlOpen(sqlite3_vfs*, const char* name) {
    return base()->xDlOpen(base(), name);
}
void vDlError(sqlite3_vfs*, int n, char* msg) {
    base()->xDlError(base(), n, msg);
}
void (*vDlSym(sqlite3_vfs*, void* h, const char* sym))(void) {
    return base()->xDlSym(base(), h, sym);
}
void vDlClose(sqlite3_vfs*, void* h) {
    base()->xDlClose(base(), h);
}
int vRandomness(sqlite3_vfs*, int n, char* out) {
    return base()->xRandomness(base(), n, out);
}
int vSleep(sqlite3_vfs*, int us) {
    return base()->xSleep(base(), us);
}
int vCurrentTime(sqlite3_vfs*, double* out) {
    return base()->xCurrentTime(base(), out);
}
int vGetLastError(sqlite3_vfs*, int n, char* out) {
    return base()->xGetLastError ? base()->xGetLastError(base(), n, out) : 0;
}
int vCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
    return base()->xCurrentTimeInt64(base(), out);
}

sqlite3_vfs makeVfs() {
    sqlite3_vfs* b = base();
    if (!b || b->iVersion < 2) throw std::runtime_error("fault VFS: no usable default VFS");
    sqlite3_vfs v{};
    v.iVersion = 2;
    v.szOsFile = int(sizeof(File)) + b->szOsFile;
    v.mxPathname = b->mxPathname;
    v.zName = kName;
    v.xOpen = vOpen;
    v.xDelete = vDelete;
    v.xAccess = vAccess;
    v.xFullPathname = vFullPathname;
    v.xDlOpen = vDlOpen;
    v.xDlError = vDlError;
    v.xDlSym = vDlSym;
    v.xDlClose = vDlClose;
    v.xRandomness = vRandomness;
    v.xSleep = vSleep;
    v.xCurrentTime = vCurrentTime;
    v.xGetLastError = vGetLastError;
    v.xCurrentTimeInt64 = vCurrentTimeInt64;
    return v;
}

} // namespace

void install() {
    // SQLite keeps the pointer: the struct lives for the whole process.
    static sqlite3_vfs vfs = makeVfs();
    static const int rc = sqlite3_vfs_register(&vfs, 0);
    if (rc != SQLITE_OK)
        throw std::runtime_error(std::string("fault VFS: register failed: ") + sqlite3_errstr(rc));
}

void arm(const Plan& p) {
    g = State{};
    g.plan = p;
}

void disarm() {
    g.plan.failAt = 0;
}

int writes() {
    return g.writes;
}
int syncs() {
    return g.syncs;
}
int failuresFired() {
    return g.fired;
}

} // namespace kesip::test::faultvfs
