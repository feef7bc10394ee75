#pragma once
// The projector side of the three step types of one-to-one programmes (impact map, restorative
// questions, the person harmed's questions), and the programme screens (start, continue, the
// practitioner's question entry and letter). Views are plain data; clicks become Commands.

#include "widgets.hpp"

#include <string>
#include <vector>

namespace upstander::ui {

// What a programme step shows besides the Step itself.
struct ProgrammeStepView {
    std::vector<int> placements;   // impact map: per category, -1 off the map or the ripple index (0 = inner)
    int question = 0;              // restorative and harmed questions: the one shown (0-based)
    int question_count = 0;        // harmed questions: how many were entered
    std::string harmed_question;   // the question shown (held in memory only)
};

// Draws an impact_map, restorative_questions or harmed_questions step into [min, max]. `view` may be
// nullptr (a miniature): the step's first state is shown.
void draw_programme_step(UiContext& ctx, const Step& step, const ProgrammeStepView* view, ImVec2 min, ImVec2 max);

}  // namespace upstander::ui
