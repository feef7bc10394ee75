#include "session_file.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <random>
#include <set>
#include <utility>

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
        pj["suppression_override"] = p.suppression_override;
        polls.push_back(std::move(pj));
    }
    j["polls"] = std::move(polls);
    j["position"] = {{"module", s.position_module}, {"step", s.position_step}, {"consequence", s.position_consequence}};
    j["summary_suppression_override"] = s.summary_suppression_override;
    return j;
}

std::string session_to_string(const SessionRecord& s) {
    // A label typed on a kiosk keyboard could in theory carry broken UTF-8; nlohmann's default
    // handler would throw and the save (and with it the votes) would fail. Replace instead.
    return session_to_json(s).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// [SECTION] Reading

namespace {

struct FieldError {
    std::string message;
};

// Counts above this are not plausible for classroom votes; the cap also keeps every sum far from
// overflowing a long long, whatever a damaged or hostile file contains.
constexpr long long kMaxCount = 1LL << 40;

enum class Type { Integer, String, Array, Object };

const json& need(const json& obj, const char* key, const std::string& where, Type type) {
    auto it = obj.find(key);
    if (it == obj.end()) throw FieldError{where + "/" + key + ": missing"};
    bool ok = false;
    const char* expected = "";
    switch (type) {
        case Type::Integer: ok = it->is_number_integer(); expected = "a whole number"; break;
        case Type::String: ok = it->is_string(); expected = "text"; break;
        case Type::Array: ok = it->is_array(); expected = "a list"; break;
        case Type::Object: ok = it->is_object(); expected = "an object"; break;
    }
    if (!ok) throw FieldError{where + "/" + key + ": wrong type (expected " + expected + ")"};
    return *it;
}

std::string opt_string(const json& obj, const char* key, const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    if (!it->is_string()) throw FieldError{where + "/" + key + ": expected text or null"};
    return it->get<std::string>();
}

bool opt_bool(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_boolean() && it->get<bool>();
}

// Integers that do not fit (or are not integers) fall back: these fields are kiosk-only hints.
int opt_int(const json& obj, const char* key, int fallback) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_integer()) return fallback;
    if (it->is_number_unsigned()) {
        const auto u = it->get<std::uint64_t>();
        return u <= 1000000u ? static_cast<int>(u) : fallback;
    }
    const auto v = it->get<std::int64_t>();
    return (v >= -1 && v <= 1000000) ? static_cast<int>(v) : fallback;
}

// A whole number in [0, kMaxCount]. nlohmann stores large positive numbers as unsigned, so both
// representations are checked before converting.
long long count_value(const json& v, const std::string& where) {
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(kMaxCount)) throw FieldError{where + ": implausibly large"};
        return static_cast<long long>(u);
    }
    const auto s = v.get<std::int64_t>();
    if (s < 0) throw FieldError{where + ": must not be negative"};
    if (s > kMaxCount) throw FieldError{where + ": implausibly large"};
    return s;
}

bool is_lower_hex_id(const std::string& s) {
    if (s.size() < 8 || s.size() > 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

bool is_calendar_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    auto num = [&](size_t at, size_t n) {
        int v = 0;
        for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    const std::chrono::year_month_day ymd{std::chrono::year{num(0, 4)},
                                          std::chrono::month{static_cast<unsigned>(num(5, 2))},
                                          std::chrono::day{static_cast<unsigned>(num(8, 2))}};
    return ymd.ok();
}

PollKind parse_kind(const std::string& k, const std::string& where) {
    if (k == "single") return PollKind::Single;
    if (k == "likert") return PollKind::Likert;
    if (k == "yes-no") return PollKind::YesNo;
    throw FieldError{where + ": unknown poll kind \"" + k + "\" (expected single, likert or yes-no)"};
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
    throw FieldError{where + ": unknown audience \"" + a + "\" (expected under-18, adult, mixed or null)"};
}

// Reads a document in the current schema (kSessionSchemaVersion). Older documents reach this
// function only after kUpgrades has brought them to the current shape.
SessionRecord parse_current(const json& j) {
    SessionRecord s;
    s.session_id = need(j, "session_id", "", Type::String).get<std::string>();
    if (!is_lower_hex_id(s.session_id)) throw FieldError{"/session_id: expected 8 to 64 lower-case hex digits"};
    s.date = need(j, "date", "", Type::String).get<std::string>();
    if (!is_calendar_date(s.date)) throw FieldError{"/date: expected a real day written YYYY-MM-DD"};
    s.app_version = opt_string(j, "app_version", "");
    const std::string status = opt_string(j, "status", "");
    if (status == "finished") s.status = SessionStatus::Finished;
    else if (status == "in-progress" || status.empty()) s.status = SessionStatus::InProgress;
    else throw FieldError{"/status: expected in-progress or finished"};

    const json& w = need(j, "workshop", "", Type::Object);
    s.workshop_id = need(w, "id", "/workshop", Type::String).get<std::string>();
    s.workshop_title = opt_string(w, "title", "/workshop");

    if (auto it = j.find("packs"); it != j.end() && !it->is_null()) {
        if (!it->is_array()) throw FieldError{"/packs: expected a list"};
        for (size_t i = 0; i < it->size(); ++i) {
            const std::string where = "/packs/" + std::to_string(i);
            const json& p = (*it)[i];
            if (!p.is_object()) throw FieldError{where + ": expected an object"};
            s.packs.push_back({need(p, "id", where, Type::String).get<std::string>(), opt_string(p, "version", where)});
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
            if (!h->is_number_integer()) throw FieldError{"/group/headcount: expected a whole number, 0 or more, or null"};
            s.group.headcount = count_value(*h, "/group/headcount");
        }
    }

    const json& polls = need(j, "polls", "", Type::Array);
    std::set<std::pair<std::string, std::string>> poll_keys;
    for (size_t i = 0; i < polls.size(); ++i) {
        const std::string where = "/polls/" + std::to_string(i);
        const json& pj = polls[i];
        if (!pj.is_object()) throw FieldError{where + ": expected an object"};
        SessionPoll p;
        p.id = need(pj, "id", where, Type::String).get<std::string>();
        p.pack = opt_string(pj, "pack", where);
        if (p.id.empty()) throw FieldError{where + "/id: must not be empty"};
        if (!poll_keys.emplace(p.pack, p.id).second)
            throw FieldError{where + "/id: poll \"" + p.id + "\" of pack \"" + p.pack + "\" is listed twice"};
        p.question = opt_string(pj, "question", where);
        p.kind = parse_kind(need(pj, "kind", where, Type::String).get<std::string>(), where + "/kind");
        p.measure = opt_string(pj, "measure", where);
        p.phase = parse_phase(opt_string(pj, "phase", where), where + "/phase");
        const json& opts = need(pj, "options", where, Type::Array);
        long long sum = 0;
        std::set<std::string> option_ids;
        for (size_t k = 0; k < opts.size(); ++k) {
            const std::string ow = where + "/options/" + std::to_string(k);
            const json& oj = opts[k];
            if (!oj.is_object()) throw FieldError{ow + ": expected an object"};
            SessionOption o;
            o.id = need(oj, "id", ow, Type::String).get<std::string>();
            if (!option_ids.insert(o.id).second) throw FieldError{ow + "/id: option \"" + o.id + "\" is listed twice"};
            o.label = opt_string(oj, "label", ow);
            o.count = count_value(need(oj, "count", ow, Type::Integer), ow + "/count");
            if (o.count > kMaxCount - sum) throw FieldError{ow + "/count: the poll's total is implausibly large"};
            sum += o.count;
            p.options.push_back(std::move(o));
        }
        if (auto t = pj.find("total"); t != pj.end() && !t->is_null()) {
            if (!t->is_number_integer()) throw FieldError{where + "/total: expected a whole number"};
            const bool equal = t->is_number_unsigned() ? t->get<std::uint64_t>() == static_cast<std::uint64_t>(sum)
                                                       : t->get<std::int64_t>() == sum;
            if (!equal)
                throw FieldError{where + "/total: is " + t->dump() + " but the option counts add up to " +
                                 std::to_string(sum)};
        }
        p.total = sum;
        p.closed = opt_bool(pj, "closed");
        p.revealed = opt_bool(pj, "revealed");
        p.suppression_override = opt_bool(pj, "suppression_override");
        s.polls.push_back(std::move(p));
    }

    if (auto pos = j.find("position"); pos != j.end() && pos->is_object()) {
        s.position_module = opt_int(*pos, "module", 0);
        s.position_step = opt_int(*pos, "step", 0);
        s.position_consequence = opt_int(*pos, "consequence", -1);
        if (s.position_module < 0 || s.position_step < 0) s.position_module = s.position_step = 0;
    }
    s.summary_suppression_override = opt_bool(j, "summary_suppression_override");
    return s;
}

// kUpgrades[i] rewrites a version i+1 document in place into version i+2. When a change breaks
// old readers: bump kSessionSchemaVersion, add the step here, and keep a test file of every old
// version in tests/data/sessions/. Version 1 is the only version so far, so the table is empty.
using Upgrade = void (*)(json&);
const std::array<Upgrade, kSessionSchemaVersion - 1> kUpgrades{};

}  // namespace

SessionParseResult session_from_string(const std::string& text) {
    SessionParseResult r;
    auto fail = [&r](SessionParseError kind, std::string message) {
        r.kind = kind;
        r.error = std::move(message);
        return r;
    };
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        return fail(SessionParseError::NotJson, std::string("not valid JSON: ") + e.what());
    }
    if (!j.is_object()) return fail(SessionParseError::NotSession, "not a session file (expected a JSON object)");
    auto fmt = j.find("format");
    if (fmt == j.end() || !fmt->is_string() || fmt->get<std::string>() != kSessionFormat)
        return fail(SessionParseError::NotSession, "not a session file (\"format\" is not \"upstander-session\")");
    auto ver = j.find("schema_version");
    if (ver == j.end() || !ver->is_number_integer())
        return fail(SessionParseError::Invalid, "/schema_version: missing or not a whole number");
    if (ver->is_number_unsigned() && ver->get<std::uint64_t>() > static_cast<std::uint64_t>(kSessionSchemaVersion))
        return fail(SessionParseError::NewerVersion,
                    "/schema_version: " + ver->dump() + " is newer than this Upstander understands (" +
                        std::to_string(kSessionSchemaVersion) + "); update Upstander to read it");
    const auto v = ver->get<std::int64_t>();
    if (v < 1) return fail(SessionParseError::Invalid, "/schema_version: " + std::to_string(v) + " is not a valid version");
    if (v > kSessionSchemaVersion)
        return fail(SessionParseError::NewerVersion,
                    "/schema_version: " + std::to_string(v) + " is newer than this Upstander understands (" +
                        std::to_string(kSessionSchemaVersion) + "); update Upstander to read it");
    try {
        for (auto step = static_cast<size_t>(v) - 1; step < kUpgrades.size(); ++step) kUpgrades[step](j);
        SessionRecord s = parse_current(j);
        s.schema_version = static_cast<int>(v);  // the version the file was written in
        r.session = std::move(s);
    } catch (const FieldError& e) {
        return fail(SessionParseError::Invalid, e.message);
    } catch (const json::exception& e) {
        return fail(SessionParseError::Invalid, e.what());
    }
    return r;
}

std::string new_session_id() {
    std::random_device rd;
    static const char* hex = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 4; ++i) {
        std::uint32_t v = rd();
        for (int k = 0; k < 8; ++k) {
            id += hex[v & 0xF];
            v >>= 4;
        }
    }
    return id;
}

}  // namespace upstander
