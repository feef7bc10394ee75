#include "identifiers.hpp"

#include <algorithm>
#include <vector>

namespace upstander {

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
    if (id.front() == '-') return false;
    return std::all_of(id.begin(), id.end(), ok);
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Splits on `sep`, keeping empty pieces.
std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t from = 0;
    while (true) {
        const std::size_t at = s.find(sep, from);
        out.push_back(s.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
        if (at == std::string_view::npos) break;
        from = at + 1;
    }
    return out;
}

bool numeric_identifier(std::string_view s) {
    if (s.empty() || !std::all_of(s.begin(), s.end(), is_digit)) return false;
    return s.size() == 1 || s.front() != '0';
}

bool dotted_identifiers(std::string_view s, bool no_leading_zeros) {
    if (s.empty()) return false;
    for (std::string_view part : split(s, '.')) {
        if (part.empty()) return false;
        bool all_digits = true;
        for (char c : part) {
            if (!is_digit(c) && !is_alpha(c) && c != '-') return false;
            all_digits = all_digits && is_digit(c);
        }
        if (no_leading_zeros && all_digits && !numeric_identifier(part)) return false;
    }
    return true;
}

}  // namespace

bool is_valid_semver(std::string_view v) {
    if (v.size() > 256) return false;
    std::string_view build, pre;
    if (auto plus = v.find('+'); plus != std::string_view::npos) {
        build = v.substr(plus + 1);
        v = v.substr(0, plus);
        if (!dotted_identifiers(build, false)) return false;
    }
    if (auto dash = v.find('-'); dash != std::string_view::npos) {
        pre = v.substr(dash + 1);
        v = v.substr(0, dash);
        if (!dotted_identifiers(pre, true)) return false;
    }
    const auto core = split(v, '.');
    return core.size() == 3 && std::all_of(core.begin(), core.end(), numeric_identifier);
}

bool is_valid_language_tag(std::string_view tag) {
    if (tag.empty() || tag.size() > 64) return false;
    const auto parts = split(tag, '-');
    const std::string_view lang = parts.front();
    if (lang.size() < 2 || lang.size() > 3 || !std::all_of(lang.begin(), lang.end(), is_alpha)) return false;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::string_view p = parts[i];
        if (p.empty() || p.size() > 8) return false;
        if (!std::all_of(p.begin(), p.end(), [](char c) { return is_alpha(c) || is_digit(c); })) return false;
    }
    return true;
}

std::string slugify(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 64)) {
        if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || is_digit(c)) out += c;
        else if ((c == ' ' || c == '_' || c == '-') && !out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

std::pair<std::string, std::string> split_module_ref(const std::string& ref) {
    const auto slash = ref.find('/');
    if (slash == std::string::npos) return {"", ref};
    return {ref.substr(0, slash), ref.substr(slash + 1)};
}

}  // namespace upstander
