#pragma once
// The shell's camera for answer cards: a media::CameraSource whose frames are searched for markers
// on the camera thread (cards::CardDetector); only the detections reach the main thread, which
// hands them to KioskState::card_frame. Frames are never kept beyond the next one, and never
// written anywhere. Opened when a scan starts and closed when it stops.

#include "cards/card_detector.hpp"
#include "core/card_scan.hpp"
#include "media/camera.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace upstander::app {

class CardCamera {
public:
    CardCamera(const std::string& source, std::uint32_t wake_event_type, void* wake_owner);
    ~CardCamera();
    CardCamera(const CardCamera&) = delete;
    CardCamera& operator=(const CardCamera&) = delete;

    // Each frame's detections since the last call, oldest first (main thread).
    std::vector<std::vector<CardDetection>> take();
    // Why the camera is not delivering frames (it failed to open or stopped), if it is not.
    std::optional<std::string> problem() const;

private:
    bool on_frame(const media::GreyFrame& frame);  // camera thread

    static constexpr std::size_t kMaxPending = 64;  // frames not yet taken; older ones are dropped
    // One thread: the detector's own worker pool spins while it waits, which on a 2-core machine
    // takes the core the windows are drawn on.
    cards::CardDetector detector_{cards::DetectorOptions{1, 0}};  // camera thread only
    mutable std::mutex mutex_;
    std::vector<std::vector<CardDetection>> pending_;  // guarded by mutex_
    bool wake_pending_ = false;                         // guarded by mutex_
    std::unique_ptr<media::CameraSource> source_;       // last: its thread stops before the rest goes
};

}  // namespace upstander::app
