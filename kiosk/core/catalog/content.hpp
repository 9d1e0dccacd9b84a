#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/textcheck.hpp"
#include "l10n/lang.hpp"

namespace kesip::catalog {

struct Field {
    std::string id;
    uint32_t icon = 0;  // a code point drawn from Noto Sans Symbols
    std::string riasec; // 1-3 letters
    Text2 name, description;
};

struct EducationPath {
    std::string path; // lyceum | college | university | course | on_the_job
    int minMonths = 0, maxMonths = 0;
};

struct Occupation {
    std::string id, isco, riasec, field;
    Text2 title, description, environment, outlook;
    std::optional<Text2> abroad;
    std::vector<std::string> synonymsKy, synonymsRu, tasksKy, tasksRu;
    std::vector<std::string> competences; // strengths-test scale ids
    std::vector<EducationPath> education;
    std::vector<std::string> related;
    const std::vector<std::string>& synonyms(Lang l) const { return l == Lang::ky ? synonymsKy : synonymsRu; }
    const std::vector<std::string>& tasks(Lang l) const { return l == Lang::ky ? tasksKy : tasksRu; }
};

// One searchable word of the content (precomputed by the compiler, see search.hpp).
struct StoredTerm {
    int occupation;
    int tier;
    std::string key, display;
    Lang lang;
};

// The encyclopedia in memory: small (a few hundred entries), loaded whole from the content database.
struct Content {
    std::vector<Field> fields;
    std::vector<Occupation> occupations;
    std::string version; // content hash written by the compiler
    std::vector<StoredTerm> terms;
    int fieldIndex(const std::string& id) const;
    int occupationIndex(const std::string& id) const;
    std::vector<int> occupationsOfField(const std::string& fieldId) const;
    std::vector<std::string> allTexts() const; // for the font atlas
};

// Reads and validates the authored sources (assets/encyclopedia). Every problem is reported with file
// and line; content is returned only when there are none.
std::optional<Content> readSources(const std::string& dir, std::vector<content::Problem>& problems);

// Writes the compiled, read-only content database (replaces `path` atomically).
bool writeContentDb(const Content& c, const std::string& path, std::string& error);
// Opens a compiled content database (read-only). nullopt with a reason when missing or corrupt.
std::optional<Content> loadContentDb(const std::string& path, std::string& error);

} // namespace kesip::catalog
