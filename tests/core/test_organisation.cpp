// The organisation of a group session: checked as typed, remembered once, and written to the
// session file where older readers ignore it.

#include "core/organisation.hpp"
#include "core/session_file.hpp"

#include <catch2/catch.hpp>

using namespace upstander;

TEST_CASE("organisation: trimmed, optional, one line, not too long", "[organisation]") {
    CHECK(*parse_organisation("  Oakfield Academy ") == "Oakfield Academy");
    CHECK(parse_organisation("")->empty());
    CHECK_THAT(parse_organisation(std::string(121, 'a')).message(), Catch::Contains("120 characters"));
    CHECK_FALSE(parse_organisation("Oak\nfield").ok());
}

TEST_CASE("organisation: remembered once, whatever the case, in order", "[organisation]") {
    std::vector<std::string> list = remember_organisation({}, "Oakfield Academy");
    list = remember_organisation(list, "Northside Youth Club");
    list = remember_organisation(list, "OAKFIELD ACADEMY");
    list = remember_organisation(list, "");
    CHECK(list == std::vector<std::string>{"Northside Youth Club", "Oakfield Academy"});
}

TEST_CASE("organisation: saved with the group and read back; absent reads as not given", "[organisation]") {
    const std::string with = R"({"format": "upstander-session", "schema_version": 1,
        "session_id": "0123456789abcdef0123456789abcdef", "date": "2026-05-01", "workshop": {"id": "w"},
        "group": {"label": "Year 8", "organisation": "Oakfield Academy"}, "polls": []})";
    auto read = session_from_string(with);
    REQUIRE(read.session);
    CHECK(read.session->group.organisation == "Oakfield Academy");
    const std::string text = session_to_string(*read.session);
    CHECK_THAT(text, Catch::Contains("\"organisation\": \"Oakfield Academy\""));
    auto back = session_from_string(text);
    REQUIRE(back.session);
    CHECK(back.session->group.organisation == "Oakfield Academy");
    // A file from before the field (or with null) reads as "not given".
    const std::string without = R"({"format": "upstander-session", "schema_version": 1,
        "session_id": "0123456789abcdef0123456789abcdef", "date": "2026-05-01", "workshop": {"id": "w"},
        "group": {"label": "Year 8", "organisation": null}, "polls": []})";
    auto none = session_from_string(without);
    REQUIRE(none.session);
    CHECK(none.session->group.organisation.empty());
    CHECK_THAT(session_to_string(*none.session), Catch::Contains("\"organisation\": null"));
}
