#include "clock.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace upstander::media {

TimeSource steady_time_source() {
    return [] {
        using namespace std::chrono;
        return duration<double>(steady_clock::now().time_since_epoch()).count();
    };
}

Clock::Clock(TimeSource time, const std::atomic<int>* queue_serial)
    : time_(std::move(time)), queue_serial_(queue_serial), pts_(NAN), pts_drift_(NAN) {}

double Clock::get_locked(double now) const {
    if (queue_serial_ && queue_serial_->load() != serial_) return NAN;
    if (paused_) return pts_;
    return pts_drift_ + now;
}

double Clock::get() const {
    double now = time_();
    std::lock_guard lock(mutex_);
    return get_locked(now);
}

void Clock::set_at(double pts, int serial, double time) {
    std::lock_guard lock(mutex_);
    pts_ = pts;
    last_updated_ = time;
    pts_drift_ = pts - time;
    serial_ = serial;
}

void Clock::set(double pts, int serial) { set_at(pts, serial, time_()); }

void Clock::set_paused(bool paused) {
    double now = time_();
    std::lock_guard lock(mutex_);
    if (paused == paused_) return;
    // Freeze at the current value, or restart from the frozen value, so a pause never counts as time.
    if (paused) {
        double value = get_locked(now);
        if (!std::isnan(value)) pts_ = value;
    }
    last_updated_ = now;
    pts_drift_ = pts_ - now;
    paused_ = paused;
}

bool Clock::paused() const {
    std::lock_guard lock(mutex_);
    return paused_;
}

int Clock::serial() const {
    std::lock_guard lock(mutex_);
    return serial_;
}

double Clock::last_updated() const {
    std::lock_guard lock(mutex_);
    return last_updated_;
}

void Clock::sync_to(const Clock& other) {
    // Read the other clock first so that two clock mutexes are never held together.
    double other_value = other.get();
    int other_serial = other.serial();
    double mine = get();
    if (!std::isnan(other_value) && (std::isnan(mine) || std::fabs(mine - other_value) > kNoSyncThreshold))
        set(other_value, other_serial);
}

double compute_target_delay(double delay, double diff, double max_frame_duration) {
    double sync_threshold = std::max(kSyncThresholdMin, std::min(kSyncThresholdMax, delay));
    if (!std::isnan(diff) && std::fabs(diff) < max_frame_duration) {
        if (diff <= -sync_threshold)
            delay = std::max(0.0, delay + diff);  // video is behind: shorten (down to 0) to catch up
        else if (diff >= sync_threshold && delay > kSyncFrameDupThreshold)
            delay = delay + diff;  // long frame: hold it exactly as long as needed
        else if (diff >= sync_threshold)
            delay = 2 * delay;  // video is ahead: repeat the frame
    }
    return delay;
}

double frame_duration_between(double pts, int serial, double next_pts, int next_serial, double nominal,
                              double max_frame_duration) {
    if (serial != next_serial) return 0.0;
    double d = next_pts - pts;
    if (std::isnan(d) || d <= 0 || d > max_frame_duration) return nominal;
    return d;
}

}  // namespace upstander::media
