#pragma once
// Which installed fonts can draw which characters (fontconfig), with no ImGui in it, so that the
// pack tools can warn about text no font can draw and the kiosk can pick fallback fonts for the
// characters its main font lacks (Greek or Cyrillic with OpenDyslexic, for example).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace upstander::ui {

// Every outline font fontconfig knows, read once.
class InstalledFonts {
public:
    InstalledFonts();
    ~InstalledFonts();
    InstalledFonts(const InstalledFonts&) = delete;
    InstalledFonts& operator=(const InstalledFonts&) = delete;

    // True when at least one installed outline font has a glyph for `cp`.
    bool can_draw(std::uint32_t cp) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct FallbackFont {
    std::string file;
    std::vector<std::uint32_t> code_points;  // sorted; the characters this font supplies
};

// How the characters `wanted` (sorted, distinct) are covered for a face whose file is `main_file`:
// those the main font has, then up to `max_fallbacks` further fonts chosen by fontconfig (best match
// for the missing characters first), and those no installed font has.
struct GlyphCoverage {
    std::vector<std::uint32_t> in_main;
    std::vector<FallbackFont> fallbacks;
    std::vector<std::uint32_t> missing;
    bool operator==(const GlyphCoverage& o) const {
        if (in_main != o.in_main || missing != o.missing || fallbacks.size() != o.fallbacks.size()) return false;
        for (std::size_t i = 0; i < fallbacks.size(); ++i)
            if (fallbacks[i].file != o.fallbacks[i].file || fallbacks[i].code_points != o.fallbacks[i].code_points)
                return false;
        return true;
    }
};

GlyphCoverage plan_coverage(const std::string& main_file, const std::vector<std::uint32_t>& wanted, int max_fallbacks = 4);

}  // namespace upstander::ui
