#pragma once
// The kiosk's config file ($XDG_CONFIG_HOME/upstander/config.json). Every key is optional; null
// means "not set". An invalid value is reported with its key and replaced by the default, so the
// app always starts; a file that cannot be read as settings at all is reported as `unreadable`
// so that the app can fail closed (keep the kiosk locked). Read by the one JSON reader
// (json_reader.hpp), so its messages look like the pack loader's.

#include "content.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
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
    bool vote_sound = false;               // a soft chime (assets/sounds/vote.wav) for every counted vote
    // Kiosk
    bool kiosk = true;
    int idle_timeout_seconds = 300;        // attract screen after this long on the title screen; 0 = never
    // Voting (override the pack's settings when set)
    std::optional<BallotMode> ballot_mode;
    std::optional<int> vote_cooldown_ms;   // 250 .. 10000
    int suppression_threshold = 5;         // fewer votes than this: no percentages (1 .. 100)
    int ballot_abandon_seconds = 45;       // a half-done questionnaire ballot returns to question 1 (10 .. 600)
    std::vector<int> booth_displays;       // more booths: one window on each display listed (0 .. 15, at most 4)
    std::string camera;                    // answer cards: a camera device or a recording; empty = /dev/video0
    // Storage and security
    std::string data_dir;                  // empty = $XDG_DATA_HOME/upstander/sessions
    std::string pin_hash;                  // libsodium crypto_pwhash_str output; empty = no PIN
    // One-to-one programmes: the partnership's public key (base64, from upstander-report keygen);
    // empty = programme files are not sealed. A value that is not a key is a warning and is ignored,
    // and the kiosk then refuses to start programmes (it never falls back to unsealed by mistake).
    std::string programme_public_key;
    bool programme_public_key_invalid = false;
    // Schools and youth groups this kiosk has run sessions for (the setup screen's list; never people).
    std::vector<std::string> organisations;
};

inline constexpr std::size_t kMaxOrganisations = 200;

struct ConfigLoadResult {
    Config config;                      // defaults where the file had problems
    // One per problem that the defaults replace, "config.json:4:15: warning: /theme: ...; the
    // default is used". Holds `unreadable` too, so that printing the warnings logs everything.
    std::vector<std::string> warnings;
    // Set when the settings cannot be trusted at all: the text is not JSON, its top level is not an
    // object, the file cannot be read, or "pin_hash" holds something that is not a PIN hash made
    // by upstander --set-pin. The message names the file, line and column. The kiosk must then
    // fail closed: never open Settings, never overwrite the file, and stay locked when
    // might_hold_pin (nobody can tell which PIN was meant).
    std::optional<std::string> unreadable;
    // True when the file may set a PIN that could not be read: the raw text mentions "pin_hash"
    // or holds an Argon2 hash ("$argon2"), or the file could not be read at all.
    bool might_hold_pin = false;
};

// True for the form of a libsodium crypto_pwhash_str string: "$argon2id$v=19$m=M,t=T,p=P$SALT$HASH"
// (or "$argon2i$..."), with SALT and HASH in unpadded base64, at most 127 characters.
bool is_pin_hash(std::string_view text);

// Parses config text. `file_label` is used in messages.
ConfigLoadResult parse_config(const std::string& text, const std::string& file_label);
// Reads and parses the config file (at most 1 MiB; a FIFO or device is refused without blocking).
// A file that does not exist gives the defaults and no warning.
ConfigLoadResult load_config_file(const std::filesystem::path& file);
std::string config_to_string(const Config& c);

}  // namespace upstander
