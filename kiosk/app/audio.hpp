#pragma once
#include <SDL.h>
#include <string>
#include <vector>

namespace kesip::speech {
class Speech;
}

namespace kesip::app {

// SDL audio output: plays what a speech::Speech synthesises (16-bit mono at its sample rate) and the idle
// warning cue, mixed. Silence when there is nothing to play. Works with SDL_AUDIODRIVER=dummy.
// Destroy it before the Speech it pulls from and before SDL_Quit().
class AudioOut {
  public:
    // `speech` may be null or not ok(): the device then plays only the cue (at 22050 Hz).
    explicit AudioOut(speech::Speech* speech);
    ~AudioOut();
    AudioOut(const AudioOut&) = delete;
    AudioOut& operator=(const AudioOut&) = delete;

    // false when there is no usable audio device; problem() says why (for staff; hide speaker buttons).
    bool ok() const { return dev_ != 0; }
    const std::string& problem() const { return problem_; }
    int sampleRate() const { return rate_; }

    // Idle-warning cue: two short notes (about 0.4 s), mixed over any speech; restarts if already playing.
    // Follows the speech volume.
    void beep();
    // Silences everything: stops the speech (Speech::stop) and the cue.
    void stop();
    // The cue is still sounding.
    bool cuePlaying() const;

  private:
    static void callback(void* self, Uint8* stream, int len);
    void fill(int16_t* out, size_t n);

    speech::Speech* speech_ = nullptr;
    SDL_AudioDeviceID dev_ = 0;
    bool subsystem_ = false;
    std::string problem_;
    int rate_ = 22050;
    std::vector<int16_t> cue_; // generated once
    size_t cuePos_ = 0;        // < cue_.size() while playing; guarded by the device lock
};

} // namespace kesip::app
