#pragma once
// The espeak-ng engine behind Speech, internal to kiosk/core/speech: per-Speech playback channels and one
// worker thread per process that makes every espeak call (engine.cpp).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kesip::speech {

// Per-Speech playback state, shared with the worker's jobs. Utterances are identified by increasing ids;
// `segs` lists the ones not yet fully played, in order, with how many of their samples sit in `ring`.
// stop() clears it: a job whose id is no longer listed aborts at its next chunk, so samples of a cancelled
// utterance never reach the ring.
struct Channel {
    struct Seg {
        uint64_t id;
        size_t samples;
        bool done; // synthesis finished (or failed)
    };
    mutable std::mutex m;
    std::condition_variable space;         // samples were pulled, or stop()
    mutable std::condition_variable avail; // samples were pushed, or an utterance finished
    std::vector<int16_t> ring;             // capacity = ring.size()
    size_t head = 0, size = 0;
    std::deque<Seg> segs;
    uint64_t nextId = 1;
    uint64_t pulled = 0; // total samples pulled (stall detection)
    std::atomic<float> volume{1.0f};
    std::atomic<int> rate{0};
    std::chrono::milliseconds stall{3000};

    Seg* find(uint64_t id) {
        for (auto& s : segs)
            if (s.id == id) return &s;
        return nullptr;
    }
    void dropFinished() { // caller holds m
        while (!segs.empty() && segs.front().done && segs.front().samples == 0) segs.pop_front();
    }
};

namespace detail {

struct Result {
    bool ok = false;
    std::string error;
    int sampleRate = 0;
    std::vector<int16_t> samples;
};

struct Job {
    enum class Kind { Check, Play, Collect } kind = Kind::Play;
    std::shared_ptr<Channel> ch;
    uint64_t id = 0;
    std::string text; // prepared
    std::string voice, voice2;
    int rate = 0;
    std::promise<Result> done; // Check, Collect
};

} // namespace detail

class Engine {
  public:
    Engine() : thread_([this] { run(); }) {}
    ~Engine() {
        {
            std::lock_guard<std::mutex> lk(m_);
            quit_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }
    void submit(detail::Job j) {
        {
            std::lock_guard<std::mutex> lk(m_);
            q_.push_back(std::move(j));
        }
        cv_.notify_all();
    }
    // Drops queued playback jobs of `ch` (their utterances were cleared by stop()).
    void cancel(const Channel* ch) {
        std::lock_guard<std::mutex> lk(m_);
        q_.erase(std::remove_if(q_.begin(), q_.end(),
                                [&](const detail::Job& j) {
                                    return j.kind == detail::Job::Kind::Play && j.ch.get() == ch;
                                }),
                 q_.end());
    }

  private:
    void run();
    void process(detail::Job& j);
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<detail::Job> q_;
    std::atomic<bool> quit_{false};
    std::thread thread_;
};

namespace detail {
// The process's engine, started on first use and shared by all Speech objects alive.
std::shared_ptr<Engine> sharedEngine();
} // namespace detail

} // namespace kesip::speech
