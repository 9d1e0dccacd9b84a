#include <atomic>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "bench.hpp"

namespace kesip::bench {

std::string Spread::str(const char* unit, int decimals) const {
    if (v.empty()) return "n/a";
    char buf[160];
    std::snprintf(buf, sizeof buf, "median %.*f %s (min %.*f, max %.*f, n %zu)", decimals, median(), unit,
                  decimals, pct(v, 0), decimals, pct(v, 1), v.size());
    return buf;
}

namespace {

// Parent of every process, from /proc/N/stat.
std::map<int, int> parents() {
    std::map<int, int> out;
    DIR* d = opendir("/proc");
    if (!d) return out;
    while (dirent* e = readdir(d)) {
        const int pid = std::atoi(e->d_name);
        if (pid <= 0) continue;
        std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
        std::string s;
        std::getline(f, s);
        const auto close = s.rfind(')'); // the command name may hold spaces and parentheses
        if (close == std::string::npos) continue;
        std::istringstream rest(s.substr(close + 2));
        char state;
        int ppid = 0;
        rest >> state >> ppid;
        out[pid] = ppid;
    }
    closedir(d);
    return out;
}

long fieldKb(const std::string& file, const char* key) {
    std::ifstream f(file);
    std::string line;
    const size_t n = std::strlen(key);
    while (std::getline(f, line))
        if (line.compare(0, n, key) == 0) return std::atol(line.c_str() + n);
    return 0;
}

// Summed RSS and PSS (kB) of `root` and its descendants.
void treeMemory(int root, long& rss, long& pss) {
    rss = pss = 0;
    const auto par = parents();
    std::set<int> tree = {root};
    for (bool grew = true; grew;) {
        grew = false;
        for (auto [pid, pp] : par)
            if (tree.count(pp) && tree.insert(pid).second) grew = true;
    }
    for (int pid : tree) {
        const std::string base = "/proc/" + std::to_string(pid);
        rss += fieldKb(base + "/status", "VmRSS:");
        pss += fieldKb(base + "/smaps_rollup", "Pss:");
    }
}

} // namespace

RunResult runMeasured(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                      int periodMs) {
    RunResult r;
    const auto t0 = Clock_::now();
    const pid_t pid = fork();
    if (pid < 0) return r;
    if (pid == 0) {
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> a;
        for (const auto& s : argv) a.push_back(const_cast<char*>(s.c_str()));
        a.push_back(nullptr);
        execvp(a[0], a.data());
        _exit(127);
    }
    std::atomic<bool> done{false};
    long peakRss = 0, peakPss = 0;
    std::thread sampler([&] {
        while (!done) {
            long rss = 0, pss = 0;
            treeMemory(pid, rss, pss);
            peakRss = std::max(peakRss, rss);
            peakPss = std::max(peakPss, pss);
            std::this_thread::sleep_for(std::chrono::milliseconds(periodMs));
        }
    });
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    r.wallMs = since(t0);
    done = true;
    sampler.join();
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.ok = r.exitCode == 0;
    r.maxRssMb = double(ru.ru_maxrss) / 1024.0;
    r.cpuMs = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
              double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
    // A short-lived single process may exit between samples: its own peak is a floor for the tree's.
    r.treeRssMb = std::max(double(peakRss) / 1024.0, r.maxRssMb);
    r.treePssMb = double(peakPss) / 1024.0;
    return r;
}

} // namespace kesip::bench
