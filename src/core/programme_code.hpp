#pragma once
// Programme codes: the only name a one-to-one programme has. Short, random, easy to read aloud and
// write in a case record: eight Crockford base32 characters and a check character, shown in three
// groups of three ("K7Q-M2R-XD8"). The check character is the value of the eight characters mod 37,
// written with Crockford's check alphabet, so every single wrong character and every swap of two
// neighbouring characters is caught. Codes whose check would be one of the five extra check symbols
// (* ~ $ = U) are never issued, so a code is only letters and digits; a typo that produces one is
// still caught. Typing is forgiving: lower case, spaces and hyphens are accepted, O reads as 0 and
// I or L as 1.

#include "error.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace upstander {

inline constexpr int kProgrammeCodeDataChars = 8;

// A new random code in canonical form (nine characters, no hyphens). `random64` supplies random
// bits (the kiosk passes a cryptographic source); the default uses std::random_device.
std::string new_programme_code(const std::function<std::uint64_t()>& random64 = {});

// The canonical form of a typed code, or an Error saying what is wrong in words a practitioner can act
// on ("the check character does not match: a character is probably mistyped").
Result<std::string> parse_programme_code(std::string_view typed);

// "K7Q-M2R-XD8" for a canonical code.
std::string format_programme_code(std::string_view canonical);

// The check character for eight data characters (canonical), for tests.
char programme_code_check(std::string_view data);

}  // namespace upstander
