#include "core/config.hpp"

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include <sys/stat.h>

using namespace upstander;
using upstander::test::TempDir;

TEST_CASE("config: defaults when empty, values when valid", "[config]") {
    auto r = parse_config("{}", "config.json");
    CHECK(r.warnings.empty());
    CHECK(r.config.theme == "dark");
    CHECK(r.config.kiosk);
    CHECK(r.config.suppression_threshold == 5);

    r = parse_config(R"({"theme": "light", "text_scale": 1.5, "kiosk": false, "idle_timeout_seconds": 60,
                         "ballot_mode": "armed", "vote_cooldown_ms": 2000, "suppression_threshold": 10,
                         "projector_display": 1, "presenter_display": 0, "data_dir": "/tmp/x"})",
                     "config.json");
    CHECK(r.warnings.empty());
    CHECK(r.config.theme == "light");
    CHECK(r.config.text_scale == 1.5);
    CHECK_FALSE(r.config.kiosk);
    CHECK(r.config.idle_timeout_seconds == 60);
    CHECK(r.config.ballot_mode == BallotMode::Armed);
    CHECK(r.config.vote_cooldown_ms == 2000);
    CHECK(r.config.suppression_threshold == 10);
    CHECK(r.config.projector_display == 1);
    CHECK(r.config.presenter_display == 0);
    CHECK(r.config.data_dir == "/tmp/x");
}

TEST_CASE("config: each bad value names its key and place and falls back to the default", "[config]") {
    auto r = parse_config(R"({"theme": "purple", "text_scale": 9, "kiosk": "yes", "vote_cooldown_ms": 5,
                              "colour": "red", "booth_display": null})",
                          "config.json");
    CHECK_FALSE(r.unreadable);
    REQUIRE(r.warnings.size() == 5);
    CHECK(r.warnings[0] ==
          "config.json:1:11: warning: /theme: unknown theme \"purple\"; expected one of dark, light; the default is used");
    CHECK(r.warnings[1].rfind("config.json:1:35: warning: /text_scale: 9 is out of range", 0) == 0);
    CHECK(r.warnings[1].find("the default is used") != std::string::npos);
    CHECK(r.warnings[2].find("/kiosk: expected true or false, found a string; the default is used") != std::string::npos);
    CHECK(r.warnings[3].find("/vote_cooldown_ms: ") != std::string::npos);
    CHECK(r.warnings[4].rfind("config.json:2:41: warning: /colour: unknown field \"colour\" is ignored", 0) == 0);
    CHECK(r.config.theme == "dark");
    CHECK(r.config.text_scale == 1.0);
    CHECK(r.config.kiosk);
    CHECK_FALSE(r.config.vote_cooldown_ms.has_value());
    CHECK_FALSE(r.config.booth_display.has_value());  // null: not set, no warning
}

TEST_CASE("config: broken JSON is unreadable, naming file, line and column", "[config]") {
    // One stray comma used to make the whole file ignored, so the PIN was gone (fail-open).
    const std::string text =
        "{\n  \"theme\": \"dark\",\n  \"pin_hash\": \"$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaA\",\n}\n";
    auto r = parse_config(text, "cfg.json");
    REQUIRE(r.unreadable);
    CHECK(r.unreadable->rfind("cfg.json:4:1: error: invalid JSON: ", 0) == 0);
    CHECK(r.might_hold_pin);
    CHECK(r.config.pin_hash.empty());
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0] == *r.unreadable);
    CHECK(r.config.theme == "dark");

    r = parse_config("{ \"theme\": ", "cfg.json");
    REQUIRE(r.unreadable);
    CHECK(r.unreadable->rfind("cfg.json:1:12: error: invalid JSON", 0) == 0);
    CHECK_FALSE(r.might_hold_pin);  // nothing in it mentions a PIN
}

TEST_CASE("config: a top level that is not an object is unreadable", "[config]") {
    auto r = parse_config("[\"pin_hash\"]", "cfg.json");
    REQUIRE(r.unreadable);
    CHECK(*r.unreadable ==
          "cfg.json:1:1: error: the config file must hold one JSON object with settings, such as {\"theme\": \"dark\"}; "
          "found a list");
    CHECK(r.might_hold_pin);
    r = parse_config("\"$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA\"", "cfg.json");
    REQUIRE(r.unreadable);
    CHECK(r.might_hold_pin);
    r = parse_config("42", "cfg.json");
    REQUIRE(r.unreadable);
    CHECK_FALSE(r.might_hold_pin);
}

TEST_CASE("config: a pin_hash that is not a PIN hash is unreadable, never \"no PIN\"", "[config]") {
    for (const char* value : {"\"1234\"", "\"$argon2id$v=19$m=65536,t=2,p=1$salt\"",
                              "\"$argon2id$v=19$m=x,t=2,p=1$c2FsdA$aGFzaA\"", "1234", "true", "[]"}) {
        INFO(value);
        auto r = parse_config(std::string("{\"theme\": \"light\", \"pin_hash\": ") + value + "}", "config.json");
        REQUIRE(r.unreadable);
        CHECK(r.unreadable->rfind("config.json:1:32: error: /pin_hash: ", 0) == 0);
        CHECK(r.unreadable->find("upstander --set-pin") != std::string::npos);
        CHECK(r.might_hold_pin);
        CHECK(r.config.pin_hash.empty());
        CHECK(r.config.theme == "light");  // the other settings are still read
    }
    // A hash under a misspelt key is not "no PIN" either.
    auto misspelt = parse_config("{\"pin_hsh\": \"$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA\"}", "config.json");
    REQUIRE(misspelt.unreadable);
    CHECK(misspelt.unreadable->find("not the value of \"pin_hash\"") != std::string::npos);
    CHECK(misspelt.might_hold_pin);
    // An empty hash, null or no key at all: no PIN, and nothing wrong.
    for (const char* text : {"{\"pin_hash\": \"\"}", "{\"pin_hash\": null}", "{}"}) {
        auto r = parse_config(text, "config.json");
        CHECK_FALSE(r.unreadable);
        CHECK(r.warnings.empty());
        CHECK(r.config.pin_hash.empty());
    }
}

TEST_CASE("config: what counts as a PIN hash", "[config]") {
    CHECK(is_pin_hash("$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"));
    CHECK(is_pin_hash("$argon2i$v=19$m=32768,t=4,p=1$YWJj$ZGVm"));
    CHECK_FALSE(is_pin_hash(""));
    CHECK_FALSE(is_pin_hash("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA"));         // no hash part
    CHECK_FALSE(is_pin_hash("$argon2id$v=19$m=65536,t=2$c2FsdA$aGFzaA"));      // no p=
    CHECK_FALSE(is_pin_hash("$argon2id$v=19$m=65536,t=2,p=1$c2Fsd=$aGFzaA"));  // padding
    CHECK_FALSE(is_pin_hash("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFz aA"));
    CHECK_FALSE(is_pin_hash("$scrypt$ln=14,r=8,p=1$c2FsdA$aGFzaA"));
    CHECK_FALSE(is_pin_hash("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$" + std::string(120, 'a')));  // too long
}

TEST_CASE("config: a number too big to hold is broken JSON, not a crash", "[config]") {
    // nlohmann::json throws out_of_range (not parse_error) for this; found by the session fuzz target.
    auto r = parse_config("{ \"vote_cooldown_ms\": 1e400 }", "cfg.json");
    REQUIRE(r.unreadable);
    CHECK(r.unreadable->find("invalid JSON") != std::string::npos);
    CHECK_FALSE(r.config.vote_cooldown_ms);
}

#ifndef _WIN32  // FIFOs are POSIX: Windows has none in a folder (its named pipes live in \\.\pipe\)
TEST_CASE("config: the file is read without blocking and fails closed when it cannot be", "[config]") {
    TempDir tmp;
    auto missing = load_config_file(tmp / "none.json");
    CHECK_FALSE(missing.unreadable);
    CHECK(missing.warnings.empty());

    REQUIRE(::mkfifo((tmp / "fifo.json").c_str(), 0600) == 0);
    auto fifo = load_config_file(tmp / "fifo.json");  // a blocking open would hang here
    REQUIRE(fifo.unreadable);
    CHECK(fifo.unreadable->find("fifo.json: error: not a regular file") != std::string::npos);
    CHECK(fifo.might_hold_pin);

    {
        std::ofstream(tmp / "config.json") << "{\"theme\": \"light\"}";
    }
    auto ok = load_config_file(tmp / "config.json");
    CHECK_FALSE(ok.unreadable);
    CHECK(ok.config.theme == "light");
}
#endif

TEST_CASE("config: round trip", "[config]") {
    Config c;
    c.theme = "light";
    c.text_scale = 1.25;
    c.ballot_mode = BallotMode::Open;
    c.pin_hash = "$argon2id$v=19$m=65536,t=2,p=1$abc$def";
    c.camera = "/dev/video1";
    auto r = parse_config(config_to_string(c), "x");
    CHECK(r.config.camera == "/dev/video1");
    CHECK(r.warnings.empty());
    CHECK(r.config.theme == "light");
    CHECK(r.config.text_scale == 1.25);
    CHECK(r.config.ballot_mode == BallotMode::Open);
    CHECK(r.config.pin_hash == c.pin_hash);
}

TEST_CASE("config: vote_sound is off unless the file turns it on, and survives a save", "[config]") {
    CHECK_FALSE(parse_config("{}", "config.json").config.vote_sound);
    auto r = parse_config(R"({"vote_sound": true})", "config.json");
    CHECK(r.warnings.empty());
    CHECK(r.config.vote_sound);
    CHECK(parse_config(config_to_string(r.config), "config.json").config.vote_sound);
    r = parse_config(R"({"vote_sound": "loud"})", "config.json");
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("/vote_sound: expected true or false") != std::string::npos);
    CHECK_FALSE(r.config.vote_sound);
}
