#pragma once
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/content.hpp"

#include <unicode/uversion.h>
U_NAMESPACE_BEGIN
class Transliterator;
U_NAMESPACE_END

namespace kesip::catalog {

// Folds any text to a plain ASCII search key: case folded, Kyrgyz and Russian Cyrillic transliterated with
// ICU's Kirghiz-Latin/BGN then Latin-ASCII (Kyrgyz "onor" with o-umlaut letters -> "onor", Russian
// "programmist" -> "programmist"), and a few spellings people use for the same sound unified on both sides
// (zh/j, kh/h, shch/sh).
class Normalizer {
  public:
    Normalizer();
    ~Normalizer();
    std::string key(const std::string& utf8) const;
    // Words of the text, each as a key; non-letters split words. Bounded: at most maxWords words.
    std::vector<std::string> words(const std::string& utf8, size_t maxWords = 1000) const;

    // ICU compiles the transliteration rules in 30-70 ms. prepare() starts that on a thread of its own (the
    // kiosk calls it once its first frame is on screen); otherwise the first key() compiles them.
    void prepare() const;

  private:
    const icu::Transliterator* transliterator() const;
    mutable std::mutex m_;
    mutable std::future<icu::Transliterator*> pending_;
    mutable bool ready_ = false;
    mutable std::unique_ptr<icu::Transliterator> tr_;
};

// How well a term matched; higher ranks first (issue: title prefix > title word > synonym > text).
enum class Tier { Text = 0, Synonym = 1, TitleWord = 2, TitlePrefix = 3 };

struct Term {
    int occupation;
    Tier tier;
    std::string key;     // normalized
    std::string display; // the word as written (for suggestions)
    Lang lang;
};
// Every searchable word of the content: titles, synonyms and tasks in both languages.
std::vector<Term> computeTerms(const Content& c, const Normalizer& n);

struct Hit {
    int occupation;
    double score;
    Tier best;
    bool typo; // matched only with one typo
};

struct SearchResult {
    std::vector<Hit> hits;                // best first
    std::vector<std::string> suggestions; // when nothing matched: nearby words (as written)
};

class SearchIndex {
  public:
    SearchIndex(const Content& c, std::vector<Term> terms, std::shared_ptr<const Normalizer> n);
    // From the terms stored in the content database.
    SearchIndex(const Content& c, std::shared_ptr<const Normalizer> n);
    // Any query string is safe: long ones are cut, control characters and emoji ignored.
    SearchResult search(const std::string& query, Lang lang, size_t limit = 30) const;
    void prepare() const { norm_->prepare(); } // see Normalizer::prepare

  private:
    struct Entry {
        std::string key;
        std::vector<size_t> terms; // indexes into terms_
    };
    // Every occupation's place in the language's title order (sortByTitle over all of them), computed on
    // the first search in that language: ties of score then cost an array lookup, not a collator.
    const std::vector<int>& titleRank(Lang lang) const;
    const Content& content_;
    std::vector<Term> terms_;
    std::vector<Entry> vocab_; // sorted by key
    std::shared_ptr<const Normalizer> norm_;
    mutable std::mutex rankMutex_;
    mutable std::vector<int> rank_[2];
};

// Sorts occupation indexes by title in the language's collation order (ICU collator for ky or ru).
void sortByTitle(const Content& c, std::vector<int>& occupations, Lang lang);
std::vector<std::string> collate(std::vector<std::string> words, Lang lang);

// Levenshtein distance, stopping early once it exceeds `limit`.
int editDistance(std::string_view a, std::string_view b, int limit);

} // namespace kesip::catalog
