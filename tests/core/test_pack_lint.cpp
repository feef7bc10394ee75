// Lint (advice that is not an error) and the scaffolds of upstander-pack new-pack / new-module.

#include "core/pack_lint.hpp"
#include "core/pack_scaffold.hpp"
#include "pack_test_util.hpp"

#include <set>

using namespace upstander;
using namespace upstander::test;

namespace {

std::size_t count_containing(const std::vector<Diagnostic>& diags, const std::string& text) {
    std::size_t n = 0;
    for (const Diagnostic& d : diags) n += d.message.find(text) != std::string::npos;
    return n;
}

}  // namespace

TEST_CASE("lint warns about notes, captions, alt text, measures and reading level", "[lint]") {
    TempDir tmp;
    PackBuilder b;
    b.steps()[0]["facilitator_notes"] = "Notes.";
    b.raw_files["media/clip.mp4"] = std::string(1, 'x');  // (a literal trips GCC 12's false -Wrestrict here)
    b.raw_files["media/pic.png"] = std::string("\x89PNG\r\n\x1A\n", 8);
    b.steps().push_back({{"type", "video"}, {"src", "media/clip.mp4"}, {"facilitator_notes", "n"}});
    b.steps().push_back({{"type", "image"}, {"src", "media/pic.png"}, {"alt", ""}, {"facilitator_notes", "n"}});
    b.steps().push_back({{"type", "poll"}, {"id", "p"}, {"question", "Q?"}, {"kind", "yes-no"}, {"facilitator_notes", "n"}});
    b.steps().push_back({{"type", "text"},
                         {"heading", "Institutional discrimination"},
                         {"body", "Institutional discrimination systematically disadvantages individuals belonging to "
                                  "particular communities, perpetuating inequality across generations."},
                         {"facilitator_notes", "n"}});
    b.steps().push_back({{"type", "text"}, {"heading", "Easy"}, {"body", "We can all help. Tell a trusted adult. Be kind to each other."}});
    b.write(tmp.path() / "test-pack");
    const PackLoadResult r = load_pack(tmp.path() / "test-pack");
    INFO(dump_diags(r.diagnostics));
    REQUIRE(r.ok());

    const std::vector<Diagnostic> w = lint_pack(*r.pack, LintOptions{});
    INFO(dump_diags(w));
    const std::string f = "modules/intro.json";
    CHECK(find_diag(w, f, "/steps/1") != nullptr);
    CHECK_THAT(find_diag(w, f, "/steps/1")->message, Catch::Contains("video has no captions"));
    REQUIRE(find_diag(w, f, "/steps/2/alt") != nullptr);
    CHECK_THAT(find_diag(w, f, "/steps/2/alt")->message, Catch::Contains("no alt text"));
    REQUIRE(find_diag(w, f, "/steps/3") != nullptr);
    CHECK_THAT(find_diag(w, f, "/steps/3")->message, Catch::Contains("has no \"measure\""));
    REQUIRE(find_diag(w, f, "/steps/4") != nullptr);
    CHECK_THAT(find_diag(w, f, "/steps/4")->message, Catch::Contains("above the target of grade 7.0"));
    REQUIRE(find_diag(w, f, "/steps/5") != nullptr);
    CHECK_THAT(find_diag(w, f, "/steps/5")->message, Catch::Contains("no facilitator notes"));
    CHECK(count_containing(w, "no facilitator notes") == 1);  // only the last step lacks notes
    CHECK(count_containing(w, "reads at about grade") == 1);  // the easy text passes
    for (const Diagnostic& d : w) {
        CHECK(d.severity == Diagnostic::Severity::Warning);
        CHECK(d.line > 0);
    }

    LintOptions lenient;
    lenient.max_grade = 40;
    CHECK(count_containing(lint_pack(*r.pack, lenient), "reads at about grade") == 0);
}

TEST_CASE("the bundled demo pack validates and lints cleanly", "[lint][demo]") {
    const fs::path demo = fs::path(UPSTANDER_SOURCE_DIR) / "content" / "packs" / "demo";
    const Library lib = load_library({demo});
    INFO(dump_diags(lib.diagnostics));
    CHECK(lib.diagnostics.empty());
    REQUIRE(lib.packs.size() == 1);
    const std::vector<Diagnostic> w = lint_pack(lib.packs[0], LintOptions{});
    INFO(dump_diags(w));
    CHECK(w.empty());
    const std::vector<Diagnostic> ww = lint_workshops(lib, lib.packs[0]);
    INFO(dump_diags(ww));
    CHECK(ww.empty());

    // It demonstrates every module type, step type and poll kind, with a pre/post pair.
    const ResolvedWorkshop* tour = lib.find_workshop("demo-tour");
    REQUIRE(tour != nullptr);
    CHECK(tour->has_pre_post_pairs);
    std::set<ModuleType> module_types;
    std::set<StepType> step_types;
    std::set<PollKind> poll_kinds;
    for (const Module* m : tour->modules) {
        module_types.insert(m->type);
        for (const Step& s : m->steps) {
            step_types.insert(s.type);
            if (s.poll) poll_kinds.insert(s.poll->kind);
            CHECK_FALSE(s.facilitator_notes.empty());
            for (const ChoiceDef& c : s.choices) {
                step_types.insert(c.consequence.at(0).type);
                CHECK_FALSE(c.consequence.at(0).facilitator_notes.empty());
            }
        }
    }
    CHECK(module_types.size() == 3);
    CHECK(step_types.size() == 8);  // the seven step types and consequences
    CHECK(poll_kinds.size() == 3);
}

TEST_CASE("placeholder text is recognised", "[lint]") {
    CHECK(is_placeholder_text("Write your heading here"));
    CHECK(is_placeholder_text("Write the situation here, in two or three short sentences."));
    CHECK_FALSE(is_placeholder_text("Write down what happened"));
    CHECK_FALSE(is_placeholder_text("Here we write"));
}

TEST_CASE("scaffolded packs and modules validate and lint only about placeholders", "[lint][scaffold]") {
    TempDir tmp;
    const fs::path dir = tmp.path() / "new-pack";
    write_file(dir / "pack.json", scaffold_pack_json("new-pack", "A new pack"));
    write_file(dir / "modules" / "welcome.json", scaffold_module_json(ModuleType::Topic, "welcome", "Welcome"));
    write_file(dir / "modules" / "story.json", scaffold_module_json(ModuleType::CaseStudy, "story", "A story"));
    write_file(dir / "modules" / "chat.json", scaffold_module_json(ModuleType::Scenario, "chat", "Group chat"));
    const Library lib = load_library({dir});
    INFO(dump_diags(lib.diagnostics));
    CHECK(lib.diagnostics.empty());
    REQUIRE(lib.packs.size() == 1);
    const Pack& p = lib.packs[0];
    CHECK(p.id == "new-pack");
    CHECK(p.title == "A new pack");
    REQUIRE(p.modules.size() == 3);
    CHECK(p.modules[0].type == ModuleType::Scenario);  // chat.json comes first by name
    CHECK(p.modules[1].type == ModuleType::CaseStudy);
    CHECK(p.modules[2].type == ModuleType::Topic);
    REQUIRE(lib.workshops.size() == 1);
    CHECK(lib.workshops[0].def->id == scaffold_workshop_id("new-pack"));
    CHECK(lib.workshops[0].def->id == "new-pack-session");

    const std::vector<Diagnostic> w = lint_pack(p, LintOptions{});
    INFO(dump_diags(w));
    CHECK(w.size() > 10);
    for (const Diagnostic& d : w) CHECK_THAT(d.message, Catch::StartsWith("placeholder text"));

    CHECK(scaffold_workshop_id(std::string(60, 'a')) == std::string(60, 'a'));  // "-session" would pass 64
}

namespace {

// Loads the builder's pack through the library (as upstander-pack lint does) and lints its workshops.
std::vector<Diagnostic> workshop_lint(const PackBuilder& b, const TempDir& tmp) {
    const fs::path dir = tmp.path() / "test-pack";
    b.write(dir);
    const Library lib = load_library({dir});
    INFO(dump_diags(lib.diagnostics));
    REQUIRE(lib.packs.size() == 1);
    REQUIRE(lib.workshops.size() == 1);
    return lint_workshops(lib, lib.packs[0]);
}

json timed_text(const std::string& minutes, const std::string& body = "Some text.") {
    return {{"type", "text"}, {"heading", "A step"}, {"body", body}, {"facilitator_notes", "Timing: about " + minutes + " min.\n\nMore."}};
}

}  // namespace

TEST_CASE("step timings are read from the facilitator notes", "[lint][timing]") {
    CHECK(step_timing_minutes("Timing: about 2 min.") == 2.0);
    CHECK(step_timing_minutes("Timing: about 1.5 min, including the reveal.") == 1.5);
    CHECK(step_timing_minutes("Timing: about 0.5 min (the clip is 30 seconds).") == 0.5);
    CHECK_FALSE(step_timing_minutes("Timing: a few minutes.").has_value());
    CHECK_FALSE(step_timing_minutes("Timing: about 2 hours.").has_value());
    CHECK_FALSE(step_timing_minutes("No timing here.").has_value());
}

TEST_CASE("lint warns when a workshop's step timings do not add up to its length", "[lint][timing]") {
    TempDir tmp;
    PackBuilder b;  // a 10-minute workshop
    b.steps() = json::array({timed_text("6"), timed_text("6")});
    std::vector<Diagnostic> w = workshop_lint(b, tmp);
    INFO(dump_diags(w));
    REQUIRE(find_diag(w, "pack.json", "/workshops/0/duration_minutes") != nullptr);
    CHECK_THAT(find_diag(w, "pack.json", "/workshops/0/duration_minutes")->message,
               Catch::Contains("add up to about 12 min, more than its 10 minutes"));
    CHECK(find_diag(w, "pack.json", "/workshops/0/duration_minutes")->line > 0);

    // Far shorter than stated: the length is wrong the other way.
    b.steps() = json::array({timed_text("2")});
    w = workshop_lint(b, tmp);
    REQUIRE(find_diag(w, "pack.json", "/workshops/0/duration_minutes") != nullptr);
    CHECK_THAT(find_diag(w, "pack.json", "/workshops/0/duration_minutes")->message,
               Catch::Contains("add up to only about 2 min of its 10 minutes"));

    // With a little slack it is fine.
    b.steps() = json::array({timed_text("4.5"), timed_text("4")});
    CHECK(workshop_lint(b, tmp).empty());

    // A step without a timing is named.
    b.steps() = json::array({timed_text("4.5"), timed_text("4"), json{{"type", "title"}, {"heading", "Hi"}, {"facilitator_notes", "Say hello."}}});
    w = workshop_lint(b, tmp);
    REQUIRE(find_diag(w, "pack.json", "/workshops/0") != nullptr);
    CHECK_THAT(find_diag(w, "pack.json", "/workshops/0")->message,
               Catch::Contains("1 of 3 steps have no timing") && Catch::Contains("/steps/2"));
}

TEST_CASE("lint warns about an under-18 workshop that shows pupils no support route", "[lint][support]") {
    TempDir tmp;
    PackBuilder b;
    b.pack["workshops"][0]["audience"] = "under-18";
    b.steps() = json::array({timed_text("4", "Hate crime hurts. Call 999 in an emergency.")});
    std::vector<Diagnostic> w = workshop_lint(b, tmp);
    INFO(dump_diags(w));
    REQUIRE(find_diag(w, "pack.json", "/workshops/0") != nullptr);
    CHECK_THAT(find_diag(w, "pack.json", "/workshops/0")->message,
               Catch::Contains("no pupil screen in it shows 101, True Vision, Childline (0800 1111) or a trusted adult"));

    // Notes do not count: pupils do not see them.
    b.steps()[0]["facilitator_notes"] = "Timing: about 8 min.\n\nMention 101, True Vision, Childline and a trusted adult.";
    CHECK(find_diag(workshop_lint(b, tmp), "pack.json", "/workshops/0") != nullptr);

    // On screen, in a bulleted list: fine.
    b.steps().push_back({{"type", "text"},
                         {"heading", "Where to get help"},
                         {"body", json::array({"- 999 in an emergency", "- 101", "- True Vision: report-it.org.uk",
                                               "- Childline: 0800 1111", "- A trusted adult"})},
                         {"facilitator_notes", "Timing: about 1 min."}});
    w = workshop_lint(b, tmp);
    INFO(dump_diags(w));
    CHECK(w.empty());

    // Adult workshops are not asked for Childline.
    b.pack["workshops"][0]["audience"] = "adult";
    b.steps().erase(1);
    CHECK(workshop_lint(b, tmp).empty());
}

TEST_CASE("lint warns about developer text in facilitator notes", "[lint][notes]") {
    TempDir tmp;
    PackBuilder b;
    b.steps()[0]["facilitator_notes"] = "Timing: about 1 min.\n\nThe clip was made with tools/make-sample-media.sh.";
    b.steps().push_back(timed_text("1"));
    b.steps()[1]["facilitator_notes"] = "Timing: about 1 min.\n\nFor editors: a text step has a heading and a body.";
    b.steps().push_back(timed_text("1"));
    b.steps()[2]["facilitator_notes"] = "Timing: about 1 min.\n\nThe picture comes from content/scripts/diagrams.py.";
    b.steps().push_back(timed_text("1"));  // clean
    b.write(tmp.path() / "test-pack");
    const PackLoadResult r = load_pack(tmp.path() / "test-pack");
    REQUIRE(r.ok());
    const std::vector<Diagnostic> w = lint_pack(*r.pack, LintOptions{});
    INFO(dump_diags(w));
    for (int i = 0; i < 3; ++i) {
        const Diagnostic* d = find_diag(w, "modules/intro.json", "/steps/" + std::to_string(i) + "/facilitator_notes");
        REQUIRE(d != nullptr);
        CHECK_THAT(d->message, Catch::Contains("facilitators read these notes during a session"));
    }
    CHECK(find_diag(w, "modules/intro.json", "/steps/3/facilitator_notes") == nullptr);
}

TEST_CASE("lint lists sample media marked in the clip's description", "[lint][sample]") {
    TempDir tmp;
    PackBuilder b;
    b.raw_files["media/clip.mp4"] = std::string(1, 'x');
    b.raw_files["media/clip.clip.json"] = R"({"title": "A clip", "sample": true})";
    b.raw_files["media/own.mp4"] = std::string(1, 'x');
    b.raw_files["media/own.clip.json"] = R"({"title": "Filmed by us", "sample": false})";
    b.raw_files["media/bare.mp4"] = std::string(1, 'x');
    b.raw_files["media/broken.mp4"] = std::string(1, 'x');
    b.raw_files["media/broken.clip.json"] = "{ not json";
    for (const char* name : {"clip", "own", "bare", "broken"})
        b.steps().push_back({{"type", "video"}, {"src", std::string("media/") + name + ".mp4"}, {"facilitator_notes", "n"}});
    b.write(tmp.path() / "test-pack");
    const PackLoadResult r = load_pack(tmp.path() / "test-pack");
    INFO(dump_diags(r.diagnostics));
    REQUIRE(r.ok());
    std::vector<Diagnostic> problems;
    const std::vector<SampleMedia> s = sample_media(*r.pack, &problems);
    REQUIRE(s.size() == 1);
    CHECK(s[0].file.filename() == "clip.mp4");
    CHECK(s[0].step_pointer == "/steps/1");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file.find("broken.clip.json") != std::string::npos);
    CHECK_THAT(problems[0].message, Catch::Contains("not a JSON object"));
}

TEST_CASE("the bundled packs lint cleanly: timings add up, help routes shown, no developer notes", "[lint][bundled]") {
    const fs::path packs = fs::path(UPSTANDER_SOURCE_DIR) / "content" / "packs";
    const Library lib = load_library({packs});
    INFO(dump_diags(lib.diagnostics));
    CHECK(lib.diagnostics.empty());
    REQUIRE(lib.packs.size() == 3);
    std::size_t samples = 0;
    for (const Pack& p : lib.packs) {
        INFO(p.id);
        const std::vector<Diagnostic> w = lint_pack(p, LintOptions{});
        INFO(dump_diags(w));
        CHECK(w.empty());
        const std::vector<Diagnostic> ww = lint_workshops(lib, p);
        INFO(dump_diags(ww));
        CHECK(ww.empty());
        std::vector<Diagnostic> problems;
        samples += sample_media(p, &problems).size();
        CHECK(problems.empty());
    }
    CHECK(samples == 5);  // every bundled clip is a sample, and says so
    CHECK(lib.workshops.size() == 8);
}

TEST_CASE("lint warns about text too long for the screen", "[lint][length]") {
    TempDir tmp;
    PackBuilder b;
    std::string long_question;
    for (int i = 0; i < 41; ++i) long_question += "word ";
    long_question += "end?";
    b.steps()[0]["facilitator_notes"] = "Notes.";
    b.steps().push_back({{"type", "poll"}, {"id", "p"}, {"question", long_question}, {"kind", "yes-no"},
                         {"measure", "m"}, {"facilitator_notes", "n"}});
    b.steps().push_back({{"type", "poll"}, {"id", "q"}, {"question", "A question of a fair length?"}, {"kind", "yes-no"},
                         {"measure", "m2"}, {"facilitator_notes", "n"}});
    b.steps().push_back({{"type", "text"}, {"heading", std::string(60, 'x')}, {"body", "Fine."}, {"facilitator_notes", "n"}});
    b.write(tmp.path() / "test-pack");
    const PackLoadResult r = load_pack(tmp.path() / "test-pack");
    INFO(dump_diags(r.diagnostics));
    REQUIRE(r.ok());
    const std::vector<Diagnostic> w = lint_pack(*r.pack, LintOptions{});
    INFO(dump_diags(w));
    const std::string f = "modules/intro.json";
    REQUIRE(find_diag(w, f, "/steps/1/question") != nullptr);
    CHECK_THAT(find_diag(w, f, "/steps/1/question")->message, Catch::Contains("of 42 words is more than 40"));
    CHECK(find_diag(w, f, "/steps/2/question") == nullptr);
    REQUIRE(find_diag(w, f, "/steps/3/heading") != nullptr);
    CHECK_THAT(find_diag(w, f, "/steps/3/heading")->message, Catch::Contains("a word of 60 characters"));
}
