#include "key_table.hpp"

#include <algorithm>

namespace upstander::ui {

namespace {

using C = CommandType;
using X = KeyContext;

// Help texts shared by several bindings (one overlay row each).
constexpr const char* kNext = "Next step";
constexpr const char* kBack = "Previous step";
constexpr const char* kBlank = "Blank screen (any key returns)";
constexpr const char* kVote = "Vote, or pick a scenario answer";
constexpr const char* kReveal = "Reveal / show despite few votes";
constexpr const char* kArm = "Arm ballot / change ballot mode";
constexpr const char* kPlay = "Play or pause a video";
constexpr const char* kSeek = "Video back / forward 10 s";
constexpr const char* kVideoMore = "Video restart, volume, mute";
constexpr const char* kCaptions = "Captions / full-screen video";
constexpr const char* kText = "Bigger or smaller text";
constexpr const char* kMenus = "Impact, Settings, Problems";
constexpr const char* kLeave = "Close, or leave (asks first)";
constexpr const char* kCards = "Answer cards: scan, then stop and count (Shift: rescan)";

std::vector<KeyBinding> make_table() {
    std::vector<KeyBinding> t;
    auto add = [&](X ctx, Key k, C c, int index = -1, const char* help = nullptr, bool shift = false, bool any_shift = false) {
        t.push_back(KeyBinding{ctx, k, shift, c, index, help, any_shift});
    };
    const Key digits[] = {Key::D0, Key::D1, Key::D2, Key::D3, Key::D4, Key::D5, Key::D6, Key::D7, Key::D8, Key::D9};

    // Dialogs take every key; only these mean something there.
    for (int d = 0; d <= 9; ++d) add(X::PinPrompt, digits[d], C::PinDigit, d, nullptr, false, true);
    add(X::PinPrompt, Key::Backspace, C::PinBackspace);
    add(X::PinPrompt, Key::Return, C::PinSubmit);
    add(X::PinPrompt, Key::Escape, C::PinCancel);
    add(X::Confirm, Key::Y, C::ConfirmQuit);
    add(X::Confirm, Key::Return, C::ConfirmQuit);
    add(X::Confirm, Key::N, C::CancelQuit);
    add(X::Confirm, Key::Escape, C::CancelQuit);
    add(X::Help, Key::F1, C::CloseOverlay);
    add(X::Help, Key::Escape, C::CloseOverlay);
    add(X::Goto, Key::Escape, C::CloseOverlay);
    add(X::Goto, Key::G, C::CloseOverlay);
    for (int d = 1; d <= 9; ++d) add(X::Goto, digits[d], C::GotoModule, d - 1);

    // Anywhere.
    add(X::Global, Key::F1, C::ToggleHelp, -1, "These keys");
    add(X::Global, Key::S, C::SwapScreens, -1, "Swap projector and presenter");
    add(X::Global, Key::Tab, C::ToggleFacilitatorPanel, -1, "Facilitator panel");
    add(X::Global, Key::Q, C::ToggleCalm, -1, "Calm screen (Q again to return)");
    add(X::Global, Key::Plus, C::TextBigger, -1, kText, false, true);
    add(X::Global, Key::Minus, C::TextSmaller, -1, kText, false, true);

    // Screens.
    add(X::Title, Key::Escape, C::RequestQuit, -1, kLeave);
    add(X::Title, Key::I, C::ShowImpact, -1, kMenus);
    add(X::Title, Key::F2, C::ShowSettings, -1, kMenus);
    add(X::Title, Key::P, C::ShowProblems, -1, kMenus);
    for (int d = 1; d <= 9; ++d) add(X::Title, digits[d], C::StartWorkshop, d - 1);
    add(X::Menu, Key::Escape, C::ShowTitle, -1, kLeave);
    add(X::Setup, Key::Escape, C::CancelSetup, -1, kLeave);
    add(X::Setup, Key::Return, C::ConfirmSetup);
    add(X::Resume, Key::Escape, C::DismissResume, -1, kLeave);
    add(X::Resume, Key::Return, C::ResumeSession);

    // A video step: the clip's keys come before the workshop's (Space only while the clip wants it,
    // Esc only while the clip fills the screen; see KioskState::command_for_key).
    add(X::Video, Key::K, C::PlayPauseVideo, -1, kPlay);
    add(X::Video, Key::Space, C::PlayPauseVideo, -1, kPlay);
    add(X::Video, Key::J, C::VideoBack, -1, kSeek);
    add(X::Video, Key::L, C::VideoForward, -1, kSeek);
    add(X::Video, Key::Home, C::VideoRestart, -1, kVideoMore);
    add(X::Video, Key::Up, C::VideoLouder, -1, kVideoMore);
    add(X::Video, Key::Down, C::VideoQuieter, -1, kVideoMore);
    add(X::Video, Key::M, C::VideoMute, -1, kVideoMore);
    add(X::Video, Key::C, C::VideoCaptions, -1, kCaptions);
    add(X::Video, Key::F, C::VideoFullscreen, -1, kCaptions);
    add(X::Video, Key::Escape, C::VideoFullscreen);

    // A workshop.
    add(X::Workshop, Key::Right, C::Next, -1, kNext);
    add(X::Workshop, Key::PageDown, C::Next, -1, kNext);
    add(X::Workshop, Key::Space, C::Next, -1, kNext);
    add(X::Workshop, Key::Left, C::Back, -1, kBack);
    add(X::Workshop, Key::PageUp, C::Back, -1, kBack);
    add(X::Workshop, Key::Backspace, C::Back, -1, kBack);
    add(X::Workshop, Key::B, C::ToggleBlank, -1, kBlank);
    add(X::Workshop, Key::Period, C::ToggleBlank, -1, kBlank);
    add(X::Workshop, Key::G, C::OpenGoto, -1, "Go to a module");
    for (int d = 1; d <= 6; ++d) add(X::Workshop, digits[d], C::Vote, d - 1, kVote);
    add(X::Workshop, Key::R, C::Reveal, -1, kReveal);
    add(X::Workshop, Key::R, C::ToggleSuppressionOverride, -1, kReveal, true);
    add(X::Workshop, Key::V, C::VoidLastVote, -1, "Void the last vote (10 s)");
    add(X::Workshop, Key::A, C::ArmBallot, -1, kArm);
    add(X::Workshop, Key::A, C::ToggleBallotMode, -1, kArm, true);
    add(X::Workshop, Key::O, C::Reopen, -1, "Reopen voting");
    add(X::Workshop, Key::C, C::ToggleCardScan, -1, kCards);
    add(X::Workshop, Key::C, C::RescanCards, -1, kCards, true);
    add(X::Workshop, Key::T, C::ToggleTimer, -1, "Discussion timer");
    add(X::Workshop, Key::Escape, C::RequestQuit, -1, kLeave);
    // A programme session: the same moves; digits answer the scale or move a category of the impact
    // map one ripple out; Up and Down choose a category, Enter moves the chosen one.
    add(X::Programme, Key::Right, C::Next, -1, kNext);
    add(X::Programme, Key::PageDown, C::Next, -1, kNext);
    add(X::Programme, Key::Space, C::Next, -1, kNext);
    add(X::Programme, Key::Left, C::Back, -1, kBack);
    add(X::Programme, Key::PageUp, C::Back, -1, kBack);
    add(X::Programme, Key::Backspace, C::Back, -1, kBack);
    add(X::Programme, Key::B, C::ToggleBlank, -1, kBlank);
    add(X::Programme, Key::Period, C::ToggleBlank, -1, kBlank);
    for (int d = 1; d <= 9; ++d)
        add(X::Programme, digits[d], C::Vote, d - 1, "One-to-one: answer the scale, or move an impact-map category");
    add(X::Programme, Key::Up, C::ProgrammeSelectCategory, 0, "Impact map: choose a category");
    add(X::Programme, Key::Down, C::ProgrammeSelectCategory, 1, "Impact map: choose a category");
    add(X::Programme, Key::Return, C::Choose, -1, "Impact map: move the chosen category one ripple out");
    add(X::Programme, Key::Escape, C::ProgrammeLeave, -1, kLeave);
    return t;
}

}  // namespace

const std::vector<KeyBinding>& key_bindings() {
    static const std::vector<KeyBinding> table = make_table();
    return table;
}

const KeyBinding* find_binding(KeyContext context, Key key, bool shift) {
    for (const KeyBinding& b : key_bindings())
        if (b.context == context && b.key == key && (b.any_shift || b.shift == shift)) return &b;
    return nullptr;
}

int key_digit(Key key) {
    if (key >= Key::D0 && key <= Key::D9) return static_cast<int>(key) - static_cast<int>(Key::D0);
    return -1;
}

std::string key_display_name(Key key, bool shift) {
    std::string name;
    if (const int d = key_digit(key); d >= 0) {
        name = std::to_string(d);
    } else if (key >= Key::A && key <= Key::Y) {
        static const char letters[] = "ABCFGIJKLMNOPQRSTVY";
        name = std::string(1, letters[static_cast<int>(key) - static_cast<int>(Key::A)]);
    } else {
        switch (key) {
            case Key::Right: name = "\xE2\x86\x92"; break;
            case Key::Left: name = "\xE2\x86\x90"; break;
            case Key::Up: name = "Up"; break;
            case Key::Down: name = "Down"; break;
            case Key::PageUp: name = "PgUp"; break;
            case Key::PageDown: name = "PgDn"; break;
            case Key::Home: name = "Home"; break;
            case Key::Space: name = "Space"; break;
            case Key::Backspace: name = "Backspace"; break;
            case Key::Return: name = "Enter"; break;
            case Key::Escape: name = "Esc"; break;
            case Key::Tab: name = "Tab"; break;
            case Key::Period: name = "."; break;
            case Key::Plus: name = "+"; break;
            case Key::Minus: name = "-"; break;
            case Key::F1: name = "F1"; break;
            case Key::F2: name = "F2"; break;
            default: name = "?"; break;
        }
    }
    return shift ? "Shift+" + name : name;
}

std::vector<KeyHelpRow> key_help_rows() {
    struct Row {
        std::string action;
        std::vector<const KeyBinding*> keys;
    };
    std::vector<Row> rows;
    for (const KeyBinding& b : key_bindings()) {
        if (b.help == nullptr) continue;
        auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.action == b.help; });
        if (it == rows.end()) {
            rows.push_back(Row{b.help, {}});
            it = rows.end() - 1;
        }
        const bool seen = std::any_of(it->keys.begin(), it->keys.end(),
                                      [&](const KeyBinding* k) { return k->key == b.key && k->shift == b.shift; });
        if (!seen) it->keys.push_back(&b);
    }
    std::vector<KeyHelpRow> out;
    for (const Row& r : rows) {
        std::string keys;
        for (size_t i = 0; i < r.keys.size(); ++i) {
            // A run of consecutive digits is written "1 to 6".
            size_t j = i;
            const int d = key_digit(r.keys[i]->key);
            while (d >= 0 && j + 1 < r.keys.size() && key_digit(r.keys[j + 1]->key) == key_digit(r.keys[j]->key) + 1) ++j;
            if (!keys.empty()) keys += ", ";
            if (j > i + 1) {
                keys += key_display_name(r.keys[i]->key, false) + " to " + key_display_name(r.keys[j]->key, false);
                i = j;
            } else {
                keys += key_display_name(r.keys[i]->key, r.keys[i]->shift);
            }
        }
        out.push_back(KeyHelpRow{keys, r.action});
    }
    return out;
}

}  // namespace upstander::ui
