// Step screens drawn headless (ImGui with its default font): where their text lands.
#include "ui/screens.hpp"

#include "imgui_fixture.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <algorithm>
#include <string>

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

TEST_CASE("a card's long title wraps onto two lines inside the card instead of being cut off", "[screens]") {
    ImGuiFixture fx;
    const std::string title = "Step Up one-to-one: young people (three sessions)";
    const std::string detail = "Under 18s";
    const ImVec2 at(40, 40), size(260, 90);
    ImGui::GetStyle().AntiAliasedLinesUseTex = false;  // the card's border then uses the white pixel too

    UiContext ctx = fx.begin_frame();
    begin_root(ctx, "##test", fx.theme.background);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int before = dl->VtxBuffer.Size;
    ImGui::SetCursorScreenPos(at);
    card_button(ctx, "##card", title, detail, size);
    // Glyphs are the quads textured from the font atlas; the card's panel uses its white pixel.
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    int glyph_vertices = 0;
    float x_max = 0, y_min = 1e9f, y_max = 0;
    for (int i = before; i < dl->VtxBuffer.Size; ++i) {
        const ImDrawVert& v = dl->VtxBuffer[i];
        if (v.uv.x == white.x && v.uv.y == white.y) continue;
        ++glyph_vertices;
        x_max = std::max(x_max, v.pos.x);
        y_min = std::min(y_min, v.pos.y);
        y_max = std::max(y_max, v.pos.y);
    }
    end_root();
    fx.end_frame();

    const auto inked = [](const std::string& s) { return static_cast<int>(s.size() - std::count(s.begin(), s.end(), ' ')); };
    CHECK(glyph_vertices == 4 * (inked(title) + inked(detail)));  // every letter drawn (a clipped title lost its end)
    CHECK(x_max <= at.x + size.x - 20.0f + 1.0f);                  // inside the card's padding
    CHECK(y_min >= at.y);
    CHECK(y_max <= at.y + size.y);
    CHECK(y_max - y_min > 2.5f * fx.fonts.bold->FontSize);         // two title lines and the detail
}
