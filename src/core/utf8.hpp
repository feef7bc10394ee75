#pragma once
// One UTF-8 decoder for the places that must treat text from files carefully (messages that quote
// pack text, terminal output of the report). Header-only.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace upstander {

struct Utf8Char {
    std::uint32_t code_point = 0;
    std::size_t length = 0;  // bytes; 0 when the bytes at this place are not valid UTF-8
};

// The character that starts at text[i] (i < text.size()). Overlong forms, surrogates, code points
// above U+10FFFF and cut-off sequences are invalid (length 0). ASCII bytes are length 1.
inline Utf8Char decode_utf8_at(std::string_view text, std::size_t i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) return {b, 1};
    std::size_t len = 0;
    std::uint32_t min = 0;
    if ((b & 0xE0u) == 0xC0u) { len = 2; min = 0x80; }
    else if ((b & 0xF0u) == 0xE0u) { len = 3; min = 0x800; }
    else if ((b & 0xF8u) == 0xF0u) { len = 4; min = 0x10000; }
    if (len == 0 || i + len > text.size()) return {};
    std::uint32_t cp = len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
    for (std::size_t k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(text[i + k]);
        if ((c & 0xC0u) != 0x80u) return {};
        cp = (cp << 6) | (c & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {cp, len};
}

}  // namespace upstander
