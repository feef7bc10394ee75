#pragma once
// The kiosk's config file ($XDG_CONFIG_HOME/upstander/config.json). Every key is optional. An invalid
// value is reported with its key and replaced by the default, so the app always starts.

#include "content.hpp"

#include <optional>
#include <string>
#include <vector>

namespace upstander {

struct Config {
    // Displays (SDL display indices); unset = choose automatically.
    std::optional<int> projector_display;
    std::optional<int> presenter_display;
    std::optional<int> booth_display;
    // Look and feel
    std::string theme = "dark";            // dark | light
    double text_scale = 1.0;               // 0.5 .. 3.0
    bool dyslexia_font = false;
    // Kiosk
    bool kiosk = true;
    int idle_timeout_seconds = 300;        // attract screen after this long on the title screen; 0 = never
    // Voting (override the pack's settings when set)
    std::optional<BallotMode> ballot_mode;
    std::optional<int> vote_cooldown_ms;   // 250 .. 10000
    int suppression_threshold = 5;         // fewer votes than this: no percentages (1 .. 100)
    // Storage and security
    std::string data_dir;                  // empty = $XDG_DATA_HOME/upstander/sessions
    std::string pin_hash;                  // libsodium crypto_pwhash_str output; empty = no PIN
};

struct ConfigLoadResult {
    Config config;                      // defaults where the file had problems
    std::vector<std::string> warnings;  // "config.json: \"theme\": ..." one per problem
};

// Parses config text. `file_label` is used in messages.
ConfigLoadResult parse_config(const std::string& text, const std::string& file_label);
std::string config_to_string(const Config& c);

}  // namespace upstander
