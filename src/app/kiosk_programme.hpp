#pragma once
// The kiosk's view of one-to-one programmes on the Impact screen and in its exported report: the
// programme files under the data folder (sealed ones are counted, never opened: the kiosk has no
// secret key), kept apart from the group figures.

#include "core/report.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace upstander::app {

// Collects the programme files under `data_dir` into report.programmes.
void add_programme_figures(Report& report, const std::filesystem::path& data_dir);

// The Impact screen's lines for the programmes ("One-to-one programmes: 37 one-to-one sessions, ...").
std::vector<std::string> programme_impact_lines(const Report& report);

}  // namespace upstander::app
