#include "util/config.hpp"

#include <fstream>
#include <sstream>

#include "util/paths.hpp"

namespace kesip {

namespace {
std::string trim(const std::string& s) {
    const auto a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos) return {};
    const auto b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

bool parseInt(const std::string& v, int lo, int hi, int& out) {
    try {
        size_t used = 0;
        int x = std::stoi(v, &used);
        if (used != v.size() || x < lo || x > hi) return false;
        out = x;
        return true;
    } catch (...) {
        return false;
    }
}

bool idLike(const std::string& v) {
    if (v.empty() || v.size() > 40) return false;
    for (char c : v)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
    return true;
}
// A CUPS queue name: printable ASCII without space, '/', '#' or quotes, at most 127 bytes. Empty is allowed
// (the default destination).
bool printerName(const std::string& v) {
    if (v.size() > 127) return false;
    for (char c : v)
        if (c <= ' ' || c >= 127 || c == '/' || c == '#' || c == '\\' || c == '"' || c == '\'') return false;
    return true;
}
} // namespace

KioskConfig parseConfig(const std::string& text) {
    KioskConfig c;
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        line = trim(line.substr(0, line.find('#')));
        if (line.empty()) continue;
        const auto eq = line.find('=');
        const std::string where = "line " + std::to_string(n) + ": ";
        if (eq == std::string::npos) {
            c.problems.push_back(where + "not \"key = value\", ignored");
            continue;
        }
        const std::string key = trim(line.substr(0, eq)), v = trim(line.substr(eq + 1));
        auto bad = [&] {
            c.problems.push_back(where + "bad value for " + key + " ('" + v + "'), default kept");
        };
        if (key == "centre_id")
            (idLike(v) ? (void)(c.centreId = v) : bad());
        else if (key == "kiosk_id")
            (idLike(v) ? (void)(c.kioskId = v) : bad());
        else if (key == "default_lang")
            (v == "ky" || v == "ru" ? (void)(c.defaultLang = v) : bad());
        else if (key == "idle_seconds") {
            if (!parseInt(v, 30, 3600, c.idleSeconds)) bad();
        } else if (key == "test_idle_seconds") {
            if (!parseInt(v, 30, 3600, c.testIdleSeconds)) bad();
        } else if (key == "warning_seconds") {
            if (!parseInt(v, 5, 120, c.warningSeconds)) bad();
        } else if (key == "code_expiry_days") {
            if (!parseInt(v, 1, 365, c.codeExpiryDays)) bad();
        } else if (key == "retention_days") {
            if (!parseInt(v, 1, 3650, c.retentionDays)) bad();
        } else if (key == "stick_roots") {
            std::vector<std::string> roots;
            std::istringstream rs(v);
            std::string r;
            while (std::getline(rs, r, ':'))
                if (!trim(r).empty()) roots.push_back(trim(r));
            if (roots.empty())
                bad();
            else
                c.stickRoots = roots;
        } else if (key == "staff_pin_hash")
            (v.rfind("$argon2id$", 0) == 0 ? (void)(c.staffPinHash = v) : bad());
        else if (key == "counselor_pin_hash")
            (v.rfind("$argon2id$", 0) == 0 ? (void)(c.counselorPinHash = v) : bad());
        else if (key == "renderer")
            (v == "software" || v == "opengl" ? (void)(c.renderer = v) : bad());
        else if (key == "diary_retention_months") {
            if (!parseInt(v, 1, 120, c.diaryRetentionMonths)) bad();
        } else if (key == "printer")
            (printerName(v) ? (void)(c.printer = v) : bad());
        else if (key == "content_public_key")
            (v.size() == 64 && v.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos
                 ? (void)(c.contentPublicKey = v)
                 : bad());
        else if (key == "export_public_key")
            (v.size() == 64 && v.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos
                 ? (void)(c.exportPublicKey = v)
                 : bad());
        else if (key == "export_exact_day" || key == "export_kiosk_id") {
            bool& b = key == "export_exact_day" ? c.exportExactDay : c.exportKioskId;
            (v == "yes" || v == "no" ? (void)(b = v == "yes") : bad());
        } else if (key == "stick_file_max_mb") {
            if (!parseInt(v, 1, 4096, c.stickFileMaxMb)) bad();
        } else if (key == "content_pack_max_mb") {
            if (!parseInt(v, 1, 1024, c.contentPackMaxMb)) bad();
        } else if (key == "export_timeout_seconds") {
            if (!parseInt(v, 30, 3600, c.exportTimeoutSeconds)) bad();
        } else if (key == "setup_code_hash_file")
            (!v.empty() && v[0] == '/' ? (void)(c.setupCodeHashFile = v) : bad());
        else
            c.problems.push_back(where + "unknown key '" + key + "' ignored");
    }
    return c;
}

KioskConfig loadConfig(const std::string& path) {
    if (path.empty() || !fileExists(path)) return {};
    std::string text;
    if (!readFile(path, text)) {
        KioskConfig c;
        c.problems.push_back(path + ": cannot read, defaults used");
        return c;
    }
    KioskConfig c = parseConfig(text);
    for (auto& p : c.problems) p = path + ": " + p;
    return c;
}

} // namespace kesip
