#pragma once
// The one JSON reader of core: reading a JSON file safely (size and depth limits, no blocking on a
// FIFO), the diagnostics it reports (file, JSON pointer, line and column, plain words), and
// ObjectReader, which reads the fields of one object and reports wrong types, missing required
// fields, values out of range and unknown fields. Packs, the config file and session files all go
// through it, so a mistake is worded the same way wherever it is made.

#include "enum_names.hpp"
#include "error.hpp"
#include "json_locator.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace upstander {

// [SECTION] Diagnostics
struct Diagnostic {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string file;     // path as the user would recognise it (absolute or as given)
    std::string pointer;  // RFC 6901 JSON pointer inside `file`, empty when not applicable
    int line = 0;         // 1-based, 0 when unknown
    int column = 0;       // 1-based, 0 when unknown
    std::string message;  // plain words: what is wrong and what to do about it
};

// "file:line:column: error: /pointer: message" (omitting parts that are unknown).
std::string format_diagnostic(const Diagnostic& d);

// Fills line and column of diagnostics that have a file and pointer but no position yet, by reading
// each file once (files over the size limit are left alone). Used for checks made after loading.
void fill_positions(std::vector<Diagnostic>& diagnostics);

std::size_t count_errors(const std::vector<Diagnostic>& diagnostics);

// A path as messages show it: lexically normal, with forward slashes.
std::string shown_path(const std::filesystem::path& p);

// [SECTION] Limits
inline constexpr std::uintmax_t kMaxJsonFileBytes = 8u * 1024u * 1024u;
inline constexpr int kMaxJsonDepth = 64;
// Most diagnostics one file can produce; the rest are summarised in one last message.
inline constexpr int kMaxDiagnosticsPerFile = 200;

// [SECTION] Reading files
// Reads a whole regular file of at most `max_bytes`. Opens with O_NONBLOCK and checks the open file
// with fstat, so a FIFO or device never blocks; the error says what to do.
Result<std::string> read_small_file(const std::filesystem::path& path, std::uintmax_t max_bytes = kMaxJsonFileBytes);

// [SECTION] Per-file diagnostics sink
inline constexpr const char* kTooManyMessage = "too many problems in this file; fix the ones above and validate again";

class FileContext {
public:
    FileContext(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}

    const std::string& file() const { return file_; }
    std::vector<Diagnostic>& out() { return out_; }

    void error(std::string pointer, std::string message) { add(Diagnostic::Severity::Error, std::move(pointer), std::move(message)); }
    void warning(std::string pointer, std::string message) {
        add(Diagnostic::Severity::Warning, std::move(pointer), std::move(message));
    }
    void error_at(std::size_t offset, std::string_view text, std::string pointer, std::string message);
    void warning_at(std::size_t offset, std::string_view text, std::string pointer, std::string message);
    int errors() const { return errors_; }
    // True once the file has more problems than are listed: it cannot load, so stop checking it
    // (this also bounds the work done on hostile files).
    bool full() const { return count_ > kMaxDiagnosticsPerFile; }

private:
    void add(Diagnostic::Severity severity, std::string pointer, std::string message);
    void set_position(std::size_t offset, std::string_view text);

    std::string file_;
    std::vector<Diagnostic>& out_;
    int count_ = 0;
    int errors_ = 0;
    bool last_added_ = false;
};

// [SECTION] Parsing
struct JsonFile {
    std::string text;
    nlohmann::json doc;
};

// Parses JSON text (depth-checked first). On failure reports one error with the line and column and
// a hint (a missing comma, curly quotes) and returns nullopt.
std::optional<JsonFile> parse_json_text(std::string text, FileContext& ctx);
// read_small_file, then parse_json_text.
std::optional<JsonFile> read_json_file(const std::filesystem::path& path, FileContext& ctx);

// Gives the diagnostics out()[first...] that have a pointer and no position the line and column of
// that pointer in `text` (or of its nearest parent that exists). With `duplicates`, also returns the
// keys that appear twice in one object.
void locate_in_text(std::string_view text, std::vector<Diagnostic>& diags, std::size_t first,
                    std::vector<JsonScan::DuplicateKey>* duplicates);

// After a parsed file has been checked: positions, a warning per duplicate key, reading order.
void finish_file(FileContext& ctx, std::string_view text, std::size_t first);

// Parses, checks and locates one JSON file; `read(ctx, file)` checks the parsed document.
template <typename Read>
void process_file(const std::filesystem::path& path, const std::string& shown, std::vector<Diagnostic>& diags,
                  Read&& read, std::string* keep_text = nullptr) {
    const std::size_t first = diags.size();
    FileContext ctx(shown, diags);
    auto f = read_json_file(path, ctx);
    if (!f) return;
    read(ctx, *f);
    finish_file(ctx, f->text, first);
    if (keep_text) *keep_text = std::move(f->text);
}

// The same for text already in memory. Returns false when the text is not JSON at all (one error).
template <typename Read>
bool process_text(std::string text, const std::string& shown, std::vector<Diagnostic>& diags, Read&& read) {
    const std::size_t first = diags.size();
    FileContext ctx(shown, diags);
    auto f = parse_json_text(std::move(text), ctx);
    if (!f) return false;
    read(ctx, *f);
    finish_file(ctx, f->text, first);
    return true;
}

// [SECTION] Field readers
// "a string", "a list", ... for "expected X, found Y".
const char* kind_of(const nlohmann::json& j);
// "a, b, c"
std::string join_plain(const std::vector<std::string_view>& items);
bool is_blank(std::string_view s);

enum class Need { Optional, Required };

// Reads the fields of one JSON object, reporting wrong types, missing required fields and
// unknown fields (with the closest known name as a suggestion).
class ObjectReader {
public:
    ObjectReader(FileContext& ctx, const nlohmann::json& j, std::string pointer, std::vector<std::string_view> known)
        : ctx_(ctx), j_(j), pointer_(std::move(pointer)), known_(std::move(known)) {}

    // A field set to null reads as absent (the config file and session files use null for "not set").
    ObjectReader& null_is_absent() {
        null_is_absent_ = true;
        return *this;
    }

    const std::string& pointer() const { return pointer_; }
    std::string at(std::string_view key) const { return child_pointer(pointer_, key); }
    bool has(std::string_view key) const;

    // The field when it has `type` (number_float accepts any number, number_integer any whole
    // number type), else nullptr after reporting it (missing and required, or of the wrong type).
    const nlohmann::json* get(std::string_view key, Need need, nlohmann::json::value_t type, const char* expected);

    std::optional<std::string> string(std::string_view key, Need need, bool allow_empty = false);
    std::optional<bool> boolean(std::string_view key);
    // Any JSON number from min to max; `whole` also requires a whole value (1.0 is accepted).
    std::optional<double> number(std::string_view key, Need need, double min, double max, bool whole);
    std::optional<int> integer(std::string_view key, Need need, int min, int max);
    // A number written without a fraction or exponent, from min to max, read exactly (counts).
    std::optional<long long> whole_number(std::string_view key, Need need, long long min, long long max);
    // One of `values`; otherwise an error naming the closest and listing all of them.
    std::optional<std::string> choice(std::string_view key, Need need, const std::vector<std::string_view>& values,
                                      const char* what);
    // One of the names of enum E (enum_names.hpp), reported like choice() otherwise.
    template <typename E>
    std::optional<E> enumeration(std::string_view key, Need need, const char* what) {
        auto s = choice(key, need, enum_names<E>(), what);
        if (!s) return std::nullopt;
        return parse_enum<E>(*s);
    }
    std::optional<std::string> id(std::string_view key, Need need);

    // Warns about fields that are not in the known list.
    void finish();

private:
    FileContext& ctx_;
    const nlohmann::json& j_;
    std::string pointer_;
    std::vector<std::string_view> known_;
    bool null_is_absent_ = false;
};

// The same checks for a value that is not a field of an object (an item of a list, the document).
// Reports "expected an object ..., found ..." at `pointer` and returns false when `j` is no object.
bool expect_object(FileContext& ctx, const nlohmann::json& j, const std::string& pointer, const char* expected);

}  // namespace upstander
