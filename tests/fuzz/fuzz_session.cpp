// Fuzz target "session": the session-file reader. The input is the text of a session file.
//  - session_from_string; a file it accepts must write back and read again to the same text;
//  - the impact report over it (merged with a differing copy) in every output format;
//  - SessionStore::load and find_unfinished on it as a real file (corrupt files are moved aside).
#include "core/report.hpp"
#include "core/report_export.hpp"
#include "core/session_file.hpp"
#include "core/session_store.hpp"
#include "fuzz_support.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace upstander;

namespace {

void report_over(const SessionRecord& record) {
    std::vector<LoadedSession> copies;
    copies.push_back({record, "a/session.json"});
    SessionRecord other = record;
    if (!other.polls.empty() && !other.polls.front().options.empty()) {
        other.polls.front().options.front().count += 1;
        other.polls.front().total += 1;
    }
    copies.push_back({std::move(other), "b/session.json"});
    Report report = build_report(merge_sessions(std::move(copies)), ReportFilter{}, 600);
    (void)report_json_text(report);
    (void)report_sessions_csv(report);
    (void)report_summary_csv(report);
    (void)report_html(report);
    (void)report_text(report);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::Scratch scratch("session");
    const std::string text(reinterpret_cast<const char*>(data), size);

    SessionParseResult parsed = session_from_string(text);
    if (parsed.session) {
        const std::string written = session_to_string(*parsed.session);
        SessionParseResult again = session_from_string(written);
        if (!again.session) {
            std::fprintf(stderr, "a session the reader accepted does not read back: %s\n", again.error.c_str());
            std::abort();
        }
        if (session_to_string(*again.session) != written) {
            std::fprintf(stderr, "a session does not survive writing and reading back unchanged\n");
            std::abort();
        }
        report_over(*parsed.session);
    } else if (parsed.error.empty() || parsed.kind == SessionParseError::None) {
        std::fprintf(stderr, "a rejected session file has no reason\n");
        std::abort();
    }

    const auto dir = scratch.fresh("sessions");
    const auto file = dir / "2025-01-01-0123456789abcdef0123456789abcdef.json";
    fuzz::write_file(file, text);
    SessionStore store(dir);
    SessionLoad loaded = store.load(file);
    if (!loaded.record && !loaded.problem) std::abort();
    fuzz::write_file(file, text);
    (void)store.find_unfinished();
    return 0;
}
