// Fuzz target "media": the input is a media file, read from memory through a custom AVIOContext
// (media::open_input_memory: the same restricted reader and stream selection as files on disk; what it
// opens must be one of media::kClipFormats, and it can open nothing else). It is probed the way
// `upstander-pack validate` probes a clip, then opened again and every packet of the chosen video,
// audio and text-subtitle streams is decoded with the player's decoder settings; subtitles become
// caption cues as in the player.
#include "media/captions.hpp"
#include "media/media_file.hpp"

extern "C" {
#include <libavutil/avstring.h>
#include <libavutil/log.h>
}

#include <cstdint>
#include <cstdlib>

using namespace upstander::media;

namespace {

// Bounds on one input's work; a real clip of the seed corpus stays well inside them.
constexpr int kMaxPackets = 3000;

void drain(AVCodecContext* ctx, AVFrame* frame, long& frames) {
    while (avcodec_receive_frame(ctx, frame) >= 0) {
        ++frames;
        av_frame_unref(frame);
    }
}

void decode_all(const std::uint8_t* data, std::size_t size) {
    const std::filesystem::path name = "fuzz-input";
    OpenInputResult opened = open_input_memory(data, size, name, nullptr);
    if (opened.error) {
        if (opened.error->reason.empty()) std::abort();
        return;
    }
    AVFormatContext* fmt = opened.input.format.get();
    if (av_match_list(fmt->iformat->name, kClipFormats, ',') <= 0) std::abort();  // a format packs may not use
    CodecContextPtr video, audio, subtitle;
    for (int idx : {opened.input.video, opened.input.audio, opened.input.subtitle}) {
        if (idx < 0) continue;
        OpenDecoderResult dec = open_decoder(name, fmt->streams[idx]);
        if (dec.error) {
            if (idx != opened.input.subtitle) return;  // the player fails such a clip with this message
            continue;
        }
        (idx == opened.input.video ? video : idx == opened.input.audio ? audio : subtitle) = std::move(dec.codec);
    }
    if (opened.input.video >= 0) (void)stream_rotation(fmt->streams[opened.input.video]);
    const double origin = fmt->start_time != AV_NOPTS_VALUE ? static_cast<double>(fmt->start_time) / AV_TIME_BASE : 0.0;
    CaptionTrack captions;
    PacketPtr pkt = make_packet();
    FramePtr frame = make_frame();
    long frames = 0;
    for (int packets = 0; packets < kMaxPackets && av_read_frame(fmt, pkt.get()) >= 0; ++packets) {
        const int idx = pkt->stream_index;
        if (idx == opened.input.subtitle && subtitle) {
            SubtitleGuard sub;
            int got = 0;
            if (avcodec_decode_subtitle2(subtitle.get(), sub.get(), &got, pkt.get()) >= 0 && got)
                captions.add_all(cues_from_subtitle(*sub.get(), origin));
        } else if (AVCodecContext* ctx = idx == opened.input.video ? video.get() : idx == opened.input.audio ? audio.get() : nullptr) {
            avcodec_send_packet(ctx, pkt.get());  // a damaged packet is concealed or skipped, as in the player
            drain(ctx, frame.get(), frames);
        }
        av_packet_unref(pkt.get());
    }
    for (AVCodecContext* ctx : {video.get(), audio.get()}) {
        if (!ctx) continue;
        avcodec_send_packet(ctx, nullptr);
        drain(ctx, frame.get(), frames);
    }
    for (const auto& cue : captions.cues()) (void)captions.text_at(cue.start);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool quiet = (av_log_set_level(AV_LOG_QUIET), true);
    (void)quiet;
    {
        OpenInputResult opened = open_input_memory(data, size, "fuzz-input", nullptr);
        if (!opened.error) (void)probe_opened_input("fuzz-input", opened.input);
    }
    decode_all(data, size);
    return 0;
}
