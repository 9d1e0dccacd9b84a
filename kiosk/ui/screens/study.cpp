// "Where to study" (study:<occupation-id>): how to get into the occupation, what is needed first, from
// what age, and the institutions that teach it, the visitor's oblast first.
#include <algorithm>

#include "catalog/study.hpp"
#include "ui/screens/diary_common.hpp" // star
#include "ui/screens/study_common.hpp"

namespace kesip::ui {

using l10n::K;

namespace study {

namespace {
const char* lookup(const std::vector<std::pair<const char*, const char*>>& table, const std::string& id) {
    for (const auto& [k, v] : table)
        if (id == k) return v;
    return nullptr;
}
} // namespace

std::string oblastName(const Ui& ui, const std::string& oblast) {
    static const std::vector<std::pair<const char*, const char*>> t = {
        {"bishkek", K("demo_oblast_bishkek")},
        {"osh_city", K("demo_oblast_osh_city")},
        {"chui", K("demo_oblast_chui")},
        {"issyk_kul", K("demo_oblast_issyk_kul")},
        {"naryn", K("demo_oblast_naryn")},
        {"talas", K("demo_oblast_talas")},
        {"jalal_abad", K("demo_oblast_jalal_abad")},
        {"osh", K("demo_oblast_osh")},
        {"batken", K("demo_oblast_batken")}};
    const char* k = lookup(t, oblast);
    return ui.tr(k ? k : K("inst_all_oblasts"));
}

std::string kindName(const Ui& ui, const std::string& kind) {
    static const std::vector<std::pair<const char*, const char*>> t = {
        {"university", K("inst_kind_university")},
        {"college", K("inst_kind_college")},
        {"lyceum", K("inst_kind_lyceum")},
        {"training_centre", K("inst_kind_training_centre")}};
    const char* k = lookup(t, kind);
    return ui.tr(k ? k : K("inst_all_kinds"));
}

std::string entryName(const Ui& ui, const std::string& entry) {
    static const std::vector<std::pair<const char*, const char*>> t = {
        {"grade9", K("study_group_grade9")},         {"grade11", K("study_group_grade11")},
        {"degree", K("study_group_degree")},         {"course", K("study_group_course")},
        {"on_the_job", K("study_group_on_the_job")}, {"any", K("study_entry_any")}};
    const char* k = lookup(t, entry);
    return ui.tr(k ? k : K("study_group_other"));
}

std::string pathName(const Ui& ui, const std::string& path) {
    static const std::vector<std::pair<const char*, const char*>> t = {{"lyceum", K("edu_lyceum")},
                                                                       {"college", K("edu_college")},
                                                                       {"university", K("edu_university")},
                                                                       {"course", K("edu_course")},
                                                                       {"on_the_job", K("edu_on_the_job")}};
    const char* k = lookup(t, path);
    return k ? ui.tr(k) : path;
}

std::string asOf(const Ui& ui, const std::string& checked) {
    const int64_t ms = catalog::checkedDateMs(checked);
    if (ms < 0) return ui.tr("study_as_of_ask");
    // ICU's Russian date ends with U+202F before the year abbreviation: the narrow no-break space is not in
    // the font atlas, the plain no-break space is.
    std::string date = ui.catalog().formatDate(ui.lang, ms);
    for (size_t p; (p = date.find("\u202F")) != std::string::npos;) date.replace(p, 3, "\u00A0");
    return ui.tr("study_as_of", {{"date", date}});
}

int chips(Ui& ui, const std::vector<std::pair<std::string, std::string>>& keyLabels, int selected,
          float width) {
    const ImVec2 start = ImGui::GetCursorPos();
    const float gap = ui.em(0.5f), minH = ui.em(2.6f);
    float x = start.x, y = start.y, rowH = 0;
    int tapped = -1;
    for (size_t i = 0; i < keyLabels.size(); ++i) {
        const std::string& label = keyLabels[i].second;
        const float bw = std::min(width, textWidth(ui.fonts.bold, label) + ui.em(1.6f));
        if (x > start.x && x + bw > start.x + width) x = start.x, y += rowH + gap, rowH = 0;
        const float bh = buttonHeight(ui, label, bw, minH);
        ImGui::SetCursorPos(ImVec2(x, y));
        if (button(ui, keyLabels[i].first.c_str(), label, ImVec2(bw, bh),
                   int(i) == selected ? Tone::Primary : Tone::Secondary, true, TextKind::Tab))
            tapped = int(i);
        x += bw + gap;
        rowH = std::max(rowH, bh);
    }
    ImGui::SetCursorPos(ImVec2(start.x, y + rowH + gap));
    ImGui::Dummy(ImVec2(0, 0));
    return tapped;
}

void institutionCard(Ui& ui, const catalog::Content& c, int institution,
                     const std::vector<std::string>& extra, float width) {
    const Theme& t = ui.theme();
    const catalog::Institution& in = c.institutions[size_t(institution)];
    const std::string ownership = in.ownership == "public"    ? ui.tr("inst_public")
                                  : in.ownership == "private" ? ui.tr("inst_private")
                                                              : ui.tr("inst_ownership_ask");
    const std::string name = in.name.get(ui.lang);
    const std::string meta =
        kindName(ui, in.kind) + " \xC2\xB7 " + in.town.get(ui.lang) + " \xC2\xB7 " + ownership;
    std::vector<std::pair<std::string, Rgb>> lines = {{meta, t.text}};
    for (const auto& e : extra) lines.push_back({e, t.text});
    if (in.address) lines.push_back({in.address->get(ui.lang), t.muted});
    lines.push_back({asOf(ui, in.checked), t.muted});
    const float pad = ui.em(1.f), vpad = ui.em(0.6f), tw = width - pad - ui.em(0.8f);
    float h = 2 * vpad + paragraphHeight(ui, ui.fonts.bold, name, tw);
    for (const auto& l : lines) h += paragraphHeight(ui, ui.fonts.body, l.first, tw);
    const ImVec2 p = ImGui::GetCursorScreenPos(), q(p.x + width, p.y + h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, q, col(t.card), ui.em(0.4f));
    dl->AddRectFilled(p, ImVec2(p.x + ui.em(0.3f), q.y), col(t.secondaryActive), ui.em(0.4f),
                      ImDrawFlags_RoundCornersLeft);
    float y = p.y + vpad;
    y += drawText(ui, ui.fonts.bold, name, ImVec2(p.x + pad, y), tw, t.text, Align::Left, TextKind::Card, p,
                  q);
    for (const auto& l : lines)
        y += drawText(ui, ui.fonts.body, l.first, ImVec2(p.x + pad, y), tw, l.second, Align::Left,
                      TextKind::Card, p, q);
    ImGui::Dummy(ImVec2(width, h));
    ImGui::Dummy(ImVec2(0, ui.em(0.2f)));
}

void section(Ui& ui, const std::string& text, float width) {
    ImGui::Dummy(ImVec2(0, ui.em(0.7f)));
    paragraph(ui, ui.fonts.heading, text, width, ui.theme().text);
}

void addSpoken(std::string& text, const std::string& part) {
    if (part.empty()) return;
    if (!text.empty()) text += std::string(".!?:").find(text.back()) == std::string::npos ? ". " : " ";
    text += part;
}

std::string speakInstitution(const Ui& ui, const catalog::Content& c, int institution) {
    const catalog::Institution& in = c.institutions[size_t(institution)];
    return in.name.get(ui.lang) + ", " + kindName(ui, in.kind) + ", " + in.town.get(ui.lang);
}

} // namespace study

namespace {

// What one programme of an institution says about the occupation: entry, duration, the national test,
// state-funded places, age; facts not known are named once, "ask the centre".
std::string programmeLine(const Ui& ui, const catalog::Programme& p) {
    std::vector<std::string> parts = {study::entryName(ui, p.entry)}, ask;
    if (p.minMonths > 0)
        parts.push_back(formatDuration(ui, p.minMonths, p.maxMonths));
    else
        ask.push_back(ui.tr("study_fact_duration"));
    if (p.ort) parts.push_back(ui.tr("study_ort"));
    if (p.stateFunded == "yes")
        parts.push_back(ui.tr("study_funded_yes"));
    else if (p.stateFunded == "no")
        parts.push_back(ui.tr("study_funded_no"));
    else
        ask.push_back(ui.tr("study_fact_funded"));
    if (p.minAge > 0) parts.push_back(ui.tr("study_from_age", {{"n", p.minAge}}));
    std::string s = "\xC2\xB7 ";
    for (size_t i = 0; i < parts.size(); ++i) s += (i ? " \xC2\xB7 " : "") + parts[i];
    if (!ask.empty()) {
        std::string list;
        for (const auto& a : ask) list += (list.empty() ? "" : ", ") + a;
        s += " \xC2\xB7 " + ui.tr("study_ask_list", {{"list", list}});
    }
    return s;
}

// One route: its path, how long (or "ask the centre") and the national test, with the separators the
// page shows ("—", "·") or read aloud speaks (commas).
std::string routeText(const Ui& ui, const catalog::EducationPath& e, const char* dash, const char* dot) {
    std::string line =
        study::pathName(ui, e.path) + dash +
        (e.minMonths > 0 ? formatDuration(ui, e.minMonths, e.maxMonths) : ui.tr("study_duration_ask"));
    if (e.ort) line += dot + ui.tr("study_ort");
    return line;
}

// A route counts as looked at (DiaryPathSeen, for the diary's stage 2-3) once its line has been wholly on
// screen: opening "where to study" shows the routes first, and that is where a student reads "college,
// 3 years"; lines scrolled past unseen (portrait, large text) count when they come into view. Sent once:
// paths the diary (or the visit, before a diary) already holds are not sent again. star
void routes(Ui& ui, const View& v, const catalog::Occupation& o, float w, Intents& out) {
    const Theme& t = ui.theme();
    study::section(ui, ui.tr("study_routes"), w);
    const auto groups = catalog::routeGroups(o);
    if (groups.empty()) paragraph(ui, ui.fonts.body, ui.tr("study_no_routes"), w, t.text);
    for (const auto& g : groups) {
        ImGui::Dummy(ImVec2(0, ui.em(0.2f)));
        paragraph(ui, ui.fonts.bold, study::entryName(ui, g.id), w, t.primary);
        for (const auto& e : g.paths) {
            const float y0 = ImGui::GetCursorScreenPos().y;
            paragraph(ui, ui.fonts.body, "\xC2\xB7 " + routeText(ui, e, " \xE2\x80\x94 ", " \xC2\xB7 "), w,
                      t.text);
            ImDrawList* dl = ImGui::GetWindowDrawList(); // star
            if (v.diary && !diaryui::pathSeen(*v.diary, e.path) && y0 >= dl->GetClipRectMin().y &&
                ImGui::GetCursorScreenPos().y <= dl->GetClipRectMax().y)
                out.emit(intent::DiaryPathSeen{e.path});
        }
    }
}

void limits(Ui& ui, const catalog::Occupation& o, float w) {
    const Theme& t = ui.theme();
    if (o.requirement) {
        study::section(ui, ui.tr("study_requires"), w);
        paragraph(ui, ui.fonts.body, o.requirement->get(ui.lang), w, t.text);
    }
    if (o.minAge > 0 || o.ageNote) {
        study::section(ui, ui.tr("study_age"), w);
        if (o.minAge > 0) paragraph(ui, ui.fonts.bold, ui.tr("study_min_age", {{"n", o.minAge}}), w, t.text);
        if (o.ageNote) paragraph(ui, ui.fonts.body, o.ageNote->get(ui.lang), w, t.text);
    }
}

// The institutions teaching it: the oblast picker, the visitor's oblast, then the rest.
void institutions(Ui& ui, const catalog::Content& c, const catalog::Occupation& o, const StudyView& s,
                  float w, Intents& out) {
    const Theme& t = ui.theme();
    study::section(ui, ui.tr("study_where"), w);
    const std::vector<int> list = c.institutionsTeaching(o.id, s.oblast);
    if (list.empty()) {
        paragraph(ui, ui.fonts.body, ui.tr("study_no_institutions"), w, t.text);
        return;
    }
    paragraph(ui, ui.fonts.body, ui.tr(s.oblast.empty() ? "study_pick_oblast" : "study_your_oblast"), w,
              t.muted);
    std::vector<std::pair<std::string, std::string>> chips;
    int selected = -1;
    for (const auto& id : catalog::oblastIds()) {
        if (id == s.oblast) selected = int(chips.size());
        chips.push_back({"study_oblast_" + id, study::oblastName(ui, id)});
    }
    const int tapped = study::chips(ui, chips, selected, w);
    if (tapped >= 0) out.emit(intent::PickOblast{catalog::oblastIds()[size_t(tapped)]});

    auto card = [&](int i) {
        std::vector<std::string> lines;
        for (int p : catalog::programmesAt(c, i, o.id))
            lines.push_back(programmeLine(ui, c.programmes[size_t(p)]));
        study::institutionCard(ui, c, i, lines, w);
    };
    size_t next = 0;
    if (!s.oblast.empty()) {
        ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
        paragraph(ui, ui.fonts.bold, study::oblastName(ui, s.oblast), w, t.primary);
        for (; next < list.size() && c.institutions[size_t(list[next])].oblast == s.oblast; ++next)
            card(list[next]);
        if (next == 0)
            paragraph(ui, ui.fonts.body,
                      ui.tr("study_none_in_oblast", {{"name", study::oblastName(ui, s.oblast)}}), w, t.text);
        if (next < list.size()) {
            ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
            paragraph(ui, ui.fonts.bold, ui.tr("study_other_oblasts"), w, t.primary);
        }
    }
    for (; next < list.size(); ++next) card(list[next]);
}

} // namespace

void drawStudy(Ui& ui, const View& v, const StudyView& s, Intents& out) {
    drawTopBar(ui, v, out);
    if (!v.content) return;
    const catalog::Content& c = *v.content;
    const int oi = c.occupationIndex(v.route.param);
    if (oi < 0) return;
    const catalog::Occupation& o = c.occupations[size_t(oi)];
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(2.f);
    const float top = topBarHeight(ui) + ui.em(0.8f);
    const float regionW = ws.x - 2 * margin - pageButtonsWidth(ui);
    const float h = ws.y - top - ui.em(1.f);
    ImGui::SetCursorPos(ImVec2(margin, top));
    beginDragScroll(ui, "study_page", ImVec2(regionW, h));
    const float w = std::min(regionW - ui.em(1.f), ui.em(52.f)); // readable line length
    paragraph(ui, ui.fonts.heading, ui.tr("study_title", {{"name", o.title.get(ui.lang)}}), w,
              ui.theme().text);
    routes(ui, v, o, w, out);
    limits(ui, o, w);
    institutions(ui, c, o, s, w, out);
    ImGui::Dummy(ImVec2(0, ui.em(1.f)));
    const std::string all = ui.tr("study_all_institutions");
    const float bw = std::min(w, textWidth(ui.fonts.bold, all) + ui.em(3.f));
    if (button(ui, "study_all_institutions", all, ImVec2(bw, buttonHeight(ui, all, bw, ui.em(3.f))),
               Tone::Secondary))
        out.emit(intent::Push{{flow::ScreenId::Institutions, s.oblast}});
    ImGui::Dummy(ImVec2(0, ui.em(2.f)));
    endDragScroll(ui, "study_page");
    pageButtons(ui, "study_page", ImVec2(ws.x - margin - ui.em(4.f), top), h);
}

std::string study::speakStudy(const Ui& ui, const catalog::Content& c, const std::string& occupationId,
                              const StudyView& s) {
    const int oi = c.occupationIndex(occupationId);
    if (oi < 0) return {};
    const catalog::Occupation& o = c.occupations[size_t(oi)];
    std::string t;
    addSpoken(t, ui.tr("study_title", {{"name", o.title.get(ui.lang)}}));
    addSpoken(t, ui.tr("study_routes"));
    const auto groups = catalog::routeGroups(o);
    if (groups.empty()) addSpoken(t, ui.tr("study_no_routes"));
    for (const auto& g : groups) {
        std::string line = entryName(ui, g.id) + ": ";
        for (size_t i = 0; i < g.paths.size(); ++i)
            line += (i ? "; " : "") + routeText(ui, g.paths[i], ", ", ", ");
        addSpoken(t, line);
    }
    if (o.requirement) {
        addSpoken(t, ui.tr("study_requires"));
        addSpoken(t, o.requirement->get(ui.lang));
    }
    if (o.minAge > 0) addSpoken(t, ui.tr("study_min_age", {{"n", o.minAge}}));
    if (o.ageNote) addSpoken(t, o.ageNote->get(ui.lang));
    addSpoken(t, ui.tr("study_where"));
    const std::vector<int> list = c.institutionsTeaching(o.id, s.oblast);
    if (list.empty()) addSpoken(t, ui.tr("study_no_institutions"));
    for (int i : list) addSpoken(t, speakInstitution(ui, c, i));
    return t;
}

} // namespace kesip::ui
