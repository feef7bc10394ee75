// upstander-report: reads session files from many kiosks and writes the impact report.
// Exit codes: 0 done (skipped files are listed, not fatal), 1 an output file could not be written,
// 2 usage error. See README.md beside this file.
#include "core/atomic_file.hpp"
#include "core/platform_files.hpp"
#include "core/platform_paths.hpp"
#include "core/programme_report.hpp"
#include "core/report.hpp"
#include "core/report_export.hpp"
#include "core/safe_path.hpp"
#include "keygen.hpp"
#include "sample_generator.hpp"
#include "seal/seal.hpp"
#include "upstander/version.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

namespace {

namespace fs = std::filesystem;

// Atomic (temp file, fsync, rename), so a reader never sees half a report.
bool write_file(const fs::path& path, const std::string& text) {
    const std::string error = upstander::write_file_atomically(path, text);
    if (!error.empty()) std::cerr << "upstander-report: " << upstander::escape_for_terminal(error) << "\n";
    return error.empty();
}

}  // namespace

// Our own main() on every system: SDL's headers may rename it to SDL_main on Windows.
#ifdef main
#undef main
#endif
int main(int argc, char** argv) {
    upstander::Utf8Args utf8(argc, argv);  // Windows: argv in the ANSI code page; this is UTF-8
    argc = utf8.argc();
    argv = utf8.argv();
    if (argc >= 2 && std::string(argv[1]) == "keygen") return upstander::run_keygen(argc - 1, argv + 1);
    CLI::App app{"upstander-report: merge Upstander session files from many kiosks into an impact report.\n"
                 "Reads every *.json session file under the given folders, recursively.\n"
                 "upstander-report keygen --out FILE makes the key pair that seals one-to-one programme files\n"
                 "(see upstander-report keygen --help)."};
    // Options are --long or -s everywhere: a Windows path such as /work/x or C:/x stays a path.
    app.allow_windows_style_options(false);
    app.set_version_flag("--version", std::string("upstander-report ") + upstander::kVersion);

    upstander::ReportFilter filter;
    long long target = -1;
    std::string csv_path, html_path, json_path;
    std::vector<std::string> inputs;
    long long sample_count = -1;
    unsigned long long sample_seed = 1;
    unsigned threads = 0;
    std::string today;
    long long target_one_to_one = -1;
    std::string secret_key_path;

    app.add_option("--from", filter.from, "Only sessions on or after this date (YYYY-MM-DD)");
    app.add_option("--to", filter.to, "Only sessions on or before this date (YYYY-MM-DD)");
    app.add_option("--workshop", filter.workshop_id, "Only sessions of this workshop id");
    app.add_option("--target-participants", target, "Participation target to report progress against")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--target-one-to-one", target_one_to_one,
                   "Funded one-to-one sessions to report delivery against (\"37 of 40 one-to-one sessions\")")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--secret-key", secret_key_path,
                   "The partnership's secret key file (from upstander-report keygen), to read sealed programme files");
    app.add_option("--csv", csv_path,
                   "Write one row per session, poll and option to FILE, and the per-measure summary to "
                   "FILE with -summary before the extension; schools reached in FILE-organisations, one-to-one "
                   "programmes in FILE-programmes and FILE-programme-outcomes");
    app.add_option("--html", html_path, "Write the printable report (one self-contained HTML file)");
    app.add_option("--json", json_path, "Write the report model as JSON, for other tools");
    app.add_option("--threads", threads, "Reader threads (default: up to 2)")->check(CLI::Range(0u, 64u));
    // Hidden: benchmark and demo data (tools/bench-report.sh).
    app.add_option("--generate-sample", sample_count, "Write N made-up session files into DIR and exit")
        ->check(CLI::PositiveNumber)
        ->group("");
    app.add_option("--seed", sample_seed, "Random seed for --generate-sample")->group("");
    // Hidden: the day the report is made (default: today), for tests of the date checks.
    app.add_option("--today", today, "The date the report is made (YYYY-MM-DD)")->group("");
    app.add_option("DIR", inputs, "Folders (or single files) to read session files from")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }

    auto usage_error = [&](const std::string& message) {
        std::cerr << "upstander-report: " << upstander::escape_for_terminal(message)
                  << "\nRun with --help for more information.\n";
        return 2;
    };
    if (!filter.from.empty())
        if (std::string e = upstander::check_report_date(filter.from, "--from"); !e.empty()) return usage_error(e);
    if (!filter.to.empty())
        if (std::string e = upstander::check_report_date(filter.to, "--to"); !e.empty()) return usage_error(e);
    if (!today.empty())
        if (std::string e = upstander::check_report_date(today, "--today"); !e.empty()) return usage_error(e);
    if (today.empty()) today = upstander::local_date_today();
    if (!filter.from.empty() && !filter.to.empty() && filter.to < filter.from)
        return usage_error("--to " + filter.to + " is before --from " + filter.from);

    if (sample_count > 0) {
        if (inputs.size() != 1) return usage_error("--generate-sample needs exactly one DIR to write into");
        const upstander::SampleResult r = upstander::generate_sample_sessions(sample_count, inputs[0], sample_seed);
        if (!r.error.empty()) {
            std::cerr << "upstander-report: " << upstander::escape_for_terminal(r.error) << "\n";
            return 1;
        }
        std::cout << "Wrote " << r.files_written << " session files under " << upstander::escape_for_terminal(inputs[0])
                  << "\n";
        return 0;
    }

    upstander::ProgrammeUnsealer unseal;
    if (!secret_key_path.empty()) {
        std::string key_text;
        if (std::error_code ec = upstander::read_regular_file(upstander::utf8_path(secret_key_path), 64 * 1024, key_text))
            return usage_error("cannot read the secret key file " + secret_key_path + ": " + ec.message());
        auto keys = upstander::seal::parse_secret_key_file(key_text);
        if (!keys.ok()) return usage_error(secret_key_path + ": " + keys.message());
        unseal = [k = *keys](const upstander::SealedEnvelope& e) -> upstander::Result<std::string> {
            if (e.public_key != k.public_key)
                return upstander::Error{"it was sealed to a different public key than this secret key's"};
            return upstander::seal::open_sealed(e.sealed, k);
        };
    }

    std::vector<fs::path> roots;
    for (const std::string& in : inputs) roots.push_back(upstander::utf8_path(in));
    upstander::SessionCollection found = upstander::collect_sessions(roots, threads);
    upstander::Report report = upstander::build_report(
        std::move(found), filter, target >= 0 ? std::optional<long long>(target) : std::nullopt, today);
    report.programmes = std::make_shared<const upstander::ProgrammeReport>(upstander::build_programme_report(
        upstander::collect_programmes(roots, unseal), filter.from, filter.to,
        target_one_to_one >= 0 ? std::optional<long long>(target_one_to_one) : std::nullopt));

    std::cout << upstander::report_text(report);
    bool ok = true;
    // Paths from the command line are UTF-8 (Utf8Args); made into paths so on Windows too.
    const fs::path csv_file = upstander::utf8_path(csv_path);
    if (!csv_path.empty()) {
        ok = write_file(csv_file, upstander::report_sessions_csv(report)) && ok;
        ok = write_file(upstander::summary_csv_path(csv_file), upstander::report_summary_csv(report)) && ok;
        ok = write_file(upstander::suffixed_csv_path(csv_file, "-organisations"), upstander::report_organisations_csv(report)) && ok;
        ok = write_file(upstander::suffixed_csv_path(csv_file, "-programmes"),
                        upstander::programme_counts_csv(*report.programmes)) && ok;
        ok = write_file(upstander::suffixed_csv_path(csv_file, "-programme-outcomes"),
                        upstander::programme_outcomes_csv(*report.programmes)) && ok;
    }
    if (!html_path.empty()) ok = write_file(upstander::utf8_path(html_path), upstander::report_html(report)) && ok;
    if (!json_path.empty()) ok = write_file(upstander::utf8_path(json_path), upstander::report_json_text(report)) && ok;
    return ok ? 0 : 1;
}
