// guide_pages, guide_facts: "Getting a job" in the content database. New tables (like the education ones), so
// a kiosk that does not know them still opens a new content pack, and this code opens an old one.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/guide.hpp"

namespace kesip::catalog::detail {

using nlohmann::json;
using store::Database;

namespace {

const char* kGuideSchema = R"sql(
CREATE TABLE guide_pages(ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title_ky TEXT NOT NULL,
  title_ru TEXT NOT NULL, sections TEXT NOT NULL);
CREATE TABLE guide_facts(page TEXT NOT NULL REFERENCES guide_pages(id), ord INTEGER NOT NULL,
  id TEXT NOT NULL UNIQUE, statement_ky TEXT NOT NULL, statement_ru TEXT NOT NULL, source_ky TEXT NOT NULL,
  source_ru TEXT NOT NULL, links TEXT NOT NULL, checked TEXT NOT NULL, PRIMARY KEY(page, ord));
)sql";

json text2(const Text2& t) {
    return {t.ky, t.ru};
}
Text2 untext2(const json& j) {
    return {j.at(0).get<std::string>(), j.at(1).get<std::string>()};
}

// Sections ride in one JSON column: they are read whole, with their page, and never queried.
json sectionsJson(const GuidePage& p) {
    json out = json::array();
    for (const GuideSection& s : p.sections)
        out.push_back({{"heading", text2(s.heading)},
                       {"text", text2(s.text)},
                       {"bullets_ky", s.bulletsKy},
                       {"bullets_ru", s.bulletsRu},
                       {"facts", s.facts}});
    return out;
}

void hashRow(crypto_generichash_state& h, const std::string& row) {
    crypto_generichash_update(&h, reinterpret_cast<const unsigned char*>(row.data()), row.size());
}

bool hasTable(Database& db, const char* name) {
    auto s = db.prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?");
    s.bind(1, name);
    return s.step() && s.getInt(0) > 0;
}

} // namespace

void writeGuideTables(Database& db, const Content& c, crypto_generichash_state& h) {
    db.exec(kGuideSchema);
    auto pg = db.prepare("INSERT INTO guide_pages VALUES(?,?,?,?,?)");
    auto ft = db.prepare("INSERT INTO guide_facts VALUES(?,?,?,?,?,?,?,?,?)");
    for (size_t i = 0; i < c.guide.size(); ++i) {
        const GuidePage& p = c.guide[i];
        const std::string sections = sectionsJson(p).dump();
        pg.reset();
        pg.bind(1, int64_t(i)).bind(2, p.id).bind(3, p.title.ky).bind(4, p.title.ru).bind(5, sections).run();
        hashRow(h, p.id + p.title.ky + p.title.ru + sections);
        for (size_t k = 0; k < p.facts.size(); ++k) {
            const GuideFact& f = p.facts[k];
            const std::string links = json(f.links).dump();
            ft.reset();
            ft.bind(1, p.id)
                .bind(2, int64_t(k))
                .bind(3, f.id)
                .bind(4, f.statement.ky)
                .bind(5, f.statement.ru);
            ft.bind(6, f.source.ky).bind(7, f.source.ru).bind(8, links).bind(9, f.checked).run();
            hashRow(h,
                    f.id + f.statement.ky + f.statement.ru + f.source.ky + f.source.ru + links + f.checked);
        }
    }
}

void loadGuideTables(Database& db, Content& c) {
    if (!hasTable(db, "guide_pages")) return; // compiled before the guide: nothing to show
    auto pg = db.prepare("SELECT id, title_ky, title_ru, sections FROM guide_pages ORDER BY ord");
    while (pg.step()) {
        GuidePage p;
        p.id = pg.getText(0);
        p.title = {pg.getText(1), pg.getText(2)};
        for (const json& s : json::parse(pg.getText(3))) {
            GuideSection x;
            x.heading = untext2(s.at("heading"));
            x.text = untext2(s.at("text"));
            x.bulletsKy = s.at("bullets_ky").get<std::vector<std::string>>();
            x.bulletsRu = s.at("bullets_ru").get<std::vector<std::string>>();
            x.facts = s.at("facts").get<std::vector<std::string>>();
            if (x.bulletsKy.size() != x.bulletsRu.size())
                throw std::runtime_error("guide bullets do not pair");
            p.sections.push_back(std::move(x));
        }
        c.guide.push_back(std::move(p));
    }
    if (!hasTable(db, "guide_facts")) throw std::runtime_error("guide pages without their facts");
    auto ft = db.prepare("SELECT page, id, statement_ky, statement_ru, source_ky, source_ru, links, checked "
                         "FROM guide_facts ORDER BY page, ord");
    while (ft.step()) {
        auto page = std::find_if(c.guide.begin(), c.guide.end(),
                                 [&](const GuidePage& p) { return p.id == ft.getText(0); });
        if (page == c.guide.end()) throw std::runtime_error("a guide fact of an unknown page");
        GuideFact f;
        f.id = ft.getText(1);
        f.statement = {ft.getText(2), ft.getText(3)};
        f.source = {ft.getText(4), ft.getText(5)};
        f.links = json::parse(ft.getText(6)).get<std::vector<std::string>>();
        f.checked = ft.getText(7);
        if (f.source.ky.empty() || f.source.ru.empty() || f.checked.empty())
            throw std::runtime_error("a guide fact without its source");
        page->facts.push_back(std::move(f));
    }
    // A section may only cite facts of its own page.
    for (const GuidePage& p : c.guide)
        for (const GuideSection& s : p.sections)
            for (const std::string& id : s.facts)
                if (std::none_of(p.facts.begin(), p.facts.end(),
                                 [&](const GuideFact& f) { return f.id == id; }))
                    throw std::runtime_error("a guide section cites an unknown fact");
}

} // namespace kesip::catalog::detail
