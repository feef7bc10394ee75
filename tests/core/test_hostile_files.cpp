// Files planted to trick the kiosk and its tools: a symbolic link or a FIFO at a temp file's name,
// and a session file that is a FIFO. Nothing is written through a link, nothing blocks, and the
// message says what is wrong.

#include "core/atomic_file.hpp"
#include "core/safe_path.hpp"
#include "core/session_store.hpp"
#include "faulty_fs.hpp"
#include "session_fixtures.hpp"
#include "temp_dir.hpp"
#include "pack_test_util.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

using namespace upstander;
using namespace upstander::test;
namespace fs = std::filesystem;

namespace {

SessionRecord one_session() { return one_poll_record("0123456789abcdef0123456789abcdef", "2025-03-01", 3); }

// Holds the read end of a FIFO open (without blocking), so that a writer that does open the FIFO
// does not hang the test: the old code's failure then shows as a FIFO where the file should be.
struct FifoReader {
    int fd = -1;
    explicit FifoReader(const fs::path& p) { fd = ::open(p.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC); }
    ~FifoReader() {
        if (fd >= 0) ::close(fd);
    }
};

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

// [SECTION] Temp files

TEST_CASE("a symbolic link planted at the session's temp name is not written through", "[hostile][session_store]") {
    TempDir tmp;
    const fs::path dir = tmp / "sessions";
    fs::create_directories(dir);
    const fs::path victim = tmp / "victim.txt";
    write_text(victim, "precious");
    const SessionRecord r = one_session();
    SessionStore store(dir);
    const fs::path planted = dir / ("." + SessionStore::file_name(r) + ".tmp");
    fs::create_symlink(victim, planted);

    REQUIRE(store.save(r));
    CHECK(read_text(victim) == "precious");
    CHECK(fs::is_symlink(fs::symlink_status(planted)));
    CHECK(fs::is_regular_file(fs::symlink_status(store.path_for(r))));
    CHECK(read_text(store.path_for(r)) == session_to_string(r));
}

TEST_CASE("a FIFO planted at the session's temp name neither blocks the save nor replaces the file",
          "[hostile][session_store]") {
    TempDir tmp;
    const SessionRecord r = one_session();
    SessionStore store(tmp.path());
    const fs::path planted = tmp / ("." + SessionStore::file_name(r) + ".tmp");
    REQUIRE(::mkfifo(planted.c_str(), 0600) == 0);
    FifoReader reader(planted);
    REQUIRE(reader.fd >= 0);

    REQUIRE(store.save(r));
    CHECK(fs::is_regular_file(fs::symlink_status(store.path_for(r))));
    CHECK(read_text(store.path_for(r)) == session_to_string(r));
    CHECK(fs::is_fifo(fs::symlink_status(planted)));
}


TEST_CASE("temp file names are new each time and never left behind", "[hostile][session_store]") {
    TempDir tmp;
    auto fs_impl = make_native_file_system();
    fs::path a, b;
    std::error_code ec;
    auto wa = fs_impl->create_temp_file(tmp.path(), "x.json", a, ec);
    REQUIRE(wa);
    auto wb = fs_impl->create_temp_file(tmp.path(), "x.json", b, ec);
    REQUIRE(wb);
    CHECK(a != b);
    CHECK(a.parent_path() == tmp.path());
    CHECK(a.filename().string().rfind(".x.json.", 0) == 0);
    CHECK(a.extension() == ".tmp");
    CHECK(a.filename().string().size() == std::string(".x.json.").size() + 12 + 4);
    wa.reset();
    wb.reset();
    fs::remove(a);
    fs::remove(b);

    SessionStore store(tmp / "s");
    REQUIRE(store.save(one_session()));
    CHECK(names_in(tmp / "s") == std::vector<std::string>{SessionStore::file_name(one_session())});
}

TEST_CASE("write_file_atomically does not write through a link or a FIFO at the old temp name",
          "[hostile][atomic_file]") {
    TempDir tmp;
    const fs::path victim = tmp / "victim.txt";
    write_text(victim, "precious");
    const fs::path target = tmp / "report.csv";
    fs::create_symlink(victim, tmp / "report.csv.tmp");
    CHECK(write_file_atomically(target, "a,b\r\n").empty());
    CHECK(read_text(victim) == "precious");
    CHECK(read_text(target) == "a,b\r\n");

    const fs::path target2 = tmp / "report.html";
    const fs::path fifo = tmp / "report.html.tmp";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    FifoReader reader(fifo);
    REQUIRE(reader.fd >= 0);
    CHECK(write_file_atomically(target2, "<html>").empty());
    CHECK(fs::is_regular_file(fs::symlink_status(target2)));
    CHECK(read_text(target2) == "<html>");
    // Only the planted entries and the two results are left: no temp file.
    CHECK(names_in(tmp.path()) ==
          std::vector<std::string>{"report.csv", "report.csv.tmp", "report.html", "report.html.tmp", "victim.txt"});
}

TEST_CASE("write_file_atomically replaces a symbolic link at the target instead of writing through it",
          "[hostile][atomic_file]") {
    TempDir tmp;
    const fs::path victim = tmp / "victim.txt";
    write_text(victim, "precious");
    const fs::path target = tmp / "out.json";
    fs::create_symlink(victim, target);
    CHECK(write_file_atomically(target, "{}").empty());
    CHECK(read_text(victim) == "precious");
    CHECK(fs::is_regular_file(fs::symlink_status(target)));
}


TEST_CASE("write_file_atomically still goes through the fault-injection seam", "[hostile][atomic_file][faults]") {
    TempDir tmp;
    FaultyFileSystem ffs;
    ffs.fail(FsOp::Sync, std::errc::io_error, 1);
    const std::string err = write_file_atomically(tmp / "a.txt", "hello", ffs);
    CHECK(err.find("the disk reported an error") != std::string::npos);
    CHECK(names_in(tmp.path()).empty());  // the temp file was removed
    ffs.fail(FsOp::Open, std::errc::read_only_file_system, 1);
    CHECK(write_file_atomically(tmp / "a.txt", "hello", ffs).find("read-only") != std::string::npos);
    CHECK(write_file_atomically(tmp / "a.txt", "hello", ffs).empty());
    CHECK(read_text(tmp / "a.txt") == "hello");
}

// [SECTION] Reading files that block

TEST_CASE("a session file that is a FIFO is refused at once with a clear message", "[hostile][session_store]") {
    TempDir tmp;
    const fs::path fifo = tmp / "2025-03-01-0123456789abcdef0123456789abcdef.json";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    SessionStore store(tmp.path());
    const SessionLoad load = store.load(fifo);
    CHECK_FALSE(load.record);
    REQUIRE(load.problem);
    CHECK(load.problem->message.find("not a regular file") != std::string::npos);
    CHECK(load.problem->moved_to.empty());
    CHECK(fs::is_fifo(fs::symlink_status(fifo)));
}

TEST_CASE("read_regular_file refuses FIFOs, devices and folders without blocking", "[hostile][safe_path]") {
    TempDir tmp;
    const fs::path fifo = tmp / "f.json";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string out = "x";
    CHECK(read_regular_file(fifo, 1024, out) == std::errc::invalid_argument);
    CHECK(out.empty());
    CHECK(read_regular_file("/dev/zero", 1024, out) == std::errc::invalid_argument);
    CHECK(read_regular_file(tmp.path(), 1024, out) == std::errc::invalid_argument);
    CHECK(describe_read_error(std::make_error_code(std::errc::invalid_argument)).find("not a regular file") !=
          std::string::npos);

    write_text(tmp / "ok.json", "{}");
    CHECK_FALSE(read_regular_file(tmp / "ok.json", 1024, out));
    CHECK(out == "{}");
    CHECK(read_regular_file(tmp / "ok.json", 1, out) == std::errc::file_too_large);
    fs::create_symlink(tmp / "ok.json", tmp / "link.json");
    CHECK_FALSE(read_regular_file(tmp / "link.json", 1024, out));
    CHECK(read_regular_file(tmp / "link.json", 1024, out, false) == std::errc::too_many_symbolic_link_levels);
}

// [SECTION] Module files that lead out of the pack
// The app's loader skips such a pack; tests/tools/pack_validate_links.cmake checks that
// `upstander-pack validate` reports the same error (it once said "0 errors").

TEST_CASE("a module file that is a link to /etc/passwd, /dev/zero or ../../.. makes the pack fail to load",
          "[hostile][pack_loader]") {
    for (const char* target : {"/etc/passwd", "/dev/zero", "../../.."}) {
        INFO(target);
        TempDir tmp;
        const fs::path dir = tmp / "pack";
        PackBuilder b;
        b.write(dir);
        fs::create_symlink(target, dir / "modules" / "evil.json");
        const Library lib = load_library({dir});
        CHECK(lib.packs.empty());
        REQUIRE(lib.problems.size() == 1);
        const Diagnostic* d = find_diag(lib.diagnostics, "modules/evil.json", "");
        REQUIRE(d);
        CHECK(d->severity == Diagnostic::Severity::Error);
        CHECK(d->message.find("outside the pack folder") != std::string::npos);
    }
}

TEST_CASE("temp files left by an interrupted save are removed when the folder is scanned", "[hostile][session_store]") {
    TempDir tmp;
    const std::string leftover = ".2025-03-01-0123456789abcdef0123456789abcdef.json.Ab3dE6gH9jK1.tmp";
    CHECK(is_leftover_temp(leftover));
    CHECK_FALSE(is_leftover_temp(".2025-03-01-0123456789abcdef0123456789abcdef.json.tmp"));
    CHECK_FALSE(is_leftover_temp(".notes.txt.Ab3dE6gH9jK1.tmp"));
    CHECK_FALSE(is_leftover_temp("2025-03-01-x.json"));
    write_text(tmp / leftover, "{\"half");
    write_text(tmp / ".other.tmp", "kept");
    SessionStore store(tmp.path());
    const SessionScan scan = store.find_unfinished();
    CHECK(scan.problems.empty());
    CHECK(names_in(tmp.path()) == std::vector<std::string>{".other.tmp"});
}

TEST_CASE("read_regular_file_head reads a prefix and refuses a FIFO without blocking", "[hostile][safe_path]") {
    TempDir tmp;
    write_text(tmp / "a.png", "\x89PNG\r\n\x1a\nrest of the file");
    std::string head;
    CHECK_FALSE(read_regular_file_head(tmp / "a.png", 8, head));
    CHECK(head == "\x89PNG\r\n\x1a\n");
    CHECK_FALSE(read_regular_file_head(tmp / "a.png", 1000, head));
    CHECK(head.size() == 24);
    REQUIRE(::mkfifo((tmp / "f.png").c_str(), 0600) == 0);
    CHECK(read_regular_file_head(tmp / "f.png", 8, head) == std::errc::invalid_argument);
    CHECK(head.empty());
}

TEST_CASE("a module file or pack.json that is a FIFO is reported without blocking the loader",
          "[hostile][pack_loader]") {
    TempDir tmp;
    const fs::path dir = tmp / "pack";
    PackBuilder b;
    b.write(dir);
    REQUIRE(::mkfifo((dir / "modules" / "fifo.json").c_str(), 0600) == 0);
    const PackLoadResult r = load_pack(dir);
    CHECK_FALSE(r.ok());
    const Diagnostic* d = find_diag(r.diagnostics, "modules/fifo.json", "");
    REQUIRE(d);
    CHECK_THAT(d->message, Catch::Contains("not a regular file"));

    const fs::path dir2 = tmp / "pack2";
    fs::create_directories(dir2);
    REQUIRE(::mkfifo((dir2 / "pack.json").c_str(), 0600) == 0);
    const PackLoadResult r2 = load_pack(dir2);
    CHECK_FALSE(r2.ok());
    CHECK(find_diag(r2.diagnostics, "pack.json", ""));
}
