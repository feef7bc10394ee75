#pragma once
// Where the bundled content packs are, for the kiosk and the command-line tools alike.

#include <filesystem>

namespace upstander {

// ../share/upstander/packs next to the running executable (an installed copy), else the source tree's
// content/packs (a build tree). Empty when neither exists.
std::filesystem::path bundled_content_dir();

}  // namespace upstander
