#pragma once
// Starting files for editors (upstander-pack new-pack / new-module). Every file produced here loads
// without errors; the text an editor must replace starts with "Write " (see is_placeholder_text),
// so lint points at each place still to fill in.

#include "content.hpp"

#include <string>

namespace upstander {

// pack.json for a new pack with one workshop that uses the "welcome" module.
std::string scaffold_pack_json(const std::string& id, const std::string& title);

// The id of the workshop scaffold_pack_json() creates.
std::string scaffold_workshop_id(const std::string& pack_id);

// A module file of the given type (topic and case_study: title, text and discussion steps;
// scenario: title, situation, a choice with two consequences, and a discussion).
std::string scaffold_module_json(ModuleType type, const std::string& id, const std::string& title);

}  // namespace upstander
