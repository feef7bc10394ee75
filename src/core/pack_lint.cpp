#include "pack_lint.hpp"

#include "json_locator.hpp"
#include "readability.hpp"
#include "text_markup.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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

std::optional<double> step_timing_minutes(std::string_view notes) {
    constexpr std::string_view kLead = "Timing: about ";
    const std::size_t at = notes.find(kLead);
    if (at == std::string_view::npos) return std::nullopt;
    const std::string rest(notes.substr(at + kLead.size(), 16));
    char* end = nullptr;
    const double minutes = std::strtod(rest.c_str(), &end);
    if (end == rest.c_str() || minutes < 0 || minutes > 600) return std::nullopt;
    if (std::string_view(end).rfind(" min", 0) != 0) return std::nullopt;
    return minutes;
}

namespace {

// Words in facilitator notes that belong to editors or developers, not to a facilitator mid-session.
constexpr std::string_view kDeveloperWords[] = {"tools/", "scripts/", ".py", ".sh", ".clip.json", "upstander-pack",
                                                "For editors", "for editors:"};

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
        for (std::string_view word : kDeveloperWords)
            if (s.facilitator_notes.find(word) != std::string::npos) {
                warn(f, child_pointer(p, "facilitator_notes"),
                     "the facilitator notes mention \"" + std::string(word) +
                         "\": facilitators read these notes during a session, so keep how the media or the "
                         "pack were made in the pack's README.md instead");
                break;
            }
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
            too_long(f, child_pointer(p, "question"), s.poll->question, kMaxQuestionWords, "a poll question",
                     "the answers stay on screen, but the question shrinks and is cut off");
            for (std::size_t i = 0; i < s.poll->options.size(); ++i)
                too_long(f, child_pointer(child_pointer(p, "options"), i), s.poll->options[i].label, kMaxLabelWords,
                         "an answer", "it shrinks to fit its button");
        }
        too_long(f, child_pointer(p, "heading"), s.heading, kMaxHeadingWords, "a heading",
                 "it shrinks to fit and may be cut off");
        for (std::size_t i = 0; i < s.choices.size(); ++i)
            too_long(f, child_pointer(child_pointer(child_pointer(p, "choices"), i), "label"), s.choices[i].label,
                     kMaxLabelWords, "a choice", "it shrinks to fit its button");
        readability(s);
        for (const ChoiceDef& c : s.choices)
            for (const Step& cons : c.consequence) step(cons);
    }

    // Text longer than the screen can show at a size readable from the back of a room.
    void too_long(const std::string& f, const std::string& pointer, const std::string& text, int max_words,
                  const char* what, const char* effect) {
        int words = 0;
        bool in_word = false;
        std::size_t longest_word = 0, run = 0;
        for (char ch : text) {
            const bool space = ch == ' ' || ch == '\n' || ch == '\t';
            if (!space && !in_word) ++words;
            in_word = !space;
            run = space ? 0 : run + 1;
            longest_word = std::max(longest_word, run);
        }
        if (words > max_words)
            warn(f, pointer, std::string(what) + " of " + std::to_string(words) + " words is more than " +
                                 std::to_string(max_words) + " (" + effect + "); shorten it, and put detail in the notes");
        else if (longest_word > kMaxWordBytes)
            warn(f, pointer, std::string(what) + " holds a word of " + std::to_string(longest_word) +
                                 " characters with no space; it will be broken between letters");
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

namespace {

// Everything a pupil can see in a step, its consequences included, in one string.
void collect_visible(const Step& s, std::string& out) {
    out += visible_text(s);
    out += '\n';
    for (const ChoiceDef& c : s.choices)
        for (const Step& cons : c.consequence) collect_visible(cons, out);
}

struct SupportRoute {
    const char* name;
    std::vector<std::string_view> any_of;
};

const std::vector<SupportRoute>& support_routes() {
    static const std::vector<SupportRoute> routes = {
        {"999", {"999"}},
        {"101", {"101"}},
        {"True Vision", {"True Vision", "report-it.org.uk"}},
        {"Childline (0800 1111)", {"Childline", "0800 1111"}},
        {"a trusted adult", {"trusted adult"}},
    };
    return routes;
}

std::string format_minutes(double m) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", m);
    return buf;
}

}  // namespace

std::vector<Diagnostic> lint_workshops(const Library& library, const Pack& pack) {
    std::vector<Diagnostic> out;
    std::error_code ec;
    fs::path shown = (pack.dir / "pack.json").lexically_proximate(fs::current_path(ec));
    if (ec || shown.empty() || *shown.begin() == "..") shown = pack.dir / "pack.json";
    const std::string pack_json = shown.generic_string();
    auto warn = [&](std::string pointer, std::string message) {
        out.push_back({Diagnostic::Severity::Warning, pack_json, std::move(pointer), 0, 0, std::move(message)});
    };
    for (std::size_t i = 0; i < pack.workshops.size(); ++i) {
        const WorkshopDef& def = pack.workshops[i];
        const ResolvedWorkshop* w = library.find_workshop(def.id);
        if (!w || w->def->pack_id != pack.id) continue;  // not offered: the loader has said why
        const std::string wp = child_pointer("/workshops", i);

        // Timings: every step's "Timing: about N min." adds up; consequences are part of their choice.
        double total = 0;
        std::size_t timed = 0, untimed = 0;
        const Step* first_untimed = nullptr;
        std::string visible;
        for (const Module* m : w->modules)
            for (const Step& s : m->steps) {
                collect_visible(s, visible);
                if (is_placeholder_text(s.facilitator_notes)) continue;  // lint already asks for real notes
                if (auto t = step_timing_minutes(s.facilitator_notes)) {
                    total += *t;
                    ++timed;
                } else {
                    ++untimed;
                    if (!first_untimed) first_untimed = &s;
                }
            }
        if (timed > 0 && untimed > 0)
            warn(wp, "workshop \"" + def.id + "\": " + std::to_string(untimed) + " of " +
                         std::to_string(timed + untimed) +
                         " steps have no timing, so its length cannot be checked; start each step's notes with "
                         "\"Timing: about N min.\" (the first is " + first_untimed->source_file + " " +
                         first_untimed->source_pointer + ")");
        if (timed > 0) {
            const double length = def.duration_minutes;
            if (total > length)
                warn(child_pointer(wp, "duration_minutes"),
                     "workshop \"" + def.id + "\": the step timings in the facilitator notes add up to about " +
                         format_minutes(total) + " min, more than its " + std::to_string(def.duration_minutes) +
                         " minutes; cut or shorten steps (count polls at their real voting time), or raise "
                         "\"duration_minutes\"");
            else if (total < 0.75 * length)
                warn(child_pointer(wp, "duration_minutes"),
                     "workshop \"" + def.id + "\": the step timings add up to only about " + format_minutes(total) +
                         " min of its " + std::to_string(def.duration_minutes) +
                         " minutes; lower \"duration_minutes\" to the real length (leave a few minutes of slack, "
                         "not more than a quarter)");
        }

        // Under-18s: the pupils' own screens must show where to get help.
        if (def.audience == Audience::Under18) {
            std::vector<std::string> missing;
            for (const SupportRoute& r : support_routes()) {
                bool found = false;
                for (std::string_view needle : r.any_of) found = found || visible.find(needle) != std::string::npos;
                if (!found) missing.emplace_back(r.name);
            }
            if (!missing.empty()) {
                std::string list;
                for (std::size_t k = 0; k < missing.size(); ++k)
                    list += (k == 0 ? "" : k + 1 == missing.size() ? " or " : ", ") + missing[k];
                warn(wp, "workshop \"" + def.id + "\" is for under-18s but no pupil screen in it shows " + list +
                             "; end it with where to get help (999, 101, True Vision, Childline 0800 1111 and a "
                             "trusted adult), as the step-up/how-to-report module does");
            }
        }
    }
    fill_positions(out);
    return out;
}

std::vector<SampleMedia> sample_media(const Pack& pack, std::vector<Diagnostic>* problems) {
    std::vector<SampleMedia> out;
    std::map<fs::path, bool> seen;  // sidecar -> sample
    auto visit = [&](const Step& s, auto&& self) -> void {
        if (s.video) {
            fs::path sidecar = s.video->src;
            sidecar.replace_extension(".clip.json");
            auto it = seen.find(sidecar);
            if (it == seen.end()) {
                bool sample = false;
                std::error_code ec;
                if (fs::is_regular_file(sidecar, ec)) {
                    std::ifstream in(sidecar, std::ios::binary);
                    const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
                    if (j.is_discarded() || !j.is_object()) {
                        if (problems)
                            problems->push_back({Diagnostic::Severity::Warning, sidecar.string(), "", 0, 0,
                                                 "this clip description is not a JSON object, so lint cannot tell "
                                                 "whether the clip is a sample; fix the JSON"});
                    } else if (auto f = j.find("sample"); f != j.end()) {
                        if (f->is_boolean()) sample = f->get<bool>();
                        else if (problems)
                            problems->push_back({Diagnostic::Severity::Warning, sidecar.string(), "/sample", 0, 0,
                                                 "\"sample\" must be true or false"});
                    }
                }
                it = seen.emplace(sidecar, sample).first;
            }
            if (it->second) out.push_back({s.video->src, sidecar, s.source_file, s.source_pointer});
        }
        for (const ChoiceDef& c : s.choices)
            for (const Step& cons : c.consequence) self(cons, self);
    };
    for (const Module& m : pack.modules)
        for (const Step& s : m.steps) visit(s, visit);
    if (problems) fill_positions(*problems);
    return out;
}

}  // namespace upstander
