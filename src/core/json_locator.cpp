#include "json_locator.hpp"

#include "utf8.hpp"

#include <cstdint>
#include <cstring>
#include <deque>

namespace upstander {

// [SECTION] Positions

TextPosition position_of_offset(std::string_view text, std::size_t offset) {
    if (offset > text.size()) offset = text.size();
    TextPosition pos{1, 1};
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            line_start = i + 1;
        }
    }
    for (std::size_t i = line_start; i < offset; ++i) {
        // Count code points: skip UTF-8 continuation bytes.
        if ((static_cast<unsigned char>(text[i]) & 0xC0u) != 0x80u) ++pos.column;
    }
    return pos;
}

namespace {

// The offset of the quote that closes the string whose contents start at `from`, or npos. Jumps from
// quote to quote with memchr (content files are mostly prose inside strings); a quote preceded by an
// odd number of backslashes is escaped.
std::size_t closing_quote(std::string_view text, std::size_t from) {
    for (std::size_t i = from; i < text.size();) {
        const void* q = std::memchr(text.data() + i, '"', text.size() - i);
        if (q == nullptr) return std::string_view::npos;
        const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(q) - text.data());
        std::size_t backslashes = 0;
        while (at - backslashes > from && text[at - backslashes - 1] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return at;
        i = at + 1;
    }
    return std::string_view::npos;
}

}  // namespace

std::optional<std::size_t> find_excess_depth(std::string_view text, int max_depth) {
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '"':
                i = closing_quote(text, i + 1);
                if (i == std::string_view::npos) return std::nullopt;
                break;
            case '{':
            case '[':
                if (++depth > max_depth) return i;
                break;
            case '}':
            case ']':
                if (depth > 0) --depth;
                break;
            default: break;
        }
    }
    return std::nullopt;
}

// [SECTION] Pointers

std::string escape_pointer_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string child_pointer(std::string_view parent, std::string_view key) {
    std::string out(parent);
    out += '/';
    out += escape_pointer_token(key);
    return out;
}

std::string child_pointer(std::string_view parent, std::size_t index) {
    std::string out(parent);
    out += '/';
    out += std::to_string(index);
    return out;
}

std::string parent_pointer(std::string_view pointer) {
    const std::size_t slash = pointer.rfind('/');
    if (slash == std::string_view::npos) return {};
    return std::string(pointer.substr(0, slash));
}

// [SECTION] Scanning

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::optional<std::uint32_t> hex4(std::string_view text, std::size_t at) {
    if (at + 4 > text.size()) return std::nullopt;
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        const char c = text[at + k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
        else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
        else return std::nullopt;
    }
    return v;
}

class Scanner {
public:
    Scanner(std::string_view text, const std::unordered_set<std::string>* wanted) : text_(text), wanted_(wanted) {}

    JsonScan run() {
        scan_.complete = scan();
        return std::move(scan_);
    }

private:
    // The keys seen in one object, to find duplicates. Views into the text (or into decoded_ for
    // keys with escapes); a plain list while small, a hash set once an object has many keys.
    struct KeySet {
        static constexpr std::size_t kListMax = 32;
        std::vector<std::string_view> list;
        std::unordered_set<std::string_view> set;
        bool insert(std::string_view key) {
            if (set.empty()) {
                for (std::string_view k : list)
                    if (k == key) return false;
                list.push_back(key);
                if (list.size() > kListMax) set.insert(list.begin(), list.end());
                return true;
            }
            return set.insert(key).second;
        }
    };

    struct Frame {
        bool object = false;
        std::size_t count = 0;
        std::size_t base_len = 0;  // length of the container's own pointer
        KeySet keys;
    };

    void skip_ws() {
        while (i_ < text_.size() && (text_[i_] == ' ' || text_[i_] == '\t' || text_[i_] == '\n' || text_[i_] == '\r'))
            ++i_;
    }

    bool at(char c) const { return i_ < text_.size() && text_[i_] == c; }

    // Reads a string starting at the opening quote; decodes it into `out` when out is not null.
    bool read_string(std::string* out) {
        if (!at('"')) return false;
        ++i_;
        if (!out) {  // skipping a value without escapes: jump to the closing quote
            const std::size_t close = closing_quote(text_, i_);
            if (close == std::string_view::npos) return false;
            if (std::memchr(text_.data() + i_, '\\', close - i_) == nullptr) {
                i_ = close + 1;
                return true;
            }
        }
        while (i_ < text_.size()) {
            const char c = text_[i_];
            if (c == '"') {
                ++i_;
                return true;
            }
            if (c != '\\') {
                if (out) *out += c;
                ++i_;
                continue;
            }
            if (i_ + 1 >= text_.size()) return false;
            const char e = text_[i_ + 1];
            i_ += 2;
            if (!out) {
                if (e == 'u') i_ += 4;
                continue;
            }
            switch (e) {
                case '"': *out += '"'; break;
                case '\\': *out += '\\'; break;
                case '/': *out += '/'; break;
                case 'b': *out += '\b'; break;
                case 'f': *out += '\f'; break;
                case 'n': *out += '\n'; break;
                case 'r': *out += '\r'; break;
                case 't': *out += '\t'; break;
                case 'u': {
                    auto cp = hex4(text_, i_);
                    if (!cp) return false;
                    i_ += 4;
                    if (*cp >= 0xD800 && *cp <= 0xDBFF && i_ + 6 <= text_.size() && text_[i_] == '\\' &&
                        text_[i_ + 1] == 'u') {
                        auto low = hex4(text_, i_ + 2);
                        if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
                            *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
                            i_ += 6;
                        }
                    }
                    append_utf8(*out, *cp);
                    break;
                }
                default: return false;
            }
        }
        return false;
    }

    void record_value() {
        if (wanted_ == nullptr) scan_.offsets[ptr_] = i_;
        else if (!wanted_->empty() && wanted_->count(ptr_) != 0) scan_.offsets[ptr_] = i_;  // empty: a duplicate-key scan only
    }

    // Reads `"key":` of an object member and points ptr_ at the member's value.
    bool read_key() {
        skip_ws();
        const std::size_t key_at = i_;
        std::string_view key;
        // Most keys have no escapes: use the text itself; decode only the others.
        const std::size_t end = text_.find_first_of("\"\\", key_at + 1);
        if (at('"') && end != std::string_view::npos && text_[end] == '"') {
            key = text_.substr(key_at + 1, end - key_at - 1);
            i_ = end + 1;
        } else {
            std::string decoded;
            if (!read_string(&decoded)) return false;
            decoded_.push_back(std::move(decoded));
            key = decoded_.back();
        }
        skip_ws();
        if (!at(':')) return false;
        ++i_;
        Frame& f = stack_.back();
        ptr_.resize(f.base_len);
        ptr_ += '/';
        for (char c : key) {
            if (c == '~') ptr_ += "~0";
            else if (c == '/') ptr_ += "~1";
            else ptr_ += c;
        }
        if (!f.keys.insert(key)) scan_.duplicate_keys.push_back({ptr_, key_at});
        return true;
    }

    bool scan() {
        enum class Next { Value, AfterValue };
        Next next = Next::Value;
        while (true) {
            skip_ws();
            if (next == Next::Value) {
                if (i_ >= text_.size()) return false;
                record_value();
                const char c = text_[i_];
                if (c == '{' || c == '[') {
                    const bool object = c == '{';
                    stack_.push_back(Frame{object, 0, ptr_.size(), {}});
                    ++i_;
                    skip_ws();
                    if (at(object ? '}' : ']')) {
                        ++i_;
                        stack_.pop_back();
                        next = Next::AfterValue;
                    } else if (object) {
                        if (!read_key()) return false;
                    } else {
                        ptr_ += "/0";
                    }
                    continue;
                }
                if (c == '"') {
                    if (!read_string(nullptr)) return false;
                } else {
                    const std::size_t start = i_;
                    while (i_ < text_.size() && text_[i_] != ',' && text_[i_] != ']' && text_[i_] != '}' &&
                           text_[i_] != ' ' && text_[i_] != '\n' && text_[i_] != '\r' && text_[i_] != '\t')
                        ++i_;
                    if (i_ == start) return false;
                }
                next = Next::AfterValue;
                continue;
            }
            // After a value: close containers or move to the next element.
            if (stack_.empty()) return i_ == text_.size();
            Frame& f = stack_.back();
            if (at(',')) {
                ++i_;
                ++f.count;
                if (f.object) {
                    if (!read_key()) return false;
                } else {
                    ptr_.resize(f.base_len);
                    ptr_ += '/';
                    ptr_ += std::to_string(f.count);
                }
                next = Next::Value;
                continue;
            }
            if (at(f.object ? '}' : ']')) {
                ++i_;
                ptr_.resize(f.base_len);
                stack_.pop_back();
                continue;
            }
            return false;
        }
    }

    std::string_view text_;
    const std::unordered_set<std::string>* wanted_;
    std::size_t i_ = 0;
    std::string ptr_;
    std::vector<Frame> stack_;
    std::deque<std::string> decoded_;  // keys that had escapes (a deque keeps views into them valid)
    JsonScan scan_;
};

}  // namespace

JsonScan scan_json(std::string_view text, const std::unordered_set<std::string>* wanted) {
    // Skip a UTF-8 byte-order mark, as the parser does; offsets stay relative to the full text.
    std::size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    JsonScan scan = Scanner(text.substr(bom), wanted).run();
    if (bom != 0) {
        for (auto& [pointer, offset] : scan.offsets) offset += bom;
        for (auto& d : scan.duplicate_keys) d.offset += bom;
    }
    return scan;
}

// [SECTION] Message text

std::string sanitize_for_message(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            out += (b < 0x20 || b == 0x7F) ? ' ' : static_cast<char>(b);
            ++i;
            continue;
        }
        const std::size_t len = decode_utf8_at(text, i).length;
        const bool ok = len != 0;
        if (ok) {
            out.append(text.substr(i, len));
            i += len;
        } else {
            out += '?';
            ++i;
        }
    }
    return out;
}

std::string quote_for_message(std::string_view text, std::size_t max_chars) {
    // Sanitize only a bounded prefix: a quoted value may be megabytes long.
    const std::string clean = sanitize_for_message(text.substr(0, max_chars * 4 + 4));
    std::string out = "\"";
    std::size_t chars = 0;
    for (std::size_t i = 0; i < clean.size(); ++i) {
        const auto b = static_cast<unsigned char>(clean[i]);
        if ((b & 0xC0u) != 0x80u) {
            if (chars == max_chars) {
                out += "\xE2\x80\xA6";  // ellipsis
                break;
            }
            ++chars;
        }
        out += clean[i];
    }
    out += '"';
    return out;
}

}  // namespace upstander
