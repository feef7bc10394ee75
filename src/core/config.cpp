#include "config.hpp"

#include "json_reader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <system_error>

namespace upstander {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string_view> kConfigKeys = {
    "projector_display", "presenter_display", "booth_display",   "theme",    "text_scale",
    "dyslexia_font",     "kiosk",             "idle_timeout_seconds", "ballot_mode", "vote_cooldown_ms",
    "suppression_threshold", "data_dir",      "pin_hash", "ballot_abandon_seconds", "booth_displays", "camera",
    "programme_public_key", "organisations", "vote_sound"};

constexpr std::uintmax_t kMaxConfigBytes = 1024u * 1024u;

bool is_base64_unpadded(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    });
}

bool is_decimal(std::string_view s) {
    return !s.empty() && s.size() <= 10 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool might_hold_pin(std::string_view text) {
    return text.find("pin_hash") != std::string_view::npos || text.find("$argon2") != std::string_view::npos;
}

void read_settings(FileContext& ctx, const json& j, Config& c) {
    ObjectReader obj(ctx, j, "", kConfigKeys);
    obj.null_is_absent();
    c.projector_display = obj.integer("projector_display", Need::Optional, 0, 15);
    c.presenter_display = obj.integer("presenter_display", Need::Optional, 0, 15);
    c.booth_display = obj.integer("booth_display", Need::Optional, 0, 15);
    if (auto t = obj.choice("theme", Need::Optional, {"dark", "light"}, "theme")) c.theme = *t;
    if (auto s = obj.number("text_scale", Need::Optional, 0.5, 3.0, false)) c.text_scale = *s;
    if (auto b = obj.boolean("dyslexia_font")) c.dyslexia_font = *b;
    if (auto b = obj.boolean("vote_sound")) c.vote_sound = *b;
    if (auto b = obj.boolean("kiosk")) c.kiosk = *b;
    if (auto v = obj.integer("idle_timeout_seconds", Need::Optional, 0, 86400)) c.idle_timeout_seconds = *v;
    c.ballot_mode = obj.enumeration<BallotMode>("ballot_mode", Need::Optional, "ballot mode");
    c.vote_cooldown_ms = obj.integer("vote_cooldown_ms", Need::Optional, 250, 10000);
    if (auto v = obj.integer("suppression_threshold", Need::Optional, 1, 100)) c.suppression_threshold = *v;
    if (auto v = obj.integer("ballot_abandon_seconds", Need::Optional, 10, 600)) c.ballot_abandon_seconds = *v;
    if (const json* list = obj.get("booth_displays", Need::Optional, json::value_t::array, "a list of display numbers")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json& v = (*list)[i];
            if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 15 || c.booth_displays.size() >= 4)
                ctx.warning("/booth_displays/" + std::to_string(i),
                            "a booth display is a whole number from 0 to 15, at most 4 of them; this one is left out");
            else c.booth_displays.push_back(v.get<int>());
        }
    }
    if (auto d = obj.string("data_dir", Need::Optional, true)) c.data_dir = *d;
    if (auto cam = obj.string("camera", Need::Optional, true)) c.camera = *cam;
    // Never "no PIN" by mistake: an error at /pin_hash makes the whole file unreadable (parse_config).
    if (auto p = obj.string("pin_hash", Need::Optional, true)) {
        if (p->empty() || is_pin_hash(*p)) c.pin_hash = *p;
        else ctx.error("/pin_hash", "this is not a PIN hash made by upstander --set-pin");
    }
    if (auto k = obj.string("programme_public_key", Need::Optional, true)) {
        // 32 bytes in standard base64: 43 characters and one "=".
        if (k->empty() || (k->size() == 44 && k->back() == '=' && is_base64_unpadded(std::string_view(*k).substr(0, 43))))
            c.programme_public_key = *k;
        else {
            c.programme_public_key_invalid = true;
            ctx.warning("/programme_public_key",
                        "this is not a public key made by upstander-report keygen; programmes are not started until it is fixed");
        }
    }
    if (const json* orgs = obj.get("organisations", Need::Optional, json::value_t::array, "a list of names")) {
        for (std::size_t i = 0; i < orgs->size() && c.organisations.size() < kMaxOrganisations; ++i) {
            const json& o = (*orgs)[i];
            if (o.is_string() && !is_blank(o.get_ref<const std::string&>()) && o.get_ref<const std::string&>().size() <= 120)
                c.organisations.push_back(o.get<std::string>());
            else
                ctx.warning(child_pointer("/organisations", i), "expected the name of a school or youth group (1 to 120 characters)");
        }
    }
    obj.finish();
}

}  // namespace

bool is_pin_hash(std::string_view text) {
    if (text.size() >= 128) return false;
    std::string_view rest;
    if (text.rfind("$argon2id$v=19$", 0) == 0) rest = text.substr(15);
    else if (text.rfind("$argon2i$v=19$", 0) == 0) rest = text.substr(14);
    else return false;
    // m=M,t=T,p=P$SALT$HASH
    const std::size_t params_end = rest.find('$');
    if (params_end == std::string_view::npos) return false;
    std::string_view params = rest.substr(0, params_end);
    for (const char* name : {"m=", "t=", "p="}) {
        if (params.rfind(name, 0) != 0) return false;
        params.remove_prefix(2);
        const std::size_t comma = params.find(',');
        const std::string_view number = params.substr(0, comma);
        if (!is_decimal(number)) return false;
        params = comma == std::string_view::npos ? std::string_view() : params.substr(comma + 1);
        if (std::string_view(name) != "p=" && comma == std::string_view::npos) return false;
        if (std::string_view(name) == "p=" && comma != std::string_view::npos) return false;
    }
    rest.remove_prefix(params_end + 1);
    const std::size_t salt_end = rest.find('$');
    if (salt_end == std::string_view::npos) return false;
    return is_base64_unpadded(rest.substr(0, salt_end)) && is_base64_unpadded(rest.substr(salt_end + 1));
}

ConfigLoadResult parse_config(const std::string& text, const std::string& file_label) {
    ConfigLoadResult r;
    std::vector<Diagnostic> diags;
    bool object = true;
    const bool parsed = process_text(text, file_label, diags, [&](FileContext& ctx, const JsonFile& f) {
        if (!f.doc.is_object()) {
            ctx.error_at(f.text.find_first_not_of(" \t\r\n"), f.text, "",
                         std::string("the config file must hold one JSON object with settings, such as "
                                     "{\"theme\": \"dark\"}; found ") +
                             kind_of(f.doc));
            object = false;
            return;
        }
        read_settings(ctx, f.doc, r.config);
    });
    if (!parsed || !object) {
        r.config = Config{};
        for (const Diagnostic& d : diags)
            if (d.severity == Diagnostic::Severity::Error) {
                r.unreadable = format_diagnostic(d);
                break;
            }
        r.might_hold_pin = might_hold_pin(text);
        r.warnings.push_back(*r.unreadable);
        return r;
    }
    for (Diagnostic& d : diags) {
        if (d.pointer == "/pin_hash" && d.severity == Diagnostic::Severity::Error) {
            r.unreadable = format_diagnostic(d) +
                           "; run upstander --set-pin to set the PIN again, or remove \"pin_hash\" to have no PIN";
            r.might_hold_pin = true;
            r.config.pin_hash.clear();
            r.warnings.push_back(*r.unreadable);
            continue;
        }
        // Every problem here leaves a default in place: none stops the app.
        const std::string key = d.pointer.empty() ? std::string() : d.pointer.substr(1);
        const bool known_key = std::find(kConfigKeys.begin(), kConfigKeys.end(), key) != kConfigKeys.end();
        const bool replaced = d.severity == Diagnostic::Severity::Error && known_key;
        d.severity = Diagnostic::Severity::Warning;
        r.warnings.push_back(format_diagnostic(d) + (replaced ? "; the default is used" : ""));
    }
    // A hash under a misspelt key ("pin_hsh") would otherwise be only an unknown field: no PIN.
    if (!r.unreadable && r.config.pin_hash.empty() && text.find("$argon2") != std::string::npos) {
        r.unreadable = file_label + ": error: the file holds a PIN hash (\"$argon2...\") that is not the value of "
                                    "\"pin_hash\"; put it back under \"pin_hash\", or run upstander --set-pin again";
        r.might_hold_pin = true;
        r.warnings.push_back(*r.unreadable);
    }
    return r;
}

ConfigLoadResult load_config_file(const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(file, ec))) return ConfigLoadResult{};
    const std::string shown = shown_path(file);
    Result<std::string> text = read_small_file(file, kMaxConfigBytes);
    if (!text) {
        ConfigLoadResult r;
        r.unreadable = shown + ": error: " + text.message();
        r.might_hold_pin = true;  // nobody can tell: fail closed
        r.warnings.push_back(*r.unreadable);
        return r;
    }
    return parse_config(*text, shown);
}

std::string config_to_string(const Config& c) {
    json j = json::object();
    auto opt = [&](const char* key, const std::optional<int>& v) { j[key] = v ? json(*v) : json(nullptr); };
    opt("projector_display", c.projector_display);
    opt("presenter_display", c.presenter_display);
    opt("booth_display", c.booth_display);
    j["theme"] = c.theme;
    j["text_scale"] = c.text_scale;
    j["dyslexia_font"] = c.dyslexia_font;
    j["vote_sound"] = c.vote_sound;
    j["kiosk"] = c.kiosk;
    j["idle_timeout_seconds"] = c.idle_timeout_seconds;
    j["ballot_mode"] = c.ballot_mode ? json(to_string(*c.ballot_mode)) : json(nullptr);
    opt("vote_cooldown_ms", c.vote_cooldown_ms);
    j["suppression_threshold"] = c.suppression_threshold;
    j["ballot_abandon_seconds"] = c.ballot_abandon_seconds;
    j["booth_displays"] = c.booth_displays;
    if (!c.camera.empty()) j["camera"] = c.camera;
    j["data_dir"] = c.data_dir;
    j["pin_hash"] = c.pin_hash;
    if (!c.programme_public_key.empty()) j["programme_public_key"] = c.programme_public_key;
    if (!c.organisations.empty()) j["organisations"] = c.organisations;
    return j.dump(2) + "\n";
}

}  // namespace upstander
