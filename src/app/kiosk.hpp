#pragma once
// The kiosk: owns the windows, the loaded content and the UI state, runs the event loop, turns input
// into commands and applies them. Business rules live in src/core; drawing lives in src/ui.

#include "core/config.hpp"
#include "core/navigation.hpp"
#include "core/pack_loader.hpp"
#include "core/session_store.hpp"
#include "core/workshop_session.hpp"
#include "media/player.hpp"
#include "headless.hpp"
#include "options.hpp"
#include "ui/commands.hpp"
#include "ui/admin_screens.hpp"
#include "ui/image_cache.hpp"
#include "ui/presenter.hpp"
#include "ui/screens.hpp"
#include "window.hpp"

#include <SDL.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace upstander::app {

struct KioskConfig {
    std::vector<std::filesystem::path> content_roots;
    ui::ThemeKind theme = ui::ThemeKind::Dark;
    float text_scale = 1.0f;
    bool dyslexia_font = false;
    bool kiosk_mode = false;
    double attract_after_seconds = 300;
    std::filesystem::path data_dir;          // session files
    WorkshopSessionOptions session;          // suppression, ballot mode, cooldown
    std::vector<std::string> config_warnings;  // shown once on the title screen
    std::string pin_hash;                    // empty: confirmations instead of a PIN
    std::optional<int> projector_display;
    std::optional<int> presenter_display;
    std::optional<int> booth_display;
    Config config;                           // as saved in the config file (for the Settings screen)
    std::filesystem::path config_file;
};

inline constexpr double kRevealSeconds = 0.8;  // chart animation
inline constexpr double kAnimationFrameSeconds = 1.0 / 60.0;  // how often a running animation is drawn

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
    bool input_pending() const override;
    void request_capture(AppWindow& w, const std::filesystem::path& png) override;
    bool capture_pending() const override { return capture_window_ != nullptr; }

private:
    enum class Screen { Title, Problems, Setup, Resume, Workshop, Attract, Impact, Settings };
    enum class Overlay { None, Help, Goto, ConfirmQuit, ConfirmLeaveWorkshop, Pin };
    enum class PinPurpose { Quit, LeaveWorkshop, Settings };

    struct DiscussionTimer {
        const Step* step = nullptr;
        bool started = false;
        bool running = false;
        double remaining = 0;
        double last_tick = 0;
    };

    bool open_windows(std::string* error);
    void load_content();
    void handle_event(const SDL_Event& e);
    void handle_key(const SDL_KeyboardEvent& key);
    void apply(const ui::Command& c);
    void apply_all();
    void start_workshop(const std::string& id);
    void begin_session(const ResolvedWorkshop& w, const SessionGroup& group);
    bool group_from_options(SessionGroup& out) const;
    void confirm_setup();
    void check_for_unfinished();
    void resume_session();
    void finish_old_session();
    void leave_workshop();
    void vote(int option);
    void show_toast(const std::string& text, double seconds = 4.0);
    void on_step_changed();
    void tick(double now);
    void render_all(double now);
    void render_window(AppWindow& w, double now);
    void draw_window(AppWindow& w, ui::UiContext& ctx);
    void draw_projector(AppWindow& w, ui::UiContext& ctx);
    void draw_presenter_window(AppWindow& w, ui::UiContext& ctx);
    void draw_booth_window(AppWindow& w, ui::UiContext& ctx);
    void draw_overlays(ui::UiContext& ctx);
    ui::FacilitatorView facilitator_view(double now);
    AppWindow* facilitator_window();       // where dialogs and the setup form appear
    bool has_role(WindowRole r) const;
    void ask_to_leave(PinPurpose purpose);  // PIN when one is set, a confirmation otherwise
    void pin_submit();
    void do_leave(PinPurpose purpose);
    void change_text_scale(float delta);
    // Live reload (--watch): pack files are checked twice a second; a good edit replaces the library
    // and keeps the position; a broken edit keeps the last good version and lists its errors.
    using FileStamps = std::map<std::filesystem::path, std::pair<std::filesystem::file_time_type, std::uintmax_t>>;
    FileStamps content_stamps() const;
    void check_for_content_changes(double now);
    void reload_content();
    void update_players();                  // open/close the current clip and preload the next one
    std::unique_ptr<media::Player> open_clip(const Step& step, bool autoplay);
    bool handle_video_key(SDL_Keycode k);
    void open_impact();
    void export_report(const std::string& folder);
    void open_settings();
    void save_settings();
    void swap_screens();
    ui::StepView step_view(AppWindow& w, ui::PollStepView& poll_view, PollView& poll, std::vector<MeasureChange>& summary);
    // The presenter's miniature of the step after this one (nullopt on the last step).
    std::optional<ui::StepView> next_step_view(AppWindow& w);
    void start_requested_workshop();
    bool requested_workshop_started_ = false;
    const ui::ImageTexture& image_for(const AppWindow& w, const std::filesystem::path& src);
    double seconds_until_next_wake(double now) const;
    void request_redraw(int frames = 3) { redraw_frames_ = std::max(redraw_frames_, frames); }
    void note_activity(double now) { last_activity_ = now; }
    double now_seconds() const;

    Options options_;
    KioskConfig config_;
    ui::Theme theme_;
    FontChoice font_choice_;
    std::vector<std::unique_ptr<AppWindow>> windows_;
    std::vector<std::unique_ptr<ui::ImageCache>> images_;  // one per window (textures belong to a renderer)
    Library library_;
    Screen screen_ = Screen::Title;
    Overlay overlay_ = Overlay::None;
    bool blanked_ = false;
    std::optional<WorkshopSession> session_;
    const ResolvedWorkshop* workshop_ = nullptr;
    const Navigator* nav() const { return session_ ? &session_->navigator() : nullptr; }
    DiscussionTimer timer_;
    ui::SetupForm setup_;
    const ResolvedWorkshop* setup_workshop_ = nullptr;
    std::optional<UnfinishedSession> unfinished_;
    ui::ResumeView resume_view_;
    // Poll presentation (not business state): the neutral confirmation and the reveal animation.
    SteadyTime confirm_until_{};
    std::string confirm_text_;
    double reveal_started_ = -1;
    std::string reveal_poll_;
    double summary_started_ = -1;
    std::string toast_;
    double toast_until_ = 0;
    std::vector<SDL_GameController*> controllers_;
    bool calm_ = false;
    bool facilitator_panel_ = false;         // one-window mode: the Tab panel
    double identify_until_ = 0;              // "which screen is which" banners
    PinPurpose pin_purpose_ = PinPurpose::Quit;
    std::string pin_entry_;
    std::string pin_error_;
    // Presenter timers.
    double session_started_ = 0;
    double module_started_ = 0;
    int timed_module_ = -1;
    std::vector<double> module_elapsed_;
    // Video: the clip on screen and the next one, opened early so it starts at once.
    std::unique_ptr<media::Player> player_;
    const Step* player_step_ = nullptr;
    std::unique_ptr<media::Player> preload_;
    const Step* preload_step_ = nullptr;
    ui::VideoView video_view_;
    bool video_fullscreen_ = false;
    double video_due_at_ = 1e18;  // now_seconds() when the clip on screen needs drawing again
    std::uint32_t wake_event_ = 0;
    FileStamps watch_stamps_;
    double watch_next_check_ = 0;
    std::vector<std::string> watch_errors_;   // the last edit broke these; the last good version stays
    ui::ImpactView impact_;
    ui::SettingsForm settings_form_;
    ui::CommandQueue commands_;
    std::string notice_;

    bool quit_ = false;
    int exit_code_ = 0;
    int redraw_frames_ = 3;
    double last_activity_ = 0;
    double last_frame_time_ = 0;
    Uint64 perf_start_ = 0;

    std::unique_ptr<HeadlessRunner> runner_;
    AppWindow* capture_window_ = nullptr;
    std::filesystem::path capture_path_;
};

}  // namespace upstander::app
