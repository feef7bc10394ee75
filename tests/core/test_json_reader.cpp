#include "core/content.hpp"
#include "core/json_reader.hpp"
#include "core/session_file.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include <sys/stat.h>

using namespace upstander;
using namespace upstander::test;
using nlohmann::json;

namespace {

struct Checked {
    std::vector<Diagnostic> diags;
    std::vector<std::string> lines() const {
        std::vector<std::string> out;
        for (const auto& d : diags) out.push_back(format_diagnostic(d));
        return out;
    }
};

// Runs `read` on one object read from `text` and returns what was reported.
template <typename Read>
Checked check_text(const std::string& text, Read&& read) {
    Checked c;
    process_text(text, "f.json", c.diags, [&](FileContext& ctx, const JsonFile& f) { read(ctx, f.doc); });
    return c;
}

}  // namespace

#ifndef _WIN32  // FIFOs are POSIX: Windows has none in a folder (its named pipes live in \\.\pipe\)
TEST_CASE("json reader: a file is read whole, with its size checked and never blocking", "[json_reader]") {
    TempDir tmp;
    {
        std::ofstream(tmp / "a.json") << "{\"x\": 1}";
    }
    const Result<std::string> text = read_small_file(tmp / "a.json");
    REQUIRE(text.ok());
    CHECK(*text == "{\"x\": 1}");

    const Result<std::string> big = read_small_file(tmp / "a.json", 4);
    REQUIRE_FALSE(big.ok());
    CHECK(big.message().find("over the") != std::string::npos);

    REQUIRE(::mkfifo((tmp / "fifo").c_str(), 0600) == 0);
    const Result<std::string> fifo = read_small_file(tmp / "fifo");  // would hang with a blocking open
    REQUIRE_FALSE(fifo.ok());
    CHECK(fifo.message() == "not a regular file");
    CHECK_FALSE(read_small_file(tmp / "missing.json").ok());
    CHECK_FALSE(read_small_file(tmp.path()).ok());
}
#endif

TEST_CASE("json reader: invalid JSON gives one error with line and column", "[json_reader]") {
    Checked c = check_text("{\n  \"a\": 1,\n}", [](FileContext&, const json&) { FAIL("not parsed"); });
    REQUIRE(c.diags.size() == 1);
    CHECK(c.diags[0].line == 3);
    CHECK(c.lines()[0].rfind("f.json:3:1: error: invalid JSON: ", 0) == 0);
}

TEST_CASE("json reader: fields, nulls, whole numbers and enum names", "[json_reader]") {
    const std::string text = R"({"n": null, "big": 18446744073709551615, "neg": -2, "f": 1.5, "mode": "armd",
                                "audience": "adult", "extra": 1})";
    std::optional<long long> big, neg, f;
    std::optional<BallotMode> mode;
    std::optional<Audience> audience;
    bool has_null = true;
    Checked c = check_text(text, [&](FileContext& ctx, const json& j) {
        ObjectReader obj(ctx, j, "", {"n", "big", "neg", "f", "mode", "audience"});
        obj.null_is_absent();
        has_null = obj.has("n");
        CHECK_FALSE(obj.integer("n", Need::Optional, 0, 5));
        big = obj.whole_number("big", Need::Optional, 0, 1LL << 40);
        neg = obj.whole_number("neg", Need::Optional, 0, 10);
        f = obj.whole_number("f", Need::Optional, 0, 10);
        mode = obj.enumeration<BallotMode>("mode", Need::Optional, "ballot mode");
        audience = obj.enumeration<Audience>("audience", Need::Optional, "audience");
        obj.finish();
    });
    CHECK_FALSE(has_null);
    CHECK_FALSE(big);
    CHECK_FALSE(neg);
    CHECK_FALSE(f);
    CHECK_FALSE(mode);
    CHECK(audience == Audience::Adult);
    const auto lines = c.lines();
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] == "f.json:1:20: error: /big: 18446744073709551615 is implausibly large; use a whole number from 0 to 1099511627776");
    CHECK(lines[1] == "f.json:1:49: error: /neg: -2 must not be negative; use a whole number from 0 to 10");
    CHECK(lines[2] == "f.json:1:58: error: /f: expected a whole number, found a number");
    CHECK(lines[3].find("/mode: unknown ballot mode \"armd\" (did you mean \"armed\"?); expected one of open, armed") !=
          std::string::npos);
    CHECK(lines[4].find("warning: /extra: unknown field \"extra\" is ignored") != std::string::npos);
}

TEST_CASE("enum names: one table each, both ways", "[json_reader][enums]") {
    CHECK(parse_enum<Audience>("under-18") == Audience::Under18);
    CHECK(parse_enum<Audience>("mixed") == Audience::Mixed);
    CHECK_FALSE(parse_enum<Audience>(""));  // "not given" has no name
    CHECK(std::string(to_string(Audience::Unspecified)).empty());
    CHECK(parse_enum<GroupFormat>("one-to-one") == GroupFormat::OneToOne);
    CHECK_FALSE(parse_enum<GroupFormat>("One-to-one"));
    CHECK(std::string(to_string(PollKind::YesNo)) == "yes-no");
    CHECK(std::string(to_string(ModuleType::CaseStudy)) == "case_study");
    CHECK(std::string(to_string(SessionStatus::InProgress)) == "in-progress");
    CHECK(enum_names<BallotMode>() == std::vector<std::string_view>{"open", "armed"});
    auto round_trip = [](auto values) {
        for (auto v : values) CHECK(parse_enum<decltype(v)>(to_string(v)) == v);
    };
    round_trip(std::vector{StepType::Title, StepType::Consequence, StepType::Choice});
    round_trip(std::vector{PollPhase::Pre, PollPhase::Post});
    round_trip(std::vector{LikertStyle::Words, LikertStyle::Faces});
    round_trip(std::vector{SessionStatus::Finished, SessionStatus::InProgress});
}
