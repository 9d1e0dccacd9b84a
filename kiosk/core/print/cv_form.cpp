#include "print/sheet.hpp"

namespace kesip::print {

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
    add(Block::Kind::Small, "cv_intro");

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
    add(Block::Kind::Heading, "cv_personal");
    fields({{"cv_name", nullptr, 1},
            {"cv_birth", nullptr, 1},
            {"cv_contacts", "cv_contacts_hint", 2},
            {"cv_city", nullptr, 1}});
    add(Block::Kind::Heading, "cv_goal");
    fields({{"cv_goal_field", "cv_goal_hint", 1}});
    add(Block::Kind::Heading, "cv_education");
    fields({{"cv_education_field", "cv_education_hint", 3}});
    add(Block::Kind::Heading, "cv_experience");
    fields({{"cv_experience_field", "cv_experience_hint", 4}});
    add(Block::Kind::Heading, "cv_skills");
    fields({{"cv_skills_field", "cv_skills_hint", 2},
            {"cv_languages", "cv_languages_hint", 2},
            {"cv_extra", "cv_extra_hint", 2}});
    add(Block::Kind::Heading, "cv_tips");
    Block tips;
    tips.kind = Block::Kind::Bullets;
    for (const char* k : {"cv_tip_1", "cv_tip_2", "cv_tip_3", "cv_tip_4", "cv_tip_5"})
        tips.rows.push_back({cat.tr(lang, k), {}, 0, false});
    doc.blocks.push_back(tips);
    return doc;
}

} // namespace kesip::print
