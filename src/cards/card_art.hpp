#pragma once
// Drawing answer cards with cairo: one face of a card, and A4 sheets of cards for printing
// (PDF, and PNG at 300 dpi). The design is core/card_scan.hpp's; the card explains itself.

#include "core/card_scan.hpp"
#include "core/error.hpp"

#include <filesystem>
#include <string>
#include <vector>

typedef struct _cairo cairo_t;

namespace upstander::cards {

// Draws one face of `card` with its top left corner at the current origin, `size` units square
// (cairo user units). White background, the marker in the middle, the answer of each edge
// along it (upright when that edge is at the top), the card number and the instructions.
void draw_card_face(cairo_t* cr, int card, CardSide side, double size);

// The marker alone, `size` units square including its white outer ring.
void draw_marker(cairo_t* cr, int tag_id, double size);

struct SheetOptions {
    int first_card = 1;
    int last_card = 30;
    int per_page = 4;  // 1 (big rooms) or 4 (small rooms)
};

// Each sheet is a front page followed by its back page, laid out for double-sided printing
// flipped on the long edge: the back of the card at column c is at column (columns - 1 - c).
Result<void> write_sheets_pdf(const std::filesystem::path& file, const SheetOptions& options);
// One PNG per page at 300 dpi: <prefix>-01.png, <prefix>-02.png, ...; returns the files written.
Result<std::vector<std::filesystem::path>> write_sheets_png(const std::filesystem::path& prefix,
                                                            const SheetOptions& options);
std::string check_sheet_options(const SheetOptions& options);  // empty when fine, else the message

}  // namespace upstander::cards
