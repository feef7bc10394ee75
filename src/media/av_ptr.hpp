#pragma once
// RAII owners for every FFmpeg object the media layer allocates. Each deleter calls the matching
// FFmpeg free function, so an early return or exception can never leak a context, frame or packet.

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <string>

namespace upstander::media {

struct FormatContextDeleter {
    void operator()(AVFormatContext* p) const { avformat_close_input(&p); }
};
struct CodecContextDeleter {
    void operator()(AVCodecContext* p) const { avcodec_free_context(&p); }
};
struct FrameDeleter {
    void operator()(AVFrame* p) const { av_frame_free(&p); }
};
struct PacketDeleter {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwrContextDeleter {
    void operator()(SwrContext* p) const { swr_free(&p); }
};
struct SwsContextDeleter {
    void operator()(SwsContext* p) const { sws_freeContext(p); }
};

using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwrContextPtr = std::unique_ptr<SwrContext, SwrContextDeleter>;
using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextDeleter>;

inline FramePtr make_frame() { return FramePtr(av_frame_alloc()); }
inline PacketPtr make_packet() { return PacketPtr(av_packet_alloc()); }

// An AVSubtitle is a plain struct whose rects are heap-allocated by the decoder.
class SubtitleGuard {
public:
    SubtitleGuard() = default;
    ~SubtitleGuard() { avsubtitle_free(&sub_); }
    SubtitleGuard(const SubtitleGuard&) = delete;
    SubtitleGuard& operator=(const SubtitleGuard&) = delete;
    AVSubtitle* get() { return &sub_; }
    AVSubtitle* operator->() { return &sub_; }

private:
    AVSubtitle sub_{};
};

// av_err2str is a macro using a compound literal, which C++ does not allow.
inline std::string av_error_text(int err) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return buf;
}

}  // namespace upstander::media
