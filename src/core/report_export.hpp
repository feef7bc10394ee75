#pragma once
// Writers for the impact report (report.hpp): plain-text summary, CSV (RFC 4180, CRLF, UTF-8 with a
// byte-order mark so spreadsheets pick the encoding), one self-contained printable HTML file, and
// JSON. All of them apply the small-number suppression rules; the exact rules for the CSV are in
// tools/upstander-report/README.md. Every function returns the whole file as a string.

#include "report.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace upstander {

// One field for a CSV row: quoted when it holds a comma, quote, CR or LF (quotes doubled). Text
// that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
// apostrophe, the usual defence against CSV injection; numbers are never changed.
std::string csv_text_field(const std::string& text);

// One row per session x poll x option (sessions with fewer than 5 votes on a poll leave that poll
// out; counts 1-4 are "<5" and the cell protecting them "[c]"):
// session_id,date,workshop_id,group_label,audience,headcount,poll_id,measure,phase,option_id,
// option_label,count,total
std::string report_sessions_csv(const Report& report);

// One row per measure with the pooled results and the statistics.
std::string report_summary_csv(const Report& report);

// Where the summary CSV goes: "-summary" before the extension (impact.csv -> impact-summary.csv).
std::filesystem::path summary_csv_path(const std::filesystem::path& csv_path);

// "-organisations" (or another suffix) before the extension of a CSV path.
std::filesystem::path suffixed_csv_path(const std::filesystem::path& csv_path, const std::string& suffix);

// Schools reached: one row per organisation (sessions, participants, share of the participation target).
std::string report_organisations_csv(const Report& report);

// The whole report as one HTML file: inline CSS and SVG, no scripts, fonts or links to fetch.
std::string report_html(const Report& report);

// The summary printed by upstander-report (and shown on the kiosk's Impact screen).
std::string report_text(const Report& report);

// Text for a terminal: control characters (C0 including CR, LF and ESC, DEL, the C1 range
// U+0080-U+009F, and the bidirectional overrides U+202A-U+202E and U+2066-U+2069) and bytes that
// are not valid UTF-8 are written as visible escapes ("\x1b", "\u009b"), so text from a session
// file can never move the cursor, retitle or clear the terminal, or fake a line of output.
std::string escape_for_terminal(std::string_view text);

// Escapes & < > " ' for HTML text and attribute values.
std::string html_escape(const std::string& text);

}  // namespace upstander
