#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "util/clock.hpp"

namespace kesip::print {

// Work that may block (CUPS over a socket) run on its own thread, for a UI thread that only polls. The
// worker reports progress with `report` and should return soon after `stop` turns true. poll() never
// blocks on the worker: past the deadline it says so at once, whatever the worker is doing; the
// destructor never joins a running worker either (it tells it to stop and lets it finish alone).
template <class T> class Task {
  public:
    using Report = std::function<void(const T&)>;
    using Work = std::function<T(const Report& report, const std::atomic<bool>& stop)>;

    struct Snapshot {
        T value;               // the latest reported (or the final) value
        bool done = false;     // the worker returned: value is final
        bool timedOut = false; // the deadline passed first
    };

    Task(const Clock& clock, int64_t timeoutMs, T initial, Work work)
        : clock_(clock), deadline_(clock.monotonicMs() + timeoutMs), shared_(std::make_shared<Shared>()) {
        shared_->value = std::move(initial);
        std::shared_ptr<Shared> s = shared_;
        thread_ = std::thread([s, work = std::move(work)] {
            Report report = [s](const T& v) {
                std::lock_guard<std::mutex> lock(s->mutex);
                if (!s->done) s->value = v;
            };
            T result = work(report, s->stop);
            std::lock_guard<std::mutex> lock(s->mutex);
            s->value = std::move(result);
            s->done = true;
        });
    }
    Task(const Task&) = delete;
    Task& operator=(const Task&) = delete;
    ~Task() {
        shared_->stop = true;
        if (thread_.joinable()) {
            bool done;
            {
                std::lock_guard<std::mutex> lock(shared_->mutex);
                done = shared_->done;
            }
            // A finished worker is joined (it returns at once); a running one is left to end by itself.
            if (done)
                thread_.join();
            else
                thread_.detach();
        }
    }

    Snapshot poll() {
        Snapshot snap;
        {
            std::lock_guard<std::mutex> lock(shared_->mutex);
            snap.value = shared_->value;
            snap.done = shared_->done;
        }
        if (!snap.done && clock_.monotonicMs() >= deadline_) {
            snap.timedOut = true;
            shared_->stop = true;
        }
        return snap;
    }

  private:
    struct Shared {
        std::mutex mutex;
        T value{};
        bool done = false;
        std::atomic<bool> stop{false};
    };
    const Clock& clock_;
    int64_t deadline_;
    std::shared_ptr<Shared> shared_;
    std::thread thread_;
};

} // namespace kesip::print
