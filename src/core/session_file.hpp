#pragma once
// The session file: one per workshop run, the contract that the kiosk writes and the impact report
// reads (format in the README, "Session files"). Anonymous by construction: per-option counters
// only, no per-vote records, no time of day, no order. Only the day is stored. Read with the one
// JSON reader (json_reader.hpp).

#include "content.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace upstander {

inline constexpr const char* kSessionFormat = "upstander-session";
inline constexpr int kSessionSchemaVersion = 1;  // bump only when a change breaks old readers
inline constexpr std::uintmax_t kMaxSessionFileBytes = 8u * 1024u * 1024u;  // readers refuse larger files

enum class SessionStatus { InProgress, Finished };
enum class GroupFormat { Group, OneToOne };

template <>
struct EnumNames<SessionStatus> {
    static constexpr std::array<std::pair<SessionStatus, std::string_view>, 2> names{
        {{SessionStatus::InProgress, "in-progress"}, {SessionStatus::Finished, "finished"}}};
};
template <>
struct EnumNames<GroupFormat> {
    static constexpr std::array<std::pair<GroupFormat, std::string_view>, 2> names{
        {{GroupFormat::Group, "group"}, {GroupFormat::OneToOne, "one-to-one"}}};
};
inline const char* to_string(SessionStatus s) { return enum_name(s); }
inline const char* to_string(GroupFormat f) { return enum_name(f); }

struct SessionOption {
    std::string id;
    std::string label;
    long long count = 0;
};

struct SessionPoll {
    std::string id;
    std::string pack;
    std::string question;
    PollKind kind = PollKind::Single;
    std::string measure;                 // empty = null in the file
    PollPhase phase = PollPhase::None;   // None = null in the file
    std::vector<SessionOption> options;
    long long total = 0;                 // always the sum of the option counts
    // Kiosk state, kept so a crashed session resumes where it was (readers may ignore these).
    bool closed = false;
    bool revealed = false;
    bool suppression_override = false;   // facilitator chose to show percentages under the threshold
};

struct SessionPackRef {
    std::string id;
    std::string version;
};

struct SessionGroup {
    std::string label;
    GroupFormat format = GroupFormat::Group;
    Audience audience = Audience::Unspecified;
    std::optional<long long> headcount;
    // The school or youth group (never a person); empty = not given (null in the file). Older
    // readers ignore the field.
    std::string organisation;
};

struct SessionRecord {
    int schema_version = kSessionSchemaVersion;
    std::string session_id;   // random 128-bit, 32 lower-case hex digits
    std::string date;         // YYYY-MM-DD
    std::string app_version;
    SessionStatus status = SessionStatus::InProgress;
    std::string workshop_id;
    std::string workshop_title;
    std::vector<SessionPackRef> packs;
    SessionGroup group;
    std::vector<SessionPoll> polls;
    // Resume position (kiosk only): module/step/consequence as in NavPosition.
    int position_module = 0;
    int position_step = 0;
    int position_consequence = -1;
    bool summary_suppression_override = false;  // same as SessionPoll's, for "What changed today"

    SessionPoll* find_poll(const std::string& pack, const std::string& id);
    const SessionPoll* find_poll(const std::string& pack, const std::string& id) const;
};

// Serialise to the file format (pretty-printed, stable key order, UTF-8). Always writes the current
// schema_version. Invalid UTF-8 in a text field is replaced with U+FFFD rather than failing the save.
std::string session_to_string(const SessionRecord& s);
nlohmann::json session_to_json(const SessionRecord& s);

// Why a text was not read. The session store moves NotJson and Invalid files aside as corrupt; it
// leaves NotSession files (some other JSON) and NewerVersion files (from a newer Upstander) alone.
enum class SessionParseError { None, NotJson, NotSession, NewerVersion, Invalid };

struct SessionParseResult {
    std::optional<SessionRecord> session;
    std::string error;  // plain words, naming the JSON pointer when it is a field problem
    SessionParseError kind = SessionParseError::None;
};

// Reads every schema_version from 1 up to kSessionSchemaVersion (older documents are upgraded in
// steps to the current shape before they are read). Rejects newer versions with a message asking
// for a newer Upstander. Checks that totals equal the sum of counts, counts are non-negative,
// ids are present, poll ids (per pack) and option ids (per poll) are unique, and the date is a
// real calendar day.
SessionParseResult session_from_string(const std::string& text);

// A new random session id (32 hex digits from std::random_device).
std::string new_session_id();

}  // namespace upstander
