#pragma once
// Paths written in pack files are relative to the pack folder and must stay inside it: no ".." that
// leaves it, no absolute paths, and no symbolic links (anywhere along the path) that lead outside.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

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

// [SECTION] Reading a file that may not be what it seems
// Reads the whole of `file` into `out` without ever blocking: it is opened with O_NONBLOCK (a FIFO
// or a device would otherwise hang the open or the read), then fstat on the open descriptor says
// what it really is. Errors: errc::invalid_argument for anything that is not a regular file (see
// describe_read_error), errc::file_too_large above max_bytes (also when it grows while being read),
// errc::too_many_symbolic_link_levels when `follow_links` is false and the last part is a link,
// otherwise the open or read error. Used for session files, and meant for every pack file read.
std::error_code read_regular_file(const std::filesystem::path& file, std::uintmax_t max_bytes, std::string& out,
                                  bool follow_links = true);

// The first `max_bytes` bytes (or fewer) of a regular file, with the same non-blocking checks as
// read_regular_file (a larger file is not an error here). For sniffing a file's format.
std::error_code read_regular_file_head(const std::filesystem::path& file, std::size_t max_bytes, std::string& out);

// Plain words for a read_regular_file error: "it is not a regular file (a FIFO, device or folder)",
// "permission denied", ...
std::string describe_read_error(const std::error_code& ec);

}  // namespace upstander
