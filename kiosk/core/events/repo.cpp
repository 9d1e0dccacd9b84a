#include "events/repo.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "l10n/catalog.hpp"
#include "store/repo.hpp"

namespace kesip::events {

using l10n::K;

namespace {
const char* kColumns = "SELECT e.id, e.kind, e.title_ky, e.title_ru, e.organiser, e.start_date, e.end_date, "
                       "e.place, e.oblast, e.text_ky, e.text_ru, e.source FROM events e ";

Event readEvent(store::Statement& s) {
    Event e;
    e.id = s.getInt(0);
    e.kind = s.getText(1);
    e.title = {s.getText(2), s.getText(3)};
    e.organiser = s.getText(4);
    e.start = s.getText(5);
    e.end = s.getText(6);
    e.place = s.getText(7);
    e.oblast = s.getText(8);
    e.text = {s.getText(9), s.getText(10)};
    e.source = s.getText(11);
    return e;
}

std::string auditDetail(const Event& e) {
    return "id=" + std::to_string(e.id) + " kind=" + e.kind + " start=" + e.start + " end=" + e.end +
           " oblast=" + e.oblast;
}
} // namespace

namespace {
store::Statement& cached(std::optional<store::Statement>& st, store::Database& db, const char* sql) {
    if (!st) st.emplace(db.prepare(sql));
    st->reset();
    return *st;
}
} // namespace

void EventRepo::loadLinks(Event& e) {
    auto& s = cached(links_, db_, "SELECT kind, target FROM event_links WHERE event_id=? ORDER BY pos");
    s.bind(1, e.id);
    while (s.step()) (s.getText(0) == "field" ? e.fields : e.occupations).push_back(s.getText(1));
    s.reset();
}

std::vector<Event> EventRepo::query(const std::string& where, const std::vector<std::string>& binds,
                                    const std::string& orderFirst, const std::vector<std::string>& orderBinds,
                                    size_t limit) {
    std::string sql = kColumns + ("WHERE " + where) + " ORDER BY ";
    if (!orderFirst.empty()) sql += orderFirst + ", ";
    sql += "e.start_date, e.end_date, e.id";
    if (limit) sql += " LIMIT " + std::to_string(limit);
    auto s = db_.prepare(sql);
    int i = 1;
    for (const auto& b : binds) s.bind(i++, b);
    for (const auto& b : orderBinds) s.bind(i++, b);
    std::vector<Event> out;
    while (s.step()) out.push_back(readEvent(s));
    for (Event& e : out) loadLinks(e);
    return out;
}

std::optional<Event> EventRepo::get(int64_t id) {
    auto s = db_.prepare(std::string(kColumns) + "WHERE e.id=?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    Event e = readEvent(s);
    loadLinks(e);
    return e;
}

std::optional<Event> EventRepo::byMatchKey(const std::string& key) {
    static const std::string sql = std::string(kColumns) + "WHERE e.match_key=?";
    auto& s = cached(byKey_, db_, sql.c_str());
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    Event e = readEvent(s);
    s.reset();
    loadLinks(e);
    return e;
}

std::vector<Event> EventRepo::list(bool includePast) {
    return includePast ? query("1", {}, "", {}, 0) : query("e.end_date >= ?", {today()}, "", {}, 0);
}

std::vector<Event> EventRepo::coming(const EventFilter& f, size_t limit, const std::string& oblastFirst) {
    std::string where = "e.end_date >= ?";
    std::vector<std::string> binds = {today()};
    if (!f.oblast.empty()) {
        where += " AND e.oblast = ?";
        binds.push_back(f.oblast);
    }
    if (!f.kind.empty()) {
        where += " AND e.kind = ?";
        binds.push_back(f.kind);
    }
    for (const auto& [kind, target] : {std::pair<const char*, std::string>{"field", f.field},
                                       std::pair<const char*, std::string>{"occupation", f.occupation}}) {
        if (target.empty()) continue;
        where +=
            std::string(" AND EXISTS(SELECT 1 FROM event_links l WHERE l.event_id = e.id AND l.kind = '") +
            kind + "' AND l.target = ?)";
        binds.push_back(target);
    }
    return query(where, binds, "(e.oblast = ?) DESC", {oblastFirst}, limit);
}

std::vector<Event> EventRepo::forHome(const std::string& visitorOblast, size_t limit) {
    return coming({}, limit, visitorOblast);
}

std::vector<Event> EventRepo::forField(const LinkVocabulary& v, const std::string& fieldId,
                                       const std::string& visitorOblast, size_t limit) {
    const std::string occs = nlohmann::json(v.occupationsOf(fieldId)).dump();
    return query("e.end_date >= ? AND EXISTS(SELECT 1 FROM event_links l WHERE l.event_id = e.id AND "
                 "((l.kind = 'field' AND l.target = ?) OR "
                 "(l.kind = 'occupation' AND l.target IN (SELECT value FROM json_each(?)))))",
                 {today(), fieldId, occs}, "(e.oblast = ?) DESC", {visitorOblast}, limit);
}

std::vector<Event> EventRepo::forOccupation(const LinkVocabulary& v, const std::string& occupationId,
                                            const std::string& visitorOblast, size_t limit) {
    const std::string field = v.fieldOf(occupationId);
    return query("e.end_date >= ? AND EXISTS(SELECT 1 FROM event_links l WHERE l.event_id = e.id AND "
                 "((l.kind = 'occupation' AND l.target = ?) OR (l.kind = 'field' AND l.target = ?)))",
                 {today(), occupationId, field},
                 "EXISTS(SELECT 1 FROM event_links l WHERE l.event_id = e.id AND l.kind = 'occupation' AND "
                 "l.target = ?) DESC, (e.oblast = ?) DESC",
                 {occupationId, visitorOblast}, limit);
}

std::optional<TrialSeed> EventRepo::trialOf(int64_t id, const LinkVocabulary& v) {
    auto e = get(id);
    if (!e) return std::nullopt;
    TrialSeed t;
    t.eventId = e->id;
    t.kind = e->kind;
    t.month = e->start.substr(0, 7);
    if (!e->occupations.empty()) t.occupation = e->occupations.front();
    t.field = !e->fields.empty() ? e->fields.front() : v.fieldOf(t.occupation);
    t.title = {e->titleIn(Lang::ky), e->titleIn(Lang::ru)};
    return t;
}

int64_t EventRepo::write(const Event& e, int64_t existingId, const char* source) {
    auto& s = existingId
                  ? cached(update_, db_,
                           "UPDATE events SET kind=?1, title_ky=?2, title_ru=?3, organiser=?4, "
                           "start_date=?5, end_date=?6, place=?7, oblast=?8, text_ky=?9, text_ru=?10, "
                           "match_key=?11, source=?12, updated_at=?13 WHERE id=?14")
                  : cached(insert_, db_,
                           "INSERT INTO events(kind, title_ky, title_ru, organiser, start_date, end_date, "
                           "place, oblast, text_ky, text_ru, match_key, source, updated_at) "
                           "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
    s.bind(1, e.kind)
        .bind(2, e.title.ky)
        .bind(3, e.title.ru)
        .bind(4, e.organiser)
        .bind(5, e.start)
        .bind(6, e.end)
        .bind(7, e.place)
        .bind(8, e.oblast)
        .bind(9, e.text.ky)
        .bind(10, e.text.ru)
        .bind(11, matchKey(e))
        .bind(12, source)
        .bind(13, clock_.wallMs());
    if (existingId) s.bind(14, existingId);
    s.run();
    const int64_t id = existingId ? existingId : db_.lastInsertRowid();
    if (existingId) cached(dropLinks_, db_, "DELETE FROM event_links WHERE event_id=?").bind(1, id).run();
    auto& link =
        cached(addLink_, db_, "INSERT INTO event_links(event_id, kind, target, pos) VALUES(?,?,?,?)");
    int pos = 0;
    for (const auto& [kind, ids] :
         {std::pair<const char*, const std::vector<std::string>*>{"field", &e.fields},
          {"occupation", &e.occupations}})
        for (const auto& target : *ids) {
            link.reset();
            link.bind(1, id).bind(2, kind).bind(3, target).bind(4, pos++).run();
        }
    return id;
}

EventRepo::Saved EventRepo::save(int64_t id, Event e, const LinkVocabulary& v, const char* actor) {
    Saved r;
    r.issues = normaliseEvent(e, v);
    const std::string day = today();
    if (r.issues.empty() && isOver(e, day)) r.issues.push_back({0, K("events_err_past"), "end", e.end, 0});
    if (r.issues.empty() && tooFarAhead(e, day))
        r.issues.push_back({0, K("events_err_too_far"), "start", e.start, 0});
    if (!r.issues.empty()) return r;
    store::Transaction tx(db_);
    if (id && !get(id)) {
        r.issues.push_back({0, K("events_err_not_found")});
        return r;
    }
    if (auto same = byMatchKey(matchKey(e)); same && same->id != id) {
        r.issues.push_back({0, K("events_err_exists")});
        return r;
    }
    e.id = write(e, id, "staff");
    store::audit(db_, clock_, actor, id ? "event_edit" : "event_add", auditDetail(e));
    tx.commit();
    r.id = e.id;
    return r;
}

EventRepo::Saved EventRepo::add(Event e, const LinkVocabulary& v, const char* actor) {
    return save(0, std::move(e), v, actor);
}

EventRepo::Saved EventRepo::update(int64_t id, Event e, const LinkVocabulary& v, const char* actor) {
    if (id <= 0) return {0, {{0, K("events_err_not_found")}}};
    return save(id, std::move(e), v, actor);
}

bool EventRepo::remove(int64_t id, const char* actor) {
    store::Transaction tx(db_);
    auto e = get(id);
    if (!e) return false;
    db_.prepare("DELETE FROM event_links WHERE event_id=?").bind(1, id).run();
    db_.prepare("DELETE FROM events WHERE id=?").bind(1, id).run();
    store::audit(db_, clock_, actor, "event_delete", auditDetail(*e));
    tx.commit();
    return true;
}

} // namespace kesip::events
