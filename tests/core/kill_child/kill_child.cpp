// upstander-kill-child: the victim of the kill test (tests/core/test_session_store_kill.cpp).
//
//   upstander-kill-child DATA_DIR vote|reveal|end|ballot|handsets|retry [--pause-at write|fsync|rename|dirsync] [--seed N]
//
// Resumes the unfinished session in DATA_DIR (or starts one) through the real SessionStore and
// WorkshopSession, then loops for ever:
//   vote:   votes on the first poll;
//   reveal: votes twice, then closes, reveals and reopens the first poll;
//   end:    votes twice, ends the session and starts a new one;
//   ballot: questionnaire ballots at one booth on the outro's two polls (made one ballot here);
//   handsets: the same ballots from four handsets in turn, each Done at the same moment.
//   retry:  votes on the first poll while the disk now and then fails every write (as when full) for
//           2 to 6 votes: those votes are held in memory ("held N"), then the disk recovers and the
//           session's tick() retries the save until everything is on disk ("retried").
// "confirmed N" always means N votes of this process are on disk: after a vote that saved, or (retry
// mode) after a retry that wrote the held votes; a held vote is counted but not confirmed.
// In the ballot modes "attempt" and "confirmed" count answers (two per ballot), as the files do.
// Every line is flushed at once so that what the parent reads is what had happened when it
// killed us: "ready ID" (session in use), "attempt N" (before the N-th vote call of this process),
// "confirmed N" (after it returned Counted), "revealing"/"revealed", "ending"/"ended ID".
// With --pause-at, the save inside the 4th vote (vote mode), the 2nd reveal or the 2nd
// end_session stops right after that step, prints "paused STEP" and waits to be killed.
// Exit codes: 2 usage, 3 a session file was corrupt or unreadable, 4 a vote was not Counted.

#include "../session_fixtures.hpp"
#include "core/workshop_session.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <unistd.h>

using namespace upstander;

namespace {

void say(const char* fmt, const std::string& arg = {}) {
    std::printf(fmt, arg.c_str());
    std::printf("\n");
    std::fflush(stdout);
}

void say_n(const char* what, long long n) {
    std::printf("%s %lld\n", what, n);
    std::fflush(stdout);
}

[[noreturn]] void pause_here(const std::string& step) {
    say("paused %s", step);
    for (;;) ::pause();
}

// Passes everything to the real file system; while armed, stops after the chosen step.
class PausingFileSystem final : public FileSystem {
public:
    explicit PausingFileSystem(std::string step) : real_(make_native_file_system()), step_(std::move(step)) {}
    bool armed = false;
    bool failing = false;  // every write fails with ENOSPC, as on a full disk

    std::error_code create_directories(const std::filesystem::path& dir, bool& created) override {
        return real_->create_directories(dir, created);
    }
    std::unique_ptr<FileWriter> create_temp_file(const std::filesystem::path& dir, std::string_view stem,
                                                 std::filesystem::path& created, std::error_code& ec) override {
        auto w = real_->create_temp_file(dir, stem, created, ec);
        if (!w) return nullptr;
        return std::make_unique<Writer>(*this, std::move(w));
    }
    std::error_code rename(const std::filesystem::path& from, const std::filesystem::path& to) override {
        auto ec = real_->rename(from, to);
        maybe_pause("rename");
        return ec;
    }
    std::error_code rename_no_replace(const std::filesystem::path& from, const std::filesystem::path& to) override {
        return real_->rename_no_replace(from, to);
    }
    std::error_code sync_directory(const std::filesystem::path& dir) override {
        auto ec = real_->sync_directory(dir);
        maybe_pause("dirsync");
        return ec;
    }
    std::error_code remove(const std::filesystem::path& file) override { return real_->remove(file); }
    std::error_code list_directory(const std::filesystem::path& dir, std::vector<DirEntry>& out) override {
        return real_->list_directory(dir, out);
    }
    std::error_code read_file(const std::filesystem::path& file, std::uintmax_t max_bytes, std::string& out) override {
        return real_->read_file(file, max_bytes, out);
    }
    void maybe_pause(const char* step) {
        if (armed && step_ == step) pause_here(step_);
    }

private:
    class Writer final : public FileWriter {
    public:
        Writer(PausingFileSystem& owner, std::unique_ptr<FileWriter> real) : owner_(owner), real_(std::move(real)) {}
        std::error_code write(std::string_view data) override {
            if (owner_.failing) {  // half of it reaches the temp file, then the disk is full
                (void)real_->write(data.substr(0, data.size() / 2));
                return std::make_error_code(std::errc::no_space_on_device);
            }
            auto ec = real_->write(data);
            owner_.maybe_pause("write");
            return ec;
        }
        std::error_code sync() override {
            auto ec = real_->sync();
            owner_.maybe_pause("fsync");
            return ec;
        }
        std::error_code close() override { return real_->close(); }

    private:
        PausingFileSystem& owner_;
        std::unique_ptr<FileWriter> real_;
    };

    std::unique_ptr<FileSystem> real_;
    std::string step_;
};

struct Child {
    const Library& lib;
    std::filesystem::path dir;
    std::string pause_at;
    PausingFileSystem* pausing = nullptr;  // owned by the current session's store
    std::mt19937 rng;

    SessionStore make_store() {
        auto fs = std::make_unique<PausingFileSystem>(pause_at);
        pausing = fs.get();
        return SessionStore(dir, std::move(fs));
    }

    WorkshopSession open_session() {
        SessionStore store = make_store();
        SessionScan scan = store.find_unfinished();
        if (!scan.error.empty() || !scan.problems.empty()) {
            std::fprintf(stderr, "kill-child: %s\n",
                         scan.error.empty() ? scan.problems.front().message.c_str() : scan.error.c_str());
            std::exit(3);
        }
        if (!scan.unfinished.empty()) {
            Result<ResumedSession> r = WorkshopSession::resume(lib, std::move(store), scan.unfinished.front().record);
            if (!r) {
                std::fprintf(stderr, "kill-child: %s\n", r.message().c_str());
                std::exit(3);
            }
            return std::move(r->session);
        }
        SessionSetup setup;
        setup.group.label = "Kill test";
        setup.date = "2025-05-06";
        return WorkshopSession::start(lib, lib.workshops[0], std::move(store), setup);
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: upstander-kill-child DATA_DIR vote|reveal|end|ballot|handsets|retry [--pause-at STEP] [--seed N]\n");
        return 2;
    }
    const std::string mode = argv[2];
    if (mode != "vote" && mode != "reveal" && mode != "end" && mode != "ballot" && mode != "handsets" &&
        mode != "retry") {
        std::fprintf(stderr, "kill-child: unknown mode %s\n", mode.c_str());
        return 2;
    }
    std::string pause_at;
    unsigned seed = std::random_device{}();
    for (int i = 3; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--pause-at") == 0) pause_at = argv[i + 1];
        else if (std::strcmp(argv[i], "--seed") == 0) seed = static_cast<unsigned>(std::strtoul(argv[i + 1], nullptr, 10));
        else {
            std::fprintf(stderr, "kill-child: unknown option %s\n", argv[i]);
            return 2;
        }
    }

    Library lib = test::make_library();
    const bool ballots = mode == "ballot" || mode == "handsets";
    if (ballots) {  // the outro's post-report and post-know polls become one ballot
        lib.packs[0].modules[2].steps[0].poll->ballot_together = true;
        lib.packs[0].modules[2].steps[1].poll->ballot_together = true;
    }
    Child child{lib, argv[1], pause_at, nullptr, std::mt19937(seed)};
    WorkshopSession session = child.open_session();
    say("ready %s", session.record().session_id);

    // Made-up time: each vote is 2 s after the last, past the 1.5 s cooldown.
    SteadyTime now = std::chrono::steady_clock::now();
    const auto session_retry_step = std::chrono::seconds(3);  // past the store's 2 s retry interval
    long long attempts = 0, confirmed = 0, counted = 0, reveals = 0, ends = 0;
    int failing_for = 0;  // retry mode: votes left before the disk recovers
    auto vote = [&] {
        // Single votes go to the intro's first poll (a ballot run may have left the outro on screen).
        if (!session.current_step_is_poll() || session.position().module != test::kIntro) {
            session.jump_to_module(test::kIntro);
            session.next();  // the first poll: pre-report
        }
        // A kill between close and reopen leaves the poll closed or revealed.
        if (session.current_poll(now)->state != PollState::Open) session.reopen();
        now += std::chrono::seconds(2);
        const int option = static_cast<int>(child.rng() % 5);
        say_n("attempt", ++attempts);
        if (mode == "vote" && attempts == 4 && child.pausing) child.pausing->armed = true;
        const VoteOutcome o = session.vote(option, now);
        if (o == VoteOutcome::CountedHeldInMemory && mode == "retry") {
            say_n("held", ++counted);
            return;
        }
        if (o != VoteOutcome::Counted) {
            std::fprintf(stderr, "kill-child: vote returned %s: %s\n", to_string(o), session.save_status().banner.c_str());
            std::exit(4);
        }
        confirmed = ++counted;  // the save wrote the whole record: every vote so far
        say_n("confirmed", confirmed);
    };
    // Retry mode: the disk fails for a few votes, then recovers and the held votes are retried.
    auto disk_weather = [&] {
        PausingFileSystem& disk = *child.pausing;
        if (failing_for == 0 && !disk.failing && child.rng() % 4 == 0) {
            failing_for = 2 + static_cast<int>(child.rng() % 5);
            disk.failing = true;
            say("disk full");
        } else if (disk.failing && --failing_for <= 0) {
            disk.failing = false;
            say("disk back");
            for (int tries = 0; !session.tick(now); ++tries) {  // the first tick schedules the retry
                if (tries > 3) {
                    std::fprintf(stderr, "kill-child: the retry did not save: %s\n", session.save_status().banner.c_str());
                    std::exit(4);
                }
                now += session_retry_step;
            }
            confirmed = counted;
            say("retried");
            say_n("confirmed", confirmed);
        }
    };
    int handset = 0;
    auto ballot = [&] {
        if (!session.current_step_is_ballot()) session.jump_to_module(test::kOutro);
        if (session.ballot_polls(now).front().state != PollState::Open) session.reopen();
        const VoterDevice device = mode == "ballot" ? booth_device(1) : handset_device(1 + handset++ % 4);
        if (mode == "ballot" || handset % 4 == 1) now += std::chrono::seconds(2);
        session.ballot_answer(device, static_cast<int>(child.rng() % 5), now);
        session.ballot_answer(device, static_cast<int>(child.rng() % 3), now);
        attempts += 2;
        say_n("attempt", attempts);
        const VoteOutcome o = session.ballot_done(device, now);
        if (o != VoteOutcome::Counted) {
            std::fprintf(stderr, "kill-child: ballot returned %s: %s\n", to_string(o), session.save_status().banner.c_str());
            std::exit(4);
        }
        confirmed += 2;
        say_n("confirmed", confirmed);
    };
    for (;;) {
        if (ballots) {
            ballot();
            continue;
        }
        if (mode == "retry") disk_weather();
        vote();
        if (mode == "vote" || mode == "retry") continue;
        vote();
        if (mode == "reveal") {
            session.close_voting();
            say("revealing");
            if (++reveals == 2 && child.pausing) child.pausing->armed = true;
            session.reveal();
            say("revealed");
            session.reopen();
        } else {
            say("ending");
            if (++ends == 2 && child.pausing) child.pausing->armed = true;
            const bool saved = session.end_session();
            if (!saved) {
                std::fprintf(stderr, "kill-child: end_session did not save: %s\n", session.save_status().banner.c_str());
                return 4;
            }
            say("ended %s", session.record().session_id);
            session = child.open_session();
            say("ready %s", session.record().session_id);
        }
    }
}
