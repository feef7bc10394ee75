#pragma once
// Playback clocks and A/V sync rules, after ffplay, with the time source injected so that the sync
// and seek logic can be unit-tested without real time.

#include <atomic>
#include <functional>
#include <mutex>

namespace upstander::media {

// Seconds on a monotonic clock. Production uses steady_time_source(); tests pass a fake.
using TimeSource = std::function<double()>;
TimeSource steady_time_source();

// ffplay's thresholds: a frame is repeated or dropped only when video is further than the
// threshold (clamped to 0.04-0.1 s, or one frame duration in between) from the master clock.
inline constexpr double kSyncThresholdMin = 0.04;
inline constexpr double kSyncThresholdMax = 0.1;
// Frames longer than this are never duplicated to catch up (they are simply held longer).
inline constexpr double kSyncFrameDupThreshold = 0.1;
// Differences larger than this are treated as a timestamp jump, not drift.
inline constexpr double kNoSyncThreshold = 10.0;

// A clock that runs from a (pts, time) anchor. Thread-safe: the audio callback sets the audio clock
// while the main thread reads it; every field is guarded by mutex_.
class Clock {
public:
    // queue_serial: the packet queue whose serial this clock must match to be valid (a clock whose
    // serial is stale reads NaN). nullptr means the clock is always current (the external clock).
    Clock(TimeSource time, const std::atomic<int>* queue_serial);

    double get() const;  // NaN when unset or stale
    void set(double pts, int serial);
    void set_at(double pts, int serial, double time);
    // Pausing freezes the clock at its current value; resuming runs it on from there.
    void set_paused(bool paused);
    bool paused() const;
    int serial() const;
    double last_updated() const;
    // ffplay's sync_clock_to_slave: adopt `other` when this clock is unset or has jumped away from it.
    void sync_to(const Clock& other);

private:
    double get_locked(double now) const;

    TimeSource time_;
    const std::atomic<int>* queue_serial_;
    mutable std::mutex mutex_;
    double pts_;              // guarded by mutex_
    double pts_drift_;        // pts - time at the anchor; guarded by mutex_
    double last_updated_ = 0; // guarded by mutex_
    int serial_ = -1;         // guarded by mutex_
    bool paused_ = false;     // guarded by mutex_
};

// ffplay's compute_target_delay: how long to keep the previous frame on screen, given its nominal
// duration `delay` and `diff` = video clock - master clock (NaN when unknown).
double compute_target_delay(double delay, double diff, double max_frame_duration);

// Duration of a frame from its successor's pts, falling back to the nominal duration when the
// successor belongs to another serial or the difference is implausible.
double frame_duration_between(double pts, int serial, double next_pts, int next_serial, double nominal,
                              double max_frame_duration);

}  // namespace upstander::media
