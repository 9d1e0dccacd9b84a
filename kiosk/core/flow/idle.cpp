#include "flow/idle.hpp"

#include <algorithm>

namespace kesip::flow {

void IdleMonitor::input(int64_t nowMs) {
    if (warningSince_ < 0) lastInput_ = nowMs;
}

void IdleMonitor::dismiss(int64_t nowMs) {
    warningSince_ = -1;
    lastInput_ = nowMs;
}

void IdleMonitor::restart(int64_t nowMs) {
    dismiss(nowMs);
}

IdleMonitor::Phase IdleMonitor::update(int64_t nowMs, bool inTest) {
    if (warningSince_ < 0) {
        if (nowMs - lastInput_ < limit(inTest)) return Phase::Active;
        warningSince_ = nowMs;
    }
    return nowMs - warningSince_ >= policy_.warningMs ? Phase::Expired : Phase::Warning;
}

int64_t IdleMonitor::warningRemainingMs(int64_t nowMs) const {
    if (warningSince_ < 0) return policy_.warningMs;
    return std::max<int64_t>(0, policy_.warningMs - (nowMs - warningSince_));
}

int64_t IdleMonitor::msUntilNextChange(int64_t nowMs, bool inTest) const {
    if (warningSince_ >= 0) {
        // redraw the countdown at each whole second
        int64_t rem = warningRemainingMs(nowMs);
        return std::max<int64_t>(1, std::min<int64_t>(rem, rem % 1000 ? rem % 1000 : 1000));
    }
    return std::max<int64_t>(1, limit(inTest) - (nowMs - lastInput_));
}

} // namespace kesip::flow
