#include "events/import.hpp"

#include <mutex>
#include <thread>

#include "events/repo.hpp"
#include "events/stick_file.hpp"
#include "l10n/catalog.hpp"
#include "store/repo.hpp"

namespace kesip::events {

using l10n::K;

namespace {
bool sameContent(const Event& a, const Event& b) {
    return a.kind == b.kind && a.title.ky == b.title.ky && a.title.ru == b.title.ru &&
           a.organiser == b.organiser && a.start == b.start && a.end == b.end && a.place == b.place &&
           a.oblast == b.oblast && a.text.ky == b.text.ky && a.text.ru == b.text.ru && a.fields == b.fields &&
           a.occupations == b.occupations;
}
} // namespace

ParsedImport readAndParse(const std::string& stickRoot, const LinkVocabulary& v, const std::string& today,
                          int timeoutMs) {
    std::string bytes;
    const StickRead r = readStickFile(stickRoot, kStickDir, kStickFile, kMaxFileBytes, timeoutMs, bytes);
    if (r == StickRead::Ok) return parseEventsCsv(bytes, v, today);
    ParsedImport out;
    switch (r) {
    case StickRead::Missing:
        out.add({0, K("events_err_missing")});
        break;
    case StickRead::NotRegular:
        out.add({0, K("events_err_not_file")});
        break;
    case StickRead::TooBig:
        out.add({0, K("events_err_too_big"), {}, {}, int(kMaxFileBytes >> 10)});
        break;
    case StickRead::Timeout:
        out.add({0, K("events_err_timeout")});
        break;
    default:
        out.add({0, K("events_err_io")});
    }
    return out;
}

ImportResult applyImport(store::Database& db, const Clock& clock, const ParsedImport& p, const char* actor) {
    ImportResult r;
    r.encoding = p.encoding;
    r.delimiter = p.delimiter;
    r.issues = p.issues;
    r.issueCount = p.issueCount;
    if (!p.ok()) return r;
    EventRepo repo(db, clock);
    store::Transaction tx(db);
    for (const auto& row : p.rows) {
        auto existing = repo.byMatchKey(matchKey(row.event));
        if (row.over && !existing) {
            ++r.issueCount;
            if (r.issues.size() < kMaxIssues)
                r.issues.push_back({row.row, K("events_err_past"), "end", row.event.end});
        } else if (r.issueCount) {
            continue; // refused anyway: only look for more rows in the past
        } else if (!existing) {
            repo.write(row.event, 0, "import");
            ++r.added;
        } else if (row.over || sameContent(*existing, row.event)) {
            ++r.unchanged;
        } else {
            repo.write(row.event, existing->id, "import");
            ++r.updated;
        }
    }
    if (r.issueCount) {
        r.added = r.updated = r.unchanged = 0;
        return r; // the transaction rolls back
    }
    store::audit(db, clock, actor, "events_import",
                 "added=" + std::to_string(r.added) + " updated=" + std::to_string(r.updated) +
                     " unchanged=" + std::to_string(r.unchanged) + " encoding=" + encodingName(p.encoding));
    tx.commit();
    return r;
}

std::vector<std::string> importSummary(const l10n::Catalog& cat, Lang lang, const ImportResult& r) {
    if (r.ok())
        return {cat.tr(lang, K("events_import_done"),
                       {{"added", r.added}, {"updated", r.updated}, {"unchanged", r.unchanged}})};
    std::vector<std::string> lines = {cat.tr(lang, K("events_import_refused"))};
    for (const Issue& i : r.issues) lines.push_back(issueText(cat, lang, i));
    if (r.issueCount > int(r.issues.size()))
        lines.push_back(cat.tr(lang, K("events_err_more"), {{"count", r.issueCount - int(r.issues.size())}}));
    return lines;
}

ImportResult importFromStick(store::Database& db, const Clock& clock, const LinkVocabulary& v,
                             const std::string& stickRoot) {
    return applyImport(db, clock, readAndParse(stickRoot, v, localDate(clock.wallMs())));
}

struct ImportJob::Shared {
    std::mutex m;
    bool done = false;
    ParsedImport result;
};

std::unique_ptr<ImportJob> ImportJob::start(const std::string& stickRoot, LinkVocabulary v,
                                            const std::string& today, int64_t nowMs, int timeoutMs) {
    std::unique_ptr<ImportJob> job(new ImportJob());
    job->shared_ = std::make_shared<Shared>();
    job->deadlineMs_ = nowMs + timeoutMs;
    // Detached: the UI never joins a thread that may be stuck in a read(); the shared state outlives both.
    std::thread([s = job->shared_, root = stickRoot, v = std::move(v), today, timeoutMs] {
        ParsedImport p = readAndParse(root, v, today, timeoutMs);
        std::lock_guard<std::mutex> lock(s->m);
        s->result = std::move(p);
        s->done = true;
    }).detach();
    return job;
}

ImportJob::~ImportJob() = default;

ImportJob::State ImportJob::poll(int64_t nowMs) const {
    if (timedOut_) return State::TimedOut;
    {
        std::lock_guard<std::mutex> lock(shared_->m);
        if (shared_->done) return State::Ready;
    }
    if (nowMs < deadlineMs_) return State::Running;
    timedOut_ = true;
    return State::TimedOut;
}

ParsedImport ImportJob::take() {
    if (!timedOut_) {
        std::lock_guard<std::mutex> lock(shared_->m);
        if (shared_->done) return std::move(shared_->result);
    }
    ParsedImport p;
    p.add({0, K("events_err_timeout")});
    return p;
}

} // namespace kesip::events
