#include <ctime>

#include "diary/store.hpp"
#include "store/repo.hpp"

namespace kesip::diary {

using store::Transaction;

void DiaryStore::forget(const std::string& diaryId) {
    db_.exec("PRAGMA foreign_keys=ON"); // the cascade is what removes the rest; never run without it
    Transaction tx(db_);
    db_.prepare("DELETE FROM diary_locks WHERE code IN (SELECT code FROM diaries WHERE id=?)")
        .bind(1, diaryId)
        .run();
    db_.prepare("DELETE FROM diaries WHERE id=?").bind(1, diaryId).run();
    tx.commit();
}

int DiaryStore::purgeUnused(int months) {
    const int64_t now = clock_.wallMs();
    // The cutoff in calendar months of local time: 12 months before 31 March is 31 March a year ago.
    std::time_t t = std::time_t(now / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    tm.tm_mon -= months;
    tm.tm_isdst = -1;
    const int64_t cutoff = int64_t(std::mktime(&tm)) * 1000;
    db_.exec("PRAGMA foreign_keys=ON");
    Transaction tx(db_);
    db_.prepare("DELETE FROM diary_locks WHERE code IN (SELECT code FROM diaries WHERE last_used_at < ?)")
        .bind(1, cutoff)
        .run();
    db_.prepare("DELETE FROM diaries WHERE last_used_at < ?").bind(1, cutoff).run();
    const int n = db_.changes();
    // Wrong-PIN counters of codes nobody tried for 30 days and not locked now.
    db_.prepare("DELETE FROM diary_locks WHERE updated_at < ? AND locked_until < ?")
        .bind(1, now - int64_t(30) * 86'400'000)
        .bind(2, now)
        .run();
    if (n > 0) store::audit(db_, clock_, "system", "diary_purge", std::to_string(n));
    tx.commit();
    return n;
}

} // namespace kesip::diary
