#include "media_file.hpp"

#include "regular_file.hpp"

extern "C" {
#include <libavutil/avstring.h>
#include <libavutil/display.h>
}

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>

namespace upstander::media {

namespace {

constexpr const char* kNotMedia =
    "the file is not a video or audio file FFmpeg can read, or it is damaged or incomplete; "
    "replace it with a working copy (MP4 with H.264 video and AAC audio plays everywhere)";
constexpr const char* kNotCaptions = "the caption file could not be read as WebVTT or SubRip; check it is WebVTT "
                                     "(.vtt) or SubRip (.srt) and saved as plain text";

MediaError error_for(const std::filesystem::path& path, std::string reason) {
    return MediaError{path.string(), std::move(reason)};
}

bool is_text_subtitle(const AVStream* st) {
    const AVCodecDescriptor* desc = avcodec_descriptor_get(st->codecpar->codec_id);
    return desc && (desc->props & AV_CODEC_PROP_TEXT_SUB);
}

}  // namespace

// [SECTION] The one file a format context may read
struct InputIo {
    RegularFile file;                    // a file from disk, or
    const std::uint8_t* data = nullptr;  // a buffer in memory
    std::uint64_t size = 0;
    std::uint64_t pos = 0;
    const std::atomic<bool>* abort = nullptr;
    AVIOContext* avio = nullptr;

    static int read(void* opaque, std::uint8_t* buf, int buf_size) {
        auto* io = static_cast<InputIo*>(opaque);
        if (io->abort && io->abort->load()) return AVERROR_EXIT;
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(static_cast<std::uint64_t>(buf_size), io->size - io->pos));
        if (n == 0) return AVERROR_EOF;
        if (io->data) {
            std::memcpy(buf, io->data + io->pos, n);
            io->pos += n;
            return static_cast<int>(n);
        }
        const long got = io->file.read_at(io->pos, buf, n);
        if (got < 0) return AVERROR(static_cast<int>(-got));
        if (got == 0) return AVERROR_EOF;  // the file shrank after it was opened
        io->pos += static_cast<std::uint64_t>(got);
        return static_cast<int>(got);
    }
    static std::int64_t seek(void* opaque, std::int64_t offset, int whence) {
        auto* io = static_cast<InputIo*>(opaque);
        const auto size = static_cast<std::int64_t>(io->size);
        if (whence & AVSEEK_SIZE) return size;
        std::int64_t base = 0;
        switch (whence & ~AVSEEK_FORCE) {
            case SEEK_SET: base = 0; break;
            case SEEK_CUR: base = static_cast<std::int64_t>(io->pos); break;
            case SEEK_END: base = size; break;
            default: return AVERROR(EINVAL);
        }
        if (offset > size || offset < -size) return AVERROR(EINVAL);
        const std::int64_t target = base + offset;
        if (target < 0 || target > size) return AVERROR(EINVAL);
        io->pos = static_cast<std::uint64_t>(target);
        return target;
    }
};

void InputIoDeleter::operator()(InputIo* p) const {
    if (p->avio) {
        av_freep(&p->avio->buffer);  // FFmpeg may have replaced the buffer we gave it
        avio_context_free(&p->avio);
    }
    delete p;
}

namespace {

// Set as AVFormatContext.io_open: a demuxer asking to open another file or address is refused.
int refuse_nested_open(AVFormatContext*, AVIOContext**, const char*, int, AVDictionary**) { return AVERROR(EPERM); }

int interrupt_callback(void* opaque) {
    const auto* abort = static_cast<const std::atomic<bool>*>(opaque);
    return abort && abort->load() ? 1 : 0;
}

enum class InputKind { Clip, Captions };

// Formats that name other files or network addresses to read.
bool reads_other_files(const char* name) {
    for (const char* n : {"hls", "dash", "webm_dash_manifest", "concat", "imf", "sdp", "rtsp", "rtp"})
        if (av_match_list(n, name, ',') > 0) return true;
    return false;
}

std::string describe_format(const AVInputFormat* f) {
    const std::string_view name = f->name;
    if (name == "hls") return "an HLS playlist";
    if (name == "dash" || name == "webm_dash_manifest") return "a DASH manifest";
    if (name == "concat") return "an FFmpeg concat list";
    if (name == "imf") return "an IMF composition playlist";
    if (name == "sdp" || name == "rtsp" || name == "rtp") return "a network stream description (" + std::string(name) + ")";
    return "in the \"" + std::string(f->long_name ? f->long_name : f->name) + "\" format";
}

std::string refused_format_reason(const AVInputFormat* f, InputKind kind) {
    const std::string what = describe_format(f);
    if (kind == InputKind::Captions) {
        if (reads_other_files(f->name))
            return "the caption file is " + what +
                   ", not WebVTT or SubRip: it names other files or addresses to read, and only the caption file "
                   "itself may be read, so it is refused; save the captions as WebVTT (.vtt)";
        return "the caption file is " + what + ", not WebVTT or SubRip; save the captions as WebVTT (.vtt)";
    }
    if (reads_other_files(f->name))
        return "the file is " + what +
               ", not a video: it names other files or addresses to read, and the player reads only the file "
               "inside the pack, so it is refused; put the video itself in the pack (MP4 with H.264 video and AAC "
               "audio plays everywhere)";
    return "the file is " + what +
           ", which packs may not use; convert it to MP4 (H.264 video, AAC audio). Packs may use MP4, MOV, M4A, "
           "WebM, Matroska, AVI, Ogg, WAV, MP3, FLAC and AAC files";
}

AVFormatContext* alloc_format(const std::atomic<bool>* abort) {
    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) return nullptr;
    raw->interrupt_callback.callback = interrupt_callback;
    raw->interrupt_callback.opaque = const_cast<std::atomic<bool>*>(abort);
    return raw;
}

// Probes `io`'s bytes, refuses formats not in `allowed` with a reason that says what the file is, and
// opens the format context on `io` alone. Fills result.input.io and .format, or result.error.
void open_restricted(InputIoPtr io, const char* allowed, InputKind kind, const std::filesystem::path& path,
                     OpenInputResult& result) {
    constexpr int kBufferBytes = 32 * 1024;
    auto* buffer = static_cast<unsigned char*>(av_malloc(kBufferBytes));
    if (buffer) io->avio = avio_alloc_context(buffer, kBufferBytes, 0, io.get(), &InputIo::read, nullptr, &InputIo::seek);
    if (!io->avio) av_free(buffer);
    AVFormatContext* raw = io->avio ? alloc_format(io->abort) : nullptr;
    if (!raw) {
        result.error = error_for(path, "out of memory while opening the file");
        return;
    }
    const char* not_readable = kind == InputKind::Clip ? kNotMedia : kNotCaptions;
    const AVInputFormat* format = nullptr;
    int err = av_probe_input_buffer2(io->avio, &format, "", nullptr, 0, 0);
    if (err < 0 || !format) {
        avformat_free_context(raw);
        if (err == AVERROR_EXIT) result.error = error_for(path, "opening was cancelled");
        else if (err == AVERROR(EACCES)) result.error = error_for(path, "the file cannot be read (permission denied)");
        else result.error = error_for(path, not_readable);
        return;
    }
    if (av_match_list(format->name, allowed, ',') <= 0) {
        avformat_free_context(raw);
        result.error = error_for(path, refused_format_reason(format, kind));
        return;
    }
    raw->pb = io->avio;
    raw->flags |= AVFMT_FLAG_CUSTOM_IO;  // avformat_close_input leaves our AVIOContext alone
    raw->io_open = refuse_nested_open;
    // The format was chosen above; these stop any nested context a demuxer might still make.
    raw->format_whitelist = av_strdup(allowed);
    raw->protocol_whitelist = av_strdup("");
    if (!raw->format_whitelist || !raw->protocol_whitelist) {
        avformat_free_context(raw);
        result.error = error_for(path, "out of memory while opening the file");
        return;
    }
    result.input.io = std::move(io);
    // avformat_open_input frees the context itself when it fails.
    err = avformat_open_input(&raw, "", format, nullptr);
    if (err < 0) {
        if (err == AVERROR_EXIT) result.error = error_for(path, "opening was cancelled");
        else result.error = error_for(path, not_readable);
        return;
    }
    result.input.format.reset(raw);
}

// Finds the streams of an opened clip.
void find_clip_streams(const std::filesystem::path& path, OpenInputResult& result) {
    AVFormatContext* fmt = result.input.format.get();
    int err = avformat_find_stream_info(fmt, nullptr);
    if (err < 0) {
        result.error = error_for(path, err == AVERROR_EXIT ? "opening was cancelled" : kNotMedia);
        return;
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
        return;
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
}

// The file as an InputIo, or the reason it cannot be one.
InputIoPtr file_io(const std::filesystem::path& path, const std::atomic<bool>* abort, const char* empty_reason,
                   OpenInputResult& result) {
    OpenRegularFileResult opened = open_regular_file(path);
    if (opened.error) {
        result.error = error_for(path, *opened.error);
        return nullptr;
    }
    if (opened.file.size() == 0) {
        result.error = error_for(path, empty_reason);
        return nullptr;
    }
    InputIoPtr io(new InputIo);
    io->size = opened.file.size();
    io->file = std::move(opened.file);
    io->abort = abort;
    return io;
}

}  // namespace

OpenInputResult open_input(const std::filesystem::path& path, const std::atomic<bool>* abort) {
    OpenInputResult result;
    InputIoPtr io = file_io(path, abort, "the file is empty (0 bytes); copy the clip again", result);
    if (!io) return result;
    open_restricted(std::move(io), kClipFormats, InputKind::Clip, path, result);
    if (!result.error) find_clip_streams(path, result);
    return result;
}

OpenInputResult open_camera_file(const std::filesystem::path& path, const std::atomic<bool>* abort) {
    OpenInputResult result;
    InputIoPtr io = file_io(path, abort, "the file is empty (0 bytes)", result);
    if (!io) return result;
    open_restricted(std::move(io), kCameraFileFormats, InputKind::Clip, path, result);
    if (!result.error) find_clip_streams(path, result);
    return result;
}

OpenInputResult open_input_memory(const std::uint8_t* data, std::size_t size, const std::filesystem::path& name,
                                  const std::atomic<bool>* abort) {
    OpenInputResult result;
    if (size == 0) {
        result.error = error_for(name, "the file is empty (0 bytes); copy the clip again");
        return result;
    }
    InputIoPtr io(new InputIo);
    io->data = data;
    io->size = size;
    io->abort = abort;
    open_restricted(std::move(io), kClipFormats, InputKind::Clip, name, result);
    if (!result.error) find_clip_streams(name, result);
    return result;
}

OpenInputResult open_caption_input(const std::filesystem::path& path) {
    OpenInputResult result;
    InputIoPtr io = file_io(path, nullptr, "the caption file is empty (0 bytes)", result);
    if (!io) return result;
    open_restricted(std::move(io), kCaptionFormats, InputKind::Captions, path, result);
    if (result.error) return result;
    AVFormatContext* fmt = result.input.format.get();
    if (avformat_find_stream_info(fmt, nullptr) < 0 || fmt->nb_streams == 0) {
        result.error = error_for(path, "the caption file holds no captions FFmpeg can read");
        return result;
    }
    result.input.subtitle = av_find_best_stream(fmt, AVMEDIA_TYPE_SUBTITLE, -1, -1, nullptr, 0);
    if (result.input.subtitle < 0) {
        result.input.subtitle = -1;
        result.error = error_for(path, "the file is not a caption file (use WebVTT .vtt or SubRip .srt)");
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
    return probe_opened_input(path, opened.input);
}

std::optional<MediaError> probe_opened_input(const std::filesystem::path& path, OpenedInput& input) {
    AVFormatContext* fmt = input.format.get();
    const int wanted = input.video >= 0 ? input.video : input.audio;
    CodecContextPtr video_codec, audio_codec;
    for (int idx : {input.video, input.audio}) {
        if (idx < 0) continue;
        OpenDecoderResult dec = open_decoder(path, fmt->streams[idx]);
        if (dec.error) return dec.error;
        (idx == input.video ? video_codec : audio_codec) = std::move(dec.codec);
    }
    AVCodecContext* ctx = wanted == input.video ? video_codec.get() : audio_codec.get();
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
    return MediaError{path.string(), wanted == input.video
                                         ? "no picture could be decoded; the file is probably truncated or damaged"
                                         : "no sound could be decoded; the file is probably truncated or damaged"};
}

}  // namespace upstander::media
