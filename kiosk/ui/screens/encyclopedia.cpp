#include <algorithm>

#include "ui/screens/events.hpp"
#include "ui/screens/screens.hpp"

namespace kesip::ui {

using l10n::K;

namespace {

std::string utf8(uint32_t cp) {
    std::string s;
    if (cp < 0x80)
        s += char(cp);
    else if (cp < 0x800)
        s += char(0xC0 | (cp >> 6)), s += char(0x80 | (cp & 0x3F));
    else
        s += char(0xE0 | (cp >> 12)), s += char(0x80 | ((cp >> 6) & 0x3F)), s += char(0x80 | (cp & 0x3F));
    return s;
}

float listRowHeight(Ui& ui, const std::string& title, const std::string& sub, float w) {
    const float tw = w - ui.em(2.f);
    return std::max(ui.em(3.4f), ui.em(0.9f) + paragraphHeight(ui, ui.fonts.bold, title, tw) +
                                     (sub.empty() ? 0.f : paragraphHeight(ui, ui.fonts.body, sub, tw)));
}

// A wide list row: title in bold, one muted sentence under it; as tall as they need.
bool listRow(Ui& ui, const std::string& key, const std::string& title, const std::string& sub, float w) {
    const Theme& t = ui.theme();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float tw = w - ui.em(2.f);
    const float titleH = paragraphHeight(ui, ui.fonts.bold, title, tw);
    const float subH = sub.empty() ? 0.f : paragraphHeight(ui, ui.fonts.body, sub, tw);
    const float h = std::max(ui.em(3.4f), ui.em(0.9f) + titleH + subH);
    bool clicked = ImGui::InvisibleButton(key.c_str(), ImVec2(w, h));
    bool held = ImGui::IsItemActive() && wasTap(ui);
    ui.noteItem(key, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 q(p.x + w, p.y + h);
    dl->AddRectFilled(p, q, col(held ? t.secondary : t.card), ui.em(0.4f));
    dl->AddRectFilled(p, ImVec2(p.x + ui.em(0.3f), q.y), col(t.primary), ui.em(0.4f),
                      ImDrawFlags_RoundCornersLeft);
    const float y = p.y + ui.em(0.45f);
    drawText(ui, ui.fonts.bold, title, ImVec2(p.x + ui.em(1.f), y), tw, t.text, Align::Left,
             TextKind::ListRow, p, q);
    if (!sub.empty())
        drawText(ui, ui.fonts.body, sub, ImVec2(p.x + ui.em(1.f), y + titleH), tw, t.muted, Align::Left,
                 TextKind::ListRow, p, q);
    ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
    return clicked && wasTap(ui);
}

std::string firstSentence(const std::string& s) {
    auto p = s.find(". ");
    return p == std::string::npos ? s : s.substr(0, p + 1);
}

void unavailable(Ui& ui, const View& v, Intents& out) {
    drawTopBar(ui, v, out);
    const ImVec2 ws = ImGui::GetWindowSize();
    ImGui::SetCursorPos(ImVec2(ui.em(3.f), topBarHeight(ui) + ui.em(4.f)));
    paragraph(ui, ui.fonts.heading, ui.tr("enc_unavailable"), ws.x - ui.em(6.f), ui.theme().text,
              Align::Center);
}

} // namespace

std::string formatDuration(const Ui& ui, int a, int b) {
    auto one = [&](int m) {
        return m % 12 == 0 ? ui.tr("dur_years", {{"n", m / 12}}) : ui.tr("dur_months", {{"n", m}});
    };
    if (a == b) return one(a);
    if (a % 12 == 0 && b % 12 == 0) return ui.tr("dur_years_range", {{"min", a / 12}, {"max", b / 12}});
    if (b < 12) return ui.tr("dur_months_range", {{"min", a}, {"max", b}});
    return ui.tr("dur_mixed", {{"from", one(a)}, {"to", one(b)}});
}

void drawEncyclopedia(Ui& ui, const View& v, Intents& out) {
    if (!v.content) return unavailable(ui, v, out);
    const Theme& t = ui.theme();
    const catalog::Content& c = *v.content;
    drawTopBar(ui, v, out);
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(2.f);
    const float w = ws.x - 2 * margin;
    const std::string title = ui.tr("enc_title"), hint = ui.tr("enc_search_hint");
    // The search box (a big button that opens the search screen with the keyboard) beside the title,
    // or under it when the window is narrow.
    const float titleW = textWidth(ui.fonts.heading, title) + ui.em(1.f);
    // studyui: "places to study" shares the search box's row
    const std::string instLabel = ui.tr("enc_institutions");
    const float instW = std::min(textWidth(ui.fonts.bold, instLabel) + ui.em(2.f), w * 0.4f),
                instGap = ui.em(0.6f);
    const bool searchBeside = w - titleW - ui.em(1.f) - instW - instGap >= std::min(ui.em(26.f), w * 0.45f);
    const float sbW =
        searchBeside ? std::min(ui.em(26.f), w - titleW - ui.em(1.f) - instW - instGap) : w - instW - instGap;
    const ImVec2 sb(sbW,
                    std::max(buttonHeight(ui, hint, sbW, ui.em(3.f)), buttonHeight(ui, instLabel, instW, 0)));
    ImGui::SetCursorPos(ImVec2(margin, topBarHeight(ui) + ui.em(1.f)));
    paragraph(ui, ui.fonts.heading, title, searchBeside ? titleW : w, t.text);
    ImGui::SetCursorPos(searchBeside ? ImVec2(ws.x - margin - sb.x, topBarHeight(ui) + ui.em(0.8f))
                                     : ImVec2(margin, ImGui::GetCursorPosY() + ui.em(0.4f)));
    const ImVec2 sbPos = ImGui::GetCursorPos();
    if (button(ui, "enc_search", hint, sb, Tone::Secondary))
        out.emit(intent::Push{{flow::ScreenId::Search, {}}});
    // Left of the search box beside the title; right of it on its own row.
    ImGui::SetCursorPos(searchBeside ? ImVec2(sbPos.x - instGap - instW, sbPos.y)
                                     : ImVec2(sbPos.x + sb.x + instGap, sbPos.y));
    if (button(ui, "enc_institutions", instLabel, ImVec2(instW, sb.y), Tone::Secondary))
        out.emit(intent::Push{{flow::ScreenId::Institutions, {}}});

    // Fields grid: as many columns (up to 4) as leave a tile 15 em wide, tiles as tall as their names.
    const float gap = ui.em(0.8f);
    const float top = searchBeside ? topBarHeight(ui) + ui.em(5.f) : ImGui::GetCursorPosY() + ui.em(0.8f);
    const float avail = ws.y - top - ui.em(1.f);
    const float textX = ui.em(4.3f), textPad = ui.em(5.f); // the icon column, then the name
    int cols = 1, rows = 1;
    float tw = 0, th = 0;
    // Columns, tile width and height for a grid width; true when the grid is taller than the screen.
    auto layout = [&](float gridW) {
        cols = 1;
        while (cols < 4 && (gridW - gap * float(cols)) / float(cols + 1) >= ui.em(15.f)) ++cols;
        rows = int((c.fields.size() + size_t(cols) - 1) / size_t(cols));
        tw = (gridW - gap * float(cols - 1)) / float(cols);
        float need = ui.em(4.5f);
        for (const auto& f : c.fields)
            need = std::max(
                need, ui.em(1.2f) + paragraphHeight(ui, ui.fonts.bold, f.name.get(ui.lang), tw - textPad) +
                          paragraphHeight(ui, ui.fonts.body,
                                          ui.tr("enc_count", {{"n", int(c.occupationsOfField(f.id).size())}}),
                                          tw - textPad));
        // Tiles fill the screen when they fit (-2: no scrollbar for rounding), else the grid scrolls.
        th = std::max(need, std::min(ui.em(9.f), (avail - gap * float(rows - 1)) / float(rows) - 2.f));
        return float(rows) * th + gap * float(rows - 1) > avail + 1.f;
    };
    const bool scrollNeeded = layout(w) && (layout(w - pageButtonsWidth(ui)), true);
    const float gridW = scrollNeeded ? w - pageButtonsWidth(ui) : w;
    ImGui::SetCursorPos(ImVec2(margin, top));
    beginDragScroll(ui, "fields", ImVec2(gridW, avail));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (size_t i = 0; i < c.fields.size(); ++i) {
        const catalog::Field& f = c.fields[i];
        ImGui::SetCursorPos(
            ImVec2(float(i % size_t(cols)) * (tw + gap), float(i / size_t(cols)) * (th + gap)));
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 q(p.x + tw, p.y + th);
        const std::string key = "field_" + f.id;
        bool clicked = ImGui::InvisibleButton(key.c_str(), ImVec2(tw, th));
        bool held = ImGui::IsItemActive() && wasTap(ui);
        ui.noteItem(key, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        dl->AddRectFilled(p, q, col(held ? t.secondary : t.card), ui.em(0.6f));
        dl->AddRect(p, q, col(t.secondaryActive), ui.em(0.6f), 0, 2.f);
        const std::string icon = utf8(f.icon);
        ImFont* big = ui.fonts.large;
        dl->AddCircleFilled(ImVec2(p.x + ui.em(2.2f), p.y + th * 0.5f), ui.em(1.5f), col(t.bg), 32);
        const ImVec2 isz = big->CalcTextSizeA(big->FontSize, FLT_MAX, 0, icon.c_str());
        dl->AddText(big, big->FontSize,
                    ImVec2(p.x + ui.em(2.2f) - isz.x * 0.5f, p.y + th * 0.5f - isz.y * 0.5f), col(t.primary),
                    icon.c_str());
        const std::string name = f.name.get(ui.lang);
        const std::string count = ui.tr("enc_count", {{"n", int(c.occupationsOfField(f.id).size())}});
        // Name and count centred vertically beside the icon.
        const float nameH = paragraphHeight(ui, ui.fonts.bold, name, tw - textPad);
        const float blockH = nameH + paragraphHeight(ui, ui.fonts.body, count, tw - textPad);
        const float y = p.y + std::max(ui.em(0.6f), (th - blockH) * 0.5f);
        drawText(ui, ui.fonts.bold, name, ImVec2(p.x + textX, y), tw - textPad, t.text, Align::Left,
                 TextKind::Card, p, q);
        drawText(ui, ui.fonts.body, count, ImVec2(p.x + textX, y + nameH), tw - textPad, t.muted, Align::Left,
                 TextKind::Card, p, q);
        ImGui::SetCursorScreenPos(ImVec2(p.x, q.y));
        if (clicked && wasTap(ui)) out.emit(intent::Push{{flow::ScreenId::Field, f.id}});
    }
    endDragScroll(ui, "fields");
    if (scrollNeeded) pageButtons(ui, "fields", ImVec2(ws.x - margin - ui.em(4.f), top), avail);
}

void drawField(Ui& ui, const View& v, Intents& out) {
    if (!v.content) return unavailable(ui, v, out);
    const Theme& t = ui.theme();
    const catalog::Content& c = *v.content;
    const int fi = c.fieldIndex(v.route.param);
    drawTopBar(ui, v, out);
    if (fi < 0) return;
    const catalog::Field& f = c.fields[size_t(fi)];
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(2.f);
    const float full = ws.x - 2 * margin;
    ImGui::SetCursorPos(ImVec2(margin, topBarHeight(ui) + ui.em(1.f)));
    paragraph(ui, ui.fonts.heading, f.name.get(ui.lang), full, t.text);
    ImGui::SetCursorPosX(margin);
    paragraph(ui, ui.fonts.body, f.description.get(ui.lang), full, t.muted);
    ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
    ImGui::SetCursorPosX(margin);
    fieldEventsStrip(ui, v.events, f.id, full, out); // eventsui: coming events linked to the field
    ImGui::SetCursorPosX(margin);
    const float listTop = ImGui::GetCursorPosY();
    const float listH = ws.y - listTop - ui.em(1.f);

    std::vector<int> occ = c.occupationsOfField(f.id);
    catalog::sortByTitle(c, occ, ui.lang);
    // Page buttons only when the list is longer than the screen: measured here, so they never flicker.
    float total = 0;
    const float starW = diaryStarSide(ui) + ui.em(0.5f); // star: each row's star at its right
    for (int o : occ) {
        const catalog::Occupation& oc = c.occupations[size_t(o)];
        total += listRowHeight(ui, oc.title.get(ui.lang), firstSentence(oc.description.get(ui.lang)),
                               full - ui.em(1.f) - starW) +
                 ui.em(0.4f) + 2 * ImGui::GetStyle().ItemSpacing.y; // the row, then its gap
    }
    const bool scroll = total > listH;
    const float w = scroll ? full - pageButtonsWidth(ui) : full;
    beginDragScroll(ui, "field_list", ImVec2(w, listH));
    for (int o : occ) {
        const catalog::Occupation& oc = c.occupations[size_t(o)];
        const std::string title = oc.title.get(ui.lang), sub = firstSentence(oc.description.get(ui.lang));
        const float rw = w - ui.em(1.f) - starW;
        const ImVec2 p = ImGui::GetCursorPos();
        if (listRow(ui, "occ_" + oc.id, title, sub, rw))
            out.emit(intent::Push{{flow::ScreenId::Occupation, oc.id}});
        const ImVec2 next = ImGui::GetCursorPos();
        ImGui::SetCursorPos(ImVec2(p.x + rw + ui.em(0.5f), p.y));
        diaryStar(ui, v, out, oc.id, "encyclopedia", listRowHeight(ui, title, sub, rw)); // star
        ImGui::SetCursorPos(next);
    }
    endDragScroll(ui, "field_list");
    if (scroll) pageButtons(ui, "field_list", ImVec2(ws.x - margin - ui.em(4.f), listTop), listH);
}

void drawOccupation(Ui& ui, const View& v, Intents& out) {
    if (!v.content) return unavailable(ui, v, out);
    const Theme& t = ui.theme();
    const catalog::Content& c = *v.content;
    const int oi = c.occupationIndex(v.route.param);
    drawTopBar(ui, v, out);
    if (oi < 0) return;
    const catalog::Occupation& o = c.occupations[size_t(oi)];
    const Lang L = ui.lang;
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(2.f);
    const float top = topBarHeight(ui) + ui.em(0.8f);
    const float regionW = ws.x - 2 * margin - pageButtonsWidth(ui);
    const float h = ws.y - top - ui.em(1.f);
    ImGui::SetCursorPos(ImVec2(margin, top));
    beginDragScroll(ui, "occ_page", ImVec2(regionW, h));
    const float w = std::min(regionW - ui.em(1.f), ui.em(52.f)); // readable line length
    // The title in large type unless one of its words is wider than the page (portrait, large text).
    const std::string& title = o.title.get(L);
    paragraph(ui, ui.minWidth(ui.fonts.large, title) <= w ? ui.fonts.large : ui.fonts.heading, title, w,
              t.text);
    diaryStar(ui, v, out, o.id, "encyclopedia"); // diaryui
    const int fi = c.fieldIndex(o.field);
    if (fi >= 0)
        paragraph(ui, ui.fonts.bold, ui.tr("occ_field", {{"name", c.fields[size_t(fi)].name.get(L)}}), w,
                  t.primary);
    if (v.interest) {
        std::string types;
        for (char ch : o.riasec) {
            int s = v.interest->scaleIndex(std::string(1, ch));
            if (s >= 0) types += (types.empty() ? "" : ", ") + v.interest->scales[size_t(s)].name.get(L);
        }
        paragraph(ui, ui.fonts.body, ui.tr("occ_types", {{"list", types}}), w, t.text);
    }
    paragraph(ui, ui.fonts.body, ui.tr("occ_isco", {{"code", o.isco}}), w, t.muted);
    ImGui::Dummy(ImVec2(0, ui.em(0.5f)));
    paragraph(ui, ui.fonts.body, o.description.get(L), w, t.text);

    auto section = [&](const char* key) {
        ImGui::Dummy(ImVec2(0, ui.em(0.7f)));
        paragraph(ui, ui.fonts.heading, ui.tr(key), w, t.text);
    };
    section(K("occ_tasks"));
    for (const auto& task : o.tasks(L)) paragraph(ui, ui.fonts.body, "\xC2\xB7 " + task, w, t.text);
    section(K("occ_environment"));
    paragraph(ui, ui.fonts.body, o.environment.get(L), w, t.text);
    if (v.strengths) {
        section(K("occ_competences"));
        std::string list;
        for (const auto& k : o.competences) {
            int s = v.strengths->scaleIndex(k);
            if (s >= 0) list += (list.empty() ? "" : ", ") + v.strengths->scales[size_t(s)].name.get(L);
        }
        paragraph(ui, ui.fonts.body, list, w, t.text);
    }
    section(K("occ_education"));
    for (const auto& e : o.education) {
        const char* pathKey = e.path == "lyceum"       ? K("edu_lyceum")
                              : e.path == "college"    ? K("edu_college")
                              : e.path == "university" ? K("edu_university")
                              : e.path == "course"     ? K("edu_course")
                                                       : K("edu_on_the_job");
        paragraph(ui, ui.fonts.body,
                  "\xC2\xB7 " + ui.tr(pathKey) + " \xE2\x80\x94 " +
                      formatDuration(ui, e.minMonths, e.maxMonths),
                  w, t.text);
    }
    { // studyui: the routes in full and the institutions
        ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
        const std::string label = ui.tr("study_open");
        const float bw = std::min(w, textWidth(ui.fonts.bold, label) + ui.em(3.f));
        if (button(ui, "occ_study", label, ImVec2(bw, buttonHeight(ui, label, bw, ui.em(3.f)))))
            out.emit(intent::Push{{flow::ScreenId::Study, o.id}});
    }
    section(K("occ_outlook"));
    paragraph(ui, ui.fonts.body, o.outlook.get(L), w, t.text);
    occupationEventsSection(ui, v.events, o.id, w, out); // eventsui: coming events linked to it
    if (o.abroad) {
        section(K("occ_abroad"));
        paragraph(ui, ui.fonts.body, o.abroad->get(L), w, t.text);
    }
    if (!o.related.empty()) {
        section(K("occ_related"));
        for (const auto& r : o.related) {
            int ri = c.occupationIndex(r);
            if (ri < 0) continue;
            const catalog::Occupation& ro = c.occupations[size_t(ri)];
            if (listRow(ui, "rel_" + ro.id, ro.title.get(L), firstSentence(ro.description.get(L)), w))
                out.emit(intent::Push{{flow::ScreenId::Occupation, ro.id}});
        }
    }
    ImGui::Dummy(ImVec2(0, ui.em(2.f)));
    endDragScroll(ui, "occ_page");
    pageButtons(ui, "occ_page", ImVec2(ws.x - margin - ui.em(4.f), top), h);
}

} // namespace kesip::ui
