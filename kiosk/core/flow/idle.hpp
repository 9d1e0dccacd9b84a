#pragma once
#include <cstdint>

namespace kesip::flow {

// UX.md: 90 s without input (180 s on a test question) -> "are you still here?" with a 20 s countdown;
// then the visit is closed.
struct IdlePolicy {
    int64_t idleMs = 90'000;
    int64_t testIdleMs = 180'000;
    int64_t warningMs = 20'000;
};

class IdleMonitor {
  public:
    enum class Phase { Active, Warning, Expired };

    explicit IdleMonitor(IdlePolicy p = {}) : policy_(p) {}
    const IdlePolicy& policy() const { return policy_; }
    void setPolicy(IdlePolicy p) { policy_ = p; }

    // Any tap or key. While the warning shows, only dismiss() counts: a stray touch on the overlay
    // must not silently keep a stranger's session alive.
    void input(int64_t nowMs);
    void dismiss(int64_t nowMs);
    void restart(int64_t nowMs); // a new visit starts clean

    Phase update(int64_t nowMs, bool inTest);
    int64_t warningRemainingMs(int64_t nowMs) const;
    // How long the event loop may sleep before the phase can change or the countdown needs a redraw.
    int64_t msUntilNextChange(int64_t nowMs, bool inTest) const;

  private:
    int64_t limit(bool inTest) const { return inTest ? policy_.testIdleMs : policy_.idleMs; }
    IdlePolicy policy_;
    int64_t lastInput_ = 0;
    int64_t warningSince_ = -1;
};

} // namespace kesip::flow
