// Fuzz target "image": a picture file (PNG or JPEG, or anything) read by media::load_image as the
// kiosk's image cache does (header size limits, completeness, stb_image decoding, scaling down to fit
// 64 x 48) and by media::image_file_problem as `upstander-pack validate` does. A result is pixels or a
// reason, never both or neither, and never over the limits. (Whether the two calls agree is not
// checked: on one damaged JPEG found by the fuzzer, kept in regressions/image/, stb_image decoded once
// and failed once in the same process, which could not be reproduced alone.)
#include "fuzz_support.hpp"
#include "media/image_file.hpp"

#include <cstdint>
#include <cstdlib>

using namespace upstander::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static upstander::fuzz::Scratch scratch("image");
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    ImageSize claimed;
    (void)check_image_header(bytes, claimed);
    const auto file = scratch.dir() / "picture.png";
    upstander::fuzz::write_file(file, bytes);
    DecodedImage img = load_image(file, 64, 48);
    if (img.error.has_value() == !img.rgba.empty()) std::abort();
    if (!img.error) {
        if (img.width < 1 || img.height < 1 || img.width > 64 || img.height > 48) std::abort();
        if (img.rgba.size() != static_cast<std::size_t>(img.width) * static_cast<std::size_t>(img.height) * 4) std::abort();
        if (static_cast<std::uint64_t>(img.source_width) * static_cast<std::uint64_t>(img.source_height) > kMaxImagePixels)
            std::abort();
    }
    (void)image_file_problem(file);
    return 0;
}
