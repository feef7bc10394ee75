#include "app/window_plan.hpp"

#include <catch2/catch.hpp>

using namespace upstander::app;

namespace {
int display_of(const WindowPlan& p, WindowRole r) {
    for (const auto& w : p.windows)
        if (w.role == r) return w.display;
    return -100;  // no such window
}
}  // namespace

TEST_CASE("window plan: one display gives one window", "[windows]") {
    const WindowPlan p = plan_windows(1, std::nullopt, std::nullopt, std::nullopt, false);
    REQUIRE(p.windows.size() == 1);
    CHECK(p.windows[0].role == WindowRole::Projector);
    CHECK(p.notes.empty());
}

TEST_CASE("window plan: two displays put the presenter on the primary and the projector on the other", "[windows]") {
    const WindowPlan p = plan_windows(2, std::nullopt, std::nullopt, std::nullopt, false);
    REQUIRE(p.windows.size() == 2);
    CHECK(display_of(p, WindowRole::Presenter) == 0);
    CHECK(display_of(p, WindowRole::Projector) == 1);
}

TEST_CASE("window plan: explicit choices are honoured", "[windows]") {
    const WindowPlan p = plan_windows(3, 0, 2, 1, false);
    CHECK(display_of(p, WindowRole::Projector) == 0);
    CHECK(display_of(p, WindowRole::Presenter) == 2);
    CHECK(display_of(p, WindowRole::Booth) == 1);
    CHECK(p.notes.empty());
}

TEST_CASE("window plan: the presenter never shares the projector's display", "[windows]") {
    // Same display asked for both.
    WindowPlan p = plan_windows(2, 1, 1, std::nullopt, false);
    CHECK(display_of(p, WindowRole::Presenter) == -100);
    CHECK(display_of(p, WindowRole::Projector) == 1);
    CHECK_FALSE(p.notes.empty());
    // Two displays, the booth takes the second: no room for a separate projector, so one window.
    p = plan_windows(2, std::nullopt, std::nullopt, 1, false);
    CHECK(display_of(p, WindowRole::Presenter) == -100);
    CHECK(display_of(p, WindowRole::Projector) == 0);
    CHECK(display_of(p, WindowRole::Booth) == 1);
    // Presenter chosen on the only display.
    p = plan_windows(1, std::nullopt, 0, std::nullopt, false);
    CHECK(display_of(p, WindowRole::Presenter) == -100);
}

TEST_CASE("window plan: impossible display numbers fall back with a note", "[windows]") {
    const WindowPlan p = plan_windows(2, 5, std::nullopt, 7, false);
    CHECK(p.notes.size() == 2);
    CHECK(display_of(p, WindowRole::Presenter) == 0);
    CHECK(display_of(p, WindowRole::Projector) == 1);
    CHECK(display_of(p, WindowRole::Booth) == -100);
}

TEST_CASE("window plan: the booth never covers the projector", "[windows]") {
    const WindowPlan p = plan_windows(1, std::nullopt, std::nullopt, 0, false);
    CHECK(display_of(p, WindowRole::Booth) == -100);
    CHECK(display_of(p, WindowRole::Projector) == -1);
    CHECK_FALSE(p.notes.empty());
}

TEST_CASE("window plan: more booths go on free displays only", "[windows]") {
    WindowPlan p = plan_windows(4, 0, 1, 2, false);
    add_more_booths(p, 4, {3, 1, 7});
    int booths = 0;
    for (const auto& w : p.windows) booths += w.role == WindowRole::Booth ? 1 : 0;
    CHECK(booths == 2);
    CHECK(p.windows.back().display == 3);
    CHECK(p.notes.size() == 2);  // display 1 is the presenter's; there is no display 7
}
