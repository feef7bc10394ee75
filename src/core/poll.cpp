#include "poll.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>

namespace upstander {

// [SECTION] Names and messages

const char* to_string(VoteOutcome o) {
    switch (o) {
        case VoteOutcome::Counted: return "counted";
        case VoteOutcome::CountedHeldInMemory: return "counted-held-in-memory";
        case VoteOutcome::IgnoredCooldown: return "ignored-cooldown";
        case VoteOutcome::NotArmed: return "not-armed";
        case VoteOutcome::VotingClosed: return "voting-closed";
        case VoteOutcome::InvalidOption: return "invalid-option";
    }
    return "?";
}

const char* vote_outcome_message(VoteOutcome o) {
    switch (o) {
        case VoteOutcome::Counted: return "Vote counted \xE2\x80\x94 thank you. Next person, please.";
        case VoteOutcome::CountedHeldInMemory:
            return "Vote counted and held in memory \xE2\x80\x94 thank you. Next person, please.";
        case VoteOutcome::IgnoredCooldown: return "Just a moment, please.";
        case VoteOutcome::NotArmed: return "Please wait: the facilitator will start your vote.";
        case VoteOutcome::VotingClosed: return "Voting is closed.";
        case VoteOutcome::InvalidOption: return "That is not one of the options.";
    }
    return "";
}

const char* to_string(VoidOutcome o) {
    switch (o) {
        case VoidOutcome::Voided: return "voided";
        case VoidOutcome::NothingToVoid: return "nothing-to-void";
        case VoidOutcome::WindowExpired: return "window-expired";
        case VoidOutcome::ResultsRevealed: return "results-revealed";
    }
    return "?";
}

const char* void_outcome_message(VoidOutcome o) {
    switch (o) {
        case VoidOutcome::Voided: return "The last vote was removed. The same person can vote again.";
        case VoidOutcome::NothingToVoid: return "There is no vote to remove.";
        case VoidOutcome::WindowExpired: return "Too late to remove the last vote: it was cast more than 10 seconds ago.";
        case VoidOutcome::ResultsRevealed: return "The results have been revealed, so the last vote cannot be removed.";
    }
    return "";
}

// [SECTION] PollTally

PollTally::PollTally(std::size_t option_count) : counts_(option_count, 0) {}

PollTally PollTally::from_record(const SessionPoll& saved) {
    PollTally t(saved.options.size());
    for (std::size_t i = 0; i < saved.options.size(); ++i) {
        t.counts_[i] = saved.options[i].count;
        t.total_ += saved.options[i].count;
    }
    if (saved.revealed) t.state_ = PollState::Revealed;
    else if (saved.closed) t.state_ = PollState::Closed;
    return t;
}

void PollTally::write_to(SessionPoll& out) const {
    assert(out.options.size() == counts_.size());
    for (std::size_t i = 0; i < counts_.size() && i < out.options.size(); ++i) out.options[i].count = counts_[i];
    out.total = total_;
    out.closed = state_ != PollState::Open;
    out.revealed = state_ == PollState::Revealed;
}

bool PollTally::add_vote(int option) {
    if (state_ != PollState::Open || option < 0 || static_cast<std::size_t>(option) >= counts_.size()) return false;
    ++counts_[static_cast<std::size_t>(option)];
    ++total_;
    return true;
}

bool PollTally::remove_vote(int option) {
    if (state_ == PollState::Revealed || option < 0 || static_cast<std::size_t>(option) >= counts_.size()) return false;
    long long& c = counts_[static_cast<std::size_t>(option)];
    if (c == 0) return false;
    --c;
    --total_;
    return true;
}

bool PollTally::close() {
    if (state_ != PollState::Open) return false;
    state_ = PollState::Closed;
    return true;
}

bool PollTally::reveal() {
    if (state_ == PollState::Revealed) return false;
    state_ = PollState::Revealed;
    return true;
}

bool PollTally::reopen() {
    if (state_ == PollState::Open) return false;
    state_ = PollState::Open;
    return true;
}

// [SECTION] Ballot

Ballot::Ballot(BallotRules rules) : rules_(rules) {}

void Ballot::set_mode(BallotMode mode) {
    rules_.mode = mode;
    armed_ = false;
}

bool Ballot::arm() {
    if (rules_.mode != BallotMode::Armed) return false;
    armed_ = true;
    return true;
}

bool Ballot::in_cooldown(SteadyTime now, VoterDevice device) const {
    const auto it = last_vote_at_.find(device);
    return it != last_vote_at_.end() && now < it->second + rules_.cooldown;
}

std::optional<SteadyTime> Ballot::cooldown_ends(VoterDevice device) const {
    const auto it = last_vote_at_.find(device);
    if (it == last_vote_at_.end()) return std::nullopt;
    return it->second + rules_.cooldown;
}

std::optional<SteadyTime> Ballot::next_cooldown_end(SteadyTime now) const {
    std::optional<SteadyTime> best;
    for (const auto& [device, at] : last_vote_at_) {
        const SteadyTime end = at + rules_.cooldown;
        if (end > now && (!best || end < *best)) best = end;
    }
    return best;
}

VoteOutcome Ballot::check(const PollTally& tally, int option, SteadyTime now, VoterDevice device) const {
    if (!tally.accepting_votes()) return VoteOutcome::VotingClosed;
    if (option < 0 || static_cast<std::size_t>(option) >= tally.option_count()) return VoteOutcome::InvalidOption;
    if (in_cooldown(now, device)) return VoteOutcome::IgnoredCooldown;
    if (rules_.mode == BallotMode::Armed && !armed_) return VoteOutcome::NotArmed;
    return VoteOutcome::Counted;
}

void Ballot::counted(std::size_t poll_key, std::vector<int> options, SteadyTime now, VoterDevice device) {
    last_vote_at_[device] = now;
    armed_ = false;
    pending_ = Pending{poll_key, std::move(options), now, device};  // replaces (forgets) any earlier pending vote
}

VoteOutcome Ballot::cast(PollTally& tally, std::size_t poll_key, int option, SteadyTime now, VoterDevice device) {
    if (const VoteOutcome o = check(tally, option, now, device); o != VoteOutcome::Counted) return o;
    const bool added = tally.add_vote(option);
    assert(added);
    (void)added;
    counted(poll_key, {option}, now, device);
    return VoteOutcome::Counted;
}

VoteOutcome Ballot::cast_ballot(std::span<PollTally* const> tallies, std::size_t poll_key, std::span<const int> options,
                                SteadyTime now, VoterDevice device) {
    if (tallies.empty() || tallies.size() != options.size()) return VoteOutcome::InvalidOption;
    for (std::size_t i = 0; i < tallies.size(); ++i)
        if (const VoteOutcome o = check(*tallies[i], options[i], now, device); o != VoteOutcome::Counted) return o;
    for (std::size_t i = 0; i < tallies.size(); ++i) {
        const bool added = tallies[i]->add_vote(options[i]);
        assert(added);
        (void)added;
    }
    counted(poll_key, std::vector<int>(options.begin(), options.end()), now, device);
    return VoteOutcome::Counted;
}

bool Ballot::can_void(std::size_t poll_key, SteadyTime now) const {
    return pending_ && pending_->poll_key == poll_key && now - pending_->cast_at <= rules_.void_window;
}

std::optional<SteadyTime> Ballot::void_deadline() const {
    if (!pending_) return std::nullopt;
    return pending_->cast_at + rules_.void_window;
}

VoidOutcome Ballot::void_last(PollTally& tally, std::size_t poll_key, SteadyTime now) {
    PollTally* one[] = {&tally};
    return void_last_ballot(one, poll_key, now);
}

VoidOutcome Ballot::void_last_ballot(std::span<PollTally* const> tallies, std::size_t poll_key, SteadyTime now) {
    if (!pending_) return VoidOutcome::NothingToVoid;
    if (now - pending_->cast_at > rules_.void_window) {
        pending_.reset();
        return VoidOutcome::WindowExpired;
    }
    if (pending_->poll_key != poll_key) return VoidOutcome::NothingToVoid;
    for (const PollTally* t : tallies)
        if (t->state() == PollState::Revealed) return VoidOutcome::ResultsRevealed;
    // All or nothing: every answer must still be on its tally before any comes off.
    bool present = tallies.size() == pending_->options.size();
    for (std::size_t i = 0; present && i < tallies.size(); ++i) {
        const int o = pending_->options[i];
        present = o >= 0 && static_cast<std::size_t>(o) < tallies[i]->option_count() &&
                  tallies[i]->counts()[static_cast<std::size_t>(o)] > 0;
    }
    if (!present) {
        pending_.reset();  // the tallies no longer hold it (cannot happen through WorkshopSession)
        return VoidOutcome::NothingToVoid;
    }
    for (std::size_t i = 0; i < tallies.size(); ++i) tallies[i]->remove_vote(pending_->options[i]);
    last_vote_at_.erase(pending_->device);
    pending_.reset();
    if (rules_.mode == BallotMode::Armed) armed_ = true;
    return VoidOutcome::Voided;
}

void Ballot::tick(SteadyTime now) {
    if (pending_ && now - pending_->cast_at > rules_.void_window) pending_.reset();
}

// [SECTION] Suppression

bool show_percentages(long long total, const SuppressionRule& rule, bool overridden) {
    if (total <= 0) return false;
    return total >= std::max<long long>(1, rule.min_votes) || overridden;
}

std::vector<int> rounded_percentages(std::span<const long long> counts) {
    std::vector<int> out(counts.size(), 0);
    long long total = 0;
    for (long long c : counts) total += std::max<long long>(0, c);
    if (total <= 0) return out;
    // Largest remainder (Hamilton): floor every share, then hand the missing points to the
    // largest remainders; ties go to the earlier option so the result is deterministic.
    std::vector<long long> rem(counts.size(), 0);
    int assigned = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const long long scaled = std::max<long long>(0, counts[i]) * 100;
        out[i] = static_cast<int>(scaled / total);
        rem[i] = scaled % total;
        assigned += out[i];
    }
    std::vector<std::size_t> order(counts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rem[a] > rem[b]; });
    for (std::size_t k = 0; assigned < 100 && k < order.size(); ++k, ++assigned) ++out[order[k]];
    return out;
}

ResultDisplay result_display(std::span<const long long> counts, const SuppressionRule& rule, bool overridden) {
    ResultDisplay d;
    long long total = 0;
    for (long long c : counts) total += c;
    d.suppressed = total < std::max<long long>(1, rule.min_votes);
    d.show_percentages = show_percentages(total, rule, overridden);
    d.overridden = d.suppressed && d.show_percentages;
    if (d.show_percentages) d.percentages = rounded_percentages(counts);
    else if (d.suppressed) d.reason = kSuppressionReason;
    return d;
}

PollView make_poll_view(const PollDef& def, const PollTally& tally, const SuppressionRule& rule, bool overridden) {
    PollView v;
    v.def = &def;
    v.state = tally.state();
    v.votes = tally.total();
    v.revealed = tally.state() == PollState::Revealed;
    v.suppression_overridden = overridden;
    if (v.revealed) {
        v.counts = tally.counts();
        v.display = result_display(v.counts, rule, overridden);
    }
    return v;
}

// [SECTION] What changed today

bool is_agree_option(PollKind kind, const std::string& option_id) {
    switch (kind) {
        case PollKind::Likert: return option_id == "agree" || option_id == "strongly-agree";
        case PollKind::YesNo: return option_id == "yes";
        case PollKind::Single: return false;
    }
    return false;
}

namespace {

struct FoundPoll {
    const PollDef* def = nullptr;
    std::string pack;
};

MeasureSide make_side(const FoundPoll& found, const std::vector<PollOption>& options, const SessionRecord& session,
                      const SuppressionRule& rule, bool summary_override) {
    MeasureSide side;
    side.poll = found.def;
    side.pack = found.pack;
    side.counts.assign(options.size(), 0);
    bool overridden = summary_override;
    if (const SessionPoll* saved = session.find_poll(found.pack, found.def->id)) {
        overridden = overridden || saved->suppression_override;
        for (std::size_t i = 0; i < options.size(); ++i)
            for (const SessionOption& o : saved->options)
                if (o.id == options[i].id) side.counts[i] = o.count;
    }
    side.total = std::accumulate(side.counts.begin(), side.counts.end(), 0LL);
    side.display = result_display(side.counts, rule, overridden);
    const PollKind kind = found.def->kind;
    if (kind != PollKind::Single) {
        long long agree = 0;
        for (std::size_t i = 0; i < options.size(); ++i)
            if (is_agree_option(kind, options[i].id)) agree += side.counts[i];
        side.agree_count = agree;
        if (side.display.show_percentages)
            side.agree_percent = static_cast<int>(std::llround(100.0 * static_cast<double>(agree) /
                                                               static_cast<double>(side.total)));
    }
    return side;
}

}  // namespace

std::vector<MeasureChange> what_changed_today(const ResolvedWorkshop& workshop, const SessionRecord& session,
                                              const SuppressionRule& rule, bool summary_override) {
    // Poll steps in workshop order. A module listed twice yields the same poll twice; the pairing
    // below takes the first pre and the first post after it, so that does no harm.
    std::vector<FoundPoll> polls;
    for (const Module* m : workshop.modules) {
        if (m == nullptr) continue;
        for (const Step& s : m->steps)
            if (s.type == StepType::Poll && s.poll) polls.push_back({&*s.poll, m->pack_id});
    }
    std::vector<MeasureChange> out;
    for (std::size_t i = 0; i < polls.size(); ++i) {
        const PollDef& pre = *polls[i].def;
        if (pre.phase != PollPhase::Pre || pre.measure.empty()) continue;
        const bool seen = std::any_of(out.begin(), out.end(), [&](const MeasureChange& c) { return c.measure == pre.measure; });
        if (seen) continue;
        const FoundPoll* post = nullptr;
        for (std::size_t k = i + 1; k < polls.size() && post == nullptr; ++k)
            if (polls[k].def->phase == PollPhase::Post && polls[k].def->measure == pre.measure) post = &polls[k];
        if (post == nullptr) continue;
        MeasureChange c;
        c.measure = pre.measure;
        c.kind = pre.kind;
        c.question = post->def->question;
        c.options = pre.options;
        c.pre = make_side(polls[i], c.options, session, rule, summary_override);
        c.post = make_side(*post, c.options, session, rule, summary_override);
        if (c.pre.agree_percent && c.post.agree_percent) c.change_points = *c.post.agree_percent - *c.pre.agree_percent;
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace upstander
