#pragma once
// Test support: classroom frames rendered from the printed card images, with ground truth, for
// the benchmark and the tests (no downloaded data set). Each scene holds `cards` cards at random
// places and sizes (marker side in the frame between min and max pixels), turned to random
// answers with a little in-plane wobble, tilted out of the plane up to `max_tilt` degrees, with
// motion blur, sensor noise, uneven light and some cards partly covered by a hand; `turning`
// cards turn steadily through the scene and must never be counted. A scene is held for `hold`
// frames (each frame moves the cards slightly and draws new noise), then the next one starts.
// JPEG compression comes from the file the frames are written to (write_scene_video).

#include "core/error.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace upstander::cards {

struct SceneOptions {
    int width = 1920;
    int height = 1080;
    int cards = 30;
    int first_card = 1;
    double min_marker_px = 18;
    double max_marker_px = 90;
    double max_tilt_degrees = 50;
    int scenes = 1;
    int hold = 1;            // frames per scene
    int turning = 0;         // cards per scene that turn all the time
    double covered = 0.1;    // share of cards partly covered by a hand
    double max_blur_px = 3;  // motion blur length
    double noise = 4;        // sensor noise, standard deviation in grey levels
    int answers = 6;         // answers used: 1..answers (front for 1-4, back for 5 and 6)
    unsigned seed = 1;
    int jpeg_quality = 80;
};

struct TruthCard {
    int card = 0;
    int answer = 0;          // 0 for a turning card (no answer may be counted)
    double marker_px = 0;    // square root of the marker's area in the frame
    double tilt_degrees = 0;
    double blur_px = 0;
    bool covered = false;    // part of the marker is hidden
};

struct SceneFrame {
    std::vector<std::uint8_t> grey;  // width * height
    std::vector<TruthCard> truth;
};

// Renders the frames one by one (frame index 0 .. scenes*hold-1), deterministic for a seed.
class SceneRenderer {
public:
    explicit SceneRenderer(SceneOptions options);
    ~SceneRenderer();
    SceneRenderer(const SceneRenderer&) = delete;
    SceneRenderer& operator=(const SceneRenderer&) = delete;
    int frame_count() const { return options_.scenes * options_.hold; }
    const SceneOptions& options() const { return options_; }
    SceneFrame render(int frame);

private:
    struct Impl;
    SceneOptions options_;
    Impl* impl_;
};

// Writes every frame as a JPEG into `file` (a Motion-JPEG stream, which FFmpeg reads at 25 frames a
// second) and the ground truth to `file` + ".truth.json".
Result<void> write_scene_video(const std::filesystem::path& file, const SceneOptions& options);

// Ground truth written by write_scene_video.
struct SceneTruth {
    int width = 0;
    int height = 0;
    std::vector<std::vector<TruthCard>> frames;
};
Result<SceneTruth> read_scene_truth(const std::filesystem::path& file);

}  // namespace upstander::cards
