#include "card_screens.hpp"

#include "core/poll.hpp"
#include "theme.hpp"

#include <algorithm>
#include <cmath>

namespace upstander::ui {

namespace {

// A tick drawn with lines (the fonts' atlases hold no check mark glyph).
void draw_tick(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 color, float thickness) {
    const float w = max.x - min.x, h = max.y - min.y;
    const ImVec2 a(min.x + w * 0.2f, min.y + h * 0.55f), b(min.x + w * 0.42f, min.y + h * 0.78f),
        c(min.x + w * 0.82f, min.y + h * 0.25f);
    dl->AddLine(a, b, color, thickness);
    dl->AddLine(b, c, color, thickness);
}

}  // namespace

void draw_card_scan(UiContext& ctx, const PollView& poll, const CardScanView& v, ImVec2 min, ImVec2 max) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = max.x - min.x;
    const float gap = 16 * ctx.u;
    // Left: which number is which answer, and how to hold the card, in the largest font that fits.
    const float left_w = w * 0.42f;
    const int n = static_cast<int>(poll.def->options.size());
    const std::string how = n > 4 ? "Hold up your card with your answer at the top. For 5 or 6, turn your card over."
                                  : "Hold up your card with your answer at the top.";
    std::vector<std::string> lines;
    for (int i = 0; i < n; ++i)
        lines.push_back(std::to_string(i + 1) + "  " + poll.def->options[static_cast<std::size_t>(i)].label);
    ImFont* font = ctx.fonts->small;
    for (ImFont* f : {ctx.fonts->bold, ctx.fonts->body, ctx.fonts->small}) {
        float h = measure_wrapped(ctx.fonts->body, how, left_w, std::min(f->FontSize, ctx.fonts->body->FontSize)).y;
        for (const auto& l : lines) h += measure_wrapped(f, l, left_w).y + 2 * ctx.u;
        if (h + 8 * ctx.u <= max.y - min.y) {
            font = f;
            break;
        }
    }
    ImGui::SetCursorScreenPos(min);
    text_wrapped(ctx, ctx.fonts->body, how, left_w, ctx.theme->text, std::min(font->FontSize, ctx.fonts->body->FontSize));
    float y = ImGui::GetCursorScreenPos().y + 4 * ctx.u;
    for (const auto& l : lines) {
        ImGui::SetCursorScreenPos(ImVec2(min.x, y));
        text_wrapped(ctx, font, l, left_w, ctx.theme->text);
        y = ImGui::GetCursorScreenPos().y + 2 * ctx.u;
    }

    // Right: the count and the grid of card numbers.
    const float gx = min.x + left_w + gap * 2;
    const float gw = max.x - gx;
    const std::string seen = "Cards seen: " + std::to_string(v.seen + v.already_counted);
    const float seen_fs = fitting_font_size(ctx.fonts->heading, seen, gw, ctx.fonts->heading->FontSize * 1.2f, 0.3f);
    ImGui::SetCursorScreenPos(ImVec2(gx, min.y));
    text_wrapped(ctx, ctx.fonts->heading, seen, gw, ctx.theme->accent, seen_fs);
    float gy = min.y + seen_fs * 1.3f;
    const int cells = std::max(1, v.grid_size);
    const float avail_h = std::max(10.0f, max.y - gy);
    // As many columns as keep the cells square and the grid inside the space.
    int cols = 1;
    float cell = 0;
    for (int c = 1; c <= cells; ++c) {
        const int rows = (cells + c - 1) / c;
        const float s = std::min(gw / static_cast<float>(c), avail_h / static_cast<float>(rows));
        if (s > cell) {
            cell = s;
            cols = c;
        }
    }
    const float pad = std::max(2.0f, cell * 0.08f);
    ImFont* f = ctx.fonts->small;
    for (int i = 0; i < cells; ++i) {
        const int r = i / cols, c = i % cols;
        const ImVec2 a(gx + static_cast<float>(c) * cell + pad, gy + static_cast<float>(r) * cell + pad);
        const ImVec2 b(a.x + cell - 2 * pad, a.y + cell - 2 * pad);
        const bool on = static_cast<std::size_t>(i) < v.ticked.size() && v.ticked[static_cast<std::size_t>(i)] != 0;
        dl->AddRectFilled(a, b, on ? ctx.theme->button : ctx.theme->panel, 4 * ctx.u);
        dl->AddRect(a, b, ctx.theme->panel_border, 4 * ctx.u);
        const std::string num = std::to_string(i + 1);
        const float fs = std::min(f->FontSize, (b.y - a.y) * 0.45f);
        const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, num.c_str());
        dl->AddText(f, fs, ImVec2(a.x + 3 * ctx.u, a.y + 2 * ctx.u), on ? ctx.theme->button_text : ctx.theme->text_muted,
                    num.c_str());
        (void)ts;
        if (on)
            draw_tick(dl, ImVec2(a.x, a.y + (b.y - a.y) * 0.15f), b, ctx.theme->button_text,
                      std::max(2.0f, (b.x - a.x) * 0.08f));
    }
}

}  // namespace upstander::ui
