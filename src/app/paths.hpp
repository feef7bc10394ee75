#pragma once
// Where things live on disk: bundled content, per-user packs, config and session data (XDG).

#include "options.hpp"

#include <filesystem>
#include <vector>

namespace upstander::app {

// core/platform_paths.hpp: $XDG_DATA_HOME/upstander, or %LOCALAPPDATA%\Upstander on Windows.
std::filesystem::path user_data_dir();
// core/platform_paths.hpp: $XDG_CONFIG_HOME/upstander, or %APPDATA%\Upstander on Windows.
std::filesystem::path user_config_dir();

// Bundled packs (unless --no-bundled-content), the per-user packs folder, then every --content folder.
std::vector<std::filesystem::path> content_roots(const Options& options);

}  // namespace upstander::app
