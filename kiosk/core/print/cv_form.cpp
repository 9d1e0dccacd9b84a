#include "print/sheet.hpp"

namespace kesip::print {

using l10n::K;

// A blank CV to fill in by hand, each field with a short hint. Built from the locale only: it holds nothing
// a visitor typed, so printing it stores nothing.
Document cvForm(const l10n::Catalog& cat, Lang lang, int64_t wallMs) {
    Document doc;
    doc.lang = lang;
    doc.title = cat.tr(lang, "cv_title");
    doc.footer = cat.tr(lang, "sheet_footer", {{"date", cat.formatDate(lang, wallMs)}});
    auto add = [&](Block::Kind k, const char* key) {
        Block b;
        b.kind = k;
        b.text = cat.tr(lang, key);
        doc.blocks.push_back(b);
    };
    Block t;
    t.kind = Block::Kind::Title;
    t.text = cat.tr(lang, "cv_title");
    t.text2 = cat.tr(lang, "cv_subtitle");
    doc.blocks.push_back(t);
    add(Block::Kind::Small, K("cv_intro"));

    struct F {
        const char* label;
        const char* hint; // may be null
        int lines;
    };
    auto fields = [&](std::initializer_list<F> fs) {
        for (const F& f : fs) {
            Block b;
            b.kind = Block::Kind::Field;
            b.text = cat.tr(lang, f.label);
            if (f.hint) b.text2 = cat.tr(lang, f.hint);
            b.lines = f.lines;
            doc.blocks.push_back(b);
        }
    };
    add(Block::Kind::Heading, K("cv_personal"));
    fields({{K("cv_name"), nullptr, 1},
            {K("cv_birth"), nullptr, 1},
            {K("cv_contacts"), K("cv_contacts_hint"), 2},
            {K("cv_city"), nullptr, 1}});
    add(Block::Kind::Heading, K("cv_goal"));
    fields({{K("cv_goal_field"), K("cv_goal_hint"), 1}});
    add(Block::Kind::Heading, K("cv_education"));
    fields({{K("cv_education_field"), K("cv_education_hint"), 3}});
    add(Block::Kind::Heading, K("cv_experience"));
    fields({{K("cv_experience_field"), K("cv_experience_hint"), 4}});
    add(Block::Kind::Heading, K("cv_skills"));
    fields({{K("cv_skills_field"), K("cv_skills_hint"), 2},
            {K("cv_languages"), K("cv_languages_hint"), 2},
            {K("cv_extra"), K("cv_extra_hint"), 2}});
    add(Block::Kind::Heading, K("cv_tips"));
    Block tips;
    tips.kind = Block::Kind::Bullets;
    for (const char* k : {K("cv_tip_1"), K("cv_tip_2"), K("cv_tip_3"), K("cv_tip_4"), K("cv_tip_5")})
        tips.rows.push_back({cat.tr(lang, k), {}, 0, false});
    doc.blocks.push_back(tips);
    return doc;
}

} // namespace kesip::print
