// KioskState: answer cards read by the camera on a poll step. The scan's readings stay in memory;
// stopping the scan adds its counts to the poll in one save (WorkshopSession::add_card_counts) and
// forgets which card said what. The projector shows only which cards were read, never an answer.

#include "kiosk_state.hpp"

#include <algorithm>

namespace upstander::app {

std::string KioskState::camera_source() const { return config_.camera.empty() ? "/dev/video0" : config_.camera; }

std::string KioskState::current_poll_key() const {
    if (!session_ || !session_->current_step_is_poll()) return {};
    const NavPosition p = session_->position();
    return std::to_string(p.module) + ":" + std::to_string(p.step);
}

void KioskState::toggle_card_scan(SteadyTime now) {
    if (card_scan_) {
        stop_card_scan(now);
        return;
    }
    if (screen_ != Screen::Workshop || !session_) return;
    const auto poll = session_->current_poll(now);
    if (!poll) {
        show_toast("Answer cards work on a poll step.", now);
        return;
    }
    if (session_->current_step_is_ballot()) {
        show_toast("This step is a ballot of several questions: answer it at the booth or with handsets. "
                   "Cards answer one question at a time.", now, 6.0);
        return;
    }
    if (poll->state != PollState::Open || session_->finished()) {
        show_toast("Voting is closed on this poll: reopen it (O) to scan cards.", now);
        return;
    }
    const std::string key = current_poll_key();
    camera_failure_.clear();
    card_scan_ = CardScanRun{CardScan(static_cast<int>(poll->def->options.size()), cards_counted_[key]), key, {}};
    requests_.camera_start = true;
    show_toast("Scanning answer cards: ask the class to hold them up.", now);
    refresh_card_view();
    request_redraw();
}

void KioskState::rescan_cards(SteadyTime now) {
    if (!card_scan_) return;
    card_scan_->scan.discard();
    show_toast("The scan was discarded (nothing counted). Reading the room again.", now);
    refresh_card_view();
    request_redraw();
}

void KioskState::stop_card_scan(SteadyTime now, bool quiet) {
    if (!card_scan_) return;
    CardScanRun run = std::move(*card_scan_);
    card_scan_.reset();
    requests_.camera_stop = true;
    refresh_card_view();
    request_redraw();
    const std::vector<long long> counts = run.scan.counts();
    const std::vector<int> seen = run.scan.seen_cards();
    if (!session_ || run.poll_key != current_poll_key()) return;  // the poll is gone: nothing to count into
    const std::string cards = std::to_string(seen.size()) + (seen.size() == 1 ? " card" : " cards");
    if (seen.empty()) {
        if (!quiet) show_toast("No cards were read, so nothing was counted.", now);
        return;
    }
    switch (session_->add_card_counts(counts)) {
        case WorkshopSession::CardCommit::Saved:
            requests_.vote_sound = config_.config.vote_sound;  // one chime for the whole scan
            cards_counted_[run.poll_key].insert(seen.begin(), seen.end());
            if (!quiet) show_toast(cards + " counted.", now);
            break;
        case WorkshopSession::CardCommit::HeldInMemory:
            requests_.vote_sound = config_.config.vote_sound;
            cards_counted_[run.poll_key].insert(seen.begin(), seen.end());
            if (!quiet) show_toast(cards + " counted and held in memory: " + session_->save_status().banner, now);
            break;
        case WorkshopSession::CardCommit::VotingClosed:
            if (!quiet) show_toast("Voting has closed on this poll, so the cards were not counted.", now);
            break;
        case WorkshopSession::CardCommit::WrongOptions:
        case WorkshopSession::CardCommit::Nothing:
            if (!quiet) show_toast("No cards were read, so nothing was counted.", now);
            break;
    }
}

void KioskState::card_frame(std::span<const CardDetection> detections, SteadyTime now) {
    (void)now;
    if (!card_scan_) return;
    const int before = card_scan_->scan.cards_seen();
    card_scan_->scan.add_frame(detections);
    if (card_scan_->scan.cards_seen() != before) {
        refresh_card_view();
        request_redraw(1);
    }
}

void KioskState::camera_failed(const std::string& message, SteadyTime now) {
    if (!card_scan_ || card_scan_->camera_problem == message) return;
    if (card_scan_->scan.cards_seen() == 0) {
        // Nothing was read, so nothing can be counted: the scan ends, the projector stops asking the
        // class to hold up cards, and the presenter keeps saying why until the poll changes.
        camera_failure_ = message;
        camera_failure_poll_ = card_scan_->poll_key;
        stop_card_scan(now, true);
        show_toast(message, now, 8.0);
        return;
    }
    // Cards already read stay until the facilitator stops the scan and counts them.
    const int n = card_scan_->scan.cards_seen();
    card_scan_->camera_problem = message + (n == 1 ? " The card read before it stopped is counted"
                                                   : " The " + std::to_string(n) + " cards read before it stopped are counted") +
                                 " when you stop the scan (C).";
    show_toast(message, now, 8.0);
    refresh_card_view();
    request_redraw();
}

void KioskState::refresh_card_view() {
    ui::CardScanView v;
    if (card_scan_) {
        v.active = true;
        const std::vector<int> seen = card_scan_->scan.seen_cards();
        const std::set<int>& before = card_scan_->scan.already_counted();
        v.seen = static_cast<int>(seen.size());
        v.already_counted = static_cast<int>(before.size());
        int highest = 30;
        if (session_ && session_->record().group.headcount)
            highest = static_cast<int>(std::clamp<long long>(*session_->record().group.headcount, 1, kMaxCards));
        for (int c : seen) highest = std::max(highest, c);
        for (int c : before) highest = std::max(highest, c);
        v.grid_size = highest;
        v.ticked.assign(static_cast<std::size_t>(highest), 0);
        for (int c : seen) v.ticked[static_cast<std::size_t>(c - 1)] = 1;
        for (int c : before) v.ticked[static_cast<std::size_t>(c - 1)] = 1;
        v.camera_problem = card_scan_->camera_problem;
    }
    card_view_ = std::move(v);
}

}  // namespace upstander::app
