// Questionnaire ballots: the pack format, navigation over a ballot, all-or-nothing counting in one
// save, Void of the whole ballot, abandoning, per-device cooldowns, no linkage in the file, and a
// disk that fills during a ballot.

#include "core/ballot.hpp"
#include "core/navigation.hpp"
#include "core/workshop_session.hpp"
#include "faulty_fs.hpp"
#include "pack_test_util.hpp"
#include "session_fixtures.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace upstander;
using namespace upstander::test;
using namespace std::chrono_literals;
using Severity = Diagnostic::Severity;

namespace {

const SteadyTime t0 = SteadyTime{} + 1000h;
const char* kId = "0123456789abcdef0123456789abcdef";

SessionSetup ballot_setup() {
    SessionSetup s;
    s.group.label = "Year 8";
    s.date = "2025-06-01";
    s.session_id = kId;
    return s;
}

// The fixture library with the intro's two "pre" polls (steps 1 and 2) as one ballot.
Library ballot_library() {
    Library lib = make_library();
    lib.packs[0].modules[0].steps[1].poll->ballot_together = true;
    lib.packs[0].modules[0].steps[2].poll->ballot_together = true;
    return lib;
}

std::string file_text(const fs::path& file) { return read_text(file); }

long long count_of(const fs::path& file, const std::string& poll, const std::string& option) {
    auto r = session_from_string(file_text(file));
    REQUIRE(r.session);
    const SessionPoll* p = r.session->find_poll("fixture", poll);
    REQUIRE(p != nullptr);
    for (const auto& o : p->options)
        if (o.id == option) return o.count;
    FAIL("no option " << option);
    return -1;
}

// Goes to the ballot (intro, step 1).
void to_ballot(WorkshopSession& s) {
    REQUIRE(s.next());
    REQUIRE(s.position().step == 1);
    REQUIRE(s.current_step_is_ballot());
}

// One complete ballot from `device`: Likert option `a`, yes-no option `b`, then Done.
VoteOutcome cast_ballot(WorkshopSession& s, VoterDevice device, int a, int b, SteadyTime at) {
    REQUIRE(s.ballot_answer(device, a, at) == BallotInput::Answered);
    REQUIRE(s.ballot_answer(device, b, at + 1s) == BallotInput::Answered);
    return s.ballot_done(device, at + 2s);
}

}  // namespace

// [SECTION] Groups and navigation

TEST_CASE("consecutive together polls form one ballot, and navigation treats it as one step", "[ballot]") {
    const Library lib = ballot_library();
    const Module& intro = lib.packs[0].modules[0];
    CHECK(ballot_group_at(intro, 1) == std::vector<std::size_t>{1, 2});
    CHECK(ballot_group_at(intro, 2).empty());  // inside the group
    CHECK(ballot_group_at(intro, 3) == std::vector<std::size_t>{3});  // an ordinary poll
    CHECK(ballot_group_at(intro, 0).empty());  // not a poll
    CHECK(inside_ballot_group(intro, 2));
    CHECK(ballot_group_start(intro, 2) == 1);

    Navigator nav(lib.workshops[0]);
    REQUIRE(nav.next());
    CHECK(nav.position().step == 1);
    REQUIRE(nav.next());
    CHECK(nav.position().step == 3);  // the ballot's second question is not a step of its own
    REQUIRE(nav.back());
    CHECK(nav.position().step == 1);
    // A saved position inside a ballot resumes at its first question.
    REQUIRE(nav.set_position(NavPosition{0, 2, -1}));
    CHECK(nav.position().step == 1);
}

TEST_CASE("device labels", "[ballot]") {
    CHECK(device_label(screen_device()) == "Projector screen");
    CHECK(device_label(booth_device(2)) == "Booth 2");
    CHECK(device_label(handset_device(3)) == "Handset 3");
}

// [SECTION] All or nothing, in one save

TEST_CASE("a ballot counts nothing until Done, then every answer in one save", "[ballot]") {
    TempDir tmp;
    const Library lib = ballot_library();
    auto fs_owned = std::make_unique<FaultyFileSystem>();
    FaultyFileSystem& ffs = *fs_owned;
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path(), std::move(fs_owned)), ballot_setup());
    to_ballot(s);
    const fs::path file = s.session_file();
    const std::string before = file_text(file);
    const int renames_before = ffs.calls(FsOp::Rename);

    auto v = s.ballot_view(booth_device(1), t0);
    REQUIRE(v);
    CHECK(v->question == 0);
    CHECK(v->questions == 2);
    CHECK(v->poll->id == "pre-report");
    CHECK_FALSE(v->can_done);

    REQUIRE(s.ballot_answer(booth_device(1), 3, t0) == BallotInput::Answered);
    v = s.ballot_view(booth_device(1), t0);
    CHECK(v->question == 1);
    CHECK(v->poll->id == "pre-know");
    CHECK(file_text(file) == before);  // nothing saved for an answer
    // Back, change the first answer, then on.
    REQUIRE(s.ballot_back(booth_device(1), t0 + 1s));
    CHECK(s.ballot_view(booth_device(1), t0)->answer == 3);
    REQUIRE(s.ballot_answer(booth_device(1), 4, t0 + 2s) == BallotInput::Answered);
    CHECK(s.ballot_done(booth_device(1), t0 + 3s) == VoteOutcome::InvalidOption);  // question 2 unanswered
    REQUIRE(s.ballot_answer(booth_device(1), 0, t0 + 3s) == BallotInput::Answered);
    CHECK(s.ballot_view(booth_device(1), t0)->can_done);
    CHECK(file_text(file) == before);
    CHECK(ffs.calls(FsOp::Rename) == renames_before);

    CHECK(s.ballot_done(booth_device(1), t0 + 4s) == VoteOutcome::Counted);
    CHECK(ffs.calls(FsOp::Rename) == renames_before + 1);  // one durable save for the whole ballot
    CHECK(count_of(file, "pre-report", "strongly-agree") == 1);
    CHECK(count_of(file, "pre-report", "agree") == 0);
    CHECK(count_of(file, "pre-know", "yes") == 1);
    v = s.ballot_view(booth_device(1), t0 + 4s);
    CHECK(v->question == 0);  // ready for the next pupil
    CHECK(v->ballots == 1);
    CHECK_FALSE(v->started);
}

TEST_CASE("leaving the step or closing voting mid-ballot counts nothing", "[ballot]") {
    TempDir tmp;
    const Library lib = ballot_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), ballot_setup());
    to_ballot(s);
    REQUIRE(s.ballot_answer(screen_device(), 1, t0) == BallotInput::Answered);
    REQUIRE(s.ballot_answer(screen_device(), 1, t0) == BallotInput::Answered);
    REQUIRE(s.close_voting());
    CHECK(s.ballot_done(screen_device(), t0 + 1s) == VoteOutcome::VotingClosed);
    CHECK(s.ballot_answer(screen_device(), 1, t0 + 1s) == BallotInput::VotingClosed);
    REQUIRE(s.reopen());
    CHECK_FALSE(s.ballot_view(screen_device(), t0)->started);  // the half ballot was dropped
    REQUIRE(s.ballot_answer(screen_device(), 1, t0 + 2s) == BallotInput::Answered);
    REQUIRE(s.next());
    REQUIRE(s.back());
    CHECK_FALSE(s.ballot_view(screen_device(), t0)->started);
    CHECK(count_of(s.session_file(), "pre-report", "disagree") == 0);
    // A single vote is refused on a ballot step: answers go through the ballot.
    CHECK(s.vote(0, t0 + 5s) == VoteOutcome::VotingClosed);
}

TEST_CASE("reveal and close act on every poll of the ballot", "[ballot]") {
    TempDir tmp;
    const Library lib = ballot_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), ballot_setup());
    to_ballot(s);
    REQUIRE(s.reveal());
    REQUIRE(s.override_suppression(true));
    const auto polls = s.ballot_polls(t0);
    REQUIRE(polls.size() == 2);
    CHECK(polls[0].revealed);
    CHECK(polls[1].revealed);
    CHECK(polls[0].suppression_overridden);
    CHECK(polls[1].suppression_overridden);
}

// [SECTION] Void

TEST_CASE("Void removes the whole last ballot, within 10 seconds", "[ballot]") {
    TempDir tmp;
    const Library lib = ballot_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), ballot_setup());
    to_ballot(s);
    const fs::path file = s.session_file();
    REQUIRE(cast_ballot(s, booth_device(1), 3, 0, t0) == VoteOutcome::Counted);
    REQUIRE(cast_ballot(s, booth_device(2), 1, 2, t0) == VoteOutcome::Counted);
    CHECK(s.ballot_view(booth_device(1), t0 + 3s)->ballots == 2);
    CHECK(s.void_last_vote(t0 + 5s) == VoidOutcome::Voided);
    CHECK(count_of(file, "pre-report", "disagree") == 0);
    CHECK(count_of(file, "pre-know", "not-sure") == 0);
    CHECK(count_of(file, "pre-report", "agree") == 1);  // the earlier ballot stays
    CHECK(count_of(file, "pre-know", "yes") == 1);
    CHECK(s.void_last_vote(t0 + 6s) == VoidOutcome::NothingToVoid);
    // Voiding clears the booth's cooldown: the same pupil may vote again at once.
    CHECK(s.ballot_answer(booth_device(2), 0, t0 + 6s) == BallotInput::Answered);

    REQUIRE(s.ballot_answer(booth_device(2), 0, t0 + 7s) == BallotInput::Answered);
    REQUIRE(s.ballot_done(booth_device(2), t0 + 7s) == VoteOutcome::Counted);
    CHECK(s.void_last_vote(t0 + 7s + 10001ms) == VoidOutcome::WindowExpired);
    CHECK(count_of(file, "pre-report", "strongly-disagree") == 1);
}

// [SECTION] Abandon

TEST_CASE("a half-done ballot is abandoned after the configured time and counts nothing", "[ballot]") {
    TempDir tmp;
    const Library lib = ballot_library();
    WorkshopSessionOptions options;
    SECTION("default 45 s") {}
    SECTION("config 20 s") {
        Config c;
        c.ballot_abandon_seconds = 20;
        options = session_options(c);
        CHECK(options.ballot_abandon == 20s);
    }
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), ballot_setup(), options);
    to_ballot(s);
    const std::string before = file_text(s.session_file());
    REQUIRE(s.ballot_answer(booth_device(1), 2, t0) == BallotInput::Answered);
    REQUIRE(s.ballot_back(booth_device(1), t0 + 5s));  // any input restarts the wait
    const SteadyTime last = t0 + 5s;
    CHECK(s.next_deadline(last).value() <= last + options.ballot_abandon);
    s.tick(last + options.ballot_abandon - 1ms);
    CHECK(s.ballot_view(booth_device(1), t0)->started);
    CHECK(s.abandoned_ballots() == 0);
    s.tick(last + options.ballot_abandon);
    CHECK_FALSE(s.ballot_view(booth_device(1), t0)->started);
    CHECK(s.ballot_view(booth_device(1), t0)->question == 0);
    CHECK(s.abandoned_ballots() == 1);
    CHECK(file_text(s.session_file()) == before);
    s.tick(last + options.ballot_abandon * 3);
    CHECK(s.abandoned_ballots() == 1);  // counted once
}

TEST_CASE("config reads ballot_abandon_seconds and booth_displays", "[ballot][config]") {
    auto r = parse_config(R"({"ballot_abandon_seconds": 60, "booth_displays": [1, 2, 99]})", "config.json");
    CHECK(r.config.ballot_abandon_seconds == 60);
    CHECK(r.config.booth_displays == std::vector<int>{1, 2});
    CHECK(r.warnings.size() == 1);
    r = parse_config(R"({"ballot_abandon_seconds": 5})", "config.json");
    CHECK(r.config.ballot_abandon_seconds == 45);
    CHECK(r.warnings.size() == 1);
    Config c;
    c.ballot_abandon_seconds = 90;
    c.booth_displays = {2, 3};
    const auto back = parse_config(config_to_string(c), "config.json");
    CHECK(back.config.ballot_abandon_seconds == 90);
    CHECK(back.config.booth_displays == std::vector<int>{2, 3});
}

// [SECTION] Several places at once

TEST_CASE("each voting place has its own cooldown and its own ballot", "[ballot]") {
    TempDir tmp;
    const Library lib = ballot_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), ballot_setup());
    to_ballot(s);
    // Two handsets in the same instant: both count.
    REQUIRE(s.ballot_answer(handset_device(1), 0, t0) == BallotInput::Answered);
    REQUIRE(s.ballot_answer(handset_device(2), 4, t0) == BallotInput::Answered);
    CHECK(s.ballot_view(handset_device(1), t0)->question == 1);
    CHECK(s.ballot_view(handset_device(3), t0)->question == 0);  // another handset has its own progress
    REQUIRE(s.ballot_answer(handset_device(1), 0, t0) == BallotInput::Answered);
    REQUIRE(s.ballot_answer(handset_device(2), 1, t0) == BallotInput::Answered);
    CHECK(s.ballot_done(handset_device(1), t0) == VoteOutcome::Counted);
    CHECK(s.ballot_done(handset_device(2), t0) == VoteOutcome::Counted);
    CHECK(count_of(s.session_file(), "pre-report", "strongly-disagree") == 1);
    CHECK(count_of(s.session_file(), "pre-report", "strongly-agree") == 1);
    // A stuck button straight after Done does not start the next ballot on that handset ...
    CHECK(s.ballot_answer(handset_device(1), 0, t0 + 100ms) == BallotInput::IgnoredCooldown);
    // ... but another place is free.
    CHECK(s.ballot_answer(booth_device(1), 0, t0 + 100ms) == BallotInput::Answered);
    CHECK(s.ballot_answer(handset_device(1), 0, t0 + 1500ms) == BallotInput::Answered);

    // Single polls: per-device cooldowns too.
    REQUIRE(s.next());  // the favourite poll (an ordinary poll)
    REQUIRE_FALSE(s.current_step_is_ballot());
    CHECK(s.vote(0, t0 + 10s, handset_device(1)) == VoteOutcome::Counted);
    CHECK(s.vote(1, t0 + 10s, handset_device(2)) == VoteOutcome::Counted);
    CHECK(s.vote(1, t0 + 10s + 200ms, handset_device(2)) == VoteOutcome::IgnoredCooldown);
    CHECK(s.vote(2, t0 + 10s + 200ms, screen_device()) == VoteOutcome::Counted);
}

TEST_CASE("an unplugged handset's half ballot is discarded and counts nothing", "[ballot]") {
    TempDir tmp;
    const Library lib = ballot_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), ballot_setup());
    to_ballot(s);
    const std::string before = file_text(s.session_file());
    REQUIRE(s.ballot_answer(handset_device(4), 2, t0) == BallotInput::Answered);
    CHECK(s.ballot_discard(handset_device(4)));
    CHECK_FALSE(s.ballot_discard(handset_device(4)));  // nothing left
    CHECK(s.ballot_done(handset_device(4), t0 + 1s) == VoteOutcome::InvalidOption);
    CHECK(file_text(s.session_file()) == before);
}

TEST_CASE("armed mode: one arm lets one ballot start", "[ballot]") {
    TempDir tmp;
    const Library lib = ballot_library();
    WorkshopSessionOptions options;
    options.ballot_mode = BallotMode::Armed;
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), ballot_setup(), options);
    to_ballot(s);
    CHECK(s.ballot_answer(booth_device(1), 0, t0) == BallotInput::NotArmed);
    REQUIRE(s.arm_ballot());
    REQUIRE(cast_ballot(s, booth_device(1), 0, 0, t0) == VoteOutcome::Counted);
    CHECK(s.ballot_answer(booth_device(1), 0, t0 + 5s) == BallotInput::NotArmed);
}

// [SECTION] Anonymity

TEST_CASE("no linkage in the file: different ballots with the same totals give the same bytes", "[ballot][anonymity]") {
    // Ballots (agree, yes) + (disagree, no) against (agree, no) + (disagree, yes), in either order:
    // the file holds per-poll counters only, so it cannot tell which answers went together.
    auto run = [](std::vector<std::pair<int, int>> ballots) {
        TempDir tmp;
        const Library lib = ballot_library();
        WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), ballot_setup());
        to_ballot(s);
        SteadyTime at = t0;
        for (auto [a, b] : ballots) {
            REQUIRE(cast_ballot(s, booth_device(1), a, b, at) == VoteOutcome::Counted);
            at += 10s;
        }
        return file_text(s.session_file());
    };
    const std::string together = run({{3, 0}, {1, 1}});
    CHECK(together == run({{3, 1}, {1, 0}}));
    CHECK(together == run({{1, 0}, {3, 1}}));
    CHECK(together.find("ballot") == std::string::npos);  // no ballot records at all
}

// [SECTION] Faults

TEST_CASE("a disk that fills during a ballot holds it in memory and writes it later", "[ballot][faults]") {
    TempDir tmp;
    const Library lib = ballot_library();
    auto fs_owned = std::make_unique<FaultyFileSystem>();
    FaultyFileSystem& ffs = *fs_owned;
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path(), std::move(fs_owned)), ballot_setup());
    to_ballot(s);
    ffs.fail(FsOp::Write, std::errc::no_space_on_device);
    CHECK(cast_ballot(s, booth_device(1), 4, 2, t0) == VoteOutcome::CountedHeldInMemory);
    CHECK_FALSE(s.all_saved());
    CHECK_THAT(s.save_status().banner, Catch::Contains("disk full"));
    CHECK(count_of(s.session_file(), "pre-report", "strongly-agree") == 0);  // the old file stands, whole
    // Another ballot while the disk is full: also held.
    CHECK(cast_ballot(s, booth_device(2), 4, 2, t0) == VoteOutcome::CountedHeldInMemory);
    ffs.clear();
    s.tick(t0 + 10s);
    s.tick(t0 + 20s);
    CHECK(s.all_saved());
    CHECK(count_of(s.session_file(), "pre-report", "strongly-agree") == 2);
    CHECK(count_of(s.session_file(), "pre-know", "not-sure") == 2);
}

// [SECTION] Pack format

TEST_CASE("the loader reads \"ballot\": \"together\" and checks it", "[ballot][loader]") {
    TempDir tmp;
    PackBuilder b;
    auto poll = [](const std::string& id, const char* ballot) {
        json p = {{"type", "poll"}, {"id", id}, {"question", "Q?"}, {"kind", "yes-no"}};
        if (ballot) p["ballot"] = ballot;
        return p;
    };
    SECTION("a group of two") {
        b.steps().push_back(poll("p1", "together"));
        b.steps().push_back(poll("p2", "together"));
        b.steps().push_back(poll("p3", nullptr));
        b.write(tmp.path() / "test-pack");
        const PackLoadResult r = load_pack(tmp.path() / "test-pack");
        INFO(dump_diags(r.diagnostics));
        REQUIRE(r.ok());
        CHECK(r.diagnostics.empty());
        const Module& m = r.pack->modules[0];
        CHECK(ballot_group_at(m, 1) == std::vector<std::size_t>{1, 2});
        CHECK(ballot_group_at(m, 3) == std::vector<std::size_t>{3});
    }
    SECTION("a lone together poll is a warning") {
        b.steps().push_back(poll("p1", "together"));
        b.steps().push_back(poll("p2", "alone"));
        b.write(tmp.path() / "test-pack");
        const PackLoadResult r = load_pack(tmp.path() / "test-pack");
        REQUIRE(r.ok());
        const Diagnostic* d = find_diag(r.diagnostics, "modules/intro.json", "/steps/1/ballot");
        REQUIRE(d != nullptr);
        CHECK(d->severity == Severity::Warning);
        CHECK_THAT(d->message, Catch::Contains("answered on its own"));
    }
    SECTION("an unknown value is an error") {
        b.steps().push_back(poll("p1", "yes"));
        b.write(tmp.path() / "test-pack");
        const PackLoadResult r = load_pack(tmp.path() / "test-pack");
        CHECK_FALSE(r.ok());
        const Diagnostic* d = find_diag(r.diagnostics, "modules/intro.json", "/steps/1/ballot");
        REQUIRE(d != nullptr);
        CHECK_THAT(d->message, Catch::Contains("\"together\""));
    }
    SECTION("more than 12 questions is an error") {
        for (int i = 0; i < 13; ++i) {
            std::string id = "p";  // "p" + std::to_string(i) trips GCC 12's -Wrestrict false positive
            id += std::to_string(i);
            b.steps().push_back(poll(id, "together"));
        }
        b.write(tmp.path() / "test-pack");
        const PackLoadResult r = load_pack(tmp.path() / "test-pack");
        CHECK_FALSE(r.ok());
        const Diagnostic* d = find_diag(r.diagnostics, "modules/intro.json", "/steps/1/ballot");
        REQUIRE(d != nullptr);
        CHECK_THAT(d->message, Catch::Contains("13 questions"));
    }
}

TEST_CASE("the Step Up before and after measures are questionnaire ballots", "[ballot][content]") {
    const fs::path packs = fs::path(UPSTANDER_SOURCE_DIR) / "content" / "packs";
    const PackLoadResult r = load_pack(packs / "step-up");
    INFO(dump_diags(r.diagnostics));
    REQUIRE(r.ok());
    int measure_modules = 0;
    for (const Module& m : r.pack->modules) {
        if (m.id.rfind("measures-", 0) != 0) continue;
        std::size_t polls = 0, first = m.steps.size();
        for (std::size_t i = 0; i < m.steps.size(); ++i)
            if (m.steps[i].type == StepType::Poll) {
                ++polls;
                first = std::min(first, i);
            }
        INFO(m.id);
        if (polls < 2) continue;  // the short workshops ask one question: nothing to group
        ++measure_modules;
        CHECK(ballot_group_at(m, first).size() == polls);  // every poll of the module in one ballot
    }
    CHECK(measure_modules == 6);
}

TEST_CASE("four handsets during a full disk: every ballot held, then all written", "[ballot][faults][handsets]") {
    TempDir tmp;
    const Library lib = ballot_library();
    auto fs_owned = std::make_unique<FaultyFileSystem>();
    FaultyFileSystem& ffs = *fs_owned;
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path(), std::move(fs_owned)), ballot_setup());
    to_ballot(s);
    ffs.fail(FsOp::Sync, std::errc::no_space_on_device);
    for (int h = 1; h <= 4; ++h) {
        REQUIRE(s.ballot_answer(handset_device(h), h % 5, t0) == BallotInput::Answered);
        REQUIRE(s.ballot_answer(handset_device(h), h % 3, t0) == BallotInput::Answered);
    }
    for (int h = 1; h <= 4; ++h) CHECK(s.ballot_done(handset_device(h), t0) == VoteOutcome::CountedHeldInMemory);
    CHECK(s.ballot_view(handset_device(1), t0)->ballots == 4);  // counted in memory
    CHECK(count_of(s.session_file(), "pre-report", "disagree") == 0);
    ffs.clear();
    s.tick(t0 + 10s);
    s.tick(t0 + 20s);
    REQUIRE(s.all_saved());
    // Every ballot reached the file whole: both polls hold four answers.
    auto r = session_from_string(file_text(s.session_file()));
    REQUIRE(r.session);
    CHECK(r.session->find_poll("fixture", "pre-report")->total == 4);
    CHECK(r.session->find_poll("fixture", "pre-know")->total == 4);
}
