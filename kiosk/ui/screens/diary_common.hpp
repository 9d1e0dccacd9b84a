#pragma once
// Pieces the career diary's screens share (diary_*.cpp).
#include <string>
#include <vector>

#include "diary/code.hpp"
#include "ui/screens/screens.hpp"

namespace kesip::ui::diaryui {

// "2026-09" as the visitor reads it: "09.2026".
std::string monthLabel(const std::string& yyyyMm);
// A row of chips that wrap onto more rows within width; returns the index tapped, or -1.
struct Chip {
    std::string key, label;
    bool on = false;
};
int chips(Ui& ui, const std::vector<Chip>& list, float width);
// The screen's body below the top bar: one drag-scroll region with page buttons when it overflows.
// Returns the content width.
float beginBody(Ui& ui, const char* id, float bottomReserve = 0.f);
void endBody(Ui& ui, const char* id, float bottomReserve = 0.f);
// The last action's message (error in the primary colour), if any.
void message(Ui& ui, const DiaryView& dv, float width);
// A digit pad (0-9, backspace, OK) of width w at the cursor; key heights kh.
void digitPad(Ui& ui, Intents& out, float w, float kh, const std::string& okLabel, bool okEnabled,
              bool emitOk);
// A dot per PIN digit typed, at the cursor (centred in width, or from the left).
void pinDots(Ui& ui, size_t n, float width, bool centre);
// An occupation's title in the visitor's language (its id when the content lacks it).
std::string occupationTitle(const Ui& ui, const View& v, const std::string& id);
std::string fieldName(const Ui& ui, const View& v, const std::string& id);
bool isSaved(const DiaryView& dv, const std::string& occupation);
// A study path (diary::routes() code) already in the open diary, or remembered for the visit before one.
bool pathSeen(const DiaryView& dv, const std::string& path);
// The occupations the diary offers for a choice: saved ones, then those of trials.
std::vector<std::string> diaryOccupations(const DiaryView& dv);

} // namespace kesip::ui::diaryui
