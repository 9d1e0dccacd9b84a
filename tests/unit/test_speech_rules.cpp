#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "helpers.hpp"
#include "speech/speech.hpp"

using namespace kesip;
using namespace kesip::speech;

// The language data of prepareText lives in assets/speech/rules.json (copied beside the binaries).
TEST_CASE("speech rules come from the data file and their absence only disables expansion", "[speech]") {
    setRulesPath(std::string(KESIP_SOURCE_DIR) + "/assets/speech/rules.json");
    CHECK(prepareText("ЖОЖдон", Lang::ky) == "жогорку окуу жайынан");
    CHECK(prepareText("к ОРТ", Lang::ru) == "к общереспубликанскому тестированию");
    std::string problemWithRules;
    const bool okWithRules = [&] {
        Speech s;
        problemWithRules = s.problem();
        return s.ok();
    }();

    test::TempDir d;
    const std::string broken = d.str() + "/rules.json";
    std::ofstream(broken) << "{\"alphabet\": {\"vowels\": 5}";
    for (const std::string& path : {d.str() + "/missing.json", broken}) {
        INFO(path);
        setRulesPath(path);
        // cleaned up, not expanded, not lost
        CHECK(prepareText("ЖОЖдон  «тест» ✓", Lang::ky) == "ЖОЖдон тест");
        CHECK(prepareText("к ОРТ в 2026 г.", Lang::ru) == "к ОРТ в 2026 г.");
        CHECK(prepareText("30 000 / 5%", Lang::ru) == "30000, 5%");
        CHECK(prepareText("", Lang::ky).empty());
        // the voices do not depend on the rules
        Speech s;
        CHECK(s.ok() == okWithRules);
        CHECK(s.problem() == problemWithRules);
    }
    setRulesPath(""); // the default: beside the binary
    CHECK(prepareText("ЖОЖдон", Lang::ky) == "жогорку окуу жайынан");
}
