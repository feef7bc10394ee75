// KioskState and answer cards, without SDL or a camera: the scan key on a poll step, frames of
// detections, Stop counting the scan into the poll, leaving or revealing counting first, a second
// scan adding only new cards, rescan, a failed camera, and closed polls refusing a scan.
#include "app/kiosk_state.hpp"

#include "../core/pack_test_util.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace upstander;
using namespace upstander::app;
using upstander::test::PackBuilder;
using upstander::test::TempDir;
using ui::CommandType;
using ui::Key;

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const SteadyTime t0 = SteadyTime{} + std::chrono::hours(1);
SteadyTime at(double seconds) { return t0 + std::chrono::duration_cast<SteadyTime::duration>(std::chrono::duration<double>(seconds)); }

// A marker of `card` held with answer `answer` at the top (front for 1-4, back for 5-6).
CardDetection held(int card, int answer) {
    CardDetection d;
    d.tag_id = answer <= 4 ? front_tag_id(card) : back_tag_id(card);
    const int edge = answer <= 4 ? answer - 1 : (answer == 5 ? 0 : 2);
    const double turn = -90.0 * edge * 3.14159265358979 / 180.0;  // brings `edge` to the top
    const std::array<CardPoint, 4> square{{{-10, -10}, {10, -10}, {10, 10}, {-10, 10}}};
    for (std::size_t i = 0; i < 4; ++i)
        d.corners[i] = {100 * card + square[i].x * std::cos(turn) - square[i].y * std::sin(turn),
                        300 + square[i].x * std::sin(turn) + square[i].y * std::cos(turn)};
    return d;
}

struct Fixture {
    TempDir tmp;
    KioskConfig config;
    Options options;
    std::unique_ptr<KioskState> state;

    explicit Fixture(bool vote_sound = false) {
        config.config.vote_sound = vote_sound;
        PackBuilder b;
        b.steps() = json::array({
            json{{"type", "title"}, {"heading", "Hello"}},
            json{{"type", "poll"}, {"id", "p1"}, {"question", "Is this a test?"}, {"kind", "yes-no"}},
            json{{"type", "poll"}, {"id", "p2"}, {"question", "How sure?"}, {"kind", "likert"}},
        });
        b.write(tmp / "packs" / "test-pack");
        config.content_roots = {tmp / "packs"};
        config.data_dir = tmp / "sessions";
        config.config_file = tmp / "config.json";
        config.camera = "/dev/video-test";
        state = std::make_unique<KioskState>(options, config, t0);
        state->start(t0);
        send(CommandType::StartWorkshop, 0, 0, "test-workshop");
        state->setup_form().label = "Year 9 group B";
        send(CommandType::ConfirmSetup, 0);
        REQUIRE(state->screen() == KioskState::Screen::Workshop);
        send(CommandType::Next, 1);  // the yes/no poll
    }
    void send(CommandType t, double when, int index = -1, std::string text = {}) {
        state->apply(ui::Command{t, index, std::move(text)}, at(when));
    }
    void frames(const std::vector<CardDetection>& dets, int n, double when) {
        for (int i = 0; i < n; ++i) state->card_frame(dets, at(when));
    }
    long long votes(double when) const { return state->session()->current_poll(at(when))->votes; }
};

}  // namespace

TEST_CASE("kiosk cards: C starts a scan, frames are read, C again counts the steady cards into the poll", "[kiosk_cards]") {
    Fixture f;
    CHECK(f.state->camera_source() == "/dev/video-test");
    const auto c = f.state->command_for_key(KeyPress{Key::C, false, false, false});
    REQUIRE(c);
    CHECK(c->type == CommandType::ToggleCardScan);
    f.state->apply(*c, at(2));
    CHECK(f.state->card_scan_active());
    CHECK(f.state->take_requests().camera_start);
    f.frames({held(1, 1), held(2, 2), held(3, 1)}, kSteadyFrames, 3);
    ui::PollStepView pv;
    PollView poll;
    std::vector<MeasureChange> summary;
    const ui::StepView v = f.state->step_view(pv, poll, summary, at(3));
    REQUIRE(v.poll != nullptr);
    REQUIRE(v.poll->cards != nullptr);
    CHECK(v.poll->cards->seen == 3);
    CHECK(v.poll->cards->ticked.size() == 30);
    CHECK(f.votes(3) == 0);  // nothing counted until the scan stops
    CHECK(f.state->facilitator_view(at(3)).scanning_cards);
    f.send(CommandType::ToggleCardScan, 4);
    CHECK_FALSE(f.state->card_scan_active());
    CHECK(f.state->take_requests().camera_stop);
    CHECK(f.votes(4) == 3);
    f.send(CommandType::Reveal, 5);
    const auto revealed = f.state->session()->current_poll(at(5));
    CHECK(revealed->counts == std::vector<long long>{2, 1, 0});
}

TEST_CASE("kiosk cards: a second scan of the poll counts only cards not counted yet; rescan drops the scan", "[kiosk_cards]") {
    Fixture f;
    f.send(CommandType::ToggleCardScan, 2);
    f.frames({held(1, 1), held(2, 1)}, kSteadyFrames, 3);
    f.send(CommandType::ToggleCardScan, 4);
    CHECK(f.votes(4) == 2);
    f.send(CommandType::ToggleCardScan, 5);
    f.frames({held(1, 2), held(2, 2), held(7, 3)}, kSteadyFrames, 6);
    f.send(CommandType::RescanCards, 7);
    f.frames({held(9, 2)}, kSteadyFrames, 8);
    f.send(CommandType::ToggleCardScan, 9);
    CHECK(f.votes(9) == 3);  // cards 1 and 2 once only; card 7 was in the discarded scan
    f.send(CommandType::Reveal, 10);
    CHECK(f.state->session()->current_poll(at(10))->counts == std::vector<long long>{2, 1, 0});
}

TEST_CASE("kiosk cards: leaving the step or revealing counts the scan first, on its own poll", "[kiosk_cards]") {
    Fixture f;
    f.send(CommandType::ToggleCardScan, 2);
    f.frames({held(4, 2)}, kSteadyFrames, 3);
    f.send(CommandType::Next, 4);  // to the likert poll
    CHECK_FALSE(f.state->card_scan_active());
    CHECK(f.votes(4) == 0);
    f.send(CommandType::ToggleCardScan, 5);
    f.frames({held(4, 5), held(5, 6)}, kSteadyFrames, 6);  // 6 is not an option of a 5-point scale
    f.send(CommandType::Reveal, 7);
    CHECK(f.state->session()->current_poll(at(7))->counts == std::vector<long long>{0, 0, 0, 0, 1});
    f.send(CommandType::Back, 8);
    CHECK(f.votes(8) == 1);
    CHECK(f.state->session()->record().polls[0].options[1].count == 1);
}

TEST_CASE("kiosk cards: a closed poll refuses a scan; a failed camera keeps what was read", "[kiosk_cards]") {
    Fixture f;
    f.send(CommandType::Reveal, 2);
    f.send(CommandType::ToggleCardScan, 3);
    CHECK_FALSE(f.state->card_scan_active());
    CHECK_FALSE(f.state->take_requests().camera_start);
    f.send(CommandType::Reopen, 4);
    f.send(CommandType::ToggleCardScan, 5);
    REQUIRE(f.state->card_scan_active());
    f.frames({held(3, 2)}, kSteadyFrames, 6);
    f.state->camera_failed("The camera /dev/video-test is not connected.", at(7));
    CHECK(f.state->card_scan_active());
    CHECK(f.state->facilitator_view(at(7)).card_status ==
          "The camera /dev/video-test is not connected. The card read before it stopped is counted when you stop "
          "the scan (C).");
    f.send(CommandType::ToggleCardScan, 8);
    CHECK(f.votes(8) == 1);
}

TEST_CASE("kiosk cards: a camera that fails before any card is read ends the scan and says why", "[kiosk_cards]") {
    Fixture f;
    f.send(CommandType::ToggleCardScan, 2);
    REQUIRE(f.state->card_scan_active());
    (void)f.state->take_requests();
    f.state->camera_failed("The camera /dev/video-test is not connected.", at(3));
    CHECK_FALSE(f.state->card_scan_active());          // the projector no longer asks for cards
    CHECK(f.state->take_requests().camera_stop);
    CHECK(f.state->facilitator_view(at(3)).card_status == "The camera /dev/video-test is not connected.");
    CHECK(f.votes(3) == 0);
    // A new scan clears the message (and can fail again).
    f.send(CommandType::ToggleCardScan, 4);
    CHECK(f.state->card_scan_active());
    CHECK(f.state->facilitator_view(at(4)).card_status == "Scanning answer cards: 0 read so far");
    // Said once, on its own poll: moving on and coming back shows it no more.
    f.state->camera_failed("The camera /dev/video-test is not connected.", at(5));
    CHECK_FALSE(f.state->facilitator_view(at(5)).card_status.empty());
    f.send(CommandType::Next, 6);
    f.send(CommandType::Back, 7);
    CHECK(f.state->facilitator_view(at(7)).card_status.empty());
}

TEST_CASE("kiosk cards: a questionnaire ballot refuses a scan (cards answer one question at a time)", "[kiosk_cards]") {
    TempDir tmp;
    PackBuilder b;
    b.steps() = json::array({
        json{{"type", "title"}, {"heading", "Hello"}},
        json{{"type", "poll"}, {"id", "q1"}, {"question", "First?"}, {"kind", "yes-no"}, {"ballot", "together"}},
        json{{"type", "poll"}, {"id", "q2"}, {"question", "Second?"}, {"kind", "yes-no"}, {"ballot", "together"}},
    });
    b.write(tmp / "packs" / "test-pack");
    KioskConfig config;
    config.content_roots = {tmp / "packs"};
    config.data_dir = tmp / "sessions";
    config.config_file = tmp / "config.json";
    KioskState state(Options{}, config, t0);
    state.start(t0);
    state.apply(ui::Command{CommandType::StartWorkshop, 0, "test-workshop"}, at(0));
    state.setup_form().label = "Year 9 group B";
    state.apply(ui::Command{CommandType::ConfirmSetup, -1, {}}, at(0));
    state.apply(ui::Command{CommandType::Next, -1, {}}, at(1));
    REQUIRE(state.session()->current_step_is_ballot());
    CHECK_FALSE(state.facilitator_view(at(1)).can_scan_cards);
    state.apply(ui::Command{CommandType::ToggleCardScan, -1, {}}, at(2));
    CHECK_FALSE(state.card_scan_active());
    CHECK_FALSE(state.take_requests().camera_start);
}

TEST_CASE("kiosk cards: counting a scan chimes once when the vote sound is on; an empty scan does not", "[kiosk_cards][sound]") {
    for (bool on : {false, true}) {
        Fixture f(on);
        f.send(CommandType::ToggleCardScan, 2);
        f.state->take_requests();
        f.send(CommandType::ToggleCardScan, 3);  // nothing read
        CHECK_FALSE(f.state->take_requests().vote_sound);
        f.send(CommandType::ToggleCardScan, 4);
        f.frames({held(3, 2), held(4, 1)}, kSteadyFrames, 5);
        f.state->take_requests();
        f.send(CommandType::ToggleCardScan, 6);
        CHECK(f.votes(6) == 2);
        CHECK(f.state->take_requests().vote_sound == on);
    }
}
