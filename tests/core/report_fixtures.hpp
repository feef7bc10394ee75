#pragma once
// Session records built by hand for the report tests (the report model and the hostile-input tests).
// Header-only.

#include "core/session_file.hpp"

#include <optional>
#include <string>

namespace upstander::test {

// A yes/no poll of pack "upstander-core" with these counts.
inline SessionPoll yes_no_poll(const std::string& id, const std::string& measure, PollPhase phase, long long yes, long long no,
                        long long not_sure = 0) {
    SessionPoll p;
    p.id = id;
    p.pack = "upstander-core";
    p.question = "Would you report a hate crime if you saw one?";
    p.kind = PollKind::YesNo;
    p.measure = measure;
    p.phase = phase;
    p.options = {{"yes", "Yes", yes}, {"no", "No", no}, {"not-sure", "Not sure", not_sure}};
    p.total = yes + no + not_sure;
    return p;
}

// A finished under-18 session of workshop "upstander-core" with no polls yet.
inline SessionRecord make_session(const std::string& id, const std::string& date, std::optional<long long> headcount = 20) {
    SessionRecord s;
    s.session_id = id;
    s.date = date;
    s.app_version = "0.1.0";
    s.status = SessionStatus::Finished;
    s.workshop_id = "upstander-core";
    s.workshop_title = "Being an upstander";
    s.group.label = "Year 9";
    s.group.audience = Audience::Under18;
    s.group.headcount = headcount;
    return s;
}

}  // namespace upstander::test
