// print-preview: the printed sheet's blocks as the page will hold them (the same Document the printer
// gets), and Print. Printing itself runs on a worker (app/print_mode.cpp); this screen only shows it.
#include "ui/screens/screens.hpp"

namespace kesip::ui {

void printControls(Ui& ui, const PrintView& pv, const char* key, const std::string& label, float w,
                   Intents& out, const Intent& onTap); // jobs.cpp

namespace {

// One block of the sheet, in the screen's own type: the paper's layout is the PDF's business.
void drawBlock(Ui& ui, const print::Block& b, float w) {
    using K = print::Block::Kind;
    const Theme& t = ui.theme();
    switch (b.kind) {
    case K::Title:
        paragraph(ui, ui.fonts.heading, b.text, w, t.text);
        if (!b.text2.empty()) paragraph(ui, ui.fonts.body, b.text2, w, t.muted);
        break;
    case K::CodeBox:
        ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
        paragraph(ui, ui.fonts.bold, b.text, w, t.text);
        paragraph(ui, ui.fonts.title, b.text2, w, t.primary);
        if (!b.text3.empty()) paragraph(ui, ui.fonts.body, b.text3, w, t.muted);
        break;
    case K::Heading:
        ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
        paragraph(ui, ui.fonts.heading, b.text, w, t.text);
        break;
    case K::Subheading:
        paragraph(ui, ui.fonts.bold, b.text, w, t.text);
        break;
    case K::Paragraph:
        paragraph(ui, ui.fonts.body, b.text, w, t.text);
        break;
    case K::Small:
        paragraph(ui, ui.fonts.body, b.text, w, t.muted);
        break;
    case K::Bars: {
        std::vector<std::string> labels;
        for (const auto& r : b.rows) labels.push_back(r.a);
        const float lw = barLabelWidth(ui, labels, ui.em(8.f), w * 0.45f);
        for (const auto& r : b.rows) scoreBar(ui, r.a, float(r.value), lw, w - lw - ui.em(4.5f), r.strong);
        break;
    }
    case K::Numbered: {
        int n = 1;
        for (const auto& r : b.rows) {
            paragraph(ui, ui.fonts.bold, std::to_string(n++) + ". " + r.a, w, t.text);
            if (!r.b.empty()) paragraph(ui, ui.fonts.body, r.b, w, t.muted);
        }
        break;
    }
    case K::Bullets:
        for (const auto& r : b.rows) paragraph(ui, ui.fonts.body, "\xC2\xB7 " + r.a, w, t.text);
        break;
    case K::Pairs:
        for (const auto& r : b.rows) {
            paragraph(ui, ui.fonts.body, r.a + ": " + r.b, w, t.text);
            if (!r.c.empty()) paragraph(ui, ui.fonts.body, r.c, w, t.muted);
        }
        break;
    case K::Checklist:
        for (const auto& r : b.rows)
            paragraph(ui, ui.fonts.body,
                      std::string(r.strong ? "\xE2\x9C\x93 " : "\xC2\xB7 ") + r.b +
                          (r.a.empty() ? "" : " \xE2\x80\x94 ") + r.a,
                      w, t.text);
        break;
    case K::Stages:
        for (const auto& r : b.rows)
            paragraph(ui, r.strong ? ui.fonts.bold : ui.fonts.body, r.a + " \xE2\x80\x94 " + r.b, w,
                      r.value >= 2 ? t.muted : t.text);
        break;
    case K::Field:
        paragraph(ui, ui.fonts.bold, b.text, w, t.text);
        break;
    case K::PageBreak: {
        // Where the paper turns: a rule across the preview.
        ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + w, p.y), col(t.secondaryActive), 2.f);
        ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
        break;
    }
    }
}

} // namespace

void drawPrintPreview(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    drawTopBar(ui, v, out);
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(2.f);
    const float top = topBarHeight(ui) + ui.em(0.8f);
    const float full = ws.x - 2 * margin;
    // Print and its status on the right, the sheet scrolling on the left; stacked when narrow.
    const float sideW = std::min(ui.em(20.f), full * 0.35f);
    const bool beside = full - sideW >= ui.em(30.f);
    const float regionW = (beside ? full - sideW - ui.em(1.f) : full) - pageButtonsWidth(ui);
    ImGui::SetCursorPos(ImVec2(margin, top));
    paragraph(ui, ui.fonts.heading, ui.tr("preview_title"), beside ? regionW : full, t.text);
    const float listTop = ImGui::GetCursorPosY() + ui.em(0.4f);
    float sideTop = beside ? listTop : 0.f;
    if (!beside) {
        ImGui::SetCursorPos(ImVec2(margin, listTop));
        if (v.print)
            printControls(ui, *v.print, "print_sheet", ui.tr("preview_print"), full, out,
                          intent::PrintSheet{});
        sideTop = ImGui::GetCursorPosY() + ui.em(0.4f);
    }
    const float regionTop = beside ? listTop : sideTop;
    const float h = ws.y - regionTop - ui.em(1.f);
    ImGui::SetCursorPos(ImVec2(margin, regionTop));
    beginDragScroll(ui, "preview", ImVec2(regionW, h));
    const float w = regionW - ui.em(1.f);
    if (v.print && v.print->sheet)
        for (const auto& b : v.print->sheet->blocks) drawBlock(ui, b, w);
    else
        paragraph(ui, ui.fonts.body, ui.tr("preview_nothing"), w, t.muted);
    ImGui::Dummy(ImVec2(0, ui.em(0.5f)));
    endDragScroll(ui, "preview");
    pageButtons(ui, "preview", ImVec2(margin + regionW + ui.em(0.5f), regionTop), h);
    if (beside) {
        const float x = ws.x - margin - sideW;
        ImGui::SetCursorPos(ImVec2(x, listTop));
        paragraph(ui, ui.fonts.body, ui.tr("preview_hint"), sideW, t.muted);
        ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
        ImGui::SetCursorPosX(x);
        ImGui::BeginGroup();
        if (v.print)
            printControls(ui, *v.print, "print_sheet", ui.tr("preview_print"), sideW, out,
                          intent::PrintSheet{});
        ImGui::EndGroup();
    }
}

} // namespace kesip::ui
