#pragma once
#include <cstdint>
#include <string>

namespace kesip {

// Time source for everything that waits or stamps. The app uses the system clock; tests advance a fake
// one, so idle timeouts are tested without sleeping.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual int64_t monotonicMs() const = 0; // for timeouts and response times
    virtual int64_t wallMs() const = 0;      // unix epoch ms, for stored dates
};

// "YYYY-MM-DD" of a wall time in the kiosk's local time zone (stored and exported dates).
std::string localDate(int64_t wallMs);

class SystemClock final : public Clock {
  public:
    int64_t monotonicMs() const override;
    int64_t wallMs() const override;
};

class FakeClock final : public Clock {
  public:
    explicit FakeClock(int64_t wallStartMs = 1795000000000) : wall0_(wallStartMs) {}
    int64_t monotonicMs() const override { return now_; }
    int64_t wallMs() const override { return wall0_ + now_; }
    void advance(int64_t ms) { now_ += ms; }

  private:
    int64_t now_ = 0;
    int64_t wall0_;
};

} // namespace kesip
