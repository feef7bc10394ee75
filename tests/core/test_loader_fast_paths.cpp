// The pack loader's quick paths (the loading benchmark, tools/bench-load.sh): files read with one open+fstat,
// module files and media paths checked with lstat below the pack and resolved fully only when a
// symbolic link is found, and the duplicate-key scan over views of the text. Each case here is one
// those quick paths must get exactly as right as the careful ones.
#include "core/json_locator.hpp"
#include "core/pack_loader.hpp"
#include "pack_test_util.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace upstander;
using namespace upstander::test;
using Severity = Diagnostic::Severity;

namespace {
[[maybe_unused]] const Diagnostic* diag_with(const std::vector<Diagnostic>& diags, const std::string& file_suffix,
                            const std::string& pointer, const std::string& words) {
    const Diagnostic* d = find_diag(diags, file_suffix, pointer);
    return d && d->message.find(words) != std::string::npos ? d : nullptr;
}
}  // namespace

#ifndef _WIN32  // FIFOs are POSIX: Windows has none in a folder (its named pipes live in \\.\pipe\)
TEST_CASE("a FIFO or a folder named like a module is reported, and a FIFO never blocks the loader", "[loader][paths]") {
    TempDir tmp;
    PackBuilder b;
    const fs::path dir = tmp.path() / "test-pack";
    b.write(dir);
    REQUIRE(::mkfifo((dir / "modules" / "pipe.json").c_str(), 0644) == 0);
    fs::create_directories(dir / "modules" / "folder.json");
    const PackLoadResult r = load_pack(dir);  // would hang here if the FIFO were opened for a blocking read
    INFO(dump_diags(r.diagnostics));
    CHECK(diag_with(r.diagnostics, "modules/pipe.json", "", "not a regular file"));
    CHECK(diag_with(r.diagnostics, "modules/folder.json", "", "not a regular file"));
}
#endif

#ifndef _WIN32  // symbolic links need administrator rights (or developer mode) on Windows
TEST_CASE("a modules folder that is a link is followed inside the pack and refused outside it", "[loader][paths]") {
    TempDir tmp;
    PackBuilder b;
    b.modules.clear();
    b.pack["workshops"][0]["modules"] = json::array({"real"});
    b.raw_files["elsewhere/real.json"] =
        R"({"id": "real", "type": "topic", "title": "x", "steps": [{"type": "title", "heading": "x"}]})";
    const fs::path inside = tmp.path() / "inside-pack";
    b.write(inside);
    fs::create_directory_symlink("elsewhere", inside / "modules");
    const PackLoadResult ok = load_pack(inside);
    INFO(dump_diags(ok.diagnostics));
    CHECK(ok.ok());

    const fs::path outside = tmp.path() / "outside-pack";
    PackBuilder c = b;
    c.raw_files.clear();
    c.write(outside);
    fs::create_directory_symlink(inside / "elsewhere", outside / "modules");
    const PackLoadResult refused = load_pack(outside);
    INFO(dump_diags(refused.diagnostics));
    CHECK_FALSE(refused.ok());
    CHECK(diag_with(refused.diagnostics, "modules/real.json", "", "outside the pack folder"));
}
#endif

#ifndef _WIN32  // symbolic links need administrator rights (or developer mode) on Windows
TEST_CASE("media paths: missing folders, folders, and links to folders inside the pack", "[loader][paths]") {
    TempDir tmp;
    PackBuilder b;
    b.raw_files["media/pics/a.png"] = std::string("\x89PNG\r\n\x1A\nrest", 12);
    b.steps().push_back({{"type", "image"}, {"src", "media/nope/a.png"}, {"alt", "missing folder"}});
    b.steps().push_back({{"type", "image"}, {"src", "media/pics"}, {"alt", "a folder"}});
    b.steps().push_back({{"type", "image"}, {"src", "media/alias/a.png"}, {"alt", "ok: through a link inside"}});
    b.steps().push_back({{"type", "image"}, {"src", "media/pics/a.png/x.png"}, {"alt", "below a file"}});
    b.steps().push_back({{"type", "image"}, {"src", "./media//pics/./a.png"}, {"alt", "ok: odd but inside"}});
    const fs::path dir = tmp.path() / "test-pack";
    b.write(dir);
    fs::create_directory_symlink("pics", dir / "media" / "alias");
    const PackLoadResult r = load_pack(dir);
    INFO(dump_diags(r.diagnostics));
    CHECK(diag_with(r.diagnostics, "modules/intro.json", "/steps/1/src", "not found in the pack"));
    CHECK(diag_with(r.diagnostics, "modules/intro.json", "/steps/2/src", "is a folder or special file"));
    CHECK(find_diag(r.diagnostics, "modules/intro.json", "/steps/3/src") == nullptr);
    CHECK(diag_with(r.diagnostics, "modules/intro.json", "/steps/4/src", "not found in the pack"));
    CHECK(find_diag(r.diagnostics, "modules/intro.json", "/steps/5/src") == nullptr);
}
#endif

TEST_CASE("duplicate keys: escaped and plain spellings, and objects with many keys", "[json-locator]") {
    const JsonScan escaped = scan_json(R"({"a": 1, "\u0061": 2, "b\/c": 3, "b/c": 4})", nullptr);
    REQUIRE(escaped.duplicate_keys.size() == 2);
    CHECK(escaped.duplicate_keys[0].pointer == "/a");
    CHECK(escaped.duplicate_keys[1].pointer == "/b~1c");

    std::string many = "{";
    for (int i = 0; i < 100; ++i) many += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
    many += "\"k7\": 0, \"k77\": 1}";
    const JsonScan big = scan_json(many, nullptr);
    CHECK(big.complete);
    REQUIRE(big.duplicate_keys.size() == 2);
    CHECK(big.duplicate_keys[0].pointer == "/k7");
    CHECK(big.duplicate_keys[1].pointer == "/k77");
    CHECK(big.duplicate_keys[1].offset == many.rfind("\"k77\""));
}

TEST_CASE("the depth check and the scan skip strings with escaped quotes and backslashes", "[json-locator]") {
    // "\\" ends with an escaped backslash, so the quote after it closes the string; "\"[[" does not close.
    const std::string text = R"({"a": "\\", "b": "\"[[[[", "c": "x\\\"]]]]", "d": [[1]]})";
    CHECK_FALSE(find_excess_depth(text, 3).has_value());
    CHECK(find_excess_depth(text, 2) == std::optional<std::size_t>(text.find("[[1")  + 1));
    const JsonScan s = scan_json(text, nullptr);
    CHECK(s.complete);
    CHECK(s.offsets.at("/d/0/0") == text.find("1]"));
    CHECK(s.offsets.at("/c") == text.find("\"x"));
}
