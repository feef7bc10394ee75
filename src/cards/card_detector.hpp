#pragma once
// AprilTag (tag36h11) detection of answer cards in a grey camera frame. The only place that
// knows the AprilTag C API: it hands core plain CardDetections (core/card_scan.hpp) with the
// marker's printed corners in order, so core decides the card and the answer.
// One detector per thread (the AprilTag detector keeps buffers between calls).

#include "core/card_scan.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace upstander::cards {

struct DetectorOptions {
    int threads = 2;      // worker threads inside the detector (the machine has 2 cores)
    float decimate = 0;   // quad decimation; 0: chosen from the frame size (decimation_for)
};

// The quad decimation for a frame: a whole factor that leaves about 1000 pixels across to search
// for quads (markers are decoded at full resolution whatever this is), so 1920x1080 is searched
// at half size, up to a quarter for 4K.
float decimation_for(int width, int height);

// A grey frame: one byte a pixel, rows `stride` bytes apart. Not owned.
struct GreyView {
    const std::uint8_t* pixels = nullptr;
    int width = 0;
    int height = 0;
    int stride = 0;
};

class CardDetector {
public:
    explicit CardDetector(DetectorOptions options = {});
    ~CardDetector();
    CardDetector(const CardDetector&) = delete;
    CardDetector& operator=(const CardDetector&) = delete;

    // Every tag36h11 marker in the frame (ours or not: core decides), at most 2 corrected bits.
    std::vector<CardDetection> detect(const GreyView& frame);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The printed pattern of a marker: `side` x `side` modules (10 for tag36h11, its white outer ring
// included), row-major from the top left as printed, true for black.
struct MarkerPattern {
    int side = 0;
    std::vector<bool> black;
};
MarkerPattern marker_pattern(int tag_id);

}  // namespace upstander::cards
