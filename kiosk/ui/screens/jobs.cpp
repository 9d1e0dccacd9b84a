// "Getting a job": the guide's contents and its pages (content database), and the blank CV form to print.
#include "ui/screens/screens.hpp"

namespace kesip::ui {

namespace {

const catalog::GuidePage* findPage(const catalog::Content& c, const std::string& id) {
    for (const auto& p : c.guide)
        if (p.id == id) return &p;
    return nullptr;
}

// The printer's state and the last job's outcome under a Print button (jobs and print-preview share it).
void printStatus(Ui& ui, const PrintView& pv, float w) {
    const Theme& t = ui.theme();
    if (!pv.status.empty()) {
        paragraph(ui, ui.fonts.bold, pv.status, w, pv.statusError ? t.primary : t.text);
    } else if (pv.printer == PrintView::Printer::Checking) {
        paragraph(ui, ui.fonts.body, ui.tr("print_checking"), w, t.muted);
    }
    if (pv.printer == PrintView::Printer::Unavailable && !pv.printing)
        paragraph(ui, ui.fonts.body, pv.unavailable, w, t.muted);
}

} // namespace

// The Print button when a printer answered, and what happened to the last job; shared by both screens.
void printControls(Ui& ui, const PrintView& pv, const char* key, const std::string& label, float w,
                   Intents& out, const Intent& onTap) {
    if (pv.printer == PrintView::Printer::Ready) {
        const float bw = std::min(w, ui.em(18.f));
        if (button(ui, key, label, ImVec2(bw, buttonHeight(ui, label, bw, ui.em(3.2f))), Tone::Primary,
                   !pv.printing))
            out.emit(onTap);
        ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
    }
    printStatus(ui, pv, w);
}

void drawJobs(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    drawTopBar(ui, v, out);
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(2.f);
    const float top = topBarHeight(ui) + ui.em(0.8f);
    const float regionW = ws.x - 2 * margin - pageButtonsWidth(ui);
    const float h = ws.y - top - ui.em(1.f);
    const Lang L = ui.lang;
    const catalog::GuidePage* page = v.content ? findPage(*v.content, v.route.param) : nullptr;
    const std::string region = page ? "jobs_" + page->id : std::string("jobs");
    ImGui::SetCursorPos(ImVec2(margin, top));
    beginDragScroll(ui, region.c_str(), ImVec2(regionW, h));
    const float w = std::min(regionW - ui.em(1.f), ui.em(52.f)); // readable line length
    if (!v.content || v.content->guide.empty()) {
        paragraph(ui, ui.fonts.heading, ui.tr("enc_unavailable"), w, t.text);
    } else if (!page) {
        // The contents: one row per page, its first heading under the title.
        paragraph(ui, ui.fonts.large, ui.tr("jobs_title"), w, t.text);
        paragraph(ui, ui.fonts.body, ui.tr("jobs_intro"), w, t.muted);
        ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
        for (const auto& p : v.content->guide) {
            const std::string sub = p.sections.empty() ? std::string() : p.sections.front().heading.get(L);
            const std::string key = "jobs_page_" + p.id;
            const std::string& title = p.title.get(L);
            const float rh =
                std::max(ui.em(3.4f), ui.em(0.9f) + paragraphHeight(ui, ui.fonts.bold, title, w) +
                                          paragraphHeight(ui, ui.fonts.body, sub, w));
            const ImVec2 q = ImGui::GetCursorScreenPos();
            const bool clicked = ImGui::InvisibleButton(key.c_str(), ImVec2(w, rh));
            ui.noteItem(key, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
            const bool held = ImGui::IsItemActive() && wasTap(ui);
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRectFilled(q, ImVec2(q.x + w, q.y + rh), col(held ? t.secondary : t.card), ui.em(0.4f));
            const float y = q.y + ui.em(0.45f);
            const float th = drawText(ui, ui.fonts.bold, title, ImVec2(q.x + ui.em(1.f), y), w - ui.em(2.f),
                                      t.text, Align::Left, TextKind::ListRow, q, ImVec2(q.x + w, q.y + rh));
            if (!sub.empty())
                drawText(ui, ui.fonts.body, sub, ImVec2(q.x + ui.em(1.f), y + th), w - ui.em(2.f), t.muted,
                         Align::Left, TextKind::ListRow, q, ImVec2(q.x + w, q.y + rh));
            ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
            if (clicked && wasTap(ui)) out.emit(intent::Push{{flow::ScreenId::Jobs, p.id}});
        }
        ImGui::Dummy(ImVec2(0, ui.em(0.8f)));
        paragraph(ui, ui.fonts.heading, ui.tr("jobs_cv_title"), w, t.text);
        paragraph(ui, ui.fonts.body, ui.tr("jobs_cv_hint"), w, t.text);
        ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
        if (v.print)
            printControls(ui, *v.print, "jobs_print_cv", ui.tr("jobs_print_cv"), w, out,
                          intent::PrintCvForm{});
    } else {
        const std::string& title = page->title.get(L);
        paragraph(ui, ui.minWidth(ui.fonts.large, title) <= w ? ui.fonts.large : ui.fonts.heading, title, w,
                  t.text);
        for (const auto& s : page->sections) {
            ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
            paragraph(ui, ui.fonts.heading, s.heading.get(L), w, t.text);
            if (!s.text.get(L).empty()) paragraph(ui, ui.fonts.body, s.text.get(L), w, t.text);
            for (const auto& b : s.bullets(L)) paragraph(ui, ui.fonts.body, "\xC2\xB7 " + b, w, t.text);
        }
        if (!page->facts.empty()) {
            // Where the legal statements come from, and when that source was read.
            ImGui::Dummy(ImVec2(0, ui.em(0.8f)));
            paragraph(ui, ui.fonts.bold, ui.tr("jobs_sources"), w, t.muted);
            for (const auto& f : page->facts)
                paragraph(ui, ui.fonts.body,
                          ui.tr("jobs_source", {{"source", f.source.get(L)}, {"date", f.checked}}), w,
                          t.muted);
        }
    }
    ImGui::Dummy(ImVec2(0, ui.em(0.5f)));
    endDragScroll(ui, region.c_str());
    pageButtons(ui, region.c_str(), ImVec2(ws.x - margin - ui.em(4.f), top), h);
}

} // namespace kesip::ui
