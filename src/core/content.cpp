#include "content.hpp"

namespace upstander {

const char* to_string(StepType t) {
    switch (t) {
        case StepType::Title: return "title";
        case StepType::Text: return "text";
        case StepType::Image: return "image";
        case StepType::Discussion: return "discussion";
        case StepType::Video: return "video";
        case StepType::Poll: return "poll";
        case StepType::Choice: return "choice";
        case StepType::Consequence: return "consequence";
    }
    return "?";
}

const char* to_string(ModuleType t) {
    switch (t) {
        case ModuleType::Topic: return "topic";
        case ModuleType::CaseStudy: return "case_study";
        case ModuleType::Scenario: return "scenario";
    }
    return "?";
}

const char* to_string(PollKind k) {
    switch (k) {
        case PollKind::Single: return "single";
        case PollKind::Likert: return "likert";
        case PollKind::YesNo: return "yes-no";
    }
    return "?";
}

const char* to_string(PollPhase p) {
    switch (p) {
        case PollPhase::None: return "";
        case PollPhase::Pre: return "pre";
        case PollPhase::Post: return "post";
    }
    return "?";
}

const char* to_string(Audience a) {
    switch (a) {
        case Audience::Unspecified: return "";
        case Audience::Under18: return "under-18";
        case Audience::Adult: return "adult";
        case Audience::Mixed: return "mixed";
    }
    return "?";
}

const char* to_string(BallotMode m) {
    switch (m) {
        case BallotMode::Open: return "open";
        case BallotMode::Armed: return "armed";
    }
    return "?";
}

}  // namespace upstander
