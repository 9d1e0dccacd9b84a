// Trials of the diary (stage 4): logged as done, or planned ahead and completed on a later visit.
#include <algorithm>

#include "diary/checks.hpp"
#include "diary/store.hpp"
#include "diary/vocab.hpp"
#include "l10n/catalog.hpp"

namespace kesip::diary {

using l10n::K;

namespace {

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
    return s;
}

// Chips from one list: known codes only, each once, at most kMaxChips.
bool cleanChips(const std::vector<std::string>& in, const Choices& list, std::vector<std::string>& out) {
    out.clear();
    for (const auto& c : in) {
        if (!contains(list, c)) return false;
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
    return out.size() <= DiaryStore::kMaxChips;
}

// Checks a trial as planned or done (`planned`) and gives it back cleaned; nullptr or the error key.
const char* checkTrial(const Trial& t, bool planned, int thisMonth, Trial& out) {
    if (!contains(trialTypes(), t.type)) return K("diary_err_trial_type");
    if (!isMonth(t.month)) return K("diary_err_month");
    const int m = monthIndex(t.month);
    if (planned) {
        // Planned: from this month (an event later this month) up to a year ahead.
        if (m < thisMonth || m > thisMonth + DiaryStore::kPlanMonths) return K("diary_err_plan_month");
    } else {
        // Done: not in a future month, and not from before the student's school years.
        if (m > thisMonth) return K("diary_err_month_future");
        if (m < thisMonth - 12 * 6) return K("diary_err_month");
    }
    if (t.field.empty() && t.occupation.empty()) return K("diary_err_trial_what");
    if ((!t.field.empty() && !isContentId(t.field)) || (!t.occupation.empty() && !isContentId(t.occupation)))
        return K("diary_err_trial_what");
    out = t;
    out.planned = planned;
    out.note = trimSpaces(t.note);
    // How it went is told once it has happened: a planned trial holds none of it.
    if (planned && (!t.liked.empty() || !t.disliked.empty() || !t.again.empty() || !out.note.empty()))
        return K("diary_err_plan_feelings");
    if (!cleanChips(t.liked, likedChips(), out.liked) ||
        !cleanChips(t.disliked, dislikedChips(), out.disliked))
        return K("diary_err_chips");
    if (!t.again.empty() && !contains(againAnswers(), t.again)) return K("diary_err_save");
    return checkNote(out.note);
}

std::optional<std::string> opt(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// The trial's own columns (type .. note), bound from parameter `first` on: the same for a new trial and
// for completing a plan.
store::Statement& bindTrial(store::Statement& st, int first, const Trial& t) {
    return st.bind(first, t.type)
        .bind(first + 1, t.month)
        .bind(first + 2, opt(t.field))
        .bind(first + 3, opt(t.occupation))
        .bind(first + 4, join(t.liked))
        .bind(first + 5, join(t.disliked))
        .bind(first + 6, opt(t.again))
        .bind(first + 7, opt(t.note));
}

} // namespace

WriteResult DiaryStore::addTrial(const std::string& diaryId, const Trial& in) {
    Trial t;
    if (const char* bad = checkTrial(in, in.planned, monthIndex(currentMonth(clock_.wallMs())), t))
        return WriteResult::fail(bad);
    store::Transaction tx(db_);
    if (!exists(diaryId)) return WriteResult::fail(K("diary_err_gone"));
    auto ins = db_.prepare(
        "INSERT INTO diary_trials(diary_id, type, month, field, occupation, liked, disliked, again, note, "
        "created_at, planned) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
    bindTrial(ins.bind(1, diaryId), 2, t).bind(10, clock_.wallMs()).bind(11, t.planned ? 1 : 0).run();
    const int64_t id = db_.lastInsertRowid();
    // The export counts trials done; a plan is counted when it is completed (it may never happen).
    if (!t.planned) count("trial:" + t.type);
    touch(diaryId);
    tx.commit();
    return {true, nullptr, id};
}

WriteResult DiaryStore::completeTrial(const std::string& diaryId, int64_t trialId, const Trial& in) {
    Trial t;
    if (const char* bad = checkTrial(in, false, monthIndex(currentMonth(clock_.wallMs())), t))
        return WriteResult::fail(bad);
    store::Transaction tx(db_);
    if (!exists(diaryId)) return WriteResult::fail(K("diary_err_gone"));
    auto up =
        db_.prepare("UPDATE diary_trials SET type=?, month=?, field=?, occupation=?, liked=?, disliked=?, "
                    "again=?, note=?, planned=0 WHERE id=? AND diary_id=? AND planned=1");
    bindTrial(up, 1, t).bind(9, trialId).bind(10, diaryId).run();
    // Not this diary's, removed meanwhile, or completed already (a second tap): nothing counted twice.
    if (db_.changes() != 1) return WriteResult::fail(K("diary_err_save"));
    count("trial:" + t.type);
    touch(diaryId);
    tx.commit();
    return {true, nullptr, trialId};
}

WriteResult DiaryStore::removeTrial(const std::string& diaryId, int64_t trialId) {
    store::Transaction tx(db_);
    if (!exists(diaryId)) return WriteResult::fail(K("diary_err_gone"));
    db_.prepare("DELETE FROM diary_trials WHERE id=? AND diary_id=?").bind(1, trialId).bind(2, diaryId).run();
    touch(diaryId);
    tx.commit();
    return {true, nullptr, 0};
}

} // namespace kesip::diary
