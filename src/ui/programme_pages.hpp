#pragma once
// The practitioner's pages of a one-to-one programme: setup (categories only), the code page, Continue
// (type the code or pick an open programme), the session page (start, carry on, stop), the person
// harmed's questions, the letter page, and the answer box beside the harmed_questions step. Views
// are plain data; the few text fields are edited in place and every action is a Command.

#include "widgets.hpp"

#include "core/pack_loader.hpp"

#include <string>
#include <vector>

namespace upstander::ui {

enum class ProgrammePage { Setup, Code, Continue, Menu, ConfirmStop, Questions, Letter, ConfirmLeave, Finished };

// The referral routes in the order the setup page lists them (ReferralRoute's order).
inline constexpr const char* kReferralRouteLabels[] = {
    "Police", "Youth offending team", "School", "Children's social care", "Probation", "Family or self", "Other"};

struct ProgrammePageView {
    ProgrammePage page = ProgrammePage::Setup;
    std::string programme_title;
    std::string audience;               // "Under 18" or "Adult"
    int session_count = 0;
    // Setup (chosen on the page)
    int route = -1;                     // index into kReferralRouteLabels, -1 none yet
    int harmed = -1;                    // 1 yes, 0 no, -1 not answered
    // The code page and the session page
    std::string code;                   // "K7Q-M2R-XD8"
    int next_session = 0;               // the session Start/Carry on opens
    bool carry_on = false;              // that session was in progress
    int sessions_done = 0;
    bool person_harmed = false;         // the programme says a person harmed takes part
    // Continue
    std::string typed_code;             // edited in place
    struct OpenRow {
        std::string code;               // canonical (the command's text)
        std::string label;              // "K7Q-M2R-XD8 · started 2026-12-01 · 1 of 3 sessions done"
    };
    std::vector<OpenRow> open;
    // The person harmed's questions (memory only)
    std::vector<std::string> questions;
    std::string new_question;           // edited in place
    int max_questions = 10;
    // The letter
    std::string folder;                 // edited in place
    std::vector<std::string> written;   // the files just written
    int answered = 0;                   // questions with an answer
    // Any page
    std::string message;                // what just happened
    std::string error;                  // what is wrong
};

void draw_programme_page(UiContext& ctx, ProgrammePageView& view);

// The title screen's "One-to-one programmes" column in [x, x + w] from y to bottom: each programme
// (title, audience, sessions) starts with a click, and "Continue a programme" under the list.
void draw_programme_column(UiContext& ctx, const Library& library, float x, float y, float w, float bottom);

// The practitioner's answer box for the question on screen (presenter, or the single window's panel).
struct HarmedAnswerView {
    int index = 0;                      // the question (0-based)
    int count = 0;
    std::string question;
    std::string answer;                 // edited in place; a change is sent as ProgrammeAnswer
    std::string notes;                  // the step's facilitator notes
};
void draw_harmed_answer_panel(UiContext& ctx, HarmedAnswerView& view, ImVec2 min, ImVec2 max);

// The words every page about the person harmed's questions shows.
inline constexpr const char* kHarmedMemoryOnly =
    "These questions and answers are never saved in Upstander's files. They are forgotten when the letter is "
    "written or the session ends.";

}  // namespace upstander::ui
