#pragma once
#include <optional>
#include <vector>

#include "assess/instrument.hpp"
#include "assess/scoring.hpp"

namespace kesip::assess {

// Answers in item order as one string: '1'..'9' the value, '-' skipped, '.' not reached. Compact and
// free of response times: this is what leaves the kiosk.
std::string packAnswers(const Instrument& ins, const std::vector<Response>& responses);

// Walks one visitor through an instrument: one item at a time, back, skip, response times.
class Runner {
  public:
    explicit Runner(const Instrument& ins) : ins_(&ins), answers_(ins.items.size()) {}

    const Instrument& instrument() const { return *ins_; }
    int index() const { return index_; }
    int total() const { return int(ins_->items.size()); }
    int answeredCount() const;
    bool finished() const { return index_ >= total(); }
    const Item& current() const { return ins_->items[size_t(index_)]; }
    std::optional<int> currentAnswer() const; // the earlier answer when the visitor went back

    void showItem(int64_t nowMs) { shownAt_ = nowMs; } // starts the response timer
    // Records the answer (nullopt: skipped) to the current item and moves on; returns what to save.
    Response answer(std::optional<int> value, int64_t nowMs);
    bool back(); // false on the first item
    // Continue later: restore saved responses and go to the first item without one.
    void restore(const std::vector<Response>& saved);
    std::vector<Response> responses() const; // every item reached so far, in item order

  private:
    struct Slot {
        bool reached = false;
        Response r;
    };
    const Instrument* ins_;
    std::vector<Slot> answers_;
    int index_ = 0;
    int64_t shownAt_ = 0;
};

} // namespace kesip::assess
