#include "speech/speech.hpp"

#include <cmath>

#include "speech/engine.hpp"
#include "speech/text.hpp"
#include "util/utf8.hpp"

// The public face of read-aloud: text preparation (speech/text.hpp and the files beside it) and the
// Speech object over the espeak-ng engine (speech/engine.hpp).
namespace kesip::speech {

using detail::Job;
using detail::Result;

void setRulesPath(const std::string& path) {
    detail::resetRules(path);
}

std::string prepareText(const std::string& text, Lang lang) {
    std::shared_ptr<const detail::Rules> rules = detail::currentRules();
    const detail::Rules& R = *rules;
    return utf8::encode(detail::tidy(detail::words(R, detail::symbols(R, utf8::decode(text), lang), lang)));
}

Speech::Speech(Options opt) : opt_(std::move(opt)) {
    ch_ = std::make_shared<Channel>();
    ch_->rate = opt_.rate;
    ch_->stall = std::chrono::milliseconds(std::max(opt_.stallMs, 100));
    engine_ = detail::sharedEngine();
    Job j;
    j.kind = Job::Kind::Check;
    j.voice = opt_.voiceKy;
    j.voice2 = opt_.voiceRu;
    auto f = j.done.get_future();
    engine_->submit(std::move(j));
    if (f.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
        problem_ = "espeak-ng did not start within 20 s";
        return;
    }
    Result r = f.get();
    ok_ = r.ok;
    problem_ = r.error;
    sampleRate_ = r.ok ? r.sampleRate : 0;
    size_t cap = size_t(std::max(sampleRate_, 8000)) * size_t(std::max(opt_.maxBufferedMs, 500)) / 1000;
    std::lock_guard<std::mutex> lk(ch_->m);
    ch_->ring.assign(cap, 0);
}

Speech::~Speech() {
    stop();
}

uint64_t Speech::say(const std::string& text, Lang lang) {
    if (!ok_) return 0;
    std::string prepared = prepareText(text, lang);
    if (prepared.empty()) return 0;
    Job j;
    j.kind = Job::Kind::Play;
    j.ch = ch_;
    j.text = std::move(prepared);
    j.voice = lang == Lang::ky ? opt_.voiceKy : opt_.voiceRu;
    j.rate = ch_->rate;
    {
        std::lock_guard<std::mutex> lk(ch_->m);
        j.id = ch_->nextId++;
        ch_->segs.push_back({j.id, 0, false});
    }
    uint64_t id = j.id;
    engine_->submit(std::move(j));
    return id;
}

void Speech::stop() {
    {
        std::lock_guard<std::mutex> lk(ch_->m);
        ch_->segs.clear();
        ch_->head = ch_->size = 0;
    }
    ch_->space.notify_all();
    ch_->avail.notify_all();
    if (engine_) engine_->cancel(ch_.get());
}

bool Speech::busy() const {
    std::lock_guard<std::mutex> lk(ch_->m);
    return !ch_->segs.empty();
}

uint64_t Speech::current() const {
    std::lock_guard<std::mutex> lk(ch_->m);
    return ch_->segs.empty() ? 0 : ch_->segs.front().id;
}

size_t Speech::pullSamples(int16_t* out, size_t max) {
    Channel& ch = *ch_;
    size_t k;
    {
        std::lock_guard<std::mutex> lk(ch.m);
        k = std::min(max, ch.size);
        const size_t cap = ch.ring.size();
        const float vol = ch.volume.load();
        for (size_t i = 0; i < k; ++i) {
            int16_t s = ch.ring[(ch.head + i) % cap];
            out[i] = vol >= 0.999f ? s : int16_t(std::lround(float(s) * vol));
        }
        if (cap) ch.head = (ch.head + k) % cap;
        ch.size -= k;
        ch.pulled += k;
        size_t left = k;
        for (auto& s : ch.segs) { // the ring holds the segments' samples in order
            size_t take = std::min(left, s.samples);
            s.samples -= take;
            left -= take;
            if (!left) break;
        }
        ch.dropFinished();
    }
    if (k) ch.space.notify_all();
    return k;
}

bool Speech::waitForAudio(std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lk(ch_->m);
    ch_->avail.wait_for(lk, timeout, [&] { return ch_->size > 0 || ch_->segs.empty(); });
    return ch_->size > 0;
}

void Speech::setVolume(float v) {
    ch_->volume = std::clamp(v, 0.0f, 1.0f);
}
float Speech::volume() const {
    return ch_->volume;
}
void Speech::setRate(int wordsPerMinute) {
    ch_->rate = std::max(0, wordsPerMinute);
}

std::vector<int16_t> Speech::synthesize(const std::string& text, Lang lang, std::string* error) {
    if (!ok_) {
        if (error) *error = problem_;
        return {};
    }
    Job j;
    j.kind = Job::Kind::Collect;
    j.text = prepareText(text, lang);
    j.voice = lang == Lang::ky ? opt_.voiceKy : opt_.voiceRu;
    j.rate = ch_->rate;
    auto f = j.done.get_future();
    engine_->submit(std::move(j));
    Result r = f.get();
    if (error) *error = r.error;
    return std::move(r.samples);
}

std::vector<int16_t> synthesizeAll(const std::string& text, Lang lang) {
    Speech s;
    return s.synthesize(text, lang);
}

} // namespace kesip::speech
