#include "config.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace upstander {

using nlohmann::json;

ConfigLoadResult parse_config(const std::string& text, const std::string& file_label) {
    ConfigLoadResult r;
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        r.warnings.push_back(file_label + ": not valid JSON (" + e.what() + "); using the default settings");
        return r;
    }
    if (!j.is_object()) {
        r.warnings.push_back(file_label + ": expected a JSON object with settings; using the default settings");
        return r;
    }
    Config& c = r.config;
    auto warn = [&](const std::string& key, const std::string& what) {
        r.warnings.push_back(file_label + ": \"" + key + "\": " + what + "; using the default");
    };
    auto get_int = [&](const char* key, int lo, int hi) -> std::optional<int> {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) return std::nullopt;
        if (!it->is_number_integer() || it->get<long long>() < lo || it->get<long long>() > hi) {
            warn(key, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
            return std::nullopt;
        }
        return it->get<int>();
    };
    auto get_bool = [&](const char* key) -> std::optional<bool> {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) return std::nullopt;
        if (!it->is_boolean()) {
            warn(key, "expected true or false");
            return std::nullopt;
        }
        return it->get<bool>();
    };
    auto get_string = [&](const char* key) -> std::optional<std::string> {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) return std::nullopt;
        if (!it->is_string()) {
            warn(key, "expected text in quotes");
            return std::nullopt;
        }
        return it->get<std::string>();
    };

    static const std::set<std::string> known = {"projector_display", "presenter_display", "booth_display", "theme",
                                                "text_scale", "dyslexia_font", "kiosk", "idle_timeout_seconds",
                                                "ballot_mode", "vote_cooldown_ms", "suppression_threshold", "data_dir",
                                                "pin_hash"};
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!known.count(it.key())) r.warnings.push_back(file_label + ": \"" + it.key() + "\": unknown setting, ignored");

    c.projector_display = get_int("projector_display", 0, 15);
    c.presenter_display = get_int("presenter_display", 0, 15);
    c.booth_display = get_int("booth_display", 0, 15);
    if (auto t = get_string("theme")) {
        if (*t == "dark" || *t == "light") c.theme = *t;
        else warn("theme", "expected \"dark\" or \"light\"");
    }
    if (auto it = j.find("text_scale"); it != j.end() && !it->is_null()) {
        if (it->is_number() && it->get<double>() >= 0.5 && it->get<double>() <= 3.0) c.text_scale = it->get<double>();
        else warn("text_scale", "expected a number from 0.5 to 3.0");
    }
    if (auto b = get_bool("dyslexia_font")) c.dyslexia_font = *b;
    if (auto b = get_bool("kiosk")) c.kiosk = *b;
    if (auto v = get_int("idle_timeout_seconds", 0, 86400)) c.idle_timeout_seconds = *v;
    if (auto m = get_string("ballot_mode")) {
        if (*m == "open") c.ballot_mode = BallotMode::Open;
        else if (*m == "armed") c.ballot_mode = BallotMode::Armed;
        else warn("ballot_mode", "expected \"open\" or \"armed\"");
    }
    c.vote_cooldown_ms = get_int("vote_cooldown_ms", 250, 10000);
    if (auto v = get_int("suppression_threshold", 1, 100)) c.suppression_threshold = *v;
    if (auto d = get_string("data_dir")) c.data_dir = *d;
    if (auto p = get_string("pin_hash")) {
        if (p->empty() || p->rfind("$argon2", 0) == 0) c.pin_hash = *p;
        else warn("pin_hash", "is not a PIN hash made by upstander --set-pin (the PIN is not set)");
    }
    return r;
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
    j["kiosk"] = c.kiosk;
    j["idle_timeout_seconds"] = c.idle_timeout_seconds;
    j["ballot_mode"] = c.ballot_mode ? json(to_string(*c.ballot_mode)) : json(nullptr);
    opt("vote_cooldown_ms", c.vote_cooldown_ms);
    j["suppression_threshold"] = c.suppression_threshold;
    j["data_dir"] = c.data_dir;
    j["pin_hash"] = c.pin_hash;
    return j.dump(2) + "\n";
}

}  // namespace upstander
