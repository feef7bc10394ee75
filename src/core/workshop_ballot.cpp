// WorkshopSession: questionnaire ballots (several polls answered in one visit) and the polls of
// the current step as a group. See workshop_session.hpp and ballot.hpp.

#include "workshop_session.hpp"

namespace upstander {

// [SECTION] The current step's polls

std::vector<std::size_t> WorkshopSession::current_group() const {
    const std::size_t first = current_slot();
    if (first == kNoPoll) return {};
    const NavPosition p = nav_.position();
    const auto m = static_cast<std::size_t>(p.module);
    std::vector<std::size_t> out;
    for (std::size_t step : ballot_group_at(*workshop_->modules[m], static_cast<std::size_t>(p.step))) {
        const std::size_t slot = slot_of_step_[m][step];
        if (slot != kNoPoll) out.push_back(slot);
    }
    if (out.empty()) out.push_back(first);
    return out;
}

std::vector<PollTally*> WorkshopSession::group_tallies(const std::vector<std::size_t>& group) {
    std::vector<PollTally*> out;
    out.reserve(group.size());
    for (std::size_t slot : group) out.push_back(&slots_[slot].tally);
    return out;
}

PollView WorkshopSession::poll_view_of(std::size_t slot, SteadyTime now) const {
    const PollSlot& s = slots_[slot];
    PollView v = make_poll_view(*s.def, s.tally, options_.suppression, s.suppression_override);
    const bool open = s.tally.accepting_votes() && !finished();
    v.ballot_mode = ballot_.mode();
    v.armed = open && ballot_.armed();
    v.cooling_down = open && ballot_.in_cooldown(now, screen_device());
    v.can_void = !finished() && s.tally.state() != PollState::Revealed && ballot_.can_void(current_slot(), now);
    return v;
}

std::vector<PollView> WorkshopSession::ballot_polls(SteadyTime now) const {
    std::vector<PollView> out;
    for (std::size_t slot : current_group()) out.push_back(poll_view_of(slot, now));
    return out;
}

// [SECTION] One voting place's ballot

std::optional<BallotView> WorkshopSession::ballot_view(VoterDevice device, SteadyTime now) const {
    const std::vector<std::size_t> group = current_group();
    if (group.size() < 2) return std::nullopt;
    BallotView v;
    v.questions = group.size();
    if (auto it = progress_.find(device); it != progress_.end()) {
        const QuestionnaireProgress& p = it->second;
        v.question = p.question();
        v.answer = p.answer(p.question());
        v.started = p.started();
        v.can_done = p.complete();
    }
    v.poll = slots_[group[v.question]].def;
    v.accepting = !finished();
    for (std::size_t slot : group) v.accepting = v.accepting && slots_[slot].tally.accepting_votes();
    v.cooling_down = v.accepting && ballot_.in_cooldown(now, device);
    // Every counted ballot answers every question, so the first poll's total is the number of ballots.
    v.ballots = slots_[group.front()].tally.total();
    return v;
}

BallotInput WorkshopSession::ballot_answer(VoterDevice device, int option_index, SteadyTime now) {
    const std::vector<std::size_t> group = current_group();
    if (finished() || group.size() < 2) return BallotInput::VotingClosed;
    for (std::size_t slot : group)
        if (!slots_[slot].tally.accepting_votes()) return BallotInput::VotingClosed;
    auto it = progress_.try_emplace(device, QuestionnaireProgress(group.size())).first;
    QuestionnaireProgress& p = it->second;
    const PollTally& tally = slots_[group[p.question()]].tally;
    if (option_index < 0 || static_cast<std::size_t>(option_index) >= tally.option_count()) return BallotInput::InvalidOption;
    // A double tap on Done must not start the next pupil's ballot.
    if (!p.started() && ballot_.in_cooldown(now, device)) return BallotInput::IgnoredCooldown;
    if (!p.started() && ballot_.mode() == BallotMode::Armed && !ballot_.armed()) return BallotInput::NotArmed;
    p.answer_current(option_index, now);
    return BallotInput::Answered;
}

bool WorkshopSession::ballot_back(VoterDevice device, SteadyTime now) {
    auto it = progress_.find(device);
    return it != progress_.end() && it->second.back(now);
}

VoteOutcome WorkshopSession::ballot_done(VoterDevice device, SteadyTime now) {
    const std::vector<std::size_t> group = current_group();
    if (finished() || group.size() < 2) return VoteOutcome::VotingClosed;
    for (std::size_t slot : group)
        if (!slots_[slot].tally.accepting_votes()) return VoteOutcome::VotingClosed;
    auto it = progress_.find(device);
    if (it == progress_.end() || !it->second.complete()) return VoteOutcome::InvalidOption;
    std::vector<int> options;
    for (const auto& a : it->second.answers()) options.push_back(*a);
    const std::vector<PollTally*> tallies = group_tallies(group);
    const VoteOutcome outcome = ballot_.cast_ballot(tallies, current_slot(), options, now, device);
    if (outcome != VoteOutcome::Counted) return outcome;
    it->second.reset();
    // Every answer of the ballot reaches the disk in this one save, or (disk full) none of it is
    // confirmed as on disk: the tallies stay in memory and tick() retries.
    return save() ? VoteOutcome::Counted : VoteOutcome::CountedHeldInMemory;
}

bool WorkshopSession::ballot_discard(VoterDevice device) {
    auto it = progress_.find(device);
    if (it == progress_.end()) return false;
    const bool had = it->second.started();
    progress_.erase(it);
    return had;
}

}  // namespace upstander
