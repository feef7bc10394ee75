#pragma once
// upstander-bench cards FILE: answer cards read from a recording (see bench_cards.cpp).
#include <string>

struct CardsBenchOptions {
    std::string file;
    std::string truth;      // empty: FILE.truth.json when it exists
    int threads = 2;
    float decimate = 0;     // 0: chosen from the frame size
    bool quiet = false;     // totals only
    double fps = 25;        // frame rate of the recording, for "counted within N s"
};
int run_cards(const CardsBenchOptions& options);
