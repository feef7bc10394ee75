#pragma once
// Drawing helpers that also record what they draw in the window's TextRegistry, so headless scripts
// can find text and click buttons. Every visible string in the UI goes through these.

#include "commands.hpp"
#include "core/content.hpp"
#include "fonts.hpp"
#include "text_registry.hpp"
#include "theme.hpp"

#include <imgui.h>

#include <string_view>

namespace upstander::ui {

// Everything a screen needs to draw one frame of one window.
struct UiContext {
    TextRegistry* registry = nullptr;
    const FontSet* fonts = nullptr;
    const FontSet* mini_fonts = nullptr;  // presenter windows: the faces for miniatures of a step
    const Theme* theme = nullptr;
    CommandQueue* commands = nullptr;
    ImVec2 size{0, 0};     // window size in pixels
    float u = 1.0f;        // layout unit: body_px / 30 (1.0 at 720p)
    double now = 0.0;      // seconds, monotonic (for timers and animation)

    void push(CommandType t, int index = -1, std::string text = {}) const {
        commands->push_back(Command{t, index, std::move(text)});
    }
};

// Makes `registry` record what ImGui really shows: each item is clipped to the current window's
// clip rectangle (scrolled-away rows and text past a window's edge are not "visible").
void attach_imgui_clip(TextRegistry& registry);

// Begins a borderless full-window ImGui window; returns its draw list.
ImDrawList* begin_root(UiContext& ctx, const char* id, ImU32 background);
void end_root();

// Text at an absolute position; returns its size.
ImVec2 text_at(UiContext& ctx, ImFont* font, ImVec2 pos, std::string_view text, ImU32 color);
// Text centred horizontally in [x0, x1] at y; returns its size.
ImVec2 text_centered(UiContext& ctx, ImFont* font, float x0, float x1, float y, std::string_view text, ImU32 color);
// Word-wrapped text at the ImGui cursor (advances it); returns the height used.
float text_wrapped(UiContext& ctx, ImFont* font, std::string_view text, float width, ImU32 color, float font_size = 0);
// Word-wrapped text centred on each line in [x0, x0 + width] starting at y; returns the height used.
float text_wrapped_centered(UiContext& ctx, ImFont* font, float x0, float width, float y, std::string_view text,
                            ImU32 color, float font_size = 0);
// Measures wrapped text without drawing.
ImVec2 measure_wrapped(ImFont* font, std::string_view text, float width, float font_size = 0);
// The largest size, from the font's own down to min_scale of it, at which `text` wrapped to `width`
// is at most `max_height` tall (a long pack title or question shrinks instead of pushing the
// rest off the screen).
float fitting_font_size(ImFont* font, std::string_view text, float width, float max_height, float min_scale = 0.45f);

// Paragraphs, bullets and bold spans at the ImGui cursor (advances it); returns the height used.
float rich_text(UiContext& ctx, const RichText& text, float width, float font_size = 0);

// The text a "Text##id" label shows (everything before the first "##").
std::string_view visible_label(const char* label);
// A button that records its label (the part before "##") as clickable.
bool button(UiContext& ctx, const char* label, ImVec2 size, ImFont* font = nullptr, bool enabled = true);
// A button whose text is shown exactly as given (pack text may hold "##"), with a separate ImGui id.
bool text_button(UiContext& ctx, std::string_view text, std::string_view id, ImVec2 size, ImFont* font = nullptr,
                 bool enabled = true);
// A button at an absolute position.
bool button_at(UiContext& ctx, const char* label, ImVec2 pos, ImVec2 size, ImFont* font = nullptr, bool enabled = true);

// A large two-line card button (title + detail), e.g. a workshop on the title screen. The title is
// recorded as the clickable label.
bool card_button(UiContext& ctx, const char* id, std::string_view title, std::string_view detail, ImVec2 size);

// Vertical space at the ImGui cursor, keeping its left edge (ImGui::Dummy would reset it).
void vspace(float pixels);

// A rounded panel rectangle with a border.
void panel(UiContext& ctx, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border);

// "3:05", or "1:02:03" from an hour on.
std::string format_hms(long whole_seconds);
// "3:05" from seconds (rounded up so a countdown shows 0:00 only at the end).
std::string format_clock(double seconds);

}  // namespace upstander::ui
