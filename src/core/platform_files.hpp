#pragma once
// The file-system seam: the one place that calls the operating system's file API (POSIX on Linux,
// Win32 wide-character calls on Windows). Everything above it (atomic saves, the session store, the
// JSON reader, the pack path checks) is the same on both.
//
// Paths are std::filesystem::path; on Windows they hold UTF-16 and only the wide (...W) calls are
// used, so a pack or data folder with non-ASCII characters works. utf8_path() makes a path from UTF-8
// text (a pack file, a command-line argument, JSON) on either system.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace upstander {

// A path from UTF-8 text (never the Windows ANSI code page).
std::filesystem::path utf8_path(std::string_view utf8);
// A path as UTF-8 text (for messages, JSON and logs).
std::string path_utf8(const std::filesystem::path& path);

// Where a file or folder really is: an absolute path with every symbolic link, junction and other
// reparse point on the way resolved. Linux: std::filesystem::canonical. Windows: the final path of a
// handle opened on it (GetFinalPathNameByHandleW), because std::filesystem there resolves no links.
std::filesystem::path real_location(const std::filesystem::path& p, std::error_code& ec);

// A symbolic link (Linux), or on Windows any reparse point: a symbolic link to a folder, a junction
// (Wine does not mark a link to a file). Folder walks do not enter these.
bool is_link_or_junction(const std::filesystem::path& p);

// Whether std::filesystem::symlink_status shows links. On Windows it does not (and Wine shows a link
// to a file as a plain file), so a path there is trusted only once real_location has resolved it.
#ifdef _WIN32
inline constexpr bool kLinksVisible = false;
#else
inline constexpr bool kLinksVisible = true;
#endif

// A file opened read-only without ever blocking (O_NONBLOCK on Linux, so a FIFO cannot hang it; on
// Windows only disk files are accepted). open() fails with errc::invalid_argument for anything that is
// not a regular file (a FIFO, device or folder) and, when follow_links is false, with
// errc::too_many_symbolic_link_levels for a symbolic link (or Windows reparse point).
class NativeReadFile {
public:
    NativeReadFile() = default;
    ~NativeReadFile();
    NativeReadFile(const NativeReadFile&) = delete;
    NativeReadFile& operator=(const NativeReadFile&) = delete;

    std::error_code open(const std::filesystem::path& file, bool follow_links);
    std::uint64_t size() const { return size_; }  // when it was opened
    // Reads up to `n` bytes (retrying interrupted reads); got == 0 at the end of the file.
    std::error_code read(char* buffer, std::size_t n, std::size_t& got);

private:
    std::intptr_t handle_ = -1;
    std::uint64_t size_ = 0;
};

// A new file opened for writing with stdio, or nullptr with errno set (EEXIST when something is already
// there: it is never replaced). fopen "wx" on Linux; _wopen with O_CREAT | O_EXCL on Windows.
std::FILE* open_new_file(const std::filesystem::path& file);

}  // namespace upstander
