// Step screens drawn headless (ImGui with its default font): where their text lands.
#include "ui/screens.hpp"

#include "ui/theme.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

using namespace upstander;
using namespace upstander::ui;

TEST_CASE("a discussion step's prompts line up under each other", "[screens]") {
    ImGuiContext* imgui = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1024, 768);
    io.IniFilename = nullptr;
    ImFont* f = io.Fonts->AddFontDefault();
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    FontSet fonts;
    fonts.body = fonts.bold = fonts.heading = fonts.title = fonts.small = f;
    fonts.body_px = f->FontSize;
    Theme theme = make_theme(ThemeKind::Dark);
    TextRegistry registry;
    CommandQueue commands;
    UiContext ctx;
    ctx.registry = &registry;
    ctx.fonts = &fonts;
    ctx.theme = &theme;
    ctx.commands = &commands;
    ctx.size = ImVec2(1024, 768);

    Step step;
    step.type = StepType::Discussion;
    step.heading = "Talk about it";
    step.prompts = {"First prompt", "Second prompt", "Third prompt"};
    step.timer_seconds = 120;
    StepView view;
    view.step = &step;

    registry.begin_frame();
    io.DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    begin_root(ctx, "##test", theme.background);
    draw_step_content(ctx, view, ImVec2(20, 20), ImVec2(1004, 748));
    end_root();
    ImGui::EndFrame();

    std::vector<float> x;
    for (const char* prompt : {"First prompt", "Second prompt", "Third prompt"})
        for (const VisibleItem& item : registry.items())
            if (item.text == prompt) x.push_back(item.x0);
    INFO(registry.dump());
    REQUIRE(x.size() == 3);
    CHECK(x[1] == x[0]);  // they once moved right by one number's width each
    CHECK(x[2] == x[0]);
    ImGui::DestroyContext(imgui);
}
