// Readability: syllable estimates and Flesch-Kincaid grades, checked against values worked by hand.
// Formula: grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
// (Kincaid, Fishburne, Rogers and Chissom, 1975, Research Branch Report 8-75, US Naval Technical
// Training Command). Syllable counts below were counted by hand from standard dictionary
// syllabification (dis-crim-i-na-tion, com-mu-ni-ties), and the estimator must agree on these words.

#include "core/readability.hpp"

#include <catch2/catch.hpp>

using namespace upstander;

TEST_CASE("syllable estimates agree with the dictionary on common words", "[readability]") {
    struct Word {
        const char* word;
        int syllables;
    };
    for (const Word& w : {Word{"cat", 1}, Word{"the", 1}, Word{"hate", 1}, Word{"crime", 1}, Word{"are", 1},
                          Word{"they", 1}, Word{"against", 2}, Word{"someone", 2}, Word{"because", 2},
                          Word{"people", 2}, Word{"table", 2}, Word{"whole", 1}, Word{"jumped", 1},
                          Word{"played", 1}, Word{"wanted", 2}, Word{"needed", 2}, Word{"makes", 1},
                          Word{"changes", 2}, Word{"boxes", 2}, Word{"communities", 4}, Word{"prejudice", 3},
                          Word{"discrimination", 5}, Word{"unacceptable", 5}, Word{"happy", 2},
                          Word{"don't", 1}, Word{"Report", 2}, Word{"identity", 4}, Word{"religion", 3}}) {
        INFO(w.word);
        CHECK(estimate_syllables(w.word) == w.syllables);
    }
    CHECK(estimate_syllables("") == 0);
    CHECK(estimate_syllables("123") == 0);
}

TEST_CASE("text statistics count words, sentences and syllables", "[readability]") {
    const TextStats s = text_stats("The cat sat on the mat.");
    CHECK(s.words == 6);
    CHECK(s.sentences == 1);
    CHECK(s.syllables == 6);

    // Headings and bullets without full stops end at the line break; "!!" ends one sentence.
    const TextStats h = text_stats("How to report\n- Call 999 now!!\nTell a trusted adult");
    CHECK(h.sentences == 3);
    CHECK(h.words == 9);  // "999" is not counted as a word

    // A hyphenated word is one word with the syllables of both parts.
    const TextStats hy = text_stats("hate-crime");
    CHECK(hy.words == 1);
    CHECK(hy.syllables == 2);

    // Decimal points do not end sentences.
    CHECK(text_stats("It costs 2.50 today. Yes.").sentences == 2);
    CHECK(text_stats("").words == 0);
}

TEST_CASE("Flesch-Kincaid grades worked by hand", "[readability]") {
    // 6 words, 1 sentence, 6 syllables: 0.39*6 + 11.8*1 - 15.59 = -1.45
    CHECK(flesch_kincaid_grade(text_stats("The cat sat on the mat.")) == Approx(-1.45).margin(1e-9));

    // "A hate crime is a crime against someone because of who they are."
    // 13 words; syllables 1+1+1+1+1+1+2+2+2+1+1+1+1 = 16; 1 sentence.
    // 0.39*13 + 11.8*16/13 - 15.59 = 5.07 + 14.523077 - 15.59 = 4.003077
    const TextStats a = text_stats("A hate crime is a crime against someone because of who they are.");
    CHECK(a.words == 13);
    CHECK(a.syllables == 16);
    CHECK(flesch_kincaid_grade(a) == Approx(4.003077).margin(1e-5));

    // "Discrimination is unacceptable. Prejudice affects communities."
    // 6 words, 2 sentences; syllables 5+1+5+3+2+4 = 20.
    // 0.39*3 + 11.8*20/6 - 15.59 = 1.17 + 39.333333 - 15.59 = 24.913333
    const TextStats b = text_stats("Discrimination is unacceptable. Prejudice affects communities.");
    CHECK(b.sentences == 2);
    CHECK(b.syllables == 20);
    CHECK(flesch_kincaid_grade(b) == Approx(24.913333).margin(1e-5));

    CHECK(flesch_kincaid_grade(TextStats{}) == 0.0);
}
