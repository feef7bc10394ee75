#pragma once
// The one-to-one part of the impact report: programme files (programme_file.hpp) merged by code into
// sessions delivered against the funded target, programmes started, completed and stopped, referrals
// by route and month, and the paired outcomes of completed programmes. Group sessions and their
// measures are never mixed in (report.hpp builds those from session files).
//
// Small numbers: with fewer than kMinCompletedForOutcomes completed programmes no outcome figure is
// given, only counts of sessions and programmes; an item answered both times by fewer than that is
// left out; referral counts of 1 to 4 are shown as "<5".

#include "error.hpp"
#include "programme_file.hpp"
#include "stats_paired.hpp"

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace upstander {

inline constexpr long long kMinCompletedForOutcomes = 5;

// Opens a sealed envelope's contents (src/seal with the secret key); empty = no key given.
using ProgrammeUnsealer = std::function<Result<std::string>(const SealedEnvelope&)>;

struct ProgrammeFileProblem {
    std::string file;
    std::string reason;
};

struct ProgrammeCollection {
    std::vector<ProgrammeRecord> programmes;       // merged by code, sorted by start date then code
    std::vector<std::string> sealed_not_read;      // sealed files read without a key: counted, never opened
    std::vector<ProgrammeFileProblem> problems;    // damaged files, or sealed to another key
    long long files_read = 0;                      // programme and sealed files looked at
    long long copies_merged = 0;                   // files that added to a programme already found
};

// Reads every *.json file under the inputs (recursively; an input may be a single file), keeping
// programme files and sealed files; every other file is left to the session report.
ProgrammeCollection collect_programmes(const std::vector<std::filesystem::path>& inputs, const ProgrammeUnsealer& unseal);

struct ProgrammeItemOutcome {
    std::string measure;
    PollIntended intended = PollIntended::None;
    long long pairs = 0;           // completed programmes with both answers
    long long towards = 0;         // moved towards the intended answer
    long long unchanged = 0;
    long long away = 0;
    bool shown = false;            // pairs >= kMinCompletedForOutcomes
    stats::MeanChange change;      // in points of the five-point scale, positive = towards the intended answer
    stats::SignedRank test;
    std::string sentence;          // plain words
};

struct ReferralCount {
    std::string month;             // YYYY-MM of the programme's first session; "" for the whole period
    ReferralRoute route = ReferralRoute::Other;
    long long count = 0;
};

struct ProgrammeReport {
    std::string from, to;                    // YYYY-MM-DD inclusive; empty = no bound
    std::optional<long long> target_sessions;
    long long sessions_delivered = 0;        // sessions that took place (begun), in the period
    long long sessions_under_18 = 0;
    long long sessions_adult = 0;
    long long sessions_completed = 0;
    long long started = 0;                   // programmes whose first session is in the period
    long long completed = 0;
    long long stopped = 0;
    long long open = 0;
    long long started_under_18 = 0;
    long long started_adult = 0;
    std::vector<ReferralCount> by_route;     // whole period, in route order (every route listed)
    std::vector<ReferralCount> by_month;     // per month and route, non-zero only
    bool outcomes_shown = false;             // completed >= kMinCompletedForOutcomes
    std::vector<ProgrammeItemOutcome> outcomes;
    std::vector<std::string> sealed_not_read;
    std::vector<ProgrammeFileProblem> problems;
    long long files_read = 0;
    std::string headline;                    // "37 of 40 one-to-one sessions, 30 with under-18s"
    std::string outcomes_note;               // why outcomes are not shown, or how to read them
};

ProgrammeReport build_programme_report(ProgrammeCollection collection, const std::string& from, const std::string& to,
                                       std::optional<long long> target_sessions);

// "<5" for 1-4, else the number.
std::string programme_count(long long n);

// Writers (every output of upstander-report includes them).
std::string programme_report_text(const ProgrammeReport& r);
std::string programme_counts_csv(const ProgrammeReport& r);    // section,key,label,value
std::string programme_outcomes_csv(const ProgrammeReport& r);  // one row per scale item
std::string programme_report_html(const ProgrammeReport& r);   // a <section> for the report's HTML
nlohmann::json programme_report_to_json(const ProgrammeReport& r);

}  // namespace upstander
