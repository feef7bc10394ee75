// Clock and A/V sync logic, driven by a fake time source: no real time, no threads.
#include "media/clock.hpp"
#include "media/frame_queue.hpp"
#include "media/video_sync.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace upstander::media;

namespace {
struct FakeTime {
    double now = 100.0;
    TimeSource source() {
        return [this] { return now; };
    }
};

void push_frame(FrameQueue& q, double pts, double duration, int serial) {
    DecodedFrame* f = q.peek_writable();
    REQUIRE(f != nullptr);
    f->pts = pts;
    f->duration = duration;
    f->serial = serial;
    q.push();
}
}  // namespace

TEST_CASE("clock runs from its anchor on the injected time source", "[clock]") {
    FakeTime t;
    std::atomic<int> serial{1};
    Clock c(t.source(), &serial);
    CHECK(std::isnan(c.get()));  // unset
    c.set(5.0, 1);
    CHECK(c.get() == Approx(5.0));
    t.now += 1.5;
    CHECK(c.get() == Approx(6.5));
    CHECK(c.last_updated() == Approx(100.0));

    c.set_paused(true);
    t.now += 10;
    CHECK(c.get() == Approx(6.5));  // paused clocks stand still
    CHECK(c.last_updated() == Approx(101.5));
    c.set_paused(false);
    t.now += 0.5;
    CHECK(c.get() == Approx(7.0));

    serial = 2;  // a seek flushed the queue: the clock is stale until set with the new serial
    CHECK(std::isnan(c.get()));
    c.set(1.0, 2);
    CHECK(c.get() == Approx(1.0));
}

TEST_CASE("external clock follows another clock only when unset or far away", "[clock]") {
    FakeTime t;
    Clock ext(t.source(), nullptr);
    Clock vid(t.source(), nullptr);
    vid.set(3.0, 7);
    ext.sync_to(vid);
    CHECK(ext.get() == Approx(3.0));
    vid.set(3.5, 7);
    ext.sync_to(vid);  // 0.5 s apart: drift is left alone
    CHECK(ext.get() == Approx(3.0));
    vid.set(3.0 + kNoSyncThreshold + 1, 7);
    ext.sync_to(vid);  // a jump: adopt it
    CHECK(ext.get() == Approx(3.0 + kNoSyncThreshold + 1));
}

TEST_CASE("compute_target_delay applies ffplay's thresholds", "[sync]") {
    const double frame = 1.0 / 30;
    // In sync, or unknown: keep the nominal duration.
    CHECK(compute_target_delay(frame, 0.0, 3600) == Approx(frame));
    CHECK(compute_target_delay(frame, NAN, 3600) == Approx(frame));
    CHECK(compute_target_delay(frame, 0.039, 3600) == Approx(frame));   // under the 0.04 s minimum threshold
    CHECK(compute_target_delay(frame, -0.039, 3600) == Approx(frame));
    // Video behind the master: shorten the wait, never below zero.
    CHECK(compute_target_delay(frame, -0.02 - 0.04, 3600) == Approx(0.0));
    CHECK(compute_target_delay(0.1, -0.15, 3600) == Approx(0.0));
    CHECK(compute_target_delay(0.1, -0.1, 3600) == Approx(0.0));
    // Video ahead with a short frame: show it twice as long.
    CHECK(compute_target_delay(frame, 0.05, 3600) == Approx(2 * frame));
    // Video ahead with a long frame (> 0.1 s): hold it exactly as much longer as needed.
    CHECK(compute_target_delay(0.2, 0.15, 3600) == Approx(0.35));
    // Threshold is the frame duration between 0.04 and 0.1.
    CHECK(compute_target_delay(0.06, 0.055, 3600) == Approx(0.06));
    CHECK(compute_target_delay(0.06, 0.065, 3600) == Approx(0.12));
    // Differences beyond the max frame duration are timestamp jumps, not drift.
    CHECK(compute_target_delay(frame, 20.0, 10.0) == Approx(frame));
}

TEST_CASE("frame_duration_between falls back to the nominal duration", "[sync]") {
    CHECK(frame_duration_between(1.0, 1, 1.04, 1, 0.033, 3600) == Approx(0.04));
    CHECK(frame_duration_between(1.0, 1, 1.04, 2, 0.033, 3600) == Approx(0.0));  // across a seek
    CHECK(frame_duration_between(1.0, 1, 0.9, 1, 0.033, 3600) == Approx(0.033));  // backwards pts
    CHECK(frame_duration_between(1.0, 1, NAN, 1, 0.033, 3600) == Approx(0.033));
    CHECK(frame_duration_between(1.0, 1, 20.0, 1, 0.033, 10) == Approx(0.033));  // implausible gap
}

TEST_CASE("scheduler paces frames on the external clock", "[sync]") {
    FakeTime t;
    std::atomic<int> aserial{1}, vserial{1};
    SyncClocks clocks(t.source(), &aserial, &vserial);
    FrameQueue q(3, true);
    VideoScheduler s;
    push_frame(q, 0.00, 0.0625, 1);
    push_frame(q, 0.0625, 0.0625, 1);
    push_frame(q, 0.125, 0.0625, 1);

    auto r = s.refresh(q, 1, clocks, false, t.now, 3600);
    CHECK(r.picture_changed);
    CHECK(q.peek_last()->pts == Approx(0.0));
    CHECK(clocks.video.get() == Approx(0.0));
    CHECK(clocks.external.get() == Approx(0.0));  // the external clock adopted the video clock

    t.now += 0.03125;  // half a frame later: nothing new, come back in half a frame
    r = s.refresh(q, 1, clocks, false, t.now, 3600);
    CHECK_FALSE(r.picture_changed);
    CHECK(r.remaining == Approx(0.03125));

    t.now += 0.03125;
    r = s.refresh(q, 1, clocks, false, t.now, 3600);
    CHECK(r.picture_changed);
    CHECK(q.peek_last()->pts == Approx(0.0625));
    CHECK(s.stats().frames_shown == 2);
    CHECK(s.stats().frames_dropped == 0);
}

TEST_CASE("scheduler drops late frames and skips frames of an old serial", "[sync]") {
    FakeTime t;
    std::atomic<int> aserial{1}, vserial{1};
    SyncClocks clocks(t.source(), &aserial, &vserial);
    clocks.audio_master = true;
    FrameQueue q(8, true);
    VideoScheduler s;
    clocks.audio.set(0.0, 1);
    push_frame(q, 0.00, 0.04, 1);
    s.refresh(q, 1, clocks, false, t.now, 3600);
    for (double pts : {0.04, 0.08, 0.12, 0.16}) push_frame(q, pts, 0.04, 1);

    t.now += 0.1;  // the main thread stalled for 100 ms: 0.04 and 0.08 are already past
    auto r = s.refresh(q, 1, clocks, false, t.now, 3600);
    CHECK(r.picture_changed);
    CHECK(q.peek_last()->pts == Approx(0.12));
    CHECK(s.stats().frames_dropped == 2);
    CHECK(s.stats().frames_shown == 2);

    // A seek bumps the serial: queued frames of serial 1 are never shown.
    push_frame(q, 5.00, 0.04, 2);
    vserial = 2;
    aserial = 2;
    r = s.refresh(q, 2, clocks, false, t.now, 3600);
    CHECK(r.picture_changed);
    CHECK(q.peek_last()->pts == Approx(5.0));
    CHECK(q.peek_last()->serial == 2);
    CHECK(s.frame_timer() == Approx(t.now));  // a new serial restarts the frame timer
    CHECK(s.stats().frames_dropped == 2);     // stale frames are discarded, not counted as late
}

TEST_CASE("scheduler keeps video on the audio master clock", "[sync]") {
    FakeTime t;
    std::atomic<int> aserial{1}, vserial{1};
    SyncClocks clocks(t.source(), &aserial, &vserial);
    clocks.audio_master = true;
    FrameQueue q(3, true);
    VideoScheduler s;
    push_frame(q, 0.00, 0.04, 1);
    clocks.audio.set(0.0, 1);
    s.refresh(q, 1, clocks, false, t.now, 3600);
    push_frame(q, 0.04, 0.04, 1);

    // Audio runs 0.1 s ahead of the video clock: the next frame is due at once (delay shrinks to 0).
    clocks.audio.set(0.1, 1);
    auto r = s.refresh(q, 1, clocks, false, t.now, 3600);
    CHECK(r.picture_changed);
    CHECK(q.peek_last()->pts == Approx(0.04));
    CHECK(s.stats().av_samples == 2);
    CHECK(s.stats().av_diff_max == Approx(0.06));

    // Audio lags by 0.05 s: the frame is held twice its duration.
    push_frame(q, 0.08, 0.04, 1);
    clocks.video.set(0.04, 1);
    clocks.audio.set(-0.01, 1);
    const double timer = s.frame_timer();
    r = s.refresh(q, 1, clocks, false, t.now, 3600);
    CHECK_FALSE(r.picture_changed);
    CHECK(r.remaining == Approx(timer + 0.08 - t.now));
}

TEST_CASE("while paused only a frame of a new serial is shown, and resuming does not count the pause",
          "[sync]") {
    FakeTime t;
    std::atomic<int> aserial{1}, vserial{1};
    SyncClocks clocks(t.source(), &aserial, &vserial);
    clocks.set_paused(true);
    FrameQueue q(3, true);
    VideoScheduler s;
    push_frame(q, 0.00, 0.0625, 1);
    push_frame(q, 0.0625, 0.0625, 1);
    auto r = s.refresh(q, 1, clocks, true, t.now, 3600);
    CHECK(r.picture_changed);  // the poster frame of a preloaded clip
    t.now += 30;               // a long pause
    r = s.refresh(q, 1, clocks, true, t.now, 3600);
    CHECK_FALSE(r.picture_changed);
    CHECK(q.peek_last()->pts == Approx(0.0));

    s.on_resume(t.now, clocks.video);
    clocks.set_paused(false);
    r = s.refresh(q, 1, clocks, false, t.now, 3600);
    CHECK_FALSE(r.picture_changed);  // next frame still 0.0625 s away, not 30 s late
    CHECK(s.stats().frames_dropped == 0);
    t.now += 0.0625;
    r = s.refresh(q, 1, clocks, false, t.now, 3600);
    CHECK(r.picture_changed);
    CHECK(clocks.video.get() == Approx(0.0625));
}

TEST_CASE("video tracks an audio clock that drifts 1% from the system clock", "[sync]") {
    for (double rate : {1.01, 0.99}) {
        INFO("audio rate " << rate);
        FakeTime t;
        std::atomic<int> aserial{1}, vserial{1};
        SyncClocks clocks(t.source(), &aserial, &vserial);
        clocks.audio_master = true;
        FrameQueue q(8, true);
        VideoScheduler s;
        const double start = t.now;
        const double fps = 30;
        int next_frame = 0;
        double max_late_diff = 0;
        // 20 simulated seconds in 1 ms steps; the audio callback runs every 20 ms.
        for (int ms = 0; ms < 20000; ++ms) {
            t.now = start + ms / 1000.0;
            if (ms % 20 == 0) clocks.audio.set_at((t.now - start) * rate, 1, t.now);
            while (q.remaining() < 6) push_frame(q, next_frame++ / fps, 1 / fps, 1);
            auto r = s.refresh(q, 1, clocks, false, t.now, 3600);
            if (r.picture_changed && ms > 2000)
                max_late_diff = std::max(max_late_diff, std::fabs(q.peek_last()->pts - clocks.audio.get()));
        }
        CHECK(s.stats().frames_dropped <= 1);
        CHECK(max_late_diff < 0.015);  // well inside ffplay's 40 ms threshold once settled
        CHECK(s.stats().frames_shown == Approx(20 * fps * rate).margin(3));
    }
}

TEST_CASE("after a start or seek the picture waits briefly for the audio clock", "[sync]") {
    FakeTime t;
    std::atomic<int> aserial{1}, vserial{1};
    SyncClocks clocks(t.source(), &aserial, &vserial);
    clocks.audio_master = true;
    FrameQueue q(8, true);
    VideoScheduler s;
    for (int i = 0; i < 4; ++i) push_frame(q, i * 0.0625, 0.0625, 1);
    CHECK(s.refresh(q, 1, clocks, false, t.now, 3600).picture_changed);  // the first frame shows at once

    t.now += 0.125;  // two frame durations, but the audio device has not started yet: hold
    auto r = s.refresh(q, 1, clocks, false, t.now, 3600);
    CHECK_FALSE(r.picture_changed);
    CHECK(q.peek_last()->pts == 0.0);

    clocks.audio.set(0.0, 1);  // the audio starts at pts 0 now: the next frame is due 0.0625 s later
    r = s.refresh(q, 1, clocks, false, t.now, 3600);
    CHECK_FALSE(r.picture_changed);
    CHECK(r.remaining == Approx(0.0625));
    t.now += 0.0625;
    CHECK(s.refresh(q, 1, clocks, false, t.now, 3600).picture_changed);
    CHECK(q.peek_last()->pts == Approx(0.0625));
    CHECK(s.stats().frames_dropped == 0);

    // Audio that never starts does not freeze the picture for good.
    std::atomic<int> aserial2{1}, vserial2{1};
    SyncClocks silent(t.source(), &aserial2, &vserial2);
    silent.audio_master = true;
    FrameQueue q2(8, true);
    VideoScheduler s2;
    for (int i = 0; i < 4; ++i) push_frame(q2, i * 0.0625, 0.0625, 1);
    s2.refresh(q2, 1, silent, false, t.now, 3600);
    t.now += 0.0625;
    CHECK_FALSE(s2.refresh(q2, 1, silent, false, t.now, 3600).picture_changed);
    t.now += VideoScheduler::kAudioStartWait;
    CHECK(s2.refresh(q2, 1, silent, false, t.now, 3600).picture_changed);
}
