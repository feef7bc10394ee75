#pragma once
// Which windows to open on which displays. Pure logic (no SDL), so every layout has a unit test.
// The rule that matters most: never put the presenter view on the projector by accident. With two
// displays and no choices the presenter goes on the primary display (the laptop) and the projector on
// the other; when the projector cannot have a display of its own, everything goes in one window.

#include "window.hpp"

#include <optional>
#include <string>
#include <vector>

namespace upstander::app {

struct PlannedWindow {
    WindowRole role = WindowRole::Projector;
    int display = -1;  // -1: SDL's default (the primary display)
};

struct WindowPlan {
    std::vector<PlannedWindow> windows;  // the projector first
    std::vector<std::string> notes;      // choices that could not be honoured, for the log
};

WindowPlan plan_windows(int displays, std::optional<int> projector, std::optional<int> presenter,
                        std::optional<int> booth, bool windowed);
// More booth windows, one on each display listed that exists and that no other window of the plan
// uses (at most 4 booths in all); the others are noted and left out.
void add_more_booths(WindowPlan& plan, int displays, const std::vector<int>& more);

}  // namespace upstander::app
