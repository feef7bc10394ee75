#pragma once
// The facilitator PIN: stored only as a salted Argon2id hash (libsodium crypto_pwhash_str, interactive
// limits), never in plain text.

#include <optional>
#include <string>

namespace upstander::app {

inline constexpr size_t kMinPinLength = 4;
inline constexpr size_t kMaxPinLength = 12;

// True when the PIN is 4 to 12 digits.
bool pin_is_valid(const std::string& pin);
// The hash string to store, or nullopt (with `error`) when hashing fails (out of memory).
std::optional<std::string> hash_pin(const std::string& pin, std::string* error);
// Constant-time check of `pin` against a stored hash. False for an empty or malformed hash.
bool verify_pin(const std::string& pin, const std::string& hash);

}  // namespace upstander::app
