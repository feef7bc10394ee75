// The fonts seam on Windows: no fontconfig there, so the kiosk uses the fonts shipped beside
// upstander.exe (fonts\DejaVuSans.ttf, DejaVuSans-Bold.ttf, OpenDyslexic-Regular.otf,
// OpenDyslexic-Bold.otf: tools/build-windows.sh bundles them), and which characters a font has is
// read from the font file itself with stb_truetype. Linux uses font_coverage.cpp and fonts.cpp's
// fontconfig lookup instead.
#include "font_coverage.hpp"
#include "fonts.hpp"

#include "core/platform_files.hpp"
#include "core/platform_paths.hpp"
#include "core/safe_path.hpp"

#include <stb_truetype.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>

namespace upstander::ui {

namespace fs = std::filesystem;

namespace {

// One loaded font file, kept for the life of the process (a handful of files, read once).
struct LoadedFont {
    std::string bytes;
    stbtt_fontinfo info{};
    bool ok = false;
};

const LoadedFont& load_font(const std::string& file) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<LoadedFont>> cache;
    std::lock_guard<std::mutex> lock(mutex);
    auto& slot = cache[file];
    if (!slot) {
        slot = std::make_unique<LoadedFont>();
        if (!upstander::read_regular_file(utf8_path(file), 64u << 20, slot->bytes)) {
            const auto* data = reinterpret_cast<const unsigned char*>(slot->bytes.data());
            const int offset = stbtt_GetFontOffsetForIndex(data, 0);
            slot->ok = offset >= 0 && stbtt_InitFont(&slot->info, data, offset) != 0;
        }
    }
    return *slot;
}

bool has_glyph(const LoadedFont& f, std::uint32_t cp) {
    return f.ok && stbtt_FindGlyphIndex(&f.info, static_cast<int>(cp)) != 0;
}

fs::path bundled_font_dir() {
    const fs::path exe = executable_path();
    return exe.empty() ? fs::path("fonts") : exe.parent_path() / "fonts";
}

// The bundled font files, main families first: the order fallbacks are tried in.
std::vector<std::string> bundled_fonts() {
    std::vector<std::string> out;
    for (const char* name : {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "OpenDyslexic-Regular.otf",
                             "OpenDyslexic-Bold.otf"}) {
        std::error_code ec;
        const fs::path p = bundled_font_dir() / name;
        if (fs::is_regular_file(p, ec)) out.push_back(path_utf8(p));
    }
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(bundled_font_dir(), ec)) {
        const std::string p = path_utf8(e.path());
        const std::string ext = path_utf8(e.path().extension());
        if ((ext == ".ttf" || ext == ".otf") && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
    return out;
}

}  // namespace

struct InstalledFonts::Impl {
    std::vector<std::string> files;
};

InstalledFonts::InstalledFonts() : impl_(std::make_unique<Impl>()) { impl_->files = bundled_fonts(); }

InstalledFonts::~InstalledFonts() = default;

bool InstalledFonts::can_draw(std::uint32_t cp) const {
    return std::any_of(impl_->files.begin(), impl_->files.end(),
                       [cp](const std::string& f) { return has_glyph(load_font(f), cp); });
}

GlyphCoverage plan_coverage(const std::string& main_file, const std::vector<std::uint32_t>& wanted, int max_fallbacks) {
    GlyphCoverage out;
    std::vector<std::uint32_t> missing;
    const LoadedFont& main = load_font(main_file);
    for (std::uint32_t cp : wanted) (has_glyph(main, cp) ? out.in_main : missing).push_back(cp);
    for (const std::string& file : bundled_fonts()) {
        if (missing.empty() || static_cast<int>(out.fallbacks.size()) >= max_fallbacks) break;
        if (file == main_file) continue;
        const LoadedFont& f = load_font(file);
        FallbackFont fb{file, {}};
        std::vector<std::uint32_t> still;
        for (std::uint32_t cp : missing) (has_glyph(f, cp) ? fb.code_points : still).push_back(cp);
        if (fb.code_points.empty()) continue;
        out.fallbacks.push_back(std::move(fb));
        missing = std::move(still);
    }
    out.missing = std::move(missing);
    return out;
}

std::optional<FontFiles> find_font_files(FontFamily family, std::string* error) {
    const fs::path dir = bundled_font_dir();
    const bool dyslexic = family == FontFamily::Dyslexic;
    const fs::path regular = dir / (dyslexic ? "OpenDyslexic-Regular.otf" : "DejaVuSans.ttf");
    const fs::path bold = dir / (dyslexic ? "OpenDyslexic-Bold.otf" : "DejaVuSans-Bold.ttf");
    std::error_code ec;
    if (!fs::is_regular_file(regular, ec)) {
        // The dyslexia-friendly family falls back to the main one, as on Linux.
        if (dyslexic) return find_font_files(FontFamily::Sans, error);
        if (error)
            *error = "no font found: " + path_utf8(regular) +
                     " is missing; reinstall Upstander (the fonts folder ships beside upstander.exe)";
        return std::nullopt;
    }
    return FontFiles{path_utf8(regular), fs::is_regular_file(bold, ec) ? path_utf8(bold) : path_utf8(regular)};
}

void shutdown_fonts() {}

}  // namespace upstander::ui
