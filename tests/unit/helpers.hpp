#pragma once
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "util/paths.hpp"

// A test that cannot run here (a tool is missing) says why and stops; ctest reports it as skipped
// (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt), never as passed.
#define KESIP_SKIP(why)                                                                                      \
    do {                                                                                                     \
        std::printf("SKIPPED: %s\n", why);                                                                   \
        std::fflush(stdout);                                                                                 \
        return;                                                                                              \
    } while (0)

namespace kesip::test {

inline std::string localeDir() {
    return executableDir() + "/locale";
}
inline std::string sourceDir() {
    return KESIP_SOURCE_DIR;
}

// A fresh empty directory under the system temp dir, removed at scope exit.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               ("kesip-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::permissions(path, std::filesystem::perms::owner_all, ec);
        std::filesystem::remove_all(path, ec);
    }
    std::string str() const { return path.string(); }
};

} // namespace kesip::test
