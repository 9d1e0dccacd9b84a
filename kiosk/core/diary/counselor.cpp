#include "diary/counselor.hpp"

namespace kesip::diary {

CounselorOpen openAsCounselor(DiaryStore& store, const store::Grant& grant, std::string_view code,
                              std::string_view pin) {
    store::require(grant, store::Action::ReviewVisit);
    CounselorOpen r;
    r.unlock = store.unlock(code, pin, Actor::Counselor, "");
    if (r.unlock.outcome == UnlockResult::Outcome::Ok) r.diary = store.load(r.unlock.diaryId);
    return r;
}

WriteResult noteAsCounselor(DiaryStore& store, const store::Grant& grant, const std::string& diaryId,
                            const std::vector<std::string>& choices) {
    store::require(grant, store::Action::ReviewVisit);
    return store.addCounselorNote(diaryId, choices);
}

} // namespace kesip::diary
