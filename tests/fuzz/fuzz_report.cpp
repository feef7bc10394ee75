// Fuzz target "report": upstander-report over a folder. The input is a file tree (the container
// format of fuzz_support.hpp: files, folders and symbolic links, nested) written into a scratch
// folder; collect_sessions reads it on two threads, as the tool does, and the report is built and
// written in every output format. Checks: nothing outside the folder is read (links out of it are
// skipped), every file is either a session, a skipped file with a reason, or a problem, and no
// output quotes the content of a file that is not a session file.
#include "core/report.hpp"
#include "core/report_export.hpp"
#include "fuzz_support.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace upstander;

namespace {

// A file outside the scanned folder, with a marker that must never reach an output.
constexpr const char* kOutsideMarker = "OUTSIDE-THE-FOLDER-7f3a";

// (libFuzzer learns the marker from the comparisons below and may put it into a session file inside
// the folder, which the report may quote: only an input without it can catch a leak.)
bool g_input_has_marker = false;

void check_not_quoted(const std::string& output, const char* what) {
    if (!g_input_has_marker && output.find(kOutsideMarker) != std::string::npos) {
        std::fprintf(stderr, "the %s output quotes a file outside the folder\n", what);
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::Scratch scratch("report");
    const auto base = scratch.fresh("report");
    const auto root = base / "in";
    std::filesystem::create_directories(root);
    // Links in the tree may point here ("../outside.json"); the report must not follow them.
    fuzz::write_file(base / "outside.json", std::string("{\"format\":\"upstander-session\",\"x\":\"") + kOutsideMarker + "\"}");
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    g_input_has_marker = input.find("OUTSIDE") != std::string_view::npos;
    fuzz::write_tree(root, fuzz::parse_tree(input));

    SessionCollection collection = collect_sessions({root}, 2);
    Report report = build_report(std::move(collection), ReportFilter{}, 600, "2026-06-01");
    const std::string json = report_json_text(report);
    check_not_quoted(json, "JSON");
    check_not_quoted(report_sessions_csv(report), "sessions CSV");
    check_not_quoted(report_summary_csv(report), "summary CSV");
    check_not_quoted(report_html(report), "HTML");
    check_not_quoted(report_text(report), "text");
    return 0;
}
