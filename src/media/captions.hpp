#pragma once
// Captions: sidecar .srt/.vtt files and embedded subtitle streams, both decoded by libavformat and
// libavcodec's subtitle decoders (which turn every text format into ASS events), then reduced to
// plain lines for drawing.

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct AVSubtitle;

namespace upstander::media {

struct CaptionCue {
    double start = 0;  // seconds on the clip's timeline (0 = start of the file)
    double end = 0;
    std::string text;  // plain text; lines separated by '\n'
};

// Plain text of one ASS event as FFmpeg's decoders produce it ("ReadOrder,Layer,Style,Name,MarginL,
// MarginR,MarginV,Effect,Text"): the first eight fields are skipped, {\override} blocks removed,
// \N and \n become line breaks and \h a space.
std::string ass_to_plain(std::string_view ass_event);

// Cues from one decoded AVSubtitle. `origin` (seconds) is subtracted from its timestamps.
// Bitmap subtitles give no cues (there is no text to draw).
std::vector<CaptionCue> cues_from_subtitle(const AVSubtitle& sub, double origin);

// Reads every cue of a sidecar caption file. The error names the file and says what is wrong.
struct CaptionFile {
    std::vector<CaptionCue> cues;
    std::optional<std::string> error;
};
CaptionFile load_caption_file(const std::filesystem::path& path);
// For `upstander-pack validate`: nullopt when load_caption_file reads captions from `path`, else the
// reason without the file name (the pack loader names the file itself).
std::optional<std::string> caption_file_problem(const std::filesystem::path& path);

// The cues of one clip. Written by the subtitle decoder thread, read by the main thread: all fields are
// guarded by mutex_. A cue seen twice (a stream re-read after a seek) is stored once.
class CaptionTrack {
public:
    void add(CaptionCue cue);
    void add_all(std::vector<CaptionCue> cues);
    // The text of every cue active at `t`, joined by newlines; empty when none.
    std::string text_at(double t) const;
    std::size_t size() const;
    std::vector<CaptionCue> cues() const;

private:
    mutable std::mutex mutex_;
    std::vector<CaptionCue> cues_;  // sorted by start
};

}  // namespace upstander::media
