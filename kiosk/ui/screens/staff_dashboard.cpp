// The staff screen: key figures, distributions, USB export, settings (staff only, never a visitor).
#include <algorithm>
#include <functional>

#include "sync/summary.hpp"
#include "ui/screens/staff_common.hpp"

namespace kesip::ui {

using l10n::K;

namespace {

// Key figures: sessions and completion, today / week / total, three cards side by side at the cursor
// (window-local x0). Small cells shown as "<5".
void staffFigures(Ui& ui, const StaffView& sv, float x0, float colW) {
    const Theme& t = ui.theme();
    const review::Counts* periods[] = {&sv.dashboard.today, &sv.dashboard.week, &sv.dashboard.total};
    const char* periodKeys[] = {K("staff_today"), K("staff_week"), K("staff_total")};
    const float cw = (colW - 2 * ui.em(0.6f)) / 3.f;
    const float iw = cw - ui.em(1.6f);
    struct Fig {
        std::string period, n, interest, strengths;
    };
    std::vector<Fig> figs;
    float cardH = 0;
    for (int i = 0; i < 3; ++i) {
        const review::Counts& c = *periods[i];
        const int64_t n = c.get("sessions");
        Fig f{ui.tr(periodKeys[i]), sync::cell(n),
              ui.tr("staff_done_interest") + ": " +
                  ui.tr("staff_rate", {{"done", sync::cell(c.get("done:interest"))},
                                       {"percent", ratePercent(c.get("done:interest"), n)}}),
              ui.tr("staff_done_strengths") + ": " +
                  ui.tr("staff_rate", {{"done", sync::cell(c.get("done:strengths"))},
                                       {"percent", ratePercent(c.get("done:strengths"), n)}})};
        if (i < 2) f.interest.clear(), f.strengths.clear(); // tests done: whole days only (disclosure.hpp)
        cardH = std::max(cardH, ui.em(1.4f) + paragraphHeight(ui, ui.fonts.bold, f.period, iw) +
                                    paragraphHeight(ui, ui.fonts.large, f.n, iw) +
                                    paragraphHeight(ui, ui.fonts.body, f.interest, iw) +
                                    paragraphHeight(ui, ui.fonts.body, f.strengths, iw));
        figs.push_back(std::move(f));
    }
    const float cardTop = ImGui::GetCursorPosY() + ui.em(0.4f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Screen position of the window's (scrolled) origin: cards are drawn at window-local positions.
    const ImVec2 wo(ImGui::GetCursorScreenPos().x - ImGui::GetCursorPosX(),
                    ImGui::GetCursorScreenPos().y - ImGui::GetCursorPosY());
    for (int i = 0; i < 3; ++i) {
        const float cx = x0 + float(i) * (cw + ui.em(0.6f));
        const ImVec2 p(wo.x + cx, wo.y + cardTop);
        dl->AddRectFilled(p, ImVec2(p.x + cw, p.y + cardH), col(t.card), ui.em(0.5f));
        const ImVec2 q(p.x + cw, p.y + cardH);
        float y = p.y + ui.em(0.5f);
        for (auto [text, font] : {std::pair{&figs[size_t(i)].period, ui.fonts.bold},
                                  std::pair{&figs[size_t(i)].n, ui.fonts.large},
                                  std::pair{&figs[size_t(i)].interest, ui.fonts.body},
                                  std::pair{&figs[size_t(i)].strengths, ui.fonts.body}})
            if (!text->empty())
                y += drawText(ui, font, *text, ImVec2(p.x + ui.em(0.8f), y), iw,
                              font == ui.fonts.bold ? t.muted : t.text, Align::Left, TextKind::Card, p, q);
    }
    ImGui::SetCursorPos(ImVec2(x0, cardTop + cardH + ui.em(0.8f)));
}

// Distributions over all time.
void staffDistributions(Ui& ui, const View& v, float x0, float w) {
    const Theme& t = ui.theme();
    const review::Counts& total = v.staff->dashboard.total;
    auto dist = [&](const char* titleKey, const std::string& prefix,
                    const std::function<std::string(const std::string&)>& label) {
        std::vector<std::pair<int64_t, std::string>> rows;
        for (const auto& [k, n] : total.byKey)
            if (k.rfind(prefix, 0) == 0) rows.push_back({n, k.substr(prefix.size())});
        std::sort(rows.rbegin(), rows.rend());
        // No-break spaces keep each count with its label and each separator at the end of a line.
        std::string line;
        for (size_t i = 0; i < rows.size() && i < 6; ++i)
            line += (line.empty() ? "" : "\xC2\xA0\xC2\xB7 ") + label(rows[i].second) + "\xC2\xA0" +
                    sync::cell(rows[i].first);
        ImGui::SetCursorPosX(x0);
        paragraph(ui, ui.fonts.bold, ui.tr(titleKey), w, t.text);
        ImGui::SetCursorPosX(x0);
        paragraph(ui, ui.fonts.body, line.empty() ? std::string("\xE2\x80\x94") : line, w, t.text);
        ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
    };
    auto typeName = [&](const std::string& k) {
        int s = v.interest ? v.interest->scaleIndex(k) : -1;
        return s >= 0 ? v.interest->scales[size_t(s)].name.get(ui.lang) : k;
    };
    auto fieldName = [&](const std::string& k) {
        int f = v.content ? v.content->fieldIndex(k) : -1;
        return f >= 0 ? v.content->fields[size_t(f)].name.get(ui.lang) : k;
    };
    auto langName = [&](const std::string& k) { return ui.tr(k == "ky" ? K("lang_ky") : K("lang_ru")); };
    auto age = [&](const std::string& k) { return demoLabel(ui, "age", k); };
    auto status = [&](const std::string& k) { return demoLabel(ui, "status", k); };
    auto oblast = [&](const std::string& k) { return demoLabel(ui, "oblast", k); };
    dist(K("staff_lang_split"), "lang:", langName);
    dist(K("staff_types"), "type:", typeName);
    dist(K("staff_fields"), "field:", fieldName);
    dist(K("sum_age_bands"), "age:", age);
    dist(K("sum_statuses"), "status:", status);
    dist(K("sum_oblasts"), "oblast:", oblast);
    paragraph(ui, ui.fonts.body, ui.tr("staff_stats_note"), w, t.muted);
}

// Two buttons side by side when both fit the column, else one under the other.
void buttonPair(Ui& ui, float x0, float colW, const char* k1, const std::string& l1, float w1, const char* k2,
                const std::string& l2, float w2, bool enabled, bool& c1, bool& c2,
                Tone t1 = Tone::Secondary) {
    w1 = std::min(w1, colW), w2 = std::min(w2, colW);
    // Narrower, side by side, when that still leaves each label its longest word.
    const float half = (colW - ui.em(0.6f)) * 0.5f;
    if (k2 && w1 + ui.em(0.6f) + w2 > colW &&
        half >= std::max(ui.minWidth(ui.fonts.bold, l1), ui.minWidth(ui.fonts.bold, l2)) + ui.em(1.6f))
        w1 = w2 = half;
    const float h = std::max(buttonHeight(ui, l1, w1, ui.em(3.f)), buttonHeight(ui, l2, w2, ui.em(3.f)));
    ImGui::SetCursorPosX(x0);
    c1 = button(ui, k1, l1, ImVec2(w1, h), t1, enabled);
    if (w1 + ui.em(0.6f) + w2 <= colW)
        ImGui::SameLine(0, ui.em(0.6f));
    else
        ImGui::SetCursorPosX(x0);
    c2 = k2 && button(ui, k2, l2, ImVec2(w2, h), Tone::Secondary, enabled);
}

// USB export, settings and problems, in a column at window-local x0.
void staffActions(Ui& ui, const View& v, float x0, float colW, Intents& out) {
    const Theme& t = ui.theme();
    const StaffView& sv = *v.staff;
    ImGui::SetCursorPosX(x0);
    paragraph(ui, ui.fonts.heading, ui.tr("staff_usb"), colW, t.text);
    if (sv.sticks.empty()) {
        ImGui::SetCursorPosX(x0);
        paragraph(ui, ui.fonts.body, ui.tr("staff_no_stick"), colW, t.muted);
    }
    for (size_t i = 0; i < sv.sticks.size() && i < 3; ++i) {
        const sync::Stick& s = sv.sticks[i];
        char freeText[32];
        std::snprintf(freeText, sizeof freeText, "%.1f GB", double(s.freeBytes) / 1e9);
        ImGui::SetCursorPosX(x0);
        paragraph(ui, ui.fonts.bold,
                  ui.tr("staff_stick", {{"label", s.label}, {"free", std::string(freeText)}}), colW, t.text);
        const bool pack = i < sv.stickHasPack.size() && sv.stickHasPack[i];
        const std::string k1 = "staff_export_" + std::to_string(i), k2 = "staff_install_" + std::to_string(i);
        bool exp = false, inst = false;
        buttonPair(ui, x0, colW, k1.c_str(), ui.tr("staff_export"), ui.em(14.f), pack ? k2.c_str() : nullptr,
                   ui.tr("staff_content_install"), ui.em(16.f), !sv.exporting, exp, inst, Tone::Primary);
        if (exp) out.emit(intent::ExportTo{s.path});
        if (inst) out.emit(intent::InstallPack{s.path});
        ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
    }
    if (sv.exporting) {
        ImGui::SetCursorPosX(x0);
        progressBar(ui, float(sv.exportPercent) / 100.f, ImVec2(colW, ui.em(1.f)));
        ImGui::SetCursorPosX(x0);
        paragraph(ui, ui.fonts.body, ui.tr("staff_exporting", {{"percent", sv.exportPercent}}), colW, t.text);
    }
    if (!sv.message.empty()) {
        ImGui::SetCursorPosX(x0);
        paragraph(ui, ui.fonts.bold, sv.message, colW, sv.messageIsError ? t.primary : t.text);
    }
    ImGui::Dummy(ImVec2(0, ui.em(1.f)));
    ImGui::SetCursorPosX(x0);
    paragraph(ui, ui.fonts.heading, ui.tr("staff_settings"), colW, t.text);
    bool counselorPin = false, staffPin = false;
    buttonPair(ui, x0, colW, "staff_set_counselor_pin", ui.tr("pin_set_counselor"), ui.em(16.f),
               "staff_set_staff_pin", ui.tr("pin_set_staff"), ui.em(16.f), true, counselorPin, staffPin);
    if (counselorPin) out.emit(intent::SetCounselorPin{});
    if (staffPin) out.emit(intent::SetStaffPin{});
    if (sv.volumePercent >= 0) {
        ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
        ImGui::SetCursorPosX(x0);
        paragraph(ui, ui.fonts.bold, ui.tr("staff_volume", {{"percent", sv.volumePercent}}), colW, t.text);
        ImGui::SetCursorPosX(x0);
        if (button(ui, "staff_volume_down", "\xE2\x80\x93", ImVec2(ui.em(4.f), ui.em(3.f)), Tone::Secondary))
            out.emit(intent::VolumeStep{-1});
        ImGui::SameLine(0, ui.em(0.6f));
        if (button(ui, "staff_volume_up", "+", ImVec2(ui.em(4.f), ui.em(3.f)), Tone::Secondary))
            out.emit(intent::VolumeStep{1});
    }
    if (!sv.problems.empty()) {
        ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
        ImGui::SetCursorPosX(x0);
        paragraph(ui, ui.fonts.heading, ui.tr("staff_problems"), colW, t.primary);
        for (size_t i = 0; i < sv.problems.size() && i < 6; ++i) {
            ImGui::SetCursorPosX(x0);
            paragraph(ui, ui.fonts.body, sv.problems[i], colW, t.text);
        }
    }
    ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
    ImGui::SetCursorPosX(x0);
    const std::string rb = ui.tr("staff_content_rollback");
    const float rw = std::min(ui.em(16.f), colW);
    if (button(ui, "staff_content_rollback", rb, ImVec2(rw, buttonHeight(ui, rb, rw, ui.em(3.f))),
               Tone::Secondary))
        out.emit(intent::RollbackPack{});
}

// eventsui: the centre's events (add, edit, import events.csv), staff only.
void staffEventsButton(Ui& ui, const View& v, float x0, float colW, Intents& out) {
    if (!v.staff->isStaff) return;
    ImGui::SetCursorPosX(x0);
    const std::string ev = ui.tr("staff_events");
    const float ew = std::min(ui.em(16.f), colW);
    if (button(ui, "staff_events", ev, ImVec2(ew, buttonHeight(ui, ev, ew, ui.em(3.f)))))
        out.emit(intent::EventsOpenEditor{});
    ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
}

} // namespace

void drawStaff(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    const StaffView& sv = *v.staff;
    const float barH = staffBar(ui, v, out, ui.tr("staff_title"));
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(1.5f);
    const std::string centre =
        ui.tr("staff_centre", {{"centre", sv.centreId}, {"kiosk", sv.kioskId}, {"key", sv.kioskKey}});
    if (ws.x < ui.em(60.f)) {
        // Narrow (portrait, large text): one column that scrolls.
        const bool scroll = overflows(ui, "staff_page");
        const float regionW = ws.x - 2 * margin - (scroll ? pageButtonsWidth(ui) : 0.f);
        const float h = ws.y - barH - ui.em(1.5f);
        ImGui::SetCursorPos(ImVec2(margin, barH + ui.em(1.f)));
        beginDragScroll(ui, "staff_page", ImVec2(regionW, h));
        const float w = regionW - ui.em(0.5f);
        paragraph(ui, ui.fonts.body, centre, w, t.muted);
        staffEventsButton(ui, v, 0, w, out); // eventsui
        staffFigures(ui, sv, 0, w);
        staffActions(ui, v, 0, w, out);
        ImGui::Dummy(ImVec2(0, ui.em(1.f)));
        staffDistributions(ui, v, 0, w);
        endDragScroll(ui, "staff_page");
        if (scroll) pageButtons(ui, "staff_page", ImVec2(ws.x - margin - ui.em(4.f), barH + ui.em(1.f)), h);
        return;
    }
    const float colW = (ws.x - 3 * margin) * 0.5f;
    ImGui::SetCursorPos(ImVec2(margin, barH + ui.em(1.f)));
    paragraph(ui, ui.fonts.body, centre, colW, t.muted);
    ImGui::SetCursorPosX(margin);
    staffFigures(ui, sv, margin, colW);
    staffEventsButton(ui, v, margin, colW, out); // eventsui
    beginDragScroll(ui, "dashboard", ImVec2(colW, ws.y - ImGui::GetCursorPosY() - ui.em(0.5f)));
    staffDistributions(ui, v, 0, colW - ui.em(1.f));
    endDragScroll(ui, "dashboard");

    // Right column: USB export and PINs.
    ImGui::SetCursorPos(ImVec2(2 * margin + colW, barH + ui.em(1.f)));
    staffActions(ui, v, 2 * margin + colW, colW, out);
}

} // namespace kesip::ui
