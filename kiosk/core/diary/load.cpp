#include <map>

#include "diary/store.hpp"

namespace kesip::diary {

namespace {
std::vector<std::string> splitCodes(const std::string& s) {
    std::vector<std::string> out;
    size_t a = 0;
    while (a < s.size()) {
        size_t b = s.find(',', a);
        if (b == std::string::npos) b = s.size();
        if (b > a) out.push_back(s.substr(a, b - a));
        a = b + 1;
    }
    return out;
}
} // namespace

std::optional<Diary> DiaryStore::load(const std::string& diaryId) {
    Diary d;
    {
        auto s = db_.prepare("SELECT id, code, lang, created_at, last_used_at FROM diaries WHERE id=?");
        s.bind(1, diaryId);
        if (!s.step()) return std::nullopt;
        d.id = s.getText(0);
        d.code = s.getText(1);
        d.lang = s.getText(2);
        d.createdAt = s.getInt(3);
        d.lastUsedAt = s.getInt(4);
    }
    {
        std::map<int64_t, size_t> byId;
        auto v = db_.prepare(
            "SELECT id, opened_at, is_return FROM diary_visits WHERE diary_id=? ORDER BY opened_at, id");
        v.bind(1, diaryId);
        while (v.step()) {
            byId[v.getInt(0)] = d.visits.size();
            d.visits.push_back({v.getInt(1), v.getInt(2) != 0, {}});
        }
        auto t = db_.prepare(
            "SELECT t.visit_id, t.instrument, t.version, t.completed_at, t.flags FROM diary_tests t "
            "JOIN diary_visits v ON v.id = t.visit_id WHERE v.diary_id=? "
            "ORDER BY t.completed_at, t.instrument");
        t.bind(1, diaryId);
        auto sc = db_.prepare(
            "SELECT scale, percent FROM diary_scores WHERE visit_id=? AND instrument=? ORDER BY scale");
        while (t.step()) {
            TestSnapshot snap{t.getText(1), int(t.getInt(2)), t.getInt(3), unsigned(t.getInt(4)), {}};
            sc.reset();
            sc.bind(1, t.getInt(0)).bind(2, snap.instrument);
            while (sc.step()) snap.scales.push_back({sc.getText(0), sc.getDouble(1)});
            d.visits[byId[t.getInt(0)]].tests.push_back(std::move(snap));
        }
    }
    {
        auto s = db_.prepare("SELECT occupation, source, saved_at FROM diary_saved WHERE diary_id=? ORDER BY "
                             "saved_at, occupation");
        s.bind(1, diaryId);
        while (s.step()) d.saved.push_back({s.getText(0), s.getText(1), s.getInt(2)});
        auto p = db_.prepare("SELECT path FROM diary_paths WHERE diary_id=? ORDER BY seen_at, path");
        p.bind(1, diaryId);
        while (p.step()) d.paths.push_back(p.getText(0));
    }
    {
        auto s = db_.prepare(
            "SELECT id, type, month, coalesce(field,''), coalesce(occupation,''), liked, disliked, "
            "coalesce(again,''), coalesce(note,''), created_at, planned FROM diary_trials WHERE diary_id=? "
            "ORDER BY created_at, id");
        s.bind(1, diaryId);
        while (s.step()) {
            Trial t;
            t.id = s.getInt(0);
            t.type = s.getText(1);
            t.month = s.getText(2);
            t.field = s.getText(3);
            t.occupation = s.getText(4);
            t.liked = splitCodes(s.getText(5));
            t.disliked = splitCodes(s.getText(6));
            t.again = s.getText(7);
            t.note = s.getText(8);
            t.createdAt = s.getInt(9);
            t.planned = s.getInt(10) != 0;
            d.trials.push_back(std::move(t));
        }
    }
    {
        auto s = db_.prepare("SELECT item, yes FROM diary_ready WHERE diary_id=?");
        s.bind(1, diaryId);
        while (s.step()) d.ready[s.getText(0)] = s.getInt(1) != 0;
    }
    {
        auto s =
            db_.prepare("SELECT id, made_at, choice, coalesce(plan_b,''), route, coalesce(institution,'') "
                        "FROM diary_decisions WHERE diary_id=? ORDER BY made_at DESC, id DESC");
        s.bind(1, diaryId);
        auto st = db_.prepare("SELECT step, month, done FROM diary_steps WHERE decision_id=? ORDER BY seq");
        while (s.step()) {
            Decision dec{s.getInt(0),  s.getInt(1), s.getText(2), s.getText(3), s.getText(4),
                         s.getText(5), {}};
            st.reset();
            st.bind(1, dec.id);
            while (st.step()) dec.steps.push_back({st.getText(0), st.getText(1), st.getInt(2) != 0});
            if (!d.decision)
                d.decision = std::move(dec);
            else
                d.earlier.push_back(std::move(dec));
        }
    }
    {
        auto s = db_.prepare("SELECT at, choices FROM diary_notes WHERE diary_id=? ORDER BY at, id");
        s.bind(1, diaryId);
        while (s.step()) d.notes.push_back({s.getInt(0), splitCodes(s.getText(1))});
    }
    return d;
}

} // namespace kesip::diary
