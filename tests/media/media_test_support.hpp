#pragma once
// Shared helpers for the media tests: clips generated at test time with the ffmpeg CLI (cached in
// <build>/media-test-clips, written under a temporary name and renamed so parallel runs never see half
// a file), a software renderer that needs no video driver, and real-time/untimed playback loops.

#include "media/player.hpp"

#include <SDL2/SDL.h>
#include <catch2/catch.hpp>
extern "C" {
#include <libavutil/log.h>
}

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <unistd.h>
#include <set>

namespace media_test {

namespace fs = std::filesystem;
using namespace upstander::media;

// Broken-file tests would otherwise flood the log with FFmpeg's own complaints.
inline const bool kQuietFfmpeg = (av_log_set_level(AV_LOG_QUIET), true);

inline fs::path clip_dir() {
    fs::path dir = fs::current_path() / "media-test-clips";
    fs::create_directories(dir);
    return dir;
}

inline int run(const std::string& cmd) { return std::system(cmd.c_str()); }

// Runs `make(tmp_path)` to create the file once; later calls reuse it.
inline fs::path cached(const std::string& name, const std::function<void(const fs::path&)>& make) {
    fs::path final_path = clip_dir() / name;
    if (fs::exists(final_path)) return final_path;
    fs::path tmp = clip_dir() / ("tmp-" + std::to_string(getpid()) + "-" + name);
    make(tmp);
    REQUIRE(fs::exists(tmp));
    fs::rename(tmp, final_path);
    return final_path;
}

// ffmpeg with `args` writing the output file (format from the extension).
inline fs::path ffmpeg_clip(const std::string& name, const std::string& args) {
    return cached(name, [&](const fs::path& out) {
        std::string cmd = "ffmpeg -nostdin -v error -y " + args + " '" + out.string() + "'";
        INFO(cmd);
        REQUIRE(run(cmd) == 0);
    });
}

inline const std::string kVideo2s = "-f lavfi -i testsrc2=size=320x240:rate=25 ";
inline const std::string kTone = "-f lavfi -i sine=frequency=440:sample_rate=44100 ";

inline fs::path h264_aac() {
    return ffmpeg_clip("h264_aac.mp4", kVideo2s + kTone +
                                           "-t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -ac 2");
}
inline fs::path h264_aac_faststart() {
    return ffmpeg_clip("h264_aac_fast.mp4", kVideo2s + kTone +
                                                "-t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac "
                                                "-movflags +faststart");
}
inline fs::path vp9_opus() {
    return ffmpeg_clip("vp9_opus.webm", kVideo2s + kTone +
                                            "-t 2 -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -pix_fmt yuv420p "
                                            "-c:a libopus");
}
inline fs::path mpeg4_mp3() {
    return ffmpeg_clip("mpeg4_mp3.avi", kVideo2s + kTone + "-t 2 -c:v mpeg4 -q:v 5 -c:a libmp3lame");
}
inline fs::path odd_size_vp9() {
    return ffmpeg_clip("odd_321x241.webm", "-f lavfi -i testsrc2=size=321x241:rate=25 -vf scale=321:241 -t 2 "
                                           "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -pix_fmt yuv420p");
}
inline fs::path odd_size_444() {
    return ffmpeg_clip("odd_321x241_444.mp4", "-f lavfi -i testsrc2=size=321x241:rate=25 -vf scale=321:241 -t 2 "
                                              "-c:v libx264 -preset ultrafast -pix_fmt yuv444p");
}
// Coded landscape 320x240, flagged like a phone clip filmed upright (display matrix: turn 90 clockwise).
inline fs::path rotated() {
    fs::path plain = ffmpeg_clip("rot_src.mp4", kVideo2s + "-t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p");
    return ffmpeg_clip("rotated90.mp4", "-i '" + plain.string() + "' -c copy -metadata:s:v:0 rotate=270");
}
inline fs::path audio_only() { return ffmpeg_clip("audio_only.m4a", kTone + "-t 2 -c:a aac"); }
inline fs::path video_only() {
    return ffmpeg_clip("video_only.mp4", kVideo2s + "-t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -an");
}
inline fs::path surround_48k() {
    return ffmpeg_clip("surround51_48k.mp4", kVideo2s + "-f lavfi -i sine=frequency=300:sample_rate=48000 "
                                                        "-t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p "
                                                        "-c:a aac -ac 6 -ar 48000");
}
inline fs::path mono_22k() {
    return ffmpeg_clip("mono_22k.mp4", kVideo2s + "-f lavfi -i sine=frequency=300:sample_rate=22050 "
                                                  "-t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p "
                                                  "-c:a aac -ac 1 -ar 22050");
}

inline void write_file(const fs::path& p, const std::string& text) {
    std::ofstream f(p, std::ios::binary);
    f << text;
}

inline const std::string kSrt =
    "1\n00:00:00,200 --> 00:00:00,900\nFirst caption\n\n"
    "2\n00:00:01,000 --> 00:00:01,800\n<i>Second</i> caption\nover two lines\n\n";
inline const std::string kVtt =
    "WEBVTT\n\n00:00:00.200 --> 00:00:00.900\nFirst caption\n\n"
    "00:00:01.000 --> 00:00:01.800\n<b>Second</b> caption\nover two lines\n\n";

inline fs::path sidecar_srt() {
    return cached("captions.srt", [](const fs::path& p) { write_file(p, kSrt); });
}
inline fs::path sidecar_vtt() {
    return cached("captions.vtt", [](const fs::path& p) { write_file(p, kVtt); });
}
inline fs::path with_mov_text() {
    fs::path srt = sidecar_srt();
    return ffmpeg_clip("mov_text.mp4", kVideo2s + "-i '" + srt.string() +
                                           "' -t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:s mov_text");
}

// [SECTION] SDL without a display
inline void init_sdl_audio_dummy() {
    static bool done = [] {
        SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
        REQUIRE(SDL_InitSubSystem(SDL_INIT_AUDIO) == 0);
        return true;
    }();
    (void)done;
}

// A software renderer drawing into a surface: no video driver needed.
struct SoftwareTarget {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 640, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
    SoftwareTarget() { REQUIRE(renderer != nullptr); }
    ~SoftwareTarget() {
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
    }
};

inline double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Drives the player in real time until `done` or `timeout` seconds pass. Returns whether `done` held.
inline bool run_until(Player& p, SDL_Renderer* r, const std::function<bool()>& done, double timeout) {
    const double deadline = now_s() + timeout;
    while (now_s() < deadline) {
        double wait = p.update(r);
        if (done()) return true;
        p.wait_for_wake(std::clamp(wait, 0.001, 0.02));
    }
    return done();
}

struct Decoded {
    long frames = 0;
    int width = 0, height = 0;
    double first_pts = NAN, last_pts = NAN;
    std::optional<MediaError> error;
    bool ended = false;
    double duration = 0;
    PlaybackStats stats;
};

// Untimed: every frame as fast as it decodes, uploaded to a software renderer.
inline Decoded decode_all(const fs::path& file, OpenOptions opts = {}) {
    init_sdl_audio_dummy();
    SoftwareTarget target;
    PlayerConfig cfg;
    cfg.untimed = true;
    Player p(cfg);
    p.open(file, opts);
    Decoded d;
    std::uint64_t generation = 0;
    const double deadline = now_s() + 60;
    while (now_s() < deadline && !p.ended() && p.status() != PlayerStatus::Failed) {
        p.update(target.renderer);
        const VideoPicture& pic = p.picture();
        if (pic.generation != generation) {
            generation = pic.generation;
            if (std::isnan(d.first_pts)) d.first_pts = pic.pts;
            d.last_pts = pic.pts;
            d.width = pic.width;
            d.height = pic.height;
        }
        p.wait_for_wake(0.05);
    }
    p.update(target.renderer);
    d.ended = p.ended();
    d.error = p.error();
    d.duration = p.duration();
    d.stats = p.stats();
    d.frames = d.stats.frames_shown;
    return d;
}

}  // namespace media_test
