#pragma once
// The headless script language: one command per line, `#` starts a comment.
//   key NAME            press and release a key (SDL key names: Right, Space, F1, Escape, 1, B, Keypad 2)
//   text "…"            type text into the focused text field
//   click "label"       click the first visible widget whose label matches
//   tap X Y             touch at window pixel X, Y
//   pad BUTTON          press a game-controller button: A, B, X, Y, LB or RB
//   pad N BUTTON        press a button on handset N (1..8; connect it first): also BACK and START
//   pad-connect N       plug in handset N; pad-disconnect N unplugs it
//   pad-attach N        plug in handset N as an SDL virtual game controller: the kiosk opens it
//                       as it opens a USB one, and `pad N …` presses its buttons through SDL
//                       (pad-disconnect N unplugs it)
//   expect-rumbles N C  fail unless attached handset N has been asked to rumble exactly C times
//   wait MS             let the app run for MS milliseconds (real time)
//   advance MS          move the app's clock on by MS milliseconds at once (timers, cooldowns,
//                       banners and the welcome screen; a playing clip keeps real time)
//   wait-until-text "…" MS    run until the text is visible, failing after MS milliseconds
//   expect-text "…"     fail unless the text is visible now
//   expect-no-text "…"  fail if the text is visible now
//   expect-glyphs "…"   fail unless every face of the window's fonts can draw every character of the
//                       text (none would come out as the replacement mark)
//   expect-icon         fail unless the window has its icon (the installed or bundled PNG)
//   shot NAME           save a screenshot NAME.png of the current window
//   window ROLE         later commands address this window: projector, presenter or booth
//                       (`window booth 2`: the second booth window)
//   quit                end the run (exit 0 unless something failed)
// Strings are double-quoted; inside them \" is a quote and \\ a backslash.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace upstander {

struct ScriptCommand {
    enum class Kind { Key, Text, Click, Tap, Pad, Wait, Advance, WaitUntilText, ExpectText, ExpectNoText, ExpectGlyphs, ExpectIcon, Shot, Window, Quit,
                      PadConnect, PadDisconnect, PadAttach, ExpectRumbles };
    Kind kind = Kind::Quit;
    std::string arg;   // key name, text, label, shot name or window role
    int x = 0, y = 0;  // tap
    int ms = 0;        // wait, advance, wait-until-text; expect-rumbles: the count
    int pad = 0;       // pad, pad-connect, pad-attach, pad-disconnect, expect-rumbles: handset 1..8 (0: the unnumbered `pad BUTTON`);
                       // window booth N: N
    int line = 0;      // 1-based line in the script
};

struct ScriptParseResult {
    std::vector<ScriptCommand> commands;
    std::vector<std::string> errors;  // "line 7: ..." messages; empty when the script is valid
    bool ok() const { return errors.empty(); }
};

ScriptParseResult parse_script(std::string_view text);

const char* to_string(ScriptCommand::Kind k);

}  // namespace upstander
