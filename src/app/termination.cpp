#include "termination.hpp"

#include <SDL.h>

#include <csignal>
#include <initializer_list>

namespace upstander::app {

namespace {
// The one piece of process-wide state: a signal handler can only leave a note.
volatile std::sig_atomic_t g_signal = 0;

extern "C" void note_signal(int sig) { g_signal = sig; }
}  // namespace

void install_termination_handlers() {
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    struct sigaction sa {};
    sa.sa_handler = note_signal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGTERM, SIGINT, SIGHUP}) sigaction(sig, &sa, nullptr);
}

int termination_signal() { return g_signal; }

}  // namespace upstander::app
