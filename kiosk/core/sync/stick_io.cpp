#include "sync/stick_io.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace kesip::sync {

ssize_t StickIo::write(int fd, const void* data, size_t n) {
    return ::write(fd, data, n);
}
int StickIo::fsync(int fd) {
    return ::fsync(fd);
}
StickIo& systemStickIo() {
    static StickIo io;
    return io;
}

StickFault faultOf(int e) {
    switch (e) {
    case 0:
        return StickFault::None;
    case ELOOP:
        return StickFault::Symlink;
    case ENOTDIR:
        return StickFault::NotDirectory;
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
        return StickFault::Full;
    case EROFS:
    case EACCES:
    case EPERM:
        return StickFault::ReadOnly;
    case ENOENT:
        return StickFault::Missing;
    case ENXIO:  // a FIFO opened for writing with nobody reading
    case EISDIR: // a folder where a file belongs
    case ENOTEMPTY:
        return StickFault::NotRegular;
    default:
        return StickFault::Removed; // EIO, ENODEV, ESTALE...: the stick went away
    }
}

bool plainName(const std::string& n) {
    if (n.empty() || n.size() > 200 || n == "." || n == "..") return false;
    for (unsigned char c : n)
        if (c < 0x20 || c > 0x7e || c == '/') return false;
    return true;
}

namespace {
bool failed(StickStatus& st, StickFault f, const std::string& what, int e = 0) {
    st.fault = f;
    st.detail = what + (e ? std::string(": ") + std::strerror(e) : std::string());
    return false;
}
bool failErrno(StickStatus& st, const std::string& what, int e) {
    return failed(st, faultOf(e), what, e);
}
bool stopped(const StickLimits& lim) {
    return lim.stop && lim.stop();
}

// Opens name in dir as a regular file for reading: never a link, never blocking on a FIFO.
int openRegular(int dir, const std::string& name, const std::string& where, uint64_t cap, struct stat& sb,
                StickStatus& st) {
    if (!plainName(name)) {
        failed(st, StickFault::Missing, where + ": not a plain file name");
        return -1;
    }
    int fd = ::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        failErrno(st, where, errno);
        return -1;
    }
    if (::fstat(fd, &sb) != 0) {
        failErrno(st, where, errno);
        ::close(fd);
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        failed(st, StickFault::NotRegular, where + ": not a regular file");
        ::close(fd);
        return -1;
    }
    if (uint64_t(sb.st_size) > cap) {
        failed(st, StickFault::TooLarge,
               where + ": " + std::to_string(sb.st_size) + " bytes, over the limit of " +
                   std::to_string(cap));
        ::close(fd);
        return -1;
    }
    // Reads are blocking from here on (a regular file never blocks forever on O_NONBLOCK anyway).
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}
} // namespace

StickDir& StickDir::operator=(StickDir&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = o.fd_;
        path_ = std::move(o.path_);
        o.fd_ = -1;
    }
    return *this;
}

StickDir::~StickDir() {
    if (fd_ >= 0) ::close(fd_);
}

StickDir StickDir::openRoot(const std::string& path, StickStatus& st) {
    StickDir d;
    int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        failErrno(st, path, errno == ENOTDIR ? ENOENT : errno);
        return d;
    }
    d.fd_ = fd;
    d.path_ = path;
    return d;
}

StickDir StickDir::sub(const std::string& name, bool create, StickStatus& st) const {
    StickDir d;
    const std::string where = path_ + "/" + name;
    if (!plainName(name)) {
        failed(st, StickFault::Missing, where + ": not a plain folder name");
        return d;
    }
    if (create && ::mkdirat(fd_, name.c_str(), 0755) != 0 && errno != EEXIST) {
        failErrno(st, where, errno);
        return d;
    }
    int fd = ::openat(fd_, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        // A link to a folder is ELOOP; a link to a file may be ENOTDIR: both are refused.
        struct stat sb {};
        if (::fstatat(fd_, name.c_str(), &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(sb.st_mode))
            failed(st, StickFault::Symlink, where + ": is a symbolic link");
        else
            failErrno(st, where, errno);
        return d;
    }
    struct stat sb {};
    if (::fstat(fd, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        ::close(fd);
        failed(st, StickFault::NotDirectory, where + ": not a folder");
        return d;
    }
    d.fd_ = fd;
    d.path_ = where;
    return d;
}

bool StickDir::has(const std::string& name) const {
    struct stat sb {};
    return plainName(name) && ::fstatat(fd_, name.c_str(), &sb, AT_SYMLINK_NOFOLLOW) == 0;
}

bool StickDir::readSmall(const std::string& name, uint64_t maxBytes, std::string& out,
                         StickStatus& st) const {
    struct stat sb {};
    const std::string where = path_ + "/" + name;
    int fd = openRegular(fd_, name, where, maxBytes, sb, st);
    if (fd < 0) return false;
    out.clear();
    char buf[4096];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int e = errno;
            ::close(fd);
            return failErrno(st, where, e);
        }
        if (n == 0) break;
        out.append(buf, size_t(n));
        if (out.size() > maxBytes) {
            ::close(fd);
            return failed(st, StickFault::TooLarge, where + ": grew over the limit");
        }
    }
    ::close(fd);
    return true;
}

bool StickDir::copyOut(const std::string& name, const std::string& localPath, const StickLimits& lim,
                       StickStatus& st) const {
    struct stat sb {};
    const std::string where = path_ + "/" + name;
    int in = openRegular(fd_, name, where, lim.maxFileBytes, sb, st);
    if (in < 0) return false;
    // The working copy must leave room on the kiosk's disk for visitors' answers.
    const std::string localDir = localPath.substr(0, localPath.rfind('/') + 1);
    struct statvfs vf {};
    if (::statvfs(localDir.empty() ? "." : localDir.c_str(), &vf) == 0 &&
        uint64_t(vf.f_bavail) * vf.f_frsize < uint64_t(sb.st_size) + (64ull << 20)) {
        ::close(in);
        return failed(st, StickFault::LocalDisk, localPath + ": not enough free space for a working copy");
    }
    ::unlink(localPath.c_str());
    int out = ::open(localPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (out < 0) {
        int e = errno;
        ::close(in);
        return failed(st, StickFault::LocalDisk, localPath, e);
    }
    bool ok = true;
    uint64_t total = 0;
    char buf[1 << 16];
    for (;;) {
        if (stopped(lim)) {
            ok = failed(st, StickFault::Stopped, where + ": stopped (deadline or cancel)");
            break;
        }
        ssize_t n = ::read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ok = failErrno(st, where, errno);
            break;
        }
        if (n == 0) break;
        total += uint64_t(n);
        if (total > lim.maxFileBytes) {
            ok = failed(st, StickFault::TooLarge, where + ": grew over the limit");
            break;
        }
        for (ssize_t off = 0; ok && off < n;) {
            ssize_t w = ::write(out, buf + off, size_t(n - off));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0)
                ok = failed(st, StickFault::LocalDisk, localPath, w < 0 ? errno : EIO);
            else
                off += w;
        }
        if (!ok) break;
    }
    if (::close(out) != 0 && ok) ok = failed(st, StickFault::LocalDisk, localPath, errno);
    ::close(in);
    if (!ok) ::unlink(localPath.c_str());
    return ok;
}

bool StickDir::writeAtomic(const std::string& name, const std::string& data, StickIo& io,
                           const StickLimits& lim, StickStatus& st) const {
    return writeFrom(name, -1, &data, io, lim, st);
}

bool StickDir::writeFileAtomic(const std::string& name, const std::string& localPath, StickIo& io,
                               const StickLimits& lim, StickStatus& st) const {
    int src = ::open(localPath.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (src < 0) return failed(st, StickFault::LocalDisk, localPath, errno);
    bool ok = writeFrom(name, src, nullptr, io, lim, st);
    ::close(src);
    return ok;
}

bool StickDir::writeFrom(const std::string& name, int srcFd, const std::string* data, StickIo& io,
                         const StickLimits& lim, StickStatus& st) const {
    const std::string tmp = "." + name + ".tmp";
    const std::string where = path_ + "/" + tmp;
    if (!plainName(name) || !plainName(tmp)) return failed(st, StickFault::Missing, where + ": bad name");
    // Whatever sits at the temp name (a leftover, a link, a FIFO, a hard link to something) is unlinked,
    // never opened; a folder there is refused.
    if (::unlinkat(fd_, tmp.c_str(), 0) != 0 && errno != ENOENT) return failErrno(st, where, errno);
    int out =
        ::openat(fd_, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
    if (out < 0) return failErrno(st, where, errno);
    bool ok = true;
    auto put = [&](const char* p, size_t n) {
        while (ok && n > 0) {
            if (stopped(lim)) {
                ok = failed(st, StickFault::Stopped, where + ": stopped (deadline or cancel)");
                break;
            }
            ssize_t w = io.write(out, p, n);
            if (w < 0 && errno == EINTR) continue;
            if (w < 0)
                ok = failErrno(st, where, errno);
            else if (w == 0)
                ok = failErrno(st, where, EIO);
            else {
                p += w; // a short write: carry on with the rest
                n -= size_t(w);
            }
        }
    };
    if (data) {
        for (size_t off = 0; ok && off < data->size(); off += 1 << 16)
            put(data->data() + off, std::min<size_t>(1 << 16, data->size() - off));
    } else {
        char buf[1 << 16];
        for (;;) {
            ssize_t n = ::read(srcFd, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                ok = failed(st, StickFault::LocalDisk, "working copy", errno);
                break;
            }
            if (n == 0) break;
            put(buf, size_t(n));
            if (!ok) break;
        }
    }
    if (ok && io.fsync(out) != 0) ok = failErrno(st, where, errno);
    // close() can report a deferred write error (FUSE): it counts.
    if (::close(out) != 0 && ok) ok = failErrno(st, where, errno);
    // Given up meanwhile (staff left, deadline): the previous file stays, nothing half-done is left.
    if (ok && stopped(lim)) ok = failed(st, StickFault::Stopped, where + ": stopped (deadline or cancel)");
    if (ok && ::renameat(fd_, tmp.c_str(), fd_, name.c_str()) != 0)
        ok = failErrno(st, path_ + "/" + name, errno);
    if (!ok) {
        ::unlinkat(fd_, tmp.c_str(), 0);
        return false;
    }
    // Some filesystems cannot sync a folder (EINVAL); the rename is then as durable as it gets.
    if (io.fsync(fd_) != 0 && errno != EINVAL && errno != ENOTSUP) return failErrno(st, path_, errno);
    return true;
}

} // namespace kesip::sync
