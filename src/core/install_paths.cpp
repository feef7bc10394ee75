#include "install_paths.hpp"

#include "platform_paths.hpp"
#include "upstander/version.hpp"

namespace upstander {

namespace fs = std::filesystem;

fs::path bundled_content_dir() {
    std::error_code ec;
    const fs::path exe = executable_path();
    if (!exe.empty()) {
        // Installed on Linux: <prefix>/bin/upstander with <prefix>/share/upstander/packs. The Windows zip
        // and installer: packs\ beside upstander.exe.
        for (const fs::path& installed : {exe.parent_path() / ".." / "share" / "upstander" / "packs",
                                          exe.parent_path() / "packs"})
            if (fs::is_directory(installed, ec)) return fs::weakly_canonical(installed, ec);
    }
    const fs::path source(kSourceContentDir);
    if (fs::is_directory(source, ec)) return source;
    return {};
}

}  // namespace upstander
