#include "programme_run.hpp"

#include "poll_options.hpp"

#include <algorithm>
#include <cassert>

namespace upstander {

ProgrammeRecord ProgrammeRun::new_record(const ResolvedProgramme& programme, const Pack* pack, std::string code,
                                         ReferralRoute route, bool person_harmed_taking_part, std::string app_version) {
    ProgrammeRecord r;
    r.code = std::move(code);
    r.programme_id = programme.def->id;
    r.programme_title = programme.def->title;
    r.pack_id = programme.def->pack_id;
    r.pack_version = pack ? pack->version : std::string();
    r.app_version = std::move(app_version);
    r.session_count = static_cast<int>(programme.def->sessions.size());
    r.audience = programme.def->audience;
    r.route = route;
    r.person_harmed_taking_part = person_harmed_taking_part;
    for (const ProgrammeScaleItem& item : programme.scale) r.scale.push_back({item.measure, item.intended, "", ""});
    return r;
}

ProgrammeRun::Session::Session(WorkshopDef d, std::vector<const Module*> modules)
    : def(std::move(d)), workshop{&def, std::move(modules), false}, nav(workshop) {}

ProgrammeRun::ProgrammeRun(const ResolvedProgramme& programme, ProgrammeRecord record)
    : programme_(&programme), record_(std::move(record)) {
    assert(record_.programme_id == programme.def->id);
    record_.session_count = static_cast<int>(programme.def->sessions.size());
    // Items added to the scale since the programme started have no answers; items no longer in it keep theirs.
    for (const ProgrammeScaleItem& item : programme.scale)
        if (!record_.find_measure(item.measure)) record_.scale.push_back({item.measure, item.intended, "", ""});
    if (record_.position_session > record_.session_count) record_.position_session = 0;
    if (in_session()) open_session(record_.position_session);
}

int ProgrammeRun::next_session() const {
    for (int n = 1; n <= record_.session_count; ++n) {
        const ProgrammeSessionEntry* e = record_.find_session(n);
        if (!e || !e->completed) return n;
    }
    return 0;
}

void ProgrammeRun::open_session(int number) {
    const ProgrammeSessionDef& sd = programme_->def->sessions[static_cast<std::size_t>(number - 1)];
    WorkshopDef def;
    def.id = programme_->def->id;
    def.pack_id = programme_->def->pack_id;
    def.title = programme_->def->title + " \xC2\xB7 " + sd.title;
    def.description = sd.description;
    def.duration_minutes = sd.duration_minutes;
    def.audience = programme_->def->audience;
    def.module_refs = sd.module_refs;
    session_ = std::make_unique<Session>(std::move(def), programme_->sessions[static_cast<std::size_t>(number - 1)]);
}

bool ProgrammeRun::in_session() const {
    const ProgrammeSessionEntry* e = record_.find_session(record_.position_session);
    return record_.position_session > 0 && e && !e->completed;
}

bool ProgrammeRun::begin_session(const std::string& today) {
    if (record_.status != ProgrammeStatus::Open) return false;
    if (in_session()) {
        if (!session_) open_session(record_.position_session);
        NavPosition p{record_.position_module, record_.position_step, record_.position_consequence};
        if (!session_->nav.set_position(p)) session_->nav.set_position(NavPosition{});
        return true;
    }
    const int n = next_session();
    if (n == 0) return false;
    if (ProgrammeSessionEntry* e = record_.find_session(n)) e->date = today;  // begun before, never completed
    else {
        record_.sessions.push_back({n, today, false});
        std::sort(record_.sessions.begin(), record_.sessions.end(),
                  [](const ProgrammeSessionEntry& a, const ProgrammeSessionEntry& b) { return a.number < b.number; });
    }
    record_.position_session = n;
    record_.position_module = record_.position_step = record_.position_question = 0;
    record_.position_consequence = -1;
    open_session(n);
    return true;
}

void ProgrammeRun::sync_position(int question) {
    if (!session_) return;
    const NavPosition p = session_->nav.position();
    record_.position_module = p.module;
    record_.position_step = p.step;
    record_.position_consequence = p.consequence;
    record_.position_question = std::max(0, question);
}

bool ProgrammeRun::is_scale_poll(const PollDef& poll) const {
    for (const ProgrammeScaleItem& item : programme_->scale)
        if ((item.pre && item.pre->poll && item.pre->poll->id == poll.id) || (item.post && item.post->poll && item.post->poll->id == poll.id))
            return true;
    return false;
}

std::string ProgrammeRun::answer_for(const PollDef& poll) const {
    if (!is_scale_poll(poll)) return {};
    for (const ProgrammeScaleAnswer& a : record_.scale)
        if (a.measure == poll.measure) return poll.phase == PollPhase::Pre ? a.pre : a.post;
    return {};
}

bool ProgrammeRun::answer(const PollDef& poll, const std::string& option_id) {
    if (!is_scale_poll(poll) || !session_) return false;
    if (!option_id.empty()) {
        const auto opts = fixed_poll_options(PollKind::Likert);
        if (std::none_of(opts.begin(), opts.end(), [&](const PollOption& o) { return o.id == option_id; })) return false;
    }
    ProgrammeScaleAnswer* a = record_.find_measure(poll.measure);
    if (!a) return false;
    (poll.phase == PollPhase::Pre ? a->pre : a->post) = option_id;
    return true;
}

const Step* ProgrammeRun::impact_step() const {
    const Step* s = session_ ? session_->nav.current_step() : nullptr;
    return s && s->type == StepType::ImpactMap && s->impact_map ? s : nullptr;
}

std::string ProgrammeRun::impact_key() const {
    const NavPosition at = session_->nav.position();
    return std::to_string(record_.position_session) + "/" + std::to_string(at.module) + "/" + std::to_string(at.step);
}

std::vector<int> ProgrammeRun::impact_placements() const {
    const Step* s = impact_step();
    if (!s) return {};
    const auto& categories = s->impact_map->categories;
    std::vector<int> placed(categories.size(), -1);
    auto it = record_.impact_maps.find(impact_key());
    if (it == record_.impact_maps.end()) return placed;
    const int rings = static_cast<int>(s->impact_map->ripples.size());
    for (std::size_t i = 0; i < categories.size(); ++i) {
        auto c = it->second.find(categories[i].id);
        // A ripple the pack no longer has (edited since) counts as not placed.
        if (c != it->second.end() && c->second >= 0 && c->second < rings) placed[i] = c->second;
    }
    return placed;
}

std::optional<int> ProgrammeRun::move_out(int category) {
    const Step* s = impact_step();
    if (!s || category < 0 || category >= static_cast<int>(s->impact_map->categories.size())) return std::nullopt;
    const int rings = static_cast<int>(s->impact_map->ripples.size());
    const int now = impact_placements()[static_cast<std::size_t>(category)];
    const int next = now + 1 >= rings ? -1 : now + 1;
    const std::string key = impact_key();
    auto& saved = record_.impact_maps[key];
    const std::string& id = s->impact_map->categories[static_cast<std::size_t>(category)].id;
    if (next < 0) saved.erase(id);
    else saved[id] = next;
    if (saved.empty()) record_.impact_maps.erase(key);
    return next;
}

void ProgrammeRun::complete_session() {
    if (!in_session()) return;
    if (ProgrammeSessionEntry* e = record_.find_session(record_.position_session)) e->completed = true;
    record_.impact_maps.clear();
    if (record_.all_sessions_completed()) record_.status = ProgrammeStatus::Completed;
}

void ProgrammeRun::stop() {
    record_.status = ProgrammeStatus::Stopped;
}

}  // namespace upstander
