#include "image_file.hpp"

#include "regular_file.hpp"

#include <stb_image.h>
#include <stb_image_resize.h>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <memory>

namespace upstander::media {

namespace {

bool is_png(std::string_view b) { return b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8); }
bool is_jpeg(std::string_view b) { return b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF"; }

// A PNG ends with its IEND chunk; the image data of a JPEG ends with the EOI marker after its last
// start-of-scan (markers cannot occur inside the compressed data). stb_image decodes some cut-off
// files without complaint (grey rows at the bottom), so completeness is checked here.
bool is_complete(std::string_view b) {
    if (is_png(b)) return b.rfind("IEND") != std::string_view::npos;
    const std::size_t scan = b.rfind("\xFF\xDA");
    return scan != std::string_view::npos && b.find("\xFF\xD9", scan) != std::string_view::npos;
}

std::uint32_t be16(std::string_view b, std::size_t at) {
    return (std::uint32_t(std::uint8_t(b[at])) << 8) | std::uint8_t(b[at + 1]);
}
std::uint32_t be32(std::string_view b, std::size_t at) { return (be16(b, at) << 16) | be16(b, at + 2); }

// The size a PNG's IHDR or a JPEG's start-of-frame claims, read directly: stb_image refuses to report
// a size whose pixels would not fit in an int, and the message should say how large the picture is.
bool header_size(std::string_view b, std::uint32_t& w, std::uint32_t& h) {
    if (is_png(b)) {
        if (b.size() < 24 || b.substr(12, 4) != "IHDR") return false;
        w = be32(b, 16);
        h = be32(b, 20);
        return true;
    }
    std::size_t i = 2;  // after SOI
    while (i + 4 <= b.size()) {
        if (std::uint8_t(b[i]) != 0xFF) return false;
        const std::uint8_t marker = std::uint8_t(b[i + 1]);
        if (marker == 0xFF) {  // fill byte
            ++i;
            continue;
        }
        const std::uint32_t length = be16(b, i + 2);
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            if (i + 9 > b.size()) return false;
            h = be16(b, i + 5);
            w = be16(b, i + 7);
            return true;
        }
        if (marker == 0xDA || length < 2) return false;  // image data before any frame header
        i += 2 + length;
    }
    return false;
}

std::string megapixels(std::uint64_t pixels) {
    const auto tenths = static_cast<long long>(std::llround(static_cast<double>(pixels) / 100000.0));
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

const char* kFixSize = "; make it smaller (3840 x 2160 pixels is more than any projector shows)";

struct StbFree {
    void operator()(unsigned char* p) const { stbi_image_free(p); }
};

// The picture's kind and the size its header claims, against the limits.
std::optional<std::string> check_claimed_size(std::string_view bytes, ImageSize& size) {
    if (!is_png(bytes) && !is_jpeg(bytes)) return "the file is not a PNG or JPEG picture; export it again as PNG or JPEG";
    std::uint32_t claimed_w = 0, claimed_h = 0;
    if (header_size(bytes, claimed_w, claimed_h)) {
        size = {static_cast<int>(std::min<std::uint32_t>(claimed_w, INT32_MAX)),
                static_cast<int>(std::min<std::uint32_t>(claimed_h, INT32_MAX))};
        const auto pixels = static_cast<std::uint64_t>(claimed_w) * claimed_h;
        const std::string dims = std::to_string(claimed_w) + " x " + std::to_string(claimed_h) + " pixels";
        if (claimed_w > static_cast<std::uint32_t>(kMaxImageSide) || claimed_h > static_cast<std::uint32_t>(kMaxImageSide))
            return "the picture is " + dims + ", more than the limit of " + std::to_string(kMaxImageSide) +
                   " pixels on a side" + kFixSize;
        if (pixels > kMaxImagePixels)
            return "the picture is " + dims + " (" + megapixels(pixels) + " megapixels), more than the limit of " +
                   megapixels(kMaxImagePixels) + " megapixels" + kFixSize;
    }
    return std::nullopt;
}

// What stb_image makes of the header (the size check again, for headers header_size cannot parse).
std::optional<std::string> check_stb_header(std::string_view bytes, ImageSize& size) {
    int w = 0, h = 0, channels = 0;
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX) ||
        !stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &w, &h,
                               &channels))
        return std::string("the picture's header cannot be read (") + stbi_failure_reason() +
               "); the file is damaged or incomplete, so export it again";
    size = {w, h};
    if (w <= 0 || h <= 0) return "the picture's header gives no size; the file is damaged, so export it again";
    if (w > kMaxImageSide || h > kMaxImageSide)
        return "the picture is " + std::to_string(w) + " x " + std::to_string(h) + " pixels, more than the limit of " +
               std::to_string(kMaxImageSide) + " pixels on a side" + kFixSize;
    const auto pixels = static_cast<std::uint64_t>(w) * static_cast<std::uint64_t>(h);
    if (pixels > kMaxImagePixels)
        return "the picture is " + std::to_string(w) + " x " + std::to_string(h) + " pixels (" + megapixels(pixels) +
               " megapixels), more than the limit of " + megapixels(kMaxImagePixels) + " megapixels" + kFixSize;
    return std::nullopt;
}

}  // namespace

std::optional<std::string> check_image_header(std::string_view bytes, ImageSize& size) {
    if (auto problem = check_claimed_size(bytes, size)) return problem;
    return check_stb_header(bytes, size);
}

namespace {

// load_image; with `want_pixels` false it stops after decoding (validate needs only the verdict).
DecodedImage load(const std::filesystem::path& path, int fit_width, int fit_height, bool want_pixels) {
    DecodedImage out;
    ReadRegularFileResult file = read_regular_file(path, kMaxImageFileBytes);
    if (file.error) {
        out.error = std::move(file.error);
        return out;
    }
    const std::string_view bytes = file.bytes;
    ImageSize size;
    if (auto problem = check_claimed_size(bytes, size)) {
        out.error = std::move(problem);
        return out;
    }
    if (!is_complete(bytes)) {
        out.error = "the picture is incomplete (the end of the file is missing); copy or export it again";
        return out;
    }
    if (auto problem = check_stb_header(bytes, size)) {
        out.error = std::move(problem);
        return out;
    }
    int w = 0, h = 0, channels = 0;
    std::unique_ptr<unsigned char, StbFree> pixels(stbi_load_from_memory(
        reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &w, &h, &channels, 4));
    if (!pixels || w != size.width || h != size.height) {
        out.error = std::string("the picture cannot be decoded (") + (pixels ? "size mismatch" : stbi_failure_reason()) +
                    "); the file is damaged, so export it again";
        return out;
    }
    out.source_width = w;
    out.source_height = h;
    if (!want_pixels) return out;
    double scale = 1.0;
    if (fit_width > 0 && fit_height > 0)
        scale = std::min({1.0, static_cast<double>(fit_width) / w, static_cast<double>(fit_height) / h});
    const int ow = std::max(1, static_cast<int>(std::lround(w * scale)));
    const int oh = std::max(1, static_cast<int>(std::lround(h * scale)));
    const std::size_t row = static_cast<std::size_t>(ow) * 4;
    if (ow == w && oh == h) {
        out.rgba.assign(pixels.get(), pixels.get() + row * static_cast<std::size_t>(oh));
    } else {
        out.rgba.resize(row * static_cast<std::size_t>(oh));
        // sRGB-correct filtering, alpha in channel 3 (so transparent edges do not darken).
        if (!stbir_resize_uint8_srgb(pixels.get(), w, h, 0, out.rgba.data(), ow, oh, 0, 4, 3, 0)) {
            out.rgba.clear();
            out.error = "the picture could not be scaled down (out of memory)";
            return out;
        }
    }
    out.width = ow;
    out.height = oh;
    return out;
}

}  // namespace

DecodedImage load_image(const std::filesystem::path& path, int fit_width, int fit_height) {
    return load(path, fit_width, fit_height, true);
}

std::optional<std::string> image_file_problem(const std::filesystem::path& path) {
    // Read, checked and decoded in full, exactly as the kiosk does before scaling it to the window.
    return load(path, 0, 0, false).error;
}

}  // namespace upstander::media
