#include "camera.hpp"

#include "av_ptr.hpp"
#include "media_file.hpp"

extern "C" {
#include <libavdevice/avdevice.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
}

#include <SDL2/SDL.h>
#include <pthread.h>

#include <chrono>
#include <cstring>
#include <mutex>
#include <sys/stat.h>

namespace upstander::media {

bool is_camera_device(const std::string& source) {
    return source.rfind("/dev/", 0) == 0 || source.rfind("video=", 0) == 0;
}

struct FrameReader::Impl {
    std::string source;
    bool device = false;
    OpenedInput input;            // a recording, opened like a clip
    FormatContextPtr device_ctx;  // a camera
    AVFormatContext* fmt = nullptr;
    int stream = -1;
    CodecContextPtr codec;
    SwsContextPtr sws;
    FramePtr frame = make_frame();
    PacketPtr packet = make_packet();
    bool draining = false;
    long long count = 0;
    double first_seconds = -1;
};

FrameReader::FrameReader() : impl_(std::make_unique<Impl>()) {}
FrameReader::~FrameReader() = default;
bool FrameReader::device() const { return impl_->device; }
const std::string& FrameReader::source() const { return impl_->source; }

namespace {

int camera_interrupt(void* opaque) {
    const auto* abort = static_cast<const std::atomic<bool>*>(opaque);
    return abort != nullptr && abort->load() ? 1 : 0;
}

std::string camera_open_error(const std::string& source, int err) {
#ifdef _WIN32
    // DirectShow names a camera "video=NAME"; it says EIO when no camera has that name.
    const std::string what = "The camera \"" + (source.rfind("video=", 0) == 0 ? source.substr(6) : source) + "\"";
    // DirectShow says EIO both for a name no camera has and for a camera another program holds.
    if (err == AVERROR(EIO))
        return what + " could not be opened: it is not connected, or another program is using it. Voting at the booth "
                      "still works.";
    const bool missing = err == AVERROR(ENOENT) || err == AVERROR(ENODEV);
    const char* choose = "Plug it in, or choose another with --camera \"video=NAME\"; voting at the booth still works.";
    const char* permission = " cannot be opened (permission denied): allow desktop apps to use the camera under "
                             "Settings > Privacy & security > Camera.";
#else
    const std::string what = "The camera " + source;
    const bool missing = err == AVERROR(ENOENT) || err == AVERROR(ENODEV) || err == AVERROR(ENXIO);
    const char* choose = "Plug it in, or choose another with --camera; voting at the booth still works.";
    const char* permission = " cannot be opened (permission denied): the user needs access to video devices (the \"video\" group).";
#endif
    if (err == AVERROR(EBUSY))
        return what + " is busy: another program is using it. Close that program and scan again; voting at the booth still works.";
    if (missing) return what + " is not connected. " + choose;
    if (err == AVERROR(EACCES) || err == AVERROR(EPERM)) return what + permission;
    return what + " could not be opened (" + av_error_text(err) + "); voting at the booth still works.";
}

}  // namespace

bool FrameReader::open(const std::string& source, std::string& error, const std::atomic<bool>* abort) {
    Impl& m = *impl_;
    m.source = source;
    m.device = is_camera_device(source);
    if (m.device) {
        static std::once_flag registered;
        std::call_once(registered, [] { avdevice_register_all(); });
#ifdef _WIN32
        const AVInputFormat* format = av_find_input_format("dshow");
#else
        const AVInputFormat* format = av_find_input_format("v4l2");
        struct stat st {};
        if (::stat(source.c_str(), &st) != 0) {
            error = camera_open_error(source, AVERROR(ENOENT));
            return false;
        }
#endif
        if (!format) {
            error = "This FFmpeg cannot read cameras (no camera input device); voting at the booth still works.";
            return false;
        }
        AVFormatContext* raw = avformat_alloc_context();
        if (!raw) {
            error = "Out of memory while opening the camera.";
            return false;
        }
        raw->interrupt_callback.callback = camera_interrupt;
        raw->interrupt_callback.opaque = const_cast<std::atomic<bool>*>(abort);
        AVDictionary* opts = nullptr;
        av_dict_set(&opts, "video_size", "1920x1080", 0);  // the driver picks the nearest it has
        av_dict_set(&opts, "framerate", "30", 0);
        const int err = avformat_open_input(&raw, source.c_str(), format, &opts);
        av_dict_free(&opts);
        if (err < 0) {
            error = camera_open_error(source, err);
            return false;
        }
        m.device_ctx.reset(raw);
        if (avformat_find_stream_info(raw, nullptr) < 0) {
            error = "The camera " + source + " sends no pictures; voting at the booth still works.";
            return false;
        }
        m.fmt = raw;
        m.stream = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    } else {
        OpenInputResult opened = open_camera_file(source, abort);
        if (opened.error) {
            error = "The camera recording " + opened.error->message();
            return false;
        }
        m.input = std::move(opened.input);
        m.fmt = m.input.format.get();
        m.stream = m.input.video;
    }
    if (m.stream < 0) {
        error = source + " has no video.";
        return false;
    }
    OpenDecoderResult dec = open_decoder(source, m.fmt->streams[m.stream]);
    if (dec.error) {
        error = dec.error->message();
        return false;
    }
    m.codec = std::move(dec.codec);
    return true;
}

FrameReader::ReadResult FrameReader::read(GreyFrame& out, std::string& error) {
    Impl& m = *impl_;
    if (!m.codec) {
        error = "no camera is open";
        return ReadResult::Failed;
    }
    for (;;) {
        int err = avcodec_receive_frame(m.codec.get(), m.frame.get());
        if (err == 0) {
            AVFrame* f = m.frame.get();
            if (f->width <= 0 || f->height <= 0) {
                av_frame_unref(f);
                continue;
            }
            out.width = f->width;
            out.height = f->height;
            out.pixels.resize(static_cast<std::size_t>(f->width) * static_cast<std::size_t>(f->height));
            // Planar YUV and grey frames already hold the grey picture as their first plane.
            const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(f->format));
            if (desc && !(desc->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_BE)) &&
                desc->comp[0].plane == 0 && desc->comp[0].step == 1 && desc->comp[0].depth == 8 &&
                desc->comp[0].shift == 0 && desc->comp[0].offset == 0 &&
                ((desc->flags & AV_PIX_FMT_FLAG_PLANAR) != 0 || desc->nb_components == 1)) {
                for (int y = 0; y < f->height; ++y)
                    std::memcpy(out.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(f->width),
                                f->data[0] + static_cast<std::ptrdiff_t>(y) * f->linesize[0], static_cast<std::size_t>(f->width));
            } else {
                m.sws.reset(sws_getCachedContext(m.sws.release(), f->width, f->height, static_cast<AVPixelFormat>(f->format),
                                                 f->width, f->height, AV_PIX_FMT_GRAY8, SWS_POINT, nullptr, nullptr, nullptr));
                if (!m.sws) {
                    av_frame_unref(f);
                    error = "the camera's picture format cannot be converted";
                    return ReadResult::Failed;
                }
                std::uint8_t* dst[4] = {out.pixels.data(), nullptr, nullptr, nullptr};
                int dst_stride[4] = {f->width, 0, 0, 0};
                sws_scale(m.sws.get(), f->data, f->linesize, 0, f->height, dst, dst_stride);
            }
            const AVRational tb = m.fmt->streams[m.stream]->time_base;
            const std::int64_t ts = f->best_effort_timestamp;
            double seconds = ts == AV_NOPTS_VALUE ? static_cast<double>(m.count) / 25.0 : static_cast<double>(ts) * av_q2d(tb);
            if (m.first_seconds < 0) m.first_seconds = seconds;
            out.seconds = seconds - m.first_seconds;
            out.index = m.count++;
            av_frame_unref(f);
            return ReadResult::Frame;
        }
        if (err == AVERROR_EOF) return ReadResult::End;
        if (err != AVERROR(EAGAIN)) {
            error = "the camera's pictures cannot be decoded (" + av_error_text(err) + ")";
            return ReadResult::Failed;
        }
        if (m.draining) return ReadResult::End;
        err = av_read_frame(m.fmt, m.packet.get());
        if (err < 0) {
            if (err != AVERROR_EOF && m.device) {
                error = "The camera " + m.source + " stopped sending pictures (" + av_error_text(err) + ").";
                return ReadResult::Failed;
            }
            m.draining = true;
            avcodec_send_packet(m.codec.get(), nullptr);
            continue;
        }
        if (m.packet->stream_index == m.stream) avcodec_send_packet(m.codec.get(), m.packet.get());
        av_packet_unref(m.packet.get());
    }
}

// [SECTION] CameraSource

CameraSource::CameraSource(CameraOptions options) : options_(std::move(options)) {
    thread_ = std::thread([this] { run(); });
}

CameraSource::~CameraSource() { stop(); }

void CameraSource::stop() {
    {
        std::lock_guard lock(mutex_);
        abort_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

CameraSource::State CameraSource::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

std::string CameraSource::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

void CameraSource::set_state(State s, std::string error) {
    {
        std::lock_guard lock(mutex_);
        state_ = s;
        if (!error.empty()) error_ = std::move(error);
    }
    wake();
}

void CameraSource::wake() {
    if (options_.wake_event_type == 0) return;
    SDL_Event ev{};
    ev.type = options_.wake_event_type;
    ev.user.code = kCameraWakeCode;
    ev.user.data1 = options_.wake_owner;
    SDL_PushEvent(&ev);
}

void CameraSource::run() {
    pthread_setname_np(pthread_self(), "media-camera");
    GreyFrame frame;
    bool first_open = true;
    while (!abort_) {
        FrameReader reader;
        std::string error;
        if (!reader.open(options_.source, error, &abort_)) {
            set_state(abort_ ? State::Stopped : State::Failed, error);
            return;
        }
        if (first_open) set_state(State::Running);
        first_open = false;
        const auto started = std::chrono::steady_clock::now();
        for (;;) {
            const FrameReader::ReadResult r = reader.read(frame, error);
            if (abort_) break;
            if (r == FrameReader::ReadResult::Failed) {
                set_state(State::Failed, error);
                return;
            }
            if (r == FrameReader::ReadResult::End) break;
            if (options_.paced && !reader.device()) {
                const auto due = started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                               std::chrono::duration<double>(frame.seconds));
                std::unique_lock lock(mutex_);
                cv_.wait_until(lock, due, [this] { return abort_.load(); });
                if (abort_) break;
            }
            ++frames_;
            if (options_.on_frame && options_.on_frame(frame)) wake();
        }
        if (abort_ || reader.device() || !options_.loop_file) break;
    }
    set_state(abort_ ? State::Stopped : State::Ended);
}

}  // namespace upstander::media
