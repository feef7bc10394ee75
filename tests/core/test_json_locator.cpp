// JSON positions: offsets to line:column, the depth pre-check, pointer offsets and duplicate keys.

#include "core/json_locator.hpp"
#include "core/suggest.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace upstander;

TEST_CASE("byte offsets become 1-based lines and code-point columns", "[json-locator]") {
    const std::string text = "ab\ncd\n\xC3\xA9x";  // "é" is two bytes
    CHECK(position_of_offset(text, 0).line == 1);
    CHECK(position_of_offset(text, 0).column == 1);
    CHECK(position_of_offset(text, 1).column == 2);
    CHECK(position_of_offset(text, 3).line == 2);
    CHECK(position_of_offset(text, 3).column == 1);
    CHECK(position_of_offset(text, 8).line == 3);
    CHECK(position_of_offset(text, 8).column == 2);  // "x" after one code point
    CHECK(position_of_offset(text, 999).line == 3);  // clamped to the end
    CHECK(position_of_offset("", 0).line == 1);
}

TEST_CASE("the depth check counts brackets outside strings only", "[json-locator]") {
    CHECK_FALSE(find_excess_depth("[[[]]]", 3).has_value());
    REQUIRE(find_excess_depth("[[[[]]]]", 3).has_value());
    CHECK(*find_excess_depth("[[[[]]]]", 3) == 3);
    CHECK_FALSE(find_excess_depth(R"(["[[[[", "\"[[[["])", 1).has_value());
    CHECK_FALSE(find_excess_depth("]]]]][", 1).has_value());  // stray closers never go negative
    CHECK(find_excess_depth("{\"a\": {\"b\": [", 2) == std::optional<std::size_t>(12));
    // Very deep input is checked without recursion.
    const std::string deep(100000, '[');
    CHECK(find_excess_depth(deep, 64) == std::optional<std::size_t>(64));
}

TEST_CASE("pointer helpers escape per RFC 6901", "[json-locator]") {
    CHECK(escape_pointer_token("a/b~c") == "a~1b~0c");
    CHECK(child_pointer("", "steps") == "/steps");
    CHECK(child_pointer("/steps", 3) == "/steps/3");
    CHECK(parent_pointer("/steps/3/type") == "/steps/3");
    CHECK(parent_pointer("/steps") == "");
    CHECK(parent_pointer("") == "");
}

TEST_CASE("scan_json finds the offset of every value", "[json-locator]") {
    const std::string text = "{\n  \"a\": 1,\n  \"b\": [true, {\"c\": \"x\"}],\n  \"d/e\": null, \"\\u00e9\": {}\n}";
    const JsonScan s = scan_json(text, nullptr);
    CHECK(s.complete);
    CHECK(s.offsets.at("") == 0);
    CHECK(s.offsets.at("/a") == text.find('1'));
    CHECK(s.offsets.at("/b") == text.find('['));
    CHECK(s.offsets.at("/b/0") == text.find("true"));
    CHECK(s.offsets.at("/b/1") == text.find("{\"c\""));
    CHECK(s.offsets.at("/b/1/c") == text.find("\"x\""));
    CHECK(s.offsets.at("/d~1e") == text.find("null"));
    CHECK(s.offsets.at("/\xC3\xA9") == text.rfind('{'));  // \u00e9 decoded to UTF-8
    CHECK(s.offsets.size() == 8);
    CHECK(s.duplicate_keys.empty());
}

TEST_CASE("scan_json records only wanted pointers, and duplicate keys", "[json-locator]") {
    const std::string text = R"({"x": [1, 2, {"k": 1, "k": 2}], "x": 0})";
    const std::unordered_set<std::string> wanted{"/x/2/k", "/missing"};
    const JsonScan s = scan_json(text, &wanted);
    CHECK(s.complete);
    REQUIRE(s.offsets.size() == 1);
    CHECK(s.offsets.at("/x/2/k") == text.find("2}"));  // the last value wins, as in the parser
    REQUIRE(s.duplicate_keys.size() == 2);
    CHECK(s.duplicate_keys[0].pointer == "/x/2/k");
    CHECK(s.duplicate_keys[0].offset == text.find("\"k\": 2"));
    CHECK(s.duplicate_keys[1].pointer == "/x");
}

TEST_CASE("scan_json skips a byte-order mark and stops safely on invalid text", "[json-locator]") {
    const JsonScan bom = scan_json("\xEF\xBB\xBF{\"a\": 1}", nullptr);
    CHECK(bom.complete);
    CHECK(bom.offsets.at("/a") == 9);
    for (const char* bad : {"", "{", "{\"a\" 1}", "[1,", "{\"a\": \"unterminated", "[1 2]", "{\"a\":1}}", "\"\\u12\""}) {
        INFO(bad);
        CHECK_FALSE(scan_json(bad, nullptr).complete);
    }
}

TEST_CASE("edit distance and suggestions", "[suggest]") {
    CHECK(edit_distance("video", "video") == 0);
    CHECK(edit_distance("vidoe", "video") == 1);  // one transposition
    CHECK(edit_distance("facilitator_note", "facilitator_notes") == 1);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("", "abc") == 3);
    const std::vector<std::string_view> types{"title", "text", "image", "discussion", "video", "poll", "choice"};
    CHECK(closest_match("vidoe", types) == std::optional<std::string>("video"));
    CHECK(closest_match("Text", types) == std::optional<std::string>("text"));
    CHECK(closest_match("discusion", types) == std::optional<std::string>("discussion"));
    CHECK_FALSE(closest_match("banana", types).has_value());
    CHECK_FALSE(closest_match(std::string(100, 'v'), types).has_value());
}
