// WorkshopSession: the state all windows draw. Starting, voting through the real store, saving
// on navigation, resume, held-in-memory votes, end of session, and the summary.

#include "core/workshop_session.hpp"
#include "faulty_fs.hpp"
#include "session_fixtures.hpp"
#include "upstander/version.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace upstander;
using namespace upstander::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const SteadyTime t0 = SteadyTime{} + 1000h;
const char* kId = "feedfacefeedfacefeedfacefeedface";

SessionSetup setup() {
    SessionSetup s;
    s.group.label = "Year 9 group B";
    s.group.audience = Audience::Under18;
    s.group.headcount = 28;
    s.date = "2025-05-06";
    s.session_id = kId;
    return s;
}

SessionRecord on_disk(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto r = session_from_string(ss.str());
    INFO(r.error);
    REQUIRE(r.session);
    return *r.session;
}

const SessionPoll& poll_in(const SessionRecord& r, const std::string& pack, const std::string& id) {
    const SessionPoll* p = r.find_poll(pack, id);
    REQUIRE(p != nullptr);
    return *p;
}

// Casts `n` votes for `option`, each one cooldown apart; returns the time after the last.
SteadyTime cast(WorkshopSession& s, int option, int n, SteadyTime at) {
    for (int i = 0; i < n; ++i) {
        REQUIRE(s.vote(option, at) == VoteOutcome::Counted);
        at += 2s;
    }
    return at;
}

}  // namespace

TEST_CASE("starting a session saves a file listing every poll with zero counts", "[workshop_session]") {
    TempDir tmp;
    const Library lib = make_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), setup());
    CHECK(s.all_saved());
    CHECK(s.session_file() == tmp / "2025-05-06-feedfacefeedfacefeedfacefeedface.json");
    const SessionRecord r = on_disk(s.session_file());
    CHECK(r.status == SessionStatus::InProgress);
    CHECK(r.workshop_id == "fixture-workshop");
    CHECK(r.workshop_title == "Fixture workshop");
    REQUIRE(r.packs.size() == 2);
    CHECK(r.packs[0].id == "fixture");
    CHECK(r.packs[0].version == "1.2.0");
    CHECK(r.packs[1].id == "extra");
    CHECK(r.packs[1].version == "2.0.0");
    CHECK(r.group.label == "Year 9 group B");
    CHECK(r.group.headcount == 28);
    CHECK(r.app_version == std::string(kVersion));
    REQUIRE(r.polls.size() == 6);
    CHECK(s.poll_count() == 6);
    for (const SessionPoll& p : r.polls) {
        CHECK(p.total == 0);
        CHECK_FALSE(p.closed);
    }
    // Same poll id in two packs: two polls.
    CHECK(poll_in(r, "fixture", "favourite").options.size() == 3);
    CHECK(poll_in(r, "extra", "favourite").options.size() == 2);
    const SessionPoll& pre = poll_in(r, "fixture", "pre-report");
    CHECK(pre.kind == PollKind::Likert);
    CHECK(pre.measure == "would-report");
    CHECK(pre.phase == PollPhase::Pre);
    CHECK(pre.options[4].label == "Strongly agree");
}

TEST_CASE("votes are counted on the current poll and are on disk when Counted", "[workshop_session]") {
    TempDir tmp;
    const Library lib = make_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), setup());

    CHECK_FALSE(s.current_step_is_poll());  // title step
    CHECK(s.vote(0, t0) == VoteOutcome::VotingClosed);
    REQUIRE(s.next());
    REQUIRE(s.current_step_is_poll());
    SteadyTime t = cast(s, 4, 2, t0);
    t = cast(s, 0, 1, t);
    CHECK(s.vote(1, t + 100ms) == VoteOutcome::Counted);
    CHECK(s.vote(1, t + 200ms) == VoteOutcome::IgnoredCooldown);  // double tap
    CHECK(s.vote(5, t + 3s) == VoteOutcome::InvalidOption);
    SessionRecord r = on_disk(s.session_file());
    CHECK(poll_in(r, "fixture", "pre-report").options[4].count == 2);
    CHECK(poll_in(r, "fixture", "pre-report").options[0].count == 1);
    CHECK(poll_in(r, "fixture", "pre-report").options[1].count == 1);
    CHECK(poll_in(r, "fixture", "pre-report").total == 4);
    CHECK(poll_in(r, "fixture", "pre-know").total == 0);

    SECTION("the public view shows only the number of votes until reveal") {
        auto v = s.current_poll(t + 3s);
        REQUIRE(v);
        CHECK(v->def->id == "pre-report");
        CHECK(v->votes == 4);
        CHECK(v->counts.empty());
        CHECK(v->display.percentages.empty());
        CHECK(v->state == PollState::Open);
        CHECK(v->cooling_down == false);
        CHECK(s.current_poll(t + 150ms)->cooling_down);

        REQUIRE(s.close_voting());
        CHECK(s.vote(0, t + 10s) == VoteOutcome::VotingClosed);
        v = s.current_poll(t + 10s);
        CHECK(v->state == PollState::Closed);
        CHECK(v->counts.empty());
        CHECK(on_disk(s.session_file()).find_poll("fixture", "pre-report")->closed);

        REQUIRE(s.reveal());
        v = s.current_poll(t + 11s);
        CHECK(v->revealed);
        CHECK(v->counts == std::vector<long long>{1, 1, 0, 0, 2});
        CHECK(v->display.suppressed);  // 4 votes
        CHECK(v->display.reason == kSuppressionReason);
        CHECK(v->display.percentages.empty());
        CHECK(on_disk(s.session_file()).find_poll("fixture", "pre-report")->revealed);

        REQUIRE(s.override_suppression());
        v = s.current_poll(t + 12s);
        CHECK(v->display.show_percentages);
        CHECK(v->display.percentages == std::vector<int>{25, 25, 0, 0, 50});
        CHECK(on_disk(s.session_file()).find_poll("fixture", "pre-report")->suppression_override);

        REQUIRE(s.reopen());
        v = s.current_poll(t + 13s);
        CHECK(v->state == PollState::Open);
        CHECK(v->counts.empty());
        CHECK(s.vote(2, t + 13s) == VoteOutcome::Counted);
        CHECK(on_disk(s.session_file()).find_poll("fixture", "pre-report")->total == 5);
    }
    SECTION("void within 10 s removes the vote from the file too") {
        REQUIRE(s.vote(3, t + 5s) == VoteOutcome::Counted);
        CHECK(s.current_poll(t + 5s)->can_void);
        CHECK(s.void_last_vote(t + 14900ms) == VoidOutcome::Voided);
        CHECK(on_disk(s.session_file()).find_poll("fixture", "pre-report")->options[3].count == 0);
        CHECK(on_disk(s.session_file()).find_poll("fixture", "pre-report")->total == 4);
        REQUIRE(s.vote(3, t + 20s) == VoteOutcome::Counted);
        CHECK(s.void_last_vote(t + 30100ms) == VoidOutcome::WindowExpired);
        CHECK(on_disk(s.session_file()).find_poll("fixture", "pre-report")->total == 5);
    }
    SECTION("moving to another step forgets the pending vote") {
        REQUIRE(s.vote(3, t + 5s) == VoteOutcome::Counted);
        REQUIRE(s.next());
        REQUIRE(s.back());
        CHECK(s.void_last_vote(t + 6s) == VoidOutcome::NothingToVoid);
    }
    SECTION("revealing makes the last vote final") {
        REQUIRE(s.vote(3, t + 5s) == VoteOutcome::Counted);
        REQUIRE(s.reveal());
        CHECK(s.void_last_vote(t + 6s) == VoidOutcome::NothingToVoid);
        CHECK(s.current_poll(t + 6s)->counts[3] == 1);
    }
}

TEST_CASE("armed ballots come from the pack and can be changed by the facilitator", "[workshop_session]") {
    TempDir tmp;
    PackSettings settings;
    settings.ballot_mode = BallotMode::Armed;
    settings.vote_cooldown_ms = 3000;
    const Library lib = make_library(settings);
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), setup());
    CHECK(s.ballot_mode() == BallotMode::Armed);
    CHECK_FALSE(s.arm_ballot());  // not on a poll step
    REQUIRE(s.next());
    CHECK(s.vote(0, t0) == VoteOutcome::NotArmed);
    REQUIRE(s.arm_ballot());
    CHECK(s.current_poll(t0)->armed);
    CHECK(s.vote(0, t0) == VoteOutcome::Counted);
    REQUIRE(s.arm_ballot());
    CHECK(s.vote(0, t0 + 2999ms) == VoteOutcome::IgnoredCooldown);  // the pack's 3 s cooldown
    CHECK(s.vote(0, t0 + 3s) == VoteOutcome::Counted);
    REQUIRE(s.arm_ballot());
    REQUIRE(s.next());  // arming does not carry over to another step
    CHECK(s.vote(0, t0 + 10s) == VoteOutcome::NotArmed);
    s.set_ballot_mode(BallotMode::Open);
    CHECK(s.vote(0, t0 + 10s) == VoteOutcome::Counted);

    SECTION("options override the pack") {
        TempDir tmp2;
        WorkshopSessionOptions o;
        o.ballot_mode = BallotMode::Open;
        o.vote_cooldown = 500ms;
        WorkshopSession u = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp2.path()), setup(), o);
        REQUIRE(u.next());
        CHECK(u.vote(0, t0) == VoteOutcome::Counted);
        CHECK(u.vote(0, t0 + 500ms) == VoteOutcome::Counted);
    }
}

TEST_CASE("the position is saved on navigation and restored on resume", "[workshop_session][resume]") {
    TempDir tmp;
    const Library lib = make_library();
    {
        WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), setup());
        REQUIRE(s.next());
        SteadyTime t = cast(s, 3, 3, t0);
        REQUIRE(s.reveal());
        REQUIRE(s.next());
        t = cast(s, 0, 2, t);
        REQUIRE(s.close_voting());
        REQUIRE(s.jump_to_module(kScenario));
        REQUIRE(s.choose(1));
        const SessionRecord r = on_disk(s.session_file());
        CHECK(r.position_module == kScenario);
        CHECK(r.position_step == 0);
        CHECK(r.position_consequence == 1);
        // The session object goes away without end_session(), as in a crash.
    }
    SessionStore store(tmp.path());
    SessionScan scan = store.find_unfinished();
    REQUIRE(scan.unfinished.size() == 1);
    Result<ResumedSession> res = WorkshopSession::resume(lib, std::move(store), scan.unfinished[0].record);
    INFO((res ? std::string() : res.message()));
    REQUIRE(res);
    CHECK(res->note.empty());
    WorkshopSession& s = res->session;
    CHECK(s.position() == NavPosition{kScenario, 0, 1});
    CHECK(s.record().group.label == "Year 9 group B");
    REQUIRE(s.jump_to_module(kIntro));
    REQUIRE(s.next());
    auto v = s.current_poll(t0);
    REQUIRE(v);
    CHECK(v->revealed);
    CHECK(v->counts == std::vector<long long>{0, 0, 0, 3, 0});
    REQUIRE(s.next());
    v = s.current_poll(t0);
    CHECK(v->state == PollState::Closed);
    CHECK(v->votes == 2);
    REQUIRE(s.reopen());
    CHECK(s.vote(1, t0) == VoteOutcome::Counted);
    CHECK(poll_in(on_disk(s.session_file()), "fixture", "pre-know").options[1].count == 1);
    CHECK(poll_in(on_disk(s.session_file()), "fixture", "pre-know").total == 3);
}

TEST_CASE("resume refuses what it cannot restore and leaves the file alone", "[workshop_session][resume]") {
    TempDir tmp;
    const Library lib = make_library();
    {
        WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), setup());
        REQUIRE(s.next());
        cast(s, 1, 2, t0);
    }
    const fs::path file = tmp / "2025-05-06-feedfacefeedfacefeedfacefeedface.json";
    const SessionRecord saved = on_disk(file);

    SECTION("workshop not installed") {
        SessionRecord r = saved;
        r.workshop_id = "gone";
        Result<ResumedSession> res = WorkshopSession::resume(lib, SessionStore(tmp.path()), r);
        REQUIRE_FALSE(res);
        CHECK(res.message().find("(gone) is not in the loaded content packs") != std::string::npos);
    }
    SECTION("a poll has different options now") {
        SessionRecord r = saved;
        r.find_poll("fixture", "favourite")->options[2].id = "renamed";
        Result<ResumedSession> res = WorkshopSession::resume(lib, SessionStore(tmp.path()), r);
        REQUIRE_FALSE(res);
        CHECK(res.message().find("the poll \"favourite\" in pack \"fixture\" has different options") != std::string::npos);
    }
    SECTION("already finished") {
        SessionRecord r = saved;
        r.status = SessionStatus::Finished;
        CHECK_FALSE(WorkshopSession::resume(lib, SessionStore(tmp.path()), r).ok());
    }
    CHECK(on_disk(file).find_poll("fixture", "pre-report")->total == 2);
    CHECK(session_to_string(on_disk(file)) == session_to_string(saved));
}

TEST_CASE("resume adds new polls, keeps unknown ones and survives a stale position", "[workshop_session][resume]") {
    TempDir tmp;
    const Library lib = make_library();
    {
        WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), setup());
        REQUIRE(s.next());
        cast(s, 1, 2, t0);
    }
    SessionRecord r = on_disk(tmp / "2025-05-06-feedfacefeedfacefeedfacefeedface.json");
    // As if the pack had gained post-know after the session started, and lost a poll "retired".
    r.polls.erase(r.polls.begin() + static_cast<long>(r.find_poll("fixture", "post-know") - r.polls.data()));
    SessionPoll retired = r.polls[0];
    retired.id = "retired";
    for (auto& o : retired.options) o.count = 0;
    retired.options[0].count = 9;
    retired.total = 9;
    r.polls.push_back(retired);
    r.position_module = 40;
    Result<ResumedSession> res = WorkshopSession::resume(lib, SessionStore(tmp.path()), r);
    REQUIRE(res);
    CHECK_FALSE(res->note.empty());
    WorkshopSession& s = res->session;
    CHECK(s.position() == NavPosition{});
    REQUIRE(s.next());
    CHECK(s.vote(1, t0) == VoteOutcome::Counted);
    const SessionRecord after = on_disk(s.session_file());
    CHECK(poll_in(after, "fixture", "pre-report").total == 3);
    CHECK(poll_in(after, "fixture", "post-know").total == 0);
    CHECK(poll_in(after, "fixture", "retired").total == 9);
}

TEST_CASE("when saving fails, votes are held in memory and nothing confirmed is lost", "[workshop_session][faults]") {
    TempDir tmp;
    const Library lib = make_library();
    auto owned = std::make_unique<FaultyFileSystem>();
    FaultyFileSystem& ffs = *owned;
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path(), std::move(owned)), setup());
    REQUIRE(s.next());
    SteadyTime t = cast(s, 0, 2, t0);

    ffs.fail(FsOp::Write, std::errc::no_space_on_device);
    CHECK(s.vote(1, t) == VoteOutcome::CountedHeldInMemory);
    CHECK(s.vote(1, t + 2s) == VoteOutcome::CountedHeldInMemory);
    CHECK_FALSE(s.all_saved());
    CHECK(s.save_status().banner == "Cannot save to " + tmp.path().string() +
                                        ": disk full. Votes are kept in memory and saving will be retried.");
    CHECK(poll_in(on_disk(s.session_file()), "fixture", "pre-report").total == 2);  // last good file
    CHECK(s.current_poll(t + 2s)->votes == 4);
    REQUIRE(s.next_deadline(t + 4s));
    CHECK_FALSE(s.tick(t + 4s));  // schedules the retry

    SECTION("a retry writes everything once the disk has space") {
        ffs.clear();
        CHECK(s.tick(t + 10s));
        CHECK(s.all_saved());
        CHECK(s.save_status().banner.empty());
        CHECK(poll_in(on_disk(s.session_file()), "fixture", "pre-report").total == 4);
        CHECK(poll_in(on_disk(s.session_file()), "fixture", "pre-report").options[1].count == 2);
    }
    SECTION("the next vote's save also writes the held votes") {
        ffs.clear();
        CHECK(s.vote(2, t + 4s) == VoteOutcome::Counted);
        CHECK(poll_in(on_disk(s.session_file()), "fixture", "pre-report").total == 5);
    }
    SECTION("read-only folder") {
        ffs.clear();
        ffs.fail(FsOp::Open, std::errc::read_only_file_system);
        CHECK(s.vote(2, t + 4s) == VoteOutcome::CountedHeldInMemory);
        CHECK(s.save_status().banner.find(": the folder is read-only. Votes are kept in memory") != std::string::npos);
        ffs.clear();
        CHECK(s.end_session());
        const SessionRecord r = on_disk(s.session_file());
        CHECK(r.status == SessionStatus::Finished);
        CHECK(poll_in(r, "fixture", "pre-report").total == 5);
    }
}

TEST_CASE("ending the session marks the file finished and stops voting", "[workshop_session]") {
    TempDir tmp;
    const Library lib = make_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), setup());
    REQUIRE(s.next());
    cast(s, 0, 1, t0);
    REQUIRE(s.end_session());
    CHECK(s.finished());
    CHECK(on_disk(s.session_file()).status == SessionStatus::Finished);
    CHECK(s.vote(0, t0 + 1min) == VoteOutcome::VotingClosed);
    CHECK_FALSE(s.arm_ballot());
    CHECK_FALSE(s.reveal());
    CHECK(SessionStore(tmp.path()).find_unfinished().unfinished.empty());
    // Navigation still works for looking back, without rewriting the finished file's position.
    const SessionRecord before = on_disk(s.session_file());
    REQUIRE(s.next());
    CHECK(on_disk(s.session_file()).position_step == before.position_step);
}

TEST_CASE("set_group saves the group details", "[workshop_session]") {
    TempDir tmp;
    const Library lib = make_library();
    SessionSetup st;
    st.date = "2025-05-06";
    st.session_id = kId;
    st.app_version = "9.9.9";
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), st);
    CHECK(on_disk(s.session_file()).app_version == "9.9.9");
    SessionGroup g;
    g.label = "Adults, evening";
    g.format = GroupFormat::OneToOne;
    g.audience = Audience::Adult;
    REQUIRE(s.set_group(g));
    const SessionRecord r = on_disk(s.session_file());
    CHECK(r.group.label == "Adults, evening");
    CHECK(r.group.format == GroupFormat::OneToOne);
    CHECK(r.group.audience == Audience::Adult);
    CHECK_FALSE(r.group.headcount.has_value());
}

TEST_CASE("the summary step shows what changed today", "[workshop_session][summary]") {
    TempDir tmp;
    const Library lib = make_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), setup());
    REQUIRE(s.next());
    SteadyTime t = cast(s, 1, 4, t0);  // pre-report: 4 disagree, 2 agree
    t = cast(s, 3, 2, t);
    REQUIRE(s.next());
    t = cast(s, 0, 1, t);  // pre-know: 1 yes, 3 no (4 votes: suppressed)
    t = cast(s, 1, 3, t);
    REQUIRE(s.jump_to_module(kOutro));
    t = cast(s, 4, 5, t);  // post-report: 5 strongly agree, 1 neither
    t = cast(s, 2, 1, t);
    REQUIRE(s.next());
    t = cast(s, 0, 6, t);  // post-know: 6 yes
    REQUIRE(s.jump_to_module(kSummary));
    CHECK(s.at_summary());
    CHECK(s.current_step() == nullptr);
    CHECK_FALSE(s.current_poll(t));

    auto changes = s.what_changed_today();
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].measure == "would-report");
    CHECK(changes[0].pre.agree_percent == 33);
    CHECK(changes[0].post.agree_percent == 83);
    CHECK(changes[0].change_points == 50);
    CHECK(changes[1].measure == "knows-where");
    CHECK_FALSE(changes[1].pre.agree_percent.has_value());
    CHECK(changes[1].pre.display.reason == kSuppressionReason);
    CHECK(changes[1].post.agree_percent == 100);

    REQUIRE(s.override_suppression());
    CHECK(s.summary_suppression_overridden());
    CHECK(on_disk(s.session_file()).summary_suppression_override);
    changes = s.what_changed_today();
    CHECK(changes[1].pre.agree_percent == 25);
    CHECK(changes[1].change_points == 75);
}

TEST_CASE("next_deadline tells the idle loop when to wake up", "[workshop_session]") {
    TempDir tmp;
    const Library lib = make_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), setup());
    CHECK_FALSE(s.next_deadline(t0));
    REQUIRE(s.next());
    REQUIRE(s.vote(0, t0) == VoteOutcome::Counted);
    CHECK(s.next_deadline(t0) == t0 + 1500ms);   // cooldown ends
    CHECK(s.next_deadline(t0 + 2s) == t0 + 10s);  // the pending vote is forgotten
    s.tick(t0 + 10001ms);
    CHECK_FALSE(s.next_deadline(t0 + 10001ms));
    CHECK(s.void_last_vote(t0 + 10001ms) == VoidOutcome::NothingToVoid);
}

TEST_CASE("the config file's voting keys become session options", "[workshop_session]") {
    Config c;
    WorkshopSessionOptions o = session_options(c);
    CHECK(o.suppression.min_votes == 5);
    CHECK_FALSE(o.ballot_mode);
    CHECK_FALSE(o.vote_cooldown);
    c.suppression_threshold = 8;
    c.ballot_mode = BallotMode::Armed;
    c.vote_cooldown_ms = 2500;
    o = session_options(c);
    CHECK(o.suppression.min_votes == 8);
    CHECK(o.ballot_mode == BallotMode::Armed);
    CHECK(o.vote_cooldown == std::chrono::milliseconds(2500));

    TempDir tmp;
    const Library lib = make_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), setup(), o);
    CHECK(s.ballot_mode() == BallotMode::Armed);
    CHECK(s.suppression_rule().min_votes == 8);
}
