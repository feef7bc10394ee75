#include "install_paths.hpp"

#include "upstander/version.hpp"

namespace upstander {

namespace fs = std::filesystem;

fs::path bundled_content_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path() / ".." / "share" / "upstander" / "packs";
        if (fs::is_directory(installed, ec)) return fs::weakly_canonical(installed, ec);
    }
    const fs::path source(kSourceContentDir);
    if (fs::is_directory(source, ec)) return source;
    return {};
}

}  // namespace upstander
