#pragma once
// Opening a media file with plain-language errors. Shared by the player's read thread, probe_media()
// and the benchmark, so every entry point words a broken file the same way.

#include "av_ptr.hpp"
#include "media_error.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace upstander::media {

// [SECTION] What may be opened
// Every clip, caption file and probe reads exactly one file (or one buffer) through a custom
// AVIOContext. The format context may open nothing else: its io_open refuses every URL, its
// protocol_whitelist is empty, and its format_whitelist holds only the formats below. Demuxers that
// read further files or addresses named inside the file (HLS and DASH playlists, concat lists, IMF,
// SDP/RTSP and the like) are never used, so a file named ".mp4" that holds a playlist cannot make the
// player read anything outside the pack.
//
// FFmpeg demuxer names of the containers a pack's clips may use: MP4/MOV/M4A, Matroska/WebM, AVI,
// Ogg, WAV, MP3, FLAC and AAC (ADTS).
inline constexpr const char* kClipFormats = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,ogg,wav,mp3,flac,aac";
// Sidecar caption files: WebVTT and SubRip.
inline constexpr const char* kCaptionFormats = "webvtt,srt";

// The custom AVIOContext over one file or one buffer in memory.
struct InputIo;
struct InputIoDeleter {
    void operator()(InputIo* p) const;
};
using InputIoPtr = std::unique_ptr<InputIo, InputIoDeleter>;

struct OpenedInput {
    InputIoPtr io;            // declared first so it outlives `format`
    FormatContextPtr format;
    int video = -1;     // stream indices, -1 when absent
    int audio = -1;
    int subtitle = -1;  // first text subtitle stream
};

struct OpenInputResult {
    OpenedInput input;
    std::optional<MediaError> error;
};

// Opens `path` (a regular file only: opened with O_NONBLOCK and checked with fstat, so a FIFO or a
// device is refused at once) in one of kClipFormats and finds its streams. `abort` (may be null)
// makes every read cancellable.
OpenInputResult open_input(const std::filesystem::path& path, const std::atomic<bool>* abort);

// The same for media held in memory (fuzzing, tests), with the same restrictions. `data` must
// stay valid and unchanged until the returned input is destroyed; `name` stands for the file in messages.
OpenInputResult open_input_memory(const std::uint8_t* data, std::size_t size, const std::filesystem::path& name,
                                  const std::atomic<bool>* abort);

// A recording given as a camera (`--camera FILE`: tests, the benchmark, a rehearsal): the clip
// formats, Motion-JPEG and single JPEG or PNG pictures, opened with the same restrictions as a clip.
inline constexpr const char* kCameraFileFormats = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mjpeg,jpeg_pipe,png_pipe";
OpenInputResult open_camera_file(const std::filesystem::path& path, const std::atomic<bool>* abort);

// Opens a sidecar caption file (one of kCaptionFormats) the same way; `video` and `audio` stay -1 and
// `subtitle` is its subtitle stream.
OpenInputResult open_caption_input(const std::filesystem::path& path);

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
// probe_media_error on an input that is already open (from open_input or open_input_memory).
std::optional<MediaError> probe_opened_input(const std::filesystem::path& name, OpenedInput& input);

}  // namespace upstander::media
