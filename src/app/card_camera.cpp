#include "card_camera.hpp"

namespace upstander::app {

CardCamera::CardCamera(const std::string& source, std::uint32_t wake_event_type, void* wake_owner) {
    media::CameraOptions o;
    o.source = source;
    o.wake_event_type = wake_event_type;
    o.wake_owner = wake_owner;
    o.on_frame = [this](const media::GreyFrame& f) { return on_frame(f); };
    source_ = std::make_unique<media::CameraSource>(std::move(o));
}

CardCamera::~CardCamera() { source_.reset(); }

bool CardCamera::on_frame(const media::GreyFrame& frame) {
    std::vector<CardDetection> found = detector_.detect({frame.pixels.data(), frame.width, frame.height, frame.width});
    std::lock_guard lock(mutex_);
    if (pending_.size() >= kMaxPending) pending_.erase(pending_.begin());
    pending_.push_back(std::move(found));
    const bool wake = !wake_pending_;
    wake_pending_ = true;
    return wake;
}

std::vector<std::vector<CardDetection>> CardCamera::take() {
    std::lock_guard lock(mutex_);
    wake_pending_ = false;
    std::vector<std::vector<CardDetection>> out;
    out.swap(pending_);
    return out;
}

std::optional<std::string> CardCamera::problem() const {
    const media::CameraSource::State s = source_->state();
    if (s == media::CameraSource::State::Failed) return source_->error();
    if (s == media::CameraSource::State::Ended) return "The camera recording has ended.";
    return std::nullopt;
}

}  // namespace upstander::app
