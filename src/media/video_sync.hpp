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

    // One refresh at time `now`. `queue_serial` is the video packet queue's serial; frames of other
    // serials are discarded. While paused, a frame of a new serial (first frame, or after a seek) is
    // still shown so the picture matches the position, but the clock does not advance.
    Result refresh(FrameQueue& queue, int queue_serial, SyncClocks& clocks, bool paused, double now,
                   double max_frame_duration, bool allow_drop = true);

    // Call when playback resumes, before the clocks' set_paused(false): the pause must not count as
    // lateness (ffplay's stream_toggle_pause). The paused video clock was last updated when it froze.
    void on_resume(double now, const Clock& video_clock) { frame_timer_ += now - video_clock.last_updated(); }

    const SyncStats& stats() const { return stats_; }
    double frame_timer() const { return frame_timer_; }

private:
    double frame_timer_ = 0;  // when the frame on screen became due (time source seconds)
    SyncStats stats_;
};

}  // namespace upstander::media
