#pragma once
// The rules of the session setup screen (group label, format, audience, number of people), kept
// here so that the screen, the command line and the tests share them. The messages are the ones
// the setup screen shows.

#include "error.hpp"
#include "session_file.hpp"

#include <string_view>

namespace upstander {

inline constexpr std::size_t kMaxGroupLabelBytes = 80;
inline constexpr long long kMinHeadcount = 1;
inline constexpr long long kMaxHeadcount = 10000;

inline constexpr const char* kGroupLabelMissingMessage =
    "Please give the group a label, such as \xE2\x80\x9CYear 9 group B\xE2\x80\x9D.";
inline constexpr const char* kGroupLabelTooLongMessage = "Please use a shorter label (80 characters at most).";
inline constexpr const char* kHeadcountMessage = "The number of people should be between 1 and 10000, or left empty.";

// The group as typed on the setup screen. The label loses spaces at either end and must then hold
// 1 to 80 bytes. The headcount is empty (not given) or digits only, 1 to 10000: anything else
// ("1.5", "30.", "-3", "+4", " 12", "1e3") is refused with kHeadcountMessage, never read as a number.
Result<SessionGroup> parse_session_group(std::string_view label, GroupFormat format, Audience audience,
                                         std::string_view headcount_text);

}  // namespace upstander
