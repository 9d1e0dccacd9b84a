// Compiled content database: what the kiosk opens read-only at run time.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include "catalog/content.hpp"
#include "catalog/content_codec.hpp"
#include "catalog/education_db.hpp"
#include "catalog/guide.hpp"
#include "catalog/search.hpp"
#include "store/db.hpp"

namespace kesip::catalog {

using nlohmann::json;
using store::Database;

namespace {

// 2: the search terms in one blob (search_terms), sorted by key. 1 (a row per term in `terms`) is still
// read: a pack installed before this kiosk was updated keeps working.
constexpr int kFormat = 2;

const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE fields(ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, icon INTEGER NOT NULL, riasec TEXT NOT NULL,
  name_ky TEXT NOT NULL, name_ru TEXT NOT NULL, desc_ky TEXT NOT NULL, desc_ru TEXT NOT NULL);
CREATE TABLE occupations(ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, isco TEXT NOT NULL, riasec TEXT NOT NULL,
  field TEXT NOT NULL REFERENCES fields(id),
  title_ky TEXT NOT NULL, title_ru TEXT NOT NULL, description_ky TEXT NOT NULL, description_ru TEXT NOT NULL,
  environment_ky TEXT NOT NULL, environment_ru TEXT NOT NULL, outlook_ky TEXT NOT NULL, outlook_ru TEXT NOT NULL,
  abroad_ky TEXT, abroad_ru TEXT,
  synonyms_ky TEXT NOT NULL, synonyms_ru TEXT NOT NULL, tasks_ky TEXT NOT NULL, tasks_ru TEXT NOT NULL,
  competences TEXT NOT NULL, education TEXT NOT NULL, related TEXT NOT NULL);
CREATE TABLE search_terms(data BLOB NOT NULL);
)sql";

std::string js(const std::vector<std::string>& v) {
    return json(v).dump();
}
std::vector<std::string> unjs(const std::string& s) {
    return detail::parseStringArray(s);
}

} // namespace

bool writeContentDb(const Content& c, const std::string& path, std::string& error) {
    const std::string tmp = path + ".tmp";
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    try {
        {
            Database db(tmp);
            db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF");
            db.exec(kSchema);
            store::Transaction tx(db);
            auto f = db.prepare("INSERT INTO fields VALUES(?,?,?,?,?,?,?,?)");
            for (size_t i = 0; i < c.fields.size(); ++i) {
                const Field& x = c.fields[i];
                f.reset();
                f.bind(1, int64_t(i))
                    .bind(2, x.id)
                    .bind(3, int64_t(x.icon))
                    .bind(4, x.riasec)
                    .bind(5, x.name.ky);
                f.bind(6, x.name.ru).bind(7, x.description.ky).bind(8, x.description.ru).run();
            }
            auto o =
                db.prepare("INSERT INTO occupations VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            crypto_generichash_state h;
            crypto_generichash_init(&h, nullptr, 0, 16);
            for (size_t i = 0; i < c.occupations.size(); ++i) {
                const Occupation& x = c.occupations[i];
                json edu = json::array();
                for (auto& e : x.education) {
                    // entry and ort ride in the same JSON, which older kiosks read without them.
                    json j = {{"path", e.path}, {"months", {e.minMonths, e.maxMonths}}, {"entry", e.entry}};
                    if (e.ort) j["ort"] = true;
                    edu.push_back(j);
                }
                o.reset();
                o.bind(1, int64_t(i)).bind(2, x.id).bind(3, x.isco).bind(4, x.riasec).bind(5, x.field);
                o.bind(6, x.title.ky).bind(7, x.title.ru).bind(8, x.description.ky).bind(9, x.description.ru);
                o.bind(10, x.environment.ky)
                    .bind(11, x.environment.ru)
                    .bind(12, x.outlook.ky)
                    .bind(13, x.outlook.ru);
                if (x.abroad)
                    o.bind(14, x.abroad->ky).bind(15, x.abroad->ru);
                else
                    o.bindNull(14).bindNull(15);
                o.bind(16, js(x.synonymsKy))
                    .bind(17, js(x.synonymsRu))
                    .bind(18, js(x.tasksKy))
                    .bind(19, js(x.tasksRu));
                o.bind(20, js(x.competences)).bind(21, edu.dump()).bind(22, js(x.related)).run();
                const std::string row =
                    x.id + x.title.ky + x.title.ru + x.description.ky + x.description.ru + edu.dump();
                crypto_generichash_update(&h, reinterpret_cast<const unsigned char*>(row.data()), row.size());
            }
            // Search terms: transliteration is done once here, not on the kiosk at start. Sorted by key
            // (stable: a key's terms keep their order), so the kiosk's index needs no sort.
            std::vector<StoredTerm> terms;
            for (const Term& term : computeTerms(c, Normalizer()))
                terms.push_back({term.occupation, int(term.tier), term.key, term.display, term.lang});
            std::stable_sort(terms.begin(), terms.end(),
                             [](const StoredTerm& a, const StoredTerm& b) { return a.key < b.key; });
            db.prepare("INSERT INTO search_terms VALUES(?)").bindBlob(1, detail::encodeTerms(terms)).run();
            detail::writeEducationTables(db, c, h);
            detail::writeGuideTables(db, c, h);
            unsigned char digest[16];
            crypto_generichash_final(&h, digest, sizeof digest);
            char hex[33];
            sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
            auto m = db.prepare("INSERT INTO meta VALUES(?,?)");
            m.bind(1, "format").bind(2, std::to_string(kFormat)).run();
            m.reset();
            m.bind(1, "version").bind(2, hex).run();
            tx.commit();
        }
        std::filesystem::rename(tmp, path);
    } catch (const std::exception& e) {
        error = e.what();
        std::filesystem::remove(tmp, ec);
        return false;
    }
    return true;
}

std::optional<Content> loadContentDb(const std::string& path, std::string& error) {
    if (!std::filesystem::exists(path)) {
        error = path + ": missing";
        return std::nullopt;
    }
    try {
        Database db(path, Database::Mode::ReadOnly);
        if (db.queryText("PRAGMA quick_check") != "ok") throw std::runtime_error("integrity check failed");
        const std::string format = db.queryText("SELECT value FROM meta WHERE key='format'");
        if (format != "1" && format != std::to_string(kFormat))
            throw std::runtime_error("content format \"" + format + "\" is not one this kiosk reads (1 to " +
                                     std::to_string(kFormat) +
                                     "): compile it with this version's kiosk-content");
        Content c;
        c.version = db.queryText("SELECT value FROM meta WHERE key='version'");
        auto f = db.prepare(
            "SELECT id, icon, riasec, name_ky, name_ru, desc_ky, desc_ru FROM fields ORDER BY ord");
        while (f.step())
            c.fields.push_back({f.getText(0),
                                uint32_t(f.getInt(1)),
                                f.getText(2),
                                {f.getText(3), f.getText(4)},
                                {f.getText(5), f.getText(6)}});
        auto o = db.prepare("SELECT * FROM occupations ORDER BY ord");
        while (o.step()) {
            Occupation x;
            x.id = o.getText(1);
            x.isco = o.getText(2);
            x.riasec = o.getText(3);
            x.field = o.getText(4);
            x.title = {o.getText(5), o.getText(6)};
            x.description = {o.getText(7), o.getText(8)};
            x.environment = {o.getText(9), o.getText(10)};
            x.outlook = {o.getText(11), o.getText(12)};
            if (!o.isNull(13)) x.abroad = Text2{o.getText(13), o.getText(14)};
            x.synonymsKy = unjs(o.getText(15));
            x.synonymsRu = unjs(o.getText(16));
            x.tasksKy = unjs(o.getText(17));
            x.tasksRu = unjs(o.getText(18));
            x.competences = unjs(o.getText(19));
            for (const auto& e : json::parse(o.getText(20)))
                x.education.push_back({e.at("path").get<std::string>(), e.at("months").at(0).get<int>(),
                                       e.at("months").at(1).get<int>(), e.value("entry", ""),
                                       e.value("ort", false)});
            x.related = unjs(o.getText(21));
            c.occupations.push_back(std::move(x));
        }
        if (format == "1") {
            auto t = db.prepare("SELECT occ, tier, key, display, lang FROM terms ORDER BY rowid");
            while (t.step())
                c.terms.push_back({int(t.getInt(0)), int(t.getInt(1)), t.getText(2), t.getText(3),
                                   t.getText(4) == "ky" ? Lang::ky : Lang::ru});
        } else {
            auto t = db.prepare("SELECT data FROM search_terms");
            if (!t.step()) throw std::runtime_error("no search terms");
            c.terms = detail::decodeTerms(t.getBlob(0), c.occupations.size());
        }
        detail::loadEducationTables(db, c);
        detail::loadGuideTables(db, c);
        if (c.fields.empty() || c.occupations.empty()) throw std::runtime_error("no content");
        for (const auto& term : c.terms)
            if (term.occupation < 0 || size_t(term.occupation) >= c.occupations.size() || term.tier < 0 ||
                term.tier > 3)
                throw std::runtime_error("bad search term");
        return c;
    } catch (const std::exception& e) {
        error = path + ": " + e.what();
        return std::nullopt;
    }
}

} // namespace kesip::catalog
