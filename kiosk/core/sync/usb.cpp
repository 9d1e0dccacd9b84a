#include "sync/usb.hpp"

#include <cctype>
#include <filesystem>
#include <sstream>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "sync/labels.hpp"
#include "sync/stick_io.hpp"
#include "util/paths.hpp"

namespace kesip::sync {

namespace fs = std::filesystem;

std::vector<std::string> defaultStickRoots() {
    return {"/media", "/run/media", "/mnt"};
}

std::vector<std::string> parseMountPoints(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string id, parent, devno, root, mount;
        if (!(ls >> id >> parent >> devno >> root >> mount)) continue;
        std::string decoded;
        for (size_t i = 0; i < mount.size(); ++i) {
            if (mount[i] == '\\' && i + 3 < mount.size()) {
                const std::string oct = mount.substr(i + 1, 3);
                if (oct.size() == 3 && oct.find_first_not_of("01234567") == std::string::npos) {
                    decoded += char(std::stoi(oct, nullptr, 8));
                    i += 3;
                    continue;
                }
            }
            decoded += mount[i];
        }
        out.push_back(decoded);
    }
    return out;
}

namespace {
// udev writes unusual bytes of a label as \xNN in /dev/disk/by-label names.
std::string unescapeUdev(const std::string& n) {
    std::string out;
    for (size_t i = 0; i < n.size(); ++i) {
        if (n[i] == '\\' && i + 3 < n.size() && n[i + 1] == 'x' &&
            std::isxdigit(static_cast<unsigned char>(n[i + 2])) &&
            std::isxdigit(static_cast<unsigned char>(n[i + 3]))) {
            out += char(std::stoi(n.substr(i + 2, 2), nullptr, 16));
            i += 3;
        } else {
            out += n[i];
        }
    }
    return out;
}
} // namespace

std::vector<RefusedStick> refusedSticks(const std::string& dir) {
    std::vector<RefusedStick> out;
    StickStatus st;
    StickDir d = StickDir::openRoot(dir, st);
    if (!d.valid()) return out;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(dir, ec)) {
        std::string text;
        if (out.size() >= 8 || !d.readSmall(e.path().filename().string(), 1024, text, st)) continue;
        const auto tab = text.find('\t');
        const std::string type = text.substr(0, tab);
        std::string label = tab == std::string::npos ? std::string() : text.substr(tab + 1);
        while (!label.empty() && (label.back() == '\n' || label.back() == '\r')) label.pop_back();
        out.push_back({stickLabel(label, "USB"), safeText(type, 16)});
    }
    return out;
}

Stick describeStick(const std::string& path) {
    Stick s;
    s.path = path;
    s.label = fs::path(path).filename().string();
    // udev's by-label links name the device; match them to this mount by device number.
    std::error_code ec;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        for (auto& e : fs::directory_iterator("/dev/disk/by-label", ec)) {
            struct stat dev {};
            if (::stat(e.path().c_str(), &dev) == 0 && S_ISBLK(dev.st_mode) && dev.st_rdev == st.st_dev)
                s.label = unescapeUdev(e.path().filename().string());
        }
    }
    s.label = stickLabel(s.label, "USB");
    struct statvfs v {};
    if (::statvfs(path.c_str(), &v) == 0) {
        s.freeBytes = uint64_t(v.f_bavail) * v.f_frsize;
        s.totalBytes = uint64_t(v.f_blocks) * v.f_frsize;
    }
    s.writable = ::access(path.c_str(), W_OK) == 0;
    return s;
}

std::vector<Stick> findSticks(const std::vector<std::string>& roots, const std::string& mountinfo) {
    std::vector<Stick> out;
    std::string text;
    readFile(mountinfo, text);
    for (const std::string& m : parseMountPoints(text)) {
        for (const std::string& r : roots) {
            if (m.size() > r.size() + 1 && m.compare(0, r.size(), r) == 0 && m[r.size()] == '/') {
                out.push_back(describeStick(m));
                break;
            }
        }
    }
    for (const std::string& r : roots)
        if (fileExists(r + "/kesip-stick")) out.push_back(describeStick(r));
    return out;
}

} // namespace kesip::sync
