#pragma once
// The programme file: one per one-to-one programme, the contract between the kiosk and the report
// (format in the README, "Programme files"). Pseudonymous by construction: the programme code,
// categories chosen from fixed lists (audience, referral route, whether a person harmed takes part),
// the day of each session, which sessions were completed, and the answers to the paired scale. No
// names, no free text, no time of day, no answers to the person harmed's questions.
//
// Without a partnership key the kiosk writes the whole record to "programme-<code>.json" under the
// data folder (atomic and durable, as session files). With a key (config "programme_public_key") it
// writes each session's part sealed to that key, under a random file name, and keeps locally only
// what resuming needs (see programme_store.hpp).

#include "content.hpp"
#include "enum_names.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace upstander {

inline constexpr const char* kProgrammeFormat = "upstander-programme";
inline constexpr const char* kSealedFormat = "upstander-sealed";
inline constexpr int kProgrammeSchemaVersion = 1;
inline constexpr std::uintmax_t kMaxProgrammeFileBytes = 1024u * 1024u;

enum class ReferralRoute { Police, YouthOffendingTeam, School, ChildrensSocialCare, Probation, FamilyOrSelf, Other };
enum class ProgrammeStatus { Open, Completed, Stopped };

template <>
struct EnumNames<ReferralRoute> {
    static constexpr std::array<std::pair<ReferralRoute, std::string_view>, 7> names{
        {{ReferralRoute::Police, "police"},
         {ReferralRoute::YouthOffendingTeam, "youth-offending-team"},
         {ReferralRoute::School, "school"},
         {ReferralRoute::ChildrensSocialCare, "childrens-social-care"},
         {ReferralRoute::Probation, "probation"},
         {ReferralRoute::FamilyOrSelf, "family-or-self"},
         {ReferralRoute::Other, "other"}}};
};
template <>
struct EnumNames<ProgrammeStatus> {
    static constexpr std::array<std::pair<ProgrammeStatus, std::string_view>, 3> names{
        {{ProgrammeStatus::Open, "open"}, {ProgrammeStatus::Completed, "completed"}, {ProgrammeStatus::Stopped, "stopped"}}};
};
inline const char* to_string(ReferralRoute r) { return enum_name(r); }
inline const char* to_string(ProgrammeStatus s) { return enum_name(s); }
// "Youth offending team", ... for screens and reports.
const char* referral_route_label(ReferralRoute r);

struct ProgrammeSessionEntry {
    int number = 1;          // 1-based
    std::string date;        // YYYY-MM-DD, the day it was delivered (started)
    bool completed = false;  // every step was gone through and the session was ended
};

// One item of the paired scale: the option ids chosen before (first session) and after (last
// session); "" when not (yet) answered or skipped.
struct ProgrammeScaleAnswer {
    std::string measure;
    PollIntended intended = PollIntended::None;
    std::string pre;
    std::string post;
};

struct ProgrammeRecord {
    int schema_version = kProgrammeSchemaVersion;
    std::string code;              // canonical programme code (programme_code.hpp)
    std::string programme_id;
    std::string programme_title;
    std::string pack_id;
    std::string pack_version;
    std::string app_version;
    int session_count = 0;         // sessions of the programme when it was started
    Audience audience = Audience::Under18;
    ReferralRoute route = ReferralRoute::Other;
    bool person_harmed_taking_part = false;
    ProgrammeStatus status = ProgrammeStatus::Open;
    std::vector<ProgrammeSessionEntry> sessions;  // by number; only sessions that were started
    std::vector<ProgrammeScaleAnswer> scale;
    // Kiosk only: where the session in progress stopped (session 0 = none in progress).
    int position_session = 0;
    int position_module = 0;
    int position_step = 0;
    int position_consequence = -1;
    int position_question = 0;     // restorative questions: the question shown
    // Kiosk only: the impact maps of the session in progress, so a resumed session shows them as
    // they were: "session/module/step" -> category id -> ripple (0 = innermost). Categories only.
    std::map<std::string, std::map<std::string, int>> impact_maps;
    // Sealed programmes, kiosk's local copy only: the file each session's sealed part is written to.
    std::vector<std::string> sealed_parts;  // index = session number - 1; "" when none yet

    int sessions_completed() const;
    bool all_sessions_completed() const { return session_count > 0 && sessions_completed() >= session_count; }
    std::string start_date() const;  // the first session's date, or ""
    ProgrammeSessionEntry* find_session(int number);
    const ProgrammeSessionEntry* find_session(int number) const;
    ProgrammeScaleAnswer* find_measure(const std::string& measure);
};

std::string programme_to_string(const ProgrammeRecord& r);

struct ProgrammeParseResult {
    std::optional<ProgrammeRecord> record;
    std::string error;        // plain words, with the JSON pointer of the first problem
    bool not_programme = false;  // valid JSON that is not a programme file
};
ProgrammeParseResult programme_from_string(const std::string& text);

// "programme-<code>.json"
std::string programme_file_name(const std::string& code);

// [SECTION] Sealed files
// A sealed file is a small JSON envelope: {"format": "upstander-sealed", "schema_version": 1,
// "contents": "upstander-programme", "public_key": "<base64>", "sealed": "<base64 of crypto_box_seal
// output>"}. Core only reads and writes the envelope; sealing itself is in src/seal (libsodium).
struct SealedEnvelope {
    std::string contents;     // what is inside: "upstander-programme"
    std::string public_key;   // base64 of the key it is sealed to (names the key needed)
    std::string sealed;       // base64 of the sealed bytes
};
std::string sealed_envelope_to_string(const SealedEnvelope& e);
// nullopt when the text is not a sealed envelope.
std::optional<SealedEnvelope> parse_sealed_envelope(const std::string& text);

// The part of a record that session `number`'s sealed file holds: the programme's categories and
// status, that session's entry, and the answers given in it (pre answers in session 1, post answers
// in the last). Kiosk positions and the local file names are left out.
ProgrammeRecord sealed_part(const ProgrammeRecord& r, int number);

// Merges copies and sealed parts of one programme (same code): every session entry (a session
// completed in any copy is completed), the answers from whichever copy has them, and the furthest
// status (completed or stopped over open).
void merge_programme(ProgrammeRecord& into, const ProgrammeRecord& other);

}  // namespace upstander
