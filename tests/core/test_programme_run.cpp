// Programme state across three sessions and crashes, the programme file, and the store (plain and
// sealed, with a stand-in sealer: the real one is tested in tests/app/test_programme_seal.cpp).

#include "core/programme_code.hpp"
#include "core/programme_run.hpp"
#include "core/programme_store.hpp"
#include "faulty_fs.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace upstander;
using namespace upstander::test;
namespace fs = std::filesystem;

namespace {

Library programme_library() { return load_library({fs::path(UPSTANDER_TEST_DATA_DIR) / "programme-pack"}); }

// Walks the navigator to the step holding poll `id`.
const PollDef* go_to_poll(Navigator& nav, const std::string& id) {
    nav.set_position(NavPosition{});
    for (int guard = 0; guard < 500; ++guard) {
        const Step* s = nav.current_step();
        if (s && s->type == StepType::Poll && s->poll->id == id) return &*s->poll;
        if (!nav.next()) break;
    }
    return nullptr;
}

// A reversible stand-in for sealing: the text is kept but marked and reversed.
ProgrammeSealer fake_sealer() {
    return [](const std::string& plain) -> Result<std::string> {
        std::string r(plain.rbegin(), plain.rend());
        return SealedEnvelope{"upstander-programme", "test-key", r}.sealed.empty()
                   ? Result<std::string>(Error{"empty"})
                   : Result<std::string>(sealed_envelope_to_string({"upstander-programme", "test-key", r}));
    };
}

ProgrammeRecord unseal_fake(const std::string& file_text) {
    auto env = parse_sealed_envelope(file_text);
    REQUIRE(env);
    std::string plain(env->sealed.rbegin(), env->sealed.rend());
    auto p = programme_from_string(plain);
    INFO(p.error);
    REQUIRE(p.record);
    return *p.record;
}

std::vector<fs::path> files_under(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::exists(dir, ec)) return out;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it)
        if (it->is_regular_file()) out.push_back(it->path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("a programme runs over three sessions, resuming where a crash left it", "[programme][run]") {
    Library lib = programme_library();
    const ResolvedProgramme* p = lib.find_programme("test-programme-young");
    REQUIRE(p);
    TempDir tmp;
    const fs::path data = tmp / "data";
    const std::string code = new_programme_code();

    {
        ProgrammeStore store(data, programme_resume_dir_for(data), {});
        ProgrammeRun run(*p, ProgrammeRun::new_record(*p, lib.find_pack("programme-test"), code, ReferralRoute::YouthOffendingTeam,
                                                      true, "test"));
        CHECK(run.record().session_count == 3);
        CHECK(run.record().scale.size() == 4);
        CHECK(run.next_session() == 1);
        REQUIRE(run.begin_session("2026-01-12"));
        CHECK(run.in_session());
        Navigator& nav = *run.navigator();
        const PollDef* pre = go_to_poll(nav, "scale-pre-empathy");
        REQUIRE(pre);
        CHECK(run.is_scale_poll(*pre));
        CHECK(run.answer(*pre, "disagree"));
        CHECK_FALSE(run.answer(*pre, "yes"));  // not on the scale
        const PollDef* pre2 = go_to_poll(nav, "scale-pre-responsibility");
        CHECK(run.answer(*pre2, "agree"));
        run.sync_position();
        REQUIRE(store.save(run.record()).ok());
        // The kiosk is killed here, in session 1.
    }
    {
        ProgrammeStore store(data, programme_resume_dir_for(data), {});
        auto listing = store.list_open();
        REQUIRE(listing.open.size() == 1);
        CHECK(listing.open[0].code == code);
        CHECK(listing.open[0].start_date() == "2026-01-12");
        ProgrammeRun run(*p, *store.find_open(code));
        CHECK(run.in_session());
        REQUIRE(run.begin_session("2026-01-12"));
        CHECK(run.current_session() == 1);
        const Step* s = run.navigator()->current_step();
        REQUIRE(s);
        CHECK(s->poll->id == "scale-pre-responsibility");  // where it stopped
        CHECK(run.answer_for(*s->poll) == "agree");
        run.complete_session();
        REQUIRE(store.save(run.record()).ok());
        CHECK(run.next_session() == 2);
        CHECK_FALSE(run.in_session());

        // Session 2, a week later: stopped half-way by a crash.
        REQUIRE(run.begin_session("2026-01-19"));
        CHECK(run.current_session() == 2);
        run.navigator()->next();
        run.sync_position(3);
        REQUIRE(store.save(run.record()).ok());
    }
    {
        ProgrammeStore store(data, programme_resume_dir_for(data), {});
        ProgrammeRun run(*p, *store.find_open(code));
        CHECK(run.current_session() == 2);
        CHECK(run.record().position_question == 3);
        REQUIRE(run.begin_session("2026-01-20"));
        CHECK(run.navigator()->position().step == 0);
        CHECK(run.navigator()->position().module == 1);
        CHECK(run.record().find_session(2)->date == "2026-01-19");  // resuming keeps the day it began
        run.complete_session();
        REQUIRE(run.begin_session("2026-01-26"));
        CHECK(run.current_session() == 3);
        const PollDef* post = go_to_poll(*run.navigator(), "scale-post-empathy");
        REQUIRE(post);
        CHECK(run.answer(*post, "strongly-agree"));
        run.complete_session();
        CHECK(run.record().status == ProgrammeStatus::Completed);
        REQUIRE(store.save(run.record()).ok());
        CHECK(store.list_open().open.empty());
    }
    const auto files = files_under(data);
    REQUIRE(files.size() == 1);
    CHECK(files[0].filename() == "programme-" + code + ".json");
    const auto parsed = programme_from_string(read_text(files[0]));
    REQUIRE(parsed.record);
    const ProgrammeRecord& r = *parsed.record;
    CHECK(r.sessions_completed() == 3);
    CHECK(r.route == ReferralRoute::YouthOffendingTeam);
    CHECK(r.person_harmed_taking_part);
    CHECK(r.scale[0].pre == "disagree");
    CHECK(r.scale[0].post == "strongly-agree");
    CHECK(r.scale[1].pre == "agree");
    CHECK(r.scale[1].post.empty());
    // Only the fields the README lists: nothing that could name a person.
    const auto j = nlohmann::json::parse(read_text(files[0]));
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
    CHECK(keys == std::vector<std::string>{"app_version", "audience", "code", "format", "person_harmed_taking_part",
                                           "position", "programme", "referral_route", "scale", "schema_version",
                                           "sessions", "status"});
}

TEST_CASE("the impact map: each press moves a category one ripple out and round, kept per step until the session ends",
          "[programme][run]") {
    Library lib = programme_library();
    const ResolvedProgramme* p = lib.find_programme("test-programme-young");
    REQUIRE(p);
    ProgrammeRun run(*p, ProgrammeRun::new_record(*p, lib.find_pack("programme-test"), new_programme_code(),
                                                  ReferralRoute::YouthOffendingTeam, false, "test"));
    REQUIRE(run.begin_session("2026-01-12"));
    CHECK(run.impact_placements().empty());  // session 1 opens on a title step
    CHECK_FALSE(run.move_out(0));
    run.complete_session();
    REQUIRE(run.begin_session("2026-01-19"));
    const Step* s = run.navigator()->current_step();
    REQUIRE(s);
    REQUIRE(s->type == StepType::ImpactMap);
    REQUIRE(s->impact_map->ripples.size() == 3);
    const std::size_t n = s->impact_map->categories.size();
    CHECK(run.impact_placements() == std::vector<int>(n, -1));
    CHECK(run.move_out(0) == 0);  // innermost
    CHECK(run.move_out(0) == 1);
    for (int expected : {0, 1, 2, -1}) CHECK(run.move_out(3) == expected);  // round and off again
    CHECK_FALSE(run.move_out(-1));
    CHECK_FALSE(run.move_out(static_cast<int>(n)));
    std::vector<int> want(n, -1);
    want[0] = 1;
    CHECK(run.impact_placements() == want);
    CHECK(run.record().impact_maps.at("2/0/0") == std::map<std::string, int>{{"person-targeted", 1}});
    // Another step has no map; coming back shows it as it was.
    REQUIRE(run.navigator()->next());
    CHECK(run.impact_placements().empty());
    CHECK_FALSE(run.move_out(0));
    REQUIRE(run.navigator()->back());
    CHECK(run.impact_placements() == want);
    // A hand-edited ripple the step does not have counts as not placed, and the next press starts it afresh.
    run.record().impact_maps["2/0/0"]["their-family"] = 9;
    CHECK(run.impact_placements()[1] == -1);
    CHECK(run.move_out(1) == 0);
    // Taking every category off leaves no entry for the step.
    CHECK(run.move_out(0) == 2);
    CHECK(run.move_out(0) == -1);
    for (int i = 0; i < 3; ++i) run.move_out(1);
    CHECK(run.record().impact_maps.empty());
    run.move_out(2);
    run.complete_session();
    CHECK(run.record().impact_maps.empty());
}

TEST_CASE("a stopped programme is no longer offered to continue", "[programme][run]") {
    Library lib = programme_library();
    const ResolvedProgramme* p = lib.find_programme("test-programme-adult");
    TempDir tmp;
    ProgrammeStore store(tmp / "data", tmp / "resume", {});
    ProgrammeRun run(*p, ProgrammeRun::new_record(*p, nullptr, new_programme_code(), ReferralRoute::Probation, false, "t"));
    run.begin_session("2026-02-01");
    REQUIRE(store.save(run.record()).ok());
    CHECK(store.list_open().open.size() == 1);
    run.stop();
    REQUIRE(store.save(run.record()).ok());
    CHECK(store.list_open().open.empty());
    CHECK_FALSE(run.begin_session("2026-02-02"));
}

TEST_CASE("sealed: the data folder holds only sealed parts, the local copy only what resuming needs", "[programme][store]") {
    Library lib = programme_library();
    const ResolvedProgramme* p = lib.find_programme("test-programme-young");
    TempDir tmp;
    const fs::path data = tmp / "sessions";
    const fs::path resume = programme_resume_dir_for(data);
    CHECK(resume == tmp / "programme-resume");
    const std::string code = new_programme_code();
    ProgrammeStore store(data, resume, fake_sealer());
    CHECK(store.sealed());
    ProgrammeRun run(*p, ProgrammeRun::new_record(*p, nullptr, code, ReferralRoute::School, false, "t"));
    run.begin_session("2026-03-02");
    run.answer(*go_to_poll(*run.navigator(), "scale-pre-harm-of-words"), "neither");
    REQUIRE(store.save(run.record()).ok());

    auto data_files = files_under(data);
    REQUIRE(data_files.size() == 1);
    CHECK_THAT(data_files[0].filename().string(), Catch::EndsWith(".sealed.json"));
    CHECK(data_files[0].filename().string().find(code) == std::string::npos);
    CHECK(read_text(data_files[0]).find(code) == std::string::npos);
    CHECK(unseal_fake(read_text(data_files[0])).scale[2].pre == "neither");
    // While session 1 is in progress its answers are kept locally too (a crash must not lose them).
    REQUIRE(store.find_open(code));
    CHECK(store.find_open(code)->scale[2].pre == "neither");

    run.complete_session();
    REQUIRE(store.save(run.record()).ok());
    // Session 1 is sealed for good: its answers leave the laptop's local copy.
    const auto local = store.find_open(code);
    REQUIRE(local);
    CHECK(local->scale[2].pre.empty());
    CHECK(local->find_session(1)->completed);
    const ProgrammeRecord part1 = unseal_fake(read_text(data_files[0]));
    CHECK(part1.find_session(1)->completed);
    CHECK(part1.scale[2].pre == "neither");

    // The kiosk restarts from its local copy and carries on; part 1 is never written again.
    ProgrammeRun later(*p, *local);
    later.begin_session("2026-03-09");
    REQUIRE(store.save(later.record()).ok());
    later.complete_session();
    REQUIRE(store.save(later.record()).ok());
    later.begin_session("2026-03-16");
    later.answer(*go_to_poll(*later.navigator(), "scale-post-harm-of-words"), "agree");
    later.complete_session();
    REQUIRE(store.save(later.record()).ok());
    CHECK(!store.find_open(code));
    CHECK(files_under(resume).empty());  // completed: the local copy is deleted

    data_files = files_under(data);
    REQUIRE(data_files.size() == 3);
    // The report's view: the parts merged by code give the whole programme.
    std::optional<ProgrammeRecord> merged;
    for (const fs::path& f : data_files) {
        ProgrammeRecord part = unseal_fake(read_text(f));
        CHECK(part.sessions.size() == 1);
        if (!merged) merged = part;
        else merge_programme(*merged, part);
    }
    CHECK(merged->code == code);
    CHECK(merged->sessions_completed() == 3);
    CHECK(merged->status == ProgrammeStatus::Completed);
    CHECK(merged->scale[2].pre == "neither");
    CHECK(merged->scale[2].post == "agree");
}

TEST_CASE("a failed save keeps the last good file and the record in memory", "[programme][store]") {
    Library lib = programme_library();
    const ResolvedProgramme* p = lib.find_programme("test-programme-young");
    TempDir tmp;
    auto faulty = std::make_unique<FaultyFileSystem>();
    FaultyFileSystem* fsx = faulty.get();
    ProgrammeStore store(tmp / "data", tmp / "resume", {}, std::move(faulty));
    const std::string code = new_programme_code();
    ProgrammeRun run(*p, ProgrammeRun::new_record(*p, nullptr, code, ReferralRoute::Police, false, "t"));
    run.begin_session("2026-04-01");
    REQUIRE(store.save(run.record()).ok());
    run.answer(*go_to_poll(*run.navigator(), "scale-pre-empathy"), "agree");
    fsx->fail(FsOp::Write, std::errc::no_space_on_device, 1);
    const auto failed = store.save(run.record());
    REQUIRE_FALSE(failed.ok());
    CHECK_THAT(failed.message(), Catch::Contains("disk full"));
    CHECK(store.find_open(code)->scale[0].pre.empty());  // the file on disk is the last good one
    REQUIRE(store.save(run.record()).ok());              // the retry writes everything
    CHECK(store.find_open(code)->scale[0].pre == "agree");
}

TEST_CASE("programme files: damaged or hostile content is refused with a reason", "[programme][file]") {
    ProgrammeRecord r;
    r.code = new_programme_code();
    r.programme_id = "x";
    r.session_count = 3;
    r.sessions.push_back({1, "2026-01-01", true});
    r.scale.push_back({"m", PollIntended::Agree, "agree", ""});
    const std::string good = programme_to_string(r);
    REQUIRE(programme_from_string(good).record);

    auto broken = [&](const std::string& from, const std::string& to) {
        std::string t = good;
        const auto at = t.find(from);
        REQUIRE(at != std::string::npos);
        t.replace(at, from.size(), to);
        return programme_from_string(t);
    };
    CHECK_THAT(broken(r.code, "ABCDEFGHJ").error, Catch::Contains("/code"));
    CHECK_THAT(broken("\"pre\": \"agree\"", "\"pre\": \"maybe\"").error, Catch::Contains("five-point scale"));
    CHECK_THAT(broken("2026-01-01", "2026-02-30").error, Catch::Contains("real day"));
    CHECK_THAT(broken("\"number\": 1", "\"number\": 5").error, Catch::Contains("only 3 sessions"));
    CHECK(programme_from_string("{\"format\": \"upstander-session\"}").not_programme);
    CHECK_FALSE(programme_from_string("[[[[").record);
    CHECK_THAT(broken("\"schema_version\": 1", "\"schema_version\": 9").error, Catch::Contains("newer"));
    CHECK_FALSE(parse_sealed_envelope(good));
}

TEST_CASE("programme files: the kiosk's impact maps round-trip, and hand-edited entries are dropped, not fatal",
          "[programme][file]") {
    ProgrammeRecord r;
    r.code = new_programme_code();
    r.programme_id = "x";
    r.session_count = 3;
    r.sessions.push_back({2, "2026-01-08", false});
    r.position_session = 2;
    r.impact_maps["2/0/0"] = {{"person-targeted", 1}, {"me", 2}};
    std::string text = programme_to_string(r);
    auto back = programme_from_string(text);
    REQUIRE(back.record);
    CHECK(back.record->impact_maps == r.impact_maps);
    // Not in a sealed session part: it is for resuming on this kiosk only.
    CHECK(sealed_part(r, 2).impact_maps.empty());
    const auto at = text.find("\"me\": 2");
    REQUIRE(at != std::string::npos);
    text.replace(at, 7, "\"me\": -4, \"x\": \"far\", \"y\": 1e9");
    back = programme_from_string(text);
    REQUIRE(back.record);
    CHECK(back.record->impact_maps.at("2/0/0") == std::map<std::string, int>{{"person-targeted", 1}});
}
