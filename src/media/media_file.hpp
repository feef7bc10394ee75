#pragma once
// Opening a media file with plain-language errors. Shared by the player's read thread, probe_media()
// and the benchmark, so every entry point words a broken file the same way.

#include "av_ptr.hpp"
#include "media_error.hpp"

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>

namespace upstander::media {

struct OpenedInput {
    FormatContextPtr format;
    int video = -1;     // stream indices, -1 when absent
    int audio = -1;
    int subtitle = -1;  // first text subtitle stream
};

struct OpenInputResult {
    OpenedInput input;
    std::optional<MediaError> error;
};

// Opens `path` and finds its streams. `abort` (may be null) makes every blocking read cancellable
// through AVFormatContext.interrupt_callback.
OpenInputResult open_input(const std::filesystem::path& path, const std::atomic<bool>* abort);

struct OpenDecoderResult {
    CodecContextPtr codec;
    std::optional<MediaError> error;
};

// Opens a decoder for `stream` with frame and slice threading (thread_count 0 = one per core).
OpenDecoderResult open_decoder(const std::filesystem::path& path, const AVStream* stream);

// Clockwise rotation in degrees (0, 90, 180 or 270) from the stream's display matrix.
int stream_rotation(const AVStream* stream);

// Opens the file, finds its streams, opens their decoders and decodes a first frame (a picture, or
// sound for audio-only files). Returns nullopt when the file will play, otherwise a message naming
// the file and the reason. Used by `upstander-pack validate`.
std::optional<std::string> probe_media(const std::filesystem::path& path);
// The same, as a MediaError (for callers that name the file themselves, like the pack loader).
std::optional<MediaError> probe_media_error(const std::filesystem::path& path);

}  // namespace upstander::media
