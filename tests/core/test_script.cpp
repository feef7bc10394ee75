#include "core/script.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace upstander;
using K = ScriptCommand::Kind;

TEST_CASE("script: every command parses with its arguments and line number", "[script]") {
    const auto r = parse_script(
        "# a comment\n"
        "key Right\n"
        "\n"
        "text \"Year 9 \\\"B\\\"\"\n"
        "click \"Start\"\r\n"
        "tap 100 200\n"
        "wait 1500\n"
        "wait-until-text \"Vote counted\" 3000\n"
        "expect-text \"Module 1 of 3\"\n"
        "expect-no-text \"Error\"\n"
        "shot title-screen\n"
        "window booth\n"
        "  quit  \n"
        "key Keypad 2  \n"
        "pad LB\n");
    REQUIRE(r.ok());
    REQUIRE(r.commands.size() == 13);
    CHECK(r.commands[12].kind == K::Pad);
    CHECK(r.commands[12].arg == "LB");
    CHECK(r.commands[11].arg == "Keypad 2");
    CHECK(r.commands[0].kind == K::Key);
    CHECK(r.commands[0].arg == "Right");
    CHECK(r.commands[0].line == 2);
    CHECK(r.commands[1].kind == K::Text);
    CHECK(r.commands[1].arg == "Year 9 \"B\"");
    CHECK(r.commands[2].arg == "Start");
    CHECK(r.commands[3].x == 100);
    CHECK(r.commands[3].y == 200);
    CHECK(r.commands[4].ms == 1500);
    CHECK(r.commands[5].kind == K::WaitUntilText);
    CHECK(r.commands[5].arg == "Vote counted");
    CHECK(r.commands[5].ms == 3000);
    CHECK(r.commands[8].arg == "title-screen");
    CHECK(r.commands[9].arg == "booth");
    CHECK(r.commands[10].kind == K::Quit);
    CHECK(r.commands[10].line == 13);
}

TEST_CASE("script: errors name the line and do not stop at the first", "[script]") {
    const auto r = parse_script("jump 3\nclick Start\nwait soon\nwindow wall\nshot ../evil\ntap 1\nkey\nquit now\n");
    REQUIRE(r.errors.size() == 8);
    CHECK(r.errors[0] == "line 1: unknown command \"jump\"");
    CHECK(r.errors[1] == "line 2: click: expected a double-quoted string");
    CHECK(r.errors[2] == "line 3: wait: expected MS as a whole number");
    CHECK(r.errors[3] == "line 4: window: window must be projector, presenter or booth");
    CHECK(r.errors[4].rfind("line 5: shot:", 0) == 0);
    CHECK(r.errors[5] == "line 6: tap: expected Y as a whole number");
    CHECK(r.errors[6].rfind("line 7: key:", 0) == 0);
    CHECK(r.errors[7] == "line 8: quit: unexpected text after the command");
    CHECK(r.commands.empty());
}

TEST_CASE("script: unterminated strings and huge waits are rejected", "[script]") {
    CHECK_FALSE(parse_script("expect-text \"open").ok());
    CHECK_FALSE(parse_script("wait 999999999").ok());
    CHECK_FALSE(parse_script("pad Z").ok());
    CHECK(parse_script("").commands.empty());
    CHECK(parse_script("").ok());
}

TEST_CASE("script: numbered handsets and booths", "[script]") {
    const auto r = parse_script("pad-connect 3\npad 3 START\npad 2 lb\npad 9 A\npad-disconnect 3\nwindow booth 2\npad A\n");
    REQUIRE(r.errors.size() == 2);  // "lb" is not a button name; there is no handset 9
    REQUIRE(r.commands.size() == 5);
    CHECK(r.commands[0].kind == K::PadConnect);
    CHECK(r.commands[0].pad == 3);
    CHECK(r.commands[1].kind == K::Pad);
    CHECK(r.commands[1].pad == 3);
    CHECK(r.commands[1].arg == "START");
    CHECK(r.commands[2].kind == K::PadDisconnect);
    CHECK(r.commands[3].kind == K::Window);
    CHECK(r.commands[3].pad == 2);
    CHECK(r.commands[4].pad == 0);
    CHECK(r.commands[4].arg == "A");
    CHECK(std::string(to_string(K::PadConnect)) == "pad-connect");
}

TEST_CASE("script: virtual handsets and their rumble count", "[script]") {
    const auto r = parse_script("pad-attach 2\nexpect-rumbles 2 3\npad-attach 0\nexpect-rumbles 2\nexpect-rumbles 2 -1\n");
    REQUIRE(r.errors.size() == 3);  // no handset 0; a count is needed and is never negative
    REQUIRE(r.commands.size() == 2);
    CHECK(r.commands[0].kind == K::PadAttach);
    CHECK(r.commands[0].pad == 2);
    CHECK(r.commands[1].kind == K::ExpectRumbles);
    CHECK(r.commands[1].pad == 2);
    CHECK(r.commands[1].ms == 3);
    CHECK(std::string(to_string(K::PadAttach)) == "pad-attach");
    CHECK(std::string(to_string(K::ExpectRumbles)) == "expect-rumbles");
}

TEST_CASE("script: expect-icon takes no argument", "[script]") {
    const auto r = parse_script("window booth\nexpect-icon\n");
    REQUIRE(r.ok());
    REQUIRE(r.commands.size() == 2);
    CHECK(r.commands[1].kind == K::ExpectIcon);
    CHECK(r.commands[1].line == 2);
    CHECK(std::string(to_string(K::ExpectIcon)) == "expect-icon");
}
