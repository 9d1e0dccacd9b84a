#include <algorithm>
#include <cmath>

#include "ui/ui.hpp"

namespace kesip::ui {

float moodOfIcon(const std::string& icon) {
    if (icon == "--") return -1.f;
    if (icon == "-") return -0.5f;
    if (icon == "+") return 0.5f;
    if (icon == "++") return 1.f;
    return 0.f;
}

void drawFace(ImDrawList* dl, ImVec2 c, float r, float mood, ImU32 fill, ImU32 ink) {
    const float stroke = std::max(2.f, r * 0.09f);
    dl->AddCircleFilled(c, r, fill, 40);
    dl->AddCircle(c, r, ink, 40, stroke);
    dl->AddCircleFilled(ImVec2(c.x - r * 0.35f, c.y - r * 0.25f), r * 0.11f, ink, 12);
    dl->AddCircleFilled(ImVec2(c.x + r * 0.35f, c.y - r * 0.25f), r * 0.11f, ink, 12);
    // Mouth: a cubic curve whose control points bend down (frown) or up (smile).
    const float y = c.y + r * 0.35f;
    const float w = r * 0.45f;
    const float bend = mood * r * 0.35f;
    dl->AddBezierCubic(ImVec2(c.x - w, y - bend * 0.3f), ImVec2(c.x - w * 0.4f, y + bend),
                       ImVec2(c.x + w * 0.4f, y + bend), ImVec2(c.x + w, y - bend * 0.3f), ink, stroke, 24);
}

void progressBar(Ui& ui, float fraction, ImVec2 size) {
    const Theme& t = ui.theme();
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), col(t.secondary), size.y * 0.5f);
    const float f = std::clamp(fraction, 0.f, 1.f);
    if (f > 0)
        dl->AddRectFilled(p, ImVec2(p.x + std::max(size.y, size.x * f), p.y + size.y), col(t.primary),
                          size.y * 0.5f);
    ImGui::Dummy(size);
}

void scoreBar(Ui& ui, const std::string& label, float percent, float labelWidth, float barWidth,
              bool highlight) {
    const Theme& t = ui.theme();
    ImFont* font = highlight ? ui.fonts.bold : ui.fonts.body;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float textH =
        paragraphHeight(ui, font, label, labelWidth - ui.em(0.5f)) - (lineHeight(font) - font->FontSize);
    const float h = std::max(ui.em(1.6f), textH + ui.em(0.3f));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    drawText(ui, font, label, ImVec2(p.x, p.y + (h - textH) * 0.5f), labelWidth - ui.em(0.5f), t.text,
             Align::Left, TextKind::BarLabel, p, ImVec2(p.x + labelWidth, p.y + h));
    const float bx = p.x + labelWidth;
    const float bh = ui.em(1.6f), by = p.y + (h - bh) * 0.5f;
    dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + barWidth, by + bh), col(t.secondary), ui.em(0.3f));
    const float w = barWidth * std::clamp(percent, 0.f, 100.f) / 100.f;
    if (w > 1)
        dl->AddRectFilled(ImVec2(bx, by), ImVec2(bx + w, by + bh), col(highlight ? t.primary : t.muted),
                          ui.em(0.3f));
    char num[16];
    std::snprintf(num, sizeof num, "%d%%", int(std::lround(percent)));
    const ImVec2 np(bx + barWidth + ui.em(0.6f), p.y + (h - ui.fonts.bold->FontSize) * 0.5f);
    drawText(ui, ui.fonts.bold, num, np, ui.em(2.8f), t.text, Align::Left, TextKind::BarLabel, np,
             ImVec2(np.x + ui.em(2.9f), p.y + h));
    ImGui::Dummy(ImVec2(labelWidth + barWidth + ui.em(3.5f), h + ui.em(0.45f)));
}

float barLabelWidth(Ui& ui, const std::vector<std::string>& labels, float minW, float maxW) {
    float w = minW;
    for (const auto& l : labels) w = std::max(w, textWidth(ui.fonts.bold, l) + ui.em(0.6f));
    return std::min(w, maxW);
}

bool wasTap(const Ui& ui) {
    const float t = ui.em(0.6f);
    return ImGui::GetIO().MouseDragMaxDistanceSqr[0] < t * t;
}

void beginDragScroll(Ui& ui, const char* id, ImVec2 size) {
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, 10.f);
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoBackground);
    ++ui.scrollDepth;
}

bool overflows(const Ui& ui, const char* id) {
    auto it = ui.scrollMax.find(id);
    return it != ui.scrollMax.end() && it->second > 0.5f;
}

float pageButtonsWidth(const Ui& ui) {
    return ui.em(5.f);
}

void endDragScroll(Ui& ui, const char* id) {
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                               ImGuiHoveredFlags_ChildWindows) &&
        ImGui::IsMouseDragging(0, ui.em(0.6f)))
        ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    auto it = ui.pageRequests.find(id);
    if (it != ui.pageRequests.end()) {
        ImGui::SetScrollY(ImGui::GetScrollY() + float(it->second) * ImGui::GetWindowHeight() * 0.8f);
        ui.pageRequests.erase(it);
    }
    ui.scrollMax[id] = ImGui::GetScrollMaxY();
    --ui.scrollDepth;
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

void pageButtons(Ui& ui, const char* id, ImVec2 p, float height) {
    const ImVec2 b(ui.em(4.f), (height - ui.em(0.5f)) * 0.5f);
    // Arrow and word when there is room for both lines, else the arrow alone (a short list).
    const bool words = b.y >= 2 * lineHeight(ui.fonts.bold) + ui.em(0.6f);
    const std::string up = ui.tr("page_up_icon") + (words ? "\n" + ui.tr("page_up") : std::string());
    const std::string down = ui.tr("page_down_icon") + (words ? "\n" + ui.tr("page_down") : std::string());
    ImGui::SetCursorPos(p);
    if (button(ui, (std::string(id) + "_up").c_str(), up, b, Tone::Secondary)) ui.pageRequests[id] = -1;
    ImGui::SetCursorPos(ImVec2(p.x, p.y + b.y + ui.em(0.5f)));
    if (button(ui, (std::string(id) + "_down").c_str(), down, b, Tone::Secondary)) ui.pageRequests[id] = 1;
}

void drawQr(Ui& ui, const std::vector<bool>& dark, int size, ImVec2 p, float side) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + side, p.y + side), IM_COL32_WHITE);
    if (size <= 0) return;
    const float m = std::floor(side / float(size + 8)); // whole pixels per module keep it scannable
    const float off = std::floor((side - m * float(size)) * 0.5f);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            if (dark[size_t(y) * size_t(size) + size_t(x)])
                dl->AddRectFilled(ImVec2(p.x + off + float(x) * m, p.y + off + float(y) * m),
                                  ImVec2(p.x + off + float(x + 1) * m, p.y + off + float(y + 1) * m),
                                  IM_COL32_BLACK);
    (void)ui;
}

} // namespace kesip::ui
