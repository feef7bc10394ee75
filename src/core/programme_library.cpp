// Programmes resolved across packs, and the rules of their paired attitude scale (content/FORMAT.md,
// "One-to-one programmes" and "The paired attitude scale"). Called at the end of load_library.
#include "pack_loader_programme.hpp"

#include "suggest.hpp"

#include <map>

namespace upstander {

namespace fs = std::filesystem;

const ResolvedProgramme* Library::find_programme(const std::string& id) const {
    for (const ResolvedProgramme& p : programmes)
        if (p.def->id == id) return &p;
    return nullptr;
}

namespace {

Diagnostic programme_diag(const Pack& pack, std::size_t index, std::string suffix, std::string message) {
    return {Diagnostic::Severity::Error, shown_path(pack.dir / "pack.json"),
            "/programmes/" + std::to_string(index) + suffix, 0, 0, std::move(message)};
}

Diagnostic step_diag(const Step& s, std::string message) {
    return {Diagnostic::Severity::Error, s.source_file, s.source_pointer, 0, 0, std::move(message)};
}

// The scale rules over a programme's sessions; fills `scale` and returns the problems.
std::vector<Diagnostic> check_scale(const ProgrammeDef& p, const std::vector<std::vector<const Module*>>& sessions,
                                    std::vector<ProgrammeScaleItem>& scale) {
    std::vector<Diagnostic> out;
    const std::string in_p = " in programme \"" + p.id + "\"";
    std::map<std::string, std::size_t> index;  // measure -> scale item
    const std::size_t last = sessions.empty() ? 0 : sessions.size() - 1;
    for (std::size_t si = 0; si < sessions.size(); ++si) {
        int harmed = 0;
        for (const Module* m : sessions[si]) {
            for (const Step& s : m->steps) {
                if (s.type == StepType::HarmedQuestions && ++harmed == 2)
                    out.push_back(step_diag(s, "session " + std::to_string(si + 1) + in_p +
                                                   " has a second harmed_questions step; a session has at most one"));
                if (s.type != StepType::Poll || !s.poll || s.poll->phase == PollPhase::None) continue;
                const PollDef& poll = *s.poll;
                if (poll.kind != PollKind::Likert || poll.intended == PollIntended::None) {
                    out.push_back(step_diag(s, "poll \"" + poll.id + "\" is part of the paired scale" + in_p +
                                                   ", so it must be a likert poll with \"intended\": \"agree\" or \"disagree\""));
                    continue;
                }
                auto [it, fresh] = index.emplace(poll.measure, scale.size());
                if (fresh) scale.push_back({poll.measure, nullptr, nullptr, poll.intended});
                ProgrammeScaleItem& item = scale[it->second];
                if (poll.phase == PollPhase::Pre) {
                    if (si != 0)
                        out.push_back(step_diag(s, "pre poll \"" + poll.id + "\" is in session " + std::to_string(si + 1) +
                                                       in_p + "; the paired scale is asked before in the first session"));
                    else if (item.pre)
                        out.push_back(step_diag(s, "measure \"" + poll.measure + "\" already has a pre poll" + in_p +
                                                       " (poll \"" + item.pre->poll->id + "\"); keep only one"));
                    else if (item.post)
                        out.push_back(step_diag(s, "the pre poll for measure \"" + poll.measure + "\" comes after its post poll" +
                                                       in_p + "; put the pre poll first"));
                    else item.pre = &s;
                    continue;
                }
                if (si != last)
                    out.push_back(step_diag(s, "post poll \"" + poll.id + "\" is in session " + std::to_string(si + 1) + in_p +
                                                   "; the paired scale is asked again in the last session (" +
                                                   std::to_string(last + 1) + ")"));
                else if (item.post)
                    out.push_back(step_diag(s, "measure \"" + poll.measure + "\" already has a post poll" + in_p +
                                                   " (poll \"" + item.post->poll->id + "\"); keep only one"));
                else if (!item.pre)
                    out.push_back(step_diag(s, "post poll \"" + poll.id + "\" has no pre poll for measure \"" + poll.measure +
                                                   "\" in the first session" + in_p));
                else if (item.intended != poll.intended)
                    out.push_back(step_diag(s, "post poll \"" + poll.id + "\" has \"intended\": \"" + to_string(poll.intended) +
                                                   "\" but its pre poll \"" + item.pre->poll->id + "\" has \"" +
                                                   to_string(item.intended) + "\"; paired polls must agree"));
                else item.post = &s;
            }
        }
    }
    for (const ProgrammeScaleItem& item : scale)
        if (item.pre && !item.post)
            out.push_back(step_diag(*item.pre, "pre poll \"" + item.pre->poll->id + "\" for measure \"" + item.measure +
                                                   "\" has no post poll in the last session" + in_p +
                                                   "; every item of the scale is asked twice"));
    return out;
}

PackProblem& problem_for(Library& lib, const Pack& pack) {
    for (PackProblem& p : lib.problems)
        if (p.dir == pack.dir && p.pack_id == pack.id) return p;
    lib.problems.push_back({pack.dir, pack.id, {}});
    return lib.problems.back();
}

}  // namespace

std::vector<Diagnostic> programme_only_steps_in_workshop(const WorkshopDef& w, const std::vector<const Module*>& modules) {
    std::vector<Diagnostic> out;
    for (const Module* m : modules)
        for (const Step& s : m->steps)
            if (s.type == StepType::HarmedQuestions && out.empty())
                out.push_back(step_diag(s, "harmed_questions steps belong only in one-to-one programmes, and workshop \"" +
                                               w.id + "\" uses module \"" + m->id +
                                               "\"; the workshop is not available until the step or the module is taken out of it"));
    return out;
}

void resolve_programmes(Library& lib, const std::set<std::string>& broken_ids) {
    std::set<std::string> taken;
    for (const Pack& p : lib.packs)
        for (const WorkshopDef& w : p.workshops) taken.insert(w.id);
    for (const Pack& pack : lib.packs) {
        for (std::size_t pi = 0; pi < pack.programmes.size(); ++pi) {
            const ProgrammeDef& def = pack.programmes[pi];
            std::vector<Diagnostic> errors;
            ResolvedProgramme rp;
            rp.def = &def;
            for (std::size_t si = 0; si < def.sessions.size(); ++si) {
                std::vector<const Module*> mods;
                const auto& refs = def.sessions[si].module_refs;
                for (std::size_t i = 0; i < refs.size(); ++i) {
                    if (const Module* m = lib.find_module(refs[i], pack.id)) {
                        mods.push_back(m);
                        // A programme session has no player: a clip would show as a still step.
                        for (const Step& s : m->steps)
                            if (s.type == StepType::Video)
                                errors.push_back(step_diag(
                                    s, "video steps do not play in one-to-one programme sessions, and programme \"" +
                                           def.id + "\" uses module \"" + m->id +
                                           "\"; the programme is not available until the step or the module is taken "
                                           "out of it (show the clip in a group workshop)"));
                        continue;
                    }
                    auto [pid, mid] = split_module_ref(refs[i]);
                    std::string msg;
                    if (lib.find_pack(pid)) msg = "pack \"" + pid + "\" has no module \"" + mid + "\"";
                    else if (broken_ids.count(pid)) msg = "pack \"" + pid + "\" has errors and was not loaded; fix that pack first";
                    else msg = "no loaded pack has the id \"" + pid + "\"";
                    errors.push_back(programme_diag(pack, pi, "/sessions/" + std::to_string(si) + "/modules/" + std::to_string(i),
                                                    msg + "; programme \"" + def.id + "\" is not available until this is fixed"));
                }
                rp.sessions.push_back(std::move(mods));
            }
            if (!taken.insert(def.id).second)
                errors.push_back(programme_diag(pack, pi, "/id",
                                                "programme id \"" + def.id +
                                                    "\" is already used by a loaded workshop or programme; this programme is skipped"));
            if (errors.empty()) {
                errors = check_scale(def, rp.sessions, rp.scale);
                if (!errors.empty()) {
                    const Diagnostic first = errors.front();
                    const std::size_t n = errors.size();
                    errors.push_back(programme_diag(
                        pack, pi, "",
                        "programme \"" + def.id + "\" is not available until its paired scale is fixed (" +
                            (n == 1 ? std::string("1 problem") : std::to_string(n) + " problems, the first") + ": " +
                            first.message + ", in " + first.file + ")"));
                }
            }
            if (errors.empty()) {
                lib.programmes.push_back(std::move(rp));
                continue;
            }
            fill_positions(errors);
            PackProblem& prob = problem_for(lib, pack);
            prob.diagnostics.insert(prob.diagnostics.end(), errors.begin(), errors.end());
            lib.diagnostics.insert(lib.diagnostics.end(), errors.begin(), errors.end());
        }
    }
}

}  // namespace upstander
