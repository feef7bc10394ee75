// upstander-cards: printable answer cards, and classroom frames rendered from them for tests.
//   sheets --pdf FILE --png PREFIX [--first N --last N --per-page 1|4]
//       A4 sheets of cards, front and back aligned for double-sided printing (flip on the long
//       edge): a PDF, and/or one PNG a page at 300 dpi (PREFIX-01.png, ...).
//   scene FILE [options]
//       Test support: renders classroom frames of cards into FILE (Motion-JPEG) with the ground
//       truth in FILE.truth.json (card_scene.hpp); `upstander-bench cards FILE` reads them back.
// Exit codes: 0 done, 1 could not write, 2 usage error.

#include "cards/card_art.hpp"
#include "cards/card_scene.hpp"
#include "upstander/version.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

using namespace upstander;

int main(int argc, char** argv) {
    CLI::App app{"Upstander answer cards: print them, and render test frames of them"};
    app.set_version_flag("--version", std::string("upstander-cards ") + kVersion);
    app.require_subcommand(1);

    cards::SheetOptions sheet;
    std::string pdf, png;
    auto* sheets = app.add_subcommand("sheets", "A4 sheets of cards for double-sided printing (PDF and/or PNG at 300 dpi)");
    sheets->add_option("--first", sheet.first_card, "first card number")->capture_default_str();
    sheets->add_option("--last", sheet.last_card, "last card number")->capture_default_str();
    sheets->add_option("--per-page", sheet.per_page, "1 card a page (big rooms) or 4 (small rooms)")->capture_default_str();
    sheets->add_option("--pdf", pdf, "PDF file to write");
    sheets->add_option("--png", png, "PNG files to write: PREFIX-01.png, PREFIX-02.png, ...");

    cards::SceneOptions scene;
    std::string scene_file;
    auto* sc = app.add_subcommand("scene", "classroom frames of cards with ground truth (test support)");
    sc->add_option("file", scene_file, "Motion-JPEG file to write (truth in FILE.truth.json)")->required();
    sc->add_option("--width", scene.width)->capture_default_str();
    sc->add_option("--height", scene.height)->capture_default_str();
    sc->add_option("--cards", scene.cards, "cards in each scene")->capture_default_str();
    sc->add_option("--first", scene.first_card, "number of the first card")->capture_default_str();
    sc->add_option("--min-px", scene.min_marker_px, "smallest marker side in pixels")->capture_default_str();
    sc->add_option("--max-px", scene.max_marker_px, "largest marker side in pixels")->capture_default_str();
    sc->add_option("--max-tilt", scene.max_tilt_degrees, "largest tilt out of the plane, degrees")->capture_default_str();
    sc->add_option("--scenes", scene.scenes, "different scenes")->capture_default_str();
    sc->add_option("--hold", scene.hold, "frames each scene is held (cards move slightly)")->capture_default_str();
    sc->add_option("--turning", scene.turning, "cards in each scene that keep turning (never counted)")->capture_default_str();
    sc->add_option("--covered", scene.covered, "share of cards partly covered by a hand")->capture_default_str();
    sc->add_option("--blur", scene.max_blur_px, "longest motion blur, pixels")->capture_default_str();
    sc->add_option("--noise", scene.noise, "sensor noise, grey levels")->capture_default_str();
    sc->add_option("--answers", scene.answers, "answers used, 1 to N")->capture_default_str();
    sc->add_option("--quality", scene.jpeg_quality, "JPEG quality")->capture_default_str();
    sc->add_option("--seed", scene.seed)->capture_default_str();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    if (sheets->parsed()) {
        if (pdf.empty() && png.empty()) {
            std::fprintf(stderr, "upstander-cards sheets: give --pdf FILE and/or --png PREFIX\n");
            return 2;
        }
        if (const std::string bad = cards::check_sheet_options(sheet); !bad.empty()) {
            std::fprintf(stderr, "upstander-cards sheets: %s\n", bad.c_str());
            return 2;
        }
        if (!pdf.empty()) {
            if (auto r = cards::write_sheets_pdf(pdf, sheet); !r.ok()) {
                std::fprintf(stderr, "upstander-cards: %s\n", r.message().c_str());
                return 1;
            }
            std::printf("wrote %s\n", pdf.c_str());
        }
        if (!png.empty()) {
            auto r = cards::write_sheets_png(png, sheet);
            if (!r.ok()) {
                std::fprintf(stderr, "upstander-cards: %s\n", r.message().c_str());
                return 1;
            }
            for (const auto& f : *r) std::printf("wrote %s\n", f.c_str());
        }
        return 0;
    }
    if (auto r = cards::write_scene_video(scene_file, scene); !r.ok()) {
        std::fprintf(stderr, "upstander-cards scene: %s\n", r.message().c_str());
        return 1;
    }
    std::printf("wrote %s and %s.truth.json\n", scene_file.c_str(), scene_file.c_str());
    return 0;
}
