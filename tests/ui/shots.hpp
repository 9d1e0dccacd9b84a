#pragma once
// Screenshots taken by the kiosk binary (--screenshot) and checked as pictures: the right size, not
// blank, different per screen and per language. A screenshot path that draws nothing, the wrong screen or
// one language for both fails here, where an exit code of 0 would not.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <stb_image.h>

#include "util/paths.hpp"

namespace kesip::test {

struct Picture {
    int w = 0, h = 0;
    std::vector<uint32_t> px; // RGBA packed
};

inline Picture loadPicture(const std::string& path) {
    Picture p;
    int n = 0;
    unsigned char* data = stbi_load(path.c_str(), &p.w, &p.h, &n, 4);
    if (!data) return {};
    p.px.resize(size_t(p.w) * size_t(p.h));
    for (size_t i = 0; i < p.px.size(); ++i)
        p.px[i] = uint32_t(data[4 * i]) | uint32_t(data[4 * i + 1]) << 8 | uint32_t(data[4 * i + 2]) << 16;
    stbi_image_free(data);
    return p;
}

// Share of pixels that differ from the most common colour (the background).
inline double inkShare(const Picture& p) {
    std::map<uint32_t, size_t> count;
    for (uint32_t c : p.px) ++count[c];
    size_t most = 0;
    for (const auto& [c, n] : count) most = std::max(most, n);
    return p.px.empty() ? 0 : 1.0 - double(most) / double(p.px.size());
}

inline size_t distinctColours(const Picture& p) {
    std::map<uint32_t, bool> seen;
    for (uint32_t c : p.px) seen[c] = true;
    return seen.size();
}

inline double diffShare(const Picture& a, const Picture& b) {
    if (a.w != b.w || a.h != b.h || a.px.empty()) return 1.0;
    size_t n = 0;
    for (size_t i = 0; i < a.px.size(); ++i) n += a.px[i] != b.px[i];
    return double(n) / double(a.px.size());
}

// Runs `kiosk --screenshot` for every screen in ky and ru into dir/<name>-<lang>.png and checks each
// picture: 1920x1080, text drawn (ink and anti-aliased colours), ky and ru different (every screen listed
// has translated text), and every screen different from the others in the same language.
inline void screenshotsLookRight(const std::vector<std::string>& screens) {
    const std::string dir = KESIP_SCREENSHOT_DIR;
    std::filesystem::create_directories(dir);
    std::map<std::string, Picture> shots;
    for (const std::string& s : screens)
        for (const char* lang : {"ky", "ru"}) {
            std::string name = s;
            std::replace(name.begin(), name.end(), ':', '_');
            if (name.empty() || name.back() == '_') name += "empty";
            const std::string png = dir + "/" + name + "-" + lang + ".png";
            std::filesystem::remove(png);
            const std::string cmd = executableDir() + "/kiosk --screenshot " + png + " --screen '" + s +
                                    "' --lang " + lang + " >/dev/null";
            INFO(cmd);
            REQUIRE(std::system(cmd.c_str()) == 0);
            Picture p = loadPicture(png);
            REQUIRE(p.w == 1920);
            REQUIRE(p.h == 1080);
            CHECK(inkShare(p) > 0.01);
            CHECK(distinctColours(p) >= 16);
            shots[s + "-" + lang] = std::move(p);
        }
    for (const std::string& s : screens) {
        INFO(s << ": ky and ru screenshots differ");
        CHECK(diffShare(shots[s + "-ky"], shots[s + "-ru"]) > 0.001);
        for (const std::string& t : screens) {
            if (t <= s) continue;
            for (const char* lang : {"-ky", "-ru"}) {
                INFO(s << " and " << t << lang << " differ");
                CHECK(diffShare(shots[s + lang], shots[t + lang]) > 0.001);
            }
        }
    }
}

} // namespace kesip::test
