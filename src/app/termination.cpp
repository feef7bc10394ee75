#include "termination.hpp"

#include <SDL.h>

#include <csignal>
#include <cstring>
#include <initializer_list>

#ifdef _WIN32
#include <windows.h>
#include <shellapi.h>  // CommandLineToArgvW
#endif

namespace upstander::app {

namespace {
// The one piece of process-wide state: a signal handler can only leave a note.
volatile std::sig_atomic_t g_signal = 0;

#ifdef _WIN32
// Windows has no SIGTERM from outside: a console's Ctrl+C, Ctrl+Break or close button, logging off and
// shutting down arrive here (on a thread of their own), and a GUI session's end as WM_QUERYENDSESSION /
// WM_ENDSESSION through SDL's message hook. Each leaves the same note as a Linux signal.
BOOL WINAPI note_console_event(DWORD event) {
    switch (event) {
        case CTRL_C_EVENT:
        case CTRL_BREAK_EVENT:
            g_signal = SIGINT;
            return TRUE;
        case CTRL_CLOSE_EVENT:
        case CTRL_LOGOFF_EVENT:
        case CTRL_SHUTDOWN_EVENT:
            g_signal = SIGTERM;
            // Windows ends the process when this returns: give the main loop time to save and quit.
            Sleep(4000);
            return TRUE;
        default:
            return FALSE;
    }
}

void SDLCALL note_session_end(void*, void*, unsigned int message, Uint64, Sint64) {
    if (message == WM_QUERYENDSESSION || message == WM_ENDSESSION) g_signal = SIGTERM;
}
#else
extern "C" void note_signal(int sig) { g_signal = sig; }
#endif
}  // namespace

void install_termination_handlers() {
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
#ifdef _WIN32
    SetConsoleCtrlHandler(note_console_event, TRUE);
    SDL_SetWindowsMessageHook(note_session_end, nullptr);
#else
    struct sigaction sa {};
    sa.sa_handler = note_signal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGTERM, SIGINT, SIGHUP}) sigaction(sig, &sa, nullptr);
#endif
}

int termination_signal() { return g_signal; }

std::string termination_signal_name(int sig) {
#ifdef _WIN32
    // No strsignal on Windows: the words glibc uses for the notes left above.
    if (sig == SIGINT) return "Interrupt";
    if (sig == SIGTERM) return "Terminated";
    return "signal " + std::to_string(sig);
#else
    return strsignal(sig);
#endif
}


}  // namespace upstander::app
