#pragma once
// What the UI asks the app to do. Screens never change state themselves: a click or a key becomes a
// Command, and the app applies commands after the frame (DESIGN.md §2.1).

#include <string>
#include <vector>

namespace upstander::ui {

enum class CommandType {
    Next,
    Back,
    ToggleBlank,
    ToggleCalm,
    ToggleHelp,
    OpenGoto,
    CloseOverlay,
    GotoModule,        // index
    Choose,            // index (scenario choice)
    StartWorkshop,     // text = workshop id
    ShowProblems,
    ShowTitle,
    RequestQuit,       // Esc / window close: asks first
    ConfirmQuit,
    CancelQuit,
    StartTimer,        // discussion countdown
    StopTimer,
};

struct Command {
    CommandType type = CommandType::Next;
    int index = -1;
    std::string text;
};

using CommandQueue = std::vector<Command>;

}  // namespace upstander::ui
