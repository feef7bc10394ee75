#include "kiosk_programme.hpp"

#include "kiosk_state.hpp"

#include "core/atomic_file.hpp"
#include "core/organisation.hpp"
#include "core/programme_report.hpp"

namespace upstander::app {

void add_programme_figures(Report& report, const std::filesystem::path& data_dir) {
    std::error_code ec;
    ProgrammeCollection found = std::filesystem::is_directory(data_dir, ec) ? collect_programmes({data_dir}, {}) : ProgrammeCollection{};
    report.programmes =
        std::make_shared<const ProgrammeReport>(build_programme_report(std::move(found), report.filter.from, report.filter.to, std::nullopt));
}

std::vector<std::string> programme_impact_lines(const Report& report) {
    std::vector<std::string> lines;
    if (!report.programmes) return lines;
    const ProgrammeReport& p = *report.programmes;
    if (p.started == 0 && p.sealed_not_read.empty()) return lines;
    lines.push_back("One-to-one programmes: " + p.headline + "; " + format_grouped(p.started) + " started, " +
                    format_grouped(p.completed) + " completed, " + format_grouped(p.stopped) + " stopped.");
    if (!p.sealed_not_read.empty())
        lines.push_back(p.sealed_not_read.size() == 1
                            ? std::string("1 sealed programme file is counted in the report made with the partnership's secret key, not here.")
                            : format_grouped(static_cast<long long>(p.sealed_not_read.size())) +
                                  " sealed programme files are counted in the report made with the partnership's secret key, not here.");
    return lines;
}

// A new organisation joins the remembered list, saved in the config file unless the file could not be
// read (it is never overwritten then; the name is still kept for this run).
void KioskState::remember_organisation_in_config(const std::string& organisation) {
    if (organisation.empty()) return;
    std::vector<std::string> list = remember_organisation(config_.config.organisations, organisation);
    if (list == config_.config.organisations) return;
    config_.config.organisations = std::move(list);
    if (!config_.config_unreadable.empty() || config_.config_file.empty()) return;
    const std::string err = write_file_atomically(config_.config_file, config_to_string(config_.config));
    if (!err.empty()) config_.config_warnings.push_back("The list of schools and groups was not saved: " + err);
}

}  // namespace upstander::app
