// Step screens drawn headless (ImGui with its default font): where their text lands.
#include "ui/screens.hpp"

#include "imgui_fixture.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

using namespace upstander;
using namespace upstander::ui;
using upstander::ui::test::ImGuiFixture;

TEST_CASE("a discussion step's prompts line up under each other", "[screens]") {
    ImGuiFixture fx;

    Step step;
    step.type = StepType::Discussion;
    step.heading = "Talk about it";
    step.prompts = {"First prompt", "Second prompt", "Third prompt"};
    step.timer_seconds = 120;
    StepView view;
    view.step = &step;

    UiContext ctx = fx.begin_frame();
    begin_root(ctx, "##test", fx.theme.background);
    draw_step_content(ctx, view, ImVec2(20, 20), ImVec2(1004, 748));
    end_root();
    fx.end_frame();

    std::vector<float> x;
    for (const char* prompt : {"First prompt", "Second prompt", "Third prompt"})
        for (const VisibleItem& item : fx.registry.items())
            if (item.text == prompt) x.push_back(item.x0);
    INFO(fx.registry.dump());
    REQUIRE(x.size() == 3);
    CHECK(x[1] == x[0]);  // they once moved right by one number's width each
    CHECK(x[2] == x[0]);
}

TEST_CASE("pack text with ## in it is shown whole, never read as an ImGui id", "[screens]") {
    ImGuiFixture fx;
    Step step;
    step.type = StepType::Choice;
    step.heading = "What do you do?";
    step.choices.resize(2);
    step.choices[0].label = "Laugh ## and scroll on";
    step.choices[1].label = "Tell someone##1";
    StepView view;
    view.step = &step;

    UiContext ctx = fx.begin_frame();
    begin_root(ctx, "##test", fx.theme.background);
    draw_step_content(ctx, view, ImVec2(20, 20), ImVec2(1004, 748));
    end_root();
    fx.end_frame();
    INFO(fx.registry.dump());
    CHECK(fx.registry.find_clickable("1   Laugh ## and scroll on") != nullptr);  // it showed "1   Laugh"
    CHECK(fx.registry.find_clickable("2   Tell someone##1") != nullptr);
}
