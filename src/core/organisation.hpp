#pragma once
// The organisation of a group session (a school or youth group, never a person): typed once on the
// setup screen, then picked from the list this kiosk remembers (config "organisations").

#include "error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace upstander {

inline constexpr std::size_t kMaxOrganisationBytes = 120;

// Spaces at either end removed; empty means "not given". Longer than kMaxOrganisationBytes, or
// holding a line break or tab, is refused with a message for the setup screen.
Result<std::string> parse_organisation(std::string_view typed);

// `list` with `name` added when it is not there yet (compared without regard to case), sorted, at
// most kMaxOrganisations (config.hpp) names: the oldest additions stay, a new one beyond is not kept.
std::vector<std::string> remember_organisation(std::vector<std::string> list, const std::string& name);

}  // namespace upstander
