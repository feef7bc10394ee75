// The one-to-one programme workflow in KioskState: start, code, session 1, leave mid-session,
// continue by code at the same step, a wrong check character, stopping, and the person harmed's
// questions forgotten once the letter is written.
#include "app/kiosk_state.hpp"
#include "core/programme_code.hpp"
#include "core/programme_file.hpp"

#include "../core/pack_test_util.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

using namespace upstander;
using namespace upstander::app;
using upstander::test::TempDir;
using ui::CommandType;
using Screen = KioskState::Screen;

namespace {
namespace fs = std::filesystem;
const SteadyTime t0 = SteadyTime{} + std::chrono::hours(1);

struct Fixture {
    TempDir tmp;
    KioskConfig config;
    std::unique_ptr<KioskState> state;
    Fixture() {
        config.content_roots = {fs::path(UPSTANDER_SOURCE_DIR) / "tests/data/programme-pack"};
        config.data_dir = tmp / "data";
        config.config_file = tmp / "config.json";
        state = std::make_unique<KioskState>(Options{}, config, t0);
        state->start(t0);
        REQUIRE(state->library().find_programme("test-programme-young"));
    }
    void send(CommandType t, int index = -1, std::string text = {}) { state->apply(ui::Command{t, index, std::move(text)}, t0); }
    ProgrammeFlow& flow() { return *state->programme(); }
    std::string start_programme() {
        send(CommandType::ProgrammeStart, -1, "test-programme-young");
        REQUIRE(state->screen() == Screen::Programme);
        send(CommandType::ProgrammeCreate);
        CHECK(flow().page_view().error == "Choose the referral route.");
        flow().page_view().route = 1;
        flow().page_view().harmed = 1;
        send(CommandType::ProgrammeCreate);
        REQUIRE(flow().page_view().page == ui::ProgrammePage::Code);
        return flow().run()->record().code;
    }
};
}  // namespace

TEST_CASE("programme flow: start, session 1, leave mid-session, continue by code at the same step", "[programme][kiosk]") {
    Fixture f;
    const std::string code = f.start_programme();
    CHECK(fs::exists(f.config.data_dir / "programmes" / programme_file_name(code)));
    f.send(CommandType::ProgrammeBeginSession);
    REQUIRE(f.flow().in_session());
    f.send(CommandType::Next);
    const NavPosition at = f.flow().run()->navigator()->position();
    f.send(CommandType::ProgrammeLeave);
    CHECK(f.state->screen() == Screen::Title);
    // A wrong check character is refused with a message.
    std::string typo = code;
    typo.back() = typo.back() == 'A' ? 'B' : 'A';
    f.send(CommandType::ProgrammeContinue);
    REQUIRE(f.flow().page_view().page == ui::ProgrammePage::Continue);
    REQUIRE(f.flow().page_view().open.size() == 1);
    f.send(CommandType::ProgrammeFindCode, -1, typo);
    CHECK_THAT(f.flow().page_view().error, Catch::Contains("That code is not right"));
    CHECK(f.flow().run() == nullptr);
    f.send(CommandType::ProgrammeFindCode, -1, format_programme_code(code));
    REQUIRE(f.flow().page_view().page == ui::ProgrammePage::Menu);
    CHECK(f.flow().page_view().carry_on);
    f.send(CommandType::ProgrammeBeginSession);
    REQUIRE(f.flow().in_session());
    CHECK(f.flow().run()->navigator()->position().module == at.module);
    CHECK(f.flow().run()->navigator()->position().step == at.step);
    // No group session file was written.
    CHECK_FALSE(fs::exists(f.config.data_dir / "sessions"));
}

TEST_CASE("programme flow: stopping asks first and the programme is no longer open", "[programme][kiosk]") {
    Fixture f;
    const std::string code = f.start_programme();
    f.send(CommandType::ProgrammeLeave);
    f.send(CommandType::ProgrammeContinue);
    f.send(CommandType::ProgrammePick, -1, code);
    f.send(CommandType::ProgrammeStop);
    CHECK(f.flow().page_view().page == ui::ProgrammePage::ConfirmStop);
    f.send(CommandType::ProgrammeStopConfirm);
    CHECK(f.state->screen() == Screen::Title);
    f.send(CommandType::ProgrammeContinue);
    CHECK(f.flow().page_view().open.empty());
}

TEST_CASE("programme flow: the person harmed's questions are forgotten once the letter is written", "[programme][kiosk]") {
    Fixture f;
    f.start_programme();
    f.send(CommandType::ProgrammeQuestions);
    REQUIRE(f.flow().page_view().page == ui::ProgrammePage::Questions);
    f.send(CommandType::ProgrammeAddQuestion, -1, "Why me?");
    REQUIRE(f.flow().harmed().size() == 1);
    f.send(CommandType::ProgrammeQuestionsDone);
    f.send(CommandType::ProgrammeAnswer, 0, "It was not about you.");
    CHECK(f.flow().unwritten_answers());
    f.send(CommandType::ProgrammeLetter);
    REQUIRE(f.flow().page_view().page == ui::ProgrammePage::Letter);
    const fs::path out = f.tmp / "letters";
    fs::create_directories(out);
    f.send(CommandType::ProgrammeWriteLetter, -1, out.string());
    CHECK(f.flow().harmed().empty());
    CHECK_FALSE(f.flow().unwritten_answers());
    REQUIRE(f.flow().page_view().written.size() == 2);
}

TEST_CASE("programme flow: a scenario's choice shows its consequence, by number key or by tap, and is resumed there",
          "[programme][kiosk]") {
    Fixture f;
    const std::string code = f.start_programme();
    f.send(CommandType::ProgrammeBeginSession);
    // Session 1: welcome (2 steps), the scale (4 polls), then the street scenario.
    for (int i = 0; i < 6; ++i) f.send(CommandType::Next);
    const Step* s = f.flow().current_step();
    REQUIRE(s);
    REQUIRE(s->type == StepType::Choice);
    f.send(CommandType::Vote, 1);  // the key "2"
    REQUIRE(f.flow().current_step());
    CHECK(f.flow().current_step()->type == StepType::Consequence);
    CHECK(f.flow().run()->navigator()->position().consequence == 1);
    f.send(CommandType::Back);
    CHECK(f.flow().current_step()->type == StepType::Choice);
    f.send(CommandType::Choose, 0);  // a tap on the first choice
    CHECK(f.flow().run()->navigator()->position().consequence == 0);
    // Left here and continued: the same consequence.
    f.send(CommandType::ProgrammeLeave);
    f.send(CommandType::ProgrammeContinue);
    f.send(CommandType::ProgrammeFindCode, -1, code);
    f.send(CommandType::ProgrammeBeginSession);
    REQUIRE(f.flow().current_step());
    CHECK(f.flow().current_step()->type == StepType::Consequence);
    CHECK(f.flow().run()->navigator()->position().consequence == 0);
    // A choice number that does not exist changes nothing.
    f.send(CommandType::Back);
    f.send(CommandType::Vote, 7);
    CHECK(f.flow().current_step()->type == StepType::Choice);
}

TEST_CASE("programme flow: the impact map is kept with the programme and redrawn when the session is continued",
          "[programme][kiosk]") {
    Fixture f;
    const std::string code = f.start_programme();
    f.send(CommandType::ProgrammeBeginSession);
    for (int i = 0; i < 7; ++i) f.send(CommandType::Next);  // session 1 ends after the scenario
    REQUIRE_FALSE(f.flow().in_session());
    f.send(CommandType::ProgrammeBeginSession);
    REQUIRE(f.flow().current_step());
    REQUIRE(f.flow().current_step()->type == StepType::ImpactMap);
    f.send(CommandType::Vote, 0);  // the person targeted: innermost
    f.send(CommandType::Vote, 0);  //   then the next ripple out
    f.send(CommandType::Vote, 2);  // their friends: innermost
    f.send(CommandType::Vote, 3);
    f.send(CommandType::Vote, 3);
    f.send(CommandType::Vote, 3);
    f.send(CommandType::Vote, 3);  // the community: round all three ripples and off again
    f.send(CommandType::ProgrammeLeave);
    // What the file holds: category ids and ripples only.
    std::ifstream in(f.config.data_dir / "programmes" / programme_file_name(code));
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ProgrammeParseResult parsed = programme_from_string(text);
    REQUIRE(parsed.record);
    REQUIRE(parsed.record->impact_maps.size() == 1);
    const auto& placed = parsed.record->impact_maps.begin()->second;
    CHECK(placed == std::map<std::string, int>{{"person-targeted", 1}, {"their-friends", 0}});
    // Continued: the map is as it was.
    f.send(CommandType::ProgrammeContinue);
    f.send(CommandType::ProgrammeFindCode, -1, code);
    f.send(CommandType::ProgrammeBeginSession);
    REQUIRE(f.flow().current_step());
    REQUIRE(f.flow().current_step()->type == StepType::ImpactMap);
    ui::PollStepView pv;
    PollView poll;
    ui::ProgrammeStepView prog;
    f.flow().step_view(pv, poll, prog);
    CHECK(prog.placements == std::vector<int>{1, -1, 0, -1, -1, -1, -1});
    // Once the session is complete the map is not kept.
    f.send(CommandType::Next);
    for (int i = 0; i < 5; ++i) f.send(CommandType::Next);
    REQUIRE_FALSE(f.flow().in_session());
    CHECK(f.flow().run()->record().impact_maps.empty());
}
