// Reading session files for the report: the folders and files given, links that stay inside
// them, every file read without blocking and never quoted unless it is a session file, on up to
// two threads. The report itself is built in report.cpp.
#include "report.hpp"

#include "json_locator.hpp"
#include "platform_files.hpp"
#include "safe_path.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

namespace upstander {

namespace fs = std::filesystem;
using nlohmann::json;

// [SECTION] Reading session files

namespace {

enum class ReadKind { Session, Problem, Ignored };

struct ReadResult {
    ReadKind kind = ReadKind::Problem;
    std::optional<SessionRecord> record;
    std::string reason;
};

struct FoundFile {
    fs::path shown;         // as found under the folder given
    fs::path read_path;     // where it really is (a link inside the folders given is resolved)
    bool follow_links = false;  // only for a file named on the command line
};

// "not valid JSON (line 3, column 7)": the parser's own message quotes what it read last, and a
// file that is not a session file (a link to a password file, a private note) must never have any
// of its contents repeated in a report.
std::string not_json_reason(const std::string& parser_message) {
    static const std::regex where(R"((?:at line|\(line) ([0-9]+), column ([0-9]+))");
    std::smatch m;
    std::string out = "not valid JSON";
    if (std::regex_search(parser_message, m, where)) out += " (line " + m[1].str() + ", column " + m[2].str() + ")";
    return out;
}

ReadResult read_session_file(const FoundFile& file) {
    ReadResult r;
    std::string text;
    if (const std::error_code ec = read_regular_file(file.read_path, kMaxSessionFileBytes, text, file.follow_links)) {
        if (ec == std::errc::file_too_large)
            r.reason = "the file is larger than 8 MiB, far bigger than any session file; it was not read";
        else if (ec == std::errc::too_many_symbolic_link_levels)
            r.reason = "the file was replaced by a symbolic link while the report was being made; it was not read";
        else
            r.reason = "cannot read the file: " + describe_read_error(ec);
        return r;
    }
    SessionParseResult parsed = session_from_string(text);
    if (parsed.session) {
        r.kind = ReadKind::Session;
        r.record = std::move(parsed.session);
        return r;
    }
    // Valid JSON that simply is not a session file (a pack.json, an export) is ignored quietly;
    // broken JSON may be a damaged session file, so it is listed as a problem.
    switch (parsed.kind) {
        case SessionParseError::NotSession:
            r.kind = ReadKind::Ignored;
            r.reason = parsed.error;
            break;
        case SessionParseError::NotJson:
            r.reason = not_json_reason(parsed.error) +
                       " (the file may be incomplete, for example copied while the kiosk was saving: copy it again)";
            break;
        case SessionParseError::NewerVersion: r.reason = parsed.error; break;
        default:
            r.reason = parsed.error + " (the session file is damaged or was edited by hand; the session is not counted)";
            break;
    }
    return r;
}

bool has_json_extension(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".json";
}

bool within_any(const std::vector<fs::path>& roots, const fs::path& real) {
    return std::any_of(roots.begin(), roots.end(), [&](const fs::path& root) { return path_is_within(root, real); });
}

// Lists the *.json files under `root`. Symbolic links are followed only to files inside one of the
// folders given (`real_roots`, canonical); a link that leads anywhere else is listed as skipped and
// never opened. Folders reached through links are not entered (their files, when they are inside
// the folders given, are found where they really are).
void list_json_files(const fs::path& root, const std::vector<fs::path>& real_roots, std::vector<FoundFile>& out,
                     std::vector<SkippedFile>& problems) {
    std::error_code ec;
    const fs::file_status st = fs::status(root, ec);
    if (ec || !fs::exists(st)) {
        problems.push_back({root.string(), "not found: check the folder name (or that the USB stick is mounted)"});
        return;
    }
    if (fs::is_regular_file(st)) {  // named on the command line: the user chose it
        out.push_back({root, root, true});
        return;
    }
    if (!fs::is_directory(st)) {
        problems.push_back({root.string(), "not a folder or a file"});
        return;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    const fs::recursive_directory_iterator end;
    while (!ec && it != end) {
        const fs::directory_entry& e = *it;
        std::error_code type_ec;
        const fs::file_status link = e.symlink_status(type_ec);
        // Where links are invisible (Windows), every entry is resolved.
        if (fs::is_symlink(link) || !kLinksVisible) {
            std::error_code real_ec;
            const fs::path real = real_location(e.path(), real_ec);
            const bool is_dir = !real_ec && fs::is_directory(real, real_ec);
            // A folder reached through a link or junction is not entered (Windows would: it sees
            // no links); its files, when inside the folders given, are found where they really are.
            if (is_dir && is_link_or_junction(e.path())) it.disable_recursion_pending();
            if (real_ec) {
                // (Windows resolves every entry: there a plain file can land here too.)
                if (has_json_extension(e.path()))
                    problems.push_back({e.path().string(), fs::is_symlink(link)
                                                               ? "a symbolic link to a file that does not exist; skipped"
                                                               : "where this file really is cannot be found out (" +
                                                                     real_ec.message() + "); skipped"});
            } else if (!within_any(real_roots, real)) {
                problems.push_back({e.path().string(),
                                    std::string("a symbolic link to a ") + (is_dir ? "folder" : "file") +
                                        " outside the folders given; links are not followed out of them, so it was "
                                        "skipped (copy the " + (is_dir ? "folder" : "file") + " itself instead)"});
            } else if (!is_dir && has_json_extension(e.path())) {
                if (fs::is_regular_file(real, real_ec)) out.push_back({e.path(), real, false});
                else problems.push_back({e.path().string(), "a symbolic link to something that is not a regular file; skipped"});
            }
        } else if (has_json_extension(e.path()) && !fs::is_directory(link)) {
            if (fs::is_regular_file(link)) out.push_back({e.path(), e.path(), false});
            else problems.push_back({e.path().string(), "not a regular file (a FIFO or device); it was not read"});
        }
        it.increment(ec);
    }
    if (ec) problems.push_back({root.string(), "could not read the whole folder (" + ec.message() + ")"});
}

long long total_votes(const SessionRecord& s) {
    long long t = 0;
    for (const SessionPoll& p : s.polls) t += p.total;
    return t;
}

// The parts of a session that matter to a report: kiosk resume state is left out, so two copies
// saved at different steps of an otherwise identical session do not count as different.
json comparable(const SessionRecord& s) {
    json j = session_to_json(s);
    j.erase("position");
    for (json& p : j["polls"]) {
        p.erase("closed");
        p.erase("revealed");
    }
    return j;
}

std::string headcount_text(const std::optional<long long>& h) { return h ? format_grouped(*h) : "none"; }

// "its date (2024-06-01 in a.json, 2024-07-01 in b.json)" when the copies [i, j) disagree about
// what session they are; empty when they are copies of one session (at different moments).
std::string identity_conflict(const std::vector<LoadedSession>& copies, size_t i, size_t j) {
    std::vector<std::string> parts;
    auto check = [&](const char* what, auto value) {
        bool differ = false;
        for (size_t k = i + 1; k < j; ++k) differ = differ || value(copies[k].record) != value(copies[i].record);
        if (!differ) return;
        std::string list;
        for (size_t k = i; k < j; ++k) list += (list.empty() ? "" : ", ") + value(copies[k].record) + " in " + copies[k].file;
        parts.push_back(std::string(what) + " (" + list + ")");
    };
    check("its date", [](const SessionRecord& r) { return r.date; });
    check("its workshop", [](const SessionRecord& r) { return r.workshop_id; });
    check("its headcount", [](const SessionRecord& r) { return headcount_text(r.group.headcount); });
    std::string out;
    for (size_t k = 0; k < parts.size(); ++k) out += (k == 0 ? "" : k + 1 == parts.size() ? " and " : ", ") + parts[k];
    return out;
}

}  // namespace

SessionCollection merge_sessions(std::vector<LoadedSession> copies) {
    SessionCollection c;
    std::sort(copies.begin(), copies.end(), [](const LoadedSession& a, const LoadedSession& b) {
        return std::tie(a.record.session_id, a.file) < std::tie(b.record.session_id, b.file);
    });
    for (size_t i = 0; i < copies.size();) {
        size_t j = i + 1;
        while (j < copies.size() && copies[j].record.session_id == copies[i].record.session_id) ++j;
        if (j - i == 1) {
            c.sessions.push_back(std::move(copies[i]));
            i = j;
            continue;
        }
        DuplicateSession dup;
        dup.session_id = copies[i].record.session_id;
        if (std::string what = identity_conflict(copies, i, j); !what.empty()) {
            dup.copies_differ = true;
            dup.rejected = true;
            for (size_t k = i; k < j; ++k) dup.files.push_back(copies[k].file);
            dup.explanation = "Session " + dup.session_id + " was found in " + std::to_string(j - i) +
                              " files that disagree about " + what +
                              ", so it is not counted: keep the right copy and remove the others, then run the "
                              "report again.";
            for (size_t k = i; k < j; ++k)
                c.excluded.push_back({std::move(copies[k].record), copies[k].file,
                                      "copies of this session disagree about " + what + "; none is counted"});
            c.duplicates.push_back(std::move(dup));
            i = j;
            continue;
        }
        const json first = comparable(copies[i].record);
        size_t best = i;
        for (size_t k = i; k < j; ++k) {
            dup.files.push_back(copies[k].file);
            if (k > i && comparable(copies[k].record) != first) dup.copies_differ = true;
            const SessionRecord& a = copies[k].record;
            const SessionRecord& b = copies[best].record;
            const long long va = total_votes(a), vb = total_votes(b);
            const bool a_finished = a.status == SessionStatus::Finished, b_finished = b.status == SessionStatus::Finished;
            // Files are in path order, so keeping the earlier one on a full tie is deterministic.
            if (va > vb || (va == vb && a_finished && !b_finished)) best = k;
        }
        dup.kept = copies[best].file;
        const std::string copies_text = std::to_string(j - i) + " files";
        if (!dup.copies_differ) {
            dup.explanation = "Session " + dup.session_id + " was found in " + copies_text +
                              " with the same contents; it is counted once.";
        } else {
            const long long kept_votes = total_votes(copies[best].record);
            std::string others;
            bool tie = false;
            for (size_t k = i; k < j; ++k) {
                if (k == best) continue;
                const long long v = total_votes(copies[k].record);
                tie = tie || v == kept_votes;
                others += (others.empty() ? "" : ", ") + copies[k].file + " (" + format_grouped(v) + " votes)";
            }
            std::string why = "because it has the most votes";
            if (tie)
                why = copies[best].record.status == SessionStatus::Finished
                          ? "because it has at least as many votes and is marked finished"
                          : "because the copies have the same number of votes and it comes first by file name";
            dup.explanation = "Session " + dup.session_id + " was found in " + copies_text +
                              " whose contents differ. The report uses " + dup.kept + " (" +
                              format_grouped(kept_votes) + " votes) rather than " + others + ", " + why + ".";
        }
        c.duplicates.push_back(std::move(dup));
        c.sessions.push_back(std::move(copies[best]));
        i = j;
    }
    std::sort(c.sessions.begin(), c.sessions.end(), [](const LoadedSession& a, const LoadedSession& b) {
        return std::tie(a.record.date, a.record.session_id) < std::tie(b.record.date, b.record.session_id);
    });
    return c;
}

SessionCollection collect_sessions(const std::vector<fs::path>& inputs, unsigned threads) {
    std::vector<SkippedFile> problems;
    std::vector<FoundFile> found;
    std::vector<fs::path> real_roots;
    for (const fs::path& root : inputs) {
        std::error_code ec;
        fs::path real = real_location(root, ec);
        if (!ec) real_roots.push_back(std::move(real));
    }
    for (const fs::path& root : inputs) list_json_files(root, real_roots, found, problems);

    // The same file reached twice (a folder given twice, or a folder and its sub-folder) is read once.
    std::vector<std::pair<std::string, FoundFile>> files;
    files.reserve(found.size());
    {
        std::set<std::string> seen;
        for (const FoundFile& f : found) {
            std::error_code ec;
            fs::path canon = fs::weakly_canonical(f.read_path, ec);
            const std::string key = ec ? f.read_path.lexically_normal().string() : canon.string();
            if (seen.insert(key).second) files.emplace_back(f.shown.string(), f);
        }
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

    std::vector<ReadResult> results(files.size());
    unsigned n_threads = threads ? threads : std::min(2u, std::max(1u, std::thread::hardware_concurrency()));
    n_threads = static_cast<unsigned>(std::min<size_t>(n_threads, files.size()));
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i = next++; i < files.size(); i = next++) results[i] = read_session_file(files[i].second);
    };
    if (n_threads <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < n_threads; ++t) pool.emplace_back(work);
        for (std::thread& t : pool) t.join();
    }

    std::vector<LoadedSession> loaded;
    std::vector<std::string> ignored;
    for (size_t i = 0; i < files.size(); ++i) {
        ReadResult& r = results[i];
        if (r.kind == ReadKind::Session) loaded.push_back({std::move(*r.record), files[i].first});
        else if (r.kind == ReadKind::Ignored) ignored.push_back(files[i].first);
        else problems.push_back({files[i].first, r.reason});
    }
    SessionCollection c = merge_sessions(std::move(loaded));
    std::stable_sort(problems.begin(), problems.end(),
                     [](const SkippedFile& a, const SkippedFile& b) { return a.file < b.file; });
    c.problems = std::move(problems);
    c.ignored = std::move(ignored);
    c.files_read = static_cast<long long>(files.size());
    return c;
}

}  // namespace upstander
