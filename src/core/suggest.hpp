#pragma once
// "Did you mean ...?" for misspelt field names and values: optimal string alignment distance
// (Levenshtein plus swaps of neighbouring letters, so "vidoe" is one edit from "video").

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace upstander {

// Edit distance counting insertions, deletions, substitutions and adjacent transpositions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate when it is near enough to be a likely typo (1 edit for words of up to
// 4 letters, 2 up to 8, else 3), or nullopt. Inputs longer than 64 bytes get no suggestion.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace upstander
