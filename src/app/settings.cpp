#include "settings.hpp"

#include "core/atomic_file.hpp"
#include "core/safe_path.hpp"
#include "paths.hpp"
#include "pin.hpp"

#ifdef _WIN32
#include <windows.h>
#include <io.h>  // _get_osfhandle
#else
#include <termios.h>
#include <unistd.h>
#endif
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

namespace upstander::app {

namespace fs = std::filesystem;

namespace {
// From a config file that is not valid JSON, the PIN hash if one can still be found, so the
// facilitator's PIN keeps working while the file is being fixed.
std::string recover_pin_hash(const std::string& text) {
    const size_t key = text.find("\"pin_hash\"");
    if (key == std::string::npos) return {};
    const size_t start = text.find("\"$argon2", key + 10);
    if (start == std::string::npos) return {};
    const size_t end = text.find('"', start + 1);
    if (end == std::string::npos) return {};
    std::string hash = text.substr(start + 1, end - start - 1);
    if (hash.find_first_of(" \t\r\n\\") != std::string::npos) return {};
    return hash;
}
}  // namespace

LoadedSettings load_settings(const Options& options) {
    LoadedSettings s;
    s.options = options;
    s.config_file = options.config_file ? *options.config_file : user_config_dir() / "config.json";
    std::string text;
    // Read without ever blocking (a FIFO or device there must not hang the kiosk), at most 1 MiB.
    const std::error_code ec = read_regular_file(s.config_file, 1024 * 1024, text);
    if (ec == std::errc::no_such_file_or_directory) {
        if (options.config_file) s.warnings.push_back(s.config_file.string() + ": not found; using the default settings");
    } else {
        if (ec) {
            // Fail closed: a file we cannot read may hold a PIN.
            s.unreadable = s.config_file.string() + ": cannot be read (" + describe_read_error(ec) +
                           "). Settings are locked and the kiosk stays locked until the file is fixed.";
            s.pin_may_be_set = true;
        } else {
            ConfigLoadResult r = parse_config(text, s.config_file.string());
            s.config = r.config;
            s.warnings = std::move(r.warnings);
            if (r.unreadable) {
                // Fail closed: Settings is locked and never overwrites the file, and a PIN the file may
                // hold keeps the kiosk locked. When the hash itself can still be found, it keeps working.
                s.unreadable = *r.unreadable + ". Settings are locked until the file is fixed (ask whoever set up this kiosk).";
                s.pin_may_be_set = r.might_hold_pin;
                s.config.pin_hash = recover_pin_hash(text);
                std::erase(s.warnings, *r.unreadable);
            }
        }
    }
    s.file_config = s.config;
    // Command-line flags override the file.
    Config& c = s.config;
    if (options.theme) c.theme = *options.theme;
    if (options.text_scale) c.text_scale = *options.text_scale;
    if (options.dyslexia_font) c.dyslexia_font = true;
    if (options.kiosk) c.kiosk = *options.kiosk;
    if (options.projector_display) c.projector_display = *options.projector_display;
    if (options.presenter_display) c.presenter_display = *options.presenter_display;
    if (options.booth_display) c.booth_display = *options.booth_display;
    if (options.booth_display) c.booth_displays = options.more_booth_displays;
    if (options.data_dir) c.data_dir = options.data_dir->string();
    if (!options.camera.empty()) c.camera = options.camera;
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
    k.more_booth_displays = c.booth_displays;
    k.camera = c.camera;
    k.config = s.file_config;  // Settings edits the file's values: flags are never written into it
    k.config_file = s.config_file;
    k.config_unreadable = s.unreadable;
    k.pin_may_be_set = s.pin_may_be_set;
    return k;
}

std::string save_config(const Config& config, const fs::path& file) {
    return write_file_atomically(file, config_to_string(config));
}

namespace {
#ifdef _WIN32
// upstander.exe is a GUI program: started from cmd or PowerShell it gets no keyboard input, and the
// shell does not wait for it (so a console shared with the shell would split the typing between
// the two). Unless its input is redirected (a file, a pipe), --set-pin asks in a console window of
// its own. Returns whether it opened one.
bool own_console_for_pin() {
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    // Input redirected from a file or a pipe: read that. A console handed down is the shell's, which
    // does not wait, so it is never shared for the PIN.
    if (in != nullptr && in != INVALID_HANDLE_VALUE) {
        const DWORD type = GetFileType(in);
        if (type == FILE_TYPE_DISK || type == FILE_TYPE_PIPE) return false;
    }
    FreeConsole();  // the parent's console that attach_parent_console() borrowed for output
    if (!AllocConsole()) return false;
    SetConsoleTitleW(L"Upstander: facilitator PIN");
    if (std::freopen("CONIN$", "r", stdin) == nullptr || std::freopen("CONOUT$", "w", stderr) == nullptr) return false;
    std::freopen("CONOUT$", "w", stdout);
    std::cin.clear();
    std::cerr.clear();
    SetStdHandle(STD_INPUT_HANDLE, reinterpret_cast<HANDLE>(_get_osfhandle(_fileno(stdin))));
    return true;
}

// Keeps the console window opened for the PIN until its last message has been read.
struct OwnConsole {
    bool open = own_console_for_pin();
    ~OwnConsole() {
        if (!open) return;
        std::cerr << "Press Enter to close this window." << std::flush;
        std::string line;
        std::getline(std::cin, line);
    }
};
#endif

// One line typed at the prompt; nullopt when the input ended (or there is none) before a line was
// typed, which is never taken as "no PIN", or when typing could not be hidden on a terminal.
std::optional<std::string> read_secret(const char* prompt) {
    std::cerr << prompt << std::flush;
    // Typing is not echoed on a terminal (console mode on Windows, termios on Linux).
#ifdef _WIN32
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD old = 0;
    const bool tty = in != nullptr && in != INVALID_HANDLE_VALUE && GetConsoleMode(in, &old) != 0;
    if (tty && SetConsoleMode(in, old & ~static_cast<DWORD>(ENABLE_ECHO_INPUT)) == 0) {
        std::cerr << "\nupstander: this console cannot hide what is typed.\n";
        return std::nullopt;
    }
#else
    termios old{};
    const bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
        if (tcsetattr(STDIN_FILENO, TCSANOW, &quiet) != 0) {
            std::cerr << "\nupstander: this terminal cannot hide what is typed.\n";
            return std::nullopt;
        }
    }
#endif
    std::string line;
    const bool read = static_cast<bool>(std::getline(std::cin, line));
    if (tty) {
#ifdef _WIN32
        SetConsoleMode(in, old);
#else
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
#endif
        std::cerr << "\n";
    }
    if (!read) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}
}  // namespace

int run_set_pin(const LoadedSettings& s) {
#ifdef _WIN32
    const OwnConsole console;
#endif
    if (!s.unreadable.empty()) {
        std::cerr << "upstander: " << s.unreadable << " Nothing was changed.\n";
        return 1;
    }
    const std::optional<std::string> typed =
        read_secret("New facilitator PIN (4 to 12 digits; leave empty to remove the PIN): ");
    if (!typed) {
        std::cerr << "upstander: no PIN was typed (there was no input to read). Nothing was changed.\n";
        return 1;
    }
    const std::string& pin = *typed;
    Config c = s.config;
    if (pin.empty()) {
        c.pin_hash.clear();
    } else {
        if (!pin_is_valid(pin)) {
            std::cerr << "upstander: the PIN must be 4 to 12 digits. Nothing was changed.\n";
            return 1;
        }
        const std::optional<std::string> again = read_secret("Type the PIN again: ");
        if (!again) {
            std::cerr << "upstander: the PIN was not typed again. Nothing was changed.\n";
            return 1;
        }
        if (*again != pin) {
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
    Config file_only = s.file_config;
    file_only.pin_hash = c.pin_hash;
    if (std::string err = save_config(file_only, s.config_file); !err.empty()) {
        std::cerr << "upstander: " << err << "\n";
        return 1;
    }
    std::cerr << (pin.empty() ? "The PIN was removed from " : "The PIN was saved (as a salted hash) in ")
              << s.config_file.string() << "\n";
    return 0;
}

}  // namespace upstander::app
