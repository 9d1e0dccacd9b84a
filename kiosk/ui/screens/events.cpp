// The centre's coming events as visitors see them: the events screen, the home strip, the field and
// occupation pages' pieces. Each card offers "Add to my diary" (the diary's trial screen, prefilled).
#include "ui/screens/events.hpp"

#include <algorithm>

namespace kesip::ui {

namespace {

std::string dmy(const std::string& iso) { // YYYY-MM-DD -> DD.MM.YYYY
    if (iso.size() != 10) return iso;
    return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

std::string kindName(const Ui& ui, const std::string& kind) {
    const char* k = events::kindNameKey(kind);
    return *k ? ui.tr(k) : kind;
}

std::string oblastName(const Ui& ui, const std::string& oblast) {
    const std::string key = "demo_oblast_" + oblast;
    return ui.catalog().has(ui.lang, key) ? ui.tr(key) : oblast;
}

// "Job fair · 10.03.2027 – 11.03.2027 · Tokmok, Chui oblast"
std::string metaLine(const Ui& ui, const events::Event& e) {
    return kindName(ui, e.kind) + " \xC2\xB7 " + eventDates(e) + " \xC2\xB7 " + e.place + ", " +
           oblastName(ui, e.oblast);
}

float cardH(Ui& ui, const events::Event& e, float w) {
    const float iw = w - ui.em(2.f);
    float h = ui.em(2.f) + paragraphHeight(ui, ui.fonts.bold, e.titleIn(ui.lang), iw) +
              paragraphHeight(ui, ui.fonts.body, metaLine(ui, e), iw);
    if (!e.organiser.empty())
        h += paragraphHeight(ui, ui.fonts.body, ui.tr("events_organiser", {{"name", e.organiser}}), iw);
    if (!e.textIn(ui.lang).empty())
        h += ui.em(0.3f) + paragraphHeight(ui, ui.fonts.body, e.textIn(ui.lang), iw);
    const std::string label = ui.tr("events_add_diary");
    const float bw = std::min(iw, std::max(ui.em(14.f), textWidth(ui.fonts.bold, label) + ui.em(2.f)));
    h += ui.em(0.6f) + buttonHeight(ui, label, bw, ui.em(2.8f));
    return h;
}

// One event as a card at the cursor (window coordinates), `w` wide.
void eventCard(Ui& ui, const EventsView& ev, const events::Event& e, float w, Intents& out) {
    const Theme& t = ui.theme();
    const float iw = w - ui.em(2.f);
    const ImVec2 c = ImGui::GetCursorPos();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = cardH(ui, e, w);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), col(t.card), ui.em(0.5f));
    dl->AddRectFilled(p, ImVec2(p.x + ui.em(0.3f), p.y + h), col(t.primary), ui.em(0.5f),
                      ImDrawFlags_RoundCornersLeft);
    const float x = c.x + ui.em(1.f);
    ImGui::SetCursorPos(ImVec2(x, c.y + ui.em(1.f)));
    paragraph(ui, ui.fonts.bold, e.titleIn(ui.lang), iw, t.text);
    ImGui::SetCursorPosX(x);
    paragraph(ui, ui.fonts.body, metaLine(ui, e), iw, t.primary);
    if (!e.organiser.empty()) {
        ImGui::SetCursorPosX(x);
        paragraph(ui, ui.fonts.body, ui.tr("events_organiser", {{"name", e.organiser}}), iw, t.muted);
    }
    if (!e.textIn(ui.lang).empty()) {
        ImGui::SetCursorPos(ImVec2(x, ImGui::GetCursorPosY() + ui.em(0.3f)));
        paragraph(ui, ui.fonts.body, e.textIn(ui.lang), iw, t.text);
    }
    {
        const std::string label = ui.tr("events_add_diary");
        const float bw = std::min(iw, std::max(ui.em(14.f), textWidth(ui.fonts.bold, label) + ui.em(2.f)));
        ImGui::SetCursorPos(ImVec2(x, ImGui::GetCursorPosY() + ui.em(0.6f)));
        const std::string key = "event_diary_" + std::to_string(e.id);
        if (button(ui, key.c_str(), label, ImVec2(bw, buttonHeight(ui, label, bw, ui.em(2.8f))),
                   Tone::Secondary))
            out.emit(ev.diaryOpen ? intent::Push{{flow::ScreenId::Trial, "event:" + std::to_string(e.id)}}
                                  : intent::Push{{flow::ScreenId::DiaryUnlock, {}}});
    }
    ImGui::SetCursorPos(ImVec2(c.x, c.y + h + ui.em(0.8f)));
}

// The strip's label: the soonest event, and how many more there are.
std::string stripLabel(const Ui& ui, const std::vector<events::Event>& list, bool withPlace) {
    const events::Event& e = list.front();
    std::string s = e.titleIn(ui.lang) + " \xE2\x80\x94 " + eventDates(e);
    if (withPlace) s += ", " + e.place;
    if (list.size() > 1) s += " " + ui.tr("events_and_more", {{"n", int(list.size() - 1)}});
    return s;
}

} // namespace

std::string& eventAttr(events::Event& e, int attr) {
    switch (attr) {
    case EventEditorView::TitleRu:
        return e.title.ru;
    case EventEditorView::Organiser:
        return e.organiser;
    case EventEditorView::Place:
        return e.place;
    case EventEditorView::TextKy:
        return e.text.ky;
    case EventEditorView::TextRu:
        return e.text.ru;
    default:
        return e.title.ky;
    }
}

const std::string& eventAttr(const events::Event& e, int attr) {
    return eventAttr(const_cast<events::Event&>(e), attr);
}

std::string eventDates(const events::Event& e) {
    if (e.end.empty() || e.end == e.start) return dmy(e.start);
    return dmy(e.start) + " \xE2\x80\x93 " + dmy(e.end);
}

void drawEvents(Ui& ui, const View& v, const EventsView& ev, Intents& out) {
    const Theme& t = ui.theme();
    drawTopBar(ui, v, out);
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(2.f);
    const float top = topBarHeight(ui) + ui.em(1.f);
    // Linked to a field or occupation ("field:<id>", "occupation:<id>"): its name in the heading.
    std::string title = ui.tr("events_title");
    const std::string& param = v.route.param;
    if (v.content) {
        const auto colon = param.find(':');
        const std::string kind = param.substr(0, colon),
                          id = colon == std::string::npos ? "" : param.substr(colon + 1);
        const int fi = kind == "field" ? v.content->fieldIndex(id) : -1;
        const int oi = kind == "occupation" ? v.content->occupationIndex(id) : -1;
        if (fi >= 0)
            title = ui.tr("events_title_for", {{"name", v.content->fields[size_t(fi)].name.get(ui.lang)}});
        if (oi >= 0)
            title =
                ui.tr("events_title_for", {{"name", v.content->occupations[size_t(oi)].title.get(ui.lang)}});
    }
    const float full = ws.x - 2 * margin;
    ImGui::SetCursorPos(ImVec2(margin, top));
    paragraph(ui, ui.fonts.heading, title, full, t.text);
    const float listTop = ImGui::GetCursorPosY() + ui.em(0.6f);
    if (ev.coming.empty()) {
        ImGui::SetCursorPos(ImVec2(margin, listTop));
        paragraph(ui, ui.fonts.body, ui.tr("events_none"), full, t.muted);
        return;
    }
    const float h = ws.y - listTop - ui.em(1.f);
    const float w = full - pageButtonsWidth(ui);
    const float cw = std::min(w - ui.em(1.f), ui.em(56.f)); // readable line length
    ImGui::SetCursorPos(ImVec2(margin, listTop));
    beginDragScroll(ui, "events_list", ImVec2(w, h));
    for (const auto& e : ev.coming) eventCard(ui, ev, e, cw, out);
    endDragScroll(ui, "events_list");
    pageButtons(ui, "events_list", ImVec2(ws.x - margin - ui.em(4.f), listTop), h);
}

void homeEventsStrip(Ui& ui, const EventsView* ev, ImVec2 pos, float width, float height, Intents& out) {
    if (!ev || ev->coming.empty() || width < ui.em(8.f)) return;
    std::string label = ui.tr("events_home", {{"what", stripLabel(ui, ev->coming, false)}});
    // Too long for the bar (narrow screen, large text): only the invitation.
    float bh = buttonHeight(ui, label, width, ui.em(3.f));
    if (bh > height - ui.em(0.4f)) {
        label = ui.tr("events_home_short");
        bh = buttonHeight(ui, label, width, ui.em(3.f));
    }
    if (bh > height - ui.em(0.4f)) return;
    ImGui::SetCursorPos(ImVec2(pos.x, pos.y + (height - bh) * 0.5f));
    if (button(ui, "events_home", label, ImVec2(width, bh), Tone::Secondary))
        out.emit(intent::Push{{flow::ScreenId::Events, {}}});
}

void fieldEventsStrip(Ui& ui, const EventsView* ev, const std::string& fieldId, float width, Intents& out) {
    if (!ev || ev->coming.empty()) return;
    const std::string label = ui.tr("events_field", {{"what", stripLabel(ui, ev->coming, true)}});
    const float x = ImGui::GetCursorPosX();
    if (button(ui, "events_field", label, ImVec2(width, buttonHeight(ui, label, width, ui.em(2.8f))),
               Tone::Secondary))
        out.emit(intent::Push{{flow::ScreenId::Events, "field:" + fieldId}});
    ImGui::SetCursorPos(ImVec2(x, ImGui::GetCursorPosY() + ui.em(0.3f)));
}

void occupationEventsSection(Ui& ui, const EventsView* ev, const std::string& occupationId, float width,
                             Intents& out) {
    if (!ev || ev->coming.empty()) return;
    ImGui::Dummy(ImVec2(0, ui.em(0.7f)));
    paragraph(ui, ui.fonts.heading, ui.tr("occ_events"), width, ui.theme().text);
    for (size_t i = 0; i < ev->coming.size() && i < 3; ++i) {
        const events::Event& e = ev->coming[i];
        const std::string label = e.titleIn(ui.lang) + " \xE2\x80\x94 " + metaLine(ui, e);
        const std::string key = "occ_event_" + std::to_string(e.id);
        if (button(ui, key.c_str(), label, ImVec2(width, buttonHeight(ui, label, width, ui.em(2.8f))),
                   Tone::Secondary))
            out.emit(intent::Push{{flow::ScreenId::Events, "occupation:" + occupationId}});
        ImGui::Dummy(ImVec2(0, ui.em(0.2f)));
    }
}

} // namespace kesip::ui
