// Decoding real clips (generated at test time) through the untimed pipeline: frame counts,
// dimensions, durations, rotation, trims and seeks.
#include "media/media_file.hpp"
#include "media_test_support.hpp"

using namespace media_test;

namespace {
constexpr double kFrame = 1.0 / 25;

void check_clip(const fs::path& file, int width, int height) {
    INFO(file);
    CHECK_FALSE(probe_media(file));
    Decoded d = decode_all(file);
    REQUIRE_FALSE(d.error);
    CHECK(d.ended);
    CHECK(d.frames == 50);  // 2 s at 25 fps
    CHECK(d.width == width);
    CHECK(d.height == height);
    CHECK(d.duration == Approx(2.0).margin(kFrame));
    CHECK(d.stats.first_pts == Approx(0.0).margin(kFrame));
    CHECK(d.stats.last_pts == Approx(2.0 - kFrame).margin(kFrame));
}
}  // namespace

TEST_CASE("H.264/AAC MP4 decodes every frame", "[decode]") { check_clip(h264_aac(), 320, 240); }
TEST_CASE("VP9/Opus WebM decodes every frame", "[decode]") { check_clip(vp9_opus(), 320, 240); }
TEST_CASE("MPEG-4/MP3 AVI decodes every frame", "[decode]") { check_clip(mpeg4_mp3(), 320, 240); }
TEST_CASE("odd-sized 321x241 YUV420P goes through SDL_UpdateYUVTexture", "[decode]") {
    check_clip(odd_size_vp9(), 321, 241);
}
TEST_CASE("odd-sized 321x241 YUV444P goes through libswscale", "[decode]") { check_clip(odd_size_444(), 321, 241); }
TEST_CASE("video-only MP4 decodes every frame", "[decode]") { check_clip(video_only(), 320, 240); }
TEST_CASE("48 kHz 5.1 and 22.05 kHz mono clips decode", "[decode]") {
    check_clip(surround_48k(), 320, 240);
    check_clip(mono_22k(), 320, 240);
}

TEST_CASE("audio-only file decodes with no pictures", "[decode]") {
    CHECK_FALSE(probe_media(audio_only()));
    Decoded d = decode_all(audio_only());
    REQUIRE_FALSE(d.error);
    CHECK(d.ended);
    CHECK(d.frames == 0);
    CHECK(d.stats.frames_decoded > 0);
    CHECK(d.duration == Approx(2.0).margin(kFrame));
}

TEST_CASE("rotation metadata is reported so an upright phone clip plays upright", "[decode]") {
    init_sdl_audio_dummy();
    SoftwareTarget target;
    Player p;
    p.open(rotated());
    REQUIRE(run_until(p, target.renderer, [&] { return p.picture().texture != nullptr; }, 20));
    CHECK(p.picture().rotation == 90);
    CHECK(p.picture().width == 320);
    CHECK(p.picture().height == 240);
    CHECK(p.picture().display_width == Approx(320));

    p.open(h264_aac());
    REQUIRE(run_until(p, target.renderer, [&] { return p.picture().texture != nullptr; }, 20));
    CHECK(p.picture().rotation == 0);
}

TEST_CASE("the poster frame is uploaded as real pixels", "[decode]") {
    init_sdl_audio_dummy();
    SoftwareTarget target;
    Player p;
    p.open(h264_aac());
    REQUIRE(run_until(p, target.renderer, [&] { return p.picture().texture != nullptr; }, 20));
    SDL_RenderClear(target.renderer);
    REQUIRE(SDL_RenderCopy(target.renderer, p.picture().texture, nullptr, nullptr) == 0);
    SDL_RenderPresent(target.renderer);
    // testsrc2 is colourful: count distinct colours in a row through the middle.
    const auto* px = static_cast<const std::uint32_t*>(target.surface->pixels);
    const int pitch = target.surface->pitch / 4;
    std::set<std::uint32_t> colours;
    for (int x = 0; x < target.surface->w; x += 4) colours.insert(px[(target.surface->h / 2) * pitch + x] & 0xF0F0F0);
    CHECK(colours.size() >= 4);
}

TEST_CASE("trim plays only the chosen range", "[decode]") {
    OpenOptions opts;
    opts.start_seconds = 0.6;  // on a frame boundary at 25 fps, so exactly 25 frames are in range
    opts.end_seconds = 1.6;
    Decoded d = decode_all(h264_aac(), opts);
    REQUIRE_FALSE(d.error);
    CHECK(d.ended);
    CHECK(d.stats.first_pts == Approx(0.6).margin(1e-3));
    CHECK(d.stats.last_pts == Approx(1.6 - kFrame).margin(1e-3));
    CHECK(d.frames == 25);
}

TEST_CASE("seeking lands within one frame of the target", "[decode][seek]") {
    init_sdl_audio_dummy();
    SoftwareTarget target;
    for (const fs::path& file : {h264_aac(), vp9_opus(), mpeg4_mp3()}) {
        INFO(file);
        Player p;
        p.open(file);
        REQUIRE(run_until(p, target.renderer, [&] { return p.picture().texture != nullptr; }, 20));
        for (double want : {1.23, 0.4, 1.9, 0.0, 1.0}) {
            INFO("seek to " << want);
            const std::uint64_t before = p.picture().generation;
            p.seek_to(want);
            REQUIRE(run_until(p, target.renderer, [&] { return p.picture().generation != before; }, 20));
            // The frame on screen covers the target (or is the first frame, when the target precedes it).
            CHECK(std::fabs(p.picture().pts - want) < kFrame);
            CHECK(p.position() == Approx(want).margin(kFrame));
        }
    }
}

TEST_CASE("probe_media names the streams' problems for a good file as none", "[decode][probe]") {
    CHECK_FALSE(probe_media(with_mov_text()));
    CHECK_FALSE(probe_media(rotated()));
}
