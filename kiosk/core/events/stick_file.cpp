#include "events/stick_file.hpp"

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace kesip::events {

namespace {
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};
StickRead openError(int err) {
    if (err == ENOENT) return StickRead::Missing;
    // ELOOP: a symbolic link; ENOTDIR: "kesip" is not a folder; ENXIO: a socket or device.
    if (err == ELOOP || err == ENOTDIR || err == ENXIO || err == EISDIR) return StickRead::NotRegular;
    return StickRead::Io;
}
} // namespace

StickRead readStickFile(const std::string& stickRoot, const char* dir, const char* name, size_t maxBytes,
                        int timeoutMs, std::string& out) {
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + milliseconds(timeoutMs);
    out.clear();
    Fd root{::open(stickRoot.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (root.fd < 0) return openError(errno);
    Fd folder{::openat(root.fd, dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)};
    if (folder.fd < 0) return openError(errno);
    Fd file{::openat(folder.fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
    if (file.fd < 0) return openError(errno);
    struct stat st {};
    if (::fstat(file.fd, &st) != 0) return StickRead::Io;
    if (!S_ISREG(st.st_mode)) return StickRead::NotRegular;
    if (st.st_size < 0 || size_t(st.st_size) > maxBytes) return StickRead::TooBig;
    // The size may change under us: read at most one byte past the cap to tell.
    out.resize(maxBytes + 1);
    size_t got = 0;
    while (got < out.size()) {
        if (steady_clock::now() > deadline) {
            out.clear();
            return StickRead::Timeout;
        }
        const ssize_t n = ::read(file.fd, out.data() + got, out.size() - got);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) {
                std::this_thread::sleep_for(milliseconds(5));
                continue;
            }
            out.clear();
            return StickRead::Io;
        }
        got += size_t(n);
    }
    if (got > maxBytes) {
        out.clear();
        return StickRead::TooBig;
    }
    out.resize(got);
    return StickRead::Ok;
}

} // namespace kesip::events
