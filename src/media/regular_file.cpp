#include "regular_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace upstander::media {

#ifdef _WIN32

// [SECTION] Windows

namespace {
HANDLE as_handle(std::intptr_t h) { return reinterpret_cast<HANDLE>(h); }
}  // namespace

RegularFile::~RegularFile() {
    if (fd_ != -1) CloseHandle(as_handle(fd_));
}

RegularFile::RegularFile(RegularFile&& other) noexcept : fd_(other.fd_), size_(other.size_) { other.fd_ = -1; }

RegularFile& RegularFile::operator=(RegularFile&& other) noexcept {
    if (this != &other) {
        if (fd_ != -1) CloseHandle(as_handle(fd_));
        fd_ = other.fd_;
        size_ = other.size_;
        other.fd_ = -1;
    }
    return *this;
}

long RegularFile::read_at(std::uint64_t offset, void* buffer, std::size_t size) const {
    // A positioned read (as pread): the OVERLAPPED offset, on a handle opened for synchronous reads.
    OVERLAPPED at{};
    at.Offset = static_cast<DWORD>(offset & 0xFFFFFFFFu);
    at.OffsetHigh = static_cast<DWORD>(offset >> 32);
    DWORD got = 0;
    const DWORD want = static_cast<DWORD>(std::min<std::size_t>(size, 1u << 30));
    if (ReadFile(as_handle(fd_), buffer, want, &got, &at)) return static_cast<long>(got);
    if (GetLastError() == ERROR_HANDLE_EOF) return 0;
    return -EIO;
}

OpenRegularFileResult open_regular_file(const std::filesystem::path& path) {
    OpenRegularFileResult result;
    const DWORD attrs = GetFileAttributesW(path.c_str());
    if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY) != 0) {
        result.error = "this is a folder, not a file";
        return result;
    }
    HANDLE h = CreateFileW(path.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        const DWORD err = GetLastError();
        if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND || err == ERROR_INVALID_NAME)
            result.error = "the file does not exist; check the file name and that it is inside the pack";
        else if (err == ERROR_ACCESS_DENIED || err == ERROR_SHARING_VIOLATION)
            result.error = "the file cannot be read (permission denied)";
        else
            result.error = "the file cannot be opened (Windows error " + std::to_string(err) + ")";
        return result;
    }
    LARGE_INTEGER size{};
    if (GetFileType(h) != FILE_TYPE_DISK) {
        CloseHandle(h);
        result.error = "this is a device or pipe, not a file; replace it with the real file";
        return result;
    }
    if (!GetFileSizeEx(h, &size)) {
        CloseHandle(h);
        result.error = "the file cannot be read (Windows error " + std::to_string(GetLastError()) + ")";
        return result;
    }
    result.file.fd_ = reinterpret_cast<std::intptr_t>(h);
    result.file.size_ = static_cast<std::uint64_t>(size.QuadPart);
    return result;
}

#else

// [SECTION] Linux

namespace {

std::string describe_type(mode_t mode) {
    if (S_ISDIR(mode)) return "this is a folder, not a file";
    if (S_ISFIFO(mode)) return "this is a named pipe (FIFO), not a file; replace it with the real file";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "this is a device, not a file; replace it with the real file";
    if (S_ISSOCK(mode)) return "this is a socket, not a file; replace it with the real file";
    return "this is not a regular file; replace it with the real file";
}

}  // namespace

RegularFile::~RegularFile() {
    if (fd_ >= 0) ::close(static_cast<int>(fd_));
}

RegularFile::RegularFile(RegularFile&& other) noexcept : fd_(other.fd_), size_(other.size_) { other.fd_ = -1; }

RegularFile& RegularFile::operator=(RegularFile&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(static_cast<int>(fd_));
        fd_ = other.fd_;
        size_ = other.size_;
        other.fd_ = -1;
    }
    return *this;
}

long RegularFile::read_at(std::uint64_t offset, void* buffer, std::size_t size) const {
    for (;;) {
        const ssize_t n = ::pread(static_cast<int>(fd_), buffer, size, static_cast<off_t>(offset));
        if (n >= 0) return static_cast<long>(n);
        if (errno != EINTR) return -errno;
    }
}

OpenRegularFileResult open_regular_file(const std::filesystem::path& path) {
    OpenRegularFileResult result;
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR)
            result.error = "the file does not exist; check the file name and that it is inside the pack";
        else if (err == EACCES || err == EPERM)
            result.error = "the file cannot be read (permission denied)";
        else if (err == ELOOP)
            result.error = "the file is a loop of symbolic links; replace it with the real file";
        else
            result.error = std::string("the file cannot be opened: ") + std::strerror(err);
        return result;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        result.error = std::string("the file cannot be read: ") + std::strerror(err);
        return result;
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        result.error = describe_type(st.st_mode);
        return result;
    }
    // Reads of a regular file never block; clear the flag so nothing downstream sees EAGAIN semantics.
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    result.file.fd_ = fd;
    result.file.size_ = static_cast<std::uint64_t>(st.st_size);
    return result;
}

#endif

ReadRegularFileResult read_regular_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
    ReadRegularFileResult result;
    OpenRegularFileResult opened = open_regular_file(path);
    if (opened.error) {
        result.error = std::move(opened.error);
        return result;
    }
    const RegularFile& file = opened.file;
    if (file.size() > max_bytes) {
        result.error = "the file is " + std::to_string(file.size() / (1024 * 1024)) +
                       " MB, more than the limit of " + std::to_string(max_bytes / (1024 * 1024)) +
                       " MB; make it smaller";
        return result;
    }
    result.bytes.resize(static_cast<std::size_t>(file.size()));
    std::size_t done = 0;
    while (done < result.bytes.size()) {
        const long n = file.read_at(done, result.bytes.data() + done, result.bytes.size() - done);
        if (n < 0) {
            result.error = std::string("the file cannot be read: ") + std::strerror(static_cast<int>(-n));
            result.bytes.clear();
            return result;
        }
        if (n == 0) break;  // it shrank while being read: keep what is there
        done += static_cast<std::size_t>(n);
    }
    result.bytes.resize(done);
    return result;
}

}  // namespace upstander::media
