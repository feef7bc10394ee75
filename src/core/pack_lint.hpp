#pragma once
// Lint: advice for editors that is not an error (upstander-pack lint). Runs on packs that loaded.

#include "pack_loader.hpp"

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace upstander {

struct LintOptions {
    double max_grade = 7.0;  // Flesch-Kincaid grade; 7 is a reading age of about 12
    int min_words = 10;      // shorter texts are not scored: the formula is noisy on a few words
};

// Lengths above which lint warns that text will not fit the screen at a readable size.
inline constexpr int kMaxQuestionWords = 40;
inline constexpr int kMaxHeadingWords = 15;
inline constexpr int kMaxLabelWords = 20;
inline constexpr std::size_t kMaxWordBytes = 40;  // one "word" with no space (a URL, a pasted string)

// Scaffolded text that an editor still has to replace starts with "Write " and says " here".
bool is_placeholder_text(std::string_view text);

// The text pupils see on a step (headings, body, prompts, question, options, choices, caption),
// one line per part, for readability scoring.
std::string visible_text(const Step& step);

// Warnings: missing facilitator notes, a video without captions, an image without alt text, text too
// long for the screen (a question over 40 words, a heading over 15, an answer or choice over 20),
// a poll without a measure, text above the target reading level, placeholder text, and facilitator
// notes that hold developer text (tool or script names, "For editors").
// Positions (line:column) are filled in from the files.
std::vector<Diagnostic> lint_pack(const Pack& pack, const LintOptions& options);

// The minutes in a step's "Timing: about N min." note (N may be a decimal such as 1.5), if it has one.
std::optional<double> step_timing_minutes(std::string_view facilitator_notes);

// Warnings about the pack's resolved workshops (modules borrowed from other packs included): step
// timings that do not add up to the workshop's length (more than it, or less than three quarters of
// it), steps without a timing, and an under-18 workshop that never shows pupils where to get help
// (999, 101, True Vision, Childline and a trusted adult). Positions point into pack.json.
std::vector<Diagnostic> lint_workshops(const Library& library, const Pack& pack);

// A clip that the pack marks as a stand-in ("sample": true in media/NAME.clip.json next to
// media/NAME.mp4), to be replaced by the partnership's own footage.
struct SampleMedia {
    std::filesystem::path file;   // the video, absolute
    std::filesystem::path sidecar;
    std::string step_file;        // where it is used
    std::string step_pointer;
};

// Every video of the pack whose sidecar says "sample": true, in module order. A sidecar that cannot be
// read as JSON is a warning in `problems`.
std::vector<SampleMedia> sample_media(const Pack& pack, std::vector<Diagnostic>* problems = nullptr);

}  // namespace upstander
