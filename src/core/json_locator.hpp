#pragma once
// Helpers that relate JSON text to places an editor can find: byte offsets to line:column, JSON
// pointers to the byte offset of their value, and a nesting-depth check that runs before parsing.
// nlohmann/json keeps no source positions, so for semantic errors in valid JSON we scan the text
// once more and record the offsets of just the pointers we need.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace upstander {

struct TextPosition {
    int line = 0;    // 1-based
    int column = 0;  // 1-based, counted in Unicode code points (what editors show)
};

// Line and column of a byte offset (clamped to the text's end).
TextPosition position_of_offset(std::string_view text, std::size_t offset);

// The offset of the first bracket that opens nesting level max_depth + 1, or nullopt when the text
// nests at most max_depth levels. Works on any text (valid JSON or not) and never recurses.
std::optional<std::size_t> find_excess_depth(std::string_view text, int max_depth);

// RFC 6901: "~" -> "~0", "/" -> "~1".
std::string escape_pointer_token(std::string_view token);
std::string child_pointer(std::string_view parent, std::string_view key);
std::string child_pointer(std::string_view parent, std::size_t index);
// "/a/b/0" -> "/a/b"; "" -> "".
std::string parent_pointer(std::string_view pointer);

struct JsonScan {
    // Offset of the first character of each wanted pointer's value ("" is the whole document).
    std::unordered_map<std::string, std::size_t> offsets;
    struct DuplicateKey {
        std::string pointer;     // pointer of the later member (the one whose value is kept)
        std::size_t offset = 0;  // offset of that member's key
    };
    std::vector<DuplicateKey> duplicate_keys;
    bool complete = false;  // false: the text was not valid JSON and the scan stopped early
};

// Scans JSON text once. Records the offsets of the pointers in `wanted` (every value when
// `wanted` is null) and every object key that appears twice in the same object.
JsonScan scan_json(std::string_view text, const std::unordered_set<std::string>* wanted);

// Replaces bytes that are not valid UTF-8 with '?' and control characters with spaces,
// so that file contents quoted in messages are safe to print.
std::string sanitize_for_message(std::string_view text);

// `"text"` for a message: sanitized and shortened to at most max_chars code points.
std::string quote_for_message(std::string_view text, std::size_t max_chars = 60);

}  // namespace upstander
