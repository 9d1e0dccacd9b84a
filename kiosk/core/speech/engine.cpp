#include "speech/engine.hpp"

#include <espeak-ng/speak_lib.h>

namespace kesip::speech {

using detail::Job;
using detail::Result;

namespace {

// espeak-ng global state; touched only by the worker thread that holds gEspeakOwner.
std::mutex gEspeakOwner; // held by a worker for its whole life: at most one thread ever calls espeak
bool gInitTried = false;
int gSampleRate = 0;
std::string gInitError;
std::string gVoice; // voice currently set ("" unknown)
int gRate = -1;

// The job being synthesised, for the espeak callback (runs synchronously on the worker thread).
struct Active {
    Job* job = nullptr;
    std::vector<int16_t>* collect = nullptr;
    const std::atomic<bool>* quit = nullptr;
    bool aborted = false;
};
Active* gActive = nullptr;

std::mutex gRegistry;
std::weak_ptr<Engine> gEngine;

} // namespace

std::shared_ptr<Engine> detail::sharedEngine() {
    std::lock_guard<std::mutex> lk(gRegistry);
    auto e = gEngine.lock();
    if (!e) {
        e = std::make_shared<Engine>();
        gEngine = e;
    }
    return e;
}

namespace {

// Pushes a chunk of the active utterance into its channel, waiting for room. false: abort synthesis
// (the utterance was stopped, the engine quits, or nobody has pulled audio for `stall`).
bool pushChunk(Active& a, const short* wav, size_t count) {
    Channel& ch = *a.job->ch;
    std::unique_lock<std::mutex> lk(ch.m);
    auto lastProgress = std::chrono::steady_clock::now();
    uint64_t lastPulled = ch.pulled;
    const size_t cap = ch.ring.size();
    while (ch.size + count > cap && ch.size > 0) {
        if (!ch.find(a.job->id) || *a.quit) return false;
        ch.space.wait_for(lk, std::chrono::milliseconds(50));
        auto now = std::chrono::steady_clock::now();
        if (ch.pulled != lastPulled)
            lastPulled = ch.pulled, lastProgress = now;
        else if (now - lastProgress > ch.stall) {
            if (auto* s = ch.find(a.job->id)) s->done = true; // what was buffered may still be pulled
            ch.dropFinished();
            return false;
        }
    }
    Channel::Seg* seg = ch.find(a.job->id);
    if (!seg) return false;
    count = std::min(count, cap - ch.size);
    for (size_t k = 0; k < count; ++k) ch.ring[(ch.head + ch.size + k) % cap] = wav[k];
    ch.size += count;
    seg->samples += count;
    lk.unlock();
    ch.avail.notify_all();
    return true;
}

int synthCallback(short* wav, int numsamples, espeak_EVENT*) {
    Active* a = gActive;
    if (!a || a->aborted) return 1;
    if (*a->quit) return a->aborted = true, 1;
    if (!wav || numsamples <= 0) return 0;
    if (a->collect) {
        a->collect->insert(a->collect->end(), wav, wav + numsamples);
        return 0;
    }
    if (!pushChunk(*a, wav, size_t(numsamples))) return a->aborted = true, 1;
    return 0;
}

bool setVoice(const std::string& name) {
    if (name == gVoice) return true;
    if (espeak_SetVoiceByName(name.c_str()) != EE_OK) {
        gVoice.clear();
        return false;
    }
    gVoice = name;
    gRate = -1; // a voice change resets the parameters
    return true;
}
void setRate(int rate) {
    int r = rate > 0 ? std::clamp(rate, int(espeakRATE_MINIMUM), int(espeakRATE_MAXIMUM)) : espeakRATE_NORMAL;
    if (r == gRate) return;
    espeak_SetParameter(espeakRATE, r, 0);
    gRate = r;
}

// espeak_Synth of prepared UTF-8 text through the callback into `a`. Empty text is fine.
espeak_ERROR synthText(const std::string& text, Active& a) {
    gActive = &a;
    espeak_ERROR e =
        espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
    gActive = nullptr;
    return e;
}

} // namespace

void Engine::run() {
    std::lock_guard<std::mutex> owner(gEspeakOwner);
    if (!gInitTried) {
        gInitTried = true;
        // DONT_EXIT: without it espeak-ng calls exit() when its data is missing.
        int sr = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (sr <= 0)
            gInitError = "espeak-ng could not be initialised (is espeak-ng-data installed?)";
        else {
            gSampleRate = sr;
            espeak_SetSynthCallback(synthCallback);
        }
    }
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lk(m_);
            cv_.wait(lk, [&] { return quit_ || !q_.empty(); });
            if (quit_) {
                for (auto& j : q_)
                    if (j.kind != Job::Kind::Play)
                        j.done.set_value(Result{false, "speech engine stopped", 0, {}});
                q_.clear();
                return;
            }
            job = std::move(q_.front());
            q_.pop_front();
        }
        process(job);
    }
}

void Engine::process(Job& j) {
    Result r;
    r.sampleRate = gSampleRate;
    if (!gInitError.empty()) r.error = gInitError;
    std::vector<int16_t> probe;
    Active a;
    a.job = &j;
    a.quit = &quit_;
    switch (j.kind) {
    case Job::Kind::Check:
        // Both voices must load and actually produce audio.
        for (const std::string* v : {&j.voice, &j.voice2}) {
            if (!r.error.empty()) break;
            if (!setVoice(*v)) {
                r.error = "espeak-ng voice '" + *v + "' not found (package espeak-ng-data)";
                break;
            }
            setRate(0);
            probe.clear();
            a.collect = &probe;
            a.aborted = false;
            if (synthText("a", a) != EE_OK || probe.empty())
                r.error = "espeak-ng voice '" + *v + "' produced no audio";
        }
        r.ok = r.error.empty();
        j.done.set_value(std::move(r));
        return;
    case Job::Kind::Collect:
        if (r.error.empty() && !setVoice(j.voice)) r.error = "espeak-ng voice '" + j.voice + "' not found";
        if (r.error.empty()) {
            setRate(j.rate);
            a.collect = &r.samples;
            if (synthText(j.text, a) != EE_OK)
                r.error = "espeak-ng synthesis failed";
            else if (a.aborted)
                r.error = "speech engine stopped";
        }
        r.ok = r.error.empty();
        if (!r.ok) r.samples.clear();
        j.done.set_value(std::move(r));
        return;
    case Job::Kind::Play: {
        Channel& ch = *j.ch;
        bool live;
        {
            std::lock_guard<std::mutex> lk(ch.m);
            live = ch.find(j.id) != nullptr;
        }
        if (live && r.error.empty() && setVoice(j.voice)) {
            setRate(j.rate);
            synthText(j.text, a);
        }
        {
            std::lock_guard<std::mutex> lk(ch.m);
            if (auto* s = ch.find(j.id)) s->done = true;
            ch.dropFinished();
        }
        ch.avail.notify_all();
        return;
    }
    }
}

} // namespace kesip::speech
