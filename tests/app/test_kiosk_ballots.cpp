// KioskState's voting places without SDL: booths and handsets each with their own ballot,
// cooldown and confirmation; two handsets in the same instant; an unplugged handset's half ballot;
// a flooding handset flagged; a disabled place ignored; the projector never marks an answer.
#include "app/kiosk_state.hpp"

#include "../core/pack_test_util.hpp"

#include <catch2/catch.hpp>

using namespace upstander;
using namespace upstander::app;
using upstander::test::PackBuilder;
using upstander::test::TempDir;
using ui::CommandType;
using In = KioskState::PadInput;

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const SteadyTime t0 = SteadyTime{} + std::chrono::hours(1);
SteadyTime at(double seconds) { return t0 + std::chrono::duration_cast<SteadyTime::duration>(std::chrono::duration<double>(seconds)); }

// A title, a ballot of two yes/no polls, and an ordinary poll.
struct Fixture {
    TempDir tmp;
    std::unique_ptr<KioskState> state;
    explicit Fixture(bool vote_sound = false) {
        PackBuilder b;
        b.pack["settings"] = {{"ballot_mode", "open"}, {"vote_cooldown_ms", 1000}};
        b.steps() = json::array({
            json{{"type", "title"}, {"heading", "Hello"}},
            json{{"type", "poll"}, {"id", "b1"}, {"question", "First?"}, {"kind", "yes-no"}, {"ballot", "together"}},
            json{{"type", "poll"}, {"id", "b2"}, {"question", "Second?"}, {"kind", "yes-no"}, {"ballot", "together"}},
            json{{"type", "poll"}, {"id", "p1"}, {"question", "Alone?"}, {"kind", "yes-no"}},
        });
        b.write(tmp / "packs" / "test-pack");
        KioskConfig config;
        config.content_roots = {tmp / "packs"};
        config.data_dir = tmp / "sessions";
        config.config.vote_sound = vote_sound;
        Options options;
        options.workshop_id = "test-workshop";
        options.group_label = "Test";
        state = std::make_unique<KioskState>(options, config, t0);
        state->start(t0);
        REQUIRE(state->session() != nullptr);
        state->set_booth_count(2);
        state->apply(ui::Command{CommandType::Next, -1, {}}, t0);
        REQUIRE(state->session()->current_step_is_ballot());
    }
    void booth(int n, CommandType t, int index, SteadyTime now) {
        state->apply(ui::Command{t, index, {}, ui::kSourceBooth + n}, now);
    }
    long long ballots(SteadyTime now) const { return state->session()->ballot_view(screen_device(), now)->ballots; }
};

}  // namespace

TEST_CASE("kiosk: each booth has its own ballot and confirmation", "[kiosk][ballot]") {
    Fixture f;
    f.booth(1, CommandType::Vote, 0, at(1));
    f.booth(2, CommandType::Vote, 1, at(1));
    f.booth(2, CommandType::Vote, 1, at(1));
    f.booth(2, CommandType::BallotDone, -1, at(2));
    CHECK(f.ballots(at(2)) == 1);
    // Booth 2 shows its confirmation; booth 1 is still on question 2 of its own ballot.
    ui::PollStepView pv;
    PollView poll;
    std::vector<MeasureChange> summary;
    f.state->step_view(pv, poll, summary, at(2.1));
    ui::BallotStepView b1, b2;
    std::vector<PollView> r1, r2;
    ui::PollStepView pv1 = pv, pv2 = pv;
    f.state->adapt_poll_view(ui::kSourceBooth + 1, true, pv1, b1, r1, at(2.1));
    f.state->adapt_poll_view(ui::kSourceBooth + 2, true, pv2, b2, r2, at(2.1));
    CHECK_FALSE(b1.confirmation);
    CHECK(b1.ballot.question == 1);
    CHECK(b1.show_answer);  // a booth is private
    CHECK(b2.confirmation);
    CHECK(b2.ballot.question == 0);
    // The projector beside the booths: only where each booth is and the total.
    ui::BallotStepView proj;
    std::vector<PollView> rp;
    ui::PollStepView pvp = pv;
    f.state->adapt_poll_view(ui::kSourceScreen, false, pvp, proj, rp, at(2.1));
    CHECK_FALSE(proj.show_answer);
    CHECK(proj.status == "1 ballot");
    REQUIRE(proj.places.size() == 2);
    CHECK(proj.places[0] == "Booth 1: Question 2 of 2");
    CHECK(proj.places[1] == "Booth 2: Question 1 of 2");
}

TEST_CASE("kiosk: two handsets in the same instant both count; rumble only when counted", "[kiosk][ballot][handsets]") {
    Fixture f;
    f.state->handset_connected(1, "full", at(0));
    f.state->handset_connected(2, "", at(0));
    for (int h : {1, 2}) {
        CHECK_FALSE(f.state->handset_pressed(h, In::Option, 0, at(1)));
        CHECK_FALSE(f.state->handset_pressed(h, In::Option, 1, at(1)));
    }
    CHECK(f.state->handset_pressed(1, In::Done, -1, at(1)));
    CHECK(f.state->handset_pressed(2, In::Done, -1, at(1)));
    CHECK(f.ballots(at(1)) == 2);
    const ui::FacilitatorView fv = f.state->facilitator_view(at(1));
    bool battery = false;
    for (const auto& row : fv.places) battery = battery || row.text.find("battery full") != std::string::npos;
    CHECK(battery);
}

TEST_CASE("kiosk: a handset unplugged mid-ballot counts nothing and the presenter says so", "[kiosk][ballot][handsets]") {
    Fixture f;
    f.state->handset_connected(3, "", at(0));
    f.state->handset_pressed(3, In::Option, 0, at(1));
    f.state->handset_disconnected(3, at(2));
    CHECK(f.ballots(at(2)) == 0);
    const ui::FacilitatorView fv = f.state->facilitator_view(at(2));
    bool said = false;
    for (const auto& row : fv.places) said = said || (row.warning && row.text.find("unplugged mid-ballot") != std::string::npos);
    CHECK(said);
    // Presses from a handset that is no longer there change nothing.
    CHECK_FALSE(f.state->handset_pressed(3, In::Done, -1, at(3)));
}

TEST_CASE("kiosk: a flooding handset is refused by its cooldown and flagged; a disabled one is ignored", "[kiosk][handsets]") {
    Fixture f;
    f.state->handset_connected(1, "", at(0));
    f.state->handset_pressed(1, In::Option, 0, at(1));
    f.state->handset_pressed(1, In::Option, 0, at(1));
    REQUIRE(f.state->handset_pressed(1, In::Done, -1, at(1)));
    for (int i = 0; i < 20; ++i) f.state->handset_pressed(1, In::Option, 0, at(1.01 + i * 0.01));
    CHECK_FALSE(f.state->session()->ballot_view(handset_device(1), at(1.3))->started);  // nothing got through
    ui::FacilitatorView fv = f.state->facilitator_view(at(1.3));
    REQUIRE_FALSE(fv.places.empty());
    CHECK(fv.places.back().warning);
    CHECK_THAT(fv.places.back().text, Catch::Contains("stuck button?"));
    // The facilitator disables it: its presses do nothing until it is enabled again.
    f.state->apply(ui::Command{CommandType::ToggleDevice, -1, {}, ui::kSourceHandset + 1}, at(2));
    f.state->handset_pressed(1, In::Option, 0, at(5));
    CHECK_FALSE(f.state->session()->ballot_view(handset_device(1), at(5))->started);
    f.state->apply(ui::Command{CommandType::ToggleDevice, -1, {}, ui::kSourceHandset + 1}, at(6));
    f.state->handset_pressed(1, In::Option, 0, at(7));
    CHECK(f.state->session()->ballot_view(handset_device(1), at(7))->started);
}

TEST_CASE("kiosk: on an ordinary poll each place has its own cooldown", "[kiosk][handsets]") {
    Fixture f;
    f.state->apply(ui::Command{CommandType::Next, -1, {}}, at(0));  // the ordinary poll
    REQUIRE_FALSE(f.state->session()->current_step_is_ballot());
    f.state->handset_connected(1, "", at(0));
    CHECK(f.state->handset_pressed(1, In::Option, 0, at(1)));
    CHECK_FALSE(f.state->handset_pressed(1, In::Option, 1, at(1.2)));  // its own cooldown
    f.booth(1, CommandType::Vote, 1, at(1.2));                           // a booth is free meanwhile
    CHECK(f.state->session()->current_poll(at(1.2))->votes == 2);
}

TEST_CASE("kiosk: the vote chime is asked for only when the config turns it on, and only for counted votes", "[kiosk][sound]") {
    for (bool on : {false, true}) {
        Fixture f(on);
        f.state->take_requests();
        // A half-done ballot counts nothing: no chime.
        f.booth(1, CommandType::Vote, 0, at(1));
        CHECK_FALSE(f.state->take_requests().vote_sound);
        f.booth(1, CommandType::Vote, 1, at(2));
        f.booth(1, CommandType::BallotDone, -1, at(3));
        CHECK(f.state->take_requests().vote_sound == on);
        // A handset's counted ballot chimes the same; its answers before Done do not.
        f.state->handset_connected(2, "", at(3));
        f.state->take_requests();
        CHECK_FALSE(f.state->handset_pressed(2, In::Option, 0, at(4)));
        CHECK_FALSE(f.state->take_requests().vote_sound);
        CHECK_FALSE(f.state->handset_pressed(2, In::Option, 1, at(5)));
        CHECK(f.state->handset_pressed(2, In::Done, -1, at(6)));
        CHECK(f.state->take_requests().vote_sound == on);
    }
}
