#pragma once
// Loads content packs from folders, validates them and resolves workshops across packs.
// Every problem is reported, not just the first; a broken pack is skipped and never stops the others.

#include "content.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
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

// Fills line and column of diagnostics that have a file and pointer but no position yet, by reading
// each file once (files over the size limit are left alone). Used for checks made after loading.
void fill_positions(std::vector<Diagnostic>& diagnostics);

std::size_t count_errors(const std::vector<Diagnostic>& diagnostics);

// [SECTION] Limits
inline constexpr std::uintmax_t kMaxJsonFileBytes = 8u * 1024u * 1024u;
inline constexpr int kMaxJsonDepth = 64;

// Most diagnostics one file can produce; the rest are summarised in one last message.
inline constexpr int kMaxDiagnosticsPerFile = 200;
// Sizes no real pack comes near; they bound the memory a hostile file can make the loader use.
inline constexpr int kMaxStepsPerModule = 500;
inline constexpr int kMaxBodyParagraphs = 200;
inline constexpr int kMaxWorkshopsPerPack = 100;
inline constexpr int kMaxModulesPerWorkshop = 200;

// [SECTION] Load options
// Checks that a media file can be played: returns nullopt when it can, else a message saying why not
// ("no video stream", "unsupported codec ..."). The core never links FFmpeg: the media layer
// supplies a probe, and without one only the file's presence and location are checked.
using MediaProbe = std::function<std::optional<std::string>(const std::filesystem::path&)>;

struct LoadOptions {
    MediaProbe probe_video;     // called for every video step's src after it is found in the pack
    MediaProbe probe_captions;  // the same for every video step's captions file
    MediaProbe probe_image;     // the same for every image step's src (after its first bytes are checked)
};

// [SECTION] Loading one pack
struct PackLoadResult {
    std::optional<Pack> pack;              // empty when the pack has errors
    std::vector<Diagnostic> diagnostics;   // errors and warnings, in file order
    std::string pack_id;                   // the id from pack.json when it could be read, else empty
    bool ok() const { return pack.has_value(); }
};

// Loads the pack in `dir` (a folder holding pack.json). Checks everything that can be checked
// without other packs. Cross-pack module references are checked by load_library().
PackLoadResult load_pack(const std::filesystem::path& dir);
PackLoadResult load_pack(const std::filesystem::path& dir, const LoadOptions& options);

// True for identifiers of packs, modules, workshops, polls and measures: ^[a-z0-9][a-z0-9-]{0,63}$.
bool is_valid_id(std::string_view id);
// True for MAJOR.MINOR.PATCH with optional -prerelease and +build (semver.org 2.0.0).
bool is_valid_semver(std::string_view version);
// True for a simple BCP 47 tag: a 2-3 letter language, then subtags of 1-8 letters or digits.
bool is_valid_language_tag(std::string_view tag);

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
    std::vector<Diagnostic> diagnostics;        // every error and warning, in load order (for tools)

    const Pack* find_pack(const std::string& id) const;
    // ref is "module-id" (resolved inside from_pack) or "pack-id/module-id".
    const Module* find_module(const std::string& ref, const std::string& from_pack) const;
    const ResolvedWorkshop* find_workshop(const std::string& id) const;
    bool has_problems() const { return !problems.empty(); }
};

// Each root is either a pack folder (has pack.json) or a folder whose sub-folders are packs.
// Roots that do not exist are ignored (the per-user folder usually does not exist).
// Later roots may add packs. A pack id found again in a later root replaces the earlier copy (with a
// warning): that is how an editor's --content copy wins over an installed one. Two packs with the same
// id in one root: the second is an error and is skipped. A folder reached twice is loaded once.
Library load_library(const std::vector<std::filesystem::path>& roots);
Library load_library(const std::vector<std::filesystem::path>& roots, const LoadOptions& options);

}  // namespace upstander
