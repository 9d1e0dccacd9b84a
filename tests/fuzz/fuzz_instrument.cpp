// libFuzzer target: the instrument loader (assets/instruments/*.json) on arbitrary bytes, held to both
// specs. A file that parses is also scored and packed, as the kiosk would do with it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "assess/instrument.hpp"
#include "assess/runner.hpp"
#include "assess/scoring.hpp"

using namespace kesip;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    for (const assess::InstrumentSpec& spec : {assess::interestSpec(), assess::strengthsSpec()}) {
        std::vector<content::Problem> problems;
        const auto ins = assess::parseInstrument(text, "fuzz.json", spec, problems);
        for (const auto& p : problems) (void)p.str();
        if (!ins) continue;
        // Answer every item with a value derived from the input, skipping some.
        std::vector<assess::Response> rs;
        for (size_t i = 0; i < ins->items.size(); ++i) {
            const uint8_t b = data[i % size];
            rs.push_back({ins->items[i].id, b % 7 == 0 ? std::nullopt : std::optional<int>(1 + b % 5),
                          int64_t(b) * 40});
        }
        (void)assess::score(*ins, rs);
        (void)assess::packAnswers(*ins, rs);
    }
    return 0;
}
