#pragma once
// Opening a pack's file without ever blocking on it. open() with O_NONBLOCK cannot hang on a FIFO (a
// plain open waits for a writer forever), and fstat on the descriptor then says what was really opened:
// only a regular file is accepted, never a FIFO, a device (/dev/zero never ends), a socket or a folder.
// Every media file (clips, captions, pictures) is opened through this. On Windows (no FIFOs there) only
// disk files are accepted, opened with the wide CreateFileW so non-ASCII file names work.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace upstander::media {

struct OpenRegularFileResult;

// An open, read-only descriptor of a regular file; closes it when destroyed.
class RegularFile {
public:
    RegularFile() = default;
    ~RegularFile();
    RegularFile(RegularFile&& other) noexcept;
    RegularFile& operator=(RegularFile&& other) noexcept;
    RegularFile(const RegularFile&) = delete;
    RegularFile& operator=(const RegularFile&) = delete;

    std::uint64_t size() const { return size_; }  // from fstat when it was opened
    bool is_open() const { return fd_ != -1; }
    // Reads up to `size` bytes at `offset` (retrying interrupted reads). Returns the bytes read (0 at
    // the end of the file), or -errno (-EIO for a Windows read error).
    long read_at(std::uint64_t offset, void* buffer, std::size_t size) const;

private:
    friend OpenRegularFileResult open_regular_file(const std::filesystem::path& path);
    std::intptr_t fd_ = -1;  // a descriptor on Linux, a HANDLE on Windows
    std::uint64_t size_ = 0;
};

struct OpenRegularFileResult {
    RegularFile file;
    std::optional<std::string> error;  // the reason in plain words, without the file name
};

// Opens `path` (symbolic links are followed: the pack loader has already checked where they lead).
OpenRegularFileResult open_regular_file(const std::filesystem::path& path);

struct ReadRegularFileResult {
    std::string bytes;
    std::optional<std::string> error;  // the reason in plain words, without the file name
};

// The whole of `path` if it is a regular file of at most `max_bytes`.
ReadRegularFileResult read_regular_file(const std::filesystem::path& path, std::uint64_t max_bytes);

}  // namespace upstander::media
