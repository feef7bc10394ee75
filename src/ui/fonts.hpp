#pragma once
// TrueType fonts found with fontconfig and rasterised with FreeType (imgui_freetype). Sizes follow the
// window height so text stays legible from a 1024x768 projector to a 4K screen: body text is at least
// 1/24 of the window height.

#include <optional>
#include <string>

struct ImFont;
struct ImFontAtlas;

namespace upstander::ui {

enum class FontFamily { Sans, Dyslexic };

// Paths of the regular and bold faces of a family, found with fontconfig.
struct FontFiles {
    std::string regular;
    std::string bold;
};

// Finds the family's files; falls back to any sans-serif face fontconfig offers. Error text names the
// package to install when nothing usable is found.
std::optional<FontFiles> find_font_files(FontFamily family, std::string* error);

struct FontSet {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
    ImFont* small = nullptr;   // secondary labels (progress, hints); never for lesson text
    float body_px = 0;
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
bool build_fonts(ImFontAtlas& atlas, const FontFiles& files, float body_px, FontSet& out, std::string* error,
                 FontSet* miniature = nullptr);

}  // namespace upstander::ui
