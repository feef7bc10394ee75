#pragma once
// Camera frames for answer cards: a webcam through libavdevice (v4l2 on Linux, dshow on Windows)
// or a recording given as the camera (`--camera FILE`), decoded and converted to grey.
//   - FrameReader: opens the source and reads grey frames one by one (any single thread; the
//     benchmark uses it directly).
//   - CameraSource: a FrameReader on its own thread, "media-camera", that hands each frame to a
//     callback on that thread and wakes the UI loop with an SDL event, as the player's threads do.
//     It is stopped like them: abort flag, notify, join.
// Frames live only in memory: nothing here writes a frame anywhere, and each frame's buffer is
// reused for the next.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace upstander::media {

struct GreyFrame {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // width * height, rows packed
    double seconds = 0;                // presentation time from the start of the source
    long long index = 0;               // frames read since the source was opened
};

// A device path (/dev/video0, or "video=NAME" for DirectShow) rather than a file.
bool is_camera_device(const std::string& source);

class FrameReader {
public:
    FrameReader();
    ~FrameReader();
    FrameReader(const FrameReader&) = delete;
    FrameReader& operator=(const FrameReader&) = delete;

    // Opens a camera or a recording. On failure returns false and `error` says what to do, in
    // words for the facilitator ("The camera /dev/video0 is busy: ...").
    bool open(const std::string& source, std::string& error, const std::atomic<bool>* abort = nullptr);
    enum class ReadResult { Frame, End, Failed };
    ReadResult read(GreyFrame& out, std::string& error);
    bool device() const;
    const std::string& source() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct CameraOptions {
    std::string source;                   // device or file
    std::uint32_t wake_event_type = 0;    // SDL event to push (0: none)
    void* wake_owner = nullptr;           // data1 of that event
    bool loop_file = true;                // a recording starts again at its end
    bool paced = true;                    // a recording is read at its own frame rate
    // Called on the camera thread with each frame; returns true to wake the UI loop.
    std::function<bool(const GreyFrame&)> on_frame;
};

inline constexpr int kCameraWakeCode = 100;  // SDL user event code of a camera wake

class CameraSource {
public:
    explicit CameraSource(CameraOptions options);  // starts the thread
    ~CameraSource();                                // stop()
    CameraSource(const CameraSource&) = delete;
    CameraSource& operator=(const CameraSource&) = delete;
    void stop();

    enum class State { Opening, Running, Ended, Failed, Stopped };
    State state() const;
    std::string error() const;  // set when Failed
    long long frames() const { return frames_.load(); }

private:
    void run();
    void wake();
    void set_state(State s, std::string error = {});

    CameraOptions options_;
    std::atomic<bool> abort_{false};
    std::atomic<long long> frames_{0};
    mutable std::mutex mutex_;
    std::condition_variable cv_;       // stop() wakes the pacing wait
    State state_ = State::Opening;     // guarded by mutex_
    std::string error_;                // guarded by mutex_
    std::thread thread_;
};

}  // namespace upstander::media
