#include "core/error.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace upstander;

namespace {
Result<int> half(int n) {
    if (n % 2 != 0) return Error{std::to_string(n) + " is odd"};
    return n / 2;
}
Result<void> check(bool ok) {
    if (!ok) return Error{"not ok"};
    return {};
}
}  // namespace

TEST_CASE("Result holds a value or an error with a message", "[error]") {
    const Result<int> a = half(8);
    REQUIRE(a.ok());
    CHECK(*a == 4);
    CHECK(a.value() == 4);
    const Result<int> b = half(7);
    REQUIRE_FALSE(b);
    CHECK(b.message() == "7 is odd");

    // A string value and a string error are never confused.
    const Result<std::string> s = std::string("text");
    CHECK(s.ok());
    CHECK(s->size() == 4);
    const Result<std::string> e = Error{"text"};
    CHECK_FALSE(e.ok());
    CHECK(e.error().message == "text");
}

TEST_CASE("Result<void> is success or an error", "[error]") {
    CHECK(check(true).ok());
    const Result<void> r = check(false);
    REQUIRE_FALSE(r);
    CHECK(r.message() == "not ok");
}
