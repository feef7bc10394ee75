#include "kiosk.hpp"

#include "core/pack_text.hpp"
#include "core/script.hpp"
#include "termination.hpp"
#include "window_plan.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace upstander::app {

// [SECTION] Keys

ui::Key key_from_sdl(SDL_Keycode k) {
    using ui::Key;
    if (k >= SDLK_0 && k <= SDLK_9) return static_cast<Key>(static_cast<int>(Key::D0) + (k - SDLK_0));
    if (k >= SDLK_KP_1 && k <= SDLK_KP_9) return static_cast<Key>(static_cast<int>(Key::D1) + (k - SDLK_KP_1));
    switch (k) {
        case SDLK_KP_0: return Key::D0;
        case SDLK_a: return Key::A;
        case SDLK_b: return Key::B;
        case SDLK_c: return Key::C;
        case SDLK_f: return Key::F;
        case SDLK_g: return Key::G;
        case SDLK_i: return Key::I;
        case SDLK_j: return Key::J;
        case SDLK_k: return Key::K;
        case SDLK_l: return Key::L;
        case SDLK_m: return Key::M;
        case SDLK_n: return Key::N;
        case SDLK_o: return Key::O;
        case SDLK_p: return Key::P;
        case SDLK_q: return Key::Q;
        case SDLK_r: return Key::R;
        case SDLK_s: return Key::S;
        case SDLK_t: return Key::T;
        case SDLK_v: return Key::V;
        case SDLK_y: return Key::Y;
        case SDLK_RIGHT: return Key::Right;
        case SDLK_LEFT: return Key::Left;
        case SDLK_UP: return Key::Up;
        case SDLK_DOWN: return Key::Down;
        case SDLK_PAGEUP: return Key::PageUp;
        case SDLK_PAGEDOWN: return Key::PageDown;
        case SDLK_HOME: return Key::Home;
        case SDLK_SPACE: return Key::Space;
        case SDLK_BACKSPACE: return Key::Backspace;
        case SDLK_RETURN:
        case SDLK_KP_ENTER: return Key::Return;
        case SDLK_ESCAPE: return Key::Escape;
        case SDLK_TAB: return Key::Tab;
        case SDLK_PERIOD: return Key::Period;
        case SDLK_EQUALS:
        case SDLK_PLUS:
        case SDLK_KP_PLUS: return Key::Plus;
        case SDLK_MINUS:
        case SDLK_KP_MINUS: return Key::Minus;
        case SDLK_F1: return Key::F1;
        case SDLK_F2: return Key::F2;
        default: return Key::Unknown;
    }
}

// [SECTION] Construction

Kiosk::Kiosk(Options options, KioskConfig config)
    : options_(options), started_(std::chrono::steady_clock::now()),
      state_(std::move(options), std::move(config), started_), theme_(ui::make_theme(state_.config().theme)) {}

Kiosk::~Kiosk() {
    card_camera_.reset();  // its thread pushes SDL events: stop it while SDL is up
    player_.reset();  // threads stop and textures go before the renderers
    preload_.reset();
    for (const HandsetSlot& h : handsets_)
        if (h.controller != nullptr) SDL_GameControllerClose(h.controller);
    images_.clear();  // textures before their renderers, and before the loaders they use
    image_loaders_.clear();
    windows_.clear();
}

void Kiosk::advance_clock(double seconds) {
    clock_offset_ += std::chrono::duration_cast<SteadyTime::duration>(std::chrono::duration<double>(seconds));
    clock_advanced_ = true;
}

bool Kiosk::open_windows(std::string* error) {
    const KioskConfig& config = state_.config();
    std::string font_error;
    auto files = ui::find_font_files(config.dyslexia_font ? ui::FontFamily::Dyslexic : ui::FontFamily::Sans, &font_error);
    if (!files) {
        *error = font_error;
        return false;
    }
    font_choice_.files = *files;
    font_choice_.text_scale = config.text_scale;

    // Which windows, on which displays. Never put the presenter view on the projector by accident:
    // with two displays the presenter goes on the primary (the laptop) and the projector on the other.
    std::vector<PlannedWindow> plan;
    if (options_.headless) {
        std::vector<std::string> roles = options_.headless_windows;
        if (roles.empty()) roles = {"projector"};
        for (const auto& r : roles)
            plan.push_back({r == "presenter" ? WindowRole::Presenter : r == "booth" ? WindowRole::Booth : WindowRole::Projector, -1});
    } else {
        WindowPlan wp = plan_windows(SDL_GetNumVideoDisplays(), config.projector_display, config.presenter_display,
                                     config.booth_display, options_.windowed.has_value());
        add_more_booths(wp, SDL_GetNumVideoDisplays(), config.more_booth_displays);
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
        if (config.kiosk_mode) {
            w->set_keyboard_grab(true);
            SDL_ShowCursor(SDL_ENABLE);  // touch and mouse still work; only the keyboard is grabbed
        }
        image_loaders_.push_back(std::make_unique<media::ImageLoader>(wake_event_));
        images_.push_back(std::make_unique<ui::ImageCache>(w->renderer(), ui::kImageCacheBytes, image_loaders_.back().get()));
        windows_.push_back(std::move(w));
    }
    state_.set_has_presenter(has_role(WindowRole::Presenter));
    state_.set_has_booth(has_role(WindowRole::Booth));
    state_.set_booth_count(static_cast<int>(std::count_if(windows_.begin(), windows_.end(),
                                                          [](const auto& w) { return w->role() == WindowRole::Booth; })));
    if (windows_.size() > 1) state_.show_identify_banners(clock_now());
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
    request_redraw();
}

void Kiosk::apply_display_settings() {
    const KioskConfig& c = state_.config();
    theme_ = ui::make_theme(c.theme);
    font_choice_.text_scale = c.text_scale;
    if (auto files = ui::find_font_files(c.dyslexia_font ? ui::FontFamily::Dyslexic : ui::FontFamily::Sans, nullptr))
        font_choice_.files = *files;
    update_glyph_plan();
    if (!options_.headless)
        for (auto& w : windows_) w->set_keyboard_grab(c.kiosk_mode);
}

// The fonts hold the characters the loaded packs use (Greek, Cyrillic, symbols...), from the family's
// own files or fallback fonts; rebuilt when the packs or the font change.
void Kiosk::update_glyph_plan() {
    std::vector<std::uint32_t> wanted = text_code_points(state_.library().packs);
    if (font_choice_.glyphs && font_choice_.glyphs->wanted == wanted && glyph_plan_files_ == font_choice_.files.regular)
        return;
    auto plan = std::make_shared<const ui::GlyphPlan>(ui::plan_glyphs(font_choice_.files, wanted));
    if (!plan->regular.missing.empty())
        std::cerr << "upstander: no installed font can draw " << plan->regular.missing.size()
                  << " of the characters the packs use; they show as a replacement mark (upstander-pack lint names them)\n";
    font_choice_.glyphs = std::move(plan);
    glyph_plan_files_ = font_choice_.files.regular;
}

void Kiosk::after_state_changes() {
    ShellRequests r = state_.take_requests();
    if (r.swap_screens) swap_screens();
    if (r.display_settings_changed) apply_display_settings();
    if (r.clear_hover)
        for (auto& w : windows_) w->clear_hover();
    if (r.vote_sound) vote_sound_.play();
    if (r.reset_players) {  // content reloaded
        update_glyph_plan();
        player_.reset();
        preload_.reset();
        player_step_ = preload_step_ = nullptr;
    }
    if (r.clear_images)
        for (auto& cache : images_) cache->clear();
    if (r.camera_stop) card_camera_.reset();
    if (r.camera_start && !card_camera_) card_camera_ = std::make_unique<CardCamera>(state_.camera_source(), wake_event_, this);
    update_players();
    for (const ui::Command& c : r.video) apply_video_command(c);
    request_redraw(state_.take_redraw());
    state_.set_video_status(video_status());
}

void Kiosk::take_card_frames(SteadyTime now) {
    if (!card_camera_) return;
    for (const auto& frame : card_camera_->take()) state_.card_frame(frame, now);
    if (auto problem = card_camera_->problem()) state_.camera_failed(*problem, now);
    request_redraw(state_.take_redraw());
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

// [SECTION] Input: SDL events become commands

void Kiosk::handle_event(const SDL_Event& e, SteadyTime now) {
    auto route = [&](Uint32 window_id) {
        for (auto& w : windows_)
            if (w->id() == window_id || windows_.size() == 1) {
                w->queue_input(e);
                return;
            }
    };
    switch (e.type) {
        case SDL_QUIT:
            state_.close_requested(now);
            return;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_CLOSE) state_.close_requested(now);
            route(e.window.windowID);
            request_redraw();
            return;
        case SDL_MOUSEMOTION:
            route(e.motion.windowID);
            state_.note_activity(now);
            request_redraw();
            return;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            route(e.button.windowID);
            if (e.type == SDL_MOUSEBUTTONDOWN) state_.pointer_pressed(now);
            else state_.note_activity(now);
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
            controller_added(e.cdevice, now);
            request_redraw();
            return;
        case SDL_CONTROLLERDEVICEREMOVED:
            controller_removed(e.cdevice, now);
            request_redraw();
            return;
        case SDL_CONTROLLERBUTTONDOWN:
            if (!handset_button(e.cbutton, now)) handle_controller_button(e.cbutton, now);
            request_redraw();
            return;
        case SDL_KEYDOWN:
        case SDL_KEYUP: {
            route(e.key.windowID);
            state_.note_activity(now);
            request_redraw();
            if (e.type != SDL_KEYDOWN) return;
            AppWindow* target = nullptr;
            for (auto& w : windows_)
                if (w->id() == e.key.windowID) target = w.get();
            if (target == nullptr && !windows_.empty()) target = windows_.front().get();
            KeyPress k;
            k.key = key_from_sdl(e.key.keysym.sym);
            k.shift = (e.key.keysym.mod & KMOD_SHIFT) != 0;
            k.repeat = e.key.repeat != 0;
            k.typing = target && target->wants_text_input();
            if (auto c = state_.command_for_key(k)) commands_.push_back(std::move(*c));
            return;
        }
        default:
            if (wake_event_ != 0 && e.type == wake_event_ && e.user.code == media::kCameraWakeCode) {
                take_card_frames(now);  // the camera has read a frame (or stopped)
                return;
            }
            if (wake_event_ != 0 && e.type == wake_event_) request_redraw(1);  // a clip has a new frame or state
            return;
    }
}

void Kiosk::handle_controller_button(const SDL_ControllerButtonEvent& b, SteadyTime now) {
    // Gamepad voting: A, B, X, Y, left and right shoulder are options 1 to 6.
    state_.note_activity(now);
    request_redraw();
    int option = -1;
    switch (b.button) {
        case SDL_CONTROLLER_BUTTON_A: option = 0; break;
        case SDL_CONTROLLER_BUTTON_B: option = 1; break;
        case SDL_CONTROLLER_BUTTON_X: option = 2; break;
        case SDL_CONTROLLER_BUTTON_Y: option = 3; break;
        case SDL_CONTROLLER_BUTTON_LEFTSHOULDER: option = 4; break;
        case SDL_CONTROLLER_BUTTON_RIGHTSHOULDER: option = 5; break;
        default: break;
    }
    if (option >= 0) commands_.push_back(ui::Command{ui::CommandType::Vote, option, {}});  // the state decides
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
    const bool in_workshop = state_.screen() == KioskState::Screen::Workshop;
    const Step* s = in_workshop ? state_.current_step() : nullptr;
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
            video_view_.reset(*s->video, state_.captions_default());
        }
    }
    // Preload the next step's clip (open it and decode its first frame) so it starts at once.
    const Step* n = in_workshop ? state_.next_step() : nullptr;
    if (n && n->type == StepType::Video && n->video) {
        if (preload_step_ != n) {
            preload_ = open_clip(*n, false);
            preload_step_ = n;
        }
    } else {
        preload_.reset();
        preload_step_ = nullptr;
    }
    // Pictures of this step and the next are decoded off the UI thread as soon as they are in reach.
    for (const Step* step : {s, n})
        if (step && step->type == StepType::Image && step->image)
            for (auto& cache : images_) cache->prefetch(step->image->src);
}

bool Kiosk::work_pending() const {
    return std::any_of(images_.begin(), images_.end(), [](const auto& c) { return c->loading() > 0; });
}

VideoStatus Kiosk::video_status() const {
    VideoStatus v;
    v.present = player_ && player_step_ && player_step_ == state_.current_step();
    if (!v.present) return v;
    v.wants_space = video_view_.wants_space(*player_, *player_step_->video);
    v.fullscreen = video_fullscreen_;
    v.playing = player_->status() == media::PlayerStatus::Playing;
    return v;
}

void Kiosk::apply_video_command(const ui::Command& c) {
    if (!player_ || !player_step_ || player_step_ != state_.current_step()) return;
    const ui::VideoKeyResult r = video_view_.apply(*player_, *player_step_->video, c);
    if (r.fullscreen_requested) video_fullscreen_ = c.type == ui::CommandType::VideoFullscreen && !video_fullscreen_;
    if (r.handled) request_redraw();
}

// [SECTION] Time

double Kiosk::seconds_until_next_wake(SteadyTime now) const {
    double wake = state_.next_wake(now);
    const double t = seconds_since_start(now);
    if (player_ && state_.screen() == KioskState::Screen::Workshop) wake = std::min(wake, std::max(0.002, video_due_at_ - t));
    return wake;
}

// [SECTION] Drawing

const ui::ImageTexture& Kiosk::image_for(const AppWindow& w, const std::filesystem::path& src) {
    size_t idx = 0;
    for (; idx < windows_.size(); ++idx)
        if (windows_[idx].get() == &w) break;
    return images_[idx]->get(src);
}

void Kiosk::draw_window(AppWindow& w, ui::UiContext& ctx, SteadyTime now) {
    switch (w.role()) {
        case WindowRole::Projector: draw_projector(w, ctx, now); break;
        case WindowRole::Presenter: draw_presenter_window(w, ctx, now); break;
        case WindowRole::Booth: draw_booth_window(w, ctx, now); break;
    }
    if (&w == facilitator_window()) {
        draw_overlays(ctx, now);
        if (!state_.reload_errors().empty()) ui::draw_reload_errors(ctx, state_.reload_errors());
    }
    if (state_.identify_banner(now)) {
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

void Kiosk::draw_projector(AppWindow& w, ui::UiContext& ctx, SteadyTime now) {
    using Screen = KioskState::Screen;
    const bool presenter = has_role(WindowRole::Presenter);
    const Screen screen = state_.screen();
    if (state_.blanked()) {
        ui::draw_blank(ctx);
        return;
    }
    if (state_.calm()) {
        ui::draw_calm(ctx);
        return;
    }
    // With a presenter window, forms and lists are the facilitator's: the class sees a holding screen.
    if (presenter && (screen == Screen::Setup || screen == Screen::Resume || screen == Screen::Problems ||
                      screen == Screen::Impact || screen == Screen::Settings)) {
        ui::draw_attract(ctx, state_.setup_workshop() ? state_.setup_workshop()->def->title : std::string("Upstander"));
        return;
    }
    switch (screen) {
        case Screen::Title: ui::draw_title(ctx, state_.title_view()); break;
        case Screen::Attract: {
            std::string headline = "Upstander";
            if (state_.library().workshops.size() == 1) headline = state_.library().workshops[0].def->title;
            ui::draw_attract(ctx, headline);
            break;
        }
        case Screen::Problems: ui::draw_problems(ctx, state_.library()); break;
        case Screen::Workshop: {
            ui::PollStepView poll_view;
            PollView poll;
            std::vector<MeasureChange> summary;
            ui::StepView v = state_.step_view(poll_view, poll, summary, now);
            if (v.step && v.step->type == StepType::Image && v.step->image) v.image = &image_for(w, v.step->image->src);
            ui::VideoSlot video;
            if (player_ && v.step == player_step_) {
                video = ui::VideoSlot{&video_view_, player_.get(), w.renderer(), video_fullscreen_};
                v.video = &video;
            }
            // With a booth, nobody can see where a pupil touches: the projector shows no buttons.
            poll_view.show_buttons = !has_role(WindowRole::Booth);
            ui::BallotStepView ballot;
            std::vector<PollView> ballot_polls;
            state_.adapt_poll_view(ui::kSourceScreen, poll_view.show_buttons && handsets_.empty(), poll_view, ballot,
                                   ballot_polls, now);
            if (presenter) v.banner.clear();  // the facilitator sees it on the presenter
            if (presenter) v.toast.clear();
            const bool panel = state_.facilitator_panel() && !presenter;
            v.hide_nav = panel;
            // With the facilitator panel open, the step is laid out beside it rather than under it.
            ui::UiContext step_ctx = ctx;
            if (panel) step_ctx.size.x = std::round(ctx.size.x * 0.55f);
            ui::draw_step_screen(step_ctx, v);
            video_due_at_ = v.video ? ctx.now + video.redraw_in : 1e18;
            if (preload_) preload_->update(w.renderer());  // the next clip's first picture is ready in advance
            if (panel) {
                ImGui::SetNextWindowPos(ImVec2(ctx.size.x * 0.55f, 0));
                ImGui::SetNextWindowSize(ImVec2(ctx.size.x * 0.45f, ctx.size.y));
                ImGui::PushStyleColor(ImGuiCol_WindowBg, ctx.theme->panel);
                ImGui::Begin("##facilitator-panel", nullptr,
                             ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
                ImGui::PopStyleColor();
                const float pad = 20 * ctx.u;
                ui::draw_facilitator_panel(ctx, state_.facilitator_view(now), ImVec2(ctx.size.x * 0.55f + pad, pad),
                                           ImVec2(ctx.size.x - pad, ctx.size.y - pad), true);
                ImGui::End();
            }
            break;
        }
        case Screen::Setup: ui::draw_setup(ctx, state_.setup_form()); break;
        case Screen::Resume: ui::draw_resume(ctx, state_.resume_view()); break;
        case Screen::Impact: ui::draw_impact(ctx, state_.impact_view()); break;
        case Screen::Settings: ui::draw_settings(ctx, state_.settings_form()); break;
        case Screen::Programme: draw_programme(w, ctx, true, presenter); break;
    }
}

// A programme: its pages are the practitioner's (on the presenter when there is one, the projector
// showing a holding screen); a session step is on the projector, and the presenter has the notes
// and, at the person harmed's questions, the answer box. With one window the answer box sits beside
// the step and the Tab panel works as in a workshop.
void Kiosk::draw_programme(AppWindow& w, ui::UiContext& ctx, bool projector, bool presenter_exists) {
    ProgrammeFlow* flow = state_.programme();
    if (!flow) return;
    if (!flow->in_session()) {
        if (projector && presenter_exists) ui::draw_attract(ctx, "Upstander");
        else ui::draw_programme_page(ctx, flow->page_view());
        return;
    }
    ui::PollStepView poll_view;
    PollView poll;
    ui::ProgrammeStepView prog;
    ui::StepView v = flow->step_view(poll_view, poll, prog);
    if (v.step && v.step->type == StepType::Image && v.step->image) v.image = &image_for(w, v.step->image->src);
    ui::HarmedAnswerView* answer = flow->answer_view();
    if (!projector) {
        if (answer) {
            ui::begin_root(ctx, "##harmed-answer", ctx.theme->background);
            const float pad = std::round(ctx.size.x * 0.04f);
            ui::draw_harmed_answer_panel(ctx, *answer, ImVec2(pad, pad), ImVec2(ctx.size.x - pad, ctx.size.y - pad));
            ui::end_root();
        } else {
            poll_view.show_buttons = false;
            poll_view.no_buttons_text = "The participant answers on the projector.";
            ui::draw_presenter(ctx, v, flow->facilitator_view(), nullptr);
        }
        return;
    }
    const bool side = !presenter_exists && (answer || state_.facilitator_panel());
    v.hide_nav = side;
    if (presenter_exists) v.banner.clear();
    ui::UiContext step_ctx = ctx;
    if (side) step_ctx.size.x = std::round(ctx.size.x * 0.55f);
    ui::draw_step_screen(step_ctx, v);
    if (!side) return;
    ImGui::SetNextWindowPos(ImVec2(ctx.size.x * 0.55f, 0));
    ImGui::SetNextWindowSize(ImVec2(ctx.size.x * 0.45f, ctx.size.y));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ctx.theme->panel);
    ImGui::Begin("##programme-panel", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    const float pad = 20 * ctx.u;
    const ImVec2 pmin(ctx.size.x * 0.55f + pad, pad), pmax(ctx.size.x - pad, ctx.size.y - pad);
    if (answer) ui::draw_harmed_answer_panel(ctx, *answer, pmin, pmax);
    else ui::draw_facilitator_panel(ctx, flow->facilitator_view(), pmin, pmax, true);
    ImGui::End();
}

void Kiosk::draw_presenter_window(AppWindow& w, ui::UiContext& ctx, SteadyTime now) {
    using Screen = KioskState::Screen;
    switch (state_.screen()) {
        case Screen::Workshop: {
            ui::PollStepView poll_view;
            PollView poll;
            std::vector<MeasureChange> summary;
            ui::StepView v = state_.step_view(poll_view, poll, summary, now);
            if (v.step && v.step->type == StepType::Image && v.step->image) v.image = &image_for(w, v.step->image->src);
            poll_view.show_buttons = false;  // the facilitator does not vote
            if (!has_role(WindowRole::Booth)) poll_view.no_buttons_text = "Pupils vote on the projector screen.";
            ui::BallotStepView ballot;
            std::vector<PollView> ballot_polls;
            state_.adapt_poll_view(ui::kSourceScreen, false, poll_view, ballot, ballot_polls, now);
            ballot.no_buttons_text = "Pupils answer at the booth, on the projector or with handsets.";
            ui::VideoSlot video;
            if (player_ && v.step == player_step_) {
                video = ui::VideoSlot{&video_view_, player_.get(), nullptr, false};
                v.video = &video;
            }
            std::optional<ui::StepView> next = state_.next_step_view();
            // The image is loaded a step early, which also saves the wait when the facilitator moves on.
            if (next && next->step && next->step->type == StepType::Image && next->step->image)
                next->image = &image_for(w, next->step->image->src);
            ui::draw_presenter(ctx, v, state_.facilitator_view(now), next ? &*next : nullptr);
            break;
        }
        case Screen::Title:
        case Screen::Attract: ui::draw_title(ctx, state_.title_view()); break;
        case Screen::Problems: ui::draw_problems(ctx, state_.library()); break;
        case Screen::Setup: ui::draw_setup(ctx, state_.setup_form()); break;
        case Screen::Resume: ui::draw_resume(ctx, state_.resume_view()); break;
        case Screen::Impact: ui::draw_impact(ctx, state_.impact_view()); break;
        case Screen::Settings: ui::draw_settings(ctx, state_.settings_form()); break;
        case Screen::Programme: draw_programme(w, ctx, false, true); break;
    }
}

void Kiosk::draw_booth_window(AppWindow& w, ui::UiContext& ctx, SteadyTime now) {
    if (state_.screen() != KioskState::Screen::Workshop || !state_.session() || state_.calm() || state_.blanked()) {
        ui::draw_booth(ctx, nullptr);
        return;
    }
    ui::PollStepView poll_view;
    PollView poll;
    std::vector<MeasureChange> summary;
    state_.step_view(poll_view, poll, summary, now);
    ui::BallotStepView ballot;
    std::vector<PollView> ballot_polls;
    state_.adapt_poll_view(ui::kSourceBooth + booth_number(w), true, poll_view, ballot, ballot_polls, now);
    ui::draw_booth(ctx, poll_view.poll ? &poll_view : nullptr);
}

void Kiosk::draw_overlays(ui::UiContext& ctx, SteadyTime now) {
    using Overlay = KioskState::Overlay;
    switch (state_.overlay()) {
        case Overlay::None: break;
        case Overlay::Help: ui::draw_help_overlay(ctx); break;
        case Overlay::Goto:
            if (state_.session()) ui::draw_goto_overlay(ctx, state_.session()->navigator());
            break;
        case Overlay::ConfirmQuit:
        case Overlay::ConfirmLeaveWorkshop:
        case Overlay::ConfirmQuitUnsaved: ui::draw_confirm_quit(ctx, state_.confirm_question()); break;
        case Overlay::Pin: ui::draw_pin_prompt(ctx, state_.pin_prompt_view(now)); break;
    }
}

void Kiosk::render_window(AppWindow& w, SteadyTime now) {
    std::string error;
    const double t = seconds_since_start(now);
    if (!w.begin_frame(font_choice_, theme_, t - last_frame_time_, &error)) {
        std::cerr << "upstander: " << error << "\n";
        failed_ = true;
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
    ctx.now = t;
    const std::size_t commands_before = commands_.size();
    draw_window(w, ctx, now);
    // A booth's votes and ballot buttons come from that booth.
    if (const int booth = booth_number(w); booth > 0)
        for (std::size_t i = commands_before; i < commands_.size(); ++i)
            if (commands_[i].type == ui::CommandType::Vote || commands_[i].type == ui::CommandType::BallotBack ||
                commands_[i].type == ui::CommandType::BallotDone)
                commands_[i].source = ui::kSourceBooth + booth;
    const bool capture = capture_window_ == &w;
    if (!w.end_frame(theme_, capture ? capture_path_ : std::filesystem::path(), &error)) {
        std::cerr << "upstander: " << error << "\n";
        failed_ = true;
        exit_code_ = 1;
    }
    if (capture) capture_window_ = nullptr;
}

void Kiosk::render_all(SteadyTime now) {
    for (auto& w : windows_) render_window(*w, now);
    last_frame_time_ = seconds_since_start(now);
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
    state_.start(clock_now());
    update_glyph_plan();
    after_state_changes();
    if (state_.requested_workshop_missing() && options_.headless) return 1;  // no such workshop
    SDL_StartTextInput();

    // The app sleeps until an event or the next thing due, and draws only when asked to. Headless
    // scripts follow the same rules, so what they see is what a facilitator would see (a script can
    // show that what should move on screen does move without any input); only the script-less
    // headless start-up check draws its one frame unconditionally.
    // A script's own clock polls every 4 ms, but the app wakes (ticks) only when the windowed app's
    // wait would end: at an event or at its timeout. So a wake the app forgets to schedule fails the
    // script as it would leave the screen standing still. `advance MS` moves the clock on at once.
    const bool event_driven = !options_.headless || runner_ != nullptr;
    double asleep_until = -1;  // scripts: the end of the wait the windowed app would be in
    while (!state_.quit() && !failed_) {
        SteadyTime now = clock_now();
        int timeout_ms = 0;
        if (event_driven && redraw_frames_ == 0 && !input_pending())
            timeout_ms = static_cast<int>(std::ceil(seconds_until_next_wake(now) * 1000.0));
        if (runner_) {
            if (asleep_until < 0) asleep_until = seconds_since_start(now) + timeout_ms / 1000.0;
            timeout_ms = std::min(timeout_ms, 4);
        }
        SDL_Event e;
        bool woken_by_event = false;
        if (SDL_WaitEventTimeout(&e, timeout_ms)) {
            woken_by_event = true;
            now = clock_now();
            handle_event(e, now);
            while (SDL_PollEvent(&e)) handle_event(e, now);
        }
        if (const int sig = termination_signal()) {
            const long long unsaved = state_.votes_not_on_disk();
            std::cerr << "upstander: stopping (" << termination_signal_name(sig) << "). "
                      << (unsaved > 0 ? std::to_string(unsaved) + " vote(s) could not be saved to disk and are lost"
                                      : std::string("Every confirmed vote is saved"))
                      << (state_.session() ? "; the session can be resumed at the next start.\n" : ".\n");
            break;
        }
        for (auto& cache : images_)
            if (cache->collect()) request_redraw(1);  // a picture finished decoding
        now = clock_now();  // the one reading of the clock for this iteration's rules and drawing
        if (!runner_ || woken_by_event || clock_advanced_ || seconds_since_start(now) >= asleep_until) {
            asleep_until = -1;
            clock_advanced_ = false;  // the time a script skipped would have ended any wait
            state_.tick(now);
            update_batteries();
            // A playing clip is drawn when its next frame (or caption, or clock) is due. The player's wake
            // events only say that something new was decoded, not that a queued frame's time has come.
            if (player_ && state_.screen() == KioskState::Screen::Workshop && seconds_since_start(now) >= video_due_at_)
                request_redraw(1);
            after_state_changes();
        }
        const bool pending_input = std::any_of(windows_.begin(), windows_.end(), [](const auto& w) { return w->input_pending(); });
        if (!event_driven || redraw_frames_ > 0 || pending_input || capture_pending() || !commands_.empty()) {
            render_all(now);
            if (redraw_frames_ > 0) --redraw_frames_;
            state_.set_video_status(video_status());
            state_.apply_all(commands_, now);
            after_state_changes();
        }
        if (runner_) {
            const auto status = runner_->step(*this, seconds_since_start(clock_now()));
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
