// The read/decode core of the player: a session's lifecycle, the read thread that opens the file and
// demuxes it into the packet queues, and the decoder threads that fill the frame queues.
#include "player_session.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/samplefmt.h>
}

#include <pthread.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace upstander::media {

namespace player_detail {

void set_thread_name(const char* name) { pthread_setname_np(pthread_self(), name); }

std::mutex& sdl_audio_mutex() {
    static std::mutex m;
    return m;
}

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

}  // namespace player_detail

using namespace player_detail;

// [SECTION] Session lifecycle
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
        Lock lock(info_mutex);
        if (!error) error = std::move(e);
    }
    failed = true;
    wake(WakeReason::Failed);
}
// [SECTION] Read thread
bool Player::Session::queues_full() {
    assert_read_thread();
    auto enough = [&](const PacketQueue& q, int stream, bool active) {
        if (stream < 0 || !active) return true;
        const AVStream* st = input.format->streams[stream];
        double seconds = static_cast<double>(q.duration_ticks()) * av_q2d(st->time_base);
        return q.packet_count() > kMinQueuedPackets && (q.duration_ticks() == 0 || seconds > 1.0);
    };
    bool audio_in_use;
    {
        Lock lock(info_mutex);
        audio_in_use = audio_active;
    }
    if (videoq.byte_size() + audioq.byte_size() + subq.byte_size() > kMaxQueueBytes) return true;
    return enough(videoq, input.video, true) && enough(audioq, input.audio, audio_in_use);
}

void Player::Session::read_main() {
    set_thread_name("media-read");
    read_thread_id = std::this_thread::get_id();
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
        Lock lock(info_mutex);
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
    double start_raw = start + file_origin;  // raw(start), without the lock: this thread wrote origin
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

    const double end_raw = std::isfinite(end) ? end + file_origin : std::numeric_limits<double>::infinity();
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
        Lock lock(info_mutex);
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
        Lock lock(info_mutex);
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
        Lock lock(info_mutex);
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
}  // namespace upstander::media
