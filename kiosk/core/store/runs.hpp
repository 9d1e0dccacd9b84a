#pragma once
#include <optional>
#include <string>
#include <vector>

#include "assess/scoring.hpp"
#include "store/db.hpp"
#include "util/clock.hpp"

namespace kesip::store {

// One test taken in a visit: responses saved as each item is answered, with scores and flags recomputed
// in the same transaction, so a power cut loses at most the item in flight and never leaves scores that
// disagree with the answers.
class RunRepo {
  public:
    RunRepo(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    void start(const std::string& session, const std::string& instrument, int version);
    void saveAnswer(const std::string& session, const std::string& instrument, const assess::Response& r,
                    const assess::Result& scores, const std::string& packedAnswers,
                    const std::optional<std::string>& packedTimes = std::nullopt);
    // What the visit found, for export and the dashboard; empty values leave the stored ones.
    void saveVisitResult(const std::string& session, const std::string& interestCode,
                         const std::string& topField, const std::string& strengths);
    void complete(const std::string& session, const std::string& instrument);
    void abandonOpen(const std::string& session); // at the end of a visit: unfinished tests stay, marked

    std::optional<std::string> state(const std::string& session, const std::string& instrument);
    std::vector<assess::Response> responses(const std::string& session, const std::string& instrument);
    std::vector<assess::ScaleScore> scores(const std::string& session, const std::string& instrument);
    unsigned flags(const std::string& session, const std::string& instrument);

  private:
    Database& db_;
    const Clock& clock_;
};

} // namespace kesip::store
