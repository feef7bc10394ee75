#include "packet_queue.hpp"

#include <cmath>

namespace upstander::media {

PacketQueue::PacketQueue() : drop_before_(NAN) {}

bool PacketQueue::put(AVPacket* pkt) {
    PacketPtr owned = make_packet();
    if (!owned) return false;
    av_packet_move_ref(owned.get(), pkt);
    {
        std::lock_guard lock(mutex_);
        if (aborted_) return false;
        bytes_ += owned->size + static_cast<std::int64_t>(sizeof(Item));
        duration_ += owned->duration;
        items_.push_back(Item{std::move(owned), serial_.load()});
    }
    cond_.notify_one();
    return true;
}

bool PacketQueue::put_end_of_stream(int stream_index) {
    PacketPtr pkt = make_packet();
    if (!pkt) return false;
    pkt->stream_index = stream_index;
    return put(pkt.get());
}

void PacketQueue::flush(double drop_before) {
    {
        std::lock_guard lock(mutex_);
        items_.clear();
        bytes_ = 0;
        duration_ = 0;
        drop_before_ = drop_before;
        serial_.fetch_add(1);
    }
    cond_.notify_all();
}

PacketQueue::GetResult PacketQueue::get(AVPacket* out, int& serial, bool block) {
    {
        std::unique_lock lock(mutex_);
        if (block) cond_.wait(lock, [&] { return aborted_.load() || !items_.empty(); });
        if (aborted_) return GetResult::Aborted;
        if (items_.empty()) return GetResult::Empty;
        Item item = std::move(items_.front());
        items_.pop_front();
        bytes_ -= item.pkt->size + static_cast<std::int64_t>(sizeof(Item));
        duration_ -= item.pkt->duration;
        serial = item.serial;
        av_packet_move_ref(out, item.pkt.get());
    }
    if (on_take_) on_take_();
    return GetResult::Packet;
}

void PacketQueue::abort() {
    {
        std::lock_guard lock(mutex_);
        aborted_ = true;
    }
    cond_.notify_all();
}

double PacketQueue::drop_before(int serial) const {
    std::lock_guard lock(mutex_);
    return serial == serial_.load() ? drop_before_ : NAN;
}

int PacketQueue::packet_count() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(items_.size());
}

std::int64_t PacketQueue::byte_size() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

std::int64_t PacketQueue::duration_ticks() const {
    std::lock_guard lock(mutex_);
    return duration_;
}

}  // namespace upstander::media
