#pragma once
// A small ring of decoded frames between a decoder thread (writer) and its consumer (the main thread
// for video, the SDL audio callback for audio), after ffplay. With keep_last, the frame most recently
// taken stays readable (peek_last) so the picture on screen can be redrawn or re-uploaded.
//
// Threading: one writer and one reader. The writer fills the slot returned by peek_writable() and then
// calls push(); the reader uses peek*/next(). Slot contents are handed over through mutex_ (size_), so
// neither side touches a slot the other owns.

#include "av_ptr.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace upstander::media {

struct DecodedFrame {
    FramePtr frame;          // the decoded picture or samples (unreferenced when the slot is empty)
    int serial = 0;          // packet queue serial the frame was decoded from
    double pts = 0;          // presentation time, seconds (NaN when unknown)
    double duration = 0;     // nominal duration, seconds
};

class FrameQueue {
public:
    FrameQueue(int max_size, bool keep_last);

    // Writer. Blocks until a slot is free; nullptr after abort().
    DecodedFrame* peek_writable();
    void push();

    // Reader. Valid only when remaining() says there is such a frame.
    DecodedFrame* peek();       // the next frame to show
    DecodedFrame* peek_next();  // the one after it
    DecodedFrame* peek_last();  // the frame shown most recently (keep_last)
    // Waits up to `timeout` for a frame; nullptr on timeout or abort.
    DecodedFrame* peek_readable(std::chrono::microseconds timeout);
    void next();  // done with peek(): it becomes the "last" frame

    int remaining() const;     // frames not yet shown
    bool last_shown() const;   // true once next() has been called at least once since the queue filled

    void abort();              // wakes both sides; peek_writable/peek_readable return nullptr
    void set_on_next(std::function<void()> fn) { on_next_ = std::move(fn); }  // set before threads start

private:
    const int max_size_;
    const bool keep_last_;
    std::vector<DecodedFrame> slots_;
    int rindex_ = 0;           // reader only
    int windex_ = 0;           // writer only
    mutable std::mutex mutex_;
    std::condition_variable cond_;
    int size_ = 0;             // guarded by mutex_
    int rindex_shown_ = 0;     // guarded by mutex_ (written by the reader)
    bool aborted_ = false;     // guarded by mutex_
    std::function<void()> on_next_;
};

}  // namespace upstander::media
