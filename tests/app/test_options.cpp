// The kiosk's command line: the group given there obeys the setup screen's rules.
#include "app/options.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace upstander::app;

namespace {
struct Parsed {
    ParseOutcome outcome;
    int exit_code = -1;
    Options options;
};

Parsed parse(std::vector<std::string> args) {
    args.insert(args.begin(), "upstander");
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    Parsed p{ParseOutcome::Run, -1, {}};
    p.outcome = parse_options(static_cast<int>(argv.size()), argv.data(), p.options, p.exit_code);
    return p;
}
}  // namespace

TEST_CASE("command line: --group and --headcount follow the setup screen's rules", "[options]") {
    SECTION("a headcount of 1 to 10000 is taken") {
        const Parsed p = parse({"--group", "  Year 9 B ", "--headcount", "28"});
        REQUIRE(p.outcome == ParseOutcome::Run);
        CHECK(p.options.headcount == 28);
        CHECK(p.options.group_label == "Year 9 B");  // trimmed as on the screen
        CHECK(parse({"--group", "G", "--headcount", "10000"}).options.headcount == 10000);
        CHECK(parse({"--group", "G", "--headcount", "1"}).options.headcount == 1);
    }
    SECTION("one the report would refuse as impossible, or not a whole number, is refused before a session runs") {
        for (const char* bad : {"0", "10001", "20000", "-3", "1.5", "1e3", "lots"}) {
            INFO(bad);
            const Parsed p = parse({"--group", "Year 9 B", "--headcount", bad});
            CHECK(p.outcome == ParseOutcome::ExitError);
            CHECK(p.exit_code == 2);
        }
    }
    SECTION("an empty or over-long label is refused too") {
        CHECK(parse({"--group", "   "}).outcome == ParseOutcome::ExitError);
        CHECK(parse({"--group", std::string(81, 'x')}).outcome == ParseOutcome::ExitError);
        CHECK(parse({"--group", std::string(80, 'x')}).outcome == ParseOutcome::Run);
    }
    SECTION("--headcount, --format and --audience need --group (the setup screen asks otherwise)") {
        CHECK(parse({"--headcount", "5"}).outcome == ParseOutcome::ExitError);
        CHECK(parse({"--headcount", "0"}).outcome == ParseOutcome::ExitError);
        CHECK(parse({"--format", "group"}).outcome == ParseOutcome::ExitError);
        CHECK(parse({"--audience", "adult"}).outcome == ParseOutcome::ExitError);
        CHECK(parse({"--group", "G", "--format", "one-to-one", "--audience", "adult"}).outcome == ParseOutcome::Run);
    }
    SECTION("no group: nothing to check") {
        const Parsed p = parse({});
        CHECK(p.outcome == ParseOutcome::Run);
        CHECK_FALSE(p.options.group_label);
        CHECK_FALSE(p.options.headcount);
    }
}
