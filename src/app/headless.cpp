#include "headless.hpp"

#include <cstring>
#include <iostream>

namespace upstander::app {

HeadlessRunner::HeadlessRunner(std::string script_name, std::vector<ScriptCommand> commands,
                               std::filesystem::path shot_dir)
    : script_name_(std::move(script_name)), commands_(std::move(commands)), shot_dir_(std::move(shot_dir)) {}

HeadlessRunner::~HeadlessRunner() {
    for (int n = 1; n <= 8; ++n) detach_pad(n);
}

namespace {

// SDL calls this for the kiosk's buzz and again with (0, 0) when its duration is over: count buzzes.
int SDLCALL count_rumble(void* userdata, Uint16 low, Uint16 high) {
    if (low != 0 || high != 0) ++*static_cast<int*>(userdata);
    return 0;
}

// The device index SDL gives a joystick now (indices shift as devices come and go), or -1.
int device_index_of(SDL_JoystickID instance) {
    for (int i = 0; i < SDL_NumJoysticks(); ++i)
        if (SDL_JoystickGetDeviceInstanceID(i) == instance) return i;
    return -1;
}

SDL_GameControllerButton button_named(const std::string& b) {
    return b == "A" ? SDL_CONTROLLER_BUTTON_A : b == "B" ? SDL_CONTROLLER_BUTTON_B
         : b == "X" ? SDL_CONTROLLER_BUTTON_X : b == "Y" ? SDL_CONTROLLER_BUTTON_Y
         : b == "LB" ? SDL_CONTROLLER_BUTTON_LEFTSHOULDER : b == "RB" ? SDL_CONTROLLER_BUTTON_RIGHTSHOULDER
         : b == "BACK" ? SDL_CONTROLLER_BUTTON_BACK : SDL_CONTROLLER_BUTTON_START;
}

}  // namespace

bool HeadlessRunner::attach_pad(int n) {
    VirtualPad& p = virtual_pads_[static_cast<std::size_t>(n)];
    if (p.instance >= 0) return false;
    SDL_VirtualJoystickDesc d;
    std::memset(&d, 0, sizeof d);
    d.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    d.type = SDL_JOYSTICK_TYPE_GAMECONTROLLER;  // SDL maps button i to SDL_GameControllerButton i
    d.naxes = SDL_CONTROLLER_AXIS_MAX;
    d.nbuttons = SDL_CONTROLLER_BUTTON_MAX;
    d.name = "Upstander virtual handset";
    d.userdata = &p.rumbles;
    d.Rumble = count_rumble;
    const int index = SDL_JoystickAttachVirtualEx(&d);
    if (index < 0) return false;
    p.joystick = SDL_JoystickOpen(index);
    if (p.joystick == nullptr) {
        SDL_JoystickDetachVirtual(index);
        return false;
    }
    p.instance = SDL_JoystickInstanceID(p.joystick);
    p.rumbles = 0;
    return true;
}

void HeadlessRunner::detach_pad(int n) {
    VirtualPad& p = virtual_pads_[static_cast<std::size_t>(n)];
    if (p.instance < 0) return;
    SDL_JoystickClose(p.joystick);
    if (const int index = device_index_of(p.instance); index >= 0) SDL_JoystickDetachVirtual(index);
    p = VirtualPad{};
}

bool HeadlessRunner::settled(HeadlessHost& host) {
    if (host.input_pending() || host.capture_pending() || host.work_pending()) {
        settle_frames_ = std::max(settle_frames_, 2);
        return false;
    }
    if (settle_frames_ > 0) {
        --settle_frames_;
        return false;
    }
    return true;
}

HeadlessRunner::Status HeadlessRunner::fail(const ScriptCommand& c, const std::string& why, AppWindow* w) {
    failure_ = script_name_ + ":" + std::to_string(c.line) + ": " + to_string(c.kind) +
               (c.arg.empty() ? std::string() : " \"" + c.arg + "\"") + ": " + why;
    if (w) failure_ += "\nVisible in the " + std::string(to_string(w->role())) + " window:\n" + w->registry().dump();
    return Status::Failed;
}

void HeadlessRunner::push_key(Uint32 window_id, const std::string& name, bool* ok) {
    SDL_Keycode key = SDL_GetKeyFromName(name.c_str());
    *ok = key != SDLK_UNKNOWN;
    if (!*ok) return;
    SDL_Event e;
    std::memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.windowID = window_id;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    e.key.keysym.mod = KMOD_NONE;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

void HeadlessRunner::push_click(Uint32 window_id, int x, int y, bool touch) {
    SDL_Event e;
    std::memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEMOTION;
    e.motion.windowID = window_id;
    e.motion.which = touch ? SDL_TOUCH_MOUSEID : 0;
    e.motion.x = x;
    e.motion.y = y;
    SDL_PushEvent(&e);
    std::memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.windowID = window_id;
    e.button.which = touch ? SDL_TOUCH_MOUSEID : 0;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = SDL_PRESSED;
    e.button.clicks = 1;
    e.button.x = x;
    e.button.y = y;
    SDL_PushEvent(&e);
    e.type = SDL_MOUSEBUTTONUP;
    e.button.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

HeadlessRunner::Status HeadlessRunner::step(HeadlessHost& host, double now) {
    using K = ScriptCommand::Kind;
    while (true) {
        if (!settled(host)) return Status::Running;
        if (release_pad_ > 0) {  // a virtual button goes up once SDL has seen it down
            SDL_JoystickSetVirtualButton(virtual_pads_[static_cast<std::size_t>(release_pad_)].joystick, release_button_, 0);
            release_pad_ = 0;
            settle_frames_ = 2;
            return Status::Running;
        }
        if (next_ >= commands_.size()) return Status::Finished;
        const ScriptCommand& c = commands_[next_];
        AppWindow* w = target_ == WindowRole::Booth ? host.booth_window(target_booth_) : host.window_for(target_);
        if (w == nullptr && c.kind != K::Window && c.kind != K::Quit && c.kind != K::Wait && c.kind != K::Advance && c.kind != K::Pad &&
            c.kind != K::PadConnect && c.kind != K::PadDisconnect && c.kind != K::PadAttach && c.kind != K::ExpectRumbles)
            return fail(c, std::string("there is no ") + to_string(target_) + " window", nullptr);

        switch (c.kind) {
            case K::Key: {
                bool ok = false;
                push_key(w->id(), c.arg, &ok);
                if (!ok) return fail(c, "unknown key name (use SDL key names such as Right, Space, F1, Escape, A, 1)", nullptr);
                settle_frames_ = 2;
                ++next_;
                return Status::Running;
            }
            case K::Text: {
                // SDL text events carry at most 31 bytes: split on UTF-8 boundaries.
                size_t i = 0;
                while (i < c.arg.size()) {
                    size_t n = std::min<size_t>(c.arg.size() - i, 28);
                    while (i + n < c.arg.size() && (static_cast<unsigned char>(c.arg[i + n]) & 0xC0) == 0x80) --n;
                    SDL_Event e;
                    std::memset(&e, 0, sizeof e);
                    e.type = SDL_TEXTINPUT;
                    e.text.windowID = w->id();
                    std::memcpy(e.text.text, c.arg.data() + i, n);
                    SDL_PushEvent(&e);
                    i += n;
                }
                settle_frames_ = 2;
                ++next_;
                return Status::Running;
            }
            case K::Click: {
                const ui::VisibleItem* item = w->registry().find_clickable(c.arg);
                if (item == nullptr && w->registry().find_hidden_clickable(c.arg) != nullptr)
                    return fail(c, "the button is drawn but scrolled out of view (a person would scroll first: "
                                   "use keys, or a bigger window)", w);
                if (item == nullptr) return fail(c, "no visible button with this label", w);
                if (!item->enabled) return fail(c, "the button is visible but disabled", w);
                push_click(w->id(), static_cast<int>((item->x0 + item->x1) * 0.5f), static_cast<int>((item->y0 + item->y1) * 0.5f), false);
                settle_frames_ = 2;
                ++next_;
                return Status::Running;
            }
            case K::Tap:
                if (c.x >= w->width() || c.y >= w->height())
                    return fail(c, "the point is outside the window (" + std::to_string(w->width()) + "x" +
                                       std::to_string(w->height()) + ")", nullptr);
                push_click(w->id(), c.x, c.y, true);
                settle_frames_ = 2;
                ++next_;
                return Status::Running;
            case K::Pad: {
                const SDL_GameControllerButton button = button_named(c.arg);
                if (c.pad > 0 && virtual_pads_[static_cast<std::size_t>(c.pad)].instance >= 0) {
                    // An attached handset: the button goes down in SDL, which sends the event.
                    SDL_JoystickSetVirtualButton(virtual_pads_[static_cast<std::size_t>(c.pad)].joystick, button, 1);
                    release_pad_ = c.pad;
                    release_button_ = button;
                    settle_frames_ = 2;
                    ++next_;
                    return Status::Running;
                }
                // The kiosk maps controller buttons to options 1-6 (A B X Y LB RB).
                SDL_Event e;
                std::memset(&e, 0, sizeof e);
                e.type = SDL_CONTROLLERBUTTONDOWN;
                // A numbered handset's events carry its scripted instance id, as a real one's carry SDL's.
                // The unnumbered `pad BUTTON` uses kScriptedPadBase itself: no handset has that id
                // (SDL's first real controller is instance 0).
                e.cbutton.which = kScriptedPadBase + c.pad;
                e.cbutton.button = static_cast<Uint8>(button);
                e.cbutton.state = SDL_PRESSED;
                SDL_PushEvent(&e);
                e.type = SDL_CONTROLLERBUTTONUP;
                e.cbutton.state = SDL_RELEASED;
                SDL_PushEvent(&e);
                settle_frames_ = 2;
                ++next_;
                return Status::Running;
            }
            case K::PadAttach:
                if (!attach_pad(c.pad))
                    return fail(c, std::string("SDL could not attach a virtual game controller: ") + SDL_GetError(), nullptr);
                settle_frames_ = 2;
                ++next_;
                return Status::Running;
            case K::ExpectRumbles: {
                const VirtualPad& p = virtual_pads_[static_cast<std::size_t>(c.pad)];
                if (p.instance < 0) return fail(c, "handset " + std::to_string(c.pad) + " is not attached (pad-attach N)", nullptr);
                if (p.rumbles != c.ms)
                    return fail(c, "handset " + std::to_string(c.pad) + " rumbled " + std::to_string(p.rumbles) +
                                       " times, expected " + std::to_string(c.ms), nullptr);
                ++next_;
                continue;
            }
            case K::PadConnect:
            case K::PadDisconnect: {
                if (c.kind == K::PadDisconnect && virtual_pads_[static_cast<std::size_t>(c.pad)].instance >= 0) {
                    detach_pad(c.pad);  // SDL sends the removal
                    settle_frames_ = 2;
                    ++next_;
                    return Status::Running;
                }
                SDL_Event e;
                std::memset(&e, 0, sizeof e);
                e.type = c.kind == K::PadConnect ? SDL_CONTROLLERDEVICEADDED : SDL_CONTROLLERDEVICEREMOVED;
                e.cdevice.which = kScriptedPadBase + c.pad;
                SDL_PushEvent(&e);
                settle_frames_ = 2;
                ++next_;
                return Status::Running;
            }
            case K::Wait:
                if (!waiting_) {
                    waiting_ = true;
                    wait_until_ = now + c.ms / 1000.0;
                }
                if (now < wait_until_) return Status::Running;
                waiting_ = false;
                ++next_;
                continue;
            case K::Advance:
                host.advance_clock(c.ms / 1000.0);
                settle_frames_ = 2;
                ++next_;
                return Status::Running;
            case K::WaitUntilText:
                if (!waiting_) {
                    waiting_ = true;
                    wait_until_ = now + c.ms / 1000.0;
                }
                if (w->registry().contains_text(c.arg)) {
                    waiting_ = false;
                    ++next_;
                    continue;
                }
                if (now >= wait_until_) {
                    waiting_ = false;
                    return fail(c, "did not appear within " + std::to_string(c.ms) + " ms", w);
                }
                return Status::Running;
            case K::ExpectText:
                if (!w->registry().contains_text(c.arg)) return fail(c, "not visible", w);
                ++next_;
                continue;
            case K::ExpectNoText:
                if (w->registry().contains_text(c.arg)) return fail(c, "is visible but should not be", w);
                ++next_;
                continue;
            case K::ExpectGlyphs: {
                const std::string missing = w->missing_glyphs(c.arg);
                if (!missing.empty()) return fail(c, "the fonts cannot draw " + missing, w);
                ++next_;
                continue;
            }
            case K::ExpectIcon:
                if (!w->has_icon()) return fail(c, "the window has no icon", w);
                ++next_;
                continue;
            case K::Shot:
                host.request_capture(*w, shot_dir_ / (c.arg + ".png"));
                settle_frames_ = 0;
                ++next_;
                return Status::Running;
            case K::Window: {
                WindowRole r = c.arg == "presenter" ? WindowRole::Presenter : c.arg == "booth" ? WindowRole::Booth : WindowRole::Projector;
                target_booth_ = c.pad > 0 ? c.pad : 1;
                if ((r == WindowRole::Booth ? host.booth_window(target_booth_) : host.window_for(r)) == nullptr)
                    return fail(c, "this run has no such window", nullptr);
                target_ = r;
                ++next_;
                continue;
            }
            case K::Quit:
                next_ = commands_.size();
                return Status::Finished;
        }
    }
}

}  // namespace upstander::app
