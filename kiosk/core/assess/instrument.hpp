#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/textcheck.hpp"
#include "l10n/lang.hpp"

namespace kesip::assess {

struct Answer {
    int value = 0;
    std::string icon; // "--" "-" "0" "+" "++": the UI draws a face for it
    Text2 label;
};

struct Scale {
    std::string id;
    Text2 name, shortName, description, likes;
};

struct Item {
    std::string id;
    std::string scale;
    int scaleIndex = -1;
    bool reverse = false;
    Text2 text;
};

// A test as data (assets/instruments/*.json): items in presentation order, fixed per version.
struct Instrument {
    std::string id;
    int version = 0;
    Text2 title;
    std::vector<Answer> answers;
    std::vector<Scale> scales;
    std::vector<Item> items;
    Text2 instruction; // optional ("" when absent): how to answer, shown with the first item
    // Earlier versions (oldest first), kept so that a run stored with one still scores and shows its own
    // items (assess/versions.hpp). Empty in an archived version itself.
    std::vector<std::shared_ptr<const Instrument>> older;
    const Instrument* atVersion(int v) const; // this one or an older version; nullptr when unknown
    int minValue() const { return answers.front().value; }
    int maxValue() const { return answers.back().value; }
    int scaleIndex(const std::string& scaleId) const;
    int itemIndex(const std::string& itemId) const;
};

// Expected shape per instrument id; the validator holds the file to it.
struct InstrumentSpec {
    int answers = 0;                   // number of answer options
    int scales = 0;                    // number of scales
    int itemsPerScale = 0;             // balanced scales
    int reverseItems = -1;             // -1: not checked
    std::vector<std::string> scaleIds; // required ids in order (empty: not checked)
};
InstrumentSpec interestSpec();
InstrumentSpec strengthsSpec();

// Parses and validates. Every problem is reported (file, line, item id); the instrument is returned only
// when there are none, so a broken file never reaches a student.
std::optional<Instrument> parseInstrument(const std::string& json, const std::string& fileName,
                                          const InstrumentSpec& spec,
                                          std::vector<content::Problem>& problems);
std::optional<Instrument> loadInstrument(const std::string& path, const InstrumentSpec& spec,
                                         std::vector<content::Problem>& problems);

} // namespace kesip::assess
