#pragma once
// The kiosk's screens. Each function draws one frame of one screen from plain view data and pushes
// Commands for anything the user asks for. No business rules live here.

#include "core/navigation.hpp"
#include "core/pack_loader.hpp"
#include "core/poll.hpp"
#include "poll_view.hpp"
#include "video_view.hpp"
#include "widgets.hpp"

#include <optional>
#include <string>
#include <vector>

struct SDL_Texture;

namespace upstander::ui {

struct ProgrammeStepView;  // programme_screens.hpp

// [SECTION] Title screen
struct TitleView {
    const Library* library = nullptr;
    std::string notice;  // e.g. "Saved session resumed" (empty for none)
};
void draw_title(UiContext& ctx, const TitleView& view);

// Shown after a configurable idle time on the title screen.
void draw_attract(UiContext& ctx, const std::string& headline);

// [SECTION] Session setup and resume
struct SetupForm {
    std::string workshop_title;
    std::string label;         // edited in place by the text field
    int format = 0;            // 0 group, 1 one-to-one
    int audience = 0;          // 0 under-18, 1 adult, 2 mixed
    std::string headcount;     // digits; empty = not given
    std::string error;         // shown under the form
    std::string organisation;                // school or youth group, optional (never a person)
    std::vector<std::string> organisations;  // the ones this kiosk remembers
};
void draw_setup(UiContext& ctx, SetupForm& form);

struct ResumeView {
    std::string workshop_title;
    std::string group_label;
    std::string date;
    long long votes = 0;
    std::string where;         // "Module 3 of 8 · Step 2 of 4"
    std::string error;         // cannot resume: why
};
void draw_resume(UiContext& ctx, const ResumeView& view);

// [SECTION] Content problems
void draw_problems(UiContext& ctx, const Library& library);

// [SECTION] A workshop step
struct ImageTexture {
    SDL_Texture* texture = nullptr;
    int width = 0;
    int height = 0;
    std::string error;  // non-empty when the image could not be loaded
    bool loading = false;  // being decoded off the UI thread; drawn as a quiet "Loading" line
};

struct DiscussionTimerView {
    bool running = false;
    double remaining_seconds = 0;  // when running (or paused/finished)
    bool started = false;
};

// The video step's player, for the window that shows the picture (the projector). Other windows get
// a status line instead: a texture belongs to one renderer.
struct VideoSlot {
    VideoView* view = nullptr;
    media::Player* player = nullptr;
    SDL_Renderer* renderer = nullptr;   // nullptr: draw a status card, not the picture
    bool fullscreen = false;            // F: the picture fills the window, no chrome
    double redraw_in = 1e9;             // out: seconds until the picture needs drawing again
};

struct StepView {
    std::string workshop_title;
    std::string module_title;
    std::string progress;          // "Module 2 of 7 · Step 3 of 5"
    const Step* step = nullptr;    // nullptr on the summary step
    bool is_consequence = false;
    bool at_start = false;
    bool at_end = false;
    const ImageTexture* image = nullptr;        // Image steps
    DiscussionTimerView timer;                  // Discussion steps
    const PollStepView* poll = nullptr;  // Poll steps (nullptr: voting unavailable)
    const std::vector<MeasureChange>* summary = nullptr;  // the summary step
    double summary_progress = 1.0;
    std::string banner;                         // save problem (empty when all is on disk)
    std::string toast;                          // short facilitator feedback (void, arm, ...)
    bool hide_nav = false;                      // no back/next buttons (the facilitator panel covers them)
    VideoSlot* video = nullptr;                 // Video steps
    bool miniature = false;                     // the presenter's preview of the next step (polls: question and options)
    const ProgrammeStepView* programme = nullptr;  // impact map, restorative and harmed questions (programmes)
};

// Draws the step's content into [min, max] (no chrome). Used by the projector and, scaled down, the
// presenter's previews.
void draw_step_content(UiContext& ctx, const StepView& view, ImVec2 min, ImVec2 max);

// The whole projector screen for a step: a slim top bar, the content, and touch-friendly back/next.
void draw_step_screen(UiContext& ctx, const StepView& view);

// [SECTION] Overlays
void draw_blank(UiContext& ctx);
void draw_help_overlay(UiContext& ctx);
void draw_goto_overlay(UiContext& ctx, const Navigator& nav);
void draw_confirm_quit(UiContext& ctx, const std::string& question);
// Live reload: the last edit broke the content; the last good version stays on screen under this.
void draw_reload_errors(UiContext& ctx, const std::vector<std::string>& errors);

}  // namespace upstander::ui
