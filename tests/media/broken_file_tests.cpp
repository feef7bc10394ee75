// Every kind of broken file gives a message naming the file and a reason, never a crash or a hang.
#include "media/media_file.hpp"
#include "media_test_support.hpp"

#include <random>

using namespace media_test;

namespace {
std::string read_all(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

// A WAV header whose format tag (0x7777) no decoder knows.
std::string unknown_codec_wav() {
    auto u32 = [](std::uint32_t v) { return std::string{char(v), char(v >> 8), char(v >> 16), char(v >> 24)}; };
    auto u16 = [](std::uint16_t v) { return std::string{char(v), char(v >> 8)}; };
    std::string data(8000, '\x11');
    std::string fmt = u16(0x7777) + u16(1) + u32(8000) + u32(8000) + u16(1) + u16(8);
    std::string body = "WAVE" + std::string("fmt ") + u32(static_cast<std::uint32_t>(fmt.size())) + fmt + "data" +
                       u32(static_cast<std::uint32_t>(data.size())) + data;
    return "RIFF" + u32(static_cast<std::uint32_t>(body.size())) + body;
}

struct BrokenCase {
    const char* name;
    fs::path file;
    const char* reason;  // a phrase the message must contain
};

std::vector<BrokenCase> broken_cases() {
    std::string good = read_all(h264_aac());  // moov atom at the end
    std::string random(64 * 1024, '\0');
    std::mt19937 rng(42);
    for (char& c : random) c = static_cast<char>(rng());
    auto make = [](const std::string& name, const std::string& bytes) {
        return cached(name, [&](const fs::path& p) { write_file(p, bytes); });
    };
    fs::path folder = clip_dir() / "a-folder.mp4";
    fs::create_directories(folder);
    return {
        {"missing", clip_dir() / "does-not-exist.mp4", "does not exist"},
        {"empty", make("empty.mp4", ""), "empty"},
        {"text", make("notes.mp4", "These are my lesson notes, not a video.\n"), "not a video or audio file"},
        {"random", make("random.mp4", random), "not a video or audio file"},
        {"truncated", make("truncated.mp4", good.substr(0, good.size() / 2)), "damaged or incomplete"},
        {"header only", make("header-only.mp4", good.substr(0, 200)), "damaged or incomplete"},
        {"unknown codec", make("unknown-codec.wav", unknown_codec_wav()), "codec"},
        {"folder", folder, "folder"},
    };
}
}  // namespace

TEST_CASE("probe_media reports every broken-file kind with the file name", "[broken][probe]") {
    for (const auto& c : broken_cases()) {
        INFO(c.name);
        auto err = probe_media(c.file);
        REQUIRE(err);
        CHECK_THAT(*err, Catch::Contains(c.file.string()));
        CHECK_THAT(*err, Catch::Contains(c.reason));
    }
}

TEST_CASE("the player fails with an error value for every broken-file kind", "[broken]") {
    init_sdl_audio_dummy();
    SoftwareTarget target;
    Player p;
    for (const auto& c : broken_cases()) {
        INFO(c.name);
        OpenOptions opts;
        opts.autoplay = true;
        p.open(c.file, opts);
        REQUIRE(run_until(p, target.renderer, [&] { return p.status() == PlayerStatus::Failed; }, 20));
        REQUIRE(p.error());
        CHECK(p.error()->file == c.file.string());
        CHECK_THAT(p.error()->reason, Catch::Contains(c.reason));
        CHECK(p.first_frame_ready());  // "ready" to show the error card
        CHECK(p.picture().texture == nullptr);
    }
}

TEST_CASE("a file with corrupt data in the middle plays through without crashing", "[broken]") {
    std::string bytes = read_all(h264_aac_faststart());
    std::mt19937 rng(7);
    for (std::size_t i = bytes.size() / 3; i < bytes.size() / 3 + 4096 && i < bytes.size(); ++i)
        bytes[i] = static_cast<char>(rng());
    fs::path file = cached("corrupt-middle.mp4", [&](const fs::path& p) { write_file(p, bytes); });
    Decoded d = decode_all(file);
    // FFmpeg conceals the damage; what matters is a clean end, with most frames still there.
    CHECK(d.ended);
    CHECK_FALSE(d.error);
    CHECK(d.frames > 25);
}

TEST_CASE("a file cut short after its header ends early or fails, never hangs", "[broken]") {
    std::string bytes = read_all(h264_aac_faststart());
    fs::path file = cached("cut-short.mp4", [&](const fs::path& p) { write_file(p, bytes.substr(0, bytes.size() / 4)); });
    Decoded d = decode_all(file);
    CHECK((d.ended || d.error));
    if (!d.error) CHECK(d.frames < 50);
}

TEST_CASE("bad start/end trims are reported against the file", "[broken]") {
    OpenOptions opts;
    opts.start_seconds = 30;
    Decoded d = decode_all(h264_aac(), opts);
    REQUIRE(d.error);
    CHECK_THAT(d.error->reason, Catch::Contains("start"));
}
