#pragma once
// TrueType fonts found with fontconfig and rasterised with FreeType (imgui_freetype). Sizes follow the
// window height so text stays legible from a 1024x768 projector to a 4K screen: body text is at least
// 1/24 of the window height.

#include "font_coverage.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct ImFont;
struct ImFontAtlas;

namespace upstander::ui {

enum class FontFamily { Sans, Dyslexic };

// Paths of the regular and bold faces of a family, found with fontconfig.
struct FontFiles {
    std::string regular;
    std::string bold;
};

// The family's regular and bold faces in `assets_dir`/fonts (the copies shipped with the kiosk, see
// assets/README.md), or nullopt when the regular face is not there. Bold falls back to regular.
std::optional<FontFiles> bundled_font_files(FontFamily family, const std::filesystem::path& assets_dir);

// Finds the family's files with fontconfig, else the bundled copy (bundled_assets_dir), else any
// sans-serif face fontconfig offers. Error text names the
// package to install when nothing usable is found.
std::optional<FontFiles> find_font_files(FontFamily family, std::string* error);

// The characters beyond the fonts' built-in Latin set that the loaded packs use
// (core text_code_points), and which font draws each: the family's own regular and bold files, or a
// fallback fontconfig found. Made once per font choice and pack load (fontconfig lookups), kept
// alive for as long as an atlas built from it (ImGui keeps pointers to the ranges).
struct GlyphPlan {
    std::vector<std::uint32_t> wanted;
    GlyphCoverage regular;
    GlyphCoverage bold;
    bool operator==(const GlyphPlan& o) const { return wanted == o.wanted && regular == o.regular && bold == o.bold; }
};

GlyphPlan plan_glyphs(const FontFiles& files, const std::vector<std::uint32_t>& wanted);

struct FontSet {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
    ImFont* small = nullptr;   // secondary labels (progress, hints); never for lesson text
    float body_px = 0;
    std::shared_ptr<const void> glyph_ranges;  // ImGui keeps pointers to the ranges the faces were built from
};

// Releases fontconfig's caches (call once, after every window is gone) so leak checkers stay quiet.
void shutdown_fonts();

// Body size in pixels for a window of `height` pixels and a user text scale.
float body_pixels(int window_height, float text_scale);

// The presenter's miniatures of a step are drawn with the same faces at this fraction of the size.
constexpr float kMiniatureScale = 0.4f;

// Clears `atlas` and adds the five faces at sizes for `body_px`, and, when `miniature` is given, the
// five again at kMiniatureScale of that size. Returns false with a message when the font files cannot
// be loaded.
// `glyphs` (may be null: Latin only) adds the packs' other characters to every face, from the
// family's files or merged in from fallback fonts.
bool build_fonts(ImFontAtlas& atlas, const FontFiles& files, float body_px, FontSet& out, std::string* error,
                 FontSet* miniature = nullptr, const GlyphPlan* glyphs = nullptr);

}  // namespace upstander::ui
