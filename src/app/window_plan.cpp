#include "window_plan.hpp"

#include <algorithm>
#include <initializer_list>
#include <string>

namespace upstander::app {

WindowPlan plan_windows(int displays, std::optional<int> projector, std::optional<int> presenter,
                        std::optional<int> booth, bool windowed) {
    WindowPlan plan;
    auto valid = [&](std::optional<int>& d, const char* what) {
        if (d && (*d < 0 || *d >= displays)) {
            plan.notes.push_back("there is no display " + std::to_string(*d) + " for the " + what +
                                 " (this computer has " + std::to_string(displays) + "); choosing automatically");
            d.reset();
        }
    };
    valid(projector, "projector");
    valid(presenter, "presenter");
    valid(booth, "booth");
    auto free_display = [&](std::initializer_list<std::optional<int>> taken) -> std::optional<int> {
        for (int d = 0; d < displays; ++d) {
            bool used = false;
            for (const auto& t : taken) used = used || (t && *t == d);
            if (!used) return d;
        }
        return std::nullopt;
    };
    const bool chose_screens = projector || presenter;
    if (!projector && !presenter && displays >= 2) {
        presenter = 0;
        projector = free_display({presenter, booth});
    } else if (presenter && !projector) {
        projector = free_display({presenter, booth});
    } else if (projector && !presenter && displays >= 2 && !windowed) {
        presenter = free_display({projector, booth});
    }
    if (presenter && (!projector || *presenter == *projector)) {
        // No display of its own for the projector: one window, so the presenter view is never shown
        // to the class. (A windowed editor run with an explicit presenter choice still gets its window.)
        if (chose_screens)
            plan.notes.push_back("the projector and the presenter need different displays; using one window");
        presenter.reset();
        if (!projector) projector = free_display({booth});
    }
    if (booth && *booth == projector.value_or(0)) {  // unplaced windows open on display 0
        plan.notes.push_back("the booth cannot share the projector's display; no booth window");
        booth.reset();
    }
    plan.windows.push_back({WindowRole::Projector, projector.value_or(-1)});
    if (presenter) plan.windows.push_back({WindowRole::Presenter, *presenter});
    if (booth) plan.windows.push_back({WindowRole::Booth, *booth});
    return plan;
}

void add_more_booths(WindowPlan& plan, int displays, const std::vector<int>& more) {
    for (int d : more) {
        const int booths = static_cast<int>(std::count_if(plan.windows.begin(), plan.windows.end(),
                                                          [](const PlannedWindow& w) { return w.role == WindowRole::Booth; }));
        const bool used = std::any_of(plan.windows.begin(), plan.windows.end(),
                                      [&](const PlannedWindow& w) { return std::max(w.display, 0) == d; });
        if (d < 0 || d >= displays) {
            plan.notes.push_back("there is no display " + std::to_string(d) + " for another booth; no window for it");
        } else if (used) {
            plan.notes.push_back("display " + std::to_string(d) + " already has a window; no second booth there");
        } else if (booths >= 4) {
            plan.notes.push_back("at most 4 booth windows; no booth on display " + std::to_string(d));
        } else {
            plan.windows.push_back({WindowRole::Booth, d});
        }
    }
}

}  // namespace upstander::app
