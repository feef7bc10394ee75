#include "vote_sound.hpp"

#include "core/install_paths.hpp"
#include "core/platform_files.hpp"
#include "media/player.hpp"

#include <iostream>
#include <mutex>

namespace upstander::app {

std::filesystem::path vote_sound_file() {
    const std::filesystem::path assets = bundled_assets_dir();
    return assets.empty() ? std::filesystem::path() : assets / "sounds" / "vote.wav";
}

VoteSound::VoteSound(std::filesystem::path wav) : wav_(std::move(wav)) {}

VoteSound::~VoteSound() {
    if (device_ != 0) {
        std::lock_guard lock(media::player_detail::sdl_audio_mutex());
        SDL_CloseAudioDevice(device_);
    }
    if (samples_ != nullptr) SDL_FreeWAV(samples_);
}

bool VoteSound::open() {
    if (tried_) return device_ != 0;
    tried_ = true;
    if (wav_.empty()) {
        std::cerr << "upstander: no vote sound: the app's assets folder (share/upstander) was not found\n";
        return false;
    }
    if (!SDL_WasInit(SDL_INIT_AUDIO)) {
        std::cerr << "upstander: no vote sound: there is no audio output\n";
        return false;
    }
    SDL_AudioSpec spec{};
    if (SDL_LoadWAV(path_utf8(wav_).c_str(), &spec, &samples_, &length_) == nullptr) {
        std::cerr << "upstander: no vote sound: " << path_utf8(wav_) << ": " << SDL_GetError() << "\n";
        return false;
    }
    spec.callback = nullptr;  // queued, not pulled
    spec.userdata = nullptr;
    {
        std::lock_guard lock(media::player_detail::sdl_audio_mutex());
        device_ = SDL_OpenAudioDevice(nullptr, 0, &spec, nullptr, 0);
    }
    if (device_ == 0) {
        std::cerr << "upstander: no vote sound: " << SDL_GetError() << "\n";
        return false;
    }
    return true;
}

void VoteSound::play() {
    if (!open()) return;
    SDL_ClearQueuedAudio(device_);
    if (SDL_QueueAudio(device_, samples_, length_) == 0) SDL_PauseAudioDevice(device_, 0);
}

}  // namespace upstander::app
