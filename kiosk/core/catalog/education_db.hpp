#pragma once
// The education tables of the content database (content_db.cpp writes and opens the rest).
#include <sodium.h>

#include "catalog/content.hpp"
#include "store/db.hpp"

namespace kesip::catalog::detail {

// Creates and fills occupation_limits, institutions and programmes; feeds every row to the content hash.
void writeEducationTables(store::Database& db, const Content& c, crypto_generichash_state& hash);
// Reads them into `c` (occupations already loaded). A database compiled before these tables existed
// loads with no limits and no institutions. Throws on rows that do not fit together.
void loadEducationTables(store::Database& db, Content& c);

} // namespace kesip::catalog::detail
