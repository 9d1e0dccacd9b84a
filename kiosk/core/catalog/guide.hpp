#pragma once
// "Getting a job" in the content database and the font atlas (guide.cpp reads the sources).
#include <map>
#include <sodium.h>
#include <string>
#include <vector>

#include "catalog/content.hpp"
#include "store/db.hpp"

namespace kesip::catalog::detail {

// Creates and fills guide_pages and guide_facts; feeds every row to the content hash.
void writeGuideTables(store::Database& db, const Content& c, crypto_generichash_state& hash);
// Reads them into `c`. A database compiled before these tables existed loads with no guide. Throws on rows
// that do not fit together.
void loadGuideTables(store::Database& db, Content& c);

// Every guide text (titles, headings, paragraphs, bullets, fact statements and sources), for the font atlas.
void appendGuideTexts(const Content& c, std::vector<std::string>& out);

// The line where each value of a JSON text starts, by JSON pointer ("" for the root, "/pages/0/title/ru").
// nlohmann::json keeps no positions, so the text is scanned once (strings and nesting respected).
std::map<std::string, int> jsonValueLines(const std::string& text);

} // namespace kesip::catalog::detail
