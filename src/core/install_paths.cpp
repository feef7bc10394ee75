#include "install_paths.hpp"

#include "platform_paths.hpp"
#include "upstander/version.hpp"

namespace upstander {

namespace fs = std::filesystem;

namespace {

// The folder <leaf> of an installed copy, when it exists: on Linux <prefix>/share/upstander/<leaf>
// beside <prefix>/bin/upstander; in the Windows zip and installer <leaf>\ beside upstander.exe.
fs::path installed_share(const char* leaf) {
    std::error_code ec;
    const fs::path exe = executable_path();
    if (exe.empty()) return {};
    for (const fs::path& installed : {exe.parent_path() / ".." / "share" / "upstander" / leaf,
                                      exe.parent_path() / leaf})
        if (fs::is_directory(installed, ec)) return fs::weakly_canonical(installed, ec);
    return {};
}

fs::path source_dir(const char* dir) {
    std::error_code ec;
    const fs::path source(dir);
    if (fs::is_directory(source, ec)) return source;
    return {};
}

}  // namespace

fs::path bundled_content_dir() {
    if (fs::path p = installed_share("packs"); !p.empty()) return p;
    return source_dir(kSourceContentDir);
}

fs::path bundled_assets_dir() {
    // The fonts folder marks an installed copy's assets (share/upstander also holds the packs).
    if (fs::path p = installed_share("fonts"); !p.empty()) return p.parent_path();
    return source_dir(kSourceAssetsDir);
}

}  // namespace upstander
