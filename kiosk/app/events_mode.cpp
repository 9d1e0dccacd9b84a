// App: the centre's events (issue 12, stage 4). What visitors see (coming events for home, field and
// occupation pages, the events screen) and the staff editor's intents: add, edit, delete, and the import
// of <stick>/kesip/events.csv, read and checked on a worker (events::ImportJob) so the kiosk stays
// responsive, then written all or nothing.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "app/app.hpp"
#include "events/import.hpp"
#include "events/repo.hpp"
#include "ui/screens/events.hpp"
#include "util/utf8.hpp"

namespace kesip::app {

struct App::EventsState {
    std::optional<events::LinkVocabulary> vocab;
    const catalog::Content* vocabOf = nullptr; // the content the vocabulary was built from
    size_t vocabSize = 0;
    int generation = 0; // bumped by every write, so the visitor's lists are queried again
    std::string key;    // what `view` was built for
    ui::EventsView view;
    ui::EventEditorView editor;
    std::unique_ptr<events::ImportJob> job;
};

namespace {

constexpr size_t kCaps[ui::EventEditorView::AttrCount] = {events::kMaxTitle,     events::kMaxTitle,
                                                          events::kMaxOrganiser, events::kMaxPlace,
                                                          events::kMaxText,      events::kMaxText};

size_t codePoints(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

int daysInMonth(int y, int m) {
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

// One stepper tap on a YYYY-MM-DD date: a day moves through months, a month or year keeps the day
// where it can (31 January + 1 month = 28 or 29 February).
std::string stepDate(const std::string& iso, int part, int step) {
    if (part == 0) return events::addDays(iso, step);
    int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
    if (part == 1) {
        m += step;
        if (m < 1) m = 12, --y;
        if (m > 12) m = 1, ++y;
    } else {
        y += step;
    }
    d = std::min(d, daysInMonth(y, m));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

} // namespace

App::EventsState& App::eventsState() {
    if (!events_) events_ = std::make_shared<EventsState>();
    return *events_;
}

const events::LinkVocabulary& App::eventVocabulary() {
    EventsState& es = eventsState();
    const catalog::Content* c = encyclopedia();
    const size_t size = c ? c->fields.size() + c->occupations.size() : 0;
    if (!es.vocab || es.vocabOf != c || es.vocabSize != size) {
        es.vocab = c ? events::LinkVocabulary::of(*c) : events::LinkVocabulary();
        es.vocabOf = c;
        es.vocabSize = size;
    }
    return *es.vocab;
}

void App::eventsView(ui::View& v) {
    if (!db_) return;
    EventsState& es = eventsState();
    if (staff_) {
        pollEventsImport();
        if (v.route.id == flow::ScreenId::EventEditor) {
            v.eventEditor = &es.editor;
            // The import buttons follow the sticks plugged in, as the staff screen's do.
            if (clock_.monotonicMs() - staff_->sticksAt >= 2000) refreshStaffData();
        }
    } else if (es.editor.editing || !es.editor.lines.empty() || es.job) {
        es.editor = {}; // staff left: the form and the messages go with them
        es.job.reset(); // a late import result is dropped (the worker owns its copies)
    }
    using flow::ScreenId;
    const ScreenId id = v.route.id;
    if (id != ScreenId::Home && id != ScreenId::Field && id != ScreenId::Occupation && id != ScreenId::Events)
        return;
    events::EventRepo repo(*db_, clock_);
    const std::string oblast = visit() && visit()->demo.oblast ? *visit()->demo.oblast : std::string();
    const std::string key = std::string(flow::screenName(id)) + ":" + v.route.param + "|" + oblast + "|" +
                            repo.today() + "|" + std::to_string(es.generation);
    if (key != es.key) {
        es.view.coming.clear();
        saveGuard("read events", [&] {
            const std::string& p = v.route.param;
            if (id == ScreenId::Home)
                es.view.coming = repo.forHome(oblast, 0);
            else if (id == ScreenId::Field)
                es.view.coming = repo.forField(eventVocabulary(), p, oblast);
            else if (id == ScreenId::Occupation)
                es.view.coming = repo.forOccupation(eventVocabulary(), p, oblast);
            else if (p.rfind("field:", 0) == 0)
                es.view.coming = repo.forField(eventVocabulary(), p.substr(6), oblast);
            else if (p.rfind("occupation:", 0) == 0)
                es.view.coming = repo.forOccupation(eventVocabulary(), p.substr(11), oblast);
            else
                es.view.coming = repo.coming({}, 0, oblast);
        });
        es.key = key;
    }
    es.view.diaryOpen = views_ && !views_->diary.id.empty();
    v.events = &es.view;
}

bool App::mayEditEvents() const {
    return staff_ && staff_->grant && staff_->grant->may(store::Action::Events) && db_;
}

void App::reloadEventList() {
    EventsState& es = eventsState();
    ++es.generation;
    saveGuard("read events", [&] {
        events::EventRepo repo(*db_, clock_);
        es.editor.list = repo.list(false);
        es.editor.today = repo.today();
    });
}

int64_t App::firstEventId() {
    const auto& l = eventsState().editor.list;
    return l.empty() ? 0 : l.front().id;
}

void App::onStaff(const ui::intent::EventsOpenEditor&) {
    if (!mayEditEvents()) return;
    EventsState& es = eventsState();
    es.editor.editing = false;
    es.editor.lines.clear();
    reloadEventList();
    router_.push({flow::ScreenId::EventEditor, {}});
}

void App::onStaff(const ui::intent::EventNew&) {
    if (!mayEditEvents()) return;
    ui::EventEditorView& ed = eventsState().editor;
    ed.draft = {};
    ed.draft.kind = events::eventKinds().front();
    ed.draft.start = ed.draft.end = events::addDays(events::EventRepo(*db_, clock_).today(), 7);
    ed.focus = ui::EventEditorView::TitleKy;
    ed.layout = 0;
    ed.keyboard = true;
    ed.linkField.clear();
    ed.lines.clear();
    ed.editing = true;
}

void App::onStaff(const ui::intent::EventEdit& in) {
    if (!mayEditEvents()) return;
    ui::EventEditorView& ed = eventsState().editor;
    std::optional<events::Event> e;
    saveGuard("read event", [&] { e = events::EventRepo(*db_, clock_).get(in.id); });
    if (!e) return;
    ed.draft = *e;
    ed.focus = ui::EventEditorView::TitleKy;
    ed.keyboard = true;
    ed.linkField.clear();
    ed.lines.clear();
    ed.editing = true;
}

void App::onStaff(const ui::intent::EventFocus& in) {
    ui::EventEditorView& ed = eventsState().editor;
    if (in.attr < 0 || in.attr >= ui::EventEditorView::AttrCount) return;
    ed.focus = in.attr;
    ed.keyboard = true; // a text field tapped: its keyboard, even when hidden
    // The language the attribute is in: its keyboard (organiser and place keep the current one).
    if (in.attr == ui::EventEditorView::TitleKy || in.attr == ui::EventEditorView::TextKy) ed.layout = 0;
    if (in.attr == ui::EventEditorView::TitleRu || in.attr == ui::EventEditorView::TextRu) ed.layout = 1;
}

void App::onStaff(const ui::intent::EventType& in) {
    ui::EventEditorView& ed = eventsState().editor;
    if (!ed.editing) return;
    std::string& s = ui::eventAttr(ed.draft, ed.focus);
    if (codePoints(s) + codePoints(in.text) <= kCaps[ed.focus]) s += in.text;
}

void App::onStaff(const ui::intent::EventBackspace&) {
    ui::EventEditorView& ed = eventsState().editor;
    if (ed.editing) utf8::dropLast(ui::eventAttr(ed.draft, ed.focus));
}

void App::onStaff(const ui::intent::EventClearText&) {
    ui::EventEditorView& ed = eventsState().editor;
    if (ed.editing) ui::eventAttr(ed.draft, ed.focus).clear();
}

void App::onStaff(const ui::intent::EventKbLayout& in) {
    eventsState().editor.layout = std::clamp(in.layout, 0, 2);
}

void App::onStaff(const ui::intent::EventKeyboard& in) {
    eventsState().editor.keyboard = in.shown;
}

void App::onStaff(const ui::intent::EventDateStep& in) {
    ui::EventEditorView& ed = eventsState().editor;
    if (!ed.editing || in.part < 0 || in.part > 2) return;
    events::Event& e = ed.draft;
    if (in.end) {
        e.end = stepDate(e.end, in.part, in.step);
        if (e.end < e.start) e.end = e.start; // never before the start
    } else {
        // The end moves with the start, keeping the event's length.
        int len = 0;
        while (len < 400 && events::addDays(e.start, len) < e.end) ++len;
        e.start = stepDate(e.start, in.part, in.step);
        e.end = events::addDays(e.start, len);
    }
}

void App::onStaff(const ui::intent::EventSetKind& in) {
    eventsState().editor.draft.kind = in.kind;
}

void App::onStaff(const ui::intent::EventSetOblast& in) {
    eventsState().editor.draft.oblast = in.oblast;
}

void App::onStaff(const ui::intent::EventPickField& in) {
    ui::EventEditorView& ed = eventsState().editor;
    ed.linkField = ed.linkField == in.field ? std::string() : in.field;
}

void App::onStaff(const ui::intent::EventToggleLink& in) {
    events::Event& e = eventsState().editor.draft;
    auto& list = in.occupation ? e.occupations : e.fields;
    auto it = std::find(list.begin(), list.end(), in.id);
    if (it == list.end())
        list.push_back(in.id);
    else
        list.erase(it);
}

void App::onStaff(const ui::intent::EventSave&) {
    if (!mayEditEvents()) return;
    ui::EventEditorView& ed = eventsState().editor;
    if (!ed.editing) return;
    events::EventRepo::Saved r;
    bool failed = true;
    saveGuard("save event", [&] {
        events::EventRepo repo(*db_, clock_);
        r = ed.draft.id ? repo.update(ed.draft.id, ed.draft, eventVocabulary())
                        : repo.add(ed.draft, eventVocabulary());
        failed = false;
    });
    ed.lines.clear();
    ed.linesAreError = !r.ok();
    if (failed) ed.lines.push_back(ui_->tr("events_save_failed"));
    // The editor's own names for the attributes the checks name by their CSV column.
    static const std::map<std::string, const char*> labels = {
        {"kind", "events_f_kind"},         {"title_ky", "events_f_title_ky"},
        {"title_ru", "events_f_title_ru"}, {"organiser", "events_f_organiser"},
        {"place", "events_f_place"},       {"text_ky", "events_f_text_ky"},
        {"text_ru", "events_f_text_ru"},   {"start", "events_f_start"},
        {"end", "events_f_end"},           {"oblast", "events_f_oblast"},
        {"fields", "events_f_links"},      {"occupations", "events_f_links"}};
    for (events::Issue i : r.issues) {
        if (auto l = labels.find(i.column); l != labels.end())
            i.column = "\xC2\xAB" + ui_->tr(l->second) + "\xC2\xBB";
        ed.lines.push_back(events::issueText(*catalog_, ui_->lang, i));
    }
    if (!r.ok()) return;
    ed.lines.push_back(ui_->tr("events_saved"));
    ed.editing = false;
    reloadEventList();
}

void App::onStaff(const ui::intent::EventDelete&) {
    if (!mayEditEvents()) return;
    ui::EventEditorView& ed = eventsState().editor;
    if (!ed.editing || !ed.draft.id) return;
    bool ok = false;
    saveGuard("delete event", [&] { ok = events::EventRepo(*db_, clock_).remove(ed.draft.id); });
    ed.lines = {ui_->tr(ok ? "events_deleted" : "events_save_failed")};
    ed.linesAreError = !ok;
    ed.editing = false;
    reloadEventList();
}

void App::onStaff(const ui::intent::EventCancel&) {
    ui::EventEditorView& ed = eventsState().editor;
    ed.editing = false;
    ed.lines.clear();
}

void App::onStaff(const ui::intent::EventsImport& in) {
    if (!mayEditEvents()) return;
    EventsState& es = eventsState();
    if (es.job) return; // one at a time
    // The worker owns a copy of the vocabulary: it never touches the live catalog or the database.
    es.job = events::ImportJob::start(in.stick, eventVocabulary(), events::EventRepo(*db_, clock_).today(),
                                      clock_.monotonicMs());
    es.editor.importing = true;
    es.editor.lines.clear();
}

// Each frame in staff mode: a finished read is written here, all or nothing, in one transaction.
void App::pollEventsImport() {
    EventsState& es = eventsState();
    if (!es.job || es.job->poll(clock_.monotonicMs()) == events::ImportJob::State::Running) return;
    const events::ParsedImport parsed = es.job->take();
    es.job.reset();
    es.editor.importing = false;
    events::ImportResult r;
    bool failed = true;
    saveGuard("import events", [&] {
        r = events::applyImport(*db_, clock_, parsed);
        failed = false;
    });
    es.editor.lines = failed ? std::vector<std::string>{ui_->tr("events_save_failed")}
                             : events::importSummary(*catalog_, ui_->lang, r);
    es.editor.linesAreError = failed || !r.ok();
    reloadEventList();
}

// Screenshots and the layout test: the sample events file (assets/events/events-sample.csv), its dates
// moved so the first starts a week from today, so the screens show events whatever the date.
int App::seedSampleEvents() {
    if (!db_) return 0;
    // Once per database: a second screenshot with the same --data-dir keeps the first seeding.
    if (db_->queryInt("SELECT count(*) FROM events") > 0) return 0;
    std::ifstream f(resourceDir_ + "/events/events-sample.csv", std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    // Checked as of a far day: no row is too far ahead (rows merely "over" are kept; dates move anyway).
    events::ParsedImport p =
        events::parseEventsCsv(ss.str(), eventVocabulary(), "2100-01-01", events::kMaxRows);
    if (p.rows.empty()) return 0;
    std::string first = p.rows.front().event.start;
    for (const auto& r : p.rows) first = std::min(first, r.event.start);
    events::EventRepo repo(*db_, clock_);
    const std::string target = events::addDays(repo.today(), 7);
    int shift = 0;
    while (shift > -4000 && events::addDays(first, shift) > target) --shift;
    while (shift < 4000 && events::addDays(first, shift) < target) ++shift;
    int n = 0;
    saveGuard("sample events", [&] {
        for (auto& r : p.rows) {
            r.event.start = events::addDays(r.event.start, shift);
            r.event.end = events::addDays(r.event.end, shift);
            repo.write(r.event, 0, "import");
            ++n;
        }
    });
    ++eventsState().generation;
    return n;
}

} // namespace kesip::app
