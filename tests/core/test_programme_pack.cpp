// Programmes in packs: "programmes" in pack.json, the impact_map, restorative_questions and
// harmed_questions steps, and the rules of the paired attitude scale (content/FORMAT.md).

#include "core/pack_loader.hpp"
#include "core/restorative_script.hpp"
#include "pack_test_util.hpp"

using namespace upstander;
using namespace upstander::test;

namespace {

fs::path programme_fixture() { return fs::path(UPSTANDER_TEST_DATA_DIR) / "programme-pack"; }

bool has_message(const std::vector<Diagnostic>& diags, const std::string& text) {
    for (const Diagnostic& d : diags)
        if (d.message.find(text) != std::string::npos) return true;
    return false;
}

json likert(const std::string& id, const std::string& measure, const std::string& phase, const std::string& intended) {
    return {{"type", "poll"}, {"id", id}, {"kind", "likert"}, {"question", "Q " + id},
            {"measure", measure}, {"phase", phase}, {"intended", intended}};
}

// A pack with one three-session programme "p1" over modules a (session 1), b (2) and c (3).
PackBuilder programme_builder() {
    PackBuilder b;
    b.pack["programmes"] = json::array({json{
        {"id", "p1"},
        {"title", "Programme"},
        {"audience", "adult"},
        {"sessions", json::array({json{{"title", "One"}, {"duration_minutes", 45}, {"modules", {"a"}}},
                                  json{{"title", "Two"}, {"duration_minutes", 45}, {"modules", {"b"}}},
                                  json{{"title", "Three"}, {"duration_minutes", 45}, {"modules", {"c"}}}})}}});
    for (const char* m : {"a", "b", "c"})
        b.modules[m] = {{"id", m}, {"type", "topic"}, {"title", m},
                        {"steps", json::array({json{{"type", "title"}, {"heading", "Hello"}}})}};
    b.steps("a").push_back(likert("pre-x", "x", "pre", "agree"));
    b.steps("c").push_back(likert("post-x", "x", "post", "agree"));
    return b;
}

Library load_built_library(const PackBuilder& b, const TempDir& tmp) {
    b.write(tmp.path() / "test-pack");
    return load_library({tmp.path()});
}

}  // namespace

TEST_CASE("the programme fixture pack loads with both programmes and their scales", "[programme][loader]") {
    Library lib = load_library({programme_fixture()});
    INFO(dump_diags(lib.diagnostics));
    REQUIRE(count_errors(lib.diagnostics) == 0);
    REQUIRE(lib.programmes.size() == 2);
    const ResolvedProgramme* young = lib.find_programme("test-programme-young");
    REQUIRE(young != nullptr);
    CHECK(young->def->audience == Audience::Under18);
    REQUIRE(young->sessions.size() == 3);
    CHECK(young->sessions[0].size() == 3);
    CHECK(young->def->sessions[1].title == "Session 2: Who was affected");
    CHECK(young->def->sessions[2].duration_minutes == 45);
    REQUIRE(young->scale.size() == 4);
    CHECK(young->scale[0].measure == "empathy");
    CHECK(young->scale[0].intended == PollIntended::Agree);
    CHECK(young->scale[1].intended == PollIntended::Disagree);
    CHECK(young->scale[0].pre->poll->id == "scale-pre-empathy");
    CHECK(young->scale[0].post->poll->id == "scale-post-empathy");
    CHECK(lib.find_programme("test-programme-adult")->def->audience == Audience::Adult);

    const Module* impact = lib.find_module("programme-test/impact", "");
    REQUIRE(impact != nullptr);
    const Step& map = impact->steps[0];
    CHECK(map.type == StepType::ImpactMap);
    REQUIRE(map.impact_map);
    CHECK(map.impact_map->centre == "What happened");
    CHECK(map.impact_map->ripples.size() == 3);
    REQUIRE(map.impact_map->categories.size() == 7);
    CHECK(map.impact_map->categories[0].id == "person-targeted");
    CHECK(!map.body.empty());

    const Step& rq = lib.find_module("programme-test/restorative", "")->steps[0];
    CHECK(rq.type == StepType::RestorativeQuestions);
    REQUIRE(rq.questions.size() == standard_restorative_script().size());
    CHECK(rq.questions[0].question == "What happened?");

    const Step& hq = lib.find_module("programme-test/harmed", "")->steps[0];
    CHECK(hq.type == StepType::HarmedQuestions);
    CHECK(hq.letter_heading == "Answers to your questions");
}

TEST_CASE("restorative questions written out keep their practitioner prompts", "[programme][loader]") {
    TempDir tmp;
    PackBuilder b = programme_builder();
    b.steps("b").push_back({{"type", "restorative_questions"},
                            {"heading", "Think"},
                            {"questions", json::array({json{{"question", "What happened?"}, {"prompts", {"Listen first."}}},
                                                       json{{"question", "What now?"}}})}});
    Library lib = load_built_library(b, tmp);
    INFO(dump_diags(lib.diagnostics));
    REQUIRE(lib.programmes.size() == 1);
    const Step& s = lib.find_module("test-pack/b", "")->steps[1];
    REQUIRE(s.questions.size() == 2);
    CHECK(s.questions[0].prompts == std::vector<std::string>{"Listen first."});
    CHECK(s.questions[1].prompts.empty());
}

TEST_CASE("new step types are checked field by field", "[programme][loader]") {
    TempDir tmp;
    PackBuilder b = programme_builder();
    b.steps("b").push_back({{"type", "impact_map"}, {"heading", "Who?"}, {"centre", "It"}, {"ripples", {"only one"}},
                            {"categories", json::array({json{{"id", "a"}, {"label", "A"}}, json{{"id", "a"}, {"label", "B"}}})}});
    b.steps("b").push_back({{"type", "restorative_questions"}, {"heading", "Q"}, {"questions", json::array()}});
    b.steps("b").push_back({{"type", "harmed_questions"}, {"heading", "H"}, {"leter_heading", "x"}});
    b.write(tmp.path() / "test-pack");
    PackLoadResult r = load_pack(tmp.path() / "test-pack");
    INFO(dump_diags(r.diagnostics));
    CHECK(!r.ok());
    CHECK(find_diag(r.diagnostics, "modules/b.json", "/steps/1/ripples") != nullptr);
    CHECK(find_diag(r.diagnostics, "modules/b.json", "/steps/1/categories/1/id") != nullptr);
    CHECK(find_diag(r.diagnostics, "modules/b.json", "/steps/2/questions") != nullptr);
    const Diagnostic* typo = find_diag(r.diagnostics, "modules/b.json", "/steps/3/leter_heading");
    REQUIRE(typo != nullptr);
    CHECK(typo->severity == Diagnostic::Severity::Warning);
    CHECK_THAT(typo->message, Catch::Contains("letter_heading"));
}

TEST_CASE("intended is only for likert polls with a measure", "[programme][loader]") {
    TempDir tmp;
    PackBuilder b;
    b.steps().push_back({{"type", "poll"}, {"id", "yn"}, {"kind", "yes-no"}, {"question", "Q"}, {"measure", "m"},
                         {"intended", "agree"}});
    b.steps().push_back({{"type", "poll"}, {"id", "lk"}, {"kind", "likert"}, {"question", "Q"}, {"intended", "disagree"}});
    b.steps().push_back({{"type", "poll"}, {"id", "ok"}, {"kind", "likert"}, {"question", "Q"}, {"measure", "m2"},
                         {"intended", "sideways"}});
    b.write(tmp.path() / "test-pack");
    PackLoadResult r = load_pack(tmp.path() / "test-pack");
    INFO(dump_diags(r.diagnostics));
    CHECK_THAT(find_diag(r.diagnostics, "intro.json", "/steps/1/intended")->message, Catch::Contains("only for likert"));
    CHECK_THAT(find_diag(r.diagnostics, "intro.json", "/steps/2/intended")->message, Catch::Contains("needs a \"measure\""));
    CHECK(find_diag(r.diagnostics, "intro.json", "/steps/3/intended") != nullptr);
}

TEST_CASE("programme fields are checked and module references resolved", "[programme][loader]") {
    TempDir tmp;
    PackBuilder b = programme_builder();
    b.pack["programmes"][0]["audience"] = "mixed";
    b.pack["programmes"][0]["sessions"][1]["modules"] = {"nope"};
    b.write(tmp.path() / "test-pack");
    PackLoadResult r = load_pack(tmp.path() / "test-pack");
    INFO(dump_diags(r.diagnostics));
    CHECK(!r.ok());
    CHECK(find_diag(r.diagnostics, "pack.json", "/programmes/0/audience") != nullptr);
    CHECK_THAT(find_diag(r.diagnostics, "pack.json", "/programmes/0/sessions/1/modules/0")->message,
               Catch::Contains("no module with id \"nope\""));

    PackBuilder seven = programme_builder();
    for (int i = 0; i < 4; ++i) seven.pack["programmes"][0]["sessions"].push_back(seven.pack["programmes"][0]["sessions"][0]);
    TempDir tmp2;
    seven.write(tmp2.path() / "test-pack");
    PackLoadResult r7 = load_pack(tmp2.path() / "test-pack");
    CHECK_THAT(find_diag(r7.diagnostics, "pack.json", "/programmes/0/sessions")->message, Catch::Contains("1 to 6 sessions"));
}

TEST_CASE("a programme whose scale breaks the rules is left out, the rest of the pack loads", "[programme][loader]") {
    SECTION("post poll in the wrong session") {
        TempDir tmp;
        PackBuilder b = programme_builder();
        b.steps("c").erase(1);
        b.steps("b").push_back(likert("post-x", "x", "post", "agree"));
        Library lib = load_built_library(b, tmp);
        CHECK(lib.programmes.empty());
        CHECK(lib.find_workshop("test-workshop") != nullptr);
        CHECK(has_message(lib.diagnostics, "the paired scale is asked again in the last session"));
        CHECK(has_message(lib.diagnostics, "programme \"p1\" is not available until its paired scale is fixed"));
    }
    SECTION("pre without post") {
        TempDir tmp;
        PackBuilder b = programme_builder();
        b.steps("c").erase(1);
        Library lib = load_built_library(b, tmp);
        CHECK(lib.programmes.empty());
        CHECK(has_message(lib.diagnostics, "has no post poll in the last session"));
    }
    SECTION("intended differs") {
        TempDir tmp;
        PackBuilder b = programme_builder();
        b.steps("c")[1]["intended"] = "disagree";
        Library lib = load_built_library(b, tmp);
        CHECK(lib.programmes.empty());
        CHECK(has_message(lib.diagnostics, "paired polls must agree"));
    }
    SECTION("a phase poll without intended") {
        TempDir tmp;
        PackBuilder b = programme_builder();
        b.steps("a")[1].erase("intended");
        Library lib = load_built_library(b, tmp);
        CHECK(lib.programmes.empty());
        CHECK(has_message(lib.diagnostics, "must be a likert poll with \"intended\""));
    }
    SECTION("two harmed_questions steps in one session") {
        TempDir tmp;
        PackBuilder b = programme_builder();
        b.steps("b").push_back({{"type", "harmed_questions"}, {"heading", "H"}});
        b.steps("b").push_back({{"type", "harmed_questions"}, {"heading", "H2"}});
        Library lib = load_built_library(b, tmp);
        CHECK(lib.programmes.empty());
        CHECK(has_message(lib.diagnostics, "a session has at most one"));
    }
    SECTION("a video step, which a programme session cannot play") {
        TempDir tmp;
        PackBuilder b = programme_builder();
        b.steps("b").push_back({{"type", "video"}, {"heading", "A clip"}, {"src", "media/clip.mp4"}});
        b.write(tmp.path() / "test-pack");
        fs::create_directories(tmp.path() / "test-pack" / "media");
        std::ofstream(tmp.path() / "test-pack" / "media" / "clip.mp4") << "not probed at load";
        Library lib = load_library({tmp.path()});
        INFO(dump_diags(lib.diagnostics));
        CHECK(lib.programmes.empty());
        CHECK(has_message(lib.diagnostics, "video steps do not play in one-to-one programme sessions"));
    }
    SECTION("the id of a workshop") {
        TempDir tmp;
        PackBuilder b = programme_builder();
        b.pack["programmes"][0]["id"] = "test-workshop";
        Library lib = load_built_library(b, tmp);
        CHECK(lib.programmes.empty());
        CHECK(has_message(lib.diagnostics, "already used by a loaded workshop or programme"));
    }
    SECTION("a sound programme loads") {
        TempDir tmp;
        Library lib = load_built_library(programme_builder(), tmp);
        INFO(dump_diags(lib.diagnostics));
        REQUIRE(lib.programmes.size() == 1);
        CHECK(lib.programmes[0].scale.size() == 1);
    }
}

TEST_CASE("a workshop that uses a harmed_questions step is left out", "[programme][loader]") {
    TempDir tmp;
    PackBuilder b;
    b.steps().push_back({{"type", "harmed_questions"}, {"heading", "Questions"}});
    Library lib = load_built_library(b, tmp);
    CHECK(lib.find_workshop("test-workshop") == nullptr);
    CHECK(has_message(lib.diagnostics, "harmed_questions steps belong only in one-to-one programmes"));
}

TEST_CASE("impact maps and restorative questions may be used in workshops", "[programme][loader]") {
    TempDir tmp;
    PackBuilder b;
    b.steps().push_back({{"type", "restorative_questions"}, {"heading", "Think"}});
    b.steps().push_back({{"type", "impact_map"}, {"heading", "Who?"}, {"centre", "It"}, {"ripples", {"Near", "Far"}},
                         {"categories", json::array({json{{"id", "a"}, {"label", "A"}}, json{{"id", "b"}, {"label", "B"}}})}});
    Library lib = load_built_library(b, tmp);
    INFO(dump_diags(lib.diagnostics));
    CHECK(lib.find_workshop("test-workshop") != nullptr);
}
