#pragma once
// Helpers shared by the fuzz targets (tests/fuzz/fuzz_*.cpp): a private scratch folder and the
// file-tree container format of the pack target. Header-only so that each target, and its replay
// driver in the gcc builds, is a single translation unit plus this file.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace upstander::fuzz {

// [SECTION] Scratch folder
// One folder per process under $TMPDIR, emptied before each input and removed at exit.
// remove_all never follows symbolic links, so links an input makes cannot reach outside it.
class Scratch {
public:
    explicit Scratch(const char* target) {
        std::error_code ec;
        dir_ = std::filesystem::temp_directory_path(ec) /
               ("upstander-fuzz-" + std::string(target) + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_, ec);
        std::filesystem::create_directories(dir_, ec);
    }
    ~Scratch() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

    // An empty sub-folder `name` for one input.
    std::filesystem::path fresh(const std::string& name) const {
        std::error_code ec;
        const auto p = dir_ / name;
        std::filesystem::remove_all(p, ec);
        std::filesystem::create_directories(p, ec);
        return p;
    }
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
};

inline bool write_file(const std::filesystem::path& file, std::string_view data) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    return static_cast<bool>(out);
}

// [SECTION] File-tree container (pack target)
// The input is a list of records. A record starts with a header line "%% KIND NAME":
//   %% f NAME            a file; its contents are the bytes after the header line up to the
//                        newline before the next header line (or the end of the input)
//   %% d NAME            a folder
//   %% l NAME -> TARGET  a symbolic link NAME pointing at TARGET (any text, may be absolute or "..")
// Bytes before the first header are the contents of "pack.json". NAME is a relative path with "/"
// between folders; empty, "." and ".." parts are dropped so that every record lands inside the root
// (links may point anywhere: that is what the loader must refuse). The first record for a path
// wins; a record below a link or a file is skipped. Limits keep one input cheap.
struct TreeRecord {
    char kind = 'f';
    std::string name;    // as written, before sanitising
    std::string target;  // links only
    std::string_view contents;
};

inline constexpr int kMaxTreeRecords = 64;
inline constexpr int kMaxTreeDepth = 6;
inline constexpr std::size_t kMaxNamePart = 64;

inline std::vector<TreeRecord> parse_tree(std::string_view in) {
    std::vector<TreeRecord> records;
    auto header_at = [&](std::size_t pos) { return in.compare(pos, 3, "%% ") == 0; };
    // Positions where header lines start: offset 0 or just after a '\n'.
    std::vector<std::size_t> heads;
    if (header_at(0)) heads.push_back(0);
    for (std::size_t nl = in.find('\n'); nl != std::string_view::npos; nl = in.find('\n', nl + 1))
        if (header_at(nl + 1)) heads.push_back(nl + 1);
    const std::size_t first = heads.empty() ? in.size() : heads.front();
    if (first > 0) {
        std::string_view lead = in.substr(0, first);
        if (!heads.empty() && lead.back() == '\n') lead.remove_suffix(1);
        records.push_back({'f', "pack.json", {}, lead});
    }
    for (std::size_t i = 0; i < heads.size() && records.size() < static_cast<std::size_t>(kMaxTreeRecords); ++i) {
        const std::size_t start = heads[i];
        const std::size_t line_end = std::min(in.find('\n', start), in.size());
        std::string_view header = in.substr(start + 3, line_end - start - 3);
        if (header.size() < 3 || header[1] != ' ') continue;
        TreeRecord r;
        r.kind = header[0];
        if (r.kind != 'f' && r.kind != 'd' && r.kind != 'l') continue;
        r.name = std::string(header.substr(2));
        if (r.kind == 'l') {
            const std::size_t arrow = r.name.find(" -> ");
            if (arrow == std::string::npos) continue;
            r.target = r.name.substr(arrow + 4);
            r.name.resize(arrow);
        }
        if (r.kind == 'f') {
            const std::size_t body = std::min(line_end + 1, in.size());
            std::size_t end = i + 1 < heads.size() ? heads[i + 1] - 1 : in.size();  // drop the '\n' before a header
            if (end < body) end = body;
            r.contents = in.substr(body, end - body);
        }
        records.push_back(std::move(r));
    }
    return records;
}

// The relative path of a record, or empty when nothing is left after sanitising.
inline std::filesystem::path sanitise_tree_name(const std::string& name) {
    std::filesystem::path out;
    int depth = 0;
    std::size_t pos = 0;
    while (pos <= name.size()) {
        std::size_t slash = name.find('/', pos);
        if (slash == std::string::npos) slash = name.size();
        std::string part = name.substr(pos, slash - pos);
        pos = slash + 1;
        for (char& c : part)
            if (c == '\0') c = '_';
        if (part.empty() || part == "." || part == "..") continue;
        if (part.size() > kMaxNamePart) part.resize(kMaxNamePart);
        if (++depth > kMaxTreeDepth) return {};
        out /= part;
    }
    return out;
}

// Writes the records under `root` (an existing, empty folder). Returns how many were written.
inline int write_tree(const std::filesystem::path& root, const std::vector<TreeRecord>& records) {
    namespace fs = std::filesystem;
    int written = 0;
    for (const auto& r : records) {
        const fs::path rel = sanitise_tree_name(r.name);
        if (rel.empty()) continue;
        // Every existing ancestor must be a real folder (never a link or a file).
        std::error_code ec;
        fs::path at = root;
        bool blocked = false;
        for (auto it = rel.begin(); it != rel.end(); ++it) {
            if (std::next(it) == rel.end()) break;
            at /= *it;
            const auto st = fs::symlink_status(at, ec);
            if (ec || st.type() == fs::file_type::not_found) {
                if (!fs::create_directory(at, ec) || ec) blocked = true;
            } else if (st.type() != fs::file_type::directory) {
                blocked = true;
            }
            if (blocked) break;
        }
        if (blocked) continue;
        const fs::path full = root / rel;
        if (fs::symlink_status(full, ec).type() != fs::file_type::not_found) continue;  // first record wins
        ec.clear();
        if (r.kind == 'd') fs::create_directory(full, ec);
        else if (r.kind == 'l') {
            std::string target = r.target;
            for (char& c : target)
                if (c == '\0') c = '_';
            if (target.empty() || target.size() > 256) continue;
            fs::create_symlink(target, full, ec);
        } else if (!write_file(full, r.contents)) {
            ec = std::make_error_code(std::errc::io_error);
        }
        if (!ec) ++written;
    }
    return written;
}

}  // namespace upstander::fuzz
