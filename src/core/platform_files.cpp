#include "platform_files.hpp"

#include "safe_path.hpp"
#include "session_store.hpp"

#include <algorithm>

#include <cerrno>
#include <random>

#ifdef _WIN32
#include <windows.h>
#include <fcntl.h>
#include <io.h>
#include <sys/stat.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace upstander {

namespace fs = std::filesystem;

std::filesystem::path utf8_path(std::string_view utf8) {
    return fs::path(std::u8string(utf8.begin(), utf8.end()));
}

std::string path_utf8(const fs::path& path) {
    const std::u8string s = path.u8string();
    return std::string(s.begin(), s.end());
}

namespace {

// 12 letters and digits from the system's random source: about 62 bits, so a temp name cannot be
// guessed and planted in advance.
std::string random_suffix() {
    static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    thread_local std::mt19937_64 gen{[] {
        std::random_device rd;
        return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
    }()};
    std::uniform_int_distribution<int> pick(0, static_cast<int>(sizeof kChars) - 2);
    std::string s(12, 'x');
    for (char& c : s) c = kChars[pick(gen)];
    return s;
}

std::string temp_name(std::string_view stem) {
    std::string name;
    name.reserve(stem.size() + 18);
    name.push_back('.');
    name.append(stem);
    name.push_back('.');
    name.append(random_suffix());
    name.append(".tmp");
    return name;
}

// Creates `dir` and its missing parents, then makes each new entry durable with `sync_dir`.
template <class SyncDir>
std::error_code create_directories_durably(const fs::path& dir, bool& created, SyncDir sync_dir) {
    created = false;
    std::error_code ec;
    if (fs::is_directory(dir, ec)) return {};
    if (fs::exists(fs::symlink_status(dir, ec))) return std::make_error_code(std::errc::not_a_directory);
    // Remember which levels are new: each new entry is durable only once its parent is synced.
    std::vector<fs::path> missing;
    for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.parent_path()) break;
    }
    fs::create_directories(dir, ec);
    if (ec) return ec;
    if (!fs::is_directory(dir, ec)) return std::make_error_code(std::errc::not_a_directory);
    created = true;
    for (const fs::path& p : missing)
        if (std::error_code sync_ec = sync_dir(p.parent_path().empty() ? fs::path(".") : p.parent_path()))
            return sync_ec;
    return {};
}

std::error_code list_entries(const fs::path& dir, std::vector<DirEntry>& out) {
    out.clear();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) return ec;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) return ec;
        DirEntry e;
        e.path = it->path();
        std::error_code ignored;
        e.regular_file = it->is_regular_file(ignored);
        e.modified = it->last_write_time(ignored);
        out.push_back(std::move(e));
    }
    return ec;
}

#ifdef _WIN32

// [SECTION] Windows

// Win32 error codes as the portable std::errc values the callers test for; the rest keep their
// system message.
std::error_code win_error(DWORD e = GetLastError()) {
    switch (e) {
        case ERROR_FILE_NOT_FOUND:
        case ERROR_PATH_NOT_FOUND:
        case ERROR_INVALID_DRIVE:
            return std::make_error_code(std::errc::no_such_file_or_directory);
        case ERROR_ACCESS_DENIED:
        case ERROR_SHARING_VIOLATION:
        case ERROR_LOCK_VIOLATION:
            return std::make_error_code(std::errc::permission_denied);
        case ERROR_FILE_EXISTS:
        case ERROR_ALREADY_EXISTS:
            return std::make_error_code(std::errc::file_exists);
        case ERROR_DISK_FULL:
        case ERROR_HANDLE_DISK_FULL:
            return std::make_error_code(std::errc::no_space_on_device);
        case ERROR_WRITE_PROTECT:
            return std::make_error_code(std::errc::read_only_file_system);
        case ERROR_DIRECTORY:
            return std::make_error_code(std::errc::not_a_directory);
        case ERROR_CANT_RESOLVE_FILENAME:
            return std::make_error_code(std::errc::too_many_symbolic_link_levels);
        case ERROR_CRC:
        case ERROR_WRITE_FAULT:
        case ERROR_READ_FAULT:
        case ERROR_GEN_FAILURE:
            return std::make_error_code(std::errc::io_error);
        default:
            return {static_cast<int>(e), std::system_category()};
    }
}

class WinWriter final : public FileWriter {
public:
    explicit WinWriter(HANDLE h) : h_(h) {}
    ~WinWriter() override {
        if (h_ != INVALID_HANDLE_VALUE) CloseHandle(h_);
    }
    WinWriter(const WinWriter&) = delete;
    WinWriter& operator=(const WinWriter&) = delete;

    std::error_code write(std::string_view data) override {
        while (!data.empty()) {
            const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(data.size(), 1u << 30));
            DWORD n = 0;
            if (!WriteFile(h_, data.data(), chunk, &n, nullptr)) return win_error();
            data.remove_prefix(n);
        }
        return {};
    }

    std::error_code sync() override {
        if (!FlushFileBuffers(h_)) return win_error();
        return {};
    }

    std::error_code close() override {
        if (h_ == INVALID_HANDLE_VALUE) return {};
        HANDLE h = h_;
        h_ = INVALID_HANDLE_VALUE;
        if (!CloseHandle(h)) return win_error();
        return {};
    }

private:
    HANDLE h_ = INVALID_HANDLE_VALUE;
};

class NativeFileSystem final : public FileSystem {
public:
    std::error_code create_directories(const fs::path& dir, bool& created) override {
        // NTFS journals folder entries; there is no folder handle to flush.
        return create_directories_durably(dir, created, [](const fs::path&) { return std::error_code(); });
    }

    std::unique_ptr<FileWriter> create_temp_file(const fs::path& dir, std::string_view stem, fs::path& created,
                                                 std::error_code& ec) override {
        created.clear();
        for (int attempt = 0; attempt < 100; ++attempt) {
            fs::path candidate = dir / utf8_path(temp_name(stem));
            // CREATE_NEW: fail rather than open anything already there (a file, a link, another writer's
            // temp file); FILE_FLAG_OPEN_REPARSE_POINT never follows a planted link.
            HANDLE h = CreateFileW(candidate.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                                   FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
            if (h != INVALID_HANDLE_VALUE) {
                ec.clear();
                created = std::move(candidate);
                return std::make_unique<WinWriter>(h);
            }
            const DWORD e = GetLastError();
            if (e != ERROR_FILE_EXISTS && e != ERROR_ALREADY_EXISTS) {
                ec = win_error(e);
                return nullptr;
            }
        }
        ec = std::make_error_code(std::errc::file_exists);
        return nullptr;
    }

    std::error_code rename(const fs::path& from, const fs::path& to) override {
        // WRITE_THROUGH: the call returns only once the move is on the disk.
        if (!MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
            return win_error();
        return {};
    }

    std::error_code rename_no_replace(const fs::path& from, const fs::path& to) override {
        // Without MOVEFILE_REPLACE_EXISTING the move fails when `to` exists.
        if (!MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_WRITE_THROUGH)) return win_error();
        return {};
    }

    std::error_code sync_directory(const fs::path& dir) override {
        // Windows cannot flush a folder: MoveFileExW's MOVEFILE_WRITE_THROUGH already made the rename
        // durable. Still say so when the folder is gone.
        const DWORD attrs = GetFileAttributesW(dir.c_str());
        if (attrs == INVALID_FILE_ATTRIBUTES) return win_error();
        if ((attrs & FILE_ATTRIBUTE_DIRECTORY) == 0) return std::make_error_code(std::errc::not_a_directory);
        return {};
    }

    std::error_code remove(const fs::path& file) override {
        if (!DeleteFileW(file.c_str())) return win_error();
        return {};
    }

    std::error_code list_directory(const fs::path& dir, std::vector<DirEntry>& out) override {
        return list_entries(dir, out);
    }

    std::error_code read_file(const fs::path& file, std::uintmax_t max_bytes, std::string& out) override {
        return read_regular_file(file, max_bytes, out);
    }
};

}  // namespace

fs::path real_location(const fs::path& p, std::error_code& ec) {
    ec.clear();
    // No access rights needed to ask where it is; FILE_FLAG_BACKUP_SEMANTICS opens folders too, and
    // every link on the way is followed.
    HANDLE h = CreateFileW(p.c_str(), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
        ec = win_error();
        return {};
    }
    std::wstring out(MAX_PATH, L'\0');
    DWORD n = GetFinalPathNameByHandleW(h, out.data(), static_cast<DWORD>(out.size()), FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
    if (n >= out.size()) {  // longer than MAX_PATH: n is the size needed
        out.resize(n + 1);
        n = GetFinalPathNameByHandleW(h, out.data(), static_cast<DWORD>(out.size()), FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
    }
    const DWORD err = GetLastError();
    CloseHandle(h);
    if (n == 0) {
        // Some volumes have no name Windows can give (RAM disks, disk images, some network and
        // user-mode file systems): there, the path is trusted only when no part of it is a link.
        fs::path at = fs::absolute(p, ec).lexically_normal();
        if (ec) return {};
        for (fs::path part = at; !part.empty(); part = part.parent_path()) {
            const DWORD attrs = GetFileAttributesW(part.c_str());
            if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_REPARSE_POINT) != 0) {
                ec = win_error(err);
                return {};
            }
            if (part == part.parent_path()) break;
        }
        return at;
    }
    if (n >= out.size()) {  // it grew between the two calls
        ec = win_error(ERROR_BUFFER_OVERFLOW);
        return {};
    }
    out.resize(n);
    // "\\?\C:\x" -> "C:\x", "\\?\UNC\server\share" -> "\\server\share"
    if (out.rfind(L"\\\\?\\UNC\\", 0) == 0) out = L"\\\\" + out.substr(8);
    else if (out.rfind(L"\\\\?\\", 0) == 0) out = out.substr(4);
    return fs::path(out);
}

bool is_link_or_junction(const fs::path& p) {
    const DWORD attrs = GetFileAttributesW(p.c_str());
    return attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
}

NativeReadFile::~NativeReadFile() {
    if (handle_ != -1) CloseHandle(reinterpret_cast<HANDLE>(handle_));
}

std::error_code NativeReadFile::open(const fs::path& file, bool follow_links) {
    const DWORD attrs = GetFileAttributesW(file.c_str());
    if (attrs == INVALID_FILE_ATTRIBUTES) return win_error();
    if (!follow_links && (attrs & FILE_ATTRIBUTE_REPARSE_POINT) != 0)
        return std::make_error_code(std::errc::too_many_symbolic_link_levels);
    if ((attrs & FILE_ATTRIBUTE_DIRECTORY) != 0) return std::make_error_code(std::errc::invalid_argument);
    HANDLE h = CreateFileW(file.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL | (follow_links ? 0 : FILE_FLAG_OPEN_REPARSE_POINT),
                           nullptr);
    if (h == INVALID_HANDLE_VALUE) return win_error();
    handle_ = reinterpret_cast<std::intptr_t>(h);
    // Only disk files: a console, pipe or device ("CON", "NUL", "\\.\pipe\x") is refused.
    LARGE_INTEGER size{};
    if (GetFileType(h) != FILE_TYPE_DISK || !GetFileSizeEx(h, &size))
        return std::make_error_code(std::errc::invalid_argument);
    size_ = static_cast<std::uint64_t>(size.QuadPart);
    return {};
}

std::error_code NativeReadFile::read(char* buffer, std::size_t n, std::size_t& got) {
    got = 0;
    DWORD r = 0;
    const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(n, 1u << 30));
    if (!ReadFile(reinterpret_cast<HANDLE>(handle_), buffer, chunk, &r, nullptr)) return win_error();
    got = r;
    return {};
}

#else

// [SECTION] POSIX (Linux)

std::error_code last_error() { return {errno, std::generic_category()}; }

class PosixWriter final : public FileWriter {
public:
    explicit PosixWriter(int fd) : fd_(fd) {}
    ~PosixWriter() override {
        if (fd_ >= 0) ::close(fd_);
    }
    PosixWriter(const PosixWriter&) = delete;
    PosixWriter& operator=(const PosixWriter&) = delete;

    std::error_code write(std::string_view data) override {
        while (!data.empty()) {
            const ssize_t n = ::write(fd_, data.data(), data.size());
            if (n < 0) {
                if (errno == EINTR) continue;
                return last_error();
            }
            data.remove_prefix(static_cast<size_t>(n));
        }
        return {};
    }

    std::error_code sync() override {
        if (::fsync(fd_) != 0) return last_error();
        return {};
    }

    std::error_code close() override {
        if (fd_ < 0) return {};
        const int fd = fd_;
        fd_ = -1;  // never retry close(): on Linux the descriptor is gone even when it fails
        if (::close(fd) != 0 && errno != EINTR) return last_error();
        return {};
    }

private:
    int fd_ = -1;
};

class NativeFileSystem final : public FileSystem {
public:
    std::error_code create_directories(const fs::path& dir, bool& created) override {
        return create_directories_durably(dir, created, [this](const fs::path& d) { return sync_directory(d); });
    }

    std::unique_ptr<FileWriter> create_temp_file(const fs::path& dir, std::string_view stem, fs::path& created,
                                                 std::error_code& ec) override {
        created.clear();
        for (int attempt = 0; attempt < 100; ++attempt) {
            fs::path candidate = dir / temp_name(stem);
            // O_EXCL: fail rather than open anything already there (with O_CREAT it also refuses a
            // symbolic link, even a dangling one); O_NOFOLLOW says the same for older kernels.
            const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
            if (fd >= 0) {
                ec.clear();
                created = std::move(candidate);
                return std::make_unique<PosixWriter>(fd);
            }
            if (errno != EEXIST && errno != ELOOP) {
                ec = last_error();
                return nullptr;
            }
        }
        ec = std::make_error_code(std::errc::file_exists);
        return nullptr;
    }

    std::error_code rename(const fs::path& from, const fs::path& to) override {
        if (::rename(from.c_str(), to.c_str()) != 0) return last_error();
        return {};
    }

    std::error_code rename_no_replace(const fs::path& from, const fs::path& to) override {
        if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return {};
        if (errno != EINVAL && errno != ENOSYS) return last_error();
        // File systems without RENAME_NOREPLACE: link() also refuses to replace.
        if (::link(from.c_str(), to.c_str()) != 0) return last_error();
        if (::unlink(from.c_str()) != 0) return last_error();
        return {};
    }

    std::error_code sync_directory(const fs::path& dir) override {
        const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) return last_error();
        std::error_code ec;
        if (::fsync(fd) != 0) ec = last_error();
        ::close(fd);
        return ec;
    }

    std::error_code remove(const fs::path& file) override {
        if (::unlink(file.c_str()) != 0) return last_error();
        return {};
    }

    std::error_code list_directory(const fs::path& dir, std::vector<DirEntry>& out) override {
        return list_entries(dir, out);
    }

    std::error_code read_file(const fs::path& file, std::uintmax_t max_bytes, std::string& out) override {
        return read_regular_file(file, max_bytes, out);
    }
};

}  // namespace

fs::path real_location(const fs::path& p, std::error_code& ec) { return fs::canonical(p, ec); }

bool is_link_or_junction(const fs::path& p) {
    std::error_code ec;
    return fs::is_symlink(fs::symlink_status(p, ec));
}

NativeReadFile::~NativeReadFile() {
    if (handle_ >= 0) ::close(static_cast<int>(handle_));
}

std::error_code NativeReadFile::open(const fs::path& file, bool follow_links) {
    const int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (follow_links ? 0 : O_NOFOLLOW);
    const int fd = ::open(file.c_str(), flags);
    if (fd < 0) {
        const int e = errno;
        if (e == ELOOP && !follow_links) return std::make_error_code(std::errc::too_many_symbolic_link_levels);
        return {e, std::generic_category()};
    }
    handle_ = fd;
    struct stat st {};
    if (::fstat(fd, &st) != 0) return last_error();
    if (!S_ISREG(st.st_mode)) return std::make_error_code(std::errc::invalid_argument);
    size_ = static_cast<std::uint64_t>(st.st_size);
    return {};
}

std::error_code NativeReadFile::read(char* buffer, std::size_t n, std::size_t& got) {
    got = 0;
    for (;;) {
        const ssize_t r = ::read(static_cast<int>(handle_), buffer, n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return last_error();
        got = static_cast<std::size_t>(r);
        return {};
    }
}

#endif

std::FILE* open_new_file(const fs::path& file) {
#ifdef _WIN32
    const int fd = _wopen(file.c_str(), _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY, _S_IREAD | _S_IWRITE);
    if (fd < 0) return nullptr;
    std::FILE* f = _fdopen(fd, "wb");
    if (f == nullptr) _close(fd);
    return f;
#else
    return std::fopen(file.c_str(), "wx");
#endif
}

std::unique_ptr<FileSystem> make_native_file_system() { return std::make_unique<NativeFileSystem>(); }

}  // namespace upstander
