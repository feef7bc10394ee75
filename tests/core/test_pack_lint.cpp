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
