#include "util/paths.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace kesip {

namespace fs = std::filesystem;

std::string defaultDataDir() {
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return std::string(x) + "/kesip";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : "/tmp") + "/.local/share/kesip";
}

std::string ensureWritableDir(const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return ec.message();
    if (!fs::is_directory(dir)) return std::strerror(ENOTDIR);
    if (::access(dir.c_str(), W_OK | X_OK) != 0) return std::strerror(errno);
    return {};
}

std::string executableDir() {
    std::error_code ec;
    auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string(".") : p.parent_path().string();
}

std::string findResourceDir(const std::string& given) {
    if (!given.empty()) return given;
    const std::string exe = executableDir();
    if (fileExists(exe + "/locale/root.res")) return exe;
    return exe + "/../share/kesip";
}

bool fileExists(const std::string& path) {
    std::error_code ec;
    return fs::exists(path, ec);
}

bool readFile(const std::string& path, std::string& out) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::ostringstream ss;
    ss << f.rdbuf();
    out = ss.str();
    return true;
}

TempDir::TempDir(const std::string& prefix) {
    std::error_code ec;
    std::string tmpl = (fs::temp_directory_path(ec) / (prefix + "XXXXXX")).string();
    if (ec) return;
    if (::mkdtemp(tmpl.data())) path_ = tmpl;
}

TempDir::~TempDir() {
    if (path_.empty()) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
}

} // namespace kesip
