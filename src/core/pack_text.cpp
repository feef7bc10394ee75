#include "pack_text.hpp"

#include "json_locator.hpp"
#include "text_markup.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace upstander {

namespace {

void visit_step(const Step& s, const std::string& pointer, const PackTextVisitor& visit) {
    const std::string& f = s.source_file;
    const std::string& p = pointer;
    visit(f, child_pointer(p, "heading"), s.heading);
    visit(f, child_pointer(p, "subtitle"), s.subtitle);
    if (!s.body.empty()) visit(f, child_pointer(p, "body"), plain_text(s.body));
    for (std::size_t i = 0; i < s.prompts.size(); ++i) visit(f, child_pointer(child_pointer(p, "prompts"), i), s.prompts[i]);
    if (s.image) {
        visit(f, child_pointer(p, "alt"), s.image->alt);
        visit(f, child_pointer(p, "caption"), s.image->caption);
    }
    if (s.video) visit(f, child_pointer(p, "content_warning"), s.video->content_warning);
    if (s.poll) {
        visit(f, child_pointer(p, "question"), s.poll->question);
        for (std::size_t i = 0; i < s.poll->options.size(); ++i)
            visit(f, child_pointer(child_pointer(p, "options"), i), s.poll->options[i].label);
    }
    for (std::size_t i = 0; i < s.choices.size(); ++i) {
        const std::string cp = child_pointer(child_pointer(p, "choices"), i);
        visit(f, child_pointer(cp, "label"), s.choices[i].label);
        for (const Step& c : s.choices[i].consequence) visit_step(c, c.source_pointer.empty() ? child_pointer(cp, "consequence") : c.source_pointer, visit);
    }
    visit(f, child_pointer(p, "facilitator_notes"), s.facilitator_notes);
}

}  // namespace

void for_each_pack_text(const Pack& pack, const PackTextVisitor& visit) {
    const std::string pack_json = (pack.dir / "pack.json").generic_string();
    visit(pack_json, "/title", pack.title);
    visit(pack_json, "/description", pack.description);
    for (std::size_t i = 0; i < pack.workshops.size(); ++i) {
        const std::string wp = child_pointer("/workshops", i);
        visit(pack_json, child_pointer(wp, "title"), pack.workshops[i].title);
        visit(pack_json, child_pointer(wp, "description"), pack.workshops[i].description);
    }
    for (const Module& m : pack.modules) {
        const std::string file = m.steps.empty() ? m.file.generic_string() : m.steps.front().source_file;
        visit(file, "/title", m.title);
        visit(file, "/summary", m.summary);
        for (const Step& s : m.steps) visit_step(s, s.source_pointer, visit);
    }
}

bool is_base_code_point(std::uint32_t cp) {
    return (cp >= 0x20 && cp <= 0x17F) || (cp >= 0x2010 && cp <= 0x2027) || cp == 0x20AC ||
           (cp >= 0x2190 && cp <= 0x2193) || cp == 0xFFFD || cp == '\n' || cp == '\t';
}

bool is_right_to_left(std::uint32_t cp) {
    return (cp >= 0x0590 && cp <= 0x08FF) ||  // Hebrew, Arabic, Syriac, Arabic Supplement, Thaana, N'Ko, Samaritan, Mandaic
           (cp >= 0xFB1D && cp <= 0xFDFF) ||  // Hebrew and Arabic presentation forms A
           (cp >= 0xFE70 && cp <= 0xFEFF) ||  // Arabic presentation forms B
           (cp >= 0x10800 && cp <= 0x10FFF) || (cp >= 0x1E800 && cp <= 0x1EFFF);
}

std::vector<std::uint32_t> text_code_points(const std::vector<Pack>& packs, std::size_t limit) {
    std::map<std::uint32_t, std::size_t> counts;
    auto add = [&](const std::string&, const std::string&, std::string_view text) {
        for (std::size_t i = 0; i < text.size();) {
            const Utf8Char c = decode_utf8_at(text, i);
            if (c.length == 0) {
                ++i;
                continue;
            }
            i += c.length;
            if (c.code_point <= kMaxDrawableCodePoint && !is_base_code_point(c.code_point) && c.code_point >= 0x20)
                ++counts[c.code_point];
        }
    };
    for (const Pack& p : packs) for_each_pack_text(p, add);
    std::vector<std::pair<std::uint32_t, std::size_t>> v(counts.begin(), counts.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (v.size() > limit) v.resize(limit);
    std::vector<std::uint32_t> out;
    out.reserve(v.size());
    for (const auto& [cp, n] : v) out.push_back(cp);
    std::sort(out.begin(), out.end());
    return out;
}

std::string describe_code_point(std::uint32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    std::string out = buf;
    // Printable: not a control, not a combining mark on its own, not a format character.
    const bool printable = cp >= 0xA0 && !(cp >= 0x300 && cp <= 0x36F) && !(cp >= 0x200B && cp <= 0x200F) &&
                           !(cp >= 0x202A && cp <= 0x202E) && !(cp >= 0x2066 && cp <= 0x2069) && cp != 0xFEFF;
    if (printable) {
        std::string utf8;
        if (cp < 0x800) {
            utf8 += static_cast<char>(0xC0 | (cp >> 6));
            utf8 += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            utf8 += static_cast<char>(0xE0 | (cp >> 12));
            utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            utf8 += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            utf8 += static_cast<char>(0xF0 | (cp >> 18));
            utf8 += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            utf8 += static_cast<char>(0x80 | (cp & 0x3F));
        }
        out += " '" + utf8 + "'";
    }
    return out;
}

namespace {

std::string list_code_points(const std::vector<std::uint32_t>& cps) {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(cps.size(), 3);
    for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + describe_code_point(cps[i]);
    if (cps.size() > shown) out += " and " + std::to_string(cps.size() - shown) + " more";
    return out;
}

}  // namespace

std::vector<Diagnostic> text_drawing_warnings(const Pack& pack, const std::function<bool(std::uint32_t)>& can_draw) {
    std::vector<Diagnostic> out;
    auto warn = [&](const std::string& file, const std::string& pointer, std::string message) {
        out.push_back({Diagnostic::Severity::Warning, file, pointer, 0, 0, std::move(message)});
    };
    std::map<std::uint32_t, bool> drawable;  // can_draw is a font lookup: ask once per character
    auto has_font = [&](std::uint32_t cp) {
        if (!can_draw) return true;
        auto [it, added] = drawable.try_emplace(cp, false);
        if (added) it->second = can_draw(cp);
        return it->second;
    };
    std::map<std::uint32_t, bool> distinct;
    for_each_pack_text(pack, [&](const std::string& file, const std::string& pointer, std::string_view text) {
        std::vector<std::uint32_t> too_high, no_font, combining;
        bool rtl = false;
        auto note = [](std::vector<std::uint32_t>& v, std::uint32_t cp) {
            if (std::find(v.begin(), v.end(), cp) == v.end()) v.push_back(cp);
        };
        for (std::size_t i = 0; i < text.size();) {
            const Utf8Char c = decode_utf8_at(text, i);
            if (c.length == 0) {
                ++i;
                continue;
            }
            i += c.length;
            const std::uint32_t cp = c.code_point;
            if (cp < 0x20 || is_base_code_point(cp)) continue;
            rtl = rtl || is_right_to_left(cp);
            if (cp > kMaxDrawableCodePoint) {
                note(too_high, cp);
                continue;
            }
            distinct[cp] = true;
            if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x20D0 && cp <= 0x20FF))
                note(combining, cp);
            else if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
                     cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F))
                continue;  // invisible format characters and variation selectors: nothing to draw
            else if (!has_font(cp))
                note(no_font, cp);
        }
        if (!too_high.empty())
            warn(file, pointer,
                 list_code_points(too_high) +
                     " cannot be drawn (emoji and other characters above U+FFFF are not supported) and will show as "
                     "a box; use words, or a picture step");
        if (!no_font.empty())
            warn(file, pointer,
                 "no installed font can draw " + list_code_points(no_font) +
                     "; it will show as a box. Install a font that has it (Debian's fonts-noto-core covers most "
                     "scripts) on every kiosk, or use other characters");
        if (rtl)
            warn(file, pointer,
                 "this text is written right to left (Hebrew, Arabic, Urdu or a related script); Upstander draws "
                 "text left to right and does not join letters yet, so it will be hard to read. Show it as a "
                 "picture instead");
        if (!combining.empty())
            warn(file, pointer,
                 "this text uses a combining accent (" + list_code_points(combining) +
                     "), which is drawn beside its letter rather than on it; use the letter with the accent "
                     "built in (for example \"é\" rather than \"e\" followed by an accent)");
    });
    if (distinct.size() > kMaxExtraGlyphs)
        warn((pack.dir / "pack.json").generic_string(), "",
             "the pack uses " + std::to_string(distinct.size()) + " different characters beyond the Latin alphabet; "
             "the kiosk's fonts take the " + std::to_string(kMaxExtraGlyphs) +
             " most used, and the rest will show as boxes");
    fill_positions(out);
    return out;
}

}  // namespace upstander
