#pragma once
// Settings: the config file merged with command-line flags (flags win), and the --set-pin command.

#include "core/config.hpp"
#include "kiosk_state.hpp"
#include "options.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace upstander::app {

struct LoadedSettings {
    Options options;
    Config config;                       // after flags were applied (what this run uses)
    Config file_config;                  // the file's own values: what Settings edits and saves
    std::string unreadable;              // the file exists but cannot be used at all (why); empty when fine
    bool pin_may_be_set = false;         // an unreadable file mentions a PIN: stay locked
    std::filesystem::path config_file;   // where it was read from and is saved to
    std::vector<std::string> warnings;   // problems in the config file, each naming the key
};

LoadedSettings load_settings(const Options& options);
KioskConfig kiosk_config(const LoadedSettings& settings);

// Saves the config atomically (temp file, fsync, rename, fsync folder). Returns an error message or "".
std::string save_config(const Config& config, const std::filesystem::path& file);

// `upstander --set-pin`: asks for a PIN twice on the terminal (not echoed) and stores its hash;
// an empty answer clears the PIN. Returns the exit code.
int run_set_pin(const LoadedSettings& settings);

}  // namespace upstander::app
