#pragma once
// The identifiers and version strings that pack files use, and how they are checked.

#include <string>
#include <string_view>
#include <utility>

namespace upstander {

// True for identifiers of packs, modules, workshops, polls and measures: ^[a-z0-9][a-z0-9-]{0,63}$.
bool is_valid_id(std::string_view id);
// True for MAJOR.MINOR.PATCH with optional -prerelease and +build (semver.org 2.0.0).
bool is_valid_semver(std::string_view version);
// True for a simple BCP 47 tag: a 2-3 letter language, then subtags of 1-8 letters or digits.
bool is_valid_language_tag(std::string_view tag);

// A suggestion for an invalid id: lower-case, spaces and underscores to hyphens, other characters dropped.
std::string slugify(std::string_view s);

// Splits a module reference "pack/module" into its parts; a plain "module" gives an empty pack.
std::pair<std::string, std::string> split_module_ref(const std::string& ref);

}  // namespace upstander
