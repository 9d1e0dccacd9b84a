#include "events/csv.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "content/textcheck.hpp"
#include "l10n/catalog.hpp"

namespace kesip::events {

using l10n::K;

const char* encodingName(Encoding e) {
    switch (e) {
    case Encoding::Utf8:
        return "utf-8";
    case Encoding::Utf8Bom:
        return "utf-8-bom";
    case Encoding::Utf16LE:
        return "utf-16le";
    case Encoding::Utf16BE:
        return "utf-16be";
    case Encoding::Cp1251:
        return "windows-1251";
    }
    return "?";
}

void ParsedImport::add(Issue i) {
    ++issueCount;
    i.value = shortValue(i.value); // from the file: shown on screen, so no hidden characters
    if (issues.size() < kMaxIssues) issues.push_back(std::move(i));
}

namespace {

bool validUtf8(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t n = int32_t(s.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return false;
    }
    return true;
}

// ICU conversion that stops at the first byte sequence the code page does not define.
bool convert(const char* codepage, std::string_view in, std::string& out) {
    UErrorCode st = U_ZERO_ERROR;
    UConverter* cv = ucnv_open(codepage, &st);
    if (U_FAILURE(st)) return false;
    ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
    icu::UnicodeString u;
    const int32_t cap = int32_t(in.size()) + 1;
    UChar* buf = u.getBuffer(cap);
    const int32_t len = ucnv_toUChars(cv, buf, cap, in.data(), int32_t(in.size()), &st);
    u.releaseBuffer(U_SUCCESS(st) ? len : 0);
    ucnv_close(cv);
    if (U_FAILURE(st)) return false;
    out.clear();
    u.toUTF8String(out);
    return true;
}

// Windows-1251 is assumed for 8-bit text; KOI8-R or DOS 866 read that way turn mostly into capitals
// and symbols, which no methodologist types: refused rather than imported as gibberish.
bool plausibleCp1251(std::string_view s) {
    size_t lower = 0, upper = 0, other = 0;
    for (unsigned char c : s) {
        if (c >= 0xE0 || c == 0xB8)
            ++lower;
        else if (c >= 0xC0 || c == 0xA8)
            ++upper;
        else if (c >= 0x80 && c != 0xA0 && c != 0xAB && c != 0xBB && c != 0xB9 && c != 0x96 && c != 0x97 &&
                 c != 0x93 && c != 0x94 && c != 0x84 && c != 0x85)
            ++other;
    }
    if (lower + upper >= 20 && upper > lower) return false;
    return other * 4 <= lower + upper;
}

// RFC 4180 records: delimiter-separated cells, "quoted" cells with "" for a quote and line breaks
// inside, CRLF, LF or CR line ends.
class CsvReader {
  public:
    CsvReader(std::string_view text, char delim) : t_(text), d_(delim) {}
    bool atEnd() const { return pos_ >= t_.size(); }
    // False at the end; `unclosed` when a quoted cell runs to the end of the file.
    bool next(std::vector<std::string>& cells, bool& unclosed) {
        cells.clear();
        unclosed = false;
        if (atEnd()) return false;
        std::string cell;
        while (true) {
            if (pos_ < t_.size() && t_[pos_] == '"') {
                ++pos_;
                while (true) {
                    const size_t q = t_.find('"', pos_);
                    if (q == std::string_view::npos) {
                        cell.append(t_.substr(pos_));
                        pos_ = t_.size();
                        unclosed = true;
                        cells.push_back(std::move(cell));
                        return true;
                    }
                    cell.append(t_.substr(pos_, q - pos_));
                    pos_ = q + 1;
                    if (pos_ < t_.size() && t_[pos_] == '"') {
                        cell += '"';
                        ++pos_;
                    } else
                        break;
                }
            }
            // Unquoted (or after a closing quote, taken as it is).
            while (pos_ < t_.size() && t_[pos_] != d_ && t_[pos_] != '\n' && t_[pos_] != '\r')
                cell += t_[pos_++];
            cells.push_back(std::move(cell));
            cell.clear();
            if (pos_ >= t_.size()) return true;
            if (t_[pos_] == d_) {
                ++pos_;
                continue;
            }
            if (t_[pos_] == '\r' && pos_ + 1 < t_.size() && t_[pos_ + 1] == '\n') ++pos_;
            ++pos_;
            return true;
        }
    }

  private:
    std::string_view t_;
    char d_;
    size_t pos_ = 0;
};

const std::vector<std::string>& columnNames() {
    static const std::vector<std::string> c = {"kind",   "title_ky",    "title_ru", "organiser",
                                               "start",  "end",         "place",    "oblast",
                                               "fields", "occupations", "text_ky",  "text_ru"};
    return c;
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string headerName(const std::string& cell) {
    std::string s = trimmed(cell);
    if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3); // a second BOM
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

int knownColumns(const std::vector<std::string>& header) {
    int n = 0;
    for (const auto& h : header)
        if (std::count(columnNames().begin(), columnNames().end(), headerName(h))) ++n;
    return n;
}

// Items of a list cell: separated by ";" or line breaks; a comma separates too unless the whole piece is
// one name (several occupation titles contain a comma).
void resolveList(const std::string& cell, bool fields, const LinkVocabulary& v, int row, ParsedImport& out,
                 std::vector<std::string>& ids) {
    const char* column = fields ? "fields" : "occupations";
    auto one = [&](const std::string& name, bool report) {
        std::string id;
        const auto m = fields ? v.field(name, id) : v.occupation(name, id);
        if (m == LinkVocabulary::Match::Found) {
            ids.push_back(id);
            return true;
        }
        if (report) {
            Issue is{row,
                     m == LinkVocabulary::Match::Ambiguous ? K("events_err_ambiguous")
                     : fields                              ? K("events_err_field")
                                                           : K("events_err_occupation"),
                     column, name, 0};
            out.add(std::move(is));
        }
        return false;
    };
    std::string piece;
    // Commas: at each part, the longest run of parts that names one entry wins (a title with commas inside
    // brackets, then a comma and a second title, is two occupations).
    auto flush = [&] {
        std::vector<std::string> parts(1);
        for (char c : piece)
            if (c == ',')
                parts.emplace_back();
            else
                parts.back() += c;
        piece.clear();
        for (size_t i = 0; i < parts.size();) {
            size_t used = 0;
            // At most 4 parts: titles have one or two commas, and a hostile cell stays linear.
            for (size_t last = std::min(parts.size(), i + 4); last-- > i && !used;) {
                std::string joined = parts[i];
                for (size_t x = i + 1; x <= last; ++x) joined += "," + parts[x];
                const std::string name = trimmed(joined);
                if (name.empty() && last == i)
                    used = 1; // an empty item (",,")
                else if (!name.empty() && one(name, false))
                    used = last - i + 1;
            }
            if (!used) {
                one(trimmed(parts[i]), true);
                used = 1;
            }
            i += used;
        }
    };
    for (char c : cell) {
        if (c == ';' || c == '\n' || c == '\r')
            flush();
        else
            piece += c;
    }
    flush();
}

} // namespace

bool decodeText(std::string_view b, std::string& utf8, Encoding& enc, const char*& errorKey) {
    errorKey = nullptr;
    auto starts = [&](std::string_view p) { return b.substr(0, p.size()) == p; };
    if (starts("PK\x03\x04") || starts("\xD0\xCF\x11\xE0")) {
        errorKey = K("events_err_xlsx"); // a workbook (xlsx, or the old xls), not "Save as CSV"
        return false;
    }
    bool ok = true;
    if (starts("\xEF\xBB\xBF")) {
        enc = Encoding::Utf8Bom;
        utf8.assign(b.substr(3));
        ok = validUtf8(utf8);
    } else if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
        enc = b[0] == '\xFF' ? Encoding::Utf16LE : Encoding::Utf16BE;
        ok = convert(enc == Encoding::Utf16LE ? "UTF-16LE" : "UTF-16BE", b.substr(2), utf8);
    } else if (b.find('\0') != std::string_view::npos) {
        errorKey = K("events_err_binary"); // UTF-16 without its BOM, or not text at all
        return false;
    } else if (validUtf8(b)) {
        enc = Encoding::Utf8;
        utf8.assign(b);
    } else {
        enc = Encoding::Cp1251;
        // ICU passes cp1251's one undefined byte (0x98) through as a C1 control: not this code page.
        ok = plausibleCp1251(b) && convert("windows-1251", b, utf8) &&
             utf8.find("\xC2\x98") == std::string::npos;
    }
    if (!ok) {
        errorKey = K("events_err_encoding");
        return false;
    }
    if (utf8.find('\0') != std::string::npos) {
        errorKey = K("events_err_binary");
        return false;
    }
    return true;
}

ParsedImport parseEventsCsv(std::string_view bytes, const LinkVocabulary& v, const std::string& today,
                            int maxRows) {
    ParsedImport out;
    std::string text;
    const char* err = nullptr;
    if (!decodeText(bytes, text, out.encoding, err)) {
        out.add({0, err});
        return out;
    }
    // Excel honours a first line "sep=;" and hides it; so do we.
    std::string_view body = text;
    if (body.size() >= 5 && body.substr(0, 4) == "sep=" &&
        (body[4] == ',' || body[4] == ';' || body[4] == '\t') &&
        (body.size() == 5 || body[5] == '\r' || body[5] == '\n')) {
        out.delimiter = body[4];
        const size_t nl = body.find('\n');
        body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
    } else {
        // The delimiter is the one that splits the header into the most known column names: commas,
        // Excel's semicolons under a Russian locale, or the tabs of "Unicode text".
        int best = 0;
        for (char d : {',', ';', '\t'}) {
            std::vector<std::string> header;
            bool unclosed = false;
            CsvReader(body, d).next(header, unclosed);
            if (const int n = knownColumns(header); n > best) {
                best = n;
                out.delimiter = d;
            }
        }
    }
    CsvReader reader(body, out.delimiter);
    std::vector<std::string> header;
    bool unclosed = false;
    if (trimmed(std::string(body)).empty() || !reader.next(header, unclosed)) {
        out.add({0, K("events_err_empty")});
        return out;
    }
    if (knownColumns(header) == 0) {
        out.add({1, K("events_err_no_header")});
        return out;
    }
    std::map<std::string, size_t> col;
    for (size_t i = 0; i < header.size(); ++i) {
        const std::string h = headerName(header[i]);
        if (h.empty()) continue; // an unnamed column: its cells must stay empty (checked per row)
        if (!std::count(columnNames().begin(), columnNames().end(), h))
            out.add({1, K("events_err_column_unknown"), h});
        else if (!col.emplace(h, i).second)
            out.add({1, K("events_err_column_twice"), h});
    }
    for (const char* req : {"kind", "start", "place", "oblast"})
        if (!col.count(req)) out.add({1, K("events_err_column_missing"), req});
    if (!col.count("title_ky") && !col.count("title_ru"))
        out.add({1, K("events_err_column_missing"), "title_ky/title_ru"});
    if (!out.ok()) return out;

    // Split every record first: a file over the row cap is refused before any row is checked.
    struct Record {
        int row;
        std::vector<std::string> cells;
    };
    std::vector<Record> records;
    int row = 1;
    for (std::vector<std::string> cells; reader.next(cells, unclosed);) {
        ++row;
        if (unclosed) {
            out.add({row, K("events_err_quote")});
            return out;
        }
        if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return trimmed(c).empty(); }))
            continue; // blank spreadsheet rows
        if (int(records.size()) == maxRows) {
            out.add({0, K("events_err_too_many_rows"), {}, {}, maxRows});
            return out;
        }
        records.push_back({row, std::move(cells)});
    }
    if (records.empty()) {
        out.add({0, K("events_err_empty")});
        return out;
    }

    std::map<std::string, int> firstRow; // match key -> row
    for (Record& r : records) {
        const int before = out.issueCount;
        auto cell = [&](const char* name) -> std::string {
            auto it = col.find(name);
            return it == col.end() || it->second >= r.cells.size() ? std::string() : r.cells[it->second];
        };
        for (size_t i = 0; i < r.cells.size(); ++i)
            if ((i >= header.size() || headerName(header[i]).empty()) && !trimmed(r.cells[i]).empty()) {
                out.add({r.row, K("events_err_extra_cells"), {}, r.cells[i]});
                break;
            }
        Event e;
        e.kind = cell("kind");
        e.title = {cell("title_ky"), cell("title_ru")};
        e.organiser = cell("organiser");
        e.start = cell("start");
        e.end = cell("end");
        e.place = cell("place");
        e.oblast = cell("oblast");
        e.text = {cell("text_ky"), cell("text_ru")};
        for (const char* c : {"title_ky", "title_ru", "organiser", "place", "text_ky", "text_ru"}) {
            if (looksLikeLostLetters(cell(c)))
                out.add({r.row, K("events_err_lost_letters"), c});
            else if (out.encoding == Encoding::Cp1251 &&
                     (std::strcmp(c, "title_ky") == 0 || std::strcmp(c, "text_ky") == 0) &&
                     !trimmed(cell(c)).empty())
                // Windows-1251 has no Kyrgyz letters (U+04A3, U+04E9, U+04AF): Excel wrote "?" or a
                // look-alike (U+0443 for U+04AF) in their place.
                out.add({r.row, K("events_err_cp1251_kyrgyz"), c});
        }
        for (const char* c : {"fields", "occupations"}) {
            const std::string list = cell(c);
            if (content::utf8Length(list) > kMaxListChars)
                out.add({r.row, K("events_err_too_long"), c, {}, int(kMaxListChars)});
            else
                resolveList(list, c[0] == 'f', v, r.row, out, c[0] == 'f' ? e.fields : e.occupations);
        }
        for (Issue& is : normaliseEvent(e, v, r.row)) out.add(std::move(is));
        if (out.issueCount != before) continue;
        if (tooFarAhead(e, today)) {
            out.add({r.row, K("events_err_too_far"), "start", e.start});
            continue;
        }
        const auto [it, fresh] = firstRow.emplace(matchKey(e), r.row);
        if (!fresh) {
            out.add({r.row, K("events_err_duplicate_row"), {}, {}, it->second});
            continue;
        }
        const bool over = isOver(e, today);
        out.rows.push_back({r.row, std::move(e), over});
    }
    if (!out.ok()) out.rows.clear();
    return out;
}

} // namespace kesip::events
