// media::open_input_memory (the custom-AVIOContext hook the media fuzz target uses): the same streams
// as opening the file from disk, a first frame through probe_opened_input, and plain-language errors
// for broken bytes.
#include "media/media_file.hpp"
#include "media_test_support.hpp"

#include <iterator>

using namespace media_test;

namespace {
std::string bytes_of(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}
const std::uint8_t* u8(const std::string& s) { return reinterpret_cast<const std::uint8_t*>(s.data()); }
}  // namespace

TEST_CASE("a clip in memory opens with the same streams as on disk and decodes a first frame", "[memory]") {
    for (const fs::path& clip : {h264_aac(), vp9_opus(), audio_only(), with_mov_text()}) {
        INFO(clip);
        const std::string bytes = bytes_of(clip);
        OpenInputResult disk = open_input(clip, nullptr);
        REQUIRE_FALSE(disk.error);
        OpenInputResult mem = open_input_memory(u8(bytes), bytes.size(), "in-memory.mp4", nullptr);
        REQUIRE_FALSE(mem.error);
        CHECK(mem.input.video == disk.input.video);
        CHECK(mem.input.audio == disk.input.audio);
        CHECK(mem.input.subtitle == disk.input.subtitle);
        CHECK(mem.input.format->duration == disk.input.format->duration);
        CHECK_FALSE(probe_opened_input("in-memory.mp4", mem.input));
    }
}

TEST_CASE("broken bytes in memory give the same messages as broken files, naming the given name", "[memory][broken]") {
    const std::string good = bytes_of(h264_aac());
    const std::string text = "These are my lesson notes, not a video.\n";
    OpenInputResult empty = open_input_memory(u8(good), 0, "clip.mp4", nullptr);
    REQUIRE(empty.error);
    CHECK(empty.error->message() == "clip.mp4: the file is empty (0 bytes); copy the clip again");
    OpenInputResult notes = open_input_memory(u8(text), text.size(), "notes.mp4", nullptr);
    REQUIRE(notes.error);
    CHECK(notes.error->file == "notes.mp4");
    CHECK_THAT(notes.error->reason, Catch::Contains("not a video or audio file"));
    // h264_aac() keeps its index at the end: half the file opens but has nothing to decode.
    OpenInputResult half = open_input_memory(u8(good), good.size() / 2, "half.mp4", nullptr);
    if (!half.error) {
        auto err = probe_opened_input("half.mp4", half.input);
        REQUIRE(err);
        CHECK(err->file == "half.mp4");
    } else {
        CHECK_THAT(half.error->reason, Catch::Contains("damaged or incomplete"));
    }
}
