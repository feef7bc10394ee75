#include "session_group.hpp"

#include <algorithm>

namespace upstander {

Result<SessionGroup> parse_session_group(std::string_view label, GroupFormat format, Audience audience,
                                         std::string_view headcount_text) {
    while (!label.empty() && label.back() == ' ') label.remove_suffix(1);
    while (!label.empty() && label.front() == ' ') label.remove_prefix(1);
    if (label.empty()) return Error{kGroupLabelMissingMessage};
    if (label.size() > kMaxGroupLabelBytes) return Error{kGroupLabelTooLongMessage};
    SessionGroup group;
    group.label = std::string(label);
    group.format = format;
    group.audience = audience;
    if (!headcount_text.empty()) {
        long long n = 0;
        for (const char ch : headcount_text) {
            if (ch < '0' || ch > '9') return Error{kHeadcountMessage};
            n = std::min<long long>(n * 10 + (ch - '0'), kMaxHeadcount + 1);  // no overflow on long input
        }
        if (n < kMinHeadcount || n > kMaxHeadcount) return Error{kHeadcountMessage};
        group.headcount = n;
    }
    return group;
}

}  // namespace upstander
