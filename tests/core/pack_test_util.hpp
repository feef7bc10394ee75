#pragma once
// Helpers for loader, lint and navigation tests: temporary folders and a small valid pack that a
// test can break in one place.

#include "core/pack_loader.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>

namespace upstander::test {

namespace fs = std::filesystem;
using nlohmann::json;

inline fs::path fixture_dir(const std::string& name) { return fs::path(UPSTANDER_TEST_DATA_DIR) / "packs" / name; }

inline void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// A valid pack "test-pack" with one topic module "intro" and one workshop "test-workshop".
// Tests change the JSON, call write(), and load.
struct PackBuilder {
    json pack = {{"format", "upstander-pack"},
                 {"format_version", 1},
                 {"id", "test-pack"},
                 {"title", "Test pack"},
                 {"version", "1.0.0"},
                 {"language", "en-GB"},
                 {"workshops", json::array({json{{"id", "test-workshop"},
                                                 {"title", "Test workshop"},
                                                 {"duration_minutes", 10},
                                                 {"modules", json::array({"intro"})}}})}};
    std::map<std::string, json> modules{  // file name (without .json) -> content
        {"intro",
         {{"id", "intro"},
          {"type", "topic"},
          {"title", "Intro"},
          {"steps", json::array({json{{"type", "title"}, {"heading", "Hello"}}})}}}};
    std::map<std::string, std::string> raw_files;  // extra files: path inside the pack -> text

    void write(const fs::path& dir) const {
        write_file(dir / "pack.json", pack.dump(2));
        for (const auto& [name, m] : modules) write_file(dir / "modules" / (name + ".json"), m.dump(2));
        for (const auto& [rel, text] : raw_files) write_file(dir / rel, text);
    }
    json& steps(const std::string& module = "intro") { return modules.at(module)["steps"]; }
};

// The diagnostic for exactly this file (matched by its ending) and pointer, or nullptr.
inline const Diagnostic* find_diag(const std::vector<Diagnostic>& diags, const std::string& file_suffix,
                                   const std::string& pointer) {
    for (const Diagnostic& d : diags) {
        const bool file_ok = d.file.size() >= file_suffix.size() &&
                             d.file.compare(d.file.size() - file_suffix.size(), file_suffix.size(), file_suffix) == 0;
        if (file_ok && d.pointer == pointer) return &d;
    }
    return nullptr;
}

inline std::string dump_diags(const std::vector<Diagnostic>& diags) {
    std::string out;
    for (const Diagnostic& d : diags) out += format_diagnostic(d) + "\n";
    return out;
}

}  // namespace upstander::test
