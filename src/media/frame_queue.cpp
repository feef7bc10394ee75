#include "frame_queue.hpp"

#include <cassert>

namespace upstander::media {

FrameQueue::FrameQueue(int max_size, bool keep_last)
    : max_size_(max_size), keep_last_(keep_last), slots_(static_cast<std::size_t>(max_size)) {
    assert(max_size > 0);
    for (auto& s : slots_) s.frame = make_frame();
}

DecodedFrame* FrameQueue::peek_writable() {
    std::unique_lock lock(mutex_);
    cond_.wait(lock, [&] { return aborted_ || size_ < max_size_; });
    if (aborted_) return nullptr;
    return &slots_[static_cast<std::size_t>(windex_)];
}

void FrameQueue::push() {
    if (++windex_ == max_size_) windex_ = 0;
    {
        std::lock_guard lock(mutex_);
        size_++;
    }
    cond_.notify_all();
}

DecodedFrame* FrameQueue::peek() {
    std::lock_guard lock(mutex_);
    return &slots_[static_cast<std::size_t>((rindex_ + rindex_shown_) % max_size_)];
}

DecodedFrame* FrameQueue::peek_next() {
    std::lock_guard lock(mutex_);
    return &slots_[static_cast<std::size_t>((rindex_ + rindex_shown_ + 1) % max_size_)];
}

DecodedFrame* FrameQueue::peek_last() { return &slots_[static_cast<std::size_t>(rindex_)]; }

DecodedFrame* FrameQueue::peek_readable(std::chrono::microseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!cond_.wait_for(lock, timeout, [&] { return aborted_ || size_ - rindex_shown_ > 0; })) return nullptr;
    if (aborted_) return nullptr;
    return &slots_[static_cast<std::size_t>((rindex_ + rindex_shown_) % max_size_)];
}

void FrameQueue::next() {
    {
        std::lock_guard lock(mutex_);
        if (keep_last_ && !rindex_shown_) {
            rindex_shown_ = 1;
        } else {
            av_frame_unref(slots_[static_cast<std::size_t>(rindex_)].frame.get());
            if (++rindex_ == max_size_) rindex_ = 0;
            size_--;
        }
    }
    cond_.notify_all();
    if (on_next_) on_next_();
}

int FrameQueue::remaining() const {
    std::lock_guard lock(mutex_);
    return size_ - rindex_shown_;
}

bool FrameQueue::last_shown() const {
    std::lock_guard lock(mutex_);
    return rindex_shown_ != 0;
}

void FrameQueue::abort() {
    {
        std::lock_guard lock(mutex_);
        aborted_ = true;
    }
    cond_.notify_all();
}

}  // namespace upstander::media
