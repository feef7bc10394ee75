#pragma once
// Writes realistic made-up session files for benchmarks and demonstrations (the hidden
// --generate-sample option of upstander-report). Deterministic for a given seed.

#include <filesystem>
#include <string>

namespace upstander {

struct SampleResult {
    long long files_written = 0;
    std::string error;  // empty on success
};

// Writes `count` session files under `dir`, spread over sub-folders kiosk-01 ... kiosk-10 as if
// copied from ten kiosks. About 1 in 100 files is a copy of an earlier session (as when a USB stick
// is collected twice), so the merge step has work to do.
SampleResult generate_sample_sessions(long long count, const std::filesystem::path& dir, unsigned long long seed);

}  // namespace upstander
