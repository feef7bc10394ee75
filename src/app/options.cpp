#include "options.hpp"

#include "core/session_group.hpp"
#include "media/versions.hpp"
#include "upstander/version.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <iostream>

namespace upstander::app {

std::optional<WindowSize> parse_window_size(const std::string& text) {
    const auto x = text.find('x');
    if (x == std::string::npos) return std::nullopt;
    WindowSize s;
    const char* b = text.data();
    const char* e = b + text.size();
    auto r1 = std::from_chars(b, b + x, s.width);
    auto r2 = std::from_chars(b + x + 1, e, s.height);
    if (r1.ec != std::errc{} || r1.ptr != b + x || r2.ec != std::errc{} || r2.ptr != e) return std::nullopt;
    if (s.width < 64 || s.height < 64 || s.width > 16384 || s.height > 16384) return std::nullopt;
    return s;
}

namespace {
CLI::Validator window_size_validator() {
    return CLI::Validator(
        [](std::string& v) -> std::string {
            return parse_window_size(v) ? std::string{} : "expected WIDTHxHEIGHT, for example 1280x720";
        },
        "WxH");
}
}  // namespace

ParseOutcome parse_options(int argc, char** argv, Options& out, int& exit_code) {
    CLI::App app{"Upstander: an offline classroom-workshop kiosk for hate-crime awareness sessions.\n"
                 "Keys while running: F1 lists them all."};
    // Options are --long or -s everywhere: a Windows path such as /work/x or C:/x stays a path.
    app.allow_windows_style_options(false);
    app.option_defaults()->always_capture_default();
    bool show_version = false;
    app.add_flag("--version", show_version, "Print the version and exit");

    app.add_option("--content", out.content_dirs,
                   "Load packs from DIR as well (a pack folder, or a folder of packs); repeatable")
        ->check(CLI::ExistingDirectory);
    app.add_flag("--no-bundled-content", out.no_bundled_content, "Do not load the bundled packs (for tests and editors)");
    app.add_option("--workshop", out.workshop_id, "Start this workshop directly, skipping the title screen");
    app.add_flag("--watch", out.watch, "Reload packs when their files change (for content editors)");

    std::string windowed;
    app.add_option("--windowed", windowed, "Open a window of this size instead of fullscreen")
        ->check(window_size_validator());
    app.add_flag_callback("--kiosk", [&] { out.kiosk = true; }, "Kiosk mode: fullscreen, keyboard grabbed, PIN to leave");
    app.add_flag_callback("--no-kiosk", [&] { out.kiosk = false; }, "A normal window (for content editors)");
    app.add_option("--projector", out.projector_display, "Display index for the projector window (what the class sees)");
    app.add_option("--presenter", out.presenter_display, "Display index for the presenter window (the facilitator's screen)");
    std::vector<int> booths;
    app.add_option("--booth", booths,
                   "Display index for a voting booth window (touchscreen at the front); give it again for more booths");
    app.add_option("--theme", out.theme, "Colour theme")->check(CLI::IsMember({"dark", "light"}));
    app.add_option("--text-scale", out.text_scale, "Text size multiplier")->check(CLI::Range(0.5f, 3.0f));
    app.add_flag("--dyslexia-font", out.dyslexia_font, "Use the OpenDyslexic font");

    app.add_option("--camera", out.camera,
                   "Camera for answer cards: a device (default /dev/video0) or a recording of one");
    app.add_option("--data-dir", out.data_dir, "Folder for session files (default $XDG_DATA_HOME/upstander/sessions)");
    app.add_option("--config", out.config_file, "Config file (default $XDG_CONFIG_HOME/upstander/config.json)");
    CLI::Option* group = app.add_option("--group", out.group_label,
                                        "Group label for the session (never pupils' names); skips the setup screen");
    // The rest of the group only means something with --group (without it the setup screen asks).
    app.add_option("--format", out.group_format, "Session format")
        ->check(CLI::IsMember({"group", "one-to-one"}))
        ->needs(group);
    app.add_option("--audience", out.audience, "Audience")
        ->check(CLI::IsMember({"under-18", "adult", "mixed"}))
        ->needs(group);
    std::string headcount;
    app.add_option("--headcount", headcount, "Number of people in the session (1 to 10000)")->needs(group);

    app.add_flag("--headless", out.headless, "Run with no display (offscreen driver, software renderer)");
    std::string size;
    app.add_option("--size", size, "Headless window size")
        ->check(window_size_validator())
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    app.add_option("--script", out.script, "Headless script to run")->check(CLI::ExistingFile);
    app.add_option("--screenshot-dir", out.screenshot_dir, "Where headless screenshots are written");
    app.add_option("--windows", out.headless_windows, "Headless: window roles to open (projector presenter booth)")
        ->check(CLI::IsMember({"projector", "presenter", "booth"}));

    app.add_flag("--set-pin", out.set_pin, "Set (or clear) the facilitator PIN, then exit");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        exit_code = app.exit(e);
        return exit_code == 0 ? ParseOutcome::ExitOk : ParseOutcome::ExitError;
    }
    if (show_version) {
        std::cout << "upstander " << kVersion << "\n" << media::library_versions() << "\n";
        exit_code = 0;
        return ParseOutcome::ExitOk;
    }
    if (!booths.empty()) {
        out.booth_display = booths.front();
        out.more_booth_displays.assign(booths.begin() + 1, booths.end());
    }
    if (!windowed.empty()) out.windowed = parse_window_size(windowed);
    if (!size.empty()) out.headless_size = *parse_window_size(size);
    // The group given on the command line obeys the setup screen's rules (core's parse_session_group):
    // a headcount the report would later refuse as impossible is refused here, before a session runs.
    if (out.group_label) {
        Result<SessionGroup> g = parse_session_group(*out.group_label, GroupFormat::Group, Audience::Unspecified, headcount);
        if (!g) {
            std::cerr << "upstander: --group/--headcount: " << g.error().message << "\n";
            exit_code = 2;
            return ParseOutcome::ExitError;
        }
        if (g->headcount) out.headcount = static_cast<int>(*g->headcount);
        out.group_label = g->label;
    }
    if (out.script && !out.headless) {
        std::cerr << "upstander: --script needs --headless\n";
        exit_code = 2;
        return ParseOutcome::ExitError;
    }
    return ParseOutcome::Run;
}

}  // namespace upstander::app
