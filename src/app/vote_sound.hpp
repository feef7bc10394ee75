#pragma once
// The soft vote confirmation chime (assets/sounds/vote.wav, installed in share/upstander/sounds): the same
// sound for every counted vote, played only when the config's "vote_sound" is on. Loaded and given its
// own SDL audio device on first use, so a kiosk with the sound off never opens one. Without sound
// hardware, or without the file, it stays silent and says why once on stderr.

#include <SDL.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace upstander::app {

class VoteSound {
public:
    explicit VoteSound(std::filesystem::path wav);
    ~VoteSound();
    VoteSound(const VoteSound&) = delete;
    VoteSound& operator=(const VoteSound&) = delete;

    // Starts the chime from its beginning (a chime still playing is cut short, never queued behind).
    void play();

private:
    bool open();
    std::filesystem::path wav_;
    bool tried_ = false;
    SDL_AudioDeviceID device_ = 0;
    Uint8* samples_ = nullptr;
    Uint32 length_ = 0;
};

// share/upstander/sounds/vote.wav of an installed copy, or the source tree's assets/sounds/vote.wav.
std::filesystem::path vote_sound_file();

}  // namespace upstander::app
