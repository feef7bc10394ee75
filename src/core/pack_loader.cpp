#include "pack_loader.hpp"

#include "json_locator.hpp"
#include "poll_options.hpp"
#include "safe_path.hpp"
#include "suggest.hpp"
#include "text_markup.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace upstander {

namespace fs = std::filesystem;
using nlohmann::json;

// [SECTION] Diagnostics

std::string format_diagnostic(const Diagnostic& d) {
    std::string out;
    if (!d.file.empty()) {
        out += sanitize_for_message(d.file);
        if (d.line > 0) {
            out += ':' + std::to_string(d.line);
            if (d.column > 0) out += ':' + std::to_string(d.column);
        }
        out += ": ";
    }
    out += d.severity == Diagnostic::Severity::Error ? "error: " : "warning: ";
    if (!d.pointer.empty()) {
        // A pointer holds key names from the file, which may be huge: show the start only.
        constexpr std::size_t kShown = 200;
        out += sanitize_for_message(std::string_view(d.pointer).substr(0, kShown));
        if (d.pointer.size() > kShown) out += "\xE2\x80\xA6";
        out += ": ";
    }
    out += d.message;
    return out;
}

std::size_t count_errors(const std::vector<Diagnostic>& diagnostics) {
    return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
        return d.severity == Diagnostic::Severity::Error;
    }));
}

namespace {

// Gives diagnostics of one file a line and column: the position of the value their pointer names,
// or of the nearest enclosing value that exists (a missing field points at its parent object).
void locate_in_text(std::string_view text, std::vector<Diagnostic>& diags, std::size_t first,
                    std::vector<JsonScan::DuplicateKey>* duplicates) {
    std::unordered_set<std::string> wanted;
    bool any = false;
    for (std::size_t i = first; i < diags.size(); ++i) {
        if (diags[i].line != 0 || diags[i].pointer.empty()) continue;
        any = true;
        for (std::string p = diags[i].pointer;; p = parent_pointer(p)) {
            if (!wanted.insert(p).second || p.empty()) break;
        }
    }
    if (!any && duplicates == nullptr) return;
    JsonScan scan = scan_json(text, &wanted);
    if (duplicates) *duplicates = std::move(scan.duplicate_keys);
    for (std::size_t i = first; i < diags.size(); ++i) {
        Diagnostic& d = diags[i];
        if (d.line != 0 || d.pointer.empty()) continue;
        for (std::string p = d.pointer;; p = parent_pointer(p)) {
            auto it = scan.offsets.find(p);
            if (it != scan.offsets.end()) {
                const TextPosition pos = position_of_offset(text, it->second);
                d.line = pos.line;
                d.column = pos.column;
                break;
            }
            if (p.empty()) break;
        }
    }
}

// Reads a whole file of at most kMaxJsonFileBytes; nullopt with a message on failure. One open, one
// fstat and the reads (packs have hundreds of small files, so this runs often): O_NONBLOCK so that a
// FIFO never blocks the loader, and fstat on the open file says whether it is a regular file.
std::optional<std::string> read_small_file(const fs::path& path, std::string& error) {
    struct Fd {
        int fd;
        ~Fd() {
            if (fd >= 0) ::close(fd);
        }
    } f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
    if (f.fd < 0) {
        if (errno == EACCES || errno == EPERM) error = "cannot open the file for reading; check its permissions";
        else error = "not a regular file";
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) {
        error = "cannot read the file (" + std::error_code(errno, std::generic_category()).message() + ")";
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        error = "not a regular file";
        return std::nullopt;
    }
    auto too_big = [&error](double mib) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "the file is %.1f MiB, over the 8 MiB limit; split it into smaller files", mib);
        error = buf;
    };
    const auto size = static_cast<std::uintmax_t>(st.st_size);
    if (size > kMaxJsonFileBytes) {
        too_big(static_cast<double>(size) / (1024.0 * 1024.0));
        return std::nullopt;
    }
    // One byte more than the size tells whether the file grew since fstat (as the old reader did,
    // that is reported as too big, so nothing past the limit is ever read).
    std::string text(static_cast<std::size_t>(size) + 1, '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = ::read(f.fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error = "cannot read the file (" + std::error_code(errno, std::generic_category()).message() + ")";
            return std::nullopt;
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    if (got > size) {
        too_big(static_cast<double>(kMaxJsonFileBytes + 1) / (1024.0 * 1024.0));
        return std::nullopt;
    }
    text.resize(got);
    return text;
}

}  // namespace

void fill_positions(std::vector<Diagnostic>& diagnostics) {
    std::map<std::string, std::vector<std::size_t>> by_file;
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        if (d.line == 0 && !d.pointer.empty() && !d.file.empty()) by_file[d.file].push_back(i);
    }
    for (const auto& [file, indices] : by_file) {
        std::string error;
        auto text = read_small_file(file, error);
        if (!text || find_excess_depth(*text, kMaxJsonDepth)) continue;
        std::vector<Diagnostic> subset;
        for (std::size_t i : indices) subset.push_back(diagnostics[i]);
        locate_in_text(*text, subset, 0, nullptr);
        for (std::size_t k = 0; k < indices.size(); ++k) diagnostics[indices[k]] = subset[k];
    }
}

// [SECTION] Identifier and version checks

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
    if (id.front() == '-') return false;
    return std::all_of(id.begin(), id.end(), ok);
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Splits on `sep`, keeping empty pieces.
std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t from = 0;
    while (true) {
        const std::size_t at = s.find(sep, from);
        out.push_back(s.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
        if (at == std::string_view::npos) break;
        from = at + 1;
    }
    return out;
}

bool numeric_identifier(std::string_view s) {
    if (s.empty() || !std::all_of(s.begin(), s.end(), is_digit)) return false;
    return s.size() == 1 || s.front() != '0';
}

bool dotted_identifiers(std::string_view s, bool no_leading_zeros) {
    if (s.empty()) return false;
    for (std::string_view part : split(s, '.')) {
        if (part.empty()) return false;
        bool all_digits = true;
        for (char c : part) {
            if (!is_digit(c) && !is_alpha(c) && c != '-') return false;
            all_digits = all_digits && is_digit(c);
        }
        if (no_leading_zeros && all_digits && !numeric_identifier(part)) return false;
    }
    return true;
}

}  // namespace

bool is_valid_semver(std::string_view v) {
    if (v.size() > 256) return false;
    std::string_view build, pre;
    if (auto plus = v.find('+'); plus != std::string_view::npos) {
        build = v.substr(plus + 1);
        v = v.substr(0, plus);
        if (!dotted_identifiers(build, false)) return false;
    }
    if (auto dash = v.find('-'); dash != std::string_view::npos) {
        pre = v.substr(dash + 1);
        v = v.substr(0, dash);
        if (!dotted_identifiers(pre, true)) return false;
    }
    const auto core = split(v, '.');
    return core.size() == 3 && std::all_of(core.begin(), core.end(), numeric_identifier);
}

bool is_valid_language_tag(std::string_view tag) {
    if (tag.empty() || tag.size() > 64) return false;
    const auto parts = split(tag, '-');
    const std::string_view lang = parts.front();
    if (lang.size() < 2 || lang.size() > 3 || !std::all_of(lang.begin(), lang.end(), is_alpha)) return false;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::string_view p = parts[i];
        if (p.empty() || p.size() > 8) return false;
        if (!std::all_of(p.begin(), p.end(), [](char c) { return is_alpha(c) || is_digit(c); })) return false;
    }
    return true;
}

namespace {

// [SECTION] Per-file diagnostics sink

constexpr const char* kTooManyMessage = "too many problems in this file; fix the ones above and validate again";

class FileContext {
public:
    FileContext(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}

    const std::string& file() const { return file_; }

    void error(std::string pointer, std::string message) { add(Diagnostic::Severity::Error, std::move(pointer), std::move(message)); }
    void warning(std::string pointer, std::string message) {
        add(Diagnostic::Severity::Warning, std::move(pointer), std::move(message));
    }
    void error_at(std::size_t offset, std::string_view text, std::string pointer, std::string message) {
        add(Diagnostic::Severity::Error, std::move(pointer), std::move(message));
        set_position(offset, text);
    }
    void warning_at(std::size_t offset, std::string_view text, std::string pointer, std::string message) {
        add(Diagnostic::Severity::Warning, std::move(pointer), std::move(message));
        set_position(offset, text);
    }
    int errors() const { return errors_; }
    // True once the file has more problems than are listed: it cannot load, so stop checking it
    // (this also bounds the work done on hostile files).
    bool full() const { return count_ > kMaxDiagnosticsPerFile; }
    std::string_view file_view() const { return file_; }

private:
    void add(Diagnostic::Severity severity, std::string pointer, std::string message) {
        if (severity == Diagnostic::Severity::Error) ++errors_;
        ++count_;
        last_added_ = false;
        if (count_ > kMaxDiagnosticsPerFile) {
            if (count_ == kMaxDiagnosticsPerFile + 1)
                out_.push_back({Diagnostic::Severity::Error, file_, "", 0, 0, kTooManyMessage});
            return;
        }
        out_.push_back({severity, file_, std::move(pointer), 0, 0, std::move(message)});
        last_added_ = true;
    }
    void set_position(std::size_t offset, std::string_view text) {
        if (!last_added_) return;
        const TextPosition pos = position_of_offset(text, offset);
        out_.back().line = pos.line;
        out_.back().column = pos.column;
    }

    std::string file_;
    std::vector<Diagnostic>& out_;
    int count_ = 0;
    int errors_ = 0;
    bool last_added_ = false;
};

// [SECTION] Reading JSON files

struct JsonFile {
    std::string text;
    json doc;
};

// Strips nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 6: " prefix.
std::string clean_parse_message(const std::string& what) {
    std::string msg = what;
    if (auto at = msg.find(": "); at != std::string::npos && msg.rfind("[json.exception", 0) == 0) {
        // The first ": " after "column N" ends the prefix.
        if (auto col = msg.find("column "); col != std::string::npos) {
            if (auto colon = msg.find(": ", col); colon != std::string::npos) msg = msg.substr(colon + 2);
        } else {
            msg = msg.substr(at + 2);
        }
    }
    return sanitize_for_message(msg);
}

// True when a curly double quote (U+201C or U+201D, as word processors type them) sits at or next to
// `offset`: the commonest mistake of an editor who is not a programmer.
bool curly_quote_near(const std::string& text, std::size_t offset) {
    const std::size_t from = offset > 4 ? offset - 4 : 0;
    const std::size_t to = std::min(text.size(), offset + 4);
    for (std::size_t i = from; i < to && i + 2 < text.size(); ++i)
        if (static_cast<unsigned char>(text[i]) == 0xE2 && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(text[i + 2]) == 0x9C || static_cast<unsigned char>(text[i + 2]) == 0x9D))
            return true;
    return false;
}

std::optional<JsonFile> read_json_file(const fs::path& path, FileContext& ctx) {
    std::string error;
    auto text = read_small_file(path, error);
    if (!text) {
        ctx.error("", error);
        return std::nullopt;
    }
    if (auto deep = find_excess_depth(*text, kMaxJsonDepth)) {
        ctx.error_at(*deep, *text, "",
                     "nesting is deeper than " + std::to_string(kMaxJsonDepth) +
                         " levels; content files never need this much, so check for stray brackets");
        return std::nullopt;
    }
    JsonFile f;
    try {
        f.doc = json::parse(*text);
    } catch (const json::parse_error& e) {
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        const std::string hint =
            curly_quote_near(*text, offset)
                ? " (names and text must be in straight double quotes \"like this\", not curly quotes \u201Clike this\u201D; "
                  "a word processor puts curly ones in, so edit the file in a text editor)"
                : " (look for a missing or extra comma, quote, colon or bracket here or just before)";
        ctx.error_at(offset, *text, "", "invalid JSON: " + clean_parse_message(e.what()) + hint);
        return std::nullopt;
    } catch (const json::exception& e) {
        ctx.error("", "invalid JSON: " + clean_parse_message(e.what()));
        return std::nullopt;
    }
    f.text = std::move(*text);
    return f;
}

// [SECTION] Field readers

const char* kind_of(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "true/false";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "a list";
        case json::value_t::object: return "an object";
        default: return "an unknown value";
    }
}

std::string join_plain(const std::vector<std::string_view>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ", ";
        out += items[i];
    }
    return out;
}

bool is_blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// A suggestion for an invalid id: lower-case, spaces and underscores to hyphens, other characters dropped.
std::string slugify(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 64)) {
        if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || is_digit(c)) out += c;
        else if ((c == ' ' || c == '_' || c == '-') && !out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

enum class Need { Optional, Required };

// Reads the fields of one JSON object, reporting wrong types, missing required fields and
// unknown fields (with the closest known name as a suggestion).
class ObjectReader {
public:
    ObjectReader(FileContext& ctx, const json& j, std::string pointer, std::vector<std::string_view> known)
        : ctx_(ctx), j_(j), pointer_(std::move(pointer)), known_(std::move(known)) {}

    const std::string& pointer() const { return pointer_; }
    std::string at(std::string_view key) const { return child_pointer(pointer_, key); }
    bool has(std::string_view key) const { return j_.contains(key); }

    const json* get(std::string_view key, Need need, json::value_t type, const char* expected) {
        auto it = j_.find(key);
        if (it == j_.end()) {
            if (need == Need::Required)
                ctx_.error(at(key), "missing required field \"" + std::string(key) + "\" (" + expected + ")");
            return nullptr;
        }
        bool ok = it->type() == type;
        if (type == json::value_t::number_float) ok = it->is_number();
        if (!ok) {
            ctx_.error(at(key), std::string("expected ") + expected + ", found " + kind_of(*it));
            return nullptr;
        }
        return &*it;
    }

    std::optional<std::string> string(std::string_view key, Need need, bool allow_empty = false) {
        const json* v = get(key, need, json::value_t::string, "a string");
        if (!v) return std::nullopt;
        const auto& s = v->get_ref<const std::string&>();
        if (!allow_empty && is_blank(s)) {
            ctx_.error(at(key), "\"" + std::string(key) + "\" is empty; write some text or remove the field");
            return std::nullopt;
        }
        return s;
    }

    std::optional<bool> boolean(std::string_view key) {
        const json* v = get(key, Need::Optional, json::value_t::boolean, "true or false");
        if (!v) return std::nullopt;
        return v->get<bool>();
    }

    std::optional<double> number(std::string_view key, Need need, double min, double max, bool whole) {
        const json* v = get(key, need, json::value_t::number_float, whole ? "a whole number" : "a number");
        if (!v) return std::nullopt;
        const double d = v->get<double>();
        auto range = [&] {
            char buf[96];
            std::snprintf(buf, sizeof buf, "%g to %g", min, max);
            return std::string(buf);
        };
        if (whole && (std::floor(d) != d || !std::isfinite(d))) {
            ctx_.error(at(key), v->dump() + " is not a whole number; use a whole number from " + range());
            return std::nullopt;
        }
        if (!(d >= min && d <= max)) {
            ctx_.error(at(key), v->dump() + " is out of range; use " + (whole ? "a whole number" : "a number") +
                                    " from " + range());
            return std::nullopt;
        }
        return d;
    }

    std::optional<int> integer(std::string_view key, Need need, int min, int max) {
        auto d = number(key, need, min, max, true);
        if (!d) return std::nullopt;
        return static_cast<int>(*d);
    }

    std::optional<std::string> choice(std::string_view key, Need need, const std::vector<std::string_view>& values,
                                      const char* what) {
        auto s = string(key, need, true);
        if (!s) return std::nullopt;
        if (std::find(values.begin(), values.end(), *s) != values.end()) return s;
        std::string msg = "unknown " + std::string(what) + " " + quote_for_message(*s);
        if (auto near = closest_match(*s, values)) msg += " (did you mean \"" + *near + "\"?)";
        msg += "; expected one of " + join_plain(values);
        ctx_.error(at(key), msg);
        return std::nullopt;
    }

    std::optional<std::string> id(std::string_view key, Need need) {
        auto s = string(key, need, true);
        if (!s) return std::nullopt;
        if (is_valid_id(*s)) return s;
        std::string msg = "id " + quote_for_message(*s) +
                          " is not valid: use 1 to 64 lower-case letters, digits and hyphens, starting with a letter or digit";
        const std::string slug = slugify(*s);
        if (!slug.empty() && is_valid_id(slug)) msg += " (for example \"" + slug + "\")";
        ctx_.error(at(key), msg);
        return std::nullopt;
    }

    // Warns about fields that are not in the known list.
    void finish() {
        for (auto it = j_.begin(); it != j_.end() && !ctx_.full(); ++it) {
            const std::string& key = it.key();
            if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
            std::string msg = "unknown field " + quote_for_message(key) + " is ignored";
            if (auto near = closest_match(key, known_)) msg += "; did you mean \"" + *near + "\"?";
            else msg += "; fields allowed here: " + join_plain(known_);
            ctx_.warning(at(key), msg);
        }
    }

private:
    FileContext& ctx_;
    const json& j_;
    std::string pointer_;
    std::vector<std::string_view> known_;
};

// [SECTION] Pack-wide state while loading one pack

struct PollSeen {
    std::string file;
    std::string pointer;
};

struct PackState {
    fs::path dir;       // canonical
    fs::path shown;     // as given, for messages
    const LoadOptions* options = nullptr;
    std::map<std::string, std::string> module_files;  // module id -> file (shown) that defined it
    std::map<std::string, PollSeen> polls;            // poll id -> first definition
};

std::string pack_relative(const PackState& st, const fs::path& p) {
    return fs::path(p).lexically_relative(st.dir).generic_string();
}

bool has_extension(const fs::path& p, std::initializer_list<std::string_view> exts) {
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(exts.begin(), exts.end(), e) != exts.end();
}

// First bytes of a file (for format sniffing).
std::string file_head(const fs::path& p, std::size_t n) {
    std::ifstream in(p, std::ios::binary);
    std::string buf(n, '\0');
    in.read(buf.data(), static_cast<std::streamsize>(n));
    buf.resize(static_cast<std::size_t>(in.gcount()));
    return buf;
}

// [SECTION] Text bodies

// "body": a string or a list of strings. Each list item is parsed like a string of its own.
std::optional<RichText> parse_body(FileContext& ctx, const json& body, const std::string& pointer) {
    MarkupResult result;
    auto add = [&](const std::string& text, const std::string& ptr) {
        const std::size_t before = result.unbalanced_bold.size();
        append_markup(text, result);
        for (std::size_t i = before; i < result.unbalanced_bold.size(); ++i)
            ctx.warning(ptr, "unmatched \"**\" in " + quote_for_message(result.unbalanced_bold[i]) +
                                 "; bold text needs \"**\" on both sides, so this one is shown as written");
    };
    if (body.is_string()) {
        add(body.get_ref<const std::string&>(), pointer);
    } else if (body.is_array()) {
        if (body.empty()) {
            ctx.error(pointer, "the list is empty; add at least one paragraph");
            return std::nullopt;
        }
        if (body.size() > static_cast<std::size_t>(kMaxBodyParagraphs)) {
            ctx.error(pointer, "the text has " + std::to_string(body.size()) + " paragraphs, more than the limit of " +
                                   std::to_string(kMaxBodyParagraphs) + "; split it over several steps");
            return std::nullopt;
        }
        bool ok = true;
        for (std::size_t i = 0; i < body.size() && !ctx.full(); ++i) {
            if (!body[i].is_string()) {
                ctx.error(child_pointer(pointer, i), std::string("expected a string, found ") + kind_of(body[i]));
                ok = false;
                continue;
            }
            add(body[i].get_ref<const std::string&>(), child_pointer(pointer, i));
        }
        if (!ok) return std::nullopt;
    } else {
        ctx.error(pointer, std::string("expected a string or a list of strings, found ") + kind_of(body));
        return std::nullopt;
    }
    if (result.blocks.empty()) {
        ctx.error(pointer, "the text is empty; write at least one paragraph");
        return std::nullopt;
    }
    if (result.blocks.size() > static_cast<std::size_t>(kMaxBodyParagraphs)) {
        ctx.error(pointer, "the text has " + std::to_string(result.blocks.size()) +
                               " paragraphs and bullets, more than the limit of " + std::to_string(kMaxBodyParagraphs) +
                               "; split it over several steps");
        return std::nullopt;
    }
    return std::move(result.blocks);
}

// [SECTION] Steps

const std::vector<std::string_view> kStepTypes{"title", "text", "image", "discussion", "video", "poll", "choice"};
const std::vector<std::string_view> kModuleTypes{"topic", "case_study", "scenario"};

struct ModuleState {
    std::string id;
    ModuleType type = ModuleType::Topic;
    std::set<std::string> step_ids;
};

std::vector<std::string_view> fields_for(StepType t) {
    std::vector<std::string_view> f{"type", "id", "facilitator_notes"};
    switch (t) {
        case StepType::Title: f.insert(f.end(), {"heading", "subtitle"}); break;
        case StepType::Text: f.insert(f.end(), {"heading", "body"}); break;
        case StepType::Image: f.insert(f.end(), {"src", "alt", "heading", "caption"}); break;
        case StepType::Discussion: f.insert(f.end(), {"heading", "prompts", "timer_seconds"}); break;
        case StepType::Video:
            f.insert(f.end(), {"src", "heading", "captions", "autoplay", "loop", "start", "end", "content_warning"});
            break;
        case StepType::Poll: f.insert(f.end(), {"question", "kind", "options", "style", "measure", "phase"}); break;
        case StepType::Choice: f.insert(f.end(), {"heading", "body", "choices"}); break;
        case StepType::Consequence: f = {"heading", "body", "facilitator_notes"}; break;
    }
    return f;
}

std::optional<fs::path> media_path(FileContext& ctx, PackState& st, ObjectReader& obj, std::string_view key, Need need) {
    auto rel = obj.string(key, need);
    if (!rel) return std::nullopt;
    ResolvedPackPath r = resolve_pack_path(st.dir, *rel);
    if (!r.ok()) {
        ctx.error(obj.at(key), r.message);
        return std::nullopt;
    }
    return r.path;
}

void read_image(FileContext& ctx, PackState& st, ObjectReader& obj, Step& step) {
    ImageDef img;
    if (auto p = media_path(ctx, st, obj, "src", Need::Required)) {
        const std::string head = file_head(*p, 8);
        const bool png = head.rfind("\x89PNG\r\n\x1A\n", 0) == 0;
        const bool jpeg = head.size() >= 3 && head.rfind("\xFF\xD8\xFF", 0) == 0;
        if (!has_extension(*p, {".png", ".jpg", ".jpeg"}))
            ctx.error(obj.at("src"), "images must be PNG or JPEG files (.png, .jpg or .jpeg)");
        else if (!png && !jpeg)
            ctx.error(obj.at("src"), "the file " + quote_for_message(pack_relative(st, *p)) +
                                         " is not a PNG or JPEG image (its first bytes do not match); export it again as PNG or JPEG");
        else if (st.options && st.options->probe_image)
            if (auto problem = st.options->probe_image(*p))
                ctx.error(obj.at("src"), "the picture " + quote_for_message(pack_relative(st, *p)) +
                                             " cannot be shown: " + sanitize_for_message(*problem));
        img.src = *p;
    }
    if (auto alt = obj.string("alt", Need::Required, true)) img.alt = *alt;
    if (auto h = obj.string("heading", Need::Optional)) step.heading = *h;
    if (auto c = obj.string("caption", Need::Optional)) img.caption = *c;
    step.image = std::move(img);
}

void read_video(FileContext& ctx, PackState& st, ObjectReader& obj, Step& step) {
    VideoDef v;
    if (auto p = media_path(ctx, st, obj, "src", Need::Required)) {
        v.src = *p;
        if (st.options && st.options->probe_video) {
            if (auto problem = st.options->probe_video(*p))
                ctx.error(obj.at("src"), "the video " + quote_for_message(pack_relative(st, *p)) +
                                             " cannot be played: " + sanitize_for_message(*problem));
        }
    }
    if (auto p = media_path(ctx, st, obj, "captions", Need::Optional)) {
        bool format_ok = false;
        if (!has_extension(*p, {".vtt", ".srt"})) {
            ctx.error(obj.at("captions"), "captions must be a WebVTT (.vtt) or SubRip (.srt) file");
        } else if (has_extension(*p, {".vtt"})) {
            std::string head = file_head(*p, 9);
            if (head.rfind("\xEF\xBB\xBF", 0) == 0) head = head.substr(3);
            format_ok = head.rfind("WEBVTT", 0) == 0;
            if (!format_ok)
                ctx.error(obj.at("captions"), "the file " + quote_for_message(pack_relative(st, *p)) +
                                                  " does not start with \"WEBVTT\", so it is not a WebVTT caption file");
        } else {
            format_ok = true;
        }
        if (format_ok && st.options && st.options->probe_captions) {
            if (auto problem = st.options->probe_captions(*p))
                ctx.error(obj.at("captions"), "the captions " + quote_for_message(pack_relative(st, *p)) +
                                                  " cannot be used: " + sanitize_for_message(*problem));
        }
        v.captions = *p;
    }
    if (auto h = obj.string("heading", Need::Optional)) step.heading = *h;
    if (auto b = obj.boolean("autoplay")) v.autoplay = *b;
    if (auto b = obj.boolean("loop")) v.loop = *b;
    if (auto s = obj.number("start", Need::Optional, 0, 86400, false)) v.start_seconds = *s;
    if (auto e = obj.number("end", Need::Optional, 0, 86400, false)) {
        if (*e <= v.start_seconds) ctx.error(obj.at("end"), "\"end\" must be later than \"start\"");
        else v.end_seconds = *e;
    }
    if (auto w = obj.string("content_warning", Need::Optional)) v.content_warning = *w;
    step.video = std::move(v);
}

void read_poll(FileContext& ctx, PackState& st, ObjectReader& obj, Step& step) {
    PollDef poll;
    if (auto id = obj.id("id", Need::Required)) {
        poll.id = *id;
        auto [it, fresh] = st.polls.emplace(*id, PollSeen{ctx.file(), obj.pointer()});
        if (!fresh)
            ctx.error(obj.at("id"), "poll id \"" + *id + "\" is already used by the poll at " + it->second.file + " " +
                                        it->second.pointer + "; poll ids must be unique within a pack");
    }
    if (auto q = obj.string("question", Need::Required)) poll.question = *q;
    std::optional<std::string> kind = obj.choice("kind", Need::Required, {"single", "likert", "yes-no"}, "poll kind");
    if (kind == "likert") poll.kind = PollKind::Likert;
    else if (kind == "yes-no") poll.kind = PollKind::YesNo;

    if (obj.has("style")) {
        if (kind && *kind != "likert") ctx.error(obj.at("style"), "\"style\" is only for likert polls; remove it");
        else if (auto s = obj.choice("style", Need::Optional, {"words", "faces"}, "likert style"))
            poll.style = *s == "faces" ? LikertStyle::Faces : LikertStyle::Words;
    }

    if (kind == "single") {
        if (const json* opts = obj.get("options", Need::Required, json::value_t::array, "a list of 2 to 6 options")) {
            const std::string ptr = obj.at("options");
            if (opts->size() < static_cast<std::size_t>(kMinSingleOptions) ||
                opts->size() > static_cast<std::size_t>(kMaxSingleOptions))
                ctx.error(ptr, "a single poll needs 2 to 6 options; this one has " + std::to_string(opts->size()));
            std::set<std::string> ids;
            for (std::size_t i = 0; i < opts->size() && i < 64; ++i) {
                const std::string optr = child_pointer(ptr, i);
                if (!(*opts)[i].is_object()) {
                    ctx.error(optr, std::string("expected an object like {\"id\": \"...\", \"label\": \"...\"}, found ") +
                                        kind_of((*opts)[i]));
                    continue;
                }
                ObjectReader o(ctx, (*opts)[i], optr, {"id", "label"});
                PollOption opt;
                if (auto id = o.id("id", Need::Required)) {
                    opt.id = *id;
                    if (!ids.insert(*id).second)
                        ctx.error(o.at("id"), "option id \"" + *id + "\" is used twice in this poll; give each option its own id");
                }
                if (auto l = o.string("label", Need::Required)) opt.label = *l;
                o.finish();
                poll.options.push_back(std::move(opt));
            }
        }
    } else if (kind) {
        if (obj.has("options"))
            ctx.error(obj.at("options"), "a " + *kind + " poll has fixed options; remove \"options\" (or use \"kind\": \"single\")");
        poll.options = fixed_poll_options(poll.kind);
    }

    if (auto m = obj.id("measure", Need::Optional)) poll.measure = *m;
    if (auto p = obj.choice("phase", Need::Optional, {"pre", "post"}, "poll phase")) {
        poll.phase = *p == "pre" ? PollPhase::Pre : PollPhase::Post;
        if (!obj.has("measure"))
            ctx.error(obj.at("phase"), "\"phase\" needs a \"measure\" saying what is measured, such as \"would-report\"");
    }
    step.poll = std::move(poll);
}

void read_discussion(FileContext& ctx, ObjectReader& obj, Step& step) {
    if (auto h = obj.string("heading", Need::Required)) step.heading = *h;
    if (const json* prompts = obj.get("prompts", Need::Required, json::value_t::array, "a list of 1 to 8 strings")) {
        const std::string ptr = obj.at("prompts");
        if (prompts->empty() || prompts->size() > 8)
            ctx.error(ptr, "a discussion needs 1 to 8 prompts; this one has " + std::to_string(prompts->size()));
        for (std::size_t i = 0; i < prompts->size() && i < 64; ++i) {
            const json& p = (*prompts)[i];
            if (!p.is_string()) ctx.error(child_pointer(ptr, i), std::string("expected a string, found ") + kind_of(p));
            else if (is_blank(p.get_ref<const std::string&>())) ctx.error(child_pointer(ptr, i), "the prompt is empty");
            else step.prompts.push_back(p.get<std::string>());
        }
    }
    if (auto t = obj.integer("timer_seconds", Need::Optional, 10, 3600)) step.timer_seconds = *t;
}

std::optional<Step> read_consequence(FileContext& ctx, const json& j, const std::string& pointer) {
    if (!j.is_object()) {
        ctx.error(pointer, std::string("expected an object with \"heading\" and \"body\", found ") + kind_of(j));
        return std::nullopt;
    }
    ObjectReader obj(ctx, j, pointer, fields_for(StepType::Consequence));
    Step s;
    s.type = StepType::Consequence;
    if (auto h = obj.string("heading", Need::Required)) s.heading = *h;
    if (!obj.has("body")) obj.get("body", Need::Required, json::value_t::string, "a string or a list of strings");
    else if (auto b = parse_body(ctx, j["body"], obj.at("body"))) s.body = std::move(*b);
    if (auto n = obj.string("facilitator_notes", Need::Optional, true)) s.facilitator_notes = *n;
    obj.finish();
    s.source_file = ctx.file();
    s.source_pointer = pointer;
    return s;
}

void read_choice(FileContext& ctx, ObjectReader& obj, const json& j, Step& step) {
    if (auto h = obj.string("heading", Need::Required)) step.heading = *h;
    if (obj.has("body"))
        if (auto b = parse_body(ctx, j["body"], obj.at("body"))) step.body = std::move(*b);
    const json* choices = obj.get("choices", Need::Required, json::value_t::array, "a list of 2 to 6 choices");
    if (!choices) return;
    const std::string ptr = obj.at("choices");
    if (choices->size() < 2 || choices->size() > 6)
        ctx.error(ptr, "a choice step needs 2 to 6 choices; this one has " + std::to_string(choices->size()));
    for (std::size_t i = 0; i < choices->size() && i < 64; ++i) {
        const std::string cptr = child_pointer(ptr, i);
        const json& c = (*choices)[i];
        if (!c.is_object()) {
            ctx.error(cptr, std::string("expected an object with \"label\" and \"consequence\", found ") + kind_of(c));
            continue;
        }
        ObjectReader co(ctx, c, cptr, {"label", "consequence"});
        ChoiceDef def;
        if (auto l = co.string("label", Need::Required)) def.label = *l;
        if (!co.has("consequence")) {
            co.get("consequence", Need::Required, json::value_t::object, "an object with \"heading\" and \"body\"");
        } else if (auto cons = read_consequence(ctx, c["consequence"], co.at("consequence"))) {
            cons->id = step.id + "/" + std::to_string(i);
            def.consequence.push_back(std::move(*cons));
        }
        co.finish();
        step.choices.push_back(std::move(def));
    }
}

std::optional<Step> read_step(FileContext& ctx, PackState& st, ModuleState& ms, const json& j, std::size_t index,
                              const std::string& pointer) {
    if (!j.is_object()) {
        ctx.error(pointer, std::string("expected a step object with a \"type\", found ") + kind_of(j));
        return std::nullopt;
    }
    const std::string type_ptr = child_pointer(pointer, "type");
    auto type_it = j.find("type");
    if (type_it == j.end()) {
        ctx.error(type_ptr, "missing required field \"type\"; expected one of " + join_plain(kStepTypes));
        return std::nullopt;
    }
    if (!type_it->is_string()) {
        ctx.error(type_ptr, std::string("expected a string, found ") + kind_of(*type_it));
        return std::nullopt;
    }
    const std::string& type_name = type_it->get_ref<const std::string&>();
    const auto known = std::find(kStepTypes.begin(), kStepTypes.end(), type_name);
    if (known == kStepTypes.end()) {
        std::string msg = "unknown step type " + quote_for_message(type_name);
        if (type_name == "consequence") msg += " (a consequence goes inside a choice step's \"choices\")";
        else if (auto near = closest_match(type_name, kStepTypes)) msg += " (did you mean \"" + *near + "\"?)";
        ctx.error(type_ptr, msg + "; expected one of " + join_plain(kStepTypes));
        return std::nullopt;
    }
    Step step;
    step.type = static_cast<StepType>(known - kStepTypes.begin());  // kStepTypes follows StepType's order
    step.source_file = ctx.file();
    step.source_pointer = pointer;
    ObjectReader obj(ctx, j, pointer, fields_for(step.type));

    // Poll ids are required (read with the poll; unique in the pack) and double as the step id.
    step.id = ms.id + "#" + std::to_string(index);
    if (step.type != StepType::Poll) {
        if (auto id = obj.id("id", Need::Optional)) {
            if (!ms.step_ids.insert(*id).second)
                ctx.error(obj.at("id"), "step id \"" + *id + "\" is used twice in this module; give each step its own id");
            step.id = *id;
        }
    }
    if (auto n = obj.string("facilitator_notes", Need::Optional, true)) step.facilitator_notes = *n;

    switch (step.type) {
        case StepType::Title:
            if (auto h = obj.string("heading", Need::Required)) step.heading = *h;
            if (auto s = obj.string("subtitle", Need::Optional)) step.subtitle = *s;
            break;
        case StepType::Text:
            if (auto h = obj.string("heading", Need::Required)) step.heading = *h;
            if (!obj.has("body")) obj.get("body", Need::Required, json::value_t::string, "a string or a list of strings");
            else if (auto b = parse_body(ctx, j["body"], obj.at("body"))) step.body = std::move(*b);
            break;
        case StepType::Image: read_image(ctx, st, obj, step); break;
        case StepType::Discussion: read_discussion(ctx, obj, step); break;
        case StepType::Video: read_video(ctx, st, obj, step); break;
        case StepType::Poll:
            read_poll(ctx, st, obj, step);
            if (!step.poll->id.empty()) step.id = step.poll->id;
            break;
        case StepType::Choice:
            if (ms.type != ModuleType::Scenario)
                ctx.error(type_ptr, std::string("choice steps belong in scenario modules, and this module is a ") +
                                        to_string(ms.type) +
                                        "; set the module's \"type\" to \"scenario\" or use a discussion step");
            read_choice(ctx, obj, j, step);
            break;
        case StepType::Consequence: break;  // never a top-level type (not in kStepTypes)
    }
    obj.finish();
    return step;
}

// [SECTION] Module files

std::optional<Module> read_module(FileContext& ctx, PackState& st, const JsonFile& f, const fs::path& path) {
    if (!f.doc.is_object()) {
        ctx.error("", std::string("a module file must hold one JSON object, found ") + kind_of(f.doc));
        return std::nullopt;
    }
    ObjectReader obj(ctx, f.doc, "", {"$schema", "id", "type", "title", "summary", "steps"});
    Module m;
    m.file = path;
    ModuleState ms;
    if (auto id = obj.id("id", Need::Required)) {
        m.id = *id;
        auto [it, fresh] = st.module_files.emplace(*id, ctx.file());
        if (!fresh)
            ctx.error("/id", "module id \"" + *id + "\" is already used by " + it->second +
                                 "; module ids must be unique within a pack");
    }
    ms.id = m.id.empty() ? path.stem().string() : m.id;
    if (auto t = obj.choice("type", Need::Required, kModuleTypes, "module type"))
        m.type = static_cast<ModuleType>(std::find(kModuleTypes.begin(), kModuleTypes.end(), *t) - kModuleTypes.begin());
    ms.type = m.type;
    if (auto t = obj.string("title", Need::Required)) m.title = *t;
    if (auto s = obj.string("summary", Need::Optional)) m.summary = *s;
    obj.string("$schema", Need::Optional);
    if (const json* steps = obj.get("steps", Need::Required, json::value_t::array, "a list of steps")) {
        if (steps->empty()) ctx.error("/steps", "the module has no steps; add at least one step");
        if (steps->size() > static_cast<std::size_t>(kMaxStepsPerModule))
            ctx.error("/steps", "the module has " + std::to_string(steps->size()) + " steps, more than the limit of " +
                                    std::to_string(kMaxStepsPerModule) + "; split it into several modules");
        for (std::size_t i = 0; i < steps->size() && i < static_cast<std::size_t>(kMaxStepsPerModule) && !ctx.full(); ++i) {
            if (auto s = read_step(ctx, st, ms, (*steps)[i], i, child_pointer("/steps", i))) m.steps.push_back(std::move(*s));
        }
    }
    obj.finish();
    return m;
}

// [SECTION] pack.json

// Splits "pack/module" into its parts; a plain "module" gives an empty pack.
std::pair<std::string, std::string> split_ref(const std::string& ref) {
    const auto slash = ref.find('/');
    if (slash == std::string::npos) return {"", ref};
    return {ref.substr(0, slash), ref.substr(slash + 1)};
}

void read_settings(FileContext& ctx, const json& j, PackSettings& settings) {
    if (!j.is_object()) {
        ctx.error("/settings", std::string("expected an object, found ") + kind_of(j));
        return;
    }
    ObjectReader obj(ctx, j, "/settings", {"captions_default", "ballot_mode", "vote_cooldown_ms", "list_order"});
    if (auto b = obj.boolean("captions_default")) settings.captions_default = *b;
    if (auto m = obj.choice("ballot_mode", Need::Optional, {"open", "armed"}, "ballot mode"))
        settings.ballot_mode = *m == "armed" ? BallotMode::Armed : BallotMode::Open;
    if (auto c = obj.integer("vote_cooldown_ms", Need::Optional, 250, 10000)) settings.vote_cooldown_ms = *c;
    if (auto o = obj.integer("list_order", Need::Optional, 0, 1000)) settings.list_order = *o;
    obj.finish();
}

std::optional<WorkshopDef> read_workshop(FileContext& ctx, const json& j, const std::string& pointer,
                                         const std::string& pack_id, std::vector<std::string>& ref_pointers) {
    if (!j.is_object()) {
        ctx.error(pointer, std::string("expected a workshop object, found ") + kind_of(j));
        return std::nullopt;
    }
    ObjectReader obj(ctx, j, pointer, {"id", "title", "description", "duration_minutes", "audience", "modules"});
    WorkshopDef w;
    w.pack_id = pack_id;
    if (auto id = obj.id("id", Need::Required)) w.id = *id;
    if (auto t = obj.string("title", Need::Required)) w.title = *t;
    if (auto d = obj.string("description", Need::Optional)) w.description = *d;
    if (auto d = obj.integer("duration_minutes", Need::Required, 1, 600)) w.duration_minutes = *d;
    if (auto a = obj.choice("audience", Need::Optional, {"under-18", "adult", "mixed"}, "audience"))
        w.audience = *a == "under-18" ? Audience::Under18 : *a == "adult" ? Audience::Adult : Audience::Mixed;
    if (const json* mods = obj.get("modules", Need::Required, json::value_t::array, "a list of module ids")) {
        const std::string mptr = obj.at("modules");
        if (mods->empty()) ctx.error(mptr, "the workshop has no modules; list at least one module id");
        if (mods->size() > static_cast<std::size_t>(kMaxModulesPerWorkshop)) {
            ctx.error(mptr, "the workshop lists " + std::to_string(mods->size()) + " modules, more than the limit of " +
                                std::to_string(kMaxModulesPerWorkshop));
            return std::nullopt;
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < mods->size() && !ctx.full(); ++i) {
            const json& r = (*mods)[i];
            const std::string rptr = child_pointer(mptr, i);
            if (!r.is_string()) {
                ctx.error(rptr, std::string("expected a module id string, found ") + kind_of(r));
                continue;
            }
            const std::string& ref = r.get_ref<const std::string&>();
            auto [p, m] = split_ref(ref);
            const bool ok = (p.empty() || is_valid_id(p)) && is_valid_id(m) && m.find('/') == std::string::npos;
            if (!ok) {
                ctx.error(rptr, "module reference " + quote_for_message(ref) +
                                    " is not valid; write \"module-id\" for a module of this pack or \"pack-id/module-id\" for another pack's");
                continue;
            }
            if (!seen.insert(p == pack_id ? m : ref).second)
                ctx.warning(rptr, "module " + quote_for_message(ref) + " is listed twice in this workshop");
            w.module_refs.push_back(p == pack_id ? m : ref);  // "own-pack/x" is just "x"
            ref_pointers.push_back(rptr);
        }
    }
    obj.finish();
    return w;
}

// ref_pointers[w][i]: the JSON pointer of workshops[w].module_refs[i] in pack.json.
std::optional<Pack> read_pack_json(FileContext& ctx, const JsonFile& f, std::string& pack_id,
                                   std::vector<std::vector<std::string>>& ref_pointers) {
    if (!f.doc.is_object()) {
        ctx.error("", std::string("pack.json must hold one JSON object, found ") + kind_of(f.doc));
        return std::nullopt;
    }
    ObjectReader obj(ctx, f.doc, "",
                     {"$schema", "format", "format_version", "id", "title", "version", "language", "description",
                      "authors", "settings", "workshops"});
    Pack pack;
    obj.string("$schema", Need::Optional);
    if (auto fmt = obj.string("format", Need::Required, true); fmt && *fmt != "upstander-pack")
        ctx.error("/format", "\"format\" must be \"upstander-pack\", found " + quote_for_message(*fmt));
    if (const json* v = obj.get("format_version", Need::Required, json::value_t::number_float, "the number 1")) {
        if (*v != 1) {
            if (v->is_number_integer() && v->get<long long>() > 1)
                ctx.error("/format_version", "this pack needs a newer Upstander (format_version " + v->dump() +
                                                 "); this version reads format_version 1");
            else
                ctx.error("/format_version", "\"format_version\" must be 1, found " + v->dump());
        }
    }
    if (auto id = obj.id("id", Need::Required)) pack.id = pack_id = *id;
    if (auto t = obj.string("title", Need::Required)) pack.title = *t;
    if (auto v = obj.string("version", Need::Required, true)) {
        if (is_valid_semver(*v)) pack.version = *v;
        else
            ctx.error("/version", "version " + quote_for_message(*v) +
                                      " is not a semantic version; write MAJOR.MINOR.PATCH, such as \"1.0.0\"");
    }
    if (auto l = obj.string("language", Need::Required, true)) {
        if (is_valid_language_tag(*l)) pack.language = *l;
        else
            ctx.error("/language", "language " + quote_for_message(*l) +
                                       " is not a language tag; write a BCP 47 tag such as \"en-GB\" or \"cy\"");
    }
    if (auto d = obj.string("description", Need::Optional)) pack.description = *d;
    if (const json* authors = obj.get("authors", Need::Optional, json::value_t::array, "a list of names")) {
        for (std::size_t i = 0; i < authors->size() && !ctx.full(); ++i) {
            if (!(*authors)[i].is_string())
                ctx.error(child_pointer("/authors", i), std::string("expected a string, found ") + kind_of((*authors)[i]));
            else pack.authors.push_back((*authors)[i].get<std::string>());
        }
    }
    if (f.doc.contains("settings")) read_settings(ctx, f.doc["settings"], pack.settings);
    if (const json* ws = obj.get("workshops", Need::Optional, json::value_t::array, "a list of workshops");
        ws && ws->size() > static_cast<std::size_t>(kMaxWorkshopsPerPack)) {
        ctx.error("/workshops", "the pack has " + std::to_string(ws->size()) + " workshops, more than the limit of " +
                                    std::to_string(kMaxWorkshopsPerPack) + "; split it into several packs");
    } else if (ws) {
        std::map<std::string, std::size_t> seen;
        for (std::size_t i = 0; i < ws->size() && !ctx.full(); ++i) {
            const std::string ptr = child_pointer("/workshops", i);
            std::vector<std::string> ptrs;
            auto w = read_workshop(ctx, (*ws)[i], ptr, pack.id, ptrs);
            if (!w) continue;
            ref_pointers.push_back(std::move(ptrs));
            if (!w->id.empty()) {
                auto [it, fresh] = seen.emplace(w->id, i);
                if (!fresh)
                    ctx.error(ptr + "/id", "workshop id \"" + w->id + "\" is already used by /workshops/" +
                                               std::to_string(it->second) + "; workshop ids must be unique");
            }
            pack.workshops.push_back(std::move(*w));
        }
    }
    obj.finish();
    return pack;
}

// Sorts one file's diagnostics into reading order (file-level ones first, "too many" last).
void sort_file_diagnostics(std::vector<Diagnostic>& diags, std::size_t first) {
    auto key = [](const Diagnostic& d) {
        if (d.message == kTooManyMessage) return std::pair(INT32_MAX, 0);
        return std::pair(d.line, d.column);
    };
    std::stable_sort(diags.begin() + static_cast<std::ptrdiff_t>(first), diags.end(),
                     [&key](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

// Parses, validates and locates one JSON file; `read` does the validation on the parsed document.
template <typename Read>
void process_file(const fs::path& path, const std::string& shown, std::vector<Diagnostic>& diags, Read&& read,
                  std::string* keep_text = nullptr) {
    const std::size_t first = diags.size();
    FileContext ctx(shown, diags);
    auto f = read_json_file(path, ctx);
    if (!f) return;
    read(ctx, *f);
    std::vector<JsonScan::DuplicateKey> dups;
    locate_in_text(f->text, diags, first, &dups);
    for (const auto& d : dups) {
        const std::string key = d.pointer.substr(d.pointer.rfind('/') + 1);
        ctx.warning_at(d.offset, f->text, d.pointer,
                       "the field " + quote_for_message(key) + " appears twice in this object; only the last one is used");
    }
    sort_file_diagnostics(diags, first);
    if (keep_text) *keep_text = std::move(f->text);
}

std::string shown_path(const fs::path& p) { return p.lexically_normal().generic_string(); }

}  // namespace

// [SECTION] load_pack

PackLoadResult load_pack(const fs::path& dir) { return load_pack(dir, LoadOptions{}); }

PackLoadResult load_pack(const fs::path& dir, const LoadOptions& options) {
    PackLoadResult result;
    auto& diags = result.diagnostics;
    PackState st;
    st.options = &options;
    st.shown = dir;
    const std::string pack_json_shown = shown_path(dir / "pack.json");
    std::error_code ec;
    st.dir = fs::canonical(dir, ec);
    if (ec || !fs::is_directory(st.dir, ec)) {
        diags.push_back({Diagnostic::Severity::Error, shown_path(dir), "", 0, 0,
                         "the pack folder does not exist or cannot be opened"});
        return result;
    }
    const fs::path pack_json = st.dir / "pack.json";
    if (!fs::exists(fs::symlink_status(pack_json, ec))) {
        diags.push_back({Diagnostic::Severity::Error, pack_json_shown, "", 0, 0,
                         "no pack.json here; every pack folder needs one (see content/FORMAT.md)"});
        return result;
    }
    if (std::string where = check_real_location(st.dir, pack_json); !where.empty()) {
        diags.push_back({Diagnostic::Severity::Error, pack_json_shown, "", 0, 0, where});
        return result;
    }

    std::optional<Pack> pack;
    std::string pack_text;
    std::vector<std::vector<std::string>> ref_pointers;
    process_file(pack_json, pack_json_shown, diags,
                 [&](FileContext& ctx, const JsonFile& f) { pack = read_pack_json(ctx, f, result.pack_id, ref_pointers); },
                 &pack_text);
    if (!pack) return result;
    pack->dir = st.dir;

    // Modules: every .json file in modules/, in name order.
    const fs::path modules_dir = st.dir / "modules";
    std::vector<std::pair<fs::path, bool>> files;  // path, and whether it may not be where it seems
    if (fs::is_directory(modules_dir, ec)) {
        // The listing says which entries are symbolic links; only those (or all, when modules/ is a
        // link itself) need their real location resolved.
        const bool modules_dir_is_link = fs::is_symlink(fs::symlink_status(modules_dir, ec));
        for (fs::directory_iterator it(modules_dir, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::path p = it->path();
            const std::string name = p.filename().string();
            if (name.empty() || name.front() == '.') continue;
            std::error_code link_ec;
            const bool maybe_elsewhere = modules_dir_is_link || it->is_symlink(link_ec) || link_ec;
            if (p.extension() == ".json") files.emplace_back(p, maybe_elsewhere);
            else
                diags.push_back({Diagnostic::Severity::Warning, shown_path(dir / "modules" / name), "", 0, 0,
                                 "ignored: only .json files in modules/ are read"});
        }
        std::sort(files.begin(), files.end());
    }
    for (const auto& entry : files) {
        const fs::path& p = entry.first;  // not a structured binding: clang 14 cannot capture those
        const bool maybe_elsewhere = entry.second;
        const std::string shown = shown_path(dir / "modules" / p.filename());
        if (std::string where = maybe_elsewhere ? check_real_location(st.dir, p) : std::string(); !where.empty()) {
            diags.push_back({Diagnostic::Severity::Error, shown, "", 0, 0, where});
            continue;
        }
        process_file(p, shown, diags, [&](FileContext& ctx, const JsonFile& f) {
            if (auto m = read_module(ctx, st, f, p)) {
                m->pack_id = pack->id;
                pack->modules.push_back(std::move(*m));
            }
        });
    }

    // Workshop references to this pack's own modules.
    {
        const std::size_t first = diags.size();
        FileContext ctx(pack_json_shown, diags);
        std::vector<std::string_view> ids;
        for (const Module& m : pack->modules) ids.push_back(m.id);
        for (std::size_t w = 0; w < pack->workshops.size() && !ctx.full(); ++w) {
            const auto& refs = pack->workshops[w].module_refs;
            for (std::size_t i = 0; i < refs.size() && !ctx.full(); ++i) {
                if (refs[i].find('/') != std::string::npos) continue;  // another pack's: checked by load_library
                if (st.module_files.count(refs[i])) continue;
                std::string msg = "no module with id " + quote_for_message(refs[i]) + " in this pack";
                if (auto near = closest_match(refs[i], ids)) msg += " (did you mean \"" + *near + "\"?)";
                msg += "; check the module's \"id\" in modules/, or write \"pack-id/module-id\" for another pack's module";
                ctx.error(ref_pointers[w][i], msg);
            }
        }
        locate_in_text(pack_text, diags, first, nullptr);
    }

    if (count_errors(diags) == 0) result.pack = std::move(pack);
    return result;
}

// [SECTION] load_library

const Pack* Library::find_pack(const std::string& id) const {
    for (const Pack& p : packs)
        if (p.id == id) return &p;
    return nullptr;
}

const Module* Library::find_module(const std::string& ref, const std::string& from_pack) const {
    auto [pack_id, module_id] = split_ref(ref);
    const Pack* p = find_pack(pack_id.empty() ? from_pack : pack_id);
    if (!p) return nullptr;
    for (const Module& m : p->modules)
        if (m.id == module_id) return &m;
    return nullptr;
}

const ResolvedWorkshop* Library::find_workshop(const std::string& id) const {
    for (const ResolvedWorkshop& w : workshops)
        if (w.def->id == id) return &w;
    return nullptr;
}

namespace {

// Where a workshop is defined, for messages about it.
Diagnostic workshop_diag(const Pack& pack, std::size_t index, std::string suffix, std::string message,
                         Diagnostic::Severity severity = Diagnostic::Severity::Error) {
    return {severity, shown_path(pack.dir / "pack.json"), "/workshops/" + std::to_string(index) + suffix, 0, 0,
            std::move(message)};
}

// Pre/post pairing in one workshop (content/FORMAT.md, "poll"): returns diagnostics; sets `paired`.
std::vector<Diagnostic> check_pairs(const WorkshopDef& w, const std::vector<const Module*>& modules, bool& paired) {
    struct Seen {
        const Step* pre = nullptr;
        const Step* post = nullptr;
    };
    std::map<std::string, Seen> measures;
    std::vector<Diagnostic> out;
    auto diag = [&](const Step& s, std::string msg, Diagnostic::Severity sev = Diagnostic::Severity::Error) {
        if (out.size() < static_cast<std::size_t>(kMaxDiagnosticsPerFile))
            out.push_back({sev, s.source_file, s.source_pointer, 0, 0, std::move(msg)});
    };
    auto where = [](const Step& s) { return s.source_file + " " + s.source_pointer; };
    auto same_options = [](const PollDef& a, const PollDef& b) {
        if (a.options.size() != b.options.size()) return false;
        for (std::size_t i = 0; i < a.options.size(); ++i)
            if (a.options[i].id != b.options[i].id || a.options[i].label != b.options[i].label) return false;
        return true;
    };
    paired = false;
    for (const Module* m : modules) {
        for (const Step& s : m->steps) {
            if (s.type != StepType::Poll || !s.poll || s.poll->phase == PollPhase::None) continue;
            const PollDef& p = *s.poll;
            Seen& seen = measures[p.measure];
            const std::string in_w = " in workshop \"" + w.id + "\"";
            if (p.phase == PollPhase::Pre) {
                if (seen.pre) {
                    diag(s, "measure \"" + p.measure + "\" already has a pre poll" + in_w + " (poll \"" +
                                seen.pre->poll->id + "\" at " + where(*seen.pre) + "); keep only one pre poll per measure");
                } else if (seen.post) {
                    diag(s, "the pre poll for measure \"" + p.measure + "\" comes after its post poll" + in_w +
                                "; put the pre poll first");
                } else {
                    seen.pre = &s;
                }
                continue;
            }
            if (seen.post) {
                diag(s, "measure \"" + p.measure + "\" already has a post poll" + in_w + " (poll \"" +
                            seen.post->poll->id + "\" at " + where(*seen.post) + "); keep only one post poll per measure");
                continue;
            }
            seen.post = &s;
            if (!seen.pre) {
                diag(s, "post poll \"" + p.id + "\" has no pre poll for measure \"" + p.measure + "\" earlier" + in_w +
                            "; add a poll with \"measure\": \"" + p.measure +
                            "\" and \"phase\": \"pre\" before it, or remove \"phase\"");
                continue;
            }
            const PollDef& pre = *seen.pre->poll;
            if (pre.kind != p.kind) {
                diag(s, "post poll \"" + p.id + "\" is a " + to_string(p.kind) + " poll but its pre poll \"" + pre.id +
                            "\" is a " + to_string(pre.kind) + " poll; paired polls must be the same kind");
            } else if (!same_options(pre, p)) {
                diag(s, "post poll \"" + p.id + "\" has different options from its pre poll \"" + pre.id +
                            "\"; paired polls need the same option ids and labels, in the same order");
            } else {
                paired = true;
            }
        }
    }
    for (const auto& [measure, seen] : measures) {
        if (seen.pre && !seen.post)
            diag(*seen.pre,
                 "pre poll \"" + seen.pre->poll->id + "\" for measure \"" + measure + "\" has no post poll in workshop \"" +
                     w.id + "\", so \"What changed today\" cannot show it",
                 Diagnostic::Severity::Warning);
    }
    return out;
}

PackProblem& problem_for(Library& lib, const Pack& pack) {
    for (PackProblem& p : lib.problems)
        if (p.dir == pack.dir && p.pack_id == pack.id) return p;
    lib.problems.push_back({pack.dir, pack.id, {}});
    return lib.problems.back();
}

}  // namespace

Library load_library(const std::vector<fs::path>& roots) { return load_library(roots, LoadOptions{}); }

Library load_library(const std::vector<fs::path>& roots, const LoadOptions& options) {
    Library lib;
    std::set<std::string> broken_ids;
    struct Loaded {
        fs::path dir;
        std::size_t root = 0;
    };
    std::map<std::string, Loaded> loaded_dirs;  // pack id -> folder and the root it came from
    std::set<fs::path> seen_dirs;              // the same folder reached twice is loaded once
    std::size_t root_index = 0;

    auto load_one = [&](const fs::path& dir) {
        std::error_code canon_ec;
        const fs::path canon_dir = fs::weakly_canonical(dir, canon_ec);
        if (!seen_dirs.insert(canon_ec ? dir : canon_dir).second) return;
        PackLoadResult r = load_pack(dir, options);
        if (r.ok()) {
            auto it = loaded_dirs.find(r.pack->id);
            if (it != loaded_dirs.end() && it->second.root != root_index) {
                // A later root (for example --content while editing) replaces an earlier copy, such as
                // one installed in the per-user folder. Say so, so nobody wonders which copy is shown.
                Diagnostic d{Diagnostic::Severity::Warning, shown_path(dir / "pack.json"), "/id", 0, 0,
                             "this copy of pack \"" + r.pack->id + "\" replaces the one in " +
                                 sanitize_for_message(it->second.dir.string())};
                std::vector<Diagnostic> one{d};
                fill_positions(one);
                lib.diagnostics.push_back(one.front());
                lib.diagnostics.insert(lib.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
                for (Pack& p : lib.packs)
                    if (p.id == r.pack->id) p = std::move(*r.pack);
                it->second = Loaded{dir, root_index};
                return;
            }
            if (it != loaded_dirs.end()) {
                Diagnostic d{Diagnostic::Severity::Error, shown_path(dir / "pack.json"), "/id", 0, 0,
                             "pack id \"" + r.pack->id + "\" is already used by the pack in " +
                                 sanitize_for_message(it->second.dir.string()) +
                                 "; this copy is skipped (remove one copy or give this pack its own id)"};
                std::vector<Diagnostic> one{d};
                fill_positions(one);
                r.diagnostics.insert(r.diagnostics.begin(), one.front());
                lib.diagnostics.insert(lib.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
                lib.problems.push_back({r.pack->dir, r.pack->id, std::move(r.diagnostics)});
                return;
            }
            loaded_dirs.emplace(r.pack->id, Loaded{r.pack->dir, root_index});
            lib.diagnostics.insert(lib.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
            lib.packs.push_back(std::move(*r.pack));
            return;
        }
        if (!r.pack_id.empty()) broken_ids.insert(r.pack_id);
        lib.diagnostics.insert(lib.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
        std::error_code ec;
        fs::path canon = fs::weakly_canonical(dir, ec);
        lib.problems.push_back({ec ? dir : canon, r.pack_id, std::move(r.diagnostics)});
    };

    for (std::size_t ri = 0; ri < roots.size(); ++ri) {
        const fs::path& root = roots[ri];
        root_index = ri;
        std::error_code ec;
        if (!fs::exists(root, ec)) continue;
        if (!fs::is_directory(root, ec)) {
            Diagnostic d{Diagnostic::Severity::Error, shown_path(root), "", 0, 0,
                         "not a folder; give a pack folder or a folder of packs"};
            lib.diagnostics.push_back(d);
            lib.problems.push_back({root, "", {d}});
            continue;
        }
        if (fs::exists(fs::symlink_status(root / "pack.json", ec))) {
            load_one(root);
            continue;
        }
        std::vector<fs::path> dirs;
        for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (name.empty() || name.front() == '.' || !it->is_directory(ec)) continue;
            dirs.push_back(it->path());
        }
        std::sort(dirs.begin(), dirs.end());
        for (const fs::path& d : dirs) {
            if (fs::exists(fs::symlink_status(d / "pack.json", ec))) load_one(d);
            else
                lib.diagnostics.push_back({Diagnostic::Severity::Warning, shown_path(d), "", 0, 0,
                                           "this folder has no pack.json, so it is not a pack; skipped"});
        }
    }

    // Packs (and so their workshops on the title screen) in the order their settings ask for, then by
    // load order. Sorted before any pointer into lib.packs is taken.
    std::stable_sort(lib.packs.begin(), lib.packs.end(),
                     [](const Pack& a, const Pack& b) { return a.settings.list_order < b.settings.list_order; });

    // Resolve workshops now that every pack is in place (pointers into lib.packs stay valid).
    std::set<std::string> workshop_ids;
    std::map<std::pair<std::string_view, std::string_view>, const Module*> module_index;
    std::vector<std::string_view> pack_ids;
    for (const Pack& p : lib.packs) {
        pack_ids.push_back(p.id);
        for (const Module& m : p.modules) module_index.emplace(std::pair<std::string_view, std::string_view>(p.id, m.id), &m);
    }
    for (const Pack& pack : lib.packs) {
        for (std::size_t wi = 0; wi < pack.workshops.size(); ++wi) {
            const WorkshopDef& w = pack.workshops[wi];
            std::vector<Diagnostic> errors;
            ResolvedWorkshop rw;
            rw.def = &w;
            for (std::size_t i = 0; i < w.module_refs.size(); ++i) {
                const std::string& ref = w.module_refs[i];
                auto [pid, mid] = split_ref(ref);
                if (pid.empty()) pid = pack.id;
                auto found = module_index.find({pid, mid});
                if (found != module_index.end()) {
                    rw.modules.push_back(found->second);
                    continue;
                }
                if (errors.size() >= static_cast<std::size_t>(kMaxDiagnosticsPerFile)) continue;
                std::string msg;
                if (const Pack* other = lib.find_pack(pid)) {
                    std::vector<std::string_view> ids;
                    for (const Module& om : other->modules) ids.push_back(om.id);
                    msg = "pack \"" + pid + "\" has no module \"" + mid + "\"";
                    if (auto near = closest_match(mid, ids)) msg += " (did you mean \"" + pid + "/" + *near + "\"?)";
                } else if (broken_ids.count(pid)) {
                    msg = "pack \"" + pid + "\" has errors and was not loaded; fix that pack first";
                } else {
                    msg = "no loaded pack has the id \"" + pid + "\"";
                    if (auto near = closest_match(pid, pack_ids)) msg += " (did you mean \"" + *near + "\"?)";
                    msg += "; check the spelling, or add that pack to the content folder";
                }
                errors.push_back(workshop_diag(pack, wi, "/modules/" + std::to_string(i),
                                               msg + "; workshop \"" + w.id + "\" is not available until this is fixed"));
            }
            if (!workshop_ids.insert(w.id).second)
                errors.push_back(workshop_diag(pack, wi, "/id",
                                               "workshop id \"" + w.id +
                                                   "\" is already used by another loaded pack; this workshop is skipped"));
            if (errors.empty()) {
                std::vector<Diagnostic> pair_diags = check_pairs(w, rw.modules, rw.has_pre_post_pairs);
                for (Diagnostic& d : pair_diags) {
                    if (d.severity == Diagnostic::Severity::Error) errors.push_back(std::move(d));
                    else lib.diagnostics.push_back(std::move(d));
                }
                if (!errors.empty()) {
                    // The pair problems sit in the polls' own files, which may belong to another pack (a
                    // bundled one an editor is not looking at): the workshop's own message names the first.
                    const Diagnostic& first = errors.front();
                    const std::size_t n = errors.size();
                    errors.push_back(workshop_diag(
                        pack, wi, "",
                        "workshop \"" + w.id + "\" is not available until its poll pairs are fixed (" +
                            (n == 1 ? std::string("1 problem") : std::to_string(n) + " problems, the first") + ": " +
                            first.message + ", in " + first.file + ")"));
                }
            }
            if (errors.empty()) {
                lib.workshops.push_back(std::move(rw));
                continue;
            }
            fill_positions(errors);
            PackProblem& prob = problem_for(lib, pack);
            prob.diagnostics.insert(prob.diagnostics.end(), errors.begin(), errors.end());
            lib.diagnostics.insert(lib.diagnostics.end(), errors.begin(), errors.end());
        }
    }
    fill_positions(lib.diagnostics);
    return lib;
}

}  // namespace upstander
