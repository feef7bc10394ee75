#include "app/pin.hpp"

#include <catch2/catch.hpp>

using namespace upstander::app;

TEST_CASE("pin: only 4 to 12 digits are accepted", "[pin]") {
    CHECK(pin_is_valid("1234"));
    CHECK(pin_is_valid("123456789012"));
    CHECK_FALSE(pin_is_valid("123"));
    CHECK_FALSE(pin_is_valid("1234567890123"));
    CHECK_FALSE(pin_is_valid("12a4"));
    CHECK_FALSE(pin_is_valid(""));
}

TEST_CASE("pin: stored as a salted Argon2id hash that verifies only the right PIN", "[pin]") {
    auto h1 = hash_pin("4821", nullptr);
    auto h2 = hash_pin("4821", nullptr);
    REQUIRE(h1);
    REQUIRE(h2);
    CHECK(h1->rfind("$argon2id$", 0) == 0);
    CHECK(h1->find("4821") == std::string::npos);
    CHECK(*h1 != *h2);  // salted
    CHECK(verify_pin("4821", *h1));
    CHECK(verify_pin("4821", *h2));
    CHECK_FALSE(verify_pin("4822", *h1));
    CHECK_FALSE(verify_pin("", *h1));
    CHECK_FALSE(verify_pin("4821", ""));
    CHECK_FALSE(verify_pin("4821", "$argon2id$garbage"));
}
