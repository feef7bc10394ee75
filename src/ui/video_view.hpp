#pragma once
// The video step's picture, captions and controls, drawn into a rectangle the step screen chooses.
// One VideoView per video step on screen (call reset() when the step appears); the media::Player
// is owned by the app, so it can be opened ahead of time (preload) while the previous step shows.
//
// Commands (apply): play/pause, back and forward 10 s, seek to a point, restart, volume, mute,
// captions, and the fullscreen request (returned to the app, which decides). The keys for them are
// in the key table (ui/key_table.cpp); draw() never changes the player or the view: its controls
// push the same commands, which the app applies after the frame.
//
// Space, proposed: clickers send Space (or Right/PageDown) for "next". While a video step has focus,
// the app asks wants_space(): it is true from the moment the clip can be played until it ends, so
// one clicker button plays the clip, pauses and resumes it, and once the clip has finished (or shows
// an error card) Space goes on to the next step as usual. Right and PageDown always move on, so a
// facilitator can skip a clip without waiting for it.

#include "core/content.hpp"
#include "media/player.hpp"
#include "widgets.hpp"


namespace upstander::ui {

struct VideoKeyResult {
    bool handled = false;               // the key belonged to the video
    bool fullscreen_requested = false;  // F: the app toggles fullscreen video
};

class VideoView {
public:
    // The step has just appeared. `captions_default` is the pack's settings.captions_default.
    void reset(const VideoDef& def, bool captions_default);

    // Draws the clip into [min, max] and handles clicks on its controls. Calls player.update(renderer)
    // (the picture due now is uploaded to a texture for `renderer`). Returns the seconds until the
    // next redraw is needed (for SDL_WaitEventTimeout).
    double draw(UiContext& ctx, media::Player& player, SDL_Renderer* renderer, const VideoDef& def, ImVec2 min,
                ImVec2 max);

    // Applies a clip command (PlayPauseVideo, Video*); handled is false for any other command.
    VideoKeyResult apply(media::Player& player, const VideoDef& def, const Command& command);
    // See the Space proposal above.
    bool wants_space(const media::Player& player, const VideoDef& def) const;

    bool captions_on() const { return captions_on_; }
    bool warning_confirmed() const { return warning_confirmed_; }

private:
    bool needs_confirmation(const VideoDef& def) const { return !def.content_warning.empty() && !warning_confirmed_; }
    void confirm_and_play(media::Player& player);
    void toggle_play(media::Player& player, const VideoDef& def);

    bool captions_on_ = false;
    bool warning_confirmed_ = false;
    bool autoplay_done_ = false;
};

// "1:05" (elapsed-style: rounded down), "1:02:03" from an hour on.
std::string format_elapsed(double seconds);

}  // namespace upstander::ui
