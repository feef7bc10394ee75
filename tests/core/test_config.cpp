#include "core/config.hpp"

#include <catch2/catch.hpp>

using namespace upstander;

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

TEST_CASE("config: each bad value names its key and falls back to the default", "[config]") {
    auto r = parse_config(R"({"theme": "purple", "text_scale": 9, "kiosk": "yes", "vote_cooldown_ms": 5,
                              "pin_hash": "1234", "colour": "red"})",
                          "config.json");
    REQUIRE(r.warnings.size() == 6);
    CHECK(r.warnings[0] == "config.json: \"colour\": unknown setting, ignored");
    CHECK(r.warnings[1] == "config.json: \"theme\": expected \"dark\" or \"light\"; using the default");
    CHECK(r.warnings[2].find("\"text_scale\"") != std::string::npos);
    CHECK(r.warnings[3].find("\"kiosk\"") != std::string::npos);
    CHECK(r.warnings[4].find("\"vote_cooldown_ms\"") != std::string::npos);
    CHECK(r.warnings[5].find("\"pin_hash\"") != std::string::npos);
    CHECK(r.config.theme == "dark");
    CHECK(r.config.text_scale == 1.0);
    CHECK(r.config.kiosk);
    CHECK_FALSE(r.config.vote_cooldown_ms.has_value());
    CHECK(r.config.pin_hash.empty());
}

TEST_CASE("config: broken JSON gives one message and defaults", "[config]") {
    auto r = parse_config("{ \"theme\": ", "cfg.json");
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].rfind("cfg.json: not valid JSON", 0) == 0);
    CHECK(r.config.theme == "dark");
}

TEST_CASE("config: round trip", "[config]") {
    Config c;
    c.theme = "light";
    c.text_scale = 1.25;
    c.ballot_mode = BallotMode::Open;
    c.pin_hash = "$argon2id$v=19$m=65536,t=2,p=1$abc$def";
    auto r = parse_config(config_to_string(c), "x");
    CHECK(r.warnings.empty());
    CHECK(r.config.theme == "light");
    CHECK(r.config.text_scale == 1.25);
    CHECK(r.config.ballot_mode == BallotMode::Open);
    CHECK(r.config.pin_hash == c.pin_hash);
}
