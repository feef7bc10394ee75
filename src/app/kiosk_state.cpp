#include "kiosk_state.hpp"

#include "core/platform_files.hpp"
#include "core/platform_paths.hpp"

#include "kiosk_programme.hpp"

#include "core/organisation.hpp"

#include "core/atomic_file.hpp"
#include "core/report.hpp"
#include "core/report_export.hpp"
#include "core/enum_names.hpp"
#include "core/session_group.hpp"
#include "pin.hpp"
#include "settings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>

namespace upstander::app {

namespace fs = std::filesystem;

// [SECTION] Construction and start-up

KioskState::KioskState(Options options, KioskConfig config, SteadyTime now)
    : options_(std::move(options)), config_(std::move(config)), epoch_(now) {
    for (const auto& w : config_.config_warnings) notice_ = notice_.empty() ? w : notice_;
    if (!config_.config_unreadable.empty()) notice_ = config_.config_unreadable;
}

void KioskState::start(SteadyTime now) {
    library_ = load_library(config_.content_roots);
    // Errors have their own screen; warnings (a pack copy that replaces another, a pre poll with no
    // post) go to the log, for whoever started the app from a terminal.
    for (const Diagnostic& d : library_.diagnostics)
        if (d.severity == Diagnostic::Severity::Warning) std::cerr << "upstander: " << format_diagnostic(d) << "\n";
    for (const auto& p : library_.problems)
        for (const auto& d : p.diagnostics) std::cerr << "upstander: content: " << format_diagnostic(d) << "\n";
    if (options_.watch) watch_stamps_ = content_stamps();
    check_for_unfinished();
    make_programme_flow();
    start_requested_workshop(now);
    last_activity_ = secs(now);
    last_tick_ = secs(now);
    request_redraw();
}

void KioskState::show_identify_banners(SteadyTime now) {
    identify_until_ = now + std::chrono::seconds(6);
    request_redraw();
}

bool KioskState::captions_default() const {
    return workshop_ ? workshop_pack_settings(library_, *workshop_).captions_default : false;
}

ShellRequests KioskState::take_requests() {
    ShellRequests r = std::move(requests_);
    requests_ = ShellRequests{};
    return r;
}

// [SECTION] Input

std::optional<ui::Command> KioskState::command_for_key(const KeyPress& key) const {
    using ui::CommandType;
    using ui::Key;
    using ui::KeyContext;
    auto bound = [&](KeyContext ctx) -> std::optional<ui::Command> {
        if (const ui::KeyBinding* b = ui::find_binding(ctx, key.key, key.shift))
            return ui::Command{b->command, b->index, {}};
        return std::nullopt;
    };
    // While a text field has the keyboard only Esc and F1 mean something to the app.
    if (key.typing && key.key != Key::Escape && key.key != Key::F1) return std::nullopt;
    // Dialogs first: they take every key.
    if (overlay_ == Overlay::Pin) return bound(KeyContext::PinPrompt);
    if (overlay_ == Overlay::ConfirmQuit || overlay_ == Overlay::ConfirmLeaveWorkshop ||
        overlay_ == Overlay::ConfirmQuitUnsaved)
        return bound(KeyContext::Confirm);
    if (blanked_) {  // any key brings the screen back, and does nothing else
        if (key.repeat) return std::nullopt;
        return ui::Command{CommandType::ToggleBlank, -1, {}};
    }
    if (screen_ == Screen::Attract) return ui::Command{CommandType::LeaveAttract, -1, {}};
    if (overlay_ == Overlay::Help) return bound(KeyContext::Help);
    if (overlay_ == Overlay::Goto) return bound(KeyContext::Goto);
    if (key.repeat) return std::nullopt;  // a held key must not race through a workshop
    if (auto c = bound(KeyContext::Global)) return c;
    if (calm_) return std::nullopt;  // the calm screen stays until Q (or its button)

    switch (screen_) {
        case Screen::Title: {
            auto c = bound(KeyContext::Title);
            if (c && c->type == CommandType::StartWorkshop) {
                if (c->index >= static_cast<int>(library_.workshops.size())) return std::nullopt;
                c->text = library_.workshops[static_cast<size_t>(c->index)].def->id;
            }
            if (c && c->type == CommandType::ShowProblems && !library_.has_problems()) return std::nullopt;
            return c;
        }
        case Screen::Problems:
        case Screen::Impact:
        case Screen::Settings: return bound(KeyContext::Menu);
        case Screen::Setup: return bound(KeyContext::Setup);
        case Screen::Resume: return bound(KeyContext::Resume);
        case Screen::Programme: return programme_key(key);
        case Screen::Workshop: {
            if (video_.present) {
                const bool skip = (key.key == Key::Space && !video_.wants_space) ||
                                  (key.key == Key::Escape && !video_.fullscreen);
                if (!skip)
                    if (auto c = bound(KeyContext::Video)) return c;
            }
            auto c = bound(KeyContext::Workshop);
            if (c && c->type == CommandType::Vote && !(session_ && session_->current_step_is_poll()))
                c->type = CommandType::Choose;
            return c;
        }
        case Screen::Attract: break;
    }
    return std::nullopt;
}

void KioskState::pointer_pressed(SteadyTime now) {
    note_activity(now);
    if (screen_ == Screen::Attract) screen_ = Screen::Title;
    if (blanked_) blanked_ = false;
    request_redraw();
}

void KioskState::note_activity(SteadyTime now) { last_activity_ = secs(now); }

void KioskState::close_requested(SteadyTime) {
    if (overlay_ == Overlay::Pin) return;
    ask_to_leave(PinPurpose::Quit);
}

void KioskState::apply_all(ui::CommandQueue& queue, SteadyTime now) {
    // Commands may push more commands; take the batch first.
    while (!queue.empty()) {
        ui::CommandQueue batch;
        batch.swap(queue);
        for (const auto& c : batch) apply(c, now);
        request_redraw();
    }
}

void KioskState::apply(const ui::Command& c, SteadyTime now) {
    using ui::CommandType;
    const double t = secs(now);
    if (programme_command(c, now)) return;
    // Leaving the poll, revealing it or ending the session first counts the cards already read.
    if (card_scan_) {
        switch (c.type) {
            case CommandType::Next:
            case CommandType::Back:
            case CommandType::GotoModule:
            case CommandType::Choose:
            case CommandType::Reveal:
            case CommandType::ToggleSuppressionOverride: stop_card_scan(now); break;
            default: break;
        }
    }
    switch (c.type) {
        case CommandType::ToggleCardScan: toggle_card_scan(now); break;
        case CommandType::RescanCards: rescan_cards(now); break;
        case CommandType::Next:
            if (session_ && session_->next()) on_step_changed(now);
            break;
        case CommandType::Back:
            if (session_ && session_->back()) on_step_changed(now);
            break;
        case CommandType::ToggleBlank: blanked_ = !blanked_; break;
        case CommandType::ToggleCalm: calm_ = !calm_; break;
        case CommandType::ToggleHelp: overlay_ = overlay_ == Overlay::Help ? Overlay::None : Overlay::Help; break;
        case CommandType::OpenGoto:
            if (session_) overlay_ = Overlay::Goto;
            break;
        case CommandType::CloseOverlay: overlay_ = Overlay::None; break;
        case CommandType::GotoModule:
            if (session_ && session_->jump_to_module(c.index)) {
                overlay_ = Overlay::None;
                on_step_changed(now);
            }
            break;
        case CommandType::Choose:
            if (session_ && session_->choose(c.index)) on_step_changed(now);
            break;
        case CommandType::StartWorkshop:
            if (screen_ == Screen::Title) start_workshop(c.text, now);
            break;
        case CommandType::ShowProblems:
            if (screen_ == Screen::Title && library_.has_problems()) screen_ = Screen::Problems;
            break;
        case CommandType::ShowTitle:
            if (screen_ == Screen::Problems || screen_ == Screen::Impact || screen_ == Screen::Settings) screen_ = Screen::Title;
            break;
        case CommandType::LeaveAttract:
            if (screen_ == Screen::Attract) screen_ = Screen::Title;
            break;
        case CommandType::RequestQuit:
            ask_to_leave(screen_ == Screen::Workshop ? PinPurpose::LeaveWorkshop : PinPurpose::Quit);
            break;
        case CommandType::ConfirmQuit: {
            if (overlay_ == Overlay::ConfirmQuitUnsaved) {
                overlay_ = Overlay::None;
                quit_now();
                break;
            }
            if (overlay_ != Overlay::ConfirmQuit && overlay_ != Overlay::ConfirmLeaveWorkshop) break;
            const PinPurpose p = overlay_ == Overlay::ConfirmLeaveWorkshop ? PinPurpose::LeaveWorkshop : PinPurpose::Quit;
            overlay_ = Overlay::None;
            do_leave(p, now);
            break;
        }
        case CommandType::QuitDiscardingUnsaved:
            if (overlay_ == Overlay::ConfirmQuitUnsaved) {
                overlay_ = Overlay::None;
                quit_now();
            }
            break;
        case CommandType::CancelQuit: overlay_ = Overlay::None; break;
        case CommandType::StartTimer:
        case CommandType::StopTimer:
        case CommandType::ToggleTimer: {
            const bool start = c.type == CommandType::StartTimer || (c.type == CommandType::ToggleTimer && !timer_.running);
            if (!start) {
                timer_.running = false;
                break;
            }
            const Step* s = session_ ? session_->current_step() : nullptr;
            if (s && s->type == StepType::Discussion && s->timer_seconds) {
                if (!timer_.started || timer_.remaining <= 0) {
                    timer_.started = true;
                    timer_.remaining = *s->timer_seconds;
                }
                timer_.running = true;
                timer_.last_tick = t;
            }
            break;
        }
        case CommandType::ConfirmSetup: confirm_setup(now); break;
        case CommandType::CancelSetup:
            setup_workshop_ = nullptr;
            if (screen_ == Screen::Setup) screen_ = Screen::Title;
            break;
        case CommandType::ResumeSession: resume_session(now); break;
        case CommandType::FinishOldSession:
            if (screen_ != Screen::Resume || !unfinished_) break;
            if (needs_pin()) ask_to_leave(PinPurpose::FinishOldSession);
            else finish_old_session(now);
            break;
        case CommandType::DismissResume:
            if (screen_ != Screen::Resume) break;
            unfinished_.reset();
            screen_ = Screen::Title;
            start_requested_workshop(now);
            break;
        case CommandType::Vote: vote_from(c, now); break;
        case CommandType::BallotBack:
        case CommandType::BallotDone: ballot_command(c, now); break;
        case CommandType::ToggleDevice: toggle_device(c.source, now); break;
        case CommandType::Reveal:
            if (session_ && session_->reveal()) reveal_started_ = t;
            break;
        case CommandType::Reopen:
            if (session_ && session_->reopen()) show_toast("Voting is open again.", now);
            break;
        case CommandType::ArmBallot:
            if (session_ && session_->arm_ballot()) show_toast("Ballot armed: the next person can vote.", now);
            break;
        case CommandType::VoidLastVote:
            if (session_) {
                const bool ballot = session_->current_step_is_ballot();
                const VoidOutcome o = session_->void_last_vote(now);
                show_toast(ballot && o == VoidOutcome::Voided
                               ? "The last ballot was removed: none of its answers count. The same person can vote again."
                               : void_outcome_message(o),
                           now);
            }
            break;
        case CommandType::ToggleSuppressionOverride:
            if (session_) {
                const bool on = session_->at_summary()
                                    ? !session_->summary_suppression_overridden()
                                    : !session_->current_poll(now).value_or(PollView{}).suppression_overridden;
                if (session_->override_suppression(on))
                    show_toast(on ? "Percentages shown even though there are few votes."
                                  : "Percentages hidden again while there are few votes.",
                               now);
            }
            break;
        case CommandType::ToggleBallotMode:
            if (session_) {
                const BallotMode m = session_->ballot_mode() == BallotMode::Open ? BallotMode::Armed : BallotMode::Open;
                session_->set_ballot_mode(m);
                show_toast(m == BallotMode::Armed ? "Armed ballots: press A before each person votes."
                                                  : "Open ballots: the next vote is accepted after a short pause.",
                           now);
            }
            break;
        case CommandType::EndSession:
            if (session_) ask_to_leave(PinPurpose::LeaveWorkshop);
            break;
        case CommandType::PlayPauseVideo:
        case CommandType::VideoBack:
        case CommandType::VideoForward:
        case CommandType::VideoRestart:
        case CommandType::VideoLouder:
        case CommandType::VideoQuieter:
        case CommandType::VideoMute:
        case CommandType::VideoCaptions:
        case CommandType::VideoFullscreen:
        case CommandType::VideoSeekTo:
        case CommandType::VideoAutoplay:
            if (screen_ == Screen::Workshop && video_.present) requests_.video.push_back(c);
            break;
        case CommandType::SwapScreens:
            requests_.swap_screens = true;
            show_identify_banners(now);
            break;
        case CommandType::ToggleFacilitatorPanel:
            if (!has_presenter_) facilitator_panel_ = !facilitator_panel_;
            break;
        case CommandType::TextBigger: change_text_scale(0.1f, now); break;
        case CommandType::TextSmaller: change_text_scale(-0.1f, now); break;
        case CommandType::PinDigit:
            if (overlay_ == Overlay::Pin && pin_entry_.size() < kMaxPinLength && c.index >= 0 && c.index <= 9)
                pin_entry_ += static_cast<char>('0' + c.index);
            break;
        case CommandType::PinBackspace:
            if (!pin_entry_.empty()) pin_entry_.pop_back();
            break;
        case CommandType::PinSubmit:
            if (overlay_ == Overlay::Pin) pin_submit(now);
            break;
        case CommandType::PinCancel:
            if (overlay_ == Overlay::Pin) overlay_ = Overlay::None;
            pin_entry_.clear();
            break;
        case CommandType::ShowSettings:
            if (screen_ != Screen::Title) break;
            if (!config_.config_unreadable.empty()) {
                notice_ = "Settings are locked: " + config_.config_unreadable;
                break;
            }
            if (needs_pin()) ask_to_leave(PinPurpose::Settings);
            else open_settings();
            break;
        case CommandType::ShowImpact:
            if (screen_ != Screen::Title) break;
            if (needs_pin()) ask_to_leave(PinPurpose::Impact);
            else open_impact();
            break;
        case CommandType::ExportReport:
            if (screen_ == Screen::Impact) export_report(c.text);
            break;
        case CommandType::SaveSettings:
            if (screen_ == Screen::Settings) save_settings();
            break;
        case CommandType::SaveHeldVotes: save_held_votes(c.text); break;
        default: break;  // programme commands: programme_command() (kiosk_programme_flow.cpp)
    }
    request_redraw();
}

// [SECTION] Leaving, the PIN and its lockout

void KioskState::ask_to_leave(PinPurpose purpose) {
    if (needs_pin()) {
        overlay_ = Overlay::Pin;
        pin_purpose_ = purpose;
        pin_entry_.clear();
        pin_error_.clear();
    } else if (purpose == PinPurpose::LeaveWorkshop) {
        overlay_ = Overlay::ConfirmLeaveWorkshop;
    } else if (purpose == PinPurpose::Quit) {
        overlay_ = Overlay::ConfirmQuit;
    } else {
        overlay_ = Overlay::None;
    }
    request_redraw();
}

void KioskState::pin_submit(SteadyTime now) {
    const double t = secs(now);
    if (t < pin_locked_until_) {
        pin_entry_.clear();
        return;  // the prompt shows the wait
    }
    if (config_.pin_hash.empty()) {
        // The config file may hold a PIN that could not be read: nothing can be checked, so nothing opens.
        pin_error_ = "The PIN cannot be checked: " + config_.config_unreadable;
        pin_entry_.clear();
        return;
    }
    if (verify_pin(pin_entry_, config_.pin_hash)) {
        overlay_ = Overlay::None;
        pin_entry_.clear();
        pin_error_.clear();
        pin_failures_ = 0;
        do_leave(pin_purpose_, now);
        return;
    }
    pin_entry_.clear();
    ++pin_failures_;
    if (pin_failures_ >= kPinTriesBeforeLockout) {
        const int extra = pin_failures_ - kPinTriesBeforeLockout;
        pin_locked_until_ = t + kPinFirstLockoutSeconds * std::pow(2.0, std::min(extra, 10));
        pin_error_ = "Too many wrong PINs.";
    } else {
        pin_error_ = "That PIN is not right. Try again.";
    }
}



void KioskState::do_leave(PinPurpose purpose, SteadyTime now) {
    switch (purpose) {
        case PinPurpose::Quit:
            if (session_) leave_workshop();
            if (votes_not_on_disk() > 0) {
                overlay_ = Overlay::ConfirmQuitUnsaved;  // says how many, and where to save them first
                break;
            }
            quit_now();
            break;
        case PinPurpose::LeaveWorkshop: leave_workshop(); break;
        case PinPurpose::Settings: open_settings(); break;
        case PinPurpose::Impact: open_impact(); break;
        case PinPurpose::FinishOldSession: finish_old_session(now); break;
    }
}

void KioskState::quit_now() {
    quit_ = true;
}

// [SECTION] Sessions whose votes are only in memory

long long KioskState::votes_not_on_disk() const {
    auto votes = [](const SessionRecord& r) {
        long long n = 0;
        for (const auto& p : r.polls) n += p.total;
        return n;
    };
    long long n = session_ && !session_->all_saved() ? votes(session_->record()) : 0;
    for (const auto& h : held_) n += votes(h.record);
    return n;
}

void KioskState::hold_if_unsaved(const WorkshopSession& s) {
    if (!s.all_saved()) held_.push_back(HeldSession{s.record(), s.save_status().banner});
}

void KioskState::retry_held(SteadyTime now) {
    if (held_.empty() || now < held_retry_at_) return;
    held_retry_at_ = now + std::chrono::milliseconds(static_cast<int>(kHeldSaveRetrySeconds * 1000));
    const size_t before = held_.size();
    for (auto it = held_.begin(); it != held_.end();) {
        SessionStore store(config_.data_dir);
        if (store.save(it->record)) {
            it = held_.erase(it);
        } else {
            it->error = store.status().banner;
            ++it;
        }
    }
    if (held_.size() != before) {
        if (held_.empty()) notice_ = "The votes that were kept in memory are now saved to disk.";
        request_redraw();
    }
}

void KioskState::save_held_votes(const std::string& folder) {
    if (screen_ != Screen::Impact) return;
    if (folder.empty()) {
        impact_.status = "Type a folder, or choose one of the suggestions.";
        return;
    }
    std::vector<const SessionRecord*> all;
    if (session_ && !session_->all_saved()) all.push_back(&session_->record());
    for (const auto& h : held_) all.push_back(&h.record);
    if (all.empty()) {
        impact_.status = "No votes are waiting: everything is saved on this kiosk.";
        return;
    }
    int saved = 0;
    std::string first_error;
    for (const SessionRecord* r : all) {
        SessionStore other{fs::path(folder)};
        if (other.save(*r)) ++saved;
        else if (first_error.empty()) first_error = other.status().banner;
    }
    if (first_error.empty()) {
        // Saved elsewhere: the partnership's copy is safe, so the kiosk stops holding them.
        held_.clear();
        impact_.held_votes = votes_not_on_disk();
        impact_.status = "Saved " + std::to_string(saved) + " session file(s) with the votes kept in memory in " + folder +
                         ". Copy them into this kiosk's session folder (or give them to whoever makes the report).";
    } else {
        impact_.status = "Not saved: " + first_error;
    }
}

// [SECTION] Setup, resume, workshops

void KioskState::start_workshop(const std::string& id, SteadyTime now) {
    const ResolvedWorkshop* w = library_.find_workshop(id);
    if (w == nullptr) {
        notice_ = "Workshop \"" + id + "\" is not available";
        screen_ = Screen::Title;
        return;
    }
    if (auto group = group_from_options()) {
        begin_session(*w, *group, now);
        return;
    }
    setup_workshop_ = w;
    setup_ = ui::SetupForm{};
    setup_.workshop_title = w->def->title;
    setup_.organisations = config_.config.organisations;
    setup_.audience = w->def->audience == Audience::Adult ? 1 : w->def->audience == Audience::Mixed ? 2 : 0;
    screen_ = Screen::Setup;
    overlay_ = Overlay::None;
}

std::optional<SessionGroup> KioskState::group_from_options() const {
    if (!options_.group_label) return std::nullopt;
    SessionGroup out;
    out.label = *options_.group_label;
    out.format = parse_enum<GroupFormat>(options_.group_format.value_or("")).value_or(GroupFormat::Group);
    out.audience = parse_enum<Audience>(options_.audience.value_or("")).value_or(Audience::Unspecified);
    if (options_.headcount) out.headcount = *options_.headcount;
    return out;
}

void KioskState::confirm_setup(SteadyTime now) {
    if (setup_workshop_ == nullptr || screen_ != Screen::Setup) return;
    // The rules (label, headcount of digits only) are core's, shared with the command line and tests.
    const GroupFormat format = setup_.format == 1 ? GroupFormat::OneToOne : GroupFormat::Group;
    const Audience audience = setup_.audience == 1 ? Audience::Adult : setup_.audience == 2 ? Audience::Mixed : Audience::Under18;
    Result<SessionGroup> group = parse_session_group(setup_.label, format, audience, setup_.headcount);
    if (!group) {
        setup_.error = group.message();
        return;
    }
    Result<std::string> organisation = parse_organisation(setup_.organisation);
    if (!organisation) {
        setup_.error = organisation.message();
        return;
    }
    SessionGroup g = *group;
    g.organisation = *organisation;
    remember_organisation_in_config(g.organisation);
    const ResolvedWorkshop* w = setup_workshop_;
    setup_workshop_ = nullptr;
    begin_session(*w, g, now);
}

void KioskState::begin_session(const ResolvedWorkshop& w, const SessionGroup& group, SteadyTime now) {
    SessionSetup setup;
    setup.group = group;
    if (session_) hold_if_unsaved(*session_);
    session_.emplace(WorkshopSession::start(library_, w, SessionStore(config_.data_dir), setup, config_.session));
    workshop_ = &w;
    session_started_ = module_started_ = secs(now);
    timed_module_ = -1;
    module_elapsed_.assign(w.modules.size() + 1, 0.0);
    screen_ = Screen::Workshop;
    overlay_ = Overlay::None;
    blanked_ = false;
    on_step_changed(now);
}

void KioskState::check_for_unfinished() {
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

void KioskState::resume_session(SteadyTime now) {
    if (!unfinished_ || screen_ != Screen::Resume) return;
    Result<ResumedSession> r =
        WorkshopSession::resume(library_, SessionStore(config_.data_dir), unfinished_->record, config_.session);
    if (!r) {
        resume_view_.error = r.message();
        return;
    }
    session_.emplace(std::move(r->session));
    unfinished_.reset();
    workshop_ = &session_->workshop();
    session_started_ = module_started_ = secs(now);
    timed_module_ = -1;
    module_elapsed_.assign(workshop_->modules.size() + 1, 0.0);
    screen_ = Screen::Workshop;
    overlay_ = Overlay::None;
    if (!r->note.empty()) show_toast(r->note, now, 6.0);
    on_step_changed(now);
}

void KioskState::finish_old_session(SteadyTime now) {
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
        start_requested_workshop(now);
    }
}

void KioskState::start_requested_workshop(SteadyTime now) {
    // --workshop ID: once, when no unfinished session is waiting for a decision.
    if (requested_workshop_started_ || options_.workshop_id.empty() || screen_ == Screen::Resume) return;
    requested_workshop_started_ = true;
    start_workshop(options_.workshop_id, now);
    if (screen_ == Screen::Title) {
        requested_workshop_missing_ = true;
        std::cerr << "upstander: there is no workshop with id \"" << options_.workshop_id << "\"\n";
    }
}

void KioskState::leave_workshop() {
    stop_card_scan(epoch_, true);
    cards_counted_.clear();
    camera_failure_.clear();
    if (session_) {
        if (!session_->end_session()) {
            notice_ = "The session could not be saved as finished: " + session_->save_status().banner;
            // Its votes stay in memory and saving is retried (title and presenter screens say so).
        }
        hold_if_unsaved(*session_);
        session_.reset();
    }
    workshop_ = nullptr;
    timer_ = DiscussionTimer{};
    screen_ = Screen::Title;
    requests_.clear_images = true;
    requests_.reset_players = true;
}

void KioskState::vote(int option, SteadyTime now) {
    if (!session_ || !session_->current_step_is_poll() || screen_ != Screen::Workshop || overlay_ != Overlay::None) return;
    const VoteOutcome outcome = session_->vote(option, now);
    if (outcome == VoteOutcome::Counted || outcome == VoteOutcome::CountedHeldInMemory) {
        // The same confirmation whatever was chosen; it stays up at least for the cooldown.
        confirm_text_ = vote_outcome_message(outcome);
        confirm_until_ = now + std::chrono::milliseconds(1500);
        requests_.clear_hover = true;
        requests_.vote_sound = config_.config.vote_sound;
    }
}

void KioskState::show_toast(const std::string& text, SteadyTime now, double seconds) {
    toast_ = text;
    toast_until_ = secs(now) + seconds;
    request_redraw();
}

void KioskState::on_step_changed(SteadyTime now) {
    const double t = secs(now);
    camera_failure_.clear();  // said once, on the poll where the scan ended
    if (session_) {
        const int m = session_->position().module;
        if (m != timed_module_) {
            if (timed_module_ >= 0 && timed_module_ < static_cast<int>(module_elapsed_.size()))
                module_elapsed_[static_cast<size_t>(timed_module_)] += t - module_started_;
            timed_module_ = m;
            module_started_ = t;
        }
    }
    const Step* s = session_ ? session_->current_step() : nullptr;
    if (timer_.step != s) timer_ = DiscussionTimer{s};
    confirm_until_ = SteadyTime{};
    reveal_started_ = -1;
    summary_started_ = session_ && session_->at_summary() ? t : -1;
    request_redraw();
}

void KioskState::change_text_scale(float delta, SteadyTime now) {
    config_.text_scale = std::clamp(std::round((config_.text_scale + delta) * 10.0f) / 10.0f, 0.5f, 3.0f);
    requests_.display_settings_changed = true;
    show_toast("Text size " + std::to_string(static_cast<int>(std::lround(config_.text_scale * 100))) + "%", now, 2.0);
}

// [SECTION] Impact and settings

void KioskState::open_impact() {
    // No folder yet simply means no sessions yet: not a problem to report.
    std::error_code exists_ec;
    const bool have_dir = fs::is_directory(config_.data_dir, exists_ec);
    Report report = have_dir ? build_report(collect_sessions({config_.data_dir}), ReportFilter{}, std::nullopt, local_date_today())
                             : build_report(SessionCollection{}, ReportFilter{}, std::nullopt, local_date_today());
    impact_ = ui::ImpactView{};
    impact_.data_dir = config_.data_dir.string();
    impact_.headline = report.headline;  // the report model words it, for every output alike
    impact_.details = report.headline_details;
    add_programme_figures(report, config_.data_dir);
    for (std::string& line : programme_impact_lines(report)) impact_.details.push_back(std::move(line));
    for (const auto& m : report.measures) impact_.measures.push_back(m.sentence);
    if (!report.problems.empty())
        impact_.problems = std::to_string(report.problems.size()) + " file(s) could not be read, for example " +
                           report.problems.front().file + ": " + report.problems.front().reason;
    if (const long long held = votes_not_on_disk(); held > 0)
        impact_.problems += (impact_.problems.empty() ? "" : " ") + std::to_string(held) +
                            " vote(s) are only in memory: save them to a folder (for example a USB stick) with "
                            "\xE2\x80\x9CSave votes held in memory\xE2\x80\x9D.";
    impact_.held_votes = votes_not_on_disk();
    // Likely places for a USB stick, then the home folder.
    for (const fs::path& drive : removable_drive_folders()) impact_.suggestions.push_back(path_utf8(drive));
    // Default to a removable drive when there is one; never guess anything else.
    impact_.export_folder = impact_.suggestions.empty() ? std::string() : impact_.suggestions.front();
    if (const fs::path home = home_dir(); !home.empty()) impact_.suggestions.push_back(path_utf8(home));
    screen_ = Screen::Impact;
}

void KioskState::export_report(const std::string& folder) {
    if (folder.empty()) {
        impact_.status = "Type a folder, or choose one of the suggestions.";
        return;
    }
    Report report = build_report(collect_sessions({config_.data_dir}), ReportFilter{}, std::nullopt, local_date_today());
    add_programme_figures(report, config_.data_dir);
    const fs::path dir = utf8_path(folder);
    const std::string stem = "upstander-report-" + local_date_today();
    const fs::path csv = dir / (stem + ".csv");
    std::string err = write_file_atomically(csv, report_sessions_csv(report));
    if (err.empty()) err = write_file_atomically(summary_csv_path(csv), report_summary_csv(report));
    if (err.empty()) err = write_file_atomically(dir / (stem + ".html"), report_html(report));
    impact_.status = err.empty() ? "Saved " + stem + ".csv, " + stem + "-summary.csv and " + stem + ".html in " + folder
                                 : "Not saved: " + err;
}

void KioskState::open_settings() {
    if (!config_.config_unreadable.empty()) return;  // never overwrite a file we could not read
    settings_form_ = ui::SettingsForm{};
    settings_form_.config = config_.config;
    settings_form_.file = config_.config_file.string();
    screen_ = Screen::Settings;
}

void KioskState::save_settings() {
    if (!config_.config_unreadable.empty()) {
        settings_form_.status = "Not saved: " + config_.config_unreadable;
        return;
    }
    Config c = settings_form_.config;
    c.pin_hash = config_.config.pin_hash;  // the PIN is only changed with --set-pin
    c.data_dir = config_.config.data_dir;  // not on this screen; a --data-dir flag is never written
    c.projector_display = config_.config.projector_display;
    c.presenter_display = config_.config.presenter_display;
    c.booth_display = config_.config.booth_display;
    // Never lower the small-number threshold below what the file holds without the facilitator choosing it.
    if (std::string err = save_config(c, config_.config_file); !err.empty()) {
        settings_form_.status = "Not saved: " + err;
        return;
    }
    config_.config = c;
    // Apply at once (flags given on the command line still win for this run: they were applied
    // before, and are not in the file).
    config_.theme = ui::theme_from_name(c.theme);
    config_.text_scale = static_cast<float>(c.text_scale);
    config_.dyslexia_font = c.dyslexia_font;
    config_.attract_after_seconds = c.idle_timeout_seconds;
    config_.session = session_options(c);
    if (!options_.headless) config_.kiosk_mode = c.kiosk;
    requests_.display_settings_changed = true;
    settings_form_.status = "Saved. New sessions use the voting settings; the rest applies now.";
}

// [SECTION] Live reload

KioskState::FileStamps KioskState::content_stamps() const {
    FileStamps stamps;
    std::error_code ec;
    for (const auto& root : config_.content_roots) {
        if (!fs::is_directory(root, ec)) continue;
        auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (stamps.size() > 20000) break;  // a mistaken --content on a huge folder must not stall the app
            if (!it->is_regular_file(ec)) continue;
            stamps[it->path()] = {it->last_write_time(ec), it->file_size(ec)};
        }
    }
    return stamps;
}

void KioskState::check_for_content_changes(SteadyTime now) {
    const double t = secs(now);
    if (!options_.watch || t < watch_next_check_ || screen_ == Screen::Programme) return;
    watch_next_check_ = t + 0.5;
    FileStamps stamps = content_stamps();
    if (stamps == watch_stamps_) return;
    watch_stamps_ = std::move(stamps);
    reload_content(now);
}

void KioskState::reload_content(SteadyTime now) {
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
        requests_.reset_players = true;
        timer_ = DiscussionTimer{};
        session_.reset();
        library_ = std::move(fresh);
        session_.emplace(std::move(r->session));
        workshop_ = &session_->workshop();
        if (!r->note.empty()) show_toast(r->note, now, 6.0);
    } else {
        setup_workshop_ = nullptr;
        if (screen_ == Screen::Setup) screen_ = Screen::Title;
        library_ = std::move(fresh);
    }
    requests_.clear_images = true;
    show_toast("Content reloaded", now, 2.0);
    if (session_) on_step_changed(now);
    request_redraw();
}

// [SECTION] Time

void KioskState::tick(SteadyTime now) {
    const double t = secs(now);
    check_for_content_changes(now);
    retry_held(now);
    if (session_) {
        const bool was_saved = session_->all_saved();
        session_->tick(now);
        if (was_saved != session_->all_saved()) request_redraw();
        if (confirm_until_ != SteadyTime{} && now >= confirm_until_) {
            confirm_until_ = SteadyTime{};
            request_redraw();
        }
    }
    tick_places(now);
    if (!toast_.empty() && t >= toast_until_) {
        toast_.clear();
        request_redraw();
    }
    // Animations redraw every frame while they run, and once more, finished, when their time is up.
    for (double* started : {&reveal_started_, &summary_started_}) {
        if (*started < 0) continue;
        if (t - *started >= kRevealSeconds) *started = -1;  // drawn as finished from now on
        request_redraw(1);
    }
    if (timer_.running) {
        const double dt = t - timer_.last_tick;
        timer_.last_tick = t;
        const double before = timer_.remaining;
        timer_.remaining = std::max(0.0, timer_.remaining - dt);
        if (std::ceil(before) != std::ceil(timer_.remaining)) request_redraw(1);
        if (timer_.remaining <= 0) {
            timer_.running = false;
            request_redraw();
        }
    }
    if (screen_ == Screen::Title && overlay_ == Overlay::None && config_.attract_after_seconds > 0 &&
        t - last_activity_ >= config_.attract_after_seconds) {
        screen_ = Screen::Attract;
        request_redraw();
    }
    if (screen_ == Screen::Attract && std::floor(t / 5.0) != std::floor(last_tick_ / 5.0)) request_redraw(1);
    if (identify_until_ != SteadyTime{} && now >= identify_until_) {
        identify_until_ = SteadyTime{};
        request_redraw();
    }
    if (session_ && (has_presenter_ || facilitator_panel_) &&
        std::floor(t - session_started_) != std::floor(last_tick_ - session_started_))
        request_redraw(1);
    if (overlay_ == Overlay::Pin && pin_locked_until_ > 0 && std::ceil(pin_locked_until_ - t) != std::ceil(pin_locked_until_ - last_tick_))
        request_redraw(1);  // the lockout's countdown
    last_tick_ = t;
}

double KioskState::next_wake(SteadyTime now) const {
    const double t = secs(now);
    double wake = 5.0;  // nothing animates: wake rarely
    auto until = [&](SteadyTime d) { return std::chrono::duration<double>(d - now).count(); };
    if (session_) {
        if (auto d = session_->next_deadline(now)) wake = std::min(wake, std::max(0.01, until(*d)));
        if (confirm_until_ != SteadyTime{}) wake = std::min(wake, std::max(0.01, until(confirm_until_)));
    }
    if (!held_.empty()) wake = std::min(wake, std::max(0.01, until(held_retry_at_)));
    wake = std::min(wake, places_wake(now));
    if (!toast_.empty()) wake = std::min(wake, std::max(0.01, toast_until_ - t));
    if (identify_until_ != SteadyTime{} && identify_until_ > now) wake = std::min(wake, until(identify_until_) + 0.01);
    if (options_.watch) wake = std::min(wake, std::max(0.01, watch_next_check_ - t));
    // The presenter's clocks tick once a second.
    if (session_ && (has_presenter_ || facilitator_panel_))
        wake = std::min(wake, std::max(0.01, 1.0 - std::fmod(t - session_started_, 1.0)));
    if (timer_.running) wake = std::min(wake, std::max(0.01, timer_.remaining - std::floor(timer_.remaining - 1e-6)));
    if (screen_ == Screen::Title && overlay_ == Overlay::None && config_.attract_after_seconds > 0)
        wake = std::min(wake, std::max(0.05, last_activity_ + config_.attract_after_seconds - t));
    if (screen_ == Screen::Attract) wake = std::min(wake, 5.0);
    if (reveal_started_ >= 0 || summary_started_ >= 0) wake = std::min(wake, kAnimationFrameSeconds);
    if (overlay_ == Overlay::Pin && pin_locked_until_ > t)
        wake = std::min(wake, std::max(0.01, pin_locked_until_ - t - std::floor(pin_locked_until_ - t - 1e-6)));
    return wake;
}

}  // namespace upstander::app
