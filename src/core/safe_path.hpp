#pragma once
// Paths written in pack files are relative to the pack folder and must stay inside it: no ".." that
// leaves it, no absolute paths, and no symbolic links (anywhere along the path) that lead outside.

#include <filesystem>
#include <string>
#include <string_view>

namespace upstander {

enum class PackPathError { None, Empty, BadCharacter, Absolute, Escapes, SymlinkEscapes, Missing, NotAFile };

struct ResolvedPackPath {
    std::filesystem::path path;        // absolute, lexically normal (not symlink-resolved); set when no error
    PackPathError error = PackPathError::None;
    std::string message;               // plain words, empty when no error
    bool ok() const { return error == PackPathError::None; }
};

// True when `inside` equals `root` or lies below it, comparing normalised components.
bool path_is_within(const std::filesystem::path& root, const std::filesystem::path& inside);

// Resolves `relative` (as written in a pack file) against `pack_dir`, which must be canonical
// (std::filesystem::canonical). The file must exist and be a regular file.
ResolvedPackPath resolve_pack_path(const std::filesystem::path& pack_dir, std::string_view relative);

// Checks that an existing file found by listing the pack (such as modules/x.json) really lives
// inside the pack: returns an error message when a symbolic link leads outside, else empty.
std::string check_real_location(const std::filesystem::path& pack_dir, const std::filesystem::path& file);

}  // namespace upstander
