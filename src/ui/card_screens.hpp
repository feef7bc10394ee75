#pragma once
// The answer-card scan on a poll step (projector): which number is which answer, how to hold the
// card, "Cards seen: 27" and a grid of card numbers with a tick for each card read. Never an
// answer: the grid says only that a card was read, and it looks the same whatever the card shows.

#include "widgets.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace upstander {
struct PollView;
}

namespace upstander::ui {

struct CardScanView {
    bool active = false;
    int seen = 0;                 // cards read in this scan (counted when the scan stops)
    int already_counted = 0;      // cards counted by an earlier scan of this poll
    int grid_size = 30;           // card numbers 1..grid_size are shown
    std::vector<char> ticked;     // per card number - 1: read in this scan or counted before
    std::string camera_problem;   // the camera failed or is missing (shown on the presenter)
};

// Draws the scan inside [min, max] in place of the poll's buttons.
void draw_card_scan(UiContext& ctx, const PollView& poll, const CardScanView& view, ImVec2 min, ImVec2 max);

}  // namespace upstander::ui
