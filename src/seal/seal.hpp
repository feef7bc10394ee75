#pragma once
// Sealing programme files to the partnership's public key (libsodium sealed boxes, crypto_box_seal):
// anyone with the public key can seal, only the holder of the secret key can open. The kiosk holds
// only the public key (config "programme_public_key"); the secret key stays with the partnership's
// data lead and is given to upstander-report --secret-key. Keys travel as base64 text.

#include "core/error.hpp"

#include <string>
#include <string_view>

namespace upstander::seal {

struct KeyPair {
    std::string public_key;  // base64, 32 bytes
    std::string secret_key;  // base64, 32 bytes
};

// A new key pair from libsodium's random source.
KeyPair generate_key_pair();

// The secret key file written by upstander-report keygen: a first line naming the format, then the
// public key and the secret key, one per line.
std::string secret_key_file_text(const KeyPair& keys);
Result<KeyPair> parse_secret_key_file(std::string_view text);

// True for a base64 public key of the right length.
bool is_public_key(std::string_view base64);

// A sealed envelope (core/programme_file.hpp) holding `plaintext` sealed to `public_key`.
Result<std::string> seal_to_file_text(std::string_view public_key, std::string_view contents, std::string_view plaintext);

// Opens a sealed envelope's contents with the key pair; an Error when the file was sealed to another
// key or has been changed.
Result<std::string> open_sealed(std::string_view sealed_base64, const KeyPair& keys);

// Random bits from libsodium (for programme codes).
unsigned long long random64();

}  // namespace upstander::seal
