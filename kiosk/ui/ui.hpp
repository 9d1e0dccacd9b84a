#pragma once
// The only headers that include imgui.h live in ui/ and app/.
#include <algorithm>
#include <imgui.h>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "l10n/catalog.hpp"
#include "l10n/linebreak.hpp"
#include "ui/theme.hpp"

namespace kesip::ui {

struct Fonts {
    ImFont* body = nullptr;    // 1 em
    ImFont* bold = nullptr;    // 1 em, bold
    ImFont* heading = nullptr; // 1.6 em, bold
    ImFont* large = nullptr;   // 2.2 em, bold: test items
    ImFont* title = nullptr;   // 3 em, bold
    float bodyPx = 28.f;
};

// Body text size for a window: 28 px per 1080 px of its short side.
inline float bodyPxFor(ImVec2 window, float textScale) {
    return std::min(window.x, window.y) / 1080.f * 28.f * textScale;
}

// Rectangle of a tappable item as drawn in the last frame, addressed by its stable key (the part after
// "###"). The UI tests tap items by key; nothing in the product reads these.
struct HitItem {
    std::string key;
    ImVec2 min, max;       // visible part
    ImVec2 rawMin, rawMax; // whole item, for the layout tests
    int layer = 0;         // 0 the screen, 1 a modal panel over it
    bool scrolled = false; // inside a scroll region
};

// What a drawn text is, for the layout tests' report.
enum class TextKind { Paragraph, Button, Card, ListRow, BarLabel, Tab, Key, TopBar };
const char* textKindName(TextKind k);

inline ImU32 col(Rgb c, float a = 1.f) {
    return IM_COL32(c.r, c.g, c.b, int(a * 255.f + 0.5f));
}
inline ImVec4 col4(Rgb c, float a = 1.f) {
    return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, a);
}

// Per-frame drawing context handed to every screen: language, strings, fonts, sizes in em.
class Ui {
  public:
    Ui(const l10n::Catalog& cat, const Theme& theme) : cat_(cat), theme_(theme) {}

    Lang lang = Lang::ky;
    Fonts fonts;

    const Theme& theme() const { return theme_; }
    const l10n::Catalog& catalog() const { return cat_; }
    float em(float x = 1.f) const { return x * fonts.bodyPx; }
    ImVec2 em(float x, float y) const { return ImVec2(x * fonts.bodyPx, y * fonts.bodyPx); }
    std::string tr(std::string_view key) const { return cat_.tr(lang, key); }
    std::string tr(std::string_view key, std::initializer_list<l10n::Arg> a) const {
        return cat_.tr(lang, key, a);
    }
    std::string tr(Lang l, std::string_view key) const { return cat_.tr(l, key); }

    void beginFrame() {
        items_.clear();
        texts_.clear();
        textRects_.clear();
        scrollDepth = 0;
        layer = 0;
    }
    // The window's size: screens choose columns and sizes from its shape.
    ImVec2 screen() const { return ImGui::GetIO().DisplaySize; }
    bool portrait() const { return screen().y > screen().x; }
    // Records a tappable item, clipped to what is visible (items scrolled out of a list are not tappable).
    void noteItem(std::string key, ImVec2 a, ImVec2 b) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 cmin = dl->GetClipRectMin(), cmax = dl->GetClipRectMax();
        const ImVec2 ca(std::max(a.x, cmin.x), std::max(a.y, cmin.y)),
            cb(std::min(b.x, cmax.x), std::min(b.y, cmax.y));
        if (cb.x - ca.x >= 1.f && cb.y - ca.y >= 1.f)
            items_.push_back({std::move(key), ca, cb, a, b, layer, scrollDepth > 0});
    }
    // Page buttons of a scroll region ask; the region applies it when it is next drawn.
    std::map<std::string, int> pageRequests;
    // How far each scroll region could scroll in the last frame (0: its content fits): page buttons
    // are shown only where there is something to page to.
    std::map<std::string, float> scrollMax;
    int scrollDepth = 0; // > 0 while drawing inside a scroll region
    int layer = 0;       // 1 while drawing a modal panel (idle warning, leave dialog) over the screen
    void noteText(std::string_view t) { texts_.emplace_back(t); }

    // Where a text was drawn, for the layout tests: its lines, the box it must stay inside (a button,
    // a card, a column) and what was visible there.
    struct TextRect {
        std::string text;
        TextKind kind = TextKind::Paragraph;
        ImVec2 min, max;         // ink box of all its lines
        ImVec2 boxMin, boxMax;   // the box it was laid out in
        ImVec2 clipMin, clipMax; // the visible part of the window or scroll region it was drawn in
        bool scrolled = false;   // inside a scroll region: vertical clipping is scrolling
        bool brokeWord = false;  // a word was cut between letters to fit
        int layer = 0;
        std::vector<std::pair<size_t, size_t>> lines; // byte ranges of `text`, as drawn
    };
    void noteTextRect(TextRect r) { textRects_.push_back(std::move(r)); }
    const std::vector<TextRect>& textRects() const { return textRects_; }
    const std::vector<HitItem>& items() const { return items_; }
    const std::vector<std::string>& texts() const { return texts_; }

    // Line breaks of a text in a font and width, computed once (ICU, l10n/linebreak) and then cached:
    // nothing is re-broken frame after frame.
    const l10n::Wrapped& wrap(ImFont* font, const std::string& text, float width);
    // Width of the widest unbreakable run (a word with its punctuation): a box narrower than this
    // would have to cut a word.
    float minWidth(ImFont* font, const std::string& text);
    size_t cachedLayouts() const { return wrapCache_.size(); }

  private:
    const l10n::Catalog& cat_;
    const Theme& theme_;
    std::vector<HitItem> items_;
    std::vector<std::string> texts_;
    std::vector<TextRect> textRects_;
    struct WrapKey {
        const ImFont* font;
        float size, width;
        std::string text;
        bool operator==(const WrapKey& o) const {
            return font == o.font && size == o.size && width == o.width && text == o.text;
        }
    };
    struct WrapHash {
        size_t operator()(const WrapKey& k) const {
            return std::hash<std::string>()(k.text) ^ (std::hash<const void*>()(k.font) * 31) ^
                   (std::hash<float>()(k.width) * 131) ^ std::hash<float>()(k.size);
        }
    };
    std::unordered_map<WrapKey, l10n::Wrapped, WrapHash> wrapCache_;
};

// Symbols the widgets draw themselves (arrows, check mark, separators); added to the font atlas.
inline constexpr const char* kUiSymbols = "\xE2\x80\xB9\xE2\x80\xBA\xE2\x9C\x93\xC2\xB7\xE2\x80\x94\xE2\x80"
                                          "\xA6\xC2\xAB\xC2\xBB\xE2\x84\x96\xE2\x80\x93";

enum class Tone { Primary, Secondary, OnBar, OnBarSelected };
enum class Align { Left, Center };

// A big touch button; label shown, key keeps the ImGui id stable across languages.
// The label wraps (at ICU breaks) when it does not fit on one line.
bool button(Ui& ui, const char* key, const std::string& label, ImVec2 size, Tone tone = Tone::Primary,
            bool enabled = true, TextKind kind = TextKind::Button);
// Height a button needs for its label at this width (at least minHeight).
float buttonHeight(Ui& ui, const std::string& label, float width, float minHeight);
// A card with an icon line, title, description and a small meta line (e.g. "~8 minutes").
bool card(Ui& ui, const char* key, const std::string& title, const std::string& desc, const std::string& meta,
          ImVec2 size, bool enabled = true);
// Height a card needs for its texts at this width.
float cardHeight(Ui& ui, const std::string& title, const std::string& desc, const std::string& meta,
                 float width);

// Wrapped paragraph at the cursor (advances it). Returns the height used.
float paragraph(Ui& ui, ImFont* font, const std::string& text, float width, Rgb color,
                Align align = Align::Left, TextKind kind = TextKind::Paragraph);
// Height a paragraph would take, for centring blocks vertically.
float paragraphHeight(Ui& ui, ImFont* font, const std::string& text, float width);
float lineHeight(const ImFont* font);
// Width of one line of text (no wrapping).
float textWidth(const ImFont* font, const std::string& text);
// Draws wrapped text with its top-left at `pos` (screen coordinates) inside the box [boxMin, boxMax]
// (centred in the box's width with Align::Center) and records it for the layout tests. Returns its
// height. Every text the screens draw goes through here.
float drawText(Ui& ui, ImFont* font, const std::string& text, ImVec2 pos, float width, Rgb color, Align align,
               TextKind kind, ImVec2 boxMin, ImVec2 boxMax);

} // namespace kesip::ui

namespace kesip::ui {

// A face pictogram for an answer: mood -1 (frown) .. +1 (smile); neutral is a straight mouth.
void drawFace(ImDrawList* dl, ImVec2 centre, float radius, float mood, ImU32 fill, ImU32 ink);
float moodOfIcon(const std::string& icon); // "--" "-" "0" "+" "++"
void progressBar(Ui& ui, float fraction, ImVec2 size);
// Horizontal bar with a label on the left and the value on the right.
// The label wraps within labelWidth; the bar is as tall as the label.
void scoreBar(Ui& ui, const std::string& label, float percent, float labelWidth, float barWidth,
              bool highlight);
// Label column width for a set of bars: the widest label, within [min, max].
float barLabelWidth(Ui& ui, const std::vector<std::string>& labels, float minW, float maxW);
// QR modules drawn as squares with a quiet zone of 4 modules on white.
// A region that scrolls when dragged with a finger (ImGui 1.86 only scrolls with a wheel), with
// "page up/down" buttons (drawn by pageButtons) for those who do not drag.
void beginDragScroll(Ui& ui, const char* id, ImVec2 size);
void endDragScroll(Ui& ui, const char* id);
void pageButtons(Ui& ui, const char* id, ImVec2 topLeft, float height);
// Width the page buttons take beside a region (with their gap).
float pageButtonsWidth(const Ui& ui);
// Did the region's content overflow it in the last frame?
bool overflows(const Ui& ui, const char* id);
// A tap, not the end of a drag: buttons inside scroll regions ignore releases after a drag.
bool wasTap(const Ui& ui);

void drawQr(Ui& ui, const std::vector<bool>& dark, int size, ImVec2 topLeft, float side);

} // namespace kesip::ui
