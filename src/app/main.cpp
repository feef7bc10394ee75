#include "kiosk.hpp"
#include "options.hpp"
#include "paths.hpp"

#include <SDL.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
    using namespace upstander::app;
    Options options;
    int exit_code = 0;
    if (parse_options(argc, argv, options, exit_code) != ParseOutcome::Run) return exit_code;

    if (options.headless) {
        // No display: offscreen video, software rendering, silent audio that still plays in real time.
        setenv("SDL_VIDEODRIVER", "offscreen", 0);
        setenv("SDL_AUDIODRIVER", "dummy", 0);
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");  // a projector window must stay up
    SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
        std::cerr << "upstander: could not start SDL: " << SDL_GetError() << "\n";
        return 1;
    }

    KioskConfig config;
    config.content_roots = content_roots(options);
    config.kiosk_mode = options.kiosk.value_or(false);
    if (options.theme) config.theme = upstander::ui::theme_from_name(*options.theme);
    if (options.text_scale) config.text_scale = *options.text_scale;
    config.dyslexia_font = options.dyslexia_font;

    int rc = 0;
    {
        Kiosk kiosk(std::move(options), std::move(config));
        rc = kiosk.run();
    }
    SDL_Quit();
    return rc;
}
