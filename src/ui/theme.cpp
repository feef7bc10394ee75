#include "theme.hpp"

namespace upstander::ui {

namespace {
constexpr ImU32 rgb(unsigned v) { return IM_COL32((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF, 0xFF); }
ImVec4 vec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
}  // namespace

Theme make_theme(ThemeKind kind) {
    Theme t;
    t.kind = kind;
    if (kind == ThemeKind::Dark) {
        t.background = rgb(0x0B0F14);
        t.text = rgb(0xFFFFFF);
        t.text_muted = rgb(0xC8CED6);
        t.accent = rgb(0xFFD24D);
        t.panel = rgb(0x1A2230);
        t.panel_border = rgb(0x8FA3BF);
        t.button = rgb(0x1F4E8C);
        t.button_hovered = rgb(0x2A64B0);
        t.button_active = rgb(0x3B7DD8);
        t.button_text = rgb(0xFFFFFF);
        t.warning_bg = rgb(0xFFD24D);
        t.warning_text = rgb(0x0B0C0C);
        t.calm_bg = rgb(0x23395B);
    } else {
        t.background = rgb(0xFFFFFF);
        t.text = rgb(0x0B0C0C);
        t.text_muted = rgb(0x383F48);
        t.accent = rgb(0x0B4F9C);
        t.panel = rgb(0xF0F3F7);
        t.panel_border = rgb(0x505A66);
        t.button = rgb(0x0B4F9C);
        t.button_hovered = rgb(0x0D5FBB);
        t.button_active = rgb(0x08396F);
        t.button_text = rgb(0xFFFFFF);
        t.warning_bg = rgb(0xFFDD00);
        t.warning_text = rgb(0x0B0C0C);
        t.calm_bg = rgb(0xDCE8F5);
    }
    return t;
}

ThemeKind theme_from_name(std::string_view name) { return name == "light" ? ThemeKind::Light : ThemeKind::Dark; }
const char* to_string(ThemeKind k) { return k == ThemeKind::Light ? "light" : "dark"; }

void apply_style(const Theme& t, float body_px, ImGuiStyle& style) {
    style = ImGuiStyle();
    const float u = body_px / 30.0f;  // 1.0 at 720p
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.WindowRounding = 0;
    style.FramePadding = ImVec2(14 * u, 10 * u);
    style.FrameRounding = 8 * u;
    style.FrameBorderSize = 2 * u;
    style.ItemSpacing = ImVec2(14 * u, 12 * u);
    style.ItemInnerSpacing = ImVec2(10 * u, 8 * u);
    style.ScrollbarSize = 18 * u;
    style.ScrollbarRounding = 9 * u;
    style.GrabMinSize = 20 * u;
    style.PopupRounding = 8 * u;
    style.PopupBorderSize = 2 * u;
    style.ChildRounding = 10 * u;
    style.ChildBorderSize = 2 * u;
    style.AntiAliasedLines = true;
    style.AntiAliasedFill = true;

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = vec(t.text);
    c[ImGuiCol_TextDisabled] = vec(t.text_muted);
    c[ImGuiCol_WindowBg] = vec(t.background);
    c[ImGuiCol_ChildBg] = vec(t.panel);
    c[ImGuiCol_PopupBg] = vec(t.panel);
    c[ImGuiCol_Border] = vec(t.panel_border);
    c[ImGuiCol_FrameBg] = vec(t.panel);
    c[ImGuiCol_FrameBgHovered] = vec(t.panel);
    c[ImGuiCol_FrameBgActive] = vec(t.panel);
    c[ImGuiCol_Button] = vec(t.button);
    c[ImGuiCol_ButtonHovered] = vec(t.button_hovered);
    c[ImGuiCol_ButtonActive] = vec(t.button_active);
    c[ImGuiCol_Header] = vec(t.button);
    c[ImGuiCol_HeaderHovered] = vec(t.button_hovered);
    c[ImGuiCol_HeaderActive] = vec(t.button_active);
    c[ImGuiCol_CheckMark] = vec(t.accent);
    c[ImGuiCol_SliderGrab] = vec(t.accent);
    c[ImGuiCol_SliderGrabActive] = vec(t.accent);
    c[ImGuiCol_ScrollbarBg] = vec(t.background);
    c[ImGuiCol_ScrollbarGrab] = vec(t.panel_border);
    c[ImGuiCol_ScrollbarGrabHovered] = vec(t.accent);
    c[ImGuiCol_ScrollbarGrabActive] = vec(t.accent);
    c[ImGuiCol_NavHighlight] = vec(t.accent);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.6f);
    c[ImGuiCol_TextSelectedBg] = ImVec4(vec(t.accent).x, vec(t.accent).y, vec(t.accent).z, 0.35f);
}

ImU32 okabe_ito(int index) {
    // Okabe, M. and Ito, K. (2008) Color Universal Design. Black is left out (it is a background colour here).
    static const ImU32 palette[kOkabeItoCount] = {
        rgb(0xE69F00),  // orange
        rgb(0x56B4E9),  // sky blue
        rgb(0x009E73),  // bluish green
        rgb(0xF0E442),  // yellow
        rgb(0x0072B2),  // blue
        rgb(0xD55E00),  // vermillion
        rgb(0xCC79A7),  // reddish purple
        rgb(0x999999),  // grey
    };
    if (index < 0) index = -index;
    return palette[index % kOkabeItoCount];
}

}  // namespace upstander::ui
