#pragma once
#include <string_view>
#include <vector>

namespace kesip::diary {

// The fixed choices a diary stores (codes) and the locale keys of their texts. A screen lists them in
// this order; the store accepts nothing else, so no free text gets in through a choice.
struct Choice {
    const char* code;
    const char* key;
};
using Choices = std::vector<Choice>;

const Choices& trialTypes();    // open day, company visit, internship/practice, talk with a worker, ...
const Choices& likedChips();    // "what I liked"
const Choices& dislikedChips(); // "what I didn't like"
const Choices& againAnswers();  // would I do it again: yes / maybe / no
const Choices& routes();        // lyceum, college, university, course, on the job
const Choices& stepKinds();     // next steps of a decision
const Choices& readyItems();    // the "ready to decide" self-check
const Choices& noteChoices();   // a counselor's structured notes on a diary
const Choices& savedSources();  // where an occupation was saved from (encyclopedia, results, search)

const char* keyOf(const Choices& list, std::string_view code); // nullptr when the code is not in the list
inline bool contains(const Choices& list, std::string_view code) {
    return keyOf(list, code) != nullptr;
}

} // namespace kesip::diary
