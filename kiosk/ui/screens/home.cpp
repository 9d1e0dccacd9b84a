#include "ui/screens/screens.hpp"

namespace kesip::ui {

using l10n::K;

void drawHome(Ui& ui, const View& v, Intent& out) {
    const Theme& t = ui.theme();
    drawTopBar(ui, v, out);
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(2.f);
    const float gap = ui.em(1.2f);
    const float top = topBarHeight(ui) + ui.em(1.5f);

    ImGui::SetCursorPos(ImVec2(margin, top));
    paragraph(ui, ui.fonts.heading, ui.tr("home_title"), ws.x - 2 * margin, t.text);

    const float gridTop = ImGui::GetCursorPosY() + ui.em(1.f);
    const float bottomBar = ui.em(4.6f);
    const float cw = (ws.x - 2 * margin - gap) * 0.5f;
    const float ch = std::max(ui.em(7.f), (ws.y - gridTop - bottomBar - gap) * 0.5f);
    auto testMeta = [&](const TestCard& c, int minutes) {
        if (c.completed) return ui.tr("home_done");
        if (c.done > 0) return ui.tr("home_continue", {{"done", c.done}, {"total", c.total}});
        return ui.tr("home_minutes", {{"n", minutes}});
    };
    auto at = [&](int i) {
        ImGui::SetCursorPos(ImVec2(margin + float(i % 2) * (cw + gap), gridTop + float(i / 2) * (ch + gap)));
    };
    const ImVec2 cs(cw, ch);
    at(0);
    if (card(ui, "home_interest", ui.tr("home_interest"),
             ui.tr(v.interestCard.available ? K("home_interest_desc") : K("home_unavailable")),
             v.interestCard.available ? testMeta(v.interestCard, 8) : std::string(), cs,
             v.interestCard.available))
        out.openTest = "interest";
    at(1);
    if (card(ui, "home_strengths", ui.tr("home_strengths"),
             ui.tr(v.strengthsCard.available ? K("home_strengths_desc") : K("home_unavailable")),
             v.strengthsCard.available ? testMeta(v.strengthsCard, 6) : std::string(), cs,
             v.strengthsCard.available))
        out.openTest = "strengths";
    at(2);
    if (card(ui, "home_encyclopedia", ui.tr("home_encyclopedia"), ui.tr("home_encyclopedia_desc"), {}, cs))
        out.push = flow::Route{flow::ScreenId::Encyclopedia, {}};
    at(3);
    if (card(ui, "home_results", ui.tr("home_results"),
             ui.tr(v.hasResults ? K("home_results_desc") : K("home_results_none")), {}, cs, v.hasResults))
        out.push = flow::Route{flow::ScreenId::Results, {}};

    const ImVec2 fin(ui.em(11.f), ui.em(3.f));
    ImGui::SetCursorPos(ImVec2(ws.x - margin - fin.x, ws.y - bottomBar + (bottomBar - fin.y) * 0.5f));
    if (button(ui, "home_finish", ui.tr("home_finish"), fin, Tone::Secondary)) out.finishVisit = true;
}

void drawFinish(Ui& ui, const View&, Intent& out) {
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
    if (button(ui, "finish_done", ui.tr("finish_done"), ui.em(14.f, 3.5f))) out.closeVisit = true;
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

void drawIdleOverlay(Ui& ui, const View& v, Intent& out) {
    const Theme& t = ui.theme();
    const ImVec2 ws = ImGui::GetWindowSize();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ws, IM_COL32(0, 0, 0, 150));
    const ImVec2 ps(std::min(ws.x - ui.em(2.f), ui.em(36.f)), ui.em(18.f));
    const ImVec2 p((ws.x - ps.x) * 0.5f, (ws.y - ps.y) * 0.5f);
    dl->AddRectFilled(p, ImVec2(p.x + ps.x, p.y + ps.y), col(t.overlayPanel), ui.em(0.8f));
    dl->AddRectFilled(p, ImVec2(p.x + ps.x, p.y + ui.em(0.5f)), col(t.accent), ui.em(0.8f),
                      ImDrawFlags_RoundCornersTop);
    const float pad = ui.em(2.f);
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
    paragraph(ui, ui.fonts.heading, ui.tr("idle_title"), ps.x - 2 * pad, t.text, Align::Center);
    ImGui::Dummy(ImVec2(0, ui.em(0.8f)));
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, ImGui::GetCursorScreenPos().y));
    const int secs = int((v.idleRemainingMs + 999) / 1000);
    paragraph(ui, ui.fonts.body, ui.tr("idle_body", {{"seconds", secs}}), ps.x - 2 * pad, t.text,
              Align::Center);
    const ImVec2 b(ui.em(16.f), ui.em(3.6f));
    ImGui::SetCursorScreenPos(ImVec2(p.x + (ps.x - b.x) * 0.5f, p.y + ps.y - pad - b.y));
    if (button(ui, "idle_continue", ui.tr("idle_continue"), b)) out.dismissIdle = true;
}

} // namespace kesip::ui
