#include "programme_screens.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace upstander::ui {

namespace {

constexpr float kPi = 3.14159265358979f;

ImU32 blend(ImU32 a, ImU32 b, float t) {
    auto ch = [&](int shift) {
        const float x = static_cast<float>((a >> shift) & 0xFF), y = static_cast<float>((b >> shift) & 0xFF);
        return static_cast<ImU32>(x + (y - x) * t) << shift;
    };
    return ch(IM_COL32_R_SHIFT) | ch(IM_COL32_G_SHIFT) | ch(IM_COL32_B_SHIFT) | (0xFFu << IM_COL32_A_SHIFT);
}

float draw_heading(UiContext& ctx, const std::string& text, ImVec2 min, float width) {
    ImGui::SetCursorScreenPos(min);
    const float h = text_wrapped(ctx, ctx.fonts->heading, text, width, ctx.theme->accent);
    return min.y + h + ctx.fonts->body->FontSize * 0.4f;
}

// The ripples on the left, the categories as buttons on the right.
void draw_impact_map(UiContext& ctx, const Step& s, const ProgrammeStepView* v, ImVec2 min, ImVec2 max) {
    const ImpactMapDef& map = *s.impact_map;
    const float w = max.x - min.x;
    float y = draw_heading(ctx, s.heading, min, w);
    if (!s.body.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(min.x, y));
        y += rich_text(ctx, s.body, w, ctx.fonts->small->FontSize) + 8 * ctx.u;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float list_w = std::round(w * 0.38f);
    const float map_w = w - list_w - 44 * ctx.u;  // the gap holds the list's colour markers
    const float map_h = max.y - y;
    const float radius = std::max(10.0f, std::min(map_w, map_h) * 0.5f - 4 * ctx.u);
    const ImVec2 c(min.x + map_w * 0.5f, y + map_h * 0.5f);
    const int rings = static_cast<int>(map.ripples.size());
    const float centre_r = radius * 0.22f;
    auto ring_outer = [&](int k) { return centre_r + (radius - centre_r) * static_cast<float>(k + 1) / static_cast<float>(rings); };
    for (int k = rings - 1; k >= 0; --k) {
        const float t = 0.15f + 0.55f * static_cast<float>(rings - 1 - k) / static_cast<float>(std::max(1, rings - 1));
        dl->AddCircleFilled(c, ring_outer(k), blend(ctx.theme->background, ctx.theme->panel, t), 96);
        dl->AddCircle(c, ring_outer(k), ctx.theme->panel_border, 96, std::max(1.0f, 2 * ctx.u));
        // The ripple's label sits at the top of its band.
        const float band_mid = (ring_outer(k) + (k == 0 ? centre_r : ring_outer(k - 1))) * 0.5f;
        text_centered(ctx, ctx.fonts->small, c.x - radius, c.x + radius, c.y - band_mid - ctx.fonts->small->FontSize * 0.5f,
                      map.ripples[static_cast<std::size_t>(k)], ctx.theme->text_muted);
    }
    dl->AddCircleFilled(c, centre_r, ctx.theme->accent, 64);
    ImFont* cf = ctx.fonts->small;
    const float cfs = fitting_font_size(cf, map.centre, centre_r * 1.7f, centre_r * 1.4f, 0.5f);
    const ImVec2 csz = measure_wrapped(cf, map.centre, centre_r * 1.7f, cfs);
    text_wrapped_centered(ctx, cf, c.x - centre_r * 0.85f, centre_r * 1.7f, c.y - csz.y * 0.5f, map.centre,
                          ctx.theme->background, cfs);

    // Placed categories: a numbered marker in its ripple's band. Each category has its own angle (from
    // the left round the bottom to the right, leaving the top for the ripple labels), so it keeps its
    // place as it moves outwards and no two markers meet, whatever the labels' lengths.
    const std::size_t n = map.categories.size();
    const float dot_r = std::max(ctx.fonts->small->FontSize * 0.75f,
                                 std::min(ctx.fonts->small->FontSize * 1.1f, (radius - centre_r) / static_cast<float>(rings) * 0.4f));
    auto marker = [&](ImVec2 p, std::size_t i, float r, bool numbered) {
        dl->AddCircleFilled(p, r, okabe_ito(static_cast<int>(i) + 1), 32);
        dl->AddCircle(p, r, ctx.theme->background, 32, std::max(1.0f, 2 * ctx.u));
        if (!numbered) return;
        const std::string num = std::to_string(i + 1);
        const ImVec2 ts = ctx.fonts->bold->CalcTextSizeA(std::min(ctx.fonts->small->FontSize, r * 1.3f), FLT_MAX, 0, num.c_str());
        dl->AddText(ctx.fonts->bold, std::min(ctx.fonts->small->FontSize, r * 1.3f), ImVec2(p.x - ts.x * 0.5f, p.y - ts.y * 0.5f),
                    IM_COL32(0, 0, 0, 255), num.c_str());
    };
    for (std::size_t i = 0; i < n; ++i) {
        const int r = v && i < v->placements.size() ? v->placements[i] : -1;
        if (r < 0 || r >= rings) continue;
        const float band_mid = (ring_outer(r) + (r == 0 ? centre_r : ring_outer(r - 1))) * 0.5f;
        const float a = kPi * (0.85f + 1.3f * (static_cast<float>(i) + 0.5f) / static_cast<float>(n));
        const ImVec2 p(c.x + std::cos(a) * band_mid, c.y - std::sin(a) * band_mid);
        marker(p, i, dot_r, true);
        ctx.registry->add(map.categories[i].label + ": " + map.ripples[static_cast<std::size_t>(r)], p.x - dot_r,
                          p.y - dot_r, p.x + dot_r, p.y + dot_r, false);
    }

    // The choices: each button moves its category one ripple outwards (off, inner, ..., outer, off).
    const float lx = max.x - list_w;
    const float bh = std::max(ctx.fonts->small->FontSize * 1.7f, (map_h - 8 * ctx.u * static_cast<float>(n)) / static_cast<float>(n));
    const float row_h = std::min(bh, ctx.fonts->small->FontSize * 2.6f);
    float by = y;
    for (std::size_t i = 0; i < n; ++i) {
        const int r = v && i < v->placements.size() ? v->placements[i] : -1;
        const std::string where = r >= 0 && r < rings ? map.ripples[static_cast<std::size_t>(r)] : "not placed";
        const std::string text = std::to_string(i + 1) + "  " + map.categories[i].label + "  \xC2\xB7  " + where;
        ImGui::SetCursorScreenPos(ImVec2(lx, by));
        if (text_button(ctx, text, "##impact-" + std::to_string(i), ImVec2(list_w, row_h), ctx.fonts->small))
            ctx.push(CommandType::Choose, static_cast<int>(i));
        // The same coloured marker as on the map, so the two can be matched without reading.
        if (r >= 0 && r < rings) marker(ImVec2(lx - 20 * ctx.u, by + row_h * 0.5f), i, std::min(dot_r * 0.5f, 10 * ctx.u), false);
        by += row_h + 8 * ctx.u;
    }
}

void draw_one_question(UiContext& ctx, const std::string& heading, const std::string& counter, const std::string& question,
                       const RichText* intro, ImVec2 min, ImVec2 max) {
    const float w = max.x - min.x;
    float y = draw_heading(ctx, heading, min, w);
    if (intro && !intro->empty()) {
        ImGui::SetCursorScreenPos(ImVec2(min.x, y));
        y += rich_text(ctx, *intro, w) + 12 * ctx.u;
    }
    text_at(ctx, ctx.fonts->small, ImVec2(min.x, y), counter, ctx.theme->text_muted);
    y += ctx.fonts->small->FontSize * 1.6f;
    const float fs = fitting_font_size(ctx.fonts->title, question, w, max.y - y, 0.4f);
    ImGui::PushClipRect(ImVec2(min.x, y), max, true);
    ImGui::SetCursorScreenPos(ImVec2(min.x, y));
    text_wrapped(ctx, ctx.fonts->title, question, w, ctx.theme->text, fs);
    ImGui::PopClipRect();
}

}  // namespace

void draw_programme_step(UiContext& ctx, const Step& s, const ProgrammeStepView* v, ImVec2 min, ImVec2 max) {
    switch (s.type) {
        case StepType::ImpactMap:
            if (s.impact_map) draw_impact_map(ctx, s, v, min, max);
            break;
        case StepType::RestorativeQuestions: {
            const int count = static_cast<int>(s.questions.size());
            if (count == 0) break;
            const int q = std::clamp(v ? v->question : 0, 0, count - 1);
            draw_one_question(ctx, s.heading, "Question " + std::to_string(q + 1) + " of " + std::to_string(count),
                              s.questions[static_cast<std::size_t>(q)].question, nullptr, min, max);
            break;
        }
        case StepType::HarmedQuestions: {
            if (!v || v->question_count == 0) {
                draw_one_question(ctx, s.heading, "", "There are no questions for this session", &s.body, min, max);
                break;
            }
            const int q = std::clamp(v->question, 0, v->question_count - 1);
            draw_one_question(ctx, s.heading,
                              "Question " + std::to_string(q + 1) + " of " + std::to_string(v->question_count),
                              v->harmed_question, q == 0 ? &s.body : nullptr, min, max);
            break;
        }
        default: break;
    }
}

}  // namespace upstander::ui
