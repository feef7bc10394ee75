// Text the kiosk must draw: which characters its fonts need (text_code_points) and the warnings
// about text it cannot draw as written (text_drawing_warnings), with file and pointer.
#include "core/pack_text.hpp"
#include "pack_test_util.hpp"

using namespace upstander;
using namespace upstander::test;

namespace {

PackLoadResult load_with(TempDir& tmp, const std::vector<json>& steps) {
    PackBuilder b;
    for (const json& s : steps) b.steps().push_back(s);
    b.write(tmp.path() / "test-pack");
    return load_pack(tmp.path() / "test-pack");
}

bool mentions(const Diagnostic* d, const std::string& text) { return d && d->message.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("the fonts get every character the packs use beyond Latin, once", "[pack_text]") {
    TempDir tmp;
    const PackLoadResult r = load_with(tmp, {json{{"type", "text"}, {"heading", "Ce înseamnă ură? Ș"},  // ș/Ș beyond Latin-A
                                                  {"body", "Γεια σου, привет — £5"}},
                                             json{{"type", "poll"}, {"id", "p"}, {"question", "Ναι;"}, {"kind", "yes-no"}}});
    REQUIRE(r.ok());
    const std::vector<std::uint32_t> cps = text_code_points({*r.pack});
    auto has = [&](std::uint32_t cp) { return std::find(cps.begin(), cps.end(), cp) != cps.end(); };
    CHECK(has(0x0218));  // Ș
    CHECK(has(0x03B5));  // ε
    CHECK(has(0x0440));  // р
    CHECK(has(0x039D));  // Ν, from the poll question
    CHECK_FALSE(has(0x00EE));  // î is Latin-1: always in the fonts
    CHECK_FALSE(has(0x2014));  // the dash too
    CHECK_FALSE(has(0x00A3));
    CHECK(std::is_sorted(cps.begin(), cps.end()));
    CHECK(std::adjacent_find(cps.begin(), cps.end()) == cps.end());
}

TEST_CASE("a pack with more characters than the atlas takes keeps the most used ones", "[pack_text]") {
    TempDir tmp;
    std::string many;
    for (std::uint32_t cp = 0x4E00; cp < 0x4E00 + kMaxExtraGlyphs + 50; ++cp) {
        many += static_cast<char>(0xE0 | (cp >> 12));
        many += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        many += static_cast<char>(0x80 | (cp & 0x3F));
    }
    const PackLoadResult r = load_with(tmp, {json{{"type", "text"}, {"heading", "αααα"}, {"body", many}}});
    REQUIRE(r.ok());
    const std::vector<std::uint32_t> cps = text_code_points({*r.pack});
    CHECK(cps.size() == kMaxExtraGlyphs);
    CHECK(std::find(cps.begin(), cps.end(), 0x03B1) != cps.end());  // used four times: kept
    const std::vector<Diagnostic> w = text_drawing_warnings(*r.pack);
    bool warned = false;
    for (const Diagnostic& d : w) warned = warned || d.message.find("different characters beyond the Latin alphabet") != std::string::npos;
    CHECK(warned);
}

TEST_CASE("lint names text the kiosk cannot draw, with file and pointer", "[pack_text]") {
    TempDir tmp;
    const PackLoadResult r = load_with(
        tmp, {json{{"type", "text"}, {"heading", "Well done \xF0\x9F\x98\x80"}, {"body", "x"}},                       // /steps/1: emoji
              json{{"type", "text"}, {"heading", "Vai \xEA\x94\x80 script"}, {"body", "x"}},                           // /steps/2: U+A500
              json{{"type", "text"}, {"heading", "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D"}, {"body", "x"}},                    // /steps/3: Hebrew
              json{{"type", "text"}, {"heading", "Cafe\xCC\x81"}, {"body", "x"}},                                       // /steps/4: e + U+0301
              json{{"type", "poll"}, {"id", "p"}, {"question", "Fine?"}, {"kind", "yes-no"}, {"facilitator_notes", "Greek: \xCE\xB1"}}});
    INFO(dump_diags(r.diagnostics));
    REQUIRE(r.ok());
    // A font lookup that has everything but U+A500 (Vai).
    const std::vector<Diagnostic> w =
        text_drawing_warnings(*r.pack, [](std::uint32_t cp) { return cp != 0xA500; });
    INFO(dump_diags(w));
    const std::string f = "modules/intro.json";
    CHECK(mentions(find_diag(w, f, "/steps/1/heading"), "U+1F600"));
    CHECK(mentions(find_diag(w, f, "/steps/2/heading"), "no installed font can draw U+A500"));
    CHECK(mentions(find_diag(w, f, "/steps/3/heading"), "right to left"));
    CHECK(mentions(find_diag(w, f, "/steps/4/heading"), "combining accent"));
    CHECK(find_diag(w, f, "/steps/5/facilitator_notes") == nullptr);  // Greek is drawable
    CHECK(find_diag(w, f, "/steps/0/heading") == nullptr);
    for (const Diagnostic& d : w) {
        CHECK(d.severity == Diagnostic::Severity::Warning);
        CHECK(d.line > 0);
    }
}

TEST_CASE("right-to-left and base sets", "[pack_text]") {
    CHECK(is_right_to_left(0x05D0));
    CHECK(is_right_to_left(0x0627));
    CHECK(is_right_to_left(0xFEFC));
    CHECK_FALSE(is_right_to_left(0x03B1));
    CHECK(is_base_code_point('A'));
    CHECK(is_base_code_point(0x017E));
    CHECK_FALSE(is_base_code_point(0x0219));
    CHECK(describe_code_point(0x0219) == "U+0219 '\xC8\x99'");
    CHECK(describe_code_point(0x0301) == "U+0301");
}
