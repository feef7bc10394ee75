#pragma once
// The facilitator's screens: the presenter view (current step, next step, notes, timers, every
// action as a button), the same controls as a Tab panel in one-window mode, the voting booth, the
// calm screen, the PIN prompt and the "which screen is which" banner.

#include "screens.hpp"

#include <string>

namespace upstander::ui {

struct FacilitatorView {
    std::string notes;               // facilitator_notes of the current step
    std::string next_title;          // "Next: <heading>" text
    std::string total_time;          // "12:04 of 60:00"
    std::string module_time;         // "3:20 in this module"
    bool over_time = false;          // total elapsed beyond the workshop's expected duration
    bool on_poll = false;
    std::string votes;               // "7 votes" (never the tally)
    bool poll_open = false;
    bool poll_revealed = false;
    bool can_void = false;
    bool armed_mode = false;
    bool armed = false;
    bool on_video = false;
    bool video_playing = false;
    bool blanked = false;
    bool calm = false;
    bool suppressed = false;         // revealed/summary results hidden by the small-number rule
    bool suppression_overridden = false;
    bool on_summary = false;
    std::string banner;              // save problem
    std::string toast;
    // Booths and handsets: one row each ("Handset 2 · battery full · question 3 of 4"), with a
    // button to disable a broken or misbehaving one (never an answer).
    struct PlaceRow {
        std::string text;
        std::string name;            // "booth 2", "handset 3" (the button says "Disable booth 2")
        int source = 0;              // Command::source of the place
        bool disabled = false;
        bool warning = false;        // flagged (a stuck button, unplugged mid-ballot)
    };
    std::vector<PlaceRow> places;
    std::string ballot_note;         // "A ballot was abandoned" (no answers, ever)
    bool can_scan_cards = false;     // an open poll: answer cards can be scanned
    bool scanning_cards = false;
    std::string card_status;         // "Scanning: 27 cards seen" or what is wrong with the camera
};

// The whole presenter window. `next` is the step after this one, drawn as a miniature of the
// projector's screen when the window has miniature faces (nullptr: this is the last step).
void draw_presenter(UiContext& ctx, const StepView& current, const FacilitatorView& f, const StepView* next = nullptr);
// The controls, notes and timers inside [min, max] (the presenter's right column, or the Tab panel).
void draw_facilitator_panel(UiContext& ctx, const FacilitatorView& f, ImVec2 min, ImVec2 max, bool compact);

// The booth: only the current poll's buttons and the neutral confirmation.
void draw_booth(UiContext& ctx, const PollStepView* poll);

// A soft, neutral screen for when a discussion gets heated or someone is upset.
void draw_calm(UiContext& ctx);

// Shown on every window for a few seconds at start-up and after a swap.
void draw_identify_banner(UiContext& ctx, const std::string& role, const std::string& detail);

struct PinPromptView {
    std::string reason;     // "Enter the facilitator PIN to close Upstander"
    size_t digits = 0;      // how many digits typed (shown as dots)
    std::string error;      // "That PIN is not right."
};
void draw_pin_prompt(UiContext& ctx, const PinPromptView& view);

}  // namespace upstander::ui
