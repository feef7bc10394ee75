#include "pack_lint.hpp"

#include "json_locator.hpp"
#include "readability.hpp"
#include "text_markup.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <tuple>

namespace upstander {

namespace fs = std::filesystem;

bool is_placeholder_text(std::string_view text) {
    return text.rfind("Write ", 0) == 0 && text.find(" here") != std::string_view::npos;
}

std::string visible_text(const Step& step) {
    std::string out;
    auto line = [&out](std::string_view s) {
        if (s.empty()) return;
        if (!out.empty()) out += '\n';
        out += s;
    };
    line(step.heading);
    line(step.subtitle);
    for (const TextBlock& b : step.body) line(plain_text(b));
    for (const std::string& p : step.prompts) line(p);
    if (step.poll) {
        line(step.poll->question);
        if (step.poll->kind == PollKind::Single)
            for (const PollOption& o : step.poll->options) line(o.label);
    }
    for (const ChoiceDef& c : step.choices) line(c.label);
    if (step.image) line(step.image->caption);
    return out;
}

namespace {

class Linter {
public:
    Linter(const LintOptions& options, std::vector<Diagnostic>& out) : options_(options), out_(out) {}

    void warn(const std::string& file, std::string pointer, std::string message) {
        out_.push_back({Diagnostic::Severity::Warning, file, std::move(pointer), 0, 0, std::move(message)});
    }

    void placeholder(const std::string& file, const std::string& pointer, std::string_view text) {
        if (is_placeholder_text(text))
            warn(file, pointer, "placeholder text " + quote_for_message(text) + " still needs replacing");
    }

    void body_placeholders(const Step& s, const std::string& pointer) {
        std::vector<std::string> found;
        for (const TextBlock& b : s.body) {
            std::string t = plain_text(b);
            if (is_placeholder_text(t)) found.push_back(std::move(t));
        }
        if (found.empty()) return;
        std::string msg = "placeholder text " + quote_for_message(found.front()) + " still needs replacing";
        if (found.size() > 1) msg += " (and " + std::to_string(found.size() - 1) + " more in this body)";
        warn(s.source_file, pointer, msg);
    }

    void step(const Step& s) {
        const std::string& f = s.source_file;
        const std::string& p = s.source_pointer;
        if (s.facilitator_notes.empty())
            warn(f, p, std::string("this ") + to_string(s.type) +
                           " step has no facilitator notes; add \"facilitator_notes\" with timings, sources or safeguarding reminders");
        placeholder(f, child_pointer(p, "facilitator_notes"), s.facilitator_notes);
        placeholder(f, child_pointer(p, "heading"), s.heading);
        placeholder(f, child_pointer(p, "subtitle"), s.subtitle);
        body_placeholders(s, child_pointer(p, "body"));
        for (std::size_t i = 0; i < s.prompts.size(); ++i)
            placeholder(f, child_pointer(child_pointer(p, "prompts"), i), s.prompts[i]);
        for (std::size_t i = 0; i < s.choices.size(); ++i) {
            const std::string cp = child_pointer(child_pointer(p, "choices"), i);
            placeholder(f, child_pointer(cp, "label"), s.choices[i].label);
        }
        if (s.video && s.video->captions.empty())
            warn(f, p, "this video has no captions; add \"captions\" with a .vtt file so everyone can follow it");
        if (s.image) {
            if (s.image->alt.empty() || s.image->alt.find_first_not_of(" \t\n") == std::string::npos)
                warn(f, child_pointer(p, "alt"),
                     "this image has no alt text; describe the picture for someone who cannot see it");
            placeholder(f, child_pointer(p, "alt"), s.image->alt);
            placeholder(f, child_pointer(p, "caption"), s.image->caption);
        }
        if (s.poll) {
            if (s.poll->measure.empty())
                warn(f, p, "poll \"" + s.poll->id +
                               "\" has no \"measure\"; add one (such as \"would-report\") so reports can group its results");
            placeholder(f, child_pointer(p, "question"), s.poll->question);
        }
        readability(s);
        for (const ChoiceDef& c : s.choices)
            for (const Step& cons : c.consequence) step(cons);
    }

    void readability(const Step& s) {
        const TextStats st = text_stats(visible_text(s));
        if (st.words < options_.min_words) return;
        const double grade = flesch_kincaid_grade(st);
        if (grade <= options_.max_grade) return;
        char buf[200];
        std::snprintf(buf, sizeof buf,
                      "reads at about grade %.1f (reading age about %.0f), above the target of grade %.1f "
                      "(%d words, %d sentences, %d syllables); try shorter sentences and shorter words",
                      grade, grade + 5.0, options_.max_grade, st.words, st.sentences, st.syllables);
        warn(s.source_file, s.source_pointer, buf);
    }

private:
    const LintOptions& options_;
    std::vector<Diagnostic>& out_;
};

}  // namespace

std::vector<Diagnostic> lint_pack(const Pack& pack, const LintOptions& options) {
    std::vector<Diagnostic> out;
    Linter lint(options, out);
    // Show pack.json relative to the working folder when it is below it, as the loader's messages are.
    std::error_code ec;
    fs::path shown = (pack.dir / "pack.json").lexically_proximate(fs::current_path(ec));
    if (ec || shown.empty() || *shown.begin() == "..") shown = pack.dir / "pack.json";
    const std::string pack_json = shown.generic_string();
    lint.placeholder(pack_json, "/title", pack.title);
    lint.placeholder(pack_json, "/description", pack.description);
    for (std::size_t i = 0; i < pack.authors.size(); ++i)
        lint.placeholder(pack_json, child_pointer("/authors", i), pack.authors[i]);
    for (std::size_t i = 0; i < pack.workshops.size(); ++i) {
        const std::string wp = child_pointer("/workshops", i);
        lint.placeholder(pack_json, child_pointer(wp, "title"), pack.workshops[i].title);
        lint.placeholder(pack_json, child_pointer(wp, "description"), pack.workshops[i].description);
    }
    for (const Module& m : pack.modules) {
        const std::string file = m.steps.empty() ? m.file.generic_string() : m.steps.front().source_file;
        lint.placeholder(file, "/title", m.title);
        lint.placeholder(file, "/summary", m.summary);
        for (const Step& s : m.steps) lint.step(s);
    }
    fill_positions(out);
    // Reading order: files in the order first seen, then by position.
    std::map<std::string, std::size_t> file_order;
    for (const Diagnostic& d : out) file_order.emplace(d.file, file_order.size());
    std::stable_sort(out.begin(), out.end(), [&file_order](const Diagnostic& a, const Diagnostic& b) {
        return std::tuple(file_order[a.file], a.line, a.column) < std::tuple(file_order[b.file], b.line, b.column);
    });
    return out;
}

}  // namespace upstander
