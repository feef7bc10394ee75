#include "readability.hpp"

#include <string>

namespace upstander {

namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_word_byte(unsigned char c) {
    // ASCII letters, apostrophes, and any non-ASCII byte (accented letters, curly apostrophes).
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c >= 0x80;
}

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

}  // namespace

int estimate_syllables(std::string_view word) {
    std::string w;
    for (char c : word) {
        if (c >= 'A' && c <= 'Z') w += static_cast<char>(c - 'A' + 'a');
        else if (c >= 'a' && c <= 'z') w += c;
    }
    if (w.empty()) return 0;
    if (w.size() <= 3) return 1;
    auto consonant_at = [&w](std::size_t i) { return i < w.size() && !is_vowel(w[i]); };
    if (ends_with(w, "ed")) {
        const char before = w[w.size() - 3];
        if (before != 't' && before != 'd') w.resize(w.size() - 2);
    } else if (ends_with(w, "es")) {
        const std::size_t b = w.size() - 3;
        const bool sibilant = w[b] == 'c' || w[b] == 'g' || w[b] == 's' || w[b] == 'x' || w[b] == 'z' ||
                              (w[b] == 'h' && b > 0 && (w[b - 1] == 'c' || w[b - 1] == 's'));
        if (consonant_at(b) && !sibilant) w.resize(w.size() - 2);
    } else if (ends_with(w, "e") && !(ends_with(w, "le") && consonant_at(w.size() - 3))) {
        w.pop_back();
    }
    int groups = 0;
    bool in_group = false;
    for (char c : w) {
        const bool v = is_vowel(c);
        if (v && !in_group) ++groups;
        in_group = v;
    }
    return groups < 1 ? 1 : groups;
}

TextStats text_stats(std::string_view text) {
    TextStats st;
    bool open_sentence = false;  // words seen since the last sentence end
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (is_word_byte(c) && c != '\'') {
            // A word: letters, apostrophes and hyphens between letters.
            int syllables = 0;
            std::size_t part_start = i;
            while (i < text.size()) {
                const auto d = static_cast<unsigned char>(text[i]);
                if (is_word_byte(d)) {
                    ++i;
                } else if (d == '-' && i + 1 < text.size() && is_word_byte(static_cast<unsigned char>(text[i + 1]))) {
                    syllables += estimate_syllables(text.substr(part_start, i - part_start));
                    part_start = ++i;
                } else {
                    break;
                }
            }
            syllables += estimate_syllables(text.substr(part_start, i - part_start));
            if (syllables == 0) continue;  // no ASCII letters (an accented-only or symbol run)
            ++st.words;
            st.syllables += syllables;
            open_sentence = true;
            continue;
        }
        if (is_digit(c)) {
            while (i < text.size() && (is_digit(static_cast<unsigned char>(text[i])) || text[i] == ',' || text[i] == '.') &&
                   !(text[i] == '.' && (i + 1 >= text.size() || !is_digit(static_cast<unsigned char>(text[i + 1])))))
                ++i;
            continue;
        }
        if ((c == '.' || c == '!' || c == '?' || c == '\n') && open_sentence) {
            ++st.sentences;
            open_sentence = false;
        }
        ++i;
    }
    if (open_sentence) ++st.sentences;
    return st;
}

double flesch_kincaid_grade(const TextStats& s) {
    if (s.words == 0 || s.sentences == 0) return 0.0;
    return 0.39 * static_cast<double>(s.words) / s.sentences + 11.8 * static_cast<double>(s.syllables) / s.words -
           15.59;
}

}  // namespace upstander
