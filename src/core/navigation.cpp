#include "navigation.hpp"

#include "ballot.hpp"

#include <cassert>

namespace upstander {

Navigator::Navigator(const ResolvedWorkshop& workshop) : workshop_(&workshop) {
    assert(workshop.def != nullptr);
}

int Navigator::module_count() const { return static_cast<int>(workshop_->modules.size()); }

int Navigator::step_count(int module) const {
    if (module >= 0 && module < module_count())
        return static_cast<int>(workshop_->modules[static_cast<size_t>(module)]->steps.size());
    if (module == module_count() && has_summary()) return 1;
    return 0;
}

bool Navigator::valid(NavPosition p) const {
    if (p.module == module_count()) return has_summary() && p.step == 0 && p.consequence == -1;
    if (p.module < 0 || p.module > module_count()) return false;
    if (p.step < 0 || p.step >= step_count(p.module)) return false;
    if (p.consequence < 0) return p.consequence == -1;
    const Step& s = workshop_->modules[static_cast<size_t>(p.module)]->steps[static_cast<size_t>(p.step)];
    return s.type == StepType::Choice && p.consequence < static_cast<int>(s.choices.size());
}

bool Navigator::set_position(NavPosition p) {
    if (!valid(p)) return false;
    // A questionnaire ballot is one step: its later questions are shown only through its first.
    if (p.module < module_count())
        p.step = static_cast<int>(ballot_group_start(*workshop_->modules[static_cast<size_t>(p.module)], static_cast<size_t>(p.step)));
    pos_ = p;
    return true;
}

bool Navigator::at_summary() const { return pos_.module == module_count(); }

const Module* Navigator::current_module() const {
    if (at_summary()) return nullptr;
    return workshop_->modules[static_cast<size_t>(pos_.module)];
}

const Step* Navigator::current_step() const {
    const Module* m = current_module();
    if (m == nullptr || m->steps.empty()) return nullptr;
    const Step& s = m->steps[static_cast<size_t>(pos_.step)];
    if (pos_.consequence >= 0) {
        const ChoiceDef& c = s.choices[static_cast<size_t>(pos_.consequence)];
        if (!c.consequence.empty()) return &c.consequence.front();
    }
    return &s;
}

NavPosition Navigator::next_of(NavPosition p) const {
    if (p.module >= module_count()) return p;  // the summary (or an empty workshop) is the end
    NavPosition n{p.module, p.step + 1, -1};
    // The later questions of a questionnaire ballot are not steps of their own.
    while (n.module < module_count() && n.step < step_count(n.module) &&
           inside_ballot_group(*workshop_->modules[static_cast<size_t>(n.module)], static_cast<size_t>(n.step)))
        ++n.step;
    // Skip modules without steps (the loader rejects them, but stay safe).
    while (n.module < module_count() && n.step >= step_count(n.module)) {
        ++n.module;
        n.step = 0;
    }
    if (n.module == module_count() && !has_summary()) return p;
    if (n.module > module_count()) return p;
    return n;
}

bool Navigator::at_start() const { return pos_ == NavPosition{}; }
bool Navigator::at_end() const { return next_of(pos_) == pos_; }

bool Navigator::next() {
    NavPosition n = next_of(pos_);
    if (n == pos_) return false;
    pos_ = n;
    return true;
}

bool Navigator::back() {
    if (pos_.consequence >= 0) {
        pos_.consequence = -1;
        return true;
    }
    NavPosition p = pos_;
    if (p.step > 0) {
        --p.step;
    } else {
        do {
            --p.module;
        } while (p.module >= 0 && step_count(p.module) == 0);
        if (p.module < 0) return false;
        p.step = step_count(p.module) - 1;
    }
    if (p.module < module_count())
        p.step = static_cast<int>(ballot_group_start(*workshop_->modules[static_cast<size_t>(p.module)], static_cast<size_t>(p.step)));
    pos_ = p;
    return true;
}

bool Navigator::jump_to_module(int module) {
    NavPosition p{module, 0, -1};
    if (!valid(p)) return false;
    pos_ = p;
    return true;
}

bool Navigator::choose(int choice) {
    if (pos_.consequence >= 0) return false;
    const Step* s = current_step();
    if (s == nullptr || s->type != StepType::Choice) return false;
    if (choice < 0 || choice >= static_cast<int>(s->choices.size())) return false;
    pos_.consequence = choice;
    return true;
}

const Step* Navigator::peek_next() const {
    NavPosition n = next_of(pos_);
    if (n == pos_ || n.module == module_count()) return nullptr;
    return &workshop_->modules[static_cast<size_t>(n.module)]->steps[static_cast<size_t>(n.step)];
}

bool Navigator::peek_next_is_summary() const {
    NavPosition n = next_of(pos_);
    return n != pos_ && n.module == module_count();
}

std::string Navigator::module_title(int module) const {
    if (module >= 0 && module < module_count()) return workshop_->modules[static_cast<size_t>(module)]->title;
    if (module == module_count() && has_summary()) return kSummaryTitle;
    return {};
}

std::string Navigator::progress_label() const {
    if (at_summary()) return kSummaryTitle;
    return "Module " + std::to_string(pos_.module + 1) + " of " + std::to_string(module_count()) +
           " \xC2\xB7 Step " + std::to_string(pos_.step + 1) + " of " + std::to_string(step_count(pos_.module));
}

}  // namespace upstander
