// upstander-report against hostile inputs: symbolic links out of the folders given, FIFOs, files
// that are not session files, and control characters meant for the terminal.
#include "core/report.hpp"
#include "core/report_export.hpp"

#include "report_fixtures.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

using namespace upstander;
using namespace upstander::test;
namespace fs = std::filesystem;

namespace {

SessionPoll likert_poll(const std::string& id, const std::string& measure, PollPhase phase,
                        std::vector<SessionOption> options) {
    SessionPoll p;
    p.id = id;
    p.pack = "upstander-core";
    p.question = "I would speak up.";
    p.kind = PollKind::Likert;
    p.measure = measure;
    p.phase = phase;
    p.options = std::move(options);
    for (const SessionOption& o : p.options) p.total += o.count;
    return p;
}


// A session with the would-report pair (10/10 before, 15/5 after).
SessionRecord session_with_measure(const std::string& id, const std::string& date, std::optional<long long> headcount = 20) {
    SessionRecord s = make_session(id, date, headcount);
    s.polls.push_back(yes_no_poll("pre", "would-report", PollPhase::Pre, 10, 10));
    s.polls.push_back(yes_no_poll("post", "would-report", PollPhase::Post, 15, 5));
    return s;
}

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

std::string id(char c) { return std::string(32, c); }

bool mentions(const SessionCollection& c, const std::string& file_part, const std::string& reason_part) {
    for (const SkippedFile& p : c.problems)
        if (p.file.find(file_part) != std::string::npos && p.reason.find(reason_part) != std::string::npos) return true;
    return false;
}

}  // namespace

// [SECTION] Links and special files

TEST_CASE("report: links out of the folders given are skipped, never read or quoted", "[report][hostile]") {
    TempDir tmp;
    const fs::path in = tmp / "in";
    write(tmp / "secret.txt", "SECRET-TOKEN=hunter2\n");
    write(tmp / "outside" / "session.json", session_to_string(session_with_measure(id('a'), "2024-05-01")));
    write(in / "real.json", session_to_string(session_with_measure(id('b'), "2024-05-02")));
    fs::create_directories(in / "sub");
    fs::create_symlink(tmp / "secret.txt", in / "secret.json");
    fs::create_symlink("/etc/passwd", in / "passwd.json");
    fs::create_symlink(tmp / "outside" / "session.json", in / "outside-session.json");
    fs::create_directory_symlink(tmp / "outside", in / "sub" / "linked-folder");
    fs::create_symlink("../real.json", in / "sub" / "inner-link.json");  // inside: read once

    const SessionCollection c = collect_sessions({in});
    REQUIRE(c.sessions.size() == 1);
    CHECK(c.sessions[0].record.session_id == id('b'));
    CHECK(mentions(c, "secret.json", "outside the folders given"));
    CHECK(mentions(c, "passwd.json", "outside the folders given"));
    CHECK(mentions(c, "outside-session.json", "outside the folders given"));
    CHECK(mentions(c, "linked-folder", "a symbolic link to a folder outside"));
    CHECK(c.problems.size() == 4);

    Report r = build_report(SessionCollection(c), ReportFilter{});
    const std::string everything = report_text(r) + report_html(r) + report_to_json(r).dump() +
                                   report_sessions_csv(r) + report_summary_csv(r);
    CHECK(everything.find("SECRET") == std::string::npos);
    CHECK(everything.find("root:") == std::string::npos);

    // The folder with the links, given itself, is inside: its session is counted.
    const SessionCollection both = collect_sessions({in, tmp / "outside"});
    CHECK(both.sessions.size() == 2);
}

TEST_CASE("report: a file that is not a session file is never quoted", "[report][hostile]") {
    TempDir tmp;
    write(tmp / "a.json", "SECRET-TOKEN=hunter2");
    write(tmp / "b.json", "{\"format\": \"upstander-session\", SECRET");
    const SessionCollection c = collect_sessions({tmp.path()});
    REQUIRE(c.problems.size() == 2);
    for (const SkippedFile& p : c.problems) {
        CHECK_THAT(p.reason, Catch::StartsWith("not valid JSON (line 1, column"));
        CHECK(p.reason.find("SECRET") == std::string::npos);
        CHECK(p.reason.find("last read") == std::string::npos);
    }
}

TEST_CASE("report: a FIFO named like a session file is skipped without blocking", "[report][hostile]") {
    TempDir tmp;
    write(tmp / "real.json", session_to_string(session_with_measure(id('b'), "2024-05-02")));
    REQUIRE(::mkfifo((tmp / "fifo.json").c_str(), 0600) == 0);
    REQUIRE(::mkfifo((tmp / "given.json").c_str(), 0600) == 0);
    // In a folder, and named on the command line.
    const SessionCollection c = collect_sessions({tmp.path(), tmp / "given.json"});
    CHECK(c.sessions.size() == 1);
    CHECK(mentions(c, "fifo.json", "not a regular file"));
    CHECK(mentions(c, "given.json", "not a folder or a file"));
}

// [SECTION] Terminal output

TEST_CASE("report: control characters are escaped for the terminal", "[report][hostile][text]") {
    CHECK(escape_for_terminal("plain \xC3\xA9t\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D") == "plain \xC3\xA9t\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D");
    CHECK(escape_for_terminal("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07");
    CHECK(escape_for_terminal("a\x1b[2Jb") == "a\\x1b[2Jb");
    CHECK(escape_for_terminal("line\nfake\r") == "line\\x0afake\\x0d");
    CHECK(escape_for_terminal("del\x7f") == "del\\x7f");
    CHECK(escape_for_terminal("c1 \xC2\x9B" "31m") == "c1 \\u009b31m");  // U+009B, the 8-bit CSI
    CHECK(escape_for_terminal("bad \x9b byte") == "bad \\x9b byte");       // not UTF-8
    CHECK(escape_for_terminal("bidi \xE2\x80\xAE") == "bidi \\u202e");

    TempDir tmp;
    SessionRecord s = session_with_measure(id('c'), "2024-05-03");
    for (SessionPoll& p : s.polls) p.question = "Would you\x1b]0;owned\x07 report it?\x1b[2J";
    write(tmp / "odd\x1b[31mname.json", session_to_string(s));
    write(tmp / "broken\x1b[2J.json", "{");
    Report r = build_report(collect_sessions({tmp.path()}), ReportFilter{});
    const std::string text = report_text(r);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find('\x07') == std::string::npos);
    CHECK(text.find("Would you\\x1b]0;owned\\x07 report it?\\x1b[2J") != std::string::npos);
    CHECK(text.find("broken\\x1b[2J.json") != std::string::npos);
}

// [SECTION] CSV

TEST_CASE("report: CSV fields holding a semicolon are quoted, formulas still defused", "[report][hostile][csv]") {
    CHECK(csv_text_field("Year 9;=1+1") == "\"Year 9;=1+1\"");
    CHECK(csv_text_field("=1;2") == "\"'=1;2\"");
    CHECK(csv_text_field("+1") == "'+1");
    CHECK(csv_text_field("plain") == "plain");
}

// [SECTION] Implausible values and conflicting copies

namespace {

std::string all_outputs(const Report& r) {
    return report_text(r) + "\n" + report_html(r) + "\n" + report_to_json(r).dump() + "\n" + report_sessions_csv(r);
}

}  // namespace

TEST_CASE("report: the day after today is the last plausible date", "[report][hostile]") {
    SessionRecord s = session_with_measure(id('a'), "2025-01-01");
    CHECK(implausible_session_reason(s, "2024-12-31").empty());
    s.date = "2025-01-02";
    CHECK_THAT(implausible_session_reason(s, "2024-12-31"), Catch::Contains("is after tomorrow"));
    s.date = "2024-02-29";
    CHECK(implausible_session_reason(s, "2024-02-28").empty());
    s.date = "2024-03-01";
    CHECK_FALSE(implausible_session_reason(s, "2024-02-28").empty());
    s.date = "1999-12-31";
    CHECK_THAT(implausible_session_reason(s, ""), Catch::Contains("before 2000"));
    s.date = "9999-12-31";
    CHECK(implausible_session_reason(s, "").empty());  // no "today" given: no upper bound
    s.date = "2024-05-01";
    s.group.headcount = kMaxHeadcount;
    CHECK(implausible_session_reason(s, "2024-05-01").empty());
    s.group.headcount = kMaxHeadcount + 1;
    CHECK_THAT(implausible_session_reason(s, "2024-05-01"), Catch::Contains("10,001") && Catch::Contains("10,000"));
}

TEST_CASE("report: implausible headcounts and dates are not counted, and every output says so", "[report][hostile]") {
    std::vector<LoadedSession> copies;
    copies.push_back({session_with_measure(id('a'), "2024-05-01"), "ok.json"});
    copies.push_back({session_with_measure(id('b'), "2024-05-02", 1LL << 40), "huge.json"});
    copies.push_back({session_with_measure(id('c'), "0000-01-01"), "ancient.json"});
    copies.push_back({session_with_measure(id('d'), "9999-12-31"), "future.json"});
    copies.push_back({session_with_measure(id('e'), "2026-12-03"), "tomorrow.json"});
    const Report r = build_report(merge_sessions(std::move(copies)), ReportFilter{}, std::nullopt, "2026-12-02");
    REQUIRE(r.sessions.size() == 2);  // ok.json and tomorrow.json (a kiosk a time zone ahead)
    CHECK(r.participants == 40);
    CHECK(r.sessions_filtered_out == 0);
    REQUIRE(r.excluded.size() == 3);
    const std::string out = all_outputs(r);
    for (const char* file : {"huge.json", "ancient.json", "future.json"}) {
        INFO(file);
        CHECK(report_text(r).find(std::string(file) + ": session") != std::string::npos);
        CHECK(report_html(r).find(std::string("<td>") + file + "</td>") != std::string::npos);
        CHECK(report_sessions_csv(r).find(std::string(file) + ": its") != std::string::npos);
    }
    CHECK_THAT(report_text(r), Catch::Contains("Warning: 3 session files were read but not counted"));
    CHECK_THAT(report_html(r), Catch::Contains("id=\"not-counted\""));
    const nlohmann::json j = report_to_json(r);
    REQUIRE(j["inputs"]["not_counted"].size() == 3);
    CHECK(j["inputs"]["not_counted"][0]["reason"].get<std::string>().find("not counted") != std::string::npos);
    CHECK(out.find("1,099,511,627,776") != std::string::npos);  // the headcount is named, not used
}

TEST_CASE("report: copies of a session that disagree about its date, workshop or headcount are rejected",
          "[report][hostile][merge]") {
    SessionRecord a = session_with_measure(id('a'), "2024-05-01", 20);
    SessionRecord b = a;
    b.date = "2024-06-01";
    b.polls[1] = yes_no_poll("post", "would-report", PollPhase::Post, 30, 5);  // more votes: no longer wins
    SessionRecord other = session_with_measure(id('f'), "2024-05-03", 25);
    SessionCollection c = merge_sessions({{a, "x/a.json"}, {b, "y/b.json"}, {other, "z/other.json"}});
    REQUIRE(c.sessions.size() == 1);
    CHECK(c.sessions[0].record.session_id == id('f'));
    REQUIRE(c.duplicates.size() == 1);
    CHECK(c.duplicates[0].rejected);
    CHECK(c.duplicates[0].kept.empty());
    CHECK_THAT(c.duplicates[0].explanation,
               Catch::Contains("disagree about its date (2024-05-01 in x/a.json, 2024-06-01 in y/b.json)") &&
                   Catch::Contains("not counted"));
    REQUIRE(c.excluded.size() == 2);

    const Report r = build_report(std::move(c), ReportFilter{}, std::nullopt, "2026-12-02");
    CHECK(r.participants == 25);
    CHECK_THAT(report_text(r), Catch::Contains("Rejected: Session " + id('a')) &&
                                   Catch::Contains("x/a.json: session " + id('a')));
    CHECK_THAT(report_html(r), Catch::Contains("id=\"not-counted\"") && Catch::Contains("<td>y/b.json</td>"));
    const std::string csv = report_sessions_csv(r);
    CHECK_THAT(csv, Catch::Contains("x/a.json: copies of this session disagree about its date") &&
                        Catch::Contains("y/b.json: copies of this session disagree about its date"));
    const nlohmann::json j = report_to_json(r);
    CHECK(j["inputs"]["duplicates"][0]["rejected"] == true);
    CHECK(j["inputs"]["duplicates"][0]["kept"].is_null());
    CHECK(j["inputs"]["not_counted"].size() == 2);

    // Workshop and headcount too; a copy that only has more votes is still merged.
    SessionRecord w = a;
    w.workshop_id = "online-hate";
    w.group.headcount = 21;
    SessionCollection c2 = merge_sessions({{a, "a.json"}, {w, "w.json"}});
    REQUIRE(c2.duplicates.size() == 1);
    CHECK_THAT(c2.duplicates[0].explanation, Catch::Contains("its workshop") && Catch::Contains("its headcount (20 in a.json, 21 in w.json)"));
    SessionRecord more = a;
    more.polls[1] = yes_no_poll("post", "would-report", PollPhase::Post, 30, 5);
    SessionCollection c3 = merge_sessions({{a, "a.json"}, {more, "more.json"}});
    REQUIRE(c3.sessions.size() == 1);
    CHECK_FALSE(c3.duplicates[0].rejected);
    CHECK(c3.sessions[0].file == "more.json");
}

// [SECTION] A measure that cannot be computed

TEST_CASE("report: a Likert poll with option ids the report does not know says it cannot be computed",
          "[report][hostile][measures]") {
    SessionRecord s = session_with_measure(id('a'), "2024-05-01");
    // A pack that wrote its own ids for the five points.
    auto options = [](long long a, long long b) {
        return std::vector<SessionOption>{{"sd", "Strongly disagree", a}, {"d", "Disagree", 2},
                                          {"n", "Neither", 2},           {"a", "Agree", 3},
                                          {"sa", "Strongly agree", b}};
    };
    s.polls = {likert_poll("pre", "speak-up", PollPhase::Pre, options(5, 3)),
               likert_poll("post", "speak-up", PollPhase::Post, options(1, 9))};
    const Report r = build_report(merge_sessions({{s, "s.json"}}), ReportFilter{}, std::nullopt, "2026-12-02");
    REQUIRE(r.measures.size() == 1);
    const MeasureReport& m = r.measures[0];
    CHECK_FALSE(m.computable);
    CHECK_FALSE(m.has_agree);
    CHECK_FALSE(m.likert);
    CHECK_THAT(m.not_computable_reason, Catch::Contains("32 answers (15 before, 17 after)") &&
                                            Catch::Contains("\"sd\"") && Catch::Contains("strongly-agree"));
    CHECK_THAT(m.sentence, Catch::StartsWith("The share who agreed with \u201cI would speak up\u201d cannot be computed:"));
    const std::string text = report_text(r);
    CHECK(text.find("0%") == std::string::npos);
    CHECK_THAT(text, Catch::Contains("cannot be computed"));
    const nlohmann::json j = report_to_json(r);
    CHECK(j["measures"][0]["computable"] == false);
    CHECK(j["measures"][0]["agree"].is_null());
    CHECK(j["measures"][0]["likert"].is_null());
    const std::string html = report_html(r);
    CHECK(html.find("Share agreeing") == std::string::npos);
    CHECK(html.find("Mean score") == std::string::npos);
    const std::string summary = report_summary_csv(r);
    CHECK_THAT(summary, Catch::Contains("cannot be computed"));
    CHECK(summary.find("0.0") == std::string::npos);
}

// [SECTION] Suppression decided once

TEST_CASE("report: the writers format the model's disclosure decisions and decide none themselves",
          "[report][suppression]") {
    SessionRecord s = session_with_measure(id('a'), "2024-05-01");
    Report r = build_report(merge_sessions({{s, "s.json"}}), ReportFilter{}, std::nullopt, "2026-12-02");
    REQUIRE(r.sessions.size() == 1);
    REQUIRE(r.sessions[0].polls.size() == 2);
    CHECK(r.sessions[0].polls[0].listed);
    CHECK(r.sessions[0].polls[0].cells ==
          std::vector<Disclosure>{Disclosure::Shown, Disclosure::Shown, Disclosure::Shown});
    REQUIRE(r.measures.size() == 1);
    MeasureReport& m = r.measures[0];
    CHECK(m.before_agree_disclosure == Disclosure::Shown);
    CHECK(m.before_share_shown == std::vector<bool>{true, true, true});  // 0 is published, with its 0%

    // Change the decisions: every writer follows them.
    r.sessions[0].polls[0].cells[0] = Disclosure::Secondary;
    r.sessions[0].polls[1].listed = false;
    m.before_agree_disclosure = Disclosure::Suppressed;
    m.before_total_disclosure = Disclosure::Suppressed;
    m.before_share_shown[0] = false;
    const std::string csv = report_sessions_csv(r);
    CHECK_THAT(csv, Catch::Contains("pre,yes,Yes,[c],20,"));
    CHECK(csv.find(",post,") == std::string::npos);
    const std::string summary = report_summary_csv(r);
    CHECK_THAT(summary, Catch::Contains(",<5,20,<5,"));  // before_total, after_total, before_agree
    const nlohmann::json j = report_to_json(r);
    CHECK(j["measures"][0]["before_total"] == "<5");
    CHECK(j["measures"][0]["agree"]["before_agree"] == "<5");
    CHECK(j["measures"][0]["options"][0]["before_share"].is_null());
    const std::string html = report_html(r);
    CHECK_THAT(html, Catch::Contains("<tfoot><tr><td>Total</td><td class=\"n\">&lt;5</td>") ||
                         Catch::Contains("<tfoot><tr><td>Total</td><td class=\"n\"><5</td>"));
}

TEST_CASE("report: the Impact screen's headline is worded by the model", "[report][participation]") {
    SessionRecord a = session_with_measure(id('a'), "2024-05-01", 20);
    SessionRecord b = session_with_measure(id('b'), "2024-06-01", std::nullopt);
    const Report r = build_report(merge_sessions({{a, "a.json"}, {b, "b.json"}}), ReportFilter{}, std::nullopt, "2026-12-02");
    CHECK(r.headline == "40 (partly estimated) people took part in 2 sessions, 2024-05-01 to 2024-06-01.");
    CHECK(r.headline_details == std::vector<std::string>{"Group sessions: 2 sessions, 40 people",
                                                         "One-to-one sessions: 0 sessions, 0 people",
                                                         "Under 18: 40 people"});
    const Report none = build_report(SessionCollection{}, ReportFilter{}, std::nullopt, "2026-12-02");
    CHECK(none.headline == "No sessions are stored on this kiosk yet.");
    CHECK(none.headline_details.empty());
    CHECK(report_to_json(r)["participation"]["headline"] == r.headline);
}
