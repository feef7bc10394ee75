// The person harmed's questions: at most ten, answered, written as a letter to the chosen folder only,
// then forgotten.

#include "core/harmed_letter.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace upstander;
using namespace upstander::test;
namespace fs = std::filesystem;

TEST_CASE("harmed questions: at most ten, never blank", "[programme][harmed]") {
    HarmedQuestions q;
    CHECK_FALSE(q.add("   ").ok());
    for (int i = 0; i < 10; ++i) REQUIRE(q.add("Question " + std::to_string(i + 1) + "?").ok());
    CHECK_THAT(q.add("Eleven?").message(), Catch::Contains("at most 10"));
    q.remove(0);
    CHECK(q.size() == 9);
    CHECK(q.question(0) == "Question 2?");
    CHECK_FALSE(q.set_answer(42, "x").ok());
    q.forget();
    CHECK(q.empty());
}

TEST_CASE("harmed questions: the letter goes to the chosen folder and nowhere else", "[programme][harmed]") {
    TempDir tmp;
    const fs::path usb = tmp / "usb";
    const fs::path data = tmp / "data";
    fs::create_directories(usb);
    fs::create_directories(data);
    HarmedQuestions q;
    REQUIRE(q.add("Why did you pick on me?").ok());
    REQUIRE(q.add("Would you do it <again>?").ok());
    REQUIRE(q.set_answer(0, "I was angry about something else.\nIt was not about you.").ok());
    const std::string html = harmed_letter_html(q, "Answers to your questions", "2026-03-16");
    CHECK_THAT(html, Catch::Contains("@page{size:A4"));
    CHECK_THAT(html, Catch::Contains("Would you do it &lt;again&gt;?"));
    CHECK_THAT(html, Catch::Contains("It was not about you."));
    CHECK_THAT(html, Catch::Contains("No answer was given."));
    const std::string text = harmed_letter_text(q, "Answers to your questions", "2026-03-16");
    CHECK_THAT(text, Catch::Contains("2. Would you do it <again>?"));

    auto written = write_harmed_letter(usb, q, "Answers to your questions", "2026-03-16");
    REQUIRE(written.ok());
    REQUIRE(written->size() == 2);
    CHECK((*written)[0].filename() == "answers-2026-03-16.html");
    CHECK(read_text((*written)[1]) == text);
    // A second letter the same day never replaces the first.
    auto again = write_harmed_letter(usb, q, "Answers to your questions", "2026-03-16");
    REQUIRE(again.ok());
    CHECK((*again)[0].filename() == "answers-2026-03-16-2.html");
    CHECK(fs::is_empty(data));
    CHECK_FALSE(write_harmed_letter(tmp / "no-such-folder", q, "A", "2026-03-16").ok());
    q.forget();
    CHECK(q.size() == 0);
}
