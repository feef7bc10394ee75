#include "captions.hpp"

#include "av_ptr.hpp"
#include "media_file.hpp"

#include <algorithm>
#include <cmath>

namespace upstander::media {

// [SECTION] ASS to plain text
std::string ass_to_plain(std::string_view ass) {
    // Skip the eight leading fields. Text may itself contain commas, so only the first eight count.
    std::size_t pos = 0;
    for (int field = 0; field < 8; ++field) {
        std::size_t comma = ass.find(',', pos);
        if (comma == std::string_view::npos) {
            pos = 0;  // not an ASS event line: treat the whole string as text
            break;
        }
        pos = comma + 1;
    }
    std::string_view text = ass.substr(pos);

    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '{') {
            std::size_t close = text.find('}', i);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        }
        if (c == '\\' && i + 1 < text.size()) {
            char n = text[i + 1];
            if (n == 'N' || n == 'n') {
                out += '\n';
                ++i;
                continue;
            }
            if (n == 'h') {
                out += ' ';
                ++i;
                continue;
            }
        }
        if (c == '\r') continue;
        out += c;
    }
    // Trim spaces and blank lines at either end.
    auto not_space = [](unsigned char ch) { return ch != ' ' && ch != '\n' && ch != '\t'; };
    auto first = std::find_if(out.begin(), out.end(), not_space);
    auto last = std::find_if(out.rbegin(), out.rend(), not_space).base();
    if (first >= last) return {};
    return std::string(first, last);
}

std::vector<CaptionCue> cues_from_subtitle(const AVSubtitle& sub, double origin) {
    std::vector<CaptionCue> cues;
    if (sub.pts == AV_NOPTS_VALUE) return cues;
    double base = static_cast<double>(sub.pts) / AV_TIME_BASE - origin;
    double start = base + sub.start_display_time / 1000.0;
    // Decoders that do not know the duration leave end_display_time at 0 or UINT32_MAX.
    bool open_ended = sub.end_display_time == 0 || sub.end_display_time == UINT32_MAX;
    double end = open_ended ? start + 5.0 : base + sub.end_display_time / 1000.0;
    std::string text;
    for (unsigned i = 0; i < sub.num_rects; ++i) {
        const AVSubtitleRect* r = sub.rects[i];
        std::string line;
        if (r->type == SUBTITLE_ASS && r->ass)
            line = ass_to_plain(r->ass);
        else if (r->type == SUBTITLE_TEXT && r->text)
            line = ass_to_plain(r->text);
        if (line.empty()) continue;
        if (!text.empty()) text += '\n';
        text += line;
    }
    if (!text.empty()) cues.push_back(CaptionCue{start, end, std::move(text)});
    return cues;
}

// [SECTION] Sidecar files
CaptionFile load_caption_file(const std::filesystem::path& path) {
    CaptionFile result;
    const std::string name = path.string();
    // Read only through the restricted context: a "caption file" that is really a playlist or a
    // concat list would otherwise make FFmpeg read (and show) files from anywhere.
    OpenInputResult opened = open_caption_input(path);
    if (opened.error) {
        result.error = opened.error->message();
        return result;
    }
    AVFormatContext* fmt = opened.input.format.get();
    const int index = opened.input.subtitle;
    AVStream* st = fmt->streams[index];
    const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    if (!codec || !ctx || avcodec_parameters_to_context(ctx.get(), st->codecpar) < 0) {
        result.error = name + ": this caption format is not supported (use WebVTT .vtt or SubRip .srt)";
        return result;
    }
    ctx->pkt_timebase = st->time_base;
    if (int err = avcodec_open2(ctx.get(), codec, nullptr); err < 0) {
        result.error = name + ": the caption decoder could not start (" + av_error_text(err) + ")";
        return result;
    }
    PacketPtr pkt = make_packet();
    while (av_read_frame(fmt, pkt.get()) >= 0) {
        if (pkt->stream_index == index) {
            SubtitleGuard sub;
            int got = 0;
            if (avcodec_decode_subtitle2(ctx.get(), sub.get(), &got, pkt.get()) >= 0 && got) {
                for (auto& cue : cues_from_subtitle(*sub.get(), 0.0)) result.cues.push_back(std::move(cue));
            }
        }
        av_packet_unref(pkt.get());
    }
    if (result.cues.empty()) {
        result.error = name + ": the caption file has no captions in it (check it is WebVTT .vtt or SubRip .srt)";
        return result;
    }
    std::stable_sort(result.cues.begin(), result.cues.end(),
                     [](const CaptionCue& a, const CaptionCue& b) { return a.start < b.start; });
    return result;
}

std::optional<std::string> caption_file_problem(const std::filesystem::path& path) {
    CaptionFile cf = load_caption_file(path);
    if (!cf.error) return std::nullopt;
    const std::string prefix = path.string() + ": ";
    if (cf.error->rfind(prefix, 0) == 0) return cf.error->substr(prefix.size());
    return cf.error;
}

// [SECTION] CaptionTrack
void CaptionTrack::add(CaptionCue cue) {
    std::lock_guard lock(mutex_);
    auto it = std::lower_bound(cues_.begin(), cues_.end(), cue.start,
                               [](const CaptionCue& c, double s) { return c.start < s; });
    for (auto j = it; j != cues_.end() && std::fabs(j->start - cue.start) < 1e-3; ++j)
        if (j->text == cue.text) return;
    cues_.insert(it, std::move(cue));
}

void CaptionTrack::add_all(std::vector<CaptionCue> cues) {
    for (auto& c : cues) add(std::move(c));
}

std::string CaptionTrack::text_at(double t) const {
    std::lock_guard lock(mutex_);
    std::string text;
    for (const auto& c : cues_) {
        if (c.start > t) break;
        if (t < c.end) {
            if (!text.empty()) text += '\n';
            text += c.text;
        }
    }
    return text;
}

std::size_t CaptionTrack::size() const {
    std::lock_guard lock(mutex_);
    return cues_.size();
}

std::vector<CaptionCue> CaptionTrack::cues() const {
    std::lock_guard lock(mutex_);
    return cues_;
}

}  // namespace upstander::media
