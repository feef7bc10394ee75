#pragma once
// One SDL window with its own renderer, Dear ImGui context, fonts and visible-text registry
// (docs/design.md §2.2). Input reaches ImGui through this struct's own queue, routed by window id, instead
// of the stock SDL2 platform backend: that backend reads global mouse state, which breaks with several
// windows and with the synthetic input of headless scripts.

#include "ui/fonts.hpp"
#include "ui/text_registry.hpp"
#include "ui/theme.hpp"

#include <SDL.h>

#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct ImGuiContext;

namespace upstander::app {

enum class WindowRole { Projector, Presenter, Booth };
const char* to_string(WindowRole r);

struct WindowSpec {
    WindowRole role = WindowRole::Projector;
    std::string title;
    int width = 1280;
    int height = 720;
    int display = -1;          // -1: let SDL choose
    bool fullscreen = false;   // fullscreen on the desktop's resolution
    bool headless = false;     // software renderer on the offscreen/dummy driver
    bool resizable = true;
};

struct FontChoice {
    ui::FontFiles files;
    float text_scale = 1.0f;
    std::shared_ptr<const ui::GlyphPlan> glyphs;  // the packs' characters beyond Latin; null: none
    bool operator==(const FontChoice& o) const {
        const bool same_glyphs = glyphs == o.glyphs || (glyphs && o.glyphs && *glyphs == *o.glyphs);
        return files.regular == o.files.regular && files.bold == o.files.bold && text_scale == o.text_scale &&
               same_glyphs;
    }
};

class AppWindow {
public:
    // The characters of `text` that some face of this window's fonts has no glyph for, as
    // "U+03B1, U+0434" (empty when every face can draw all of it). For headless checks.
    std::string missing_glyphs(std::string_view text) const;
    // Returns nullptr and sets `error` when SDL cannot make the window or renderer.
    static std::unique_ptr<AppWindow> create(const WindowSpec& spec, std::string* error);
    ~AppWindow();
    AppWindow(const AppWindow&) = delete;
    AppWindow& operator=(const AppWindow&) = delete;

    WindowRole role() const { return role_; }
    // True once the window shows the app icon (assets/icons, installed in share/upstander/icons).
    bool has_icon() const { return has_icon_; }
    void set_role(WindowRole r) { role_ = r; }
    Uint32 id() const { return id_; }
    SDL_Window* sdl_window() const { return window_; }
    SDL_Renderer* renderer() const { return renderer_; }
    ImGuiContext* imgui() const { return imgui_; }
    ui::TextRegistry& registry() { return registry_; }
    const ui::TextRegistry& registry() const { return registry_; }
    const ui::FontSet& fonts() const { return fonts_; }
    // The miniature faces, built for presenter windows only (nullptr otherwise).
    const ui::FontSet* mini_fonts() const { return built_mini_ ? &mini_fonts_ : nullptr; }
    int width() const { return width_; }
    int height() const { return height_; }

    // Input routed to this window (already filtered by window id). Applied a little at a time in
    // begin_frame so that a press and a release never land in the same ImGui frame.
    void queue_input(const SDL_Event& e) { input_.push_back(e); }
    bool input_pending() const { return !input_.empty(); }
    bool wants_text_input() const { return wants_text_input_; }
    // Forgets the mouse position so no widget shows as hovered (after a vote on a touchscreen).
    void clear_hover();

    // Makes this window's ImGui context current, rebuilds fonts when the size or choice changed,
    // applies queued input and starts an ImGui frame. Returns false with `error` set if fonts fail.
    bool begin_frame(const FontChoice& fonts, const ui::Theme& theme, double dt, std::string* error);
    // Renders the ImGui frame. When `capture` is non-empty, saves a PNG of the frame there first.
    // Returns false (with `error`) only when the capture fails.
    bool end_frame(const ui::Theme& theme, const std::filesystem::path& capture, std::string* error);

    void set_fullscreen(bool on);
    void set_keyboard_grab(bool on);

private:
    AppWindow() = default;
    void apply_input();
    void update_size();

    WindowRole role_ = WindowRole::Projector;
    SDL_Window* window_ = nullptr;        // owned
    SDL_Renderer* renderer_ = nullptr;    // owned
    ImGuiContext* imgui_ = nullptr;       // owned
    Uint32 id_ = 0;
    int width_ = 0, height_ = 0;          // renderer output size in pixels
    std::deque<SDL_Event> input_;
    bool wants_text_input_ = false;
    ui::TextRegistry registry_;
    ui::FontSet fonts_;
    ui::FontSet mini_fonts_;
    bool built_mini_ = false;
    bool has_icon_ = false;
    FontChoice built_fonts_;
    int built_height_ = 0;
    ui::ThemeKind built_theme_ = ui::ThemeKind::Dark;
    bool style_applied_ = false;
};

// Writes RGBA pixels as a PNG (stb_image_write). Returns false with a message on failure.
bool write_png(const std::filesystem::path& path, int width, int height, const void* rgba, std::string* error);

}  // namespace upstander::app
