#pragma once
// KioskState: every rule of the running kiosk, with no SDL, no windows and no clock of its own.
//
//   input (SDL event) -> Kiosk shell -> Command -> KioskState::apply(command, now) -> WorkshopSession
//   -> SessionStore (durable save) ... Kiosk shell draws the views KioskState builds, then sleeps for
//   KioskState::next_wake(now).
//
// Which screen and overlay are up, blank and calm, the PIN prompt and its lockout, session setup,
// resume, the welcome (attract) timer, toasts, the discussion timer, module stopwatches, the Impact
// and Settings screens, live reload and sessions whose votes are still only in memory all live here.
// The shell owns what needs SDL or FFmpeg (windows, textures, the video players) and tells the state
// what it needs to know about them (VideoStatus). Time is always passed in: the shell reads its clock
// once per loop iteration, and headless scripts can move that clock on (`advance MS`) without sleeping.

#include "core/card_scan.hpp"
#include "core/config.hpp"
#include "core/pack_loader.hpp"
#include "core/session_store.hpp"
#include "core/steady_time.hpp"
#include "core/workshop_session.hpp"
#include "options.hpp"
#include "programme_flow.hpp"
#include "ui/admin_screens.hpp"
#include "ui/ballot_view.hpp"
#include "ui/card_screens.hpp"
#include "ui/commands.hpp"
#include "ui/key_table.hpp"
#include "ui/presenter.hpp"
#include "ui/screens.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace upstander::app {

struct KioskConfig {
    std::vector<std::filesystem::path> content_roots;
    ui::ThemeKind theme = ui::ThemeKind::Dark;
    float text_scale = 1.0f;
    bool dyslexia_font = false;
    bool kiosk_mode = false;
    double attract_after_seconds = 300;
    std::filesystem::path data_dir;          // session files
    WorkshopSessionOptions session;          // suppression, ballot mode, cooldown
    std::vector<std::string> config_warnings;  // shown once on the title screen
    std::string pin_hash;                    // empty: confirmations instead of a PIN
    std::optional<int> projector_display;
    std::optional<int> presenter_display;
    std::optional<int> booth_display;
    std::vector<int> more_booth_displays;    // config booth_displays / --booth given again
    std::string camera;                      // answer cards: --camera, else the config's "camera"; empty = /dev/video0
    Config config;                           // the config file's own values (no command-line flags): what Settings edits
    std::filesystem::path config_file;
    // The config file exists but could not be read: Settings is locked (never overwritten) and the
    // message says why. `pin_may_be_set`: the file may hold a PIN that could not be read, so leaving
    // the kiosk stays locked too (fail closed) unless a PIN hash could still be recovered.
    std::string config_unreadable;
    bool pin_may_be_set = false;
};

inline constexpr double kRevealSeconds = 0.8;                  // chart animation
inline constexpr double kAnimationFrameSeconds = 1.0 / 60.0;   // how often a running animation is drawn
inline constexpr int kPinTriesBeforeLockout = 5;
inline constexpr double kPinFirstLockoutSeconds = 30;          // then doubling with each further wrong PIN
inline constexpr double kHeldSaveRetrySeconds = 5;             // sessions whose votes are only in memory

// What the shell tells the state about the clip on screen.
struct VideoStatus {
    bool present = false;      // the current step's clip is open
    bool wants_space = false;  // Space plays/pauses (false once the clip is over: Space goes on)
    bool fullscreen = false;
    bool playing = false;
};

// A key as the state sees it.
struct KeyPress {
    ui::Key key = ui::Key::Unknown;
    bool shift = false;
    bool repeat = false;   // auto-repeat of a held key
    bool typing = false;   // a text field has the keyboard
};

// What the shell must do after apply()/tick(): things that need SDL or the media players.
struct ShellRequests {
    bool swap_screens = false;
    bool display_settings_changed = false;  // theme, text size, font or keyboard grab
    bool clear_images = false;              // drop decoded images (workshop left, content reloaded)
    bool clear_hover = false;               // after a vote: no button stays highlighted
    bool reset_players = false;             // content reloaded: reopen clips
    bool camera_start = false;              // an answer-card scan began: open the camera
    bool camera_stop = false;               // it ended: close the camera
    bool vote_sound = false;                // a vote was counted and the config's "vote_sound" is on: chime
    std::vector<ui::Command> video;         // clip commands, in order
};

class KioskState {
public:
    enum class Screen { Title, Problems, Setup, Resume, Workshop, Attract, Impact, Settings, Programme };
    enum class Overlay { None, Help, Goto, ConfirmQuit, ConfirmLeaveWorkshop, ConfirmQuitUnsaved, Pin };
    enum class PinPurpose { Quit, LeaveWorkshop, Settings, Impact, FinishOldSession };

    KioskState(Options options, KioskConfig config, SteadyTime now);

    // Loads the packs, looks for an unfinished session and starts --workshop when asked.
    void start(SteadyTime now);

    // [SECTION] Input
    // The command a key means now, in this order: a text field (only Esc and F1), the PIN prompt, a
    // yes/no dialog, the blank screen (any key), the welcome screen (any key), the help and module
    // overlays, held keys (ignored), the global keys, the calm screen (swallows the rest), then the
    // current screen: on a workshop's video step the clip's keys, then the workshop's (digits vote on
    // a poll and choose on a scenario).
    std::optional<ui::Command> command_for_key(const KeyPress& key) const;
    void apply(const ui::Command& c, SteadyTime now);
    void apply_all(ui::CommandQueue& queue, SteadyTime now);  // takes the queue's commands (and any they push)
    // A touch or click anywhere (wakes the welcome and blank screens); activity for the welcome timer.
    void pointer_pressed(SteadyTime now);
    void note_activity(SteadyTime now);
    // The window system asked to close (window close button, Alt+F4, SIGTERM is separate).
    void close_requested(SteadyTime now);
    void set_video_status(const VideoStatus& v) { video_ = v; }
    void set_has_presenter(bool on) { has_presenter_ = on; }
    void set_has_booth(bool on) { has_booth_ = on; }

    // [SECTION] Time
    void tick(SteadyTime now);
    // Seconds until something changes on screen without input (the shell sleeps this long at most).
    double next_wake(SteadyTime now) const;
    // Redraws asked for since the last call (frames), and what else the shell must do.
    int take_redraw() { const int r = redraw_; redraw_ = 0; return r; }
    void request_redraw(int frames = 3) { redraw_ = std::max(redraw_, frames); }
    ShellRequests take_requests();

    // [SECTION] Views (the shell adds textures and clips)
    ui::StepView step_view(ui::PollStepView& poll_view, PollView& poll, std::vector<MeasureChange>& summary,
                           SteadyTime now) const;
    std::optional<ui::StepView> next_step_view() const;
    ui::FacilitatorView facilitator_view(SteadyTime now) const;
    ui::PinPromptView pin_prompt_view(SteadyTime now) const;
    std::string confirm_question() const;
    ui::TitleView title_view() const;
    bool identify_banner(SteadyTime now) const { return now < identify_until_; }

    // [SECTION] State the shell reads
    Screen screen() const { return screen_; }
    Overlay overlay() const { return overlay_; }
    bool blanked() const { return blanked_; }
    bool calm() const { return calm_; }
    bool facilitator_panel() const { return facilitator_panel_; }
    bool quit() const { return quit_; }
    const Library& library() const { return library_; }
    const WorkshopSession* session() const { return session_ ? &*session_ : nullptr; }
    const ResolvedWorkshop* workshop() const { return workshop_; }
    const ResolvedWorkshop* setup_workshop() const { return setup_workshop_; }
    const Step* current_step() const { return session_ ? session_->current_step() : nullptr; }
    // [SECTION] One-to-one programmes (kiosk_programme_flow.cpp): the flow on Screen::Programme.
    ProgrammeFlow* programme() { return programme_.get(); }
    const ProgrammeFlow* programme() const { return programme_.get(); }
    const Step* next_step() const { return session_ ? session_->navigator().peek_next() : nullptr; }
    bool captions_default() const;
    const KioskConfig& config() const { return config_; }
    const std::vector<std::string>& reload_errors() const { return watch_errors_; }
    // Forms edited in place by their screens (a copy; a command applies it).
    ui::SetupForm& setup_form() { return setup_; }
    ui::SettingsForm& settings_form() { return settings_form_; }
    ui::ImpactView& impact_view() { return impact_; }
    const ui::ResumeView& resume_view() const { return resume_view_; }
    // Sessions left while their votes were only in memory: kept, and saved again every few seconds
    // until they are on disk (or saved elsewhere with SaveHeldVotes).
    struct HeldSession {
        SessionRecord record;
        std::string error;   // the last failure, for the log
    };
    const std::vector<HeldSession>& held_sessions() const { return held_; }
    void show_identify_banners(SteadyTime now);
    long long votes_not_on_disk() const;
    // [SECTION] Answer cards (kiosk_cards.cpp)
    // One frame's markers from the camera thread (via the shell), while a scan runs.
    void card_frame(std::span<const CardDetection> detections, SteadyTime now);
    // The camera failed or is missing: the scan stays open (what was read can still be counted).
    void camera_failed(const std::string& message, SteadyTime now);
    bool card_scan_active() const { return card_scan_.has_value(); }
    std::string camera_source() const;  // --camera, or /dev/video0
    // For the shell's start-up: true when --workshop named no loaded workshop.
    bool requested_workshop_missing() const { return requested_workshop_missing_; }

    // [SECTION] Voting places: booths and handsets (kiosk_ballots.cpp)
    // The shell says how many booth windows there are and when a handset comes and goes.
    void set_booth_count(int n) { booth_count_ = n; }
    int booth_count() const { return booth_count_; }
    // Handset `number` (1..8) was connected or unplugged. Unplugging mid-ballot counts nothing of
    // that ballot and the presenter says so.
    void handset_connected(int number, std::string battery, SteadyTime now);
    void handset_disconnected(int number, SteadyTime now);
    void set_handset_battery(int number, std::string battery);
    // A handset button as the state sees it: an option (0..5), Back or Done. Returns true when the
    // shell should rumble the handset (its vote or ballot was counted).
    enum class PadInput { Option, Back, Done };
    bool handset_pressed(int number, PadInput input, int option, SteadyTime now);
    // Adapts a window's poll view to the voting place that draws it (kSourceScreen for the
    // projector, kSourceBooth + N for booth N): its own confirmation, and on a questionnaire step
    // the ballot view (`ballot` is filled and linked from poll_view).
    void adapt_poll_view(int source, bool voting_here, ui::PollStepView& poll_view, ui::BallotStepView& ballot,
                         std::vector<PollView>& results, SteadyTime now) const;

private:
    struct DiscussionTimer {
        const Step* step = nullptr;
        bool started = false;
        bool running = false;
        double remaining = 0;
        double last_tick = 0;
    };

    double secs(SteadyTime t) const { return std::chrono::duration<double>(t - epoch_).count(); }
    void show_toast(const std::string& text, SteadyTime now, double seconds = 4.0);
    void start_workshop(const std::string& id, SteadyTime now);
    void begin_session(const ResolvedWorkshop& w, const SessionGroup& group, SteadyTime now);
    std::optional<SessionGroup> group_from_options() const;
    void confirm_setup(SteadyTime now);
    void remember_organisation_in_config(const std::string& organisation);  // kiosk_programme.cpp
    // kiosk_programme_flow.cpp: programme commands (true when taken) and keys.
    bool programme_command(const ui::Command& c, SteadyTime now);
    std::optional<ui::Command> programme_key(const KeyPress& key) const;
    void make_programme_flow();
    void check_for_unfinished();
    void resume_session(SteadyTime now);
    void finish_old_session(SteadyTime now);
    void start_requested_workshop(SteadyTime now);
    void leave_workshop();
    void hold_if_unsaved(const WorkshopSession& s);
    void retry_held(SteadyTime now);
    void vote(int option, SteadyTime now);
    void vote_from(const ui::Command& c, SteadyTime now);
    void ballot_command(const ui::Command& c, SteadyTime now);
    void toggle_device(int source, SteadyTime now);
    void tick_places(SteadyTime now);
    double places_wake(SteadyTime now) const;
    void fill_places(ui::FacilitatorView& f, SteadyTime now) const;
    bool source_confirming(int source, SteadyTime now) const;
    void on_step_changed(SteadyTime now);
    void ask_to_leave(PinPurpose purpose);
    void pin_submit(SteadyTime now);
    void do_leave(PinPurpose purpose, SteadyTime now);
    void quit_now();
    void change_text_scale(float delta, SteadyTime now);
    void open_impact();
    void export_report(const std::string& folder);
    void open_settings();
    void save_settings();
    void save_held_votes(const std::string& folder);
    bool needs_pin() const { return !config_.pin_hash.empty() || config_.pin_may_be_set; }
    using FileStamps = std::map<std::filesystem::path, std::pair<std::filesystem::file_time_type, std::uintmax_t>>;
    FileStamps content_stamps() const;
    void check_for_content_changes(SteadyTime now);
    void reload_content(SteadyTime now);
    // Answer cards (kiosk_cards.cpp).
    void toggle_card_scan(SteadyTime now);
    void rescan_cards(SteadyTime now);
    // Counts what the scan read into the poll (one save) and closes the camera. `quiet`: no toast.
    void stop_card_scan(SteadyTime now, bool quiet = false);
    void refresh_card_view();
    std::string current_poll_key() const;

    Options options_;
    KioskConfig config_;
    SteadyTime epoch_;
    Library library_;
    Screen screen_ = Screen::Title;
    Overlay overlay_ = Overlay::None;
    bool blanked_ = false;
    bool calm_ = false;
    bool facilitator_panel_ = false;         // one-window mode: the Tab panel
    bool has_presenter_ = false;
    bool has_booth_ = false;
    std::optional<WorkshopSession> session_;
    const ResolvedWorkshop* workshop_ = nullptr;
    std::vector<HeldSession> held_;          // left with votes only in memory
    SteadyTime held_retry_at_{};
    DiscussionTimer timer_;
    ui::SetupForm setup_;
    const ResolvedWorkshop* setup_workshop_ = nullptr;
    std::optional<UnfinishedSession> unfinished_;
    ui::ResumeView resume_view_;
    bool requested_workshop_started_ = false;
    bool requested_workshop_missing_ = false;
    // Poll presentation (not business state): the neutral confirmation and the reveal animation.
    SteadyTime confirm_until_{};
    std::string confirm_text_;
    double reveal_started_ = -1;
    double summary_started_ = -1;
    std::string toast_;
    double toast_until_ = 0;
    SteadyTime identify_until_{};
    // The PIN prompt and its lockout (5 wrong PINs, then 30 s, doubling with each further wrong PIN).
    PinPurpose pin_purpose_ = PinPurpose::Quit;
    std::string pin_entry_;
    std::string pin_error_;
    int pin_failures_ = 0;
    double pin_locked_until_ = 0;
    // Presenter stopwatches.
    double session_started_ = 0;
    double module_started_ = 0;
    int timed_module_ = -1;
    std::vector<double> module_elapsed_;
    VideoStatus video_;
    FileStamps watch_stamps_;
    double watch_next_check_ = 0;
    std::vector<std::string> watch_errors_;   // the last edit broke these; the last good version stays
    ui::ImpactView impact_;
    ui::SettingsForm settings_form_;
    std::string notice_;
    bool quit_ = false;
    int redraw_ = 3;
    double last_activity_ = 0;
    double last_tick_ = 0;
    ShellRequests requests_;
    // Voting places (kiosk_ballots.cpp).
    struct Handset {
        bool connected = false;
        std::string battery;          // "full", "medium", "low", "wired" or empty (unknown)
        SteadyTime counted_until{};   // "Handset 3: vote counted" shows until then
        std::string message;          // that line, or "Handset 3: question 2 of 4"
        int ignored_presses = 0;      // presses refused by the cooldown in a row
        bool flooding = false;        // flagged: a stuck button or a faulty handset
        bool lost_ballot = false;     // unplugged mid-ballot (the presenter says so)
    };
    std::map<int, Handset> handsets_;         // by number 1..8
    std::map<int, SteadyTime> confirm_by_source_;  // booths and handsets: their own confirmation
    std::map<int, std::string> confirm_text_by_source_;  // its words (held in memory or not; never a choice)
    std::vector<int> disabled_sources_;
    int booth_count_ = 0;
    int abandoned_seen_ = 0;
    std::string places_note_;
    SteadyTime places_note_until_{};
    // Answer cards: the scan in progress (readings in memory only), and per poll the card numbers
    // already counted, so a second scan adds only cards the first missed. Never saved.
    struct CardScanRun {
        CardScan scan;
        std::string poll_key;
        std::string camera_problem;
    };
    std::optional<CardScanRun> card_scan_;
    std::string camera_failure_;       // why the last scan ended by itself (no camera), shown on the
    std::string camera_failure_poll_;  // presenter while this poll is on screen
    std::map<std::string, std::set<int>> cards_counted_;
    ui::CardScanView card_view_;
    std::unique_ptr<ProgrammeFlow> programme_;
};

}  // namespace upstander::app
