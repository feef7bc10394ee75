#include "card_art.hpp"

#include "card_detector.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <cmath>
#include <cstdio>
#include <numbers>

namespace upstander::cards {

namespace {

constexpr double kA4Width = 595.276;   // points
constexpr double kA4Height = 841.890;
constexpr double kPngDpi = 300.0;

void centred_text(cairo_t* cr, const std::string& text, double cx, double baseline) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, text.c_str(), &e);
    cairo_move_to(cr, cx - (e.width / 2 + e.x_bearing), baseline);
    cairo_show_text(cr, text.c_str());
}

void font(cairo_t* cr, bool bold, double size) {
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

// The band along the top edge of a card of `size`, drawn for answer `answer` (0: no answer on
// this edge). The caller rotates the card so that the edge in question is at the top.
void draw_edge_band(cairo_t* cr, int card, CardSide side, int answer, double size) {
    const double band = size * 0.2;
    const double cx = size / 2;
    cairo_set_source_rgb(cr, 0, 0, 0);
    if (answer > 0) {
        font(cr, true, band * 0.62);
        centred_text(cr, std::to_string(answer), cx, band * 0.62);
        font(cr, false, band * 0.12);
        centred_text(cr, "Answer " + std::to_string(answer) + ": hold this edge at the top", cx, band * 0.78);
        if (side == CardSide::Front) centred_text(cr, "For 5 or 6, turn the card over", cx, band * 0.93);
    } else {
        font(cr, false, band * 0.13);
        centred_text(cr, "Turn the card over for answers 1 to 4", cx, band * 0.45);
        centred_text(cr, "Hold your answer at the top", cx, band * 0.65);
    }
    // The card number in the top left corner of every edge, so it is on all four corners.
    font(cr, true, band * 0.2);
    cairo_move_to(cr, band * 0.18, band * 0.32);
    cairo_show_text(cr, ("Card " + std::to_string(card)).c_str());
}

}  // namespace

void draw_marker(cairo_t* cr, int tag_id, double size) {
    const MarkerPattern m = marker_pattern(tag_id);
    if (m.side == 0) return;
    const double module = size / m.side;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, 0, size, size);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    // Runs of black modules in a row as one rectangle, so no hairline seams show between them.
    for (int y = 0; y < m.side; ++y) {
        int x = 0;
        while (x < m.side) {
            if (!m.black[static_cast<std::size_t>(y * m.side + x)]) {
                ++x;
                continue;
            }
            int end = x;
            while (end < m.side && m.black[static_cast<std::size_t>(y * m.side + end)]) ++end;
            cairo_rectangle(cr, x * module, y * module, (end - x) * module, module);
            x = end;
        }
    }
    cairo_fill(cr);
    cairo_restore(cr);
}

void draw_card_face(cairo_t* cr, int card, CardSide side, double size) {
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, 0, size, size);
    cairo_fill(cr);
    // A thin grey cutting line.
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, size * 0.002);
    cairo_rectangle(cr, 0, 0, size, size);
    cairo_stroke(cr);
    const double band = size * 0.2;
    const double marker = size - 2 * band;
    cairo_save(cr);
    cairo_translate(cr, band, band);
    draw_marker(cr, side == CardSide::Front ? front_tag_id(card) : back_tag_id(card), marker);
    cairo_restore(cr);
    for (int edge = 0; edge < 4; ++edge) {
        cairo_save(cr);
        // Each band is drawn as if at the top, then turned clockwise onto its edge, so it reads
        // upright when the card is turned to bring that edge to the top.
        cairo_translate(cr, size / 2, size / 2);
        cairo_rotate(cr, edge * std::numbers::pi / 2);
        cairo_translate(cr, -size / 2, -size / 2);
        draw_edge_band(cr, card, side, answer_on_edge(side, edge), size);
        cairo_restore(cr);
    }
    cairo_restore(cr);
}

std::string check_sheet_options(const SheetOptions& o) {
    if (o.per_page != 1 && o.per_page != 4) return "cards per page must be 1 or 4";
    if (o.first_card < 1 || o.last_card > kMaxCards || o.first_card > o.last_card)
        return "cards must be numbered from 1 to " + std::to_string(kMaxCards) + ", first no higher than last";
    return {};
}

namespace {

int page_count(const SheetOptions& o) {
    const int cards = o.last_card - o.first_card + 1;
    return 2 * ((cards + o.per_page - 1) / o.per_page);  // front and back of each sheet
}

// Draws page `page` (0-based; even pages are fronts, odd pages their backs) in points.
void draw_page(cairo_t* cr, const SheetOptions& o, int page) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    const int sheet = page / 2;
    const bool back = page % 2 == 1;
    const int columns = o.per_page == 1 ? 1 : 2;
    const double margin = 36;
    const double gap = 24;
    const double size = (kA4Width - 2 * margin - (columns - 1) * gap) / columns;
    const double top = (kA4Height - (columns * size + (columns - 1) * gap)) / 2;
    for (int i = 0; i < o.per_page; ++i) {
        const int card = o.first_card + sheet * o.per_page + i;
        if (card > o.last_card) break;
        const int row = i / columns;
        int col = i % columns;
        if (back) col = columns - 1 - col;  // long-edge flip mirrors the columns
        cairo_save(cr);
        cairo_translate(cr, margin + col * (size + gap), top + row * (size + gap));
        draw_card_face(cr, card, back ? CardSide::Back : CardSide::Front, size);
        cairo_restore(cr);
    }
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    font(cr, false, 9);
    const std::string footer = std::string(back ? "Back" : "Front") +
                               " - Upstander answer cards - print double-sided, flip on the long edge, "
                               "actual size - shuffle the cards before handing them out";
    centred_text(cr, footer, kA4Width / 2, kA4Height - 20);
}

}  // namespace

Result<void> write_sheets_pdf(const std::filesystem::path& file, const SheetOptions& o) {
    if (const std::string bad = check_sheet_options(o); !bad.empty()) return Error{bad};
    cairo_surface_t* surface = cairo_pdf_surface_create(file.c_str(), kA4Width, kA4Height);
    cairo_t* cr = cairo_create(surface);
    for (int page = 0; page < page_count(o); ++page) {
        draw_page(cr, o, page);
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        return Error{"could not write " + file.string() + ": " + cairo_status_to_string(status)};
    return {};
}

Result<std::vector<std::filesystem::path>> write_sheets_png(const std::filesystem::path& prefix,
                                                            const SheetOptions& o) {
    if (const std::string bad = check_sheet_options(o); !bad.empty()) return Error{bad};
    const int w = static_cast<int>(std::lround(kA4Width / 72.0 * kPngDpi));
    const int h = static_cast<int>(std::lround(kA4Height / 72.0 * kPngDpi));
    std::vector<std::filesystem::path> files;
    for (int page = 0; page < page_count(o); ++page) {
        cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        cairo_t* cr = cairo_create(surface);
        cairo_scale(cr, kPngDpi / 72.0, kPngDpi / 72.0);
        draw_page(cr, o, page);
        cairo_destroy(cr);
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "-%02d.png", page + 1);
        const std::filesystem::path file = prefix.string() + suffix;
        const cairo_status_t status = cairo_surface_write_to_png(surface, file.c_str());
        cairo_surface_destroy(surface);
        if (status != CAIRO_STATUS_SUCCESS)
            return Error{"could not write " + file.string() + ": " + cairo_status_to_string(status)};
        files.push_back(file);
    }
    return files;
}

}  // namespace upstander::cards
