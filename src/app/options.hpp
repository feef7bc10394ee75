#pragma once
// Command-line options of the kiosk. Parsed with CLI11; values not given on the command line
// come from the config file (see config handling) and then from built-in defaults.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace upstander::app {

struct WindowSize {
    int width = 0;
    int height = 0;
};

struct Options {
    // Content and start-up
    std::vector<std::filesystem::path> content_dirs;
    bool no_bundled_content = false;
    std::string workshop_id;
    bool watch = false;

    // Display
    std::optional<WindowSize> windowed;   // --windowed WxH; fullscreen when absent
    std::optional<bool> kiosk;            // --kiosk / --no-kiosk; config decides when absent
    std::optional<int> projector_display;
    std::optional<int> presenter_display;
    std::optional<int> booth_display;
    std::vector<int> more_booth_displays;  // --booth given again: one more booth window for each
    std::optional<std::string> theme;
    std::optional<float> text_scale;
    bool dyslexia_font = false;

    // Session
    std::optional<std::filesystem::path> data_dir;
    std::optional<std::filesystem::path> config_file;
    std::optional<std::string> group_label;
    std::optional<std::string> group_format;
    std::optional<std::string> audience;
    std::optional<int> headcount;

    // Headless automation
    bool headless = false;
    WindowSize headless_size{1280, 720};
    std::optional<std::filesystem::path> script;
    std::filesystem::path screenshot_dir = ".";
    // Answer cards: the camera (a device such as /dev/video0, or a recording); empty: /dev/video0.
    std::string camera;
    std::vector<std::string> headless_windows;  // roles to create headless: projector, presenter, booth

    // One-shot commands
    bool set_pin = false;
};

enum class ParseOutcome { Run, ExitOk, ExitError };

// Parses argv. Prints help, version or a usage error itself; `exit_code` is set for Exit*.
ParseOutcome parse_options(int argc, char** argv, Options& out, int& exit_code);

// "1280x720" -> {1280, 720}; nullopt when malformed or out of range (64..16384).
std::optional<WindowSize> parse_window_size(const std::string& text);

}  // namespace upstander::app
