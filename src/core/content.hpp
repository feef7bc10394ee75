#pragma once
// The content model: what a loaded content pack contains. Plain data, filled in by the pack
// loader (pack_loader.hpp) and read by navigation, polls, the UI and the tools.
// The on-disk format is documented in content/FORMAT.md; keep the two in step.

#include "enum_names.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace upstander {

// [SECTION] Rich text
// A text body is a list of blocks. Each block is a paragraph or a bullet; inline **bold** is split
// into spans so the UI can draw it without re-parsing.
struct TextSpan {
    std::string text;
    bool bold = false;
};

struct TextBlock {
    enum class Kind { Paragraph, Bullet };
    Kind kind = Kind::Paragraph;
    std::vector<TextSpan> spans;
};

using RichText = std::vector<TextBlock>;

// [SECTION] Polls
enum class PollKind { Single, Likert, YesNo };
enum class PollPhase { None, Pre, Post };
enum class LikertStyle { Words, Faces };
// The answer a change should move towards, for the paired scale of one-to-one programmes.
enum class PollIntended { None, Agree, Disagree };

struct PollOption {
    std::string id;
    std::string label;
};

struct PollDef {
    std::string id;          // unique within its pack
    std::string question;
    PollKind kind = PollKind::Single;
    LikertStyle style = LikertStyle::Words;
    std::vector<PollOption> options;  // filled for every kind (likert and yes-no get their fixed options)
    std::string measure;              // construct id, empty when the poll is not part of a pre/post pair
    PollPhase phase = PollPhase::None;
    // "ballot": "together": answered in one visit with the neighbouring polls that say so too (a
    // questionnaire ballot, src/core/ballot.hpp). A lone "together" poll is an ordinary poll.
    bool ballot_together = false;
    PollIntended intended = PollIntended::None;  // likert polls with a measure only
};

// [SECTION] Steps
enum class StepType {
    Title, Text, Image, Discussion, Video, Poll, Choice, Consequence,
    ImpactMap, RestorativeQuestions, HarmedQuestions  // one-to-one programmes (FORMAT.md)
};

struct VideoDef {
    std::filesystem::path src;       // absolute, inside the pack folder
    std::filesystem::path captions;  // absolute sidecar .vtt/.srt, empty when none
    bool autoplay = false;
    bool loop = false;
    double start_seconds = 0.0;
    std::optional<double> end_seconds;
    std::string content_warning;     // non-empty: facilitator must confirm before playing
    bool sample = false;             // its sidecar NAME.clip.json says "sample": true (made to try Upstander
                                     // out; the presenter asks for the partnership's own footage)
};

struct ImageDef {
    std::filesystem::path src;  // absolute, inside the pack folder
    std::string alt;
    std::string caption;
};

struct Step;

// An impact map: categories of people placed on ripples around what happened.
struct ImpactCategory {
    std::string id;
    std::string label;
};

struct ImpactMapDef {
    std::string centre;                     // the words in the middle
    std::vector<std::string> ripples;       // 2-4 labels, inner first
    std::vector<ImpactCategory> categories; // 2-12
};

// One question of a restorative_questions step; prompts are for the practitioner only.
struct RestorativeQuestion {
    std::string question;
    std::vector<std::string> prompts;
};

// One option of a scenario "what would you do?" step. Choosing it shows its consequence step.
struct ChoiceDef {
    std::string label;
    std::vector<Step> consequence;  // exactly one element (a Step of type Consequence)
};

struct Step {
    StepType type = StepType::Text;
    std::string id;                 // optional in the file; generated as "<module>#<index>" when absent
    std::string heading;            // title text for Title steps
    std::string subtitle;           // Title steps only
    RichText body;                  // Text, Consequence, Choice (the situation), Image (optional)
    std::vector<std::string> prompts;     // Discussion
    std::optional<int> timer_seconds;     // Discussion countdown
    std::optional<ImageDef> image;        // Image
    std::optional<VideoDef> video;        // Video
    std::optional<PollDef> poll;          // Poll
    std::vector<ChoiceDef> choices;       // Choice
    std::optional<ImpactMapDef> impact_map;          // ImpactMap
    std::vector<RestorativeQuestion> questions;      // RestorativeQuestions (the standard script when not written)
    std::string letter_heading;                      // HarmedQuestions
    std::string facilitator_notes;        // may contain blank-line separated paragraphs
    std::string source_file;              // module file the step came from (for messages)
    std::string source_pointer;           // JSON pointer of the step in that file
};

// [SECTION] Modules, workshops, packs
enum class ModuleType { Topic, CaseStudy, Scenario };

struct Module {
    std::string id;         // unique within its pack
    std::string pack_id;
    ModuleType type = ModuleType::Topic;
    std::string title;
    std::string summary;
    std::vector<Step> steps;
    std::filesystem::path file;
};

enum class Audience { Unspecified, Under18, Adult, Mixed };

struct WorkshopDef {
    std::string id;             // unique across all loaded packs
    std::string pack_id;
    std::string title;
    std::string description;
    int duration_minutes = 0;
    Audience audience = Audience::Unspecified;
    std::vector<std::string> module_refs;  // as written: "module-id" or "other-pack/module-id"
};

// A one-to-one programme: sessions delivered to one person, each a list of modules.
struct ProgrammeSessionDef {
    std::string title;
    std::string description;
    int duration_minutes = 0;
    std::vector<std::string> module_refs;  // as in WorkshopDef
};

struct ProgrammeDef {
    std::string id;             // unique across loaded workshops and programmes
    std::string pack_id;
    std::string title;
    std::string description;
    Audience audience = Audience::Unspecified;  // Under18 or Adult once loaded
    std::vector<ProgrammeSessionDef> sessions;  // 1-6, numbered from 1
};

enum class BallotMode { Open, Armed };

struct PackSettings {
    bool captions_default = false;
    BallotMode ballot_mode = BallotMode::Open;
    int vote_cooldown_ms = 1500;
    int list_order = 500;   // lower comes first on the title screen (0..1000)
};

struct Pack {
    std::string id;
    std::string title;
    std::string version;      // semver
    std::string language;     // BCP 47, e.g. en-GB
    std::string description;
    std::vector<std::string> authors;
    PackSettings settings;
    std::vector<Module> modules;
    std::vector<WorkshopDef> workshops;
    std::vector<ProgrammeDef> programmes;
    std::filesystem::path dir;  // absolute
};

// [SECTION] Names for enums (one table each: the loader, session files, config, messages and the
// report all spell them from here; see enum_names.hpp)
template <>
struct EnumNames<StepType> {
    static constexpr std::array<std::pair<StepType, std::string_view>, 11> names{
        {{StepType::Title, "title"},
         {StepType::Text, "text"},
         {StepType::Image, "image"},
         {StepType::Discussion, "discussion"},
         {StepType::Video, "video"},
         {StepType::Poll, "poll"},
         {StepType::Choice, "choice"},
         {StepType::Consequence, "consequence"},
         {StepType::ImpactMap, "impact_map"},
         {StepType::RestorativeQuestions, "restorative_questions"},
         {StepType::HarmedQuestions, "harmed_questions"}}};
};
template <>
struct EnumNames<ModuleType> {
    static constexpr std::array<std::pair<ModuleType, std::string_view>, 3> names{
        {{ModuleType::Topic, "topic"}, {ModuleType::CaseStudy, "case_study"}, {ModuleType::Scenario, "scenario"}}};
};
template <>
struct EnumNames<PollKind> {
    static constexpr std::array<std::pair<PollKind, std::string_view>, 3> names{
        {{PollKind::Single, "single"}, {PollKind::Likert, "likert"}, {PollKind::YesNo, "yes-no"}}};
};
template <>
struct EnumNames<PollPhase> {  // PollPhase::None has no name (null in files)
    static constexpr std::array<std::pair<PollPhase, std::string_view>, 2> names{
        {{PollPhase::Pre, "pre"}, {PollPhase::Post, "post"}}};
};
template <>
struct EnumNames<PollIntended> {  // PollIntended::None has no name
    static constexpr std::array<std::pair<PollIntended, std::string_view>, 2> names{
        {{PollIntended::Agree, "agree"}, {PollIntended::Disagree, "disagree"}}};
};
template <>
struct EnumNames<LikertStyle> {
    static constexpr std::array<std::pair<LikertStyle, std::string_view>, 2> names{
        {{LikertStyle::Words, "words"}, {LikertStyle::Faces, "faces"}}};
};
template <>
struct EnumNames<Audience> {  // Audience::Unspecified has no name (null in files)
    static constexpr std::array<std::pair<Audience, std::string_view>, 3> names{
        {{Audience::Under18, "under-18"}, {Audience::Adult, "adult"}, {Audience::Mixed, "mixed"}}};
};
template <>
struct EnumNames<BallotMode> {
    static constexpr std::array<std::pair<BallotMode, std::string_view>, 2> names{
        {{BallotMode::Open, "open"}, {BallotMode::Armed, "armed"}}};
};

inline const char* to_string(StepType t) { return enum_name(t); }
inline const char* to_string(ModuleType t) { return enum_name(t); }
inline const char* to_string(PollKind k) { return enum_name(k); }
inline const char* to_string(PollPhase p) { return enum_name(p); }
inline const char* to_string(LikertStyle s) { return enum_name(s); }
inline const char* to_string(PollIntended i) { return enum_name(i); }
inline const char* to_string(Audience a) { return enum_name(a); }
inline const char* to_string(BallotMode m) { return enum_name(m); }

}  // namespace upstander
