// Workshop navigation over the good-a fixture: intro (4 steps), scenario (choice + discussion),
// outro (2 polls), then the "What changed today" summary (good-a has a pre/post pair).

#include "core/navigation.hpp"
#include "pack_test_util.hpp"

using namespace upstander;
using namespace upstander::test;

namespace {

const Library& good_library() {
    static const Library lib = load_library({fixture_dir("good-a"), fixture_dir("good-b")});
    return lib;
}

const ResolvedWorkshop& good_a() {
    const ResolvedWorkshop* w = good_library().find_workshop("good-a-workshop");
    REQUIRE(w != nullptr);
    return *w;
}

}  // namespace

TEST_CASE("navigation starts at the first step", "[navigation]") {
    Navigator nav(good_a());
    CHECK(nav.module_count() == 3);
    CHECK(nav.step_count(0) == 4);
    CHECK(nav.step_count(1) == 2);
    CHECK(nav.step_count(2) == 2);
    CHECK(nav.step_count(3) == 1);  // the summary
    CHECK(nav.step_count(4) == 0);
    CHECK(nav.has_summary());
    CHECK(nav.at_start());
    CHECK_FALSE(nav.at_end());
    CHECK_FALSE(nav.back());
    CHECK(nav.position() == NavPosition{0, 0, -1});
    REQUIRE(nav.current_step() != nullptr);
    CHECK(nav.current_step()->id == "start");
    CHECK(nav.current_module()->id == "intro");
    CHECK(nav.progress_label() == "Module 1 of 3 \xC2\xB7 Step 1 of 4");
}

TEST_CASE("next and back cross module boundaries", "[navigation]") {
    Navigator nav(good_a());
    for (int i = 0; i < 3; ++i) REQUIRE(nav.next());
    CHECK(nav.position() == NavPosition{0, 3, -1});
    REQUIRE(nav.next());
    CHECK(nav.position() == NavPosition{1, 0, -1});
    CHECK(nav.current_module()->id == "scenario");
    CHECK(nav.progress_label() == "Module 2 of 3 \xC2\xB7 Step 1 of 2");
    REQUIRE(nav.back());
    CHECK(nav.position() == NavPosition{0, 3, -1});
    CHECK(nav.current_step()->id == "confidence-pre");
    REQUIRE(nav.next());
    REQUIRE(nav.next());
    REQUIRE(nav.next());
    CHECK(nav.position() == NavPosition{2, 0, -1});
    CHECK(nav.current_step()->id == "favourite");
}

TEST_CASE("choosing a consequence and returning", "[navigation]") {
    Navigator nav(good_a());
    CHECK_FALSE(nav.choose(0));  // not at a choice step
    REQUIRE(nav.jump_to_module(1));
    const Step* choice = nav.current_step();
    REQUIRE(choice->type == StepType::Choice);
    CHECK_FALSE(nav.choose(2));
    CHECK_FALSE(nav.choose(-1));
    REQUIRE(nav.choose(1));
    CHECK(nav.position() == NavPosition{1, 0, 1});
    REQUIRE(nav.current_step() != nullptr);
    CHECK(nav.current_step()->type == StepType::Consequence);
    CHECK(nav.current_step()->heading == "After speaking up");
    CHECK_FALSE(nav.choose(0));  // already showing a consequence
    // Back returns to the choice.
    REQUIRE(nav.back());
    CHECK(nav.position() == NavPosition{1, 0, -1});
    CHECK(nav.current_step() == choice);
    // Next from a consequence continues after the choice step.
    REQUIRE(nav.choose(0));
    CHECK(nav.current_step()->heading == "After walking away");
    REQUIRE(nav.peek_next() != nullptr);
    CHECK(nav.peek_next()->type == StepType::Discussion);
    REQUIRE(nav.next());
    CHECK(nav.position() == NavPosition{1, 1, -1});
    CHECK(nav.current_step()->type == StepType::Discussion);
}

TEST_CASE("the summary step and the end of a workshop", "[navigation]") {
    Navigator nav(good_a());
    REQUIRE(nav.jump_to_module(2));
    REQUIRE(nav.next());
    CHECK(nav.position() == NavPosition{2, 1, -1});
    CHECK(nav.peek_next() == nullptr);
    CHECK(nav.peek_next_is_summary());
    REQUIRE(nav.next());
    CHECK(nav.at_summary());
    CHECK(nav.current_step() == nullptr);
    CHECK(nav.current_module() == nullptr);
    CHECK(nav.progress_label() == kSummaryTitle);
    CHECK(nav.module_title(3) == kSummaryTitle);
    CHECK(nav.at_end());
    CHECK_FALSE(nav.next());  // the summary is the last step: next() must not move past it
    CHECK(nav.position() == NavPosition{3, 0, -1});
    CHECK_FALSE(nav.peek_next_is_summary());
    CHECK(nav.peek_next() == nullptr);
    REQUIRE(nav.back());
    CHECK(nav.position() == NavPosition{2, 1, -1});
}

TEST_CASE("jumping and setting positions", "[navigation]") {
    Navigator nav(good_a());
    CHECK(nav.jump_to_module(3));  // the summary
    CHECK(nav.at_summary());
    CHECK_FALSE(nav.jump_to_module(4));
    CHECK_FALSE(nav.jump_to_module(-1));
    CHECK(nav.at_summary());  // unchanged after a refused jump
    CHECK(nav.jump_to_module(0));
    CHECK(nav.at_start());
    CHECK(nav.module_title(1) == "A scenario");
    CHECK(nav.module_title(9).empty());

    CHECK(nav.set_position({1, 0, 1}));
    CHECK(nav.current_step()->type == StepType::Consequence);
    CHECK_FALSE(nav.set_position({1, 1, 0}));  // a consequence on a discussion step
    CHECK_FALSE(nav.set_position({1, 0, 2}));  // only two choices
    CHECK_FALSE(nav.set_position({0, 4, -1}));
    CHECK_FALSE(nav.set_position({3, 1, -1}));
    CHECK_FALSE(nav.set_position({0, 0, -2}));
    CHECK(nav.position() == NavPosition{1, 0, 1});
}

TEST_CASE("a workshop without pairs ends at its last step", "[navigation]") {
    TempDir tmp;
    PackBuilder b;
    b.steps().push_back({{"type", "title"}, {"heading", "Second"}});
    b.write(tmp.path() / "p");
    const Library lib = load_library({tmp.path() / "p"});
    REQUIRE(lib.workshops.size() == 1);
    Navigator nav(lib.workshops[0]);
    CHECK_FALSE(nav.has_summary());
    CHECK(nav.step_count(1) == 0);
    CHECK_FALSE(nav.jump_to_module(1));
    REQUIRE(nav.next());
    CHECK(nav.at_end());
    CHECK_FALSE(nav.at_summary());
    CHECK_FALSE(nav.next());
    CHECK(nav.position() == NavPosition{0, 1, -1});
    CHECK(nav.peek_next() == nullptr);
    CHECK_FALSE(nav.peek_next_is_summary());
    CHECK(nav.progress_label() == "Module 1 of 1 \xC2\xB7 Step 2 of 2");
}

TEST_CASE("navigating a workshop that uses another pack's modules", "[navigation]") {
    const ResolvedWorkshop* mix = good_library().find_workshop("good-b-mix");
    REQUIRE(mix != nullptr);
    Navigator nav(*mix);
    int steps = 1;
    while (nav.next()) ++steps;
    CHECK(steps == 4 + 2 + 2 + 1);  // intro, extra, outro, summary
    CHECK(nav.at_summary());
    int back = 0;
    while (nav.back()) ++back;
    CHECK(back == steps - 1);
    CHECK(nav.at_start());
}
