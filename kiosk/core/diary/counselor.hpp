#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diary/store.hpp"
#include "store/access.hpp"

namespace kesip::diary {

// The counselor's side of a diary, with the student present typing code and PIN. Only a counselor's
// grant opens or annotates one (store::Action::ReviewVisit: staff do not read a visitor's answers); the
// check is here, not in a screen. Wrong PINs count against the diary's own limits (DiaryStore::unlock).
struct CounselorOpen {
    UnlockResult unlock;
    std::optional<Diary> diary; // the whole diary when unlock.outcome is Ok
};
// Throws store::Forbidden for any other grant.
CounselorOpen openAsCounselor(DiaryStore& store, const store::Grant& grant, std::string_view code,
                              std::string_view pin);
// Structured notes only (codes of noteChoices()); throws store::Forbidden for any other grant.
WriteResult noteAsCounselor(DiaryStore& store, const store::Grant& grant, const std::string& diaryId,
                            const std::vector<std::string>& choices);

} // namespace kesip::diary
