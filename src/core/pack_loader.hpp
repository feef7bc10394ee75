#pragma once
// Loads content packs from folders, validates them and resolves workshops across packs.
// Every problem is reported, not just the first; a broken pack is skipped and never stops the others.

#include "content.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace upstander {

// [SECTION] Diagnostics
struct Diagnostic {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string file;     // path as the user would recognise it (absolute or as given)
    std::string pointer;  // RFC 6901 JSON pointer inside `file`, empty when not applicable
    int line = 0;         // 1-based, 0 when unknown
    int column = 0;       // 1-based, 0 when unknown
    std::string message;  // plain words: what is wrong and what to do about it
};

// "file:line:column: error: /pointer: message" (omitting parts that are unknown).
std::string format_diagnostic(const Diagnostic& d);

// [SECTION] Limits
inline constexpr std::uintmax_t kMaxJsonFileBytes = 8u * 1024u * 1024u;
inline constexpr int kMaxJsonDepth = 64;

// [SECTION] Loading one pack
struct PackLoadResult {
    std::optional<Pack> pack;              // empty when the pack has errors
    std::vector<Diagnostic> diagnostics;   // errors and warnings, in file order
    bool ok() const { return pack.has_value(); }
};

// Loads the pack in `dir` (a folder holding pack.json). Checks everything that can be checked
// without other packs. Cross-pack module references are checked by load_library().
PackLoadResult load_pack(const std::filesystem::path& dir);

// [SECTION] The library: every pack from every content root
struct ResolvedWorkshop {
    const WorkshopDef* def = nullptr;
    std::vector<const Module*> modules;  // in workshop order
    bool has_pre_post_pairs = false;     // true: the UI appends a "What changed today" step
};

struct PackProblem {
    std::filesystem::path dir;
    std::string pack_id;                // empty when pack.json could not be read
    std::vector<Diagnostic> diagnostics;
};

struct Library {
    Library() = default;
    Library(const Library&) = delete;  // holds pointers into its own vectors
    Library& operator=(const Library&) = delete;
    Library(Library&&) = default;
    Library& operator=(Library&&) = default;

    std::vector<Pack> packs;                    // loaded cleanly, in load order
    std::vector<PackProblem> problems;          // broken packs (skipped) and workshop-level errors
    std::vector<ResolvedWorkshop> workshops;    // every workshop whose modules all resolved

    const Pack* find_pack(const std::string& id) const;
    // ref is "module-id" (resolved inside from_pack) or "pack-id/module-id".
    const Module* find_module(const std::string& ref, const std::string& from_pack) const;
    const ResolvedWorkshop* find_workshop(const std::string& id) const;
    bool has_problems() const { return !problems.empty(); }
};

// Each root is either a pack folder (has pack.json) or a folder whose sub-folders are packs.
// Roots that do not exist are ignored (the per-user folder usually does not exist).
// Later roots may add packs; a pack id seen twice is an error reported against the second copy.
Library load_library(const std::vector<std::filesystem::path>& roots);

}  // namespace upstander
