// One-to-one programmes in packs: the three step types made for them and "programmes" in pack.json
// (content/FORMAT.md, "One-to-one programmes"). Read with the one JSON reader, as the rest of a pack.
#include "pack_loader_programme.hpp"

#include "identifiers.hpp"
#include "restorative_script.hpp"

#include <set>

namespace upstander {

using nlohmann::json;

namespace {

// A list of non-blank strings of min..max items at obj[key].
std::vector<std::string> read_text_list(FileContext& ctx, ObjectReader& obj, std::string_view key, Need need,
                                        std::size_t min, std::size_t max, const char* what) {
    std::vector<std::string> out;
    const std::string expected = "a list of " + std::to_string(min) + " to " + std::to_string(max) + " strings";
    const json* list = obj.get(key, need, json::value_t::array, expected.c_str());
    if (!list) return out;
    const std::string ptr = obj.at(key);
    if (list->size() < min || list->size() > max)
        ctx.error(ptr, std::string("needs ") + std::to_string(min) + " to " + std::to_string(max) + " " + what +
                           "; this one has " + std::to_string(list->size()));
    for (std::size_t i = 0; i < list->size() && i < 64; ++i) {
        const json& item = (*list)[i];
        if (!item.is_string()) ctx.error(child_pointer(ptr, i), std::string("expected a string, found ") + kind_of(item));
        else if (is_blank(item.get_ref<const std::string&>())) ctx.error(child_pointer(ptr, i), "the text is empty");
        else out.push_back(item.get<std::string>());
    }
    return out;
}

// Module references of a programme session, as a workshop's "modules" are read.
void read_module_refs(FileContext& ctx, ObjectReader& obj, const std::string& pack_id, std::vector<std::string>& refs,
                      std::vector<std::string>& pointers) {
    const json* mods = obj.get("modules", Need::Required, json::value_t::array, "a list of module ids");
    if (!mods) return;
    const std::string mptr = obj.at("modules");
    if (mods->empty()) ctx.error(mptr, "the session has no modules; list at least one module id");
    if (mods->size() > static_cast<std::size_t>(kMaxModulesPerProgrammeSession)) {
        ctx.error(mptr, "the session lists " + std::to_string(mods->size()) + " modules, more than the limit of " +
                            std::to_string(kMaxModulesPerProgrammeSession));
        return;
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
        if (!((p.empty() || is_valid_id(p)) && is_valid_id(m) && m.find('/') == std::string::npos)) {
            ctx.error(rptr, "module reference " + quote_for_message(ref) +
                                " is not valid; write \"module-id\" for a module of this pack or \"pack-id/module-id\" for another pack's");
            continue;
        }
        const std::string own = p == pack_id ? m : ref;
        if (!seen.insert(own).second) ctx.warning(rptr, "module " + quote_for_message(ref) + " is listed twice in this session");
        refs.push_back(own);
        pointers.push_back(rptr);
    }
}

std::optional<ProgrammeSessionDef> read_session(FileContext& ctx, const json& j, const std::string& pointer,
                                                const std::string& pack_id, std::vector<std::string>& pointers) {
    if (!expect_object(ctx, j, pointer, "a session object with \"title\", \"duration_minutes\" and \"modules\""))
        return std::nullopt;
    ObjectReader obj(ctx, j, pointer, {"title", "description", "duration_minutes", "modules"});
    ProgrammeSessionDef s;
    if (auto t = obj.string("title", Need::Required)) s.title = *t;
    if (auto d = obj.string("description", Need::Optional)) s.description = *d;
    if (auto d = obj.integer("duration_minutes", Need::Required, 1, 600)) s.duration_minutes = *d;
    read_module_refs(ctx, obj, pack_id, s.module_refs, pointers);
    obj.finish();
    return s;
}

std::optional<ProgrammeDef> read_programme(FileContext& ctx, const json& j, const std::string& pointer,
                                           const std::string& pack_id,
                                           std::vector<std::vector<std::string>>& pointers) {
    if (!expect_object(ctx, j, pointer, "a programme object")) return std::nullopt;
    ObjectReader obj(ctx, j, pointer, {"id", "title", "description", "audience", "sessions"});
    ProgrammeDef p;
    p.pack_id = pack_id;
    if (auto id = obj.id("id", Need::Required)) p.id = *id;
    if (auto t = obj.string("title", Need::Required)) p.title = *t;
    if (auto d = obj.string("description", Need::Optional)) p.description = *d;
    if (auto a = obj.choice("audience", Need::Required, {"under-18", "adult"}, "programme audience"))
        p.audience = *parse_enum<Audience>(*a);
    if (const json* ss = obj.get("sessions", Need::Required, json::value_t::array, "a list of 1 to 6 sessions")) {
        const std::string sptr = obj.at("sessions");
        if (ss->empty() || ss->size() > static_cast<std::size_t>(kMaxSessionsPerProgramme)) {
            ctx.error(sptr, "a programme needs 1 to " + std::to_string(kMaxSessionsPerProgramme) +
                                " sessions; this one has " + std::to_string(ss->size()));
        } else {
            for (std::size_t i = 0; i < ss->size() && !ctx.full(); ++i) {
                std::vector<std::string> ptrs;
                if (auto s = read_session(ctx, (*ss)[i], child_pointer(sptr, i), pack_id, ptrs)) {
                    p.sessions.push_back(std::move(*s));
                    pointers.push_back(std::move(ptrs));
                }
            }
        }
    }
    obj.finish();
    return p;
}

}  // namespace

std::vector<std::string_view> programme_step_fields(StepType t) {
    switch (t) {
        case StepType::ImpactMap: return {"heading", "body", "centre", "ripples", "categories"};
        case StepType::RestorativeQuestions: return {"heading", "questions"};
        case StepType::HarmedQuestions: return {"heading", "body", "letter_heading"};
        default: return {};
    }
}

void read_impact_map(FileContext& ctx, ObjectReader& obj, Step& step) {
    if (auto h = obj.string("heading", Need::Required)) step.heading = *h;
    ImpactMapDef map;
    if (auto c = obj.string("centre", Need::Required)) map.centre = *c;
    map.ripples = read_text_list(ctx, obj, "ripples", Need::Required, 2, 4, "ripples");
    if (const json* cats = obj.get("categories", Need::Required, json::value_t::array, "a list of 2 to 12 categories")) {
        const std::string ptr = obj.at("categories");
        if (cats->size() < 2 || cats->size() > 12)
            ctx.error(ptr, "an impact map needs 2 to 12 categories; this one has " + std::to_string(cats->size()));
        std::set<std::string> ids;
        for (std::size_t i = 0; i < cats->size() && i < 64; ++i) {
            const std::string cptr = child_pointer(ptr, i);
            if (!expect_object(ctx, (*cats)[i], cptr, "an object like {\"id\": \"...\", \"label\": \"...\"}")) continue;
            ObjectReader o(ctx, (*cats)[i], cptr, {"id", "label"});
            ImpactCategory cat;
            if (auto id = o.id("id", Need::Required)) {
                cat.id = *id;
                if (!ids.insert(*id).second)
                    ctx.error(o.at("id"), "category id \"" + *id + "\" is used twice in this map; give each category its own id");
            }
            if (auto l = o.string("label", Need::Required)) cat.label = *l;
            o.finish();
            map.categories.push_back(std::move(cat));
        }
    }
    step.impact_map = std::move(map);
}

void read_restorative_questions(FileContext& ctx, ObjectReader& obj, Step& step) {
    if (auto h = obj.string("heading", Need::Required)) step.heading = *h;
    if (!obj.has("questions")) {
        step.questions = standard_restorative_script();
        return;
    }
    const json* qs = obj.get("questions", Need::Optional, json::value_t::array, "a list of 1 to 10 questions");
    if (!qs) return;
    const std::string ptr = obj.at("questions");
    if (qs->empty() || qs->size() > 10)
        ctx.error(ptr, "needs 1 to 10 questions (or leave \"questions\" out for the standard script); this one has " +
                           std::to_string(qs->size()));
    for (std::size_t i = 0; i < qs->size() && i < 64; ++i) {
        const std::string qptr = child_pointer(ptr, i);
        if (!expect_object(ctx, (*qs)[i], qptr, "an object like {\"question\": \"...\", \"prompts\": [...]}")) continue;
        ObjectReader o(ctx, (*qs)[i], qptr, {"question", "prompts"});
        RestorativeQuestion q;
        if (auto t = o.string("question", Need::Required)) q.question = *t;
        if (o.has("prompts")) q.prompts = read_text_list(ctx, o, "prompts", Need::Optional, 1, 8, "prompts");
        o.finish();
        step.questions.push_back(std::move(q));
    }
}

void read_harmed_questions(ObjectReader& obj, Step& step) {
    if (auto h = obj.string("heading", Need::Required)) step.heading = *h;
    step.letter_heading = "Answers to your questions";
    if (auto l = obj.string("letter_heading", Need::Optional)) step.letter_heading = *l;
}

void read_poll_intended(FileContext& ctx, ObjectReader& obj, PollDef& poll) {
    if (!obj.has("intended")) return;
    auto i = obj.enumeration<PollIntended>("intended", Need::Optional, "intended answer");
    if (!i) return;
    if (poll.kind != PollKind::Likert) {
        ctx.error(obj.at("intended"), "\"intended\" is only for likert polls; remove it");
        return;
    }
    if (poll.measure.empty()) {
        ctx.error(obj.at("intended"), "\"intended\" needs a \"measure\" saying what is measured");
        return;
    }
    poll.intended = *i;
}

std::vector<ProgrammeDef> read_programmes(FileContext& ctx, ObjectReader& pack, const std::string& pack_id,
                                          std::vector<std::vector<std::vector<std::string>>>& ref_pointers) {
    std::vector<ProgrammeDef> out;
    const json* ps = pack.get("programmes", Need::Optional, json::value_t::array, "a list of programmes");
    if (!ps) return out;
    if (ps->size() > static_cast<std::size_t>(kMaxProgrammesPerPack)) {
        ctx.error("/programmes", "the pack has " + std::to_string(ps->size()) + " programmes, more than the limit of " +
                                     std::to_string(kMaxProgrammesPerPack) + "; split it into several packs");
        return out;
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < ps->size() && !ctx.full(); ++i) {
        const std::string ptr = child_pointer("/programmes", i);
        std::vector<std::vector<std::string>> ptrs;
        auto p = read_programme(ctx, (*ps)[i], ptr, pack_id, ptrs);
        if (!p) continue;
        if (!p->id.empty() && !ids.insert(p->id).second)
            ctx.error(ptr + "/id", "programme id \"" + p->id + "\" is used twice in this pack; programme ids must be unique");
        out.push_back(std::move(*p));
        ref_pointers.push_back(std::move(ptrs));
    }
    return out;
}

}  // namespace upstander
