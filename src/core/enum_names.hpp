#pragma once
// One table of names per enum that files, the command line or messages spell out. The enum's own
// header specialises EnumNames next to the enum; to_string and parse_enum both read that table, so
// a name is written in exactly one place.
//
//   template <> struct EnumNames<BallotMode> {
//       static constexpr std::array<std::pair<BallotMode, std::string_view>, 2> names{
//           {{BallotMode::Open, "open"}, {BallotMode::Armed, "armed"}}};
//   };
//
// A value that stands for "not given" (Audience::Unspecified, PollPhase::None) has no name: files
// write null for it, to_string gives "" and parse_enum never returns it.

#include <optional>
#include <string_view>
#include <vector>

namespace upstander {

template <typename E>
struct EnumNames;

// The value named `name`, or nullopt (names are exact: lower case, as in the files).
template <typename E>
std::optional<E> parse_enum(std::string_view name) {
    for (const auto& [value, n] : EnumNames<E>::names)
        if (n == name) return value;
    return std::nullopt;
}

// The name of `value` ("" for a value without a name). Names are literals, so the pointer lives forever.
template <typename E>
const char* enum_name(E value) {
    for (const auto& [v, n] : EnumNames<E>::names)
        if (v == value) return n.data();
    return "";
}

// Every name, in table order (for "expected one of ..." messages and suggestions).
template <typename E>
std::vector<std::string_view> enum_names() {
    std::vector<std::string_view> out;
    for (const auto& entry : EnumNames<E>::names) out.push_back(entry.second);
    return out;
}

}  // namespace upstander
