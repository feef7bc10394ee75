// Fuzz target "captions": a sidecar caption file (WebVTT when the input starts with "WEBVTT", after
// an optional byte-order mark, else SubRip), read with media::load_caption_file as the player does.
#include "fuzz_support.hpp"
#include "media/captions.hpp"

extern "C" {
#include <libavutil/log.h>
}

#include <cstdint>
#include <cstdlib>

using namespace upstander::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool quiet = (av_log_set_level(AV_LOG_QUIET), true);
    (void)quiet;
    static upstander::fuzz::Scratch scratch("captions");
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string_view body = text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
    const auto file = scratch.dir() / (body.substr(0, 6) == "WEBVTT" ? "captions.vtt" : "captions.srt");
    upstander::fuzz::write_file(file, text);
    CaptionFile cf = load_caption_file(file);
    if (cf.error.has_value() == !cf.cues.empty()) std::abort();  // cues or a reason, never both or neither
    CaptionTrack track;
    track.add_all(cf.cues);
    for (const auto& cue : cf.cues) (void)track.text_at(cue.start);
    return 0;
}
