#pragma once
// High-contrast colour themes and the Okabe–Ito colour-blind-safe palette for charts.

#include <imgui.h>

#include <string_view>

namespace upstander::ui {

enum class ThemeKind { Dark, Light };

struct Theme {
    ThemeKind kind = ThemeKind::Dark;
    ImU32 background = 0;
    ImU32 text = 0;
    ImU32 text_muted = 0;      // still >= 7:1 contrast against background
    ImU32 accent = 0;          // headings, focus rings
    ImU32 panel = 0;           // cards, overlays
    ImU32 panel_border = 0;
    ImU32 button = 0;
    ImU32 button_hovered = 0;
    ImU32 button_active = 0;
    ImU32 button_text = 0;
    ImU32 warning_bg = 0;      // banners (disk full, content problems)
    ImU32 warning_text = 0;
    ImU32 calm_bg = 0;         // the calm screen
};

Theme make_theme(ThemeKind kind);
ThemeKind theme_from_name(std::string_view name);  // "light" -> Light, anything else -> Dark
const char* to_string(ThemeKind k);

// Applies the theme and sizes (scaled from the body font size) to an ImGui style.
void apply_style(const Theme& theme, float body_px, ImGuiStyle& style);

// Okabe & Ito (2008) palette, colour-blind safe. Index wraps.
ImU32 okabe_ito(int index);
inline constexpr int kOkabeItoCount = 8;

}  // namespace upstander::ui
