#include "font_coverage.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>

namespace upstander::ui {

namespace {

struct PatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
struct CharSetDeleter {
    void operator()(FcCharSet* c) const { FcCharSetDestroy(c); }
};
struct FontSetDeleter {
    void operator()(FcFontSet* s) const { FcFontSetDestroy(s); }
};
using PatternPtr = std::unique_ptr<FcPattern, PatternDeleter>;
using CharSetPtr = std::unique_ptr<FcCharSet, CharSetDeleter>;
using FontSetPtr = std::unique_ptr<FcFontSet, FontSetDeleter>;

// The characters of the font file's first face.
CharSetPtr charset_of_file(const std::string& file) {
    int count = 0;
    PatternPtr p(FcFreeTypeQuery(reinterpret_cast<const FcChar8*>(file.c_str()), 0, nullptr, &count));
    if (!p) return nullptr;
    FcCharSet* cs = nullptr;
    if (FcPatternGetCharSet(p.get(), FC_CHARSET, 0, &cs) != FcResultMatch || cs == nullptr) return nullptr;
    return CharSetPtr(FcCharSetCopy(cs));
}

// Fonts FreeType can load as outlines (TrueType and CFF); colour bitmap fonts are left out because
// the atlas holds one alpha channel.
bool usable_format(FcPattern* font) {
    FcBool outline = FcFalse;
    if (FcPatternGetBool(font, FC_OUTLINE, 0, &outline) != FcResultMatch || !outline) return false;
    FcChar8* format = nullptr;
    if (FcPatternGetString(font, FC_FONTFORMAT, 0, &format) != FcResultMatch || format == nullptr) return true;
    const std::string f(reinterpret_cast<const char*>(format));
    return f == "TrueType" || f == "CFF";
}

}  // namespace

struct InstalledFonts::Impl {
    FontSetPtr fonts;
};

InstalledFonts::InstalledFonts() : impl_(std::make_unique<Impl>()) {
    FcInit();
    PatternPtr pattern(FcPatternCreate());
    FcPatternAddBool(pattern.get(), FC_OUTLINE, FcTrue);
    FcObjectSet* os = FcObjectSetBuild(FC_CHARSET, FC_OUTLINE, FC_FONTFORMAT, nullptr);
    impl_->fonts.reset(FcFontList(nullptr, pattern.get(), os));
    FcObjectSetDestroy(os);
}

InstalledFonts::~InstalledFonts() = default;

bool InstalledFonts::can_draw(std::uint32_t cp) const {
    if (!impl_->fonts) return false;
    for (int i = 0; i < impl_->fonts->nfont; ++i) {
        FcPattern* font = impl_->fonts->fonts[i];
        if (!usable_format(font)) continue;
        FcCharSet* cs = nullptr;
        if (FcPatternGetCharSet(font, FC_CHARSET, 0, &cs) == FcResultMatch && cs && FcCharSetHasChar(cs, cp)) return true;
    }
    return false;
}

GlyphCoverage plan_coverage(const std::string& main_file, const std::vector<std::uint32_t>& wanted, int max_fallbacks) {
    FcInit();
    GlyphCoverage out;
    std::vector<std::uint32_t> missing;
    const CharSetPtr main = charset_of_file(main_file);
    for (std::uint32_t cp : wanted) {
        if (main && FcCharSetHasChar(main.get(), cp)) out.in_main.push_back(cp);
        else missing.push_back(cp);
    }
    if (missing.empty()) return out;

    // Ask fontconfig for the fonts that best cover what is missing, best first.
    CharSetPtr need(FcCharSetCreate());
    for (std::uint32_t cp : missing) FcCharSetAddChar(need.get(), cp);
    PatternPtr pattern(FcPatternCreate());
    FcPatternAddCharSet(pattern.get(), FC_CHARSET, need.get());
    FcPatternAddBool(pattern.get(), FC_OUTLINE, FcTrue);
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>("sans-serif"));
    FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    FontSetPtr sorted(FcFontSort(nullptr, pattern.get(), FcFalse, nullptr, &result));
    if (sorted) {
        for (int i = 0; i < sorted->nfont && !missing.empty() && static_cast<int>(out.fallbacks.size()) < max_fallbacks; ++i) {
            FcPattern* font = sorted->fonts[i];
            if (!usable_format(font)) continue;
            FcChar8* file = nullptr;
            FcCharSet* cs = nullptr;
            if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch || file == nullptr) continue;
            if (FcPatternGetCharSet(font, FC_CHARSET, 0, &cs) != FcResultMatch || cs == nullptr) continue;
            const std::string path(reinterpret_cast<const char*>(file));
            if (path == main_file) continue;
            FallbackFont fb{path, {}};
            std::vector<std::uint32_t> still;
            for (std::uint32_t cp : missing) (FcCharSetHasChar(cs, cp) ? fb.code_points : still).push_back(cp);
            if (fb.code_points.empty()) continue;
            out.fallbacks.push_back(std::move(fb));
            missing = std::move(still);
        }
    }
    out.missing = std::move(missing);
    return out;
}

}  // namespace upstander::ui
