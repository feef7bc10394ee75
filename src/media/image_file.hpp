#pragma once
// Pictures of image steps (PNG and JPEG), read and decoded with stb_image the same way by the kiosk's
// image cache and by `upstander-pack validate`, so the two agree on which pictures can be shown.
//
// Limits. A picture is decoded to 4 bytes a pixel in full before it is scaled down, so its header's
// size is checked before any pixel is decoded: at most kMaxImageSide pixels on a side and
// kMaxImagePixels pixels in all (24 megapixels: a 6000 x 4000 photograph, 96 MB while it is decoded).
// The file itself may be at most kMaxImageFileBytes. What is accepted is scaled down to fit the
// largest size a window can show before it becomes a texture.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace upstander::media {

inline constexpr int kMaxImageSide = 8192;
inline constexpr std::uint64_t kMaxImagePixels = 24'000'000;
inline constexpr std::uint64_t kMaxImageFileBytes = 64u * 1024u * 1024u;

struct ImageSize {
    int width = 0;
    int height = 0;
};

// Reads the size from the header of a PNG or JPEG held in `bytes` and checks it against the limits.
// Returns the reason in plain words when the picture cannot be used.
std::optional<std::string> check_image_header(std::string_view bytes, ImageSize& size);

// A decoded picture: RGBA, 4 bytes a pixel, rows without padding.
struct DecodedImage {
    std::vector<std::uint8_t> rgba;
    int width = 0;
    int height = 0;
    int source_width = 0;   // the size in the file, before scaling down
    int source_height = 0;
    std::optional<std::string> error;  // the reason in plain words, without the file name
};

// Reads `path` (a regular file only, never blocking: see regular_file.hpp), checks its header, that it
// is complete, and decodes it. When `fit_width` and `fit_height` are above 0 and the picture is larger,
// it is scaled down (keeping its shape) to fit inside them.
DecodedImage load_image(const std::filesystem::path& path, int fit_width = 0, int fit_height = 0);

// For `upstander-pack validate`: nullopt when load_image would show the picture, else the reason.
std::optional<std::string> image_file_problem(const std::filesystem::path& path);

}  // namespace upstander::media
