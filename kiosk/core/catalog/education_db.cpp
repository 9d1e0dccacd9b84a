// occupation_limits, institutions, programmes: added to the content database after its first format.
// They are new tables (the occupations table keeps its columns), so a kiosk that does not know them still
// opens a new content pack, and this code opens an old one.
#include <nlohmann/json.hpp>

#include "catalog/education_db.hpp"

namespace kesip::catalog::detail {

using nlohmann::json;
using store::Database;

namespace {

const char* kEducationSchema = R"sql(
CREATE TABLE occupation_limits(id TEXT PRIMARY KEY REFERENCES occupations(id), min_age INTEGER,
  age_note_ky TEXT, age_note_ru TEXT, requires_ky TEXT, requires_ru TEXT);
CREATE TABLE institutions(ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name_ky TEXT NOT NULL,
  name_ru TEXT NOT NULL, kind TEXT NOT NULL, oblast TEXT NOT NULL, town_ky TEXT NOT NULL, town_ru TEXT NOT NULL,
  ownership TEXT NOT NULL, languages TEXT NOT NULL, address_ky TEXT, address_ru TEXT, source TEXT NOT NULL,
  checked TEXT NOT NULL);
CREATE TABLE programmes(ord INTEGER PRIMARY KEY, institution TEXT NOT NULL REFERENCES institutions(id),
  occupations TEXT NOT NULL, isco TEXT NOT NULL, entry TEXT NOT NULL, min_months INTEGER NOT NULL,
  max_months INTEGER NOT NULL, state_funded TEXT NOT NULL, ort INTEGER NOT NULL, min_age INTEGER NOT NULL,
  source TEXT NOT NULL, checked TEXT NOT NULL);
)sql";

void hashRow(crypto_generichash_state& h, const std::string& row) {
    crypto_generichash_update(&h, reinterpret_cast<const unsigned char*>(row.data()), row.size());
}

void bindText2(store::Statement& s, int col, const std::optional<Text2>& t) {
    if (t)
        s.bind(col, t->ky).bind(col + 1, t->ru);
    else
        s.bindNull(col).bindNull(col + 1);
}

std::optional<Text2> getText2(const store::Statement& s, int col) {
    if (s.isNull(col)) return std::nullopt;
    return Text2{s.getText(col), s.getText(col + 1)};
}

bool hasTable(Database& db, const char* name) {
    auto s = db.prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?");
    s.bind(1, name);
    return s.step() && s.getInt(0) > 0;
}

} // namespace

void writeEducationTables(Database& db, const Content& c, crypto_generichash_state& h) {
    db.exec(kEducationSchema);
    auto l = db.prepare("INSERT INTO occupation_limits VALUES(?,?,?,?,?,?)");
    for (const Occupation& o : c.occupations) {
        if (!o.minAge && !o.ageNote && !o.requirement) continue;
        l.reset();
        l.bind(1, o.id);
        if (o.minAge)
            l.bind(2, o.minAge);
        else
            l.bindNull(2);
        bindText2(l, 3, o.ageNote);
        bindText2(l, 5, o.requirement);
        l.run();
        const auto txt = [](const std::optional<Text2>& t) { return t ? t->ky + t->ru : std::string(); };
        hashRow(h, o.id + std::to_string(o.minAge) + txt(o.ageNote) + txt(o.requirement));
    }
    auto in = db.prepare("INSERT INTO institutions VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (size_t i = 0; i < c.institutions.size(); ++i) {
        const Institution& x = c.institutions[i];
        const std::string langs = json(x.languages).dump();
        in.reset();
        in.bind(1, int64_t(i)).bind(2, x.id).bind(3, x.name.ky).bind(4, x.name.ru).bind(5, x.kind);
        in.bind(6, x.oblast).bind(7, x.town.ky).bind(8, x.town.ru).bind(9, x.ownership).bind(10, langs);
        bindText2(in, 11, x.address);
        in.bind(13, x.source).bind(14, x.checked).run();
        hashRow(h, x.id + x.name.ky + x.name.ru + x.kind + x.oblast + x.town.ky + x.ownership + langs +
                       (x.address ? x.address->ky : "") + x.source + x.checked);
    }
    auto p = db.prepare("INSERT INTO programmes VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    for (size_t i = 0; i < c.programmes.size(); ++i) {
        const Programme& x = c.programmes[i];
        const std::string inst = c.institutions.at(size_t(x.institution)).id;
        const std::string occ = json(x.occupations).dump(), isco = json(x.isco).dump();
        p.reset();
        p.bind(1, int64_t(i)).bind(2, inst).bind(3, occ).bind(4, isco).bind(5, x.entry);
        p.bind(6, x.minMonths).bind(7, x.maxMonths).bind(8, x.stateFunded).bind(9, int(x.ort));
        p.bind(10, x.minAge).bind(11, x.source).bind(12, x.checked).run();
        hashRow(h, inst + occ + isco + x.entry + std::to_string(x.minMonths) + std::to_string(x.maxMonths) +
                       x.stateFunded + std::to_string(x.ort) + std::to_string(x.minAge) + x.source +
                       x.checked);
    }
}

void loadEducationTables(Database& db, Content& c) {
    if (hasTable(db, "occupation_limits")) {
        auto l = db.prepare("SELECT id, min_age, age_note_ky, age_note_ru, requires_ky, requires_ru "
                            "FROM occupation_limits");
        while (l.step()) {
            const int oi = c.occupationIndex(l.getText(0));
            if (oi < 0) throw std::runtime_error("age limits for an unknown occupation");
            Occupation& o = c.occupations[size_t(oi)];
            o.minAge = l.isNull(1) ? 0 : int(l.getInt(1));
            if (o.minAge && (o.minAge < 14 || o.minAge > 25)) throw std::runtime_error("bad min_age");
            o.ageNote = getText2(l, 2);
            o.requirement = getText2(l, 4);
        }
    }
    if (hasTable(db, "institutions")) {
        auto s =
            db.prepare("SELECT id, name_ky, name_ru, kind, oblast, town_ky, town_ru, ownership, languages, "
                       "address_ky, address_ru, source, checked FROM institutions ORDER BY ord");
        while (s.step()) {
            Institution x;
            x.id = s.getText(0);
            x.name = {s.getText(1), s.getText(2)};
            x.kind = s.getText(3);
            x.oblast = s.getText(4);
            x.town = {s.getText(5), s.getText(6)};
            x.ownership = s.getText(7);
            x.languages = json::parse(s.getText(8)).get<std::vector<std::string>>();
            x.address = getText2(s, 9);
            x.source = s.getText(11);
            x.checked = s.getText(12);
            c.institutions.push_back(std::move(x));
        }
    }
    if (hasTable(db, "programmes")) {
        auto s =
            db.prepare("SELECT institution, occupations, isco, entry, min_months, max_months, state_funded, "
                       "ort, min_age, source, checked FROM programmes ORDER BY ord");
        while (s.step()) {
            Programme x;
            x.institution = c.institutionIndex(s.getText(0));
            if (x.institution < 0) throw std::runtime_error("programme of an unknown institution");
            x.occupations = json::parse(s.getText(1)).get<std::vector<std::string>>();
            x.isco = json::parse(s.getText(2)).get<std::vector<std::string>>();
            x.entry = s.getText(3);
            x.minMonths = int(s.getInt(4));
            x.maxMonths = int(s.getInt(5));
            x.stateFunded = s.getText(6);
            x.ort = s.getInt(7) != 0;
            x.minAge = int(s.getInt(8));
            x.source = s.getText(9);
            x.checked = s.getText(10);
            c.programmes.push_back(std::move(x));
        }
    }
}

} // namespace kesip::catalog::detail
