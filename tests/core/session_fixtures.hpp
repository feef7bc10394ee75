#pragma once
// Hand-built content for the poll, session-store and workshop-session tests (and the kill-test
// child), so they do not depend on the pack loader. Header-only.
//
// Library: pack "fixture" 1.2.0 and pack "extra" 2.0.0. Workshop "fixture-workshop" (pack fixture):
//   module 0 "intro":     0 title, 1 poll pre-report (likert, would-report, pre),
//                         2 poll pre-know (yes-no, knows-where, pre), 3 poll favourite (single, 3 options)
//   module 1 "scenario":  0 choice (2 choices with consequences), 1 text
//   module 2 "extra/extra-mod": 0 text, 1 poll favourite of pack extra (single, 2 options: same poll
//                         id as fixture's, a different poll)
//   module 3 "outro":     0 poll post-report (likert, would-report, post),
//                         1 poll post-know (yes-no, knows-where, post), 2 text
//   module 4: the "What changed today" summary.

#include "core/pack_loader.hpp"
#include "core/session_file.hpp"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace upstander::test {

inline std::vector<PollOption> likert_options() {
    return {{"strongly-disagree", "Strongly disagree"},
            {"disagree", "Disagree"},
            {"neither", "Neither agree nor disagree"},
            {"agree", "Agree"},
            {"strongly-agree", "Strongly agree"}};
}

inline std::vector<PollOption> yes_no_options() { return {{"yes", "Yes"}, {"no", "No"}, {"not-sure", "Not sure"}}; }

inline PollDef make_poll(std::string id, PollKind kind, std::vector<PollOption> options, std::string measure = {},
                         PollPhase phase = PollPhase::None) {
    PollDef p;
    p.id = std::move(id);
    p.question = "Question for " + p.id + "?";
    p.kind = kind;
    p.options = std::move(options);
    p.measure = std::move(measure);
    p.phase = phase;
    return p;
}

inline Step poll_step(PollDef def) {
    Step s;
    s.type = StepType::Poll;
    s.id = def.id;
    s.poll = std::move(def);
    return s;
}

inline Step text_step(std::string heading) {
    Step s;
    s.type = StepType::Text;
    s.heading = std::move(heading);
    s.body = {TextBlock{TextBlock::Kind::Paragraph, {TextSpan{"Some text.", false}}}};
    return s;
}

inline Step choice_step() {
    Step s;
    s.type = StepType::Choice;
    s.heading = "What would you do?";
    for (const char* label : {"Laugh and scroll on", "Report it"}) {
        Step c = text_step(std::string("After: ") + label);
        c.type = StepType::Consequence;
        s.choices.push_back(ChoiceDef{label, {c}});
    }
    return s;
}

inline Module make_module(std::string pack, std::string id, ModuleType type, std::vector<Step> steps) {
    Module m;
    m.id = std::move(id);
    m.pack_id = std::move(pack);
    m.type = type;
    m.title = "Module " + m.id;
    m.steps = std::move(steps);
    return m;
}

inline Library make_library(PackSettings settings = {}) {
    Library lib;
    Pack fixture;
    fixture.id = "fixture";
    fixture.title = "Fixture pack";
    fixture.version = "1.2.0";
    fixture.language = "en-GB";
    fixture.settings = settings;
    Step title;
    title.type = StepType::Title;
    title.heading = "Welcome";
    fixture.modules.push_back(make_module(
        "fixture", "intro", ModuleType::Topic,
        {title, poll_step(make_poll("pre-report", PollKind::Likert, likert_options(), "would-report", PollPhase::Pre)),
         poll_step(make_poll("pre-know", PollKind::YesNo, yes_no_options(), "knows-where", PollPhase::Pre)),
         poll_step(make_poll("favourite", PollKind::Single, {{"a", "Option A"}, {"b", "Option B"}, {"c", "Option C"}}))}));
    fixture.modules.push_back(
        make_module("fixture", "scenario", ModuleType::Scenario, {choice_step(), text_step("After the scenario")}));
    fixture.modules.push_back(make_module(
        "fixture", "outro", ModuleType::Topic,
        {poll_step(make_poll("post-report", PollKind::Likert, likert_options(), "would-report", PollPhase::Post)),
         poll_step(make_poll("post-know", PollKind::YesNo, yes_no_options(), "knows-where", PollPhase::Post)),
         text_step("Thank you")}));
    WorkshopDef w;
    w.id = "fixture-workshop";
    w.pack_id = "fixture";
    w.title = "Fixture workshop";
    w.duration_minutes = 60;
    w.audience = Audience::Under18;
    w.module_refs = {"intro", "scenario", "extra/extra-mod", "outro"};
    fixture.workshops.push_back(w);

    Pack extra;
    extra.id = "extra";
    extra.title = "Extra pack";
    extra.version = "2.0.0";
    extra.language = "en-GB";
    extra.modules.push_back(make_module(
        "extra", "extra-mod", ModuleType::Topic,
        {text_step("Extra"), poll_step(make_poll("favourite", PollKind::Single, {{"x", "Ex"}, {"y", "Why"}}))}));

    lib.packs.push_back(std::move(fixture));
    lib.packs.push_back(std::move(extra));
    // Pointers into the packs are taken only now that the vector will not grow again.
    const Pack& f = lib.packs[0];
    ResolvedWorkshop rw;
    rw.def = &f.workshops[0];
    rw.modules = {&f.modules[0], &f.modules[1], &lib.packs[1].modules[0], &f.modules[2]};
    rw.has_pre_post_pairs = true;
    lib.workshops.push_back(rw);
    return lib;
}

// Positions in the fixture workshop.
inline constexpr int kIntro = 0, kScenario = 1, kExtra = 2, kOutro = 3, kSummary = 4;

// A session file's record with one yes/no poll "q" of pack "p" (for the store and file tests).
inline SessionRecord one_poll_record(const std::string& id = "0123456789abcdef0123456789abcdef",
                                     const std::string& date = "2025-03-01", long long yes = 0) {
    SessionRecord s;
    s.session_id = id;
    s.date = date;
    s.app_version = "0.1.0";
    s.workshop_id = "w";
    s.workshop_title = "W";
    SessionPoll p;
    p.id = "q";
    p.pack = "p";
    p.kind = PollKind::YesNo;
    p.options = {{"yes", "Yes", yes}, {"no", "No", 0}, {"not-sure", "Not sure", 0}};
    p.total = yes;
    s.polls.push_back(p);
    return s;
}

}  // namespace upstander::test
