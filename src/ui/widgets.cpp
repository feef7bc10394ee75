#include "widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

namespace upstander::ui {

// [SECTION] Root window

void attach_imgui_clip(TextRegistry& registry) {
    registry.set_clip_source([] {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 a = dl->GetClipRectMin(), b = dl->GetClipRectMax();
        return ClipRect{a.x, a.y, b.x, b.y};
    });
}

ImDrawList* begin_root(UiContext& ctx, const char* id, ImU32 background) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ctx.size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, background);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor();
    return ImGui::GetWindowDrawList();
}

void end_root() { ImGui::End(); }

// [SECTION] Text

namespace {

float size_of(ImFont* font, float font_size) { return font_size > 0 ? font_size : font->FontSize; }

float text_width(ImFont* font, float size, std::string_view s) {
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
}

// The bytes of `word` from its start that fit in `width` (at least one whole UTF-8 character).
size_t fitting_prefix(ImFont* font, float size, std::string_view word, float width) {
    size_t end = 0;
    float w = 0;
    while (end < word.size()) {
        size_t next = end + 1;
        while (next < word.size() && (static_cast<unsigned char>(word[next]) & 0xC0) == 0x80) ++next;
        const float cw = text_width(font, size, word.substr(end, next - end));
        if (end > 0 && w + cw > width) break;
        w += cw;
        end = next;
    }
    return end;
}

// Splits text into lines no wider than `width`, breaking at spaces (and honouring '\n'); a word
// wider than a whole line is broken between characters instead of running off the screen. Each word
// is measured once, so a very long text costs time in proportion to its length.
std::vector<std::string_view> wrap_lines(ImFont* font, float size, std::string_view text, float width) {
    std::vector<std::string_view> lines;
    const float space_w = text_width(font, size, " ");
    size_t start = 0;
    while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        std::string_view para = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        size_t ls = std::string_view::npos;  // start of the current line
        size_t le = 0;                       // end of its last word
        float lw = 0;
        size_t i = 0;
        while (i < para.size()) {
            if (para[i] == ' ') {
                ++i;
                continue;
            }
            size_t e = para.find(' ', i);
            if (e == std::string_view::npos) e = para.size();
            std::string_view word = para.substr(i, e - i);
            float ww = text_width(font, size, word);
            if (ls != std::string_view::npos && lw + space_w + ww > width) {
                lines.push_back(para.substr(ls, le - ls));
                ls = std::string_view::npos;
            }
            while (ls == std::string_view::npos && ww > width) {  // one word wider than the line
                const size_t n = fitting_prefix(font, size, word, width);
                lines.push_back(word.substr(0, n));
                i += n;
                word.remove_prefix(n);
                ww = text_width(font, size, word);
                if (word.empty()) break;
            }
            if (word.empty()) {
                i = e;
                continue;
            }
            if (ls == std::string_view::npos) {
                ls = i;
                lw = ww;
            } else {
                lw += space_w + ww;
            }
            le = e;
            i = e;
        }
        if (ls != std::string_view::npos) lines.push_back(para.substr(ls, le - ls));
        else if (lines.empty() || para.empty()) lines.push_back(para.substr(0, 0));
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return lines;
}

}  // namespace

ImVec2 text_at(UiContext& ctx, ImFont* font, ImVec2 pos, std::string_view text, ImU32 color) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 sz = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size());
    dl->AddText(font, font->FontSize, pos, color, text.data(), text.data() + text.size());
    ctx.registry->add(text, pos.x, pos.y, pos.x + sz.x, pos.y + sz.y, false);
    return sz;
}

ImVec2 text_centered(UiContext& ctx, ImFont* font, float x0, float x1, float y, std::string_view text, ImU32 color) {
    const float w = text_width(font, font->FontSize, text);
    return text_at(ctx, font, ImVec2(std::floor(x0 + (x1 - x0 - w) * 0.5f), y), text, color);
}

ImVec2 measure_wrapped(ImFont* font, std::string_view text, float width, float font_size) {
    const float size = size_of(font, font_size);
    auto lines = wrap_lines(font, size, text, width);
    float w = 0;
    for (auto l : lines) w = std::max(w, text_width(font, size, l));
    return ImVec2(w, static_cast<float>(lines.size()) * size * 1.2f);
}

float text_wrapped(UiContext& ctx, ImFont* font, std::string_view text, float width, ImU32 color, float font_size) {
    const float size = size_of(font, font_size);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = origin.y;
    float max_w = 0;
    const auto lines = wrap_lines(font, size, text, width);
    for (auto l : lines) {
        dl->AddText(font, size, ImVec2(origin.x, y), color, l.data(), l.data() + l.size());
        max_w = std::max(max_w, text_width(font, size, l));
        y += size * 1.2f;
    }
    const float h = y - origin.y;
    // The whole text when it is all on screen; otherwise each line, so the lines that show (of notes
    // in a scrolled panel, say) still count as visible and the rest do not.
    const ImVec2 clip_min = dl->GetClipRectMin(), clip_max = dl->GetClipRectMax();
    if (lines.size() > 1 && (origin.y < clip_min.y || y > clip_max.y + 2.0f)) {
        float ly = origin.y;
        for (auto l : lines) {
            ctx.registry->add(l, origin.x, ly, origin.x + text_width(font, size, l), ly + size * 1.2f, false);
            ly += size * 1.2f;
        }
    } else {
        ctx.registry->add(text, origin.x, origin.y, origin.x + max_w, y, false);
    }
    ImGui::Dummy(ImVec2(width, h));
    // Keep the next item under this one (Dummy would return the cursor to the window's left edge).
    ImGui::SetCursorScreenPos(ImVec2(origin.x, ImGui::GetCursorScreenPos().y));
    return h;
}

float text_wrapped_centered(UiContext& ctx, ImFont* font, float x0, float width, float y, std::string_view text,
                            ImU32 color, float font_size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float size = size_of(font, font_size);
    const float y0 = y;
    for (auto l : wrap_lines(font, size, text, width)) {
        const float w = text_width(font, size, l);
        dl->AddText(font, size, ImVec2(std::floor(x0 + (width - w) * 0.5f), y), color, l.data(), l.data() + l.size());
        y += size * 1.2f;
    }
    ctx.registry->add(text, x0, y0, x0 + width, y, false);
    return y - y0;
}

float fitting_font_size(ImFont* font, std::string_view text, float width, float max_height, float min_scale) {
    float size = font->FontSize;
    const float floor_size = font->FontSize * min_scale;
    while (size > floor_size && measure_wrapped(font, text, width, size).y > max_height) size = std::max(floor_size, size * 0.9f);
    return size;
}

// [SECTION] Rich text

float rich_text(UiContext& ctx, const RichText& text, float width, float font_size) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float size = font_size > 0 ? font_size : ctx.fonts->body->FontSize;
    const float line_h = size * 1.3f;
    const float para_gap = size * 0.6f;
    const float bullet_indent = size * 1.3f;
    float y = origin.y;
    for (size_t b = 0; b < text.size(); ++b) {
        const TextBlock& block = text[b];
        const bool bullet = block.kind == TextBlock::Kind::Bullet;
        const float left = origin.x + (bullet ? bullet_indent : 0.0f);
        const float right = origin.x + width;
        const float block_y0 = y;
        if (bullet) {
            const float r = size * 0.16f;
            dl->AddCircleFilled(ImVec2(origin.x + size * 0.45f, y + size * 0.55f), r, ctx.theme->accent);
        }
        float x = left;
        std::string plain;
        for (const TextSpan& span : block.spans) {
            ImFont* font = span.bold ? ctx.fonts->bold : ctx.fonts->body;
            const ImU32 color = ctx.theme->text;
            plain += span.text;
            std::string_view s = span.text;
            size_t i = 0;
            const float space_w = text_width(font, size, " ");
            while (i < s.size()) {
                if (s[i] == ' ') {
                    if (x > left) x += space_w;
                    ++i;
                    continue;
                }
                size_t e = s.find(' ', i);
                if (e == std::string_view::npos) e = s.size();
                std::string_view word = s.substr(i, e - i);
                float w = text_width(font, size, word);
                if (x + w > right && x > left) {
                    x = left;
                    y += line_h;
                }
                while (w > right - left) {  // a word wider than the line is broken between characters
                    const size_t n = fitting_prefix(font, size, word, right - left);
                    dl->AddText(font, size, ImVec2(x, y), color, word.data(), word.data() + n);
                    word.remove_prefix(n);
                    w = text_width(font, size, word);
                    x = left;
                    y += line_h;
                }
                dl->AddText(font, size, ImVec2(x, y), color, word.data(), word.data() + word.size());
                x += w;
                i = e;
            }
        }
        y += line_h;
        ctx.registry->add(plain, origin.x, block_y0, right, y, false);
        if (b + 1 < text.size()) y += (text[b + 1].kind == TextBlock::Kind::Bullet && bullet) ? size * 0.25f : para_gap;
    }
    const float h = y - origin.y;
    ImGui::Dummy(ImVec2(width, std::max(h, 1.0f)));
    ImGui::SetCursorScreenPos(ImVec2(origin.x, ImGui::GetCursorScreenPos().y));
    return h;
}

// [SECTION] Buttons and panels

std::string_view visible_label(const char* label) {
    std::string_view s(label);
    auto p = s.find("##");
    return p == std::string_view::npos ? s : s.substr(0, p);
}

bool text_button(UiContext& ctx, std::string_view text, std::string_view id, ImVec2 size, ImFont* font, bool enabled) {
    if (font) ImGui::PushFont(font);
    if (!enabled) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.45f);
    const ImGuiStyle& style = ImGui::GetStyle();
    ImFont* f = ImGui::GetFont();
    const float fs = ImGui::GetFontSize();
    const ImVec2 natural = f->CalcTextSizeA(fs, FLT_MAX, 0, text.data(), text.data() + text.size());
    if (size.x <= 0) size.x = natural.x + 2 * style.FramePadding.x;
    if (size.y <= 0) size.y = natural.y + 2 * style.FramePadding.y;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    // The ImGui label is only the id: text from a pack is never parsed by ImGui, so "##" in it is
    // shown as typed instead of hiding the rest.
    ImGui::PushID(id.data(), id.data() + id.size());
    const bool pressed = ImGui::Button("##button", size);
    ImGui::PopID();
    const ImVec2 max = ImGui::GetItemRectMax();
    // A label wider than its button shrinks to fit instead of being clipped.
    const float avail = size.x - 2 * style.FramePadding.x;
    const float scale = natural.x > avail && natural.x > 0 ? std::max(0.55f, avail / natural.x) : 1.0f;
    const ImVec2 ts(natural.x * scale, natural.y * scale);
    const ImVec2 tp(pos.x + style.FramePadding.x + std::max(0.0f, avail - ts.x) * style.ButtonTextAlign.x,
                    pos.y + std::max(0.0f, size.y - ts.y) * style.ButtonTextAlign.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(pos, max, true);
    ImU32 col = ctx.theme->button_text;
    if (!enabled) col = (col & 0x00FFFFFFu) | (static_cast<ImU32>(((col >> 24) & 0xFF) * 0.45f) << 24);
    dl->AddText(f, fs * scale, tp, col, text.data(), text.data() + text.size());
    dl->PopClipRect();
    if (!enabled) ImGui::PopStyleVar();
    if (font) ImGui::PopFont();
    ctx.registry->add(text, pos.x, pos.y, max.x, max.y, true, enabled);
    return pressed && enabled;
}

bool button(UiContext& ctx, const char* label, ImVec2 size, ImFont* font, bool enabled) {
    // The app's own labels: "Text##id" (an id after the first "##"), or the text as its own id.
    const std::string_view s(label);
    const size_t p = s.find("##");
    return text_button(ctx, visible_label(label), p == std::string_view::npos ? s : s.substr(p), size, font, enabled);
}

bool button_at(UiContext& ctx, const char* label, ImVec2 pos, ImVec2 size, ImFont* font, bool enabled) {
    ImGui::SetCursorScreenPos(pos);
    return button(ctx, label, size, font, enabled);
}

bool card_button(UiContext& ctx, const char* id, std::string_view title, std::string_view detail, ImVec2 size) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(id, size);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    panel(ctx, pos, max, active ? ctx.theme->button_active : hovered ? ctx.theme->button_hovered : ctx.theme->button,
          hovered ? ctx.theme->accent : ctx.theme->panel_border);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = 20.0f * ctx.u;
    ImFont* tf = ctx.fonts->bold;
    ImFont* df = ctx.fonts->small;
    // A long title is drawn a little smaller (down to 85%) to stay on one line, else wraps onto a
    // second line at the largest size (down to 70%) at which two lines fit the card; past that it is
    // drawn at 70% and clipped.
    const float room = size.x - 2 * pad;
    const float dh = detail.empty() ? 0.0f : df->FontSize * 1.1f;
    const float tall = size.y - 2 * 10.0f * ctx.u - dh;  // height the title may use
    const char* t0 = title.data();
    const char* t1 = title.data() + title.size();
    const float one_line = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0.0f, t0, t1).x;
    float th = tf->FontSize * 0.7f;
    float wrap = 0.0f;  // 0: one line
    if (one_line <= room / 0.85f) {
        th = one_line > room ? tf->FontSize * room / one_line : tf->FontSize;
    } else {
        for (const float scale : {1.0f, 0.9f, 0.8f, 0.7f}) {
            const float h = tf->FontSize * scale;
            const ImVec2 need = tf->CalcTextSizeA(h, FLT_MAX, room, t0, t1);
            if (need.x <= room && need.y <= std::min(tall, 2.05f * h)) {
                th = h;
                wrap = room;
                break;
            }
        }
    }
    const float block = wrap > 0 ? tf->CalcTextSizeA(th, FLT_MAX, wrap, t0, t1).y : th;
    float y = pos.y + (size.y - block - dh) * 0.5f;
    dl->PushClipRect(pos, max, true);
    dl->AddText(tf, th, ImVec2(pos.x + pad, y), ctx.theme->button_text, t0, t1, wrap);
    if (!detail.empty())
        dl->AddText(df, df->FontSize, ImVec2(pos.x + pad, y + block + th * 0.1f), ctx.theme->button_text, detail.data(),
                    detail.data() + detail.size());
    dl->PopClipRect();
    ctx.registry->add(title, pos.x, pos.y, max.x, max.y, true);
    if (!detail.empty()) ctx.registry->add(detail, pos.x, pos.y, max.x, max.y, false);
    return pressed;
}

void vspace(float pixels) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(1, pixels));
    ImGui::SetCursorScreenPos(ImVec2(p.x, ImGui::GetCursorScreenPos().y));
}

void panel(UiContext& ctx, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = 12.0f * ctx.u;
    dl->AddRectFilled(min, max, fill, r);
    dl->AddRect(min, max, border, r, 0, 2.0f * ctx.u);
}

std::string format_hms(long s) {
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

std::string format_clock(double seconds) { return format_hms(static_cast<long>(std::ceil(std::max(0.0, seconds) - 1e-9))); }

}  // namespace upstander::ui
