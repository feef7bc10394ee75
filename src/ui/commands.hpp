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
    // Setup and resume
    ConfirmSetup,      // start the session with the setup screen's answers
    CancelSetup,
    ResumeSession,
    FinishOldSession,  // close an unfinished session as finished without resuming it
    DismissResume,
    // Polls
    Vote,              // index = option
    Reveal,            // close voting and show the chart
    Reopen,
    ArmBallot,
    VoidLastVote,
    ToggleSuppressionOverride,
    ToggleBallotMode,
    EndSession,        // asks first
    // Facilitator and kiosk
    PlayPauseVideo,
    SwapScreens,       // swap the projector and presenter windows
    ToggleFacilitatorPanel,
    TextBigger,
    TextSmaller,
    PinDigit,          // index = 0..9
    PinBackspace,
    PinSubmit,
    PinCancel,
    ShowSettings,
    ShowImpact,
    ExportReport,      // text = folder
    SaveSettings,
};

struct Command {
    CommandType type = CommandType::Next;
    int index = -1;
    std::string text;
};

using CommandQueue = std::vector<Command>;

}  // namespace upstander::ui
