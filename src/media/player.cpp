#include "player.hpp"

#include "av_ptr.hpp"
#include "captions.hpp"
#include "frame_queue.hpp"
#include "media_file.hpp"
#include "packet_queue.hpp"
#include "video_sync.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/samplefmt.h>
}

#include <SDL2/SDL.h>
#include <pthread.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

namespace upstander::media {

namespace {

// [SECTION] Helpers

constexpr int kMinQueuedPackets = 25;              // ffplay MIN_FRAMES
constexpr std::int64_t kMaxQueueBytes = 15 << 20;  // ffplay MAX_QUEUE_SIZE
constexpr int kAudioMinBufferSamples = 512;
constexpr int kAudioMaxCallbacksPerSecond = 30;

void set_thread_name(const char* name) { pthread_setname_np(pthread_self(), name); }

// SDL 2.26 keeps its open-device table without a lock, and players open devices from their read
// threads (a preloading player while another plays), so opens and closes are serialised here.
std::mutex& sdl_audio_mutex() {
    static std::mutex m;
    return m;
}

AVSampleFormat sample_format_for(SDL_AudioFormat f) {
    switch (f) {
        case AUDIO_U8: return AV_SAMPLE_FMT_U8;
        case AUDIO_S16SYS: return AV_SAMPLE_FMT_S16;
        case AUDIO_S32SYS: return AV_SAMPLE_FMT_S32;
        case AUDIO_F32SYS: return AV_SAMPLE_FMT_FLT;
        default: return AV_SAMPLE_FMT_NONE;
    }
}

struct RgbFormat {
    Uint32 sdl;
    AVPixelFormat av;
};
constexpr RgbFormat kRgbFormats[] = {
    {SDL_PIXELFORMAT_ARGB8888, AV_PIX_FMT_RGB32},
    {SDL_PIXELFORMAT_ABGR8888, AV_PIX_FMT_BGR32},
    {SDL_PIXELFORMAT_RGBA8888, AV_PIX_FMT_RGB32_1},
    {SDL_PIXELFORMAT_BGRA8888, AV_PIX_FMT_BGR32_1},
};

RgbFormat rgb_format_for(SDL_Renderer* renderer) {
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(renderer, &info) == 0) {
        for (Uint32 i = 0; i < info.num_texture_formats; ++i)
            for (const auto& f : kRgbFormats)
                if (f.sdl == info.texture_formats[i]) return f;
    }
    return kRgbFormats[0];  // SDL converts when the renderer lacks it
}

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

// Keeps the samples of `frame` from sample `offset` on, `count` samples long, in a new frame.
FramePtr slice_audio(const AVFrame* frame, int offset, int count) {
    FramePtr out = make_frame();
    if (!out) return out;
    out->format = frame->format;
    out->sample_rate = frame->sample_rate;
    if (av_channel_layout_copy(&out->ch_layout, &frame->ch_layout) < 0) return nullptr;
    out->nb_samples = count;
    if (av_frame_get_buffer(out.get(), 0) < 0) return nullptr;
    av_samples_copy(out->extended_data, frame->extended_data, 0, offset, count, frame->ch_layout.nb_channels,
                    static_cast<AVSampleFormat>(frame->format));
    return out;
}

}  // namespace

std::uint32_t register_wake_event_type() {
    // An event type is a process-wide constant once registered, like SDL's own types.
    static const std::uint32_t type = SDL_RegisterEvents(1);
    return type == static_cast<std::uint32_t>(-1) ? 0 : type;
}

const char* to_string(PlayerStatus s) {
    switch (s) {
        case PlayerStatus::Idle: return "idle";
        case PlayerStatus::Opening: return "opening";
        case PlayerStatus::Ready: return "ready";
        case PlayerStatus::Playing: return "playing";
        case PlayerStatus::Paused: return "paused";
        case PlayerStatus::Ended: return "ended";
        case PlayerStatus::Failed: return "failed";
    }
    return "?";
}

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
    mutable std::mutex info_mutex;
    bool has_video = false, has_audio = false, audio_active = false;
    double origin = 0;            // file start time (seconds); API times are relative to it
    double duration = 0;          // seconds, 0 when unknown
    double range_start = 0, range_end = 0;  // relative seconds
    double max_frame_duration = 3600.0;
    int rotation = 0;
    AVRational stream_sar{0, 1};
    std::optional<MediaError> error;
    std::optional<std::string> captions_error;
    bool captions_present = false;

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
    Decoder vdec, adec, sdec;
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
    double raw(double relative) const { return relative + origin; }
};

Player::Session::Session(Player* owner_, std::filesystem::path file, const OpenOptions& opts,
                         const PlayerConfig& config)
    : owner(owner_),
      path(std::move(file)),
      options(opts),
      time(config.time ? config.time : steady_time_source()),
      wake_type(config.wake_event_type),
      want_audio_output(config.audio_output && !config.untimed),
      untimed(config.untimed),
      clocks(time, audioq.serial_ptr(), videoq.serial_ptr()) {
    auto refill = [this] { wake_read_thread(); };
    videoq.set_on_take(refill);
    audioq.set_on_take(refill);
    subq.set_on_take(refill);
    pictq.set_on_next(refill);
    sampq.set_on_next(refill);
    vdec.queue = &videoq;
    adec.queue = &audioq;
    sdec.queue = &subq;
    paused = !opts.autoplay;
    ever_played = opts.autoplay;
    clocks.set_paused(paused);
}

void Player::Session::stop() {
    // abort -> signal -> join -> free (the members' destructors free).
    abort = true;
    videoq.abort();
    audioq.abort();
    subq.abort();
    pictq.abort();
    sampq.abort();
    wake_read_thread();
    if (read_thread.joinable()) read_thread.join();
    if (audio_dev) {
        std::lock_guard lock(sdl_audio_mutex());
        SDL_CloseAudioDevice(audio_dev);  // waits for the callback to return
        audio_dev = 0;
    }
    for (std::thread* t : {&video_thread, &audio_thread, &subtitle_thread})
        if (t->joinable()) t->join();
    av_channel_layout_uninit(&swr_in_layout);
}

void Player::Session::wake(WakeReason reason, bool push_event) {
    {
        std::lock_guard lock(wake_mutex);
        wake_pending = true;
    }
    wake_cv.notify_all();
    if (push_event && wake_type != 0 && !event_pushed.exchange(true)) {
        SDL_Event ev{};
        ev.type = wake_type;
        ev.user.code = static_cast<Sint32>(reason);
        ev.user.data1 = owner;
        if (SDL_PushEvent(&ev) <= 0) event_pushed = false;
    }
}

void Player::Session::fail(MediaError e) {
    {
        std::lock_guard lock(info_mutex);
        if (!error) error = std::move(e);
    }
    failed = true;
    wake(WakeReason::Failed);
}

// [SECTION] Read thread
bool Player::Session::queues_full() {
    auto enough = [&](const PacketQueue& q, int stream, bool active) {
        if (stream < 0 || !active) return true;
        const AVStream* st = input.format->streams[stream];
        double seconds = static_cast<double>(q.duration_ticks()) * av_q2d(st->time_base);
        return q.packet_count() > kMinQueuedPackets && (q.duration_ticks() == 0 || seconds > 1.0);
    };
    bool audio_in_use;
    {
        std::lock_guard lock(info_mutex);
        audio_in_use = audio_active;
    }
    if (videoq.byte_size() + audioq.byte_size() + subq.byte_size() > kMaxQueueBytes) return true;
    return enough(videoq, input.video, true) && enough(audioq, input.audio, audio_in_use);
}

void Player::Session::read_main() {
    set_thread_name("media-read");
    OpenInputResult opened = open_input(path, &abort);
    if (opened.error) {
        if (!abort) fail(*opened.error);
        return;
    }
    input = std::move(opened.input);
    AVFormatContext* ic = input.format.get();

    double file_origin = ic->start_time != AV_NOPTS_VALUE ? static_cast<double>(ic->start_time) / AV_TIME_BASE : 0.0;
    double file_duration =
        ic->duration != AV_NOPTS_VALUE && ic->duration > 0 ? static_cast<double>(ic->duration) / AV_TIME_BASE : 0.0;
    double start = std::max(0.0, options.start_seconds);
    double end = file_duration > 0 ? file_duration : std::numeric_limits<double>::infinity();
    if (options.end_seconds) end = std::min(end, *options.end_seconds);
    if (file_duration > 0 && start >= file_duration) {
        fail({path.string(), "the start time (" + std::to_string(start) + " s) is after the end of the clip (" +
                                 std::to_string(file_duration) + " s); fix \"start\" in the step"});
        return;
    }
    if (end <= start) {
        fail({path.string(), "the end time is not after the start time; fix \"start\"/\"end\" in the step"});
        return;
    }

    // Decoders. A stream we cannot decode is an error: a clip without its sound is not the clip.
    for (int idx : {input.video, input.audio}) {
        if (idx < 0) continue;
        OpenDecoderResult dec = open_decoder(path, ic->streams[idx]);
        if (dec.error) {
            fail(*dec.error);
            return;
        }
        (idx == input.video ? vdec : adec).codec = std::move(dec.codec);
    }
    bool use_embedded = false;
    std::optional<std::string> caption_problem;
    if (!options.captions.empty()) {
        CaptionFile cf = load_caption_file(options.captions);
        if (cf.error) caption_problem = cf.error;
        else captions.add_all(std::move(cf.cues));
    }
    if ((options.captions.empty() || caption_problem) && input.subtitle >= 0) {
        OpenDecoderResult dec = open_decoder(path, ic->streams[input.subtitle]);
        if (dec.codec) {
            sdec.codec = std::move(dec.codec);
            use_embedded = true;
        }
    }
    if (input.video >= 0) {
        video_frame_rate = av_guess_frame_rate(ic, ic->streams[input.video], nullptr);
    }
    bool audio_on = false;
    if (adec.codec && want_audio_output) audio_on = open_audio_device(adec.codec.get());
    clocks.audio_master = audio_on;
    {
        std::lock_guard lock(info_mutex);
        has_video = input.video >= 0;
        has_audio = input.audio >= 0;
        audio_active = audio_on || (untimed && input.audio >= 0);
        origin = file_origin;
        duration = file_duration;
        range_start = start;
        range_end = std::isfinite(end) ? end : file_duration;
        max_frame_duration = (ic->iformat->flags & AVFMT_TS_DISCONT) ? 10.0 : 3600.0;
        if (has_video) {
            rotation = stream_rotation(ic->streams[input.video]);
            stream_sar = av_guess_sample_aspect_ratio(ic, ic->streams[input.video], nullptr);
        }
        captions_error = caption_problem;
        captions_present = captions.size() > 0 || use_embedded;
    }
    wake(WakeReason::Opened);

    // Start every queue on a fresh serial, at the trimmed start.
    double start_raw = raw(start);
    double drop_before = start > 0 ? start_raw : NAN;
    videoq.flush(drop_before);
    audioq.flush(drop_before);
    subq.flush(NAN);
    clocks.external.set(start_raw, 0);
    if (start > 0) {
        auto ts = static_cast<std::int64_t>(start_raw * AV_TIME_BASE);
        avformat_seek_file(ic, -1, INT64_MIN, ts, ts, 0);
    }
    if (vdec.codec) video_thread = std::thread([this] { video_main(); });
    if (adec.codec && (audio_on || untimed)) audio_thread = std::thread([this] { audio_main(); });
    if (sdec.codec) subtitle_thread = std::thread([this] { subtitle_main(); });
    if (audio_on) SDL_PauseAudioDevice(audio_dev, 0);  // plays silence while paused

    const double end_raw = std::isfinite(end) ? raw(end) : std::numeric_limits<double>::infinity();
    // Sound we cannot output and no picture: nothing to decode; the system clock runs the range.
    const bool nothing_to_read = input.video < 0 && !audio_on && !untimed;
    if (nothing_to_read && !first_frame_ready.exchange(true)) wake(WakeReason::FirstFrame);
    const bool has_end = std::isfinite(end) && (file_duration <= 0 || end < file_duration);
    PacketPtr pkt = make_packet();
    bool eof = false;
    bool video_past_end = false, audio_past_end = false;
    auto send_end_of_stream = [&] {
        if (input.video >= 0) videoq.put_end_of_stream(input.video);
        if (audio_on || untimed) audioq.put_end_of_stream(input.audio);
        if (use_embedded) subq.put_end_of_stream(input.subtitle);
        eof = true;
    };

    while (!abort) {
        // Seek requests (from the API, or our own loop).
        bool do_seek = false;
        double target = 0;
        {
            std::unique_lock lock(control_mutex);
            if (seek_request) {
                do_seek = true;
                target = seek_target;
                seek_request = false;
            }
        }
        if (do_seek) {
            auto ts = static_cast<std::int64_t>(target * AV_TIME_BASE);
            if (avformat_seek_file(ic, -1, INT64_MIN, ts, ts, 0) < 0)
                av_seek_frame(ic, -1, ts, AVSEEK_FLAG_BACKWARD);
            videoq.flush(target);
            audioq.flush(target);
            subq.flush(NAN);
            clocks.external.set(target, 0);
            eof = false;
            video_past_end = audio_past_end = false;
            ended = false;
            wake(WakeReason::NewFrame);
            continue;
        }

        if (eof) {
            bool video_done = input.video < 0 || (vdec.finished == videoq.serial() && pictq.remaining() == 0);
            bool audio_done;
            if (audio_on) audio_done = adec.finished == audioq.serial() && sampq.remaining() == 0;
            else if (untimed) audio_done = input.audio < 0 || adec.finished == audioq.serial();
            else audio_done = input.video >= 0 || clocks.external.get() >= end_raw || !std::isfinite(end_raw);
            if ((!paused || untimed) && video_done && audio_done) {
                if (!first_frame_ready) {
                    fail({path.string(), "no picture or sound could be decoded; the file is probably truncated "
                                         "or damaged"});
                    return;
                }
                if (options.loop && !untimed) {
                    std::lock_guard lock(control_mutex);
                    seek_request = true;
                    seek_target = start_raw;
                    continue;
                }
                if (!ended.exchange(true)) wake(WakeReason::Ended);
            }
        }
        if (nothing_to_read) eof = true;
        if (eof || queues_full()) {
            std::unique_lock lock(control_mutex);
            control_cv.wait_for(lock, std::chrono::milliseconds(eof ? 20 : 100),
                                [&] { return read_wake || seek_request || abort.load(); });
            read_wake = false;
            continue;
        }

        int ret = av_read_frame(ic, pkt.get());
        if (ret < 0) {
            if (ret == AVERROR_EXIT || abort) break;
            send_end_of_stream();  // end of file, or an I/O error: play what we have
            continue;
        }
        const AVStream* st = ic->streams[pkt->stream_index];
        if (has_end && (pkt->stream_index == input.video || pkt->stream_index == input.audio)) {
            std::int64_t ts = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts;
            if (ts != AV_NOPTS_VALUE && static_cast<double>(ts) * av_q2d(st->time_base) > end_raw) {
                (pkt->stream_index == input.video ? video_past_end : audio_past_end) = true;
                av_packet_unref(pkt.get());
                bool all_past = (input.video < 0 || video_past_end) && (!(audio_on || untimed) || audio_past_end);
                if (all_past) send_end_of_stream();
                continue;
            }
        }
        if (pkt->stream_index == input.video)
            videoq.put(pkt.get());
        else if (pkt->stream_index == input.audio && (audio_on || untimed))
            audioq.put(pkt.get());
        else if (pkt->stream_index == input.subtitle && use_embedded)
            subq.put(pkt.get());
        av_packet_unref(pkt.get());
    }
}

// [SECTION] Decoder threads
void Player::Session::video_main() {
    set_thread_name("media-vdec");
    FramePtr frame = make_frame();
    const AVStream* st = input.format->streams[input.video];
    const AVRational tb = st->time_base;
    const double nominal = video_frame_rate.num && video_frame_rate.den ? av_q2d(av_inv_q(video_frame_rate)) : 0.0;
    double end_raw;
    {
        std::lock_guard lock(info_mutex);
        end_raw = options.end_seconds ? raw(range_end) : std::numeric_limits<double>::infinity();
    }
    for (;;) {
        int got = vdec.decode_frame(frame.get());
        if (got < 0) break;
        if (got == 0) continue;
        frames_decoded++;
        const int serial = vdec.pkt_serial;
        const double pts =
            frame->best_effort_timestamp == AV_NOPTS_VALUE ? NAN : static_cast<double>(frame->best_effort_timestamp) * av_q2d(tb);
        double frame_duration = nominal;
        if (frame->pkt_duration > 0) frame_duration = static_cast<double>(frame->pkt_duration) * av_q2d(tb);
        const double drop_before = videoq.drop_before(serial);
        bool drop = false;
        if (!std::isnan(pts)) {
            if (!std::isnan(drop_before) && pts + frame_duration <= drop_before + 1e-4) drop = true;  // before a seek target
            if (pts >= end_raw - 1e-4) drop = true;                                           // trimmed off the end
            if (!drop && !untimed && clocks.audio_master && serial == clocks.video.serial() && !paused &&
                videoq.packet_count() > 0) {
                double diff = pts - clocks.master();
                if (!std::isnan(diff) && std::fabs(diff) < kNoSyncThreshold && diff < 0) {
                    early_drops++;  // already late: skip it before it costs an upload
                    drop = true;
                }
            }
        }
        if (drop) {
            av_frame_unref(frame.get());
            continue;
        }
        bool was_empty = pictq.remaining() == 0;
        DecodedFrame* slot = pictq.peek_writable();
        if (!slot) break;
        av_frame_move_ref(slot->frame.get(), frame.get());
        slot->serial = serial;
        slot->pts = pts;
        slot->duration = frame_duration;
        pictq.push();
        // Waiters in wait_for_wake() hear of every frame; the UI loop gets an SDL event only when it may be
        // idling on an empty queue (otherwise update()'s returned wait time already covers it).
        if (!first_frame_ready.exchange(true)) wake(WakeReason::FirstFrame);
        else wake(WakeReason::NewFrame, was_empty);
    }
}

void Player::Session::audio_main() {
    set_thread_name("media-adec");
    FramePtr frame = make_frame();
    std::int64_t next_pts = AV_NOPTS_VALUE;
    int last_serial = -1;
    double end_raw;
    {
        std::lock_guard lock(info_mutex);
        end_raw = options.end_seconds ? raw(range_end) : std::numeric_limits<double>::infinity();
    }
    for (;;) {
        int got = adec.decode_frame(frame.get());
        if (got < 0) break;
        if (got == 0) continue;
        const int serial = adec.pkt_serial;
        if (serial != last_serial) next_pts = AV_NOPTS_VALUE;
        last_serial = serial;
        const int rate = frame->sample_rate;
        if (rate <= 0 || frame->nb_samples <= 0) {
            av_frame_unref(frame.get());
            continue;
        }
        const AVRational tb{1, rate};
        std::int64_t pts = AV_NOPTS_VALUE;
        if (frame->pts != AV_NOPTS_VALUE) pts = av_rescale_q(frame->pts, adec.codec->pkt_timebase, tb);
        else if (next_pts != AV_NOPTS_VALUE) pts = next_pts;
        if (pts != AV_NOPTS_VALUE) next_pts = pts + frame->nb_samples;
        double pts_s = pts == AV_NOPTS_VALUE ? NAN : static_cast<double>(pts) / rate;
        double dur = static_cast<double>(frame->nb_samples) / rate;

        FramePtr sliced;
        const AVFrame* use = frame.get();
        if (!std::isnan(pts_s)) {
            const double drop_before = audioq.drop_before(serial);
            int first = 0, count = frame->nb_samples;
            if (!std::isnan(drop_before) && pts_s < drop_before)
                first = static_cast<int>(std::min<double>(count, std::lround((drop_before - pts_s) * rate)));
            if (pts_s + dur > end_raw)
                count = static_cast<int>(std::max<double>(0, std::lround((end_raw - pts_s) * rate)));
            if (first >= count) {
                av_frame_unref(frame.get());
                continue;
            }
            if (first > 0 || count < frame->nb_samples) {
                sliced = slice_audio(frame.get(), first, count - first);
                if (!sliced) {
                    av_frame_unref(frame.get());
                    continue;
                }
                use = sliced.get();
                pts_s += static_cast<double>(first) / rate;
                dur = static_cast<double>(count - first) / rate;
            }
        }
        frames_decoded += input.video < 0 ? 1 : 0;
        if (untimed) {  // benchmark: decoded and discarded, like ffmpeg -f null
            av_frame_unref(frame.get());
            if (input.video < 0 && !first_frame_ready.exchange(true)) wake(WakeReason::FirstFrame);
            continue;
        }
        DecodedFrame* slot = sampq.peek_writable();
        if (!slot) break;
        if (use == frame.get()) av_frame_move_ref(slot->frame.get(), frame.get());
        else {
            av_frame_move_ref(slot->frame.get(), sliced.get());
            av_frame_unref(frame.get());
        }
        slot->serial = serial;
        slot->pts = pts_s;
        slot->duration = dur;
        sampq.push();
        if (input.video < 0 && !first_frame_ready.exchange(true)) wake(WakeReason::FirstFrame);
    }
}

void Player::Session::subtitle_main() {
    set_thread_name("media-sdec");
    FramePtr unused = make_frame();
    double base;
    {
        std::lock_guard lock(info_mutex);
        base = origin;
    }
    for (;;) {
        int got = sdec.decode_frame(unused.get());
        if (got < 0) break;
        if (got != 2) continue;
        SubtitleGuard sub;
        int has = 0;
        if (avcodec_decode_subtitle2(sdec.codec.get(), sub.get(), &has, sdec.pkt.get()) >= 0 && has)
            captions.add_all(cues_from_subtitle(*sub.get(), base));
        av_packet_unref(sdec.pkt.get());
    }
}

// [SECTION] Audio output (SDL audio thread)
bool Player::Session::open_audio_device(const AVCodecContext* codec) {
    if (!SDL_WasInit(SDL_INIT_AUDIO)) return false;
    SDL_AudioSpec wanted{}, obtained{};
    wanted.freq = codec->sample_rate;
    wanted.format = AUDIO_S16SYS;
    wanted.channels = static_cast<Uint8>(std::clamp(codec->ch_layout.nb_channels, 1, 8));
    wanted.samples = static_cast<Uint16>(
        std::max(kAudioMinBufferSamples, 2 << av_log2(static_cast<unsigned>(wanted.freq / kAudioMaxCallbacksPerSecond))));
    wanted.callback = &Session::audio_callback;
    wanted.userdata = this;
    SDL_AudioDeviceID dev;
    {
        std::lock_guard lock(sdl_audio_mutex());
        dev = SDL_OpenAudioDevice(nullptr, 0, &wanted, &obtained,
                                  SDL_AUDIO_ALLOW_FREQUENCY_CHANGE | SDL_AUDIO_ALLOW_CHANNELS_CHANGE |
                                      SDL_AUDIO_ALLOW_FORMAT_CHANGE);
        if (dev && sample_format_for(obtained.format) == AV_SAMPLE_FMT_NONE) {
            // A sample format we cannot produce: let SDL convert from S16 instead.
            SDL_CloseAudioDevice(dev);
            dev = SDL_OpenAudioDevice(nullptr, 0, &wanted, &obtained,
                                      SDL_AUDIO_ALLOW_FREQUENCY_CHANGE | SDL_AUDIO_ALLOW_CHANNELS_CHANGE);
        }
    }
    if (!dev) return false;
    AudioTarget t;
    t.freq = obtained.freq;
    t.channels = obtained.channels;
    t.sdl_format = obtained.format;
    t.format = sample_format_for(obtained.format);
    t.silence = obtained.silence;
    t.frame_size = t.channels * av_get_bytes_per_sample(t.format);
    t.bytes_per_sec = t.freq * t.frame_size;
    t.hw_buf_size = static_cast<int>(obtained.size);
    audio_target = t;  // the device is still paused, so the callback has not run yet
    audio_dev = dev;
    return true;
}

int Player::Session::audio_decode_frame() {
    if (paused) return -1;
    const AudioTarget& t = audio_target;
    DecodedFrame* af = nullptr;
    // Wait up to half a device buffer for the decoder; after that, play silence rather than stall.
    const auto patience = std::chrono::microseconds(
        static_cast<std::int64_t>(500000.0 * t.hw_buf_size / std::max(1, t.bytes_per_sec)));
    do {
        af = sampq.peek_readable(patience);
        if (!af) return -1;
        sampq.next();  // keep_last: af stays valid until the next call
    } while (af->serial != audioq.serial());

    AVFrame* f = af->frame.get();
    if (!swr || swr_in_rate != f->sample_rate || swr_in_format != f->format ||
        av_channel_layout_compare(&swr_in_layout, &f->ch_layout) != 0) {
        AVChannelLayout out_layout{};
        av_channel_layout_default(&out_layout, t.channels);
        SwrContext* ctx = nullptr;
        int err = swr_alloc_set_opts2(&ctx, &out_layout, t.format, t.freq, &f->ch_layout,
                                      static_cast<AVSampleFormat>(f->format), f->sample_rate, 0, nullptr);
        av_channel_layout_uninit(&out_layout);
        swr.reset(ctx);
        if (err < 0 || swr_init(swr.get()) < 0) {
            swr.reset();
            return -1;
        }
        swr_in_rate = f->sample_rate;
        swr_in_format = f->format;
        av_channel_layout_uninit(&swr_in_layout);
        av_channel_layout_copy(&swr_in_layout, &f->ch_layout);
    }
    const int out_count = static_cast<int>(static_cast<std::int64_t>(f->nb_samples) * t.freq / f->sample_rate + 256);
    const int out_size = av_samples_get_buffer_size(nullptr, t.channels, out_count, t.format, 0);
    if (out_size < 0) return -1;
    if (audio_buf.size() < static_cast<std::size_t>(out_size)) audio_buf.resize(static_cast<std::size_t>(out_size));
    std::uint8_t* out = audio_buf.data();
    int converted = swr_convert(swr.get(), &out, out_count, const_cast<const std::uint8_t**>(f->extended_data),
                                f->nb_samples);
    if (converted < 0) return -1;
    audio_clock = std::isnan(af->pts) ? NAN : af->pts + af->duration;
    audio_clock_serial = af->serial;
    return converted * t.frame_size;
}

void Player::Session::fill_audio(Uint8* stream, int len) {
    const AudioTarget& t = audio_target;
    const double callback_time = time();
    while (len > 0) {
        if (audio_buf_index >= audio_buf_size) {
            int size = audio_decode_frame();
            if (size < 0) {
                audio_buf_silent = true;
                audio_buf_size = static_cast<std::size_t>(kAudioMinBufferSamples / t.frame_size * t.frame_size);
                if (audio_buf_size == 0) audio_buf_size = static_cast<std::size_t>(t.frame_size);
            } else {
                audio_buf_silent = false;
                audio_buf_size = static_cast<std::size_t>(size);
            }
            audio_buf_index = 0;
        }
        int chunk = static_cast<int>(std::min<std::size_t>(audio_buf_size - audio_buf_index, static_cast<std::size_t>(len)));
        const int vol = volume.load();
        if (!audio_buf_silent && vol == SDL_MIX_MAXVOLUME) {
            std::memcpy(stream, audio_buf.data() + audio_buf_index, static_cast<std::size_t>(chunk));
        } else {
            std::memset(stream, t.silence, static_cast<std::size_t>(chunk));
            if (!audio_buf_silent && vol > 0)
                SDL_MixAudioFormat(stream, audio_buf.data() + audio_buf_index, t.sdl_format,
                                   static_cast<Uint32>(chunk), vol);
        }
        len -= chunk;
        stream += chunk;
        audio_buf_index += static_cast<std::size_t>(chunk);
    }
    const double write_buf = static_cast<double>(audio_buf_size - audio_buf_index);
    if (!std::isnan(audio_clock) && !paused) {  // a paused clock stays frozen where the pause left it
        // What the listener hears now is what we queued a device buffer or two ago.
        clocks.audio.set_at(audio_clock - (2.0 * t.hw_buf_size + write_buf) / t.bytes_per_sec, audio_clock_serial,
                            callback_time);
        clocks.external.sync_to(clocks.audio);
    }
}

// [SECTION] Player API (main thread)
Player::Player(PlayerConfig config) : config_(std::move(config)) {
    if (!config_.time) config_.time = steady_time_source();
}

Player::~Player() {
    close();
    release_texture();
}

void Player::open(const std::filesystem::path& file, const OpenOptions& options) {
    close();
    file_ = file;
    OpenOptions opts = options;
    volume_ = std::clamp(options.volume_percent, 0, 100);
    muted_ = options.muted;
    session_ = std::make_unique<Session>(this, file, opts, config_);
    session_->volume = muted_ ? 0 : volume_ * SDL_MIX_MAXVOLUME / 100;
    picture_ = VideoPicture{};
    picture_.texture = nullptr;
    untimed_shown_ = 0;
    any_shown_ = false;
    session_->start();
}

void Player::close() { session_.reset(); }

PlayerStatus Player::status() const {
    if (!session_) return PlayerStatus::Idle;
    if (session_->failed) return PlayerStatus::Failed;
    if (session_->ended) return PlayerStatus::Ended;
    if (!session_->first_frame_ready) return PlayerStatus::Opening;
    if (session_->paused) return session_->ever_played ? PlayerStatus::Paused : PlayerStatus::Ready;
    return PlayerStatus::Playing;
}

bool Player::first_frame_ready() const { return session_ && (session_->first_frame_ready || session_->failed); }

std::optional<MediaError> Player::error() const {
    if (!session_) return std::nullopt;
    std::lock_guard lock(session_->info_mutex);
    return session_->error;
}

bool Player::has_video() const {
    if (!session_) return false;
    std::lock_guard lock(session_->info_mutex);
    return session_->has_video;
}

bool Player::has_audio() const {
    if (!session_) return false;
    std::lock_guard lock(session_->info_mutex);
    return session_->has_audio;
}

bool Player::audio_output_active() const { return session_ && session_->clocks.audio_master; }

double Player::duration() const {
    if (!session_) return 0;
    std::lock_guard lock(session_->info_mutex);
    return session_->duration;
}

double Player::range_start() const {
    if (!session_) return 0;
    std::lock_guard lock(session_->info_mutex);
    return session_->range_start;
}

double Player::range_end() const {
    if (!session_) return 0;
    std::lock_guard lock(session_->info_mutex);
    return session_->range_end;
}

double Player::position() const {
    if (!session_) return 0;
    double origin, start, end;
    {
        std::lock_guard lock(session_->info_mutex);
        origin = session_->origin;
        start = session_->range_start;
        end = session_->range_end;
    }
    if (session_->ended) return end;
    double m = session_->clocks.master();
    if (std::isnan(m) && session_->clocks.audio_master) m = session_->clocks.video.get();
    double rel = std::isnan(m) ? (std::isnan(session_->pending_position) ? start : session_->pending_position)
                               : m - origin;
    if (end > 0) rel = std::min(rel, end);
    return std::max(0.0, rel);
}

bool Player::paused() const { return !session_ || session_->paused; }
bool Player::ended() const { return session_ && session_->ended; }

void Player::toggle_pause() {
    if (!session_) return;
    Session& s = *session_;
    if (s.ended && s.paused == false) {
        restart();
        return;
    }
    const bool resume = s.paused;
    if (resume) {
        s.scheduler.on_resume(config_.time(), s.clocks.video);
        s.ever_played = true;
    }
    s.paused = !resume;
    s.clocks.set_paused(!resume);
    s.wake_read_thread();
}

void Player::play() {
    if (!session_) return;
    if (session_->ended) {
        restart();
        return;
    }
    if (session_->paused) toggle_pause();
}

void Player::pause() {
    if (session_ && !session_->paused) toggle_pause();
}

void Player::seek_to(double seconds) {
    if (!session_) return;
    Session& s = *session_;
    double start, end, origin;
    {
        std::lock_guard lock(s.info_mutex);
        start = s.range_start;
        end = s.range_end;
        origin = s.origin;
    }
    double target = std::max(start, seconds);
    if (end > start) target = std::min(target, std::max(start, end - 0.05));
    {
        std::lock_guard lock(s.control_mutex);
        s.seek_request = true;
        s.seek_target = target + origin;
    }
    s.control_cv.notify_all();
    s.pending_position = target;
    s.ended = false;
}

void Player::seek_by(double delta_seconds) { seek_to(position() + delta_seconds); }

void Player::restart() {
    if (!session_) return;
    seek_to(range_start());
    session_->ended = false;
    if (session_->paused) toggle_pause();
}

void Player::set_volume(int percent) {
    volume_ = std::clamp(percent, 0, 100);
    if (session_) session_->volume = muted_ ? 0 : volume_ * SDL_MIX_MAXVOLUME / 100;
}

void Player::set_muted(bool muted) {
    muted_ = muted;
    set_volume(volume_);
}

double Player::update(SDL_Renderer* renderer) {
    if (!session_) return VideoScheduler::kIdleWait;
    Session& s = *session_;
    s.event_pushed = false;
    {
        std::lock_guard lock(s.wake_mutex);
        s.wake_pending = false;
    }
    bool video;
    double max_frame_duration;
    {
        std::lock_guard lock(s.info_mutex);
        video = s.has_video;
        max_frame_duration = s.max_frame_duration;
    }
    if (!video) return VideoScheduler::kIdleWait;

    if (config_.untimed) {
        while (s.pictq.remaining() > 0) {
            DecodedFrame* vp = s.pictq.peek();
            bool current = vp->serial == s.videoq.serial();
            s.pictq.next();
            if (current) {
                untimed_shown_++;
                note_shown(s.pictq.peek_last()->pts);
                if (renderer) upload(renderer, s.pictq.peek_last());
            }
        }
        return 0.0;
    }

    auto result = s.scheduler.refresh(s.pictq, s.videoq.serial(), s.clocks, s.paused, config_.time(),
                                      max_frame_duration);
    if (result.picture_changed) {
        note_shown(s.pictq.peek_last()->pts);
        if (!std::isnan(s.pictq.peek_last()->pts)) s.pending_position = NAN;
        if (renderer) upload(renderer, s.pictq.peek_last());
    } else if (renderer && renderer != texture_renderer_ && s.pictq.last_shown()) {
        upload(renderer, s.pictq.peek_last());  // a new renderer (another window): re-upload
    }
    return result.remaining;
}

void Player::note_shown(double raw_pts) {
    if (std::isnan(raw_pts)) return;
    double rel = raw_pts - session_->origin;  // origin is fixed before any frame exists
    if (!any_shown_) first_shown_pts_ = rel;
    last_shown_pts_ = rel;
    any_shown_ = true;
}

// [SECTION] Texture upload (main thread)
bool Player::upload(SDL_Renderer* renderer, const void* decoded) {
    const auto* slot = static_cast<const DecodedFrame*>(decoded);
    const AVFrame* f = slot->frame.get();
    if (!f || f->width <= 0 || f->height <= 0 || !f->data[0]) return false;
    const bool yuv = (f->format == AV_PIX_FMT_YUV420P || f->format == AV_PIX_FMT_YUVJ420P) && f->linesize[0] > 0 &&
                     f->linesize[1] > 0 && f->linesize[2] > 0;
    RgbFormat rgb = yuv ? RgbFormat{SDL_PIXELFORMAT_IYUV, AV_PIX_FMT_YUV420P} : rgb_format_for(renderer);
    if (!texture_ || texture_renderer_ != renderer || texture_format_ != rgb.sdl || picture_.width != f->width ||
        picture_.height != f->height) {
        if (texture_ && texture_renderer_ == renderer) SDL_DestroyTexture(texture_);
        texture_ = SDL_CreateTexture(renderer, rgb.sdl, SDL_TEXTUREACCESS_STREAMING, f->width, f->height);
        texture_renderer_ = renderer;
        texture_format_ = rgb.sdl;
        if (!texture_) return false;
        SDL_SetTextureBlendMode(texture_, SDL_BLENDMODE_NONE);
    }
    if (yuv) {
        SDL_YUV_CONVERSION_MODE mode = SDL_YUV_CONVERSION_AUTOMATIC;
        if (f->format == AV_PIX_FMT_YUVJ420P || f->color_range == AVCOL_RANGE_JPEG) mode = SDL_YUV_CONVERSION_JPEG;
        else if (f->colorspace == AVCOL_SPC_BT709) mode = SDL_YUV_CONVERSION_BT709;
        else if (f->colorspace == AVCOL_SPC_BT470BG || f->colorspace == AVCOL_SPC_SMPTE170M)
            mode = SDL_YUV_CONVERSION_BT601;
        if (SDL_GetYUVConversionMode() != mode) SDL_SetYUVConversionMode(mode);
        if (SDL_UpdateYUVTexture(texture_, nullptr, f->data[0], f->linesize[0], f->data[1], f->linesize[1], f->data[2],
                                 f->linesize[2]) != 0)
            return false;
    } else {
        auto* sws = sws_getCachedContext(static_cast<SwsContext*>(sws_), f->width, f->height,
                                         static_cast<AVPixelFormat>(f->format), f->width, f->height, rgb.av,
                                         SWS_BICUBIC, nullptr, nullptr, nullptr);
        sws_ = sws;
        if (!sws) return false;
        void* pixels = nullptr;
        int pitch = 0;
        if (SDL_LockTexture(texture_, nullptr, &pixels, &pitch) != 0) return false;
        std::uint8_t* dst[4] = {static_cast<std::uint8_t*>(pixels), nullptr, nullptr, nullptr};
        int dst_linesize[4] = {pitch, 0, 0, 0};
        sws_scale(sws, f->data, f->linesize, 0, f->height, dst, dst_linesize);
        SDL_UnlockTexture(texture_);
    }
    int rotation;
    AVRational sar = f->sample_aspect_ratio;
    {
        std::lock_guard lock(session_->info_mutex);
        rotation = session_->rotation;
        if (sar.num <= 0 || sar.den <= 0) sar = session_->stream_sar;
    }
    double aspect = sar.num > 0 && sar.den > 0 ? av_q2d(sar) : 1.0;
    picture_.texture = texture_;
    picture_.width = f->width;
    picture_.height = f->height;
    picture_.display_width = f->width * aspect;
    picture_.display_height = f->height;
    picture_.rotation = rotation;
    picture_.pts = slot->pts - session_->origin;  // origin is fixed before any frame exists
    picture_.generation++;
    return true;
}

void Player::release_texture() {
    if (texture_) SDL_DestroyTexture(texture_);
    texture_ = nullptr;
    texture_renderer_ = nullptr;
    picture_.texture = nullptr;
    if (sws_) sws_freeContext(static_cast<SwsContext*>(sws_));
    sws_ = nullptr;
}

// [SECTION] Captions and measuring
std::string Player::caption_text() const {
    if (!session_) return {};
    return session_->captions.text_at(position());
}

bool Player::has_captions() const {
    if (!session_) return false;
    std::lock_guard lock(session_->info_mutex);
    return session_->captions_present;
}

std::optional<std::string> Player::captions_error() const {
    if (!session_) return std::nullopt;
    std::lock_guard lock(session_->info_mutex);
    return session_->captions_error;
}

PlaybackStats Player::stats() const {
    PlaybackStats st;
    if (!session_) return st;
    const SyncStats& sync = session_->scheduler.stats();
    st.frames_decoded = session_->frames_decoded;
    st.frames_shown = config_.untimed ? untimed_shown_ : sync.frames_shown;
    st.frames_dropped = sync.frames_dropped + session_->early_drops;
    st.av_samples = sync.av_samples;
    st.max_av_diff = sync.av_diff_max;
    st.mean_av_diff = sync.av_samples ? sync.av_diff_sum / static_cast<double>(sync.av_samples) : 0.0;
    if (any_shown_) {
        st.first_pts = first_shown_pts_;
        st.last_pts = last_shown_pts_;
    }
    return st;
}

void Player::wait_for_wake(double timeout_seconds) {
    if (!session_) return;
    Session& s = *session_;
    std::unique_lock lock(s.wake_mutex);
    s.wake_cv.wait_for(lock, std::chrono::duration<double>(timeout_seconds), [&] { return s.wake_pending; });
}

}  // namespace upstander::media
