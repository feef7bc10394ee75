#pragma once
// A packet queue between the read thread and one decoder thread, after ffplay. Every packet carries
// the queue's serial at the time it was queued; flush() (seek, restart, loop) bumps the serial so
// that decoders can recognise and discard packets from before the flush.

#include "av_ptr.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>

namespace upstander::media {

class PacketQueue {
public:
    PacketQueue();

    // Appends a packet (takes its contents). A packet with no data (size 0) is the end-of-stream marker
    // that makes the decoder drain. Returns false when the queue has been aborted.
    bool put(AVPacket* pkt);
    bool put_end_of_stream(int stream_index);

    // Drops every packet and starts a new serial. Frames of the new serial that end before
    // `drop_before` (seconds, NaN for none) are discarded by the decoder, which makes seeks exact.
    void flush(double drop_before);

    enum class GetResult { Packet, Empty, Aborted };
    // Moves the oldest packet into `out`. When `block` is set, waits until there is one (or abort).
    GetResult get(AVPacket* out, int& serial, bool block);

    void abort();  // wakes every waiter; all later calls return at once
    bool aborted() const { return aborted_.load(); }

    int serial() const { return serial_.load(); }
    const std::atomic<int>* serial_ptr() const { return &serial_; }
    // The drop-before time of `serial`, NaN when none or when `serial` is no longer current.
    double drop_before(int serial) const;

    int packet_count() const;
    std::int64_t byte_size() const;
    // Total duration of queued packets, in units of the stream time base.
    std::int64_t duration_ticks() const;

    // Called (from the decoder thread, without the queue lock) after a packet is taken, so the read
    // thread can refill without polling. Set before any thread starts.
    void set_on_take(std::function<void()> fn) { on_take_ = std::move(fn); }

private:
    struct Item {
        PacketPtr pkt;
        int serial = 0;
    };

    mutable std::mutex mutex_;
    std::condition_variable cond_;
    std::deque<Item> items_;          // guarded by mutex_
    std::int64_t bytes_ = 0;          // guarded by mutex_
    std::int64_t duration_ = 0;       // guarded by mutex_
    double drop_before_;              // guarded by mutex_, belongs to the current serial
    std::atomic<int> serial_{0};      // written under mutex_, read anywhere
    std::atomic<bool> aborted_{false};
    std::function<void()> on_take_;   // immutable once threads run
};

}  // namespace upstander::media
