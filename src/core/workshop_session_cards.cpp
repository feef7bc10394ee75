// WorkshopSession: committing a scan of answer cards (card_scan.hpp) to the current poll.

#include "workshop_session.hpp"

namespace upstander {

WorkshopSession::CardCommit WorkshopSession::add_card_counts(std::span<const long long> counts) {
    const std::size_t slot = current_slot();
    if (finished() || slot == kNoPoll || !slots_[slot].tally.accepting_votes()) return CardCommit::VotingClosed;
    PollTally& tally = slots_[slot].tally;
    if (counts.size() != tally.option_count()) return CardCommit::WrongOptions;
    long long added = 0;
    for (const long long c : counts) {
        if (c < 0) return CardCommit::WrongOptions;
        added += c;
    }
    if (added == 0) return CardCommit::Nothing;
    for (std::size_t i = 0; i < counts.size(); ++i)
        for (long long k = 0; k < counts[i]; ++k) tally.add_vote(static_cast<int>(i));
    // The booth's pending vote stays voidable: card votes do not touch it.
    return save() ? CardCommit::Saved : CardCommit::HeldInMemory;
}

}  // namespace upstander
