#pragma once
// The person harmed's questions (indirect restorative justice, content/FORMAT.md "harmed_questions"):
// held in memory only while the session runs, answered on the presenter screen, then written as an
// answer letter (HTML for A4 printing, and plain text) to a folder the practitioner chooses, and
// forgotten. Nothing here is ever part of a programme file, a session file, a report or a log.

#include "error.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace upstander {

inline constexpr std::size_t kMaxHarmedQuestionChars = 2000;
inline constexpr std::size_t kMaxHarmedAnswerChars = 10000;

class HarmedQuestions {
public:
    HarmedQuestions() = default;
    HarmedQuestions(const HarmedQuestions&) = delete;  // one copy in memory, wiped by forget()
    HarmedQuestions& operator=(const HarmedQuestions&) = delete;
    ~HarmedQuestions() { forget(); }

    // Up to kMaxHarmedQuestions (pack_loader_programme.hpp: 10) non-blank questions; an Error says why not.
    Result<void> add(const std::string& question);
    void remove(std::size_t index);
    Result<void> set_answer(std::size_t index, const std::string& answer);

    std::size_t size() const { return questions_.size(); }
    bool empty() const { return questions_.empty(); }
    const std::string& question(std::size_t i) const { return questions_[i]; }
    const std::string& answer(std::size_t i) const { return answers_[i]; }

    // Overwrites the text in memory and empties the list.
    void forget();

private:
    std::vector<std::string> questions_;
    std::vector<std::string> answers_;
};

// The letter: `heading` (the step's letter_heading), the day (YYYY-MM-DD) and each question with its
// answer ("No answer was given." for a blank one). The HTML is one self-contained page for A4.
std::string harmed_letter_html(const HarmedQuestions& q, const std::string& heading, const std::string& date);
std::string harmed_letter_text(const HarmedQuestions& q, const std::string& heading, const std::string& date);

// Writes "answers-<date>.html" and "answers-<date>.txt" into `folder` (which must exist), adding "-2",
// "-3", ... rather than replacing an earlier letter. Returns the two files written.
Result<std::vector<std::filesystem::path>> write_harmed_letter(const std::filesystem::path& folder,
                                                               const HarmedQuestions& q, const std::string& heading,
                                                               const std::string& date);

}  // namespace upstander
