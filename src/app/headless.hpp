#pragma once
// Runs a headless script (src/core/script.hpp) against the live app: input goes in as real SDL events,
// expectations are checked against each window's TextRegistry, and screenshots are the rendered frames.

#include "core/script.hpp"
#include "window.hpp"

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace upstander::app {

// Scripted handsets: SDL controller events whose instance id is kScriptedPadBase + N (handset N).
inline constexpr int kScriptedPadBase = 1000;

// What the runner needs from the app.
class HeadlessHost {
public:
    virtual ~HeadlessHost() = default;
    virtual AppWindow* window_for(WindowRole role) = 0;
    virtual AppWindow* booth_window(int n) = 0;      // the n-th booth window (1..), or nullptr
    virtual bool input_pending() const = 0;          // events not yet handled or applied to ImGui
    virtual void request_capture(AppWindow& w, const std::filesystem::path& png) = 0;
    virtual bool capture_pending() const = 0;
    virtual bool work_pending() const { return false; }  // pictures still decoding off the UI thread
    virtual void advance_clock(double seconds) = 0;  // `advance MS`: the app's clock jumps on
};

class HeadlessRunner {
public:
    HeadlessRunner(std::string script_name, std::vector<ScriptCommand> commands, std::filesystem::path shot_dir);
    ~HeadlessRunner();  // unplugs the virtual handsets it attached
    HeadlessRunner(const HeadlessRunner&) = delete;
    HeadlessRunner& operator=(const HeadlessRunner&) = delete;

    enum class Status { Running, Finished, Failed };
    // Called once per loop iteration, after every window has rendered a frame.
    Status step(HeadlessHost& host, double now_seconds);
    const std::string& failure() const { return failure_; }

private:
    bool settled(HeadlessHost& host);
    Status fail(const ScriptCommand& c, const std::string& why, AppWindow* w);
    void push_key(Uint32 window_id, const std::string& name, bool* ok);
    void push_click(Uint32 window_id, int x, int y, bool touch);
    // `pad-attach N`: an SDL virtual game controller. SDL announces it and the kiosk opens it as it
    // opens a USB handset; its rumble requests are counted here (the callback's userdata).
    struct VirtualPad {
        SDL_JoystickID instance = -1;       // -1: not attached
        SDL_Joystick* joystick = nullptr;   // the runner's own handle, to set its buttons
        int rumbles = 0;
    };
    bool attach_pad(int n);
    void detach_pad(int n);

    std::string script_name_;
    std::vector<ScriptCommand> commands_;
    std::filesystem::path shot_dir_;
    size_t next_ = 0;
    WindowRole target_ = WindowRole::Projector;
    int target_booth_ = 1;           // `window booth N`
    int settle_frames_ = 2;          // frames to render before the next command
    double wait_until_ = -1;         // for wait / wait-until-text
    bool waiting_ = false;
    std::array<VirtualPad, 9> virtual_pads_{};  // by handset number 1..8
    int release_pad_ = 0;                       // a virtual button held down until the next command
    int release_button_ = -1;
    std::string failure_;
};

}  // namespace upstander::app
