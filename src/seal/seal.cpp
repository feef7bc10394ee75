#include "seal.hpp"

#include "core/programme_file.hpp"

#include <sodium.h>

#include <cstdlib>
#include <vector>

namespace upstander::seal {

namespace {

constexpr std::string_view kKeyFileHeader = "upstander-programme-secret-key 1";

void ensure_sodium() {
    // sodium_init is safe to call more than once; below 0 means the library cannot work at all.
    if (sodium_init() < 0) std::abort();
}

std::string to_base64(const unsigned char* bin, std::size_t len) {
    std::string out(sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bin, len, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

bool from_base64(std::string_view b64, std::vector<unsigned char>& out) {
    out.assign(b64.size(), 0);
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), b64.data(), b64.size(), " \n\r\t", &len, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != b64.data() + b64.size())
        return false;
    out.resize(len);
    return true;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
    while (!s.empty() && (s.front() == ' ')) s.remove_prefix(1);
    return std::string(s);
}

}  // namespace

KeyPair generate_key_pair() {
    ensure_sodium();
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    unsigned char sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(pk, sk);
    KeyPair k{to_base64(pk, sizeof pk), to_base64(sk, sizeof sk)};
    sodium_memzero(sk, sizeof sk);
    return k;
}

std::string secret_key_file_text(const KeyPair& keys) {
    return std::string(kKeyFileHeader) + "\npublic " + keys.public_key + "\nsecret " + keys.secret_key + "\n";
}

Result<KeyPair> parse_secret_key_file(std::string_view text) {
    KeyPair k;
    std::size_t at = 0;
    int line_no = 0;
    bool header = false;
    while (at <= text.size()) {
        const std::size_t nl = text.find('\n', at);
        const std::string line = trim(text.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at));
        at = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++line_no;
        if (line.empty()) continue;
        if (!header) {
            if (line != kKeyFileHeader)
                return Error{"not an Upstander secret key file (the first line should be \"" + std::string(kKeyFileHeader) +
                             "\"); use the file upstander-report keygen wrote"};
            header = true;
        } else if (line.rfind("public ", 0) == 0) {
            k.public_key = trim(line.substr(7));
        } else if (line.rfind("secret ", 0) == 0) {
            k.secret_key = trim(line.substr(7));
        }
    }
    std::vector<unsigned char> pk, sk;
    if (!header || !from_base64(k.public_key, pk) || pk.size() != crypto_box_PUBLICKEYBYTES ||
        !from_base64(k.secret_key, sk) || sk.size() != crypto_box_SECRETKEYBYTES)
        return Error{"the secret key file is damaged: it needs a \"public\" and a \"secret\" line of base64"};
    ensure_sodium();
    // The two halves must belong together.
    unsigned char derived[crypto_box_PUBLICKEYBYTES];
    crypto_scalarmult_base(derived, sk.data());
    const bool match = sodium_memcmp(derived, pk.data(), sizeof derived) == 0;
    sodium_memzero(sk.data(), sk.size());
    if (!match) return Error{"the secret key file is damaged: its public and secret keys do not belong together"};
    return k;
}

bool is_public_key(std::string_view base64) {
    std::vector<unsigned char> pk;
    return from_base64(base64, pk) && pk.size() == crypto_box_PUBLICKEYBYTES;
}

Result<std::string> seal_to_file_text(std::string_view public_key, std::string_view contents, std::string_view plaintext) {
    ensure_sodium();
    std::vector<unsigned char> pk;
    if (!from_base64(public_key, pk) || pk.size() != crypto_box_PUBLICKEYBYTES)
        return Error{"the programme public key in the settings is not a key made by upstander-report keygen"};
    std::vector<unsigned char> sealed(crypto_box_SEALBYTES + plaintext.size());
    if (crypto_box_seal(sealed.data(), reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        pk.data()) != 0)
        return Error{"the programme could not be sealed"};
    SealedEnvelope e;
    e.contents = std::string(contents);
    e.public_key = std::string(public_key);
    e.sealed = to_base64(sealed.data(), sealed.size());
    return sealed_envelope_to_string(e);
}

Result<std::string> open_sealed(std::string_view sealed_base64, const KeyPair& keys) {
    ensure_sodium();
    std::vector<unsigned char> c, pk, sk;
    if (!from_base64(sealed_base64, c) || c.size() < crypto_box_SEALBYTES) return Error{"the sealed data is damaged"};
    if (!from_base64(keys.public_key, pk) || !from_base64(keys.secret_key, sk) || pk.size() != crypto_box_PUBLICKEYBYTES ||
        sk.size() != crypto_box_SECRETKEYBYTES)
        return Error{"the secret key is damaged"};
    std::string plain(c.size() - crypto_box_SEALBYTES, '\0');
    const int rc = crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), c.data(), c.size(), pk.data(), sk.data());
    sodium_memzero(sk.data(), sk.size());
    if (rc != 0) return Error{"it was sealed to a different key, or it has been changed since it was sealed"};
    return plain;
}

unsigned long long random64() {
    ensure_sodium();
    unsigned long long v = 0;
    randombytes_buf(&v, sizeof v);
    return v;
}

}  // namespace upstander::seal
