#pragma once
// The fixed answer scales of likert and yes-no polls, in one place: the loader fills PollDef::options
// from them, and polls, sessions and reports compare against them.

#include "content.hpp"

#include <array>
#include <string_view>
#include <vector>

namespace upstander {

struct FixedPollOption {
    std::string_view id;
    std::string_view label;
};

inline constexpr std::array<FixedPollOption, 5> kLikertOptions{{
    {"strongly-disagree", "Strongly disagree"},
    {"disagree", "Disagree"},
    {"neither", "Neither agree nor disagree"},
    {"agree", "Agree"},
    {"strongly-agree", "Strongly agree"},
}};

inline constexpr std::array<FixedPollOption, 3> kYesNoOptions{{
    {"yes", "Yes"},
    {"no", "No"},
    {"not-sure", "Not sure"},
}};

// Option counts allowed for "single" polls.
inline constexpr int kMinSingleOptions = 2;
inline constexpr int kMaxSingleOptions = 6;

// The options of a likert or yes-no poll; empty for single polls (their options come from the pack).
std::vector<PollOption> fixed_poll_options(PollKind kind);

}  // namespace upstander
