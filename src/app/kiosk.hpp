#pragma once
// The kiosk: owns the windows, the loaded content and the UI state, runs the event loop, turns input
// into commands and applies them. Business rules live in src/core; drawing lives in src/ui.

#include "core/navigation.hpp"
#include "core/pack_loader.hpp"
#include "headless.hpp"
#include "options.hpp"
#include "ui/commands.hpp"
#include "ui/image_cache.hpp"
#include "ui/screens.hpp"
#include "window.hpp"

#include <SDL.h>

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
};

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
    enum class Screen { Title, Problems, Workshop, Attract };
    enum class Overlay { None, Help, Goto, ConfirmQuit, ConfirmLeaveWorkshop };

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
    void leave_workshop();
    void on_step_changed();
    void tick(double now);
    void render_all(double now);
    void render_window(AppWindow& w, double now);
    void draw_window(AppWindow& w, ui::UiContext& ctx);
    ui::StepView step_view(AppWindow& w);
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
    std::optional<Navigator> nav_;
    const ResolvedWorkshop* workshop_ = nullptr;
    DiscussionTimer timer_;
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
