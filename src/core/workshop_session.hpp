#pragma once
// WorkshopSession: the one session state that every window (projector, presenter, booth) draws.
// It owns the Navigator, the SessionRecord (the in-memory truth), the SessionStore, the tally of
// every poll in the workshop, the kiosk's Ballot, and the facilitator's switches. The UI sends
// the commands below and draws the queries; it holds no rules of its own.
//
// Saving: every command that changes what the file holds saves at once (votes, voids, close,
// reveal, reopen, suppression override, group, end) and so does navigation (the position, so a
// crash resumes at the same step). A failed save never loses anything: the record stays in
// memory, save_status() carries the facilitator's banner, and tick(now) retries.
//
// Time: there is no clock inside. Pass std::chrono::steady_clock::now() (read once per frame) as
// `now` to the calls that need it. Call tick(now) every frame (or at least when next_deadline()
// says) so pending votes are forgotten on time and failed saves are retried.
//
// Lifetime: the Library (and so the ResolvedWorkshop and every PollDef) must outlive the session.
// Main-thread only.

#include "ballot.hpp"
#include "config.hpp"
#include "error.hpp"
#include "navigation.hpp"
#include "pack_loader.hpp"
#include "poll.hpp"
#include "session_file.hpp"
#include "session_store.hpp"
#include "steady_time.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace upstander {

// Kiosk configuration that is not part of a pack.
struct WorkshopSessionOptions {
    SuppressionRule suppression;                        // config: fewer votes than this → no percentages
    std::optional<BallotMode> ballot_mode;              // overrides the pack's ballot_mode when set
    std::optional<std::chrono::milliseconds> vote_cooldown;  // overrides the pack's vote_cooldown_ms
    std::chrono::milliseconds ballot_abandon = kDefaultBallotAbandon;  // config ballot_abandon_seconds
};

// The config file's voting keys: suppression_threshold, and ballot_mode / vote_cooldown_ms when
// set (they override the pack's settings).
WorkshopSessionOptions session_options(const Config& config);

// What the setup screen (or --group/--format/--audience/--headcount) provides.
struct SessionSetup {
    SessionGroup group;        // label must never hold pupils' names (the setup screen warns)
    std::string date;          // YYYY-MM-DD; empty = today (local time)
    std::string session_id;    // empty = new random 128-bit id (tests pass a fixed one)
    std::string app_version;   // empty = this build's version
};

struct ResumedSession;

class WorkshopSession {
public:
    // [SECTION] Starting and resuming

    // Starts a new session: every poll of the workshop is listed in the record with zero counts,
    // and the file is saved at once (check save_status(): a failed first save is not fatal).
    // `workshop` must belong to `library`.
    static WorkshopSession start(const Library& library, const ResolvedWorkshop& workshop, SessionStore store,
                                 SessionSetup setup, WorkshopSessionOptions options = {});

    // Resumes a saved session (from SessionStore::find_unfinished()) with its counts, poll states,
    // suppression overrides and position restored. Fails, leaving the file as it is, when the
    // workshop is not in `library` or one of its polls now has different options. Polls added to
    // the workshop since are added with zero counts; polls the file lists that the workshop no
    // longer has are kept in the file unchanged. Nothing is saved until the next command.
    // The Error's message is in words for the facilitator; the file is untouched.
    static Result<ResumedSession> resume(const Library& library, SessionStore store, SessionRecord record,
                                         WorkshopSessionOptions options = {});

    // [SECTION] Navigation (forwarded to the Navigator; each move saves the position)
    // Moving to another step forgets the pending vote and disarms the ballot.
    bool next();
    bool back();
    bool jump_to_module(int module);
    bool choose(int choice);

    // [SECTION] Voting (on the current step's poll)
    // Each voting place (screen, booth, handset) has its own cooldown. On a questionnaire step a
    // single vote is refused (VotingClosed): answers go through the ballot calls below.
    VoteOutcome vote(int option_index, SteadyTime now, VoterDevice device = {});
    bool arm_ballot();                    // armed mode: allow one vote; false in open mode or no open poll
    VoidOutcome void_last_vote(SteadyTime now);
    bool close_voting();                  // open → closed
    bool reveal();                        // open/closed → revealed (tally and chart become visible)
    bool reopen();                        // closed/revealed → open (tally hidden again)
    void set_ballot_mode(BallotMode mode);
    // On a poll step: that poll. On the summary step: the "What changed today" screen.
    bool override_suppression(bool on = true);

    // [SECTION] Questionnaire ballots (src/core/ballot.hpp)
    // The current step is a ballot of two or more polls answered in one visit. Each voting place
    // has its own ballot in progress, in memory only; Done counts every answer of it in one save,
    // and nothing before that reaches the file. Close, reveal and reopen act on every poll of it,
    // and Void removes the whole last ballot.
    bool current_step_is_ballot() const { return current_group().size() > 1; }
    std::optional<BallotView> ballot_view(VoterDevice device, SteadyTime now) const;
    BallotInput ballot_answer(VoterDevice device, int option_index, SteadyTime now);
    bool ballot_back(VoterDevice device, SteadyTime now);  // false on question 1
    // Counts the device's complete ballot (InvalidOption while a question is unanswered).
    VoteOutcome ballot_done(VoterDevice device, SteadyTime now);
    // Forgets the device's ballot in progress (a handset unplugged); true when it had answers.
    bool ballot_discard(VoterDevice device);
    // Ballots left half-done for ballot_abandon and returned to question 1 (tick() does it), since
    // the session started. Only the number: never an answer.
    int abandoned_ballots() const { return abandoned_; }
    // Every poll of the current ballot as the room may see it (counts only once revealed).
    std::vector<PollView> ballot_polls(SteadyTime now) const;
    // [SECTION] Answer cards (workshop_session_cards.cpp)
    // Adds one committed card scan to the current poll: per option, in ONE durable save. Only
    // counts reach the record, never which card gave what.
    enum class CardCommit { Saved, HeldInMemory, VotingClosed, WrongOptions, Nothing };
    CardCommit add_card_counts(std::span<const long long> counts);

    // [SECTION] Session
    bool set_group(const SessionGroup& group);  // saves; true when on disk
    bool end_session();                          // status finished, saves; true when on disk
    // Forgets an expired pending vote and retries a failed save when due. Returns true when
    // everything is on disk.
    bool tick(SteadyTime now);

    // [SECTION] Queries for the UI
    const Navigator& navigator() const { return nav_; }
    NavPosition position() const { return nav_.position(); }
    const Step* current_step() const { return nav_.current_step(); }  // nullptr on the summary
    bool at_summary() const { return nav_.at_summary(); }
    const ResolvedWorkshop& workshop() const { return *workshop_; }

    bool current_step_is_poll() const { return current_slot() != kNoPoll; }
    // The current poll as the room may see it: the number of votes always, counts and
    // percentages only after reveal. Empty when the current step is not a poll.
    std::optional<PollView> current_poll(SteadyTime now) const;
    std::size_t poll_count() const { return slots_.size(); }

    // "What changed today" (the summary step): per measure, pre and post under the suppression rule.
    std::vector<MeasureChange> what_changed_today() const;
    bool summary_suppression_overridden() const { return record_.summary_suppression_override; }

    const SaveStatus& save_status() const { return store_.status(); }
    bool all_saved() const { return store_.status().on_disk; }  // false: warn before quitting
    std::filesystem::path session_file() const { return store_.path_for(record_); }
    const SessionRecord& record() const { return record_; }
    bool finished() const { return record_.status == SessionStatus::Finished; }
    BallotMode ballot_mode() const { return ballot_.mode(); }
    const SuppressionRule& suppression_rule() const { return options_.suppression; }

    // The next moment something changes without input (cooldown end, void window end, save
    // retry), for the idle loop's wait timeout. Empty when nothing is scheduled.
    std::optional<SteadyTime> next_deadline(SteadyTime now) const;

private:
    static constexpr std::size_t kNoPoll = static_cast<std::size_t>(-1);

    struct PollSlot {
        const PollDef* def = nullptr;
        std::string pack;
        std::size_t record_index = 0;  // into record_.polls
        PollTally tally;
        bool suppression_override = false;
    };

    WorkshopSession(const Library& library, const ResolvedWorkshop& workshop, SessionStore store,
                    WorkshopSessionOptions options);
    // Lists every poll step of the workshop (one slot per distinct pack + poll id).
    void build_slots();
    std::size_t current_slot() const;
    std::vector<std::size_t> current_group() const;  // slots of the current step's ballot (1 for a poll)
    std::vector<PollTally*> group_tallies(const std::vector<std::size_t>& group);
    PollView poll_view_of(std::size_t slot, SteadyTime now) const;
    void after_move();
    void sync_record();
    bool save();

    const ResolvedWorkshop* workshop_;
    Navigator nav_;
    SessionRecord record_;
    SessionStore store_;
    WorkshopSessionOptions options_;
    Ballot ballot_;
    std::vector<PollSlot> slots_;
    // slot_of_step_[module][step]: poll slot of that step, or kNoPoll.
    std::vector<std::vector<std::size_t>> slot_of_step_;
    // Questionnaire ballots in progress on the current step, one per voting place.
    std::map<VoterDevice, QuestionnaireProgress> progress_;
    int abandoned_ = 0;
};

struct ResumedSession {
    WorkshopSession session;
    std::string note;  // set when resumed with a caveat (e.g. position reset)
};

// The settings (ballot mode, cooldown) of the pack that defines `workshop`; defaults when absent.
PackSettings workshop_pack_settings(const Library& library, const ResolvedWorkshop& workshop);

}  // namespace upstander
