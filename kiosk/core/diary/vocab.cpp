#include "diary/vocab.hpp"

#include "l10n/catalog.hpp"

namespace kesip::diary {

using l10n::K;

const Choices& trialTypes() {
    static const Choices c = {
        {"open_day", K("diary_trial_open_day")},     {"company_visit", K("diary_trial_company_visit")},
        {"internship", K("diary_trial_internship")}, {"talk_worker", K("diary_trial_talk_worker")},
        {"course", K("diary_trial_course")},         {"job", K("diary_trial_job")},
    };
    return c;
}

const Choices& likedChips() {
    static const Choices c = {
        {"people", K("diary_liked_people")}, {"hands", K("diary_liked_hands")},
        {"team", K("diary_liked_team")},     {"learned", K("diary_liked_learned")},
        {"useful", K("diary_liked_useful")}, {"creative", K("diary_liked_creative")},
        {"tech", K("diary_liked_tech")},     {"outdoors", K("diary_liked_outdoors")},
        {"calm", K("diary_liked_calm")},     {"pay", K("diary_liked_pay")},
    };
    return c;
}

const Choices& dislikedChips() {
    static const Choices c = {
        {"boring", K("diary_disliked_boring")}, {"tiring", K("diary_disliked_tiring")},
        {"dirty", K("diary_disliked_dirty")},   {"stress", K("diary_disliked_stress")},
        {"alone", K("diary_disliked_alone")},   {"hours", K("diary_disliked_hours")},
        {"hard", K("diary_disliked_hard")},     {"far", K("diary_disliked_far")},
        {"pay", K("diary_disliked_pay")},
    };
    return c;
}

const Choices& againAnswers() {
    static const Choices c = {
        {"yes", K("diary_again_yes")}, {"maybe", K("diary_again_maybe")}, {"no", K("diary_again_no")}};
    return c;
}

const Choices& routes() {
    // The same path codes and names as the encyclopedia's "where to study".
    static const Choices c = {
        {"lyceum", K("edu_lyceum")}, {"college", K("edu_college")},       {"university", K("edu_university")},
        {"course", K("edu_course")}, {"on_the_job", K("edu_on_the_job")},
    };
    return c;
}

const Choices& stepKinds() {
    static const Choices c = {
        {"talk_family", K("diary_step_talk_family")},
        {"talk_counselor", K("diary_step_talk_counselor")},
        {"open_day", K("diary_step_open_day")},
        {"practice", K("diary_step_practice")},
        {"subjects", K("diary_step_subjects")},
        {"exams", K("diary_step_exams")},
        {"documents", K("diary_step_documents")},
        {"apply", K("diary_step_apply")},
        {"course", K("diary_step_course")},
        {"vacancies", K("diary_step_vacancies")},
        {"cv", K("diary_step_cv")},
        {"retake", K("diary_step_retake")},
    };
    return c;
}

const Choices& readyItems() {
    static const Choices c = {
        {"know_self", K("diary_ready_know_self")}, {"know_work", K("diary_ready_know_work")},
        {"tried", K("diary_ready_tried")},         {"know_path", K("diary_ready_know_path")},
        {"family", K("diary_ready_family")},       {"plan_b", K("diary_ready_plan_b")},
    };
    return c;
}

const Choices& noteChoices() {
    static const Choices c = {
        {"follow_up", K("diary_note_follow_up")},
        {"rec_tests", K("diary_note_rec_tests")},
        {"rec_explore", K("diary_note_rec_explore")},
        {"rec_open_day", K("diary_note_rec_open_day")},
        {"rec_internship", K("diary_note_rec_internship")},
        {"rec_course", K("diary_note_rec_course")},
        {"decision_discussed", K("diary_note_decision_discussed")},
        {"plan_realistic", K("diary_note_plan_realistic")},
        {"plan_revisit", K("diary_note_plan_revisit")},
        {"parents_meeting", K("diary_note_parents_meeting")},
    };
    return c;
}

const Choices& savedSources() {
    static const Choices c = {
        {"encyclopedia", K("enc_title")}, {"results", K("results_matches")}, {"search", K("search_title")}};
    return c;
}

const char* keyOf(const Choices& list, std::string_view code) {
    for (const Choice& c : list)
        if (code == c.code) return c.key;
    return nullptr;
}

} // namespace kesip::diary
