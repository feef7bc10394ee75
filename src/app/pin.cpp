#include "pin.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace upstander::app {

bool pin_is_valid(const std::string& pin) {
    return pin.size() >= kMinPinLength && pin.size() <= kMaxPinLength &&
           std::all_of(pin.begin(), pin.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::optional<std::string> hash_pin(const std::string& pin, std::string* error) {
    if (sodium_init() < 0) {
        if (error) *error = "could not start libsodium";
        return std::nullopt;
    }
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.c_str(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        if (error) *error = "not enough memory to hash the PIN";
        return std::nullopt;
    }
    return std::string(out);
}

bool verify_pin(const std::string& pin, const std::string& hash) {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || sodium_init() < 0) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.c_str(), pin.size()) == 0;
}

}  // namespace upstander::app
