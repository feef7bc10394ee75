#pragma once
// An ImGui context with its default font, a theme, a text registry and a command queue, for drawing
// UI code headless in unit tests (no window, no renderer). Header-only.

#include "ui/fonts.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

namespace upstander::ui::test {

struct ImGuiFixture {
    ImGuiContext* imgui = ImGui::CreateContext();
    FontSet fonts;
    Theme theme = make_theme(ThemeKind::Dark);
    TextRegistry registry;
    CommandQueue commands;
    static constexpr float kWidth = 1024, kHeight = 768;

    ImGuiFixture() {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(kWidth, kHeight);
        io.IniFilename = nullptr;
        ImFont* f = io.Fonts->AddFontDefault();
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        fonts.body = fonts.bold = fonts.heading = fonts.title = fonts.small = f;
        fonts.body_px = f->FontSize;
    }
    ~ImGuiFixture() { ImGui::DestroyContext(imgui); }
    ImGuiFixture(const ImGuiFixture&) = delete;
    ImGuiFixture& operator=(const ImGuiFixture&) = delete;

    // Starts a frame (and clears the registry); the caller draws, then calls end_frame().
    UiContext begin_frame() {
        registry.begin_frame();
        attach_imgui_clip(registry);
        ImGui::GetIO().DeltaTime = 1.0f / 60;
        ImGui::NewFrame();
        UiContext ctx;
        ctx.registry = &registry;
        ctx.fonts = &fonts;
        ctx.theme = &theme;
        ctx.commands = &commands;
        ctx.size = ImVec2(kWidth, kHeight);
        return ctx;
    }
    void end_frame() { ImGui::EndFrame(); }
};

}  // namespace upstander::ui::test
