#include "window.hpp"

#include "core/atomic_file.hpp"
#include "core/install_paths.hpp"
#include "core/platform_files.hpp"
#include "core/pack_text.hpp"
#include "core/utf8.hpp"
#include "media/image_file.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image_write.h>

#include <cfloat>
#include <cstring>
#include <iostream>
#include <vector>

namespace upstander::app {

const char* to_string(WindowRole r) {
    switch (r) {
        case WindowRole::Projector: return "projector";
        case WindowRole::Presenter: return "presenter";
        case WindowRole::Booth: return "booth";
    }
    return "?";
}

// [SECTION] Creation and destruction

namespace {

// The app icon (64 px: window managers scale it for title bars and task switchers), decoded once.
const media::DecodedImage& app_icon() {
    static const media::DecodedImage icon = [] {
        const std::filesystem::path assets = bundled_assets_dir();
        const std::filesystem::path file = assets / "icons" / "hicolor" / "64" / "upstander.png";
        media::DecodedImage img;
        if (assets.empty()) {
            img.error = "the app's assets folder (share/upstander) was not found";
        } else {
            img = media::load_image(file);
        }
        if (img.error) std::cerr << "upstander: no window icon: " << path_utf8(file) << ": " << *img.error << "\n";
        return img;
    }();
    return icon;
}

// Gives the window the app icon; false when there is none to give (the window works without it).
bool set_app_icon(SDL_Window* window) {
    const media::DecodedImage& icon = app_icon();
    if (icon.error || icon.rgba.empty()) return false;
    // SDL copies the pixels, so the surface only borrows them for the call.
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormatFrom(const_cast<std::uint8_t*>(icon.rgba.data()), icon.width,
                                                        icon.height, 32, icon.width * 4, SDL_PIXELFORMAT_RGBA32);
    if (s == nullptr) return false;
    SDL_SetWindowIcon(window, s);
    SDL_FreeSurface(s);
    return true;
}

}  // namespace

std::unique_ptr<AppWindow> AppWindow::create(const WindowSpec& spec, std::string* error) {
    std::unique_ptr<AppWindow> w(new AppWindow());
    w->role_ = spec.role;
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (spec.resizable) flags |= SDL_WINDOW_RESIZABLE;
    if (spec.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (spec.headless) flags |= SDL_WINDOW_HIDDEN;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    int width = spec.width, height = spec.height;
    if (spec.display >= 0) {
        x = static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(spec.display));
        y = static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(spec.display));
    }
    if (spec.fullscreen && !spec.headless) {
        // Cover the display even where no window manager honours the fullscreen request (a bare X
        // server, some kiosk sessions): start borderless at the display's exact bounds.
        SDL_Rect r;
        if (SDL_GetDisplayBounds(spec.display >= 0 ? spec.display : 0, &r) == 0) {
            x = r.x;
            y = r.y;
            width = r.w;
            height = r.h;
            flags |= SDL_WINDOW_BORDERLESS;
        }
    }
    w->window_ = SDL_CreateWindow(spec.title.c_str(), x, y, width, height, flags);
    if (w->window_ == nullptr) {
        if (error) *error = std::string("could not open a window: ") + SDL_GetError();
        return nullptr;
    }
    w->id_ = SDL_GetWindowID(w->window_);
    w->has_icon_ = set_app_icon(w->window_);
    if (!spec.headless)
        w->renderer_ = SDL_CreateRenderer(w->window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (w->renderer_ == nullptr) w->renderer_ = SDL_CreateRenderer(w->window_, -1, SDL_RENDERER_SOFTWARE);
    if (w->renderer_ == nullptr) {
        if (error) *error = std::string("could not create a renderer: ") + SDL_GetError();
        return nullptr;
    }
    SDL_SetRenderDrawBlendMode(w->renderer_, SDL_BLENDMODE_BLEND);

    w->imgui_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(w->imgui_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing written next to the binary
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    io.BackendPlatformName = "upstander_sdl2_events";
    io.KeyMap[ImGuiKey_Tab] = SDL_SCANCODE_TAB;
    io.KeyMap[ImGuiKey_LeftArrow] = SDL_SCANCODE_LEFT;
    io.KeyMap[ImGuiKey_RightArrow] = SDL_SCANCODE_RIGHT;
    io.KeyMap[ImGuiKey_UpArrow] = SDL_SCANCODE_UP;
    io.KeyMap[ImGuiKey_DownArrow] = SDL_SCANCODE_DOWN;
    io.KeyMap[ImGuiKey_PageUp] = SDL_SCANCODE_PAGEUP;
    io.KeyMap[ImGuiKey_PageDown] = SDL_SCANCODE_PAGEDOWN;
    io.KeyMap[ImGuiKey_Home] = SDL_SCANCODE_HOME;
    io.KeyMap[ImGuiKey_End] = SDL_SCANCODE_END;
    io.KeyMap[ImGuiKey_Insert] = SDL_SCANCODE_INSERT;
    io.KeyMap[ImGuiKey_Delete] = SDL_SCANCODE_DELETE;
    io.KeyMap[ImGuiKey_Backspace] = SDL_SCANCODE_BACKSPACE;
    io.KeyMap[ImGuiKey_Space] = SDL_SCANCODE_SPACE;
    io.KeyMap[ImGuiKey_Enter] = SDL_SCANCODE_RETURN;
    io.KeyMap[ImGuiKey_Escape] = SDL_SCANCODE_ESCAPE;
    io.KeyMap[ImGuiKey_KeyPadEnter] = SDL_SCANCODE_KP_ENTER;
    io.KeyMap[ImGuiKey_A] = SDL_SCANCODE_A;
    io.KeyMap[ImGuiKey_C] = SDL_SCANCODE_C;
    io.KeyMap[ImGuiKey_V] = SDL_SCANCODE_V;
    io.KeyMap[ImGuiKey_X] = SDL_SCANCODE_X;
    io.KeyMap[ImGuiKey_Y] = SDL_SCANCODE_Y;
    io.KeyMap[ImGuiKey_Z] = SDL_SCANCODE_Z;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui_ImplSDLRenderer_Init(w->renderer_);
    w->update_size();
    return w;
}

AppWindow::~AppWindow() {
    if (imgui_) {
        ImGui::SetCurrentContext(imgui_);
        ImGui_ImplSDLRenderer_Shutdown();
        ImGui::DestroyContext(imgui_);
    }
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
}

void AppWindow::update_size() {
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(renderer_, &w, &h) != 0 || w <= 0 || h <= 0) SDL_GetWindowSize(window_, &w, &h);
    width_ = w;
    height_ = h;
}

void AppWindow::set_fullscreen(bool on) { SDL_SetWindowFullscreen(window_, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0); }

void AppWindow::set_keyboard_grab(bool on) { SDL_SetWindowKeyboardGrab(window_, on ? SDL_TRUE : SDL_FALSE); }

// [SECTION] Input

void AppWindow::clear_hover() {
    SDL_Event e;
    std::memset(&e, 0, sizeof e);
    e.type = SDL_WINDOWEVENT;
    e.window.windowID = id_;
    e.window.event = SDL_WINDOWEVENT_LEAVE;
    input_.push_back(e);
}

void AppWindow::apply_input() {
    ImGuiIO& io = ImGui::GetIO();
    // ImGui draws in the renderer's pixels (width_ x height_); SDL reports the mouse in window
    // coordinates, which are fewer where the desktop scales windows (Wayland at 200 %, Windows with
    // SDL_WINDOWS_DPI_SCALING=1). Equal everywhere else, and in headless runs.
    int ww = 0, wh = 0;
    SDL_GetWindowSize(window_, &ww, &wh);
    const float sx = ww > 0 && width_ > 0 ? static_cast<float>(width_) / static_cast<float>(ww) : 1.0f;
    const float sy = wh > 0 && height_ > 0 ? static_cast<float>(height_) / static_cast<float>(wh) : 1.0f;
    const auto at = [sx, sy](Sint32 x, Sint32 y) { return ImVec2(static_cast<float>(x) * sx, static_cast<float>(y) * sy); };
    while (!input_.empty()) {
        const SDL_Event e = input_.front();
        input_.pop_front();
        bool transition = false;
        switch (e.type) {
            case SDL_MOUSEMOTION:
                io.MousePos = at(e.motion.x, e.motion.y);
                break;
            case SDL_MOUSEBUTTONDOWN:
            case SDL_MOUSEBUTTONUP: {
                int b = e.button.button == SDL_BUTTON_LEFT ? 0 : e.button.button == SDL_BUTTON_RIGHT ? 1 : e.button.button == SDL_BUTTON_MIDDLE ? 2 : -1;
                io.MousePos = at(e.button.x, e.button.y);
                if (b >= 0) {
                    io.MouseDown[b] = e.type == SDL_MOUSEBUTTONDOWN;
                    transition = true;
                }
                break;
            }
            case SDL_MOUSEWHEEL:
                io.MouseWheel += static_cast<float>(e.wheel.y);
                io.MouseWheelH += static_cast<float>(e.wheel.x);
                break;
            case SDL_TEXTINPUT:
                io.AddInputCharactersUTF8(e.text.text);
                break;
            case SDL_KEYDOWN:
            case SDL_KEYUP: {
                const int sc = e.key.keysym.scancode;
                if (sc >= 0 && sc < static_cast<int>(IM_ARRAYSIZE(io.KeysDown))) io.KeysDown[sc] = e.type == SDL_KEYDOWN;
                const Uint16 mod = e.key.keysym.mod;
                io.KeyShift = (mod & KMOD_SHIFT) != 0;
                io.KeyCtrl = (mod & KMOD_CTRL) != 0;
                io.KeyAlt = (mod & KMOD_ALT) != 0;
                io.KeySuper = (mod & KMOD_GUI) != 0;
                transition = true;
                break;
            }
            case SDL_WINDOWEVENT:
                if (e.window.event == SDL_WINDOWEVENT_LEAVE) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
                break;
            default:
                break;
        }
        if (transition) break;  // one press or release per frame
    }
}

// [SECTION] Frames

bool AppWindow::begin_frame(const FontChoice& fonts, const ui::Theme& theme, double dt, std::string* error) {
    ImGui::SetCurrentContext(imgui_);
    update_size();
    ImGuiIO& io = ImGui::GetIO();
    const bool want_mini = role_ == WindowRole::Presenter;  // roles change when the facilitator swaps screens
    if (fonts_.body == nullptr || built_height_ != height_ || !(built_fonts_ == fonts) || want_mini != built_mini_) {
        const float px = ui::body_pixels(height_, fonts.text_scale);
        ImGui_ImplSDLRenderer_DestroyFontsTexture();
        built_mini_ = false;
        // The packs' extra characters make the atlas bigger; when it cannot be built or does not fit
        // a texture, fall back to the Latin set rather than show nothing (the missing characters
        // then draw as the replacement mark, and upstander-pack lint names them).
        bool built = ui::build_fonts(*io.Fonts, fonts.files, px, fonts_, error, want_mini ? &mini_fonts_ : nullptr,
                                     fonts.glyphs.get()) &&
                     ImGui_ImplSDLRenderer_CreateFontsTexture();
        if (!built && fonts.glyphs) {
            std::cerr << "upstander: the fonts with the packs' extra characters could not be built; using the Latin set\n";
            ImGui_ImplSDLRenderer_DestroyFontsTexture();
            built = ui::build_fonts(*io.Fonts, fonts.files, px, fonts_, error, want_mini ? &mini_fonts_ : nullptr) &&
                    ImGui_ImplSDLRenderer_CreateFontsTexture();
        }
        if (!built) {
            if (error && error->empty()) *error = "could not make the font texture";
            return false;
        }
        built_mini_ = want_mini;
        built_height_ = height_;
        built_fonts_ = fonts;
        style_applied_ = false;
    }
    if (!style_applied_ || built_theme_ != theme.kind) {
        ui::apply_style(theme, fonts_.body_px, ImGui::GetStyle());
        built_theme_ = theme.kind;
        style_applied_ = true;
    }
    io.FontDefault = fonts_.body;
    io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = dt > 0.0 ? static_cast<float>(dt) : 1.0f / 60.0f;
    apply_input();
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui::NewFrame();
    registry_.begin_frame();
    ui::attach_imgui_clip(registry_);
    return true;
}

std::string AppWindow::missing_glyphs(std::string_view text) const {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Char c = decode_utf8_at(text, i);
        i += c.length ? c.length : 1;
        if (c.length == 0 || c.code_point < 0x20) continue;
        bool ok = c.code_point <= 0xFFFF;
        for (ImFont* f : {fonts_.body, fonts_.bold, fonts_.heading, fonts_.title, fonts_.small})
            ok = ok && f && f->FindGlyphNoFallback(static_cast<ImWchar>(c.code_point)) != nullptr;
        if (!ok && out.find(describe_code_point(c.code_point)) == std::string::npos)
            out += (out.empty() ? "" : ", ") + describe_code_point(c.code_point);
    }
    return out;
}

bool AppWindow::end_frame(const ui::Theme& theme, const std::filesystem::path& capture, std::string* error) {
    ImGui::SetCurrentContext(imgui_);
    ImGui::Render();
    wants_text_input_ = ImGui::GetIO().WantTextInput;
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(theme.background);
    SDL_SetRenderDrawColor(renderer_, static_cast<Uint8>(bg.x * 255), static_cast<Uint8>(bg.y * 255),
                           static_cast<Uint8>(bg.z * 255), 255);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    bool ok = true;
    if (!capture.empty()) {
        std::vector<unsigned char> pixels(static_cast<size_t>(width_) * static_cast<size_t>(height_) * 4);
        if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(), width_ * 4) != 0) {
            if (error) *error = std::string("could not read the screen: ") + SDL_GetError();
            ok = false;
        } else {
            ok = write_png(capture, width_, height_, pixels.data(), error);
        }
    }
    SDL_RenderPresent(renderer_);
    return ok;
}

bool write_png(const std::filesystem::path& path, int width, int height, const void* rgba, std::string* error) {
    // Encoded in memory and saved through the file seam, which also makes the folder: stb's own fopen
    // takes the ANSI code page on Windows, which cannot name every folder (a user name with an accent).
    std::string png;
    const auto append = [](void* context, void* data, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
    };
    if (stbi_write_png_to_func(append, &png, width, height, 4, rgba, width * 4) == 0) {
        if (error) *error = "could not encode " + path_utf8(path) + " as PNG";
        return false;
    }
    if (std::string e = write_file_atomically(path, png); !e.empty()) {
        if (error) *error = e;
        return false;
    }
    return true;
}

}  // namespace upstander::app
