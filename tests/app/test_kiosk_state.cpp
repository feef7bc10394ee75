// KioskState without SDL: the order in which keys are interpreted, the PIN and its lockout, the
// welcome timer, setup validation, votes kept in memory when the disk fails, a config file that
// cannot be read, and the key table that the F1 overlay shows. Time is made up: nothing sleeps.
#include "app/kiosk_state.hpp"
#include "app/pin.hpp"
#include "app/settings.hpp"

#include "../core/pack_test_util.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include <sys/stat.h>

using namespace upstander;
using namespace upstander::app;
using upstander::test::PackBuilder;
using upstander::test::TempDir;
using ui::CommandType;
using ui::Key;
using Screen = KioskState::Screen;
using Overlay = KioskState::Overlay;

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const SteadyTime t0 = SteadyTime{} + std::chrono::hours(1);
SteadyTime at(double seconds) { return t0 + std::chrono::duration_cast<SteadyTime::duration>(std::chrono::duration<double>(seconds)); }

// A pack with one workshop: a title, a yes/no poll, a timed discussion, and a scenario.
void write_pack(const fs::path& dir) {
    PackBuilder b;
    b.pack["settings"] = {{"ballot_mode", "open"}, {"vote_cooldown_ms", 500}};
    b.steps() = json::array({
        json{{"type", "title"}, {"heading", "Hello"}},
        json{{"type", "poll"}, {"id", "p1"}, {"question", "Is this a test?"}, {"kind", "yes-no"}},
        json{{"type", "discussion"}, {"heading", "Talk"}, {"prompts", json::array({"One?"})}, {"timer_seconds", 60}},
    });
    b.write(dir / "test-pack");
}

struct Fixture {
    TempDir tmp;
    KioskConfig config;
    Options options;
    std::unique_ptr<KioskState> state;

    explicit Fixture(std::function<void(Fixture&)> adjust = {}) {
        write_pack(tmp / "packs");
        config.content_roots = {tmp / "packs"};
        config.data_dir = tmp / "sessions";
        config.attract_after_seconds = 300;
        config.config_file = tmp / "config.json";
        if (adjust) adjust(*this);
        state = std::make_unique<KioskState>(options, config, t0);
        state->start(t0);
        REQUIRE(state->library().find_workshop("test-workshop") != nullptr);
    }
    std::optional<ui::Command> key(Key k, bool shift = false, bool typing = false, bool repeat = false) const {
        return state->command_for_key(KeyPress{k, shift, repeat, typing});
    }
    // Presses a key: what the shell does with a KEYDOWN.
    void press(Key k, double when, bool shift = false) {
        if (auto c = key(k, shift)) state->apply(*c, at(when));
    }
    void send(CommandType t, double when, int index = -1, std::string text = {}) {
        state->apply(ui::Command{t, index, std::move(text)}, at(when));
    }
    void start_workshop(double when, const std::string& headcount = "") {
        send(CommandType::StartWorkshop, when, 0, "test-workshop");
        REQUIRE(state->screen() == Screen::Setup);
        state->setup_form().label = "Year 9 group B";
        state->setup_form().headcount = headcount;
        send(CommandType::ConfirmSetup, when);
        REQUIRE(state->screen() == Screen::Workshop);
    }
};

bool is(const std::optional<ui::Command>& c, CommandType t) { return c && c->type == t; }

}  // namespace

TEST_CASE("kiosk state: the order in which a key is interpreted", "[kiosk_state]") {
    Fixture f;
    SECTION("a text field takes every key but Esc and F1") {
        CHECK_FALSE(f.key(Key::D1, false, true));
        CHECK(is(f.key(Key::Escape, false, true), CommandType::RequestQuit));
        CHECK(is(f.key(Key::F1, false, true), CommandType::ToggleHelp));
    }
    SECTION("the title screen: digits start workshops that exist, P only with problems") {
        CHECK(is(f.key(Key::D1), CommandType::StartWorkshop));
        CHECK(f.key(Key::D1)->text == "test-workshop");
        CHECK_FALSE(f.key(Key::D2));
        CHECK_FALSE(f.key(Key::P));
    }
    SECTION("an overlay takes the keys before the screen") {
        f.press(Key::F1, 1);
        CHECK(f.state->overlay() == Overlay::Help);
        CHECK_FALSE(f.key(Key::D1));  // not "start workshop 1" under the help
        CHECK(is(f.key(Key::Escape), CommandType::CloseOverlay));
    }
    SECTION("in a workshop: global keys, then video, then the workshop's keys") {
        f.start_workshop(1);
        CHECK(is(f.key(Key::Right), CommandType::Next));
        CHECK(is(f.key(Key::D1), CommandType::Choose));  // not a poll: a scenario choice
        f.press(Key::Right, 2);
        CHECK(is(f.key(Key::D1), CommandType::Vote));  // on the poll
        CHECK(is(f.key(Key::R, true), CommandType::ToggleSuppressionOverride));
        CHECK(is(f.key(Key::R), CommandType::Reveal));
        CHECK_FALSE(f.key(Key::Right, false, false, true));  // a held key does not race on
        // A clip on screen takes Space while it wants it, and Esc only while it fills the screen.
        f.state->set_video_status(VideoStatus{true, true, false, false});
        CHECK(is(f.key(Key::Space), CommandType::PlayPauseVideo));
        CHECK(is(f.key(Key::Escape), CommandType::RequestQuit));
        f.state->set_video_status(VideoStatus{true, false, true, false});
        CHECK(is(f.key(Key::Space), CommandType::Next));  // the clip is over: Space goes on
        CHECK(is(f.key(Key::Escape), CommandType::VideoFullscreen));
        CHECK(is(f.key(Key::Right), CommandType::Next));  // Right always moves on
        f.state->set_video_status(VideoStatus{});
        // Blank takes any key and only brings the screen back.
        f.press(Key::B, 3);
        CHECK(f.state->blanked());
        CHECK(is(f.key(Key::Right), CommandType::ToggleBlank));
        f.press(Key::Right, 4);
        CHECK_FALSE(f.state->blanked());
        CHECK(f.state->session()->position().step == 1);  // the key did nothing else
        // The calm screen swallows everything but the global keys.
        f.press(Key::Q, 5);
        CHECK(f.state->calm());
        CHECK_FALSE(f.key(Key::Right));
        CHECK(is(f.key(Key::Q), CommandType::ToggleCalm));
    }
}

TEST_CASE("kiosk state: the PIN prompt and its lockout", "[kiosk_state]") {
    std::string error;
    const auto hash = hash_pin("2468", &error);
    REQUIRE(hash);
    Fixture f([&](Fixture& fx) { fx.config.pin_hash = *hash; });
    auto type_pin = [&](const std::string& pin, double when) {
        for (char ch : pin) f.press(static_cast<Key>(static_cast<int>(Key::D0) + (ch - '0')), when);
        f.press(Key::Return, when);
    };
    f.press(Key::Escape, 1);
    REQUIRE(f.state->overlay() == Overlay::Pin);
    CHECK(is(f.key(Key::D1), CommandType::PinDigit));  // the prompt takes the digits
    for (int i = 0; i < 4; ++i) {
        type_pin("1111", 2 + i);
        CHECK(f.state->pin_prompt_view(at(2 + i)).error == "That PIN is not right. Try again.");
    }
    type_pin("1111", 10);  // the fifth wrong PIN
    CHECK(f.state->pin_prompt_view(at(10)).error == "Too many wrong PINs. Try again in 0:30.");
    CHECK(f.state->pin_prompt_view(at(25)).error == "Too many wrong PINs. Try again in 0:15.");
    type_pin("2468", 20);  // the right PIN, but during the lockout: not even checked
    CHECK_FALSE(f.state->quit());
    CHECK(f.state->overlay() == Overlay::Pin);
    type_pin("1111", 41);  // after the wait, another wrong PIN doubles it
    CHECK(f.state->pin_prompt_view(at(41)).error == "Too many wrong PINs. Try again in 1:00.");
    CHECK(f.state->next_wake(at(41)) <= 1.0);  // the countdown is redrawn
    type_pin("2468", 102);
    CHECK(f.state->quit());
}

TEST_CASE("kiosk state: the welcome screen after a quiet time on the title screen", "[kiosk_state]") {
    Fixture f;
    f.state->tick(at(299));
    CHECK(f.state->screen() == Screen::Title);
    CHECK(f.state->next_wake(at(299)) == Approx(1.0).margin(0.01));
    f.state->note_activity(at(200));
    f.state->tick(at(400));
    CHECK(f.state->screen() == Screen::Title);  // activity at 200 s: due at 500 s
    f.state->tick(at(500));
    CHECK(f.state->screen() == Screen::Attract);
    CHECK(is(f.key(Key::Right), CommandType::LeaveAttract));
    f.press(Key::Right, 501);
    CHECK(f.state->screen() == Screen::Title);
}

TEST_CASE("kiosk state: setup accepts a headcount of digits only", "[kiosk_state]") {
    Fixture f;
    for (const char* bad : {"1.5", "30.", "-3", "+5", "1e3", "3 0", "0", "10001", "２", "30*2"}) {
        INFO(bad);
        f.send(CommandType::StartWorkshop, 1, 0, "test-workshop");
        f.state->setup_form().label = "Year 9";
        f.state->setup_form().headcount = bad;
        f.send(CommandType::ConfirmSetup, 1);
        CHECK(f.state->screen() == Screen::Setup);
        CHECK(f.state->setup_form().error == "The number of people should be between 1 and 10000, or left empty.");
        f.send(CommandType::CancelSetup, 1);
    }
    f.start_workshop(2, "30");
    CHECK(f.state->session()->record().group.headcount == 30);
}

TEST_CASE("kiosk state: votes that could not be saved are kept and retried after the session is left", "[kiosk_state]") {
    // The data folder's parent is a plain file, so the folder cannot be made (this holds for root too).
    Fixture f([](Fixture& fx) {
        std::ofstream(fx.tmp / "blocker") << "x";
        fx.config.data_dir = fx.tmp / "blocker" / "sessions";
    });
    f.start_workshop(1);
    f.press(Key::Right, 2);
    f.press(Key::D1, 3);
    f.press(Key::D2, 5);
    REQUIRE_FALSE(f.state->session()->all_saved());
    CHECK(f.state->votes_not_on_disk() == 2);
    f.send(CommandType::RequestQuit, 6);
    CHECK(f.state->overlay() == Overlay::ConfirmLeaveWorkshop);
    f.send(CommandType::ConfirmQuit, 6);
    CHECK(f.state->screen() == Screen::Title);
    CHECK(f.state->session() == nullptr);
    REQUIRE(f.state->held_sessions().size() == 1);  // not dropped
    CHECK(f.state->votes_not_on_disk() == 2);
    CHECK_THAT(f.state->title_view().notice, Catch::Contains("2 votes are kept in memory"));
    // Quitting now asks, and says how many votes would be lost.
    f.send(CommandType::RequestQuit, 7);
    f.send(CommandType::ConfirmQuit, 7);
    CHECK_FALSE(f.state->quit());
    CHECK(f.state->overlay() == Overlay::ConfirmQuitUnsaved);
    CHECK_THAT(f.state->confirm_question(), Catch::Contains("2 votes are only in memory"));
    f.send(CommandType::CancelQuit, 8);
    // The disk comes back: the next retry writes the session.
    fs::remove(f.tmp / "blocker");
    f.state->tick(at(9));
    f.state->tick(at(20));
    CHECK(f.state->held_sessions().empty());
    CHECK(f.state->votes_not_on_disk() == 0);
    int files = 0;
    for (const auto& e : fs::directory_iterator(f.tmp / "blocker" / "sessions")) {
        if (e.path().extension() != ".json") continue;
        ++files;
        std::ifstream in(e.path());
        const json j = json::parse(in);
        CHECK(j["status"] == "finished");
        CHECK(j["polls"][0]["total"] == 2);
    }
    CHECK(files == 1);
}

TEST_CASE("kiosk state: votes held in memory can be saved to another folder", "[kiosk_state]") {
    Fixture f([](Fixture& fx) {
        std::ofstream(fx.tmp / "blocker") << "x";
        fx.config.data_dir = fx.tmp / "blocker" / "sessions";
    });
    f.start_workshop(1);
    f.press(Key::Right, 2);
    f.press(Key::D1, 3);
    f.send(CommandType::EndSession, 4);
    f.send(CommandType::ConfirmQuit, 4);
    REQUIRE(f.state->votes_not_on_disk() == 1);
    f.send(CommandType::ShowImpact, 5);
    REQUIRE(f.state->screen() == Screen::Impact);
    CHECK(f.state->impact_view().held_votes == 1);
    const fs::path usb = f.tmp / "usb";
    f.send(CommandType::SaveHeldVotes, 6, -1, usb.string());
    CHECK_THAT(f.state->impact_view().status, Catch::StartsWith("Saved 1 session file"));
    CHECK(f.state->votes_not_on_disk() == 0);
    CHECK(std::distance(fs::directory_iterator(usb), fs::directory_iterator()) == 1);
    f.send(CommandType::ShowTitle, 7);
    f.send(CommandType::RequestQuit, 7);
    f.send(CommandType::ConfirmQuit, 7);
    CHECK(f.state->quit());  // nothing is lost now: no second question
}

TEST_CASE("kiosk state: a config file that cannot be read keeps Settings and leaving locked", "[kiosk_state]") {
    TempDir tmp;
    const fs::path file = tmp / "config.json";
    std::ofstream(file) << "{\"theme\": \"light\",, \"pin_hash\": \"$argon2id$v=19$m=65536,t=2,p=1$abc$def\"}";
    Options o;
    o.config_file = file;
    o.data_dir = tmp / "flag-data";
    LoadedSettings s = load_settings(o);
    CHECK_FALSE(s.unreadable.empty());
    CHECK(s.pin_may_be_set);
    CHECK(s.config.pin_hash == "$argon2id$v=19$m=65536,t=2,p=1$abc$def");  // recovered: the PIN still works
    KioskConfig k = kiosk_config(s);
    CHECK(k.config.data_dir.empty());  // the --data-dir flag is not in what Settings would save
    CHECK(k.data_dir == tmp / "flag-data");

    Fixture f([&](Fixture& fx) {
        fx.config.config_unreadable = s.unreadable;
        fx.config.pin_may_be_set = true;
    });
    f.send(CommandType::ShowSettings, 1);
    CHECK(f.state->screen() == Screen::Title);
    CHECK(f.state->overlay() == Overlay::None);
    CHECK_THAT(f.state->title_view().notice, Catch::Contains("Settings are locked"));
    // Leaving asks for a PIN, which cannot be checked without a hash: the kiosk stays up.
    f.send(CommandType::RequestQuit, 2);
    REQUIRE(f.state->overlay() == Overlay::Pin);
    for (int d : {1, 2, 3, 4}) f.send(CommandType::PinDigit, 3, d);
    f.send(CommandType::PinSubmit, 3);
    CHECK_FALSE(f.state->quit());
    CHECK_THAT(f.state->pin_prompt_view(at(3)).error, Catch::Contains("cannot be checked"));
    // Settings never wrote the file.
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find(",,") != std::string::npos);
}

TEST_CASE("kiosk state: a pin_hash that is not a hash is never read as no PIN", "[kiosk_state]") {
    TempDir tmp;
    const fs::path file = tmp / "config.json";
    std::ofstream(file) << R"({"pin_hash": "1234"})";
    Options o;
    o.config_file = file;
    LoadedSettings s = load_settings(o);
    CHECK(s.pin_may_be_set);
    CHECK_FALSE(s.unreadable.empty());
}

TEST_CASE("kiosk state: flags are never saved into the config file", "[kiosk_state]") {
    TempDir tmp;
    const fs::path file = tmp / "config.json";
    std::ofstream(file) << R"({"suppression_threshold": 30, "vote_cooldown_ms": 2500})";
    Options o;
    o.config_file = file;
    o.data_dir = tmp / "flag-data";
    o.theme = "light";
    LoadedSettings s = load_settings(o);
    CHECK(s.config.theme == "light");
    CHECK(s.file_config.theme == "dark");
    CHECK(s.file_config.data_dir.empty());
    CHECK(s.file_config.suppression_threshold == 30);
    CHECK(s.file_config.vote_cooldown_ms == 2500);
}

TEST_CASE("kiosk state: the answer-card camera comes from --camera, else the config, else /dev/video0", "[kiosk_state]") {
    TempDir tmp;
    const fs::path file = tmp / "config.json";
    std::ofstream(file) << R"({"camera": "/dev/video2"})";
    Options o;
    o.config_file = file;
    CHECK(kiosk_config(load_settings(o)).camera == "/dev/video2");
    o.camera = "/tmp/class.mkv";
    LoadedSettings s = load_settings(o);
    CHECK(kiosk_config(s).camera == "/tmp/class.mkv");
    CHECK(s.file_config.camera == "/dev/video2");  // the flag is never saved
    std::ofstream(file, std::ios::trunc) << "{}";
    o.camera.clear();
    KioskConfig k = kiosk_config(load_settings(o));
    CHECK(k.camera.empty());
    k.content_roots.clear();
    k.data_dir = tmp / "sessions";
    KioskState state(o, k, SteadyTime{});
    CHECK(state.camera_source() == "/dev/video0");
}

TEST_CASE("kiosk state: the key table is what the help overlay lists", "[kiosk_state]") {
    const auto rows = ui::key_help_rows();
    auto row = [&](const std::string& action) -> std::string {
        for (const auto& r : rows)
            if (r.action == action) return r.keys;
        return "(missing)";
    };
    CHECK(row("Next step") == "\xE2\x86\x92, PgDn, Space");
    CHECK(row("Vote, or pick a scenario answer") == "1 to 6");
    CHECK(row("Reveal / show despite few votes") == "R, Shift+R");
    // Every binding with a help text is on the overlay, under its own action.
    for (const ui::KeyBinding& b : ui::key_bindings()) {
        if (b.help == nullptr) continue;
        INFO(b.help);
        CHECK(row(b.help) != "(missing)");
    }
    // No two bindings in one context claim the same key.
    const auto& all = ui::key_bindings();
    for (size_t i = 0; i < all.size(); ++i)
        for (size_t j = i + 1; j < all.size(); ++j) {
            const bool same = all[i].context == all[j].context && all[i].key == all[j].key &&
                              (all[i].shift == all[j].shift || all[i].any_shift || all[j].any_shift);
            CHECK_FALSE(same);
        }
}

#ifndef _WIN32  // FIFOs are POSIX: Windows has none in a folder (its named pipes live in \\.\pipe\)
TEST_CASE("kiosk state: a config path that is a FIFO never blocks and keeps the kiosk locked", "[kiosk_state]") {
    TempDir tmp;
    const fs::path file = tmp / "config.json";
    REQUIRE(::mkfifo(file.c_str(), 0600) == 0);  // nobody ever writes to it: a blocking open would hang here
    Options o;
    o.config_file = file;
    LoadedSettings s = load_settings(o);
    CHECK_THAT(s.unreadable, Catch::Contains("cannot be read"));
    CHECK(s.pin_may_be_set);
}
#endif

TEST_CASE("kiosk state: a sample clip is marked for the facilitator", "[kiosk_state]") {
    // The bundled clips are samples (their NAME.clip.json says so); the loader reads the mark.
    Library lib = load_library({fs::path(UPSTANDER_SOURCE_DIR) / "content" / "packs"});
    int videos = 0, samples = 0;
    for (const auto& w : lib.workshops)
        for (const Module* m : w.modules)
            for (const Step& s : m->steps)
                if (s.type == StepType::Video && s.video) {
                    ++videos;
                    samples += s.video->sample ? 1 : 0;
                }
    CHECK(videos > 0);
    CHECK(samples == videos);
}
