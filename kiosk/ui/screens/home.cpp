#include "ui/screens/events.hpp"
#include "ui/screens/screens.hpp"

namespace kesip::ui {

using l10n::K;

void drawHome(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    drawTopBar(ui, v, out);
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(2.f);
    const float gap = ui.em(1.2f);
    const float top = topBarHeight(ui) + ui.em(1.5f);

    // printjobs: the "Getting a job" guide, on the title's row at the right (the bottom bar holds the
    // diary buttons and Finish).
    const std::string jobs = ui.tr("home_jobs");
    const float jw = std::min((ws.x - 2 * margin) * 0.45f,
                              std::max(ui.em(11.f), textWidth(ui.fonts.bold, jobs) + ui.em(2.f)));
    const float jh = buttonHeight(ui, jobs, jw, ui.em(2.6f));
    ImGui::SetCursorPos(ImVec2(ws.x - margin - jw, top - ui.em(0.3f)));
    if (button(ui, "home_jobs", jobs, ImVec2(jw, jh), Tone::Secondary))
        out.emit(intent::Push{{flow::ScreenId::Jobs, {}}});
    ImGui::SetCursorPos(ImVec2(margin, top));
    paragraph(ui, ui.fonts.heading, ui.tr("home_title"), ws.x - 3 * margin - jw, t.text);
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), top - ui.em(0.3f) + jh));

    const float gridTop = ImGui::GetCursorPosY() + ui.em(1.f);
    const float bottomBar = ui.em(4.6f);
    auto testMeta = [&](const TestCard& c, int minutes) {
        if (c.completed) return ui.tr("home_done");
        if (c.done > 0) return ui.tr("home_continue", {{"done", c.done}, {"total", c.total}});
        return ui.tr("home_minutes", {{"n", minutes}});
    };
    struct Card {
        const char* key;
        std::string title, desc, meta;
        bool enabled;
    };
    const Card cards[] = {
        {"home_interest", ui.tr("home_interest"),
         ui.tr(v.interestCard.available ? K("home_interest_desc") : K("home_unavailable")),
         v.interestCard.available ? testMeta(v.interestCard, 8) : std::string(), v.interestCard.available},
        {"home_strengths", ui.tr("home_strengths"),
         ui.tr(v.strengthsCard.available ? K("home_strengths_desc") : K("home_unavailable")),
         v.strengthsCard.available ? testMeta(v.strengthsCard, 6) : std::string(), v.strengthsCard.available},
        {"home_encyclopedia", ui.tr("home_encyclopedia"), ui.tr("home_encyclopedia_desc"), {}, true},
        {"home_results",
         ui.tr("home_results"),
         ui.tr(v.hasResults ? K("home_results_desc") : K("home_results_none")),
         {},
         v.hasResults}};
    // Two columns when a card can be 22 em wide, else one (portrait, large text): cards as tall as
    // their texts need, filling the screen when there is room.
    const float gw = ws.x - 2 * margin;
    const int cols = gw >= 2 * ui.em(22.f) + gap ? 2 : 1;
    const int rows = 4 / cols;
    const float cw = (gw - gap * float(cols - 1)) / float(cols);
    float need = ui.em(7.f);
    for (const Card& c : cards) need = std::max(need, cardHeight(ui, c.title, c.desc, c.meta, cw));
    const float ch =
        std::max(need, (ws.y - gridTop - bottomBar - homeDiaryExtra(ui, v) - gap * float(rows - 1)) /
                           float(rows)); // diaryui: room for the diary buttons' row
    for (int i = 0; i < 4; ++i) {
        const Card& c = cards[i];
        ImGui::SetCursorPos(
            ImVec2(margin + float(i % cols) * (cw + gap), gridTop + float(i / cols) * (ch + gap)));
        if (!card(ui, c.key, c.title, c.desc, c.meta, ImVec2(cw, ch), c.enabled)) continue;
        if (i < 2)
            out.emit(intent::OpenTest{i == 0 ? "interest" : "strengths"});
        else
            out.emit(intent::Push{{i == 2 ? flow::ScreenId::Encyclopedia : flow::ScreenId::Results, {}}});
    }

    const ImVec2 fin(ui.em(11.f), ui.em(3.f));
    ImGui::SetCursorPos(ImVec2(ws.x - margin - fin.x, ws.y - bottomBar + (bottomBar - fin.y) * 0.5f));
    if (button(ui, "home_finish", ui.tr("home_finish"), fin, Tone::Secondary))
        out.emit(intent::FinishVisit{});
    const float barFree = homeDiaryButtons(ui, v, out, ws.y - bottomBar, bottomBar); // diaryui
    // eventsui: the centre's coming events, between the diary buttons and Finish
    homeEventsStrip(ui, v.events, ImVec2(barFree, ws.y - bottomBar), ws.x - margin - fin.x - gap - barFree,
                    bottomBar, out);
}

void drawFinish(Ui& ui, const View&, Intents& out) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    const float w = std::min(ws.x - ui.em(4.f), ui.em(40.f));
    const float x = (ws.x - w) * 0.5f;
    ImGui::SetCursorPos(ImVec2(x, ws.y * 0.25f));
    paragraph(ui, ui.fonts.title, ui.tr("finish_title"), w, t.primary, Align::Center);
    ImGui::Dummy(ImVec2(0, ui.em(1.f)));
    ImGui::SetCursorPosX(x);
    paragraph(ui, ui.fonts.heading, ui.tr("finish_body"), w, t.text, Align::Center);
    ImGui::Dummy(ImVec2(0, ui.em(2.5f)));
    ImGui::SetCursorPosX((ws.x - ui.em(14.f)) * 0.5f);
    if (button(ui, "finish_done", ui.tr("finish_done"), ui.em(14.f, 3.5f))) out.emit(intent::CloseVisit{});
}

void drawMaintenance(Ui& ui, const std::string& reasonKey) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    const float w = std::min(ws.x - ui.em(4.f), ui.em(46.f));
    const float x = (ws.x - w) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(ws.x, ui.em(0.6f)), col(t.primary));
    ImGui::SetCursorPos(ImVec2(x, ws.y * 0.15f));
    for (Lang l : kLangs) {
        ImGui::SetCursorPosX(x);
        paragraph(ui, ui.fonts.heading, ui.tr(l, "maint_title"), w, t.text, Align::Center);
        ImGui::SetCursorPosX(x);
        paragraph(ui, ui.fonts.body, ui.tr(l, reasonKey), w, t.text, Align::Center);
        ImGui::SetCursorPosX(x);
        paragraph(ui, ui.fonts.bold, ui.tr(l, "maint_call_staff"), w, t.primary, Align::Center);
        ImGui::Dummy(ImVec2(0, ui.em(2.f)));
    }
}

void drawIdleOverlay(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    const float pw = std::min(ws.x - ui.em(2.f), ui.em(36.f));
    const float pad = ui.em(2.f);
    const float iw = pw - 2 * pad;
    const int secs = int((v.idleRemainingMs + 999) / 1000);
    const std::string title = ui.tr("idle_title"), body = ui.tr("idle_body", {{"seconds", secs}});
    const std::string label = ui.tr("idle_continue");
    const ImVec2 b(std::min(ui.em(16.f), iw),
                   buttonHeight(ui, label, std::min(ui.em(16.f), iw), ui.em(3.6f)));
    // As tall as its content (a narrow screen wraps the texts onto more lines).
    const float textH = paragraphHeight(ui, ui.fonts.heading, title, iw) + ui.em(0.8f) +
                        paragraphHeight(ui, ui.fonts.body, body, iw);
    const ImVec2 p = beginPanel(ui, ImVec2(pw, std::max(ui.em(18.f), 2 * pad + textH + ui.em(1.5f) + b.y)));
    const float ph = std::max(ui.em(18.f), 2 * pad + textH + ui.em(1.5f) + b.y);
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
    paragraph(ui, ui.fonts.heading, title, iw, t.text, Align::Center);
    ImGui::Dummy(ImVec2(0, ui.em(0.8f)));
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, ImGui::GetCursorScreenPos().y));
    paragraph(ui, ui.fonts.body, body, iw, t.text, Align::Center);
    ImGui::SetCursorScreenPos(ImVec2(p.x + (pw - b.x) * 0.5f, p.y + ph - pad - b.y));
    if (button(ui, "idle_continue", label, b)) out.emit(intent::DismissIdle{});
}

} // namespace kesip::ui
