#pragma once
// Stopping on SIGTERM, SIGINT and SIGHUP (the laptop shutting down, a service manager, Ctrl+C in a
// terminal). SDL would turn them into a quit request, which the kiosk answers with a PIN or
// confirmation prompt that nobody is there to answer; instead the kiosk stops cleanly. Every
// confirmed vote is already on disk, and an unfinished session is offered for resuming at the next
// start.

#include <string>
#include <vector>

namespace upstander::app {

// Call once, before SDL_Init (it also tells SDL to leave these signals alone).
void install_termination_handlers();

// The signal that asked the app to stop, or 0.
int termination_signal();
// Its name in words ("Terminated", "Interrupt"), for the log line.
std::string termination_signal_name(int sig);


}  // namespace upstander::app
