#include "paths.hpp"

#include "core/install_paths.hpp"

#include <cstdlib>

namespace upstander::app {

namespace fs = std::filesystem;

namespace {
fs::path env_dir(const char* var, const char* fallback_under_home) {
    if (const char* v = std::getenv(var); v != nullptr && v[0] == '/') return fs::path(v);
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr && home[0] != '\0' ? home : "/tmp") / fallback_under_home;
}
}  // namespace

fs::path user_data_dir() { return env_dir("XDG_DATA_HOME", ".local/share") / "upstander"; }
fs::path user_config_dir() { return env_dir("XDG_CONFIG_HOME", ".config") / "upstander"; }

std::vector<fs::path> content_roots(const Options& options) {
    std::vector<fs::path> roots;
    if (!options.no_bundled_content) {
        fs::path bundled = upstander::bundled_content_dir();
        if (!bundled.empty()) roots.push_back(bundled);
    }
    roots.push_back(user_data_dir() / "packs");
    for (const auto& d : options.content_dirs) roots.push_back(fs::absolute(d));
    return roots;
}

}  // namespace upstander::app
