// KioskState's views: what each screen shows, built from the state for the shell to draw (the
// shell adds textures and clips). Nothing here changes state.
#include "kiosk_state.hpp"

#include <cmath>

namespace upstander::app {

// [SECTION] Views

ui::TitleView KioskState::title_view() const {
    ui::TitleView tv{&library_, notice_};
    if (const long long held = votes_not_on_disk(); held > 0 && !session_)
        tv.notice = std::to_string(held) + (held == 1 ? " vote is" : " votes are") +
                    " kept in memory and saving is retried every few seconds. Do not close Upstander: "
                    "save them to a USB stick from the Impact screen (I) if the disk stays full.";
    return tv;
}

ui::StepView KioskState::step_view(ui::PollStepView& poll_view, PollView& poll, std::vector<MeasureChange>& summary,
                                   SteadyTime now) const {
    ui::StepView v;
    if (!session_) return v;
    const double t = secs(now);
    const Navigator& nav = session_->navigator();
    v.workshop_title = workshop_->def->title;
    const Module* m = nav.current_module();
    v.module_title = m ? m->title : std::string(kSummaryTitle);
    v.progress = nav.progress_label();
    v.step = nav.current_step();
    v.is_consequence = nav.position().consequence >= 0;
    v.at_start = nav.at_start();
    v.at_end = nav.at_end();
    if (!session_->all_saved()) v.banner = session_->save_status().banner;
    if (t < toast_until_) v.toast = toast_;
    if (v.step && v.step == timer_.step) {
        v.timer.started = timer_.started;
        v.timer.running = timer_.running;
        v.timer.remaining_seconds = timer_.remaining;
    }
    if (auto p = session_->current_poll(now)) {
        poll = std::move(*p);
        poll_view.poll = &poll;
        poll_view.show_buttons = true;
        poll_view.confirmation = confirm_until_ != SteadyTime{} && now < confirm_until_;
        poll_view.confirmation_text = confirm_text_;
        poll_view.reveal_progress = reveal_started_ < 0 ? 1.0 : (t - reveal_started_) / kRevealSeconds;
        if (card_scan_) poll_view.cards = &card_view_;
        v.poll = &poll_view;
    }
    if (session_->at_summary()) {
        summary = session_->what_changed_today();
        v.summary = &summary;
        v.summary_progress = summary_started_ < 0 ? 1.0 : (t - summary_started_) / kRevealSeconds;
    }
    return v;
}

std::optional<ui::StepView> KioskState::next_step_view() const {
    if (!session_) return std::nullopt;
    const Navigator& nav = session_->navigator();
    ui::StepView v;
    v.miniature = true;
    v.workshop_title = workshop_->def->title;
    v.step = nav.peek_next();
    if (v.step == nullptr && !nav.peek_next_is_summary()) return std::nullopt;  // the last step
    return v;  // polls show their question and options; the summary its heading (no results before they are due)
}

ui::FacilitatorView KioskState::facilitator_view(SteadyTime now) const {
    ui::FacilitatorView f;
    if (!session_) return f;
    const double t = secs(now);
    const Step* step = session_->current_step();
    if (step) f.notes = step->facilitator_notes;
    if (step && step->type == StepType::Video && step->video && step->video->sample)
        f.notes = "Sample clip: made for trying Upstander out. Replace it with your partnership's own footage "
                  "before using it with a class.\n\n" + f.notes;
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
    const double total = t - session_started_;
    const int expected = workshop_->def->duration_minutes * 60;
    f.total_time = ui::format_clock(total) + " of " + ui::format_clock(expected);
    f.over_time = total > expected;
    const int m = session_->position().module;
    double in_module = t - module_started_;
    if (m >= 0 && m < static_cast<int>(module_elapsed_.size())) in_module += module_elapsed_[static_cast<size_t>(m)];
    f.module_time = ui::format_clock(in_module) + " in this module";
    if (auto p = session_->current_poll(now)) {
        f.on_poll = true;
        f.votes = std::to_string(p->votes) + (p->votes == 1 ? " vote" : " votes");
        f.poll_open = p->state == PollState::Open;
        f.poll_revealed = p->revealed;
        f.can_void = p->can_void;
        f.armed_mode = p->ballot_mode == BallotMode::Armed;
        f.armed = p->armed;
        f.suppression_overridden = p->suppression_overridden;
        f.suppressed = p->display.suppressed;
        f.can_scan_cards = f.poll_open && !session_->finished() && !session_->current_step_is_ballot();
        f.scanning_cards = card_scan_.has_value();
        if (card_scan_)
            f.card_status = card_view_.camera_problem.empty()
                                ? "Scanning answer cards: " + std::to_string(card_view_.seen) + " read so far"
                                : card_view_.camera_problem;
        else if (!camera_failure_.empty() && camera_failure_poll_ == current_poll_key())
            f.card_status = camera_failure_;
    }
    f.on_summary = session_->at_summary();
    if (f.on_summary) {
        f.suppression_overridden = session_->summary_suppression_overridden();
        for (const MeasureChange& change : session_->what_changed_today())
            f.suppressed = f.suppressed || change.pre.display.suppressed || change.post.display.suppressed;
    }
    f.on_video = step && step->type == StepType::Video && video_.present;
    f.video_playing = video_.playing;
    f.blanked = blanked_;
    f.calm = calm_;
    if (!session_->all_saved()) f.banner = session_->save_status().banner;
    if (!held_.empty()) {
        long long held = 0;
        for (const auto& h : held_)
            for (const auto& p : h.record.polls) held += p.total;
        f.banner += (f.banner.empty() ? "" : " ") + std::string("An earlier session's ") + std::to_string(held) +
                    " vote(s) are kept in memory; saving is retried.";
    }
    if (t < toast_until_) f.toast = toast_;
    fill_places(f, now);
    return f;
}

ui::PinPromptView KioskState::pin_prompt_view(SteadyTime now) const {
    ui::PinPromptView pv;
    switch (pin_purpose_) {
        case PinPurpose::LeaveWorkshop: pv.reason = "Enter the facilitator PIN to end this session"; break;
        case PinPurpose::Quit: pv.reason = "Enter the facilitator PIN to close Upstander"; break;
        case PinPurpose::Settings: pv.reason = "Enter the facilitator PIN to open Settings"; break;
        case PinPurpose::Impact: pv.reason = "Enter the facilitator PIN to see and export the impact report"; break;
        case PinPurpose::FinishOldSession: pv.reason = "Enter the facilitator PIN to close the old session"; break;
    }
    pv.digits = pin_entry_.size();
    pv.error = pin_error_;
    const double wait = pin_locked_until_ - secs(now);
    if (wait > 0) {
        const int s = static_cast<int>(std::ceil(wait));
        pv.error = "Too many wrong PINs. Try again in " + std::to_string(s / 60) + ":" + (s % 60 < 10 ? "0" : "") +
                   std::to_string(s % 60) + ".";
    }
    return pv;
}

std::string KioskState::confirm_question() const {
    const long long unsaved = votes_not_on_disk();
    switch (overlay_) {
        case Overlay::ConfirmQuit:
            if (programme_ && programme_->unwritten_answers())
                return "The answers to the person harmed's questions are not written to a letter yet and will be "
                       "forgotten. Close Upstander anyway?";
            if (unsaved > 0)
                return std::to_string(unsaved) + (unsaved == 1 ? " vote is" : " votes are") +
                       " not saved to disk yet. Close Upstander anyway?";
            return "Close Upstander?";
        case Overlay::ConfirmLeaveWorkshop:
            return session_ && !session_->all_saved()
                       ? "Some votes are not saved to disk yet. End the session? They stay in memory and saving is retried."
                       : "End this session and go back to the list of workshops?";
        case Overlay::ConfirmQuitUnsaved:
            return std::to_string(unsaved) + (unsaved == 1 ? " vote is" : " votes are") +
                   " only in memory and will be lost. Save them to another folder (a USB stick) on the Impact screen "
                   "first, or press Y to close and lose them.";
        default: return {};
    }
}

}  // namespace upstander::app
