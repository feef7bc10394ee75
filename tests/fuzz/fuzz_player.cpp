// Fuzz target "player": the whole media::Player (read thread, decoder threads with frame threading,
// packet and frame queues, sample and pixel conversion, texture upload on SDL's software renderer)
// plays the input as a clip file from start to end, untimed, then seeks half-way and plays to the end
// again. A bad file must end in an error, never a crash or a hang (libFuzzer's -timeout).
#include "fuzz_support.hpp"
#include "media/player.hpp"

#include <SDL.h>
extern "C" {
#include <libavutil/log.h>
}

#include <cstdint>
#include <cstdlib>

using namespace upstander::media;

namespace {

struct Target {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 320, 240, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer* renderer = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
    ~Target() {
        if (renderer) SDL_DestroyRenderer(renderer);
        if (surface) SDL_FreeSurface(surface);
    }
};

void play_to_end(Player& player, SDL_Renderer* renderer) {
    while (!player.ended() && player.status() != PlayerStatus::Failed) {
        player.update(renderer);
        (void)player.caption_text();
        (void)player.position();
        player.wait_for_wake(0.05);
    }
    player.update(renderer);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool quiet = (av_log_set_level(AV_LOG_QUIET), true);
    (void)quiet;
    static upstander::fuzz::Scratch scratch("player");
    static Target target;
    if (!target.renderer) std::abort();
    const auto file = scratch.dir() / "clip.mp4";
    upstander::fuzz::write_file(file, std::string_view(reinterpret_cast<const char*>(data), size));
    PlayerConfig config;
    config.untimed = true;
    config.audio_output = false;
    Player player(config);
    player.open(file);
    play_to_end(player, target.renderer);
    if (player.status() == PlayerStatus::Failed) {
        if (!player.error()) std::abort();  // a failure always carries its reason
        return 0;
    }
    if (player.duration() > 0) {
        player.seek_to(player.duration() / 2);
        player.play();
        play_to_end(player, target.renderer);
    }
    player.close();
    return 0;
}
