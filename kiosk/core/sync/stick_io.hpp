#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <sys/types.h>

namespace kesip::sync {

// Every file and folder on a stick is reached by the rules of THREATS.md: opened with O_NOFOLLOW,
// O_NONBLOCK and O_CLOEXEC, checked with fstat (a regular file under a size cap, or a directory opened
// with openat from a directory already checked), never opened by a path that was only stat()ed.
// Writes go to a fresh temp name (O_EXCL), are fsynced, renamed over the final name (which is never
// opened, so a link or FIFO planted there is replaced, not followed) and the folder is fsynced.

// The writes to a stick go through this interface: the kiosk uses the system's; tests implement one that
// fails, writes short or blocks.
class StickIo {
  public:
    virtual ~StickIo() = default;
    virtual ssize_t write(int fd, const void* data, size_t n);
    virtual int fsync(int fd);
};
StickIo& systemStickIo();

enum class StickFault {
    None,
    Missing,      // no such file or folder, or the stick is gone
    Symlink,      // a symbolic link where a file or folder was expected
    NotRegular,   // a FIFO, device, socket (or a folder where a file was expected)
    NotDirectory, // a file where a folder was expected
    TooLarge,     // over the size cap
    ReadOnly,
    Full,
    Removed,   // I/O error: pulled out mid-write
    Stopped,   // deadline passed or cancelled
    LocalDisk, // the kiosk's own disk cannot take the working copy
};

struct StickStatus {
    StickFault fault = StickFault::None;
    std::string detail; // path and reason, for the log
    bool ok() const { return fault == StickFault::None; }
};

struct StickLimits {
    uint64_t maxFileBytes = 256ull << 20;
    std::function<bool()> stop; // true: give up now (deadline, cancel)
};

// An open folder on the stick. Move-only; closes its descriptor.
class StickDir {
  public:
    StickDir() = default;
    StickDir(StickDir&& o) noexcept : fd_(o.fd_), path_(std::move(o.path_)) { o.fd_ = -1; }
    StickDir& operator=(StickDir&& o) noexcept;
    StickDir(const StickDir&) = delete;
    ~StickDir();

    // The stick's root (a mount point or, in tests, a folder): must be a real folder, not a link.
    static StickDir openRoot(const std::string& path, StickStatus& st);
    // A sub-folder by a plain name (no '/'), created when asked and missing.
    StickDir sub(const std::string& name, bool create, StickStatus& st) const;

    bool valid() const { return fd_ >= 0; }
    const std::string& path() const { return path_; }
    // Is there anything (of any type, a link counts) under this name?
    bool has(const std::string& name) const;
    // Reads a small regular file whole (signatures, keys).
    bool readSmall(const std::string& name, uint64_t maxBytes, std::string& out, StickStatus& st) const;
    // Copies a regular file from the stick to a local working copy (created 0600; removed on failure).
    bool copyOut(const std::string& name, const std::string& localPath, const StickLimits& lim,
                 StickStatus& st) const;
    // Writes `data` (or the local file) to <name> atomically, as described above.
    bool writeAtomic(const std::string& name, const std::string& data, StickIo& io, const StickLimits& lim,
                     StickStatus& st) const;
    bool writeFileAtomic(const std::string& name, const std::string& localPath, StickIo& io,
                         const StickLimits& lim, StickStatus& st) const;

  private:
    bool writeFrom(const std::string& name, int srcFd, const std::string* data, StickIo& io,
                   const StickLimits& lim, StickStatus& st) const;
    int fd_ = -1;
    std::string path_;
};

// Maps an errno of a stick operation to a fault.
StickFault faultOf(int err);
// A plain file or folder name: not empty, no '/', not "." or "..", printable ASCII.
bool plainName(const std::string& name);

} // namespace kesip::sync
