#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <future>
#include <memory>
#include <thread>

#include "../bench/first_sample.hpp"
#include "assess/instrument.hpp"
#include "catalog/content.hpp"
#include "helpers.hpp"
#include "speech/speech.hpp"

using namespace kesip;
using namespace kesip::speech;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string dump(const std::vector<content::Problem>& ps) {
    std::string s;
    for (auto& p : ps) s += p.str() + "\n";
    return s;
}

// Everything a visitor can have read aloud from the content: instrument titles, items and answer options,
// occupation titles. `titlesOnly` = false adds scale texts and occupation descriptions (text checks).
std::vector<Text2> contentTexts(bool titlesOnly) {
    std::vector<Text2> out;
    std::vector<content::Problem> ps;
    for (auto [file, spec] : {std::pair{"interest.json", assess::interestSpec()},
                              std::pair{"strengths.json", assess::strengthsSpec()}}) {
        auto ins = assess::loadInstrument(test::sourceDir() + "/assets/instruments/" + file, spec, ps);
        INFO(dump(ps));
        REQUIRE(ins);
        out.push_back(ins->title);
        for (auto& a : ins->answers) out.push_back(a.label);
        for (auto& it : ins->items) out.push_back(it.text);
        if (!titlesOnly)
            for (auto& s : ins->scales) {
                for (auto* t : {&s.name, &s.shortName, &s.description, &s.likes}) out.push_back(*t);
            }
    }
    auto c = catalog::readSources(test::sourceDir() + "/assets/encyclopedia", ps);
    INFO(dump(ps));
    REQUIRE(c);
    REQUIRE(c->occupations.size() >= 100);
    for (auto& o : c->occupations) {
        out.push_back(o.title);
        if (!titlesOnly)
            for (auto* t : {&o.description, &o.environment, &o.outlook}) out.push_back(*t);
    }
    // "Getting a job": page titles, and with the rest everything a page shows except its sources' names.
    std::vector<catalog::GuidePage> guide;
    REQUIRE(catalog::readGuide(test::sourceDir() + "/assets/guide", guide, ps));
    REQUIRE_FALSE(guide.empty());
    for (auto& p : guide) {
        out.push_back(p.title);
        if (titlesOnly) continue;
        for (auto& s : p.sections) {
            out.push_back(s.heading);
            if (!s.text.ky.empty()) out.push_back(s.text);
            for (size_t i = 0; i < s.bulletsKy.size(); ++i) out.push_back({s.bulletsKy[i], s.bulletsRu[i]});
        }
        for (auto& f : p.facts) out.push_back(f.statement);
    }
    return out;
}

bool audible(const std::vector<int16_t>& s) {
    int peak = 0;
    for (int16_t v : s) peak = std::max(peak, std::abs(int(v)));
    return peak > 1000;
}

// A long text: about two minutes of speech.
std::string longText(Lang l) {
    std::string one = l == Lang::ky ? "Бул кесип тууралуу узун текст, аны токтотуп көрөбүз. "
                                    : "Это длинный текст о профессии, мы его остановим. ";
    std::string s;
    for (int i = 0; i < 60; ++i) s += one;
    return s;
}

// Pulls until nothing is busy (or the deadline); returns the number of samples pulled.
size_t drain(Speech& s, double maxMs, std::vector<uint64_t>* currents = nullptr) {
    std::vector<int16_t> buf(1024);
    size_t total = 0;
    auto t0 = Clock::now();
    while (s.busy() && msSince(t0) < maxMs) {
        if (currents && (currents->empty() || currents->back() != s.current()) && s.current())
            currents->push_back(s.current());
        size_t k = s.pullSamples(buf.data(), buf.size());
        total += k;
        if (!k) s.waitForAudio(std::chrono::milliseconds(20));
    }
    return total;
}

} // namespace

TEST_CASE("speech prepareText expands Kyrgyz abbreviations and numbers", "[speech]") {
    auto ky = [](const char* s) { return prepareText(s, Lang::ky); };
    CHECK(ky("ЖОЖ") == "жогорку окуу жайы");
    CHECK(ky("ЖРТ") == "жалпы республикалык тестирлөө");
    // the case ending written after the abbreviation moves to the expansion
    CHECK(ky("ЖОЖдон кийин") == "жогорку окуу жайынан кийин");
    CHECK(ky("ЖОЖдун окутуучусу") == "жогорку окуу жайынын окутуучусу");
    CHECK(ky("ЖОЖду бүтүрүп") == "жогорку окуу жайын бүтүрүп");
    CHECK(ky("ЖОЖго тапшыруу") == "жогорку окуу жайына тапшыруу");
    CHECK(ky("ЖОЖдор көп") == "жогорку окуу жайлары көп");
    CHECK(ky("ЖОЖдордо") == "жогорку окуу жайларында");
    CHECK(ky("ЖРТга даярдоо") == "жалпы республикалык тестирлөөгө даярдоо");
    CHECK(ky("ЖРТнын жыйынтыгы") == "жалпы республикалык тестирлөөнүн жыйынтыгы");
    CHECK(ky("ЖРТдан кийин") == "жалпы республикалык тестирлөөдөн кийин");
    CHECK(ky("КРда") == "Кыргыз Республикасында");
    CHECK(ky("ИТ тармагы, ИТ-менеджер") == "ай-ти тармагы, ай-ти менеджер");
    CHECK(ky("ГЭСтерде жана ФАПта") == "гэстерде жана фапта");
    CHECK(ky("АЗС оператору") == "а-зэ-эс оператору");
    CHECK(ky("СММ адиси") == "эс-эм-эм адиси");
    // numbers
    CHECK(ky("№ 5 мектеп") == "номер 5 мектеп");
    CHECK(ky("№5") == "номер 5");
    CHECK(ky("20% студенттер") == "20 пайыз студенттер");
    CHECK(ky("2026-ж. кабыл алынат") == "эки миң жыйырма алтынчы жылы кабыл алынат");
    CHECK(ky("2026 ж.") == "эки миң жыйырма алтынчы жылы."); // the dot ends the text too
    CHECK(ky("2026-жылы") == "эки миң жыйырма алтынчы жылы");
    CHECK(ky("1991-жылы") == "миң тогуз жүз токсон биринчи жылы");
    CHECK(ky("5-класс") == "бешинчи класс");
    CHECK(ky("3-чү суроо") == "үчүнчү суроо");
    CHECK(ky("10-класс, 40-бет") == "онунчу класс, кыркынчы бет");
    CHECK(ky("18-ге чейин") == "18-ге чейин"); // a case ending: cardinal, espeak reads "он сегизге"
    CHECK(ky("100-жылдык") == "100-жылдык");
    CHECK(ky("30 000 сом") == "30000 сом");
    CHECK(ky("ж.б.у.с. жана ж.б.") == "жана башка ушул сыяктуу жана жана башка.");
    CHECK(ky("Бишкек ш. борбору") == "Бишкек шаары борбору");
    CHECK(ky("~10 мүнөт") == "болжол менен 10 мүнөт");
    CHECK(ky("Кыз / аял") == "Кыз же аял");
    CHECK(ky("Суроо 3 / 60") == "Суроо 3, жалпы 60");
}

TEST_CASE("speech prepareText expands Russian abbreviations and numbers", "[speech]") {
    auto ru = [](const char* s) { return prepareText(s, Lang::ru); };
    CHECK(ru("ОРТ") == "общереспубликанское тестирование");
    CHECK(ru("готовить к ОРТ") == "готовить к общереспубликанскому тестированию");
    CHECK(ru("после ОРТ") == "после общереспубликанского тестирования");
    CHECK(ru("при ОРТ") == "при общереспубликанском тестировании");
    CHECK(ru("результаты ОРТ") == "результаты общереспубликанского тестирования");
    CHECK(ru("сдать ОРТ") == "сдать общереспубликанское тестирование");
    CHECK(ru("в КР") == "в Кыргызской Республике");
    CHECK(ru("вуз и ВУЗ") == "вуз и вуз");
    CHECK(ru("Руководитель ИТ-отдела") == "Руководитель ай-ти отдела");
    CHECK(ru("в ФАПах и на ГЭС") == "в фапах и на гэс");
    CHECK(ru("станок с ЧПУ, сотрудник МЧС") == "станок с чэ-пэ-у, сотрудник эм-чэ-эс");
    // numbers
    CHECK(ru("№ 5") == "номер 5");
    CHECK(ru("1%") == "1 процент");
    CHECK(ru("3 %") == "3 процента");
    CHECK(ru("11%") == "11 процентов");
    CHECK(ru("20%") == "20 процентов");
    CHECK(ru("21%") == "21 процент");
    CHECK(ru("2,5%") == "2,5 процента");
    CHECK(ru("2026 г.") == "две тысячи двадцать шестого года.");
    CHECK(ru("в 2026 г. поступить") == "в две тысячи двадцать шестом году поступить");
    CHECK(ru("с 2020 г. по 2025 г.") == "с две тысячи двадцатого года по две тысячи двадцать пятый год.");
    CHECK(ru("к 2030 г. Бишкек") == "к две тысячи тридцатому году. Бишкек");
    CHECK(ru("в 2026 году") == "в две тысячи двадцать шестом году");
    CHECK(ru("до 2000 года") == "до двухтысячного года");
    CHECK(ru("1913 год") == "тысяча девятьсот тринадцатый год");
    CHECK(ru("2 года") == "2 года"); // a duration, not a year
    CHECK(ru("в 1990-х") == "в тысяча девятьсот девяностых");
    CHECK(ru("90-е годы") == "девяностые годы");
    CHECK(ru("5-й класс, 2-го мая, на 3-м курсе, 1-я смена") ==
          "пятый класс, второго мая, на третьем курсе, первая смена");
    CHECK(ru("30 000 сом") == "30000 сом");
    CHECK(ru("г. Бишкек, ул. Киевская") == "город Бишкек, улица Киевская");
    CHECK(ru("и т.д. и т. п.") == "и так далее и тому подобное.");
    CHECK(ru("~10 минут") == "примерно 10 минут");
    CHECK(ru("Медсестра / медбрат") == "Медсестра или медбрат");
    CHECK(ru("Вопрос 3 / 60") == "Вопрос 3, всего 60");
}

TEST_CASE("speech prepareText strips symbols and collapses whitespace", "[speech]") {
    for (Lang l : kLangs) {
        CHECK(prepareText("Аякталды ✓", l) == "Аякталды");
        CHECK(prepareText("«сен»  —  тест", l) == "сен, тест");
        CHECK(prepareText("Борбор: A · Киоск: B", l) == "Борбор: A, Киоск: B");
        CHECK(prepareText("‹ Артка", l) == "Артка");
        CHECK(prepareText("• бир\n• эки", l) == "бир. эки");
        CHECK(prepareText("изде…", l) == "изде.");
        CHECK(prepareText("  a \t b  ", l) == "a b");
        CHECK(prepareText("15–18", l) == "15-18");
        CHECK(prepareText("👍 ★ → ok", l) == "ok");
        CHECK(prepareText("", l).empty());
        CHECK(prepareText(" ✓ — ", l).empty());
        CHECK(prepareText("bad \xff\xfe utf8", l) == "bad utf8");
    }
}

TEST_CASE("speech prepared content has no symbols or unknown abbreviations", "[speech]") {
    // What espeak would spell or read out: anything but letters, digits, spaces and plain punctuation, and
    // capital Cyrillic runs (an abbreviation missing from the tables in speech.cpp).
    for (const Text2& t : contentTexts(false))
        for (Lang l : kLangs) {
            std::string p = prepareText(t.get(l), l);
            INFO(t.get(l) << "\n -> " << p);
            CHECK_FALSE(p.empty());
            bool odd = false, caps = false;
            for (size_t i = 0; i < p.size(); ++i) {
                unsigned char c = static_cast<unsigned char>(p[i]);
                if (c < 0x80 && !std::isalnum(c) && !std::strchr(" .,;:!?()-", c)) odd = true;
                // two capital Cyrillic letters in a row (U+0410..U+042F are D0 90..D0 AF)
                if (i + 3 < p.size() && c == 0xD0 && static_cast<unsigned char>(p[i + 1]) >= 0x90 &&
                    static_cast<unsigned char>(p[i + 1]) <= 0xAF &&
                    static_cast<unsigned char>(p[i + 2]) == 0xD0 &&
                    static_cast<unsigned char>(p[i + 3]) >= 0x90 &&
                    static_cast<unsigned char>(p[i + 3]) <= 0xAF)
                    caps = true;
                if (c >= 0xE2) odd = true; // U+2000 and up: dashes, quotes, symbols, emoji
            }
            CHECK_FALSE(odd);
            CHECK_FALSE(caps);
        }
}

TEST_CASE("speech engine loads the Kyrgyz and Russian voices", "[speech]") {
    Speech s;
    INFO(s.problem());
    REQUIRE(s.ok());
    CHECK(s.problem().empty());
    CHECK(s.sampleRate() >= 16000);
    CHECK_FALSE(s.busy());
    CHECK(s.current() == 0);
    CHECK(s.say(" ✓ ", Lang::ky) == 0); // nothing to say
    CHECK_FALSE(s.busy());
    auto all = synthesizeAll("Салам", Lang::ky);
    CHECK(audible(all));
}

TEST_CASE("speech a missing voice is reported and nothing is spoken", "[speech]") {
    Options o;
    o.voiceRu = "xx-no-such-voice";
    Speech s(o);
    CHECK_FALSE(s.ok());
    CHECK(s.problem().find("xx-no-such-voice") != std::string::npos);
    CHECK(s.say("Тест", Lang::ru) == 0);
    CHECK_FALSE(s.busy());
    std::string err;
    CHECK(s.synthesize("Тест", Lang::ky, &err).empty());
    CHECK_FALSE(err.empty());
    // the shared engine is not harmed
    Speech good;
    CHECK(good.ok());
    CHECK(audible(good.synthesize("Тест", Lang::ru)));
}

TEST_CASE("speech synthesizes every test item and occupation title in both languages", "[speech]") {
    Speech s;
    INFO(s.problem());
    REQUIRE(s.ok());
    auto texts = contentTexts(true);
    for (Lang l : kLangs) {
        for (const Text2& t : texts) {
            const std::string& text = t.get(l);
            std::string err;
            auto samples = s.synthesize(text, l, &err);
            INFO(langCode(l) << ": " << text);
            CHECK(err.empty());
            CHECK(audible(samples));
            CHECK(samples.size() > size_t(s.sampleRate()) / 10);
        }
    }
}

TEST_CASE("speech plays queued utterances in order with volume applied", "[speech]") {
    Speech s;
    REQUIRE(s.ok());
    uint64_t a = s.say("Биринчи", Lang::ky);
    uint64_t b = s.say("Второй", Lang::ru);
    REQUIRE(a);
    REQUIRE(b > a);
    CHECK(s.busy());
    std::vector<uint64_t> currents;
    size_t n = drain(s, 10000, &currents);
    CHECK(n > size_t(s.sampleRate()) / 4);
    CHECK(currents == std::vector<uint64_t>{a, b});
    CHECK_FALSE(s.busy());
    CHECK(s.current() == 0);

    s.setVolume(0.0f);
    CHECK(s.volume() == 0.0f);
    REQUIRE(s.say("Үнсүз", Lang::ky));
    std::vector<int16_t> buf(4096);
    size_t got = 0, nonZero = 0;
    auto t0 = Clock::now();
    while (s.busy() && msSince(t0) < 60000) {
        size_t k = s.pullSamples(buf.data(), buf.size());
        got += k;
        nonZero +=
            size_t(std::count_if(buf.begin(), buf.begin() + long(k), [](int16_t v) { return v != 0; }));
        if (!k) s.waitForAudio(std::chrono::milliseconds(20));
    }
    INFO("condition: the silent utterance played to its end within 60 s");
    REQUIRE_FALSE(s.busy());
    CHECK(got > 0);
    CHECK(nonZero == 0);
}

// Synchronisation instead of sleeps: the text is two minutes of speech and at most 4 s are buffered
// (Options::maxBufferedMs), so after the first samples the utterance is still being synthesised; every
// espeak call runs on one worker, so when a later blocking synthesize() returns, the cancelled synthesis
// has ended and anything it could still produce would be there to pull.
TEST_CASE("speech stop cancels a long utterance and a new say works", "[speech]") {
    Speech s;
    REQUIRE(s.ok());
    for (Lang l : kLangs) {
        INFO(langCode(l));
        uint64_t id = s.say(longText(l), l);
        REQUIRE(id);
        INFO("condition: first samples of the long text within 60 s");
        REQUIRE(s.waitForAudio(std::chrono::seconds(60)));
        std::vector<int16_t> buf(2048);
        size_t got = 0;
        for (int i = 0; i < 10; ++i) got += s.pullSamples(buf.data(), buf.size());
        CHECK(got > 0);
        CHECK(s.busy()); // mid-synthesis: two minutes cannot be in a 4 s buffer
        CHECK(s.current() == id);

        s.stop();
        CHECK_FALSE(s.busy());
        CHECK(s.current() == 0);
        CHECK(s.pullSamples(buf.data(), buf.size()) == 0);
        // The worker has left the cancelled synthesis once it has done another job: nothing came after.
        CHECK(audible(s.synthesize("Тест", l)));
        CHECK(s.pullSamples(buf.data(), buf.size()) == 0);
        CHECK_FALSE(s.busy());
        CHECK(s.current() == 0);

        // the worker is free again: a new utterance starts and plays to its end
        uint64_t id2 = s.say(l == Lang::ky ? "Жаңы сүйлөм" : "Новая фраза", l);
        REQUIRE(id2 > id);
        INFO("condition: first samples of the next say() within 60 s");
        CHECK(s.waitForAudio(std::chrono::seconds(60)));
        std::vector<uint64_t> currents;
        CHECK(drain(s, 60000, &currents) > 0);
        CHECK(currents == std::vector<uint64_t>{id2}); // only the new utterance played
        INFO("condition: the new utterance played to its end within 60 s");
        CHECK_FALSE(s.busy());
    }
}

TEST_CASE("speech an unplayed utterance does not block the shared engine", "[speech]") {
    Options o;
    o.stallMs = 200;
    o.maxBufferedMs = 500;
    Speech nobodyListens(o);
    REQUIRE(nobodyListens.ok());
    REQUIRE(nobodyListens.say(longText(Lang::ru), Lang::ru));
    REQUIRE(nobodyListens.waitForAudio(std::chrono::seconds(60))); // its buffer is filling, nobody pulls
    // Another user of the shared worker gets its synthesis; a block would wait for nobody forever.
    auto done = std::make_shared<std::promise<bool>>();
    auto result = done->get_future();
    std::thread([done] {
        Speech other;
        done->set_value(audible(other.synthesize("Тест", Lang::ru)));
    }).detach();
    if (result.wait_for(std::chrono::seconds(60)) != std::future_status::ready)
        FAIL("condition: synthesis for another Speech finished within 60 s (blocked by the stalled one)");
    CHECK(result.get());
    // what was buffered can still be pulled; then it is over
    CHECK(drain(nobodyListens, 60000) > 0);
    INFO("condition: the stalled utterance ended within 60 s");
    CHECK_FALSE(nobodyListens.busy());
}

// Time to first sample is kiosk-bench's figure (tap_to_first_audio); here only that it comes.
TEST_CASE("speech first samples come for sampled content texts", "[speech]") {
    Speech s;
    REQUIRE(s.ok());
    auto texts = contentTexts(true);
    for (Lang l : kLangs)
        for (size_t i = 0; i < texts.size(); i += 15) {
            INFO(langCode(l) << ": " << texts[i].get(l));
            CHECK(msToFirstSample(s, texts[i].get(l), l) >= 0); // -1: no audio within 10 s, or say() failed
        }
    CHECK_FALSE(s.busy());
}
