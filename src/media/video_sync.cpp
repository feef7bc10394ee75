#include "video_sync.hpp"

#include <algorithm>
#include <cmath>

namespace upstander::media {

VideoScheduler::Result VideoScheduler::refresh(FrameQueue& queue, int queue_serial, SyncClocks& clocks, bool paused,
                                               double now, double max_frame_duration, bool allow_drop) {
    Result result;
    auto show = [&](DecodedFrame* vp) {
        if (!std::isnan(vp->pts)) {
            clocks.video.set_at(vp->pts, vp->serial, now);
            clocks.external.sync_to(clocks.video);
        }
        if (clocks.audio_master.load()) {
            double diff = vp->pts - clocks.audio.get();
            if (!std::isnan(diff) && std::fabs(diff) < kNoSyncThreshold && !paused) {
                stats_.av_samples++;
                stats_.av_diff_sum += std::fabs(diff);
                stats_.av_diff_max = std::max(stats_.av_diff_max, std::fabs(diff));
            }
        }
        queue.next();
        stats_.frames_shown++;
        result.picture_changed = true;
    };

    for (;;) {
        if (queue.remaining() == 0) return result;
        DecodedFrame* vp = queue.peek();
        if (vp->serial != queue_serial) {  // decoded before a seek: never show it
            queue.next();
            continue;
        }
        DecodedFrame* last = queue.peek_last();
        bool new_serial = !queue.last_shown() || last->serial != vp->serial;
        if (new_serial) frame_timer_ = now;

        if (paused) {
            if (new_serial) show(vp);
            return result;
        }

        double last_duration = new_serial ? 0.0
                                          : frame_duration_between(last->pts, last->serial, vp->pts, vp->serial,
                                                                   last->duration, max_frame_duration);
        const bool audio_master = clocks.audio_master.load();
        if (audio_master && !new_serial && aligned_serial_ != vp->serial) {
            // Line the picture on screen up with the audio clock as soon as that clock runs.
            double audio = clocks.audio.get();
            if (std::isnan(audio)) {
                if (audio_wait_since_ < 0) audio_wait_since_ = now;
                if (now - audio_wait_since_ < kAudioStartWait) {
                    result.remaining = 0.005;
                    return result;
                }
            } else if (!std::isnan(last->pts) && std::fabs(audio - last->pts) < kNoSyncThreshold) {
                frame_timer_ = now - (audio - last->pts);
                clocks.video.set_at(audio, last->serial, now);
            }
            aligned_serial_ = vp->serial;
            audio_wait_since_ = -1;
        }
        double diff = clocks.video.get() - clocks.master();
        double delay = compute_target_delay(last_duration, diff, max_frame_duration);
        if (audio_master && !std::isnan(diff) && delay == last_duration &&
            std::fabs(diff) < std::max(kSyncThresholdMin, std::min(kSyncThresholdMax, last_duration)))
            delay = std::max(0.0, delay + kDriftGain * diff);

        if (now < frame_timer_ + delay) {
            result.remaining = std::min(frame_timer_ + delay - now, kIdleWait);
            return result;
        }
        frame_timer_ += delay;
        if (delay > 0 && now - frame_timer_ > kSyncThresholdMax) frame_timer_ = now;

        if (allow_drop && queue.remaining() > 1) {
            DecodedFrame* next = queue.peek_next();
            double duration = frame_duration_between(vp->pts, vp->serial, next->pts, next->serial, vp->duration,
                                                     max_frame_duration);
            if (now > frame_timer_ + duration) {  // already late for the following frame too: skip this one
                if (!std::isnan(vp->pts)) clocks.video.set_at(vp->pts, vp->serial, now);
                stats_.frames_dropped++;
                queue.next();
                continue;
            }
        }
        show(vp);
        // Come back when the next frame is due (or soon, to find out).
        result.remaining = 0.0;
        if (queue.remaining() > 0) {
            DecodedFrame* next = queue.peek();
            double d = frame_duration_between(vp->pts, vp->serial, next->pts, next->serial, vp->duration,
                                              max_frame_duration);
            result.remaining = std::max(0.0, frame_timer_ + d - now);
        } else {
            result.remaining = std::max(0.0, std::min(vp->duration > 0 ? vp->duration : 0.01, kIdleWait));
        }
        return result;
    }
}

}  // namespace upstander::media
