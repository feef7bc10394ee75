// The report writers: CSV (golden files, RFC 4180), HTML (structure, self-contained, escaped),
// text summary.
#include "core/report_export.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace upstander;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(UPSTANDER_TEST_DATA_DIR) / "report";

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

Report quoting_report() { return build_report(collect_sessions({kData / "quoting"}), {}); }

}  // namespace

TEST_CASE("report export: CSV fields are quoted per RFC 4180", "[report][csv]") {
    CHECK(csv_text_field("plain") == "plain");
    CHECK(csv_text_field("a,b") == "\"a,b\"");
    CHECK(csv_text_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_text_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_text_field("cr\rhere") == "\"cr\rhere\"");
    CHECK(csv_text_field("") == "");
    // Formula-looking text is defused for spreadsheets.
    CHECK(csv_text_field("=1+1") == "'=1+1");
    CHECK(csv_text_field("@cmd") == "'@cmd");
    CHECK(csv_text_field("-x,y") == "\"'-x,y\"");
}

TEST_CASE("report export: session CSV matches the golden file", "[report][csv]") {
    const std::string csv = report_sessions_csv(quoting_report());
    // Golden file reviewed by hand: commas, quotes and a newline in a group label; a formula-like
    // label; counts 1-4 as "<5" and the protecting cell as "[c]"; the 4-vote poll left out.
    CHECK(csv == read_all(kData / "golden-quoting.csv"));
    CHECK(csv.rfind("\xEF\xBB\xBF" "session_id,date,workshop_id,group_label,audience,headcount,poll_id,measure,phase,"
                    "option_id,option_label,count,total,not_counted\r\n", 0) == 0);
    CHECK(csv.find(",few,") == std::string::npos);
    // Every record ends in CRLF; a bare LF appears only inside a quoted field.
    size_t records = 0;
    for (size_t i = csv.find("\r\n"); i != std::string::npos; i = csv.find("\r\n", i + 2)) ++records;
    CHECK(records == 9);  // header + 6 rows for session 1 + 2 rows for session 2
}

TEST_CASE("report export: summary CSV matches the golden file", "[report][csv]") {
    const std::string csv = report_summary_csv(quoting_report());
    CHECK(csv == read_all(kData / "golden-quoting-summary.csv"));
    CHECK(summary_csv_path("out/impact.csv") == fs::path("out/impact-summary.csv"));
    CHECK(summary_csv_path("impact") == fs::path("impact-summary"));
    CHECK(summary_csv_path("a.b/report.2024.csv") == fs::path("a.b/report.2024-summary.csv"));
}

TEST_CASE("report export: HTML is self-contained, printable and escaped", "[report][html]") {
    Report r = build_report(collect_sessions({kData / "sessions", kData / "quoting"}), {}, 600);
    const std::string html = report_html(r);

    // Structure: the key parts are all there.
    for (const char* part : {"<!DOCTYPE html>", "<html lang=\"en-GB\">", "<meta charset=\"utf-8\">", "<style>",
                             "@page", "size: A4", "@media print", "break-inside: avoid", "<h1>Impact report</h1>",
                             "id=\"headline\"", "of the target of 600", "<h2>What changed</h2>",
                             "<h2>Participation over time</h2>", "<title id=\"months-title\">",
                             "<h2>Before and after</h2>", "id=\"measure-0\"", "id=\"measure-1\"", "class=\"sentence\"",
                             "95% confidence intervals", "#0072B2", "#E69F00", "<h2>Method</h2>",
                             "unpaired", "usually conservative", "<h2>Sessions</h2>", "Skipped file",
                             "2024-11-01-truncated.json", "whose contents differ", "</html>"}) {
        INFO(part);
        CHECK(html.find(part) != std::string::npos);
    }
    // Every measure's sentence is there (escaped).
    for (const MeasureReport& m : r.measures) CHECK(html.find(html_escape(m.sentence)) != std::string::npos);
    // Bars carry their numbers as text, not colour alone.
    int charts = 0;
    for (const MeasureReport& m : r.measures) {
        if (!m.enough_answers || !m.has_agree || m.shares_hidden) continue;
        ++charts;
        for (double share : {m.agree.p1, m.agree.p2}) {
            std::string label = format_percent(share);  // built by append: GCC 12 warns on "x" + string (PR105329)
            label.insert(0, 1, '>');
            label.append("</tspan>");
            CHECK(html.find(label) != std::string::npos);
        }
    }
    CHECK(charts == 2);

    // Nothing to fetch.
    for (const char* bad : {"src=\"http", "href=\"http", "src='http", "href='http", "@import", "url(", "<script",
                            "<link", "<img", "<iframe", "//fonts."}) {
        INFO(bad);
        CHECK(html.find(bad) == std::string::npos);
    }
    // Strings from session files are escaped.
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("Year 9, &quot;B&quot;") != std::string::npos);
}

TEST_CASE("report export: an empty report still renders", "[report][html]") {
    Report r = build_report(SessionCollection{}, {});
    const std::string html = report_html(r);
    CHECK(html.find("No sessions") != std::string::npos);
    CHECK(html.find("</html>") != std::string::npos);
    const std::string text = report_text(r);
    CHECK_THAT(text, Catch::Contains("Sessions: 0") && Catch::Contains("Participants: 0"));
    CHECK(report_sessions_csv(r) == "\xEF\xBB\xBF" "session_id,date,workshop_id,group_label,audience,headcount,poll_id,"
                                    "measure,phase,option_id,option_label,count,total,not_counted\r\n");
}

TEST_CASE("report export: text summary", "[report][text]") {
    Report r = build_report(collect_sessions({kData / "sessions"}), {}, 600);
    const std::string text = report_text(r);
    CHECK_THAT(text, Catch::Contains("Participants: 64 (including 23 estimated"));
    CHECK_THAT(text, Catch::Contains("Target: 64 against a target of 600 (11%)"));
    CHECK_THAT(text, Catch::Contains("One-to-one sessions: 1"));
    CHECK_THAT(text, Catch::Contains("rose from 38% to 78%"));
    CHECK_THAT(text, Catch::Contains("3 skipped with problems"));
    CHECK_THAT(text, Catch::Contains("2024-11-02-badtotal.json: /polls/0/total"));
}
