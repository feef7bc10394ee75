#include "paths.hpp"

#include "core/install_paths.hpp"
#include "core/platform_paths.hpp"

namespace upstander::app {

namespace fs = std::filesystem;

fs::path user_data_dir() { return upstander::user_data_dir(); }
fs::path user_config_dir() { return upstander::user_config_dir(); }

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
