// upstander-report against hostile inputs: symbolic links out of the folders given, FIFOs, files
// that are not session files, and control characters meant for the terminal.
#include "core/report.hpp"
#include "core/report_export.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

using namespace upstander;
using upstander::test::TempDir;
namespace fs = std::filesystem;

namespace {

[[maybe_unused]] SessionPoll likert_poll(const std::string& id, const std::string& measure, PollPhase phase,
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

SessionPoll yes_no_poll(const std::string& id, const std::string& measure, PollPhase phase, long long yes, long long no) {
    SessionPoll p;
    p.id = id;
    p.pack = "upstander-core";
    p.question = "Would you report it?";
    p.kind = PollKind::YesNo;
    p.measure = measure;
    p.phase = phase;
    p.options = {{"yes", "Yes", yes}, {"no", "No", no}, {"not-sure", "Not sure", 0}};
    p.total = yes + no;
    return p;
}

SessionRecord make_session(const std::string& id, const std::string& date, std::optional<long long> headcount = 20) {
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
    write(tmp / "outside" / "session.json", session_to_string(make_session(id('a'), "2024-05-01")));
    write(in / "real.json", session_to_string(make_session(id('b'), "2024-05-02")));
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
    write(tmp / "real.json", session_to_string(make_session(id('b'), "2024-05-02")));
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
    SessionRecord s = make_session(id('c'), "2024-05-03");
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
