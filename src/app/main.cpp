#include "core/platform_paths.hpp"
#include "kiosk.hpp"
#include "options.hpp"
#include "paths.hpp"
#include "settings.hpp"
#include "termination.hpp"

#include <SDL.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <cstdlib>
// Our own main() on every system: SDL's headers may still rename it to SDL_main on Windows.
#ifdef main
#undef main
#endif
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace upstander::app;
    // Every video step starts fresh decoder threads, and glibc gives new threads their own malloc
    // arenas (up to 8 per core), so a kiosk left running all day kept growing by ~10 % over its first
    // fifty workshops before levelling off (tools/soak.sh). Two arenas keep memory flat at no
    // measurable cost to decoding.
    // (glibc only: Windows' heap has no arenas to limit.)
#ifdef __GLIBC__
    mallopt(M_ARENA_MAX, 2);
#endif
    upstander::attach_parent_console();  // Windows: a GUI program, so --help needs the console it was started from
    upstander::Utf8Args utf8(argc, argv);  // Windows: argv in the ANSI code page; this is UTF-8
    argc = utf8.argc();
    argv = utf8.argv();
    Options options;
    int exit_code = 0;
    if (parse_options(argc, argv, options, exit_code) != ParseOutcome::Run) return exit_code;

    LoadedSettings settings = load_settings(options);
    for (const auto& w : settings.warnings) std::cerr << "upstander: " << w << "\n";
    if (!settings.unreadable.empty()) std::cerr << "upstander: " << settings.unreadable << "\n";
    if (options.set_pin) return run_set_pin(settings);

    if (options.headless) {
        // No display: the dummy video driver (no EGL/GL is loaded), software rendering, silent audio that still plays in real time.
        SDL_setenv("SDL_VIDEODRIVER", "dummy", 0);
        SDL_setenv("SDL_AUDIODRIVER", "dummy", 0);
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");  // a projector window must stay up
    KioskConfig config = kiosk_config(settings);
    if (config.kiosk_mode) {
        // Swallow Alt+Tab, Alt+F4 and the Super key where SDL can (X11, Wayland with the keyboard
        // shortcuts inhibitor). Ctrl+Alt+Del cannot be blocked: see the README's kiosk section.
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
        SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
    }
    SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
    // Handsets are the pupils' voting places: SDL would drop their buttons while no kiosk window has
    // the keyboard focus (the facilitator clicked into another program, or a headless run), and a
    // press lost that way is a vote silently lost.
    SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
#ifdef _WIN32
    // Native pixels on a laptop screen scaled to 125 % or 150 %: the UI already scales with each
    // window's height, so Windows' bitmap stretching of an unaware program would only blur the text.
    // SDL_WINDOWS_DPI_AWARENESS=unaware in the environment turns it off (the variable wins over this).
    SDL_SetHint(SDL_HINT_WINDOWS_DPI_AWARENESS, "permonitorv2");
#endif
    install_termination_handlers();
    SDL_SetMainReady();  // our own main() (SDL_MAIN_HANDLED on Windows)
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER | SDL_INIT_GAMECONTROLLER) != 0) {
        std::cerr << "upstander: could not start SDL: " << SDL_GetError() << "\n";
        return 1;
    }

    // Sound for video clips; without an audio device clips still play, silently, on the system clock.
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        std::cerr << "upstander: no sound (" << SDL_GetError() << "); videos will play silently\n";
    int rc = 0;
    {
        Kiosk kiosk(std::move(settings.options), std::move(config));
        rc = kiosk.run();
    }
    upstander::ui::shutdown_fonts();
    SDL_Quit();
    return rc;
}
