// Loads and validates one pack: pack.json, its module files and the media they name. Files are
// read and fields checked by the one JSON reader (json_reader.hpp); workshops are resolved across
// packs in pack_library.cpp.
#include "pack_loader.hpp"

#include "ballot.hpp"
#include "json_locator.hpp"
#include "json_reader.hpp"
#include "pack_loader_programme.hpp"
#include "poll_options.hpp"
#include "platform_files.hpp"
#include "safe_path.hpp"
#include "suggest.hpp"
#include "text_markup.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>

namespace upstander {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// [SECTION] Pack-wide state while loading one pack

struct PollSeen {
    std::string file;
    std::string pointer;
};

struct PackState {
    fs::path dir;       // canonical
    fs::path shown;     // as given, for messages
    const LoadOptions* options = nullptr;
    std::map<std::string, std::string> module_files;  // module id -> file (shown) that defined it
    std::map<std::string, PollSeen> polls;            // poll id -> first definition
};

std::string pack_relative(const PackState& st, const fs::path& p) {
    return fs::path(p).lexically_relative(st.dir).generic_string();
}

bool has_extension(const fs::path& p, std::initializer_list<std::string_view> exts) {
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(exts.begin(), exts.end(), e) != exts.end();
}

// First bytes of a file (for format sniffing).
std::string file_head(const fs::path& p, std::size_t n) {
    std::ifstream in(p, std::ios::binary);
    std::string buf(n, '\0');
    in.read(buf.data(), static_cast<std::streamsize>(n));
    buf.resize(static_cast<std::size_t>(in.gcount()));
    return buf;
}

// [SECTION] Text bodies

// "body": a string or a list of strings. Each list item is parsed like a string of its own.
std::optional<RichText> parse_body(FileContext& ctx, const json& body, const std::string& pointer) {
    MarkupResult result;
    auto add = [&](const std::string& text, const std::string& ptr) {
        const std::size_t before = result.unbalanced_bold.size();
        append_markup(text, result);
        for (std::size_t i = before; i < result.unbalanced_bold.size(); ++i)
            ctx.warning(ptr, "unmatched \"**\" in " + quote_for_message(result.unbalanced_bold[i]) +
                                 "; bold text needs \"**\" on both sides, so this one is shown as written");
    };
    if (body.is_string()) {
        add(body.get_ref<const std::string&>(), pointer);
    } else if (body.is_array()) {
        if (body.empty()) {
            ctx.error(pointer, "the list is empty; add at least one paragraph");
            return std::nullopt;
        }
        if (body.size() > static_cast<std::size_t>(kMaxBodyParagraphs)) {
            ctx.error(pointer, "the text has " + std::to_string(body.size()) + " paragraphs, more than the limit of " +
                                   std::to_string(kMaxBodyParagraphs) + "; split it over several steps");
            return std::nullopt;
        }
        bool ok = true;
        for (std::size_t i = 0; i < body.size() && !ctx.full(); ++i) {
            if (!body[i].is_string()) {
                ctx.error(child_pointer(pointer, i), std::string("expected a string, found ") + kind_of(body[i]));
                ok = false;
                continue;
            }
            add(body[i].get_ref<const std::string&>(), child_pointer(pointer, i));
        }
        if (!ok) return std::nullopt;
    } else {
        ctx.error(pointer, std::string("expected a string or a list of strings, found ") + kind_of(body));
        return std::nullopt;
    }
    if (result.blocks.empty()) {
        ctx.error(pointer, "the text is empty; write at least one paragraph");
        return std::nullopt;
    }
    if (result.blocks.size() > static_cast<std::size_t>(kMaxBodyParagraphs)) {
        ctx.error(pointer, "the text has " + std::to_string(result.blocks.size()) +
                               " paragraphs and bullets, more than the limit of " + std::to_string(kMaxBodyParagraphs) +
                               "; split it over several steps");
        return std::nullopt;
    }
    return std::move(result.blocks);
}

// [SECTION] Steps

// The step types a module may list (a consequence only appears inside a choice step).
const std::vector<std::string_view> kStepTypes = [] {
    std::vector<std::string_view> names = enum_names<StepType>();
    names.erase(std::find(names.begin(), names.end(), to_string(StepType::Consequence)));
    return names;
}();

struct ModuleState {
    std::string id;
    ModuleType type = ModuleType::Topic;
    std::set<std::string> step_ids;
};

std::vector<std::string_view> fields_for(StepType t) {
    std::vector<std::string_view> f{"type", "id", "facilitator_notes"};
    switch (t) {
        case StepType::Title: f.insert(f.end(), {"heading", "subtitle"}); break;
        case StepType::Text: f.insert(f.end(), {"heading", "body"}); break;
        case StepType::Image: f.insert(f.end(), {"src", "alt", "heading", "caption"}); break;
        case StepType::Discussion: f.insert(f.end(), {"heading", "prompts", "timer_seconds"}); break;
        case StepType::Video:
            f.insert(f.end(), {"src", "heading", "captions", "autoplay", "loop", "start", "end", "content_warning"});
            break;
        case StepType::Poll:
            f.insert(f.end(), {"question", "kind", "options", "style", "measure", "phase", "ballot", "intended"});
            break;
        case StepType::Choice: f.insert(f.end(), {"heading", "body", "choices"}); break;
        case StepType::Consequence: f = {"heading", "body", "facilitator_notes"}; break;
        case StepType::ImpactMap:
        case StepType::RestorativeQuestions:
        case StepType::HarmedQuestions: {
            const auto more = programme_step_fields(t);
            f.insert(f.end(), more.begin(), more.end());
            break;
        }
    }
    return f;
}

std::optional<fs::path> media_path(FileContext& ctx, PackState& st, ObjectReader& obj, std::string_view key, Need need) {
    auto rel = obj.string(key, need);
    if (!rel) return std::nullopt;
    ResolvedPackPath r = resolve_pack_path(st.dir, *rel);
    if (!r.ok()) {
        ctx.error(obj.at(key), r.message);
        return std::nullopt;
    }
    return r.path;
}

void read_image(FileContext& ctx, PackState& st, ObjectReader& obj, Step& step) {
    ImageDef img;
    if (auto p = media_path(ctx, st, obj, "src", Need::Required)) {
        const std::string head = file_head(*p, 8);
        const bool png = head.rfind("\x89PNG\r\n\x1A\n", 0) == 0;
        const bool jpeg = head.size() >= 3 && head.rfind("\xFF\xD8\xFF", 0) == 0;
        if (!has_extension(*p, {".png", ".jpg", ".jpeg"}))
            ctx.error(obj.at("src"), "images must be PNG or JPEG files (.png, .jpg or .jpeg)");
        else if (!png && !jpeg)
            ctx.error(obj.at("src"), "the file " + quote_for_message(pack_relative(st, *p)) +
                                         " is not a PNG or JPEG image (its first bytes do not match); export it again as PNG or JPEG");
        else if (st.options && st.options->probe_image)
            if (const Result<void> problem = st.options->probe_image(*p); !problem)
                ctx.error(obj.at("src"), "the picture " + quote_for_message(pack_relative(st, *p)) +
                                             " cannot be shown: " + sanitize_for_message(problem.message()));
        img.src = *p;
    }
    if (auto alt = obj.string("alt", Need::Required, true)) img.alt = *alt;
    if (auto h = obj.string("heading", Need::Optional)) step.heading = *h;
    if (auto c = obj.string("caption", Need::Optional)) img.caption = *c;
    step.image = std::move(img);
}

void read_video(FileContext& ctx, PackState& st, ObjectReader& obj, Step& step) {
    VideoDef v;
    if (auto p = media_path(ctx, st, obj, "src", Need::Required)) {
        v.src = *p;
        if (st.options && st.options->probe_video) {
            if (const Result<void> probed = st.options->probe_video(*p); !probed)
                ctx.error(obj.at("src"), "the video " + quote_for_message(pack_relative(st, *p)) +
                                             " cannot be played: " + sanitize_for_message(probed.message()));
        }
    }
    if (auto p = media_path(ctx, st, obj, "captions", Need::Optional)) {
        bool format_ok = false;
        if (!has_extension(*p, {".vtt", ".srt"})) {
            ctx.error(obj.at("captions"), "captions must be a WebVTT (.vtt) or SubRip (.srt) file");
        } else if (has_extension(*p, {".vtt"})) {
            std::string head = file_head(*p, 9);
            if (head.rfind("\xEF\xBB\xBF", 0) == 0) head = head.substr(3);
            format_ok = head.rfind("WEBVTT", 0) == 0;
            if (!format_ok)
                ctx.error(obj.at("captions"), "the file " + quote_for_message(pack_relative(st, *p)) +
                                                  " does not start with \"WEBVTT\", so it is not a WebVTT caption file");
        } else {
            format_ok = true;
        }
        if (format_ok && st.options && st.options->probe_captions) {
            if (const Result<void> problem = st.options->probe_captions(*p); !problem)
                ctx.error(obj.at("captions"), "the captions " + quote_for_message(pack_relative(st, *p)) +
                                                  " cannot be used: " + sanitize_for_message(problem.message()));
        }
        v.captions = *p;
    }
    if (auto h = obj.string("heading", Need::Optional)) step.heading = *h;
    if (auto b = obj.boolean("autoplay")) v.autoplay = *b;
    if (auto b = obj.boolean("loop")) v.loop = *b;
    if (auto s = obj.number("start", Need::Optional, 0, 86400, false)) v.start_seconds = *s;
    if (auto e = obj.number("end", Need::Optional, 0, 86400, false)) {
        if (*e <= v.start_seconds) ctx.error(obj.at("end"), "\"end\" must be later than \"start\"");
        else v.end_seconds = *e;
    }
    if (auto w = obj.string("content_warning", Need::Optional)) v.content_warning = *w;
    // The optional sidecar says whether the clip is a sample (upstander-pack lint checks its form).
    if (!v.src.empty()) {
        fs::path sidecar = v.src;
        sidecar.replace_extension(".clip.json");
        std::string text;
        if (!read_regular_file(sidecar, 64 * 1024, text)) {
            const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
            v.sample = j.is_object() && j.contains("sample") && j["sample"].is_boolean() && j["sample"].get<bool>();
        }
    }
    step.video = std::move(v);
}

void read_poll(FileContext& ctx, PackState& st, ObjectReader& obj, Step& step) {
    PollDef poll;
    if (auto id = obj.id("id", Need::Required)) {
        poll.id = *id;
        auto [it, fresh] = st.polls.emplace(*id, PollSeen{ctx.file(), obj.pointer()});
        if (!fresh)
            ctx.error(obj.at("id"), "poll id \"" + *id + "\" is already used by the poll at " + it->second.file + " " +
                                        it->second.pointer + "; poll ids must be unique within a pack");
    }
    if (auto q = obj.string("question", Need::Required)) poll.question = *q;
    const std::optional<PollKind> kind = obj.enumeration<PollKind>("kind", Need::Required, "poll kind");
    if (kind) poll.kind = *kind;

    if (obj.has("style")) {
        if (kind && *kind != PollKind::Likert) ctx.error(obj.at("style"), "\"style\" is only for likert polls; remove it");
        else if (auto s = obj.enumeration<LikertStyle>("style", Need::Optional, "likert style")) poll.style = *s;
    }

    if (kind == PollKind::Single) {
        if (const json* opts = obj.get("options", Need::Required, json::value_t::array, "a list of 2 to 6 options")) {
            const std::string ptr = obj.at("options");
            if (opts->size() < static_cast<std::size_t>(kMinSingleOptions) ||
                opts->size() > static_cast<std::size_t>(kMaxSingleOptions))
                ctx.error(ptr, "a single poll needs 2 to 6 options; this one has " + std::to_string(opts->size()));
            std::set<std::string> ids;
            for (std::size_t i = 0; i < opts->size() && i < 64; ++i) {
                const std::string optr = child_pointer(ptr, i);
                if (!(*opts)[i].is_object()) {
                    ctx.error(optr, std::string("expected an object like {\"id\": \"...\", \"label\": \"...\"}, found ") +
                                        kind_of((*opts)[i]));
                    continue;
                }
                ObjectReader o(ctx, (*opts)[i], optr, {"id", "label"});
                PollOption opt;
                if (auto id = o.id("id", Need::Required)) {
                    opt.id = *id;
                    if (!ids.insert(*id).second)
                        ctx.error(o.at("id"), "option id \"" + *id + "\" is used twice in this poll; give each option its own id");
                }
                if (auto l = o.string("label", Need::Required)) opt.label = *l;
                o.finish();
                poll.options.push_back(std::move(opt));
            }
        }
    } else if (kind) {
        if (obj.has("options"))
            ctx.error(obj.at("options"), std::string("a ") + to_string(*kind) +
                                             " poll has fixed options; remove \"options\" (or use \"kind\": \"single\")");
        poll.options = fixed_poll_options(poll.kind);
    }

    if (auto m = obj.id("measure", Need::Optional)) poll.measure = *m;
    if (auto p = obj.enumeration<PollPhase>("phase", Need::Optional, "poll phase")) {
        poll.phase = *p;
        if (!obj.has("measure"))
            ctx.error(obj.at("phase"), "\"phase\" needs a \"measure\" saying what is measured, such as \"would-report\"");
    }
    if (auto b = obj.string("ballot", Need::Optional)) {
        if (*b == "together") poll.ballot_together = true;
        else if (*b != "alone")
            ctx.error(obj.at("ballot"), "\"ballot\" is \"together\" (answered in one visit with the polls next to it that "
                                        "say so too) or \"alone\" (the default)");
    }
    read_poll_intended(ctx, obj, poll);
    step.poll = std::move(poll);
}

void read_discussion(FileContext& ctx, ObjectReader& obj, Step& step) {
    if (auto h = obj.string("heading", Need::Required)) step.heading = *h;
    if (const json* prompts = obj.get("prompts", Need::Required, json::value_t::array, "a list of 1 to 8 strings")) {
        const std::string ptr = obj.at("prompts");
        if (prompts->empty() || prompts->size() > 8)
            ctx.error(ptr, "a discussion needs 1 to 8 prompts; this one has " + std::to_string(prompts->size()));
        for (std::size_t i = 0; i < prompts->size() && i < 64; ++i) {
            const json& p = (*prompts)[i];
            if (!p.is_string()) ctx.error(child_pointer(ptr, i), std::string("expected a string, found ") + kind_of(p));
            else if (is_blank(p.get_ref<const std::string&>())) ctx.error(child_pointer(ptr, i), "the prompt is empty");
            else step.prompts.push_back(p.get<std::string>());
        }
    }
    if (auto t = obj.integer("timer_seconds", Need::Optional, 10, 3600)) step.timer_seconds = *t;
}

std::optional<Step> read_consequence(FileContext& ctx, const json& j, const std::string& pointer) {
    if (!j.is_object()) {
        ctx.error(pointer, std::string("expected an object with \"heading\" and \"body\", found ") + kind_of(j));
        return std::nullopt;
    }
    ObjectReader obj(ctx, j, pointer, fields_for(StepType::Consequence));
    Step s;
    s.type = StepType::Consequence;
    if (auto h = obj.string("heading", Need::Required)) s.heading = *h;
    if (!obj.has("body")) obj.get("body", Need::Required, json::value_t::string, "a string or a list of strings");
    else if (auto b = parse_body(ctx, j["body"], obj.at("body"))) s.body = std::move(*b);
    if (auto n = obj.string("facilitator_notes", Need::Optional, true)) s.facilitator_notes = *n;
    obj.finish();
    s.source_file = ctx.file();
    s.source_pointer = pointer;
    return s;
}

void read_choice(FileContext& ctx, ObjectReader& obj, const json& j, Step& step) {
    if (auto h = obj.string("heading", Need::Required)) step.heading = *h;
    if (obj.has("body"))
        if (auto b = parse_body(ctx, j["body"], obj.at("body"))) step.body = std::move(*b);
    const json* choices = obj.get("choices", Need::Required, json::value_t::array, "a list of 2 to 6 choices");
    if (!choices) return;
    const std::string ptr = obj.at("choices");
    if (choices->size() < 2 || choices->size() > 6)
        ctx.error(ptr, "a choice step needs 2 to 6 choices; this one has " + std::to_string(choices->size()));
    for (std::size_t i = 0; i < choices->size() && i < 64; ++i) {
        const std::string cptr = child_pointer(ptr, i);
        const json& c = (*choices)[i];
        if (!c.is_object()) {
            ctx.error(cptr, std::string("expected an object with \"label\" and \"consequence\", found ") + kind_of(c));
            continue;
        }
        ObjectReader co(ctx, c, cptr, {"label", "consequence"});
        ChoiceDef def;
        if (auto l = co.string("label", Need::Required)) def.label = *l;
        if (!co.has("consequence")) {
            co.get("consequence", Need::Required, json::value_t::object, "an object with \"heading\" and \"body\"");
        } else if (auto cons = read_consequence(ctx, c["consequence"], co.at("consequence"))) {
            cons->id = step.id + "/" + std::to_string(i);
            def.consequence.push_back(std::move(*cons));
        }
        co.finish();
        step.choices.push_back(std::move(def));
    }
}

std::optional<Step> read_step(FileContext& ctx, PackState& st, ModuleState& ms, const json& j, std::size_t index,
                              const std::string& pointer) {
    if (!j.is_object()) {
        ctx.error(pointer, std::string("expected a step object with a \"type\", found ") + kind_of(j));
        return std::nullopt;
    }
    const std::string type_ptr = child_pointer(pointer, "type");
    auto type_it = j.find("type");
    if (type_it == j.end()) {
        ctx.error(type_ptr, "missing required field \"type\"; expected one of " + join_plain(kStepTypes));
        return std::nullopt;
    }
    if (!type_it->is_string()) {
        ctx.error(type_ptr, std::string("expected a string, found ") + kind_of(*type_it));
        return std::nullopt;
    }
    const std::string& type_name = type_it->get_ref<const std::string&>();
    const auto known = std::find(kStepTypes.begin(), kStepTypes.end(), type_name);
    if (known == kStepTypes.end()) {  // also "consequence": never a step of its own
        std::string msg = "unknown step type " + quote_for_message(type_name);
        if (type_name == "consequence") msg += " (a consequence goes inside a choice step's \"choices\")";
        else if (auto near = closest_match(type_name, kStepTypes)) msg += " (did you mean \"" + *near + "\"?)";
        ctx.error(type_ptr, msg + "; expected one of " + join_plain(kStepTypes));
        return std::nullopt;
    }
    Step step;
    step.type = *parse_enum<StepType>(type_name);
    step.source_file = ctx.file();
    step.source_pointer = pointer;
    ObjectReader obj(ctx, j, pointer, fields_for(step.type));

    // Poll ids are required (read with the poll; unique in the pack) and double as the step id.
    step.id = ms.id + "#" + std::to_string(index);
    if (step.type != StepType::Poll) {
        if (auto id = obj.id("id", Need::Optional)) {
            if (!ms.step_ids.insert(*id).second)
                ctx.error(obj.at("id"), "step id \"" + *id + "\" is used twice in this module; give each step its own id");
            step.id = *id;
        }
    }
    if (auto n = obj.string("facilitator_notes", Need::Optional, true)) step.facilitator_notes = *n;

    switch (step.type) {
        case StepType::Title:
            if (auto h = obj.string("heading", Need::Required)) step.heading = *h;
            if (auto s = obj.string("subtitle", Need::Optional)) step.subtitle = *s;
            break;
        case StepType::Text:
            if (auto h = obj.string("heading", Need::Required)) step.heading = *h;
            if (!obj.has("body")) obj.get("body", Need::Required, json::value_t::string, "a string or a list of strings");
            else if (auto b = parse_body(ctx, j["body"], obj.at("body"))) step.body = std::move(*b);
            break;
        case StepType::Image: read_image(ctx, st, obj, step); break;
        case StepType::Discussion: read_discussion(ctx, obj, step); break;
        case StepType::Video: read_video(ctx, st, obj, step); break;
        case StepType::Poll:
            read_poll(ctx, st, obj, step);
            if (!step.poll->id.empty()) step.id = step.poll->id;
            break;
        case StepType::Choice:
            if (ms.type != ModuleType::Scenario)
                ctx.error(type_ptr, std::string("choice steps belong in scenario modules, and this module is a ") +
                                        to_string(ms.type) +
                                        "; set the module's \"type\" to \"scenario\" or use a discussion step");
            read_choice(ctx, obj, j, step);
            break;
        case StepType::Consequence: break;  // never a top-level type (not in kStepTypes)
        case StepType::ImpactMap:
            read_impact_map(ctx, obj, step);
            if (obj.has("body"))
                if (auto b = parse_body(ctx, j["body"], obj.at("body"))) step.body = std::move(*b);
            break;
        case StepType::RestorativeQuestions: read_restorative_questions(ctx, obj, step); break;
        case StepType::HarmedQuestions:
            read_harmed_questions(obj, step);
            if (obj.has("body"))
                if (auto b = parse_body(ctx, j["body"], obj.at("body"))) step.body = std::move(*b);
            break;
    }
    obj.finish();
    return step;
}

// [SECTION] Module files

// Questionnaire ballots: a run of "together" polls is one ballot of at most kMaxBallotQuestions
// questions; a "together" poll with no such neighbour is answered on its own (a warning).
void check_ballot_groups(FileContext& ctx, const Module& m) {
    for (std::size_t i = 0; i < m.steps.size(); ++i) {
        if (!ballot_together(m, i) || inside_ballot_group(m, i)) continue;
        std::size_t run = 1;
        while (ballot_together(m, i + run)) ++run;
        const std::string ptr = m.steps[i].source_pointer + "/ballot";
        if (run == 1)
            ctx.warning(ptr, "\"ballot\": \"together\" needs the poll just before or after it to say so too; this poll "
                             "is answered on its own");
        else if (run > kMaxBallotQuestions)
            ctx.error(ptr, "this ballot has " + std::to_string(run) + " questions, more than the limit of " +
                               std::to_string(kMaxBallotQuestions) +
                               "; end it earlier (put a step without \"ballot\": \"together\" between two ballots)");
    }
}

std::optional<Module> read_module(FileContext& ctx, PackState& st, const JsonFile& f, const fs::path& path) {
    if (!f.doc.is_object()) {
        ctx.error("", std::string("a module file must hold one JSON object, found ") + kind_of(f.doc));
        return std::nullopt;
    }
    ObjectReader obj(ctx, f.doc, "", {"$schema", "id", "type", "title", "summary", "steps"});
    Module m;
    m.file = path;
    ModuleState ms;
    if (auto id = obj.id("id", Need::Required)) {
        m.id = *id;
        auto [it, fresh] = st.module_files.emplace(*id, ctx.file());
        if (!fresh)
            ctx.error("/id", "module id \"" + *id + "\" is already used by " + it->second +
                                 "; module ids must be unique within a pack");
    }
    ms.id = m.id.empty() ? path.stem().string() : m.id;
    if (auto t = obj.enumeration<ModuleType>("type", Need::Required, "module type")) m.type = *t;
    ms.type = m.type;
    if (auto t = obj.string("title", Need::Required)) m.title = *t;
    if (auto s = obj.string("summary", Need::Optional)) m.summary = *s;
    obj.string("$schema", Need::Optional);
    if (const json* steps = obj.get("steps", Need::Required, json::value_t::array, "a list of steps")) {
        if (steps->empty()) ctx.error("/steps", "the module has no steps; add at least one step");
        if (steps->size() > static_cast<std::size_t>(kMaxStepsPerModule))
            ctx.error("/steps", "the module has " + std::to_string(steps->size()) + " steps, more than the limit of " +
                                    std::to_string(kMaxStepsPerModule) + "; split it into several modules");
        for (std::size_t i = 0; i < steps->size() && i < static_cast<std::size_t>(kMaxStepsPerModule) && !ctx.full(); ++i) {
            if (auto s = read_step(ctx, st, ms, (*steps)[i], i, child_pointer("/steps", i))) m.steps.push_back(std::move(*s));
        }
        check_ballot_groups(ctx, m);
    }
    obj.finish();
    return m;
}

// [SECTION] pack.json

void read_settings(FileContext& ctx, const json& j, PackSettings& settings) {
    if (!j.is_object()) {
        ctx.error("/settings", std::string("expected an object, found ") + kind_of(j));
        return;
    }
    ObjectReader obj(ctx, j, "/settings", {"captions_default", "ballot_mode", "vote_cooldown_ms", "list_order"});
    if (auto b = obj.boolean("captions_default")) settings.captions_default = *b;
    if (auto m = obj.enumeration<BallotMode>("ballot_mode", Need::Optional, "ballot mode")) settings.ballot_mode = *m;
    if (auto c = obj.integer("vote_cooldown_ms", Need::Optional, 250, 10000)) settings.vote_cooldown_ms = *c;
    if (auto o = obj.integer("list_order", Need::Optional, 0, 1000)) settings.list_order = *o;
    obj.finish();
}

std::optional<WorkshopDef> read_workshop(FileContext& ctx, const json& j, const std::string& pointer,
                                         const std::string& pack_id, std::vector<std::string>& ref_pointers) {
    if (!j.is_object()) {
        ctx.error(pointer, std::string("expected a workshop object, found ") + kind_of(j));
        return std::nullopt;
    }
    ObjectReader obj(ctx, j, pointer, {"id", "title", "description", "duration_minutes", "audience", "modules"});
    WorkshopDef w;
    w.pack_id = pack_id;
    if (auto id = obj.id("id", Need::Required)) w.id = *id;
    if (auto t = obj.string("title", Need::Required)) w.title = *t;
    if (auto d = obj.string("description", Need::Optional)) w.description = *d;
    if (auto d = obj.integer("duration_minutes", Need::Required, 1, 600)) w.duration_minutes = *d;
    if (auto a = obj.enumeration<Audience>("audience", Need::Optional, "audience")) w.audience = *a;
    if (const json* mods = obj.get("modules", Need::Required, json::value_t::array, "a list of module ids")) {
        const std::string mptr = obj.at("modules");
        if (mods->empty()) ctx.error(mptr, "the workshop has no modules; list at least one module id");
        if (mods->size() > static_cast<std::size_t>(kMaxModulesPerWorkshop)) {
            ctx.error(mptr, "the workshop lists " + std::to_string(mods->size()) + " modules, more than the limit of " +
                                std::to_string(kMaxModulesPerWorkshop));
            return std::nullopt;
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < mods->size() && !ctx.full(); ++i) {
            const json& r = (*mods)[i];
            const std::string rptr = child_pointer(mptr, i);
            if (!r.is_string()) {
                ctx.error(rptr, std::string("expected a module id string, found ") + kind_of(r));
                continue;
            }
            const std::string& ref = r.get_ref<const std::string&>();
            auto [p, m] = split_module_ref(ref);
            const bool ok = (p.empty() || is_valid_id(p)) && is_valid_id(m) && m.find('/') == std::string::npos;
            if (!ok) {
                ctx.error(rptr, "module reference " + quote_for_message(ref) +
                                    " is not valid; write \"module-id\" for a module of this pack or \"pack-id/module-id\" for another pack's");
                continue;
            }
            if (!seen.insert(p == pack_id ? m : ref).second)
                ctx.warning(rptr, "module " + quote_for_message(ref) + " is listed twice in this workshop");
            w.module_refs.push_back(p == pack_id ? m : ref);  // "own-pack/x" is just "x"
            ref_pointers.push_back(rptr);
        }
    }
    obj.finish();
    return w;
}

// ref_pointers[w][i]: the JSON pointer of workshops[w].module_refs[i] in pack.json.
std::optional<Pack> read_pack_json(FileContext& ctx, const JsonFile& f, std::string& pack_id,
                                   std::vector<std::vector<std::string>>& ref_pointers,
                                   std::vector<std::vector<std::vector<std::string>>>& programme_pointers) {
    if (!f.doc.is_object()) {
        ctx.error("", std::string("pack.json must hold one JSON object, found ") + kind_of(f.doc));
        return std::nullopt;
    }
    ObjectReader obj(ctx, f.doc, "",
                     {"$schema", "format", "format_version", "id", "title", "version", "language", "description",
                      "authors", "settings", "workshops", "programmes"});
    Pack pack;
    obj.string("$schema", Need::Optional);
    if (auto fmt = obj.string("format", Need::Required, true); fmt && *fmt != "upstander-pack")
        ctx.error("/format", "\"format\" must be \"upstander-pack\", found " + quote_for_message(*fmt));
    if (const json* v = obj.get("format_version", Need::Required, json::value_t::number_float, "the number 1")) {
        if (*v != 1) {
            if (v->is_number_integer() && v->get<long long>() > 1)
                ctx.error("/format_version", "this pack needs a newer Upstander (format_version " + v->dump() +
                                                 "); this version reads format_version 1");
            else
                ctx.error("/format_version", "\"format_version\" must be 1, found " + v->dump());
        }
    }
    if (auto id = obj.id("id", Need::Required)) pack.id = pack_id = *id;
    if (auto t = obj.string("title", Need::Required)) pack.title = *t;
    if (auto v = obj.string("version", Need::Required, true)) {
        if (is_valid_semver(*v)) pack.version = *v;
        else
            ctx.error("/version", "version " + quote_for_message(*v) +
                                      " is not a semantic version; write MAJOR.MINOR.PATCH, such as \"1.0.0\"");
    }
    if (auto l = obj.string("language", Need::Required, true)) {
        if (is_valid_language_tag(*l)) pack.language = *l;
        else
            ctx.error("/language", "language " + quote_for_message(*l) +
                                       " is not a language tag; write a BCP 47 tag such as \"en-GB\" or \"cy\"");
    }
    if (auto d = obj.string("description", Need::Optional)) pack.description = *d;
    if (const json* authors = obj.get("authors", Need::Optional, json::value_t::array, "a list of names")) {
        for (std::size_t i = 0; i < authors->size() && !ctx.full(); ++i) {
            if (!(*authors)[i].is_string())
                ctx.error(child_pointer("/authors", i), std::string("expected a string, found ") + kind_of((*authors)[i]));
            else pack.authors.push_back((*authors)[i].get<std::string>());
        }
    }
    if (f.doc.contains("settings")) read_settings(ctx, f.doc["settings"], pack.settings);
    if (const json* ws = obj.get("workshops", Need::Optional, json::value_t::array, "a list of workshops");
        ws && ws->size() > static_cast<std::size_t>(kMaxWorkshopsPerPack)) {
        ctx.error("/workshops", "the pack has " + std::to_string(ws->size()) + " workshops, more than the limit of " +
                                    std::to_string(kMaxWorkshopsPerPack) + "; split it into several packs");
    } else if (ws) {
        std::map<std::string, std::size_t> seen;
        for (std::size_t i = 0; i < ws->size() && !ctx.full(); ++i) {
            const std::string ptr = child_pointer("/workshops", i);
            std::vector<std::string> ptrs;
            auto w = read_workshop(ctx, (*ws)[i], ptr, pack.id, ptrs);
            if (!w) continue;
            ref_pointers.push_back(std::move(ptrs));
            if (!w->id.empty()) {
                auto [it, fresh] = seen.emplace(w->id, i);
                if (!fresh)
                    ctx.error(ptr + "/id", "workshop id \"" + w->id + "\" is already used by /workshops/" +
                                               std::to_string(it->second) + "; workshop ids must be unique");
            }
            pack.workshops.push_back(std::move(*w));
        }
    }
    pack.programmes = read_programmes(ctx, obj, pack.id, programme_pointers);
    obj.finish();
    return pack;
}

}  // namespace

// [SECTION] load_pack

PackLoadResult load_pack(const fs::path& dir) { return load_pack(dir, LoadOptions{}); }

PackLoadResult load_pack(const fs::path& dir, const LoadOptions& options) {
    PackLoadResult result;
    auto& diags = result.diagnostics;
    PackState st;
    st.options = &options;
    st.shown = dir;
    const std::string pack_json_shown = shown_path(dir / "pack.json");
    std::error_code ec;
    st.dir = real_location(dir, ec);
    if (ec || !fs::is_directory(st.dir, ec)) {
        diags.push_back({Diagnostic::Severity::Error, shown_path(dir), "", 0, 0,
                         "the pack folder does not exist or cannot be opened"});
        return result;
    }
    const fs::path pack_json = st.dir / "pack.json";
    if (!fs::exists(fs::symlink_status(pack_json, ec))) {
        diags.push_back({Diagnostic::Severity::Error, pack_json_shown, "", 0, 0,
                         "no pack.json here; every pack folder needs one (see content/FORMAT.md)"});
        return result;
    }
    if (std::string where = check_real_location(st.dir, pack_json); !where.empty()) {
        diags.push_back({Diagnostic::Severity::Error, pack_json_shown, "", 0, 0, where});
        return result;
    }

    std::optional<Pack> pack;
    std::string pack_text;
    std::vector<std::vector<std::string>> ref_pointers;
    std::vector<std::vector<std::vector<std::string>>> programme_pointers;
    process_file(
        pack_json, pack_json_shown, diags,
        [&](FileContext& ctx, const JsonFile& f) {
            pack = read_pack_json(ctx, f, result.pack_id, ref_pointers, programme_pointers);
        },
        &pack_text);
    if (!pack) return result;
    pack->dir = st.dir;

    // Modules: every .json file in modules/, in name order.
    const fs::path modules_dir = st.dir / "modules";
    std::vector<std::pair<fs::path, bool>> files;  // path, and whether it may not be where it seems
    if (fs::is_directory(modules_dir, ec)) {
        // The listing says which entries are symbolic links; only those (or all, when modules/ is a
        // link itself) need their real location resolved.
        const bool modules_dir_is_link = fs::is_symlink(fs::symlink_status(modules_dir, ec));
        for (fs::directory_iterator it(modules_dir, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::path p = it->path();
            const std::string name = p.filename().string();
            if (name.empty() || name.front() == '.') continue;
            std::error_code link_ec;
            const bool maybe_elsewhere = modules_dir_is_link || it->is_symlink(link_ec) || link_ec || !kLinksVisible;
            if (p.extension() == ".json") files.emplace_back(p, maybe_elsewhere);
            else
                diags.push_back({Diagnostic::Severity::Warning, shown_path(dir / "modules" / name), "", 0, 0,
                                 "ignored: only .json files in modules/ are read"});
        }
        std::sort(files.begin(), files.end());
    }
    for (const auto& entry : files) {
        const fs::path& p = entry.first;  // not a structured binding: clang 14 cannot capture those
        const bool maybe_elsewhere = entry.second;
        const std::string shown = shown_path(dir / "modules" / p.filename());
        if (std::string where = maybe_elsewhere ? check_real_location(st.dir, p) : std::string(); !where.empty()) {
            diags.push_back({Diagnostic::Severity::Error, shown, "", 0, 0, where});
            continue;
        }
        process_file(p, shown, diags, [&](FileContext& ctx, const JsonFile& f) {
            if (auto m = read_module(ctx, st, f, p)) {
                m->pack_id = pack->id;
                pack->modules.push_back(std::move(*m));
            }
        });
    }

    // Workshop references to this pack's own modules.
    {
        const std::size_t first = diags.size();
        FileContext ctx(pack_json_shown, diags);
        std::vector<std::string_view> ids;
        for (const Module& m : pack->modules) ids.push_back(m.id);
        auto check_refs = [&](const std::vector<std::string>& refs, const std::vector<std::string>& pointers) {
            for (std::size_t i = 0; i < refs.size() && !ctx.full(); ++i) {
                if (refs[i].find('/') != std::string::npos) continue;  // another pack's: checked by load_library
                if (st.module_files.count(refs[i])) continue;
                std::string msg = "no module with id " + quote_for_message(refs[i]) + " in this pack";
                if (auto near = closest_match(refs[i], ids)) msg += " (did you mean \"" + *near + "\"?)";
                msg += "; check the module's \"id\" in modules/, or write \"pack-id/module-id\" for another pack's module";
                ctx.error(pointers[i], msg);
            }
        };
        for (std::size_t w = 0; w < pack->workshops.size() && !ctx.full(); ++w)
            check_refs(pack->workshops[w].module_refs, ref_pointers[w]);
        for (std::size_t p = 0; p < pack->programmes.size() && p < programme_pointers.size(); ++p)
            for (std::size_t s = 0; s < pack->programmes[p].sessions.size() && s < programme_pointers[p].size(); ++s)
                check_refs(pack->programmes[p].sessions[s].module_refs, programme_pointers[p][s]);
        locate_in_text(pack_text, diags, first, nullptr);
    }

    if (count_errors(diags) == 0) result.pack = std::move(pack);
    return result;
}

}  // namespace upstander
