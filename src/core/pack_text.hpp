#pragma once
// Every piece of text a pack puts on a screen (projector, booth or presenter), with the file and
// JSON pointer it came from, and what the UI needs to know about its characters: which ones the
// fonts must hold, which cannot be drawn at all by this build, and which need right-to-left shaping
// that Upstander does not do yet. Lint turns these into warnings; the kiosk builds its font atlas
// from text_code_points().

#include "content.hpp"
#include "json_reader.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace upstander {

// Calls `visit(file, pointer, text)` for every text field of the pack a screen can show: the pack's,
// workshops' and modules' titles and descriptions, and every step's heading, subtitle, body,
// prompts, image alt text and caption, poll question and answers, choices and their consequences,
// video content warnings and facilitator notes.
using PackTextVisitor = std::function<void(const std::string& file, const std::string& pointer, std::string_view text)>;
void for_each_pack_text(const Pack& pack, const PackTextVisitor& visit);

// Dear ImGui as Debian builds it stores characters in 16 bits: nothing above U+FFFF (most emoji,
// historic scripts) can be drawn, whatever the fonts hold.
inline constexpr std::uint32_t kMaxDrawableCodePoint = 0xFFFF;

// The most glyphs the kiosk adds to its fonts beyond the Latin set it always carries: enough for
// a pack in Greek, Cyrillic or another alphabet plus symbols; a pack using more (a whole CJK text)
// gets the most frequent ones and lint warns.
inline constexpr std::size_t kMaxExtraGlyphs = 400;

// True for characters every face of the kiosk's fonts always carries (Latin, Latin-1, Latin
// Extended-A, the dashes and quotes, the euro sign and the arrows the UI uses); the others that a
// pack uses are added to the atlas (text_code_points).
bool is_base_code_point(std::uint32_t cp);

// Characters of strong right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
// presentation forms). ImGui draws text left to right without shaping, so such text comes out
// reversed and, for Arabic, unjoined.
bool is_right_to_left(std::uint32_t cp);

// The distinct characters outside the base set that the packs' text uses and that can be drawn
// (at most U+FFFF), most used first and then by code point, at most `limit`.
std::vector<std::uint32_t> text_code_points(const std::vector<Pack>& packs, std::size_t limit = kMaxExtraGlyphs);

// "U+0219 'ș'" for messages (the character itself only when it is printable).
std::string describe_code_point(std::uint32_t cp);

}  // namespace upstander

namespace upstander {

// Warnings, naming the file and pointer, about text that the kiosk cannot draw as written: characters
// above U+FFFF (most emoji), characters for which `can_draw` (when given: whether any installed font
// has the glyph) is false, right-to-left text (not shaped yet), combining accents (drawn beside the
// letter; the precomposed letter is better), and more distinct characters than the atlas takes.
// Positions (line:column) are filled in from the files.
std::vector<Diagnostic> text_drawing_warnings(const Pack& pack, const std::function<bool(std::uint32_t)>& can_draw = {});

}  // namespace upstander
