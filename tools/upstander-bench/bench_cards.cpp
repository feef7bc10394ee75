// upstander-bench cards FILE: reads a recording of answer cards (upstander-cards scene) through the
// kiosk's camera reader and detector, frame by frame as fast as it can, and compares every reading
// with the ground truth. Prints one line a frame:
//   frame=N decode_ms=D detect_ms=T found=F right=R wrong=W missed=M
// then totals: readings right and wrong, cards read correctly by marker size (under 30 px, 30 px
// and over; partly covered cards apart), milliseconds a frame and frames a second, and for a
// recording of held scenes the time into the recording at which a scan (core/card_scan.hpp)
// had counted every card of the first scene.
#include "bench_cards.hpp"

#include "cards/card_detector.hpp"
#include "cards/card_scene.hpp"
#include "core/card_scan.hpp"
#include "media/camera.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <algorithm>
#include <map>
#include <optional>
#include <set>

using namespace upstander;

namespace {

double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// The cards the "class counted in 5 s" goal is about: steady (not turning), not covered, and with a
// marker of 30 px or more in the first frame.
bool counts_for_goal(const cards::TruthCard& c) { return c.answer != 0 && !c.covered && c.marker_px >= 30; }

struct Bin {
    long long cards = 0;
    long long right = 0;
    long long wrong = 0;
    long long found_no_answer = 0;  // marker found, but it gave no answer (turned too far, bits corrected)
};

}  // namespace

int run_cards(const CardsBenchOptions& o) {
    std::string truth_file = o.truth.empty() ? o.file + ".truth.json" : o.truth;
    std::optional<cards::SceneTruth> truth;
    if (std::filesystem::exists(truth_file)) {
        auto t = cards::read_scene_truth(truth_file);
        if (!t.ok()) {
            std::fprintf(stderr, "upstander-bench: %s\n", t.message().c_str());
            return 1;
        }
        truth = std::move(*t);
    }
    media::FrameReader reader;
    std::string error;
    if (!reader.open(o.file, error)) {
        std::fprintf(stderr, "upstander-bench: %s\n", error.c_str());
        return 1;
    }
    cards::CardDetector detector({o.threads, o.decimate});
    media::GreyFrame frame;
    long long turning_readings = 0;
    long long frames = 0, readings = 0, right = 0, wrong = 0, extra = 0;
    double decode_total = 0, detect_total = 0;
    Bin small, large, covered, turning;
    // The scan of the first held scene: when has every card that can be counted been counted?
    std::optional<CardScan> scan;
    double counted_at = -1;
    long long counted_frames = 0;
    double scan_work_ms = 0, counted_work_ms = 0;
    std::size_t countable = 0;
    for (;;) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = reader.read(frame, error);
        if (r == media::FrameReader::ReadResult::Failed) {
            std::fprintf(stderr, "upstander-bench: %s\n", error.c_str());
            return 1;
        }
        if (r == media::FrameReader::ReadResult::End) break;
        const double decode_ms = ms_since(t0);
        const auto t1 = std::chrono::steady_clock::now();
        const auto dets = detector.detect({frame.pixels.data(), frame.width, frame.height, frame.width});
        const double detect_ms = ms_since(t1);
        decode_total += decode_ms;
        detect_total += detect_ms;
        std::map<int, int> read;  // card -> answer in this frame
        std::set<int> unread;     // cards whose marker was found but gave no answer (angle, bits)
        for (const CardDetection& d : dets) {
            if (const auto reading = read_card(d)) read[reading->card] = reading->answer;
            else if (const auto marker = card_for_tag(d.tag_id)) unread.insert(marker->card);
        }
        long long f_right = 0, f_wrong = 0, f_missed = 0, f_turning = 0;
        if (truth && frames < static_cast<long long>(truth->frames.size())) {
            const auto& cards_in_frame = truth->frames[static_cast<std::size_t>(frames)];
            std::map<int, const cards::TruthCard*> by_card;
            for (const auto& c : cards_in_frame) by_card[c.card] = &c;
            for (const auto& [card, answer] : read) {
                const auto it = by_card.find(card);
                if (it == by_card.end()) {
                    ++f_wrong;
                    ++extra;
                    continue;
                }
                if (it->second->answer == 0) ++f_turning;  // a card mid-turn: only the scan must ignore it
                else if (it->second->answer == answer) ++f_right;
                else ++f_wrong;
            }
            for (const auto& c : cards_in_frame) {
                const auto it = read.find(c.card);
                const bool ok = it != read.end() && it->second == c.answer;
                const bool bad = it != read.end() && it->second != c.answer;
                Bin& bin = c.answer == 0 ? turning : c.covered ? covered : c.marker_px < 30 ? small : large;
                ++bin.cards;
                bin.found_no_answer += (it == read.end() && unread.count(c.card) != 0) ? 1 : 0;
                bin.right += ok ? 1 : 0;
                bin.wrong += bad ? 1 : 0;
                if (it == read.end() && c.answer != 0) ++f_missed;
            }
            if (frames == 0) {
                std::set<int> none;
                scan.emplace(kMaxCardAnswers, none);
                for (const auto& c : cards_in_frame) countable += counts_for_goal(c) ? 1 : 0;
            }
            if (scan) scan->add_frame(dets);  // the whole recording: a turning card must never count
            if (scan && counted_at < 0) {
                std::size_t done = 0;
                const auto seen = scan->seen_cards();
                for (const auto& c : truth->frames[0])
                    if (counts_for_goal(c) && std::find(seen.begin(), seen.end(), c.card) != seen.end()) ++done;
                scan_work_ms += decode_ms + detect_ms;
                if (done >= countable && countable > 0) {
                    counted_at = static_cast<double>(frames + 1) / o.fps;
                    counted_frames = frames + 1;
                    counted_work_ms = scan_work_ms;
                }
            }
        }
        readings += static_cast<long long>(read.size()) - f_turning;
        turning_readings += f_turning;
        right += f_right;
        wrong += f_wrong;
        if (!o.quiet)
            std::printf("frame=%lld size=%dx%d decode_ms=%.1f detect_ms=%.1f found=%zu right=%lld wrong=%lld missed=%lld\n",
                        frames, frame.width, frame.height, decode_ms, detect_ms, read.size(), f_right, f_wrong, f_missed);
        ++frames;
    }
    if (frames == 0) {
        std::fprintf(stderr, "upstander-bench: %s has no frames\n", o.file.c_str());
        return 1;
    }
    const double per_frame = (decode_total + detect_total) / static_cast<double>(frames);
    std::printf("total frames=%lld readings=%lld (and %lld of turning cards) right=%lld wrong=%lld not_in_scene=%lld decode_ms=%.1f detect_ms=%.1f "
                "ms_per_frame=%.1f fps=%.1f threads=%d decimate=%.2f\n",
                frames, readings, turning_readings, right, wrong, extra, decode_total / static_cast<double>(frames),
                detect_total / static_cast<double>(frames), per_frame, 1000.0 / per_frame, o.threads,
                o.decimate > 0 ? o.decimate : cards::decimation_for(frame.width, frame.height));
    auto pct = [](const Bin& b) { return b.cards ? 100.0 * static_cast<double>(b.right) / static_cast<double>(b.cards) : 0.0; };
    if (truth) {
        for (const auto& [name, b] : {std::pair<const char*, const Bin&>{"marker>=30px", large}, {"marker<30px", small},
                                      {"covered", covered}})
            std::printf("%s cards=%lld read_right=%lld (%.2f%%) wrong=%lld found_without_answer=%lld\n", name, b.cards,
                        b.right, pct(b), b.wrong, b.found_no_answer);
        long long turning_counted = 0;
        if (scan && !truth->frames.empty()) {
            const auto seen = scan->seen_cards();
            for (const auto& c : truth->frames[0])
                if (c.answer == 0 && std::find(seen.begin(), seen.end(), c.card) != seen.end()) ++turning_counted;
        }
        std::printf("turning cards=%lld frames_read_as_an_answer=%lld counted_by_the_scan=%lld (must be 0)\n",
                    turning.cards, turning_readings, turning_counted);
        const long long all_wrong = wrong;
        std::printf("wrong_per_1000_readings=%.2f\n", readings ? 1000.0 * static_cast<double>(all_wrong) / static_cast<double>(readings) : 0.0);
        // A scan counts a card once it is steady over several frames (core/card_scan.hpp). When the
        // camera delivers frames faster than they are processed, the time to count the class is the
        // processing time; otherwise it is the recording's own time.
        if (counted_at >= 0)
            std::printf("scan: all %zu uncovered steady cards of 30 px or more counted after %lld frames: %.2f s of "
                        "recording at %.0f fps, %.2f s of decoding and detection; by the end (%.1f s) %d of the %zu "
                        "cards counted\n",
                        countable, counted_frames, counted_at, o.fps, counted_work_ms / 1000.0,
                        static_cast<double>(frames) / o.fps, scan->cards_seen(), truth->frames.front().size());
        else if (scan)
            std::printf("scan: the %zu uncovered steady cards of 30 px or more were never all counted (%d cards counted "
                        "in all)\n", countable, scan->cards_seen());
    }
    return 0;
}
