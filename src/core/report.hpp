#pragma once
// The impact report model: session files from many kiosks merged into participation figures and
// per-measure before/after statistics, with small-number suppression applied to everything shown.
// Used by tools/upstander-report and the kiosk's Impact screen; the exporters (CSV, HTML, JSON,
// text) are in report_export.hpp. Plain data and pure functions: no UI, no globals.
//
// How to use:
//   SessionCollection found = collect_sessions({"/media/usb/sessions", "/srv/share"});
//   Report report = build_report(std::move(found), filter, target);
// Nothing here throws for bad input: unreadable or invalid files are listed in the collection.

#include "session_group.hpp"  // kMaxHeadcount: the setup screen's limit
#include "poll.hpp"
#include "session_file.hpp"
#include "stats.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace upstander {

struct ProgrammeReport;  // programme_report.hpp: the one-to-one programmes, kept apart from group figures

// [SECTION] Small-number suppression
// Counts from 1 to 4 are never published (shown as "<5"), no percentage is given for such a cell
// or for a group of fewer than 5, and a session with fewer than 5 votes on a poll is left out of
// per-session tables (but counted in the pooled totals).
inline constexpr long long kSuppressBelow = 5;

enum class Disclosure {
    Shown,       // publish the number
    Suppressed,  // 1-4: shown as "<5"
    Secondary,   // a larger cell hidden so that a "<5" cell cannot be worked out from the total: "[c]"
};

// True for 1..4 (0 is published: it identifies no one's answer beyond what the total shows).
bool is_small_count(long long count);

// Disclosure for each cell of one distribution whose total is published: 1-4 is suppressed, and when
// exactly one cell is suppressed the smallest other non-zero cell is hidden too (secondary
// suppression), so that the total minus the visible cells does not give the hidden count away.
std::vector<Disclosure> disclose_cells(const std::vector<long long>& counts);

// "<5", "[c]" or the number (with thousands separators when `grouped`).
std::string format_count(long long count, Disclosure d, bool grouped = true);

// Disclosure for one poll's distribution when an "agree" count (the sum of the agree options) is
// published too. On top of disclose_cells, each of the two groups (agree options, the rest) must
// have no hidden cell or at least two, or the group sum would give a hidden cell away; `agree`
// says whether the agree count (and so the share) may be shown: not when it or the remainder is
// 1-4 ("<5"), nor when a group cannot be protected ("[c]").
struct PollDisclosure {
    std::vector<Disclosure> cells;
    Disclosure agree = Disclosure::Shown;
};
PollDisclosure disclose_poll(const std::vector<long long>& counts, const std::vector<bool>& is_agree);
// Which options agree: is_agree_option() in poll.hpp (the kiosk's "What changed today" uses the same rule).

// A percentage may be shown only for a published cell in a group of at least 5.
bool percent_allowed(long long count, long long group_total, Disclosure d);

// [SECTION] Finding and merging session files

struct SkippedFile {
    std::string file;
    std::string reason;  // what is wrong and, where possible, what to do
};

struct LoadedSession {
    SessionRecord record;
    std::string file;  // the copy that was used
};

// A session_id found in more than one file.
struct DuplicateSession {
    std::string session_id;
    std::vector<std::string> files;  // every copy, in path order
    std::string kept;                // the file that was used; empty when rejected
    bool copies_differ = false;      // false: identical copies, counted once
    // The copies disagree about what session this was (its date, workshop or headcount), so no
    // vote count can say which one is right: none is counted, and each copy is in `excluded`.
    bool rejected = false;
    std::string explanation;         // one sentence for the report
};

// [SECTION] Plausibility
// A session file can claim anything; these are the bounds of what a kiosk could have written.
inline constexpr const char* kEarliestSessionDate = "2000-01-01";

// A session (one copy of it) that is read but not counted, with the reason: copies that disagree
// about the session's identity, or values no kiosk could have written. Every output lists these.
struct ExcludedSession {
    SessionRecord record;
    std::string file;
    std::string reason;  // what is wrong and what to do
};

// Why a session may not be counted: a headcount above kMaxHeadcount, a date before
// kEarliestSessionDate or after the day after `today` (YYYY-MM-DD, the day the report is made;
// empty: no upper bound). Returns an empty string for a plausible session.
std::string implausible_session_reason(const SessionRecord& record, std::string_view today);

struct SessionCollection {
    std::vector<LoadedSession> sessions;        // one per session_id, sorted by date then id
    std::vector<SkippedFile> problems;          // unreadable files and invalid session files
    std::vector<std::string> ignored;           // valid JSON that is not a session file (e.g. pack.json)
    std::vector<DuplicateSession> duplicates;
    std::vector<ExcludedSession> excluded;      // copies rejected because they disagree (see DuplicateSession)
    long long files_read = 0;                   // *.json files looked at
};

// Reads every *.json file under each input folder, recursively (an input may also be a single
// file). Unreadable and invalid files are listed, never fatal. Sessions are merged by session_id:
// identical copies count once; when copies differ only in their votes or status, the one with more
// votes in total wins (then a finished one over an in-progress one, then the first by file name),
// and the collection says so; when they disagree about the date, workshop or headcount, none is
// counted and every copy is listed in `excluded`.
// `threads` = 0 uses up to two reader threads (the report runs on shared classroom laptops).
SessionCollection collect_sessions(const std::vector<std::filesystem::path>& inputs, unsigned threads = 0);

// The merge step on its own, for sessions already in memory (collect_sessions calls it).
SessionCollection merge_sessions(std::vector<LoadedSession> copies);

// [SECTION] The report
struct ReportFilter {
    std::string from;         // YYYY-MM-DD inclusive, empty = no lower bound
    std::string to;           // YYYY-MM-DD inclusive, empty = no upper bound
    std::string workshop_id;  // empty = every workshop
};

// Checks a date given by a user ("YYYY-MM-DD"); returns an error message or an empty string.
std::string check_report_date(const std::string& date, const char* what);

// What may be published of one session's poll (decided by build_report; the writers only format it).
struct SessionPollDisclosure {
    bool listed = false;             // 5 votes or more: its answers appear in per-session tables
    std::vector<Disclosure> cells;   // per option, aligned with SessionPoll::options (empty when not listed)
};

struct ReportSession {
    SessionRecord record;
    std::string file;
    long long participants = 0;  // the headcount, or the largest poll total when there is none
    bool estimated = false;      // true when participants came from poll totals
    std::vector<SessionPollDisclosure> polls;  // aligned with record.polls
};

struct BreakdownRow {
    std::string key;    // "group", "under-18", "2024-03", ...
    std::string label;  // "Group sessions", "Under 18", "March 2024", ...
    long long sessions = 0;
    long long participants = 0;
    long long estimated_participants = 0;  // the part of `participants` that is an estimate
};

struct MeasureOption {
    std::string id;
    std::string label;
    long long before = 0;
    long long after = 0;
    bool agree = false;  // counted in the share agreeing
};

struct MeasureSessionRow {
    std::size_t session = 0;  // index into Report::sessions
    long long before_total = 0;
    long long before_agree = 0;
    long long after_total = 0;
    long long after_agree = 0;
    std::vector<long long> before_counts;  // per option, aligned with MeasureReport::options
    std::vector<long long> after_counts;
    Disclosure before_agree_disclosure = Disclosure::Shown;
    Disclosure after_agree_disclosure = Disclosure::Shown;
    bool before_share_shown = false;  // the agree share may be printed beside the count
    bool after_share_shown = false;
};

struct MeasureReport {
    std::string measure;   // the construct id shared by the pre and post polls
    PollKind kind = PollKind::Single;
    std::string question;  // as asked before (the first session's wording)
    std::vector<MeasureOption> options;  // pooled over the compared sessions, in scale order
    long long sessions_compared = 0;     // sessions with answers both before and after
    long long sessions_one_phase = 0;    // sessions with answers in only one phase: not pooled
    long long before_total = 0;
    long long after_total = 0;

    bool enough_answers = false;  // both totals >= 5: results may be shown
    bool has_agree = false;       // likert (top two points) and yes-no (Yes); not single choice, and
                                  // not when the measure cannot be computed (below)
    // False when answers were given to options the scale does not have (ids the report does not
    // recognise): whether those people agreed is unknown, so no share, change, test or mean is
    // given, and `not_computable_reason` (also in the sentence) says why.
    bool computable = true;
    std::string not_computable_reason;
    long long before_agree = 0;
    long long after_agree = 0;
    // No shares, change or CI may be shown: an agree / not-agree count is 1-4, or showing it would
    // reveal a hidden option count (see disclose_poll).
    bool shares_hidden = false;
    std::vector<Disclosure> before_cells;  // disclosure of options[k].before / .after
    std::vector<Disclosure> after_cells;
    std::vector<bool> before_share_shown;  // options[k]'s share of the total may be printed
    std::vector<bool> after_share_shown;
    Disclosure before_total_disclosure = Disclosure::Shown;
    Disclosure after_total_disclosure = Disclosure::Shown;
    Disclosure before_agree_disclosure = Disclosure::Shown;  // the pooled agree counts
    Disclosure after_agree_disclosure = Disclosure::Shown;
    bool cells_hidden = false;  // some option count is hidden: the exact U is not published either
    stats::ProportionComparison agree;  // Newcombe CI and pooled z-test for after - before
    stats::Interval before_ci;          // Wilson 95% intervals for each share (chart whiskers)
    stats::Interval after_ci;
    bool fisher_used = false;  // a cell of the 2x2 table is under 5
    double fisher_p = 0.0;
    double p_value = 0.0;       // the headline test: Fisher when used, otherwise the z-test
    std::string test_name;      // "two-proportion z-test" or "Fisher's exact test"

    bool likert = false;  // a five-point scale with its mean and Mann-Whitney test (not when not computable)
    stats::MannWhitney mann_whitney;  // after vs before; U is for "after"
    double mean_before = 0.0;         // 1 = strongly disagree ... 5 = strongly agree
    double mean_after = 0.0;

    std::vector<MeasureSessionRow> session_rows;  // sessions with >= 5 votes on both polls
    long long sessions_not_listed = 0;            // compared sessions left out of session_rows

    std::string sentence;            // plain English, never claims more than the data show
    std::vector<std::string> notes;  // caveats about this measure (mixed wording, unknown options)
};

struct Report {
    ReportFilter filter;
    std::optional<long long> target_participants;

    // Inputs
    long long files_read = 0;
    std::vector<SkippedFile> problems;
    std::vector<std::string> ignored;
    std::vector<DuplicateSession> duplicates;
    std::vector<ExcludedSession> excluded;  // read but not counted: conflicting copies, implausible values
    long long sessions_found = 0;          // unique sessions before filtering
    long long sessions_filtered_out = 0;

    // Participation
    std::vector<ReportSession> sessions;   // after filtering, by date then id
    long long participants = 0;
    long long estimated_participants = 0;  // part of participants taken from poll totals
    long long sessions_estimated = 0;
    long long one_to_one_sessions = 0;
    std::string first_date, last_date;
    std::vector<BreakdownRow> by_format;
    std::vector<BreakdownRow> by_audience;
    std::vector<BreakdownRow> by_month;
    // Schools reached: participation by the group's organisation ("" = not given, listed last).
    std::vector<BreakdownRow> by_organisation;
    // One-to-one programmes (from programme files), when the caller collected them; every output
    // includes them. Never mixed into the figures above.
    std::shared_ptr<const ProgrammeReport> programmes;

    std::vector<MeasureReport> measures;   // by measure id

    // The Impact screen's wording: "132 people took part in 6 sessions, 2024-01-10 to 2024-03-02."
    // (or that there are none yet), then one line per format and audience.
    std::string headline;
    std::vector<std::string> headline_details;
};

// `today` (YYYY-MM-DD) is the day the report is made, for the plausibility of session dates
// (implausible_session_reason); the caller reads the clock (local_date_today()), the rule does not.
Report build_report(SessionCollection collection, const ReportFilter& filter,
                    std::optional<long long> target_participants = std::nullopt, std::string_view today = {});

// [SECTION] Wording shared by every output
std::string format_grouped(long long n);             // 1389 -> "1,389"
std::string format_p_value(double p);                // "p < 0.001", "p = 0.03"
std::string format_percent(double share);            // 0.412 -> "41%"
std::string format_points(double difference);        // 0.37 -> "+37", -0.05 -> "−5"
std::string month_label(const std::string& year_month);  // "2024-03" -> "March 2024"
std::vector<std::string> method_notes();             // the method note, one paragraph each

// [SECTION] JSON
nlohmann::json report_to_json(const Report& report);
// report_to_json as the text of a .json file (indented, newline at the end). Text that is not valid
// UTF-8 (a file name with stray bytes, say) is written with U+FFFD in its place rather than failing.
std::string report_json_text(const Report& report);

}  // namespace upstander
