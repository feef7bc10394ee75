#include "media_file.hpp"

extern "C" {
#include <libavutil/display.h>
}

#include <cmath>
#include <system_error>

namespace upstander::media {

namespace {

constexpr const char* kNotMedia =
    "the file is not a video or audio file FFmpeg can read, or it is damaged or incomplete; "
    "replace it with a working copy (MP4 with H.264 video and AAC audio plays everywhere)";

int interrupt_callback(void* opaque) {
    const auto* abort = static_cast<const std::atomic<bool>*>(opaque);
    return abort && abort->load() ? 1 : 0;
}

MediaError error_for(const std::filesystem::path& path, std::string reason) {
    return MediaError{path.string(), std::move(reason)};
}

bool is_text_subtitle(const AVStream* st) {
    const AVCodecDescriptor* desc = avcodec_descriptor_get(st->codecpar->codec_id);
    return desc && (desc->props & AV_CODEC_PROP_TEXT_SUB);
}

}  // namespace

OpenInputResult open_input(const std::filesystem::path& path, const std::atomic<bool>* abort) {
    OpenInputResult result;
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        result.error = error_for(path, "the file does not exist; check the file name and that it is inside the pack");
        return result;
    }
    if (std::filesystem::is_directory(status)) {
        result.error = error_for(path, "this is a folder, not a video or audio file");
        return result;
    }
    if (std::filesystem::file_size(path, ec) == 0 && !ec) {
        result.error = error_for(path, "the file is empty (0 bytes); copy the clip again");
        return result;
    }

    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) {
        result.error = error_for(path, "out of memory while opening the file");
        return result;
    }
    raw->interrupt_callback.callback = interrupt_callback;
    raw->interrupt_callback.opaque = const_cast<std::atomic<bool>*>(abort);
    // avformat_open_input frees the context itself when it fails.
    int err = avformat_open_input(&raw, path.string().c_str(), nullptr, nullptr);
    if (err < 0) {
        if (err == AVERROR_EXIT) result.error = error_for(path, "opening was cancelled");
        else if (err == AVERROR(EACCES)) result.error = error_for(path, "the file cannot be read (permission denied)");
        else result.error = error_for(path, kNotMedia);
        return result;
    }
    result.input.format.reset(raw);
    AVFormatContext* fmt = raw;
    if ((err = avformat_find_stream_info(fmt, nullptr)) < 0) {
        result.error = error_for(path, err == AVERROR_EXIT ? "opening was cancelled" : kNotMedia);
        return result;
    }

    int video = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (video >= 0 && (fmt->streams[video]->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
        video = -1;  // cover art of an audio file: show the still card instead
        for (unsigned i = 0; i < fmt->nb_streams; ++i) {
            const AVStream* st = fmt->streams[i];
            if (st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && !(st->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
                video = static_cast<int>(i);
                break;
            }
        }
    }
    int audio = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, video, nullptr, 0);
    int subtitle = -1;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        if (fmt->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_SUBTITLE && is_text_subtitle(fmt->streams[i])) {
            subtitle = static_cast<int>(i);
            break;
        }
    }
    if (video < 0 && audio < 0) {
        result.error = error_for(path, "the file has no video or audio stream");
        return result;
    }
    result.input.video = video < 0 ? -1 : video;
    result.input.audio = audio < 0 ? -1 : audio;
    result.input.subtitle = subtitle;
    // Streams we do not play are not demuxed into packets at all.
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        int idx = static_cast<int>(i);
        if (idx != result.input.video && idx != result.input.audio && idx != subtitle)
            fmt->streams[i]->discard = AVDISCARD_ALL;
    }
    return result;
}

OpenDecoderResult open_decoder(const std::filesystem::path& path, const AVStream* stream) {
    OpenDecoderResult result;
    const AVCodecParameters* par = stream->codecpar;
    const char* kind = par->codec_type == AVMEDIA_TYPE_VIDEO   ? "video"
                       : par->codec_type == AVMEDIA_TYPE_AUDIO ? "audio"
                                                               : "subtitle";
    const AVCodec* codec = avcodec_find_decoder(par->codec_id);
    if (!codec) {
        if (par->codec_id == AV_CODEC_ID_NONE)
            result.error = error_for(path, std::string("the ") + kind +
                                               " uses a codec FFmpeg does not recognise; convert the file to MP4 "
                                               "(H.264 video, AAC audio)");
        else
            result.error = error_for(path, std::string("the ") + kind + " codec \"" + avcodec_get_name(par->codec_id) +
                                               "\" is not supported by this FFmpeg; convert the file to MP4 "
                                               "(H.264 video, AAC audio)");
        return result;
    }
    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx) {
        result.error = error_for(path, "out of memory while opening the decoder");
        return result;
    }
    int err = avcodec_parameters_to_context(ctx.get(), par);
    if (err >= 0) {
        ctx->pkt_timebase = stream->time_base;
        ctx->thread_count = 0;  // one thread per core
        ctx->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
        err = avcodec_open2(ctx.get(), codec, nullptr);
    }
    if (err < 0) {
        result.error = error_for(path, std::string("the ") + kind + " decoder (" + codec->name +
                                           ") could not start: " + av_error_text(err) +
                                           "; the file may be damaged");
        return result;
    }
    result.codec = std::move(ctx);
    return result;
}

int stream_rotation(const AVStream* stream) {
    const auto* matrix =
        reinterpret_cast<const int32_t*>(av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, nullptr));
    if (!matrix) return 0;
    double theta = -av_display_rotation_get(matrix);  // counter-clockwise in the matrix, we want clockwise
    if (std::isnan(theta)) return 0;
    theta -= 360 * std::floor(theta / 360 + 0.9 / 360);
    int quarter = static_cast<int>(std::lround(theta / 90.0)) % 4;
    return quarter * 90;
}

std::optional<std::string> probe_media(const std::filesystem::path& path) {
    if (auto err = probe_media_error(path)) return err->message();
    return std::nullopt;
}

std::optional<MediaError> probe_media_error(const std::filesystem::path& path) {
    OpenInputResult opened = open_input(path, nullptr);
    if (opened.error) return opened.error;
    AVFormatContext* fmt = opened.input.format.get();
    const int wanted = opened.input.video >= 0 ? opened.input.video : opened.input.audio;
    CodecContextPtr video_codec, audio_codec;
    for (int idx : {opened.input.video, opened.input.audio}) {
        if (idx < 0) continue;
        OpenDecoderResult dec = open_decoder(path, fmt->streams[idx]);
        if (dec.error) return dec.error;
        (idx == opened.input.video ? video_codec : audio_codec) = std::move(dec.codec);
    }
    AVCodecContext* ctx = wanted == opened.input.video ? video_codec.get() : audio_codec.get();
    PacketPtr pkt = make_packet();
    FramePtr frame = make_frame();
    bool draining = false;
    // Enough packets for any sane GOP; a file that yields nothing in that many is broken.
    for (int packets = 0; packets < 4000;) {
        if (!draining) {
            int err = av_read_frame(fmt, pkt.get());
            if (err < 0) {
                draining = true;
                avcodec_send_packet(ctx, nullptr);
            } else {
                if (pkt->stream_index == wanted) {
                    ++packets;
                    avcodec_send_packet(ctx, pkt.get());  // errors here are decoder concealment, keep going
                }
                av_packet_unref(pkt.get());
            }
        }
        int err = avcodec_receive_frame(ctx, frame.get());
        if (err >= 0) return std::nullopt;
        if (err == AVERROR_EOF || (draining && err != AVERROR(EAGAIN))) break;
        if (draining && err == AVERROR(EAGAIN)) break;
    }
    return MediaError{path.string(), wanted == opened.input.video
                                         ? "no picture could be decoded; the file is probably truncated or damaged"
                                         : "no sound could be decoded; the file is probably truncated or damaged"};
}

}  // namespace upstander::media
