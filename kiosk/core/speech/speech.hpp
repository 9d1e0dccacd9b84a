#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "l10n/lang.hpp"

// Read-aloud (issue 8): text normalisation for Kyrgyz and Russian and a libespeak-ng synthesizer.
// Core code: no SDL. The app's AudioOut (app/audio.hpp) pulls the samples and plays them.
namespace kesip::speech {

// Text as espeak-ng should see it. The language data is read from assets/speech/rules.json (schema
// described in the file); examples below are transliterated:
//  - abbreviations are expanded per language, with the Kyrgyz case ending written after them carried
//    over to the expansion ("ZhOZhdon" -> "zhogorku okuu zhayynan", "ZhRTga" -> "zhalpy respublikalyk
//    testirloogo"); in Russian a preposition in front picks the case ("k ORT" -> "k obshcherespublikanskomu
//    testirovaniyu"). Letter abbreviations are spelled ("AZS" -> "a-ze-es"), word-like ones lower-cased so
//    espeak reads them as words ("GESterde" -> "gesterde", "FAPakh" -> "fapakh"), "IT" -> "ay-ti". An
//    unknown all-capital Cyrillic word of 2-4 letters without a vowel is spelled.
//  - numbers: "2026-zh." and "2026-zhyly" -> Kyrgyz ordinal ("eki ming zhyiyrma altynchy zhyly"),
//    "5-klass" -> "beshinchi klass" (a case ending after the hyphen, "18-ge", stays cardinal); Russian
//    years with "g." or "god/goda/godu" and hyphenated ordinals ("5-y", "90-kh", "2-go") become ordinal
//    words in the right case; "%" -> "payyz" / "protsent(a/ov)" agreeing with the number; the numero sign
//    -> "nomer"; "30 000" -> "30000".
//  - symbols espeak would read out or mangle are removed or turned into a pause (guillemets, check marks,
//    middle dots, bullets, dashes, angle quotes, arrows, emoji...); "~" -> "bolzhol menen" / "primerno";
//    "a / b" -> "a zhe b" / "a ili b", "3 / 60" -> "3, zhalpy 60" / "3, vsego 60"; line breaks become
//    sentence ends; whitespace and punctuation collapsed.
// The rules are loaded on first use, thread-safely. When the file is missing or broken (reported once on
// stderr) text is only cleaned up (symbols, spaces, punctuation), nothing is expanded; Speech::ok() does
// not depend on it.
std::string prepareText(const std::string& utf8, Lang lang);

// Where the rules are read from: "" (the default) is findResourceDir({}) + "/speech/rules.json". The
// rules are loaded again on the next prepareText().
void setRulesPath(const std::string& path);

struct Options {
    std::string voiceKy = "ky", voiceRu = "ru"; // espeak-ng voice names
    int rate = 0;                               // words per minute (80..450); 0: espeak default (175)
    int maxBufferedMs = 4000;                   // synthesis waits while this much audio is unplayed
    int stallMs = 3000; // nobody pulled for this long while the buffer was full: the utterance is dropped
};

class Engine;
struct Channel;

// Read-aloud synthesizer. espeak-ng's library keeps global state and is not thread-safe, so every espeak
// call runs on one worker thread per process, shared by all Speech objects (espeak is initialised once
// and never terminated: its espeak_Terminate can hang in 1.51). Every method may be called from any thread;
// pullSamples() is meant for the audio callback and only holds a mutex briefly.
class Speech {
  public:
    explicit Speech(Options opt = {}); // blocks until the worker has checked both voices (a few ms)
    ~Speech();                         // stops this object's speech
    Speech(const Speech&) = delete;
    Speech& operator=(const Speech&) = delete;

    // false when espeak-ng could not be initialised or a voice does not load or speak; problem() says
    // why (for staff; the UI hides the speaker buttons).
    bool ok() const { return ok_; }
    std::string problem() const { return problem_; }
    int sampleRate() const { return sampleRate_; } // 16-bit mono; 22050 with Debian's espeak-ng

    // Queues `text` (raw UI text: prepareText() is applied) after whatever is queued or playing and
    // returns its id (ids increase; 0 when !ok() or nothing is left to speak). To interrupt, stop() first.
    uint64_t say(const std::string& text, Lang lang);
    // Cancels the utterance being synthesised and everything queued, and drops unplayed audio: after it
    // returns, pullSamples() yields nothing of those utterances and busy() is false.
    void stop();
    // Something is queued, being synthesised, or still unplayed.
    bool busy() const;
    // Id of the utterance that is playing (or will play next); 0 when idle. For a "stop" state on the
    // speaker button that started it.
    uint64_t current() const;
    // Audio side: moves up to `max` samples (volume applied) into `out`; returns how many.
    size_t pullSamples(int16_t* out, size_t max);
    // Waits until samples are available to pull (true) or nothing is busy / the timeout passed (false).
    bool waitForAudio(std::chrono::milliseconds timeout) const;

    void setVolume(float v); // 0..1, applied when samples are pulled (takes effect at once)
    float volume() const;
    void setRate(int wordsPerMinute); // for utterances queued afterwards; 0: espeak default

    // Blocking: synthesises the prepared text completely on the worker, outside the playback queue (not
    // affected by stop()). Empty with `error` set when something failed.
    std::vector<int16_t> synthesize(const std::string& text, Lang lang, std::string* error = nullptr);

  private:
    std::shared_ptr<Engine> engine_;
    std::shared_ptr<Channel> ch_;
    Options opt_;
    bool ok_ = false;
    std::string problem_;
    int sampleRate_ = 0;
};

// All samples of `text` (prepared) in `lang` at Speech::sampleRate(), via the shared worker; blocking.
// Empty when espeak-ng is not usable. For tests and the bench.
std::vector<int16_t> synthesizeAll(const std::string& text, Lang lang);

} // namespace kesip::speech
