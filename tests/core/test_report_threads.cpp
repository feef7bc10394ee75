// collect_sessions reads files on several threads (the 10,000-file target). These tests force
// more threads than the machine may pick on its own, so that the ThreadSanitizer run in tools/test.sh
// (`upstander_core_tests '[threads]'`) always exercises the pool, and check the result is the same
// as reading on one thread, duplicates, corrupt files and all.
#include "core/report.hpp"
#include "core/session_file.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

using namespace upstander;
using upstander::test::TempDir;
namespace fs = std::filesystem;

namespace {

SessionRecord session(int i) {
    char id[33];
    std::snprintf(id, sizeof id, "%032x", i + 1);
    SessionRecord s;
    s.session_id = id;
    s.date = "2025-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10);
    s.app_version = "0.1.0";
    s.status = SessionStatus::Finished;
    s.workshop_id = "school-60";
    s.workshop_title = "Step Up";
    s.group.label = "Group " + std::to_string(i);
    s.group.audience = Audience::Under18;
    s.group.headcount = 20 + i % 11;
    SessionPoll p;
    p.id = "pre";
    p.pack = "step-up";
    p.question = "Would you report it?";
    p.kind = PollKind::YesNo;
    p.measure = "would-report";
    p.phase = PollPhase::Pre;
    p.options = {{"yes", "Yes", i % 7}, {"no", "No", 3}, {"not-sure", "Not sure", 2}};
    p.total = i % 7 + 5;
    s.polls.push_back(p);
    return s;
}

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("collect_sessions on 1, 2 and 8 threads reads the same 300 files the same way", "[report][threads]") {
    TempDir t;
    for (int i = 0; i < 250; ++i) {
        const SessionRecord s = session(i);
        write(t.path() / ("kiosk-" + std::to_string(i % 5)) / (s.session_id + ".json"), session_to_string(s));
    }
    for (int i = 0; i < 40; ++i) {  // copies on a USB stick, some with more votes
        SessionRecord s = session(i * 3);
        if (i % 2) {
            s.polls[0].options[0].count += 1;
            s.polls[0].total += 1;
        }
        write(t.path() / "usb" / (s.session_id + ".json"), session_to_string(s));
    }
    for (int i = 0; i < 10; ++i) write(t.path() / "usb" / ("broken-" + std::to_string(i) + ".json"), "{\"format\": ");

    const SessionCollection one = collect_sessions({t.path()}, 1);
    REQUIRE(one.files_read == 300);
    CHECK(one.sessions.size() == 250);
    CHECK(one.duplicates.size() == 40);
    CHECK(one.problems.size() == 10);
    for (unsigned threads : {2u, 8u}) {
        INFO(threads << " threads");
        const SessionCollection many = collect_sessions({t.path()}, threads);
        CHECK(many.files_read == one.files_read);
        REQUIRE(many.sessions.size() == one.sessions.size());
        for (std::size_t i = 0; i < one.sessions.size(); ++i) {
            CHECK(many.sessions[i].file == one.sessions[i].file);
            CHECK(session_to_string(many.sessions[i].record) == session_to_string(one.sessions[i].record));
        }
        REQUIRE(many.duplicates.size() == one.duplicates.size());
        for (std::size_t i = 0; i < one.duplicates.size(); ++i) {
            CHECK(many.duplicates[i].kept == one.duplicates[i].kept);
            CHECK(many.duplicates[i].copies_differ == one.duplicates[i].copies_differ);
        }
        REQUIRE(many.problems.size() == one.problems.size());
        for (std::size_t i = 0; i < one.problems.size(); ++i) CHECK(many.problems[i].file == one.problems[i].file);
    }
}
