#include "json_reader.hpp"

#include "identifiers.hpp"
#include "platform_files.hpp"
#include "suggest.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_set>


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

std::string shown_path(const fs::path& p) { return p.lexically_normal().generic_string(); }

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

// [SECTION] Reading files

// One open, one fstat and the reads (packs have hundreds of small files, so this runs often).
Result<std::string> read_small_file(const fs::path& path, std::uintmax_t max_bytes) {
    NativeReadFile f;
    if (const std::error_code ec = f.open(path, true)) {
        if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted)
            return Error{"cannot open the file for reading; check its permissions"};
        return Error{"not a regular file"};
    }
    auto too_big = [max_bytes](double mib) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "the file is %.1f MiB, over the %g MiB limit; split it into smaller files", mib,
                      static_cast<double>(max_bytes) / (1024.0 * 1024.0));
        return Error{buf};
    };
    const auto size = static_cast<std::uintmax_t>(f.size());
    if (size > max_bytes) return too_big(static_cast<double>(size) / (1024.0 * 1024.0));
    // One byte more than the size tells whether the file grew since fstat (that is reported as too
    // big, so nothing past the limit is ever read).
    std::string text(static_cast<std::size_t>(size) + 1, '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        std::size_t n = 0;
        if (const std::error_code ec = f.read(text.data() + got, text.size() - got, n))
            return Error{"cannot read the file (" + ec.message() + ")"};
        if (n == 0) break;
        got += n;
    }
    if (got > size) return too_big(static_cast<double>(max_bytes + 1) / (1024.0 * 1024.0));
    text.resize(got);
    return text;
}

void fill_positions(std::vector<Diagnostic>& diagnostics) {
    std::map<std::string, std::vector<std::size_t>> by_file;
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        if (d.line == 0 && !d.pointer.empty() && !d.file.empty()) by_file[d.file].push_back(i);
    }
    for (const auto& [file, indices] : by_file) {
        auto text = read_small_file(file);
        if (!text || find_excess_depth(*text, kMaxJsonDepth)) continue;
        std::vector<Diagnostic> subset;
        for (std::size_t i : indices) subset.push_back(diagnostics[i]);
        locate_in_text(*text, subset, 0, nullptr);
        for (std::size_t k = 0; k < indices.size(); ++k) diagnostics[indices[k]] = subset[k];
    }
}

// [SECTION] Per-file diagnostics sink

void FileContext::error_at(std::size_t offset, std::string_view text, std::string pointer, std::string message) {
    add(Diagnostic::Severity::Error, std::move(pointer), std::move(message));
    set_position(offset, text);
}

void FileContext::warning_at(std::size_t offset, std::string_view text, std::string pointer, std::string message) {
    add(Diagnostic::Severity::Warning, std::move(pointer), std::move(message));
    set_position(offset, text);
}

void FileContext::add(Diagnostic::Severity severity, std::string pointer, std::string message) {
    if (severity == Diagnostic::Severity::Error) ++errors_;
    ++count_;
    last_added_ = false;
    if (count_ > kMaxDiagnosticsPerFile) {
        if (count_ == kMaxDiagnosticsPerFile + 1) out_.push_back({Diagnostic::Severity::Error, file_, "", 0, 0, kTooManyMessage});
        return;
    }
    out_.push_back({severity, file_, std::move(pointer), 0, 0, std::move(message)});
    last_added_ = true;
}

void FileContext::set_position(std::size_t offset, std::string_view text) {
    if (!last_added_) return;
    const TextPosition pos = position_of_offset(text, offset);
    out_.back().line = pos.line;
    out_.back().column = pos.column;
}

// [SECTION] Parsing

namespace {

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

// Sorts one file's diagnostics into reading order (file-level ones first, "too many" last).
void sort_file_diagnostics(std::vector<Diagnostic>& diags, std::size_t first) {
    auto key = [](const Diagnostic& d) {
        if (d.message == kTooManyMessage) return std::pair(INT32_MAX, 0);
        return std::pair(d.line, d.column);
    };
    std::stable_sort(diags.begin() + static_cast<std::ptrdiff_t>(first), diags.end(),
                     [&key](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

}  // namespace

std::optional<JsonFile> parse_json_text(std::string text, FileContext& ctx) {
    if (auto deep = find_excess_depth(text, kMaxJsonDepth)) {
        ctx.error_at(*deep, text, "",
                     "nesting is deeper than " + std::to_string(kMaxJsonDepth) +
                         " levels; content files never need this much, so check for stray brackets");
        return std::nullopt;
    }
    JsonFile f;
    try {
        f.doc = json::parse(text);
    } catch (const json::parse_error& e) {
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        const std::string hint =
            curly_quote_near(text, offset)
                ? " (names and text must be in straight double quotes \"like this\", not curly quotes \u201Clike this\u201D; "
                  "a word processor puts curly ones in, so edit the file in a text editor)"
                : " (look for a missing or extra comma, quote, colon or bracket here or just before)";
        ctx.error_at(offset, text, "", "invalid JSON: " + clean_parse_message(e.what()) + hint);
        return std::nullopt;
    } catch (const json::exception& e) {  // out_of_range for a number too big to hold
        ctx.error("", "invalid JSON: " + clean_parse_message(e.what()));
        return std::nullopt;
    }
    f.text = std::move(text);
    return f;
}

std::optional<JsonFile> read_json_file(const fs::path& path, FileContext& ctx) {
    auto text = read_small_file(path);
    if (!text) {
        ctx.error("", text.message());
        return std::nullopt;
    }
    return parse_json_text(std::move(*text), ctx);
}

void finish_file(FileContext& ctx, std::string_view text, std::size_t first) {
    std::vector<JsonScan::DuplicateKey> dups;
    locate_in_text(text, ctx.out(), first, &dups);
    for (const auto& d : dups) {
        const std::string key = d.pointer.substr(d.pointer.rfind('/') + 1);
        ctx.warning_at(d.offset, text, d.pointer,
                       "the field " + quote_for_message(key) + " appears twice in this object; only the last one is used");
    }
    sort_file_diagnostics(ctx.out(), first);
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

bool ObjectReader::has(std::string_view key) const {
    auto it = j_.find(key);
    return it != j_.end() && !(null_is_absent_ && it->is_null());
}

const json* ObjectReader::get(std::string_view key, Need need, json::value_t type, const char* expected) {
    auto it = j_.find(key);
    if (it == j_.end() || (null_is_absent_ && it->is_null())) {
        if (need == Need::Required)
            ctx_.error(at(key), "missing required field \"" + std::string(key) + "\" (" + expected + ")");
        return nullptr;
    }
    bool ok = it->type() == type;
    if (type == json::value_t::number_float) ok = it->is_number();
    if (type == json::value_t::number_integer) ok = it->is_number_integer();
    if (!ok) {
        ctx_.error(at(key), std::string("expected ") + expected + ", found " + kind_of(*it));
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> ObjectReader::string(std::string_view key, Need need, bool allow_empty) {
    const json* v = get(key, need, json::value_t::string, "a string");
    if (!v) return std::nullopt;
    const auto& s = v->get_ref<const std::string&>();
    if (!allow_empty && is_blank(s)) {
        ctx_.error(at(key), "\"" + std::string(key) + "\" is empty; write some text or remove the field");
        return std::nullopt;
    }
    return s;
}

std::optional<bool> ObjectReader::boolean(std::string_view key) {
    const json* v = get(key, Need::Optional, json::value_t::boolean, "true or false");
    if (!v) return std::nullopt;
    return v->get<bool>();
}

std::optional<double> ObjectReader::number(std::string_view key, Need need, double min, double max, bool whole) {
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

std::optional<int> ObjectReader::integer(std::string_view key, Need need, int min, int max) {
    auto d = number(key, need, min, max, true);
    if (!d) return std::nullopt;
    return static_cast<int>(*d);
}

std::optional<long long> ObjectReader::whole_number(std::string_view key, Need need, long long min, long long max) {
    const json* v = get(key, need, json::value_t::number_integer, "a whole number");
    if (!v) return std::nullopt;
    const std::string range = std::to_string(min) + " to " + std::to_string(max);
    // nlohmann stores large positive numbers as unsigned, so both representations are compared
    // before converting.
    if (v->is_number_unsigned()) {
        const auto u = v->get<std::uint64_t>();
        if (max < 0 || u > static_cast<std::uint64_t>(max)) {
            ctx_.error(at(key), v->dump() + " is implausibly large; use a whole number from " + range);
            return std::nullopt;
        }
        if (min > 0 && u < static_cast<std::uint64_t>(min)) {
            ctx_.error(at(key), v->dump() + " is out of range; use a whole number from " + range);
            return std::nullopt;
        }
        return static_cast<long long>(u);
    }
    const auto s = v->get<std::int64_t>();
    if (s < min) {
        ctx_.error(at(key), v->dump() + (s < 0 && min == 0 ? " must not be negative" : " is out of range") +
                                "; use a whole number from " + range);
        return std::nullopt;
    }
    if (s > max) {
        ctx_.error(at(key), v->dump() + " is implausibly large; use a whole number from " + range);
        return std::nullopt;
    }
    return static_cast<long long>(s);
}

std::optional<std::string> ObjectReader::choice(std::string_view key, Need need, const std::vector<std::string_view>& values,
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

std::optional<std::string> ObjectReader::id(std::string_view key, Need need) {
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

void ObjectReader::finish() {
    for (auto it = j_.begin(); it != j_.end() && !ctx_.full(); ++it) {
        const std::string& key = it.key();
        if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
        std::string msg = "unknown field " + quote_for_message(key) + " is ignored";
        if (auto near = closest_match(key, known_)) msg += "; did you mean \"" + *near + "\"?";
        else msg += "; fields allowed here: " + join_plain(known_);
        ctx_.warning(at(key), msg);
    }
}

bool expect_object(FileContext& ctx, const json& j, const std::string& pointer, const char* expected) {
    if (j.is_object()) return true;
    ctx.error(pointer, std::string("expected ") + expected + ", found " + kind_of(j));
    return false;
}

}  // namespace upstander
