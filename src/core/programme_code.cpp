#include "programme_code.hpp"

#include <random>

namespace upstander {

namespace {

constexpr std::string_view kDigits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base32
constexpr std::string_view kCheck = "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";  // values 0..36

// The value of a typed data character, or -1.
int digit_value(char c) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    const auto at = kDigits.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

int check_value(char c) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    const auto at = kCheck.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

int mod37(std::string_view data) {
    int r = 0;
    for (char c : data) r = (r * 32 + digit_value(c)) % 37;
    return r;
}

}  // namespace

char programme_code_check(std::string_view data) { return kCheck[static_cast<std::size_t>(mod37(data))]; }

std::string new_programme_code(const std::function<std::uint64_t()>& random64) {
    std::random_device rd;
    auto bits = [&]() -> std::uint64_t {
        if (random64) return random64();
        return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
    };
    for (;;) {
        std::uint64_t v = bits();
        std::string data;
        for (int i = 0; i < kProgrammeCodeDataChars; ++i) {
            data += kDigits[v & 31u];
            v >>= 5;
        }
        const int check = mod37(data);
        if (check < 32) return data + kCheck[static_cast<std::size_t>(check)];
    }
}

Result<std::string> parse_programme_code(std::string_view typed) {
    std::string chars;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        chars += c;
    }
    const std::size_t want = kProgrammeCodeDataChars + 1;
    if (chars.empty()) return Error{"type the programme code from the case record, for example K7Q-M2R-XD8"};
    if (chars.size() != want)
        return Error{"a programme code has " + std::to_string(want) + " letters and digits; this has " +
                     std::to_string(chars.size())};
    std::string canonical;
    for (std::size_t i = 0; i + 1 < want; ++i) {
        const int v = digit_value(chars[i]);
        if (v < 0)
            return Error{"character " + std::to_string(i + 1) + " is not used in programme codes (they have no U and no symbols)"};
        canonical += kDigits[static_cast<std::size_t>(v)];
    }
    const int cv = check_value(chars.back());
    if (cv < 0) return Error{"the last character is not used in programme codes"};
    if (cv != mod37(canonical))
        return Error{"the check character does not match: a character is probably mistyped or two are swapped; "
                     "read the code again from the case record"};
    return canonical + kCheck[static_cast<std::size_t>(cv)];
}

std::string format_programme_code(std::string_view c) {
    if (c.size() != 9) return std::string(c);
    return std::string(c.substr(0, 3)) + "-" + std::string(c.substr(3, 3)) + "-" + std::string(c.substr(6, 3));
}

}  // namespace upstander
