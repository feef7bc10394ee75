#include "pack_scaffold.hpp"

#include <nlohmann/json.hpp>

namespace upstander {

namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* kNotes = "Write your facilitator notes here: timings, sources and safeguarding reminders.";

ojson title_step(const std::string& title) {
    return {{"type", "title"},
            {"heading", title},
            {"subtitle", "Write your subtitle here"},
            {"facilitator_notes", kNotes}};
}

ojson text_step(const char* heading) {
    return {{"type", "text"},
            {"heading", heading},
            {"body", ojson::array({"Write your first paragraph here. Keep sentences short.", "- Write a bullet point here",
                                   "- Write another bullet point here, with **one key word** in bold"})},
            {"facilitator_notes", kNotes}};
}

ojson discussion_step() {
    return {{"type", "discussion"},
            {"heading", "Talk about it"},
            {"prompts", ojson::array({"Write your first question for the group here", "Write your second question here"})},
            {"timer_seconds", 180},
            {"facilitator_notes", kNotes}};
}

ojson consequence(const char* what) {
    return {{"heading", "What happens next"},
            {"body", ojson::array({std::string("Write what happens after the ") + what + " choice here."})},
            {"facilitator_notes", kNotes}};
}

}  // namespace

std::string scaffold_workshop_id(const std::string& pack_id) {
    const std::string id = pack_id + "-session";
    return id.size() <= 64 ? id : pack_id;
}

std::string scaffold_pack_json(const std::string& id, const std::string& title) {
    ojson pack = {{"format", "upstander-pack"},
                  {"format_version", 1},
                  {"id", id},
                  {"title", title},
                  {"version", "0.1.0"},
                  {"language", "en-GB"},
                  {"description", "Write one or two sentences about the pack here."},
                  {"authors", ojson::array({"Write your organisation's name here"})},
                  {"settings", {{"captions_default", true}, {"ballot_mode", "open"}, {"vote_cooldown_ms", 1500}}},
                  {"workshops", ojson::array({ojson{{"id", scaffold_workshop_id(id)},
                                                    {"title", title},
                                                    {"description", "Write who the workshop is for here."},
                                                    {"duration_minutes", 30},
                                                    {"audience", "under-18"},
                                                    {"modules", ojson::array({"welcome"})}}})}};
    return pack.dump(2) + "\n";
}

std::string scaffold_module_json(ModuleType type, const std::string& id, const std::string& title) {
    ojson steps = ojson::array();
    steps.push_back(title_step(title));
    switch (type) {
        case ModuleType::Topic:
            steps.push_back(text_step("Write your heading here"));
            steps.push_back(discussion_step());
            break;
        case ModuleType::CaseStudy:
            steps.push_back(text_step("What happened"));
            steps.push_back(text_step("What changed afterwards"));
            steps.push_back(discussion_step());
            break;
        case ModuleType::Scenario:
            steps.push_back({{"type", "choice"},
                             {"heading", "What would you do?"},
                             {"body", "Write the situation here, in two or three short sentences."},
                             {"choices", ojson::array({ojson{{"label", "Write the first option here"},
                                                             {"consequence", consequence("first")}},
                                                       ojson{{"label", "Write the second option here"},
                                                             {"consequence", consequence("second")}}})},
                             {"facilitator_notes", kNotes}});
            steps.push_back(discussion_step());
            break;
    }
    ojson module = {{"id", id},
                    {"type", to_string(type)},
                    {"title", title},
                    {"summary", "Write a one-line summary of the module here."},
                    {"steps", steps}};
    return module.dump(2) + "\n";
}

}  // namespace upstander
