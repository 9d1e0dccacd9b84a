#include <algorithm>
#include <cmath>

#include "ui/ui.hpp"

namespace kesip::ui {

const char* textKindName(TextKind k) {
    switch (k) {
    case TextKind::Paragraph:
        return "paragraph";
    case TextKind::Button:
        return "button";
    case TextKind::Card:
        return "card";
    case TextKind::ListRow:
        return "list row";
    case TextKind::BarLabel:
        return "bar label";
    case TextKind::Tab:
        return "tab";
    case TextKind::Key:
        return "key";
    case TextKind::TopBar:
        return "top bar";
    }
    return "?";
}

const l10n::Wrapped& Ui::wrap(ImFont* font, const std::string& text, float width) {
    WrapKey k{font, font->FontSize, std::round(width * 2.f) * 0.5f, text};
    auto it = wrapCache_.find(k);
    if (it != wrapCache_.end()) return it->second;
    if (wrapCache_.size() > 20000) wrapCache_.clear(); // texts of many visits: start over, never grow
    const auto measure = [font](std::string_view s) {
        return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.f, s.data(), s.data() + s.size()).x;
    };
    l10n::Wrapped w;
    if (width < 0) { // minWidth: every unbreakable run on its own line
        size_t b = 0;
        for (size_t e : l10n::lineBreakOpportunities(text)) {
            size_t t = e;
            while (t > b && (text[t - 1] == ' ' || text[t - 1] == '\n')) --t;
            w.widest = std::max(w.widest, measure(std::string_view(text).substr(b, t - b)));
            b = e;
        }
    } else {
        w = l10n::wrapText(text, width, measure);
    }
    return wrapCache_.emplace(std::move(k), std::move(w)).first->second;
}

float Ui::minWidth(ImFont* font, const std::string& text) {
    return wrap(font, text, -1.f).widest;
}

float lineHeight(const ImFont* font) {
    return font->FontSize * 1.25f;
}

float textWidth(const ImFont* font, const std::string& text) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.f, text.c_str()).x;
}

float paragraphHeight(Ui& ui, ImFont* font, const std::string& text, float width) {
    return float(ui.wrap(font, text, width).lines.size()) * lineHeight(font);
}

float drawText(Ui& ui, ImFont* font, const std::string& text, ImVec2 pos, float width, Rgb color, Align align,
               TextKind kind, ImVec2 boxMin, ImVec2 boxMax) {
    ui.noteText(text);
    const l10n::Wrapped& w = ui.wrap(font, text, width);
    if (w.lines.empty()) return 0.f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    Ui::TextRect r;
    r.text = text;
    r.kind = kind;
    r.min = ImVec2(FLT_MAX, pos.y);
    r.max = ImVec2(-FLT_MAX, pos.y);
    float y = pos.y;
    for (const l10n::LineSpan& l : w.lines) {
        const float x = align == Align::Center ? pos.x + (width - l.width) * 0.5f : pos.x;
        dl->AddText(font, font->FontSize, ImVec2(x, y), col(color), text.c_str() + l.begin,
                    text.c_str() + l.end);
        if (l.end > l.begin) {
            r.min.x = std::min(r.min.x, x);
            r.max.x = std::max(r.max.x, x + l.width);
        }
        r.lines.emplace_back(l.begin, l.end);
        r.max.y = y + font->FontSize; // the last line's glyphs, without the leading below them
        y += lineHeight(font);
    }
    if (r.min.x > r.max.x) r.min.x = r.max.x = pos.x; // only empty lines
    r.boxMin = boxMin;
    r.boxMax = boxMax;
    r.clipMin = dl->GetClipRectMin();
    r.clipMax = dl->GetClipRectMax();
    r.scrolled = ui.scrollDepth > 0;
    r.brokeWord = w.brokeWord;
    r.layer = ui.layer;
    ui.noteTextRect(std::move(r));
    return y - pos.y;
}

namespace {
float buttonPad(const Ui& ui, float w) {
    return std::min(ui.em(0.5f), w * 0.08f);
}
} // namespace

float buttonHeight(Ui& ui, const std::string& label, float width, float minHeight) {
    ImFont* f = ui.fonts.bold;
    return std::max(minHeight, paragraphHeight(ui, f, label, width - 2 * buttonPad(ui, width)) + ui.em(0.8f));
}

bool button(Ui& ui, const char* key, const std::string& label, ImVec2 size, Tone tone, bool enabled,
            TextKind kind) {
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
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (!enabled) ImGui::BeginDisabled();
    const bool clicked = ImGui::InvisibleButton(key, size);
    const bool held = ImGui::IsItemActive();
    if (!enabled) ImGui::EndDisabled();
    const ImVec2 q(p.x + size.x, p.y + size.y);
    ImGui::GetWindowDrawList()->AddRectFilled(p, q, col(held ? active : bg), ImGui::GetStyle().FrameRounding);
    ui.noteItem(key, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    // The label, centred; wrapped at ICU breaks when one line is too narrow.
    ImFont* f = ui.fonts.bold;
    const float pad = buttonPad(ui, size.x);
    const float w = size.x - 2 * pad;
    const float h = paragraphHeight(ui, f, label, w) - (lineHeight(f) - f->FontSize);
    drawText(ui, f, label, ImVec2(p.x + pad, p.y + std::round((size.y - h) * 0.5f)), w, fg, Align::Center,
             kind, ImVec2(p.x + pad * 0.5f, p.y), ImVec2(q.x - pad * 0.5f, q.y));
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
    const ImVec2 q(p.x + size.x, p.y + size.y);
    dl->AddRectFilled(p, q, col(held ? t.secondary : t.card), r);
    dl->AddRectFilled(p, ImVec2(p.x + ui.em(0.45f), q.y), col(enabled ? t.primary : t.secondaryActive), r,
                      ImDrawFlags_RoundCornersLeft);
    dl->AddRect(p, q, col(t.secondaryActive), r, 0, 2.f);
    const float pad = ui.em(1.f);
    const float w = size.x - 2 * pad;
    // The meta line ("~8 minutes") sits top right on the title's line when the title still has room for
    // its longest word beside it, else on a line of its own under the title.
    const float metaW = meta.empty() ? 0.f : textWidth(ui.fonts.bold, meta);
    const bool metaBeside = !meta.empty() && w - metaW - ui.em(1.f) >= ui.minWidth(ui.fonts.heading, title);
    float y = p.y + pad;
    const float titleW = metaBeside ? w - metaW - ui.em(1.f) : w;
    y += drawText(ui, ui.fonts.heading, title, ImVec2(p.x + pad, y), titleW,
                  enabled ? t.text : t.disabledText, Align::Left, TextKind::Card, p, q);
    if (metaBeside)
        drawText(ui, ui.fonts.bold, meta,
                 ImVec2(q.x - pad - metaW,
                        p.y + pad + (ui.fonts.heading->FontSize - ui.fonts.bold->FontSize) * 0.5f),
                 metaW + 1.f, enabled ? t.primary : t.disabledText, Align::Left, TextKind::Card, p, q);
    else if (!meta.empty())
        y += drawText(ui, ui.fonts.bold, meta, ImVec2(p.x + pad, y), w, enabled ? t.primary : t.disabledText,
                      Align::Left, TextKind::Card, p, q);
    y += ui.em(0.3f);
    drawText(ui, ui.fonts.body, desc, ImVec2(p.x + pad, y), w, enabled ? t.muted : t.disabledText,
             Align::Left, TextKind::Card, p, q);
    ImGui::SetCursorScreenPos(ImVec2(p.x, q.y));
    ImGui::Dummy(ImVec2(size.x, 0));
    return clicked && enabled && wasTap(ui);
}

float cardHeight(Ui& ui, const std::string& title, const std::string& desc, const std::string& meta,
                 float width) {
    const float pad = ui.em(1.f);
    const float w = width - 2 * pad;
    const float metaW = meta.empty() ? 0.f : textWidth(ui.fonts.bold, meta);
    const bool metaBeside = !meta.empty() && w - metaW - ui.em(1.f) >= ui.minWidth(ui.fonts.heading, title);
    float h = 2 * pad + paragraphHeight(ui, ui.fonts.heading, title, metaBeside ? w - metaW - ui.em(1.f) : w);
    if (!meta.empty() && !metaBeside) h += paragraphHeight(ui, ui.fonts.bold, meta, w);
    return h + ui.em(0.3f) + paragraphHeight(ui, ui.fonts.body, desc, w);
}

float paragraph(Ui& ui, ImFont* font, const std::string& text, float width, Rgb color, Align align,
                TextKind kind) {
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float h = drawText(ui, font, text, start, width, color, align, kind, start,
                             ImVec2(start.x + width, start.y + paragraphHeight(ui, font, text, width)));
    ImGui::Dummy(ImVec2(width, h));
    return h;
}

} // namespace kesip::ui
