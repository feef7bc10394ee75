// The video step widget, drawn headless (ImGui with its default font, a software renderer for the
// picture): what text and buttons it shows in each state, and what its commands do.
#include "ui/video_view.hpp"
#include "ui/key_table.hpp"

#include "../media/media_test_support.hpp"
#include "imgui_fixture.hpp"

using namespace media_test;
using namespace upstander;
using namespace upstander::ui;

namespace {

// The fixture plus a software renderer for the picture, drawing the view frame by frame.
struct Harness : upstander::ui::test::ImGuiFixture {
    SoftwareTarget target;
    VideoView view;

    double frame(media::Player& player, const VideoDef& def) {
        UiContext ctx = begin_frame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(kWidth, kHeight));
        ImGui::Begin("step", nullptr, ImGuiWindowFlags_NoDecoration);
        double wait = view.draw(ctx, player, target.renderer, def, ImVec2(20, 20), ImVec2(1004, 748));
        ImGui::End();
        end_frame();
        // The controls only push commands; the app applies them to the view after the frame.
        CommandQueue pushed;
        pushed.swap(commands);
        for (const Command& c : pushed) view.apply(player, def, c);
        return wait;
    }
    VideoKeyResult send(media::Player& player, const VideoDef& def, CommandType t) {
        return view.apply(player, def, Command{t, -1, {}});
    }

    // Draws frames in real time until `done` or the timeout.
    bool frames_until(media::Player& player, const VideoDef& def, const std::function<bool()>& done,
                      double timeout = 20) {
        const double deadline = now_s() + timeout;
        while (now_s() < deadline) {
            double wait = frame(player, def);
            if (done()) return true;
            player.wait_for_wake(std::clamp(wait, 0.001, 0.02));
        }
        return done();
    }
    bool shows(std::string_view text) const { return registry.contains_text(text); }
};

VideoDef def_for(const fs::path& file) {
    VideoDef def;
    def.src = file;
    return def;
}

}  // namespace

TEST_CASE("a content warning must be confirmed before the clip plays", "[video_view]") {
    init_sdl_audio_dummy();
    Harness hx;
    media::Player player;
    VideoDef def = def_for(h264_aac());
    def.autoplay = true;
    def.content_warning = "This clip describes a racist attack.";
    player.open(def.src);
    hx.view.reset(def, false);
    REQUIRE(hx.frames_until(player, def, [&] { return player.first_frame_ready(); }));
    hx.frame(player, def);
    CHECK(hx.shows("Content warning"));
    CHECK(hx.shows("This clip describes a racist attack."));
    const VisibleItem* button = hx.registry.find_clickable("Play the clip");
    REQUIRE(button != nullptr);
    CHECK(player.status() == media::PlayerStatus::Ready);  // autoplay waits for the confirmation

    CHECK(hx.send(player, def, CommandType::PlayPauseVideo).handled);  // K (or the button) confirms and plays
    CHECK(hx.view.warning_confirmed());
    CHECK(player.status() == media::PlayerStatus::Playing);
    hx.frame(player, def);
    CHECK_FALSE(hx.shows("Content warning"));
    CHECK(hx.registry.find_clickable("Pause") != nullptr);
}

TEST_CASE("controls, captions and keys of a playing clip", "[video_view]") {
    init_sdl_audio_dummy();
    Harness hx;
    media::Player player;
    VideoDef def = def_for(video_only());
    def.captions = sidecar_vtt();
    def.autoplay = true;
    player.open(def.src, media::OpenOptions{0, std::nullopt, false, false, def.captions});
    hx.view.reset(def, true);
    REQUIRE(hx.frames_until(player, def, [&] { return player.status() == media::PlayerStatus::Playing; }));
    hx.frame(player, def);  // autoplay was a command applied after the last frame
    for (const char* label : {"Pause", "Back 10 s", "Forward 10 s", "Restart", "Mute", "Captions off", "Volume -",
                              "Seek bar"}) {
        INFO(label << "\n" << hx.registry.dump());
        CHECK(hx.registry.find_clickable(label) != nullptr);
    }
    CHECK(hx.shows(" / 0:02"));
    CHECK(hx.view.wants_space(player, def));

    REQUIRE(hx.frames_until(player, def, [&] { return hx.shows("First caption"); }));
    hx.send(player, def, CommandType::VideoCaptions);
    hx.frame(player, def);
    CHECK_FALSE(hx.shows("First caption"));
    CHECK(hx.registry.find_clickable("Captions on") != nullptr);

    CHECK(hx.send(player, def, CommandType::VideoFullscreen).fullscreen_requested);
    hx.send(player, def, CommandType::VideoQuieter);
    CHECK(player.volume() == 90);
    hx.send(player, def, CommandType::VideoMute);
    CHECK(player.muted());
    CHECK_FALSE(hx.send(player, def, CommandType::Next).handled);  // not a clip command
    CHECK(find_binding(KeyContext::Video, Key::Right, false) == nullptr);  // Right stays "next step"

    hx.send(player, def, CommandType::PlayPauseVideo);
    CHECK(player.paused());
    hx.frame(player, def);
    CHECK(hx.registry.find_clickable("Play") != nullptr);
    CHECK(hx.frame(player, def) >= 0.5);  // a paused clip is not redrawn 10 times a second (real kiosk: 24 % CPU)
    hx.send(player, def, CommandType::VideoRestart);  // restart plays from the start
    CHECK_FALSE(player.paused());
    REQUIRE(hx.frames_until(player, def, [&] { return player.ended(); }));
    CHECK_FALSE(hx.view.wants_space(player, def));  // at the end, Space goes on to the next step
}

TEST_CASE("a broken clip shows an error card naming the file", "[video_view]") {
    init_sdl_audio_dummy();
    Harness hx;
    media::Player player;
    fs::path broken = cached("view-notes.mp4", [](const fs::path& p) { write_file(p, "lesson notes, not a video"); });
    VideoDef def = def_for(broken);
    player.open(def.src);
    hx.view.reset(def, false);
    REQUIRE(hx.frames_until(player, def, [&] { return player.status() == media::PlayerStatus::Failed; }));
    hx.frame(player, def);
    CHECK(hx.shows("This clip could not be played"));
    CHECK(hx.shows("view-notes.mp4"));
    CHECK(hx.shows("not a video or audio file"));
    CHECK_FALSE(hx.view.wants_space(player, def));
}

TEST_CASE("sound-only media shows a still card", "[video_view]") {
    init_sdl_audio_dummy();
    Harness hx;
    media::Player player;
    VideoDef def = def_for(audio_only());
    player.open(def.src);
    hx.view.reset(def, false);
    REQUIRE(hx.frames_until(player, def, [&] { return player.first_frame_ready(); }));
    hx.frame(player, def);
    CHECK(hx.shows("Listen"));
    CHECK(hx.shows("audio_only.m4a (sound only)"));
}

TEST_CASE("elapsed time is shown rounded down", "[video_view]") {
    CHECK(format_elapsed(0) == "0:00");
    CHECK(format_elapsed(59.99) == "0:59");
    CHECK(format_elapsed(65) == "1:05");
    CHECK(format_elapsed(3723) == "1:02:03");
}
