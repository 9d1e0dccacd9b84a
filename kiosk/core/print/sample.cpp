#include "print/sample.hpp"

#include "diary/checks.hpp"
#include "diary/code.hpp"
#include "diary/vocab.hpp"

namespace kesip::print {

namespace {
// The answers of the app's sample visit (App::loadSampleVisit): social and artistic high, enterprising
// middle, the rest low; strengths in teamwork, communication and helpfulness.
assess::Result sampleResult(const assess::Instrument& ins) {
    std::vector<assess::Response> rs;
    for (size_t i = 0; i < ins.items.size(); ++i) {
        const assess::Item& item = ins.items[i];
        int v;
        if (ins.maxValue() == 5)
            v = item.scale == "S"   ? 5
                : item.scale == "A" ? 4 + int(i % 2)
                : item.scale == "E" ? 3 + int(i % 3 == 0)
                                    : 1 + int(i % 3);
        else
            v = item.scale == "teamwork" || item.scale == "communication" || item.scale == "helpfulness" ? 4
                : item.scale == "leadership"                                                             ? 1
                                             : 2 + int(i % 2);
        if (item.reverse) v = ins.minValue() + ins.maxValue() - v;
        rs.push_back({item.id, v, 2500 + int64_t(i % 7) * 300});
    }
    return assess::score(ins, rs);
}

diary::TestSnapshot snapshot(const assess::Instrument& ins, const assess::Result& r, int64_t at) {
    diary::TestSnapshot s{ins.id, ins.version, at, r.flags, {}};
    for (const auto& sc : r.scales) s.scales.push_back({sc.scale, sc.percent});
    return s;
}
} // namespace

SheetInput sampleSheetInput(const assess::Instrument& interest, const assess::Instrument& strengths,
                            const catalog::Content& content, Lang lang, int64_t wallMs, diary::Diary& d) {
    SheetInput in;
    in.lang = lang;
    in.wallMs = wallMs;
    in.sessionCode = "ABC234";
    in.interest = &interest;
    in.interestResult = sampleResult(interest);
    in.strengths = &strengths;
    in.strengthsResult = sampleResult(strengths);
    in.content = &content;
    in.matches = catalog::matchOccupations(
        content, catalog::profileFrom(interest, *in.interestResult, &strengths, &*in.strengthsResult),
        kSheetOccupations);

    const std::string month = diary::currentMonth(wallMs);
    const int64_t day = 86'400'000;
    d = diary::Diary{};
    d.id = "sample";
    d.code = std::string("KSP23456") + diary::checkCharacter("KSP23456");
    d.lang = langCode(lang);
    d.createdAt = d.lastUsedAt = wallMs - 60 * day;
    // An earlier visit with a less social profile, so the sheet shows what changed.
    diary::TestSnapshot earlier = snapshot(interest, *in.interestResult, wallMs - 60 * day);
    for (auto& s : earlier.scales)
        s.percent = s.scale == "S" ? s.percent - 30 : s.scale == "C" ? s.percent + 12 : s.percent;
    d.visits.push_back({wallMs - 60 * day, false, {earlier}});
    d.visits.push_back(
        {wallMs,
         true,
         {snapshot(interest, *in.interestResult, wallMs), snapshot(strengths, *in.strengthsResult, wallMs)}});
    auto occ = [&](size_t i) {
        return content.occupations[size_t(in.matches[i % in.matches.size()].occupation)];
    };
    if (in.matches.empty()) return in;
    for (size_t i = 0; i < 3; ++i) d.saved.push_back({occ(i).id, "results", wallMs - 50 * day});
    d.paths = {"college"};
    diary::Trial open;
    open.type = "open_day";
    open.month = diary::addMonths(month, -2);
    open.occupation = occ(0).id;
    open.liked = {"people", "useful"};
    open.again = "yes";
    open.note = "PRIVATE-NOTE"; // never printed
    diary::Trial talk;
    talk.type = "talk_worker";
    talk.month = diary::addMonths(month, -1);
    talk.field = occ(1).field;
    talk.disliked = {"hours"};
    talk.again = "maybe";
    d.trials = {open, talk};
    for (const diary::Choice& c : diary::readyItems()) d.ready[c.code] = true;
    diary::Decision dec;
    dec.choice = occ(0).id;
    dec.planB = occ(1).id;
    dec.route = occ(0).education.empty() ? "college" : occ(0).education.front().path;
    dec.steps = {{"talk_family", month, true},
                 {"open_day", diary::addMonths(month, 2), false},
                 {"documents", diary::addMonths(month, 6), false}};
    d.decision = dec;
    in.diary = &d;
    return in;
}

} // namespace kesip::print
