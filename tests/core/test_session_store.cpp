// The session store: atomic saves under every injected fault, retries, file names, the data
// folder, finding unfinished sessions, and corrupt files moved aside (never overwritten or deleted).

#include "core/session_store.hpp"
#include "faulty_fs.hpp"
#include "session_fixtures.hpp"
#include "temp_dir.hpp"

#include "core/platform_paths.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace upstander;
using namespace upstander::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const SteadyTime t0 = SteadyTime{} + 1000h;

SessionRecord record(const std::string& id = "0123456789abcdef0123456789abcdef", const std::string& date = "2025-03-01",
                     long long yes = 0) {
    return one_poll_record(id, date, yes);
}

long long yes_on_disk(const fs::path& file) {
    const auto r = session_from_string(read_text(file));
    REQUIRE(r.session);
    return r.session->polls[0].options[0].count;
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("the session folder defaults to XDG_DATA_HOME, then ~/.local/share", "[session_store]") {
#ifdef _WIN32
    // Windows: %LOCALAPPDATA%\Upstander\sessions (core/platform_paths.cpp).
    CHECK(default_session_dir() == upstander::user_data_dir() / "sessions");
    CHECK(upstander::user_data_dir().filename() == "Upstander");
    CHECK(upstander::user_data_dir().is_absolute());
#else
    CHECK(default_session_dir("/data", "/home/f") == fs::path("/data/upstander/sessions"));
    CHECK(default_session_dir("", "/home/f") == fs::path("/home/f/.local/share/upstander/sessions"));
    CHECK(default_session_dir(nullptr, "/home/f") == fs::path("/home/f/.local/share/upstander/sessions"));
    CHECK(default_session_dir("relative/dir", "/home/f") == fs::path("/home/f/.local/share/upstander/sessions"));
    CHECK(default_session_dir(nullptr, nullptr).empty());
#endif
    const std::string today = local_date_today();
    CHECK(today.size() == 10);
    CHECK(today[4] == '-');
}

TEST_CASE("save writes <date>-<id>.json atomically, creating the folder", "[session_store]") {
    TempDir tmp;
    const fs::path dir = tmp / "deep/sessions";
    SessionStore store(dir);
    const SessionRecord r = record("0123456789abcdef0123456789abcdef", "2025-03-01", 3);
    CHECK(SessionStore::file_name(r) == "2025-03-01-0123456789abcdef0123456789abcdef.json");
    REQUIRE(store.save(r));
    CHECK(store.status().on_disk);
    CHECK(store.status().banner.empty());
    CHECK(names_in(dir) == std::vector<std::string>{"2025-03-01-0123456789abcdef0123456789abcdef.json"});
    CHECK(read_text(store.path_for(r)) == session_to_string(r));
    CHECK(yes_on_disk(store.path_for(r)) == 3);
}

TEST_CASE("every injected fault keeps the last good file and reports a banner", "[session_store][faults]") {
    TempDir tmp;
    auto owned = std::make_unique<FaultyFileSystem>();
    FaultyFileSystem& ffs = *owned;
    SessionStore store(tmp.path(), std::move(owned));
    REQUIRE(store.save(record("0123456789abcdef0123456789abcdef", "2025-03-01", 1)));
    const SessionRecord two = record("0123456789abcdef0123456789abcdef", "2025-03-01", 2);
    const fs::path file = store.path_for(two);

    struct Case {
        FsOp op;
        std::errc code;
        const char* step;
        const char* reason;
        bool file_updated;  // the rename happened before the failure
    };
    const Case cases[] = {
        {FsOp::CreateDirs, std::errc::read_only_file_system, "create the folder", "the folder is read-only", false},
        {FsOp::Open, std::errc::read_only_file_system, "create a temporary file", "the folder is read-only", false},
        {FsOp::Open, std::errc::permission_denied, "create a temporary file", "permission denied", false},
        {FsOp::Write, std::errc::no_space_on_device, "write", "disk full", false},
        {FsOp::Write, std::errc::io_error, "write", "the disk reported an error", false},
        {FsOp::Sync, std::errc::io_error, "fsync", "the disk reported an error", false},
        {FsOp::Sync, std::errc::no_space_on_device, "fsync", "disk full", false},
        {FsOp::Close, std::errc::io_error, "close", "the disk reported an error", false},
        {FsOp::Rename, std::errc::permission_denied, "rename", "permission denied", false},
        {FsOp::Rename, std::errc::no_space_on_device, "rename", "disk full", false},
        {FsOp::SyncDir, std::errc::io_error, "fsync the folder", "the disk reported an error", true},
    };
    for (const Case& c : cases) {
        INFO("fault in " << c.step << ": " << std::make_error_code(c.code).message());
        ffs.clear();
        REQUIRE(store.save(record("0123456789abcdef0123456789abcdef", "2025-03-01", 1)));
        ffs.fail(c.op, c.code);
        CHECK_FALSE(store.save(two));
        const SaveStatus& st = store.status();
        CHECK_FALSE(st.on_disk);
        CHECK(st.failed_step == c.step);
        CHECK(st.error == std::make_error_code(c.code));
        CHECK(st.banner == "Cannot save to " + tmp.path().string() + ": " + c.reason +
                               ". Votes are kept in memory and saving will be retried.");
        // The session file is complete: the old state, or (only when the folder sync failed) the new.
        CHECK(yes_on_disk(file) == (c.file_updated ? 2 : 1));
        // No half-written temporary file is left behind.
        CHECK(names_in(tmp.path()) == std::vector<std::string>{file.filename().string()});

        // Retry: the first tick schedules, a tick before the interval does nothing, then it saves.
        ffs.clear();
        CHECK_FALSE(store.tick(two, t0));
        CHECK(store.next_retry() == t0 + store.retry_interval());
        CHECK_FALSE(store.tick(two, t0 + 1ms));
        CHECK(yes_on_disk(file) == (c.file_updated ? 2 : 1));
        CHECK(store.tick(two, t0 + store.retry_interval()));
        CHECK(store.status().on_disk);
        CHECK(store.status().banner.empty());
        CHECK(yes_on_disk(file) == 2);
    }
}

TEST_CASE("a save that keeps failing is retried every interval until it works", "[session_store][faults]") {
    TempDir tmp;
    auto owned = std::make_unique<FaultyFileSystem>();
    FaultyFileSystem& ffs = *owned;
    SessionStore store(tmp.path(), std::move(owned));
    store.set_retry_interval(500ms);
    ffs.fail(FsOp::Write, std::errc::no_space_on_device);  // disk full
    CHECK_FALSE(store.save(record("0123456789abcdef0123456789abcdef", "2025-03-01", 1)));
    CHECK(store.status().failures_in_a_row == 1);
    CHECK(store.status().banner.find(": disk full. Votes are kept in memory") != std::string::npos);
    const SessionRecord latest = record("0123456789abcdef0123456789abcdef", "2025-03-01", 5);
    CHECK_FALSE(store.save(latest));  // the next vote's save tries again at once
    CHECK(store.status().failures_in_a_row == 2);
    CHECK_FALSE(store.tick(latest, t0));          // schedules t0 + 500 ms
    CHECK_FALSE(store.tick(latest, t0 + 500ms));  // retries, fails, schedules t0 + 1 s
    CHECK(store.status().failures_in_a_row == 3);
    CHECK(store.next_retry() == t0 + 1000ms);
    CHECK_FALSE(store.tick(latest, t0 + 999ms));
    CHECK(ffs.failures(FsOp::Write) == 3);
    ffs.clear();  // space freed
    CHECK(store.tick(latest, t0 + 1000ms));
    CHECK(yes_on_disk(store.path_for(latest)) == 5);
    CHECK(store.status().failures_in_a_row == 0);
    CHECK_FALSE(store.next_retry().has_value());
}

TEST_CASE("a data folder that is a file cannot be used and says so", "[session_store][faults]") {
    TempDir tmp;
    write_text(tmp / "not-a-folder", "x");
    SessionStore store(tmp / "not-a-folder");
    CHECK_FALSE(store.save(record()));
    CHECK(store.status().failed_step == "create the folder");
    CHECK(store.status().banner == "Cannot save to " + (tmp / "not-a-folder").string() +
                                       ": the path is not a folder. Votes are kept in memory and saving will be retried.");
    CHECK(read_text(tmp / "not-a-folder") == "x");
}

TEST_CASE("find_unfinished lists in-progress sessions, newest first", "[session_store][resume]") {
    TempDir tmp;
    SessionStore store(tmp.path());
    SessionRecord older = record("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "2025-01-10", 4);
    SessionRecord newer = record("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "2025-02-20", 7);
    SessionRecord same_day_later = record("cccccccccccccccccccccccccccccccc", "2025-01-10", 1);
    SessionRecord finished = record("dddddddddddddddddddddddddddddddd", "2025-03-01", 2);
    finished.status = SessionStatus::Finished;
    REQUIRE(store.save(older));
    REQUIRE(store.save(newer));
    REQUIRE(store.save(same_day_later));
    REQUIRE(store.save(finished));
    // Same day: the more recently written file comes first.
    const auto now = fs::file_time_type::clock::now();
    fs::last_write_time(store.path_for(older), now - 1h);
    fs::last_write_time(store.path_for(same_day_later), now);
    // Leftovers that are not session files are ignored.
    write_text(tmp / ".2025-01-10-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json.tmp", "{\"half");
    write_text(tmp / "notes.txt", "hello");
    fs::create_directory(tmp / "sub.json");

    const SessionScan scan = store.find_unfinished();
    CHECK(scan.error.empty());
    CHECK(scan.problems.empty());
    REQUIRE(scan.unfinished.size() == 3);
    CHECK(scan.unfinished[0].record.session_id == newer.session_id);
    CHECK(scan.unfinished[1].record.session_id == same_day_later.session_id);
    CHECK(scan.unfinished[2].record.session_id == older.session_id);
    CHECK(scan.unfinished[2].record.polls[0].total == 4);
    CHECK(scan.unfinished[0].file == store.path_for(newer));
}

TEST_CASE("a missing folder has no sessions and is not an error", "[session_store][resume]") {
    TempDir tmp;
    SessionStore store(tmp / "not-yet");
    const SessionScan scan = store.find_unfinished();
    CHECK(scan.unfinished.empty());
    CHECK(scan.problems.empty());
    CHECK(scan.error.empty());
}

TEST_CASE("corrupt session files are reported and moved aside, never overwritten or deleted",
          "[session_store][resume][corrupt]") {
    TempDir tmp;
    SessionStore store(tmp.path());
    const SessionRecord good = record("0123456789abcdef0123456789abcdef", "2025-03-01", 2);
    REQUIRE(store.save(good));
    const std::string truncated = session_to_string(good).substr(0, 100);
    write_text(tmp / "2025-03-02-1111111111111111111111111111111a.json", truncated);
    write_text(tmp / "2025-03-03-2222222222222222222222222222222b.json", "");
    std::string bad_total = session_to_string(record("3333333333333333333333333333333c", "2025-03-04", 2));
    bad_total.replace(bad_total.find("\"total\": 2"), 10, "\"total\": 9");
    write_text(tmp / "2025-03-04-3333333333333333333333333333333c.json", bad_total);
    // A .corrupt file from an earlier run with the same name must survive.
    write_text(tmp / "2025-03-02-1111111111111111111111111111111a.json.corrupt", "earlier");
    // Left alone: other JSON, and a file from a newer Upstander.
    write_text(tmp / "settings.json", "{\"theme\": \"dark\"}");
    std::string newer = session_to_string(record("4444444444444444444444444444444d", "2025-03-05", 1));
    newer.replace(newer.find("\"schema_version\": 1"), 19, "\"schema_version\": 7");
    write_text(tmp / "2025-03-05-4444444444444444444444444444444d.json", newer);

    const SessionScan scan = store.find_unfinished();
    REQUIRE(scan.unfinished.size() == 1);
    CHECK(scan.unfinished[0].record.session_id == good.session_id);
    REQUIRE(scan.problems.size() == 5);

    auto problem_for = [&](const std::string& name) -> const SessionFileProblem& {
        for (const auto& p : scan.problems)
            if (p.file.filename() == name) return p;
        FAIL("no problem reported for " << name);
        return scan.problems.front();
    };
    const auto& p1 = problem_for("2025-03-02-1111111111111111111111111111111a.json");
    CHECK(p1.moved_to.filename() == "2025-03-02-1111111111111111111111111111111a.json.corrupt-1");
    CHECK(p1.message.find("not valid JSON") != std::string::npos);
    CHECK(p1.message.find("moved aside") != std::string::npos);
    CHECK(read_text(p1.moved_to) == truncated);
    CHECK(read_text(tmp / "2025-03-02-1111111111111111111111111111111a.json.corrupt") == "earlier");

    const auto& p2 = problem_for("2025-03-03-2222222222222222222222222222222b.json");
    CHECK(p2.moved_to.filename() == "2025-03-03-2222222222222222222222222222222b.json.corrupt");
    CHECK(fs::exists(p2.moved_to));

    const auto& p3 = problem_for("2025-03-04-3333333333333333333333333333333c.json");
    CHECK(p3.message.find("/polls/0/total: is 9 but the option counts add up to 2") != std::string::npos);
    CHECK(read_text(p3.moved_to) == bad_total);

    const auto& p4 = problem_for("settings.json");
    CHECK(p4.moved_to.empty());
    CHECK(read_text(tmp / "settings.json") == "{\"theme\": \"dark\"}");

    const auto& p5 = problem_for("2025-03-05-4444444444444444444444444444444d.json");
    CHECK(p5.moved_to.empty());
    CHECK(p5.message.find("newer than this Upstander") != std::string::npos);
    CHECK(read_text(tmp / "2025-03-05-4444444444444444444444444444444d.json") == newer);

    // A second scan finds the same two left-alone files and nothing else to move.
    const SessionScan again = store.find_unfinished();
    CHECK(again.problems.size() == 2);
    CHECK(again.unfinished.size() == 1);
}

TEST_CASE("a corrupt file that cannot be moved aside is reported and left in place", "[session_store][corrupt]") {
    TempDir tmp;
    auto owned = std::make_unique<FaultyFileSystem>();
    FaultyFileSystem& ffs = *owned;
    SessionStore store(tmp.path(), std::move(owned));
    write_text(tmp / "2025-03-02-1111111111111111111111111111111a.json", "{");
    ffs.fail(FsOp::RenameNoReplace, std::errc::read_only_file_system);
    const SessionLoad load = store.load(tmp / "2025-03-02-1111111111111111111111111111111a.json");
    CHECK_FALSE(load.record);
    REQUIRE(load.problem);
    CHECK(load.problem->moved_to.empty());
    CHECK(load.problem->message.find("could not be moved aside") != std::string::npos);
    CHECK(read_text(tmp / "2025-03-02-1111111111111111111111111111111a.json") == "{");
}

TEST_CASE("an unreadable session file is reported but not moved", "[session_store][corrupt]") {
    TempDir tmp;
    auto owned = std::make_unique<FaultyFileSystem>();
    FaultyFileSystem& ffs = *owned;
    SessionStore store(tmp.path(), std::move(owned));
    REQUIRE(store.save(record()));
    ffs.fail(FsOp::Read, std::errc::io_error);
    const SessionScan scan = store.find_unfinished();
    CHECK(scan.unfinished.empty());
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].moved_to.empty());
    CHECK(scan.problems[0].message.find("cannot be read") != std::string::npos);
    CHECK(fs::exists(store.path_for(record())));
}

TEST_CASE("load reads one chosen session file", "[session_store][resume]") {
    TempDir tmp;
    SessionStore store(tmp.path());
    REQUIRE(store.save(record("0123456789abcdef0123456789abcdef", "2025-03-01", 6)));
    const SessionLoad load = store.load(store.path_for(record()));
    REQUIRE(load.record);
    CHECK_FALSE(load.problem);
    CHECK(load.record->polls[0].total == 6);
}
