#pragma once
// The setup screen's "School or group" row: a field for a name typed once, and buttons for the ones
// this kiosk remembers (never people's names).

#include "screens.hpp"

namespace upstander::ui {

// Draws the row at y (name column `name_w` wide, controls `control` sized); returns the y below it.
float draw_organisation_row(UiContext& ctx, SetupForm& form, float x, float y, float name_w, ImVec2 control, float row_gap);

}  // namespace upstander::ui
