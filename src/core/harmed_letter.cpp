#include "harmed_letter.hpp"

#include "atomic_file.hpp"
#include "json_reader.hpp"  // is_blank
#include "pack_loader_programme.hpp"

#include <algorithm>

namespace upstander {

namespace fs = std::filesystem;

namespace {

void wipe(std::string& s) {
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
    s.shrink_to_fit();
}

std::string escape(const std::string& t) {
    std::string out;
    for (char c : t) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\n': out += "<br>"; break;
            default: out += c;
        }
    }
    return out;
}

const std::string kNoAnswer = "No answer was given.";

}  // namespace

Result<void> HarmedQuestions::add(const std::string& question) {
    if (questions_.size() >= static_cast<std::size_t>(kMaxHarmedQuestions))
        return Error{"there can be at most " + std::to_string(kMaxHarmedQuestions) + " questions"};
    if (is_blank(question)) return Error{"type the question first"};
    if (question.size() > kMaxHarmedQuestionChars) return Error{"the question is too long; shorten it or split it in two"};
    questions_.push_back(question);
    answers_.emplace_back();
    return {};
}

void HarmedQuestions::remove(std::size_t i) {
    if (i >= questions_.size()) return;
    wipe(questions_[i]);
    wipe(answers_[i]);
    questions_.erase(questions_.begin() + static_cast<std::ptrdiff_t>(i));
    answers_.erase(answers_.begin() + static_cast<std::ptrdiff_t>(i));
}

Result<void> HarmedQuestions::set_answer(std::size_t i, const std::string& answer) {
    if (i >= answers_.size()) return Error{"there is no such question"};
    if (answer.size() > kMaxHarmedAnswerChars) return Error{"the answer is too long to keep in one letter"};
    wipe(answers_[i]);
    answers_[i] = answer;
    return {};
}

void HarmedQuestions::forget() {
    for (std::string& s : questions_) wipe(s);
    for (std::string& s : answers_) wipe(s);
    questions_.clear();
    answers_.clear();
}

std::string harmed_letter_html(const HarmedQuestions& q, const std::string& heading, const std::string& date) {
    std::string s = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(heading) +
                    "</title>\n<style>@page{size:A4;margin:20mm}body{font-family:Georgia,serif;font-size:12pt;"
                    "line-height:1.5;max-width:170mm;margin:0 auto}h1{font-size:18pt}.q{font-weight:bold;margin-top:1.2em}"
                    ".a{margin:0.3em 0 0 1.5em;white-space:normal}.date{color:#444}</style>\n</head>\n<body>\n<h1>" +
                    escape(heading) + "</h1>\n<p class=\"date\">" + escape(date) + "</p>\n";
    for (std::size_t i = 0; i < q.size(); ++i) {
        s += "<p class=\"q\">" + std::to_string(i + 1) + ". " + escape(q.question(i)) + "</p>\n";
        s += "<p class=\"a\">" + escape(is_blank(q.answer(i)) ? kNoAnswer : q.answer(i)) + "</p>\n";
    }
    return s + "</body>\n</html>\n";
}

std::string harmed_letter_text(const HarmedQuestions& q, const std::string& heading, const std::string& date) {
    std::string s = heading + "\n" + date + "\n";
    for (std::size_t i = 0; i < q.size(); ++i) {
        s += '\n';
        s += std::to_string(i + 1);
        s += ". ";
        s += q.question(i);
        s += "\n\n";
        s += is_blank(q.answer(i)) ? kNoAnswer : q.answer(i);
        s += '\n';
    }
    return s;
}

Result<std::vector<fs::path>> write_harmed_letter(const fs::path& folder, const HarmedQuestions& q, const std::string& heading,
                                                  const std::string& date) {
    std::error_code ec;
    if (folder.empty() || !fs::is_directory(folder, ec))
        return Error{"choose a folder that exists, for example a USB stick"};
    std::string stem = "answers-" + date;
    for (int n = 2; fs::exists(folder / (stem + ".html"), ec) || fs::exists(folder / (stem + ".txt"), ec); ++n)
        stem = "answers-" + date + "-" + std::to_string(n);
    const fs::path html = folder / (stem + ".html");
    const fs::path text = folder / (stem + ".txt");
    if (std::string err = write_file_atomically(html, harmed_letter_html(q, heading, date)); !err.empty()) return Error{err};
    if (std::string err = write_file_atomically(text, harmed_letter_text(q, heading, date)); !err.empty()) return Error{err};
    return std::vector<fs::path>{html, text};
}

}  // namespace upstander
