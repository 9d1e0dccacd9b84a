#include <algorithm>

#include "ui/screens/screens.hpp"

namespace kesip::ui {

using l10n::K;

namespace {
struct Option {
    const char* value;
    const char* label;
};
struct Question {
    const char* title;
    std::vector<Option> options;
};

// Stored codes (left) never change; labels come from the locale.
const std::vector<Question>& questions() {
    static const std::vector<Question> q = {
        {K("demo_q_age"),
         {{"under_15", K("demo_age_under_15")},
          {"15_17", K("demo_age_15_17")},
          {"18_20", K("demo_age_18_20")},
          {"21_24", K("demo_age_21_24")},
          {"25_plus", K("demo_age_25_plus")}}},
        {K("demo_q_gender"), {{"female", K("demo_gender_female")}, {"male", K("demo_gender_male")}}},
        {K("demo_q_status"),
         {{"school_8", K("demo_status_school_8")},
          {"school_9", K("demo_status_school_9")},
          {"school_10", K("demo_status_school_10")},
          {"school_11", K("demo_status_school_11")},
          {"lyceum_college", K("demo_status_lyceum_college")},
          {"university", K("demo_status_university")},
          {"seeking_work", K("demo_status_seeking_work")},
          {"working", K("demo_status_working")},
          {"other", K("demo_status_other")}}},
        {K("demo_q_oblast"),
         {{"bishkek", K("demo_oblast_bishkek")},
          {"osh_city", K("demo_oblast_osh_city")},
          {"chui", K("demo_oblast_chui")},
          {"issyk_kul", K("demo_oblast_issyk_kul")},
          {"naryn", K("demo_oblast_naryn")},
          {"talas", K("demo_oblast_talas")},
          {"jalal_abad", K("demo_oblast_jalal_abad")},
          {"osh", K("demo_oblast_osh")},
          {"batken", K("demo_oblast_batken")}}},
    };
    return q;
}
} // namespace

int demographicsQuestionCount() {
    return int(questions().size());
}

void drawDemographics(Ui& ui, const View& v, Intents& out) {
    const Theme& t = ui.theme();
    drawTopBar(ui, v, out);
    const auto& qs = questions();
    const Question& q = qs[size_t(std::clamp(v.demoStep, 0, int(qs.size()) - 1))];
    const ImVec2 ws = ImGui::GetWindowSize();
    const float margin = ws.x > ui.em(45.f) ? ui.em(3.f) : ui.em(1.5f);
    const float w = ws.x - 2 * margin;
    ImGui::SetCursorPos(ImVec2(margin, topBarHeight(ui) + ui.em(1.2f)));
    paragraph(ui, ui.fonts.bold,
              ui.tr("demo_title") + " · " +
                  ui.tr("demo_step", {{"n", v.demoStep + 1}, {"total", int(qs.size())}}),
              w, t.muted);
    ImGui::SetCursorPosX(margin);
    paragraph(ui, ui.fonts.body, ui.tr("demo_intro"), w, t.muted);
    ImGui::Dummy(ImVec2(0, ui.em(0.6f)));
    ImGui::SetCursorPosX(margin);
    paragraph(ui, ui.fonts.heading, ui.tr(q.title), w, t.text);
    ImGui::Dummy(ImVec2(0, ui.em(0.8f)));

    // Options in a grid, "prefer not to say" as its last cell. Up to three columns (four for long
    // lists on a wide window) as long as each cell holds the longest word of any label; rows as tall as
    // the labels need and the window allows.
    const float gap = ui.em(0.8f);
    std::vector<std::pair<std::string, std::string>> cells; // key, label
    for (const Option& o : q.options) cells.push_back({std::string("demo_") + o.value, ui.tr(o.label)});
    cells.push_back({"demo_na", ui.tr("demo_na")});
    float wordW = 0;
    for (const auto& c : cells) wordW = std::max(wordW, ui.minWidth(ui.fonts.bold, c.second));
    auto widthFor = [&](int c) { return (w - gap * float(c - 1)) / float(c); };
    int cols = cells.size() > 6 ? 4 : 2;
    while (cols > 1 &&
           (widthFor(cols) < std::max(wordW + ui.em(2.f), ui.em(9.f)) || (cols == 4 && ws.x < ws.y)))
        --cols;
    const float bw = widthFor(cols);
    const size_t rows = (cells.size() + size_t(cols) - 1) / size_t(cols);
    float need = ui.em(2.6f);
    for (const auto& c : cells) need = std::max(need, buttonHeight(ui, c.second, bw, need));
    const float y0 = ImGui::GetCursorPosY();
    const float fit = (ws.y - y0 - ui.em(1.f) - gap * float(rows - 1)) / float(rows);
    const ImVec2 bs(bw, std::max(need, std::min(ui.em(3.4f), fit)));
    for (size_t i = 0; i < cells.size(); ++i) {
        ImGui::SetCursorPos(ImVec2(margin + float(i % size_t(cols)) * (bw + gap),
                                   y0 + float(i / size_t(cols)) * (bs.y + gap)));
        const bool na = i + 1 == cells.size();
        if (button(ui, cells[i].first.c_str(), cells[i].second, bs, na ? Tone::Primary : Tone::Secondary))
            out.emit(intent::DemoAnswer{na ? std::string("na") : q.options[i].value});
    }
}

} // namespace kesip::ui
