#pragma once
// For kiosk-bench (and a speech unit test that reports it): time from a tap to the first audio.
#include <chrono>
#include <string>

#include "speech/speech.hpp"

namespace kesip::speech {

// Milliseconds from say() (text preparation included) until the first samples are ready to pull; -1 on
// failure. Stops whatever `s` was saying, and stops again afterwards.
inline double msToFirstSample(Speech& s, const std::string& text, Lang lang) {
    if (!s.ok()) return -1;
    s.stop();
    auto t0 = std::chrono::steady_clock::now();
    if (!s.say(text, lang)) return -1;
    bool got = s.waitForAudio(std::chrono::seconds(10));
    auto t1 = std::chrono::steady_clock::now();
    s.stop();
    return got ? std::chrono::duration<double, std::milli>(t1 - t0).count() : -1;
}

} // namespace kesip::speech
