#pragma once
// The parts of a pack that one-to-one programmes add (content/FORMAT.md, "One-to-one programmes"):
// the impact_map, restorative_questions and harmed_questions steps, and "programmes" in pack.json.
// Called by pack_loader.cpp; programmes are resolved across packs in programme_library.cpp.

#include "content.hpp"
#include "json_reader.hpp"
#include "pack_loader.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace upstander {

// Limits, as for workshops.
inline constexpr int kMaxProgrammesPerPack = 100;
inline constexpr int kMaxSessionsPerProgramme = 6;
inline constexpr int kMaxModulesPerProgrammeSession = 200;
inline constexpr int kMaxHarmedQuestions = 10;

// Fields of the new step types beside "type", "id" and "facilitator_notes" (which the caller reads;
// it also reads "body" of impact_map and harmed_questions, as every body is read).
std::vector<std::string_view> programme_step_fields(StepType t);
void read_impact_map(FileContext& ctx, ObjectReader& obj, Step& step);
void read_restorative_questions(FileContext& ctx, ObjectReader& obj, Step& step);
void read_harmed_questions(ObjectReader& obj, Step& step);

// The "intended" field of a poll (read after its kind and measure).
void read_poll_intended(FileContext& ctx, ObjectReader& obj, PollDef& poll);

// "programmes" of pack.json. ref_pointers[p][s][i] is the JSON pointer of
// programmes[p].sessions[s].module_refs[i], for messages about missing modules.
std::vector<ProgrammeDef> read_programmes(FileContext& ctx, ObjectReader& pack, const std::string& pack_id,
                                          std::vector<std::vector<std::vector<std::string>>>& ref_pointers);

// After the workshops are resolved: resolves every programme of lib.packs into lib.programmes, adding
// the problems of those left out to lib.problems and lib.diagnostics. `broken_ids` are packs that
// failed to load (for messages).
void resolve_programmes(Library& lib, const std::set<std::string>& broken_ids);

// Errors for a workshop that uses a module holding a step meant only for programmes (harmed_questions).
std::vector<Diagnostic> programme_only_steps_in_workshop(const WorkshopDef& w, const std::vector<const Module*>& modules);

}  // namespace upstander
