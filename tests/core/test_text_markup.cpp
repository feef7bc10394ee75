// The text markup of content packs: paragraphs, bullets and **bold**.

#include "core/text_markup.hpp"

#include <catch2/catch.hpp>

using namespace upstander;

TEST_CASE("blank lines separate paragraphs and lines are joined", "[markup]") {
    const MarkupResult r = parse_markup("First line\nsame paragraph.\n\n  Second paragraph.  \n\n\n");
    REQUIRE(r.blocks.size() == 2);
    CHECK(r.blocks[0].kind == TextBlock::Kind::Paragraph);
    CHECK(plain_text(r.blocks[0]) == "First line same paragraph.");
    CHECK(plain_text(r.blocks[1]) == "Second paragraph.");
    CHECK(r.unbalanced_bold.empty());
}

TEST_CASE("lines starting with a dash and space are bullets", "[markup]") {
    const MarkupResult r = parse_markup("Intro:\n- one\n- two\n  continues\nAfter.\n-not a bullet");
    REQUIRE(r.blocks.size() == 3);
    CHECK(r.blocks[0].kind == TextBlock::Kind::Paragraph);
    CHECK(plain_text(r.blocks[0]) == "Intro:");
    CHECK(r.blocks[1].kind == TextBlock::Kind::Bullet);
    CHECK(plain_text(r.blocks[1]) == "one");
    CHECK(r.blocks[2].kind == TextBlock::Kind::Bullet);
    // A line that does not start a bullet continues the current block.
    CHECK(plain_text(r.blocks[2]) == "two continues After. -not a bullet");
}

TEST_CASE("bold spans", "[markup]") {
    const MarkupResult r = parse_markup("A **bold** and **another one** end");
    REQUIRE(r.blocks.size() == 1);
    const auto& s = r.blocks[0].spans;
    REQUIRE(s.size() == 5);
    CHECK(s[0].text == "A ");
    CHECK_FALSE(s[0].bold);
    CHECK(s[1].text == "bold");
    CHECK(s[1].bold);
    CHECK(s[3].text == "another one");
    CHECK(s[3].bold);
    CHECK(s[4].text == " end");

    const MarkupResult whole = parse_markup("**All bold**");
    REQUIRE(whole.blocks[0].spans.size() == 1);
    CHECK(whole.blocks[0].spans[0].bold);

    const MarkupResult empty_bold = parse_markup("x****y");
    REQUIRE(empty_bold.blocks[0].spans.size() == 1);  // an empty bold span is dropped and the text merged
    CHECK(empty_bold.blocks[0].spans[0].text == "xy");
}

TEST_CASE("an unmatched ** is kept literally and reported", "[markup]") {
    const MarkupResult r = parse_markup("**one** and **two");
    REQUIRE(r.unbalanced_bold.size() == 1);
    CHECK(r.unbalanced_bold[0] == "**one** and **two");
    const auto& s = r.blocks[0].spans;
    REQUIRE(s.size() == 2);
    CHECK(s[0].text == "one");
    CHECK(s[0].bold);
    CHECK(s[1].text == " and **two");
    CHECK_FALSE(s[1].bold);
}

TEST_CASE("list items append blocks and plain text joins them", "[markup]") {
    MarkupResult r;
    append_markup("Para", r);
    append_markup("- bullet", r);
    REQUIRE(r.blocks.size() == 2);
    CHECK(plain_text(r.blocks) == "Para\nbullet");
    CHECK(parse_markup("").blocks.empty());
    CHECK(parse_markup("- ").blocks.empty());
}
