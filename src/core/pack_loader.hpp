#pragma once
// Loads content packs from folders and validates them (pack_loader.cpp), and resolves workshops
// across packs (pack_library.cpp). Every problem is reported, not just the first; a broken pack is
// skipped and never stops the others. Files are read and fields checked by json_reader.hpp.

#include "content.hpp"
#include "identifiers.hpp"
#include "json_reader.hpp"  // Diagnostic, format_diagnostic, limits of JSON files

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace upstander {

// [SECTION] Limits
// Sizes no real pack comes near; they bound the memory a hostile file can make the loader use.
inline constexpr int kMaxStepsPerModule = 500;
inline constexpr int kMaxBodyParagraphs = 200;
inline constexpr int kMaxWorkshopsPerPack = 100;
inline constexpr int kMaxModulesPerWorkshop = 200;

// [SECTION] Load options
// Checks that a media file can be played: succeeds when it can, else an Error saying why not
// ("no video stream", "unsupported codec ..."). The core never links FFmpeg: the media layer
// supplies a probe, and without one only the file's presence and location are checked.
using MediaProbe = std::function<Result<void>(const std::filesystem::path&)>;

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

// [SECTION] The library: every pack from every content root
struct ResolvedWorkshop {
    const WorkshopDef* def = nullptr;
    std::vector<const Module*> modules;  // in workshop order
    bool has_pre_post_pairs = false;     // true: the UI appends a "What changed today" step
};

// One item of a programme's paired attitude scale: its pre poll (first session) and post poll (last).
struct ProgrammeScaleItem {
    std::string measure;
    const Step* pre = nullptr;
    const Step* post = nullptr;
    PollIntended intended = PollIntended::None;
};

struct ResolvedProgramme {
    const ProgrammeDef* def = nullptr;
    std::vector<std::vector<const Module*>> sessions;  // per session, in order
    std::vector<ProgrammeScaleItem> scale;             // in the order of the pre polls
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
    std::vector<ResolvedProgramme> programmes;  // every programme whose modules and scale are sound
    std::vector<Diagnostic> diagnostics;        // every error and warning, in load order (for tools)

    const Pack* find_pack(const std::string& id) const;
    // ref is "module-id" (resolved inside from_pack) or "pack-id/module-id".
    const Module* find_module(const std::string& ref, const std::string& from_pack) const;
    const ResolvedWorkshop* find_workshop(const std::string& id) const;
    const ResolvedProgramme* find_programme(const std::string& id) const;
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
