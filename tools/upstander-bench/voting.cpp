// upstander-bench voting: kiosk-limited voting throughput. Drives the kiosk's own rules (KioskState,
// the same commands the booth windows and handsets send) with scripted pupils on a virtual clock,
// and times with the wall clock only what the kiosk itself spends: applying each command, including
// the durable save (temp file, fsync, rename, folder fsync) into a real session folder. Drawing a
// frame is not included. Prints a table per set-up, the estimated room time for a class of 30
// answering four questions (with the assumptions next to each figure), and the save latency
// distribution with four handsets.

#include "voting_bench.hpp"

#include "app/kiosk_state.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace upstander::bench {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using ui::Command;
using ui::CommandType;

// A pack with the four Step Up before-questions twice: once as four ordinary polls (one visit per
// question, as before ballots) and once as one questionnaire ballot.
void write_bench_pack(const fs::path& dir) {
    fs::create_directories(dir / "modules");
    std::ofstream(dir / "pack.json") << R"({"format": "upstander-pack", "format_version": 1, "id": "bench", "title": "Bench",
  "version": "1.0.0", "language": "en-GB",
  "workshops": [{"id": "bench", "title": "Bench", "duration_minutes": 60, "modules": ["single", "ballot"]}]})";
    auto polls = [](const std::string& prefix, bool together) {
        const char* qs[4][2] = {{"Can this still be a hate crime?", "yes-no"},
                                {"Can you report hate if you are not sure it is a crime?", "yes-no"},
                                {"I would tell a trusted adult.", "likert"},
                                {"I would help someone report it.", "likert"}};
        std::string out;
        for (int i = 0; i < 4; ++i) {
            out += std::string(i ? ",\n" : "") + R"({"type": "poll", "id": ")" + prefix + std::to_string(i) +
                   R"(", "question": ")" + qs[i][0] + R"(", "kind": ")" + qs[i][1] + "\"" +
                   (together ? R"(, "ballot": "together")" : "") + "}";
        }
        return out;
    };
    std::ofstream(dir / "modules" / "single.json")
        << R"({"id": "single", "type": "topic", "title": "One at a time", "steps": [)" << polls("single-", false) << "]}";
    std::ofstream(dir / "modules" / "ballot.json")
        << R"({"id": "ballot", "type": "topic", "title": "Ballot", "steps": [)" << polls("ballot-", true) << "]}";
}

struct Timer {
    std::vector<double> samples_ms;  // one per counted vote or ballot
    double total_s = 0;
    template <class F>
    void time(F&& f) {
        const auto a = Clock::now();
        f();
        const double s = std::chrono::duration<double>(Clock::now() - a).count();
        total_s += s;
        samples_ms.push_back(s * 1000.0);
    }
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

struct Kiosk {
    app::KioskState state;
    SteadyTime now;
    Kiosk(const fs::path& content, const fs::path& data, int booths)
        : state(options(), config(content, data), SteadyTime{} + std::chrono::hours(1000)), now(SteadyTime{} + std::chrono::hours(1000)) {
        state.start(now);
        state.set_booth_count(booths);
    }
    static app::Options options() {
        app::Options o;
        o.workshop_id = "bench";
        o.group_label = "Bench";
        o.group_format = "group";
        o.audience = "under-18";
        return o;
    }
    static app::KioskConfig config(const fs::path& content, const fs::path& data) {
        app::KioskConfig c;
        c.content_roots = {content};
        c.data_dir = data;
        c.attract_after_seconds = 0;
        return c;
    }
    void apply(CommandType t, int index, int source) { state.apply(Command{t, index, {}, source}, now); }
    void advance(std::chrono::milliseconds ms) {
        now += ms;
        state.tick(now);
    }
};

constexpr int kClass = 30;
constexpr int kQuestions = 4;
// Room-time assumptions (seconds), printed next to every estimate.
constexpr double kVisitSeconds = 4.0;    // one pupil at one voting screen, steady queue (Step Up notes)
constexpr double kTapSeconds = 2.0;      // read one short question and tap (assumed)
constexpr double kDoneSeconds = 1.0;     // press Done (assumed)
constexpr double kHandOnSeconds = 3.0;   // pass a handset to the next person along a row (assumed)

struct Row {
    std::string setup;
    int answers = 0;
    double kiosk_s = 0;
    double per_pupil_ms = 0;
    double room_minutes = 0;
    std::string assumption;
};

}  // namespace

int run_voting(const fs::path& work) {
    std::error_code ec;
    fs::remove_all(work, ec);
    const fs::path content = work / "content";
    write_bench_pack(content / "bench");
    std::vector<Row> rows;
    std::vector<double> handset_saves;

    // 1. One booth, one question per visit (as before ballots): 30 pupils x 4 polls.
    {
        Kiosk k(content, work / "data-1", 1);
        Timer t;
        for (int q = 0; q < kQuestions; ++q) {
            for (int p = 0; p < kClass; ++p) {
                t.time([&] { k.apply(CommandType::Vote, p % 2, ui::kSourceBooth + 1); });
                k.advance(std::chrono::milliseconds(1600));  // the pupil walks away; the cooldown passes
            }
            k.apply(CommandType::Next, -1, ui::kSourceScreen);
        }
        const double room = kQuestions * kClass * kVisitSeconds / 60.0 + t.total_s / 60.0;
        rows.push_back({"1 booth, 4 separate polls", kQuestions * kClass, t.total_s, t.total_s * 1000.0 / kClass, room,
                        "4 s a pupil a visit (Step Up notes), 4 visits each"});
    }
    // 2. One booth, one questionnaire ballot of 4 questions.
    auto ballot_run = [&](int booths, const std::string& name) {
        Kiosk k(content, work / ("data-b" + std::to_string(booths)), booths);
        for (int i = 0; i < kQuestions; ++i) k.apply(CommandType::Next, -1, ui::kSourceScreen);  // to the ballot
        Timer t;
        for (int p = 0; p < kClass; ++p) {
            const int booth = 1 + p % booths;
            t.time([&] {
                for (int q = 0; q < kQuestions; ++q) k.apply(CommandType::Vote, (p + q) % 3, ui::kSourceBooth + booth);
                k.apply(CommandType::BallotDone, -1, ui::kSourceBooth + booth);
            });
            if (booth == booths) k.advance(std::chrono::milliseconds(1600));
        }
        const double per_pupil = kVisitSeconds - kTapSeconds + kQuestions * kTapSeconds + kDoneSeconds;
        const double room = std::ceil(static_cast<double>(kClass) / booths) * per_pupil / 60.0 + t.total_s / 60.0;
        rows.push_back({name, kQuestions * kClass, t.total_s, t.total_s * 1000.0 / kClass, room,
                        "2 s to change over, 2 s a question, 1 s for Done; booths in parallel"});
    };
    ballot_run(1, "1 booth, ballot of 4");
    ballot_run(2, "2 booths, ballot of 4");
    // 4. Four handsets, one ballot each, pressed in the same instant (the worst case for the kiosk).
    {
        Kiosk k(content, work / "data-h4", 0);
        for (int i = 0; i < kQuestions; ++i) k.apply(CommandType::Next, -1, ui::kSourceScreen);
        for (int h = 1; h <= 4; ++h) k.state.handset_connected(h, "", k.now);
        const int rounds = 50;  // 200 ballots: enough saves for a p99
        for (int r = 0; r < rounds; ++r) {
            for (int h = 1; h <= 4; ++h) {
                for (int q = 0; q < kQuestions; ++q)
                    k.state.handset_pressed(h, app::KioskState::PadInput::Option, (r + h + q) % 3, k.now);
            }
            for (int h = 1; h <= 4; ++h) {
                const auto a = Clock::now();
                k.state.handset_pressed(h, app::KioskState::PadInput::Done, -1, k.now);
                handset_saves.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
            }
            k.advance(std::chrono::milliseconds(1600));
        }
        // Kiosk time for the class: every press of 30 pupils (4 answers and Done each).
        Kiosk k2(content, work / "data-h4b", 0);
        for (int i = 0; i < kQuestions; ++i) k2.apply(CommandType::Next, -1, ui::kSourceScreen);
        for (int h = 1; h <= 4; ++h) k2.state.handset_connected(h, "", k2.now);
        Timer c;
        for (int p = 0; p < kClass; ++p) {
            const int h = 1 + p % 4;
            c.time([&] {
                for (int q = 0; q < kQuestions; ++q) k2.state.handset_pressed(h, app::KioskState::PadInput::Option, q % 3, k2.now);
                k2.state.handset_pressed(h, app::KioskState::PadInput::Done, -1, k2.now);
            });
            if (h == 4) k2.advance(std::chrono::milliseconds(1600));
        }
        const double per_pupil = kHandOnSeconds + kQuestions * kTapSeconds + kDoneSeconds;
        const double room = std::ceil(kClass / 4.0) * per_pupil / 60.0 + c.total_s / 60.0;
        rows.push_back({"4 handsets, ballot of 4", kQuestions * kClass, c.total_s, c.total_s * 1000.0 / kClass, room,
                        "3 s to hand on along the row, 2 s a question, 1 s for Done; 4 in parallel"});
    }

    std::printf("upstander-bench voting: kiosk-limited throughput (commands applied, durable save included; "
                "drawing not included), class of %d, %d questions\n\n", kClass, kQuestions);
    std::printf("%-28s %10s %14s %16s %14s  %s\n", "set-up", "answers", "kiosk ms/pupil", "answers/min (kiosk)",
                "room min (est.)", "room-time assumptions");
    for (const Row& r : rows) {
        const double per_min = r.kiosk_s > 0 ? r.answers / r.kiosk_s * 60.0 : 0;
        std::printf("%-28s %10d %14.2f %16.0f %14.1f  %s\n", r.setup.c_str(), r.answers, r.per_pupil_ms, per_min,
                    r.room_minutes, r.assumption.c_str());
    }
    std::printf("\nSources: 4 s a pupil a visit is the Step Up pack's own figure (facilitator notes of the measure polls, "
                "content/packs/step-up/modules/measures-pre.json). 2 s a question, 1 s for Done and 3 s to hand a "
                "handset on are assumptions, not measured with pupils.\n");
    std::printf("\nDurable save with 4 handsets (%zu ballots, each Done = one save): p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  "
                "max %.2f ms\n",
                handset_saves.size(), percentile(handset_saves, 0.5), percentile(handset_saves, 0.9),
                percentile(handset_saves, 0.99), *std::max_element(handset_saves.begin(), handset_saves.end()));
    fs::remove_all(work, ec);
    return 0;
}

}  // namespace upstander::bench
