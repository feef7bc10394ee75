#pragma once
// Readability estimates for lint: the Flesch-Kincaid grade level (Kincaid, Fishburne, Rogers and
// Chissom, 1975: grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59) with a heuristic
// English syllable counter. US grade + 5 is roughly the reading age, so grade 7 is about age 12.

#include <string_view>

namespace upstander {

// Estimated syllables in one English word (letters and apostrophes; at least 1). Rules: vowel
// groups (a e i o u y) count one each; a final silent "e" is dropped (but not "-le" after a
// consonant, as in "table"); "-ed" is silent except after t or d; "-es" is silent after a consonant
// other than c, g, s, x, z, ch or sh; words of up to three letters have one syllable.
int estimate_syllables(std::string_view word);

struct TextStats {
    int sentences = 0;
    int words = 0;
    int syllables = 0;
};

// Counts words (runs of letters, apostrophes and inner hyphens; a hyphenated word is one word whose
// syllables are those of its parts; numbers are not counted), sentences (ended by ".", "!" or "?",
// or by a line break after words without a full stop, as in headings and bullets) and syllables.
TextStats text_stats(std::string_view text);

// 0.39 * words/sentences + 11.8 * syllables/words - 15.59; 0 when there are no words.
double flesch_kincaid_grade(const TextStats& stats);

}  // namespace upstander
