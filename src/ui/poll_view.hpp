#pragma once
// Drawing polls: the voting buttons, the neutral confirmation, the animated results chart and the
// "What changed today" screen. The rules (what may be shown when) live in src/core/poll.hpp; these
// functions draw what they are given.

#include "core/poll.hpp"
#include "widgets.hpp"

#include <string>
#include <vector>

namespace upstander::ui {

struct BallotStepView;
struct CardScanView;

struct PollStepView {
    const PollView* poll = nullptr;
    const BallotStepView* ballot = nullptr;  // a questionnaire ballot: drawn by draw_ballot instead
    bool show_buttons = true;        // false on the projector while a booth window exists
    bool confirmation = false;       // show the neutral "Vote counted" message instead of buttons
    std::string confirmation_text;   // from core (differs only when held in memory, never by choice)
    double reveal_progress = 1.0;    // 0..1 while the chart animates in
    bool booth = false;              // the booth layout (buttons fill the window)
    // Said instead of the buttons while voting is open and show_buttons is false.
    std::string no_buttons_text = "Vote at the voting screen.";
    std::string places_line;         // handsets that just voted: "Handset 3: vote counted" (never a choice)
    const CardScanView* cards = nullptr;  // an answer-card scan is running (card_screens.hpp)
};

// The whole poll step (question, count, buttons or confirmation or chart) inside [min, max].
void draw_poll(UiContext& ctx, const PollStepView& view, ImVec2 min, ImVec2 max);

// One voting button. It looks the same whether hovered, pressed or not, so nobody watching can tell
// where a pupil touched. face_score -2..2 draws a face, -3 none. True when pressed.
bool vote_button(UiContext& ctx, int index, const std::string& label, ImVec2 pos, ImVec2 size, int face_score);

// A bar chart of counts and percentages, every bar labelled, Okabe–Ito colours.
void draw_results_chart(UiContext& ctx, const PollView& poll, ImVec2 min, ImVec2 max, double progress);

// The generated last step: each measure before and after, under the suppression rule.
void draw_what_changed(UiContext& ctx, const std::vector<MeasureChange>& measures, ImVec2 min, ImVec2 max,
                       double progress);

// A face icon for five-point scales: score -2 (very sad) .. +2 (very happy).
void draw_face(ImDrawList* dl, ImVec2 centre, float radius, int score, ImU32 color);

}  // namespace upstander::ui
