#include "session_file.hpp"

#include "json_reader.hpp"

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
    group["organisation"] = s.group.organisation.empty() ? json(nullptr) : json(s.group.organisation);
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

// Counts above this are not plausible for classroom votes; the cap also keeps every sum far from
// overflowing a long long, whatever a damaged or hostile file contains.
constexpr long long kMaxCount = 1LL << 40;

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

// An optional named value (enum_names.hpp); null and "" leave `out` as it is.
template <typename E>
void read_named(ObjectReader& obj, std::string_view key, const char* what, E& out) {
    auto s = obj.string(key, Need::Optional, true);
    if (!s || s->empty()) return;
    if (auto v = parse_enum<E>(*s)) out = *v;
    else obj.enumeration<E>(key, Need::Optional, what);  // reports it, listing the names
}

std::string text_or_empty(ObjectReader& obj, std::string_view key, Need need = Need::Optional) {
    return obj.string(key, need, true).value_or(std::string());
}

// Reads a document in the current schema (kSessionSchemaVersion) into `s`, reporting every field
// problem to `ctx`. Older documents reach this function only after kUpgrades has brought them to
// the current shape. Fields the reader does not know are ignored (other tools may add their own).
void read_current(FileContext& ctx, const json& j, SessionRecord& s) {
    ObjectReader top(ctx, j, "", {});
    top.null_is_absent();
    if (auto id = top.string("session_id", Need::Required, true)) {
        if (is_lower_hex_id(*id)) s.session_id = *id;
        else ctx.error("/session_id", "expected 8 to 64 lower-case hex digits");
    }
    if (auto d = top.string("date", Need::Required, true)) {
        if (is_calendar_date(*d)) s.date = *d;
        else ctx.error("/date", "expected a real day written YYYY-MM-DD");
    }
    s.app_version = text_or_empty(top, "app_version");
    read_named(top, "status", "session status", s.status);

    if (const json* w = top.get("workshop", Need::Required, json::value_t::object, "an object")) {
        ObjectReader wr(ctx, *w, "/workshop", {});
        wr.null_is_absent();
        s.workshop_id = text_or_empty(wr, "id", Need::Required);
        s.workshop_title = text_or_empty(wr, "title");
    }

    if (const json* packs = top.get("packs", Need::Optional, json::value_t::array, "a list")) {
        for (size_t i = 0; i < packs->size() && !ctx.full(); ++i) {
            const std::string where = child_pointer("/packs", i);
            if (!expect_object(ctx, (*packs)[i], where, "an object")) continue;
            ObjectReader pr(ctx, (*packs)[i], where, {});
            pr.null_is_absent();
            SessionPackRef ref;
            ref.id = text_or_empty(pr, "id", Need::Required);
            ref.version = text_or_empty(pr, "version");
            s.packs.push_back(std::move(ref));
        }
    }

    if (const json* g = top.get("group", Need::Optional, json::value_t::object, "an object")) {
        ObjectReader gr(ctx, *g, "/group", {});
        gr.null_is_absent();
        s.group.label = text_or_empty(gr, "label");
        read_named(gr, "format", "group format", s.group.format);
        read_named(gr, "audience", "audience", s.group.audience);
        if (gr.has("headcount")) s.group.headcount = gr.whole_number("headcount", Need::Optional, 0, kMaxCount);
        s.group.organisation = text_or_empty(gr, "organisation");
    }

    const json* polls = top.get("polls", Need::Required, json::value_t::array, "a list");
    if (!polls) return;
    std::set<std::pair<std::string, std::string>> poll_keys;
    for (size_t i = 0; i < polls->size() && !ctx.full(); ++i) {
        const std::string where = child_pointer("/polls", i);
        if (!expect_object(ctx, (*polls)[i], where, "an object")) continue;
        ObjectReader pr(ctx, (*polls)[i], where, {});
        pr.null_is_absent();
        SessionPoll p;
        p.pack = text_or_empty(pr, "pack");
        if (auto id = pr.string("id", Need::Required, true)) {
            p.id = *id;
            if (p.id.empty()) ctx.error(pr.at("id"), "must not be empty");
            else if (!poll_keys.emplace(p.pack, p.id).second)
                ctx.error(pr.at("id"), "poll " + quote_for_message(p.id) + " of pack " + quote_for_message(p.pack) +
                                           " is listed twice");
        }
        p.question = text_or_empty(pr, "question");
        if (auto k = pr.enumeration<PollKind>("kind", Need::Required, "poll kind")) p.kind = *k;
        p.measure = text_or_empty(pr, "measure");
        read_named(pr, "phase", "poll phase", p.phase);
        long long sum = 0;
        if (const json* opts = pr.get("options", Need::Required, json::value_t::array, "a list")) {
            std::set<std::string> option_ids;
            for (size_t k = 0; k < opts->size() && !ctx.full(); ++k) {
                const std::string ow = child_pointer(pr.at("options"), k);
                if (!expect_object(ctx, (*opts)[k], ow, "an object")) continue;
                ObjectReader orr(ctx, (*opts)[k], ow, {});
                orr.null_is_absent();
                SessionOption o;
                if (auto id = orr.string("id", Need::Required, true)) {
                    o.id = *id;
                    if (!option_ids.insert(o.id).second)
                        ctx.error(orr.at("id"), "option " + quote_for_message(o.id) + " is listed twice");
                }
                o.label = text_or_empty(orr, "label");
                if (auto n = orr.whole_number("count", Need::Required, 0, kMaxCount)) {
                    if (*n > kMaxCount - sum) ctx.error(orr.at("count"), "the poll's total is implausibly large");
                    else o.count = *n;
                }
                sum += o.count;
                p.options.push_back(std::move(o));
            }
        }
        if (const json* t = pr.get("total", Need::Optional, json::value_t::number_integer, "a whole number")) {
            const bool equal = t->is_number_unsigned() ? t->get<std::uint64_t>() == static_cast<std::uint64_t>(sum)
                                                       : t->get<std::int64_t>() == sum;
            if (!equal) ctx.error(pr.at("total"), "is " + t->dump() + " but the option counts add up to " + std::to_string(sum));
        }
        p.total = sum;
        p.closed = opt_bool((*polls)[i], "closed");
        p.revealed = opt_bool((*polls)[i], "revealed");
        p.suppression_override = opt_bool((*polls)[i], "suppression_override");
        s.polls.push_back(std::move(p));
    }

    if (auto pos = j.find("position"); pos != j.end() && pos->is_object()) {
        s.position_module = opt_int(*pos, "module", 0);
        s.position_step = opt_int(*pos, "step", 0);
        s.position_consequence = opt_int(*pos, "consequence", -1);
        if (s.position_module < 0 || s.position_step < 0) s.position_module = s.position_step = 0;
    }
    s.summary_suppression_override = opt_bool(j, "summary_suppression_override");
}

// "/pointer: message" of the first error (session files are checked whole, reported by the first).
std::string first_error(const std::vector<Diagnostic>& diags) {
    for (const Diagnostic& d : diags)
        if (d.severity == Diagnostic::Severity::Error) return d.pointer.empty() ? d.message : d.pointer + ": " + d.message;
    return {};
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
    std::vector<Diagnostic> diags;
    FileContext ctx("", diags);
    std::optional<JsonFile> parsed = parse_json_text(text, ctx);
    if (!parsed) {
        const Diagnostic& d = diags.front();
        std::string message = d.message;
        if (message.rfind("invalid JSON: ", 0) == 0) message.erase(0, 14);
        std::string where;
        if (d.line > 0) where = " (line " + std::to_string(d.line) + ", column " + std::to_string(d.column) + ")";
        return fail(SessionParseError::NotJson, "not valid JSON" + where + ": " + message);
    }
    json& j = parsed->doc;
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
    SessionRecord s;
    try {
        for (auto step = static_cast<size_t>(v) - 1; step < kUpgrades.size(); ++step) kUpgrades[step](j);
        read_current(ctx, j, s);
    } catch (const json::exception& e) {
        return fail(SessionParseError::Invalid, e.what());
    }
    if (count_errors(diags) > 0) return fail(SessionParseError::Invalid, first_error(diags));
    s.schema_version = static_cast<int>(v);  // the version the file was written in
    r.session = std::move(s);
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
