#include "session_store.hpp"

#include "safe_path.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>

namespace upstander {

namespace fs = std::filesystem;

bool is_leftover_temp(std::string_view name) {
    // "." + "<date>-<id>.json" + "." + 12 letters or digits + ".tmp"
    constexpr std::size_t kSuffix = 1 + 12 + 4;
    if (name.size() < 1 + 5 + kSuffix || name.front() != '.' || name.substr(name.size() - 4) != ".tmp") return false;
    const std::string_view random = name.substr(name.size() - 16, 12);
    if (name[name.size() - 17] != '.' ||
        !std::all_of(random.begin(), random.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
        return false;
    return name.substr(name.size() - kSuffix - 5, 5) == ".json";
}


// [SECTION] Folder and date

fs::path default_session_dir(const char* xdg_data_home, const char* home) {
    if (xdg_data_home != nullptr && *xdg_data_home != '\0') {
        fs::path p(xdg_data_home);
        // The XDG spec says relative values are invalid and must be ignored.
        if (p.is_absolute()) return p / "upstander" / "sessions";
    }
    if (home != nullptr && *home != '\0') return fs::path(home) / ".local" / "share" / "upstander" / "sessions";
    return {};
}


std::string local_date_today() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
#ifdef _WIN32
    localtime_s(&tm, &t);
#else
    localtime_r(&t, &tm);
#endif
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

// [SECTION] Saving

std::string describe_save_error(const std::error_code& ec) {
    if (ec == std::errc::no_space_on_device) return "disk full";
#ifdef EDQUOT
    if (ec.value() == EDQUOT) return "disk quota exceeded";
#endif
    if (ec == std::errc::read_only_file_system) return "the folder is read-only";
    if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted) return "permission denied";
    if (ec == std::errc::no_such_file_or_directory) return "the folder does not exist and could not be created";
    if (ec == std::errc::not_a_directory || ec == std::errc::file_exists) return "the path is not a folder";
    if (ec == std::errc::io_error) return "the disk reported an error";
    std::string m = ec.message();
    if (!m.empty()) m[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m[0])));
    return m;
}

SessionStore::SessionStore(fs::path dir, std::unique_ptr<FileSystem> file_system)
    : dir_(std::move(dir)), fs_(std::move(file_system)) {}

std::string SessionStore::file_name(const SessionRecord& record) {
    return record.date + "-" + record.session_id + ".json";
}

bool SessionStore::fail(const char* step, std::error_code ec) {
    status_.on_disk = false;
    status_.error = ec;
    status_.failed_step = step;
    status_.banner = "Cannot save to " + dir_.string() + ": " + describe_save_error(ec) +
                     ". Votes are kept in memory and saving will be retried.";
    ++status_.failures_in_a_row;
    return false;
}

bool SessionStore::save(const SessionRecord& record) {
    bool created = false;
    if (std::error_code ec = fs_->create_directories(dir_, created)) return fail("create the folder", ec);

    const std::string text = session_to_string(record);
    const fs::path target = path_for(record);

    std::error_code ec;
    fs::path temp;
    std::unique_ptr<FileWriter> w = fs_->create_temp_file(dir_, file_name(record), temp, ec);
    if (!w) return fail("create a temporary file", ec);
    // On failure the half-written temp file is removed (freeing space on a full disk); the
    // session file itself is untouched, so it still holds the last confirmed state.
    auto abandon = [&](const char* step, std::error_code why) {
        (void)w->close();
        (void)fs_->remove(temp);
        return fail(step, why);
    };
    if ((ec = w->write(text))) return abandon("write", ec);
    if ((ec = w->sync())) return abandon("fsync", ec);
    if ((ec = w->close())) return abandon("close", ec);
    if ((ec = fs_->rename(temp, target))) {
        (void)fs_->remove(temp);
        return fail("rename", ec);
    }
    // Until the folder is synced the rename itself may not survive a power cut.
    if ((ec = fs_->sync_directory(dir_))) return fail("fsync the folder", ec);

    status_ = SaveStatus{};
    next_retry_.reset();
    return true;
}

bool SessionStore::tick(const SessionRecord& record, SteadyTime now) {
    if (status_.on_disk) return true;
    if (!next_retry_) {
        next_retry_ = now + retry_interval_;
        return false;
    }
    if (now < *next_retry_) return false;
    if (save(record)) return true;
    next_retry_ = now + retry_interval_;
    return false;
}

// [SECTION] Resuming

fs::path SessionStore::move_aside(const fs::path& file, std::error_code& ec) {
    for (int n = 0; n < 1000; ++n) {
        fs::path to = file;
        to += n == 0 ? std::string(".corrupt") : ".corrupt-" + std::to_string(n);
        ec = fs_->rename_no_replace(file, to);
        if (!ec) {
            (void)fs_->sync_directory(file.parent_path());
            return to;
        }
        if (ec != std::errc::file_exists) return {};
    }
    return {};
}

std::optional<SessionFileProblem> SessionStore::check_file(const fs::path& file, std::optional<SessionRecord>& out) {
    out.reset();
    std::string text;
    const std::error_code read_ec = fs_->read_file(file, kMaxSessionFileBytes, text);
    SessionFileProblem problem;
    problem.file = file;
    bool corrupt = false;
    if (read_ec == std::errc::file_too_large) {
        problem.message = file.string() + ": larger than 8 MiB, so not a session file Upstander wrote";
        corrupt = true;
    } else if (read_ec) {
        problem.message = file.string() + ": cannot be read (" + describe_read_error(read_ec) + "); it was left where it is";
        return problem;
    } else {
        SessionParseResult r = session_from_string(text);
        if (r.session) {
            out = std::move(r.session);
            return std::nullopt;
        }
        switch (r.kind) {
            case SessionParseError::NotSession:
                problem.message = file.string() + ": " + r.error + "; it was left where it is";
                return problem;
            case SessionParseError::NewerVersion:
                problem.message = file.string() + ": " + r.error + "; it was left where it is";
                return problem;
            default:
                problem.message = file.string() + ": " + r.error;
                corrupt = true;
                break;
        }
    }
    if (corrupt) {
        std::error_code ec;
        problem.moved_to = move_aside(file, ec);
        if (problem.moved_to.empty())
            problem.message += "; it could not be moved aside (" + ec.message() + ") and was left where it is";
        else
            problem.message += "; it was moved aside to " + problem.moved_to.filename().string();
    }
    return problem;
}

SessionScan SessionStore::find_unfinished() {
    SessionScan scan;
    std::vector<DirEntry> entries;
    if (std::error_code ec = fs_->list_directory(dir_, entries)) {
        if (ec != std::errc::no_such_file_or_directory)
            scan.error = "Cannot read the session folder " + dir_.string() + ": " + ec.message();
        return scan;
    }
    std::vector<std::pair<UnfinishedSession, fs::file_time_type>> found;
    for (const DirEntry& e : entries) {
        const std::string name = e.path.filename().string();
        // A save interrupted by a kill or power cut leaves its temp file; the session file still holds
        // the last confirmed state, so the leftover is removed (only names this store makes).
        if (is_leftover_temp(name)) {
            (void)fs_->remove(e.path);
            continue;
        }
        if (!e.regular_file || name.empty() || name.front() == '.' || e.path.extension() != ".json") continue;
        std::optional<SessionRecord> record;
        if (auto problem = check_file(e.path, record)) {
            scan.problems.push_back(std::move(*problem));
            continue;
        }
        if (record->status == SessionStatus::InProgress) found.push_back({{e.path, std::move(*record)}, e.modified});
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        if (a.first.record.date != b.first.record.date) return a.first.record.date > b.first.record.date;
        if (a.second != b.second) return a.second > b.second;
        return a.first.file.filename() < b.first.file.filename();
    });
    for (auto& f : found) scan.unfinished.push_back(std::move(f.first));
    std::sort(scan.problems.begin(), scan.problems.end(),
              [](const SessionFileProblem& a, const SessionFileProblem& b) { return a.file < b.file; });
    return scan;
}

SessionLoad SessionStore::load(const fs::path& file) {
    SessionLoad result;
    result.problem = check_file(file, result.record);
    return result;
}

}  // namespace upstander
