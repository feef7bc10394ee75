// upstander-bench: measures the media pipeline.
//   decode FILE        untimed: decode every frame and upload it to a streaming texture on SDL's
//                      software renderer, as fast as possible. Prints "frames=N seconds=S fps=F".
//   play FILE --stats  real-time headless playback (SDL dummy audio unless SDL_AUDIODRIVER is set);
//                      prints frames shown/dropped and the audio/video difference as JSON.
// A file that cannot be played prints the reason and exits with status 1.
#include "media/player.hpp"
#include "upstander/version.hpp"

#include <CLI/CLI.hpp>
#include <SDL2/SDL.h>
extern "C" {
#include <libavutil/log.h>
}

#include <chrono>
#include <cstdio>
#include <memory>

namespace {

using namespace upstander::media;

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A software renderer drawing into a memory surface: needs no display and no video driver.
struct SoftwareRenderer {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer* renderer = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
    ~SoftwareRenderer() {
        if (renderer) SDL_DestroyRenderer(renderer);
        if (surface) SDL_FreeSurface(surface);
    }
};

int run_decode(const std::string& file) {
    SoftwareRenderer target;
    if (!target.renderer) {
        std::fprintf(stderr, "upstander-bench: cannot create the software renderer: %s\n", SDL_GetError());
        return 1;
    }
    PlayerConfig cfg;
    cfg.untimed = true;
    Player player(cfg);
    const double start = now_seconds();
    player.open(file);
    while (!player.ended() && player.status() != PlayerStatus::Failed) {
        player.update(target.renderer);
        player.wait_for_wake(0.1);
    }
    player.update(target.renderer);
    const double seconds = now_seconds() - start;
    if (auto err = player.error()) {
        std::fprintf(stderr, "upstander-bench: %s\n", err->message().c_str());
        return 1;
    }
    const long frames = player.stats().frames_shown;
    std::printf("frames=%ld seconds=%.3f fps=%.1f\n", frames, seconds, seconds > 0 ? frames / seconds : 0.0);
    return 0;
}

int run_play(const std::string& file, bool stats) {
    SDL_setenv("SDL_AUDIODRIVER", "dummy", 0);  // headless unless the caller chose a driver
    const bool audio = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0;
    if (!audio) std::fprintf(stderr, "upstander-bench: no audio (%s); timing on the system clock\n", SDL_GetError());
    SoftwareRenderer target;
    {
        Player player;
        OpenOptions opts;
        opts.autoplay = true;
        player.open(file, opts);
        while (!player.ended() && player.status() != PlayerStatus::Failed) {
            double wait = player.update(target.renderer);
            if (wait > 0) player.wait_for_wake(std::min(wait, 0.05));
        }
        if (auto err = player.error()) {
            std::fprintf(stderr, "upstander-bench: %s\n", err->message().c_str());
            if (audio) SDL_QuitSubSystem(SDL_INIT_AUDIO);
            return 1;
        }
        PlaybackStats st = player.stats();
        if (stats)
            std::printf("{\"frames_shown\": %ld, \"frames_dropped\": %ld, \"max_av_diff_ms\": %.1f, "
                        "\"mean_av_diff_ms\": %.1f}\n",
                        st.frames_shown, st.frames_dropped, st.max_av_diff * 1000, st.mean_av_diff * 1000);
        else
            std::printf("played %s: %ld frames shown, %ld dropped\n", file.c_str(), st.frames_shown,
                        st.frames_dropped);
    }
    if (audio) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"upstander-bench: measure Upstander's video pipeline"};
    app.set_version_flag("--version", std::string("upstander-bench ") + upstander::kVersion);
    app.require_subcommand(1);
    std::string decode_file, play_file;
    bool stats = false;
    auto* decode = app.add_subcommand("decode", "decode and upload every frame as fast as possible (untimed)");
    decode->add_option("FILE", decode_file, "video or audio file")->required();
    auto* play = app.add_subcommand("play", "play in real time, headless");
    play->add_option("FILE", play_file, "video or audio file")->required();
    play->add_flag("--stats", stats, "print frames shown/dropped and A/V difference as JSON");
    CLI11_PARSE(app, argc, argv);
    av_log_set_level(AV_LOG_FATAL);  // our own message names the file and the reason
    if (*decode) return run_decode(decode_file);
    return run_play(play_file, stats);
}
