// The kiosk shell's handsets: SDL game controllers come and go (hot-plug), get a number 1..8, and
// their buttons become handset presses for KioskState, which holds every rule. Headless scripts
// (`pad-connect N`, `pad N BUTTON`, `pad-disconnect N`) push the same SDL events with instance ids
// from kScriptedPadBase, so they run through this same code; only opening the device is skipped.

#include "kiosk.hpp"

#include <algorithm>

namespace upstander::app {

namespace {

constexpr int kMaxHandsets = 8;

std::string battery_name(SDL_GameController* c) {
    if (c == nullptr) return {};
    switch (SDL_JoystickCurrentPowerLevel(SDL_GameControllerGetJoystick(c))) {
        case SDL_JOYSTICK_POWER_EMPTY: return "empty";
        case SDL_JOYSTICK_POWER_LOW: return "low";
        case SDL_JOYSTICK_POWER_MEDIUM: return "medium";
        case SDL_JOYSTICK_POWER_FULL: return "full";
        case SDL_JOYSTICK_POWER_WIRED: return "wired";
        default: return {};  // SDL cannot tell
    }
}

}  // namespace

int Kiosk::booth_number(const AppWindow& w) const {
    if (w.role() != WindowRole::Booth) return 0;
    int n = 0;
    for (const auto& other : windows_) {
        if (other->role() == WindowRole::Booth) ++n;
        if (other.get() == &w) return n;
    }
    return 0;
}

AppWindow* Kiosk::booth_window(int n) {
    for (auto& w : windows_)
        if (booth_number(*w) == n) return w.get();
    return nullptr;
}

void Kiosk::controller_added(const SDL_ControllerDeviceEvent& e, SteadyTime now) {
    HandsetSlot slot;
    if (options_.headless && e.which >= kScriptedPadBase) {
        slot.instance = e.which;  // a scripted handset: its number is in its id
        slot.number = e.which - kScriptedPadBase;
        if (slot.number < 1 || slot.number > kMaxHandsets) return;
    } else {
        slot.controller = SDL_GameControllerOpen(e.which);  // `which` is the device index here
        if (slot.controller == nullptr) return;
        slot.instance = SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(slot.controller));
        // The lowest free number, so a handset plugged back in takes its old number when it can.
        for (int n = 1; n <= kMaxHandsets && slot.number == 0; ++n)
            if (std::none_of(handsets_.begin(), handsets_.end(), [&](const HandsetSlot& h) { return h.number == n; }))
                slot.number = n;
    }
    const bool taken = std::any_of(handsets_.begin(), handsets_.end(), [&](const HandsetSlot& h) {
        return h.instance == slot.instance || h.number == slot.number;
    });
    if (slot.number == 0 || taken) {  // more than 8, or already known
        if (slot.controller != nullptr && slot.number == 0) SDL_GameControllerClose(slot.controller);
        return;
    }
    handsets_.push_back(slot);
    state_.handset_connected(slot.number, battery_name(slot.controller), now);
}

void Kiosk::controller_removed(const SDL_ControllerDeviceEvent& e, SteadyTime now) {
    // `which` is the instance id here.
    auto it = std::find_if(handsets_.begin(), handsets_.end(), [&](const HandsetSlot& h) { return h.instance == e.which; });
    if (it == handsets_.end()) return;
    const int number = it->number;
    if (it->controller != nullptr) SDL_GameControllerClose(it->controller);
    handsets_.erase(it);
    state_.handset_disconnected(number, now);
}

bool Kiosk::handset_button(const SDL_ControllerButtonEvent& b, SteadyTime now) {
    auto it = std::find_if(handsets_.begin(), handsets_.end(), [&](const HandsetSlot& h) { return h.instance == b.which; });
    if (it == handsets_.end()) return false;
    using In = KioskState::PadInput;
    In input = In::Option;
    int option = -1;
    switch (b.button) {
        case SDL_CONTROLLER_BUTTON_A: option = 0; break;
        case SDL_CONTROLLER_BUTTON_B: option = 1; break;
        case SDL_CONTROLLER_BUTTON_X: option = 2; break;
        case SDL_CONTROLLER_BUTTON_Y: option = 3; break;
        case SDL_CONTROLLER_BUTTON_LEFTSHOULDER: option = 4; break;
        case SDL_CONTROLLER_BUTTON_RIGHTSHOULDER: option = 5; break;
        case SDL_CONTROLLER_BUTTON_BACK:
        case SDL_CONTROLLER_BUTTON_DPAD_LEFT: input = In::Back; break;
        case SDL_CONTROLLER_BUTTON_START: input = In::Done; break;
        default: return true;  // a known handset's other buttons mean nothing
    }
    const bool counted = state_.handset_pressed(it->number, input, option, now);
    // A short buzz confirms a counted vote where the controller can rumble (the same for every choice).
    if (counted && it->controller != nullptr) SDL_GameControllerRumble(it->controller, 0x5000, 0x9000, 180);
    return true;
}

void Kiosk::update_batteries() {
    // SDL reports coarse levels; look every 30 s (cheap, and batteries drain slowly).
    const double t = seconds_since_start(clock_now());
    if (batteries_checked_at_ >= 0 && t - batteries_checked_at_ < 30) return;
    batteries_checked_at_ = t;
    for (const HandsetSlot& h : handsets_)
        if (h.controller != nullptr) state_.set_handset_battery(h.number, battery_name(h.controller));
}

}  // namespace upstander::app
