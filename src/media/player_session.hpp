#pragma once
// Internal to the player: the state of one open clip (Player::Session) and the decoder it uses, shared
// by the files that make up the player, one per thread that runs their code:
//   player.cpp          the public API (main thread)
//   player_core.cpp     opening, the read thread ("media-read") and the decoder threads
//                       ("media-vdec", "media-adec", "media-sdec")
//   player_audio.cpp    the SDL audio device and its callback (SDL's audio thread)
//   player_display.cpp  choosing the frame that is due and uploading it into a texture (main thread)
// Ownership of each field is noted where it is declared; debug builds assert it where it is cheap to
// (the main thread in every public Player function, the read thread and the audio callback thread in
// the functions only they may run).

#include "player.hpp"

#include "av_ptr.hpp"
#include "captions.hpp"
#include "frame_queue.hpp"
#include "media_file.hpp"
#include "packet_queue.hpp"
#include "video_sync.hpp"

#include <SDL2/SDL.h>

#include <atomic>
#include <cassert>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

// [SECTION] Clang thread-safety annotations
// Clang checks at compile time (-Wthread-safety, on for clang builds of this library) that the fields
// marked UPSTANDER_GUARDED_BY are touched only with their mutex held. Other compilers ignore them.
#if defined(__clang__)
#define UPSTANDER_TSA(x) __attribute__((x))
#else
#define UPSTANDER_TSA(x)
#endif
#define UPSTANDER_GUARDED_BY(m) UPSTANDER_TSA(guarded_by(m))
#define UPSTANDER_REQUIRES(m) UPSTANDER_TSA(requires_capability(m))

namespace upstander::media::player_detail {

// A std::mutex that the analysis knows about, and its scoped lock.
class UPSTANDER_TSA(capability("mutex")) Mutex {
public:
    void lock() UPSTANDER_TSA(acquire_capability()) { m_.lock(); }
    void unlock() UPSTANDER_TSA(release_capability()) { m_.unlock(); }

private:
    std::mutex m_;
};

class UPSTANDER_TSA(scoped_lockable) Lock {
public:
    explicit Lock(Mutex& m) UPSTANDER_TSA(acquire_capability(m)) : m_(m) { m_.lock(); }
    ~Lock() UPSTANDER_TSA(release_capability()) { m_.unlock(); }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

private:
    Mutex& m_;
};

constexpr int kMinQueuedPackets = 25;              // ffplay MIN_FRAMES
constexpr std::int64_t kMaxQueueBytes = 15 << 20;  // ffplay MAX_QUEUE_SIZE
constexpr int kAudioMinBufferSamples = 512;
constexpr int kAudioMaxCallbacksPerSecond = 30;

void set_thread_name(const char* name);

// SDL 2.26 keeps its open-device table without a lock, and players open devices from their read
// threads (a preloading player while another plays), so opens and closes are serialised here.
std::mutex& sdl_audio_mutex();

// Keeps the samples of `frame` from sample `offset` on, `count` samples long, in a new frame.
FramePtr slice_audio(const AVFrame* frame, int offset, int count);

// One decoder and its input queue, after ffplay's Decoder. Owned by its decoder thread once started;
// `finished` is read by the read thread.
struct Decoder {
    CodecContextPtr codec;
    PacketQueue* queue = nullptr;
    PacketPtr pkt = make_packet();
    int pkt_serial = -1;
    bool packet_pending = false;
    std::atomic<int> finished{0};  // serial whose end of stream has been fully drained, 0 when none

    // 1: got a frame; 0: nothing (drained or skipped); -1: aborted.
    int decode_frame(AVFrame* frame) {
        for (;;) {
            if (queue->serial() == pkt_serial) {
                for (;;) {
                    if (queue->aborted()) return -1;
                    int ret = avcodec_receive_frame(codec.get(), frame);
                    if (ret >= 0) return 1;
                    if (ret == AVERROR_EOF) {
                        finished = pkt_serial;
                        avcodec_flush_buffers(codec.get());
                        return 0;
                    }
                    if (ret == AVERROR(EAGAIN)) break;
                    // Any other error is one bad frame; the decoder conceals it and carries on.
                }
            }
            if (!next_packet()) return -1;
            if (pkt->size == 0 && !pkt->data && codec->codec_type == AVMEDIA_TYPE_SUBTITLE) {
                finished = pkt_serial;
                av_packet_unref(pkt.get());
                return 0;
            }
            if (codec->codec_type == AVMEDIA_TYPE_SUBTITLE) return 2;  // caller decodes subtitles itself
            if (avcodec_send_packet(codec.get(), pkt.get()) == AVERROR(EAGAIN))
                packet_pending = true;  // the decoder is full: receive first, then resend
            else
                av_packet_unref(pkt.get());
        }
    }

    // Takes the next packet of the current serial; flushes the codec when the serial changes.
    bool next_packet() {
        for (;;) {
            if (packet_pending) {
                packet_pending = false;
            } else {
                int old_serial = pkt_serial;
                if (queue->get(pkt.get(), pkt_serial, true) != PacketQueue::GetResult::Packet) return false;
                if (old_serial != pkt_serial) {
                    avcodec_flush_buffers(codec.get());
                    finished = 0;
                }
            }
            if (queue->serial() == pkt_serial) return true;
            av_packet_unref(pkt.get());
        }
    }
};

}  // namespace upstander::media::player_detail

namespace upstander::media {

// [SECTION] Session: everything for one open file
// Ownership: fields marked "read thread" are written only by media-read (before it starts the
// decoders, or never touched by others). "main" fields belong to the main thread. Atomics and
// mutex-guarded fields are shared, as noted.
struct Player::Session {
    Session(Player* owner, std::filesystem::path file, const OpenOptions& opts, const PlayerConfig& config);
    ~Session() { stop(); }
    void start() { read_thread = std::thread([this] { read_main(); }); }
    void stop();

    // Immutable after construction.
    Player* const owner;
    const std::filesystem::path path;
    const OpenOptions options;
    const TimeSource time;
    const std::uint32_t wake_type;
    const bool want_audio_output;
    const bool untimed;

    // Shared, self-synchronised.
    std::atomic<bool> abort{false};
    PacketQueue videoq, audioq, subq;
    FrameQueue pictq{3, true};
    FrameQueue sampq{9, true};
    SyncClocks clocks;
    CaptionTrack captions;
    std::atomic<bool> paused{true};
    std::atomic<bool> ever_played{false};
    std::atomic<int> volume{SDL_MIX_MAXVOLUME};  // 0..SDL_MIX_MAXVOLUME, 0 when muted
    std::atomic<bool> first_frame_ready{false};
    std::atomic<bool> ended{false};
    std::atomic<bool> failed{false};
    std::atomic<long> frames_decoded{0};
    std::atomic<long> early_drops{0};
    std::atomic<bool> event_pushed{false};  // one SDL wake event outstanding at most

    // Published by the read thread once the streams are open; guarded by info_mutex.
    mutable player_detail::Mutex info_mutex;
    bool has_video UPSTANDER_GUARDED_BY(info_mutex) = false;
    bool has_audio UPSTANDER_GUARDED_BY(info_mutex) = false;
    bool audio_active UPSTANDER_GUARDED_BY(info_mutex) = false;
    double origin UPSTANDER_GUARDED_BY(info_mutex) = 0;  // file start time (seconds); API times are relative to it
    double duration UPSTANDER_GUARDED_BY(info_mutex) = 0;           // seconds, 0 when unknown
    double range_start UPSTANDER_GUARDED_BY(info_mutex) = 0;        // relative seconds
    double range_end UPSTANDER_GUARDED_BY(info_mutex) = 0;
    double max_frame_duration UPSTANDER_GUARDED_BY(info_mutex) = 3600.0;
    int rotation UPSTANDER_GUARDED_BY(info_mutex) = 0;
    AVRational stream_sar UPSTANDER_GUARDED_BY(info_mutex){0, 1};
    std::optional<MediaError> error UPSTANDER_GUARDED_BY(info_mutex);
    std::optional<std::string> captions_error UPSTANDER_GUARDED_BY(info_mutex);
    bool captions_present UPSTANDER_GUARDED_BY(info_mutex) = false;

    // Wake-up of waiters in wait_for_wake(); guarded by wake_mutex.
    std::mutex wake_mutex;
    std::condition_variable wake_cv;
    bool wake_pending = false;

    // Requests to the read thread; guarded by control_mutex.
    std::mutex control_mutex;
    std::condition_variable control_cv;
    bool read_wake = false;
    bool seek_request = false;
    double seek_target = 0;  // raw stream seconds

    // Read thread.
    OpenedInput input;
    player_detail::Decoder vdec, adec, sdec;
    AVRational video_frame_rate{0, 1};
    SDL_AudioDeviceID audio_dev = 0;  // read by the main thread only after joining the read thread
    std::thread read_thread;                                  // main
    std::thread video_thread, audio_thread, subtitle_thread;  // started by read, joined by main after read

    // Audio output format, set by the read thread before the device starts, then read-only.
    struct AudioTarget {
        int freq = 0;
        int channels = 0;
        AVSampleFormat format = AV_SAMPLE_FMT_NONE;
        SDL_AudioFormat sdl_format = 0;
        Uint8 silence = 0;
        int frame_size = 0;       // bytes per sample frame (all channels)
        int bytes_per_sec = 0;
        int hw_buf_size = 0;      // bytes in one device buffer
    } audio_target;
    // SDL audio thread (the callback) only.
    SwrContextPtr swr;
    int swr_in_rate = 0;
    int swr_in_format = -1;
    AVChannelLayout swr_in_layout{};
    std::vector<std::uint8_t> audio_buf;
    std::size_t audio_buf_size = 0, audio_buf_index = 0;
    bool audio_buf_silent = true;
    double audio_clock = NAN;
    int audio_clock_serial = -1;

    // Who runs what, for the debug checks: each id is written once by its own thread when it starts.
    std::thread::id read_thread_id;     // read thread only
    std::thread::id audio_callback_id;  // SDL audio thread only
    void assert_read_thread() const { assert(std::this_thread::get_id() == read_thread_id); }

    // Main thread.
    VideoScheduler scheduler;
    double pending_position = NAN;  // relative seconds of the last seek, shown until the clock catches up

    // Threads' bodies.
    void read_main();
    void video_main();
    void audio_main();
    void subtitle_main();
    static void audio_callback(void* self, Uint8* stream, int len) {
        static_cast<Session*>(self)->fill_audio(stream, len);
    }
    void fill_audio(Uint8* stream, int len);
    int audio_decode_frame();
    bool open_audio_device(const AVCodecContext* codec);

    void fail(MediaError e);
    void wake(WakeReason reason, bool push_event = true);
    void wake_read_thread() {
        {
            std::lock_guard lock(control_mutex);
            read_wake = true;
        }
        control_cv.notify_all();
    }
    bool queues_full();
    double raw(double relative) const UPSTANDER_REQUIRES(info_mutex) { return relative + origin; }
};

}  // namespace upstander::media
