#include "programme_store.hpp"

#include "atomic_file.hpp"
#include "session_file.hpp"  // new_session_id: random names for sealed parts

#include <algorithm>

namespace upstander {

namespace fs = std::filesystem;

fs::path programme_resume_dir_for(const fs::path& data_dir) {
    fs::path d = data_dir;
    while (d.has_parent_path() && d.filename().empty()) d = d.parent_path();  // "dir/" -> "dir"
    return d.parent_path() / "programme-resume";
}

ProgrammeStore::ProgrammeStore(fs::path data_dir, fs::path resume_dir, ProgrammeSealer sealer, std::unique_ptr<FileSystem> fs)
    : data_dir_(std::move(data_dir)), resume_dir_(std::move(resume_dir)), sealer_(std::move(sealer)), fs_(std::move(fs)) {}

fs::path ProgrammeStore::local_file(const std::string& code) const { return resume_dir_ / programme_file_name(code); }

ProgrammeRecord ProgrammeStore::local_copy(const ProgrammeRecord& r) {
    ProgrammeRecord local = r;
    const ProgrammeSessionEntry* first = r.find_session(1);
    const ProgrammeSessionEntry* last = r.find_session(r.session_count);
    for (auto& a : local.scale) {
        if (first && first->completed) a.pre.clear();
        if (last && last->completed) a.post.clear();
    }
    return local;
}

Result<void> ProgrammeStore::save(ProgrammeRecord& r) {
    if (!sealer_) {
        const std::string err = write_file_atomically(programme_dir() / programme_file_name(r.code), programme_to_string(r), *fs_);
        if (!err.empty()) return Error{err};
        return {};
    }
    // Seal the part of the session in position (in progress, or just completed). Earlier sessions'
    // parts are final: their answers are no longer held here, so they are never written again.
    if (r.sealed_parts.size() < static_cast<std::size_t>(r.session_count))
        r.sealed_parts.resize(static_cast<std::size_t>(r.session_count));
    for (const ProgrammeSessionEntry& s : r.sessions) {
        const std::size_t i = static_cast<std::size_t>(s.number - 1);
        if (i >= r.sealed_parts.size() || s.number != r.position_session) continue;
        if (r.sealed_parts[i].empty()) r.sealed_parts[i] = new_session_id() + ".sealed.json";
        ProgrammeRecord part = sealed_part(r, s.number);
        Result<std::string> sealed = sealer_(programme_to_string(part));
        if (!sealed.ok()) return Error{sealed.message()};
        const std::string err = write_file_atomically(programme_dir() / r.sealed_parts[i], *sealed, *fs_);
        if (!err.empty()) return Error{err};
    }
    if (r.status != ProgrammeStatus::Open) {
        // Finished with: everything is in the sealed parts. The local copy goes.
        const std::error_code ec = fs_->remove(local_file(r.code));
        if (ec && ec != std::errc::no_such_file_or_directory)
            return Error{"the programme is saved, but its local copy " + local_file(r.code).string() +
                         " could not be removed: " + describe_save_error(ec)};
        return {};
    }
    const std::string err = write_file_atomically(local_file(r.code), programme_to_string(local_copy(r)), *fs_);
    if (!err.empty()) return Error{err};
    return {};
}

ProgrammeStore::Listing ProgrammeStore::list_open() {
    Listing out;
    const fs::path dir = sealer_ ? resume_dir_ : programme_dir();
    std::vector<DirEntry> entries;
    if (auto ec = fs_->list_directory(dir, entries)) {
        if (ec != std::errc::no_such_file_or_directory) out.problems.push_back("cannot list " + dir.string() + ": " + ec.message());
        return out;
    }
    for (const DirEntry& e : entries) {
        const std::string name = e.path.filename().string();
        if (!e.regular_file || name.rfind("programme-", 0) != 0 || e.path.extension() != ".json") continue;
        std::string text;
        if (auto ec = fs_->read_file(e.path, kMaxProgrammeFileBytes, text)) {
            out.problems.push_back(e.path.string() + ": cannot be read (" + ec.message() + ")");
            continue;
        }
        ProgrammeParseResult p = programme_from_string(text);
        if (!p.record) {
            out.problems.push_back(e.path.string() + ": " + p.error);
            continue;
        }
        if (p.record->status == ProgrammeStatus::Open) out.open.push_back(std::move(*p.record));
    }
    std::sort(out.open.begin(), out.open.end(), [](const ProgrammeRecord& a, const ProgrammeRecord& b) {
        return a.start_date() != b.start_date() ? a.start_date() > b.start_date() : a.code < b.code;
    });
    return out;
}

std::optional<ProgrammeRecord> ProgrammeStore::find_open(const std::string& code) {
    for (ProgrammeRecord& r : list_open().open)
        if (r.code == code) return std::move(r);
    return std::nullopt;
}

}  // namespace upstander
