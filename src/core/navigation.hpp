#pragma once
// Workshop navigation: where the facilitator is in a workshop and what "next" and "back" mean.
// Scenario choices are a detour: choosing shows that choice's consequence step, "back" returns
// to the choice, and "next" continues after the choice step. A workshop with pre/post poll pairs
// ends with a generated "What changed today" step.

#include "pack_loader.hpp"

#include <string>

namespace upstander {

struct NavPosition {
    int module = 0;        // index into the workshop's modules; == module count for the summary
    int step = 0;          // index into that module's steps
    int consequence = -1;  // >= 0 while a scenario choice's consequence is shown
    bool operator==(const NavPosition&) const = default;
};

class Navigator {
public:
    explicit Navigator(const ResolvedWorkshop& workshop);

    const ResolvedWorkshop& workshop() const { return *workshop_; }
    int module_count() const;               // real modules, excluding the summary
    int step_count(int module) const;       // 1 for the summary
    bool has_summary() const { return workshop_->has_pre_post_pairs; }

    NavPosition position() const { return pos_; }
    bool set_position(NavPosition p);       // false (and no change) when p is not valid here

    // nullptr on the summary step.
    const Step* current_step() const;
    const Module* current_module() const;   // nullptr on the summary step
    bool at_summary() const;
    bool at_start() const;
    bool at_end() const;

    bool next();                       // false at the end of the workshop
    bool back();                       // false at the start
    bool jump_to_module(int module);   // first step of that module (module_count() = summary)
    bool choose(int choice);           // at a Choice step: show that choice's consequence

    // The step "next" would show (for the presenter's preview); nullptr when at the end or when
    // next is the summary (check peek_next_is_summary()).
    const Step* peek_next() const;
    bool peek_next_is_summary() const;

    // "Module 2 of 7 · Step 3 of 5" (UK English, middle dot); "What changed today" on the summary.
    std::string progress_label() const;
    std::string module_title(int module) const;

private:
    bool valid(NavPosition p) const;
    NavPosition next_of(NavPosition p) const;  // returns p itself when there is no next

    const ResolvedWorkshop* workshop_;
    NavPosition pos_;
};

inline constexpr const char* kSummaryTitle = "What changed today";

}  // namespace upstander
