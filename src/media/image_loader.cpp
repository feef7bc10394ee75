#include "image_loader.hpp"

#include <SDL.h>
#include <pthread.h>

#include <chrono>

namespace upstander::media {

ImageLoader::ImageLoader(std::uint32_t wake_event_type) : wake_type_(wake_event_type) {
    worker_ = std::thread([this] { run(); });
}

ImageLoader::~ImageLoader() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        jobs_.clear();
    }
    cv_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void ImageLoader::request(const std::filesystem::path& path, int fit_width, int fit_height) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back({path, fit_width, fit_height, generation_});
    }
    cv_.notify_one();
}

std::vector<ImageLoader::Result> ImageLoader::take_finished() {
    std::vector<Result> out;
    {
        std::lock_guard lock(mutex_);
        out.swap(finished_);
    }
    idle_cv_.notify_all();
    return out;
}

void ImageLoader::cancel_all() {
    {
        std::lock_guard lock(mutex_);
        ++generation_;
        jobs_.clear();
        finished_.clear();
    }
    idle_cv_.notify_all();
}

std::size_t ImageLoader::pending() const {
    std::lock_guard lock(mutex_);
    return jobs_.size() + (busy_ ? 1 : 0) + finished_.size();
}

bool ImageLoader::wait_idle(double timeout_seconds) const {
    std::unique_lock lock(mutex_);
    return idle_cv_.wait_for(lock, std::chrono::duration<double>(timeout_seconds),
                             [this] { return jobs_.empty() && !busy_; });
}

void ImageLoader::run() {
    pthread_setname_np(pthread_self(), "media-image");
    std::unique_lock lock(mutex_);
    for (;;) {
        cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
        if (stop_) return;
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        busy_ = true;
        lock.unlock();
        DecodedImage image = load_image(job.path, job.fit_width, job.fit_height);
        lock.lock();
        busy_ = false;
        if (stop_) return;
        if (job.generation == generation_) {
            finished_.push_back({std::move(job.path), std::move(image)});
            if (wake_type_ != 0) {
                SDL_Event e{};
                e.type = wake_type_;
                e.user.code = 0;
                e.user.data1 = this;
                SDL_PushEvent(&e);  // thread-safe; wakes SDL_WaitEventTimeout
            }
        }
        idle_cv_.notify_all();
    }
}

}  // namespace upstander::media
