#pragma once
// Parts shared by "where to study" (study.cpp) and the institutions screen (institutions.cpp).
#include <string>
#include <utility>
#include <vector>

#include "catalog/content.hpp"
#include "ui/screens/screens.hpp"

namespace kesip::ui::study {

std::string oblastName(const Ui& ui, const std::string& oblast); // "" = all oblasts
std::string kindName(const Ui& ui, const std::string& kind);     // "" = every kind
std::string entryName(const Ui& ui, const std::string& entry);   // grade9 | grade11 | degree | any
std::string pathName(const Ui& ui, const std::string& path);     // lyceum | college | ... | on_the_job
// The checked date as "as of 29 November 2026" in the visitor's language.
std::string asOf(const Ui& ui, const std::string& checked);

// Buttons in rows at the cursor within `width` (a button that does not fit starts the next row); the
// selected one is drawn as primary. Returns the index tapped, or -1.
int chips(Ui& ui, const std::vector<std::pair<std::string, std::string>>& keyLabels, int selected,
          float width);

// An institution as a card: its name, then kind, town and ownership, then `extra` lines (what it
// teaches), its address where known, and the date of the facts. Not tappable.
void institutionCard(Ui& ui, const catalog::Content& c, int institution,
                     const std::vector<std::string>& extra, float width);

// A section heading with space above it.
void section(Ui& ui, const std::string& text, float width);

// What the speaker button reads on these screens, in the visitor's language, from what they show:
// study:<occupation> its title, routes with durations, what is needed first, the age, then each
// institution (name, kind, town) in the screen's order, the visitor's oblast first; institutions[:...]
// its title, the count and each institution of the filter. "" for an unknown occupation.
std::string speakStudy(const Ui& ui, const catalog::Content& c, const std::string& occupationId,
                       const StudyView& s);
std::string speakInstitutions(const Ui& ui, const catalog::Content& c, const std::string& param);
// One institution read aloud: "name, kind, town".
std::string speakInstitution(const Ui& ui, const catalog::Content& c, int institution);
// Parts read one after another: a full stop between them unless one ends a sentence already.
void addSpoken(std::string& text, const std::string& part);

} // namespace kesip::ui::study
