#pragma once
// upstander-bench voting (voting.cpp).

#include <filesystem>

namespace upstander::bench {

// Runs the voting benchmark with its session folders under `work` (removed before and after).
int run_voting(const std::filesystem::path& work);

}  // namespace upstander::bench
