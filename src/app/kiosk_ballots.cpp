// KioskState: where votes come from. The projector's own screen, booth windows and handsets are
// each a voting place with its own cooldown, its own questionnaire ballot in progress and its own
// neutral confirmation; the presenter lists booths and handsets and can disable one. The rules of
// counting live in WorkshopSession (src/core); this file only routes and presents.

#include "kiosk_state.hpp"

#include <algorithm>

namespace upstander::app {

namespace {

constexpr auto kConfirmFor = std::chrono::milliseconds(1500);
constexpr auto kHandsetLineFor = std::chrono::milliseconds(2500);
// A handset whose presses the cooldown refuses this many times in a row (no press getting through in
// between) is flagged: nobody presses that often on purpose while their vote is being confirmed.
constexpr int kFloodPresses = 8;

VoterDevice device_of(int source) {
    if (source > ui::kSourceHandset) return handset_device(source - ui::kSourceHandset);
    if (source > ui::kSourceBooth) return booth_device(source - ui::kSourceBooth);
    return screen_device();
}

}  // namespace

// [SECTION] Votes and ballots from any place

void KioskState::vote_from(const ui::Command& c, SteadyTime now) {
    if (c.source == ui::kSourceScreen && !(session_ && session_->current_step_is_ballot())) {
        vote(c.index, now);  // the projector's single vote: as it always was
        return;
    }
    if (!session_ || !session_->current_step_is_poll() || screen_ != Screen::Workshop) return;
    if (std::find(disabled_sources_.begin(), disabled_sources_.end(), c.source) != disabled_sources_.end()) return;
    // Dialogs cover the projector only; booths and handsets carry on.
    if (c.source == ui::kSourceScreen && overlay_ != Overlay::None) return;
    const VoterDevice device = device_of(c.source);
    if (session_->current_step_is_ballot()) {
        if (session_->ballot_answer(device, c.index, now) == BallotInput::Answered) requests_.clear_hover = true;
        request_redraw();
        return;
    }
    const VoteOutcome outcome = session_->vote(c.index, now, device);
    if (outcome == VoteOutcome::Counted || outcome == VoteOutcome::CountedHeldInMemory) {
        confirm_by_source_[c.source] = now + kConfirmFor;
        confirm_text_by_source_[c.source] = vote_outcome_message(outcome);
        requests_.clear_hover = true;
        requests_.vote_sound = config_.config.vote_sound;
    }
    request_redraw();
}

void KioskState::ballot_command(const ui::Command& c, SteadyTime now) {
    if (!session_ || !session_->current_step_is_ballot() || screen_ != Screen::Workshop) return;
    if (std::find(disabled_sources_.begin(), disabled_sources_.end(), c.source) != disabled_sources_.end()) return;
    if (c.source == ui::kSourceScreen && overlay_ != Overlay::None) return;
    const VoterDevice device = device_of(c.source);
    if (c.type == ui::CommandType::BallotBack) {
        session_->ballot_back(device, now);
    } else {
        const VoteOutcome outcome = session_->ballot_done(device, now);
        if (outcome == VoteOutcome::Counted || outcome == VoteOutcome::CountedHeldInMemory) {
            requests_.vote_sound = config_.config.vote_sound;
            // The same confirmation whatever the answers; for the screen it is the kiosk's own.
            const char* text = outcome == VoteOutcome::Counted
                                   ? "Your answers are counted \xE2\x80\x94 thank you. Next person, please."
                                   : "Your answers are counted and held in memory \xE2\x80\x94 thank you. Next person, please.";
            if (c.source == ui::kSourceScreen) {
                confirm_text_ = text;
                confirm_until_ = now + kConfirmFor;
            } else {
                confirm_by_source_[c.source] = now + kConfirmFor;
                confirm_text_by_source_[c.source] = text;
            }
        }
    }
    requests_.clear_hover = true;
    request_redraw();
}

bool KioskState::source_confirming(int source, SteadyTime now) const {
    if (source == ui::kSourceScreen) return confirm_until_ != SteadyTime{} && now < confirm_until_;
    const auto it = confirm_by_source_.find(source);
    return it != confirm_by_source_.end() && now < it->second;
}

// [SECTION] Handsets

void KioskState::handset_connected(int number, std::string battery, SteadyTime now) {
    Handset& h = handsets_[number];
    h = Handset{};
    h.connected = true;
    h.battery = std::move(battery);
    show_toast("Handset " + std::to_string(number) + " connected.", now, 3.0);
}

void KioskState::handset_disconnected(int number, SteadyTime now) {
    auto it = handsets_.find(number);
    if (it == handsets_.end()) return;
    it->second.connected = false;
    const bool lost = session_ && session_->ballot_discard(handset_device(number));
    it->second.lost_ballot = lost;
    show_toast("Handset " + std::to_string(number) +
                   (lost ? " was unplugged in the middle of a ballot: nothing of that ballot was counted."
                         : " was unplugged."),
               now, 6.0);
}

void KioskState::set_handset_battery(int number, std::string battery) {
    auto it = handsets_.find(number);
    if (it != handsets_.end() && it->second.battery != battery) {
        it->second.battery = std::move(battery);
        request_redraw();
    }
}

bool KioskState::handset_pressed(int number, PadInput input, int option, SteadyTime now) {
    note_activity(now);
    auto it = handsets_.find(number);
    if (it == handsets_.end() || !it->second.connected) return false;
    Handset& h = it->second;
    const int source = ui::kSourceHandset + number;
    if (std::find(disabled_sources_.begin(), disabled_sources_.end(), source) != disabled_sources_.end()) return false;
    if (!session_ || !session_->current_step_is_poll() || screen_ != Screen::Workshop) return false;
    if (blanked_ || calm_) return false;  // as the booth, which shows nothing then
    const VoterDevice device = handset_device(number);
    const std::string name = "Handset " + std::to_string(number);
    bool counted = false;
    bool refused_by_cooldown = false;
    if (session_->current_step_is_ballot()) {
        if (input == PadInput::Option) {
            const BallotInput r = session_->ballot_answer(device, option, now);
            refused_by_cooldown = r == BallotInput::IgnoredCooldown;
        } else if (input == PadInput::Back) {
            session_->ballot_back(device, now);
        } else {
            const VoteOutcome o = session_->ballot_done(device, now);
            counted = o == VoteOutcome::Counted || o == VoteOutcome::CountedHeldInMemory;
            refused_by_cooldown = o == VoteOutcome::IgnoredCooldown;
        }
        if (!counted) {
            if (auto v = session_->ballot_view(device, now); v && v->started) {
                h.message = name + ": " + ui::question_of_label(v->question, v->questions);
                if (v->can_done) h.message += " \xC2\xB7 press Start when done";
                h.counted_until = now + std::chrono::seconds(3600);  // stays while the ballot is in progress
            }
        }
    } else if (input == PadInput::Option) {
        const VoteOutcome o = session_->vote(option, now, device);
        counted = o == VoteOutcome::Counted || o == VoteOutcome::CountedHeldInMemory;
        refused_by_cooldown = o == VoteOutcome::IgnoredCooldown;
    }
    if (counted) {
        requests_.vote_sound = config_.config.vote_sound;  // the same chime as a booth vote
        h.message = name + ": vote counted";
        h.counted_until = now + kHandsetLineFor;
        h.ignored_presses = 0;
    }
    if (!refused_by_cooldown) h.ignored_presses = 0;
    if (refused_by_cooldown) {
        // A stuck button: the cooldown already refuses the presses; flag the handset once it floods.
        if (++h.ignored_presses >= kFloodPresses && !h.flooding) {
            h.flooding = true;
            show_toast(name + " is sending presses non-stop (a stuck button?). Its extra presses are ignored; "
                              "disable it on the presenter if it carries on.",
                       now, 8.0);
        }
    }
    request_redraw();
    return counted;
}

void KioskState::toggle_device(int source, SteadyTime now) {
    auto it = std::find(disabled_sources_.begin(), disabled_sources_.end(), source);
    const VoterDevice device = device_of(source);
    if (it != disabled_sources_.end()) {
        disabled_sources_.erase(it);
        show_toast(device_label(device) + " can vote again.", now, 3.0);
    } else {
        disabled_sources_.push_back(source);
        if (session_) session_->ballot_discard(device);
        if (auto h = handsets_.find(device.number); device.kind == DeviceKind::Handset && h != handsets_.end())
            h->second.flooding = false;
        show_toast(device_label(device) + " is disabled: it cannot vote until you enable it again.", now, 4.0);
    }
    request_redraw();
}

// [SECTION] Time

void KioskState::tick_places(SteadyTime now) {
    if (session_ && session_->abandoned_ballots() != abandoned_seen_) {
        abandoned_seen_ = session_->abandoned_ballots();
        places_note_ = "A ballot was abandoned: it went back to question 1 and nothing of it was counted.";
        places_note_until_ = now + std::chrono::seconds(20);
        request_redraw();
    }
    if (places_note_until_ != SteadyTime{} && now >= places_note_until_) {
        places_note_.clear();
        places_note_until_ = SteadyTime{};
        request_redraw();
    }
    for (auto& [source, until] : confirm_by_source_)
        if (until != SteadyTime{} && now >= until) {
            until = SteadyTime{};
            request_redraw();
        }
    for (auto& [n, h] : handsets_) {
        if (h.counted_until != SteadyTime{} && now >= h.counted_until) {
            h.counted_until = SteadyTime{};
            h.message.clear();
            request_redraw();
        }
        // A handset's ballot line goes when its ballot ends (counted, abandoned or the step changed).
        if (!h.message.empty() && h.message.find("vote counted") == std::string::npos && session_) {
            auto v = session_->ballot_view(handset_device(n), now);
            if (!v || !v->started) {
                h.message.clear();
                h.counted_until = SteadyTime{};
                request_redraw();
            }
        }
    }
}

double KioskState::places_wake(SteadyTime now) const {
    double wake = 5.0;
    auto consider = [&](SteadyTime t) {
        if (t != SteadyTime{} && t > now) wake = std::min(wake, std::chrono::duration<double>(t - now).count() + 0.001);
    };
    for (const auto& [source, until] : confirm_by_source_) consider(until);
    for (const auto& [n, h] : handsets_) consider(h.counted_until);
    consider(places_note_until_);
    return wake;
}

// [SECTION] Views

void KioskState::fill_places(ui::FacilitatorView& f, SteadyTime now) const {
    f.ballot_note = places_note_;
    // A ballot is one step: the facilitator reads every question's notes (answers, sources) there.
    if (session_ && session_->current_step_is_ballot()) {
        if (auto v = session_->ballot_view(screen_device(), now))
            f.votes = std::to_string(v->ballots) + (v->ballots == 1 ? " ballot" : " ballots");
        const Module* m = session_->navigator().current_module();
        const auto steps = ballot_group_at(*m, static_cast<std::size_t>(session_->position().step));
        for (std::size_t i = 1; i < steps.size(); ++i) {
            const Step& s = m->steps[steps[i]];
            if (!s.facilitator_notes.empty())
                f.notes += "\n\nQuestion " + std::to_string(i + 1) + ": " + s.facilitator_notes;
        }
        if (!steps.empty() && !m->steps[steps[0]].facilitator_notes.empty()) f.notes = "Question 1: " + f.notes;
    }
    auto disabled = [&](int source) {
        return std::find(disabled_sources_.begin(), disabled_sources_.end(), source) != disabled_sources_.end();
    };
    auto progress = [&](VoterDevice d) -> std::string {
        if (!session_ || !session_->current_step_is_ballot()) return {};
        auto v = session_->ballot_view(d, now);
        if (!v || !v->started) return " \xC2\xB7 ready";
        return " \xC2\xB7 " + ui::question_of_label(v->question, v->questions);
    };
    for (int b = 1; b <= booth_count_; ++b) {
        const int source = ui::kSourceBooth + b;
        f.places.push_back({"Booth " + std::to_string(b) + (disabled(source) ? " \xC2\xB7 disabled" : progress(booth_device(b))),
                            "booth " + std::to_string(b), source, disabled(source), false});
    }
    for (const auto& [n, h] : handsets_) {
        const int source = ui::kSourceHandset + n;
        std::string text = "Handset " + std::to_string(n);
        if (!h.connected) {
            text += h.lost_ballot ? " \xC2\xB7 unplugged mid-ballot" : " \xC2\xB7 unplugged";
        } else {
            if (!h.battery.empty()) text += " \xC2\xB7 battery " + h.battery;
            text += disabled(source) ? " \xC2\xB7 disabled" : progress(handset_device(n));
            if (h.flooding) text += " \xC2\xB7 stuck button? presses ignored";
        }
        f.places.push_back({text, "handset " + std::to_string(n), source, disabled(source),
                            h.flooding || (!h.connected && h.lost_ballot)});
    }
}

void KioskState::adapt_poll_view(int source, bool voting_here, ui::PollStepView& poll_view, ui::BallotStepView& ballot,
                                 std::vector<PollView>& results, SteadyTime now) const {
    if (!session_ || poll_view.poll == nullptr) return;
    const auto own_text = confirm_text_by_source_.find(source);
    if (source != ui::kSourceScreen) {
        poll_view.confirmation = source_confirming(source, now);
        poll_view.confirmation_text =
            own_text != confirm_text_by_source_.end() ? own_text->second : vote_outcome_message(VoteOutcome::Counted);
    }
    // Handsets that just voted ("Handset 3: vote counted") and where each is in its ballot.
    std::vector<std::string> handset_lines;
    for (const auto& [n, h] : handsets_)
        if (h.connected && !h.message.empty()) handset_lines.push_back(h.message);
    if (!session_->current_step_is_ballot()) {
        if (source == ui::kSourceScreen && !handset_lines.empty()) {
            std::string joined;
            for (const auto& l : handset_lines) joined += (joined.empty() ? "" : "   ") + l;
            poll_view.places_line = joined;
        }
        return;
    }
    const VoterDevice device = device_of(source);
    auto v = session_->ballot_view(device, now);
    if (!v) return;
    ballot.ballot = *v;
    ballot.buttons = voting_here;
    ballot.show_answer = source != ui::kSourceScreen;  // a booth is private; the projector never marks a choice
    ballot.waiting_for_arm = !v->started && session_->ballot_mode() == BallotMode::Armed && !poll_view.poll->armed;
    ballot.confirmation = source_confirming(source, now);
    ballot.confirmation_text = source == ui::kSourceScreen                ? confirm_text_
                               : own_text != confirm_text_by_source_.end() ? own_text->second
                                                                           : std::string();
    const std::string ballots = std::to_string(v->ballots) + (v->ballots == 1 ? " ballot" : " ballots");
    if (booth_count_ == 1) {
        auto b = session_->ballot_view(booth_device(1), now);
        ballot.status = ui::question_of_label(b ? b->question : 0, v->questions) + " \xC2\xB7 " + ballots;
    } else {
        ballot.status = ballots;
        for (int n = 1; n <= booth_count_; ++n) {
            auto b = session_->ballot_view(booth_device(n), now);
            ballot.places.push_back("Booth " + std::to_string(n) + ": " +
                                    ui::question_of_label(b ? b->question : 0, v->questions));
        }
    }
    const bool handsets = std::any_of(handsets_.begin(), handsets_.end(), [](const auto& h) { return h.second.connected; });
    ballot.places.insert(ballot.places.end(), handset_lines.begin(), handset_lines.end());
    if (handsets && booth_count_ == 0) {
        ballot.list_questions = true;
        ballot.no_buttons_text.clear();
    }
    results = session_->ballot_polls(now);
    for (const PollView& p : results) ballot.questions.push_back(p.def);
    ballot.results = &results;
    ballot.reveal_progress = poll_view.reveal_progress;
    poll_view.ballot = &ballot;
}

}  // namespace upstander::app
