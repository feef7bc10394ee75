// Answer cards: the mapping from a marker detection to (card, answer), stability over frames,
// each card counted once, last steady reading wins, and the commit of a scan to a poll in one save.

#include "core/card_scan.hpp"
#include "core/workshop_session.hpp"
#include "session_fixtures.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>

using namespace upstander;
using namespace upstander::test;
namespace fs = std::filesystem;

namespace {

// A marker of `card` seen from the front, turned `degrees` clockwise on screen.
CardDetection seen(int card, CardSide side, double degrees, double cx = 500, double cy = 400, double half = 20) {
    CardDetection d;
    d.tag_id = side == CardSide::Front ? front_tag_id(card) : back_tag_id(card);
    const double a = degrees * std::numbers::pi / 180.0;
    const std::array<CardPoint, 4> square{{{-half, -half}, {half, -half}, {half, half}, {-half, half}}};
    for (std::size_t i = 0; i < 4; ++i) {
        const CardPoint p = square[i];
        d.corners[i] = {cx + p.x * std::cos(a) - p.y * std::sin(a), cy + p.x * std::sin(a) + p.y * std::cos(a)};
    }
    return d;
}

// The same marker on a card tilted `tilt` degrees away from the camera: squashed by cos(tilt) along
// the screen direction `squash` (degrees), as a distant camera sees it.
CardDetection tilted(int card, CardSide side, double degrees, double squash, double tilt) {
    CardDetection d = seen(card, side, degrees, 0, 0);
    const double p = squash * std::numbers::pi / 180.0, k = std::cos(tilt * std::numbers::pi / 180.0);
    for (CardPoint& c : d.corners) {
        const double along = (c.x * std::cos(p) + c.y * std::sin(p)) * k;
        const double across = -c.x * std::sin(p) + c.y * std::cos(p);
        c = {500 + along * std::cos(p) - across * std::sin(p), 400 + along * std::sin(p) + across * std::cos(p)};
    }
    return d;
}

int answer_of(const CardDetection& d) {
    const auto r = read_card(d);
    return r ? r->answer : 0;
}

void frames(CardScan& scan, const std::vector<CardDetection>& dets, int n) {
    for (int i = 0; i < n; ++i) scan.add_frame(dets);
}

}  // namespace

TEST_CASE("each card has its own front and back marker", "[cards]") {
    std::set<int> ids;
    for (int card = 1; card <= kMaxCards; ++card) {
        CHECK(ids.insert(front_tag_id(card)).second);
        CHECK(ids.insert(back_tag_id(card)).second);
        const auto f = card_for_tag(front_tag_id(card));
        const auto b = card_for_tag(back_tag_id(card));
        REQUIRE(f);
        REQUIRE(b);
        CHECK(f->card == card);
        CHECK(f->side == CardSide::Front);
        CHECK(b->card == card);
        CHECK(b->side == CardSide::Back);
    }
    CHECK_FALSE(card_for_tag(-1));
    CHECK_FALSE(card_for_tag(2 * kMaxCards));
    CHECK(*std::max_element(ids.begin(), ids.end()) < 587);  // tag36h11 has 587 markers
}

TEST_CASE("the edge held at the top is the answer", "[cards]") {
    // Front: 1 top, 2 right, 3 bottom, 4 left (as printed). Turning the card a quarter turn
    // clockwise brings the left edge (4) to the top.
    CHECK(answer_of(seen(7, CardSide::Front, 0)) == 1);
    CHECK(answer_of(seen(7, CardSide::Front, -90)) == 2);
    CHECK(answer_of(seen(7, CardSide::Front, 180)) == 3);
    CHECK(answer_of(seen(7, CardSide::Front, 90)) == 4);
    CHECK(answer_of(seen(7, CardSide::Front, 270)) == 2);
    // Back: 5 top, 6 bottom; the side edges give nothing.
    CHECK(answer_of(seen(7, CardSide::Back, 0)) == 5);
    CHECK(answer_of(seen(7, CardSide::Back, 180)) == 6);
    CHECK(answer_of(seen(7, CardSide::Back, 90)) == 0);
    CHECK(answer_of(seen(7, CardSide::Back, -90)) == 0);
    CHECK(read_card(seen(12, CardSide::Back, 0))->card == 12);
}

TEST_CASE("a reading within the tolerance of a quarter turn counts, one further out does not", "[cards]") {
    CHECK(answer_of(seen(3, CardSide::Front, kCardAngleTolerance - 1)) == 1);
    CHECK(answer_of(seen(3, CardSide::Front, -(kCardAngleTolerance - 1))) == 1);
    CHECK(answer_of(seen(3, CardSide::Front, 90 + kCardAngleTolerance - 1)) == 4);
    CHECK(answer_of(seen(3, CardSide::Front, kCardAngleTolerance + 1)) == 0);
    CHECK(answer_of(seen(3, CardSide::Front, 45)) == 0);
    CHECK(answer_of(seen(3, CardSide::Front, 135)) == 0);
}

TEST_CASE("a tilted card is read by its true turn, not by its foreshortened top edge", "[cards]") {
    // Turned 20 degrees and tilted 50: its top edge alone looks 32.5 degrees turned (past the
    // tolerance, so it was missed); both axes together say 20.4.
    CHECK(answer_of(tilted(3, CardSide::Front, 20, 70, 50)) == 1);
    CHECK(answer_of(tilted(3, CardSide::Front, 90 - 20, 160, 50)) == 4);
    CHECK(answer_of(tilted(3, CardSide::Back, 180 + 20, 70, 50)) == 6);
    // Half way between two answers, a tilted card gives no reading whichever way it leans (its top
    // edge alone can look as little as 25 degrees turned at a 60-degree tilt, and was read).
    for (int squash = 0; squash < 180; squash += 5) {
        INFO("squashed along " << squash << " degrees");
        CHECK(answer_of(tilted(3, CardSide::Front, 45, squash, 60)) == 0);
        CHECK(answer_of(tilted(3, CardSide::Front, 135, squash, 60)) == 0);
    }
}

TEST_CASE("a detection that is not one of our markers, mirrored, degenerate or too corrected gives nothing", "[cards]") {
    CardDetection d = seen(3, CardSide::Front, 0);
    d.tag_id = 2 * kMaxCards + 5;
    CHECK_FALSE(read_card(d));
    d = seen(3, CardSide::Front, 0);
    d.hamming = kMaxCardHamming + 1;
    CHECK_FALSE(read_card(d));
    d = seen(3, CardSide::Front, 0);
    std::swap(d.corners[0], d.corners[1]);  // a mirror image
    std::swap(d.corners[2], d.corners[3]);
    CHECK_FALSE(read_card(d));
    d = seen(3, CardSide::Front, 0, 10, 10, 0.5);  // a speck
    CHECK_FALSE(read_card(d));
    d = seen(3, CardSide::Front, 0);
    d.corners[1].x = std::nan("");
    CHECK_FALSE(read_card(d));
}

TEST_CASE("a reading counts only once steady over several frames", "[cards]") {
    CardScan scan(4, {});
    const std::vector<CardDetection> one{seen(5, CardSide::Front, 180)};
    frames(scan, one, kSteadyFrames - 1);
    CHECK(scan.cards_seen() == 0);
    scan.add_frame(one);
    CHECK(scan.cards_seen() == 1);
    CHECK(scan.seen_cards() == std::vector<int>{5});
    CHECK(scan.counts() == std::vector<long long>{0, 0, 1, 0});
}

TEST_CASE("a card turning in a hand is not read mid-turn", "[cards]") {
    CardScan scan(4, {});
    // Turning from 1 towards 4 and back, never resting on one answer for long enough.
    for (int i = 0; i < 10; ++i) {
        scan.add_frame(std::vector<CardDetection>{seen(9, CardSide::Front, (i % 2) ? 0 : 90)});
        scan.add_frame(std::vector<CardDetection>{seen(9, CardSide::Front, 45)});
    }
    CHECK(scan.cards_seen() == 0);
    CHECK(scan.counts() == std::vector<long long>{0, 0, 0, 0});
}

TEST_CASE("the last steady reading wins and each card counts once", "[cards]") {
    CardScan scan(4, {});
    frames(scan, {seen(2, CardSide::Front, 0), seen(3, CardSide::Front, 0)}, 5);
    CHECK(scan.counts() == std::vector<long long>{2, 0, 0, 0});
    // Card 2 changes its mind; a brief glimpse of another answer does not change the reading.
    frames(scan, {seen(2, CardSide::Front, 90)}, 1);
    CHECK(scan.counts() == std::vector<long long>{2, 0, 0, 0});
    frames(scan, {seen(2, CardSide::Front, 90), seen(3, CardSide::Front, 0)}, kSteadyFrames);
    CHECK(scan.counts() == std::vector<long long>{1, 0, 0, 1});
    // Frames without card 2 (a head in the way) do not forget it.
    frames(scan, {seen(3, CardSide::Front, 0)}, 20);
    CHECK(scan.counts() == std::vector<long long>{1, 0, 0, 1});
    CHECK(scan.cards_seen() == 2);
    // Seen twice in one frame (a reflection): counted once.
    frames(scan, {seen(8, CardSide::Front, 0), seen(8, CardSide::Front, 0, 900, 100)}, kSteadyFrames);
    CHECK(scan.cards_seen() == 3);
    CHECK(scan.counts() == std::vector<long long>{2, 0, 0, 1});
}

TEST_CASE("two markers of one card disagreeing in a frame are not a sighting", "[cards]") {
    CardScan scan(6, {});
    frames(scan, {seen(4, CardSide::Front, 0), seen(4, CardSide::Back, 0)}, 10);
    CHECK(scan.cards_seen() == 0);
}

TEST_CASE("answers the poll does not have are not counted", "[cards]") {
    CardScan scan(3, {});  // yes / no / not sure
    frames(scan, {seen(1, CardSide::Front, 0), seen(2, CardSide::Front, 90), seen(3, CardSide::Back, 0)}, 4);
    CHECK(scan.counts() == std::vector<long long>{1, 0, 0});
    CHECK(scan.cards_seen() == 1);
    CHECK(scan.cards_out_of_range() == 2);
    CardScan likert(5, {});
    frames(likert, {seen(1, CardSide::Back, 0), seen(2, CardSide::Back, 180)}, 4);
    CHECK(likert.counts() == std::vector<long long>{0, 0, 0, 0, 1});
    CardScan six(6, {});
    frames(six, {seen(1, CardSide::Back, 0), seen(2, CardSide::Back, 180)}, 4);
    CHECK(six.counts() == std::vector<long long>{0, 0, 0, 0, 1, 1});
}

TEST_CASE("a second scan leaves out cards already counted; rescan discards this scan only", "[cards]") {
    CardScan scan(4, {2, 3});
    frames(scan, {seen(2, CardSide::Front, 0), seen(3, CardSide::Front, 0), seen(4, CardSide::Front, 180)}, 4);
    CHECK(scan.seen_cards() == std::vector<int>{4});
    CHECK(scan.counts() == std::vector<long long>{0, 0, 1, 0});
    scan.discard();
    CHECK(scan.cards_seen() == 0);
    CHECK(scan.frames() == 0);
    CHECK(scan.already_counted() == std::set<int>{2, 3});
    frames(scan, {seen(4, CardSide::Front, 0)}, 4);
    CHECK(scan.counts() == std::vector<long long>{1, 0, 0, 0});
}

namespace {

const SteadyTime t0 = SteadyTime{} + std::chrono::hours(1000);

SessionSetup card_setup() {
    SessionSetup s;
    s.group.label = "Year 8";
    s.date = "2025-05-06";
    s.session_id = "cafecafecafecafecafecafecafecafe";
    return s;
}

SessionRecord read_back(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto r = session_from_string(ss.str());
    REQUIRE(r.session);
    return *r.session;
}

}  // namespace

TEST_CASE("committing a scan adds its counts to the poll in one save, and only counts", "[cards]") {
    TempDir tmp;
    const Library lib = make_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), card_setup());
    REQUIRE(s.next());  // pre-report: likert, 5 options
    REQUIRE(s.vote(1, t0) == VoteOutcome::Counted);
    CardScan scan(5, {});
    frames(scan, {seen(1, CardSide::Front, 0), seen(2, CardSide::Front, 0), seen(3, CardSide::Back, 0)}, 3);
    const auto counts = scan.counts();
    CHECK(s.add_card_counts(counts) == WorkshopSession::CardCommit::Saved);
    const SessionRecord saved = read_back(s.session_file());
    REQUIRE(saved.find_poll("fixture", "pre-report"));
    const SessionPoll& p = *saved.find_poll("fixture", "pre-report");
    CHECK(p.options[0].count == 2);
    CHECK(p.options[1].count == 1);
    CHECK(p.options[4].count == 1);
    CHECK(p.total == 4);
    // The file holds no trace of which card said what.
    {
        // Closed before the next save: Windows cannot replace a file another handle has open.
        std::ifstream in(s.session_file());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CHECK(text.find("card") == std::string::npos);
    }
    // The booth's vote can still be voided after card votes were added.
    CHECK(s.void_last_vote(t0 + std::chrono::seconds(2)) == VoidOutcome::Voided);
    CHECK(read_back(s.session_file()).find_poll("fixture", "pre-report")->total == 3);
}

TEST_CASE("a scan is not committed to a closed poll, a poll with other options, or nothing", "[cards]") {
    TempDir tmp;
    const Library lib = make_library();
    WorkshopSession s = WorkshopSession::start(lib, lib.workshops[0], SessionStore(tmp.path()), card_setup());
    const std::vector<long long> five{1, 0, 0, 0, 0};
    CHECK(s.add_card_counts(five) == WorkshopSession::CardCommit::VotingClosed);  // title step
    REQUIRE(s.next());
    CHECK(s.add_card_counts(std::vector<long long>{1, 0, 0}) == WorkshopSession::CardCommit::WrongOptions);
    CHECK(s.add_card_counts(std::vector<long long>{0, 0, 0, 0, 0}) == WorkshopSession::CardCommit::Nothing);
    CHECK(s.add_card_counts(std::vector<long long>{-1, 2, 0, 0, 0}) == WorkshopSession::CardCommit::WrongOptions);
    REQUIRE(s.reveal());
    CHECK(s.add_card_counts(five) == WorkshopSession::CardCommit::VotingClosed);
    CHECK(read_back(s.session_file()).find_poll("fixture", "pre-report")->total == 0);
}
