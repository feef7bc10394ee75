#include "organisation.hpp"

#include "config.hpp"  // kMaxOrganisations

#include <algorithm>
#include <cctype>

namespace upstander {

Result<std::string> parse_organisation(std::string_view typed) {
    while (!typed.empty() && typed.front() == ' ') typed.remove_prefix(1);
    while (!typed.empty() && typed.back() == ' ') typed.remove_suffix(1);
    if (typed.size() > kMaxOrganisationBytes) return Error{"Please use a shorter name for the school or group (120 characters at most)."};
    if (typed.find_first_of("\t\r\n") != std::string_view::npos) return Error{"Please write the school or group on one line."};
    return std::string(typed);
}

std::vector<std::string> remember_organisation(std::vector<std::string> list, const std::string& name) {
    auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return s;
    };
    if (name.empty()) return list;
    const std::string key = lower(name);
    const bool known = std::any_of(list.begin(), list.end(), [&](const std::string& o) { return lower(o) == key; });
    if (!known && list.size() < kMaxOrganisations) list.push_back(name);
    std::sort(list.begin(), list.end(), [&](const std::string& a, const std::string& b) { return lower(a) < lower(b); });
    return list;
}

}  // namespace upstander
