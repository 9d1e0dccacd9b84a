#include "catalog/search.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <deque>
#include <map>
#include <unicode/coll.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "util/utf8.hpp"

namespace kesip::catalog {

namespace {
constexpr size_t kMaxQueryBytes = 256;

void replaceAll(std::string& s, const char* from, const char* to) {
    const size_t fl = std::strlen(from), tl = std::strlen(to);
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + tl)) s.replace(p, fl, to);
}
} // namespace

namespace {
icu::Transliterator* compileTransliterator() {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Any-Lower; Kirghiz-Latin/BGN; Latin-ASCII", UTRANS_FORWARD, st));
    return U_FAILURE(st) ? nullptr : t.release();
}
} // namespace

Normalizer::Normalizer() = default;

Normalizer::~Normalizer() {
    if (pending_.valid()) tr_.reset(pending_.get()); // waits for the thread; the result is freed with tr_
}

void Normalizer::prepare() const {
    std::lock_guard<std::mutex> lk(m_);
    if (!ready_ && !pending_.valid()) pending_ = std::async(std::launch::async, compileTransliterator);
}

const icu::Transliterator* Normalizer::transliterator() const {
    std::lock_guard<std::mutex> lk(m_);
    if (!ready_) {
        tr_.reset(pending_.valid() ? pending_.get() : compileTransliterator());
        ready_ = true;
    }
    return tr_.get();
}

std::string Normalizer::key(const std::string& utf8) const {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
    u.foldCase();
    if (const icu::Transliterator* t = transliterator()) t->transliterate(u);
    std::string raw, out;
    u.toUTF8String(raw);
    for (char c : raw) {
        const unsigned char ch = static_cast<unsigned char>(c);
        if (std::isalnum(ch) && ch < 0x80)
            out += char(std::tolower(ch));
        else if (c == ' ' || c == '-' || c == '\'')
            out += ' ';
    }
    replaceAll(out, "shch", "sh");
    replaceAll(out, "zh", "j");
    replaceAll(out, "kh", "h");
    return out;
}

std::vector<std::string> Normalizer::words(const std::string& utf8, size_t maxWords) const {
    std::vector<std::string> w;
    std::string cur;
    for (char c : key(utf8)) {
        if (c == ' ') {
            if (!cur.empty()) w.push_back(std::move(cur));
            cur.clear();
            if (w.size() >= maxWords) return w;
        } else {
            cur += c;
        }
    }
    if (!cur.empty() && w.size() < maxWords) w.push_back(cur);
    return w;
}

std::vector<Term> computeTerms(const Content& c, const Normalizer& n) {
    std::vector<Term> t;
    // Display words: split the original text on spaces and punctuation, keeping letters as written.
    auto rawWords = [](const std::string& s) {
        std::vector<std::string> out;
        std::string cur;
        const auto* p = reinterpret_cast<const uint8_t*>(s.data());
        int32_t i = 0, len = int32_t(s.size());
        while (i < len) {
            int32_t start = i;
            UChar32 ch;
            U8_NEXT(p, i, len, ch);
            if (u_isalnum(ch))
                cur.append(s, size_t(start), size_t(i - start));
            else if (!cur.empty())
                out.push_back(std::move(cur)), cur.clear();
        }
        if (!cur.empty()) out.push_back(cur);
        return out;
    };
    auto add = [&](int occ, Tier tier, const std::string& text, Lang lang, bool markFirst) {
        auto words = rawWords(text);
        for (size_t i = 0; i < words.size(); ++i) {
            std::string k = n.key(words[i]);
            k.erase(std::remove(k.begin(), k.end(), ' '), k.end());
            if (k.empty()) continue;
            t.push_back({occ, markFirst && i == 0 ? Tier::TitlePrefix : tier, k, words[i], lang});
        }
    };
    for (size_t o = 0; o < c.occupations.size(); ++o) {
        const Occupation& oc = c.occupations[o];
        for (Lang l : kLangs) {
            add(int(o), Tier::TitleWord, oc.title.get(l), l, true);
            for (const auto& s : oc.synonyms(l)) add(int(o), Tier::Synonym, s, l, false);
            for (const auto& s : oc.tasks(l)) add(int(o), Tier::Text, s, l, false);
            // The field's name, so "kurulush" (construction) or "onor" (industry) lists that field's
            // occupations.
            if (int f = c.fieldIndex(oc.field); f >= 0)
                add(int(o), Tier::Text, c.fields[size_t(f)].name.get(l), l, false);
        }
    }
    return t;
}

int editDistance(std::string_view a, std::string_view b, int limit) {
    const size_t n = a.size(), m = b.size();
    if (int(n > m ? n - m : m - n) > limit) return limit + 1;
    // Two rows on the stack for the words people type; the heap only for long ones.
    constexpr size_t kSmall = 64;
    int small[2 * kSmall];
    std::vector<int> big;
    int* prev = small;
    int* cur = small + kSmall;
    if (m + 1 > kSmall) {
        big.resize(2 * (m + 1));
        prev = big.data();
        cur = big.data() + m + 1;
    }
    for (size_t j = 0; j <= m; ++j) prev[j] = int(j);
    for (size_t i = 1; i <= n; ++i) {
        cur[0] = int(i);
        int rowMin = cur[0];
        for (size_t j = 1; j <= m; ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            rowMin = std::min(rowMin, cur[j]);
        }
        if (rowMin > limit) return limit + 1;
        std::swap(prev, cur);
    }
    return prev[m];
}

namespace {
// editDistance(a, b, 1) <= 1 without the table: equal but for one substituted, inserted or deleted letter.
bool withinOneEdit(std::string_view a, std::string_view b) {
    if (a.size() < b.size()) std::swap(a, b);
    if (a.size() - b.size() > 1) return false;
    size_t i = 0;
    while (i < b.size() && a[i] == b[i]) ++i;
    if (i == b.size()) return true; // equal, or a is b and one more letter
    if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);
    return a.substr(i + 1) == b.substr(i);
}
} // namespace

SearchIndex::SearchIndex(const Content& c, std::vector<Term> terms, std::shared_ptr<const Normalizer> n)
    : content_(c), terms_(std::move(terms)), norm_(std::move(n)) {
    // Term indexes by key, each key's in their order (the compiler stores the terms sorted like this).
    std::vector<size_t> order(terms_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto byKey = [&](size_t a, size_t b) { return terms_[a].key < terms_[b].key; };
    if (!std::is_sorted(order.begin(), order.end(), byKey))
        std::stable_sort(order.begin(), order.end(), byKey);
    for (size_t i : order) {
        if (vocab_.empty() || vocab_.back().key != terms_[i].key) vocab_.push_back({terms_[i].key, {}});
        vocab_.back().terms.push_back(i);
    }
}

namespace {
std::vector<Term> fromStored(const Content& c) {
    std::vector<Term> t;
    t.reserve(c.terms.size());
    for (const auto& s : c.terms) t.push_back({s.occupation, Tier(s.tier), s.key, s.display, s.lang});
    return t;
}
} // namespace

SearchIndex::SearchIndex(const Content& c, std::shared_ptr<const Normalizer> n)
    : SearchIndex(c, fromStored(c), std::move(n)) {}

SearchResult SearchIndex::search(const std::string& query, Lang lang, size_t limit) const {
    SearchResult res;
    // Long queries are cut at a code point boundary.
    const std::string q = query.substr(0, utf8::prefixLength(query, kMaxQueryBytes));
    const auto words = norm_->words(q, 8);
    if (words.empty()) return res;

    static const double kWeight[] = {1, 10, 100, 1000};
    // Per occupation: the best weight per query word (0 = that word did not match), the best tier, and
    // whether any match was exact. Flat arrays indexed by occupation: a keystroke allocates them once.
    const size_t nOcc = content_.occupations.size(), nw = words.size();
    std::vector<double> weight(nOcc * nw, 0.0);
    std::vector<signed char> bestTier(nOcc, -1);
    std::vector<char> anyExact(nOcc, 0);
    for (size_t w = 0; w < nw; ++w) {
        const std::string& qw = words[w];
        auto consider = [&](const Entry& e, bool typo) {
            for (size_t ti : e.terms) {
                const Term& t = terms_[ti];
                const size_t o = size_t(t.occupation);
                const double wgt = kWeight[int(t.tier)] * (typo ? 0.5 : 1.0);
                double& slot = weight[o * nw + w];
                if (wgt > slot) slot = wgt;
                if (int(t.tier) > bestTier[o]) bestTier[o] = static_cast<signed char>(t.tier);
                if (!typo) anyExact[o] = 1;
            }
        };
        // Prefix matches: a sorted range of the vocabulary.
        auto it = std::lower_bound(vocab_.begin(), vocab_.end(), qw,
                                   [](const Entry& e, const std::string& k) { return e.key < k; });
        for (; it != vocab_.end() && it->key.compare(0, qw.size(), qw) == 0; ++it) consider(*it, false);
        // One typo in words of 5+ letters: compare with the same-length prefix of each term (+-1).
        if (qw.size() >= 5) {
            const size_t n = qw.size();
            for (const Entry& e : vocab_) {
                const std::string_view k = e.key;
                if (k.size() + 1 < n) continue;
                if (k.compare(0, n, qw) == 0) continue; // already an exact prefix
                bool near = false;
                for (size_t len : {n, n - 1, n + 1})
                    if (len <= k.size() && withinOneEdit(qw, k.substr(0, len))) near = true;
                if (near) consider(e, true);
            }
        }
    }
    // Every word must match (AND); weights are positive, so a zero is a word that did not.
    for (size_t o = 0; o < nOcc; ++o) {
        const double* ws = &weight[o * nw];
        if (std::any_of(ws, ws + nw, [](double x) { return x == 0.0; })) continue;
        double s = 0;
        for (size_t w = 0; w < nw; ++w) s += ws[w];
        res.hits.push_back({int(o), s, Tier(bestTier[o]), !anyExact[o]});
    }
    // Score first; equal scores in the collation order of the visitor's language.
    if (!res.hits.empty()) {
        const std::vector<int>& rank = titleRank(lang);
        std::sort(res.hits.begin(), res.hits.end(), [&](const Hit& a, const Hit& b) {
            if (a.score != b.score) return a.score > b.score;
            return rank[size_t(a.occupation)] < rank[size_t(b.occupation)];
        });
    }
    if (res.hits.size() > limit) res.hits.resize(limit);

    if (res.hits.empty()) {
        // Nearby title and synonym words (edit distance <= 2) in the visitor's language.
        const std::string& qw = words.back();
        std::vector<std::pair<int, std::string>> near;
        std::map<std::string, bool> seen;
        for (const Entry& e : vocab_) {
            const std::string_view k = e.key;
            const int d = editDistance(qw, k.substr(0, std::min(k.size(), qw.size() + 1)), 2);
            if (d > 2) continue;
            for (size_t ti : e.terms) {
                const Term& t = terms_[ti];
                if (t.tier == Tier::Text || t.lang != lang || seen[t.display]) continue;
                seen[t.display] = true;
                near.push_back({d, t.display});
            }
        }
        std::stable_sort(near.begin(), near.end(), [](auto& a, auto& b) { return a.first < b.first; });
        for (size_t i = 0; i < near.size() && i < 4; ++i) res.suggestions.push_back(near[i].second);
    }
    return res;
}

const std::vector<int>& SearchIndex::titleRank(Lang lang) const {
    std::lock_guard<std::mutex> lk(rankMutex_);
    std::vector<int>& rank = rank_[int(lang)];
    if (rank.size() != content_.occupations.size()) {
        // sortByTitle is a stable sort by collation key: on all occupations in index order it gives the
        // same relative order as on any ascending subset of them (the hits).
        std::vector<int> order(content_.occupations.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = int(i);
        sortByTitle(content_, order, lang);
        rank.assign(order.size(), 0);
        for (size_t i = 0; i < order.size(); ++i) rank[size_t(order[i])] = int(i);
    }
    return rank;
}

namespace {
std::unique_ptr<icu::Collator> collator(Lang lang) {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale(icuLocale(lang)), st));
    return U_SUCCESS(st) ? std::move(c) : nullptr;
}
} // namespace

void sortByTitle(const Content& c, std::vector<int>& occ, Lang lang) {
    // Screens ask for the same order every frame (a field's list) and search for the same one on every
    // keystroke: the last orders are remembered, keyed by the language and the very titles asked for, so
    // new content can never get a stale order.
    std::string key(1, char('0' + int(lang)));
    for (int o : occ) key += c.occupations[size_t(o)].title.get(lang) + '\0' + std::to_string(o) + '\0';
    static std::mutex m;
    static std::deque<std::pair<std::string, std::vector<int>>> remembered;
    {
        std::lock_guard<std::mutex> lk(m);
        for (const auto& [k, order] : remembered)
            if (k == key) {
                occ = order;
                return;
            }
    }
    auto coll = collator(lang);
    if (!coll) return;
    std::vector<std::pair<std::string, int>> keys;
    for (int o : occ) {
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(c.occupations[size_t(o)].title.get(lang));
        uint8_t buf[512];
        int32_t n = coll->getSortKey(u, buf, sizeof buf);
        keys.push_back(
            {std::string(reinterpret_cast<char*>(buf), size_t(std::min<int32_t>(n, sizeof buf))), o});
    }
    std::stable_sort(keys.begin(), keys.end(), [](auto& a, auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < occ.size(); ++i) occ[i] = keys[i].second;
    std::lock_guard<std::mutex> lk(m);
    remembered.emplace_front(std::move(key), occ);
    if (remembered.size() > 8) remembered.pop_back();
}

std::vector<std::string> collate(std::vector<std::string> words, Lang lang) {
    auto coll = collator(lang);
    if (!coll) return words;
    std::stable_sort(words.begin(), words.end(), [&](const std::string& a, const std::string& b) {
        UErrorCode st = U_ZERO_ERROR;
        return coll->compareUTF8(a, b, st) == UCOL_LESS;
    });
    return words;
}

} // namespace kesip::catalog
