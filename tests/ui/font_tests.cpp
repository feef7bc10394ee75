// The kiosk's fonts carry the characters the packs use: Greek, Cyrillic, Romanian "ș" in a heading,
// from the family's own files or merged in from a fallback font fontconfig finds (OpenDyslexic has no
// Greek or Cyrillic, DejaVu Sans has both). Built into an atlas headless, no window needed.
#include "ui/font_coverage.hpp"
#include "ui/fonts.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

using namespace upstander::ui;

namespace {

constexpr std::uint32_t kAlpha = 0x03B1, kDe = 0x0434, kSComma = 0x0219, kAleph = 0x05D0;

struct Atlas {
    ImGuiContext* ctx = ImGui::CreateContext();
    ~Atlas() { ImGui::DestroyContext(ctx); }
    ImFontAtlas& atlas() { return *ImGui::GetIO().Fonts; }
};

bool has_glyph(ImFont* f, std::uint32_t cp) { return f && f->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr; }

}  // namespace

TEST_CASE("fallback fonts cover what the dyslexia font lacks", "[ui][fonts]") {
    auto files = find_font_files(FontFamily::Dyslexic, nullptr);
    REQUIRE(files);
    const std::vector<std::uint32_t> wanted{kAlpha, kSComma, kDe, kAleph};
    const GlyphCoverage cov = plan_coverage(files->regular, wanted);
    // OpenDyslexic has "ș" but no Greek, Cyrillic or Hebrew; the installed DejaVu Sans has them.
    CHECK(cov.in_main == std::vector<std::uint32_t>{kSComma});
    REQUIRE_FALSE(cov.fallbacks.empty());
    std::vector<std::uint32_t> supplied;
    for (const auto& f : cov.fallbacks) supplied.insert(supplied.end(), f.code_points.begin(), f.code_points.end());
    std::sort(supplied.begin(), supplied.end());
    CHECK(supplied == std::vector<std::uint32_t>{kAlpha, kDe, kAleph});
    CHECK(cov.missing.empty());
}

TEST_CASE("a character no installed font has is reported as missing", "[ui][fonts]") {
    auto files = find_font_files(FontFamily::Sans, nullptr);
    REQUIRE(files);
    // U+A500 is the first letter of the Vai script, which none of the fonts tools/install-deps.sh
    // installs can draw.
    const GlyphCoverage cov = plan_coverage(files->regular, {0xA500});
    CHECK(cov.missing == std::vector<std::uint32_t>{0xA500});
    const InstalledFonts installed;
    CHECK_FALSE(installed.can_draw(0xA500));
    CHECK(installed.can_draw(kAlpha));
}

TEST_CASE("every face of the atlas holds the packs' characters", "[ui][fonts]") {
    for (FontFamily family : {FontFamily::Sans, FontFamily::Dyslexic}) {
        auto files = find_font_files(family, nullptr);
        REQUIRE(files);
        const GlyphPlan plan = plan_glyphs(*files, {kAlpha, kSComma, kDe});
        Atlas a;
        FontSet set;
        std::string error;
        REQUIRE(build_fonts(a.atlas(), *files, 30.0f, set, &error, nullptr, &plan));
        for (ImFont* f : {set.body, set.bold, set.heading, set.title, set.small}) {
            CHECK(has_glyph(f, kAlpha));
            CHECK(has_glyph(f, kDe));
            CHECK(has_glyph(f, kSComma));
            CHECK(has_glyph(f, 0xFFFD));  // what a missing character is drawn as
        }
    }
}

TEST_CASE("without the packs' characters the large faces lack them (what the plan fixes)", "[ui][fonts]") {
    auto files = find_font_files(FontFamily::Sans, nullptr);
    REQUIRE(files);
    Atlas a;
    FontSet set;
    std::string error;
    REQUIRE(build_fonts(a.atlas(), *files, 30.0f, set, &error));
    CHECK_FALSE(has_glyph(set.heading, kSComma));
    CHECK_FALSE(has_glyph(set.body, kAlpha));
    CHECK(has_glyph(set.body, 'A'));
}

TEST_CASE("the fonts shipped in assets/ are found where fontconfig has none", "[ui][fonts]") {
    const std::filesystem::path assets = std::filesystem::path(UPSTANDER_SOURCE_DIR) / "assets";
    for (FontFamily family : {FontFamily::Sans, FontFamily::Dyslexic}) {
        auto files = bundled_font_files(family, assets);
        REQUIRE(files);
        CHECK(std::filesystem::is_regular_file(files->regular));
        CHECK(std::filesystem::is_regular_file(files->bold));
        CHECK(files->regular != files->bold);
        // FreeType reads them: the bundled faces carry the Latin set the kiosk always draws.
        const GlyphCoverage cov = plan_coverage(files->regular, {0x00A3, 0x0219});
        CHECK(cov.missing.empty());
        Atlas a;
        FontSet set;
        std::string error;
        CHECK(build_fonts(a.atlas(), *files, 24, set, &error));
        CHECK(error.empty());
    }
    CHECK(bundled_font_files(FontFamily::Dyslexic, assets)->regular.find("OpenDyslexic") != std::string::npos);
    CHECK_FALSE(bundled_font_files(FontFamily::Sans, std::filesystem::path(UPSTANDER_TEST_DATA_DIR) / "no-such-folder"));
    CHECK_FALSE(bundled_font_files(FontFamily::Sans, {}));
}
