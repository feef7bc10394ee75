#pragma once
// Saving session files crash-safely and finding unfinished sessions to resume (docs/design.md §3
// "Nothing confirmed is lost", §4 session file).
//
// save(): serialise → write a new temp file "<folder>/.<name>.<random>.tmp" (created with O_EXCL and
// O_NOFOLLOW, so nothing planted at a temp name is ever opened) → fsync it → rename it over
// "<folder>/<name>" → fsync the folder. A kill or power cut at any moment leaves either the previous complete file
// or the new complete file. When any step fails the caller keeps the record in memory (it is the
// truth), status() carries a banner for the facilitator, and tick() retries; a later successful
// save writes everything, so nothing confirmed is lost.
//
// All file access goes through the FileSystem interface so tests can inject faults (failing
// write, fsync, rename, full disk, read-only folder). Main-thread only.

#include "session_file.hpp"
#include "steady_time.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace upstander {

// [SECTION] The file-system seam

// An open file being written. Implementations close it in the destructor if close() was not called.
class FileWriter {
public:
    virtual ~FileWriter() = default;
    virtual std::error_code write(std::string_view data) = 0;  // all of data, or an error
    virtual std::error_code sync() = 0;                         // fsync
    virtual std::error_code close() = 0;
};

struct DirEntry {
    std::filesystem::path path;
    bool regular_file = false;
    std::filesystem::file_time_type modified{};
};

class FileSystem {
public:
    virtual ~FileSystem() = default;
    // Creates `dir` and any missing parents, durably (each new entry's parent folder is fsynced).
    // Succeeds without doing anything when `dir` is already a folder.
    virtual std::error_code create_directories(const std::filesystem::path& dir, bool& created) = 0;
    // Creates a new, empty file for writing in `dir`, named "." + stem + "." + a random suffix + ".tmp",
    // with O_CREAT | O_EXCL | O_NOFOLLOW (as mkstemp does): whatever already sits at a name (a planted
    // symbolic link, a FIFO, another writer's temp file) is never opened, another name is tried
    // instead, and the name cannot be predicted. `created` gets the new file's path.
    virtual std::unique_ptr<FileWriter> create_temp_file(const std::filesystem::path& dir, std::string_view stem,
                                                         std::filesystem::path& created, std::error_code& ec) = 0;
    virtual std::error_code rename(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
    // Like rename, but fails with errc::file_exists rather than replace an existing `to`.
    virtual std::error_code rename_no_replace(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
    virtual std::error_code sync_directory(const std::filesystem::path& dir) = 0;
    virtual std::error_code remove(const std::filesystem::path& file) = 0;
    virtual std::error_code list_directory(const std::filesystem::path& dir, std::vector<DirEntry>& out) = 0;
    // Fails with errc::file_too_large when the file is bigger than max_bytes, and with
    // errc::invalid_argument when it is not a regular file (a FIFO, a device, a folder): it is opened
    // with O_NONBLOCK and checked with fstat before anything is read, so it never blocks.
    virtual std::error_code read_file(const std::filesystem::path& file, std::uintmax_t max_bytes, std::string& out) = 0;
};

// True for the name of a temp file a session save left behind (".<name>.json.<12 letters or digits>.tmp").
bool is_leftover_temp(std::string_view name);

// The real thing: POSIX open/write/fsync/rename/renameat2 on this machine.
std::unique_ptr<FileSystem> make_native_file_system();

// [SECTION] Where sessions live

// $XDG_DATA_HOME/upstander/sessions when XDG_DATA_HOME is set to an absolute path, otherwise
// $HOME/.local/share/upstander/sessions. Empty when neither variable helps (the app then asks
// for --data-dir). The two arguments are the variables' values (nullptr when unset).
std::filesystem::path default_session_dir(const char* xdg_data_home, const char* home);
std::filesystem::path default_session_dir();  // reads the environment

// Today's local date as YYYY-MM-DD (the only time a session file stores).
std::string local_date_today();

// [SECTION] Saving

struct SaveStatus {
    bool on_disk = true;          // everything saved so far has reached the disk
    std::error_code error;        // the last failure (empty when on_disk)
    std::string failed_step;      // "create the folder", "write", "fsync", "rename", ... (for logs)
    std::string banner;           // for the facilitator; empty when on_disk. E.g. "Cannot save to
                                  // /data/sessions: disk full. Votes are kept in memory and saving
                                  // will be retried."
    int failures_in_a_row = 0;
};

// "disk full", "the folder is read-only", "permission denied", ... for the banner.
std::string describe_save_error(const std::error_code& ec);

// [SECTION] Resuming

struct UnfinishedSession {
    std::filesystem::path file;
    SessionRecord record;
};

struct SessionFileProblem {
    std::filesystem::path file;
    std::string message;               // names the file and what is wrong with it
    std::filesystem::path moved_to;    // where a corrupt file was moved; empty when left in place
};

struct SessionScan {
    std::vector<UnfinishedSession> unfinished;  // status in-progress, newest first
    std::vector<SessionFileProblem> problems;   // corrupt (moved aside) or unreadable files
    std::string error;                          // the folder itself could not be listed (empty when
                                                // it simply does not exist yet)
};

struct SessionLoad {
    std::optional<SessionRecord> record;
    std::optional<SessionFileProblem> problem;  // set when record is empty
};

// [SECTION] SessionStore

class SessionStore {
public:
    // `dir` is the session folder (the app passes --data-dir or default_session_dir()). It is
    // created on the first save if needed.
    explicit SessionStore(std::filesystem::path dir, std::unique_ptr<FileSystem> fs = make_native_file_system());

    const std::filesystem::path& dir() const { return dir_; }
    FileSystem& file_system() { return *fs_; }

    static std::string file_name(const SessionRecord& record);  // "<date>-<session_id>.json"
    std::filesystem::path path_for(const SessionRecord& record) const { return dir_ / file_name(record); }

    // Writes `record` atomically and durably. true when it is on disk; false leaves status() with
    // the reason and banner, and the caller must keep the record (tick() retries it).
    bool save(const SessionRecord& record);

    // Retries a failed save: the first tick after a failure schedules the retry retry_interval()
    // later, and each failed retry schedules the next. Returns true when everything is on disk.
    bool tick(const SessionRecord& record, SteadyTime now);
    std::optional<SteadyTime> next_retry() const { return next_retry_; }
    std::chrono::milliseconds retry_interval() const { return retry_interval_; }
    void set_retry_interval(std::chrono::milliseconds interval) { retry_interval_ = interval; }

    const SaveStatus& status() const { return status_; }

    // Reads every "*.json" file in the folder. Unfinished sessions come back newest first (by
    // date, then by file modification time). A corrupt file (not JSON, or a session file that
    // fails validation) is reported and moved aside to "<name>.corrupt" (or ".corrupt-1", ...),
    // never overwritten or deleted. Files that are other JSON, or written by a newer Upstander,
    // are reported and left alone. Temp files left by an interrupted save are removed.
    SessionScan find_unfinished();

    // Loads one session file (e.g. the one the facilitator picked); a corrupt file is moved aside
    // as in find_unfinished().
    SessionLoad load(const std::filesystem::path& file);

private:
    bool fail(const char* step, std::error_code ec);
    std::optional<SessionFileProblem> check_file(const std::filesystem::path& file, std::optional<SessionRecord>& out);
    std::filesystem::path move_aside(const std::filesystem::path& file, std::error_code& ec);

    std::filesystem::path dir_;
    std::unique_ptr<FileSystem> fs_;
    SaveStatus status_;
    std::optional<SteadyTime> next_retry_;
    std::chrono::milliseconds retry_interval_{2000};
};

}  // namespace upstander
