#pragma once
// The kiosk shell: owns the SDL windows, their image caches and the video players, turns SDL events
// into commands for KioskState (which holds every rule), reads the clock once per loop iteration,
// draws, and sleeps until the state's next wake or the next event.

#include "card_camera.hpp"
#include "headless.hpp"
#include "kiosk_state.hpp"
#include "media/player.hpp"
#include "options.hpp"
#include "ui/image_cache.hpp"
#include "ui/video_view.hpp"
#include "vote_sound.hpp"
#include "window.hpp"

#include <SDL.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace upstander::app {

// SDL's keycode as the key table's key (Unknown for keys the kiosk does not use).
ui::Key key_from_sdl(SDL_Keycode k);

class Kiosk final : public HeadlessHost {
public:
    Kiosk(Options options, KioskConfig config);
    ~Kiosk() override;
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    // Opens windows, loads content and runs until the user leaves. Returns the process exit code.
    int run();

    // HeadlessHost
    AppWindow* window_for(WindowRole role) override;
    AppWindow* booth_window(int n) override;
    bool input_pending() const override;
    void request_capture(AppWindow& w, const std::filesystem::path& png) override;
    bool capture_pending() const override { return capture_window_ != nullptr; }
    bool work_pending() const override;
    void advance_clock(double seconds) override;

private:
    // The one clock: steady time, plus whatever a headless script's `advance` added.
    SteadyTime clock_now() const { return std::chrono::steady_clock::now() + clock_offset_; }
    double seconds_since_start(SteadyTime t) const { return std::chrono::duration<double>(t - started_).count(); }

    bool open_windows(std::string* error);
    void handle_event(const SDL_Event& e, SteadyTime now);
    void handle_controller_button(const SDL_ControllerButtonEvent& b, SteadyTime now);
    // Handsets (kiosk_handsets.cpp): SDL game controllers, numbered 1..8 as they arrive. Headless
    // scripts connect pretend ones with the same events (instance ids from kScriptedPadBase).
    void controller_added(const SDL_ControllerDeviceEvent& e, SteadyTime now);
    void controller_removed(const SDL_ControllerDeviceEvent& e, SteadyTime now);
    bool handset_button(const SDL_ControllerButtonEvent& b, SteadyTime now);  // false: not a known handset
    void update_batteries();
    int booth_number(const AppWindow& w) const;  // 1.. for booth windows in order, 0 otherwise
    void after_state_changes();          // carries out what the state asked of the shell
    void apply_display_settings();
    void swap_screens();
    void update_players();               // open/close the current clip and preload the next one
    std::unique_ptr<media::Player> open_clip(const Step& step, bool autoplay);
    void apply_video_command(const ui::Command& c);
    VideoStatus video_status() const;
    bool has_role(WindowRole r) const;
    AppWindow* facilitator_window();     // where dialogs and the setup form appear
    const ui::ImageTexture& image_for(const AppWindow& w, const std::filesystem::path& src);
    void render_all(SteadyTime now);
    void render_window(AppWindow& w, SteadyTime now);
    void draw_window(AppWindow& w, ui::UiContext& ctx, SteadyTime now);
    void draw_projector(AppWindow& w, ui::UiContext& ctx, SteadyTime now);
    void draw_presenter_window(AppWindow& w, ui::UiContext& ctx, SteadyTime now);
    void draw_programme(AppWindow& w, ui::UiContext& ctx, bool projector, bool presenter_exists);
    void draw_booth_window(AppWindow& w, ui::UiContext& ctx, SteadyTime now);
    void draw_overlays(ui::UiContext& ctx, SteadyTime now);
    double seconds_until_next_wake(SteadyTime now) const;
    void request_redraw(int frames = 3) { redraw_frames_ = std::max(redraw_frames_, frames); }

    Options options_;
    SteadyTime started_;
    SteadyTime::duration clock_offset_{0};
    bool clock_advanced_ = false;
    KioskState state_;
    ui::Theme theme_;
    FontChoice font_choice_;
    std::string glyph_plan_files_;  // the regular font file font_choice_.glyphs was planned for
    void update_glyph_plan();
    std::vector<std::unique_ptr<AppWindow>> windows_;
    std::vector<std::unique_ptr<media::ImageLoader>> image_loaders_;  // one worker per cache
    std::vector<std::unique_ptr<ui::ImageCache>> images_;  // one per window (textures belong to a renderer)
    struct HandsetSlot {
        SDL_JoystickID instance = -1;
        SDL_GameController* controller = nullptr;  // nullptr for a scripted handset
        int number = 0;                            // 1..8, as the presenter and projector name it
    };
    std::vector<HandsetSlot> handsets_;
    double batteries_checked_at_ = -1;
    // Video: the clip on screen and the next one, opened early so it starts at once.
    std::unique_ptr<media::Player> player_;
    const Step* player_step_ = nullptr;
    std::unique_ptr<media::Player> preload_;
    std::unique_ptr<CardCamera> card_camera_;  // open while an answer-card scan runs
    VoteSound vote_sound_{vote_sound_file()};  // the config's "vote_sound" chime
    void take_card_frames(SteadyTime now);
    const Step* preload_step_ = nullptr;
    ui::VideoView video_view_;
    bool video_fullscreen_ = false;
    double video_due_at_ = 1e18;  // seconds_since_start() when the clip on screen needs drawing again
    std::uint32_t wake_event_ = 0;
    ui::CommandQueue commands_;

    int exit_code_ = 0;
    bool failed_ = false;
    int redraw_frames_ = 3;
    double last_frame_time_ = 0;

    std::unique_ptr<HeadlessRunner> runner_;
    AppWindow* capture_window_ = nullptr;
    std::filesystem::path capture_path_;
};

}  // namespace upstander::app
