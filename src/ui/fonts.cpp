#include "fonts.hpp"

#include "core/install_paths.hpp"

#ifndef _WIN32
#include <fontconfig/fontconfig.h>
#endif
#include <imgui.h>
#include <imgui_freetype.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace upstander::ui {

namespace {

// Latin, Latin-1, Latin Extended-A and -B, and the punctuation our content uses
// (dashes, curly quotes, bullet, ellipsis, middle dot is in Latin-1), plus £ € and arrows.
// U+FFFD is the mark drawn for any character the atlas lacks (ImGui's fallback), so that a missing
// character is visible as such rather than as a question mark.
const ImWchar kBodyRanges[] = {0x0020, 0x024F, 0x2010, 0x2027, 0x2030, 0x203A, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x2713, 0x2713, 0xFFFD, 0xFFFD, 0};
// Large faces carry fewer glyphs to keep the 4K atlas small (core is_base_code_point names this set;
// what else the packs use is added from the GlyphPlan).
const ImWchar kLargeRanges[] = {0x0020, 0x017F, 0x2010, 0x2027, 0x20AC, 0x20AC, 0x2190, 0x2193, 0xFFFD, 0xFFFD, 0};

// ImGui glyph ranges: pairs of first and last character, ending in 0.
std::vector<ImWchar> ranges_of(const std::vector<std::uint32_t>& sorted, const ImWchar* base) {
    std::vector<ImWchar> out;
    if (base)
        for (const ImWchar* r = base; *r; ++r) out.push_back(*r);
    for (std::size_t i = 0; i < sorted.size();) {
        std::size_t j = i;
        while (j + 1 < sorted.size() && sorted[j + 1] == sorted[j] + 1) ++j;
        if (sorted[i] <= 0xFFFF) {
            out.push_back(static_cast<ImWchar>(sorted[i]));
            out.push_back(static_cast<ImWchar>(std::min<std::uint32_t>(sorted[j], 0xFFFF)));
        }
        i = j + 1;
    }
    out.push_back(0);
    return out;
}

// The ranges one face is built from; kept alive by the atlas's owner through GlyphPlan users.
struct FaceRanges {
    std::vector<ImWchar> main;
    std::vector<std::pair<std::string, std::vector<ImWchar>>> fallbacks;
};

FaceRanges face_ranges(const GlyphCoverage* cov, const ImWchar* base) {
    FaceRanges r;
    r.main = ranges_of(cov ? cov->in_main : std::vector<std::uint32_t>{}, base);
    if (cov)
        for (const FallbackFont& f : cov->fallbacks) r.fallbacks.emplace_back(f.file, ranges_of(f.code_points, nullptr));
    return r;
}

#ifndef _WIN32
// Linux: fontconfig finds the families (Windows: font_files_bundled.cpp).
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

#endif

}  // namespace

std::optional<FontFiles> bundled_font_files(FontFamily family, const std::filesystem::path& assets_dir) {
    if (assets_dir.empty()) return std::nullopt;
    const std::filesystem::path dir = assets_dir / "fonts";
    const bool dyslexic = family == FontFamily::Dyslexic;
    const std::filesystem::path regular = dir / (dyslexic ? "OpenDyslexic-Regular.otf" : "DejaVuSans.ttf");
    const std::filesystem::path bold = dir / (dyslexic ? "OpenDyslexic-Bold.otf" : "DejaVuSans-Bold.ttf");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(regular, ec)) return std::nullopt;
    return FontFiles{regular.string(), std::filesystem::is_regular_file(bold, ec) ? bold.string() : regular.string()};
}

#ifndef _WIN32
std::optional<FontFiles> find_font_files(FontFamily family, std::string* error) {
    FcInit();
    const char* name = family == FontFamily::Dyslexic ? "OpenDyslexic" : "DejaVu Sans";
    auto regular = match_file(name, FC_WEIGHT_REGULAR);
    auto bold = match_file(name, FC_WEIGHT_BOLD);
    if (regular) return FontFiles{*regular, bold.value_or(*regular)};
    // The copy shipped with the kiosk (share/upstander/fonts, or assets/fonts in a build tree) before any
    // other family: it is the face the user chose, and all there is where fontconfig knows no fonts.
    if (auto bundled = bundled_font_files(family, bundled_assets_dir())) return bundled;
    regular = match_file("sans-serif", FC_WEIGHT_REGULAR);
    bold = match_file("sans-serif", FC_WEIGHT_BOLD);
    if (!regular) {
        if (error)
            *error = std::string("no TrueType font found for \"") + name +
                     "\": install fonts-dejavu-core (and fonts-opendyslexic), or run tools/install-deps.sh";
        return std::nullopt;
    }
    return FontFiles{*regular, bold.value_or(*regular)};
}

void shutdown_fonts() { FcFini(); }
#endif

float body_pixels(int window_height, float text_scale) {
    const float base = static_cast<float>(std::max(window_height, 240)) / 24.0f;
    return std::clamp(base * std::clamp(text_scale, 0.5f, 3.0f), 10.0f, 400.0f);
}

GlyphPlan plan_glyphs(const FontFiles& files, const std::vector<std::uint32_t>& wanted) {
    GlyphPlan plan;
    plan.wanted = wanted;
    // The replacement mark too, so that a missing character is visible whichever family is chosen
    // (OpenDyslexic has none of its own).
    std::vector<std::uint32_t> need = wanted;
    if (!std::binary_search(need.begin(), need.end(), 0xFFFDu)) need.insert(std::upper_bound(need.begin(), need.end(), 0xFFFDu), 0xFFFDu);
    plan.regular = plan_coverage(files.regular, need);
    plan.bold = files.bold == files.regular ? plan.regular : plan_coverage(files.bold, need);
    return plan;
}

bool build_fonts(ImFontAtlas& atlas, const FontFiles& files, float body_px, FontSet& out, std::string* error,
                 FontSet* miniature, const GlyphPlan* glyphs) {
    atlas.Clear();
    // ImGui asks that the ranges live as long as the fonts: the FontSet holds them.
    const GlyphCoverage* reg = glyphs ? &glyphs->regular : nullptr;
    const GlyphCoverage* bld = glyphs ? &glyphs->bold : nullptr;
    struct AllRanges {
        FaceRanges body_regular, body_bold, large_bold;
    };
    auto all = std::make_shared<AllRanges>(
        AllRanges{face_ranges(reg, kBodyRanges), face_ranges(bld, kBodyRanges), face_ranges(bld, kLargeRanges)});
    const FaceRanges& body_regular = all->body_regular;
    const FaceRanges& body_bold = all->body_bold;
    const FaceRanges& large_bold = all->large_bold;
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    // One face: the family's file with its ranges, then each fallback merged into it.
    auto add = [&](const std::string& path, float px, const FaceRanges& ranges) -> ImFont* {
        cfg.MergeMode = false;
        ImFont* font = atlas.AddFontFromFileTTF(path.c_str(), std::round(px), &cfg, ranges.main.data());
        if (!font) return nullptr;
        for (const auto& [file, r] : ranges.fallbacks) {
            cfg.MergeMode = true;
            atlas.AddFontFromFileTTF(file.c_str(), std::round(px), &cfg, r.data());
        }
        cfg.MergeMode = false;
        return font;
    };
    auto add_set = [&](float px, FontSet& set) {
        set.body_px = std::round(px);
        set.glyph_ranges = all;
        set.body = add(files.regular, px, body_regular);
        set.bold = add(files.bold, px, body_bold);
        set.heading = add(files.bold, px * 1.5f, large_bold);
        set.title = add(files.bold, px * 2.1f, large_bold);
        set.small = add(files.regular, px * 0.72f, body_regular);
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
