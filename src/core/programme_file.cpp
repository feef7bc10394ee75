#include "programme_file.hpp"

#include "json_reader.hpp"
#include "poll_options.hpp"
#include "programme_code.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <set>

namespace upstander {

using nlohmann::json;

const char* referral_route_label(ReferralRoute r) {
    switch (r) {
        case ReferralRoute::Police: return "Police";
        case ReferralRoute::YouthOffendingTeam: return "Youth offending team";
        case ReferralRoute::School: return "School";
        case ReferralRoute::ChildrensSocialCare: return "Children's social care";
        case ReferralRoute::Probation: return "Probation";
        case ReferralRoute::FamilyOrSelf: return "Family or self";
        case ReferralRoute::Other: return "Other";
    }
    return "Other";
}

// [SECTION] Record helpers

int ProgrammeRecord::sessions_completed() const {
    int n = 0;
    for (const auto& s : sessions) n += s.completed ? 1 : 0;
    return n;
}

std::string ProgrammeRecord::start_date() const {
    std::string first;
    for (const auto& s : sessions)
        if (!s.date.empty() && (first.empty() || s.date < first)) first = s.date;
    return first;
}

ProgrammeSessionEntry* ProgrammeRecord::find_session(int number) {
    for (auto& s : sessions)
        if (s.number == number) return &s;
    return nullptr;
}

const ProgrammeSessionEntry* ProgrammeRecord::find_session(int number) const {
    return const_cast<ProgrammeRecord*>(this)->find_session(number);
}

ProgrammeScaleAnswer* ProgrammeRecord::find_measure(const std::string& measure) {
    for (auto& a : scale)
        if (a.measure == measure) return &a;
    return nullptr;
}

std::string programme_file_name(const std::string& code) { return "programme-" + code + ".json"; }

// [SECTION] Writing

namespace {

json programme_json(const ProgrammeRecord& r, bool kiosk_fields) {
    json j = json::object();
    j["format"] = kProgrammeFormat;
    j["schema_version"] = kProgrammeSchemaVersion;
    j["code"] = r.code;
    j["programme"] = {{"id", r.programme_id}, {"title", r.programme_title}, {"pack", r.pack_id},
                      {"pack_version", r.pack_version}, {"sessions", r.session_count}};
    j["app_version"] = r.app_version;
    j["audience"] = to_string(r.audience);
    j["referral_route"] = to_string(r.route);
    j["person_harmed_taking_part"] = r.person_harmed_taking_part;
    j["status"] = to_string(r.status);
    json sessions = json::array();
    for (const auto& s : r.sessions) sessions.push_back({{"number", s.number}, {"date", s.date}, {"completed", s.completed}});
    j["sessions"] = std::move(sessions);
    json scale = json::array();
    for (const auto& a : r.scale)
        scale.push_back({{"measure", a.measure},
                         {"intended", a.intended == PollIntended::None ? json(nullptr) : json(to_string(a.intended))},
                         {"pre", a.pre.empty() ? json(nullptr) : json(a.pre)},
                         {"post", a.post.empty() ? json(nullptr) : json(a.post)}});
    j["scale"] = std::move(scale);
    if (kiosk_fields) {
        j["position"] = {{"session", r.position_session}, {"module", r.position_module}, {"step", r.position_step},
                         {"consequence", r.position_consequence}, {"question", r.position_question}};
        if (!r.sealed_parts.empty()) j["sealed_parts"] = r.sealed_parts;
        if (!r.impact_maps.empty()) j["impact_maps"] = r.impact_maps;
    }
    return j;
}

}  // namespace

std::string programme_to_string(const ProgrammeRecord& r) {
    return programme_json(r, true).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

ProgrammeRecord sealed_part(const ProgrammeRecord& r, int number) {
    ProgrammeRecord p = r;
    p.sessions.clear();
    if (const ProgrammeSessionEntry* s = r.find_session(number)) p.sessions.push_back(*s);
    for (auto& a : p.scale) {
        if (number != 1) a.pre.clear();
        if (number != r.session_count) a.post.clear();
    }
    p.position_session = 0;
    p.position_module = p.position_step = p.position_question = 0;
    p.position_consequence = -1;
    p.sealed_parts.clear();
    p.impact_maps.clear();
    return p;
}

void merge_programme(ProgrammeRecord& into, const ProgrammeRecord& other) {
    for (const auto& s : other.sessions) {
        if (ProgrammeSessionEntry* mine = into.find_session(s.number)) {
            mine->completed = mine->completed || s.completed;
            if (mine->date.empty() || (!s.date.empty() && s.date < mine->date)) mine->date = s.date;
        } else {
            into.sessions.push_back(s);
        }
    }
    std::sort(into.sessions.begin(), into.sessions.end(),
              [](const ProgrammeSessionEntry& a, const ProgrammeSessionEntry& b) { return a.number < b.number; });
    for (const auto& a : other.scale) {
        ProgrammeScaleAnswer* mine = into.find_measure(a.measure);
        if (!mine) {
            into.scale.push_back(a);
            continue;
        }
        if (mine->pre.empty()) mine->pre = a.pre;
        if (mine->post.empty()) mine->post = a.post;
    }
    if (into.status == ProgrammeStatus::Open) into.status = other.status;
    into.session_count = std::max(into.session_count, other.session_count);
}

// [SECTION] Reading

namespace {

bool is_day(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                       std::chrono::day{static_cast<unsigned>(d)}}
        .ok();
}

int small_int(const json& obj, const char* key, int fallback, int lo, int hi) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_integer()) return fallback;
    const auto v = it->get<long long>();
    return v >= lo && v <= hi ? static_cast<int>(v) : fallback;
}

void read_record(FileContext& ctx, const json& j, ProgrammeRecord& r) {
    ObjectReader top(ctx, j, "", {});
    top.null_is_absent();
    if (auto code = top.string("code", Need::Required)) {
        auto parsed = parse_programme_code(*code);
        if (parsed.ok()) r.code = *parsed;
        else ctx.error("/code", "not a programme code: " + parsed.message());
    }
    if (const json* p = top.get("programme", Need::Required, json::value_t::object, "an object")) {
        ObjectReader pr(ctx, *p, "/programme", {});
        pr.null_is_absent();
        if (auto id = pr.string("id", Need::Required)) r.programme_id = *id;
        r.programme_title = pr.string("title", Need::Optional, true).value_or("");
        r.pack_id = pr.string("pack", Need::Optional, true).value_or("");
        r.pack_version = pr.string("pack_version", Need::Optional, true).value_or("");
        if (auto n = pr.integer("sessions", Need::Required, 1, 6)) r.session_count = *n;
    }
    r.app_version = top.string("app_version", Need::Optional, true).value_or("");
    if (auto a = top.choice("audience", Need::Required, {"under-18", "adult"}, "programme audience"))
        r.audience = *parse_enum<Audience>(*a);
    if (auto route = top.enumeration<ReferralRoute>("referral_route", Need::Required, "referral route")) r.route = *route;
    if (auto b = top.boolean("person_harmed_taking_part")) r.person_harmed_taking_part = *b;
    if (auto s = top.enumeration<ProgrammeStatus>("status", Need::Required, "programme status")) r.status = *s;
    if (const json* ss = top.get("sessions", Need::Required, json::value_t::array, "a list")) {
        std::set<int> numbers;
        for (std::size_t i = 0; i < ss->size() && i < 16; ++i) {
            const std::string where = child_pointer("/sessions", i);
            if (!expect_object(ctx, (*ss)[i], where, "an object")) continue;
            ObjectReader sr(ctx, (*ss)[i], where, {});
            sr.null_is_absent();
            ProgrammeSessionEntry e;
            if (auto n = sr.integer("number", Need::Required, 1, 6)) {
                e.number = *n;
                if (!numbers.insert(*n).second) ctx.error(sr.at("number"), "session " + std::to_string(*n) + " is listed twice");
                if (r.session_count > 0 && *n > r.session_count)
                    ctx.error(sr.at("number"), "the programme has only " + std::to_string(r.session_count) + " sessions");
            }
            if (auto d = sr.string("date", Need::Required)) {
                if (is_day(*d)) e.date = *d;
                else ctx.error(sr.at("date"), "expected a real day written YYYY-MM-DD");
            }
            if (auto c = sr.boolean("completed")) e.completed = *c;
            r.sessions.push_back(std::move(e));
        }
    }
    if (const json* sc = top.get("scale", Need::Optional, json::value_t::array, "a list")) {
        const auto likert = fixed_poll_options(PollKind::Likert);
        auto is_option = [&](const std::string& id) {
            return std::any_of(likert.begin(), likert.end(), [&](const PollOption& o) { return o.id == id; });
        };
        std::set<std::string> measures;
        for (std::size_t i = 0; i < sc->size() && i < 64; ++i) {
            const std::string where = child_pointer("/scale", i);
            if (!expect_object(ctx, (*sc)[i], where, "an object")) continue;
            ObjectReader ar(ctx, (*sc)[i], where, {});
            ar.null_is_absent();
            ProgrammeScaleAnswer a;
            if (auto m = ar.id("measure", Need::Required)) {
                a.measure = *m;
                if (!measures.insert(*m).second) ctx.error(ar.at("measure"), "measure \"" + *m + "\" is listed twice");
            }
            if (auto in = ar.enumeration<PollIntended>("intended", Need::Optional, "intended answer")) a.intended = *in;
            for (const char* key : {"pre", "post"}) {
                if (auto v = ar.string(key, Need::Optional, true); v && !v->empty()) {
                    if (!is_option(*v)) ctx.error(ar.at(key), "\"" + *v + "\" is not an answer on the five-point scale");
                    else (std::string(key) == "pre" ? a.pre : a.post) = *v;
                }
            }
            r.scale.push_back(std::move(a));
        }
    }
    if (auto pos = j.find("position"); pos != j.end() && pos->is_object()) {
        r.position_session = small_int(*pos, "session", 0, 0, 6);
        r.position_module = small_int(*pos, "module", 0, 0, 1000000);
        r.position_step = small_int(*pos, "step", 0, 0, 1000000);
        r.position_consequence = small_int(*pos, "consequence", -1, -1, 1000000);
        r.position_question = small_int(*pos, "question", 0, 0, 1000);
    }
    // A hand-edited or damaged map is dropped entry by entry: it only redraws a map on resume.
    if (auto maps = j.find("impact_maps"); maps != j.end() && maps->is_object() && maps->size() <= 100) {
        for (const auto& [key, m] : maps->items()) {
            if (!m.is_object() || m.size() > 50 || key.size() > 40) continue;
            std::map<std::string, int> placed;
            for (const auto& [cat, ring] : m.items())
                if (ring.is_number_integer() && ring.get<long long>() >= 0 && ring.get<long long>() < 20 && cat.size() <= 64)
                    placed[cat] = static_cast<int>(ring.get<long long>());
            if (!placed.empty()) r.impact_maps[key] = std::move(placed);
        }
    }
    if (auto parts = j.find("sealed_parts"); parts != j.end() && parts->is_array()) {
        for (const json& p : *parts) {
            std::string name = p.is_string() ? p.get<std::string>() : std::string();
            // Only a bare file name made by the kiosk: never a path that leads elsewhere.
            if (name.find('/') != std::string::npos || name.find("..") != std::string::npos) name.clear();
            r.sealed_parts.push_back(std::move(name));
        }
    }
}

std::string first_error(const std::vector<Diagnostic>& diags) {
    for (const Diagnostic& d : diags)
        if (d.severity == Diagnostic::Severity::Error) return d.pointer.empty() ? d.message : d.pointer + ": " + d.message;
    return {};
}

}  // namespace

ProgrammeParseResult programme_from_string(const std::string& text) {
    ProgrammeParseResult out;
    std::vector<Diagnostic> diags;
    FileContext ctx("", diags);
    std::optional<JsonFile> parsed = parse_json_text(text, ctx);
    if (!parsed) {
        out.error = "not valid JSON: " + (diags.empty() ? std::string() : diags.front().message);
        return out;
    }
    const json& j = parsed->doc;
    auto fmt = j.is_object() ? j.find("format") : j.end();
    if (!j.is_object() || fmt == j.end() || !fmt->is_string() || fmt->get<std::string>() != kProgrammeFormat) {
        out.not_programme = true;
        out.error = "not a programme file (\"format\" is not \"upstander-programme\")";
        return out;
    }
    auto ver = j.find("schema_version");
    if (ver == j.end() || !ver->is_number_integer() || ver->get<long long>() < 1) {
        out.error = "/schema_version: missing or not a whole number";
        return out;
    }
    if (ver->get<long long>() > kProgrammeSchemaVersion) {
        out.error = "/schema_version: " + ver->dump() + " is newer than this Upstander understands; update Upstander to read it";
        return out;
    }
    ProgrammeRecord r;
    try {
        read_record(ctx, j, r);
    } catch (const std::exception& e) {
        out.error = e.what();
        return out;
    }
    if (count_errors(diags) > 0) {
        out.error = first_error(diags);
        return out;
    }
    out.record = std::move(r);
    return out;
}

// [SECTION] Sealed envelopes

std::string sealed_envelope_to_string(const SealedEnvelope& e) {
    json j = {{"format", kSealedFormat}, {"schema_version", 1}, {"contents", e.contents},
              {"public_key", e.public_key}, {"sealed", e.sealed}};
    return j.dump(2) + "\n";
}

std::optional<SealedEnvelope> parse_sealed_envelope(const std::string& text) {
    std::vector<Diagnostic> diags;
    FileContext ctx("", diags);
    std::optional<JsonFile> parsed = parse_json_text(text, ctx);  // depth-checked
    if (!parsed || !parsed->doc.is_object()) return std::nullopt;
    const json& j = parsed->doc;
    auto get = [&](const char* key) -> std::optional<std::string> {
        auto it = j.find(key);
        if (it == j.end() || !it->is_string()) return std::nullopt;
        return it->get<std::string>();
    };
    if (get("format") != std::optional<std::string>(kSealedFormat)) return std::nullopt;
    SealedEnvelope e;
    auto contents = get("contents");
    auto key = get("public_key");
    auto sealed = get("sealed");
    if (!contents || !key || !sealed) return std::nullopt;
    e.contents = *contents;
    e.public_key = *key;
    e.sealed = *sealed;
    return e;
}

}  // namespace upstander
