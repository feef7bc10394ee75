#pragma once
// Drawing a questionnaire ballot: at a booth (or on the projector when pupils vote there) one
// question at a time with large buttons, Back and Done; on the projector beside a booth or handsets
// only where each voting place is ("Question 2 of 4 · 17 ballots"), never the options a pupil is on.
// The rules live in src/core/ballot.hpp and WorkshopSession; this draws what it is given.

#include "core/ballot.hpp"
#include "core/poll.hpp"
#include "widgets.hpp"

#include <string>
#include <vector>

namespace upstander::ui {

struct BallotStepView {
    BallotView ballot;               // the voting place that draws it
    bool buttons = true;             // a pupil answers here (a booth, or the projector with no booth)
    bool show_answer = false;        // a private screen (a booth): mark this place's earlier answer
    bool waiting_for_arm = false;    // armed ballots: the facilitator has not started this one
    bool confirmation = false;       // the neutral confirmation after Done
    std::string confirmation_text;
    std::string status;              // "Question 2 of 4 · 17 ballots" (the projector beside a booth)
    std::vector<std::string> places; // the projector: one line per booth or handset
    // The projector with handsets: every question with its numbered options (handsets step through).
    bool list_questions = false;
    std::vector<const PollDef*> questions;
    const std::vector<PollView>* results = nullptr;  // every poll of the ballot (charts once revealed)
    double reveal_progress = 1.0;
    std::string no_buttons_text = "Answer the questions at the voting booth.";
};

// "Question 2 of 4"
std::string question_of_label(std::size_t question, std::size_t questions);
// "A", "B", "X", "Y", "LB", "RB": the handset button for option `index`.
const char* handset_button_name(int index);

void draw_ballot(UiContext& ctx, const BallotStepView& view, ImVec2 min, ImVec2 max);

}  // namespace upstander::ui
