#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "events/event.hpp"

namespace kesip::events {

// The events CSV a methodologist fills in a spreadsheet (format: assets/README.md, "Events CSV").
constexpr size_t kMaxFileBytes = 2u << 20; // 2 MiB: a thousand long rows in UTF-16 still fit
constexpr int kMaxRows = 1000;             // events in one file; more is refused whole
constexpr size_t kMaxIssues = 50;          // listed; the rest are counted
constexpr size_t kMaxListChars = 1000;     // a fields or occupations cell

// What the file was written in. Everything Excel writes for "CSV" or "Unicode text" is read: UTF-8 with
// or without a BOM, UTF-16 with a BOM, and (not being UTF-8) Windows-1251, the "CSV" of a Russian or
// Kyrgyz Windows.
enum class Encoding { Utf8, Utf8Bom, Utf16LE, Utf16BE, Cp1251 };
const char* encodingName(Encoding e);

struct ParsedImport {
    struct Row {
        int row = 0;       // spreadsheet row
        Event event;       // normalised and checked
        bool over = false; // already ended: fine if the kiosk has it from an earlier import, else refused
    };
    std::vector<Row> rows;
    std::vector<Issue> issues; // the first kMaxIssues
    int issueCount = 0;        // all of them
    Encoding encoding = Encoding::Utf8;
    char delimiter = ',';
    bool ok() const { return issueCount == 0; }
    void add(Issue i);
};

// Bytes to UTF-8. False with the key of a file-level message (xlsx, binary, unknown encoding, empty).
bool decodeText(std::string_view bytes, std::string& utf8, Encoding& enc, const char*& errorKey);

// Decodes, splits and checks every row (no I/O, no database): thread-safe given its own vocabulary.
// `today` (YYYY-MM-DD) bounds the dates. Any issue means nothing may be imported.
ParsedImport parseEventsCsv(std::string_view bytes, const LinkVocabulary& v, const std::string& today,
                            int maxRows = kMaxRows);

} // namespace kesip::events
