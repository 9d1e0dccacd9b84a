#include "app/audio.hpp"

#include <algorithm>
#include <cmath>

#include "speech/speech.hpp"

namespace kesip::app {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Two notes, high then low (A5 then E5), each with a 10 ms fade in and out so nothing clicks.
std::vector<int16_t> makeCue(int rate) {
    struct Note {
        double hz, ms;
    };
    const Note notes[] = {{880.0, 160.0}, {0.0, 50.0}, {659.25, 220.0}};
    std::vector<int16_t> out;
    const double amp = 0.45 * 32767.0;
    for (const Note& n : notes) {
        size_t count = size_t(n.ms * rate / 1000.0);
        size_t fade = size_t(0.010 * rate);
        for (size_t i = 0; i < count; ++i) {
            double env = 1.0;
            if (i < fade)
                env = double(i) / double(fade);
            else if (count - i < fade)
                env = double(count - i) / double(fade);
            // a little of the octave makes the tone carry on small speakers
            double t = double(i) / rate;
            double s =
                n.hz > 0 ? std::sin(2 * kPi * n.hz * t) * 0.8 + std::sin(4 * kPi * n.hz * t) * 0.2 : 0.0;
            out.push_back(int16_t(std::lround(s * env * amp)));
        }
    }
    return out;
}

} // namespace

AudioOut::AudioOut(speech::Speech* speech) : speech_(speech) {
    if (speech_ && speech_->ok() && speech_->sampleRate() > 0) rate_ = speech_->sampleRate();
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        problem_ = std::string("SDL audio: ") + SDL_GetError();
        return;
    }
    subsystem_ = true;
    SDL_AudioSpec want{}, have{};
    want.freq = rate_;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 512; // ~23 ms at 22050 Hz: the latency the speaker button adds
    want.callback = &AudioOut::callback;
    want.userdata = this;
    cue_ = makeCue(rate_);
    cuePos_ = cue_.size();
    // No allowed changes: SDL converts to whatever the device wants.
    dev_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (dev_ == 0) {
        problem_ = std::string("SDL audio: no output device (") + SDL_GetError() + ")";
        return;
    }
    SDL_PauseAudioDevice(dev_, 0);
}

AudioOut::~AudioOut() {
    if (dev_) SDL_CloseAudioDevice(dev_); // waits for a running callback
    if (subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void AudioOut::callback(void* self, Uint8* stream, int len) {
    static_cast<AudioOut*>(self)->fill(reinterpret_cast<int16_t*>(stream), size_t(len) / sizeof(int16_t));
}

void AudioOut::fill(int16_t* out, size_t n) {
    size_t got = 0;
    if (speech_ && speech_->ok()) got = speech_->pullSamples(out, n);
    std::fill(out + got, out + n, int16_t(0));
    if (cuePos_ < cue_.size()) {
        float vol = speech_ ? speech_->volume() : 1.0f;
        size_t k = std::min(n, cue_.size() - cuePos_);
        for (size_t i = 0; i < k; ++i) {
            int mixed = int(out[i]) + int(std::lround(float(cue_[cuePos_ + i]) * vol));
            out[i] = int16_t(std::clamp(mixed, -32768, 32767));
        }
        cuePos_ += k;
    }
}

void AudioOut::beep() {
    if (!dev_) return;
    SDL_LockAudioDevice(dev_);
    cuePos_ = 0;
    SDL_UnlockAudioDevice(dev_);
}

void AudioOut::stop() {
    if (speech_) speech_->stop();
    if (!dev_) return;
    SDL_LockAudioDevice(dev_);
    cuePos_ = cue_.size();
    SDL_UnlockAudioDevice(dev_);
}

bool AudioOut::cuePlaying() const {
    if (!dev_) return false;
    SDL_LockAudioDevice(dev_);
    bool playing = cuePos_ < cue_.size();
    SDL_UnlockAudioDevice(dev_);
    return playing;
}

} // namespace kesip::app
