#include "ballot.hpp"

namespace upstander {

// [SECTION] Ballot groups

bool ballot_together(const Module& module, std::size_t index) {
    if (index >= module.steps.size()) return false;
    const Step& s = module.steps[index];
    return s.type == StepType::Poll && s.poll && s.poll->ballot_together;
}

bool inside_ballot_group(const Module& module, std::size_t index) {
    return index > 0 && ballot_together(module, index) && ballot_together(module, index - 1);
}

std::size_t ballot_group_start(const Module& module, std::size_t index) {
    while (inside_ballot_group(module, index)) --index;
    return index;
}

std::vector<std::size_t> ballot_group_at(const Module& module, std::size_t index) {
    if (index >= module.steps.size() || module.steps[index].type != StepType::Poll || !module.steps[index].poll) return {};
    if (inside_ballot_group(module, index)) return {};
    std::vector<std::size_t> out{index};
    if (!ballot_together(module, index)) return out;
    for (std::size_t i = index + 1; i < module.steps.size() && ballot_together(module, i) && out.size() < kMaxBallotQuestions; ++i)
        out.push_back(i);
    return out;
}

// [SECTION] Devices

std::string device_label(VoterDevice d) {
    switch (d.kind) {
        case DeviceKind::Screen: return "Projector screen";
        case DeviceKind::Booth: return "Booth " + std::to_string(d.number);
        case DeviceKind::Handset: return "Handset " + std::to_string(d.number);
    }
    return "Voting place";
}

// [SECTION] QuestionnaireProgress

bool QuestionnaireProgress::complete() const {
    if (answers_.empty()) return false;
    for (const auto& a : answers_)
        if (!a) return false;
    return true;
}

void QuestionnaireProgress::answer_current(int option, SteadyTime now) {
    if (answers_.empty()) return;
    answers_[question_] = option;
    last_input_ = now;
    if (question_ + 1 < answers_.size()) ++question_;
}

bool QuestionnaireProgress::back(SteadyTime now) {
    if (question_ == 0) return false;
    --question_;
    last_input_ = now;
    return true;
}

void QuestionnaireProgress::reset() {
    for (auto& a : answers_) a.reset();
    question_ = 0;
    last_input_.reset();
}

bool QuestionnaireProgress::idle_for(std::chrono::milliseconds after, SteadyTime now) const {
    return last_input_ && now - *last_input_ >= after;
}

std::optional<SteadyTime> QuestionnaireProgress::abandon_at(std::chrono::milliseconds after) const {
    if (!last_input_) return std::nullopt;
    return *last_input_ + after;
}

}  // namespace upstander
