// Places to study (institutions, institutions:<oblast>[:<kind>]): browse by oblast and kind.
#include <algorithm>

#include "catalog/study.hpp"
#include "ui/screens/study_common.hpp"

namespace kesip::ui {

void drawInstitutions(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    drawTopBar(ui, v, out);
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ui.em(2.f);
    const float top = topBarHeight(ui) + ui.em(0.8f);
    if (!v.content) {
        ImGui::SetCursorPos(ImVec2(margin, top + ui.em(3.f)));
        paragraph(ui, ui.fonts.heading, ui.tr("enc_unavailable"), ws.x - 2 * margin, t.text, Align::Center);
        return;
    }
    const catalog::Content& c = *v.content;
    const catalog::InstitutionsFilter f = catalog::parseInstitutionsParam(v.route.param);
    const float regionW = ws.x - 2 * margin - pageButtonsWidth(ui);
    const float h = ws.y - top - ui.em(1.f);
    ImGui::SetCursorPos(ImVec2(margin, top));
    beginDragScroll(ui, "inst_page", ImVec2(regionW, h));
    const float w = std::min(regionW - ui.em(1.f), ui.em(60.f));
    paragraph(ui, ui.fonts.heading, ui.tr("inst_title"), w, t.text);
    paragraph(ui, ui.fonts.body, ui.tr("inst_intro"), w, t.muted);
    ImGui::Dummy(ImVec2(0, ui.em(0.4f)));

    // Filters: every oblast (and "all"), every kind (and "all"); a tap replaces this screen's filter.
    std::vector<std::pair<std::string, std::string>> oblasts = {
        {"inst_oblast_all", study::oblastName(ui, "")}};
    int selected = 0;
    for (const auto& id : catalog::oblastIds()) {
        if (id == f.oblast) selected = int(oblasts.size());
        oblasts.push_back({"inst_oblast_" + id, study::oblastName(ui, id)});
    }
    const int o = study::chips(ui, oblasts, selected, w);
    std::vector<std::pair<std::string, std::string>> kinds = {{"inst_kind_all", study::kindName(ui, "")}};
    selected = 0;
    for (const auto& id : catalog::institutionKinds()) {
        if (id == f.kind) selected = int(kinds.size());
        kinds.push_back({"inst_kind_" + id, study::kindName(ui, id)});
    }
    const int k = study::chips(ui, kinds, selected, w);
    if (o >= 0 || k >= 0) {
        const std::string oblast = o < 0 ? f.oblast : o == 0 ? "" : catalog::oblastIds()[size_t(o - 1)];
        const std::string kind = k < 0 ? f.kind : k == 0 ? "" : catalog::institutionKinds()[size_t(k - 1)];
        out.emit(intent::Replace{{flow::ScreenId::Institutions, catalog::institutionsParam(oblast, kind)}});
    }

    std::vector<int> list = c.institutionsIn(f.oblast, f.kind);
    catalog::sortByOblast(c, list);
    ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
    paragraph(ui, ui.fonts.bold, ui.tr("inst_count", {{"n", int(list.size())}}), w, t.primary);
    if (list.empty()) paragraph(ui, ui.fonts.body, ui.tr("inst_none"), w, t.text);
    // All oblasts: the list goes oblast by oblast, each under its name.
    std::string shownOblast;
    for (int i : list) {
        const catalog::Institution& in = c.institutions[size_t(i)];
        if (f.oblast.empty() && in.oblast != shownOblast) {
            shownOblast = in.oblast;
            ImGui::Dummy(ImVec2(0, ui.em(0.3f)));
            paragraph(ui, ui.fonts.bold, study::oblastName(ui, in.oblast), w, t.text);
        }
        std::string taught;
        for (int oc : catalog::occupationsTaughtAt(c, i))
            taught += (taught.empty() ? "" : ", ") + c.occupations[size_t(oc)].title.get(ui.lang);
        std::vector<std::string> extra;
        if (!taught.empty()) extra.push_back(ui.tr("inst_teaches", {{"list", taught}}));
        study::institutionCard(ui, c, i, extra, w);
    }
    ImGui::Dummy(ImVec2(0, ui.em(2.f)));
    endDragScroll(ui, "inst_page");
    pageButtons(ui, "inst_page", ImVec2(ws.x - margin - ui.em(4.f), top), h);
}

std::string study::speakInstitutions(const Ui& ui, const catalog::Content& c, const std::string& param) {
    const catalog::InstitutionsFilter f = catalog::parseInstitutionsParam(param);
    std::vector<int> list = c.institutionsIn(f.oblast, f.kind);
    catalog::sortByOblast(c, list);
    std::string t;
    addSpoken(t, ui.tr("inst_title"));
    addSpoken(t, oblastName(ui, f.oblast) + ", " + kindName(ui, f.kind));
    addSpoken(t, ui.tr("inst_count", {{"n", int(list.size())}}));
    if (list.empty()) addSpoken(t, ui.tr("inst_none"));
    std::string shownOblast;
    for (int i : list) {
        const std::string& oblast = c.institutions[size_t(i)].oblast;
        if (f.oblast.empty() && oblast != shownOblast) addSpoken(t, oblastName(ui, shownOblast = oblast));
        addSpoken(t, speakInstitution(ui, c, i));
    }
    return t;
}

} // namespace kesip::ui
