#include "poll_options.hpp"

namespace upstander {

std::vector<PollOption> fixed_poll_options(PollKind kind) {
    std::vector<PollOption> out;
    auto copy = [&out](const auto& fixed) {
        for (const FixedPollOption& o : fixed) out.push_back({std::string(o.id), std::string(o.label)});
    };
    switch (kind) {
        case PollKind::Likert: copy(kLikertOptions); break;
        case PollKind::YesNo: copy(kYesNoOptions); break;
        case PollKind::Single: break;
    }
    return out;
}

}  // namespace upstander
