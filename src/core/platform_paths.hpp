#pragma once
// The folders seam: where this user's data and settings live, the removable drives a report can be
// exported to, and the running executable's own path. Linux follows the XDG base directories;
// Windows uses %LOCALAPPDATA%\Upstander (data: sessions, packs) and %APPDATA%\Upstander (settings).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace upstander {

// An environment variable as UTF-8 (on Windows read with the wide API, so non-ASCII user names work).
std::optional<std::string> environment_utf8(const char* name);

// Linux: $XDG_DATA_HOME/upstander (default ~/.local/share/upstander). Windows: %LOCALAPPDATA%\Upstander.
std::filesystem::path user_data_dir();
// Linux: $XDG_CONFIG_HOME/upstander (default ~/.config/upstander). Windows: %APPDATA%\Upstander.
std::filesystem::path user_config_dir();
// The user's home folder ($HOME, or %USERPROFILE% on Windows); empty when unknown.
std::filesystem::path home_dir();

// Folders on removable drives, most likely first: on Linux the mounts under /media and /run/media
// (/media/<user>/<stick> or /media/<stick>); on Windows the roots of removable drives (GetDriveTypeW).
std::vector<std::filesystem::path> removable_drive_folders();

// The running program (/proc/self/exe, GetModuleFileNameW); empty if the system will not say.
std::filesystem::path executable_path();

// Windows: the kiosk is a GUI program (no console window opens when it is started from Explorer, the
// Start menu or a shortcut). Started from cmd or PowerShell with its output not redirected, it has no
// standard output of its own: this attaches the parent's console so --help, --version and warnings
// still show there. Output that is redirected (a pipe, a file, ctest) is left as it is. Linux: nothing.
void attach_parent_console();

// The program's arguments as UTF-8. Linux: argv as given. Windows: argv holds the ANSI code page, so
// the UTF-16 command line is converted instead (a folder with non-ASCII characters works). Every
// program's main() starts with it.
class Utf8Args {
public:
    Utf8Args(int argc, char** argv);
    int argc() const { return static_cast<int>(args_.size()); }
    char** argv() { return pointers_.data(); }

private:
    std::vector<std::string> args_;
    std::vector<char*> pointers_;
};

}  // namespace upstander
