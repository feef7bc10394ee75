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
        case SDL_KEYDOWN:
        case SDL_KEYUP: {
            route(e.key.windowID);
            note_activity(now);
            request_redraw();
            AppWindow* target = nullptr;
            for (auto& w : windows_)
                if (w->id() == e.key.windowID) target = w.get();
            if (target == nullptr && !windows_.empty()) target = windows_.front().get();
            if (e.type == SDL_KEYDOWN && !(target && target->wants_text_input())) handle_key(e.key);
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
        case Screen::Workshop:
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
                case SDLK_ESCAPE: push(CommandType::RequestQuit); break;
                default:
                    if (int d = digit_of(k); d > 0 && d <= 6) push(CommandType::Choose, d - 1);
                    break;
            }
            break;
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
            if (nav_ && nav_->next()) on_step_changed();
            break;
        case CommandType::Back:
            if (nav_ && nav_->back()) on_step_changed();
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
            if (nav_) overlay_ = Overlay::Goto;
            break;
        case CommandType::CloseOverlay:
            overlay_ = Overlay::None;
            break;
        case CommandType::GotoModule:
            if (nav_ && nav_->jump_to_module(c.index)) {
                overlay_ = Overlay::None;
                on_step_changed();
            }
            break;
        case CommandType::Choose:
            if (nav_ && nav_->choose(c.index)) on_step_changed();
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
            const Step* s = nav_ ? nav_->current_step() : nullptr;
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
    }
}

void Kiosk::start_workshop(const std::string& id) {
    const ResolvedWorkshop* w = library_.find_workshop(id);
    if (w == nullptr) {
        notice_ = "Workshop \"" + id + "\" is not available";
        screen_ = Screen::Title;
        return;
    }
    workshop_ = w;
    nav_.emplace(*w);
    screen_ = Screen::Workshop;
    overlay_ = Overlay::None;
    on_step_changed();
}

void Kiosk::leave_workshop() {
    nav_.reset();
    workshop_ = nullptr;
    timer_ = DiscussionTimer{};
    screen_ = Screen::Title;
    for (auto& cache : images_) cache->clear();
}

void Kiosk::on_step_changed() {
    const Step* s = nav_ ? nav_->current_step() : nullptr;
    if (timer_.step != s) timer_ = DiscussionTimer{s};
    request_redraw();
}

// [SECTION] Time

void Kiosk::tick(double now) {
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
    if (timer_.running) wake = std::min(wake, std::max(0.01, timer_.remaining - std::floor(timer_.remaining - 1e-6)));
    if (screen_ == Screen::Title && config_.attract_after_seconds > 0)
        wake = std::min(wake, std::max(0.05, last_activity_ + config_.attract_after_seconds - now));
    if (screen_ == Screen::Attract) wake = std::min(wake, 5.0);
    return wake;
}

// [SECTION] Drawing

ui::StepView Kiosk::step_view(AppWindow& w) {
    ui::StepView v;
    if (!nav_) return v;
    v.workshop_title = workshop_->def->title;
    const Module* m = nav_->current_module();
    v.module_title = m ? m->title : std::string(kSummaryTitle);
    v.progress = nav_->progress_label();
    v.step = nav_->current_step();
    v.is_consequence = nav_->position().consequence >= 0;
    v.at_start = nav_->at_start();
    v.at_end = nav_->at_end();
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
        case Screen::Workshop:
            ui::draw_step_screen(ctx, step_view(w));
            break;
    }
    switch (overlay_) {
        case Overlay::None: break;
        case Overlay::Help: ui::draw_help_overlay(ctx); break;
        case Overlay::Goto:
            if (nav_) ui::draw_goto_overlay(ctx, *nav_);
            break;
        case Overlay::ConfirmQuit: ui::draw_confirm_quit(ctx, "Close Upstander?"); break;
        case Overlay::ConfirmLeaveWorkshop:
            ui::draw_confirm_quit(ctx, "Leave this workshop and go back to the list of workshops?");
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
    if (!options_.workshop_id.empty()) {
        start_workshop(options_.workshop_id);
        if (!nav_) {
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
