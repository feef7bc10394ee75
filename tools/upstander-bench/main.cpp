// upstander-bench: measures the media pipeline.
//   decode FILE        untimed: decode every frame and upload it to a streaming texture on SDL's
//                      software renderer, as fast as possible. Prints "frames=N seconds=S fps=F".
//   play FILE --stats  real-time headless playback (SDL dummy audio unless SDL_AUDIODRIVER is set);
//                      prints frames shown/dropped and the audio/video difference as JSON.
//   load DIR          loads the packs in DIR (a pack folder or a folder of packs) with the real loader and,
//                     in the same run, reads (open, fstat, read) and nlohmann::json::parse()s the same
//                     .json files; prints
//                     "files=N modules=N workshops=N load_seconds=S parse_seconds=S ratio=R" (fastest of
//                     --runs runs each, alternating, so both see the same cache and machine load).
//   start FILE        how fast a clip starts on the keypress, as the kiosk does it: with the clip preloaded
//                     (opened paused while the previous step is on screen, first frame decoded) and, for
//                     comparison, opened cold on the keypress. Prints
//                     "poster_ms=0 clock_ms=A preloaded_ms=M cold_ms=C cold_motion_ms=D frame_interval_ms=F runs=N"
//                     (medians of --runs runs). With the clip preloaded its first frame is already on the
//                     texture when play() is called (poster_ms=0); clock_ms is play() until the clip's
//                     clock runs (the first sound reaches the speaker: one audio callback period plus
//                     the device latency the audio clock allows for); preloaded_ms is play() until the
//                     second frame is on the texture (motion starts; includes one frame interval);
//                     cold_ms is open() on the keypress until the first frame is on the texture, and
//                     cold_motion_ms until its second frame.
//                     SDL's dummy audio driver unless SDL_AUDIODRIVER is set.
//   voting            kiosk-limited voting throughput per set-up (one booth, a ballot of 4 questions, two
//                     booths, four handsets) with the durable save, the estimated room time for a class
//                     of 30 and the save latency distribution with four handsets (voting.cpp).
//   cards FILE        answer cards read from a recording (upstander-cards scene) against its ground truth:
//                     per frame and in total, cards found, answers right and wrong, time per frame
//                     (bench_cards.cpp).
// A file that cannot be played (or a pack folder that does not load cleanly) prints the reason and
// exits with status 1.
#include "bench_cards.hpp"
#include "core/pack_loader.hpp"
#include "media/player.hpp"
#include "upstander/version.hpp"
#include "voting_bench.hpp"

#include <CLI/CLI.hpp>
#include <SDL2/SDL.h>
extern "C" {
#include <libavutil/log.h>
}

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

using namespace upstander::media;

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// A software renderer drawing into a memory surface: needs no display and no video driver.
struct SoftwareRenderer {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer* renderer = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
    ~SoftwareRenderer() {
        if (renderer) SDL_DestroyRenderer(renderer);
        if (surface) SDL_FreeSurface(surface);
    }
};

int run_decode(const std::string& file) {
    SoftwareRenderer target;
    if (!target.renderer) {
        std::fprintf(stderr, "upstander-bench: cannot create the software renderer: %s\n", SDL_GetError());
        return 1;
    }
    PlayerConfig cfg;
    cfg.untimed = true;
    Player player(cfg);
    const double start = now_seconds();
    player.open(file);
    while (!player.ended() && player.status() != PlayerStatus::Failed) {
        player.update(target.renderer);
        player.wait_for_wake(0.1);
    }
    player.update(target.renderer);
    const double seconds = now_seconds() - start;
    if (auto err = player.error()) {
        std::fprintf(stderr, "upstander-bench: %s\n", err->message().c_str());
        return 1;
    }
    const long frames = player.stats().frames_shown;
    std::printf("frames=%ld seconds=%.3f fps=%.1f\n", frames, seconds, seconds > 0 ? frames / seconds : 0.0);
    return 0;
}

int run_play(const std::string& file, bool stats) {
    SDL_setenv("SDL_AUDIODRIVER", "dummy", 0);  // headless unless the caller chose a driver
    const bool audio = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0;
    if (!audio) std::fprintf(stderr, "upstander-bench: no audio (%s); timing on the system clock\n", SDL_GetError());
    SoftwareRenderer target;
    {
        Player player;
        OpenOptions opts;
        opts.autoplay = true;
        player.open(file, opts);
        while (!player.ended() && player.status() != PlayerStatus::Failed) {
            double wait = player.update(target.renderer);
            if (wait > 0) player.wait_for_wake(std::min(wait, 0.05));
        }
        if (auto err = player.error()) {
            std::fprintf(stderr, "upstander-bench: %s\n", err->message().c_str());
            if (audio) SDL_QuitSubSystem(SDL_INIT_AUDIO);
            return 1;
        }
        PlaybackStats st = player.stats();
        if (stats)
            std::printf("{\"frames_shown\": %ld, \"frames_dropped\": %ld, \"max_av_diff_ms\": %.1f, "
                        "\"mean_av_diff_ms\": %.1f}\n",
                        st.frames_shown, st.frames_dropped, st.max_av_diff * 1000, st.mean_av_diff * 1000);
        else
            std::printf("played %s: %ld frames shown, %ld dropped\n", file.c_str(), st.frames_shown,
                        st.frames_dropped);
    }
    if (audio) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return 0;
}

// Runs update() until `done` or the timeout; returns false on timeout or failure.
template <class Done>
bool pump(Player& player, SDL_Renderer* renderer, Done done, double timeout) {
    const double until = now_seconds() + timeout;
    while (!done()) {
        if (player.status() == PlayerStatus::Failed || now_seconds() > until) return false;
        double wait = player.update(renderer);
        if (done()) break;
        player.wait_for_wake(std::clamp(wait, 0.0005, 0.002));
    }
    return true;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

int run_start(const std::string& file, int runs) {
    SDL_setenv("SDL_AUDIODRIVER", "dummy", 0);
    const bool audio = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0;
    SoftwareRenderer target;
    std::vector<double> preloaded, clock, cold, cold_motion;
    double interval = 0;
    int status = 0;
    for (int i = 0; i < runs && status == 0; ++i) {
        {  // preloaded: open paused, let the "previous step" stay on screen, then press play
            Player player;
            player.open(file);
            if (!pump(player, target.renderer, [&] { return player.first_frame_ready() && player.picture().generation > 0; }, 20)) {
                status = 1;
                std::fprintf(stderr, "upstander-bench: %s\n", player.error() ? player.error()->message().c_str() : "no first frame within 20 s");
                break;
            }
            pump(player, target.renderer, [] { return false; }, 0.3);
            const auto poster = player.picture().generation;
            const double poster_pts = player.picture().pts;
            const double t0 = now_seconds();
            player.play();
            if (pump(player, target.renderer, [&] { return player.position() > poster_pts + 1e-3; }, 5))
                clock.push_back((now_seconds() - t0) * 1000);
            if (!pump(player, target.renderer, [&] { return player.picture().generation > poster; }, 5)) {
                status = 1;
                std::fprintf(stderr, "upstander-bench: the clip did not move within 5 s of play()\n");
                break;
            }
            preloaded.push_back((now_seconds() - t0) * 1000);
            interval = (player.picture().pts - poster_pts) * 1000;
        }
        {  // cold: open on the keypress
            Player player;
            OpenOptions opts;
            opts.autoplay = true;
            const double t0 = now_seconds();
            player.open(file, opts);
            if (!pump(player, target.renderer, [&] { return player.picture().generation > 0; }, 20)) {
                status = 1;
                std::fprintf(stderr, "upstander-bench: %s\n", player.error() ? player.error()->message().c_str() : "no first frame within 20 s");
                break;
            }
            cold.push_back((now_seconds() - t0) * 1000);
            const auto first = player.picture().generation;
            if (pump(player, target.renderer, [&] { return player.picture().generation > first; }, 5))
                cold_motion.push_back((now_seconds() - t0) * 1000);
        }
    }
    if (status == 0)
        std::printf("poster_ms=0 clock_ms=%.1f preloaded_ms=%.1f cold_ms=%.1f cold_motion_ms=%.1f "
                    "frame_interval_ms=%.1f runs=%d\n",
                    median(clock), median(preloaded), median(cold), median(cold_motion), interval, runs);
    if (audio) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return status;
}

// The plainest fast read: open, fstat, one read of the whole file.
std::string read_whole_file(const std::filesystem::path& file) {
    std::string text;
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd >= 0 && ::fstat(fd, &st) == 0) {
        text.resize(static_cast<std::size_t>(st.st_size));
        std::size_t got = 0;
        for (ssize_t n; got < text.size() && (n = ::read(fd, text.data() + got, text.size() - got)) > 0;)
            got += static_cast<std::size_t>(n);
        text.resize(got);
    }
    if (fd >= 0) ::close(fd);
    return text;
}

// Every .json file the loader reads: pack.json and modules/*.json of each pack under `root`.
std::vector<std::filesystem::path> pack_json_files(const std::filesystem::path& root) {
    namespace fs = std::filesystem;
    std::vector<fs::path> packs;
    if (fs::exists(root / "pack.json")) packs.push_back(root);
    else
        for (const auto& e : fs::directory_iterator(root))
            if (e.is_directory() && fs::exists(e.path() / "pack.json")) packs.push_back(e.path());
    std::vector<fs::path> files;
    for (const auto& p : packs) {
        files.push_back(p / "pack.json");
        if (fs::is_directory(p / "modules"))
            for (const auto& e : fs::directory_iterator(p / "modules"))
                if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
    }
    return files;
}

int run_load(const std::string& dir, int runs) {
    using upstander::Library;
    const auto files = pack_json_files(dir);
    if (files.empty()) {
        std::fprintf(stderr, "upstander-bench: %s holds no pack (no pack.json)\n", dir.c_str());
        return 1;
    }
    double best_load = 1e300, best_parse = 1e300;
    std::size_t modules = 0, workshops = 0, errors = 0;
    for (int r = 0; r < runs; ++r) {
        double t0 = now_seconds();
        {
            Library lib = upstander::load_library({dir});
            // Loading ends when the library is ready; freeing it (at exit) is not part of it. The
            // parse side below frees each document as it goes, as the loader does with its files.
            best_load = std::min(best_load, now_seconds() - t0);
            if (r == 0) {
                for (const auto& p : lib.packs) modules += p.modules.size();
                workshops = lib.workshops.size();
                errors = upstander::count_errors(lib.diagnostics);
                for (const auto& d : lib.diagnostics)
                    if (d.severity == upstander::Diagnostic::Severity::Error)
                        std::fprintf(stderr, "upstander-bench: %s\n", upstander::format_diagnostic(d).c_str());
            }
        }
        t0 = now_seconds();
        std::size_t values = 0;
        for (const auto& f : files) values += nlohmann::json::parse(read_whole_file(f)).size();
        best_parse = std::min(best_parse, now_seconds() - t0);
        if (values == 0) return 1;  // keeps the parse from being optimised away
    }
    if (errors) {
        std::fprintf(stderr, "upstander-bench: the packs in %s have %zu errors; a benchmark needs clean packs\n",
                     dir.c_str(), errors);
        return 1;
    }
    std::printf("files=%zu modules=%zu workshops=%zu load_seconds=%.4f parse_seconds=%.4f ratio=%.2f\n", files.size(),
                modules, workshops, best_load, best_parse, best_load / best_parse);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"upstander-bench: measure Upstander's video pipeline, pack loading, voting and card reading"};
    app.set_version_flag("--version", std::string("upstander-bench ") + upstander::kVersion);
    app.require_subcommand(1);
    std::string decode_file, play_file;
    bool stats = false;
    auto* decode = app.add_subcommand("decode", "decode and upload every frame as fast as possible (untimed)");
    decode->add_option("FILE", decode_file, "video or audio file")->required();
    auto* play = app.add_subcommand("play", "play in real time, headless");
    play->add_option("FILE", play_file, "video or audio file")->required();
    play->add_flag("--stats", stats, "print frames shown/dropped and A/V difference as JSON");
    std::string load_dir;
    int runs = 5;
    auto* load = app.add_subcommand("load", "time the pack loader against plain nlohmann::json::parse of the same files");
    load->add_option("DIR", load_dir, "a pack folder or a folder of packs")->required()->check(CLI::ExistingDirectory);
    load->add_option("--runs", runs, "runs of each (the fastest is kept)")->check(CLI::Range(1, 1000));
    std::string start_file;
    int start_runs = 10;
    auto* start = app.add_subcommand("start", "time from the keypress to a moving picture, preloaded and cold");
    start->add_option("FILE", start_file, "video file")->required();
    start->add_option("--runs", start_runs, "runs of each (the median is printed)")->check(CLI::Range(1, 1000));
    std::string voting_dir = (std::filesystem::temp_directory_path() / "upstander-bench-voting").string();
    auto* voting = app.add_subcommand("voting", "voting throughput: booths, ballots and handsets, with the durable save");
    voting->add_option("--work-dir", voting_dir, "folder for the bench's pack and session files (emptied first)");
    CardsBenchOptions cards_opts;
    auto* cards = app.add_subcommand("cards", "answer cards read from a recording, against its ground truth");
    cards->add_option("FILE", cards_opts.file, "recording (upstander-cards scene)")->required();
    cards->add_option("--truth", cards_opts.truth, "ground truth (default FILE.truth.json)");
    cards->add_option("--threads", cards_opts.threads, "detector threads")->check(CLI::Range(1, 64));
    cards->add_option("--decimate", cards_opts.decimate, "quad decimation (default: from the frame size)");
    cards->add_option("--fps", cards_opts.fps, "frame rate of the recording")->check(CLI::Range(1.0, 240.0));
    cards->add_flag("--quiet", cards_opts.quiet, "totals only");
    CLI11_PARSE(app, argc, argv);
    if (*voting) return upstander::bench::run_voting(voting_dir);
    if (*cards) {
        av_log_set_level(AV_LOG_FATAL);
        return run_cards(cards_opts);
    }
    if (*load) return run_load(load_dir, runs);
    av_log_set_level(AV_LOG_FATAL);  // our own message names the file and the reason
    if (*decode) return run_decode(decode_file);
    if (*start) return run_start(start_file, start_runs);
    return run_play(play_file, stats);
}
