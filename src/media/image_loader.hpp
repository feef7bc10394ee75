#pragma once
// Pictures decoded off the UI thread. A 8192 x 8192 PNG takes about a second to decode; on the main
// thread that froze the whole kiosk (every window, the clicker, a playing clip). The loader has one
// worker thread ("media-image") that reads and decodes requests in order with media::load_image and
// hands the results back; the main thread collects them with take_finished() and makes the textures
// (SDL textures belong to the main thread). When a result is ready the loader pushes the wake event
// (register_wake_event_type) so a sleeping event loop draws it at once.
//
// Shutdown follows the media threads' order: stop flag, notify, join, free. A request that is
// cancelled (cancel_all) while being decoded finishes, and its result is dropped.

#include "image_file.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

namespace upstander::media {

class ImageLoader {
public:
    // `wake_event_type` 0: push no events (tests poll take_finished()).
    explicit ImageLoader(std::uint32_t wake_event_type = 0);
    ~ImageLoader();
    ImageLoader(const ImageLoader&) = delete;
    ImageLoader& operator=(const ImageLoader&) = delete;

    struct Result {
        std::filesystem::path path;
        DecodedImage image;
    };

    // Queues `path` for decoding, scaled to fit fit_width x fit_height (0: full size). The caller
    // asks once per picture (ImageCache remembers what it asked for).
    void request(const std::filesystem::path& path, int fit_width, int fit_height);
    // Results decoded since the last call, in the order they finished.
    std::vector<Result> take_finished();
    // Drops every queued request and any result not yet taken (content reloaded, workshop left).
    void cancel_all();
    // Requests queued or being decoded, and results not yet taken.
    std::size_t pending() const;
    // Blocks until nothing is pending or `timeout_seconds` have passed (tests and headless runs).
    bool wait_idle(double timeout_seconds) const;

private:
    struct Job {
        std::filesystem::path path;
        int fit_width = 0, fit_height = 0;
        std::uint64_t generation = 0;
    };
    void run();

    const std::uint32_t wake_type_;
    mutable std::mutex mutex_;
    mutable std::condition_variable cv_;       // the worker waits for jobs
    mutable std::condition_variable idle_cv_;  // wait_idle waits for the worker
    std::deque<Job> jobs_;
    std::vector<Result> finished_;
    std::uint64_t generation_ = 0;
    bool busy_ = false;
    bool stop_ = false;
    std::thread worker_;
};

}  // namespace upstander::media
