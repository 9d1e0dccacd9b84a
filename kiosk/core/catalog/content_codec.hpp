#pragma once
// Compact forms inside the compiled content database, read on every start: parsing them is most of
// loadContentDb's time, so they are read without a general JSON parser or a row per search term.
#include <string>
#include <string_view>
#include <vector>

#include "catalog/content.hpp"

namespace kesip::catalog::detail {

// A JSON array of strings exactly as nlohmann::json parses it. The compiler writes them compact and
// unescaped, which is read directly; anything else (escapes, spaces, other types, bad UTF-8) goes to
// nlohmann, which parses it or throws as before.
std::vector<std::string> parseStringArray(std::string_view json);

// All search terms in one blob, in the given order: a count, then per term its occupation, tier, language,
// key and display word (varint lengths).
std::string encodeTerms(const std::vector<StoredTerm>& terms);
// The terms back; throws std::runtime_error("bad search term") on a truncated or malformed blob, a tier
// outside 0..3 or an occupation not below `occupations`.
std::vector<StoredTerm> decodeTerms(std::string_view blob, size_t occupations);

} // namespace kesip::catalog::detail
