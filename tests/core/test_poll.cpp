// Poll rules: tallies, poll states, cooldown, armed ballots, the void window, suppression and
// percentages. Time is made up (a fixed steady_clock origin plus offsets): nothing sleeps.

#include "core/poll.hpp"

#include <catch2/catch.hpp>

using namespace upstander;
using namespace std::chrono_literals;

namespace {
const SteadyTime t0 = SteadyTime{} + 1000h;  // any fixed origin
}

// [SECTION] Tally

TEST_CASE("poll tally counts votes per option and in total", "[poll]") {
    PollTally t(3);
    CHECK(t.option_count() == 3);
    CHECK(t.total() == 0);
    CHECK(t.add_vote(0));
    CHECK(t.add_vote(2));
    CHECK(t.add_vote(2));
    CHECK(t.counts() == std::vector<long long>{1, 0, 2});
    CHECK(t.total() == 3);
    CHECK_FALSE(t.add_vote(3));
    CHECK_FALSE(t.add_vote(-1));
    CHECK(t.total() == 3);
    CHECK(t.remove_vote(2));
    CHECK(t.counts() == std::vector<long long>{1, 0, 1});
    CHECK_FALSE(t.remove_vote(1));  // count already 0
    CHECK(t.total() == 2);
}

TEST_CASE("poll state goes open, closed, revealed and can be reopened", "[poll]") {
    PollTally t(2);
    CHECK(t.state() == PollState::Open);
    CHECK_FALSE(t.reopen());
    CHECK(t.close());
    CHECK_FALSE(t.close());
    CHECK(t.state() == PollState::Closed);
    CHECK_FALSE(t.add_vote(0));
    CHECK(t.reveal());
    CHECK_FALSE(t.reveal());
    CHECK(t.state() == PollState::Revealed);
    CHECK_FALSE(t.remove_vote(0));
    CHECK(t.reopen());
    CHECK(t.state() == PollState::Open);
    CHECK(t.add_vote(1));

    SECTION("reveal straight from open closes voting") {
        PollTally u(2);
        CHECK(u.reveal());
        CHECK_FALSE(u.accepting_votes());
    }
}

TEST_CASE("poll tally round-trips through a session poll", "[poll]") {
    SessionPoll saved;
    saved.options = {{"a", "A", 4}, {"b", "B", 7}};
    saved.closed = true;
    PollTally t = PollTally::from_record(saved);
    CHECK(t.counts() == std::vector<long long>{4, 7});
    CHECK(t.total() == 11);
    CHECK(t.state() == PollState::Closed);
    saved.revealed = true;
    CHECK(PollTally::from_record(saved).state() == PollState::Revealed);

    CHECK(t.reopen());
    CHECK(t.add_vote(0));
    SessionPoll out;
    out.options = {{"a", "A", 0}, {"b", "B", 0}};
    t.write_to(out);
    CHECK(out.options[0].count == 5);
    CHECK(out.options[1].count == 7);
    CHECK(out.total == 12);
    CHECK_FALSE(out.closed);
    CHECK_FALSE(out.revealed);
}

// [SECTION] Ballot

TEST_CASE("cooldown ignores inputs for vote_cooldown_ms after each counted vote", "[poll][ballot]") {
    PollTally t(3);
    Ballot b(BallotRules{BallotMode::Open, 1500ms, kVoidWindow});
    CHECK(b.cast(t, 0, 1, t0) == VoteOutcome::Counted);
    CHECK(b.in_cooldown(t0 + 1499ms));
    CHECK(b.cast(t, 0, 1, t0 + 10ms) == VoteOutcome::IgnoredCooldown);    // double tap
    CHECK(b.cast(t, 0, 2, t0 + 1499ms) == VoteOutcome::IgnoredCooldown);
    CHECK(t.total() == 1);
    // Ignored inputs did not extend the cooldown: it ends 1500 ms after the counted vote.
    CHECK(b.cooldown_ends() == t0 + 1500ms);
    CHECK(b.cast(t, 0, 2, t0 + 1500ms) == VoteOutcome::Counted);
    CHECK(t.counts() == std::vector<long long>{0, 1, 1});

    SECTION("a pack's cooldown setting is used") {
        Ballot slow(BallotRules{BallotMode::Open, 3000ms, kVoidWindow});
        PollTally u(2);
        CHECK(slow.cast(u, 0, 0, t0) == VoteOutcome::Counted);
        CHECK(slow.cast(u, 0, 0, t0 + 2999ms) == VoteOutcome::IgnoredCooldown);
        CHECK(slow.cast(u, 0, 0, t0 + 3000ms) == VoteOutcome::Counted);
    }
}

TEST_CASE("armed mode allows exactly one vote per arming", "[poll][ballot]") {
    PollTally t(2);
    Ballot b(BallotRules{BallotMode::Armed, 1500ms, kVoidWindow});
    CHECK(b.cast(t, 0, 0, t0) == VoteOutcome::NotArmed);
    CHECK(b.arm());
    CHECK(b.armed());
    CHECK(b.cast(t, 0, 0, t0) == VoteOutcome::Counted);
    CHECK_FALSE(b.armed());
    CHECK(b.cast(t, 0, 1, t0 + 5s) == VoteOutcome::NotArmed);  // the same pupil again
    CHECK(b.arm());
    CHECK(b.cast(t, 0, 1, t0 + 1s) == VoteOutcome::IgnoredCooldown);  // armed during the cooldown
    CHECK(b.armed());
    CHECK(b.cast(t, 0, 1, t0 + 2s) == VoteOutcome::Counted);
    CHECK(t.counts() == std::vector<long long>{1, 1});

    SECTION("arming is refused in open mode; switching mode disarms") {
        Ballot open(BallotRules{BallotMode::Open, 1500ms, kVoidWindow});
        CHECK_FALSE(open.arm());
        open.set_mode(BallotMode::Armed);
        CHECK_FALSE(open.armed());
        CHECK(open.arm());
        open.set_mode(BallotMode::Open);
        CHECK_FALSE(open.armed());
        CHECK(open.cast(t, 0, 0, t0 + 10s) == VoteOutcome::Counted);
    }
}

TEST_CASE("vote outcomes are checked in a fixed order", "[poll][ballot]") {
    PollTally t(2);
    Ballot b(BallotRules{BallotMode::Armed, 1500ms, kVoidWindow});
    CHECK(b.cast(t, 0, 7, t0) == VoteOutcome::InvalidOption);
    CHECK(b.cast(t, 0, -1, t0) == VoteOutcome::InvalidOption);
    t.close();
    CHECK(b.cast(t, 0, 7, t0) == VoteOutcome::VotingClosed);
    CHECK(b.arm());
    CHECK(b.cast(t, 0, 0, t0) == VoteOutcome::VotingClosed);
    CHECK(b.armed());  // a refused vote does not use up the arming
    CHECK(t.total() == 0);
}

TEST_CASE("the vote just cast can be voided within 10 seconds, and only that one", "[poll][ballot][void]") {
    PollTally t(3);
    Ballot b;
    REQUIRE(b.cast(t, 0, 2, t0) == VoteOutcome::Counted);

    SECTION("9.9 s: voided") {
        CHECK(b.can_void(0, t0 + 9900ms));
        CHECK(b.void_last(t, 0, t0 + 9900ms) == VoidOutcome::Voided);
        CHECK(t.total() == 0);
        CHECK_FALSE(b.in_cooldown(t0 + 9900ms));
        CHECK(b.void_last(t, 0, t0 + 9950ms) == VoidOutcome::NothingToVoid);  // only once
    }
    SECTION("exactly 10 s: still voided") {
        CHECK(b.void_last(t, 0, t0 + 10s) == VoidOutcome::Voided);
        CHECK(t.total() == 0);
    }
    SECTION("10.1 s: refused, the vote stays counted, and it is forgotten") {
        CHECK_FALSE(b.can_void(0, t0 + 10100ms));
        CHECK(b.void_last(t, 0, t0 + 10100ms) == VoidOutcome::WindowExpired);
        CHECK(t.counts() == std::vector<long long>{0, 0, 1});
        CHECK(b.void_last(t, 0, t0 + 10200ms) == VoidOutcome::NothingToVoid);
    }
    SECTION("the next vote replaces the pending one") {
        REQUIRE(b.cast(t, 0, 0, t0 + 2s) == VoteOutcome::Counted);
        CHECK(b.void_last(t, 0, t0 + 3s) == VoidOutcome::Voided);
        CHECK(t.counts() == std::vector<long long>{0, 0, 1});  // the first vote (option 2) stays
        CHECK(b.void_last(t, 0, t0 + 3s) == VoidOutcome::NothingToVoid);
    }
    SECTION("a vote on another poll cannot be voided from here") {
        PollTally other(3);
        CHECK(b.void_last(other, 1, t0 + 1s) == VoidOutcome::NothingToVoid);
        CHECK(other.total() == 0);
        CHECK(t.total() == 1);
    }
    SECTION("not after the results are revealed") {
        t.reveal();
        CHECK(b.void_last(t, 0, t0 + 1s) == VoidOutcome::ResultsRevealed);
        CHECK(t.total() == 1);
    }
    SECTION("closing voting does not stop a void") {
        t.close();
        CHECK(b.void_last(t, 0, t0 + 1s) == VoidOutcome::Voided);
        CHECK(t.total() == 0);
    }
    SECTION("tick forgets the pending vote once the window has passed") {
        b.tick(t0 + 10s);
        CHECK(b.void_deadline() == t0 + 10s);
        b.tick(t0 + 10001ms);
        CHECK_FALSE(b.void_deadline().has_value());
        CHECK(b.void_last(t, 0, t0 + 10001ms) == VoidOutcome::NothingToVoid);
    }
}

TEST_CASE("voiding in armed mode re-arms the ballot for the same pupil", "[poll][ballot][void]") {
    PollTally t(2);
    Ballot b(BallotRules{BallotMode::Armed, 1500ms, kVoidWindow});
    b.arm();
    REQUIRE(b.cast(t, 0, 0, t0) == VoteOutcome::Counted);
    CHECK(b.void_last(t, 0, t0 + 1s) == VoidOutcome::Voided);
    CHECK(b.armed());
    CHECK(b.cast(t, 0, 1, t0 + 1100ms) == VoteOutcome::Counted);  // no cooldown after a void
    CHECK(t.counts() == std::vector<long long>{0, 1});
}

// [SECTION] Suppression

TEST_CASE("percentages are suppressed below the threshold (4, 5, 6 votes)", "[poll][suppression]") {
    const SuppressionRule rule;  // default 5
    CHECK(rule.min_votes == 5);
    CHECK_FALSE(show_percentages(0, rule, false));
    CHECK_FALSE(show_percentages(4, rule, false));
    CHECK(show_percentages(5, rule, false));
    CHECK(show_percentages(6, rule, false));

    SECTION("the facilitator can override, but not for zero votes") {
        CHECK(show_percentages(4, rule, true));
        CHECK(show_percentages(1, rule, true));
        CHECK_FALSE(show_percentages(0, rule, true));
    }
    SECTION("the threshold is configurable") {
        const SuppressionRule ten{10};
        CHECK_FALSE(show_percentages(9, ten, false));
        CHECK(show_percentages(10, ten, false));
        const SuppressionRule silly{0};  // acts as 1
        CHECK_FALSE(show_percentages(0, silly, false));
        CHECK(show_percentages(1, silly, false));
    }
}

TEST_CASE("result display carries the reason text or the percentages", "[poll][suppression]") {
    const SuppressionRule rule;
    const std::vector<long long> four{3, 1, 0};
    ResultDisplay d = result_display(four, rule, false);
    CHECK_FALSE(d.show_percentages);
    CHECK(d.suppressed);
    CHECK_FALSE(d.overridden);
    CHECK(d.reason == "Too few votes to show results without identifying people");
    CHECK(d.percentages.empty());

    d = result_display(four, rule, true);
    CHECK(d.show_percentages);
    CHECK(d.suppressed);
    CHECK(d.overridden);
    CHECK(d.reason.empty());
    CHECK(d.percentages == std::vector<int>{75, 25, 0});

    const std::vector<long long> five{3, 1, 1};
    d = result_display(five, rule, false);
    CHECK(d.show_percentages);
    CHECK_FALSE(d.suppressed);
    CHECK(d.percentages == std::vector<int>{60, 20, 20});

    const std::vector<long long> six{2, 2, 2};
    d = result_display(six, rule, false);
    CHECK(d.percentages == std::vector<int>{34, 33, 33});
}

TEST_CASE("rounded percentages always add up to 100", "[poll]") {
    CHECK(rounded_percentages(std::vector<long long>{1, 1, 1}) == std::vector<int>{34, 33, 33});
    CHECK(rounded_percentages(std::vector<long long>{0, 0}) == std::vector<int>{0, 0});
    CHECK(rounded_percentages(std::vector<long long>{1, 2}) == std::vector<int>{33, 67});
    CHECK(rounded_percentages(std::vector<long long>{7}) == std::vector<int>{100});
    for (long long a = 0; a < 12; ++a)
        for (long long b = 0; b < 12; ++b)
            for (long long c = 1; c < 12; ++c) {
                const std::vector<long long> v{a, b, c, 1, a + b};
                const auto p = rounded_percentages(v);
                int sum = 0;
                for (int x : p) sum += x;
                REQUIRE(sum == 100);
            }
}

TEST_CASE("the public poll view hides the tally until reveal", "[poll]") {
    PollDef def;
    def.id = "p";
    def.options = {{"a", "A"}, {"b", "B"}};
    PollTally t(2);
    for (int i = 0; i < 6; ++i) t.add_vote(i % 3 == 0 ? 0 : 1);
    PollView v = make_poll_view(def, t, SuppressionRule{}, false);
    CHECK(v.votes == 6);
    CHECK_FALSE(v.revealed);
    CHECK(v.counts.empty());
    CHECK(v.display.percentages.empty());
    t.close();
    v = make_poll_view(def, t, SuppressionRule{}, false);
    CHECK(v.state == PollState::Closed);
    CHECK(v.counts.empty());
    t.reveal();
    v = make_poll_view(def, t, SuppressionRule{}, false);
    CHECK(v.revealed);
    CHECK(v.counts == std::vector<long long>{2, 4});
    CHECK(v.display.percentages == std::vector<int>{33, 67});
}

TEST_CASE("every vote outcome has a message, and both counted ones thank the voter", "[poll]") {
    CHECK(std::string(vote_outcome_message(VoteOutcome::Counted)) ==
          "Vote counted \xE2\x80\x94 thank you. Next person, please.");
    CHECK(std::string(vote_outcome_message(VoteOutcome::CountedHeldInMemory)).find("held in memory") !=
          std::string::npos);
    for (VoteOutcome o : {VoteOutcome::IgnoredCooldown, VoteOutcome::NotArmed, VoteOutcome::VotingClosed,
                          VoteOutcome::InvalidOption})
        CHECK_FALSE(std::string(vote_outcome_message(o)).empty());
    CHECK(std::string(to_string(VoteOutcome::CountedHeldInMemory)) == "counted-held-in-memory");
}
