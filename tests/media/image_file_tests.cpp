// Pictures of image steps: the header's size is checked before decoding (a small file may claim
// 100000 x 100000 pixels), cut-off files are refused, and accepted pictures are scaled down to fit.
#include "media/image_file.hpp"
#include "media_test_support.hpp"

#include <cerrno>
#include <sys/stat.h>

using namespace media_test;

namespace {

std::string be32(std::uint32_t v) {
    return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}

// A PNG signature and IHDR chunk claiming `w` x `h` RGBA pixels, then a tiny IDAT and IEND (the CRCs
// are not checked by stb_image). 45 bytes, whatever the size it claims.
std::string png_header(std::uint32_t w, std::uint32_t h) {
    std::string ihdr = "IHDR" + be32(w) + be32(h) + std::string("\x08\x06\x00\x00\x00", 5);
    return std::string("\x89PNG\r\n\x1A\n", 8) + be32(13) + ihdr + be32(0) + be32(0) + "IEND" + be32(0xAE426082);
}

std::string read_all(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

fs::path png_of(const std::string& name, int w, int h) {
    return ffmpeg_clip(name, "-f lavfi -i testsrc2=size=" + std::to_string(w) + "x" + std::to_string(h) +
                                 ":rate=1 -frames:v 1");
}

}  // namespace

TEST_CASE("a picture's size is read from its header and checked before it is decoded", "[image]") {
    ImageSize size;
    auto huge = check_image_header(png_header(100000, 100000), size);
    REQUIRE(huge);
    CHECK(size.width == 100000);
    CHECK_THAT(*huge, Catch::Contains("100000 x 100000 pixels, more than the limit of 8192 pixels on a side"));

    auto square = check_image_header(png_header(8192, 8192), size);  // the 256 MB picture of the report
    REQUIRE(square);
    CHECK_THAT(*square, Catch::Contains("67.1 megapixels), more than the limit of 24.0 megapixels"));

    CHECK_FALSE(check_image_header(png_header(6000, 4000), size));  // a 24-megapixel photograph
    CHECK_FALSE(check_image_header(png_header(8192, 1000), size));

    auto text = check_image_header("These are lesson notes.", size);
    REQUIRE(text);
    CHECK_THAT(*text, Catch::Contains("not a PNG or JPEG"));
}

TEST_CASE("a file claiming a huge size is refused by load_image without decoding", "[image]") {
    const fs::path p = cached("claims-100000.png", [](const fs::path& f) { write_file(f, png_header(100000, 100000)); });
    DecodedImage img = load_image(p);
    REQUIRE(img.error);
    CHECK_THAT(*img.error, Catch::Contains("more than the limit"));
    CHECK(img.rgba.empty());
    REQUIRE(image_file_problem(p));
}

TEST_CASE("cut-off PNG and JPEG files are refused as incomplete", "[image]") {
    const std::string png = read_all(png_of("picture.png", 320, 240));
    const std::string jpg = read_all(png_of("picture.jpg", 320, 240));
    CHECK_FALSE(image_file_problem(clip_dir() / "picture.png"));
    CHECK_FALSE(image_file_problem(clip_dir() / "picture.jpg"));
    for (double part : {0.5, 0.9}) {
        INFO(part);
        const fs::path cut_png = clip_dir() / ("cut-" + std::to_string(int(part * 100)) + ".png");
        const fs::path cut_jpg = clip_dir() / ("cut-" + std::to_string(int(part * 100)) + ".jpg");
        cached(cut_png.filename().string(), [&](const fs::path& f) { write_file(f, png.substr(0, png.size() * part)); });
        cached(cut_jpg.filename().string(), [&](const fs::path& f) { write_file(f, jpg.substr(0, jpg.size() * part)); });
        for (const fs::path& p : {cut_png, cut_jpg}) {
            INFO(p);
            auto problem = image_file_problem(p);
            REQUIRE(problem);
            CHECK_THAT(*problem, Catch::Contains("incomplete") || Catch::Contains("damaged"));
        }
    }
}

TEST_CASE("an accepted picture is scaled down to fit, keeping its shape", "[image]") {
    const fs::path wide = png_of("wide-4000x1000.png", 4000, 1000);
    DecodedImage fitted = load_image(wide, 1920, 1080);
    REQUIRE_FALSE(fitted.error);
    CHECK(fitted.source_width == 4000);
    CHECK(fitted.width == 1920);
    CHECK(fitted.height == 480);
    CHECK(fitted.rgba.size() == 1920u * 480u * 4u);

    DecodedImage small = load_image(png_of("picture.png", 320, 240), 1920, 1080);  // never scaled up
    REQUIRE_FALSE(small.error);
    CHECK(small.width == 320);
    CHECK(small.height == 240);
}

#ifndef _WIN32  // FIFOs are POSIX: Windows has none in a folder (its named pipes live in \\.\pipe\)
TEST_CASE("a FIFO in place of a picture is refused at once", "[image][fifo]") {
    const fs::path p = clip_dir() / "fifo-picture.png";
    std::error_code ec;
    if (!fs::is_fifo(p, ec)) REQUIRE((::mkfifo(p.c_str(), 0600) == 0 || errno == EEXIST));
    auto problem = image_file_problem(p);
    REQUIRE(problem);
    CHECK_THAT(*problem, Catch::Contains("named pipe"));
}
#endif
