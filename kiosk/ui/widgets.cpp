#include <algorithm>

#include "ui/ui.hpp"

namespace kesip::ui {

namespace {
std::string idOf(const std::string& label, const char* key) {
    return label + "###" + key;
}
} // namespace

bool button(Ui& ui, const char* key, const std::string& label, ImVec2 size, Tone tone, bool enabled) {
    const Theme& t = ui.theme();
    Rgb bg = t.primary, active = t.primaryActive, fg = t.onPrimary;
    switch (tone) {
    case Tone::Primary:
        break;
    case Tone::Secondary:
        bg = t.secondary, active = t.secondaryActive, fg = t.text;
        break;
    case Tone::OnBar:
        bg = t.barButton, active = t.primaryActive, fg = t.onBar;
        break;
    case Tone::OnBarSelected:
        bg = t.primary, active = t.primaryActive, fg = t.onPrimary;
        break;
    }
    if (!enabled) bg = t.secondary, active = t.secondary, fg = t.disabledText;
    ImGui::PushStyleColor(ImGuiCol_Button, col4(bg));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, col4(bg)); // touch: no hover state
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, col4(active));
    ImGui::PushStyleColor(ImGuiCol_Text, col4(fg));
    ImGui::PushFont(ui.fonts.bold);
    if (!enabled) ImGui::BeginDisabled();
    bool clicked = ImGui::Button(idOf(label, key).c_str(), size);
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopFont();
    ImGui::PopStyleColor(4);
    ui.noteItem(key, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ui.noteText(label);
    return clicked && enabled && wasTap(ui);
}

bool card(Ui& ui, const char* key, const std::string& title, const std::string& desc, const std::string& meta,
          ImVec2 size, bool enabled) {
    const Theme& t = ui.theme();
    ImVec2 p = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::InvisibleButton(key, size);
    bool held = ImGui::IsItemActive();
    ui.noteItem(key, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float r = ui.em(0.6f);
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), col(held ? t.secondary : t.card), r);
    dl->AddRectFilled(p, ImVec2(p.x + ui.em(0.45f), p.y + size.y),
                      col(enabled ? t.primary : t.secondaryActive), r, ImDrawFlags_RoundCornersLeft);
    dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), col(t.secondaryActive), r, 0, 2.f);
    const float pad = ui.em(1.f);
    const float w = size.x - 2 * pad;
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
    ImGui::BeginGroup();
    const float metaW =
        meta.empty()
            ? 0.f
            : ui.fonts.bold->CalcTextSizeA(ui.fonts.bold->FontSize, FLT_MAX, 0, meta.c_str()).x + ui.em(1.f);
    paragraph(ui, ui.fonts.heading, title, w - metaW, enabled ? t.text : t.disabledText);
    ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
    paragraph(ui, ui.fonts.body, desc, w, enabled ? t.muted : t.disabledText);
    ImGui::EndGroup();
    if (!meta.empty()) {
        // Top right, on the title's line: it never collides with a long description (large text).
        const float mw = ui.fonts.bold->CalcTextSizeA(ui.fonts.bold->FontSize, FLT_MAX, 0, meta.c_str()).x;
        ImGui::SetCursorScreenPos(
            ImVec2(p.x + size.x - pad - mw,
                   p.y + pad + (ui.fonts.heading->FontSize - ui.fonts.bold->FontSize) * 0.5f));
        paragraph(ui, ui.fonts.bold, meta, mw + 1.f, enabled ? t.primary : t.disabledText);
    }
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + size.y));
    ImGui::Dummy(ImVec2(size.x, 0));
    return clicked && enabled && wasTap(ui);
}

namespace {
struct Line {
    const char *b, *e;
};
// Greedy word wrap, honouring explicit newlines.
std::vector<Line> wrapLines(ImFont* font, const std::string& text, float width) {
    std::vector<Line> lines;
    const char* s = text.c_str();
    const char* end = s + text.size();
    while (s < end) {
        const char* lineEnd = font->CalcWordWrapPositionA(1.f, s, end, width);
        if (lineEnd == s) ++lineEnd; // a single glyph wider than the box: still advance
        const char* nl = std::find(s, lineEnd, '\n');
        if (nl < lineEnd) lineEnd = nl;
        lines.push_back({s, lineEnd});
        s = lineEnd;
        while (s < end && (*s == ' ' || *s == '\n')) ++s;
    }
    return lines;
}
float lineHeight(ImFont* font) {
    return font->FontSize * 1.25f;
}
} // namespace

float paragraphHeight(ImFont* font, const std::string& text, float width) {
    return float(wrapLines(font, text, width).size()) * lineHeight(font);
}

float paragraph(Ui& ui, ImFont* font, const std::string& text, float width, Rgb color, Align align) {
    ui.noteText(text);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    float y = start.y, left = FLT_MAX, right = start.x;
    for (const Line& l : wrapLines(font, text, width)) {
        const float lw = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.f, l.b, l.e).x;
        const float x = align == Align::Center ? start.x + std::max(0.f, (width - lw) * 0.5f) : start.x;
        dl->AddText(font, font->FontSize, ImVec2(x, y), col(color), l.b, l.e);
        left = std::min(left, x);
        right = std::max(right, x + lw);
        y += lineHeight(font);
    }
    const float h = y - start.y;
    if (h > 0) ui.noteTextRect(ImVec2(left, start.y), ImVec2(right, y));
    ImGui::Dummy(ImVec2(width, h));
    return h;
}

} // namespace kesip::ui
