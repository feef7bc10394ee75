#include "kiosk.hpp"

#include "core/script.hpp"
#include "core/atomic_file.hpp"
#include "core/report.hpp"
#include "core/report_export.hpp"
#include "pin.hpp"
#include "termination.hpp"
#include "window_plan.hpp"
#include "settings.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <sstream>
#include <cstring>

namespace upstander::app {

// [SECTION] Construction

Kiosk::Kiosk(Options options, KioskConfig config)
    : options_(std::move(options)), config_(std::move(config)), theme_(ui::make_theme(config_.theme)) {
    perf_start_ = SDL_GetPerformanceCounter();
}

Kiosk::~Kiosk() {
    player_.reset();  // threads stop and textures go before the renderers
    preload_.reset();
    for (SDL_GameController* c : controllers_) SDL_GameControllerClose(c);
    images_.clear();  // textures before their renderers
    windows_.clear();
}

double Kiosk::now_seconds() const {
    return static_cast<double>(SDL_GetPerformanceCounter() - perf_start_) / static_cast<double>(SDL_GetPerformanceFrequency());
}

bool Kiosk::open_windows(std::string* error) {
    std::string font_error;
    auto files = ui::find_font_files(config_.dyslexia_font ? ui::FontFamily::Dyslexic : ui::FontFamily::Sans, &font_error);
    if (!files) {
        *error = font_error;
        return false;
    }
    font_choice_.files = *files;
    font_choice_.text_scale = config_.text_scale;

    // Which windows, on which displays. Never put the presenter view on the projector by accident:
    // with two displays the presenter goes on the primary (the laptop) and the projector on the other.
    std::vector<PlannedWindow> plan;
    if (options_.headless) {
        std::vector<std::string> roles = options_.headless_windows;
        if (roles.empty()) roles = {"projector"};
        for (const auto& r : roles)
            plan.push_back({r == "presenter" ? WindowRole::Presenter : r == "booth" ? WindowRole::Booth : WindowRole::Projector, -1});
    } else {
        WindowPlan wp = plan_windows(SDL_GetNumVideoDisplays(), config_.projector_display, config_.presenter_display,
                                     config_.booth_display, options_.windowed.has_value());
        for (const auto& n : wp.notes) std::cerr << "upstander: " << n << "\n";
        plan = std::move(wp.windows);
    }
    for (const PlannedWindow& p : plan) {
        WindowSpec spec;
        spec.role = p.role;
        spec.title = std::string("Upstander \xE2\x80\x94 ") + to_string(p.role);
        spec.headless = options_.headless;
        spec.display = p.display;
        if (options_.headless) {
            spec.width = options_.headless_size.width;
            spec.height = options_.headless_size.height;
        } else if (options_.windowed) {
            spec.width = options_.windowed->width;
            spec.height = options_.windowed->height;
        } else {
            spec.fullscreen = true;
        }
        auto w = AppWindow::create(spec, error);
        if (!w) return false;
        if (config_.kiosk_mode) {
            w->set_keyboard_grab(true);
            SDL_ShowCursor(SDL_ENABLE);  // touch and mouse still work; only the keyboard is grabbed
        }
        images_.push_back(std::make_unique<ui::ImageCache>(w->renderer()));
        windows_.push_back(std::move(w));
    }
    if (windows_.size() > 1) identify_until_ = now_seconds() + 6.0;
    return true;
}

bool Kiosk::has_role(WindowRole r) const {
    return std::any_of(windows_.begin(), windows_.end(), [&](const auto& w) { return w->role() == r; });
}

AppWindow* Kiosk::facilitator_window() {
    if (AppWindow* p = window_for(WindowRole::Presenter)) return p;
    return window_for(WindowRole::Projector);
}

void Kiosk::swap_screens() {
    AppWindow* proj = window_for(WindowRole::Projector);
    AppWindow* pres = window_for(WindowRole::Presenter);
    if (!proj || !pres) return;
    // A clip's texture belongs to the projector's renderer, which is about to change.
    if (player_) player_->release_texture();
    if (preload_) preload_->release_texture();
    proj->set_role(WindowRole::Presenter);
    pres->set_role(WindowRole::Projector);
    identify_until_ = now_seconds() + 6.0;
    request_redraw();
}

void Kiosk::change_text_scale(float delta) {
    config_.text_scale = std::clamp(std::round((config_.text_scale + delta) * 10.0f) / 10.0f, 0.5f, 3.0f);
    font_choice_.text_scale = config_.text_scale;
    show_toast("Text size " + std::to_string(static_cast<int>(std::lround(config_.text_scale * 100))) + "%", 2.0);
}

// [SECTION] Impact and settings

void Kiosk::open_impact() {
    // No folder yet simply means no sessions yet: not a problem to report.
    std::error_code exists_ec;
    const bool have_dir = std::filesystem::is_directory(config_.data_dir, exists_ec);
    Report report = have_dir ? build_report(collect_sessions({config_.data_dir}), ReportFilter{}) : Report{};
    impact_ = ui::ImpactView{};
    impact_.data_dir = config_.data_dir.string();
    const long long n = static_cast<long long>(report.sessions.size());
    if (n == 0) {
        impact_.headline = "No sessions are stored on this kiosk yet.";
    } else {
        impact_.headline = format_grouped(report.participants) + (report.estimated_participants > 0 ? " (partly estimated)" : "") +
                           " people took part in " + format_grouped(n) + (n == 1 ? " session" : " sessions") +
                           (report.first_date.empty() ? "" : ", " + report.first_date + " to " + report.last_date) + ".";
        for (const auto& row : report.by_format)
            impact_.details.push_back(row.label + ": " + format_grouped(row.sessions) + " sessions, " +
                                      format_grouped(row.participants) + " people");
        for (const auto& row : report.by_audience)
            impact_.details.push_back(row.label + ": " + format_grouped(row.participants) + " people");
    }
    for (const auto& m : report.measures) impact_.measures.push_back(m.sentence);
    if (!report.problems.empty())
        impact_.problems = std::to_string(report.problems.size()) + " file(s) could not be read, for example " +
                           report.problems.front().file + ": " + report.problems.front().reason;
    // Likely places for a USB stick, then the home folder.
    std::error_code ec;
    for (const char* base : {"/media", "/run/media"}) {
        for (const auto& e : std::filesystem::directory_iterator(base, ec)) {
            if (!e.is_directory(ec)) continue;
            bool added = false;
            for (const auto& inner : std::filesystem::directory_iterator(e.path(), ec))
                if (inner.is_directory(ec)) {
                    impact_.suggestions.push_back(inner.path().string());
                    added = true;
                }
            if (!added) impact_.suggestions.push_back(e.path().string());
        }
    }
    // Default to a removable drive when there is one; never guess anything else.
    impact_.export_folder = impact_.suggestions.empty() ? std::string() : impact_.suggestions.front();
    if (const char* home = std::getenv("HOME")) impact_.suggestions.push_back(home);
    screen_ = Screen::Impact;
}

void Kiosk::export_report(const std::string& folder) {
    if (folder.empty()) {
        impact_.status = "Type a folder, or choose one of the suggestions.";
        return;
    }
    Report report = build_report(collect_sessions({config_.data_dir}), ReportFilter{});
    const std::filesystem::path dir(folder);
    const std::string stem = "upstander-report-" + local_date_today();
    const std::filesystem::path csv = dir / (stem + ".csv");
    std::string err = write_file_atomically(csv, report_sessions_csv(report));
    if (err.empty()) err = write_file_atomically(summary_csv_path(csv), report_summary_csv(report));
    if (err.empty()) err = write_file_atomically(dir / (stem + ".html"), report_html(report));
    impact_.status = err.empty() ? "Saved " + stem + ".csv, " + stem + "-summary.csv and " + stem + ".html in " + folder
                                 : "Not saved: " + err;
}

void Kiosk::open_settings() {
    settings_form_ = ui::SettingsForm{};
    settings_form_.config = config_.config;
    settings_form_.file = config_.config_file.string();
    screen_ = Screen::Settings;
}

void Kiosk::save_settings() {
    Config c = settings_form_.config;
    c.pin_hash = config_.config.pin_hash;  // the PIN is only changed with --set-pin
    if (std::string err = save_config(c, config_.config_file); !err.empty()) {
        settings_form_.status = "Not saved: " + err;
        return;
    }
    config_.config = c;
    // Apply at once.
    config_.theme = ui::theme_from_name(c.theme);
    theme_ = ui::make_theme(config_.theme);
    config_.text_scale = static_cast<float>(c.text_scale);
    font_choice_.text_scale = config_.text_scale;
    if (c.dyslexia_font != config_.dyslexia_font) {
        config_.dyslexia_font = c.dyslexia_font;
        if (auto files = ui::find_font_files(c.dyslexia_font ? ui::FontFamily::Dyslexic : ui::FontFamily::Sans, nullptr))
            font_choice_.files = *files;
    }
    config_.attract_after_seconds = c.idle_timeout_seconds;
    config_.session = session_options(c);
    if (!options_.headless && config_.kiosk_mode != c.kiosk) {
        config_.kiosk_mode = c.kiosk;
        for (auto& w : windows_) w->set_keyboard_grab(c.kiosk);
    }
    settings_form_.status = "Saved. New sessions use the voting settings; the rest applies now.";
}

void Kiosk::ask_to_leave(PinPurpose purpose) {
    if (!config_.pin_hash.empty()) {
        overlay_ = Overlay::Pin;
        pin_purpose_ = purpose;
        pin_entry_.clear();
        pin_error_.clear();
    } else {
        overlay_ = purpose == PinPurpose::LeaveWorkshop ? Overlay::ConfirmLeaveWorkshop : Overlay::ConfirmQuit;
    }
    request_redraw();
}

void Kiosk::pin_submit() {
    if (verify_pin(pin_entry_, config_.pin_hash)) {
        overlay_ = Overlay::None;
        pin_entry_.clear();
        do_leave(pin_purpose_);
    } else {
        pin_error_ = "That PIN is not right. Try again.";
        pin_entry_.clear();
    }
}

void Kiosk::do_leave(PinPurpose purpose) {
    switch (purpose) {
        case PinPurpose::Quit:
            if (session_) leave_workshop();
            quit_ = true;
            break;
        case PinPurpose::LeaveWorkshop: leave_workshop(); break;
        case PinPurpose::Settings: open_settings(); break;
    }
}

void Kiosk::load_content() {
    library_ = load_library(config_.content_roots);
    // Errors have their own screen; warnings (a pack copy that replaces another, a pre poll with no
    // post) go to the log, for whoever started the app from a terminal.
    for (const Diagnostic& d : library_.diagnostics)
        if (d.severity == Diagnostic::Severity::Warning) std::cerr << "upstander: " << format_diagnostic(d) << "\n";
}

// [SECTION] HeadlessHost

AppWindow* Kiosk::window_for(WindowRole role) {
    for (auto& w : windows_)
        if (w->role() == role) return w.get();
    return nullptr;
}

bool Kiosk::input_pending() const {
    if (SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT)) return true;
    if (!commands_.empty()) return true;
    for (const auto& w : windows_)
        if (w->input_pending()) return true;
    return false;
}

void Kiosk::request_capture(AppWindow& w, const std::filesystem::path& png) {
    capture_window_ = &w;
    capture_path_ = png;
    request_redraw(1);
}

// [SECTION] Input

void Kiosk::handle_event(const SDL_Event& e) {
    const double now = now_seconds();
    auto route = [&](Uint32 window_id) {
        for (auto& w : windows_)
            if (w->id() == window_id || windows_.size() == 1) {
                w->queue_input(e);
                return;
            }
    };
    switch (e.type) {
        case SDL_QUIT:
            if (overlay_ != Overlay::Pin) ask_to_leave(PinPurpose::Quit);
            return;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_CLOSE && overlay_ != Overlay::Pin) ask_to_leave(PinPurpose::Quit);
            route(e.window.windowID);
            request_redraw();
            return;
        case SDL_MOUSEMOTION:
            route(e.motion.windowID);
            note_activity(now);
            request_redraw();
            return;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            route(e.button.windowID);
            note_activity(now);
            if (e.type == SDL_MOUSEBUTTONDOWN && screen_ == Screen::Attract) screen_ = Screen::Title;
            if (e.type == SDL_MOUSEBUTTONDOWN && blanked_) blanked_ = false;
            request_redraw();
            return;
        case SDL_MOUSEWHEEL:
            route(e.wheel.windowID);
            request_redraw();
            return;
        case SDL_TEXTINPUT:
            route(e.text.windowID);
            request_redraw();
            return;
        case SDL_CONTROLLERDEVICEADDED:
            if (SDL_GameController* c = SDL_GameControllerOpen(e.cdevice.which)) controllers_.push_back(c);
            return;
        case SDL_CONTROLLERBUTTONDOWN: {
            // Gamepad voting: A, B, X, Y, left and right shoulder are options 1 to 6.
            note_activity(now);
            request_redraw();
            int option = -1;
            switch (e.cbutton.button) {
                case SDL_CONTROLLER_BUTTON_A: option = 0; break;
                case SDL_CONTROLLER_BUTTON_B: option = 1; break;
                case SDL_CONTROLLER_BUTTON_X: option = 2; break;
                case SDL_CONTROLLER_BUTTON_Y: option = 3; break;
                case SDL_CONTROLLER_BUTTON_LEFTSHOULDER: option = 4; break;
                case SDL_CONTROLLER_BUTTON_RIGHTSHOULDER: option = 5; break;
                default: break;
            }
            if (option >= 0 && screen_ == Screen::Workshop && overlay_ == Overlay::None && session_ &&
                session_->current_step_is_poll())
                commands_.push_back(ui::Command{ui::CommandType::Vote, option, {}});
            return;
        }
        case SDL_KEYDOWN:
        case SDL_KEYUP: {
            route(e.key.windowID);
            note_activity(now);
            request_redraw();
            AppWindow* target = nullptr;
            for (auto& w : windows_)
                if (w->id() == e.key.windowID) target = w.get();
            if (target == nullptr && !windows_.empty()) target = windows_.front().get();
            // While a text field has the keyboard only Esc and F1 mean something to the app.
            const bool typing = target && target->wants_text_input();
            if (e.type == SDL_KEYDOWN && (!typing || e.key.keysym.sym == SDLK_ESCAPE || e.key.keysym.sym == SDLK_F1))
                handle_key(e.key);
            return;
        }
        default:
            if (wake_event_ != 0 && e.type == wake_event_) request_redraw(1);  // a clip has a new frame or state
            return;
    }
}

namespace {
// 1..9 from the top row or the keypad; 0 when the key is not a digit.
int digit_of(SDL_Keycode k) {
    if (k >= SDLK_1 && k <= SDLK_9) return static_cast<int>(k - SDLK_1) + 1;
    if (k >= SDLK_KP_1 && k <= SDLK_KP_9) return static_cast<int>(k - SDLK_KP_1) + 1;
    return 0;
}
}  // namespace

void Kiosk::handle_key(const SDL_KeyboardEvent& key) {
    using ui::CommandType;
    const SDL_Keycode k = key.keysym.sym;
    auto push = [&](CommandType t, int index = -1, std::string text = {}) {
        commands_.push_back(ui::Command{t, index, std::move(text)});
    };

    // Dialogs first: they take every key.
    if (overlay_ == Overlay::Pin) {
        if (int d = digit_of(k)) push(CommandType::PinDigit, d);
        else if (k == SDLK_0 || k == SDLK_KP_0) push(CommandType::PinDigit, 0);
        else if (k == SDLK_BACKSPACE) push(CommandType::PinBackspace);
        else if (k == SDLK_RETURN || k == SDLK_KP_ENTER) push(CommandType::PinSubmit);
        else if (k == SDLK_ESCAPE) push(CommandType::PinCancel);
        return;
    }
    if (overlay_ == Overlay::ConfirmQuit || overlay_ == Overlay::ConfirmLeaveWorkshop) {
        if (k == SDLK_y || k == SDLK_RETURN || k == SDLK_KP_ENTER) push(CommandType::ConfirmQuit);
        else if (k == SDLK_n || k == SDLK_ESCAPE) push(CommandType::CancelQuit);
        return;
    }
    if (blanked_) {  // any key brings the screen back, and does nothing else
        if (!key.repeat) push(CommandType::ToggleBlank);
        return;
    }
    if (screen_ == Screen::Attract) {
        screen_ = Screen::Title;
        return;
    }
    if (overlay_ == Overlay::Help) {
        if (k == SDLK_F1 || k == SDLK_ESCAPE) push(CommandType::CloseOverlay);
        return;
    }
    if (overlay_ == Overlay::Goto) {
        if (k == SDLK_ESCAPE || k == SDLK_g) push(CommandType::CloseOverlay);
        else if (int d = digit_of(k)) push(CommandType::GotoModule, d - 1);
        return;
    }
    if (key.repeat) return;  // a held key must not race through a workshop
    switch (k) {
        case SDLK_F1: push(CommandType::ToggleHelp); return;
        case SDLK_s: push(CommandType::SwapScreens); return;
        case SDLK_TAB: push(CommandType::ToggleFacilitatorPanel); return;
        case SDLK_q: push(CommandType::ToggleCalm); return;
        case SDLK_EQUALS:
        case SDLK_PLUS:
        case SDLK_KP_PLUS: push(CommandType::TextBigger); return;
        case SDLK_MINUS:
        case SDLK_KP_MINUS: push(CommandType::TextSmaller); return;
        default: break;
    }
    if (calm_) {  // the calm screen stays until Q (or its button); other keys do nothing
        return;
    }

    switch (screen_) {
        case Screen::Title:
            if (k == SDLK_ESCAPE) push(CommandType::RequestQuit);
            else if (k == SDLK_p && library_.has_problems()) push(CommandType::ShowProblems);
            else if (k == SDLK_i) push(CommandType::ShowImpact);
            else if (k == SDLK_F2) push(CommandType::ShowSettings);
            else if (int d = digit_of(k); d > 0 && d <= static_cast<int>(library_.workshops.size()))
                push(CommandType::StartWorkshop, d - 1, library_.workshops[static_cast<size_t>(d - 1)].def->id);
            break;
        case Screen::Problems:
        case Screen::Impact:
        case Screen::Settings:
            if (k == SDLK_ESCAPE) push(CommandType::ShowTitle);
            break;
        case Screen::Setup:
            if (k == SDLK_ESCAPE) push(CommandType::CancelSetup);
            else if (k == SDLK_RETURN || k == SDLK_KP_ENTER) push(CommandType::ConfirmSetup);
            break;
        case Screen::Resume:
            if (k == SDLK_ESCAPE) push(CommandType::DismissResume);
            else if (k == SDLK_RETURN || k == SDLK_KP_ENTER) push(CommandType::ResumeSession);
            break;
        case Screen::Workshop: {
            if (handle_video_key(k)) break;
            const bool shift = (key.keysym.mod & KMOD_SHIFT) != 0;
            const bool on_poll = session_ && session_->current_step_is_poll();
            switch (k) {
                case SDLK_RIGHT:
                case SDLK_PAGEDOWN:
                case SDLK_SPACE: push(CommandType::Next); break;
                case SDLK_LEFT:
                case SDLK_PAGEUP:
                case SDLK_BACKSPACE: push(CommandType::Back); break;
                case SDLK_b:
                case SDLK_PERIOD: push(CommandType::ToggleBlank); break;
                case SDLK_g: push(CommandType::OpenGoto); break;
                case SDLK_t: push(timer_.running ? CommandType::StopTimer : CommandType::StartTimer); break;
                case SDLK_r: push(shift ? CommandType::ToggleSuppressionOverride : CommandType::Reveal); break;
                case SDLK_o: push(CommandType::Reopen); break;
                case SDLK_a: push(shift ? CommandType::ToggleBallotMode : CommandType::ArmBallot); break;
                case SDLK_v: push(CommandType::VoidLastVote); break;
                case SDLK_ESCAPE: push(CommandType::RequestQuit); break;
                default:
                    if (int d = digit_of(k); d > 0 && d <= 6)
                        push(on_poll ? CommandType::Vote : CommandType::Choose, d - 1);
                    break;
            }
            break;
        }
        case Screen::Attract:
            break;
    }
}

// [SECTION] Commands

void Kiosk::apply_all() {
    // Commands may push more commands; take the batch first.
    ui::CommandQueue batch;
    batch.swap(commands_);
    for (const auto& c : batch) apply(c);
    if (!batch.empty()) request_redraw();
}

void Kiosk::apply(const ui::Command& c) {
    using ui::CommandType;
    const double now = now_seconds();
    switch (c.type) {
        case CommandType::Next:
            if (session_ && session_->next()) on_step_changed();
            break;
        case CommandType::Back:
            if (session_ && session_->back()) on_step_changed();
            break;
        case CommandType::ToggleBlank:
            blanked_ = !blanked_;
            break;
        case CommandType::ToggleCalm:
            calm_ = !calm_;
            break;
        case CommandType::ToggleHelp:
            overlay_ = overlay_ == Overlay::Help ? Overlay::None : Overlay::Help;
            break;
        case CommandType::OpenGoto:
            if (session_) overlay_ = Overlay::Goto;
            break;
        case CommandType::CloseOverlay:
            overlay_ = Overlay::None;
            break;
        case CommandType::GotoModule:
            if (session_ && session_->jump_to_module(c.index)) {
                overlay_ = Overlay::None;
                on_step_changed();
            }
            break;
        case CommandType::Choose:
            if (session_ && session_->choose(c.index)) on_step_changed();
            break;
        case CommandType::StartWorkshop:
            start_workshop(c.text);
            break;
        case CommandType::ShowProblems:
            screen_ = Screen::Problems;
            break;
        case CommandType::ShowTitle:
            screen_ = Screen::Title;
            break;
        case CommandType::RequestQuit:
            ask_to_leave(screen_ == Screen::Workshop ? PinPurpose::LeaveWorkshop : PinPurpose::Quit);
            break;
        case CommandType::ConfirmQuit: {
            const PinPurpose p = overlay_ == Overlay::ConfirmLeaveWorkshop ? PinPurpose::LeaveWorkshop : PinPurpose::Quit;
            overlay_ = Overlay::None;
            do_leave(p);
            break;
        }
        case CommandType::CancelQuit:
            overlay_ = Overlay::None;
            break;
        case CommandType::StartTimer: {
            const Step* s = session_ ? session_->current_step() : nullptr;
            if (s && s->type == StepType::Discussion && s->timer_seconds) {
                if (!timer_.started || timer_.remaining <= 0) {
                    timer_.started = true;
                    timer_.remaining = *s->timer_seconds;
                }
                timer_.running = true;
                timer_.last_tick = now;
            }
            break;
        }
        case CommandType::StopTimer:
            timer_.running = false;
            break;
        case CommandType::ConfirmSetup:
            confirm_setup();
            break;
        case CommandType::CancelSetup:
            setup_workshop_ = nullptr;
            screen_ = Screen::Title;
            break;
        case CommandType::ResumeSession:
            resume_session();
            break;
        case CommandType::FinishOldSession:
            finish_old_session();
            break;
        case CommandType::DismissResume:
            unfinished_.reset();
            screen_ = Screen::Title;
            start_requested_workshop();
            break;
        case CommandType::Vote:
            vote(c.index);
            break;
        case CommandType::Reveal:
            if (session_ && session_->reveal()) {
                reveal_started_ = now;
                request_redraw();
            }
            break;
        case CommandType::Reopen:
            if (session_ && session_->reopen()) show_toast("Voting is open again.");
            break;
        case CommandType::ArmBallot:
            if (session_ && session_->arm_ballot()) show_toast("Ballot armed: the next person can vote.");
            break;
        case CommandType::VoidLastVote:
            if (session_) show_toast(void_outcome_message(session_->void_last_vote(std::chrono::steady_clock::now())));
            break;
        case CommandType::ToggleSuppressionOverride:
            if (session_) {
                const bool on = session_->at_summary() ? !session_->summary_suppression_overridden()
                                                       : !(session_->current_poll(std::chrono::steady_clock::now())
                                                               .value_or(PollView{})
                                                               .suppression_overridden);
                if (session_->override_suppression(on))
                    show_toast(on ? "Percentages shown even though there are few votes."
                                  : "Percentages hidden again while there are few votes.");
            }
            break;
        case CommandType::ToggleBallotMode:
            if (session_) {
                const BallotMode m = session_->ballot_mode() == BallotMode::Open ? BallotMode::Armed : BallotMode::Open;
                session_->set_ballot_mode(m);
                show_toast(m == BallotMode::Armed ? "Armed ballots: press A before each person votes."
                                                  : "Open ballots: the next vote is accepted after a short pause.");
            }
            break;
        case CommandType::EndSession:
            if (session_) ask_to_leave(PinPurpose::LeaveWorkshop);
            break;
        case CommandType::PlayPauseVideo:
            handle_video_key(SDLK_k);
            break;
        case CommandType::SwapScreens:
            swap_screens();
            break;
        case CommandType::ToggleFacilitatorPanel:
            if (!has_role(WindowRole::Presenter)) facilitator_panel_ = !facilitator_panel_;
            break;
        case CommandType::TextBigger:
            change_text_scale(0.1f);
            break;
        case CommandType::TextSmaller:
            change_text_scale(-0.1f);
            break;
        case CommandType::PinDigit:
            if (overlay_ == Overlay::Pin && pin_entry_.size() < kMaxPinLength && c.index >= 0 && c.index <= 9)
                pin_entry_ += static_cast<char>('0' + c.index);
            break;
        case CommandType::PinBackspace:
            if (!pin_entry_.empty()) pin_entry_.pop_back();
            break;
        case CommandType::PinSubmit:
            if (overlay_ == Overlay::Pin) pin_submit();
            break;
        case CommandType::PinCancel:
            if (overlay_ == Overlay::Pin) overlay_ = Overlay::None;
            pin_entry_.clear();
            break;
        case CommandType::ShowSettings:
            if (screen_ == Screen::Title) {
                if (config_.pin_hash.empty()) open_settings();
                else ask_to_leave(PinPurpose::Settings);
            }
            break;
        case CommandType::ShowImpact:
            if (screen_ == Screen::Title) open_impact();
            break;
        case CommandType::ExportReport:
            export_report(c.text);
            break;
        case CommandType::SaveSettings:
            save_settings();
            break;
    }
}

void Kiosk::show_toast(const std::string& text, double seconds) {
    toast_ = text;
    toast_until_ = now_seconds() + seconds;
    request_redraw();
}

void Kiosk::vote(int option) {
    if (!session_ || !session_->current_step_is_poll()) return;
    const SteadyTime t = std::chrono::steady_clock::now();
    const VoteOutcome outcome = session_->vote(option, t);
    if (outcome == VoteOutcome::Counted || outcome == VoteOutcome::CountedHeldInMemory) {
        // The same confirmation whatever was chosen; it stays up at least for the cooldown.
        confirm_text_ = vote_outcome_message(outcome);
        confirm_until_ = t + std::chrono::milliseconds(1500);
        for (auto& w : windows_) w->clear_hover();
    }
    request_redraw();
}

void Kiosk::start_workshop(const std::string& id) {
    const ResolvedWorkshop* w = library_.find_workshop(id);
    if (w == nullptr) {
        notice_ = "Workshop \"" + id + "\" is not available";
        screen_ = Screen::Title;
        return;
    }
    SessionGroup group;
    if (group_from_options(group)) {
        begin_session(*w, group);
        return;
    }
    setup_workshop_ = w;
    setup_ = ui::SetupForm{};
    setup_.workshop_title = w->def->title;
    setup_.audience = w->def->audience == Audience::Adult ? 1 : w->def->audience == Audience::Mixed ? 2 : 0;
    screen_ = Screen::Setup;
    overlay_ = Overlay::None;
}

bool Kiosk::group_from_options(SessionGroup& out) const {
    if (!options_.group_label) return false;
    out.label = *options_.group_label;
    out.format = parse_enum<GroupFormat>(options_.group_format.value_or("")).value_or(GroupFormat::Group);
    out.audience = parse_enum<Audience>(options_.audience.value_or("")).value_or(Audience::Unspecified);
    if (options_.headcount) out.headcount = *options_.headcount;
    return true;
}

void Kiosk::confirm_setup() {
    if (setup_workshop_ == nullptr) return;
    std::string label = setup_.label;
    while (!label.empty() && label.back() == ' ') label.pop_back();
    while (!label.empty() && label.front() == ' ') label.erase(label.begin());
    if (label.empty()) {
        setup_.error = "Please give the group a label, such as \xE2\x80\x9CYear 9 group B\xE2\x80\x9D.";
        return;
    }
    if (label.size() > 80) {
        setup_.error = "Please use a shorter label (80 characters at most).";
        return;
    }
    SessionGroup g;
    g.label = label;
    g.format = setup_.format == 1 ? GroupFormat::OneToOne : GroupFormat::Group;
    g.audience = setup_.audience == 1 ? Audience::Adult : setup_.audience == 2 ? Audience::Mixed : Audience::Under18;
    if (!setup_.headcount.empty()) {
        long long n = 0;
        for (char ch : setup_.headcount) n = std::min<long long>(n * 10 + (ch - '0'), 1000000);
        if (n < 1 || n > 10000) {
            setup_.error = "The number of people should be between 1 and 10000, or left empty.";
            return;
        }
        g.headcount = n;
    }
    const ResolvedWorkshop* w = setup_workshop_;
    setup_workshop_ = nullptr;
    begin_session(*w, g);
}

void Kiosk::begin_session(const ResolvedWorkshop& w, const SessionGroup& group) {
    SessionSetup setup;
    setup.group = group;
    session_.emplace(WorkshopSession::start(library_, w, SessionStore(config_.data_dir), setup, config_.session));
    workshop_ = &w;
    session_started_ = module_started_ = now_seconds();
    timed_module_ = -1;
    module_elapsed_.assign(w.modules.size() + 1, 0.0);
    screen_ = Screen::Workshop;
    overlay_ = Overlay::None;
    blanked_ = false;
    on_step_changed();
}

void Kiosk::check_for_unfinished() {
    SessionStore store(config_.data_dir);
    SessionScan scan = store.find_unfinished();
    for (const auto& p : scan.problems) std::cerr << "upstander: session file: " << p.message << "\n";
    if (!scan.problems.empty())
        notice_ = std::to_string(scan.problems.size()) + " damaged session file(s) were moved aside; see the log.";
    if (scan.unfinished.empty()) return;
    unfinished_ = std::move(scan.unfinished.front());
    const SessionRecord& r = unfinished_->record;
    resume_view_ = ui::ResumeView{};
    resume_view_.workshop_title = r.workshop_title.empty() ? r.workshop_id : r.workshop_title;
    resume_view_.group_label = r.group.label;
    resume_view_.date = r.date;
    for (const auto& p : r.polls) resume_view_.votes += p.total;
    const ResolvedWorkshop* w = library_.find_workshop(r.workshop_id);
    if (w == nullptr) {
        resume_view_.error = "Its workshop (" + r.workshop_id + ") is not loaded, so it cannot be resumed here.";
        resume_view_.where = "unknown";
    } else {
        Navigator probe(*w);
        if (probe.set_position(NavPosition{r.position_module, r.position_step, r.position_consequence}))
            resume_view_.where = probe.progress_label();
        else
            resume_view_.where = "the start (the workshop has changed since)";
    }
    screen_ = Screen::Resume;
}

void Kiosk::resume_session() {
    if (!unfinished_) return;
    Result<ResumedSession> r =
        WorkshopSession::resume(library_, SessionStore(config_.data_dir), unfinished_->record, config_.session);
    if (!r) {
        resume_view_.error = r.message();
        return;
    }
    session_.emplace(std::move(r->session));
    unfinished_.reset();
    workshop_ = &session_->workshop();
    session_started_ = module_started_ = now_seconds();
    timed_module_ = -1;
    module_elapsed_.assign(workshop_->modules.size() + 1, 0.0);
    screen_ = Screen::Workshop;
    overlay_ = Overlay::None;
    if (!r->note.empty()) show_toast(r->note, 6.0);
    on_step_changed();
}

void Kiosk::finish_old_session() {
    if (!unfinished_) return;
    SessionRecord rec = unfinished_->record;
    rec.status = SessionStatus::Finished;
    SessionStore store(config_.data_dir);
    if (!store.save(rec)) {
        resume_view_.error = store.status().banner;
        return;
    }
    unfinished_.reset();
    check_for_unfinished();  // there may be another
    if (!unfinished_) {
        screen_ = Screen::Title;
        start_requested_workshop();
    }
}

void Kiosk::start_requested_workshop() {
    // --workshop ID: once, when no unfinished session is waiting for a decision.
    if (requested_workshop_started_ || options_.workshop_id.empty() || screen_ == Screen::Resume) return;
    requested_workshop_started_ = true;
    start_workshop(options_.workshop_id);
    if (screen_ == Screen::Title)
        std::cerr << "upstander: there is no workshop with id \"" << options_.workshop_id << "\"\n";
}

void Kiosk::leave_workshop() {
    if (session_) {
        if (!session_->end_session())
            notice_ = "The session could not be saved as finished: " + session_->save_status().banner;
        session_.reset();
    }
    workshop_ = nullptr;
    timer_ = DiscussionTimer{};
    screen_ = Screen::Title;
    player_.reset();
    player_step_ = nullptr;
    preload_.reset();
    preload_step_ = nullptr;
    for (auto& cache : images_) cache->clear();
}

// [SECTION] Live reload

Kiosk::FileStamps Kiosk::content_stamps() const {
    FileStamps stamps;
    std::error_code ec;
    for (const auto& root : config_.content_roots) {
        if (!std::filesystem::is_directory(root, ec)) continue;
        auto it = std::filesystem::recursive_directory_iterator(root, std::filesystem::directory_options::skip_permission_denied, ec);
        for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            if (stamps.size() > 20000) break;  // a mistaken --content on a huge folder must not stall the app
            if (!it->is_regular_file(ec)) continue;
            stamps[it->path()] = {it->last_write_time(ec), it->file_size(ec)};
        }
    }
    return stamps;
}

void Kiosk::check_for_content_changes(double now) {
    if (!options_.watch || now < watch_next_check_) return;
    watch_next_check_ = now + 0.5;
    FileStamps stamps = content_stamps();
    if (stamps == watch_stamps_) return;
    watch_stamps_ = std::move(stamps);
    reload_content();
}

void Kiosk::reload_content() {
    Library fresh = load_library(config_.content_roots);
    // Packs that loaded before and fail now: the edit broke them. Keep showing the last good version.
    std::vector<std::string> broken;
    for (const PackProblem& p : fresh.problems) {
        bool has_error = false;
        for (const auto& d : p.diagnostics) has_error = has_error || d.severity == Diagnostic::Severity::Error;
        if (has_error && (p.pack_id.empty() || library_.find_pack(p.pack_id) != nullptr))
            for (const auto& d : p.diagnostics)
                if (d.severity == Diagnostic::Severity::Error) broken.push_back(format_diagnostic(d));
    }
    if (session_ && fresh.find_workshop(session_->workshop().def->id) == nullptr && broken.empty())
        broken.push_back("the workshop \"" + session_->workshop().def->id + "\" is not in the edited packs any more");
    if (!broken.empty()) {
        watch_errors_ = std::move(broken);
        request_redraw();
        return;
    }
    watch_errors_.clear();
    if (session_) {
        // Rebuild the session on the new content with its counts and position.
        SessionRecord rec = session_->record();
        Result<ResumedSession> r =
            WorkshopSession::resume(fresh, SessionStore(config_.data_dir), std::move(rec), config_.session);
        if (!r) {
            watch_errors_.push_back("the edited workshop cannot carry on this session: " + r.message());
            request_redraw();
            return;
        }
        player_.reset();
        preload_.reset();
        player_step_ = preload_step_ = nullptr;
        timer_ = DiscussionTimer{};
        session_.reset();
        library_ = std::move(fresh);
        session_.emplace(std::move(r->session));
        workshop_ = &session_->workshop();
        if (!r->note.empty()) show_toast(r->note, 6.0);
    } else {
        setup_workshop_ = nullptr;
        if (screen_ == Screen::Setup) screen_ = Screen::Title;
        library_ = std::move(fresh);
    }
    for (auto& cache : images_) cache->clear();
    show_toast("Content reloaded", 2.0);
    if (session_) on_step_changed();
    request_redraw();
}

// [SECTION] Video

std::unique_ptr<media::Player> Kiosk::open_clip(const Step& step, bool autoplay) {
    media::PlayerConfig pc;
    pc.wake_event_type = wake_event_;
    auto p = std::make_unique<media::Player>(pc);
    media::OpenOptions o;
    o.start_seconds = step.video->start_seconds;
    o.end_seconds = step.video->end_seconds;
    o.loop = step.video->loop;
    o.autoplay = autoplay;
    o.captions = step.video->captions;
    p->open(step.video->src, o);
    return p;
}

void Kiosk::update_players() {
    const Step* s = session_ ? session_->current_step() : nullptr;
    const bool is_video = s && s->type == StepType::Video && s->video;
    if (s != player_step_) {
        player_.reset();  // stops the old clip's threads cleanly
        player_step_ = nullptr;
        video_fullscreen_ = false;
        if (is_video) {
            if (preload_ && preload_step_ == s) {
                player_ = std::move(preload_);  // opened while the previous step was showing
                preload_step_ = nullptr;
            } else {
                player_ = open_clip(*s, false);
            }
            player_step_ = s;
            video_view_.reset(*s->video, workshop_pack_settings(library_, *workshop_).captions_default);
        }
    }
    // Preload the next step's clip (open it and decode its first frame) so it starts at once.
    const Step* n = session_ ? session_->navigator().peek_next() : nullptr;
    if (n && n->type == StepType::Video && n->video) {
        if (preload_step_ != n) {
            preload_ = open_clip(*n, false);
            preload_step_ = n;
        }
    } else {
        preload_.reset();
        preload_step_ = nullptr;
    }
}

bool Kiosk::handle_video_key(SDL_Keycode k) {
    if (!player_ || !player_step_ || !session_ || session_->current_step() != player_step_) return false;
    const VideoDef& def = *player_step_->video;
    if (k == SDLK_SPACE) {
        if (!video_view_.wants_space(*player_, def)) return false;  // the clip is over: Space goes on
        k = SDLK_k;
    }
    if (k == SDLK_ESCAPE && video_fullscreen_) {
        video_fullscreen_ = false;
        return true;
    }
    const ui::VideoKeyResult r = video_view_.handle_key(*player_, def, k);
    if (r.fullscreen_requested) video_fullscreen_ = !video_fullscreen_;
    if (r.handled) request_redraw();
    return r.handled;
}

void Kiosk::on_step_changed() {
    if (session_) {
        const int m = session_->position().module;
        const double now = now_seconds();
        if (m != timed_module_) {
            if (timed_module_ >= 0 && timed_module_ < static_cast<int>(module_elapsed_.size()))
                module_elapsed_[static_cast<size_t>(timed_module_)] += now - module_started_;
            timed_module_ = m;
            module_started_ = now;
        }
    }
    const Step* s = session_ ? session_->current_step() : nullptr;
    if (timer_.step != s) timer_ = DiscussionTimer{s};
    update_players();
    confirm_until_ = SteadyTime{};
    reveal_started_ = -1;
    summary_started_ = session_ && session_->at_summary() ? now_seconds() : -1;
    request_redraw();
}

// [SECTION] Time

void Kiosk::tick(double now) {
    check_for_content_changes(now);
    if (session_) {
        const SteadyTime t = std::chrono::steady_clock::now();
        const bool was_saved = session_->all_saved();
        session_->tick(t);
        if (was_saved != session_->all_saved()) request_redraw();
        if (confirm_until_ != SteadyTime{} && t >= confirm_until_) {
            confirm_until_ = SteadyTime{};
            request_redraw();
        }
    }
    if (!toast_.empty() && now >= toast_until_) {
        toast_.clear();
        request_redraw();
    }
    // A playing clip is drawn when its next frame (or caption, or clock) is due. The player's wake
    // events only say that something new was decoded, not that a queued frame's time has come.
    if (player_ && screen_ == Screen::Workshop && now >= video_due_at_) request_redraw(1);
    // Animations redraw every frame while they run, and once more, finished, when their time is up.
    for (double* started : {&reveal_started_, &summary_started_}) {
        if (*started < 0) continue;
        if (now - *started >= kRevealSeconds) *started = -1;  // drawn as finished from now on
        request_redraw(1);
    }
    if (timer_.running) {
        const double dt = now - timer_.last_tick;
        timer_.last_tick = now;
        const double before = timer_.remaining;
        timer_.remaining = std::max(0.0, timer_.remaining - dt);
        if (std::ceil(before) != std::ceil(timer_.remaining)) request_redraw(1);
        if (timer_.remaining <= 0) {
            timer_.running = false;
            request_redraw();
        }
    }
    if (screen_ == Screen::Title && overlay_ == Overlay::None && config_.attract_after_seconds > 0 &&
        now - last_activity_ >= config_.attract_after_seconds) {
        screen_ = Screen::Attract;
        request_redraw();
    }
    if (screen_ == Screen::Attract && std::floor(now / 5.0) != std::floor(last_frame_time_ / 5.0)) request_redraw(1);
    if (identify_until_ > 0 && now >= identify_until_) {
        identify_until_ = 0;
        request_redraw();
    }
    if (session_ && (has_role(WindowRole::Presenter) || facilitator_panel_) &&
        std::floor(now - session_started_) != std::floor(last_frame_time_ - session_started_))
        request_redraw(1);
}

double Kiosk::seconds_until_next_wake(double now) const {
    double wake = 5.0;  // nothing animates: wake rarely
    if (session_) {
        const SteadyTime t = std::chrono::steady_clock::now();
        auto until = [&](SteadyTime d) { return std::chrono::duration<double>(d - t).count(); };
        if (auto d = session_->next_deadline(t)) wake = std::min(wake, std::max(0.01, until(*d)));
        if (confirm_until_ != SteadyTime{}) wake = std::min(wake, std::max(0.01, until(confirm_until_)));
    }
    if (!toast_.empty()) wake = std::min(wake, std::max(0.01, toast_until_ - now));
    if (identify_until_ > now) wake = std::min(wake, identify_until_ - now + 0.01);
    if (options_.watch) wake = std::min(wake, std::max(0.01, watch_next_check_ - now));
    if (player_ && screen_ == Screen::Workshop) wake = std::min(wake, std::max(0.002, video_due_at_ - now));
    // The presenter's clocks tick once a second.
    if (session_ && (has_role(WindowRole::Presenter) || facilitator_panel_))
        wake = std::min(wake, std::max(0.01, 1.0 - std::fmod(now - session_started_, 1.0)));
    if (timer_.running) wake = std::min(wake, std::max(0.01, timer_.remaining - std::floor(timer_.remaining - 1e-6)));
    if (screen_ == Screen::Title && config_.attract_after_seconds > 0)
        wake = std::min(wake, std::max(0.05, last_activity_ + config_.attract_after_seconds - now));
    if (screen_ == Screen::Attract) wake = std::min(wake, 5.0);
    if (reveal_started_ >= 0 || summary_started_ >= 0) wake = std::min(wake, kAnimationFrameSeconds);
    return wake;
}

// [SECTION] Drawing

ui::StepView Kiosk::step_view(AppWindow& w, ui::PollStepView& poll_view, PollView& poll,
                              std::vector<MeasureChange>& summary) {
    ui::StepView v;
    if (!session_) return v;
    const Navigator& nav = session_->navigator();
    const double now = now_seconds();
    v.workshop_title = workshop_->def->title;
    const Module* m = nav.current_module();
    v.module_title = m ? m->title : std::string(kSummaryTitle);
    v.progress = nav.progress_label();
    v.step = nav.current_step();
    v.is_consequence = nav.position().consequence >= 0;
    v.at_start = nav.at_start();
    v.at_end = nav.at_end();
    if (!session_->all_saved()) v.banner = session_->save_status().banner;
    if (now < toast_until_) v.toast = toast_;
    if (v.step && v.step->type == StepType::Image && v.step->image) v.image = &image_for(w, v.step->image->src);
    if (v.step && v.step == timer_.step) {
        v.timer.started = timer_.started;
        v.timer.running = timer_.running;
        v.timer.remaining_seconds = timer_.remaining;
    }
    const SteadyTime t = std::chrono::steady_clock::now();
    if (auto p = session_->current_poll(t)) {
        poll = std::move(*p);
        poll_view.poll = &poll;
        poll_view.show_buttons = true;
        poll_view.confirmation = confirm_until_ != SteadyTime{} && t < confirm_until_;
        poll_view.confirmation_text = confirm_text_;
        poll_view.reveal_progress = reveal_started_ < 0 ? 1.0 : (now - reveal_started_) / kRevealSeconds;
        v.poll = &poll_view;
    }
    if (session_->at_summary()) {
        summary = session_->what_changed_today();
        v.summary = &summary;
        v.summary_progress = summary_started_ < 0 ? 1.0 : (now - summary_started_) / kRevealSeconds;
    }
    return v;
}

const ui::ImageTexture& Kiosk::image_for(const AppWindow& w, const std::filesystem::path& src) {
    size_t idx = 0;
    for (; idx < windows_.size(); ++idx)
        if (windows_[idx].get() == &w) break;
    return images_[idx]->get(src);
}

std::optional<ui::StepView> Kiosk::next_step_view(AppWindow& w) {
    if (!session_) return std::nullopt;
    const Navigator& nav = session_->navigator();
    ui::StepView v;
    v.miniature = true;
    v.workshop_title = workshop_->def->title;
    v.step = nav.peek_next();
    if (v.step == nullptr && !nav.peek_next_is_summary()) return std::nullopt;  // the last step
    // The image is loaded a step early, which also saves the wait when the facilitator moves on.
    if (v.step && v.step->type == StepType::Image && v.step->image) v.image = &image_for(w, v.step->image->src);
    return v;  // polls show their question and options; the summary its heading (no results before they are due)
}

void Kiosk::draw_window(AppWindow& w, ui::UiContext& ctx) {
    switch (w.role()) {
        case WindowRole::Projector: draw_projector(w, ctx); break;
        case WindowRole::Presenter: draw_presenter_window(w, ctx); break;
        case WindowRole::Booth: draw_booth_window(w, ctx); break;
    }
    if (&w == facilitator_window()) {
        draw_overlays(ctx);
        if (!watch_errors_.empty()) ui::draw_reload_errors(ctx, watch_errors_);
    }
    if (identify_until_ > now_seconds()) {
        switch (w.role()) {
            case WindowRole::Projector:
                ui::draw_identify_banner(ctx, "PROJECTOR", "The class sees this screen. Press S to swap screens.");
                break;
            case WindowRole::Presenter:
                ui::draw_identify_banner(ctx, "PRESENTER", "Only you see this screen. Press S to swap screens.");
                break;
            case WindowRole::Booth:
                ui::draw_identify_banner(ctx, "VOTING BOOTH", "Pupils vote on this screen.");
                break;
        }
    }
}

void Kiosk::draw_projector(AppWindow& w, ui::UiContext& ctx) {
    const bool presenter = has_role(WindowRole::Presenter);
    if (blanked_) {
        ui::draw_blank(ctx);
        return;
    }
    if (calm_) {
        ui::draw_calm(ctx);
        return;
    }
    // With a presenter window, forms and lists are the facilitator's: the class sees a holding screen.
    if (presenter && (screen_ == Screen::Setup || screen_ == Screen::Resume || screen_ == Screen::Problems ||
                      screen_ == Screen::Impact || screen_ == Screen::Settings)) {
        ui::draw_attract(ctx, setup_workshop_ ? setup_workshop_->def->title : std::string("Upstander"));
        return;
    }
    switch (screen_) {
        case Screen::Title: {
            ui::TitleView tv{&library_, notice_};
            ui::draw_title(ctx, tv);
            break;
        }
        case Screen::Attract: {
            std::string headline = "Upstander";
            if (library_.workshops.size() == 1) headline = library_.workshops[0].def->title;
            ui::draw_attract(ctx, headline);
            break;
        }
        case Screen::Problems:
            ui::draw_problems(ctx, library_);
            break;
        case Screen::Workshop: {
            ui::PollStepView poll_view;
            PollView poll;
            std::vector<MeasureChange> summary;
            ui::StepView v = step_view(w, poll_view, poll, summary);
            ui::VideoSlot video;
            if (player_ && v.step == player_step_) {
                video = ui::VideoSlot{&video_view_, player_.get(), w.renderer(), video_fullscreen_};
                v.video = &video;
            }
            // With a booth, nobody can see where a pupil touches: the projector shows no buttons.
            poll_view.show_buttons = !has_role(WindowRole::Booth);
            if (presenter) v.banner.clear();  // the facilitator sees it on the presenter
            if (presenter) v.toast.clear();
            v.hide_nav = facilitator_panel_ && !presenter;
            // With the facilitator panel open, the step is laid out beside it rather than under it.
            ui::UiContext step_ctx = ctx;
            if (facilitator_panel_ && !presenter) step_ctx.size.x = std::round(ctx.size.x * 0.55f);
            ui::draw_step_screen(step_ctx, v);
            video_due_at_ = v.video ? ctx.now + video.redraw_in : 1e18;
            if (preload_) preload_->update(w.renderer());  // the next clip's first picture is ready in advance
            if (facilitator_panel_ && !presenter) {
                ImGui::SetNextWindowPos(ImVec2(ctx.size.x * 0.55f, 0));
                ImGui::SetNextWindowSize(ImVec2(ctx.size.x * 0.45f, ctx.size.y));
                ImGui::PushStyleColor(ImGuiCol_WindowBg, ctx.theme->panel);
                ImGui::Begin("##facilitator-panel", nullptr,
                             ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
                ImGui::PopStyleColor();
                const float pad = 20 * ctx.u;
                ui::draw_facilitator_panel(ctx, facilitator_view(ctx.now), ImVec2(ctx.size.x * 0.55f + pad, pad),
                                           ImVec2(ctx.size.x - pad, ctx.size.y - pad), true);
                ImGui::End();
            }
            break;
        }
        case Screen::Setup:
            ui::draw_setup(ctx, setup_);
            break;
        case Screen::Resume:
            ui::draw_resume(ctx, resume_view_);
            break;
        case Screen::Impact:
            ui::draw_impact(ctx, impact_);
            break;
        case Screen::Settings:
            ui::draw_settings(ctx, settings_form_);
            break;
    }
}

void Kiosk::draw_presenter_window(AppWindow& w, ui::UiContext& ctx) {
    switch (screen_) {
        case Screen::Workshop: {
            ui::PollStepView poll_view;
            PollView poll;
            std::vector<MeasureChange> summary;
            ui::StepView v = step_view(w, poll_view, poll, summary);
            poll_view.show_buttons = false;  // the facilitator does not vote
            if (!has_role(WindowRole::Booth)) poll_view.no_buttons_text = "Pupils vote on the projector screen.";
            ui::VideoSlot video;
            if (player_ && v.step == player_step_) {
                video = ui::VideoSlot{&video_view_, player_.get(), nullptr, false};
                v.video = &video;
            }
            const std::optional<ui::StepView> next = next_step_view(w);
            ui::draw_presenter(ctx, v, facilitator_view(ctx.now), next ? &*next : nullptr);
            break;
        }
        case Screen::Title:
        case Screen::Attract: {
            ui::TitleView tv{&library_, notice_};
            ui::draw_title(ctx, tv);
            break;
        }
        case Screen::Problems: ui::draw_problems(ctx, library_); break;
        case Screen::Setup: ui::draw_setup(ctx, setup_); break;
        case Screen::Resume: ui::draw_resume(ctx, resume_view_); break;
        case Screen::Impact: ui::draw_impact(ctx, impact_); break;
        case Screen::Settings: ui::draw_settings(ctx, settings_form_); break;
    }
}

void Kiosk::draw_booth_window(AppWindow& w, ui::UiContext& ctx) {
    if (screen_ != Screen::Workshop || !session_ || calm_ || blanked_) {
        ui::draw_booth(ctx, nullptr);
        return;
    }
    ui::PollStepView poll_view;
    PollView poll;
    std::vector<MeasureChange> summary;
    step_view(w, poll_view, poll, summary);
    ui::draw_booth(ctx, poll_view.poll ? &poll_view : nullptr);
}

void Kiosk::draw_overlays(ui::UiContext& ctx) {
    switch (overlay_) {
        case Overlay::None: break;
        case Overlay::Help: ui::draw_help_overlay(ctx); break;
        case Overlay::Goto:
            if (session_) ui::draw_goto_overlay(ctx, session_->navigator());
            break;
        case Overlay::ConfirmQuit: ui::draw_confirm_quit(ctx, "Close Upstander?"); break;
        case Overlay::ConfirmLeaveWorkshop:
            ui::draw_confirm_quit(ctx, session_ && !session_->all_saved()
                                           ? "Some votes are not saved to disk yet. Leave anyway? They will be lost."
                                           : "End this session and go back to the list of workshops?");
            break;
        case Overlay::Pin: {
            ui::PinPromptView pv;
            pv.reason = pin_purpose_ == PinPurpose::LeaveWorkshop ? "Enter the facilitator PIN to end this session"
                                                                  : "Enter the facilitator PIN to close Upstander";
            pv.digits = pin_entry_.size();
            pv.error = pin_error_;
            ui::draw_pin_prompt(ctx, pv);
            break;
        }
    }
}

ui::FacilitatorView Kiosk::facilitator_view(double now) {
    ui::FacilitatorView f;
    if (!session_) return f;
    const Step* step = session_->current_step();
    if (step) f.notes = step->facilitator_notes;
    const Navigator& nav = session_->navigator();
    if (const Step* n = nav.peek_next()) {
        std::string h = n->heading;
        if (h.empty() && n->poll) h = n->poll->question;
        f.next_title = std::string(to_string(n->type)) + ": " + h;
    } else if (nav.peek_next_is_summary()) {
        f.next_title = kSummaryTitle;
    } else {
        f.next_title = "This is the last step.";
    }
    const double total = now - session_started_;
    const int expected = workshop_->def->duration_minutes * 60;
    f.total_time = ui::format_clock(total) + " of " + ui::format_clock(expected);
    f.over_time = total > expected;
    const int m = session_->position().module;
    double in_module = now - module_started_;
    if (m >= 0 && m < static_cast<int>(module_elapsed_.size())) in_module += module_elapsed_[static_cast<size_t>(m)];
    f.module_time = ui::format_clock(in_module) + " in this module";
    const SteadyTime t = std::chrono::steady_clock::now();
    if (auto p = session_->current_poll(t)) {
        f.on_poll = true;
        f.votes = std::to_string(p->votes) + (p->votes == 1 ? " vote" : " votes");
        f.poll_open = p->state == PollState::Open;
        f.poll_revealed = p->revealed;
        f.can_void = p->can_void;
        f.armed_mode = p->ballot_mode == BallotMode::Armed;
        f.armed = p->armed;
        f.suppression_overridden = p->suppression_overridden;
        f.suppressed = p->display.suppressed;
    }
    f.on_summary = session_->at_summary();
    if (f.on_summary) {
        f.suppression_overridden = session_->summary_suppression_overridden();
        for (const MeasureChange& change : session_->what_changed_today())
            f.suppressed = f.suppressed || change.pre.display.suppressed || change.post.display.suppressed;
    }
    f.on_video = step && step->type == StepType::Video && player_;
    f.video_playing = player_ && player_->status() == media::PlayerStatus::Playing;
    f.blanked = blanked_;
    f.calm = calm_;
    if (!session_->all_saved()) f.banner = session_->save_status().banner;
    if (now < toast_until_) f.toast = toast_;
    return f;
}

void Kiosk::render_window(AppWindow& w, double now) {
    std::string error;
    if (!w.begin_frame(font_choice_, theme_, now - last_frame_time_, &error)) {
        std::cerr << "upstander: " << error << "\n";
        quit_ = true;
        exit_code_ = 1;
        return;
    }
    ui::UiContext ctx;
    ctx.registry = &w.registry();
    ctx.fonts = &w.fonts();
    ctx.mini_fonts = w.mini_fonts();
    ctx.theme = &theme_;
    ctx.commands = &commands_;
    ctx.size = ImVec2(static_cast<float>(w.width()), static_cast<float>(w.height()));
    ctx.u = w.fonts().body_px / 30.0f;
    ctx.now = now;
    draw_window(w, ctx);
    const bool capture = capture_window_ == &w;
    if (!w.end_frame(theme_, capture ? capture_path_ : std::filesystem::path(), &error)) {
        std::cerr << "upstander: " << error << "\n";
        quit_ = true;
        exit_code_ = 1;
    }
    if (capture) capture_window_ = nullptr;
}

void Kiosk::render_all(double now) {
    for (auto& w : windows_) render_window(*w, now);
    last_frame_time_ = now;
}

// [SECTION] The loop

int Kiosk::run() {
    if (options_.script) {
        std::ifstream in(*options_.script, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        ScriptParseResult parsed = parse_script(ss.str());
        if (!parsed.ok()) {
            for (const auto& e : parsed.errors) std::cerr << options_.script->string() << ": " << e << "\n";
            return 2;
        }
        runner_ = std::make_unique<HeadlessRunner>(options_.script->filename().string(), std::move(parsed.commands),
                                                   options_.screenshot_dir);
    }
    wake_event_ = media::register_wake_event_type();
    std::string error;
    if (!open_windows(&error)) {
        std::cerr << "upstander: " << error << "\n";
        return 1;
    }
    load_content();
    if (options_.watch) watch_stamps_ = content_stamps();
    for (const auto& p : library_.problems)
        for (const auto& d : p.diagnostics) std::cerr << "upstander: content: " << format_diagnostic(d) << "\n";
    check_for_unfinished();
    start_requested_workshop();
    if (requested_workshop_started_ && screen_ == Screen::Title && options_.headless) return 1;  // no such workshop
    last_activity_ = now_seconds();
    SDL_StartTextInput();

    // The app sleeps until an event or the next thing due, and draws only when asked to. Headless
    // scripts follow the same rules, so what they see is what a facilitator would see (a script can
    // show that what should move on screen does move without any input); only the script-less
    // headless start-up check draws its one frame unconditionally.
    // A script's own clock polls every 4 ms, but the app wakes (ticks) only when the windowed app's
    // wait would end: at an event or at its timeout. So a wake the app forgets to schedule fails the
    // script as it would leave the screen standing still.
    const bool event_driven = !options_.headless || runner_ != nullptr;
    double asleep_until = -1;  // scripts: the end of the wait the windowed app would be in
    while (!quit_) {
        double now = now_seconds();
        int timeout_ms = 0;
        if (event_driven && redraw_frames_ == 0 && !input_pending())
            timeout_ms = static_cast<int>(std::ceil(seconds_until_next_wake(now) * 1000.0));
        if (runner_) {
            if (asleep_until < 0) asleep_until = now + timeout_ms / 1000.0;
            timeout_ms = std::min(timeout_ms, 4);
        }
        SDL_Event e;
        bool woken_by_event = false;
        if (SDL_WaitEventTimeout(&e, timeout_ms)) {
            woken_by_event = true;
            handle_event(e);
            while (SDL_PollEvent(&e)) handle_event(e);
        }
        if (const int sig = termination_signal()) {
            std::cerr << "upstander: stopping (" << strsignal(sig) << "). Every confirmed vote is saved"
                      << (session_ ? "; the session can be resumed at the next start.\n" : ".\n");
            break;
        }
        now = now_seconds();
        if (!runner_ || woken_by_event || now >= asleep_until) {
            asleep_until = -1;
            tick(now);
        }
        const bool pending_input = std::any_of(windows_.begin(), windows_.end(), [](const auto& w) { return w->input_pending(); });
        if (!event_driven || redraw_frames_ > 0 || pending_input || capture_pending()) {
            render_all(now);
            if (redraw_frames_ > 0) --redraw_frames_;
            apply_all();
        }
        if (runner_) {
            const auto status = runner_->step(*this, now);
            if (status == HeadlessRunner::Status::Failed) {
                std::cerr << runner_->failure() << "\n";
                return 1;
            }
            if (status == HeadlessRunner::Status::Finished) {
                if (capture_pending()) continue;  // let the last screenshot be written
                break;
            }
            SDL_Delay(4);
        } else if (options_.headless) {
            break;  // headless without a script: start, draw one frame, stop (a smoke test)
        }
    }
    return exit_code_;
}

}  // namespace upstander::app
