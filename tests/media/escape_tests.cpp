// Files that try to make FFmpeg read something other than themselves: a ".mp4" or ".srt" holding an HLS
// playlist, a concat list, file: and subfile: URLs, or a network stream description. Each names a
// clip or caption file "outside the pack" (a folder beside it, reached by an absolute path or through
// a symbolic link). The player, probe_media and load_caption_file must refuse every one with a
// message that says what the file really is, and never show a frame or a caption from outside.
// A FIFO in place of a clip or caption file is refused at once instead of blocking the open.
#include "media/captions.hpp"
#include "media/media_file.hpp"
#include "media_test_support.hpp"

#include <cerrno>
#include <sys/stat.h>

using namespace media_test;

namespace {

constexpr const char* kSecret = "SECRET CAPTION FROM OUTSIDE";

// The "outside" folder: a clip, the same clip as MPEG-TS (an HLS segment), a clip with a mov_text
// caption track (moov first, so HLS can read it unseekable) and a WebVTT file.
struct Outside {
    fs::path dir, clip, ts, subs_mp4, vtt;
};

// Writes `text` to `p` under a temporary name, then renames it: test processes running in parallel
// share these files and must never read one half written.
void write_atomically(const fs::path& p, const std::string& text) {
    std::error_code ec;
    if (fs::exists(p, ec)) {
        std::ifstream in(p, std::ios::binary);
        if (std::string(std::istreambuf_iterator<char>(in), {}) == text) return;
    }
    const fs::path tmp = p.parent_path() / ("tmp-" + std::to_string(getpid()) + "-" + p.filename().string());
    write_file(tmp, text);
    fs::rename(tmp, p);
}

// ffmpeg writing `name` in `dir` (under a temporary name first, as ffmpeg_clip does).
fs::path make_in(const fs::path& dir, const std::string& name, const std::string& args) {
    const fs::path final_path = dir / name;
    if (fs::exists(final_path)) return final_path;
    const fs::path tmp = dir / ("tmp-" + std::to_string(getpid()) + "-" + name);
    const std::string cmd = "ffmpeg -nostdin -v error -y " + args + " '" + tmp.string() + "'";
    INFO(cmd);
    REQUIRE(run(cmd) == 0);
    fs::rename(tmp, final_path);
    return final_path;
}

const Outside& outside() {
    static const Outside o = [] {
        Outside out;
        out.dir = clip_dir() / "outside-the-pack";
        fs::create_directories(out.dir);
        out.vtt = out.dir / "secret.vtt";
        write_atomically(out.vtt, std::string("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n") + kSecret + "\n");
        out.clip = make_in(out.dir, "secret.mp4",
                           kVideo2s + "-t 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -movflags +faststart");
        out.ts = make_in(out.dir, "secret.ts", "-i '" + out.clip.string() + "' -c copy -f mpegts");
        out.subs_mp4 = make_in(out.dir, "secret-subs.mp4",
                               "-i '" + out.clip.string() + "' -i '" + out.vtt.string() +
                                   "' -c:v copy -c:s mov_text -movflags +faststart");
        return out;
    }();
    return o;
}

// The "pack": a media folder holding the hostile files, and a symbolic link from it to outside.
fs::path pack_media() {
    fs::path dir = clip_dir() / "hostile-pack" / "media";
    fs::create_directories(dir);
    std::error_code ec;
    fs::path link = dir / "linked";
    if (!fs::is_symlink(link, ec)) fs::create_directory_symlink(outside().dir, link, ec);
    return dir;
}

std::string hls_playlist(const std::string& segment) {
    return "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:2.0,\n" + segment +
           "\n#EXT-X-ENDLIST\n";
}

std::string subfile(const fs::path& p) {
    return "subfile:,start,0,end," + std::to_string(fs::file_size(p)) + ",:" + p.string();
}

fs::path hostile(const std::string& name, const std::string& text) {
    fs::path p = pack_media() / name;
    write_atomically(p, text);
    return p;
}

struct Trick {
    const char* name;
    fs::path file;
    const char* what;  // how the refusal names the file's real format
};

std::vector<Trick> clip_tricks() {
    const Outside& o = outside();
    return {
        {"HLS, absolute path", hostile("hls.mp4", hls_playlist(o.ts.string())), "HLS playlist"},
        {"HLS, file: URL", hostile("hls-file.mp4", hls_playlist("file:" + o.ts.string())), "HLS playlist"},
        {"HLS, subfile: URL", hostile("hls-subfile.mp4", hls_playlist(subfile(o.ts))), "HLS playlist"},
        {"concat, through a link", hostile("concat.mp4", "ffconcat version 1.0\nfile linked/secret.mp4\n"),
         "concat list"},
        {"concat, file: URL",
         hostile("concat-file.mp4", "ffconcat version 1.0\nfile 'file:" + o.clip.string() + "'\n"), "concat list"},
        {"concat, subfile: URL",
         hostile("concat-subfile.mp4", "ffconcat version 1.0\nfile '" + subfile(o.clip) + "'\n"), "concat list"},
    };
}

std::vector<Trick> caption_tricks() {
    const Outside& o = outside();
    return {
        {"HLS, absolute path", hostile("hls.srt", hls_playlist(o.subs_mp4.string())), "HLS playlist"},
        {"HLS, file: URL", hostile("hls-file.vtt", hls_playlist("file:" + o.subs_mp4.string())), "HLS playlist"},
        {"HLS, subfile: URL", hostile("hls-subfile.srt", hls_playlist(subfile(o.subs_mp4))), "HLS playlist"},
        {"concat, through a link", hostile("concat.srt", "ffconcat version 1.0\nfile linked/secret.vtt\n"),
         "concat list"},
        {"concat, file: URL", hostile("concat-file.srt", "ffconcat version 1.0\nfile 'file:" + o.vtt.string() + "'\n"),
         "concat list"},
        {"concat, subfile: URL", hostile("concat-subfile.srt", "ffconcat version 1.0\nfile '" + subfile(o.vtt) + "'\n"),
         "concat list"},
    };
}

fs::path fifo(const std::string& name) {
    fs::path p = pack_media() / name;
    std::error_code ec;
    if (!fs::is_fifo(p, ec)) {
        fs::remove(p, ec);
        REQUIRE((::mkfifo(p.c_str(), 0600) == 0 || errno == EEXIST));
    }
    return p;
}

}  // namespace

TEST_CASE("the outside clip and captions are readable, so the tricks below would work", "[escape]") {
    CHECK_FALSE(probe_media(outside().clip));
    CaptionFile cf = load_caption_file(outside().vtt);
    REQUIRE_FALSE(cf.error);
    CHECK(cf.cues.at(0).text == kSecret);
}

TEST_CASE("a clip that is a playlist or concat list is refused by the probe, naming what it is", "[escape][probe]") {
    for (const Trick& t : clip_tricks()) {
        INFO(t.name);
        auto err = probe_media_error(t.file);
        REQUIRE(err);
        CHECK(err->file == t.file.string());
        CHECK_THAT(err->reason, Catch::Contains(t.what));
        CHECK_THAT(err->reason, Catch::Contains("names other files or addresses to read"));
    }
}

TEST_CASE("the player refuses a clip that is a playlist or concat list and shows no frame", "[escape][play]") {
    init_sdl_audio_dummy();
    SoftwareTarget target;
    Player p;
    for (const Trick& t : clip_tricks()) {
        INFO(t.name);
        OpenOptions opts;
        opts.autoplay = true;
        p.open(t.file, opts);
        REQUIRE(run_until(p, target.renderer, [&] { return p.status() == PlayerStatus::Failed || p.ended(); }, 20));
        REQUIRE(p.status() == PlayerStatus::Failed);
        REQUIRE(p.error());
        CHECK_THAT(p.error()->reason, Catch::Contains(t.what));
        CHECK(p.picture().texture == nullptr);
        CHECK(p.stats().frames_decoded == 0);
    }
}

TEST_CASE("the same bytes in memory are refused too (the fuzz target's path)", "[escape][memory]") {
    for (const Trick& t : clip_tricks()) {
        INFO(t.name);
        std::ifstream in(t.file, std::ios::binary);
        const std::string bytes(std::istreambuf_iterator<char>(in), {});
        OpenInputResult opened =
            open_input_memory(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), t.file, nullptr);
        REQUIRE(opened.error);
        CHECK_THAT(opened.error->reason, Catch::Contains(t.what));
    }
}

TEST_CASE("a network stream description in a .mp4 is refused without opening a socket", "[escape][probe]") {
    const fs::path sdp = hostile("network.mp4",
                                 "v=0\no=- 0 0 IN IP4 127.0.0.1\ns=lesson\nc=IN IP4 127.0.0.1\nt=0 0\n"
                                 "m=video 5004 RTP/AVP 96\na=rtpmap:96 H264/90000\n");
    auto err = probe_media_error(sdp);
    REQUIRE(err);
    CHECK_THAT(err->reason, Catch::Contains("network stream description"));
}

TEST_CASE("a clip in a format packs do not use is refused with the list of formats", "[escape][probe]") {
    const fs::path flv = ffmpeg_clip("not-allowed.flv", kVideo2s + "-t 1 -c:v flv1");
    auto err = probe_media_error(flv);
    REQUIRE(err);
    CHECK_THAT(err->reason, Catch::Contains("which packs may not use"));
    CHECK_THAT(err->reason, Catch::Contains("MP4, MOV, M4A, WebM"));
}

TEST_CASE("a caption file that is a playlist or concat list is refused and no outside caption is read",
          "[escape][captions]") {
    for (const Trick& t : caption_tricks()) {
        INFO(t.name);
        CaptionFile cf = load_caption_file(t.file);
        REQUIRE(cf.error);
        CHECK(cf.cues.empty());
        CHECK_THAT(*cf.error, Catch::Contains(t.file.string()));
        CHECK_THAT(*cf.error, Catch::Contains(t.what));
        CHECK_THAT(*cf.error, Catch::Contains("only the caption file itself may be read"));
    }
}

TEST_CASE("the player never shows an outside caption from a hostile caption file", "[escape][play][captions]") {
    init_sdl_audio_dummy();
    Player p;
    for (const Trick& t : caption_tricks()) {
        INFO(t.name);
        OpenOptions opts;
        opts.captions = t.file;
        p.open(video_only(), opts);
        REQUIRE(run_until(p, nullptr, [&] { return p.first_frame_ready(); }, 20));
        REQUIRE_FALSE(p.error());
        REQUIRE(p.captions_error());
        CHECK_THAT(*p.captions_error(), Catch::Contains(t.what));
        CHECK_FALSE(p.has_captions());
        p.seek_to(0.5);
        CHECK(p.caption_text().find("SECRET") == std::string::npos);
    }
}

TEST_CASE("a FIFO in place of a clip or a caption file is refused at once", "[escape][fifo]") {
    // Without O_NONBLOCK, open() on a FIFO waits for a writer that never comes: this test would hang.
    const fs::path clip = fifo("fifo.mp4");
    auto err = probe_media_error(clip);
    REQUIRE(err);
    CHECK_THAT(err->reason, Catch::Contains("named pipe"));

    CaptionFile cf = load_caption_file(fifo("fifo.vtt"));
    REQUIRE(cf.error);
    CHECK_THAT(*cf.error, Catch::Contains("named pipe"));

    init_sdl_audio_dummy();
    Player p;
    p.open(clip, OpenOptions{});
    REQUIRE(run_until(p, nullptr, [&] { return p.status() == PlayerStatus::Failed; }, 20));
    CHECK_THAT(p.error()->reason, Catch::Contains("named pipe"));
}

TEST_CASE("a device in place of a clip is refused", "[escape][fifo]") {
    auto err = probe_media_error("/dev/zero");
    REQUIRE(err);
    CHECK_THAT(err->reason, Catch::Contains("device"));
}
