#pragma once
// The main thread's half of A/V sync, after ffplay's video_refresh: decides which decoded frame is due,
// drops frames that are already late, and says how long to wait before the next one. Pure logic over a
// FrameQueue and the clocks, with `now` passed in, so tests can drive it with a fake time source.

#include "clock.hpp"
#include "frame_queue.hpp"

#include <atomic>

namespace upstander::media {

// The three ffplay clocks. Audio is the master while an audio device is playing the stream;
// otherwise the external (system) clock is, and it follows the video clock.
struct SyncClocks {
    SyncClocks(const TimeSource& time, const std::atomic<int>* audio_serial, const std::atomic<int>* video_serial)
        : audio(time, audio_serial), video(time, video_serial), external(time, nullptr) {}
    Clock audio;
    Clock video;
    Clock external;
    std::atomic<bool> audio_master{false};

    double master() const { return audio_master.load() ? audio.get() : external.get(); }
    void set_paused(bool paused) {
        audio.set_paused(paused);
        video.set_paused(paused);
        external.set_paused(paused);
    }
};

struct SyncStats {
    long frames_shown = 0;
    long frames_dropped = 0;   // late frames skipped by refresh()
    long av_samples = 0;       // frames shown while the audio clock was valid
    double av_diff_max = 0;    // largest |video pts - audio clock| at display, seconds
    double av_diff_sum = 0;    // sum of |diff| over av_samples
};

class VideoScheduler {
public:
    struct Result {
        bool picture_changed = false;  // peek_last() now holds a different frame: upload it
        double remaining = kIdleWait;  // seconds until refresh() should run again
    };
    static constexpr double kIdleWait = 0.1;
    // After a start, seek or resume, hold the picture this long at most for the audio clock to start.
    static constexpr double kAudioStartWait = 0.5;
    // Inside ffplay's threshold, take this fraction of the A/V difference out at every frame, so that
    // clock drift between the audio device and the system clock is tracked smoothly instead of in
    // 40 ms steps (SDL's dummy driver, for one, runs its callback about 1% fast).
    static constexpr double kDriftGain = 0.1;

    // One refresh at time `now`. `queue_serial` is the video packet queue's serial; frames of other
    // serials are discarded. While paused, a frame of a new serial (first frame, or after a seek) is
    // still shown so the picture matches the position, but the clock does not advance.
    Result refresh(FrameQueue& queue, int queue_serial, SyncClocks& clocks, bool paused, double now,
                   double max_frame_duration, bool allow_drop = true);

    // Call when playback resumes, before the clocks' set_paused(false): the pause must not count as
    // lateness (ffplay's stream_toggle_pause). The paused video clock was last updated when it froze.
    void on_resume(double now, const Clock& video_clock) {
        frame_timer_ += now - video_clock.last_updated();
        aligned_serial_ = -1;  // the audio restarts from its device buffer: line up again
    }

    const SyncStats& stats() const { return stats_; }
    double frame_timer() const { return frame_timer_; }

private:
    double frame_timer_ = 0;  // when the frame on screen became due (time source seconds)
    // Serial whose start has been lined up with the audio clock. ffplay's thresholds leave any offset
    // under 40 ms alone for good, and a clip's start always has one (the device buffer is still
    // filling when the first frame is due), so the frame timer is re-based on the audio clock once.
    int aligned_serial_ = -1;
    double audio_wait_since_ = -1;  // when we started holding the picture for the audio clock
    SyncStats stats_;
};

}  // namespace upstander::media
