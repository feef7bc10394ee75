#include "platform_paths.hpp"

#include "platform_files.hpp"
#include "session_store.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#ifdef _WIN32
#include <windows.h>
#include <shellapi.h>  // CommandLineToArgvW
#endif

namespace upstander {

namespace fs = std::filesystem;

#ifdef _WIN32

// [SECTION] Windows

std::optional<std::string> environment_utf8(const char* name) {
    const std::wstring wname(name, name + std::char_traits<char>::length(name));
    const wchar_t* v = _wgetenv(wname.c_str());
    if (v == nullptr) return std::nullopt;
    return path_utf8(fs::path(v));
}

namespace {
fs::path known_folder(const char* var, const char* fallback_under_profile) {
    if (const auto v = environment_utf8(var); v && !v->empty()) {
        const fs::path p = utf8_path(*v);
        if (p.is_absolute()) return p;
    }
    const fs::path home = home_dir();
    return (home.empty() ? fs::temp_directory_path() : home / fallback_under_profile);
}
}  // namespace

// UPSTANDER_DATA_DIR / UPSTANDER_CONFIG_DIR (absolute) replace the two folders outright: a kiosk run
// from a USB stick keeps everything on the stick, and the tests under Wine (which sets %LOCALAPPDATA%
// itself) get folders of their own.
fs::path override_or(const char* var, const fs::path& fallback) {
    if (const auto v = environment_utf8(var); v && !v->empty() && utf8_path(*v).is_absolute()) return utf8_path(*v);
    return fallback;
}

fs::path user_data_dir() {
    return override_or("UPSTANDER_DATA_DIR", known_folder("LOCALAPPDATA", "AppData/Local") / "Upstander");
}
fs::path user_config_dir() {
    return override_or("UPSTANDER_CONFIG_DIR", known_folder("APPDATA", "AppData/Roaming") / "Upstander");
}

fs::path home_dir() {
    const auto v = environment_utf8("USERPROFILE");
    return v && !v->empty() ? utf8_path(*v) : fs::path();
}

std::vector<fs::path> removable_drive_folders() {
    std::vector<fs::path> out;
    const DWORD drives = GetLogicalDrives();
    for (int i = 2; i < 26; ++i) {  // C: onwards (A: and B: are floppy drives that stall when empty)
        if ((drives & (1u << i)) == 0) continue;
        const wchar_t root[] = {static_cast<wchar_t>(L'A' + i), L':', L'\\', 0};
        if (GetDriveTypeW(root) != DRIVE_REMOVABLE) continue;
        // A card reader with no card is still a drive: only offer it when it can be read.
        if (GetFileAttributesW(root) == INVALID_FILE_ATTRIBUTES) continue;
        out.emplace_back(root);
    }
    return out;
}

fs::path executable_path() {
    std::wstring buf(MAX_PATH, L'\0');
    for (;;) {
        const DWORD n = GetModuleFileNameW(nullptr, buf.data(), static_cast<DWORD>(buf.size()));
        if (n == 0) return {};
        if (n < buf.size()) {
            buf.resize(n);
            return fs::path(buf);
        }
        if (buf.size() >= 32768) return {};
        buf.resize(buf.size() * 2);
    }
}

fs::path default_session_dir() { return user_data_dir() / "sessions"; }

#else

// [SECTION] Linux

std::optional<std::string> environment_utf8(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr) return std::nullopt;
    return std::string(v);
}

namespace {
fs::path env_dir(const char* var, const char* fallback_under_home) {
    if (const char* v = std::getenv(var); v != nullptr && v[0] == '/') return fs::path(v);
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr && home[0] != '\0' ? home : "/tmp") / fallback_under_home;
}
}  // namespace

fs::path user_data_dir() { return env_dir("XDG_DATA_HOME", ".local/share") / "upstander"; }
fs::path user_config_dir() { return env_dir("XDG_CONFIG_HOME", ".config") / "upstander"; }

fs::path home_dir() {
    const char* home = std::getenv("HOME");
    return home != nullptr && home[0] != '\0' ? fs::path(home) : fs::path();
}

std::vector<fs::path> removable_drive_folders() {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const char* base : {"/media", "/run/media"}) {
        for (const auto& e : fs::directory_iterator(base, ec)) {
            if (!e.is_directory(ec)) continue;
            bool added = false;
            for (const auto& inner : fs::directory_iterator(e.path(), ec))
                if (inner.is_directory(ec)) {
                    out.push_back(inner.path());
                    added = true;
                }
            if (!added) out.push_back(e.path());
        }
    }
    return out;
}

fs::path executable_path() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe;
}

fs::path default_session_dir() { return default_session_dir(std::getenv("XDG_DATA_HOME"), std::getenv("HOME")); }

#endif

void attach_parent_console() {
#ifdef _WIN32
    const auto usable = [](DWORD which) {
        HANDLE h = GetStdHandle(which);
        return h != nullptr && h != INVALID_HANDLE_VALUE && GetFileType(h) != FILE_TYPE_UNKNOWN;
    };
    const bool out = usable(STD_OUTPUT_HANDLE), err = usable(STD_ERROR_HANDLE);
    if (out && err) return;                            // a console program, or output redirected
    if (!AttachConsole(ATTACH_PARENT_PROCESS)) return;  // Explorer, a shortcut: stay silent
    if (!out && std::freopen("CONOUT$", "w", stdout) != nullptr) std::cout.clear();
    if (!err && std::freopen("CONOUT$", "w", stderr) != nullptr) std::cerr.clear();
#endif
}

Utf8Args::Utf8Args(int argc, char** argv) {
#ifdef _WIN32
    int n = 0;
    LPWSTR* wide = CommandLineToArgvW(GetCommandLineW(), &n);
    if (wide != nullptr) {
        for (int i = 0; i < n; ++i) {
            const int bytes = WideCharToMultiByte(CP_UTF8, 0, wide[i], -1, nullptr, 0, nullptr, nullptr);
            std::string a(bytes > 0 ? static_cast<std::size_t>(bytes - 1) : 0, '\0');
            if (bytes > 1) WideCharToMultiByte(CP_UTF8, 0, wide[i], -1, a.data(), bytes, nullptr, nullptr);
            args_.push_back(std::move(a));
        }
        LocalFree(wide);
    }
#endif
    if (args_.empty())
        for (int i = 0; i < argc; ++i) args_.emplace_back(argv[i] != nullptr ? argv[i] : "");
    for (std::string& a : args_) pointers_.push_back(a.data());
    pointers_.push_back(nullptr);
}

}  // namespace upstander
