#pragma once
// Where the bundled content packs and the app's own files are, for the kiosk and the command-line tools alike.

#include <filesystem>

namespace upstander {

// ../share/upstander/packs next to the running executable (an installed copy), else the source tree's
// content/packs (a build tree). Empty when neither exists.
std::filesystem::path bundled_content_dir();

// The app's own files (fonts/, sounds/, icons/): ../share/upstander next to the running executable when it
// holds them (an installed copy), else the source tree's assets/ (a build tree). Empty when neither exists.
std::filesystem::path bundled_assets_dir();

}  // namespace upstander
