#include "media/captions.hpp"
#include "media_test_support.hpp"

#include <catch2/catch.hpp>

using namespace upstander::media;
using namespace media_test;

TEST_CASE("ass_to_plain strips fields and override tags", "[captions]") {
    CHECK(ass_to_plain("0,0,Default,,0,0,0,,Hello world") == "Hello world");
    CHECK(ass_to_plain("1,0,Default,,0,0,0,,{\\i1}Hello{\\i0}, you\\Nthere") == "Hello, you\nthere");
    CHECK(ass_to_plain("2,0,Default,,0,0,0,,a\\hb\\nc") == "a b\nc");
    CHECK(ass_to_plain("3,0,Default,,0,0,0,,  {\\an8}  ") == "");
    CHECK(ass_to_plain("plain text, not an event") == "plain text, not an event");
}

TEST_CASE("sidecar SubRip and WebVTT captions decode through FFmpeg", "[captions]") {
    for (const fs::path& file : {sidecar_srt(), sidecar_vtt()}) {
        INFO(file);
        CaptionFile cf = load_caption_file(file);
        REQUIRE_FALSE(cf.error);
        REQUIRE(cf.cues.size() == 2);
        CHECK(cf.cues[0].start == Approx(0.2));
        CHECK(cf.cues[0].end == Approx(0.9));
        CHECK(cf.cues[0].text == "First caption");
        CHECK(cf.cues[1].start == Approx(1.0));
        CHECK(cf.cues[1].text == "Second caption\nover two lines");  // <i>/<b> became tags, then stripped

        CaptionTrack track;
        track.add_all(cf.cues);
        track.add_all(cf.cues);  // a re-read after a seek adds nothing
        CHECK(track.size() == 2);
        CHECK(track.text_at(0.1).empty());
        CHECK(track.text_at(0.5) == "First caption");
        CHECK(track.text_at(0.95).empty());
        CHECK(track.text_at(1.5) == "Second caption\nover two lines");
    }
}

TEST_CASE("a broken or missing caption file is an error naming the file", "[captions]") {
    CaptionFile missing = load_caption_file(clip_dir() / "no-such.vtt");
    REQUIRE(missing.error);
    CHECK_THAT(*missing.error, Catch::Contains("no-such.vtt"));
    fs::path junk = cached("junk.vtt", [](const fs::path& p) { write_file(p, "\x01\x02 this is not WEBVTT at all"); });
    CaptionFile bad = load_caption_file(junk);
    REQUIRE(bad.error);
    CHECK_THAT(*bad.error, Catch::Contains("junk.vtt"));
}
