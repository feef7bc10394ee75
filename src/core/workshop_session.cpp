#include "workshop_session.hpp"

#include "upstander/version.hpp"

#include <algorithm>
#include <cassert>

namespace upstander {

// [SECTION] Helpers

namespace {

const Pack* find_pack_in(const Library& library, const std::string& id) {
    for (const Pack& p : library.packs)
        if (p.id == id) return &p;
    return nullptr;
}

bool same_options(const SessionPoll& saved, const PollDef& def) {
    if (saved.kind != def.kind || saved.options.size() != def.options.size()) return false;
    for (std::size_t i = 0; i < def.options.size(); ++i)
        if (saved.options[i].id != def.options[i].id) return false;
    return true;
}

SessionPoll new_session_poll(const PollDef& def, const std::string& pack) {
    SessionPoll p;
    p.id = def.id;
    p.pack = pack;
    p.question = def.question;
    p.kind = def.kind;
    p.measure = def.measure;
    p.phase = def.phase;
    for (const PollOption& o : def.options) p.options.push_back({o.id, o.label, 0});
    return p;
}

}  // namespace

WorkshopSessionOptions session_options(const Config& config) {
    WorkshopSessionOptions o;
    o.suppression.min_votes = config.suppression_threshold;
    o.ballot_mode = config.ballot_mode;
    if (config.vote_cooldown_ms) o.vote_cooldown = std::chrono::milliseconds(*config.vote_cooldown_ms);
    o.ballot_abandon = std::chrono::seconds(config.ballot_abandon_seconds);
    return o;
}

PackSettings workshop_pack_settings(const Library& library, const ResolvedWorkshop& workshop) {
    if (workshop.def != nullptr)
        if (const Pack* p = find_pack_in(library, workshop.def->pack_id)) return p->settings;
    return {};
}

// [SECTION] Construction

WorkshopSession::WorkshopSession(const Library& library, const ResolvedWorkshop& workshop, SessionStore store,
                                 WorkshopSessionOptions options)
    : workshop_(&workshop),
      nav_(workshop),
      store_(std::move(store)),
      options_(options) {
    const PackSettings settings = workshop_pack_settings(library, workshop);
    BallotRules rules;
    rules.mode = options_.ballot_mode.value_or(settings.ballot_mode);
    rules.cooldown = options_.vote_cooldown.value_or(std::chrono::milliseconds(settings.vote_cooldown_ms));
    if (rules.cooldown < std::chrono::milliseconds(0)) rules.cooldown = std::chrono::milliseconds(0);
    ballot_ = Ballot(rules);
}

void WorkshopSession::build_slots() {
    slots_.clear();
    slot_of_step_.assign(workshop_->modules.size(), {});
    for (std::size_t m = 0; m < workshop_->modules.size(); ++m) {
        const Module* mod = workshop_->modules[m];
        slot_of_step_[m].assign(mod->steps.size(), kNoPoll);
        for (std::size_t s = 0; s < mod->steps.size(); ++s) {
            const Step& step = mod->steps[s];
            if (step.type != StepType::Poll || !step.poll) continue;
            const PollDef& def = *step.poll;
            auto same = [&](const PollSlot& slot) { return slot.pack == mod->pack_id && slot.def->id == def.id; };
            auto it = std::find_if(slots_.begin(), slots_.end(), same);
            if (it == slots_.end()) {
                PollSlot slot;
                slot.def = &def;
                slot.pack = mod->pack_id;
                slot.tally = PollTally(def.options.size());
                slots_.push_back(std::move(slot));
                it = slots_.end() - 1;
            }
            slot_of_step_[m][s] = static_cast<std::size_t>(it - slots_.begin());
        }
    }
}

WorkshopSession WorkshopSession::start(const Library& library, const ResolvedWorkshop& workshop, SessionStore store,
                                       SessionSetup setup, WorkshopSessionOptions options) {
    assert(workshop.def != nullptr);
    WorkshopSession s(library, workshop, std::move(store), options);
    SessionRecord& r = s.record_;
    r.schema_version = kSessionSchemaVersion;
    r.session_id = setup.session_id.empty() ? new_session_id() : setup.session_id;
    r.date = setup.date.empty() ? local_date_today() : setup.date;
    r.app_version = setup.app_version.empty() ? std::string(kVersion) : setup.app_version;
    r.status = SessionStatus::InProgress;
    r.workshop_id = workshop.def->id;
    r.workshop_title = workshop.def->title;
    r.group = setup.group;
    // The workshop's own pack first, then every other pack one of its modules comes from.
    auto add_pack = [&](const std::string& id) {
        if (std::any_of(r.packs.begin(), r.packs.end(), [&](const SessionPackRef& p) { return p.id == id; })) return;
        const Pack* p = find_pack_in(library, id);
        r.packs.push_back({id, p != nullptr ? p->version : std::string()});
    };
    add_pack(workshop.def->pack_id);
    for (const Module* m : workshop.modules) add_pack(m->pack_id);

    s.build_slots();
    for (PollSlot& slot : s.slots_) {
        slot.record_index = r.polls.size();
        r.polls.push_back(new_session_poll(*slot.def, slot.pack));
    }
    s.save();
    return s;
}

Result<ResumedSession> WorkshopSession::resume(const Library& library, SessionStore store, SessionRecord record,
                                               WorkshopSessionOptions options) {
    const ResolvedWorkshop* workshop = nullptr;
    for (const ResolvedWorkshop& w : library.workshops)
        if (w.def != nullptr && w.def->id == record.workshop_id) workshop = &w;
    const std::string file = store.path_for(record).string();
    if (workshop == nullptr) {
        return Error{"Cannot resume the session in " + file + ": its workshop \"" + record.workshop_title + "\" (" +
                     record.workshop_id + ") is not in the loaded content packs. Install its pack and try again."};
    }
    if (record.status == SessionStatus::Finished) {
        return Error{"The session in " + file + " has already finished, so it cannot be resumed."};
    }
    WorkshopSession s(library, *workshop, std::move(store), options);
    s.record_ = std::move(record);
    s.build_slots();
    for (PollSlot& slot : s.slots_) {
        SessionPoll* saved = s.record_.find_poll(slot.pack, slot.def->id);
        if (saved == nullptr) {
            slot.record_index = s.record_.polls.size();
            s.record_.polls.push_back(new_session_poll(*slot.def, slot.pack));
            continue;
        }
        if (!same_options(*saved, *slot.def)) {
            return Error{"Cannot resume the session in " + file + ": the poll \"" + slot.def->id + "\" in pack \"" +
                         slot.pack +
                         "\" has different options now (its pack was changed after the session started). "
                         "The saved votes are kept in that file."};
        }
        slot.record_index = static_cast<std::size_t>(saved - s.record_.polls.data());
        slot.tally = PollTally::from_record(*saved);
        slot.suppression_override = saved->suppression_override;
    }
    std::string note;
    const NavPosition saved_pos{s.record_.position_module, s.record_.position_step, s.record_.position_consequence};
    if (!s.nav_.set_position(saved_pos)) {
        note = "The saved position is not in the workshop any more, so the session resumes at the start.";
        s.nav_.set_position(NavPosition{});
    }
    s.sync_record();
    return ResumedSession{std::move(s), std::move(note)};
}

// [SECTION] Saving

void WorkshopSession::sync_record() {
    for (const PollSlot& slot : slots_) {
        SessionPoll& p = record_.polls[slot.record_index];
        slot.tally.write_to(p);
        p.suppression_override = slot.suppression_override;
    }
    const NavPosition pos = nav_.position();
    record_.position_module = pos.module;
    record_.position_step = pos.step;
    record_.position_consequence = pos.consequence;
}

bool WorkshopSession::save() {
    sync_record();
    return store_.save(record_);
}

bool WorkshopSession::tick(SteadyTime now) {
    ballot_.tick(now);
    for (auto& [device, progress] : progress_) {
        if (!progress.idle_for(options_.ballot_abandon, now)) continue;
        progress.reset();  // counts nothing; the presenter hears only that it happened
        ++abandoned_;
    }
    return store_.tick(record_, now);
}

// [SECTION] Navigation

void WorkshopSession::after_move() {
    progress_.clear();  // a ballot not yet done counts nothing
    ballot_.forget_pending();
    ballot_.disarm();
    // A finished session's position no longer matters; do not touch its file for it.
    if (!finished()) save();
}

bool WorkshopSession::next() {
    if (!nav_.next()) return false;
    after_move();
    return true;
}

bool WorkshopSession::back() {
    if (!nav_.back()) return false;
    after_move();
    return true;
}

bool WorkshopSession::jump_to_module(int module) {
    if (!nav_.jump_to_module(module)) return false;
    after_move();
    return true;
}

bool WorkshopSession::choose(int choice) {
    if (!nav_.choose(choice)) return false;
    after_move();
    return true;
}

std::size_t WorkshopSession::current_slot() const {
    const NavPosition p = nav_.position();
    if (p.consequence >= 0 || p.module < 0 || static_cast<std::size_t>(p.module) >= slot_of_step_.size()) return kNoPoll;
    const auto& steps = slot_of_step_[static_cast<std::size_t>(p.module)];
    if (p.step < 0 || static_cast<std::size_t>(p.step) >= steps.size()) return kNoPoll;
    return steps[static_cast<std::size_t>(p.step)];
}

// [SECTION] Voting

VoteOutcome WorkshopSession::vote(int option_index, SteadyTime now, VoterDevice device) {
    const std::size_t slot = current_slot();
    if (finished() || slot == kNoPoll || current_step_is_ballot()) return VoteOutcome::VotingClosed;
    const VoteOutcome outcome = ballot_.cast(slots_[slot].tally, slot, option_index, now, device);
    if (outcome != VoteOutcome::Counted) return outcome;
    // The confirmation may say "counted" only once the vote is on disk.
    return save() ? VoteOutcome::Counted : VoteOutcome::CountedHeldInMemory;
}

bool WorkshopSession::arm_ballot() {
    const std::size_t slot = current_slot();
    if (finished() || slot == kNoPoll || !slots_[slot].tally.accepting_votes()) return false;
    return ballot_.arm();
}

VoidOutcome WorkshopSession::void_last_vote(SteadyTime now) {
    const std::size_t slot = current_slot();
    if (finished() || slot == kNoPoll) return VoidOutcome::NothingToVoid;
    const std::vector<std::size_t> group = current_group();
    const std::vector<PollTally*> tallies = group_tallies(group);
    const VoidOutcome outcome = ballot_.void_last_ballot(tallies, slot, now);
    if (outcome == VoidOutcome::Voided) save();
    return outcome;
}

// Close, reveal and reopen act on every poll of a questionnaire ballot together.
bool WorkshopSession::close_voting() {
    if (finished()) return false;
    bool changed = false;
    for (PollTally* t : group_tallies(current_group())) changed = t->close() || changed;
    if (!changed) return false;
    progress_.clear();  // a ballot not yet done counts nothing
    save();
    return true;
}

bool WorkshopSession::reveal() {
    if (finished()) return false;
    bool changed = false;
    for (PollTally* t : group_tallies(current_group())) changed = t->reveal() || changed;
    if (!changed) return false;
    progress_.clear();
    ballot_.forget_pending();  // once the room has seen the chart, the last vote is final
    ballot_.disarm();
    save();
    return true;
}

bool WorkshopSession::reopen() {
    if (finished()) return false;
    bool changed = false;
    for (PollTally* t : group_tallies(current_group())) changed = t->reopen() || changed;
    if (!changed) return false;
    save();
    return true;
}

void WorkshopSession::set_ballot_mode(BallotMode mode) { ballot_.set_mode(mode); }

bool WorkshopSession::override_suppression(bool on) {
    if (finished()) return false;
    if (at_summary()) {
        record_.summary_suppression_override = on;
    } else {
        const std::vector<std::size_t> group = current_group();  // a ballot: every poll of it
        if (group.empty()) return false;
        for (std::size_t slot : group) slots_[slot].suppression_override = on;
    }
    save();
    return true;
}

// [SECTION] Session

bool WorkshopSession::set_group(const SessionGroup& group) {
    record_.group = group;
    return save();
}

bool WorkshopSession::end_session() {
    progress_.clear();
    ballot_.forget_pending();
    ballot_.disarm();
    record_.status = SessionStatus::Finished;
    return save();
}

// [SECTION] Queries

std::optional<PollView> WorkshopSession::current_poll(SteadyTime now) const {
    const std::size_t slot = current_slot();
    if (slot == kNoPoll) return std::nullopt;
    const PollSlot& s = slots_[slot];
    PollView v = make_poll_view(*s.def, s.tally, options_.suppression, s.suppression_override);
    const bool open = s.tally.accepting_votes() && !finished();
    v.ballot_mode = ballot_.mode();
    v.armed = open && ballot_.armed();
    v.cooling_down = open && ballot_.in_cooldown(now, screen_device());
    v.can_void = !finished() && s.tally.state() != PollState::Revealed && ballot_.can_void(slot, now);
    return v;
}

std::vector<MeasureChange> WorkshopSession::what_changed_today() const {
    return upstander::what_changed_today(*workshop_, record_, options_.suppression,
                                         record_.summary_suppression_override);
}

std::optional<SteadyTime> WorkshopSession::next_deadline(SteadyTime now) const {
    std::optional<SteadyTime> best;
    auto consider = [&](std::optional<SteadyTime> t) {
        if (t && (!best || *t < *best)) best = t;
    };
    // Only future moments: an expired pending vote is cleared by the tick() the UI runs anyway.
    consider(ballot_.next_cooldown_end(now));
    for (const auto& [device, progress] : progress_) consider(progress.abandon_at(options_.ballot_abandon));
    if (auto v = ballot_.void_deadline(); v && *v > now) consider(v);
    if (!store_.status().on_disk) consider(store_.next_retry().value_or(now));
    return best;
}

}  // namespace upstander
