#include "fonts.hpp"

#include <fontconfig/fontconfig.h>
#include <imgui.h>
#include <imgui_freetype.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace upstander::ui {

namespace {

// Latin, Latin-1, Latin Extended-A and -B, and the punctuation our content uses
// (dashes, curly quotes, bullet, ellipsis, middle dot is in Latin-1), plus £ € and arrows.
const ImWchar kBodyRanges[] = {0x0020, 0x024F, 0x2010, 0x2027, 0x2030, 0x203A, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x2713, 0x2713, 0};
// Large faces carry fewer glyphs to keep the 4K atlas small.
const ImWchar kLargeRanges[] = {0x0020, 0x017F, 0x2010, 0x2027, 0x20AC, 0x20AC, 0x2190, 0x2193, 0};

struct FcPatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
using FcPatternPtr = std::unique_ptr<FcPattern, FcPatternDeleter>;

std::optional<std::string> match_file(const char* family, int weight) {
    FcPatternPtr pattern(FcPatternCreate());
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
    FcPatternAddInteger(pattern.get(), FC_WEIGHT, weight);
    FcPatternAddBool(pattern.get(), FC_OUTLINE, FcTrue);
    FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    FcPatternPtr match(FcFontMatch(nullptr, pattern.get(), &result));
    if (!match || result != FcResultMatch) return std::nullopt;
    FcChar8* file = nullptr;
    if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch || file == nullptr) return std::nullopt;
    FcChar8* got_family = nullptr;
    FcPatternGetString(match.get(), FC_FAMILY, 0, &got_family);
    // fontconfig always returns something; insist on the family we asked for unless it is the generic one.
    if (std::string(family) != "sans-serif" && got_family != nullptr &&
        std::string(reinterpret_cast<const char*>(got_family)) != family)
        return std::nullopt;
    return std::string(reinterpret_cast<const char*>(file));
}

}  // namespace

std::optional<FontFiles> find_font_files(FontFamily family, std::string* error) {
    FcInit();
    const char* name = family == FontFamily::Dyslexic ? "OpenDyslexic" : "DejaVu Sans";
    auto regular = match_file(name, FC_WEIGHT_REGULAR);
    auto bold = match_file(name, FC_WEIGHT_BOLD);
    if (!regular) {
        regular = match_file("sans-serif", FC_WEIGHT_REGULAR);
        bold = match_file("sans-serif", FC_WEIGHT_BOLD);
    }
    if (!regular) {
        if (error)
            *error = std::string("no TrueType font found for \"") + name +
                     "\": install fonts-dejavu-core (and fonts-opendyslexic), or run tools/install-deps.sh";
        return std::nullopt;
    }
    return FontFiles{*regular, bold.value_or(*regular)};
}

void shutdown_fonts() { FcFini(); }

float body_pixels(int window_height, float text_scale) {
    const float base = static_cast<float>(std::max(window_height, 240)) / 24.0f;
    return std::clamp(base * std::clamp(text_scale, 0.5f, 3.0f), 10.0f, 400.0f);
}

bool build_fonts(ImFontAtlas& atlas, const FontFiles& files, float body_px, FontSet& out, std::string* error,
                 FontSet* miniature) {
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    auto add = [&](const std::string& path, float px, const ImWchar* ranges) {
        return atlas.AddFontFromFileTTF(path.c_str(), std::round(px), &cfg, ranges);
    };
    auto add_set = [&](float px, FontSet& set) {
        set.body_px = std::round(px);
        set.body = add(files.regular, px, kBodyRanges);
        set.bold = add(files.bold, px, kBodyRanges);
        set.heading = add(files.bold, px * 1.5f, kLargeRanges);
        set.title = add(files.bold, px * 2.1f, kLargeRanges);
        set.small = add(files.regular, px * 0.72f, kBodyRanges);
        return set.body && set.bold && set.heading && set.title && set.small;
    };
    bool ok = add_set(body_px, out);
    if (miniature) ok = ok && add_set(std::max(8.0f, body_px * kMiniatureScale), *miniature);
    if (!ok || !atlas.Build()) {
        if (error) *error = "could not load the font " + files.regular;
        atlas.Clear();
        return false;
    }
    return true;
}

}  // namespace upstander::ui
