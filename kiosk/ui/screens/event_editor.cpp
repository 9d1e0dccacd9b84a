// Staff: the centre's events. The list with "New event" and "Import events.csv from the stick", or the
// form of one event typed with the on-screen keyboard (dates by steppers, kind, oblast and links by
// buttons). Everything it does is an intent; app/events_mode.cpp applies them.
#include <algorithm>

#include "catalog/content.hpp"
#include "ui/screens/events.hpp"
#include "ui/screens/keyboard.hpp"
#include "ui/screens/staff_common.hpp"
#include "util/utf8.hpp"

namespace kesip::ui {

using l10n::K;

namespace {

const char* const kAttrKeys[EventEditorView::AttrCount] = {K("events_f_title_ky"),  K("events_f_title_ru"),
                                                           K("events_f_organiser"), K("events_f_place"),
                                                           K("events_f_text_ky"),   K("events_f_text_ru")};

// Buttons laid out left to right, wrapping onto further rows, inside `w` from `x0`.
struct Flow {
    float x0, w, x, y, rowH = 0;
    Flow(float x0_, float w_, float y_) : x0(x0_), w(w_), x(x0_), y(y_) {}
    bool add(Ui& ui, const std::string& key, const std::string& label, bool selected, float minW = 0) {
        const float bw = std::min(w, std::max(minW, textWidth(ui.fonts.bold, label) + ui.em(1.6f)));
        const float bh = buttonHeight(ui, label, bw, ui.em(2.6f));
        if (x > x0 && x + bw > x0 + w) x = x0, y += rowH + ui.em(0.4f), rowH = 0;
        ImGui::SetCursorPos(ImVec2(x, y));
        const bool hit =
            button(ui, key.c_str(), label, ImVec2(bw, bh), selected ? Tone::Primary : Tone::Secondary);
        x += bw + ui.em(0.4f);
        rowH = std::max(rowH, bh);
        return hit;
    }
    void end(Ui& ui) { ImGui::SetCursorPos(ImVec2(x0, y + rowH + ui.em(0.6f))); }
};

// Day, month and year steppers of one date: "− 15 +  − 01 +  − 2027 +", wrapping by group.
void dateSteppers(Ui& ui, const std::string& iso, bool end, float x0, float w, Intents& out) {
    const Theme& t = ui.theme();
    const std::string parts[3] = {iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4)};
    const float bw = ui.em(2.8f), vw = ui.em(4.2f), bh = ui.em(2.6f), gw = 2 * bw + vw + ui.em(0.8f);
    float x = x0, y = ImGui::GetCursorPosY();
    for (int p = 0; p < 3; ++p) {
        if (x > x0 && x + gw > x0 + w) x = x0, y += bh + ui.em(0.4f);
        const std::string k = std::string(end ? "event_end_" : "event_start_") + "dmy"[p];
        ImGui::SetCursorPos(ImVec2(x, y));
        if (button(ui, (k + "_minus").c_str(), "\xE2\x80\x93", ImVec2(bw, bh), Tone::Secondary))
            out.emit(intent::EventDateStep{end, p, -1});
        ImGui::SetCursorPos(ImVec2(x + bw, y + (bh - lineHeight(ui.fonts.bold)) * 0.5f));
        paragraph(ui, ui.fonts.bold, parts[p], vw, t.text, Align::Center);
        ImGui::SetCursorPos(ImVec2(x + bw + vw, y));
        if (button(ui, (k + "_plus").c_str(), "+", ImVec2(bw, bh), Tone::Secondary))
            out.emit(intent::EventDateStep{end, p, 1});
        x += gw + ui.em(0.6f);
    }
    ImGui::SetCursorPos(ImVec2(x0, y + bh + ui.em(0.6f)));
}

void editorList(Ui& ui, const View& v, const EventEditorView& ed, float w, Intents& out) {
    const Theme& t = ui.theme();
    const float bw = std::min(w, ui.em(20.f));
    const std::string add = ui.tr("events_new");
    if (button(ui, "event_new", add, ImVec2(bw, buttonHeight(ui, add, bw, ui.em(3.f)))))
        out.emit(intent::EventNew{});
    ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
    paragraph(ui, ui.fonts.body, ui.tr("events_import_hint"), w, t.muted);
    const auto& sticks = v.staff ? v.staff->sticks : std::vector<sync::Stick>{};
    if (sticks.empty()) paragraph(ui, ui.fonts.body, ui.tr("staff_no_stick"), w, t.muted);
    for (size_t i = 0; i < sticks.size() && i < 3; ++i) {
        const std::string label = ui.tr("events_import", {{"label", sticks[i].label}});
        const float iw = std::min(w, std::max(ui.em(20.f), textWidth(ui.fonts.bold, label) + ui.em(2.f)));
        const std::string key = "events_import_" + std::to_string(i);
        if (button(ui, key.c_str(), label, ImVec2(iw, buttonHeight(ui, label, iw, ui.em(3.f))),
                   Tone::Secondary, !ed.importing))
            out.emit(intent::EventsImport{sticks[i].path});
        ImGui::Dummy(ImVec2(0, ui.em(0.2f)));
    }
    if (ed.importing) paragraph(ui, ui.fonts.bold, ui.tr("events_importing"), w, t.text);
    for (const auto& line : ed.lines)
        paragraph(ui, ui.fonts.body, line, w, ed.linesAreError ? t.primary : t.text);
    ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
    paragraph(ui, ui.fonts.heading, ui.tr(ed.list.empty() ? "events_list_none" : "events_list_title"), w,
              t.text);
    for (const auto& e : ed.list) {
        const std::string label = e.titleIn(ui.lang) + " \xE2\x80\x94 " + eventDates(e) + ", " + e.place;
        const std::string key = "event_edit_" + std::to_string(e.id);
        if (button(ui, key.c_str(), label, ImVec2(w, buttonHeight(ui, label, w, ui.em(2.8f))),
                   Tone::Secondary))
            out.emit(intent::EventEdit{e.id});
        ImGui::Dummy(ImVec2(0, ui.em(0.2f)));
    }
}

void editorForm(Ui& ui, const View& v, const EventEditorView& ed, float w, Intents& out) {
    const Theme& t = ui.theme();
    const events::Event& e = ed.draft;
    auto label = [&](const std::string& s) { paragraph(ui, ui.fonts.bold, s, w, t.text); };
    label(ui.tr("events_f_kind"));
    Flow kinds(0, w, ImGui::GetCursorPosY());
    for (const auto& k : events::eventKinds())
        if (kinds.add(ui, "event_kind_" + k, ui.tr(events::kindNameKey(k)), e.kind == k))
            out.emit(intent::EventSetKind{k});
    kinds.end(ui);
    for (int a = 0; a < EventEditorView::AttrCount; ++a) {
        label(ui.tr(kAttrKeys[a]));
        const std::string& value = eventAttr(e, a);
        const std::string shown = value + (ed.focus == a ? "|" : "");
        const std::string text = shown.empty() ? std::string("\xE2\x80\x94") : shown;
        const std::string key = "event_attr_" + std::to_string(a);
        if (button(ui, key.c_str(), text, ImVec2(w, buttonHeight(ui, text, w, ui.em(2.8f))),
                   ed.focus == a ? Tone::Primary : Tone::Secondary))
            out.emit(intent::EventFocus{a});
        ImGui::Dummy(ImVec2(0, ui.em(0.2f)));
    }
    label(ui.tr("events_f_start"));
    dateSteppers(ui, e.start, false, 0, w, out);
    label(ui.tr("events_f_end"));
    dateSteppers(ui, e.end, true, 0, w, out);
    label(ui.tr("events_f_oblast"));
    Flow obl(0, w, ImGui::GetCursorPosY());
    for (const auto& o : catalog::oblastIds()) {
        const std::string name = "demo_oblast_" + o; // the demographics question's oblast names
        if (obl.add(ui, "event_oblast_" + o, ui.tr(name), e.oblast == o)) out.emit(intent::EventSetOblast{o});
    }
    obl.end(ui);
    // Links: a field's button lists its occupations; the field itself and each occupation toggle.
    label(ui.tr("events_f_links"));
    if (v.content) {
        const catalog::Content& c = *v.content;
        auto linked = [](const std::vector<std::string>& l, const std::string& id) {
            return std::find(l.begin(), l.end(), id) != l.end();
        };
        Flow fl(0, w, ImGui::GetCursorPosY());
        for (const auto& f : c.fields) {
            bool any = linked(e.fields, f.id);
            for (int o : c.occupationsOfField(f.id))
                any = any || linked(e.occupations, c.occupations[size_t(o)].id);
            const std::string name = (any ? "\xE2\x9C\x93 " : "") + f.name.get(ui.lang);
            if (fl.add(ui, "event_pick_" + f.id, name, ed.linkField == f.id))
                out.emit(intent::EventPickField{f.id});
        }
        fl.end(ui);
        if (c.fieldIndex(ed.linkField) >= 0) {
            Flow occ(ui.em(1.f), w - ui.em(1.f), ImGui::GetCursorPosY());
            if (occ.add(ui, "event_link_field", ui.tr("events_f_whole_field"),
                        linked(e.fields, ed.linkField)))
                out.emit(intent::EventToggleLink{ed.linkField, false});
            for (int o : c.occupationsOfField(ed.linkField)) {
                const catalog::Occupation& oc = c.occupations[size_t(o)];
                if (occ.add(ui, "event_link_" + oc.id, oc.title.get(ui.lang), linked(e.occupations, oc.id)))
                    out.emit(intent::EventToggleLink{oc.id, true});
            }
            occ.end(ui);
        }
    }
    for (const auto& line : ed.lines)
        paragraph(ui, ui.fonts.bold, line, w, ed.linesAreError ? t.primary : t.text);
    Flow acts(0, w, ImGui::GetCursorPosY() + ui.em(0.4f));
    if (acts.add(ui, "event_save", ui.tr("events_save"), true, ui.em(10.f))) out.emit(intent::EventSave{});
    if (acts.add(ui, "event_cancel", ui.tr("events_cancel"), false, ui.em(10.f)))
        out.emit(intent::EventCancel{});
    if (e.id && acts.add(ui, "event_delete", ui.tr("events_delete"), false, ui.em(10.f)))
        out.emit(intent::EventDelete{});
    acts.end(ui);
}

} // namespace

void drawEventEditor(Ui& ui, const View& v, const EventEditorView& ed, Intents& out) {
    const Theme& t = ui.theme();
    const float barH = staffBar(ui, v, out, ui.tr("events_editor_title"));
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(1.5f);
    const float full = ws.x - 2 * margin;
    const float top = barH + ui.em(1.f);
    const bool keys = ed.editing && ed.keyboard;
    // Under the form, a row: what the keys type into ("Title (ky): text|", its end when long) and
    // "Hide keyboard" / "Show keyboard"; then the keyboard while shown. Hidden, the form has the window.
    const std::string toggle = ui.tr(ed.keyboard ? "events_kb_hide" : "events_kb_show");
    const float tw = std::min(full, std::max(ui.em(12.f), textWidth(ui.fonts.bold, toggle) + ui.em(2.f)));
    std::string typing;
    if (keys) {
        std::u32string value = utf8::decode(eventAttr(ed.draft, ed.focus));
        const bool cut = value.size() > 48;
        typing = ui.tr(kAttrKeys[ed.focus]) + ": " + (cut ? "\xE2\x80\xA6" : "") +
                 utf8::encode(cut ? value.substr(value.size() - 48) : value) + "|";
    }
    const float typingW = full - tw - ui.em(1.f);
    const float th = buttonHeight(ui, toggle, tw, ui.em(2.4f));
    const float rowH = keys ? std::max(th, paragraphHeight(ui, ui.fonts.bold, typing, typingW)) : th;
    const float kbH = keys ? onScreenKeyboardHeight(ui) + ui.em(0.4f) : 0.f;
    float h = ws.y - top - (ed.editing ? rowH + kbH + ui.em(1.f) : ui.em(0.8f));
    // Too short a window for the form beside the keys (large text at 1366x768): the keys and the field
    // they type into alone; "Hide keyboard" brings the form back.
    const bool form = h >= ui.em(6.f);
    if (form) {
        const float regionW = full - pageButtonsWidth(ui);
        const float w = std::min(regionW - ui.em(1.f), ui.em(60.f));
        ImGui::SetCursorPos(ImVec2(margin, top));
        beginDragScroll(ui, "event_editor", ImVec2(regionW, h));
        if (ed.editing)
            editorForm(ui, v, ed, w, out);
        else
            editorList(ui, v, ed, w, out);
        ImGui::Dummy(ImVec2(0, ui.em(1.f)));
        endDragScroll(ui, "event_editor");
        pageButtons(ui, "event_editor", ImVec2(ws.x - margin - ui.em(4.f), top), h);
    } else {
        h = -ui.em(0.4f);
    }
    if (!ed.editing) return;
    const float rowY = top + h + ui.em(0.4f);
    if (keys) {
        ImGui::SetCursorPos(ImVec2(
            margin,
            rowY + std::max(0.f, (rowH - paragraphHeight(ui, ui.fonts.bold, typing, typingW)) * 0.5f)));
        paragraph(ui, ui.fonts.bold, typing, typingW, t.text);
    }
    ImGui::SetCursorPos(ImVec2(ws.x - margin - tw, rowY + (rowH - th) * 0.5f));
    if (button(ui, "event_keyboard", toggle, ImVec2(tw, th), Tone::Secondary))
        out.emit(intent::EventKeyboard{!ed.keyboard});
    if (keys)
        onScreenKeyboardAs<intent::EventType, intent::EventBackspace, intent::EventClearText,
                           intent::EventKbLayout>(ui, ed.layout, ImVec2(margin, ws.y - kbH), full, out);
}

} // namespace kesip::ui
