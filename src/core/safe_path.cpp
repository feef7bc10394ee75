#include "safe_path.hpp"

#include "json_locator.hpp"

#include "platform_files.hpp"

#include <system_error>

namespace upstander {

namespace fs = std::filesystem;

bool path_is_within(const fs::path& root, const fs::path& inside) {
    const fs::path a = root.lexically_normal();
    const fs::path b = inside.lexically_normal();
    auto ai = a.begin();
    auto bi = b.begin();
    for (; ai != a.end(); ++ai, ++bi) {
        if (ai->empty() && std::next(ai) == a.end()) break;  // trailing separator of root ("dir/")
        if (bi == b.end() || *ai != *bi) return false;
    }
    return true;
}

namespace {

enum class Walk { NoLinks, Link, Missing };

// Looks at each part of `rel` below the canonical `root` with lstat. When none is a symbolic link,
// root/rel is already its own real location and canonical() (a readlink for every part of the whole
// absolute path) is not needed: loading a pack checks every module file and media path this way.
// `last` gets the status of the final part. Link also covers anything unusual (an empty path, ".."),
// which the callers then resolve the careful way.
Walk walk_below(const fs::path& root, const fs::path& rel, fs::file_status& last) {
    fs::path at = root;
    bool any = false;
    for (const fs::path& part : rel) {
        if (part.empty() || part == ".") continue;
        if (part == "..") return Walk::Link;
        at /= part;
        std::error_code ec;
        last = fs::symlink_status(at, ec);
        if (fs::is_symlink(last)) return Walk::Link;
        if (!fs::exists(last)) return Walk::Missing;
        any = true;
    }
    // Windows: no link was visible, which proves nothing (see kLinksVisible): resolve it.
    return any && kLinksVisible ? Walk::NoLinks : Walk::Link;
}

}  // namespace

std::string check_real_location(const fs::path& pack_dir, const fs::path& file) {
    if (path_is_within(pack_dir, file)) {
        fs::file_status last;
        if (walk_below(pack_dir, file.lexically_normal().lexically_relative(pack_dir.lexically_normal()), last) ==
            Walk::NoLinks)
            return {};
    }
    std::error_code ec;
    const fs::path real = real_location(file, ec);
    if (ec) return "cannot resolve the file's real location (" + ec.message() + ")";
    if (!path_is_within(pack_dir, real))
        return "this is a symbolic link to " + sanitize_for_message(real.string()) +
               ", which is outside the pack folder; copy the file into the pack instead";
    return {};
}

ResolvedPackPath resolve_pack_path(const fs::path& pack_dir, std::string_view relative) {
    ResolvedPackPath r;
    auto fail = [&r](PackPathError e, std::string msg) {
        r.error = e;
        r.message = std::move(msg);
        r.path.clear();
        return r;
    };
    const std::string shown = quote_for_message(relative, 120);
    if (relative.empty()) return fail(PackPathError::Empty, "the path is empty; give a file inside the pack, such as \"media/picture.png\"");
    for (char c : relative) {
        if (static_cast<unsigned char>(c) < 0x20 || c == '\\')
            return fail(PackPathError::BadCharacter,
                        "path " + shown + " contains a backslash or control character; separate folders with \"/\"");
    }
    if (relative.front() == '/' || (relative.size() >= 2 && relative[1] == ':'))
        return fail(PackPathError::Absolute, "path " + shown +
                                                 " is absolute; write it relative to the pack folder, such as \"media/picture.png\"");
    int depth = 0;
    for (const fs::path& part : fs::path(relative)) {
        if (part == "..") {
            if (--depth < 0)
                return fail(PackPathError::Escapes, "path " + shown +
                                                        " leaves the pack folder; keep media inside the pack, such as \"media/picture.png\"");
        } else if (part != "." && !part.empty()) {
            ++depth;
        }
    }
    const fs::path full = (pack_dir / fs::path(relative)).lexically_normal();
    fs::file_status last;
    switch (walk_below(pack_dir, fs::path(relative).lexically_normal(), last)) {
        case Walk::NoLinks:
            if (!fs::is_regular_file(last))
                return fail(PackPathError::NotAFile, "path " + shown + " is a folder or special file, not a regular file");
            r.path = full;
            return r;
        case Walk::Missing:
            return fail(PackPathError::Missing, "file " + shown + " not found in the pack (looked for " +
                                                    sanitize_for_message(full.string()) + ")");
        case Walk::Link: break;  // resolve every link below
    }
    std::error_code ec;
    const fs::file_status link_status = fs::symlink_status(full, ec);
    if (!fs::exists(link_status))
        return fail(PackPathError::Missing, "file " + shown + " not found in the pack (looked for " +
                                                sanitize_for_message(full.string()) + ")");
    const fs::path real = real_location(full, ec);
    if (ec) {
        return fail(PackPathError::Missing, "file " + shown + " is a symbolic link to a file that does not exist (" +
                                                sanitize_for_message(full.string()) + ")");
    }
    if (!path_is_within(pack_dir, real))
        return fail(PackPathError::SymlinkEscapes, "path " + shown + " leads through a symbolic link to " +
                                                       sanitize_for_message(real.string()) +
                                                       ", outside the pack folder; copy the file into the pack instead");
    if (!fs::is_regular_file(real, ec))
        return fail(PackPathError::NotAFile, "path " + shown + " is a folder or special file, not a regular file");
    r.path = full;
    return r;
}

// [SECTION] Reading

std::error_code read_regular_file(const fs::path& file, std::uintmax_t max_bytes, std::string& out, bool follow_links) {
    out.clear();
    NativeReadFile f;
    if (std::error_code ec = f.open(file, follow_links)) return ec;
    if (f.size() > max_bytes) return std::make_error_code(std::errc::file_too_large);
    out.reserve(static_cast<std::size_t>(f.size()));
    char buf[65536];
    for (;;) {
        std::size_t n = 0;
        if (std::error_code ec = f.read(buf, sizeof buf, n)) {
            out.clear();
            return ec;
        }
        if (n == 0) break;
        out.append(buf, n);
        if (out.size() > max_bytes) {  // grew while we read
            out.clear();
            return std::make_error_code(std::errc::file_too_large);
        }
    }
    return {};
}

std::error_code read_regular_file_head(const fs::path& file, std::size_t max_bytes, std::string& out) {
    out.clear();
    NativeReadFile f;
    if (std::error_code ec = f.open(file, true)) return ec;
    out.resize(max_bytes);
    std::size_t got = 0;
    while (got < max_bytes) {
        std::size_t n = 0;
        if (std::error_code ec = f.read(out.data() + got, max_bytes - got, n)) {
            out.clear();
            return ec;
        }
        if (n == 0) break;
        got += n;
    }
    out.resize(got);
    return {};
}

std::string describe_read_error(const std::error_code& ec) {
    if (ec == std::errc::invalid_argument) return "it is not a regular file (a FIFO, device or folder), so it was not read";
    if (ec == std::errc::file_too_large) return "it is too large to be a file Upstander wrote, so it was not read";
    if (ec == std::errc::too_many_symbolic_link_levels) return "it is a symbolic link, which is not followed here";
    if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted) return "permission denied";
    if (ec == std::errc::no_such_file_or_directory) return "the file does not exist (it may have been moved)";
    return ec.message();
}

}  // namespace upstander
