#pragma once
// The privacy probe of the monkey test: after a reset, the next visitor walks through home, the
// encyclopedia, search, a test, results (every tab) and the counselor PIN pad by tapping, and on every one
// of them nothing of an earlier visitor may be drawn: no session code (plain or spaced as the results
// show it), no search query, no answers (the test starts at item 1, home shows no progress, the test not
// taken offers to start), no results.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "driver.hpp"

namespace kesip::test {

struct PastVisitors {
    std::set<std::string> codes;
    std::set<std::string> queries; // the search query each visitor left behind
};

inline std::string spacedCode(const std::string& code) {
    std::string s;
    for (char ch : code) s += std::string(s.empty() ? "" : " ") + ch;
    return s;
}

class PrivacyProbe {
  public:
    explicit PrivacyProbe(Driver& d) : d_(d), allTexts_(d.app().displayTexts()) {}

    // Walks the next visitor (starting on the attract screen, no visit) through the screens and returns
    // what of `past` it could see there, e.g. "search: query 'zxqj'"; empty when nothing leaked.
    std::vector<std::string> run(const PastVisitors& past, Lang lang) {
        found_.clear();
        past_ = &past;
        REQUIRE(d_.screen() == flow::ScreenId::Attract);
        REQUIRE_FALSE(d_.app().visitActive());
        look("attract");
        d_.tap(lang == Lang::ky ? "attract_ky" : "attract_ru");
        REQUIRE(d_.app().sessionCode());
        const std::string code = *d_.app().sessionCode();
        code_ = code;
        if (past.codes.count(code)) found_.push_back("a new visit got an earlier code " + code);
        look("home");
        for (const char* progress : {" / 60", " / 48"}) // "continue: N / 60" belongs to someone else
            if (d_.shows(progress)) found_.push_back(std::string("home: test progress '") + progress + "'");

        d_.tap("home_encyclopedia");
        look("encyclopedia");
        d_.tap("enc_search");
        look("search");
        if (!d_.app().searchQuery().empty())
            found_.push_back("search: query '" + d_.app().searchQuery() + "' in the new visit");
        d_.tap("nav_home");

        d_.tap("home_strengths");
        if (d_.screen() != flow::ScreenId::Demographics)
            found_.push_back("strengths: demographics not asked (an earlier visitor's answers)");
        for (int i = 0; i < 4 && d_.screen() == flow::ScreenId::Demographics; ++i) d_.tap("demo_na");
        REQUIRE(d_.screen() == flow::ScreenId::Test);
        look("test");
        if (!d_.shows("1 / 48")) found_.push_back("test: does not start at item 1 (earlier answers)");
        for (int i = 0; i < 48 && d_.screen() == flow::ScreenId::Test; ++i) {
            d_.clock.advance(1500);
            d_.tap("answer_" + std::to_string(1 + i % 4));
        }
        REQUIRE(d_.screen() == flow::ScreenId::Results);
        for (const char* tab : {"interest", "strengths", "occupations", "takeaway"}) {
            d_.tap(std::string("tab_") + tab);
            look((std::string("results ") + tab).c_str());
        }
        if (!d_.shows(spacedCode(code))) found_.push_back("results: the visitor's own code is not shown");
        d_.tap("tab_interest");
        if (!d_.has("results_start_interest"))
            found_.push_back("results: interest results shown though this visitor did not take the test");

        d_.tap("nav_home");
        d_.tap("home_finish");
        d_.tap("finish_done");
        REQUIRE(d_.screen() == flow::ScreenId::Attract);
        d_.hold("logo", 3200);
        REQUIRE(d_.screen() == flow::ScreenId::Pin);
        look("PIN pad");
        d_.tap("pin_cancel");
        REQUIRE(d_.screen() == flow::ScreenId::Attract);
        REQUIRE_FALSE(d_.app().staffMode());
        return found_;
    }

    const std::string& lastCode() const { return code_; }

  private:
    void look(const char* where) {
        d_.frames(1);
        for (const auto& c : past_->codes)
            if (d_.shows(c) || d_.shows(spacedCode(c))) found_.push_back(std::string(where) + ": code " + c);
        for (const auto& q : past_->queries)
            if (distinctive(q) && d_.shows(q)) found_.push_back(std::string(where) + ": query '" + q + "'");
    }
    // A query that is part of some text the kiosk shows anyway (a short one, a real word) proves nothing
    // when seen; the state check on the search screen covers those.
    bool distinctive(const std::string& q) {
        auto it = distinctive_.find(q);
        if (it != distinctive_.end()) return it->second;
        const bool d = q.size() >= 3 && std::none_of(allTexts_.begin(), allTexts_.end(), [&](const auto& t) {
                           return t.find(q) != std::string::npos;
                       });
        return distinctive_[q] = d;
    }

    Driver& d_;
    std::vector<std::string> allTexts_;
    std::map<std::string, bool> distinctive_;
    const PastVisitors* past_ = nullptr;
    std::vector<std::string> found_;
    std::string code_;
};

inline std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + "; ";
    return s;
}

} // namespace kesip::test
