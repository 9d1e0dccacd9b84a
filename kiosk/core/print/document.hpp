#pragma once
#include <string>
#include <utility>
#include <vector>

#include "l10n/lang.hpp"

namespace kesip::print {

// A printable A4 document as a list of blocks, every text already in the reader's language. Building
// one needs the locale catalog (main thread); rendering it needs nothing else, so it can run on a
// worker thread (printing never blocks the UI).
struct Row {
    Row() = default;
    Row(std::string a_, std::string b_ = {}, double value_ = 0, bool strong_ = false, std::string c_ = {})
        : a(std::move(a_)), b(std::move(b_)), value(value_), strong(strong_), c(std::move(c_)) {}
    std::string a, b;
    double value = 0;
    bool strong = false;
    std::string c; // Pairs: a line under b, in regular type
};

struct Block {
    enum class Kind {
        Title,      // text (big), text2 (subtitle), text3 (right: date)
        CodeBox,    // text label, text2 the code (large), text3 hint, qr: text in a QR code beside it
        Heading,    // text; kept on the page with what follows
        Subheading, // text, bold, smaller than a heading
        Paragraph,  // text
        Small,      // text, smaller and grey (hints, notes)
        Bars,       // rows: a label, value 0..100, strong = highlighted
        Numbered,   // rows: a title (bold), b detail
        Bullets,    // rows: a
        Pairs,      // rows: a label, b value (bold), c under it (optional)
        Checklist,  // rows: a when, b what, strong = done (a ticked box)
        Stages,     // rows: a stage name, b its state, value 0 not started / 1 in progress / 2 done, strong =
                    // next
        Field,      // a form field: text label, text2 hint, lines to write on (CV form)
        PageBreak,
    };
    Kind kind = Kind::Paragraph;
    std::string text, text2, text3, qr;
    std::vector<Row> rows;
    int lines = 0;
};

struct Document {
    Lang lang = Lang::ky; // shaping and fallback fonts
    std::string title;    // PDF metadata
    std::string footer;   // small text at the foot of every page, before the page number
    std::vector<Block> blocks;
};

// Renders the document as an A4 PDF (cairo + pango, Noto Sans). Returns false with a reason.
bool renderPdf(const Document& doc, std::string& pdf, std::string& error);
// Renders and writes it atomically (temp file, fsync, rename): a crash never leaves half a file.
bool writePdfFile(const Document& doc, const std::string& path, std::string& error);

} // namespace kesip::print
