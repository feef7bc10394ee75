#pragma once
// The one key table. Every key binding of the kiosk is a row here: in which context the key means
// something, the key (and Shift), and the command it becomes. The kiosk's key handler and the F1 help
// overlay both read this table, so what the help says is what the keys do.

#include "commands.hpp"

#include <string>
#include <vector>

namespace upstander::ui {

// The keys the kiosk knows, independent of SDL (the app translates SDL keycodes to these).
enum class Key {
    Unknown,
    D0, D1, D2, D3, D4, D5, D6, D7, D8, D9,  // top row and keypad digits
    A, B, C, F, G, I, J, K, L, M, N, O, P, Q, R, S, T, V, Y,
    Right, Left, Up, Down, PageUp, PageDown, Home, Space, Backspace, Return, Escape, Tab, Period,
    Plus, Minus, F1, F2,
};

// Where a key is being interpreted, in the order the kiosk tries them (first match wins; some
// contexts take every key, see KioskState::command_for_key).
enum class KeyContext {
    PinPrompt,    // the PIN dialog is open
    Confirm,      // a yes/no dialog is open
    Help,         // the F1 overlay is open
    Goto,         // the module list is open
    Global,       // anywhere, unless a dialog or the calm screen has the keys
    Title,
    Menu,         // problems, impact and settings screens
    Setup,
    Resume,
    Video,        // a workshop's video step (before the workshop's own keys)
    Workshop,
    Programme,    // a session of a one-to-one programme
};

struct KeyBinding {
    KeyContext context;
    Key key;
    bool shift;           // the binding needs Shift held (false: Shift must not be held, unless any_shift)
    CommandType command;
    int index = -1;       // the command's index (option, digit, module)
    const char* help = nullptr;  // F1 overlay row this key belongs to (nullptr: not listed)
    bool any_shift = false;      // matches with or without Shift
};

// Every binding, in order.
const std::vector<KeyBinding>& key_bindings();

// The first binding for (context, key, shift), or nullptr.
const KeyBinding* find_binding(KeyContext context, Key key, bool shift);

// "PgDn", "Shift+R": how a key is written in the help overlay.
std::string key_display_name(Key key, bool shift);

// The F1 overlay's rows, built from key_bindings(): the keys of every binding that shares a help
// text, in table order ("1 to 6" for a run of digits).
struct KeyHelpRow {
    std::string keys;
    std::string action;
};
std::vector<KeyHelpRow> key_help_rows();

// 1..9 for D1..D9, 0 for D0, -1 for any other key.
int key_digit(Key key);

}  // namespace upstander::ui
