// Programme codes: random, readable, and the check character catches every single mistyped character
// and every swap of neighbouring characters.

#include "core/programme_code.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <set>

using namespace upstander;

namespace {
constexpr std::string_view kAll = "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";  // every character a code could hold
}

TEST_CASE("new codes are nine letters and digits, valid, and different each time", "[programme][code]") {
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const std::string c = new_programme_code();
        REQUIRE(c.size() == 9);
        for (char ch : c) CHECK(std::string_view("0123456789ABCDEFGHJKMNPQRSTVWXYZ").find(ch) != std::string_view::npos);
        const auto parsed = parse_programme_code(c);
        REQUIRE(parsed.ok());
        CHECK(*parsed == c);
        seen.insert(c);
    }
    CHECK(seen.size() == 2000);  // 40 random bits: a repeat in 2000 has odds of about 2 in a million
}

TEST_CASE("codes use every character position: the random bits reach each one", "[programme][code]") {
    std::array<std::set<char>, 8> per_position;
    for (int i = 0; i < 3000; ++i) {
        const std::string c = new_programme_code();
        for (std::size_t k = 0; k < 8; ++k) per_position[k].insert(c[k]);
    }
    for (const auto& s : per_position) CHECK(s.size() == 32);
}

TEST_CASE("every single-character typo and every neighbour swap is rejected", "[programme][code]") {
    std::mt19937_64 rng(7);
    for (int n = 0; n < 300; ++n) {
        const std::string code = new_programme_code([&] { return rng(); });
        for (std::size_t i = 0; i < code.size(); ++i) {
            for (char c : kAll) {
                if (c == code[i]) continue;
                std::string typo = code;
                typo[i] = c;
                INFO(code << " -> " << typo);
                CHECK_FALSE(parse_programme_code(typo).ok());
            }
            if (i + 1 < code.size() && code[i] != code[i + 1]) {
                std::string swapped = code;
                std::swap(swapped[i], swapped[i + 1]);
                INFO(code << " -> " << swapped);
                CHECK_FALSE(parse_programme_code(swapped).ok());
            }
        }
    }
}

TEST_CASE("typing is forgiving about case, hyphens, spaces and look-alike letters", "[programme][code]") {
    const std::string data = "K7QM20R1";
    const std::string code = data + programme_code_check(data);
    CHECK(format_programme_code(code) == "K7Q-M20-R1" + std::string(1, code.back()));
    std::string lower = format_programme_code(code);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(*parse_programme_code(lower) == code);
    std::string look_alike = code;
    look_alike[4] = '2';
    look_alike[5] = 'O';  // letter O for zero
    look_alike[7] = 'l';  // letter l for one
    CHECK(*parse_programme_code(look_alike) == code);
    CHECK(*parse_programme_code(" K7Q M20 R1" + std::string(1, code.back()) + " ") == code);
}

TEST_CASE("wrong codes are explained", "[programme][code]") {
    CHECK_THAT(parse_programme_code("").message(), Catch::Contains("type the programme code"));
    CHECK_THAT(parse_programme_code("K7Q-M2R").message(), Catch::Contains("9 letters and digits; this has 6"));
    CHECK_THAT(parse_programme_code("K7Q-U2R-XD8").message(), Catch::Contains("character 4 is not used"));
    const std::string data = "K7QM2RXD";
    std::string code = data + programme_code_check(data);
    code[2] = 'R';
    CHECK_THAT(parse_programme_code(code).message(), Catch::Contains("the check character does not match"));
}
