#include "flow/router.hpp"

#include "catalog/content.hpp" // studyui: the oblasts

namespace kesip::flow {

namespace {
struct NameEntry {
    ScreenId id;
    const char* name;
    const char* param; // non-null: the route takes ":param", this is its help text
};
// clang-format off
const NameEntry kNames[] = {
    {ScreenId::Attract, "attract", nullptr},
    {ScreenId::Language, "language", nullptr},
    {ScreenId::Home, "home", nullptr},
    {ScreenId::Finish, "finish", nullptr},
    {ScreenId::Maintenance, "maintenance", "locale-key"},
    {ScreenId::Demographics, "demographics", "test"},
    {ScreenId::Test, "test", "interest|strengths"},
    {ScreenId::Results, "results", "interest|strengths|occupations|takeaway"},
    {ScreenId::Encyclopedia, "encyclopedia", nullptr},
    {ScreenId::Field, "field", "field-id"},
    {ScreenId::Occupation, "occupation", "occupation-id"},
    {ScreenId::Search, "search", "query"},
    {ScreenId::Pin, "pin", nullptr},
    {ScreenId::Staff, "staff", nullptr},
    {ScreenId::Counselor, "counselor", "code"},
    {ScreenId::Diary, "diary", nullptr},
    {ScreenId::DiaryStart, "diary-start", nullptr},
    {ScreenId::DiaryUnlock, "diary-unlock", nullptr},
    {ScreenId::Trial, "trial", "event:id"},
    {ScreenId::Decision, "decision", nullptr},
    {ScreenId::Jobs, "jobs", "page-id"},
    {ScreenId::PrintPreview, "print-preview", nullptr},
    {ScreenId::Study, "study", "occupation-id"},
    {ScreenId::Institutions, "institutions", "oblast"},
    {ScreenId::Events, "events", nullptr},
    {ScreenId::EventEditor, "event-editor", nullptr},
    {ScreenId::CounselorDiary, "counselor-diary", nullptr},
};
// clang-format on
} // namespace

const char* screenName(ScreenId id) {
    for (auto& n : kNames)
        if (n.id == id) return n.name;
    return "?";
}

bool parseRoute(const std::string& text, Route& out) {
    // Names from the issue tracker's screen list, kept as aliases.
    if (text == "interest-test") return parseRoute("test:interest", out);
    if (text == "strengths-test") return parseRoute("test:strengths", out);
    auto colon = text.find(':');
    std::string name = text.substr(0, colon);
    for (auto& n : kNames) {
        if (name != n.name) continue;
        out.id = n.id;
        out.param = colon == std::string::npos ? std::string() : text.substr(colon + 1);
        return true;
    }
    return false;
}

std::vector<std::string> screenNamesForHelp() {
    std::vector<std::string> v;
    for (auto& n : kNames) v.push_back(n.param ? std::string(n.name) + ":<" + n.param + ">" : n.name);
    v.push_back("interest-test");
    v.push_back("strengths-test");
    return v;
}

std::vector<Route> routes(const RouteParams& p) {
    std::vector<Route> r = {{ScreenId::Attract, {}}, {ScreenId::Language, {}}, {ScreenId::Home, {}}};
    for (const char* test : {"interest", "strengths"}) r.push_back({ScreenId::Demographics, test});
    for (const char* test : {"interest", "strengths"}) r.push_back({ScreenId::Test, test});
    for (const char* tab : {"interest", "strengths", "occupations", "takeaway"})
        r.push_back({ScreenId::Results, tab});
    r.push_back({ScreenId::Encyclopedia, {}});
    for (const auto& f : p.fields) r.push_back({ScreenId::Field, f});
    for (const auto& o : p.occupations) r.push_back({ScreenId::Occupation, o});
    r.push_back({ScreenId::Search, {}});
    r.push_back({ScreenId::Finish, {}});
    for (ScreenId s : {ScreenId::Pin, ScreenId::Staff, ScreenId::Counselor}) r.push_back({s, {}});
    for (const auto& m : p.maintenanceReasons) r.push_back({ScreenId::Maintenance, m});
    // printjobs
    r.push_back({ScreenId::Jobs, {}});
    for (const auto& g : p.guidePages) r.push_back({ScreenId::Jobs, g});
    r.push_back({ScreenId::PrintPreview, {}});
    r.push_back({ScreenId::CounselorDiary, {}});
    // studyui: where to study, and the institutions: all, each oblast, a kind, an oblast and a kind
    const auto& study = p.studyOccupations.empty() && !p.occupations.empty()
                            ? std::vector<std::string>{p.occupations.front()}
                            : p.studyOccupations;
    for (const auto& o : study) r.push_back({ScreenId::Study, o});
    r.push_back({ScreenId::Institutions, {}});
    for (const auto& o : catalog::oblastIds()) r.push_back({ScreenId::Institutions, o});
    for (const char* o : {"all:lyceum", "osh:university"}) r.push_back({ScreenId::Institutions, o});
    // diaryui: the career diary's screens (the sample diary in screenshots)
    for (ScreenId s :
         {ScreenId::Diary, ScreenId::DiaryStart, ScreenId::DiaryUnlock, ScreenId::Trial, ScreenId::Decision})
        r.push_back({s, {}});
    r.push_back({ScreenId::DiaryStart, "code"}); // the new code shown
    // eventsui: the centre's events, all and those of one field; the staff editor
    r.push_back({ScreenId::Events, {}});
    if (!p.fields.empty()) r.push_back({ScreenId::Events, "field:" + p.fields.front()});
    r.push_back({ScreenId::EventEditor, {}});
    return r;
}

bool isStaffScreen(ScreenId id) {
    return id == ScreenId::Pin || id == ScreenId::Staff || id == ScreenId::Counselor ||
           id == ScreenId::EventEditor || id == ScreenId::CounselorDiary;
}

void Router::push(Route r) {
    if (current() == r) return; // a double tap must not stack the same screen twice
    stack_.push_back(std::move(r));
}

bool Router::back() {
    if (stack_.size() <= 1) return false;
    stack_.pop_back();
    return true;
}

void Router::reset(Route root) {
    stack_.clear();
    stack_.push_back(std::move(root));
}

} // namespace kesip::flow
