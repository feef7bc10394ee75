#pragma once
// What the UI asks the app to do. Screens never change state themselves: a click or a key becomes a
// Command, and the app applies commands after the frame (KioskState::apply).

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
    ToggleTimer,       // T: start or stop the countdown
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
    VideoBack,         // 10 s
    VideoForward,
    VideoRestart,      // from the start (or, behind a content warning, confirm and play)
    VideoLouder,
    VideoQuieter,
    VideoMute,
    VideoCaptions,
    VideoFullscreen,   // toggles the clip filling the projector
    VideoSeekTo,       // index = position in milliseconds (the seek bar)
    VideoAutoplay,     // the clip can play and its step says autoplay
    LeaveAttract,      // any key or touch on the welcome screen
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
    SaveHeldVotes,     // text = folder: write sessions whose votes are only in memory there (a USB stick)
    QuitDiscardingUnsaved,  // leave although votes are only in memory (after the warning)
    // Questionnaire ballots (Vote answers the question on screen)
    BallotBack,        // the previous question
    BallotDone,        // count every answer of the ballot
    ToggleDevice,      // source = the booth or handset to disable or enable again (the presenter's button)
    // Answer cards read by the camera (a poll step)
    ToggleCardScan,    // start a scan, or stop it and count the cards read
    RescanCards,       // discard the scan not yet counted and read the room again
    // One-to-one programmes (programme_pages.hpp)
    ProgrammeStart,          // text = programme id: the setup page
    ProgrammeContinue,       // the Continue page (type the code or pick one)
    ProgrammeCreate,         // the setup page's answers: a new programme and its code
    ProgrammeFindCode,       // text = the code as typed
    ProgrammePick,           // text = canonical code of an open programme on this laptop
    ProgrammeBeginSession,   // start (or carry on) the session the page offers
    ProgrammeStop,           // asks to confirm
    ProgrammeStopConfirm,
    ProgrammeQuestions,      // the person harmed's questions page
    ProgrammeAddQuestion,    // text = the question
    ProgrammeRemoveQuestion, // index
    ProgrammeQuestionsDone,  // back to the page it was opened from
    ProgrammeAnswer,         // index = question, text = the answer (memory only)
    ProgrammeLetter,         // the letter page
    ProgrammeWriteLetter,    // text = folder
    ProgrammeLeave,          // back to the title (asks first when answers are not written)
    ProgrammeLeaveConfirm,   // leave and forget unwritten answers
    ProgrammeStay,           // back to the session from the warning or the letter page
    ProgrammeSelectCategory, // impact map: index = the category the keys move (-1/+1 via text "prev"/"next")
};

// Where a vote or ballot command came from (Command::source).
inline constexpr int kSourceScreen = 0;      // the projector (or the only window)
inline constexpr int kSourceBooth = 100;     // + booth number (1..)
inline constexpr int kSourceHandset = 200;   // + handset number (1..8)

struct Command {
    CommandType type = CommandType::Next;
    int index = -1;
    std::string text;
    int source = kSourceScreen;  // votes and ballots: which voting place (see kSourceBooth)
};

using CommandQueue = std::vector<Command>;

}  // namespace upstander::ui
