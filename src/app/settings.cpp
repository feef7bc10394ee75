#include "settings.hpp"

#include "core/atomic_file.hpp"
#include "paths.hpp"
#include "pin.hpp"

#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace upstander::app {

namespace fs = std::filesystem;

LoadedSettings load_settings(const Options& options) {
    LoadedSettings s;
    s.options = options;
    s.config_file = options.config_file ? *options.config_file : user_config_dir() / "config.json";
    std::error_code ec;
    if (fs::exists(s.config_file, ec)) {
        const auto size = fs::file_size(s.config_file, ec);
        std::ifstream in(s.config_file, std::ios::binary);
        if (ec || !in || size > 1024 * 1024) {
            s.warnings.push_back(s.config_file.string() + ": cannot be read (or is larger than 1 MiB); using the default settings");
        } else {
            std::stringstream ss;
            ss << in.rdbuf();
            ConfigLoadResult r = parse_config(ss.str(), s.config_file.string());
            s.config = r.config;
            s.warnings = std::move(r.warnings);
        }
    } else if (options.config_file) {
        s.warnings.push_back(s.config_file.string() + ": not found; using the default settings");
    }
    // Command-line flags override the file.
    Config& c = s.config;
    if (options.theme) c.theme = *options.theme;
    if (options.text_scale) c.text_scale = *options.text_scale;
    if (options.dyslexia_font) c.dyslexia_font = true;
    if (options.kiosk) c.kiosk = *options.kiosk;
    if (options.projector_display) c.projector_display = *options.projector_display;
    if (options.presenter_display) c.presenter_display = *options.presenter_display;
    if (options.booth_display) c.booth_display = *options.booth_display;
    if (options.data_dir) c.data_dir = options.data_dir->string();
    return s;
}

KioskConfig kiosk_config(const LoadedSettings& s) {
    KioskConfig k;
    const Config& c = s.config;
    k.content_roots = content_roots(s.options);
    k.theme = ui::theme_from_name(c.theme);
    k.text_scale = static_cast<float>(c.text_scale);
    k.dyslexia_font = c.dyslexia_font;
    k.kiosk_mode = c.kiosk && !s.options.headless;
    k.attract_after_seconds = c.idle_timeout_seconds;
    k.data_dir = c.data_dir.empty() ? default_session_dir() : fs::path(c.data_dir);
    k.session = session_options(c);
    k.config_warnings = s.warnings;
    k.pin_hash = c.pin_hash;
    k.projector_display = c.projector_display;
    k.presenter_display = c.presenter_display;
    k.booth_display = c.booth_display;
    k.config = c;
    k.config_file = s.config_file;
    return k;
}

std::string save_config(const Config& config, const fs::path& file) {
    return write_file_atomically(file, config_to_string(config));
}

namespace {
std::string read_secret(const char* prompt) {
    std::cerr << prompt << std::flush;
    termios old{};
    const bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::cerr << "\n";
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}
}  // namespace

int run_set_pin(const LoadedSettings& s) {
    const std::string pin = read_secret("New facilitator PIN (4 to 12 digits; leave empty to remove the PIN): ");
    Config c = s.config;
    if (pin.empty()) {
        c.pin_hash.clear();
    } else {
        if (!pin_is_valid(pin)) {
            std::cerr << "upstander: the PIN must be 4 to 12 digits. Nothing was changed.\n";
            return 1;
        }
        if (read_secret("Type the PIN again: ") != pin) {
            std::cerr << "upstander: the two PINs do not match. Nothing was changed.\n";
            return 1;
        }
        std::string error;
        auto hash = hash_pin(pin, &error);
        if (!hash) {
            std::cerr << "upstander: " << error << "\n";
            return 1;
        }
        c.pin_hash = *hash;
    }
    // Keep the file's own values: flags given with --set-pin must not be written into it.
    Options plain;
    plain.config_file = s.config_file;
    LoadedSettings file_only = load_settings(plain);
    file_only.config.pin_hash = c.pin_hash;
    if (std::string err = save_config(file_only.config, s.config_file); !err.empty()) {
        std::cerr << "upstander: " << err << "\n";
        return 1;
    }
    std::cerr << (pin.empty() ? "The PIN was removed from " : "The PIN was saved (as a salted hash) in ")
              << s.config_file.string() << "\n";
    return 0;
}

}  // namespace upstander::app
