// upstander-pack: validate, lint and scaffold Upstander content packs.
// Exit codes: 0 clean, 1 problems found (errors; lint warnings only with --strict), 2 usage error.

#include "core/install_paths.hpp"
#include "core/pack_lint.hpp"
#include "core/pack_loader.hpp"
#include "core/pack_text.hpp"
#include "core/platform_files.hpp"
#include "core/platform_paths.hpp"
#include "core/pack_scaffold.hpp"
#include "core/report_export.hpp"  // escape_for_terminal
#include "core/safe_path.hpp"
#include "media/captions.hpp"
#include "media/image_file.hpp"
#include "ui/font_coverage.hpp"
#include "media/media_file.hpp"
#include "upstander/version.hpp"

#include <CLI/CLI.hpp>
extern "C" {
#include <libavutil/log.h>
}

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace upstander;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitProblems = 1;
constexpr int kExitUsage = 2;

struct UsageError {
    std::string message;
};

// [SECTION] Shared helpers

void check_folders(const std::vector<std::string>& dirs) {
    for (const std::string& d : dirs) {
        std::error_code ec;
        if (!fs::is_directory(utf8_path(d), ec)) throw UsageError{"no such folder: " + d};
    }
}

// Folders given on the command line (UTF-8 on every system: Utf8Args).
std::vector<fs::path> as_paths(const std::vector<std::string>& dirs) {
    std::vector<fs::path> out;
    for (const std::string& d : dirs) out.push_back(utf8_path(d));
    return out;
}

const char* plural(std::size_t n, const char* one, const char* many) { return n == 1 ? one : many; }


// A path as the user would recognise it: relative when it is below the working folder.
std::string shown_path(const fs::path& p) {
    std::error_code ec;
    fs::path rel = p.lexically_proximate(fs::current_path(ec));
    if (ec || rel.empty() || *rel.begin() == "..") return p.generic_string();
    return rel.generic_string();
}

void print_all(const std::vector<Diagnostic>& diags) {
    for (const Diagnostic& d : diags) std::cout << escape_for_terminal(format_diagnostic(d)) << '\n';
}

// Writes a new file; refuses to replace an existing one ("x": fail if it exists).
void write_new_file(const fs::path& path, const std::string& text) {
    std::FILE* f = open_new_file(path);
    if (!f) {
        if (errno == EEXIST) throw UsageError{path.string() + " already exists; not overwriting it"};
        throw UsageError{"cannot create " + path.string() + ": " + std::strerror(errno)};
    }
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !ok) throw UsageError{"cannot write " + path.string()};
    std::cout << "created " << path.string() << '\n';
}

void require_id(const std::string& what, const std::string& id) {
    if (!is_valid_id(id))
        throw UsageError{what + " \"" + id +
                         "\" is not valid: use 1 to 64 lower-case letters, digits and hyphens, starting with a letter or digit"};
}

// [SECTION] validate

// Every video is opened and its first frame decoded, every caption file read and every picture
// decoded, so an unusable file is found before the session. Both go through the player's own restricted reader, so a playlist
// or concat list posing as a clip or captions is refused here as in the kiosk.
LoadOptions validate_options() {
    LoadOptions options;
    options.probe_video = [](const fs::path& file) -> Result<void> {
        if (auto err = media::probe_media_error(file)) return Error{err->reason};  // the loader names the file
        return {};
    };
    options.probe_captions = [](const fs::path& file) -> Result<void> {
        if (auto problem = media::caption_file_problem(file)) return Error{*problem};
        return {};
    };
    // Pictures are checked as the kiosk loads them: size limits from the header, complete, decodable.
    options.probe_image = [](const fs::path& file) -> Result<void> {
        if (auto problem = media::image_file_problem(file)) return Error{*problem};
        return {};
    };
    return options;
}

// The bundled packs come first (as in the app), so a pack that reuses their modules ("step-up/...")
// validates on its own; only the problems of the folders asked about are printed.
std::vector<fs::path> roots_with_bundled(const std::vector<std::string>& dirs, bool bundled) {
    std::vector<fs::path> roots;
    if (bundled) {
        const fs::path b = bundled_content_dir();
        if (!b.empty()) roots.push_back(b);
    }
    for (const auto& d : as_paths(dirs)) roots.push_back(d);
    return roots;
}

// Whether a file the loader named lies in one of the folders asked about. The file itself is never
// resolved: a module file that is a symbolic link to /etc/passwd is still the pack's file (and its
// error is the pack's), so only the folders along the way are made canonical.
bool inside_any(const std::string& file, const std::vector<std::string>& dirs) {
    std::error_code ec;
    const fs::path f = fs::absolute(utf8_path(file), ec).lexically_normal();
    const fs::path f_real = fs::weakly_canonical(f.parent_path(), ec) / f.filename();
    for (const auto& d : dirs) {
        const fs::path lexical = fs::absolute(utf8_path(d), ec).lexically_normal();
        const fs::path real = fs::weakly_canonical(lexical, ec);
        if (path_is_within(lexical, f) || path_is_within(real, f) || path_is_within(real, f_real)) return true;
    }
    return false;
}

std::vector<Diagnostic> only_inside(const std::vector<Diagnostic>& all, const std::vector<std::string>& dirs) {
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : all)
        if (d.file.empty() || inside_any(d.file, dirs)) out.push_back(d);
    return out;
}

// Text the kiosk cannot draw as written (no installed font has the character, emoji above U+FFFF,
// right-to-left text, combining accents): the same warnings in validate and lint.
void append_drawing_warnings(const Library& lib, const std::vector<std::string>& dirs, std::vector<Diagnostic>& out) {
    const ui::InstalledFonts fonts;
    for (const Pack& p : lib.packs) {
        if (!inside_any(p.dir.string(), dirs)) continue;
        std::vector<Diagnostic> w = text_drawing_warnings(p, [&fonts](std::uint32_t cp) { return fonts.can_draw(cp); });
        out.insert(out.end(), w.begin(), w.end());
    }
}

int run_validate(const std::vector<std::string>& dirs, bool bundled) {
    check_folders(dirs);
    av_log_set_level(AV_LOG_FATAL);  // FFmpeg's own complaints would bury the diagnostics
    const Library lib = load_library(roots_with_bundled(dirs, bundled), validate_options());
    std::vector<Diagnostic> shown = only_inside(lib.diagnostics, dirs);
    append_drawing_warnings(lib, dirs, shown);
    print_all(shown);
    std::size_t errors = count_errors(shown);
    const std::size_t warnings = shown.size() - errors;
    // Count only the packs in the folders asked about.
    std::size_t packs = 0, modules = 0, workshops = 0, skipped = 0;
    for (const Pack& p : lib.packs)
        if (inside_any(p.dir.string(), dirs)) {
            ++packs;
            modules += p.modules.size();
        }
    for (const ResolvedWorkshop& w : lib.workshops)
        if (const Pack* p = lib.find_pack(w.def->pack_id); p && inside_any(p->dir.string(), dirs)) ++workshops;
    for (const PackProblem& p : lib.problems) {
        bool loaded = false;
        for (const Pack& pack : lib.packs) loaded = loaded || pack.dir == p.dir;
        if (!loaded && inside_any(p.dir.string(), dirs)) ++skipped;
    }
    // Fail closed: a pack the kiosk would skip is never reported as clean.
    if (skipped > 0 && errors == 0) {
        for (const PackProblem& p : lib.problems)
            if (inside_any(p.dir.string(), dirs))
                for (const Diagnostic& d : p.diagnostics)
                    if (d.severity == Diagnostic::Severity::Error) {
                        std::cout << escape_for_terminal(format_diagnostic(d)) << '\n';
                        ++errors;
                    }
        if (errors == 0) {
            std::cout << "error: " << skipped << plural(skipped, " pack was", " packs were")
                      << " skipped, as the app would skip them\n";
            ++errors;
        }
    }
    if (packs == 0 && skipped == 0) {
        std::cout << "error: no packs found (a pack is a folder with a pack.json)\n";
        return kExitProblems;
    }
    std::cout << packs << plural(packs, " pack", " packs") << " loaded, " << skipped << " skipped (" << modules
              << plural(modules, " module, ", " modules, ") << workshops
              << plural(workshops, " workshop", " workshops") << "): " << errors
              << plural(errors, " error, ", " errors, ") << warnings << plural(warnings, " warning", " warnings")
              << '\n';
    return errors > 0 ? kExitProblems : kExitOk;
}

// [SECTION] lint

int run_lint(const std::vector<std::string>& dirs, double max_grade, bool strict, bool bundled) {
    check_folders(dirs);
    const Library lib = load_library(roots_with_bundled(dirs, bundled));
    std::vector<Diagnostic> all = only_inside(lib.diagnostics, dirs);
    append_drawing_warnings(lib, dirs, all);
    LintOptions options;
    options.max_grade = max_grade;
    std::size_t checked = 0;
    std::vector<SampleMedia> samples;
    for (const Pack& p : lib.packs) {
        if (!inside_any(p.dir.string(), dirs)) continue;
        ++checked;
        std::vector<Diagnostic> w = lint_pack(p, options);
        all.insert(all.end(), w.begin(), w.end());
        std::vector<Diagnostic> ws = lint_workshops(lib, p);
        all.insert(all.end(), ws.begin(), ws.end());
        std::vector<SampleMedia> s = sample_media(p, &all);
        samples.insert(samples.end(), s.begin(), s.end());
    }
    print_all(all);
    // Sample clips are not a fault: they are listed so that a partnership knows what to replace.
    if (!samples.empty()) {
        std::cout << "sample media (stand-ins marked \"sample\": true; replace them with your own footage):\n";
        for (const SampleMedia& m : samples)
            std::cout << "  " << escape_for_terminal(shown_path(m.file)) << "  (used in " << escape_for_terminal(shown_path(m.step_file)) << " " << escape_for_terminal(m.step_pointer) << ")\n";
    }
    const std::size_t errors = count_errors(all);
    const std::size_t warnings = all.size() - errors;
    std::cout << "lint: " << checked << plural(checked, " pack", " packs") << " checked: " << errors
              << plural(errors, " error, ", " errors, ") << warnings << plural(warnings, " warning", " warnings");
    if (!samples.empty()) std::cout << ", " << samples.size() << plural(samples.size(), " sample clip", " sample clips");
    std::cout << '\n';
    if (errors > 0) return kExitProblems;
    return strict && warnings > 0 ? kExitProblems : kExitOk;
}

// [SECTION] list

const char* kind_name(PollKind k) {
    switch (k) {
        case PollKind::Single: return "single";
        case PollKind::Likert: return "likert";
        case PollKind::YesNo: return "yes-no";
    }
    return "?";
}

// Packs, workshops, modules, polls and measures with their ids, for editors who borrow modules.
int run_list(const std::vector<std::string>& dirs, bool bundled) {
    check_folders(dirs);
    const Library lib = load_library(roots_with_bundled(dirs, bundled));
    std::size_t listed = 0;
    for (const Pack& p : lib.packs) {
        if (!inside_any(p.dir.string(), dirs)) continue;
        ++listed;
        std::cout << "pack " << escape_for_terminal(p.id) << "  \"" << escape_for_terminal(p.title) << "\"  version " << p.version << "  ("
                  << escape_for_terminal(shown_path(p.dir)) << ")\n";
        std::cout << "  workshops:\n";
        if (p.workshops.empty()) std::cout << "    (none)\n";
        for (const WorkshopDef& w : p.workshops) {
            const bool offered = lib.find_workshop(w.id) != nullptr;
            std::cout << "    " << escape_for_terminal(w.id) << "  \"" << escape_for_terminal(w.title) << "\"  " << w.duration_minutes << " min, "
                      << to_string(w.audience) << (offered ? "" : "  (not offered: run validate)") << '\n';
            std::cout << "      modules:";
            for (const std::string& ref : w.module_refs) std::cout << ' ' << ref;
            std::cout << '\n';
        }
        if (!p.programmes.empty()) {
            std::cout << "  one-to-one programmes:\n";
            for (const ProgrammeDef& pr : p.programmes) {
                const ResolvedProgramme* rp = lib.find_programme(pr.id);
                std::cout << "    " << escape_for_terminal(pr.id) << "  \"" << escape_for_terminal(pr.title) << "\"  "
                          << to_string(pr.audience) << ", " << pr.sessions.size() << " sessions, paired scale of "
                          << (rp ? rp->scale.size() : 0) << " items" << (rp ? "" : "  (not offered: run validate)") << '\n';
                for (std::size_t i = 0; i < pr.sessions.size(); ++i) {
                    std::cout << "      session " << i + 1 << "  \"" << escape_for_terminal(pr.sessions[i].title) << "\"  "
                              << pr.sessions[i].duration_minutes << " min, modules:";
                    for (const std::string& ref : pr.sessions[i].module_refs) std::cout << ' ' << escape_for_terminal(ref);
                    std::cout << '\n';
                }
            }
        }
        std::cout << "  modules (use as \"" << escape_for_terminal(p.id) << "/<id>\" in another pack's workshop):\n";
        // measure -> "pre poll-id (module)" and so on, across the pack
        std::map<std::string, std::vector<std::string>> measures;
        for (const Module& m : p.modules) {
            std::cout << "    " << escape_for_terminal(m.id) << "  (" << to_string(m.type) << ")  \"" << escape_for_terminal(m.title) << "\"  "
                      << escape_for_terminal(shown_path(m.file)) << '\n';
            for (const Step& s : m.steps) {
                if (!s.poll) continue;
                const PollDef& poll = *s.poll;
                std::cout << "      poll " << poll.id << "  (" << kind_name(poll.kind);
                if (!poll.measure.empty()) std::cout << ", measure " << poll.measure;
                if (poll.phase != PollPhase::None) std::cout << ", " << to_string(poll.phase);
                std::cout << ")  \"" << escape_for_terminal(poll.question) << "\"\n";
                if (!poll.measure.empty())
                    measures[poll.measure].push_back(
                        (poll.phase == PollPhase::None ? std::string() : std::string(to_string(poll.phase)) + " ") +
                        poll.id + " in " + m.id);
            }
        }
        std::cout << "  measures (a new poll should reuse one only when it asks the same question):\n";
        if (measures.empty()) std::cout << "    (none)\n";
        for (const auto& [measure, polls] : measures) {
            std::cout << "    " << measure << ":";
            for (std::size_t i = 0; i < polls.size(); ++i) std::cout << (i ? "; " : " ") << polls[i];
            std::cout << '\n';
        }
    }
    for (const PackProblem& pr : lib.problems) {
        bool loaded = false;
        for (const Pack& pack : lib.packs) loaded = loaded || pack.dir == pr.dir;
        if (!loaded && inside_any(pr.dir.string(), dirs))
            std::cout << "skipped " << shown_path(pr.dir) << ": it has errors (upstander-pack validate "
                      << shown_path(pr.dir) << " lists them)\n";
    }
    if (listed == 0) {
        std::cout << "error: no packs loaded from these folders (a pack is a folder with a pack.json)\n";
        return kExitProblems;
    }
    return kExitOk;
}

// [SECTION] new-pack and new-module

int run_new_pack(const std::string& dir, const std::string& id, const std::string& title) {
    require_id("pack id", id);
    if (title.find_first_not_of(" \t") == std::string::npos) throw UsageError{"--title must not be empty"};
    const fs::path root = utf8_path(dir);
    std::error_code ec;
    if (fs::exists(root / "pack.json", ec)) throw UsageError{(root / "pack.json").string() + " already exists; not overwriting it"};
    fs::create_directories(root / "modules", ec);
    if (!ec) fs::create_directories(root / "media", ec);
    if (ec) throw UsageError{"cannot create folders in " + dir + ": " + ec.message()};
    write_new_file(root / "modules" / "welcome.json", scaffold_module_json(ModuleType::Topic, "welcome", "Welcome"));
    write_new_file(root / "pack.json", scaffold_pack_json(id, title));
    std::cout << "\nNext:\n"
              << "  1. Replace every text that starts with \"Write \" (upstander-pack lint " << dir << " lists them).\n"
              << "  2. Add modules: upstander-pack new-module " << dir << " --type topic --id my-topic --title \"...\"\n"
              << "  3. Check the pack: upstander-pack validate " << dir << '\n';
    return kExitOk;
}

int run_new_module(const std::string& pack_dir, const std::string& type, const std::string& id, const std::string& title) {
    require_id("module id", id);
    if (title.find_first_not_of(" \t") == std::string::npos) throw UsageError{"--title must not be empty"};
    const fs::path root = utf8_path(pack_dir);
    std::error_code ec;
    if (!fs::exists(root / "pack.json", ec)) throw UsageError{pack_dir + " is not a pack folder (it has no pack.json)"};
    ModuleType t = ModuleType::Topic;
    if (type == "case_study") t = ModuleType::CaseStudy;
    else if (type == "scenario") t = ModuleType::Scenario;
    // Module ids are unique in a pack, whatever the file is called.
    const PackLoadResult existing = load_pack(root);
    if (existing.pack) {
        for (const Module& m : existing.pack->modules)
            if (m.id == id) throw UsageError{"the pack already has a module with id \"" + id + "\" (" + m.file.string() + ")"};
    }
    fs::create_directories(root / "modules", ec);
    if (ec) throw UsageError{"cannot create " + (root / "modules").string() + ": " + ec.message()};
    const fs::path file = root / "modules" / (id + ".json");
    write_new_file(file, scaffold_module_json(t, id, title));
    std::cout << "\nNext:\n"
              << "  1. Add \"" << id << "\" to a workshop's \"modules\" list in " << (root / "pack.json").string()
              << " (or \"<pack-id>/" << id << "\" in another pack's workshop).\n"
              << "  2. Replace every text that starts with \"Write \" in " << file.string() << ".\n"
              << "  3. Check the pack: upstander-pack validate " << pack_dir << '\n';
    return kExitOk;
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
    CLI::App app{"upstander-pack: validate, lint and create Upstander content packs"};
    // Options are --long or -s everywhere: a Windows path such as /work/x or C:/x stays a path.
    app.allow_windows_style_options(false);
    app.set_version_flag("--version", std::string("upstander-pack ") + kVersion);
    app.require_subcommand(1);
    app.footer("Exit status: 0 clean, 1 problems found, 2 usage error. Format: content/FORMAT.md");

    std::vector<std::string> validate_dirs;
    CLI::App* validate = app.add_subcommand("validate", "Check packs and print every problem (as the app loads them)");
    validate->add_option("DIR", validate_dirs, "A pack folder, or a folder of packs (several are loaded together)")
        ->required();

    std::vector<std::string> lint_dirs;
    double max_grade = 7.0;
    bool strict = false;
    CLI::App* lint = app.add_subcommand(
        "lint", "Advice that is not an error: notes, captions, alt text, measures, reading level, timings, help "
                "routes; lists sample media");
    lint->add_option("DIR", lint_dirs, "A pack folder, or a folder of packs")->required();
    lint->add_option("--max-grade", max_grade, "Highest Flesch-Kincaid grade allowed per step (7 = reading age about 12)")
        ->check(CLI::Range(0.0, 30.0))
        ->capture_default_str();
    lint->add_flag("--strict", strict, "Exit 1 when there are warnings");
    std::vector<std::string> list_dirs;
    CLI::App* list = app.add_subcommand("list", "List packs, workshops, modules, polls and measures with their ids");
    list->add_option("DIR", list_dirs, "A pack folder, or a folder of packs")->required();

    bool no_bundled = false;
    for (CLI::App* sub : {validate, lint, list})
        sub->add_flag("--no-bundled", no_bundled,
                      "Do not load the bundled packs first (by default they are, so references such as "
                      "\"step-up/module-id\" resolve; only the folders you name are reported)");

    std::string new_pack_dir, new_pack_id, new_pack_title;
    CLI::App* new_pack = app.add_subcommand("new-pack", "Create a new pack folder that already validates");
    new_pack->add_option("DIR", new_pack_dir, "Folder to create the pack in")->required();
    new_pack->add_option("--id", new_pack_id, "Pack id: lower-case letters, digits and hyphens")->required();
    new_pack->add_option("--title", new_pack_title, "Pack title")->required();

    std::string new_module_dir, new_module_type, new_module_id, new_module_title;
    CLI::App* new_module = app.add_subcommand("new-module", "Add a module file to a pack");
    new_module->add_option("PACK_DIR", new_module_dir, "The pack folder")->required();
    new_module->add_option("--type", new_module_type, "topic, case_study or scenario")
        ->required()
        ->check(CLI::IsMember({"topic", "case_study", "scenario"}));
    new_module->add_option("--id", new_module_id, "Module id: lower-case letters, digits and hyphens")->required();
    new_module->add_option("--title", new_module_title, "Module title")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);  // --help, --version
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitUsage;
    }

    try {
        if (*validate) return run_validate(validate_dirs, !no_bundled);
        if (*lint) return run_lint(lint_dirs, max_grade, strict, !no_bundled);
        if (*list) return run_list(list_dirs, !no_bundled);
        if (*new_pack) return run_new_pack(new_pack_dir, new_pack_id, new_pack_title);
        if (*new_module) return run_new_module(new_module_dir, new_module_type, new_module_id, new_module_title);
    } catch (const UsageError& e) {
        std::cerr << "upstander-pack: " << e.message << '\n';
        return kExitUsage;
    }
    return kExitUsage;
}
