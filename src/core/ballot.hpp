#pragma once
// Questionnaire ballots and the places a vote comes from.
//
//  - Ballot groups: consecutive poll steps of a module that say "ballot": "together" are answered
//    in one visit (content/FORMAT.md). The first poll of a group is the step the facilitator sees;
//    the others are never shown as steps of their own (navigation skips them).
//  - VoterDevice: the projector's own screen, a booth window or a handset. Each has its own
//    cooldown and its own questionnaire in progress.
//  - QuestionnaireProgress: one pupil's answers so far, in memory only, until Done counts them
//    all in one save (WorkshopSession::ballot_done). Nothing of it reaches the file but counters.
// Plain data, no clock: every call takes `now`. Main-thread only.

#include "content.hpp"
#include "steady_time.hpp"

#include <chrono>
#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace upstander {

// [SECTION] Ballot groups

inline constexpr std::size_t kMaxBallotQuestions = 12;
inline constexpr std::chrono::seconds kDefaultBallotAbandon{45};

// True when step `index` of `module` is a poll that says "ballot": "together".
bool ballot_together(const Module& module, std::size_t index);
// The steps of the ballot group that starts at `index`: every poll of a group of two or more, or
// just `index` for an ordinary poll. Empty when `index` is not a poll or not the group's first poll.
std::vector<std::size_t> ballot_group_at(const Module& module, std::size_t index);
// True for the second and later polls of a group of two or more (navigation skips them).
bool inside_ballot_group(const Module& module, std::size_t index);
// The first step of the group that `index` belongs to (`index` itself when it is not inside one).
std::size_t ballot_group_start(const Module& module, std::size_t index);

// [SECTION] Where a vote comes from

enum class DeviceKind { Screen, Booth, Handset };

struct VoterDevice {
    DeviceKind kind = DeviceKind::Screen;
    int number = 0;  // booths and handsets count from 1; the screen is 0
    auto operator<=>(const VoterDevice&) const = default;
};

inline VoterDevice screen_device() { return {}; }
inline VoterDevice booth_device(int n) { return {DeviceKind::Booth, n}; }
inline VoterDevice handset_device(int n) { return {DeviceKind::Handset, n}; }
// "Projector screen", "Booth 2", "Handset 3".
std::string device_label(VoterDevice d);

// [SECTION] One pupil's questionnaire in progress

class QuestionnaireProgress {
public:
    QuestionnaireProgress() = default;
    explicit QuestionnaireProgress(std::size_t questions) : answers_(questions) {}

    std::size_t questions() const { return answers_.size(); }
    std::size_t question() const { return question_; }        // 0-based, the one on screen
    bool on_last() const { return question_ + 1 == answers_.size(); }
    bool started() const { return last_input_.has_value(); }
    bool complete() const;                                     // every question answered
    std::optional<int> answer(std::size_t q) const { return q < answers_.size() ? answers_[q] : std::nullopt; }
    const std::vector<std::optional<int>>& answers() const { return answers_; }

    // Records the answer to the question on screen and moves on to the next (stays on the last).
    void answer_current(int option, SteadyTime now);
    bool back(SteadyTime now);   // false on question 1
    void reset();                // question 1, no answers (after Done, abandon or unplugging)
    // True when a started ballot has had no input for `after` (it should be abandoned).
    bool idle_for(std::chrono::milliseconds after, SteadyTime now) const;
    std::optional<SteadyTime> abandon_at(std::chrono::milliseconds after) const;

private:
    std::vector<std::optional<int>> answers_;
    std::size_t question_ = 0;
    std::optional<SteadyTime> last_input_;
};

// [SECTION] What a voting place shows of its ballot

// What the pupil at one voting place may see of the ballot on the current step. `answer` is that
// place's own earlier answer to the question on screen (after Back): only a private screen (a
// booth) draws it; the projector never does.
struct BallotView {
    std::size_t question = 0;        // 0-based: "Question {question + 1} of {questions}"
    std::size_t questions = 0;
    const PollDef* poll = nullptr;   // the question on screen
    std::optional<int> answer;
    bool started = false;            // at least one answer given
    bool can_done = false;           // every question answered: Done counts the ballot
    bool accepting = false;          // voting open (not closed, revealed or finished)
    bool cooling_down = false;       // this place's last ballot was counted a moment ago
    long long ballots = 0;           // ballots counted on this questionnaire so far (all places)
};

// What happened to one answer (an answer is never counted until Done).
enum class BallotInput { Answered, IgnoredCooldown, NotArmed, VotingClosed, InvalidOption };

}  // namespace upstander
