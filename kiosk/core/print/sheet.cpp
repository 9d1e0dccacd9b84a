#include "print/sheet.hpp"

#include <algorithm>
#include <memory>
#include <unicode/dtptngen.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include "assess/summary.hpp"
#include "diary/checks.hpp"
#include "diary/code.hpp"
#include "diary/stages.hpp"
#include "diary/vocab.hpp"

namespace kesip::print {

namespace {

using Kind = Block::Kind;

Block block(Kind k, std::string text = {}) {
    Block b;
    b.kind = k;
    b.text = std::move(text);
    return b;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + int64_t(doe) - 719468;
}

std::string occupationTitle(const SheetInput& in, const std::string& id) {
    if (in.content) {
        const int i = in.content->occupationIndex(id);
        if (i >= 0) return in.content->occupations[size_t(i)].title.get(in.lang);
    }
    return id; // an occupation no longer in the content: its id is better than nothing
}

std::string fieldName(const SheetInput& in, const std::string& id) {
    if (in.content) {
        const int i = in.content->fieldIndex(id);
        if (i >= 0) return in.content->fields[size_t(i)].name.get(in.lang);
    }
    return id;
}

std::string scaleName(const assess::Instrument* ins, const std::string& scale, Lang lang) {
    if (ins) {
        const int i = ins->scaleIndex(scale);
        if (i >= 0) return ins->scales[size_t(i)].name.get(lang);
    }
    return scale;
}

std::string joinTexts(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
    return s;
}

// The interest percentages to chart, in instrument order, and which of them are the top ones.
struct Interest {
    std::vector<std::pair<std::string, double>> scales; // scale id, percent
    std::vector<std::string> top;                       // ids of the top group
    bool flat = false;
};

std::optional<Interest> interestOf(const SheetInput& in) {
    if (!in.interest) return std::nullopt;
    Interest r;
    if (in.interestResult) {
        for (const auto& s : in.interestResult->scales) r.scales.push_back({s.scale, s.percent});
        if (!in.interestResult->codeGroups.empty())
            for (int i : in.interestResult->codeGroups.front())
                r.top.push_back(in.interest->scales[size_t(i)].id);
        r.flat = in.interestResult->flags & assess::kFlagFlat;
        return r;
    }
    const diary::TestSnapshot* snap = in.diary ? diary::latestRun(*in.diary, in.interest->id) : nullptr;
    if (!snap) return std::nullopt;
    for (const auto& sc : in.interest->scales) {
        auto it = std::find_if(snap->scales.begin(), snap->scales.end(),
                               [&](const diary::ScalePercent& p) { return p.scale == sc.id; });
        if (it != snap->scales.end()) r.scales.push_back({sc.id, it->percent});
    }
    double best = 0;
    for (const auto& [id, p] : r.scales) best = std::max(best, p);
    for (const auto& [id, p] : r.scales)
        if (p > best - assess::kTieThreshold) r.top.push_back(id);
    r.flat = snap->flags & assess::kFlagFlat;
    return r;
}

// Matches from a diary's interest percentages when this visit has no test of its own.
std::vector<catalog::Match> matchesFromDiary(const SheetInput& in, const Interest& it) {
    if (!in.content || it.flat || it.scales.size() != 6) return {};
    catalog::Profile p;
    std::vector<std::pair<double, std::string>> order;
    for (size_t i = 0; i < 6; ++i) {
        p.riasec[i] = it.scales[i].second;
        order.push_back({-it.scales[i].second, it.scales[i].first});
    }
    std::stable_sort(order.begin(), order.end());
    for (size_t i = 0; i < 3; ++i) p.topLetters += order[i].second;
    return catalog::matchOccupations(*in.content, p, kSheetOccupations);
}

std::string reasonOf(const l10n::Catalog& cat, const SheetInput& in, const catalog::Match& m) {
    const Lang lang = in.lang;
    std::string likes;
    for (char ch : m.sharedLetters) {
        const int s = in.interest ? in.interest->scaleIndex(std::string(1, ch)) : -1;
        if (s >= 0) likes += (likes.empty() ? "" : "; ") + in.interest->scales[size_t(s)].likes.get(in.lang);
    }
    std::string why =
        likes.empty() ? std::string() : cat.tr(lang, "results_because_likes", {{"list", likes}});
    if (in.strengths && !m.sharedStrengths.empty()) {
        std::vector<std::string> names;
        for (const auto& k : m.sharedStrengths) names.push_back(scaleName(in.strengths, k, in.lang));
        why += (why.empty() ? "" : ". ") +
               cat.tr(lang, "results_because_strengths", {{"list", joinTexts(names, ", ")}});
    }
    return why;
}

std::string qrText(const l10n::Catalog& cat, const SheetInput& in,
                   const std::vector<catalog::Match>& matches) {
    const Lang lang = in.lang;
    assess::TakeawayInput t;
    t.code = in.sessionCode;
    t.wallMs = in.wallMs;
    t.interest = in.interest;
    t.interestResult = in.interestResult;
    t.strengths = in.strengths;
    t.strengthsResult = in.strengthsResult;
    if (in.content)
        for (const auto& m : matches)
            t.occupations.push_back(in.content->occupations[size_t(m.occupation)].title.get(in.lang));
    std::string s = assess::takeawayText(cat, in.lang, t);
    if (in.diary) s += "\n" + cat.tr(lang, "diary_qr_code", {{"code", diary::formatCode(in.diary->code)}});
    return s;
}

// What the parents' page repeats in brief, in the parents' words.
struct Brief {
    std::string interests, occupations, choice, next;
};

void stageSection(const l10n::Catalog& cat, const SheetInput& in, Document& doc, Brief& brief) {
    const Lang lang = in.lang;
    const diary::StageMap map = diary::stageMap(*in.diary);
    doc.blocks.push_back(block(Kind::Heading, cat.tr(lang, "sheet_stages")));
    Block st = block(Kind::Stages);
    for (int s = 0; s < diary::kStages; ++s) {
        const auto stage = diary::Stage(s);
        const bool next = stage == map.next;
        Row r;
        r.a = cat.tr(in.lang, diary::stageKey(stage));
        r.b =
            next ? cat.tr(lang, "diary_state_next") : cat.tr(in.lang, diary::stateKey(map.state[size_t(s)]));
        r.value = double(int(map.state[size_t(s)]));
        r.strong = next;
        st.rows.push_back(r);
    }
    doc.blocks.push_back(st);
    const auto& sg = map.suggestion;
    std::string next = sg.step.empty()
                           ? cat.tr(in.lang, sg.key)
                           : cat.tr(in.lang, sg.key,
                                    {{"step", cat.tr(in.lang, diary::keyOf(diary::stepKinds(), sg.step))},
                                     {"month", monthText(in.lang, sg.month)}});
    doc.blocks.push_back(block(Kind::Paragraph, cat.tr(lang, "sheet_next_step", {{"step", next}})));
    brief.next = next;
}

void interestSection(const l10n::Catalog& cat, const SheetInput& in, const std::optional<Interest>& it,
                     Document& doc, Brief& brief) {
    const Lang lang = in.lang;
    doc.blocks.push_back(block(Kind::Heading, cat.tr(lang, "sheet_interests")));
    if (!it) {
        doc.blocks.push_back(block(Kind::Paragraph, cat.tr(lang, "results_take_interest")));
        return;
    }
    Block bars = block(Kind::Bars);
    std::vector<std::string> topNames;
    for (const auto& [id, pct] : it->scales) {
        const bool top = !it->flat && std::find(it->top.begin(), it->top.end(), id) != it->top.end();
        bars.rows.push_back({scaleName(in.interest, id, in.lang),
                             cat.tr(lang, "results_scale_percent", {{"percent", int64_t(pct + 0.5)}}), pct,
                             top});
        if (top) topNames.push_back(scaleName(in.interest, id, in.lang));
    }
    doc.blocks.push_back(bars);
    if (!it->flat) brief.interests = joinTexts(topNames, ", ");
    doc.blocks.push_back(block(Kind::Paragraph, it->flat ? cat.tr(lang, "results_flat")
                                                         : cat.tr(lang, "results_your_types") + ": " +
                                                               joinTexts(topNames, ", ")));
    if (in.diary) {
        const auto changes = diary::changesSinceLast(*in.diary, in.interest->id);
        Block b = block(Kind::Bullets);
        for (const auto& c : changes)
            if (c.direction != 0)
                b.rows.push_back({cat.tr(in.lang, diary::changeKey(c),
                                         {{"scale", scaleName(in.interest, c.scale, in.lang)}}),
                                  {},
                                  0,
                                  false});
        if (!changes.empty() && b.rows.empty())
            b.rows.push_back({cat.tr(lang, "diary_change_none"), {}, 0, false});
        if (!b.rows.empty()) {
            doc.blocks.push_back(block(Kind::Subheading, cat.tr(lang, "sheet_changes")));
            doc.blocks.push_back(b);
        }
    }
    if (in.strengths && in.strengthsResult && !in.strengthsResult->strengths.empty()) {
        std::vector<std::string> names;
        for (int s : in.strengthsResult->strengths)
            names.push_back(in.strengths->scales[size_t(s)].name.get(in.lang));
        doc.blocks.push_back(block(Kind::Subheading, cat.tr(lang, "results_strengths_top")));
        doc.blocks.push_back(block(Kind::Paragraph, joinTexts(names, ", ")));
    }
}

void diarySections(const l10n::Catalog& cat, const SheetInput& in, Document& doc) {
    const Lang lang = in.lang;
    const diary::Diary& d = *in.diary;
    if (!d.saved.empty()) {
        doc.blocks.push_back(block(Kind::Heading, cat.tr(lang, "sheet_saved")));
        Block b = block(Kind::Bullets);
        for (const auto& s : d.saved) b.rows.push_back({occupationTitle(in, s.occupation), {}, 0, false});
        doc.blocks.push_back(b);
    }
    if (!d.trials.empty()) {
        // What was tried, when and whether again: never the student's own note.
        doc.blocks.push_back(block(Kind::Heading, cat.tr(lang, "sheet_trials")));
        Block b = block(Kind::Pairs);
        for (const auto& t : d.trials) {
            const std::string where =
                !t.occupation.empty() ? occupationTitle(in, t.occupation) : fieldName(in, t.field);
            Row r{monthText(in.lang, t.month),
                  cat.tr(in.lang, diary::keyOf(diary::trialTypes(), t.type)) + " — " + where,
                  0,
                  false,
                  {}};
            if (t.planned) // not done yet: never listed as if it were
                r.c = cat.tr(lang, "sheet_planned");
            else if (const char* again = diary::keyOf(diary::againAnswers(), t.again))
                r.c = cat.tr(lang, "sheet_again", {{"answer", cat.tr(in.lang, again)}});
            b.rows.push_back(r);
        }
        doc.blocks.push_back(b);
    }
    doc.blocks.push_back(block(Kind::Heading, cat.tr(lang, "sheet_plan")));
    if (!d.decision) {
        doc.blocks.push_back(block(Kind::Paragraph, cat.tr(lang, "sheet_no_plan")));
        return;
    }
    const diary::Decision& dec = *d.decision;
    Block p = block(Kind::Pairs);
    p.rows.push_back({cat.tr(lang, "sheet_choice"), occupationTitle(in, dec.choice), 0, false});
    if (!dec.planB.empty())
        p.rows.push_back({cat.tr(lang, "sheet_plan_b"), occupationTitle(in, dec.planB), 0, false});
    std::string route = cat.tr(in.lang, diary::keyOf(diary::routes(), dec.route));
    const std::string inst =
        dec.institution.empty() || !in.institutionName ? std::string() : in.institutionName(dec.institution);
    if (!inst.empty()) route += " — " + inst;
    p.rows.push_back({cat.tr(lang, "sheet_route"), route, 0, false});
    doc.blocks.push_back(p);
    if (!dec.steps.empty()) {
        doc.blocks.push_back(block(Kind::Subheading, cat.tr(lang, "sheet_steps")));
        Block c = block(Kind::Checklist);
        for (const auto& s : dec.steps)
            c.rows.push_back({monthText(in.lang, s.month),
                              cat.tr(in.lang, diary::keyOf(diary::stepKinds(), s.step)), 0, s.done});
        doc.blocks.push_back(c);
    }
}

void parentsSection(const l10n::Catalog& cat, const SheetInput& in, bool interestDone, const Brief& brief,
                    Document& doc) {
    const Lang lang = in.lang;
    doc.blocks.push_back(block(Kind::PageBreak));
    doc.blocks.push_back(block(Kind::Heading, cat.tr(lang, "parents_title")));
    doc.blocks.push_back(block(Kind::Paragraph, cat.tr(lang, "parents_intro")));
    Block sum = block(Kind::Pairs);
    const std::pair<const char*, const std::string*> lines[] = {
        {l10n::K("parents_sum_interests"), &brief.interests},
        {l10n::K("parents_sum_occupations"), &brief.occupations},
        {l10n::K("parents_sum_choice"), &brief.choice},
        {l10n::K("parents_sum_next"), &brief.next}};
    for (const auto& [key, value] : lines)
        if (!value->empty()) sum.rows.push_back({cat.tr(in.lang, key), *value, 0, false, {}});
    if (!sum.rows.empty()) {
        doc.blocks.push_back(block(Kind::Subheading, cat.tr(lang, "parents_summary_h")));
        doc.blocks.push_back(sum);
    }
    doc.blocks.push_back(block(Kind::Subheading, cat.tr(lang, "parents_results_h")));
    doc.blocks.push_back(block(Kind::Paragraph, cat.tr(lang, "parents_results")));
    doc.blocks.push_back(block(Kind::Subheading, cat.tr(lang, "parents_talk_h")));
    Block tips = block(Kind::Bullets);
    for (const char* k : {l10n::K("parents_talk_1"), l10n::K("parents_talk_2"), l10n::K("parents_talk_3"),
                          l10n::K("parents_talk_4")})
        tips.rows.push_back({cat.tr(in.lang, k), {}, 0, false});
    doc.blocks.push_back(tips);
    // What the next stage is: from the diary's map, else from how far this visit went.
    diary::Stage next = interestDone ? diary::Stage::Explore : diary::Stage::Self;
    bool allDone = false;
    if (in.diary) {
        const auto map = diary::stageMap(*in.diary);
        next = map.next;
        allDone = std::all_of(map.state.begin(), map.state.end(),
                              [](diary::StageState s) { return s == diary::StageState::Done; });
    }
    static const char* nextKeys[diary::kStages] = {
        l10n::K("parents_next_self"), l10n::K("parents_next_explore"), l10n::K("parents_next_try"),
        l10n::K("parents_next_decide")};
    doc.blocks.push_back(block(Kind::Subheading, cat.tr(lang, "parents_next_h")));
    doc.blocks.push_back(block(Kind::Paragraph, allDone ? cat.tr(lang, "parents_next_plan")
                                                        : cat.tr(lang, nextKeys[int(next)])));
    doc.blocks.push_back(block(Kind::Subheading, cat.tr(lang, "parents_privacy_h")));
    doc.blocks.push_back(block(Kind::Paragraph, cat.tr(lang, in.diary ? l10n::K("parents_privacy_diary")
                                                                      : l10n::K("parents_privacy"))));
}

} // namespace

std::string monthText(Lang lang, const std::string& yyyyMm) {
    if (!diary::isMonth(yyyyMm)) return yyyyMm;
    const int y = std::stoi(yyyyMm.substr(0, 4)), m = std::stoi(yyyyMm.substr(5, 2));
    UErrorCode st = U_ZERO_ERROR;
    const icu::Locale loc(icuLocale(lang));
    std::unique_ptr<icu::DateTimePatternGenerator> gen(
        icu::DateTimePatternGenerator::createInstance(loc, st));
    if (U_FAILURE(st)) return yyyyMm;
    const icu::UnicodeString pattern = gen->getBestPattern(icu::UnicodeString("yLLLL"), st);
    icu::SimpleDateFormat fmt(pattern, loc, st);
    if (U_FAILURE(st)) return yyyyMm;
    fmt.adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
    icu::UnicodeString out;
    fmt.format(UDate(double(daysFromCivil(y, unsigned(m), 15)) * 86'400'000.0), out);
    std::string s;
    out.toUTF8String(s);
    return s;
}

Document studentSheet(const l10n::Catalog& cat, const SheetInput& in) {
    const Lang lang = in.lang;
    Document doc;
    doc.lang = in.lang;
    doc.title = cat.tr(lang, "sheet_title");
    const std::string date = cat.formatDate(in.lang, in.wallMs);
    doc.footer = cat.tr(lang, "sheet_footer", {{"date", date}});

    const std::optional<Interest> interest = interestOf(in);
    std::vector<catalog::Match> matches = in.matches;
    if (matches.empty() && !in.interestResult && interest) matches = matchesFromDiary(in, *interest);
    if (matches.size() > kSheetOccupations) matches.resize(kSheetOccupations);

    Block t = block(Kind::Title, cat.tr(lang, "sheet_title"));
    t.text2 = cat.tr(lang, "sheet_subtitle");
    t.text3 = date;
    doc.blocks.push_back(t);

    Block code = block(Kind::CodeBox);
    if (in.diary) {
        code.text = cat.tr(lang, "sheet_diary_code");
        code.text2 = diary::formatCode(in.diary->code);
        code.text3 = cat.tr(lang, "sheet_diary_code_hint");
    } else {
        code.text = cat.tr(lang, "results_code_title");
        code.text2 = in.sessionCode;
        code.text3 = cat.tr(lang, "sheet_visit_code_hint");
    }
    code.qr = qrText(cat, in, matches);
    doc.blocks.push_back(code);

    Brief brief;
    if (in.diary) stageSection(cat, in, doc, brief);
    interestSection(cat, in, interest, doc, brief);
    if (!matches.empty() && in.content) {
        doc.blocks.push_back(block(Kind::Heading, cat.tr(lang, "results_matches")));
        Block b = block(Kind::Numbered);
        std::vector<std::string> titles;
        for (const auto& m : matches) {
            titles.push_back(in.content->occupations[size_t(m.occupation)].title.get(in.lang));
            b.rows.push_back({titles.back(), reasonOf(cat, in, m), 0, false});
        }
        doc.blocks.push_back(b);
        if (titles.size() > 3) titles.resize(3);
        brief.occupations = joinTexts(titles, ", ");
    }
    if (in.diary && in.diary->decision) brief.choice = occupationTitle(in, in.diary->decision->choice);
    if (in.diary) diarySections(cat, in, doc);
    parentsSection(cat, in, interest.has_value(), brief, doc);
    return doc;
}

} // namespace kesip::print
