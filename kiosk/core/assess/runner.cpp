#include "assess/runner.hpp"

#include <algorithm>

namespace kesip::assess {

std::string packAnswers(const Instrument& ins, const std::vector<Response>& responses) {
    std::string s(ins.items.size(), '.');
    for (const Response& r : responses) {
        int i = ins.itemIndex(r.itemId);
        if (i < 0) continue;
        s[size_t(i)] = r.value && *r.value >= 0 && *r.value <= 9 ? char('0' + *r.value) : '-';
    }
    return s;
}

int Runner::answeredCount() const {
    return int(std::count_if(answers_.begin(), answers_.end(), [](const Slot& s) { return s.reached; }));
}

std::optional<int> Runner::currentAnswer() const {
    if (finished()) return std::nullopt;
    const Slot& s = answers_[size_t(index_)];
    return s.reached ? s.r.value : std::nullopt;
}

Response Runner::answer(std::optional<int> value, int64_t nowMs) {
    Slot& s = answers_[size_t(index_)];
    s.reached = true;
    s.r.itemId = current().id;
    s.r.value = value;
    s.r.responseMs = std::max<int64_t>(0, nowMs - shownAt_);
    Response out = s.r;
    ++index_;
    shownAt_ = nowMs;
    return out;
}

bool Runner::back() {
    if (index_ == 0) return false;
    --index_;
    return true;
}

void Runner::restore(const std::vector<Response>& saved) {
    for (const Response& r : saved) {
        int i = ins_->itemIndex(r.itemId);
        if (i < 0) continue;
        answers_[size_t(i)] = {true, r};
    }
    index_ = 0;
    while (index_ < total() && answers_[size_t(index_)].reached) ++index_;
}

std::vector<Response> Runner::responses() const {
    std::vector<Response> v;
    for (const Slot& s : answers_)
        if (s.reached) v.push_back(s.r);
    return v;
}

} // namespace kesip::assess
