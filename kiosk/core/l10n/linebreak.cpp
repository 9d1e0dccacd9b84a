#include "l10n/linebreak.hpp"

#include <memory>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

namespace kesip::l10n {

namespace {

// Creating an ICU iterator loads its rules (tens of microseconds): one of each per thread, reused.
icu::BreakIterator& iterator(bool lines) {
    thread_local std::unique_ptr<icu::BreakIterator> line, chars;
    auto& it = lines ? line : chars;
    if (!it) {
        UErrorCode st = U_ZERO_ERROR;
        it.reset(lines ? icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), st)
                       : icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), st));
        if (U_FAILURE(st)) it.reset();
    }
    return *it;
}

// Points the iterator at UTF-8 bytes: boundaries then come back as byte offsets.
struct Utf8Text {
    UText* ut = nullptr;
    Utf8Text(icu::BreakIterator& it, std::string_view s) {
        UErrorCode st = U_ZERO_ERROR;
        ut = utext_openUTF8(nullptr, s.data(), int64_t(s.size()), &st);
        it.setText(ut, st);
    }
    ~Utf8Text() { utext_close(ut); }
    Utf8Text(const Utf8Text&) = delete;
    Utf8Text& operator=(const Utf8Text&) = delete;
};

size_t trimEnd(std::string_view s, size_t begin, size_t end) {
    while (end > begin &&
           (s[end - 1] == ' ' || s[end - 1] == '\n' || s[end - 1] == '\r' || s[end - 1] == '\t'))
        --end;
    return end;
}

struct Boundary {
    size_t at;
    bool hard; // a newline ends the line here
};

std::vector<Boundary> boundaries(std::string_view s) {
    std::vector<Boundary> out;
    icu::BreakIterator& it = iterator(true);
    Utf8Text text(it, s);
    for (int32_t b = it.next(); b != icu::BreakIterator::DONE; b = it.next()) {
        const int32_t status = it.getRuleStatus();
        out.push_back({size_t(b), status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT});
    }
    return out;
}

// Longest run of whole graphemes from `begin` that fits (at least one grapheme).
size_t fitGraphemes(std::string_view s, size_t begin, size_t end, float width, const MeasureFn& measure) {
    icu::BreakIterator& it = iterator(false);
    const std::string_view part = s.substr(begin, end - begin);
    Utf8Text text(it, part);
    size_t best = 0;
    for (int32_t b = it.next(); b != icu::BreakIterator::DONE; b = it.next()) {
        if (best > 0 && measure(part.substr(0, size_t(b))) > width) break;
        best = size_t(b);
    }
    return begin + std::max<size_t>(best, 1);
}

} // namespace

std::vector<size_t> lineBreakOpportunities(std::string_view utf8) {
    std::vector<size_t> out;
    for (const Boundary& b : boundaries(utf8)) out.push_back(b.at);
    return out;
}

Wrapped wrapText(std::string_view s, float width, const MeasureFn& measure) {
    Wrapped w;
    auto emit = [&](size_t b, size_t e) {
        e = trimEnd(s, b, e);
        const float lw = e > b ? measure(s.substr(b, e - b)) : 0.f;
        w.lines.push_back({b, e, lw});
        w.widest = std::max(w.widest, lw);
    };
    const std::vector<Boundary> bs = boundaries(s);
    size_t start = 0;
    size_t lastFit = 0; // 0: nothing fits yet on this line
    for (size_t i = 0; i < bs.size();) {
        const Boundary& b = bs[i];
        const size_t e = trimEnd(s, start, b.at);
        if (e == start || measure(s.substr(start, e - start)) <= width) {
            if (b.hard || b.at == s.size()) {
                emit(start, b.at);
                start = b.at;
                lastFit = 0;
            } else {
                lastFit = b.at;
            }
            ++i;
        } else if (lastFit > start) {
            emit(start, lastFit); // the line ends at the last place that fitted; retry b on the next
            start = lastFit;
            lastFit = 0;
        } else {
            // One word wider than the box.
            const size_t cut = fitGraphemes(s, start, e, width, measure);
            if (cut >= e) { // nothing to cut (a single grapheme): let it overflow
                lastFit = b.at;
                if (b.hard || b.at == s.size()) {
                    emit(start, b.at);
                    start = b.at;
                    lastFit = 0;
                }
                ++i;
                continue;
            }
            w.brokeWord = true;
            emit(start, cut);
            start = cut;
        }
    }
    return w;
}

} // namespace kesip::l10n
