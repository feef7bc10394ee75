#pragma once
// The facilitator's menu screens: Impact (the report summary for sessions stored on this kiosk, with
// export to a folder such as a USB stick) and Settings (the common config values, saved atomically).

#include "core/config.hpp"
#include "widgets.hpp"

#include <string>
#include <vector>

namespace upstander::ui {

struct ImpactView {
    std::string data_dir;
    std::string headline;                  // "132 young people took part in 6 sessions"
    std::vector<std::string> details;      // breakdown lines
    std::vector<std::string> measures;     // one plain-English sentence per measure
    std::string problems;                  // "2 files could not be read: ..." (empty when none)
    std::string export_folder;             // edited in place
    std::vector<std::string> suggestions;  // removable drives and other likely folders
    std::string status;                    // result of the last export
    long long held_votes = 0;              // votes only in memory (the disk failed): offer to save them here
};
void draw_impact(UiContext& ctx, ImpactView& view);

struct SettingsForm {
    Config config;           // a copy, edited in place; SaveSettings applies it. Values the screen has no
                             // preset for are shown as "custom: ..." and kept as they are.
    std::string file;        // where it will be saved
    std::string status;      // result of the last save
};
void draw_settings(UiContext& ctx, SettingsForm& form);

}  // namespace upstander::ui
