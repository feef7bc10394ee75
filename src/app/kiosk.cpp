#include "kiosk.hpp"

#include "core/script.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

namespace upstander::app {

// [SECTION] Construction

Kiosk::Kiosk(Options options, KioskConfig config)
    : options_(std::move(options)), config_(std::move(config)), theme_(ui::make_theme(config_.theme)) {
    perf_start_ = SDL_GetPerformanceCounter();
}

Kiosk::~Kiosk() {
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

    WindowSpec spec;
    spec.role = WindowRole::Projector;
    spec.title = "Upstander";
    spec.headless = options_.headless;
    if (options_.headless) {
        spec.width = options_.headless_size.width;
        spec.height = options_.headless_size.height;
    } else if (options_.windowed) {
        spec.width = options_.windowed->width;
        spec.height = options_.windowed->height;
    } else {
        spec.fullscreen = true;
    }
    if (options_.projector_display) spec.display = *options_.projector_display;
    auto w = AppWindow::create(spec, error);
    if (!w) return false;
    if (config_.kiosk_mode && !options_.headless) w->set_keyboard_grab(true);
    images_.push_back(std::make_unique<ui::ImageCache>(w->renderer()));
    windows_.push_back(std::move(w));
    return true;
}

void Kiosk::load_content() { library_ = load_library(config_.content_roots); }

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
            overlay_ = Overlay::ConfirmQuit;
            request_redraw();
            return;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_CLOSE) overlay_ = Overlay::ConfirmQuit;
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
    if (k == SDLK_F1) {
        push(CommandType::ToggleHelp);
        return;
    }

    switch (screen_) {
        case Screen::Title:
            if (k == SDLK_ESCAPE) push(CommandType::RequestQuit);
            else if (k == SDLK_p && library_.has_problems()) push(CommandType::ShowProblems);
            else if (int d = digit_of(k); d > 0 && d <= static_cast<int>(library_.workshops.size()))
                push(CommandType::StartWorkshop, d - 1, library_.workshops[static_cast<size_t>(d - 1)].def->id);
            break;
        case Screen::Problems:
            if (k == SDLK_ESCAPE || k == SDLK_BACKSPACE) push(CommandType::ShowTitle);
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
            overlay_ = screen_ == Screen::Workshop ? Overlay::ConfirmLeaveWorkshop : Overlay::ConfirmQuit;
            break;
        case CommandType::ConfirmQuit:
            if (overlay_ == Overlay::ConfirmLeaveWorkshop) {
                overlay_ = Overlay::None;
                leave_workshop();
            } else {
                quit_ = true;
            }
            break;
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
            overlay_ = Overlay::ConfirmLeaveWorkshop;
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
    out.format = options_.group_format.value_or("group") == "one-to-one" ? GroupFormat::OneToOne : GroupFormat::Group;
    const std::string a = options_.audience.value_or("");
    out.audience = a == "adult" ? Audience::Adult : a == "mixed" ? Audience::Mixed : a == "under-18" ? Audience::Under18
                                                                                                      : Audience::Unspecified;
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
    SessionResume r = WorkshopSession::resume(library_, SessionStore(config_.data_dir), unfinished_->record, config_.session);
    if (!r.session) {
        resume_view_.error = r.error;
        return;
    }
    session_.emplace(std::move(*r.session));
    unfinished_.reset();
    workshop_ = &session_->workshop();
    screen_ = Screen::Workshop;
    overlay_ = Overlay::None;
    if (!r.note.empty()) show_toast(r.note, 6.0);
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
    if (!unfinished_) screen_ = Screen::Title;
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
    for (auto& cache : images_) cache->clear();
}

void Kiosk::on_step_changed() {
    const Step* s = session_ ? session_->current_step() : nullptr;
    if (timer_.step != s) timer_ = DiscussionTimer{s};
    confirm_until_ = SteadyTime{};
    reveal_started_ = -1;
    summary_started_ = session_ && session_->at_summary() ? now_seconds() : -1;
    request_redraw();
}

// [SECTION] Time

void Kiosk::tick(double now) {
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
    // Animations redraw every frame while they run, and not at all after.
    if (reveal_started_ >= 0 && now - reveal_started_ < kRevealSeconds + 0.1) request_redraw(1);
    if (summary_started_ >= 0 && now - summary_started_ < kRevealSeconds + 0.1) request_redraw(1);
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
        now - last_activity_ >= config_.attract_after_seconds && !options_.headless) {
        screen_ = Screen::Attract;
        request_redraw();
    }
    if (screen_ == Screen::Attract && std::floor(now / 5.0) != std::floor(last_frame_time_ / 5.0)) request_redraw(1);
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
    if (timer_.running) wake = std::min(wake, std::max(0.01, timer_.remaining - std::floor(timer_.remaining - 1e-6)));
    if (screen_ == Screen::Title && config_.attract_after_seconds > 0)
        wake = std::min(wake, std::max(0.05, last_activity_ + config_.attract_after_seconds - now));
    if (screen_ == Screen::Attract) wake = std::min(wake, 5.0);
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
    if (v.step && v.step->type == StepType::Image && v.step->image) {
        size_t idx = 0;
        for (; idx < windows_.size(); ++idx)
            if (windows_[idx].get() == &w) break;
        v.image = &images_[idx]->get(v.step->image->src);
    }
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

void Kiosk::draw_window(AppWindow& w, ui::UiContext& ctx) {
    if (blanked_) {
        ui::draw_blank(ctx);
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
            if (!library_.workshops.empty() && library_.workshops.size() == 1) headline = library_.workshops[0].def->title;
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
            ui::draw_step_screen(ctx, step_view(w, poll_view, poll, summary));
            break;
        }
        case Screen::Setup:
            ui::draw_setup(ctx, setup_);
            break;
        case Screen::Resume:
            ui::draw_resume(ctx, resume_view_);
            break;
    }
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
    }
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
    std::string error;
    if (!open_windows(&error)) {
        std::cerr << "upstander: " << error << "\n";
        return 1;
    }
    load_content();
    for (const auto& p : library_.problems)
        for (const auto& d : p.diagnostics) std::cerr << "upstander: content: " << format_diagnostic(d) << "\n";
    check_for_unfinished();
    if (!options_.workshop_id.empty() && screen_ != Screen::Resume) {
        start_workshop(options_.workshop_id);
        if (screen_ == Screen::Title) {
            std::cerr << "upstander: there is no workshop with id \"" << options_.workshop_id << "\"\n";
            if (options_.headless) return 1;
        }
    }
    last_activity_ = now_seconds();
    SDL_StartTextInput();

    while (!quit_) {
        double now = now_seconds();
        int timeout_ms = 0;
        if (!options_.headless && redraw_frames_ == 0 && !input_pending())
            timeout_ms = static_cast<int>(std::ceil(seconds_until_next_wake(now) * 1000.0));
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, timeout_ms)) {
            handle_event(e);
            while (SDL_PollEvent(&e)) handle_event(e);
        }
        now = now_seconds();
        tick(now);
        const bool pending_input = std::any_of(windows_.begin(), windows_.end(), [](const auto& w) { return w->input_pending(); });
        if (options_.headless || redraw_frames_ > 0 || pending_input) {
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
