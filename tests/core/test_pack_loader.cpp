// Pack loader: valid packs, every error kind (with the exact file and JSON pointer), cross-pack
// references, path escapes, limits, pre/post pairing and robustness against damaged files.

#include "core/json_locator.hpp"
#include "core/pack_loader.hpp"
#include "core/poll_options.hpp"
#include "core/text_markup.hpp"
#include "pack_test_util.hpp"

#include <random>

using namespace upstander;
using namespace upstander::test;
using Severity = Diagnostic::Severity;

namespace {

// Requires a diagnostic of this severity at file (suffix) + pointer whose message contains `text`.
const Diagnostic& expect_diag(const std::vector<Diagnostic>& diags, const std::string& file, const std::string& pointer,
                              Severity severity, const std::string& text) {
    INFO(dump_diags(diags));
    const Diagnostic* d = find_diag(diags, file, pointer);
    REQUIRE(d != nullptr);
    CHECK(d->severity == severity);
    CHECK_THAT(d->message, Catch::Contains(text));
    return *d;
}

PackLoadResult load_built(const PackBuilder& b, const TempDir& tmp, const LoadOptions& options = {}) {
    const fs::path dir = tmp.path() / "test-pack";
    b.write(dir);
    return load_pack(dir, options);
}

}  // namespace

// [SECTION] Valid packs

TEST_CASE("a minimal valid pack loads with defaults filled in", "[loader]") {
    TempDir tmp;
    PackBuilder b;
    const PackLoadResult r = load_built(b, tmp);
    INFO(dump_diags(r.diagnostics));
    REQUIRE(r.ok());
    CHECK(r.diagnostics.empty());
    CHECK(r.pack_id == "test-pack");
    const Pack& p = *r.pack;
    CHECK(p.id == "test-pack");
    CHECK(p.version == "1.0.0");
    CHECK(p.language == "en-GB");
    CHECK(p.settings.captions_default == false);
    CHECK(p.settings.ballot_mode == BallotMode::Open);
    CHECK(p.settings.vote_cooldown_ms == 1500);
    CHECK(p.dir == fs::canonical(tmp.path() / "test-pack"));
    REQUIRE(p.modules.size() == 1);
    CHECK(p.modules[0].pack_id == "test-pack");
    REQUIRE(p.modules[0].steps.size() == 1);
    CHECK(p.modules[0].steps[0].id == "intro#0");  // generated: "<module>#<index>"
    CHECK(p.modules[0].steps[0].source_pointer == "/steps/0");
    REQUIRE(p.workshops.size() == 1);
    CHECK(p.workshops[0].module_refs == std::vector<std::string>{"intro"});
}

TEST_CASE("fixture good-a loads every field", "[loader]") {
    const PackLoadResult r = load_pack(fixture_dir("good-a"));
    INFO(dump_diags(r.diagnostics));
    REQUIRE(r.ok());
    CHECK(r.diagnostics.empty());
    const Pack& p = *r.pack;
    CHECK(p.title == "Good pack A");
    CHECK(p.version == "1.2.3");
    CHECK(p.authors == std::vector<std::string>{"Upstander tests"});
    CHECK(p.settings.captions_default);
    CHECK(p.settings.ballot_mode == BallotMode::Armed);
    CHECK(p.settings.vote_cooldown_ms == 2000);
    REQUIRE(p.workshops.size() == 1);
    CHECK(p.workshops[0].audience == Audience::Mixed);
    CHECK(p.workshops[0].duration_minutes == 20);

    // Modules are read in file-name order: intro, outro, scenario.
    REQUIRE(p.modules.size() == 3);
    CHECK(p.modules[0].id == "intro");
    CHECK(p.modules[1].id == "outro");
    CHECK(p.modules[2].id == "scenario");
    CHECK(p.modules[2].type == ModuleType::Scenario);

    const Module& intro = p.modules[0];
    REQUIRE(intro.steps.size() == 4);
    CHECK(intro.steps[0].type == StepType::Title);
    CHECK(intro.steps[0].id == "start");
    CHECK(intro.steps[0].subtitle == "Good pack A");
    CHECK(intro.steps[0].facilitator_notes == "First notes.\n\nSecond paragraph.");

    const Step& text = intro.steps[1];
    REQUIRE(text.body.size() == 3);
    CHECK(text.body[0].kind == TextBlock::Kind::Paragraph);
    REQUIRE(text.body[0].spans.size() == 3);
    CHECK(text.body[0].spans[1].text == "bold");
    CHECK(text.body[0].spans[1].bold);
    CHECK(text.body[1].kind == TextBlock::Kind::Bullet);
    CHECK(plain_text(text.body[1]) == "bullet one");
    CHECK(text.body[2].spans.back().bold);

    const Step& image = intro.steps[2];
    REQUIRE(image.image.has_value());
    CHECK(image.image->src == p.dir / "media" / "square.png");
    CHECK(image.image->alt == "A blue square.");
    CHECK(image.image->caption == "A square");

    const Step& poll = intro.steps[3];
    REQUIRE(poll.poll.has_value());
    CHECK(poll.id == "confidence-pre");
    CHECK(poll.poll->kind == PollKind::Likert);
    CHECK(poll.poll->phase == PollPhase::Pre);
    CHECK(poll.poll->measure == "confidence");
    REQUIRE(poll.poll->options.size() == 5);
    CHECK(poll.poll->options[0].id == "strongly-disagree");
    CHECK(poll.poll->options[2].label == "Neither agree nor disagree");

    const Step& choice = p.modules[2].steps[0];
    REQUIRE(choice.choices.size() == 2);
    CHECK(choice.choices[1].label == "Speak up");
    REQUIRE(choice.choices[1].consequence.size() == 1);
    const Step& cons = choice.choices[1].consequence[0];
    CHECK(cons.type == StepType::Consequence);
    CHECK(cons.heading == "After speaking up");
    CHECK(cons.body.size() == 2);
    CHECK(cons.source_pointer == "/steps/0/choices/1/consequence");

    const Step& discussion = p.modules[2].steps[1];
    CHECK(discussion.prompts == std::vector<std::string>{"Why?", "How?"});
    CHECK(discussion.timer_seconds == 60);
}

TEST_CASE("fixed poll options live in one place", "[loader][polls]") {
    const auto likert = fixed_poll_options(PollKind::Likert);
    REQUIRE(likert.size() == 5);
    CHECK(likert[0].id == "strongly-disagree");
    CHECK(likert[0].label == "Strongly disagree");
    CHECK(likert[1].id == "disagree");
    CHECK(likert[2].id == "neither");
    CHECK(likert[3].label == "Agree");
    CHECK(likert[4].id == "strongly-agree");
    const auto yes_no = fixed_poll_options(PollKind::YesNo);
    REQUIRE(yes_no.size() == 3);
    CHECK(yes_no[0].label == "Yes");
    CHECK(yes_no[1].label == "No");
    CHECK(yes_no[2].id == "not-sure");
    CHECK(yes_no[2].label == "Not sure");
    CHECK(fixed_poll_options(PollKind::Single).empty());
}

TEST_CASE("video steps resolve their media and captions", "[loader]") {
    TempDir tmp;
    PackBuilder b;
    b.raw_files["media/clip.mp4"] = "not really a video";
    b.raw_files["media/clip.vtt"] = "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n";
    b.steps().push_back({{"type", "video"},
                         {"src", "media/clip.mp4"},
                         {"captions", "media/clip.vtt"},
                         {"autoplay", true},
                         {"start", 1.5},
                         {"end", 4},
                         {"content_warning", "Strong language."}});
    const PackLoadResult r = load_built(b, tmp);
    INFO(dump_diags(r.diagnostics));
    REQUIRE(r.ok());
    const Step& s = r.pack->modules[0].steps[1];
    REQUIRE(s.video.has_value());
    CHECK(s.video->src == r.pack->dir / "media" / "clip.mp4");
    CHECK(s.video->captions == r.pack->dir / "media" / "clip.vtt");
    CHECK(s.video->autoplay);
    CHECK_FALSE(s.video->loop);
    CHECK(s.video->start_seconds == 1.5);
    CHECK(s.video->end_seconds == 4.0);
    CHECK(s.video->content_warning == "Strong language.");
}

TEST_CASE("the media probe hook reports unplayable videos", "[loader]") {
    TempDir tmp;
    PackBuilder b;
    b.raw_files["media/clip.mp4"] = "garbage";
    b.steps().push_back({{"type", "video"}, {"src", "media/clip.mp4"}});
    std::vector<fs::path> probed;
    LoadOptions options;
    options.probe_video = [&probed](const fs::path& p) -> Result<void> {
        probed.push_back(p);
        return Error{"no video stream found"};
    };
    const PackLoadResult r = load_built(b, tmp, options);
    CHECK_FALSE(r.ok());
    REQUIRE(probed.size() == 1);
    CHECK(probed[0] == fs::canonical(tmp.path() / "test-pack") / "media" / "clip.mp4");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/src", Severity::Error, "no video stream found");

    options.probe_video = [](const fs::path&) -> Result<void> { return {}; };
    CHECK(load_pack(tmp.path() / "test-pack", options).ok());
}

// [SECTION] Syntax, types, required and unknown fields

TEST_CASE("a syntax error gives line and column", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    b.modules.erase("intro");
    b.raw_files["modules/intro.json"] = "{\n  \"id\": \"intro\",\n  \"type\": \"topic\"\n  \"title\": \"x\"\n}\n";
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    const Diagnostic& d = expect_diag(r.diagnostics, "modules/intro.json", "", Severity::Error, "invalid JSON");
    // nlohmann reports the last character it read: the closing quote of the unexpected "title".
    CHECK(d.line == 4);
    CHECK(d.column == 9);
    CHECK_THAT(d.message, Catch::Contains("unexpected string literal"));
    CHECK_THAT(d.message, !Catch::Contains("json.exception"));
}

TEST_CASE("curly quotes from a word processor get their own hint", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    b.modules.erase("intro");
    // \u201C and \u201D around a name, as a word processor types them.
    b.raw_files["modules/intro.json"] = "{\n  \"id\": \"intro\",\n  \u201Ctype\u201D: \"topic\"\n}\n";
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    const Diagnostic& d = expect_diag(r.diagnostics, "modules/intro.json", "", Severity::Error, "invalid JSON");
    CHECK(d.line == 3);
    CHECK_THAT(d.message, Catch::Contains("not curly quotes"));
    CHECK_THAT(d.message, !Catch::Contains("missing or extra comma"));
    // Curly quotes inside text are fine, and an ordinary syntax error keeps the ordinary hint.
    b.raw_files["modules/intro.json"] =
        "{\n  \"id\": \"intro\",\n  \"type\": \"topic\"\n  \"title\": \"A \u201Cquoted\u201D word\"\n}\n";
    const PackLoadResult r2 = load_built(b, tmp);
    const Diagnostic& d2 = expect_diag(r2.diagnostics, "modules/intro.json", "", Severity::Error, "invalid JSON");
    CHECK_THAT(d2.message, Catch::Contains("missing or extra comma"));
}

TEST_CASE("a wrong type names what was expected and found", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    b.steps()[0]["heading"] = 5;
    b.pack["workshops"][0]["duration_minutes"] = "ten";
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    const Diagnostic& d =
        expect_diag(r.diagnostics, "modules/intro.json", "/steps/0/heading", Severity::Error, "expected a string, found a number");
    CHECK(d.line > 0);
    expect_diag(r.diagnostics, "pack.json", "/workshops/0/duration_minutes", Severity::Error,
                "expected a whole number, found a string");
}

TEST_CASE("a missing required field points at the field and locates its parent", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    b.steps().push_back({{"type", "text"}, {"heading", "No body"}});
    b.pack.erase("title");
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    const Diagnostic& d =
        expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/body", Severity::Error, "missing required field \"body\"");
    // dump(2) sorts keys (id, steps, ...): step 0 spans lines 4-7, step 1 opens on line 8, column 5
    CHECK(d.line == 8);
    CHECK(d.column == 5);
    expect_diag(r.diagnostics, "pack.json", "/title", Severity::Error, "missing required field \"title\"");
}

TEST_CASE("an unknown field is a warning with a suggestion", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    b.steps()[0]["facilitator_note"] = "typo";
    b.steps()[0]["zzz"] = 1;
    const PackLoadResult r = load_built(b, tmp);
    REQUIRE(r.ok());  // warnings only
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/0/facilitator_note", Severity::Warning,
                "did you mean \"facilitator_notes\"?");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/0/zzz", Severity::Warning,
                "fields allowed here: type, id, facilitator_notes, heading, subtitle");
}

TEST_CASE("unknown step and module types list the valid ones", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    b.steps().push_back({{"type", "vidoe"}, {"src", "x.mp4"}});
    b.steps().push_back({{"type", "consequence"}, {"heading", "x"}});
    b.modules["other"] = {{"id", "other"}, {"type", "topics"}, {"title", "Other"}, {"steps", b.steps()}};
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    const Diagnostic& d = expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/type", Severity::Error,
                                      "unknown step type \"vidoe\" (did you mean \"video\"?); expected one of title, "
                                      "text, image, discussion, video, poll, choice, impact_map, restorative_questions, harmed_questions");
    CHECK(d.line > 0);
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/2/type", Severity::Error,
                "a consequence goes inside a choice step");
    expect_diag(r.diagnostics, "modules/other.json", "/type", Severity::Error,
                "unknown module type \"topics\" (did you mean \"topic\"?)");
}

TEST_CASE("a top-level value that is not an object is an error", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    b.modules.erase("intro");
    b.raw_files["modules/intro.json"] = "[1, 2]";
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "modules/intro.json", "", Severity::Error, "must hold one JSON object, found a list");
}

// [SECTION] Duplicates

TEST_CASE("duplicate module and poll ids in a pack", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    json poll = {{"type", "poll"}, {"id", "p1"}, {"question", "Q?"}, {"kind", "yes-no"}};
    b.steps().push_back(poll);
    b.modules["second"] = {{"id", "intro"}, {"type", "topic"}, {"title", "Copy"}, {"steps", json::array({poll})}};
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    // intro.json is read before second.json (name order), so the second file gets the errors.
    expect_diag(r.diagnostics, "modules/second.json", "/id", Severity::Error,
                "module id \"intro\" is already used by");
    expect_diag(r.diagnostics, "modules/second.json", "/steps/0/id", Severity::Error,
                "poll id \"p1\" is already used by the poll at");
    CHECK(find_diag(r.diagnostics, "modules/intro.json", "/id") == nullptr);
}

TEST_CASE("duplicate step ids in a module and duplicate keys in an object", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    b.steps()[0]["id"] = "same";
    b.steps().push_back({{"type", "title"}, {"id", "same"}, {"heading", "Again"}});
    b.raw_files["modules/dup.json"] =
        R"({"id": "dup", "type": "topic", "title": "A", "title": "B", "steps": [{"type": "title", "heading": "x"}]})";
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/id", Severity::Error, "step id \"same\" is used twice");
    const Diagnostic& d =
        expect_diag(r.diagnostics, "modules/dup.json", "/title", Severity::Warning, "appears twice in this object");
    CHECK(d.line == 1);
    CHECK(d.column == 46);  // the second "title" key
}

TEST_CASE("duplicate workshop ids within a pack and across packs", "[loader][errors][library]") {
    TempDir tmp;
    PackBuilder a;
    a.pack["workshops"].push_back(a.pack["workshops"][0]);
    a.write(tmp.path() / "a");
    const PackLoadResult ra = load_pack(tmp.path() / "a");
    CHECK_FALSE(ra.ok());
    expect_diag(ra.diagnostics, "a/pack.json", "/workshops/1/id", Severity::Error,
                "workshop id \"test-workshop\" is already used by /workshops/0");

    TempDir roots;
    PackBuilder one;
    one.write(roots.path() / "one");
    PackBuilder two;
    two.pack["id"] = "second-pack";
    two.write(roots.path() / "two");
    const Library lib = load_library({roots.path()});
    REQUIRE(lib.packs.size() == 2);  // both packs load...
    REQUIRE(lib.workshops.size() == 1);  // ...but the second copy of the workshop is dropped
    CHECK(lib.workshops[0].def->pack_id == "test-pack");
    REQUIRE(lib.problems.size() == 1);
    CHECK(lib.problems[0].pack_id == "second-pack");
    expect_diag(lib.problems[0].diagnostics, "two/pack.json", "/workshops/0/id", Severity::Error,
                "workshop id \"test-workshop\" is already used by another loaded pack");
}

TEST_CASE("a pack id seen twice in one root is reported against the second copy", "[loader][errors][library]") {
    TempDir r1;
    PackBuilder b;
    b.write(r1.path() / "a-first");
    b.pack["workshops"][0]["id"] = "other-workshop";
    b.write(r1.path() / "b-copy");
    const Library lib = load_library({r1.path()});
    REQUIRE(lib.packs.size() == 1);
    CHECK(lib.packs[0].dir == fs::canonical(r1.path() / "a-first"));
    REQUIRE(lib.problems.size() == 1);
    CHECK(lib.problems[0].pack_id == "test-pack");
    const Diagnostic& d = expect_diag(lib.problems[0].diagnostics, "b-copy/pack.json", "/id", Severity::Error,
                                      "pack id \"test-pack\" is already used by the pack in");
    CHECK(d.line == 4);  // nlohmann sorts keys: format, format_version, id
    REQUIRE(lib.workshops.size() == 1);
    CHECK(lib.workshops[0].def->id == "test-workshop");
}

TEST_CASE("a later root's copy of a pack replaces an earlier one, with a warning", "[loader][library]") {
    // An editor runs with --content on their working copy while an older copy is installed.
    TempDir installed, working;
    PackBuilder b;
    b.write(installed.path() / "pack");
    b.pack["workshops"][0]["title"] = "Edited title";
    b.write(working.path() / "pack");
    const Library lib = load_library({installed.path(), working.path()});
    REQUIRE(lib.packs.size() == 1);
    CHECK(lib.packs[0].dir == fs::canonical(working.path() / "pack"));
    CHECK(lib.problems.empty());
    REQUIRE(lib.workshops.size() == 1);
    CHECK(lib.workshops[0].def->title == "Edited title");
    bool warned = false;
    for (const Diagnostic& d : lib.diagnostics)
        warned = warned || (d.severity == Severity::Warning &&
                            d.message.find("replaces the one in") != std::string::npos);
    CHECK(warned);
}

TEST_CASE("the same folder given twice is loaded once", "[loader][library]") {
    TempDir r1;
    PackBuilder b;
    b.write(r1.path() / "pack");
    const Library lib = load_library({r1.path(), r1.path() / "pack"});
    CHECK(lib.packs.size() == 1);
    CHECK(lib.problems.empty());
    CHECK(lib.diagnostics.empty());
}

// [SECTION] Media and paths

TEST_CASE("a missing media file names the path it looked for", "[loader][errors][paths]") {
    TempDir tmp;
    PackBuilder b;
    b.steps().push_back({{"type", "image"}, {"src", "media/nope.png"}, {"alt", "x"}});
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/src", Severity::Error,
                "file \"media/nope.png\" not found in the pack (looked for " +
                    (fs::canonical(tmp.path() / "test-pack") / "media" / "nope.png").string());
}

#ifndef _WIN32  // symbolic links need administrator rights (or developer mode) on Windows
TEST_CASE("paths must stay inside the pack", "[loader][errors][paths]") {
    TempDir tmp;
    write_file(tmp.path() / "outside.png", "\x89PNG\r\n\x1A\nrest");
    write_file(tmp.path() / "outside.json", R"({"id": "sneaky", "type": "topic", "title": "x", "steps": [{"type": "title", "heading": "x"}]})");
    PackBuilder b;
    b.raw_files["media/inside.png"] = std::string("\x89PNG\r\n\x1A\nrest", 12);
    b.steps().push_back({{"type", "image"}, {"src", "../outside.png"}, {"alt", "x"}});
    b.steps().push_back({{"type", "image"}, {"src", "/etc/hostname.png"}, {"alt", "x"}});
    b.steps().push_back({{"type", "image"}, {"src", "media/link.png"}, {"alt", "x"}});
    b.steps().push_back({{"type", "image"}, {"src", "media/../media/inside.png"}, {"alt", "ok: stays inside"}});
    b.steps().push_back({{"type", "image"}, {"src", "media\\inside.png"}, {"alt", "x"}});
    b.steps().push_back({{"type", "image"}, {"src", "media/inner-link.png"}, {"alt", "ok: link inside"}});
    b.steps().push_back({{"type", "video"}, {"src", "linkdir/outside.png"}});
    const fs::path dir = tmp.path() / "test-pack";
    b.write(dir);
    fs::create_symlink(tmp.path() / "outside.png", dir / "media" / "link.png");
    fs::create_symlink("inside.png", dir / "media" / "inner-link.png");
    fs::create_directory_symlink(tmp.path(), dir / "linkdir");
    fs::create_symlink(tmp.path() / "outside.json", dir / "modules" / "sneaky.json");

    const PackLoadResult r = load_pack(dir);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/src", Severity::Error, "leaves the pack folder");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/2/src", Severity::Error, "is absolute");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/3/src", Severity::Error,
                "leads through a symbolic link to " + (fs::canonical(tmp.path()) / "outside.png").string());
    CHECK(find_diag(r.diagnostics, "modules/intro.json", "/steps/4/src") == nullptr);
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/5/src", Severity::Error, "backslash");
    CHECK(find_diag(r.diagnostics, "modules/intro.json", "/steps/6/src") == nullptr);
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/7/src", Severity::Error, "outside the pack folder");
    expect_diag(r.diagnostics, "modules/sneaky.json", "", Severity::Error, "symbolic link to");
}
#endif

TEST_CASE("images must really be PNG or JPEG and captions WebVTT or SubRip", "[loader][errors][paths]") {
    TempDir tmp;
    PackBuilder b;
    b.raw_files["media/fake.png"] = "GIF89a not a png";
    b.raw_files["media/pic.gif"] = "GIF89a";
    b.raw_files["media/photo.JPG"] = std::string("\xFF\xD8\xFF\xE0", 4);
    b.raw_files["media/clip.mp4"] = "x";
    b.raw_files["media/bad.vtt"] = "1\n00:00:00,000 --> 00:00:01,000\nSRT content\n";
    b.raw_files["media/subs.txt"] = "WEBVTT";
    b.steps().push_back({{"type", "image"}, {"src", "media/fake.png"}, {"alt", "x"}});
    b.steps().push_back({{"type", "image"}, {"src", "media/pic.gif"}, {"alt", "x"}});
    b.steps().push_back({{"type", "image"}, {"src", "media/photo.JPG"}, {"alt", "upper-case extension is fine"}});
    b.steps().push_back({{"type", "video"}, {"src", "media/clip.mp4"}, {"captions", "media/bad.vtt"}});
    b.steps().push_back({{"type", "video"}, {"src", "media/clip.mp4"}, {"captions", "media/subs.txt"}});
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/src", Severity::Error, "is not a PNG or JPEG image");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/2/src", Severity::Error, "must be PNG or JPEG");
    CHECK(find_diag(r.diagnostics, "modules/intro.json", "/steps/3/src") == nullptr);
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/4/captions", Severity::Error, "does not start with \"WEBVTT\"");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/5/captions", Severity::Error, "(.vtt) or SubRip (.srt)");
}

// [SECTION] Limits

TEST_CASE("files over 8 MiB are refused before parsing", "[loader][errors][limits]") {
    TempDir tmp;
    PackBuilder b;
    b.modules.erase("intro");
    std::string big = R"({"id": "intro", "type": "topic", "title": "x", "steps": [{"type": "title", "heading": "x"}]})";
    big += std::string(kMaxJsonFileBytes + 1 - big.size(), ' ');
    b.raw_files["modules/intro.json"] = big;
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "modules/intro.json", "", Severity::Error, "over the 8 MiB limit");

    // Exactly at the limit is fine.
    big.pop_back();
    b.raw_files["modules/intro.json"] = big;
    const PackLoadResult ok = load_built(b, tmp);
    INFO(dump_diags(ok.diagnostics));
    CHECK(ok.ok());
}

TEST_CASE("nesting deeper than 64 levels is refused with its position", "[loader][errors][limits]") {
    TempDir tmp;
    PackBuilder b;
    b.modules.erase("intro");
    auto nested = [](int levels) {  // the module object is level 1; "extra" holds levels - 1 arrays
        return "{\"id\": \"intro\", \"type\": \"topic\", \"title\": \"x\",\n\"steps\": [{\"type\": \"title\", "
               "\"heading\": \"x\"}],\n\"extra\": " +
               std::string(static_cast<std::size_t>(levels - 1), '[') + std::string(static_cast<std::size_t>(levels - 1), ']') +
               "}";
    };
    b.raw_files["modules/intro.json"] = nested(65);
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    const Diagnostic& d = expect_diag(r.diagnostics, "modules/intro.json", "", Severity::Error, "deeper than 64 levels");
    CHECK(d.line == 3);
    CHECK(d.column == 10 + 63);  // "extra": starts its arrays at column 10; the 64th '[' opens level 65

    b.raw_files["modules/intro.json"] = nested(64);
    const PackLoadResult ok = load_built(b, tmp);
    CHECK(ok.ok());  // only an unknown-field warning for "extra"
    expect_diag(ok.diagnostics, "modules/intro.json", "/extra", Severity::Warning, "unknown field");
}

TEST_CASE("a file with very many problems is cut short", "[loader][errors][limits]") {
    TempDir tmp;
    PackBuilder b;
    for (int i = 0; i < 300; ++i) b.steps()[0]["unknown" + std::to_string(i)] = i;
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    CHECK(r.diagnostics.size() == static_cast<std::size_t>(kMaxDiagnosticsPerFile) + 1);
    CHECK_THAT(r.diagnostics.back().message, Catch::Contains("too many problems"));
}

TEST_CASE("size limits on steps, paragraphs, workshops and workshop modules", "[loader][errors][limits]") {
    TempDir tmp;
    PackBuilder b;
    for (int i = 0; i < kMaxStepsPerModule; ++i) b.steps().push_back(b.steps()[0]);  // 501 steps
    b.modules["text"] = {{"id", "text"},
                         {"type", "topic"},
                         {"title", "T"},
                         {"steps", json::array({json{{"type", "text"}, {"heading", "H"}, {"body", json::array()}},
                                                json{{"type", "text"}, {"heading", "H"}, {"body", ""}}})}};
    for (int i = 0; i <= kMaxBodyParagraphs; ++i) {
        b.modules["text"]["steps"][0]["body"].push_back("Paragraph.");
        b.modules["text"]["steps"][1]["body"] = b.modules["text"]["steps"][1]["body"].get<std::string>() + "- bullet\n";
    }
    json refs = json::array();
    for (int i = 0; i <= kMaxModulesPerWorkshop; ++i) refs.push_back("intro");
    b.pack["workshops"][0]["modules"] = refs;
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "modules/intro.json", "/steps", Diagnostic::Severity::Error,
                "the module has 501 steps, more than the limit of 500");
    expect_diag(r.diagnostics, "modules/text.json", "/steps/0/body", Diagnostic::Severity::Error,
                "the text has 201 paragraphs, more than the limit of 200");
    expect_diag(r.diagnostics, "modules/text.json", "/steps/1/body", Diagnostic::Severity::Error,
                "the text has 201 paragraphs and bullets");
    expect_diag(r.diagnostics, "pack.json", "/workshops/0/modules", Diagnostic::Severity::Error,
                "the workshop lists 201 modules, more than the limit of 200");

    PackBuilder many;
    for (int i = 0; i < kMaxWorkshopsPerPack; ++i) many.pack["workshops"].push_back(many.pack["workshops"][0]);
    TempDir tmp2;
    const PackLoadResult r2 = load_built(many, tmp2);
    expect_diag(r2.diagnostics, "pack.json", "/workshops", Diagnostic::Severity::Error,
                "the pack has 101 workshops, more than the limit of 100");
}

// [SECTION] Values: versions, ids, ranges, poll rules

TEST_CASE("semantic versions", "[loader][errors]") {
    for (const char* v : {"1.0.0", "0.0.1", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0+build.5",
                          "1.0.0-rc.1+exp.sha.5114f85"})
        CHECK(is_valid_semver(v));
    for (const char* v : {"1.0", "1", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0+", "1..0", "1.0.0.0", "a.b.c", ""})
        CHECK_FALSE(is_valid_semver(v));

    TempDir tmp;
    PackBuilder b;
    b.pack["version"] = "1.0";
    const PackLoadResult r = load_built(b, tmp);
    expect_diag(r.diagnostics, "pack.json", "/version", Severity::Error, "such as \"1.0.0\"");
}

TEST_CASE("identifiers and language tags", "[loader][errors]") {
    CHECK(is_valid_id("race"));
    CHECK(is_valid_id("a1-b2"));
    CHECK(is_valid_id("1st"));
    CHECK(is_valid_id(std::string(64, 'a')));
    CHECK_FALSE(is_valid_id(std::string(65, 'a')));
    CHECK_FALSE(is_valid_id("Race"));
    CHECK_FALSE(is_valid_id("-race"));
    CHECK_FALSE(is_valid_id("race_hate"));
    CHECK_FALSE(is_valid_id(""));
    CHECK(is_valid_language_tag("en-GB"));
    CHECK(is_valid_language_tag("cy"));
    CHECK_FALSE(is_valid_language_tag("english"));
    CHECK_FALSE(is_valid_language_tag("en_GB"));

    TempDir tmp;
    PackBuilder b;
    b.modules["intro"]["id"] = "Intro Module";
    b.pack["language"] = "English";
    b.pack["workshops"][0]["modules"] = json::array({"Intro Module", "other/pack/x"});
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "modules/intro.json", "/id", Severity::Error, "(for example \"intro-module\")");
    expect_diag(r.diagnostics, "pack.json", "/language", Severity::Error, "\"en-GB\"");
    expect_diag(r.diagnostics, "pack.json", "/workshops/0/modules/0", Severity::Error, "is not valid");
    expect_diag(r.diagnostics, "pack.json", "/workshops/0/modules/1", Severity::Error, "is not valid");
}

TEST_CASE("numbers out of range", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    b.pack["settings"] = {{"vote_cooldown_ms", 100}};
    b.pack["workshops"][0]["duration_minutes"] = 0;
    b.steps().push_back({{"type", "discussion"}, {"heading", "Talk"}, {"prompts", {"Why?"}}, {"timer_seconds", 5}});
    b.steps().push_back({{"type", "discussion"}, {"heading", "Talk"}, {"prompts", {"Why?"}}, {"timer_seconds", 30.5}});
    b.pack["format_version"] = 2;
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "pack.json", "/settings/vote_cooldown_ms", Severity::Error,
                "100 is out of range; use a whole number from 250 to 10000");
    expect_diag(r.diagnostics, "pack.json", "/workshops/0/duration_minutes", Severity::Error, "from 1 to 600");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/timer_seconds", Severity::Error, "from 10 to 3600");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/2/timer_seconds", Severity::Error, "not a whole number");
    expect_diag(r.diagnostics, "pack.json", "/format_version", Severity::Error, "needs a newer Upstander");
}

TEST_CASE("a choice step outside a scenario module", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    json cons = {{"heading", "Then"}, {"body", "Something."}};
    b.steps().push_back({{"type", "choice"},
                         {"heading", "What now?"},
                         {"choices", json::array({json{{"label", "A"}, {"consequence", cons}},
                                                  json{{"label", "B"}, {"consequence", cons}}})}});
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/type", Severity::Error,
                "choice steps belong in scenario modules, and this module is a topic");

    b.modules["intro"]["type"] = "scenario";
    CHECK(load_built(b, tmp).ok());
}

TEST_CASE("choice rules: 2 to 6 choices, each with a consequence", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    b.modules["intro"]["type"] = "scenario";
    b.steps().push_back({{"type", "choice"}, {"heading", "Q"}, {"choices", json::array({json{{"label", "Only"}}})}});
    b.steps().push_back(
        {{"type", "choice"},
         {"heading", "Q"},
         {"choices", json::array({json{{"label", "A"}, {"consequence", {{"heading", "H"}}}}, json{{"label", "B"}, {"consequence", 3}}})}});
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/choices", Severity::Error, "needs 2 to 6 choices; this one has 1");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/choices/0/consequence", Severity::Error,
                "missing required field \"consequence\"");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/2/choices/0/consequence/body", Severity::Error,
                "missing required field \"body\"");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/2/choices/1/consequence", Severity::Error,
                "expected an object");
}

TEST_CASE("poll option rules", "[loader][errors][polls]") {
    TempDir tmp;
    PackBuilder b;
    auto opt = [](int i) {
        const std::string n = std::to_string(i);  // (GCC 12 -Wrestrict misfires on "literal" + to_string())
        return json{{"id", std::string("o").append(n)}, {"label", std::string("Option ").append(n)}};
    };
    json seven = json::array();
    for (int i = 0; i < 7; ++i) seven.push_back(opt(i));
    b.steps().push_back({{"type", "poll"}, {"id", "one"}, {"question", "Q"}, {"kind", "single"}, {"options", {opt(1)}}});
    b.steps().push_back({{"type", "poll"}, {"id", "seven"}, {"question", "Q"}, {"kind", "single"}, {"options", seven}});
    b.steps().push_back({{"type", "poll"}, {"id", "likert-opts"}, {"question", "Q"}, {"kind", "likert"}, {"options", {opt(1), opt(2)}}});
    b.steps().push_back({{"type", "poll"}, {"id", "no-opts"}, {"question", "Q"}, {"kind", "single"}});
    b.steps().push_back(
        {{"type", "poll"}, {"id", "same-ids"}, {"question", "Q"}, {"kind", "single"}, {"options", {opt(1), opt(1)}}});
    b.steps().push_back({{"type", "poll"}, {"id", "styled"}, {"question", "Q"}, {"kind", "yes-no"}, {"style", "faces"}});
    b.steps().push_back({{"type", "poll"}, {"id", "phase-only"}, {"question", "Q"}, {"kind", "yes-no"}, {"phase", "pre"}});
    b.steps().push_back({{"type", "poll"}, {"id", "bad-kind"}, {"question", "Q"}, {"kind", "multiple"}});
    b.steps().push_back({{"type", "poll"}, {"question", "Q"}, {"kind", "yes-no"}});
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    const std::string f = "modules/intro.json";
    expect_diag(r.diagnostics, f, "/steps/1/options", Severity::Error, "2 to 6 options; this one has 1");
    expect_diag(r.diagnostics, f, "/steps/2/options", Severity::Error, "2 to 6 options; this one has 7");
    expect_diag(r.diagnostics, f, "/steps/3/options", Severity::Error, "a likert poll has fixed options");
    expect_diag(r.diagnostics, f, "/steps/4/options", Severity::Error, "missing required field \"options\"");
    expect_diag(r.diagnostics, f, "/steps/5/options/1/id", Severity::Error, "option id \"o1\" is used twice");
    expect_diag(r.diagnostics, f, "/steps/6/style", Severity::Error, "only for likert polls");
    expect_diag(r.diagnostics, f, "/steps/7/phase", Severity::Error, "\"phase\" needs a \"measure\"");
    expect_diag(r.diagnostics, f, "/steps/8/kind", Severity::Error, "expected one of single, likert, yes-no");
    expect_diag(r.diagnostics, f, "/steps/9/id", Severity::Error, "missing required field \"id\"");
}

TEST_CASE("empty steps, bodies, prompts and workshops", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    b.modules["empty"] = {{"id", "empty"}, {"type", "topic"}, {"title", "Empty"}, {"steps", json::array()}};
    b.steps().push_back({{"type", "text"}, {"heading", "H"}, {"body", json::array()}});
    b.steps().push_back({{"type", "text"}, {"heading", " "}, {"body", "\n\n"}});
    b.steps().push_back({{"type", "discussion"}, {"heading", "H"}, {"prompts", json::array()}});
    b.pack["workshops"].push_back({{"id", "w2"}, {"title", "W"}, {"duration_minutes", 5}, {"modules", json::array()}});
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "modules/empty.json", "/steps", Severity::Error, "has no steps");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/body", Severity::Error, "the list is empty");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/2/heading", Severity::Error, "is empty");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/2/body", Severity::Error, "the text is empty");
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/3/prompts", Severity::Error, "1 to 8 prompts");
    expect_diag(r.diagnostics, "pack.json", "/workshops/1/modules", Severity::Error, "has no modules");
}

TEST_CASE("unbalanced bold is a warning and shown literally", "[loader][markup]") {
    TempDir tmp;
    PackBuilder b;
    b.steps().push_back({{"type", "text"}, {"heading", "H"}, {"body", {"Fine **bold**.", "Broken **bold."}}});
    const PackLoadResult r = load_built(b, tmp);
    REQUIRE(r.ok());
    expect_diag(r.diagnostics, "modules/intro.json", "/steps/1/body/1", Severity::Warning, "unmatched \"**\"");
    CHECK(find_diag(r.diagnostics, "modules/intro.json", "/steps/1/body/0") == nullptr);
    const RichText& body = r.pack->modules[0].steps[1].body;
    REQUIRE(body.size() == 2);
    REQUIRE(body[1].spans.size() == 1);
    CHECK(body[1].spans[0].text == "Broken **bold.");
    CHECK_FALSE(body[1].spans[0].bold);
}

// [SECTION] Workshops and references across packs

TEST_CASE("an unknown module in the same pack breaks the pack, with a suggestion", "[loader][errors]") {
    TempDir tmp;
    PackBuilder b;
    b.pack["workshops"][0]["modules"] = json::array({"intro", "intr0"});
    const PackLoadResult r = load_built(b, tmp);
    CHECK_FALSE(r.ok());
    expect_diag(r.diagnostics, "pack.json", "/workshops/0/modules/1", Severity::Error,
                "no module with id \"intr0\" in this pack (did you mean \"intro\"?)");
}

TEST_CASE("fixtures good-a and good-b: a workshop made of another pack's modules", "[loader][library]") {
    const Library lib = load_library({fixture_dir("good-a"), fixture_dir("good-b")});
    INFO(dump_diags(lib.diagnostics));
    CHECK(lib.diagnostics.empty());
    CHECK_FALSE(lib.has_problems());
    REQUIRE(lib.packs.size() == 2);
    CHECK(lib.packs[0].id == "good-a");
    CHECK(lib.packs[1].id == "good-b");
    REQUIRE(lib.workshops.size() == 2);

    const ResolvedWorkshop* mix = lib.find_workshop("good-b-mix");
    REQUIRE(mix != nullptr);
    REQUIRE(mix->modules.size() == 3);
    CHECK(mix->modules[0] == lib.find_module("good-a/intro", "good-b"));
    CHECK(mix->modules[0]->pack_id == "good-a");
    CHECK(mix->modules[1]->id == "extra");
    CHECK(mix->modules[1]->pack_id == "good-b");
    CHECK(mix->has_pre_post_pairs);

    const ResolvedWorkshop* a = lib.find_workshop("good-a-workshop");
    REQUIRE(a != nullptr);
    CHECK(a->has_pre_post_pairs);
    CHECK(lib.find_module("intro", "good-a") == a->modules[0]);
    CHECK(lib.find_module("intro", "good-b") == nullptr);
    CHECK(lib.find_module("nope/intro", "good-a") == nullptr);
    CHECK(lib.find_workshop("nope") == nullptr);
    CHECK(lib.find_pack("good-b") == &lib.packs[1]);
}

TEST_CASE("a folder of packs loads in folder-name order and skips non-packs", "[loader][library]") {
    TempDir tmp;
    PackBuilder b;
    b.pack["id"] = "zzz";
    b.pack["workshops"][0]["id"] = "w-zzz";
    b.write(tmp.path() / "a-folder");
    b.pack["id"] = "aaa";
    b.pack["workshops"][0]["id"] = "w-aaa";
    b.write(tmp.path() / "b-folder");
    fs::create_directories(tmp.path() / "not-a-pack");
    fs::create_directories(tmp.path() / ".hidden");
    const Library lib = load_library({tmp.path(), tmp.path() / "does-not-exist"});
    REQUIRE(lib.packs.size() == 2);
    CHECK(lib.packs[0].id == "zzz");
    CHECK(lib.packs[1].id == "aaa");
    CHECK_FALSE(lib.has_problems());
    expect_diag(lib.diagnostics, "not-a-pack", "", Severity::Warning, "no pack.json");
    CHECK(lib.diagnostics.size() == 1);
}

TEST_CASE("unresolved cross-pack references drop only that workshop", "[loader][library][errors]") {
    TempDir tmp;
    fs::copy(fixture_dir("good-a"), tmp.path() / "good-a", fs::copy_options::recursive);
    PackBuilder b;
    b.pack["id"] = "adds";
    b.pack["workshops"] = json::array(
        {json{{"id", "fine"}, {"title", "Fine"}, {"duration_minutes", 5}, {"modules", {"intro", "good-a/scenario"}}},
         json{{"id", "bad-module"}, {"title", "B"}, {"duration_minutes", 5}, {"modules", {"intro", "good-a/scenari"}}},
         json{{"id", "bad-pack"}, {"title", "C"}, {"duration_minutes", 5}, {"modules", {"good-c/intro"}}},
         json{{"id", "broken-pack"}, {"title", "D"}, {"duration_minutes", 5}, {"modules", {"broken/typos"}}}});
    b.write(tmp.path() / "adds");
    fs::copy(fixture_dir("broken"), tmp.path() / "broken", fs::copy_options::recursive);

    const Library lib = load_library({tmp.path()});
    REQUIRE(lib.packs.size() == 2);  // adds, good-a (broken is skipped)
    CHECK(lib.find_workshop("fine") != nullptr);
    CHECK(lib.find_workshop("good-a-workshop") != nullptr);
    CHECK(lib.find_workshop("bad-module") == nullptr);
    CHECK(lib.find_workshop("bad-pack") == nullptr);
    CHECK(lib.find_workshop("broken-pack") == nullptr);
    CHECK(lib.workshops.size() == 2);

    const PackProblem* adds = nullptr;
    for (const PackProblem& p : lib.problems)
        if (p.pack_id == "adds") adds = &p;
    REQUIRE(adds != nullptr);
    CHECK(adds->dir == fs::canonical(tmp.path() / "adds"));
    const Diagnostic& d = expect_diag(adds->diagnostics, "adds/pack.json", "/workshops/1/modules/1", Severity::Error,
                                      "pack \"good-a\" has no module \"scenari\" (did you mean \"good-a/scenario\"?)");
    CHECK(d.line > 0);
    expect_diag(adds->diagnostics, "adds/pack.json", "/workshops/2/modules/0", Severity::Error,
                "no loaded pack has the id \"good-c\" (did you mean \"good-a\"?)");
    expect_diag(adds->diagnostics, "adds/pack.json", "/workshops/3/modules/0", Severity::Error,
                "pack \"broken\" has errors and was not loaded");
}

TEST_CASE("fixture broken beside a good pack: every problem listed, the good pack loads", "[loader][library][errors]") {
    const Library lib = load_library({fixture_dir("broken"), fixture_dir("good-a")});
    REQUIRE(lib.packs.size() == 1);
    CHECK(lib.packs[0].id == "good-a");
    REQUIRE(lib.workshops.size() == 1);
    CHECK(lib.workshops[0].def->id == "good-a-workshop");
    REQUIRE(lib.problems.size() == 1);
    const PackProblem& p = lib.problems[0];
    CHECK(p.pack_id == "broken");
    const auto& d = p.diagnostics;
    CHECK(count_errors(d) == 6);
    CHECK(d.size() == 7);
    struct Expected {
        const char* file;
        const char* pointer;
        int line, column;
        Severity severity;
    };
    for (const Expected& e : {Expected{"broken/pack.json", "/version", 6, 14, Severity::Error},
                              Expected{"broken/modules/syntax.json", "", 5, 9, Severity::Error},
                              Expected{"broken/modules/typos.json", "/steps/0/facilitator_note", 6, 84, Severity::Warning},
                              Expected{"broken/modules/typos.json", "/steps/1/type", 7, 14, Severity::Error},
                              Expected{"broken/modules/typos.json", "/steps/2/src", 8, 30, Severity::Error},
                              Expected{"broken/modules/typos.json", "/steps/3/options", 9, 96, Severity::Error},
                              Expected{"broken/pack.json", "/workshops/0/modules/1", 13, 28, Severity::Error}}) {
        INFO(e.file << " " << e.pointer);
        const Diagnostic* found = find_diag(d, e.file, e.pointer);
        REQUIRE(found != nullptr);
        CHECK(found->line == e.line);
        CHECK(found->column == e.column);
        CHECK(found->severity == e.severity);
    }
}

// [SECTION] Pre/post pairing

namespace {

json likert_poll(const std::string& id, const std::string& measure, const std::string& phase) {
    return {{"type", "poll"}, {"id", id}, {"question", "Q"}, {"kind", "likert"}, {"measure", measure}, {"phase", phase}};
}

// A pack whose workshop runs the modules "m1", "m2" in that order.
Library load_pair_case(const TempDir& tmp, const std::vector<json>& steps1, const std::vector<json>& steps2) {
    PackBuilder b;
    b.modules.clear();
    b.modules["m1"] = {{"id", "m1"}, {"type", "topic"}, {"title", "M1"}, {"steps", json(steps1)}};
    b.modules["m2"] = {{"id", "m2"}, {"type", "topic"}, {"title", "M2"}, {"steps", json(steps2)}};
    b.pack["workshops"][0]["modules"] = json::array({"m1", "m2"});
    b.write(tmp.path() / "test-pack");
    return load_library({tmp.path() / "test-pack"});
}

}  // namespace

TEST_CASE("pre/post pairs: a valid pair sets has_pre_post_pairs", "[loader][pairs]") {
    TempDir tmp;
    const Library lib = load_pair_case(tmp, {likert_poll("a", "know", "pre")}, {likert_poll("b", "know", "post")});
    INFO(dump_diags(lib.diagnostics));
    REQUIRE(lib.workshops.size() == 1);
    CHECK(lib.workshops[0].has_pre_post_pairs);
    CHECK(lib.diagnostics.empty());
}

TEST_CASE("pre/post pairs: no pairs, and a pre without a post (warning)", "[loader][pairs]") {
    TempDir tmp;
    const Library lib = load_pair_case(tmp, {likert_poll("a", "know", "pre")}, {{{"type", "title"}, {"heading", "x"}}});
    REQUIRE(lib.workshops.size() == 1);
    CHECK_FALSE(lib.workshops[0].has_pre_post_pairs);
    CHECK_FALSE(lib.has_problems());
    expect_diag(lib.diagnostics, "modules/m1.json", "/steps/0", Severity::Warning, "has no post poll in workshop");
}

TEST_CASE("pre/post pairs: a post without an earlier pre drops the workshop", "[loader][pairs][errors]") {
    TempDir tmp;
    // The post comes first: it has no pre *earlier* in the workshop.
    const Library lib = load_pair_case(tmp, {likert_poll("b", "know", "post")}, {likert_poll("a", "know", "pre")});
    CHECK(lib.workshops.empty());
    REQUIRE(lib.problems.size() == 1);
    CHECK(lib.packs.size() == 1);  // the pack itself still loads
    const Diagnostic& d = expect_diag(lib.problems[0].diagnostics, "modules/m1.json", "/steps/0", Severity::Error,
                                      "post poll \"b\" has no pre poll for measure \"know\" earlier in workshop \"test-workshop\"");
    CHECK(d.line > 0);
    // The workshop's own message names the first pair problem and its file, so it is not lost when
    // the poll lives in another pack (upstander-pack validate shows only the editor's folders).
    expect_diag(lib.problems[0].diagnostics, "pack.json", "/workshops/0", Severity::Error,
                "is not available until its poll pairs are fixed (2 problems, the first: post poll \"b\" has no pre poll for measure "
                "\"know\" earlier in workshop \"test-workshop\"");
    expect_diag(lib.problems[0].diagnostics, "pack.json", "/workshops/0", Severity::Error, "modules/m1.json)");
}

TEST_CASE("pre/post pairs: two pre polls for one measure", "[loader][pairs][errors]") {
    TempDir tmp;
    const Library lib = load_pair_case(tmp, {likert_poll("a", "know", "pre"), likert_poll("a2", "know", "pre")},
                                       {likert_poll("b", "know", "post")});
    CHECK(lib.workshops.empty());
    REQUIRE(lib.problems.size() == 1);
    expect_diag(lib.problems[0].diagnostics, "modules/m1.json", "/steps/1", Severity::Error,
                "measure \"know\" already has a pre poll in workshop \"test-workshop\"");
}

TEST_CASE("pre/post pairs: kinds and options must match", "[loader][pairs][errors]") {
    TempDir tmp;
    json yn = {{"type", "poll"}, {"id", "b"}, {"question", "Q"}, {"kind", "yes-no"}, {"measure", "know"}, {"phase", "post"}};
    const Library lib = load_pair_case(tmp, {likert_poll("a", "know", "pre")}, {yn});
    CHECK(lib.workshops.empty());
    REQUIRE(lib.problems.size() == 1);
    expect_diag(lib.problems[0].diagnostics, "modules/m2.json", "/steps/0", Severity::Error,
                "is a yes-no poll but its pre poll \"a\" is a likert poll");

    TempDir tmp2;
    auto single = [](const std::string& id, const std::string& phase, const std::string& label) {
        return json{{"type", "poll"},
                    {"id", id},
                    {"question", "Q"},
                    {"kind", "single"},
                    {"measure", "pick"},
                    {"phase", phase},
                    {"options", {{{"id", "x"}, {"label", "X"}}, {{"id", "y"}, {"label", label}}}}};
    };
    const Library lib2 = load_pair_case(tmp2, {single("p1", "pre", "Y")}, {single("p2", "post", "Why")});
    CHECK(lib2.workshops.empty());
    REQUIRE(lib2.problems.size() == 1);
    expect_diag(lib2.problems[0].diagnostics, "modules/m2.json", "/steps/0", Severity::Error,
                "has different options from its pre poll \"p1\"");

    TempDir tmp3;
    const Library lib3 = load_pair_case(tmp3, {single("p1", "pre", "Y")}, {single("p2", "post", "Y")});
    REQUIRE(lib3.workshops.size() == 1);
    CHECK(lib3.workshops[0].has_pre_post_pairs);
}

// [SECTION] Diagnostics and messages

TEST_CASE("format_diagnostic omits unknown parts", "[loader]") {
    Diagnostic d{Severity::Error, "modules/race.json", "/steps/3/type", 14, 17, "unknown step type"};
    CHECK(format_diagnostic(d) == "modules/race.json:14:17: error: /steps/3/type: unknown step type");
    d.line = d.column = 0;
    d.severity = Severity::Warning;
    CHECK(format_diagnostic(d) == "modules/race.json: warning: /steps/3/type: unknown step type");
    d.pointer.clear();
    d.file.clear();
    CHECK(format_diagnostic(d) == "warning: unknown step type");
    d.pointer = "/" + std::string(1000, 'k') + "\n";
    const std::string shown = format_diagnostic(d);
    CHECK(shown.size() < 260);
    CHECK_THAT(shown, Catch::Contains("kkk\xE2\x80\xA6: unknown step type"));
}

TEST_CASE("quoted values in messages are shortened and made printable", "[loader]") {
    TempDir tmp;
    PackBuilder b;
    b.steps()[0]["type"] = std::string(500, 'x') + "\n";
    b.modules["intro"]["title"] = 7;
    const PackLoadResult r = load_built(b, tmp);
    const Diagnostic* d = find_diag(r.diagnostics, "modules/intro.json", "/steps/0/type");
    REQUIRE(d != nullptr);
    CHECK(d->message.size() < 300);
    CHECK(d->message.find('\n') == std::string::npos);
    CHECK(quote_for_message("a\x01\xff" "b") == "\"a ?b\"");
    CHECK(quote_for_message("abcdef", 3) == "\"abc\xE2\x80\xA6\"");
    CHECK(quote_for_message("\xC3\xA9t\xC3\xA9", 60) == "\"\xC3\xA9t\xC3\xA9\"");  // UTF-8 kept
}

TEST_CASE("load_pack reports a folder without pack.json and a missing folder", "[loader][errors]") {
    TempDir tmp;
    const PackLoadResult none = load_pack(tmp.path());
    CHECK_FALSE(none.ok());
    expect_diag(none.diagnostics, "pack.json", "", Severity::Error, "no pack.json here");
    const PackLoadResult missing = load_pack(tmp.path() / "nope");
    CHECK_FALSE(missing.ok());
    REQUIRE(missing.diagnostics.size() == 1);
    CHECK_THAT(missing.diagnostics[0].message, Catch::Contains("does not exist"));
}

// [SECTION] Robustness

TEST_CASE("damaged files never crash the loader", "[loader][robustness]") {
    // Deterministic byte mutations of a valid module file; every load must return normally.
    TempDir tmp;
    PackBuilder b;
    b.steps().push_back({{"type", "text"}, {"heading", "H"}, {"body", {"A **b** c", "- d"}}});
    b.steps().push_back({{"type", "poll"}, {"id", "p"}, {"question", "Q"}, {"kind", "likert"}, {"measure", "m"}, {"phase", "pre"}});
    b.write(tmp.path() / "test-pack");
    const std::string original = b.modules["intro"].dump(1);
    std::mt19937 rng(12345);
    const std::string alphabet = "{}[]\",:\\/0123456789abcdefghijklmnopqrstuvwxyz-. \n\x80\xff";
    int loaded = 0;
    for (int round = 0; round < 300; ++round) {
        std::string text = original;
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = rng() % text.size();
            switch (rng() % 3) {
                case 0: text[at] = alphabet[rng() % alphabet.size()]; break;
                case 1: text.erase(at, 1 + rng() % 8); break;
                default: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
            }
        }
        write_file(tmp.path() / "test-pack" / "modules" / "intro.json", text);
        const PackLoadResult r = load_pack(tmp.path() / "test-pack");
        if (r.ok()) ++loaded;
        for (const Diagnostic& d : r.diagnostics) CHECK_FALSE(d.message.empty());
    }
    CHECK(loaded < 300);  // the mutations really broke files
}

TEST_CASE("packs are listed by settings.list_order, then in load order", "[loader][library]") {
    TempDir root;
    PackBuilder a;
    a.pack["id"] = "a-pack";
    a.pack["workshops"][0]["id"] = "a-workshop";
    a.pack["settings"]["list_order"] = 900;
    a.write(root.path() / "a");
    PackBuilder b;
    b.pack["id"] = "b-pack";
    b.pack["workshops"][0]["id"] = "b-workshop";
    b.pack["settings"]["list_order"] = 10;
    b.write(root.path() / "b");
    PackBuilder c;
    c.pack["id"] = "c-pack";
    c.pack["workshops"][0]["id"] = "c-workshop";
    c.write(root.path() / "c");  // default 500
    const Library lib = load_library({root.path()});
    REQUIRE(lib.workshops.size() == 3);
    CHECK(lib.workshops[0].def->id == "b-workshop");
    CHECK(lib.workshops[1].def->id == "c-workshop");
    CHECK(lib.workshops[2].def->id == "a-workshop");
    CHECK(lib.find_workshop("a-workshop")->modules.front()->pack_id == "a-pack");
}
