// Real-time playback under SDL's dummy audio driver (which runs the audio callback in real time),
// clean shutdown at any moment, preload, loop, captions and wake events. No wall-clock assertions:
// every wait has a generous timeout and only outcomes are checked.
#include "media_test_support.hpp"

#include <thread>

using namespace media_test;

namespace {
bool is_ended(const Player& p) { return p.status() == PlayerStatus::Ended; }
}  // namespace

TEST_CASE("H.264/AAC plays to the end on the audio clock", "[play]") {
    init_sdl_audio_dummy();
    SoftwareTarget target;
    Player p;
    OpenOptions opts;
    opts.autoplay = true;
    p.open(h264_aac(), opts);
    REQUIRE(run_until(p, target.renderer, [&] { return is_ended(p) || p.error(); }, 30));
    REQUIRE_FALSE(p.error());
    CHECK(p.audio_output_active());
    PlaybackStats st = p.stats();
    CHECK(st.frames_shown + st.frames_dropped >= 45);
    CHECK(st.frames_shown > 0);
    CHECK(st.av_samples > 0);
    CHECK(p.position() == Approx(2.0).margin(0.05));
}

TEST_CASE("5.1 48 kHz and mono 22.05 kHz sound is converted for the device", "[play]") {
    init_sdl_audio_dummy();
    for (const fs::path& file : {surround_48k(), mono_22k(), vp9_opus(), mpeg4_mp3()}) {
        INFO(file);
        Player p;
        OpenOptions opts;
        opts.autoplay = true;
        p.open(file, opts);
        REQUIRE(run_until(p, nullptr, [&] { return is_ended(p) || p.error(); }, 30));
        REQUIRE_FALSE(p.error());
        CHECK(p.audio_output_active());
        CHECK(p.stats().frames_shown > 0);
    }
}

TEST_CASE("video-only clips play silently on the system clock", "[play]") {
    init_sdl_audio_dummy();
    Player p;
    OpenOptions opts;
    opts.autoplay = true;
    p.open(video_only(), opts);
    REQUIRE(run_until(p, nullptr, [&] { return is_ended(p) || p.error(); }, 30));
    REQUIRE_FALSE(p.error());
    CHECK_FALSE(p.has_audio());
    CHECK_FALSE(p.audio_output_active());
    CHECK(p.stats().frames_shown + p.stats().frames_dropped >= 45);
}

TEST_CASE("audio-only clips play with no picture", "[play]") {
    init_sdl_audio_dummy();
    Player p;
    OpenOptions opts;
    opts.autoplay = true;
    p.open(audio_only(), opts);
    REQUIRE(run_until(p, nullptr, [&] { return p.position() > 0.5 || p.error(); }, 30));
    CHECK_FALSE(p.has_video());
    CHECK(p.has_audio());
    REQUIRE(run_until(p, nullptr, [&] { return is_ended(p) || p.error(); }, 30));
    REQUIRE_FALSE(p.error());
    CHECK(p.picture().texture == nullptr);
}

TEST_CASE("without an audio device, sound-bearing clips still play on the system clock", "[play]") {
    PlayerConfig cfg;
    cfg.audio_output = false;
    for (const fs::path& file : {h264_aac(), audio_only()}) {
        INFO(file);
        Player p(cfg);
        OpenOptions opts;
        opts.autoplay = true;
        opts.end_seconds = 0.6;
        p.open(file, opts);
        REQUIRE(run_until(p, nullptr, [&] { return is_ended(p) || p.error(); }, 30));
        REQUIRE_FALSE(p.error());
        CHECK_FALSE(p.audio_output_active());
    }
}

TEST_CASE("preload: the first frame is ready while paused, and play() starts from it", "[play][preload]") {
    init_sdl_audio_dummy();
    SoftwareTarget target;
    Player p;
    p.open(h264_aac());  // preloading: no autoplay
    REQUIRE(run_until(p, target.renderer, [&] { return p.first_frame_ready(); }, 20));
    CHECK(p.status() == PlayerStatus::Ready);
    run_until(p, target.renderer, [] { return false; }, 0.3);  // the previous step stays on screen a while
    CHECK(p.picture().texture != nullptr);  // poster frame
    CHECK(p.picture().pts == Approx(0.0));
    CHECK(p.position() == Approx(0.0).margin(1e-3));
    CHECK(p.stats().frames_shown == 1);

    p.play();
    CHECK(p.status() == PlayerStatus::Playing);
    p.update(target.renderer);
    REQUIRE(run_until(p, target.renderer, [&] { return p.position() > 0.3; }, 20));

    p.pause();
    CHECK(p.status() == PlayerStatus::Paused);
    const double held = p.position();
    run_until(p, target.renderer, [] { return false; }, 0.3);
    CHECK(p.position() == Approx(held).margin(0.01));
}

TEST_CASE("loop jumps back to the trimmed start instead of ending", "[play]") {
    init_sdl_audio_dummy();
    Player p;
    OpenOptions opts;
    opts.autoplay = true;
    opts.loop = true;
    opts.end_seconds = 0.5;
    p.open(h264_aac(), opts);
    long shown_at_first_end = 0;
    // Wait until playback has wrapped at least once: the position goes back below 0.3 s after passing 0.4 s.
    bool passed = false, wrapped = false;
    run_until(p, nullptr, [&] {
        double pos = p.position();
        if (pos > 0.4) passed = true;
        if (passed && pos < 0.3) {
            wrapped = true;
            shown_at_first_end = p.stats().frames_shown;
        }
        return wrapped || p.error().has_value();
    }, 30);
    REQUIRE_FALSE(p.error());
    CHECK(wrapped);
    CHECK_FALSE(p.ended());
    CHECK(shown_at_first_end >= 5);
}

TEST_CASE("volume and mute are clamped and kept across opens", "[play]") {
    Player p;
    p.set_volume(150);
    CHECK(p.volume() == 100);
    p.set_volume(-5);
    CHECK(p.volume() == 0);
    p.set_volume(40);
    p.set_muted(true);
    CHECK(p.muted());
    CHECK(p.volume() == 40);
}

TEST_CASE("clean shutdown on step change at any moment", "[play][shutdown]") {
    init_sdl_audio_dummy();
    SoftwareTarget target;
    const fs::path files[] = {h264_aac(), vp9_opus(), audio_only(), video_only(), with_mov_text()};
    Player p;
    OpenOptions opts;
    opts.autoplay = true;
    for (int round = 0; round < 10; ++round) {
        const fs::path& file = files[round % 5];
        INFO(file << " round " << round);
        p.open(file, opts);
        if (round % 3 == 0) continue;  // change step while the file is still opening
        run_until(p, target.renderer, [&] { return p.position() > 0.1 || p.error(); }, 20);
        if (round % 2) p.seek_to(1.0);  // mid-seek
        p.update(target.renderer);
    }
    p.close();
    CHECK(p.status() == PlayerStatus::Idle);
    // And destroying a player in the middle of playback.
    {
        Player q;
        q.open(h264_aac(), opts);
        run_until(q, target.renderer, [&] { return q.position() > 0.2; }, 20);
    }
    {
        Player q;
        q.open(h264_aac());  // destroyed while preloading
    }
}

TEST_CASE("embedded mov_text subtitles become captions", "[play][captions]") {
    init_sdl_audio_dummy();
    Player p;
    p.open(with_mov_text());
    REQUIRE(run_until(p, nullptr, [&] { return p.first_frame_ready(); }, 20));
    CHECK(p.has_captions());
    p.seek_to(0.5);
    REQUIRE(run_until(p, nullptr, [&] { return p.caption_text() == "First caption"; }, 20));
    p.seek_to(1.5);
    REQUIRE(run_until(p, nullptr, [&] { return p.caption_text() == "Second caption\nover two lines"; }, 20));
    p.seek_to(0.95);
    REQUIRE(run_until(p, nullptr, [&] { return p.caption_text().empty(); }, 20));
}

TEST_CASE("sidecar captions are used, and a missing one does not stop the clip", "[play][captions]") {
    init_sdl_audio_dummy();
    Player p;
    OpenOptions opts;
    opts.captions = sidecar_vtt();
    p.open(video_only(), opts);
    REQUIRE(run_until(p, nullptr, [&] { return p.first_frame_ready(); }, 20));
    CHECK(p.has_captions());
    CHECK_FALSE(p.captions_error());
    p.seek_to(1.2);
    REQUIRE(run_until(p, nullptr, [&] { return p.caption_text() == "Second caption\nover two lines"; }, 20));

    opts.captions = clip_dir() / "missing-captions.srt";
    p.open(video_only(), opts);
    REQUIRE(run_until(p, nullptr, [&] { return p.first_frame_ready(); }, 20));
    REQUIRE_FALSE(p.error());
    REQUIRE(p.captions_error());
    CHECK_THAT(*p.captions_error(), Catch::Contains("missing-captions.srt"));
}

TEST_CASE("workers wake the UI loop with an SDL user event", "[play][events]") {
    init_sdl_audio_dummy();
    REQUIRE(SDL_InitSubSystem(SDL_INIT_EVENTS) == 0);
    PlayerConfig cfg;
    cfg.wake_event_type = register_wake_event_type();
    REQUIRE(cfg.wake_event_type != 0);
    CHECK(register_wake_event_type() == cfg.wake_event_type);
    SDL_FlushEvent(cfg.wake_event_type);
    Player p(cfg);
    p.open(h264_aac());
    bool seen = false;
    const double deadline = now_s() + 20;
    while (!seen && now_s() < deadline) {
        SDL_Event ev;
        SDL_PumpEvents();
        while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, cfg.wake_event_type, cfg.wake_event_type) > 0) {
            CHECK(ev.user.data1 == &p);
            seen = true;
        }
        if (!seen) SDL_Delay(5);
    }
    CHECK(seen);
    p.close();
    SDL_QuitSubSystem(SDL_INIT_EVENTS);
}
