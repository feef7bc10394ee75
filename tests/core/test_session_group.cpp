#include "core/session_group.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace upstander;

TEST_CASE("setup: a valid group", "[session_group]") {
    const auto g = parse_session_group("  Year 9 group B ", GroupFormat::OneToOne, Audience::Mixed, "28");
    REQUIRE(g.ok());
    CHECK(g->label == "Year 9 group B");
    CHECK(g->format == GroupFormat::OneToOne);
    CHECK(g->audience == Audience::Mixed);
    CHECK(g->headcount == 28);

    const auto no_count = parse_session_group("Year 10", GroupFormat::Group, Audience::Under18, "");
    REQUIRE(no_count.ok());
    CHECK_FALSE(no_count->headcount.has_value());
    CHECK(parse_session_group("x", GroupFormat::Group, Audience::Adult, "1")->headcount == 1);
    CHECK(parse_session_group("x", GroupFormat::Group, Audience::Adult, "10000")->headcount == 10000);
    CHECK(parse_session_group("x", GroupFormat::Group, Audience::Adult, "007")->headcount == 7);
}

TEST_CASE("setup: the label is required and at most 80 characters", "[session_group]") {
    for (const char* blank : {"", " ", "    "}) {
        const auto g = parse_session_group(blank, GroupFormat::Group, Audience::Under18, "");
        REQUIRE_FALSE(g.ok());
        CHECK(g.message() == kGroupLabelMissingMessage);
    }
    CHECK(parse_session_group(std::string(80, 'a'), GroupFormat::Group, Audience::Under18, "").ok());
    const auto long_label = parse_session_group(std::string(81, 'a'), GroupFormat::Group, Audience::Under18, "");
    REQUIRE_FALSE(long_label.ok());
    CHECK(long_label.message() == "Please use a shorter label (80 characters at most).");
}

TEST_CASE("setup: the headcount is digits only, 1 to 10000", "[session_group]") {
    // The setup screen used to read "1.5" as 85 and "30." as 298 (each character minus '0').
    for (const char* typed : {"1.5", "30.", "-3", "+4", " 12", "12 ", "1e3", "3,000", "0", "00", "10001", "99999999999999999999"}) {
        INFO("typed: \"" << typed << "\"");
        const auto g = parse_session_group("Year 9", GroupFormat::Group, Audience::Under18, typed);
        REQUIRE_FALSE(g.ok());
        CHECK(g.message() == "The number of people should be between 1 and 10000, or left empty.");
    }
    // Every character that is not a digit is refused, wherever it is.
    for (int c = 1; c < 256; ++c) {
        if (c >= '0' && c <= '9') continue;
        const std::string typed = std::string("1") + static_cast<char>(c) + "2";
        INFO("character " << c);
        CHECK_FALSE(parse_session_group("Year 9", GroupFormat::Group, Audience::Under18, typed).ok());
    }
}
