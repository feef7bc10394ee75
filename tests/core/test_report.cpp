// The impact report model: reading and merging session files, participation, per-measure
// statistics and small-number suppression. Expected values are worked out by hand in the comments.
#include "core/report.hpp"
#include "core/stats.hpp"

#include "report_fixtures.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <random>

using namespace upstander;
using namespace upstander::test;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(UPSTANDER_TEST_DATA_DIR) / "report";



void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

void write(const fs::path& file, const SessionRecord& s) { write(file, session_to_string(s)); }

std::string id(char c) { return std::string(32, c); }

}  // namespace

// [SECTION] Suppression

TEST_CASE("report: small counts are suppressed at 1-4, shown from 5", "[report][suppression]") {
    CHECK_FALSE(is_small_count(0));
    CHECK(is_small_count(1));
    CHECK(is_small_count(4));
    CHECK_FALSE(is_small_count(5));
    CHECK_FALSE(is_small_count(6));
    CHECK(format_count(4, Disclosure::Suppressed) == "<5");
    CHECK(format_count(1234, Disclosure::Shown) == "1,234");
    CHECK(format_count(1234, Disclosure::Shown, false) == "1234");
    CHECK(format_count(7, Disclosure::Secondary) == "[c]");

    // Cell of 4 / 5 / 6 in a group of 20: only the 4 loses its number and its percentage.
    CHECK_FALSE(percent_allowed(4, 20, Disclosure::Shown));
    CHECK(percent_allowed(5, 20, Disclosure::Shown));
    CHECK(percent_allowed(6, 20, Disclosure::Shown));
    // A group of 4 gets no percentages at all; 5 and 6 do.
    CHECK_FALSE(percent_allowed(0, 4, Disclosure::Shown));
    CHECK(percent_allowed(0, 5, Disclosure::Shown));
    CHECK(percent_allowed(6, 6, Disclosure::Shown));
    CHECK_FALSE(percent_allowed(9, 20, Disclosure::Secondary));
}

TEST_CASE("report: secondary suppression protects a lone hidden cell", "[report][suppression]") {
    using D = Disclosure;
    // 20 + 3 + 0 = 23 published: hiding only the 3 would give it away, so the 20 is hidden too.
    CHECK(disclose_cells({20, 3, 0}) == std::vector<D>{D::Secondary, D::Suppressed, D::Shown});
    // Two hidden cells already protect each other.
    CHECK(disclose_cells({2, 3, 20}) == std::vector<D>{D::Suppressed, D::Suppressed, D::Shown});
    // The smallest other non-zero cell is the one hidden.
    CHECK(disclose_cells({30, 4, 9, 12}) == std::vector<D>{D::Shown, D::Suppressed, D::Secondary, D::Shown});
    CHECK(disclose_cells({5, 6, 0}) == std::vector<D>{D::Shown, D::Shown, D::Shown});
    CHECK(disclose_cells({0, 0}) == std::vector<D>{D::Shown, D::Shown});
}

TEST_CASE("report: an agree count never uncovers a hidden option", "[report][suppression]") {
    using D = Disclosure;
    const std::vector<bool> likert = {false, false, false, true, true};  // the top two points agree
    // Strongly agree 3 is hidden; with the agree count (10) published, Agree 7 must be hidden too.
    PollDisclosure a = disclose_poll({3, 6, 8, 7, 3}, likert);
    // Strongly disagree 3 is alone on the other side too, so Disagree (6) is hidden with it.
    CHECK(a.cells == std::vector<D>{D::Suppressed, D::Secondary, D::Shown, D::Secondary, D::Suppressed});
    CHECK(a.agree == D::Shown);
    // The same on the "not agree" side: Disagree 2 hidden, so Neither (9) is hidden as well.
    PollDisclosure b = disclose_poll({0, 2, 9, 20, 12}, likert);
    CHECK(b.cells == std::vector<D>{D::Shown, D::Suppressed, D::Secondary, D::Shown, D::Shown});
    CHECK(b.agree == D::Shown);
    // Yes 23 of 25: the remainder (2) is small, so the agree count is not published.
    const std::vector<bool> yes_no = {true, false, false};
    PollDisclosure c = disclose_poll({23, 2, 0}, yes_no);
    CHECK(c.cells == std::vector<D>{D::Secondary, D::Suppressed, D::Shown});
    CHECK(c.agree == D::Secondary);
    CHECK(disclose_poll({2, 20, 3}, yes_no).agree == D::Suppressed);
    PollDisclosure d = disclose_poll({12, 8, 5}, yes_no);
    CHECK(d.cells == std::vector<D>{D::Shown, D::Shown, D::Shown});
    CHECK(d.agree == D::Shown);
    CHECK(is_agree_option(PollKind::Likert, "strongly-agree"));
    CHECK_FALSE(is_agree_option(PollKind::Likert, "neither"));
    CHECK(is_agree_option(PollKind::YesNo, "yes"));
    CHECK_FALSE(is_agree_option(PollKind::Single, "yes"));
}

TEST_CASE("report: per-session tables drop polls under 5 votes but pooled totals keep them", "[report][suppression]") {
    // Three sessions whose pre/post polls have 4, 5 and 6 votes.
    std::vector<LoadedSession> in;
    for (long long n : {4, 5, 6}) {
        SessionRecord s = make_session(id(static_cast<char>('0' + n)), "2024-03-0" + std::to_string(n), n);
        s.polls.push_back(yes_no_poll("pre", "would-report", PollPhase::Pre, 1, n - 1, 0));
        s.polls.push_back(yes_no_poll("post", "would-report", PollPhase::Post, n - 1, 1, 0));
        in.push_back({s, "s" + std::to_string(n) + ".json"});
    }
    Report r = build_report(merge_sessions(std::move(in)), {});
    REQUIRE(r.measures.size() == 1);
    const MeasureReport& m = r.measures[0];
    CHECK(m.sessions_compared == 3);
    CHECK(m.before_total == 15);  // 4 + 5 + 6: the session with 4 votes is still pooled
    CHECK(m.after_total == 15);
    REQUIRE(m.session_rows.size() == 2);
    CHECK(r.sessions[m.session_rows[0].session].record.session_id == id('5'));
    CHECK(r.sessions[m.session_rows[1].session].record.session_id == id('6'));
    CHECK(m.sessions_not_listed == 1);
}

// [SECTION] Reading, merging, old versions, problems

TEST_CASE("report: duplicate sessions in two folders are counted once", "[report][merge]") {
    TempDir t;
    SessionRecord s = make_session(id('a'), "2024-05-01", 25);
    s.polls.push_back(yes_no_poll("pre", "would-report", PollPhase::Pre, 10, 10, 5));
    write(t.path() / "kiosk-1" / "a.json", s);
    write(t.path() / "usb" / "a.json", s);
    // Resume state differs (the kiosk saved at another step): still the same session.
    s.position_step = 7;
    s.polls[0].revealed = true;
    write(t.path() / "usb" / "again" / "a-copy.json", s);

    SessionCollection c = collect_sessions({t.path() / "kiosk-1", t.path() / "usb"});
    CHECK(c.files_read == 3);
    REQUIRE(c.sessions.size() == 1);
    REQUIRE(c.duplicates.size() == 1);
    CHECK_FALSE(c.duplicates[0].copies_differ);
    CHECK(c.duplicates[0].files.size() == 3);
    CHECK_THAT(c.duplicates[0].explanation, Catch::Contains("counted once"));
    Report r = build_report(std::move(c), {});
    CHECK(r.participants == 25);
}

TEST_CASE("report: the same folder given twice is read once", "[report][merge]") {
    TempDir t;
    write(t.path() / "a.json", make_session(id('a'), "2024-05-01"));
    SessionCollection c = collect_sessions({t.path(), t.path(), t.path() / "a.json", t.path() / "." / "a.json"});
    CHECK(c.files_read == 1);
    CHECK(c.sessions.size() == 1);
    CHECK(c.duplicates.empty());
}

TEST_CASE("report: when copies disagree the one with more votes wins and the report says so", "[report][merge]") {
    SessionRecord early = make_session(id('b'), "2024-06-01", 30);
    early.status = SessionStatus::InProgress;
    early.polls.push_back(yes_no_poll("pre", "would-report", PollPhase::Pre, 10, 10, 8));
    early.polls.push_back(yes_no_poll("post", "would-report", PollPhase::Post, 0, 0, 0));
    SessionRecord final_copy = early;
    final_copy.status = SessionStatus::Finished;
    final_copy.polls[1] = yes_no_poll("post", "would-report", PollPhase::Post, 20, 4, 3);

    // Listed with the larger copy second, so winning is not an accident of order.
    SessionCollection c = merge_sessions({{early, "a/early.json"}, {final_copy, "b/final.json"}});
    REQUIRE(c.sessions.size() == 1);
    CHECK(c.sessions[0].file == "b/final.json");
    CHECK(c.sessions[0].record.polls[1].total == 27);
    REQUIRE(c.duplicates.size() == 1);
    const DuplicateSession& d = c.duplicates[0];
    CHECK(d.copies_differ);
    CHECK(d.kept == "b/final.json");
    CHECK(d.files == std::vector<std::string>{"a/early.json", "b/final.json"});
    CHECK_THAT(d.explanation, Catch::Contains("b/final.json (55 votes)") && Catch::Contains("a/early.json (28 votes)") &&
                                  Catch::Contains("most votes"));

    // Same number of votes but different contents: the finished copy wins.
    SessionRecord relabelled = final_copy;
    relabelled.status = SessionStatus::InProgress;
    relabelled.group.label = "Year 9 (typo)";
    SessionCollection tie = merge_sessions({{relabelled, "a.json"}, {final_copy, "b.json"}});
    REQUIRE(tie.sessions.size() == 1);
    CHECK(tie.sessions[0].file == "b.json");
    CHECK(tie.duplicates[0].copies_differ);
    CHECK_THAT(tie.duplicates[0].explanation, Catch::Contains("marked finished"));
}

TEST_CASE("report: unreadable and invalid files are listed, never fatal", "[report][problems]") {
    SessionCollection c = collect_sessions({kData / "sessions", kData / "no-such-folder"});
    // 9 *.json files (notes.txt is not looked at): 5 copies of 4 sessions, 3 broken, 1 pack.json.
    CHECK(c.files_read == 9);
    CHECK(c.sessions.size() == 4);
    REQUIRE(c.problems.size() == 4);
    auto reason_for = [&](const std::string& part) {
        for (const SkippedFile& p : c.problems)
            if (p.file.find(part) != std::string::npos) return p.reason;
        return std::string("(not listed)");
    };
    CHECK_THAT(reason_for("truncated"), Catch::StartsWith("not valid JSON") && Catch::Contains("copy it again"));
    CHECK_THAT(reason_for("badtotal"), Catch::Contains("/polls/0/total") && Catch::Contains("add up to 15"));
    CHECK_THAT(reason_for("newer"), Catch::Contains("newer than") && Catch::Contains("update Upstander"));
    CHECK_THAT(reason_for("no-such-folder"), Catch::Contains("not found"));
    REQUIRE(c.ignored.size() == 1);
    CHECK_THAT(c.ignored[0], Catch::EndsWith("pack.json"));
}

TEST_CASE("report: the oldest session form (docs/design.md section 4 example) is read", "[report][versions]") {
    SessionCollection c = collect_sessions({kData / "sessions" / "kiosk-b" / "2025-01-15-v1-minimal.json"});
    REQUIRE(c.problems.empty());
    REQUIRE(c.sessions.size() == 1);
    const SessionRecord& s = c.sessions[0].record;
    CHECK(s.schema_version == 1);
    CHECK(s.workshop_id == "online-hate");
    CHECK(s.group.audience == Audience::Mixed);
    REQUIRE(s.polls.size() == 1);
    CHECK(s.polls[0].total == 11);
    Report r = build_report(std::move(c), {});
    CHECK(r.participants == 12);
    CHECK(r.measures.empty());  // a single-choice poll with no measure
}

// [SECTION] Participation

TEST_CASE("report: participants, estimates, breakdowns and target", "[report][participation]") {
    Report r = build_report(collect_sessions({kData / "sessions"}), {}, 50);
    // Headcounts 28 + 1 + 12, and 23 estimated from the largest poll total of the session without one.
    CHECK(r.sessions.size() == 4);
    CHECK(r.participants == 64);
    CHECK(r.estimated_participants == 23);
    CHECK(r.sessions_estimated == 1);
    CHECK(r.one_to_one_sessions == 1);
    CHECK(r.first_date == "2024-09-12");
    CHECK(r.last_date == "2025-01-15");
    REQUIRE(r.by_format.size() == 2);
    CHECK(r.by_format[0].key == "group");
    CHECK(r.by_format[0].sessions == 3);
    CHECK(r.by_format[0].participants == 63);
    CHECK(r.by_format[0].estimated_participants == 23);
    CHECK(r.by_format[1].key == "one-to-one");
    CHECK(r.by_format[1].participants == 1);
    REQUIRE(r.by_audience.size() == 3);
    CHECK(r.by_audience[0].key == "under-18");
    CHECK(r.by_audience[0].participants == 51);
    CHECK(r.by_audience[1].key == "adult");
    CHECK(r.by_audience[2].key == "mixed");
    REQUIRE(r.by_month.size() == 3);
    CHECK(r.by_month[0].key == "2024-09");
    CHECK(r.by_month[0].label == "September 2024");
    CHECK(r.by_month[1].sessions == 2);
    CHECK(r.by_month[2].key == "2025-01");
    CHECK(r.target_participants == 50);
    const nlohmann::json j = report_to_json(r);
    CHECK(j["participation"]["progress"].get<double>() == Approx(64.0 / 50.0));
}

TEST_CASE("report: filters by date and workshop", "[report][filter]") {
    ReportFilter f;
    f.from = "2024-10-01";
    f.to = "2024-12-31";
    Report r = build_report(collect_sessions({kData / "sessions"}), f);
    REQUIRE(r.sessions.size() == 2);  // 2024-10-03 and 2024-10-20
    CHECK(r.sessions_filtered_out == 2);
    CHECK(r.sessions[0].record.date == "2024-10-03");

    ReportFilter w;
    w.workshop_id = "online-hate";
    Report only = build_report(collect_sessions({kData / "sessions"}), w);
    REQUIRE(only.sessions.size() == 1);
    CHECK(only.sessions[0].record.date == "2025-01-15");

    CHECK(check_report_date("2024-02-30", "--from").empty());  // shape only; day 30 is accepted as written
    CHECK_THAT(check_report_date("2024-13-01", "--from"), Catch::Contains("YYYY-MM-DD"));
    CHECK_THAT(check_report_date("1/2/2024", "--to"), Catch::StartsWith("--to"));
}

// [SECTION] Measures

TEST_CASE("report: pooled measures from the sample sessions", "[report][measures]") {
    Report r = build_report(collect_sessions({kData / "sessions"}), {});
    REQUIRE(r.measures.size() == 2);  // sorted by id: confident, would-report
    const MeasureReport& lk = r.measures[0];
    CHECK(lk.measure == "confident");
    CHECK(lk.kind == PollKind::Likert);
    CHECK(lk.sessions_compared == 1);
    REQUIRE(lk.options.size() == 5);
    CHECK(lk.options[0].id == "strongly-disagree");
    CHECK(lk.options[4].after == 7);
    // Before 3,6,8,7,3 (27): agree 10. After 1,2,5,11,7 (26): agree 18.
    CHECK(lk.before_agree == 10);
    CHECK(lk.after_agree == 18);
    CHECK(lk.mean_before == Approx((3 + 12 + 24 + 28 + 15) / 27.0));
    CHECK(lk.mean_after == Approx((1 + 4 + 15 + 44 + 35) / 26.0));
    const stats::MannWhitney mw = stats::mann_whitney_from_counts({3, 6, 8, 7, 3}, {1, 2, 5, 11, 7});
    CHECK(lk.mann_whitney.u == mw.u);
    CHECK(lk.mann_whitney.p_value == mw.p_value);
    CHECK_THAT(lk.sentence, Catch::StartsWith("The share who agreed with \u201cI know how to challenge hateful language safely\u201d"));
    CHECK_THAT(lk.sentence, Catch::Contains("Mann\u2013Whitney"));
    // Strongly disagree 3 before is hidden, so the exact U (solvable for it) is not published.
    CHECK(lk.cells_hidden);
    const nlohmann::json j = report_to_json(r);
    CHECK(j["measures"][0]["likert"]["mann_whitney_u_after"].is_null());
    CHECK(j["measures"][0]["likert"]["mean_before"].get<double>() == Approx(3.0));
    CHECK(j["measures"][0]["options"][0]["before"] == "<5");

    const MeasureReport& yn = r.measures[1];
    CHECK(yn.measure == "would-report");
    // Pre yes 11 + 8 + 0 of 27 + 22 + 1; post yes 21 + 17 + 1 of 26 + 23 + 1.
    CHECK(yn.sessions_compared == 3);
    CHECK(yn.before_total == 50);
    CHECK(yn.after_total == 50);
    CHECK(yn.before_agree == 19);
    CHECK(yn.after_agree == 39);
    CHECK_FALSE(yn.fisher_used);
    CHECK(yn.test_name == "two-proportion z-test");
    const stats::ProportionComparison pc = stats::compare_proportions(19, 50, 39, 50);
    CHECK(yn.p_value == pc.p_value);
    CHECK(yn.agree.ci.low == pc.ci.low);
    CHECK(yn.session_rows.size() == 2);  // the one-to-one session has 1 vote per poll
    CHECK(yn.sessions_not_listed == 1);
    CHECK(yn.sentence == "The share who answered Yes to \u201cWould you report a hate crime if you saw one?\u201d rose from "
                         "38% to 78% (change +40 points, 95% CI +21 to +55; p < 0.001).");
}

TEST_CASE("report: the wording follows the evidence", "[report][measures]") {
    auto one_measure = [](long long pre_yes, long long pre_n, long long post_yes, long long post_n) {
        SessionRecord s = make_session(id('c'), "2024-01-10", 200);
        s.polls.push_back(yes_no_poll("pre", "would-report", PollPhase::Pre, pre_yes, pre_n - pre_yes, 0));
        s.polls.push_back(yes_no_poll("post", "would-report", PollPhase::Post, post_yes, post_n - post_yes, 0));
        Report r = build_report(merge_sessions({{s, "c.json"}}), {});
        REQUIRE(r.measures.size() == 1);
        return r.measures[0];
    };
    // The example: 41% to 78% of 100 each (Newcombe CI +24 to +49, z-test p ~ 1e-7).
    MeasureReport rise = one_measure(41, 100, 78, 100);
    CHECK(rise.sentence == "The share who answered Yes to \u201cWould you report a hate crime if you saw one?\u201d rose from "
                           "41% to 78% (change +37 points, 95% CI +24 to +49; p < 0.001).");
    // 50% to 55% of 60: p = 0.58, so no claim of change.
    MeasureReport flat = one_measure(30, 60, 33, 60);
    CHECK_THAT(flat.sentence, Catch::Contains("was 50% before and 55% after") && Catch::Contains("p = 0.58") &&
                                  Catch::Contains("could be due to chance"));
    CHECK_THAT(flat.sentence, !Catch::Contains("rose"));
    // A fall is called a fall.
    MeasureReport fall = one_measure(78, 100, 41, 100);
    CHECK_THAT(fall.sentence, Catch::Contains("fell from 78% to 41%") && Catch::Contains("change \u221237 points"));
    // A zero cell: Fisher's exact test is used (0 of 10 before, 10 of 15 after).
    MeasureReport zero = one_measure(0, 10, 10, 15);
    CHECK(zero.fisher_used);
    CHECK_FALSE(zero.shares_hidden);
    CHECK(zero.p_value == stats::fisher_exact_two_sided(0, 10, 10, 5));
    CHECK_THAT(zero.sentence, Catch::Contains("Fisher"));
    // A cell of 1-4: no percentages at all, only the direction and the test.
    MeasureReport small = one_measure(2, 20, 15, 20);
    CHECK(small.shares_hidden);
    CHECK_THAT(small.sentence, Catch::Contains("rose (p") && Catch::Contains("Percentages are not shown"));
    CHECK_THAT(small.sentence, !Catch::Contains("%"));
    // Too few answers overall.
    MeasureReport few = one_measure(2, 4, 3, 4);
    CHECK_FALSE(few.enough_answers);
    CHECK_THAT(few.sentence, Catch::StartsWith("Too few answers"));
}

TEST_CASE("report: sessions with only one phase are not pooled", "[report][measures]") {
    SessionRecord both = make_session(id('d'), "2024-02-01");
    both.polls.push_back(yes_no_poll("pre", "would-report", PollPhase::Pre, 5, 5, 5));
    both.polls.push_back(yes_no_poll("post", "would-report", PollPhase::Post, 10, 3, 2));
    SessionRecord pre_only = make_session(id('e'), "2024-02-02");
    pre_only.polls.push_back(yes_no_poll("pre", "would-report", PollPhase::Pre, 1, 9, 5));
    pre_only.polls.push_back(yes_no_poll("post", "would-report", PollPhase::Post, 0, 0, 0));
    Report r = build_report(merge_sessions({{both, "d.json"}, {pre_only, "e.json"}}), {});
    REQUIRE(r.measures.size() == 1);
    CHECK(r.measures[0].sessions_compared == 1);
    CHECK(r.measures[0].sessions_one_phase == 1);
    CHECK(r.measures[0].before_total == 15);
    REQUIRE_FALSE(r.measures[0].notes.empty());
    CHECK_THAT(r.measures[0].notes.back(), Catch::Contains("1 session has answers only before or only after"));
}

TEST_CASE("report: JSON model applies suppression", "[report][json]") {
    Report r = build_report(collect_sessions({kData / "quoting"}), {});
    const nlohmann::json j = report_to_json(r);
    CHECK(j["format"] == "upstander-impact-report");
    REQUIRE(j["measures"].size() == 1);
    const nlohmann::json& m = j["measures"][0];
    // Before: yes 10, no 3, not sure 9 -> the 3 is "<5" and the smallest other (9) "[c]".
    CHECK(m["options"][0]["before"] == 10);
    CHECK(m["options"][1]["before"] == "<5");
    CHECK(m["options"][1]["before_share"].is_null());
    CHECK(m["options"][2]["before"] == "[c]");
    // After: 18 yes of 20 -> 2 not agreeing, so the agree count is hidden and there are no shares.
    CHECK(m["agree"]["after_agree"] == "[c]");
    CHECK(m["agree"]["after_share"].is_null());
    CHECK(m["agree"]["fisher_used"] == true);
    CHECK(j["sessions"].size() == 2);
    CHECK(j["method"].size() == method_notes().size());
}

TEST_CASE("report: wording helpers", "[report]") {
    CHECK(format_grouped(0) == "0");
    CHECK(format_grouped(999) == "999");
    CHECK(format_grouped(1389) == "1,389");
    CHECK(format_grouped(1234567) == "1,234,567");
    CHECK(format_p_value(0.0004) == "p < 0.001");
    CHECK(format_p_value(0.0042) == "p = 0.004");
    CHECK(format_p_value(0.049) == "p = 0.049");
    CHECK(format_p_value(0.2731) == "p = 0.27");
    CHECK(format_percent(0.412) == "41%");
    CHECK(format_points(0.37) == "+37");
    CHECK(format_points(-0.05) == "\u22125");
    CHECK(format_points(0.001) == "0");
    CHECK(month_label("2024-03") == "March 2024");
}
