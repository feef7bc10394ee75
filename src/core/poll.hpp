#pragma once
// The rules of a poll (anonymous by construction):
//  - PollTally: per-option counters and the open → closed → revealed life of one poll.
//  - Ballot: who may vote when (cooldown, open/armed modes) and the one pending vote that the
//    facilitator may void within 10 s.
//  - Small-number suppression: show_percentages() is THE rule the kiosk uses everywhere.
//  - what_changed_today(): the pre/post comparison drawn on the summary step.
// Plain data and no clock of its own: every time-dependent call takes `now` from the caller
// (std::chrono::steady_clock), so all of it is unit-tested without a window or real time.
// Main-thread only; none of these types lock.

#include "ballot.hpp"
#include "content.hpp"
#include "pack_loader.hpp"
#include "session_file.hpp"
#include "steady_time.hpp"

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace upstander {

// [SECTION] Poll tally

enum class PollState { Open, Closed, Revealed };
template <>
struct EnumNames<PollState> {
    static constexpr std::array<std::pair<PollState, std::string_view>, 3> names{
        {{PollState::Open, "open"}, {PollState::Closed, "closed"}, {PollState::Revealed, "revealed"}}};
};
inline const char* to_string(PollState s) { return enum_name(s); }

// One poll's counters. A vote is one increment and nothing else: no order, no time.
class PollTally {
public:
    PollTally() = default;
    explicit PollTally(std::size_t option_count);
    // Restores counters and state from a saved poll (resume). Revealed implies closed.
    static PollTally from_record(const SessionPoll& saved);
    // Writes counters, total and state into `out` (options must already be listed in `out`).
    void write_to(SessionPoll& out) const;

    std::size_t option_count() const { return counts_.size(); }
    const std::vector<long long>& counts() const { return counts_; }
    long long total() const { return total_; }
    PollState state() const { return state_; }
    bool accepting_votes() const { return state_ == PollState::Open; }

    bool add_vote(int option);     // false (no change) unless open and option is in range
    bool remove_vote(int option);  // for voiding: false when revealed, out of range or count is 0
    bool close();                  // open → closed
    bool reveal();                 // open or closed → revealed (revealing closes voting)
    bool reopen();                 // closed or revealed → open (the tally is hidden again)

private:
    std::vector<long long> counts_;
    long long total_ = 0;
    PollState state_ = PollState::Open;
};

// [SECTION] Ballot: cooldown, open/armed, void window

// What happened to one vote attempt. The UI shows the same neutral confirmation for both Counted
// outcomes, whatever option was chosen (vote_outcome_message()).
enum class VoteOutcome {
    Counted,              // counted and on disk
    CountedHeldInMemory,  // counted; saving failed, so it is kept in memory and saving is retried
    IgnoredCooldown,      // input came too soon after the previous vote (double tap)
    NotArmed,             // armed mode and the facilitator has not armed this ballot
    VotingClosed,         // poll closed or revealed, session finished, or no poll on this step
    InvalidOption,        // e.g. key 5 on a three-option poll
};
const char* to_string(VoteOutcome o);
// UK English text for the voting screen; identical for every option (the room never learns a choice).
const char* vote_outcome_message(VoteOutcome o);

enum class VoidOutcome {
    Voided,            // the pending vote was taken off the tally
    NothingToVoid,     // no vote is pending (already voided, forgotten, or cast on another poll)
    WindowExpired,     // more than 10 s since the vote: it stays counted
    ResultsRevealed,   // the poll has been revealed since: voiding would change what the room saw
};
const char* to_string(VoidOutcome o);
const char* void_outcome_message(VoidOutcome o);

inline constexpr std::chrono::milliseconds kDefaultVoteCooldown{1500};
inline constexpr std::chrono::milliseconds kVoidWindow{10000};

struct BallotRules {
    BallotMode mode = BallotMode::Open;
    std::chrono::milliseconds cooldown = kDefaultVoteCooldown;  // pack setting vote_cooldown_ms
    std::chrono::milliseconds void_window = kVoidWindow;
};

// Decides whether an input counts as a vote. One Ballot serves the whole kiosk (it is the physical
// voting station); `poll_key` tells it which poll a vote went to, so a pending vote can only be
// voided on that poll. The only memory of a choice is the single pending vote, kept for at most
// the void window (10 s) and forgotten at the next vote, on forget_pending() or by tick().
class Ballot {
public:
    explicit Ballot(BallotRules rules = {});

    const BallotRules& rules() const { return rules_; }
    BallotMode mode() const { return rules_.mode; }
    void set_mode(BallotMode mode);  // facilitator action; always leaves the ballot disarmed
    bool armed() const { return armed_; }
    bool arm();                      // armed mode only (false in open mode)
    void disarm() { armed_ = false; }

    // Every voting place (the screen, each booth, each handset) has its own cooldown.
    bool in_cooldown(SteadyTime now, VoterDevice device = {}) const;
    std::optional<SteadyTime> cooldown_ends(VoterDevice device = {}) const;  // when its last vote's cooldown ends
    std::optional<SteadyTime> next_cooldown_end(SteadyTime now) const;       // the earliest one after now, any device

    // Checks in this order: poll open, option in range, cooldown, armed. On Counted the tally has
    // been incremented, the device's cooldown starts, an armed ballot is disarmed and this vote
    // becomes the pending one. Cooldown is measured from the device's last counted vote; ignored
    // inputs do not extend it.
    VoteOutcome cast(PollTally& tally, std::size_t poll_key, int option, SteadyTime now, VoterDevice device = {});
    // A questionnaire ballot: one option per tally, all counted or none (the same checks, on every
    // tally). The whole ballot becomes the pending one, so Void removes all of it.
    VoteOutcome cast_ballot(std::span<PollTally* const> tallies, std::size_t poll_key, std::span<const int> options,
                            SteadyTime now, VoterDevice device = {});

    // Voids the pending vote if it went to `poll_key` no more than void_window ago (inclusive) and
    // the poll has not been revealed. On success the cooldown is cleared and, in armed mode, the
    // ballot is re-armed so the same pupil can vote again at once.
    VoidOutcome void_last(PollTally& tally, std::size_t poll_key, SteadyTime now);
    // The same for a questionnaire ballot: every answer of the pending ballot comes off (`tallies`
    // in the order they were given to cast_ballot), or none does.
    VoidOutcome void_last_ballot(std::span<PollTally* const> tallies, std::size_t poll_key, SteadyTime now);
    bool can_void(std::size_t poll_key, SteadyTime now) const;
    std::optional<SteadyTime> void_deadline() const;  // when the pending vote will be forgotten

    void forget_pending() { pending_.reset(); }
    // Forgets a pending vote whose window has passed (call it from the frame loop).
    void tick(SteadyTime now);

private:
    struct Pending {
        std::size_t poll_key = 0;
        std::vector<int> options;  // one for a single vote, one per question for a ballot
        SteadyTime cast_at;
        VoterDevice device;
    };
    VoteOutcome check(const PollTally& tally, int option, SteadyTime now, VoterDevice device) const;
    void counted(std::size_t poll_key, std::vector<int> options, SteadyTime now, VoterDevice device);

    BallotRules rules_;
    bool armed_ = false;
    std::map<VoterDevice, SteadyTime> last_vote_at_;
    std::optional<Pending> pending_;
};

// [SECTION] Small-number suppression

inline constexpr long long kDefaultSuppressionThreshold = 5;
inline constexpr const char* kSuppressionReason = "Too few votes to show results without identifying people";

struct SuppressionRule {
    long long min_votes = kDefaultSuppressionThreshold;  // config; values below 1 act as 1
};

// The one rule for the kiosk: percentages are shown when there are at least min_votes votes, or
// when the facilitator has explicitly overridden suppression for this poll (and there is at least
// one vote: a percentage of nothing means nothing). Counts themselves are always shown once revealed.
bool show_percentages(long long total, const SuppressionRule& rule, bool overridden);

// Whole-number percentages that add up to exactly 100 (largest remainder), so a labelled bar chart
// never shows 33% + 33% + 33%. All zeros when total is 0.
std::vector<int> rounded_percentages(std::span<const long long> counts);

struct ResultDisplay {
    bool show_percentages = false;
    bool suppressed = false;      // below the threshold (whether or not overridden)
    bool overridden = false;      // suppressed, but the facilitator chose to show percentages
    std::string reason;           // kSuppressionReason while percentages are hidden by the rule, else empty
    std::vector<int> percentages; // per option; empty while hidden
};
ResultDisplay result_display(std::span<const long long> counts, const SuppressionRule& rule, bool overridden);

// [SECTION] Public state of one poll, as the room may see it

struct PollView {
    const PollDef* def = nullptr;  // question, kind, style, options
    PollState state = PollState::Open;
    long long votes = 0;           // the number of votes: the only figure shown before reveal
    bool revealed = false;
    std::vector<long long> counts; // per option, filled only after reveal
    ResultDisplay display;         // percentages (or the suppression reason), filled only after reveal
    bool suppression_overridden = false;  // facilitator override for this poll (shown on the presenter)
    // The ballot as it applies to this poll.
    BallotMode ballot_mode = BallotMode::Open;
    bool armed = false;            // armed mode: a vote may be cast now
    bool cooling_down = false;     // inputs are being ignored right now
    bool can_void = false;         // the facilitator may void the vote just cast
};

// Builds the public view: counts and percentages only once revealed.
PollView make_poll_view(const PollDef& def, const PollTally& tally, const SuppressionRule& rule, bool overridden);

// [SECTION] "What changed today"

// Option ids that count as agreeing: the top two Likert points ("agree", "strongly-agree") and
// "yes" for yes-no polls (content/FORMAT.md fixes these ids). Single-choice polls have no agree share.
bool is_agree_option(PollKind kind, const std::string& option_id);

struct MeasureSide {
    const PollDef* poll = nullptr;
    std::string pack;                 // pack of the poll (poll ids are unique per pack)
    std::vector<long long> counts;    // per option of the pre poll's option order
    long long total = 0;
    ResultDisplay display;            // per-option percentages under the suppression rule
    std::optional<long long> agree_count;   // empty for single-choice polls
    std::optional<int> agree_percent;       // empty for single-choice polls or while suppressed
};

struct MeasureChange {
    std::string measure;               // construct id, e.g. "would-report"
    PollKind kind = PollKind::Single;
    std::string question;              // the post poll's question (usually the same as the pre one)
    std::vector<PollOption> options;   // the pre poll's options (paired polls have the same ones)
    MeasureSide pre;
    MeasureSide post;
    std::optional<int> change_points;  // post agree_percent - pre agree_percent, when both are shown
};

// Per measure, in the order the pre polls appear in the workshop: the first `pre` poll of a
// measure paired with the first `post` poll of that measure after it. Measures without both are
// left out. Counts come from `session` (matched by pack and poll id, options by id; a poll missing
// from the session counts as no votes). Each side is suppressed on its own total; it is shown
// anyway when `summary_override` is set or that poll's suppression_override is set in the session.
std::vector<MeasureChange> what_changed_today(const ResolvedWorkshop& workshop, const SessionRecord& session,
                                              const SuppressionRule& rule, bool summary_override = false);

}  // namespace upstander
