// The search index's fast paths (sorted vocabulary, the one-typo check without a table, title ranks
// computed once, terms stored sorted in one blob) against a plain scan over every stored term that follows
// the rules as written: prefix match, one typo for words of 5+ letters, all words must match, score then
// title order, suggestions when nothing matched.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <tuple>
#include <unistd.h>

#include "catalog/content.hpp"
#include "catalog/content_codec.hpp"
#include "catalog/search.hpp"
#include "helpers.hpp"
#include "store/db.hpp"
#include "util/utf8.hpp"

using namespace kesip;
using namespace kesip::catalog;

namespace {

// Levenshtein distance, the whole table (no early exit): the reference for every distance below.
int levenshtein(const std::string& a, const std::string& b) {
    std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = int(j);
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
        prev.swap(cur);
    }
    return prev[b.size()];
}

// 0 = no match, 1 = exact prefix, 2 = with one typo.
int matchOf(const std::string& word, const std::string& key) {
    if (key.compare(0, word.size(), word) == 0) return 1;
    if (word.size() < 5 || key.size() + 1 < word.size()) return 0;
    for (size_t len : {word.size() - 1, word.size(), word.size() + 1})
        if (len <= key.size() && levenshtein(word, key.substr(0, len)) <= 1) return 2;
    return 0;
}

// Per query: which terms match each word. Keys repeat (one per occupation and language), so each distinct
// key is tested once; the answer is then applied to every stored term with that key.
struct Matches {
    std::vector<std::string> words;
    std::vector<std::vector<int>> perWord; // per word, per stored term: matchOf
};
Matches matches(const Content& c, const Normalizer& n, const std::string& query) {
    Matches m;
    m.words = n.words(query.substr(0, utf8::prefixLength(query, 256)), 8);
    for (const std::string& w : m.words) {
        std::map<std::string, int> memo;
        std::vector<int> per(c.terms.size());
        for (size_t i = 0; i < c.terms.size(); ++i) {
            auto it = memo.find(c.terms[i].key);
            per[i] = it != memo.end() ? it->second : memo[c.terms[i].key] = matchOf(w, c.terms[i].key);
        }
        m.perWord.push_back(std::move(per));
    }
    return m;
}

SearchResult reference(const Content& c, const Matches& m, Lang lang, size_t limit = 30) {
    SearchResult res;
    const auto& words = m.words;
    if (words.empty()) return res;
    const double weight[] = {1, 10, 100, 1000};
    const size_t nOcc = c.occupations.size();
    std::vector<std::vector<double>> best(nOcc, std::vector<double>(words.size(), 0.0));
    std::vector<int> tier(nOcc, -1);
    std::vector<bool> exact(nOcc, false);
    for (size_t w = 0; w < words.size(); ++w)
        for (size_t i = 0; i < c.terms.size(); ++i) {
            const int match = m.perWord[w][i];
            if (!match) continue;
            const StoredTerm& t = c.terms[i];
            const size_t o = size_t(t.occupation);
            best[o][w] = std::max(best[o][w], weight[t.tier] * (match == 2 ? 0.5 : 1.0));
            tier[o] = std::max(tier[o], t.tier);
            if (match == 1) exact[o] = true;
        }
    std::vector<int> hitOcc;
    for (size_t o = 0; o < nOcc; ++o) {
        bool all = true;
        double s = 0;
        for (double x : best[o]) all = all && x > 0, s += x;
        if (!all) continue;
        res.hits.push_back({int(o), s, Tier(tier[o]), !exact[o]});
        hitOcc.push_back(int(o));
    }
    sortByTitle(c, hitOcc, lang);
    std::map<int, size_t> pos;
    for (size_t i = 0; i < hitOcc.size(); ++i) pos[hitOcc[i]] = i;
    std::stable_sort(res.hits.begin(), res.hits.end(), [&](const Hit& a, const Hit& b) {
        return a.score != b.score ? a.score > b.score : pos[a.occupation] < pos[b.occupation];
    });
    if (res.hits.size() > limit) res.hits.resize(limit);
    if (!res.hits.empty()) return res;
    // Suggestions: title and synonym words of the visitor's language within 2 edits of the last word
    // (against the key's first letters), closest first, then by key, then in stored order; each once.
    const std::string& qw = words.back();
    std::vector<std::tuple<int, std::string, size_t>> near; // distance, key, stored index
    std::map<std::string, int> dist;
    for (size_t i = 0; i < c.terms.size(); ++i) {
        const StoredTerm& t = c.terms[i];
        if (t.tier == int(Tier::Text) || t.lang != lang) continue;
        auto it = dist.find(t.key);
        const int d = it != dist.end()
                          ? it->second
                          : dist[t.key] =
                                levenshtein(qw, t.key.substr(0, std::min(t.key.size(), qw.size() + 1)));
        if (d <= 2) near.emplace_back(d, t.key, i);
    }
    // A display word counts once, at its first place in key order.
    std::sort(near.begin(), near.end(), [](auto& a, auto& b) {
        return std::tie(std::get<1>(a), std::get<2>(a)) < std::tie(std::get<1>(b), std::get<2>(b));
    });
    std::vector<std::pair<int, std::string>> firsts;
    std::set<std::string> seen;
    for (auto& [d, key, i] : near)
        if (seen.insert(c.terms[i].display).second) firsts.push_back({d, c.terms[i].display});
    std::stable_sort(firsts.begin(), firsts.end(), [](auto& a, auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < firsts.size() && i < 4; ++i) res.suggestions.push_back(firsts[i].second);
    return res;
}

std::string describe(const Content& c, const SearchResult& r) {
    std::string s;
    for (const Hit& h : r.hits)
        s += c.occupations[size_t(h.occupation)].id + "(" + std::to_string(h.score) + "," +
             std::to_string(int(h.best)) + (h.typo ? ",typo" : "") + ") ";
    for (const auto& w : r.suggestions) s += "[" + w + "] ";
    return s;
}

bool same(const SearchResult& a, const SearchResult& b) {
    if (a.hits.size() != b.hits.size() || a.suggestions != b.suggestions) return false;
    for (size_t i = 0; i < a.hits.size(); ++i)
        if (a.hits[i].occupation != b.hits[i].occupation || a.hits[i].score != b.hits[i].score ||
            a.hits[i].best != b.hits[i].best || a.hits[i].typo != b.hits[i].typo)
            return false;
    return true;
}

// The real content compiled and loaded as the kiosk does; its path stays for the format tests.
struct Compiled {
    test::TempDir dir;
    std::string db;
    Content source, loaded;
};
const Compiled& compiled() {
    static Compiled* c = [] {
        auto* x = new Compiled;
        std::vector<content::Problem> ps;
        auto src = readSources(test::sourceDir() + "/assets/encyclopedia", ps);
        REQUIRE(src);
        x->source = *src;
        x->db = x->dir.str() + "/content.sqlite";
        std::string err;
        REQUIRE(writeContentDb(x->source, x->db, err));
        auto loaded = loadContentDb(x->db, err);
        INFO(err);
        REQUIRE(loaded);
        x->loaded = std::move(*loaded);
        return x;
    }();
    return *c;
}

// Queries as visitors type them: every prefix of title and synonym words in both scripts, the same with
// one letter changed, dropped, added or swapped, Latin keys, two-word mixes of Latin and Cyrillic, junk.
std::vector<std::string> queries(const Content& c, const Normalizer& n) {
    std::mt19937 rng(13);
    std::vector<std::string> words;
    for (const Occupation& o : c.occupations)
        for (Lang l : kLangs) {
            words.push_back(o.title.get(l));
            for (const auto& s : o.synonyms(l)) words.push_back(s);
            if (!o.tasks(l).empty()) words.push_back(o.tasks(l)[0]);
        }
    std::shuffle(words.begin(), words.end(), rng);
    words.resize(std::min<size_t>(words.size(), 30));
    const std::u32string cyr = U"абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя";
    std::vector<std::string> q;
    auto pick = [&](size_t n) { return size_t(rng() % n); };
    for (const std::string& w : words) {
        const std::u32string u = utf8::decode(w);
        for (size_t len = 1; len <= u.size() && len <= 10; ++len) q.push_back(utf8::encode(u.substr(0, len)));
        const std::string latin = n.key(w);
        q.push_back(latin);
        if (latin.size() > 3) q.push_back(latin.substr(0, latin.size() - 2));
        for (int k = 0; k < 4; ++k) {
            std::u32string t = u.substr(0, std::min<size_t>(u.size(), 9));
            if (t.size() < 3) break;
            const size_t at = pick(t.size());
            switch (k) {
            case 0:
                t[at] = cyr[pick(cyr.size())];
                break; // substituted
            case 1:
                t.erase(at, 1);
                break; // dropped
            case 2:
                t.insert(at, 1, cyr[pick(cyr.size())]);
                break; // added
            default:
                std::swap(t[at], t[(at + 1) % t.size()]); // swapped
            }
            q.push_back(utf8::encode(t));
        }
        std::string l2 = latin;
        if (l2.size() >= 6) l2[pick(l2.size())] = char('a' + pick(26));
        q.push_back(l2);
    }
    for (size_t i = 0; i + 1 < words.size(); i += 2) {
        const auto a = utf8::decode(words[i]), b = utf8::decode(words[i + 1]);
        q.push_back(n.key(words[i]).substr(0, 6) + " " + utf8::encode(b.substr(0, 4)));
        q.push_back(utf8::encode(a.substr(0, 5)) + " " + utf8::encode(b.substr(0, 5)));
    }
    for (const char* s : {"", " ", "zzzzzz", "программист", "PROGRAMMIST", "витиринар", "бугалтер", "onor",
                          "a", "o", "k", "ш", "ң", "ө", "\xF0\x9F\x98\x80", "x1", "kurulush onor"})
        q.push_back(s);
    return q;
}

} // namespace

TEST_CASE("search: the index gives the same hits, order and suggestions as a plain scan of all terms",
          "[search]") {
    // Fails on a wrong one-typo check, a prefix range cut short, a word's weight or tier mixed up, ties
    // not in the language's title order, or a bad suggestion order in the fast path.
    const Compiled& x = compiled();
    const Content& c = x.loaded;
    auto n = std::make_shared<Normalizer>();
    SearchIndex index(c, n);
    const auto qs = queries(c, *n);
    size_t withHits = 0, typoHits = 0, withSuggestions = 0, ties = 0;
    for (const std::string& q : qs) {
        const Matches m = matches(c, *n, q);
        for (Lang l : kLangs) {
            const SearchResult want = reference(c, m, l), got = index.search(q, l);
            INFO("query \"" << q << "\" lang " << langCode(l) << "\nwant " << describe(c, want) << "\ngot  "
                            << describe(c, got));
            REQUIRE(same(want, got));
            withHits += !want.hits.empty();
            withSuggestions += !want.suggestions.empty();
            for (size_t i = 0; i < want.hits.size(); ++i) {
                typoHits += want.hits[i].typo;
                ties += i > 0 && want.hits[i].score == want.hits[i - 1].score;
            }
        }
    }
    // The queries do reach every rule.
    CHECK(withHits > 400);
    CHECK(typoHits > 300);
    CHECK(withSuggestions > 20);
    CHECK(ties > 1000);
}

TEST_CASE("search: an index built from unsorted terms matches one built from the stored sorted terms",
          "[search]") {
    // Fails when the index depends on the order the terms come in (the compiler stores them sorted; the
    // content tests build them in content order).
    const Compiled& x = compiled();
    auto n = std::make_shared<Normalizer>();
    SearchIndex stored(x.loaded, n), fresh(x.loaded, computeTerms(x.loaded, *n), n);
    for (const std::string q : {"p", "pro", "programmist", "ветер", "витеринар", "мед", "zzzzzz", "kurul"})
        for (Lang l : kLangs) {
            INFO(q);
            CHECK(same(stored.search(q, l), fresh.search(q, l)));
        }
}

TEST_CASE("content db: the stored terms are the compiler's terms, sorted by key, each key's in order",
          "[search]") {
    // Fails when the blob loses, reorders or alters a term.
    const Compiled& x = compiled();
    std::vector<Term> terms = computeTerms(x.source, Normalizer());
    std::stable_sort(terms.begin(), terms.end(), [](const Term& a, const Term& b) { return a.key < b.key; });
    REQUIRE(x.loaded.terms.size() == terms.size());
    for (size_t i = 0; i < terms.size(); ++i) {
        const StoredTerm& s = x.loaded.terms[i];
        INFO(i);
        REQUIRE(s.occupation == terms[i].occupation);
        REQUIRE(s.tier == int(terms[i].tier));
        REQUIRE(s.key == terms[i].key);
        REQUIRE(s.display == terms[i].display);
        REQUIRE(s.lang == terms[i].lang);
    }
}

TEST_CASE("content db: a format 1 database (a row per term) still loads and searches the same", "[search]") {
    // Fails when a content pack installed before this kiosk was updated stops loading.
    const Compiled& x = compiled();
    test::TempDir d;
    const std::string db = d.str() + "/old.sqlite";
    std::filesystem::copy_file(x.db, db);
    {
        store::Database o(db);
        o.exec("DROP TABLE search_terms; UPDATE meta SET value='1' WHERE key='format'; CREATE TABLE "
               "terms(occ INTEGER NOT NULL, tier INTEGER NOT NULL, key TEXT NOT NULL, display TEXT NOT NULL, "
               "lang TEXT NOT NULL)");
        store::Transaction tx(o); // one commit, not one per row
        auto ins = o.prepare("INSERT INTO terms VALUES(?,?,?,?,?)");
        for (const Term& t : computeTerms(x.source, Normalizer())) {
            ins.reset();
            ins.bind(1, t.occupation).bind(2, int(t.tier)).bind(3, t.key).bind(4, t.display);
            ins.bind(5, langCode(t.lang)).run();
        }
        tx.commit();
    }
    std::string err;
    auto old = loadContentDb(db, err);
    INFO(err);
    REQUIRE(old);
    CHECK(old->terms.size() == x.loaded.terms.size());
    auto n = std::make_shared<Normalizer>();
    SearchIndex a(*old, n), b(x.loaded, n);
    for (const std::string q : {"pro", "ветеринар", "витеринар", "бугалтер", "zzzzzz", "onor kurul"})
        for (Lang l : kLangs) {
            INFO(q);
            CHECK(same(a.search(q, l), b.search(q, l)));
        }
}

TEST_CASE("content db: an unknown format or broken search terms are refused with a reason", "[search]") {
    // Fails when a database of a newer compiler is read as if it were this one's, or a damaged terms blob
    // is loaded (or crashes the kiosk).
    const Compiled& x = compiled();
    test::TempDir d;
    auto variant = [&](const std::string& name, const std::string& sql) {
        const std::string db = d.str() + "/" + name;
        std::filesystem::copy_file(x.db, db);
        store::Database(db).exec(sql);
        return db;
    };
    std::string err;
    CHECK_FALSE(loadContentDb(variant("newer.sqlite", "UPDATE meta SET value='3' WHERE key='format'"), err));
    CHECK_THAT(err, Catch::Contains("content format \"3\"") && Catch::Contains("kiosk-content"));
    CHECK_FALSE(
        loadContentDb(variant("cut.sqlite", "UPDATE search_terms SET data=substr(data, 1, 5000)"), err));
    CHECK_THAT(err, Catch::Contains("bad search term"));
    CHECK_FALSE(loadContentDb(variant("none.sqlite", "DELETE FROM search_terms"), err));
    CHECK_THAT(err, Catch::Contains("no search terms"));
}

TEST_CASE("content codec: terms round-trip and a damaged blob is refused", "[search]") {
    // Fails when a field is written or read at the wrong width, or a bad blob is read past its end.
    std::vector<StoredTerm> t = {{0, 3, "programmist", "Программист", Lang::ru},
                                 {299, 0, std::string(300, 'k'), "", Lang::ky},
                                 {1, 2, "", std::string(200, 'x'), Lang::ru}};
    const std::string blob = detail::encodeTerms(t);
    const auto back = detail::decodeTerms(blob, 300);
    REQUIRE(back.size() == t.size());
    for (size_t i = 0; i < t.size(); ++i) {
        CHECK(back[i].occupation == t[i].occupation);
        CHECK(back[i].tier == t[i].tier);
        CHECK(back[i].key == t[i].key);
        CHECK(back[i].display == t[i].display);
        CHECK(back[i].lang == t[i].lang);
    }
    CHECK_THROWS_WITH(detail::decodeTerms(blob, 299), "bad search term"); // occupation 299 out of range
    for (size_t cut = 0; cut < blob.size(); ++cut)
        CHECK_THROWS_WITH(detail::decodeTerms(blob.substr(0, cut), 300), "bad search term");
    CHECK_THROWS_WITH(detail::decodeTerms(blob + "x", 300), "bad search term");
    std::string badTier = detail::encodeTerms({{0, 4, "a", "a", Lang::ky}});
    CHECK_THROWS_WITH(detail::decodeTerms(badTier, 1), "bad search term");
}

TEST_CASE("content codec: string arrays read as nlohmann::json reads them, or refused as it refuses them",
          "[search]") {
    // Fails when the direct reading of the compiler's arrays takes an escape, a space, a control character
    // or a broken UTF-8 sequence differently from the JSON parser.
    for (const std::string s : {"[]",
                                "[\"\"]",
                                "[\"a\",\"b\"]",
                                "[\"Программист\",\"ашпозчу\"]",
                                "[\"say \\\"hi\\\"\"]",
                                "[\"back\\\\slash\"]",
                                "[\"\\u0430\"]",
                                "[ \"a\" ]",
                                "[\"a\", \"b\"]",
                                "[\"a\",]",
                                "[\"a\"",
                                "[\"a\"]x",
                                "[\"a\"] ",
                                "[1]",
                                "[\"a\",1]",
                                "{}",
                                "",
                                "[",
                                "\"a\"",
                                "[\"\x01\"]",
                                "[\"\xD0\"]",
                                "[\"\xC0\xAF\"]",
                                "[\"\xED\xA0\x80\"]",
                                "[\"\xEF\xBF\xBD\"]",
                                "[\"tab\there\"]",
                                "[[\"a\"]]"}) {
        INFO("input: " << s);
        std::vector<std::string> want;
        bool wantThrow = false;
        try {
            want = nlohmann::json::parse(s).get<std::vector<std::string>>();
        } catch (const std::exception&) {
            wantThrow = true;
        }
        if (wantThrow) {
            CHECK_THROWS(detail::parseStringArray(s));
        } else {
            CHECK(detail::parseStringArray(s) == want);
        }
    }
}
