#pragma once
// kiosk-bench helpers: timing, percentiles, and running a program while measuring its wall time and peak
// memory (the whole process tree: Chromium is many processes).
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace kesip::bench {

using Clock_ = std::chrono::steady_clock;

inline double ms(Clock_::time_point a, Clock_::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}
inline double since(Clock_::time_point t0) {
    return ms(t0, Clock_::now());
}
inline double pct(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

// Median and spread of repeated runs, printed as "median M (min A, max B, n N)".
struct Spread {
    std::vector<double> v;
    void add(double x) { v.push_back(x); }
    double median() const { return pct(v, 0.5); }
    std::string str(const char* unit, int decimals = 1) const;
};

struct RunResult {
    bool ok = false; // started and exited 0
    int exitCode = -1;
    double wallMs = 0;    // spawn to exit
    double cpuMs = 0;     // user + system time of the process and the children it waited for
    double maxRssMb = 0;  // largest single process's peak RSS (getrusage of the children)
    double treeRssMb = 0; // peak of the summed RSS of the process tree (sampled)
    double treePssMb = 0; // peak of the summed PSS (shared pages split between processes; sampled)
};

// Runs argv (stdout/stderr to /dev/null, `env` added) and measures it; samples the tree every `periodMs`.
RunResult runMeasured(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                      int periodMs = 10);

// Figures of the real kiosk binary, for both renderers where a display is available: start -> first frame
// -> exit and peak RSS, repeated `runs` times.
void benchStartup(const std::string& dir, int runs);
// kiosk vs headless Chromium on the same encyclopedia page, interleaved runs, ratios from one run.
int benchCompare(const std::string& dir, int runs);
// Full frames per screen (software, and OpenGL when a display is available), screenshot time.
void benchFrames(const std::string& dir, int frames);

} // namespace kesip::bench
