#include <algorithm>

#include "assess/summary.hpp"
#include "ui/screens/screens.hpp"

namespace kesip::ui {

using l10n::K;

namespace {

struct Layout {
    float margin, top, width, height;
};

void noResult(Ui& ui, const Layout& L, const char* messageKey, const char* test, Intents& out) {
    ImGui::SetCursorPos(ImVec2(L.margin, L.top + ui.em(2.f)));
    paragraph(ui, ui.fonts.heading, ui.tr(messageKey), L.width, ui.theme().text);
    ImGui::Dummy(ImVec2(0, ui.em(1.f)));
    ImGui::SetCursorPosX(L.margin);
    const std::string key = std::string("results_start_") + test;
    if (button(ui, key.c_str(), ui.tr("results_start_test"), ui.em(16.f, 3.6f)))
        out.emit(intent::OpenTest{test});
}

// "Compared with others your age": only where installed norms cover this scale and the visitor's age.
void normLine(Ui& ui, const std::vector<std::optional<int>>& norms, int scale, float x, float w) {
    if (size_t(scale) >= norms.size() || !norms[size_t(scale)]) return;
    ImGui::SetCursorPosX(x);
    paragraph(ui, ui.fonts.body, ui.tr("results_norm", {{"p", *norms[size_t(scale)]}}), w, ui.theme().muted);
}

bool inTopGroups(const assess::Result& r, int scale) {
    for (const auto& g : r.codeGroups)
        for (int s : g)
            if (s == scale) return true;
    return false;
}

void interestTab(Ui& ui, const View& v, const Layout& L, Intents& out) {
    const ResultsView& rv = *v.results;
    if (!rv.interest || !rv.interestResult)
        return noResult(ui, L, K("results_take_interest"), "interest", out);
    const Theme& t = ui.theme();
    const assess::Instrument& ins = *rv.interest;
    const assess::Result& r = *rv.interestResult;
    // Bars left and explanations right; on a narrow window the explanations go under the bars.
    const bool stack = L.width < ui.em(50.f);
    const float leftW = stack ? L.width : L.width * 0.44f;
    const float rightW = stack ? L.width : L.width - leftW - ui.em(2.f);
    std::vector<std::string> names;
    for (const auto& sc : ins.scales) names.push_back(sc.name.get(ui.lang));
    const float labelW = barLabelWidth(ui, names, ui.em(6.f), leftW * 0.45f);

    ImGui::SetCursorPos(ImVec2(L.margin, L.top));
    const bool reliable = !assess::unreliable(r.flags);
    const bool flat = r.flags & assess::kFlagFlat;
    for (size_t s = 0; s < ins.scales.size(); ++s) {
        ImGui::SetCursorPosX(L.margin);
        scoreBar(ui, names[s], float(r.scales[s].percent), labelW, leftW - labelW - ui.em(3.5f),
                 reliable && !flat && inTopGroups(r, int(s)));
    }
    const float rightX = stack ? L.margin : L.margin + leftW + ui.em(2.f);
    const float rightTop = stack ? ImGui::GetCursorPosY() + ui.em(1.f) : L.top;
    ImGui::SetCursorPos(ImVec2(rightX, rightTop));
    if (!reliable || flat) {
        paragraph(ui, ui.fonts.body, ui.tr(reliable ? K("results_flat") : K("results_unreliable")), rightW,
                  t.text);
        return;
    }
    paragraph(ui, ui.fonts.heading, ui.tr("results_your_types"), rightW, t.text);
    ImGui::SetCursorPosX(rightX);
    ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
    int shown = 0;
    for (const auto& g : r.codeGroups) {
        for (int s : g) {
            if (shown++ >= 3) break; // at most three explanations; the chart shows the rest
            const assess::Scale& sc = ins.scales[size_t(s)];
            ImGui::SetCursorPosX(rightX);
            paragraph(ui, ui.fonts.bold, sc.name.get(ui.lang) + " — " + sc.shortName.get(ui.lang), rightW,
                      t.primary);
            ImGui::SetCursorPosX(rightX);
            paragraph(ui, ui.fonts.body, sc.description.get(ui.lang), rightW, t.text);
            normLine(ui, rv.interestNorms, s, rightX, rightW);
            ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
        }
        if (g.size() > 1 && shown <= 3) {
            ImGui::SetCursorPosX(rightX);
            paragraph(ui, ui.fonts.body, ui.tr("results_tied"), rightW, t.muted);
            ImGui::Dummy(ImVec2(0, ui.em(0.4f)));
        }
    }
}

void strengthsTab(Ui& ui, const View& v, const Layout& L, Intents& out) {
    const ResultsView& rv = *v.results;
    if (!rv.strengths || !rv.strengthsResult)
        return noResult(ui, L, K("results_take_strengths"), "strengths", out);
    const Theme& t = ui.theme();
    const assess::Instrument& ins = *rv.strengths;
    const assess::Result& r = *rv.strengthsResult;
    const bool stack = L.width < ui.em(50.f);
    const float leftW = stack ? L.width : L.width * 0.5f;
    const float rightW = stack ? L.width : L.width - leftW - ui.em(2.f);
    std::vector<std::string> names;
    for (const auto& sc : ins.scales) names.push_back(sc.name.get(ui.lang));
    const float labelW = barLabelWidth(ui, names, ui.em(7.f), leftW * 0.5f);
    ImGui::SetCursorPos(ImVec2(L.margin, L.top));
    const bool reliable = !assess::unreliable(r.flags);
    for (int s : r.ranking) {
        ImGui::SetCursorPosX(L.margin);
        bool top = std::find(r.strengths.begin(), r.strengths.end(), s) != r.strengths.end();
        scoreBar(ui, names[size_t(s)], float(r.scales[size_t(s)].percent), labelW,
                 leftW - labelW - ui.em(3.5f), reliable && top);
    }
    const float rightX = stack ? L.margin : L.margin + leftW + ui.em(2.f);
    const float rightTop = stack ? ImGui::GetCursorPosY() + ui.em(1.f) : L.top;
    ImGui::SetCursorPos(ImVec2(rightX, rightTop));
    if (!reliable) {
        paragraph(ui, ui.fonts.body, ui.tr("results_unreliable"), rightW, t.text);
        return;
    }
    paragraph(ui, ui.fonts.heading, ui.tr("results_strengths_top"), rightW, t.text);
    if (r.strengths.empty()) {
        ImGui::SetCursorPosX(rightX);
        paragraph(ui, ui.fonts.body, ui.tr("results_strengths_none"), rightW, t.text);
    }
    for (int s : r.strengths) {
        const assess::Scale& sc = ins.scales[size_t(s)];
        ImGui::SetCursorPosX(rightX);
        paragraph(ui, ui.fonts.bold, sc.name.get(ui.lang), rightW, t.primary);
        ImGui::SetCursorPosX(rightX);
        paragraph(ui, ui.fonts.body, sc.description.get(ui.lang), rightW, t.text);
        normLine(ui, rv.strengthsNorms, s, rightX, rightW);
        ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
    }
    if (!r.toDevelop.empty()) {
        ImGui::Dummy(ImVec2(0, ui.em(0.5f)));
        ImGui::SetCursorPosX(rightX);
        paragraph(ui, ui.fonts.heading, ui.tr("results_strengths_develop"), rightW, t.text);
        std::string list;
        for (int s : r.toDevelop)
            list += (list.empty() ? "" : ", ") + ins.scales[size_t(s)].name.get(ui.lang);
        ImGui::SetCursorPosX(rightX);
        paragraph(ui, ui.fonts.body, list, rightW, t.text);
    }
}

void occupationsTab(Ui& ui, const View& v, const Layout& L, Intents& out) {
    const ResultsView& rv = *v.results;
    if (!rv.interest || !rv.interestResult)
        return noResult(ui, L, K("results_matches_need_test"), "interest", out);
    const Theme& t = ui.theme();
    ImGui::SetCursorPos(ImVec2(L.margin, L.top));
    if (!v.content) {
        paragraph(ui, ui.fonts.body, ui.tr("enc_unavailable"), L.width, t.text);
        return;
    }
    if (rv.matches.empty()) {
        paragraph(ui, ui.fonts.body, ui.tr("results_matches_flat"), L.width, t.text);
        return;
    }
    const catalog::Content& c = *v.content;
    // Fields that fit: chips that open the field.
    paragraph(ui, ui.fonts.bold, ui.tr("results_fields"), L.width, t.text);
    float x = L.margin;
    // Chips in rows: a chip that does not fit on the row starts the next one.
    float y = ImGui::GetCursorPosY();
    const float chipH = ui.em(2.6f);
    for (const auto& fm : rv.fields) {
        const catalog::Field& f = c.fields[size_t(fm.field)];
        const std::string name = f.name.get(ui.lang);
        const float bw = std::min(L.width, textWidth(ui.fonts.bold, name) + ui.em(2.f));
        if (x > L.margin && x + bw > L.margin + L.width) x = L.margin, y += chipH + ui.em(0.6f);
        ImGui::SetCursorPos(ImVec2(x, y));
        if (button(ui, ("match_field_" + f.id).c_str(), name, ImVec2(bw, buttonHeight(ui, name, bw, chipH)),
                   Tone::Secondary))
            out.emit(intent::Push{{flow::ScreenId::Field, f.id}});
        x += bw + ui.em(0.6f);
    }
    ImGui::SetCursorPos(ImVec2(L.margin, y + chipH + ui.em(0.8f)));
    paragraph(ui, ui.fonts.bold, ui.tr("results_matches"), L.width, t.text);
    const float listTop = ImGui::GetCursorPosY();
    const float listH = L.top + L.height - listTop;
    ImGui::SetCursorPos(ImVec2(L.margin, listTop));
    beginDragScroll(ui, "matches", ImVec2(L.width - pageButtonsWidth(ui), listH));
    const float w = L.width - pageButtonsWidth(ui) - ui.em(1.f);
    const assess::Instrument& interest = *rv.interest;
    for (size_t i = 0; i < rv.matches.size(); ++i) {
        const catalog::Match& m = rv.matches[i];
        const catalog::Occupation& o = c.occupations[size_t(m.occupation)];
        // Reasons, in the visitor's language: the interest types they share, the strengths it needs.
        std::string likes;
        for (char ch : m.sharedLetters) {
            int s = interest.scaleIndex(std::string(1, ch));
            if (s >= 0) likes += (likes.empty() ? "" : "; ") + interest.scales[size_t(s)].likes.get(ui.lang);
        }
        std::string why = likes.empty() ? std::string() : ui.tr("results_because_likes", {{"list", likes}});
        if (rv.strengths && !m.sharedStrengths.empty()) {
            std::string st;
            for (const auto& k : m.sharedStrengths) {
                int s = rv.strengths->scaleIndex(k);
                if (s >= 0)
                    st += (st.empty() ? "" : ", ") + rv.strengths->scales[size_t(s)].name.get(ui.lang);
            }
            why += (why.empty() ? "" : ". ") + ui.tr("results_because_strengths", {{"list", st}});
        }
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const std::string title = std::to_string(i + 1) + ". " + o.title.get(ui.lang);
        // studyui: "where to study" at the row's right end; the rest of the row opens the occupation
        const std::string studyLabel = ui.tr("results_study");
        const float sw = std::min(textWidth(ui.fonts.bold, studyLabel) + ui.em(1.6f), w * 0.35f);
        // star: left of "where to study", or above it when the text would get narrow (portrait, large text)
        const float side = diaryStarSide(ui), gap = ui.em(0.6f);
        const bool starAbove = w - ui.em(2.f) - sw - 2 * gap - side < ui.em(16.f);
        const float starW = starAbove ? 0.f : side + gap, starH = starAbove ? side + gap : 0.f;
        const float tw = w - ui.em(2.f) - sw - gap - starW;
        const float titleH = paragraphHeight(ui, ui.fonts.bold, title, tw);
        const float h =
            std::max(ui.em(0.4f) + titleH + paragraphHeight(ui, ui.fonts.body, why, tw) + ui.em(0.6f),
                     starH + buttonHeight(ui, studyLabel, sw, ui.em(2.6f)) + ui.em(0.8f));
        const std::string key = "match_" + o.id;
        const bool clicked = ImGui::InvisibleButton(key.c_str(), ImVec2(w - sw - ui.em(0.6f) - starW, h));
        const bool held = ImGui::IsItemActive() && wasTap(ui);
        ui.noteItem(key, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), col(held ? t.secondary : t.card), ui.em(0.4f));
        const ImVec2 q(p.x + w, p.y + h);
        drawText(ui, ui.fonts.bold, title, ImVec2(p.x + ui.em(1.f), p.y + ui.em(0.4f)), tw, t.primary,
                 Align::Left, TextKind::ListRow, p, q);
        drawText(ui, ui.fonts.body, why, ImVec2(p.x + ui.em(1.f), p.y + ui.em(0.4f) + titleH), tw, t.text,
                 Align::Left, TextKind::ListRow, p, q);
        ImGui::SetCursorScreenPos(
            ImVec2(q.x - ui.em(0.4f) - (starAbove ? side : sw + starW), p.y + ui.em(0.4f)));
        diaryStar(ui, v, out, o.id, "results", starAbove ? side : h - ui.em(0.8f)); // star
        ImGui::SetCursorScreenPos(ImVec2(q.x - sw - ui.em(0.4f), p.y + ui.em(0.4f) + starH));
        if (button(ui, ("results_study_" + o.id).c_str(), studyLabel, ImVec2(sw, h - ui.em(0.8f) - starH),
                   Tone::Secondary))
            out.emit(intent::Push{{flow::ScreenId::Study, o.id}});
        ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h + ui.em(0.4f)));
        ImGui::Dummy(ImVec2(0, 0));
        if (clicked && wasTap(ui)) out.emit(intent::Push{{flow::ScreenId::Occupation, o.id}});
    }
    endDragScroll(ui, "matches");
    pageButtons(ui, "matches", ImVec2(L.margin + L.width - ui.em(4.f), listTop), listH);
}

void takeawayTab(Ui& ui, const View& v, const Layout& L, Intents& out) {
    const Theme& t = ui.theme();
    const ResultsView& rv = *v.results;
    // The code and next steps left, the QR code right; on a narrow window the QR code goes under them.
    float qrSide = std::min(L.height - ui.em(3.f), ui.em(17.f));
    const bool stack = L.width - qrSide - ui.em(3.f) < ui.em(20.f);
    if (stack) qrSide = std::min(L.width, ui.em(17.f));
    const float leftW = stack ? L.width : L.width - qrSide - ui.em(3.f);
    ImGui::SetCursorPos(ImVec2(L.margin, L.top));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    paragraph(ui, ui.fonts.heading, ui.tr("results_code_title"), leftW, t.text);
    ImGui::SetCursorPosX(L.margin);
    // Spaced letters read better aloud and off a phone.
    std::string spaced;
    for (char c : rv.code) spaced += std::string(spaced.empty() ? "" : " ") + c;
    paragraph(ui, ui.fonts.title, spaced, leftW, t.primary);
    ImGui::SetCursorPosX(L.margin);
    paragraph(ui, ui.fonts.body, ui.tr("results_code_hint"), leftW, t.muted);
    ImGui::Dummy(ImVec2(0, ui.em(1.f)));
    ImGui::SetCursorPosX(L.margin);
    paragraph(ui, ui.fonts.heading, ui.tr("results_next_title"), leftW, t.text);
    int n = 1;
    for (const char* k :
         {K("next_counselor"), K("next_explore"), K("next_visit"), K("next_try"), K("next_decide")}) {
        ImGui::SetCursorPosX(L.margin);
        paragraph(ui, ui.fonts.body, std::to_string(n++) + ". " + ui.tr(k), leftW, t.text);
    }
    // printjobs: the printed sheet for the student and the parents.
    ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
    ImGui::SetCursorPosX(L.margin);
    const std::string printLabel = ui.tr("results_print");
    const float pw = std::min(leftW, ui.em(18.f));
    if (button(ui, "results_print", printLabel, ImVec2(pw, buttonHeight(ui, printLabel, pw, ui.em(3.f)))))
        out.emit(intent::Push{{flow::ScreenId::PrintPreview, {}}});
    const ImVec2 qp =
        stack ? ImVec2(origin.x + (L.width - qrSide) * 0.5f, ImGui::GetCursorScreenPos().y + ui.em(1.f))
              : ImVec2(origin.x + L.width - qrSide, origin.y);
    drawQr(ui, rv.qr.dark, rv.qr.size, qp, qrSide);
    ui.noteItem("results_qr", qp, ImVec2(qp.x + qrSide, qp.y + qrSide));
    ImGui::SetCursorScreenPos(ImVec2(qp.x, qp.y + qrSide + ui.em(0.5f)));
    paragraph(ui, ui.fonts.body, ui.tr("results_qr_hint"), qrSide, t.muted);
}

} // namespace

void drawResults(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    drawTopBar(ui, v, out);
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(2.f);
    ImGui::SetCursorPos(ImVec2(margin, topBarHeight(ui) + ui.em(1.f)));
    paragraph(ui, ui.fonts.heading, ui.tr("results_title"), ws.x - 2 * margin, t.text);

    // Tabs on the right of the title row.
    struct Tab {
        const char* id;
        const char* key;
    };
    const Tab tabs[] = {{"interest", K("tab_interest")},
                        {"strengths", K("tab_strengths")},
                        {"occupations", K("tab_occupations")},
                        {"takeaway", K("tab_takeaway")}};
    const std::string current = v.route.param.empty() ? "interest" : v.route.param;
    // Tabs beside the title when they fit, else on their own row under it; two rows of two when a
    // label's longest word would not fit a quarter of the width (portrait, large text).
    const std::string title = ui.tr("results_title");
    const float titleW = textWidth(ui.fonts.heading, title);
    const float tabGap = ui.em(0.5f);
    float wordW = 0;
    for (const Tab& tab : tabs) wordW = std::max(wordW, ui.minWidth(ui.fonts.bold, ui.tr(tab.key)));
    const float full = ws.x - 2 * margin;
    const bool beside = full - titleW - ui.em(1.f) >= 4 * ui.em(10.f) + 3 * tabGap;
    const float rowW = beside ? 4 * ui.em(10.f) + 3 * tabGap : full;
    const int cols = (rowW - 3 * tabGap) / 4.f >= wordW + ui.em(1.5f) ? 4 : 2;
    const float tw = std::min(ui.em(10.f), (rowW - float(cols - 1) * tabGap) / float(cols));
    float th = ui.em(2.8f);
    for (const Tab& tab : tabs) th = std::max(th, buttonHeight(ui, ui.tr(tab.key), tw, th));
    const float x0 = beside ? ws.x - margin - rowW : margin;
    const float tabY =
        beside ? topBarHeight(ui) + ui.em(0.8f)
               : topBarHeight(ui) + ui.em(1.2f) + paragraphHeight(ui, ui.fonts.heading, title, full);
    for (int i = 0; i < 4; ++i) {
        const Tab& tab = tabs[i];
        ImGui::SetCursorPos(
            ImVec2(x0 + float(i % cols) * (tw + tabGap), tabY + float(i / cols) * (th + tabGap)));
        const std::string key = std::string("tab_") + tab.id;
        if (button(ui, key.c_str(), ui.tr(tab.key), ImVec2(tw, th),
                   current == tab.id ? Tone::Primary : Tone::Secondary, true, TextKind::Tab) &&
            current != tab.id)
            out.emit(intent::Replace{{flow::ScreenId::Results, tab.id}});
    }
    const float contentTop = tabY + float(4 / cols) * (th + tabGap) - tabGap + ui.em(1.2f);
    const float contentH = ws.y - contentTop - ui.em(1.f);
    if (current == "occupations") {
        occupationsTab(ui, v, Layout{margin, contentTop, full, contentH}, out);
        return;
    }
    // The other tabs scroll when their content is taller than the window (portrait, large text).
    const std::string region = "results_" + current;
    const bool scroll = overflows(ui, region.c_str());
    ImGui::SetCursorPos(ImVec2(margin, contentTop));
    beginDragScroll(ui, region.c_str(), ImVec2(scroll ? full - pageButtonsWidth(ui) : full, contentH));
    Layout L{0, 0, (scroll ? full - pageButtonsWidth(ui) : full) - ui.em(0.5f), contentH};
    if (current == "strengths")
        strengthsTab(ui, v, L, out);
    else if (current == "takeaway")
        takeawayTab(ui, v, L, out);
    else
        interestTab(ui, v, L, out);
    ImGui::Dummy(ImVec2(0, ui.em(0.5f)));
    endDragScroll(ui, region.c_str());
    if (scroll) pageButtons(ui, region.c_str(), ImVec2(ws.x - margin - ui.em(4.f), contentTop), contentH);
}

} // namespace kesip::ui
