#include "session_file.hpp"

#include <nlohmann/json.hpp>

#include <random>
#include <regex>

namespace upstander {

using nlohmann::json;

// [SECTION] Lookup and names

SessionPoll* SessionRecord::find_poll(const std::string& pack, const std::string& id) {
    for (SessionPoll& p : polls)
        if (p.id == id && p.pack == pack) return &p;
    return nullptr;
}

const SessionPoll* SessionRecord::find_poll(const std::string& pack, const std::string& id) const {
    return const_cast<SessionRecord*>(this)->find_poll(pack, id);
}

const char* to_string(SessionStatus s) { return s == SessionStatus::Finished ? "finished" : "in-progress"; }
const char* to_string(GroupFormat f) { return f == GroupFormat::OneToOne ? "one-to-one" : "group"; }

// [SECTION] Writing

json session_to_json(const SessionRecord& s) {
    json j = json::object();
    j["format"] = kSessionFormat;
    j["schema_version"] = kSessionSchemaVersion;
    j["session_id"] = s.session_id;
    j["date"] = s.date;
    j["app_version"] = s.app_version;
    j["status"] = to_string(s.status);
    j["workshop"] = {{"id", s.workshop_id}, {"title", s.workshop_title}};
    json packs = json::array();
    for (const auto& p : s.packs) packs.push_back({{"id", p.id}, {"version", p.version}});
    j["packs"] = std::move(packs);
    json group = {{"label", s.group.label}, {"format", to_string(s.group.format)}};
    group["audience"] = s.group.audience == Audience::Unspecified ? json(nullptr) : json(to_string(s.group.audience));
    group["headcount"] = s.group.headcount ? json(*s.group.headcount) : json(nullptr);
    j["group"] = std::move(group);
    json polls = json::array();
    for (const auto& p : s.polls) {
        json pj = {{"id", p.id}, {"pack", p.pack}, {"question", p.question}, {"kind", to_string(p.kind)}};
        pj["measure"] = p.measure.empty() ? json(nullptr) : json(p.measure);
        pj["phase"] = p.phase == PollPhase::None ? json(nullptr) : json(to_string(p.phase));
        json opts = json::array();
        for (const auto& o : p.options) opts.push_back({{"id", o.id}, {"label", o.label}, {"count", o.count}});
        pj["options"] = std::move(opts);
        pj["total"] = p.total;
        pj["closed"] = p.closed;
        pj["revealed"] = p.revealed;
        polls.push_back(std::move(pj));
    }
    j["polls"] = std::move(polls);
    j["position"] = {{"module", s.position_module}, {"step", s.position_step}, {"consequence", s.position_consequence}};
    return j;
}

std::string session_to_string(const SessionRecord& s) { return session_to_json(s).dump(2) + "\n"; }

// [SECTION] Reading

namespace {

struct FieldError {
    std::string message;
};

const json& need(const json& obj, const char* key, const std::string& where, json::value_t type) {
    auto it = obj.find(key);
    if (it == obj.end()) throw FieldError{where + "/" + key + ": missing"};
    const bool ok = type == json::value_t::number_integer
                        ? it->is_number_integer()
                        : (type == json::value_t::string ? it->is_string()
                                                         : (type == json::value_t::array ? it->is_array()
                                                                                         : it->is_object()));
    if (!ok) throw FieldError{where + "/" + key + ": wrong type"};
    return *it;
}

std::string opt_string(const json& obj, const char* key, const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    if (!it->is_string()) throw FieldError{where + "/" + key + ": expected text or null"};
    return it->get<std::string>();
}

PollKind parse_kind(const std::string& k, const std::string& where) {
    if (k == "single") return PollKind::Single;
    if (k == "likert") return PollKind::Likert;
    if (k == "yes-no") return PollKind::YesNo;
    throw FieldError{where + ": unknown poll kind \"" + k + "\""};
}

PollPhase parse_phase(const std::string& p, const std::string& where) {
    if (p.empty()) return PollPhase::None;
    if (p == "pre") return PollPhase::Pre;
    if (p == "post") return PollPhase::Post;
    throw FieldError{where + ": unknown phase \"" + p + "\" (expected pre, post or null)"};
}

Audience parse_audience(const std::string& a, const std::string& where) {
    if (a.empty()) return Audience::Unspecified;
    if (a == "under-18") return Audience::Under18;
    if (a == "adult") return Audience::Adult;
    if (a == "mixed") return Audience::Mixed;
    throw FieldError{where + ": unknown audience \"" + a + "\""};
}

SessionRecord parse_v1(const json& j) {
    SessionRecord s;
    s.session_id = need(j, "session_id", "", json::value_t::string).get<std::string>();
    static const std::regex id_re("^[0-9a-f]{8,64}$");
    if (!std::regex_match(s.session_id, id_re)) throw FieldError{"/session_id: expected lower-case hex digits"};
    s.date = need(j, "date", "", json::value_t::string).get<std::string>();
    static const std::regex date_re("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$");
    if (!std::regex_match(s.date, date_re)) throw FieldError{"/date: expected YYYY-MM-DD"};
    s.app_version = opt_string(j, "app_version", "");
    const std::string status = opt_string(j, "status", "");
    if (status == "finished") s.status = SessionStatus::Finished;
    else if (status == "in-progress" || status.empty()) s.status = SessionStatus::InProgress;
    else throw FieldError{"/status: expected in-progress or finished"};

    const json& w = need(j, "workshop", "", json::value_t::object);
    s.workshop_id = need(w, "id", "/workshop", json::value_t::string).get<std::string>();
    s.workshop_title = opt_string(w, "title", "/workshop");

    if (auto it = j.find("packs"); it != j.end() && !it->is_null()) {
        if (!it->is_array()) throw FieldError{"/packs: expected a list"};
        for (size_t i = 0; i < it->size(); ++i) {
            const std::string where = "/packs/" + std::to_string(i);
            const json& p = (*it)[i];
            if (!p.is_object()) throw FieldError{where + ": expected an object"};
            s.packs.push_back({need(p, "id", where, json::value_t::string).get<std::string>(),
                               opt_string(p, "version", where)});
        }
    }

    if (auto it = j.find("group"); it != j.end() && !it->is_null()) {
        if (!it->is_object()) throw FieldError{"/group: expected an object"};
        const json& g = *it;
        s.group.label = opt_string(g, "label", "/group");
        const std::string fmt = opt_string(g, "format", "/group");
        if (fmt == "one-to-one") s.group.format = GroupFormat::OneToOne;
        else if (fmt == "group" || fmt.empty()) s.group.format = GroupFormat::Group;
        else throw FieldError{"/group/format: expected group or one-to-one"};
        s.group.audience = parse_audience(opt_string(g, "audience", "/group"), "/group/audience");
        if (auto h = g.find("headcount"); h != g.end() && !h->is_null()) {
            if (!h->is_number_integer() || h->get<long long>() < 0)
                throw FieldError{"/group/headcount: expected a whole number, 0 or more, or null"};
            s.group.headcount = h->get<long long>();
        }
    }

    const json& polls = need(j, "polls", "", json::value_t::array);
    for (size_t i = 0; i < polls.size(); ++i) {
        const std::string where = "/polls/" + std::to_string(i);
        const json& pj = polls[i];
        if (!pj.is_object()) throw FieldError{where + ": expected an object"};
        SessionPoll p;
        p.id = need(pj, "id", where, json::value_t::string).get<std::string>();
        p.pack = opt_string(pj, "pack", where);
        p.question = opt_string(pj, "question", where);
        p.kind = parse_kind(need(pj, "kind", where, json::value_t::string).get<std::string>(), where + "/kind");
        p.measure = opt_string(pj, "measure", where);
        p.phase = parse_phase(opt_string(pj, "phase", where), where + "/phase");
        const json& opts = need(pj, "options", where, json::value_t::array);
        long long sum = 0;
        for (size_t k = 0; k < opts.size(); ++k) {
            const std::string ow = where + "/options/" + std::to_string(k);
            const json& oj = opts[k];
            if (!oj.is_object()) throw FieldError{ow + ": expected an object"};
            SessionOption o;
            o.id = need(oj, "id", ow, json::value_t::string).get<std::string>();
            o.label = opt_string(oj, "label", ow);
            o.count = need(oj, "count", ow, json::value_t::number_integer).get<long long>();
            if (o.count < 0) throw FieldError{ow + "/count: must not be negative"};
            if (o.count > (1LL << 40)) throw FieldError{ow + "/count: implausibly large"};
            sum += o.count;
            p.options.push_back(std::move(o));
        }
        if (auto t = pj.find("total"); t != pj.end()) {
            if (!t->is_number_integer()) throw FieldError{where + "/total: expected a whole number"};
            if (t->get<long long>() != sum)
                throw FieldError{where + "/total: is " + std::to_string(t->get<long long>()) +
                                 " but the option counts add up to " + std::to_string(sum)};
        }
        p.total = sum;
        if (auto c = pj.find("closed"); c != pj.end() && c->is_boolean()) p.closed = c->get<bool>();
        if (auto r = pj.find("revealed"); r != pj.end() && r->is_boolean()) p.revealed = r->get<bool>();
        s.polls.push_back(std::move(p));
    }

    if (auto pos = j.find("position"); pos != j.end() && pos->is_object()) {
        auto get_int = [&](const char* key, int fallback) {
            auto it = pos->find(key);
            return (it != pos->end() && it->is_number_integer()) ? it->get<int>() : fallback;
        };
        s.position_module = get_int("module", 0);
        s.position_step = get_int("step", 0);
        s.position_consequence = get_int("consequence", -1);
    }
    return s;
}

}  // namespace

SessionParseResult session_from_string(const std::string& text) {
    SessionParseResult r;
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        r.error = std::string("not valid JSON: ") + e.what();
        return r;
    }
    if (!j.is_object()) {
        r.error = "not a session file (expected a JSON object)";
        return r;
    }
    auto fmt = j.find("format");
    if (fmt == j.end() || !fmt->is_string() || fmt->get<std::string>() != kSessionFormat) {
        r.error = "not a session file (\"format\" is not \"upstander-session\")";
        return r;
    }
    auto ver = j.find("schema_version");
    if (ver == j.end() || !ver->is_number_integer()) {
        r.error = "/schema_version: missing or not a whole number";
        return r;
    }
    const long long v = ver->get<long long>();
    if (v < 1) {
        r.error = "/schema_version: " + std::to_string(v) + " is not a valid version";
        return r;
    }
    if (v > kSessionSchemaVersion) {
        r.error = "/schema_version: " + std::to_string(v) + " is newer than this Upstander understands (" +
                  std::to_string(kSessionSchemaVersion) + "); update Upstander to read it";
        return r;
    }
    try {
        SessionRecord s = parse_v1(j);
        s.schema_version = static_cast<int>(v);
        r.session = std::move(s);
    } catch (const FieldError& e) {
        r.error = e.message;
    } catch (const json::exception& e) {
        r.error = e.what();
    }
    return r;
}

std::string new_session_id() {
    std::random_device rd;
    static const char* hex = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 4; ++i) {
        uint32_t v = rd();
        for (int k = 0; k < 8; ++k) {
            id += hex[v & 0xF];
            v >>= 4;
        }
    }
    return id;
}

}  // namespace upstander
