#pragma once
// Lint: advice for editors that is not an error (upstander-pack lint). Runs on packs that loaded.

#include "pack_loader.hpp"

#include <string_view>
#include <vector>

namespace upstander {

struct LintOptions {
    double max_grade = 7.0;  // Flesch-Kincaid grade; 7 is a reading age of about 12
    int min_words = 10;      // shorter texts are not scored: the formula is noisy on a few words
};

// Scaffolded text that an editor still has to replace starts with "Write " and says " here".
bool is_placeholder_text(std::string_view text);

// The text pupils see on a step (headings, body, prompts, question, options, choices, caption),
// one line per part, for readability scoring.
std::string visible_text(const Step& step);

// Warnings: missing facilitator notes, a video without captions, an image without alt text,
// a poll without a measure, text above the target reading level, and placeholder text.
// Positions (line:column) are filled in from the files.
std::vector<Diagnostic> lint_pack(const Pack& pack, const LintOptions& options);

}  // namespace upstander
