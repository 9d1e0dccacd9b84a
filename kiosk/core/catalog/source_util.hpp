#pragma once
// Shared by the content compiler's readers (source.cpp: encyclopedia, education.cpp: institutions and
// programmes): one way to read a file and report a problem against it.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "content/textcheck.hpp"
#include "l10n/lang.hpp"

namespace kesip::catalog {
struct Content;
}

namespace kesip::catalog::detail {

constexpr size_t kMaxTitle = 80, kMaxDescription = 700, kMaxTask = 160, kMaxShort = 400;

struct Ctx {
    std::string file, text;
    std::vector<content::Problem>& problems;
    // When set, problems point here (the element being read) instead of at the first "id" match.
    int line = 0;
    void add(const std::string& id, const std::string& msg) {
        int at = line;
        if (!at && !id.empty()) at = content::lineOf(text, "\"id\": \"" + id + "\"");
        if (!at && !id.empty()) at = content::lineOf(text, "\"" + id + "\"");
        problems.push_back({file, at, id, msg});
    }
};

// Reads and parses a JSON file; a problem (with the line of a syntax error) and nullopt when it cannot.
std::optional<nlohmann::json> parseFile(const std::string& path, Ctx& c);

// A {ky, ru} text, each checked with content::checkText.
Text2 text2(Ctx& c, const nlohmann::json& o, const char* key, const std::string& id, size_t maxChars,
            bool required = true);

// A real calendar date YYYY-MM-DD, not before 1991 (no source predates the republic).
bool realDate(const std::string& s);
// Today's local date, YYYY-MM-DD: `checked` dates may not be after it.
std::string localDate();

// The education texts (age notes, requirements, institutions) for the font atlas (Content::allTexts).
void appendEducationTexts(const Content& c, std::vector<std::string>& out);

} // namespace kesip::catalog::detail
