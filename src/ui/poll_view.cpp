#include "poll_view.hpp"

#include "ballot_view.hpp"
#include "card_screens.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace upstander::ui {

namespace {

constexpr float kPi = 3.14159265f;

float ease_out(double t) {
    const float x = static_cast<float>(std::clamp(t, 0.0, 1.0));
    return 1.0f - (1.0f - x) * (1.0f - x) * (1.0f - x);
}

std::string votes_label(long long n) { return std::to_string(n) + (n == 1 ? " vote" : " votes"); }

}  // namespace

// The press only counts on release inside the button.
bool vote_button(UiContext& ctx, int index, const std::string& label, ImVec2 pos, ImVec2 size, int face_score) {
    ImGui::SetCursorScreenPos(pos);
    const std::string id = "##vote" + std::to_string(index);
    const bool pressed = ImGui::InvisibleButton(id.c_str(), size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    panel(ctx, pos, max, ctx.theme->button, ctx.theme->panel_border);
    const float pad = 18 * ctx.u;
    ImFont* nf = ctx.fonts->heading;
    const std::string num = std::to_string(index + 1);
    // The number key, in a circle on the left.
    const float r = std::min(size.y * 0.36f, nf->FontSize * 0.75f);
    const ImVec2 c(pos.x + pad + r, pos.y + size.y * 0.5f);
    dl->AddCircleFilled(c, r, ctx.theme->button_text);
    const ImVec2 ns = nf->CalcTextSizeA(nf->FontSize * 0.8f, FLT_MAX, 0, num.c_str());
    dl->AddText(nf, nf->FontSize * 0.8f, ImVec2(c.x - ns.x * 0.5f, c.y - ns.y * 0.5f), ctx.theme->button, num.c_str());
    float x = c.x + r + pad;
    if (face_score > -3) {
        const float fr = std::min(size.y * 0.34f, 40 * ctx.u);
        draw_face(dl, ImVec2(x + fr, c.y), fr, face_score, ctx.theme->button_text);
        x += 2 * fr + pad;
    }
    ImFont* lf = ctx.fonts->bold;
    const float avail = max.x - x - pad;
    // Shrink long labels to fit on one or two lines rather than clip them.
    float fs = lf->FontSize;
    ImVec2 ts = measure_wrapped(lf, label, avail, fs);
    while (ts.y > size.y - 8 * ctx.u && fs > lf->FontSize * 0.6f) {
        fs *= 0.9f;
        ts = measure_wrapped(lf, label, avail, fs);
    }
    ImGui::SetCursorScreenPos(ImVec2(x, pos.y + (size.y - ts.y) * 0.5f + fs * 0.1f));
    ImGui::PushClipRect(pos, max, true);
    ctx.registry->add(label, pos.x, pos.y, max.x, max.y, true);
    {
        // text_wrapped also records the label; keep one clickable record plus the visible text.
        const float h = text_wrapped(ctx, lf, label, avail, ctx.theme->button_text, fs);
        (void)h;
    }
    ImGui::PopClipRect();
    return pressed;
}

void draw_face(ImDrawList* dl, ImVec2 c, float r, int score, ImU32 color) {
    const float t = std::max(1.5f, r * 0.11f);
    dl->AddCircle(c, r, color, 32, t);
    const float ex = r * 0.36f, ey = r * 0.28f, er = std::max(1.5f, r * 0.1f);
    dl->AddCircleFilled(ImVec2(c.x - ex, c.y - ey), er, color);
    dl->AddCircleFilled(ImVec2(c.x + ex, c.y - ey), er, color);
    const float mw = r * 0.5f;
    const float my = c.y + r * 0.35f;
    if (score == 0) {
        dl->AddLine(ImVec2(c.x - mw, my), ImVec2(c.x + mw, my), color, t);
        return;
    }
    // Smile (score > 0) or frown (score < 0); |score| 2 curves more.
    const float bend = (std::abs(score) == 2 ? 0.45f : 0.22f) * r;
    const int segments = 12;
    dl->PathClear();
    for (int i = 0; i <= segments; ++i) {
        const float s = static_cast<float>(i) / segments;  // 0..1 across the mouth
        const float x = c.x - mw + 2 * mw * s;
        const float y = my + (score > 0 ? 1.0f : -1.0f) * bend * std::sin(s * kPi) - (score > 0 ? bend * 0.5f : -bend * 0.5f);
        dl->PathLineTo(ImVec2(x, y));
    }
    dl->PathStroke(color, 0, t);
}

void draw_results_chart(UiContext& ctx, const PollView& poll, ImVec2 min, ImVec2 max, double progress) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const auto& opts = poll.def->options;
    const int n = static_cast<int>(opts.size());
    if (n == 0) return;
    const bool show_counts = poll.display.show_percentages;  // below the threshold nothing per option is shown
    if (!show_counts) {
        panel(ctx, min, ImVec2(max.x, std::min(max.y, min.y + ctx.fonts->body->FontSize * 5.0f)), ctx.theme->panel,
              ctx.theme->panel_border);
        const float pad = 28 * ctx.u;
        ImGui::SetCursorScreenPos(ImVec2(min.x + pad, min.y + pad));
        text_wrapped(ctx, ctx.fonts->bold, poll.display.reason.empty() ? kSuppressionReason : poll.display.reason,
                     max.x - min.x - 2 * pad, ctx.theme->text);
        ImGui::SetCursorScreenPos(ImVec2(min.x + pad, ImGui::GetCursorScreenPos().y + 6 * ctx.u));
        text_wrapped(ctx, ctx.fonts->body, votes_label(poll.votes) + " in total.", max.x - min.x - 2 * pad,
                     ctx.theme->text_muted);
        return;
    }
    const float label_w = (max.x - min.x) * 0.34f;
    const float gap = 12 * ctx.u;
    const float row_h = std::min((max.y - min.y) / static_cast<float>(n), ctx.fonts->body->FontSize * 2.4f);
    const float bar_h = row_h * 0.62f;
    long long top = 1;
    for (long long c : poll.counts) top = std::max(top, c);
    const float value_w = ctx.fonts->bold->CalcTextSizeA(ctx.fonts->bold->FontSize, FLT_MAX, 0, "0000 (100%)").x;
    const float bar_x0 = min.x + label_w + gap;
    const float bar_span = std::max(10.0f, max.x - bar_x0 - value_w - gap);
    const float k = ease_out(progress);
    for (int i = 0; i < n; ++i) {
        const float y = min.y + row_h * static_cast<float>(i);
        const float cy = y + row_h * 0.5f;
        // Label (right-aligned next to the bar); long labels shrink to fit.
        ImFont* lf = ctx.fonts->body;
        float fs = lf->FontSize;
        const std::string& label = opts[static_cast<size_t>(i)].label;
        ImVec2 ls = lf->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str());
        if (ls.x > label_w) {
            fs *= label_w / ls.x;
            ls = lf->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str());
        }
        const ImVec2 lp(min.x + label_w - ls.x, cy - ls.y * 0.5f);
        dl->AddText(lf, fs, lp, ctx.theme->text, label.c_str());
        ctx.registry->add(label, lp.x, lp.y, lp.x + ls.x, lp.y + ls.y, false);
        const long long count = poll.counts[static_cast<size_t>(i)];
        const float w = bar_span * static_cast<float>(count) / static_cast<float>(top) * k;
        const ImU32 colour = okabe_ito(i);
        dl->AddRectFilled(ImVec2(bar_x0, cy - bar_h * 0.5f), ImVec2(bar_x0 + std::max(w, 2.0f * ctx.u), cy + bar_h * 0.5f),
                          colour, 4 * ctx.u);
        std::string value = std::to_string(count);
        if (i < static_cast<int>(poll.display.percentages.size()))
            value += " (" + std::to_string(poll.display.percentages[static_cast<size_t>(i)]) + "%)";
        const ImVec2 vs = ctx.fonts->bold->CalcTextSizeA(ctx.fonts->bold->FontSize, FLT_MAX, 0, value.c_str());
        if (k > 0.6f) text_at(ctx, ctx.fonts->bold, ImVec2(bar_x0 + w + gap, cy - vs.y * 0.5f), value, ctx.theme->text);
    }
    const std::string total = votes_label(poll.votes) + (poll.display.overridden ? " \xC2\xB7 shown by the facilitator despite few votes" : "");
    text_at(ctx, ctx.fonts->small, ImVec2(bar_x0, min.y + row_h * static_cast<float>(n) + 4 * ctx.u), total,
            ctx.theme->text_muted);
}

void draw_poll(UiContext& ctx, const PollStepView& v, ImVec2 min, ImVec2 max) {
    if (v.ballot != nullptr) {
        draw_ballot(ctx, *v.ballot, min, max);
        return;
    }
    const PollView& p = *v.poll;
    const float w = max.x - min.x;
    ImGui::SetCursorScreenPos(min);
    // A long question shrinks (down to the size of body text) so the answers stay on screen; past
    // that it is cut at 40% of the height (upstander-pack lint warns long before).
    const float q_max_h = (max.y - min.y) * 0.4f;
    const float q_fs = fitting_font_size(ctx.fonts->heading, p.def->question, w, q_max_h,
                                         ctx.fonts->body->FontSize * 0.8f / ctx.fonts->heading->FontSize);
    const float q_h = std::min(q_max_h, measure_wrapped(ctx.fonts->heading, p.def->question, w, q_fs).y);
    ImGui::PushClipRect(min, ImVec2(max.x, min.y + q_h), true);
    text_wrapped(ctx, ctx.fonts->heading, p.def->question, w, ctx.theme->accent, q_fs);
    ImGui::PopClipRect();
    float y = min.y + q_h + 6 * ctx.u;

    // The vote count is the only figure shown while voting is open.
    std::string status;
    if (p.state == PollState::Open) {
        status = votes_label(p.votes);
        if (p.ballot_mode == BallotMode::Armed && !p.armed && !v.confirmation)
            status += " \xC2\xB7 waiting for the facilitator to open the next vote";
    } else if (p.state == PollState::Closed) {
        status = votes_label(p.votes) + " \xC2\xB7 voting has closed";
    }
    if (!status.empty()) {
        text_at(ctx, ctx.fonts->bold, ImVec2(min.x, y), status, ctx.theme->text);
        y += ctx.fonts->bold->FontSize * 1.6f;
    }
    if (!v.places_line.empty()) {
        text_at(ctx, ctx.fonts->body, ImVec2(min.x, y), v.places_line, ctx.theme->accent);
        y += ctx.fonts->body->FontSize * 1.4f;
    }

    if (p.revealed) {
        draw_results_chart(ctx, p, ImVec2(min.x, y), max, v.reveal_progress);
        return;
    }
    if (v.cards != nullptr && p.state == PollState::Open && !v.booth) {
        draw_card_scan(ctx, p, *v.cards, ImVec2(min.x, y), max);
        return;
    }
    if (v.confirmation && v.show_buttons) {
        const ImVec2 cmin(min.x, y + 10 * ctx.u);
        const ImVec2 cmax(max.x, std::min(max.y, cmin.y + ctx.fonts->heading->FontSize * 4.0f));
        panel(ctx, cmin, cmax, ctx.theme->panel, ctx.theme->accent);
        const float th = measure_wrapped(ctx.fonts->heading, v.confirmation_text, w * 0.9f).y;
        text_wrapped_centered(ctx, ctx.fonts->heading, cmin.x + w * 0.05f, w * 0.9f, cmin.y + (cmax.y - cmin.y - th) * 0.5f,
                              v.confirmation_text, ctx.theme->text);
        return;
    }
    if (!v.show_buttons || p.state != PollState::Open) {
        if (p.state == PollState::Open && !v.show_buttons)
            text_wrapped_centered(ctx, ctx.fonts->body, min.x, w, y + 20 * ctx.u, v.no_buttons_text,
                                  ctx.theme->text_muted);
        return;
    }
    if (p.ballot_mode == BallotMode::Armed && !p.armed) return;  // nothing to press until armed

    const int n = static_cast<int>(p.def->options.size());
    const float gap = 14 * ctx.u;
    const bool faces = p.def->kind == PollKind::Likert && p.def->style == LikertStyle::Faces;
    // One column keeps a scale in order; two columns only when one would make buttons too small.
    const float min_h = ctx.fonts->bold->FontSize * 1.7f;
    const float one_col_h = (max.y - y - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
    const int cols = (one_col_h < min_h && w > 900 * ctx.u) ? 2 : 1;
    const int rows = (n + cols - 1) / cols;
    const float avail_h = max.y - y;
    const float bh = std::clamp((avail_h - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows),
                                ctx.fonts->bold->FontSize * 1.6f, ctx.fonts->bold->FontSize * 3.2f);
    const float bw = (w - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    for (int i = 0; i < n; ++i) {
        const int col = cols == 1 ? 0 : i / rows;
        const int row = cols == 1 ? i : i % rows;
        const ImVec2 pos(min.x + static_cast<float>(col) * (bw + gap), y + static_cast<float>(row) * (bh + gap));
        const int score = faces ? i - 2 : -3;
        if (vote_button(ctx, i, p.def->options[static_cast<size_t>(i)].label, pos, ImVec2(bw, bh), score))
            ctx.push(CommandType::Vote, i);
    }
}

void draw_what_changed(UiContext& ctx, const std::vector<MeasureChange>& measures, ImVec2 min, ImVec2 max,
                       double progress) {
    ImGui::SetCursorScreenPos(min);
    const float w = max.x - min.x;
    text_wrapped(ctx, ctx.fonts->heading, "What changed today", w, ctx.theme->accent);
    if (measures.empty()) {
        text_wrapped(ctx, ctx.fonts->body, "There were no before-and-after questions in this workshop.", w, ctx.theme->text);
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float k = ease_out(progress);
    float y = ImGui::GetCursorScreenPos().y + 4 * ctx.u;
    const float avail = max.y - y;
    const float row_h = std::min(avail / static_cast<float>(measures.size()), ctx.fonts->body->FontSize * 4.2f);
    const float label_w = ctx.fonts->body->CalcTextSizeA(ctx.fonts->body->FontSize, FLT_MAX, 0, "Before").x + 16 * ctx.u;
    const float value_w = ctx.fonts->small->CalcTextSizeA(ctx.fonts->small->FontSize, FLT_MAX, 0, "100% agree (1000)").x;
    for (const MeasureChange& m : measures) {
        // Question (one line; shrink if needed) and the change.
        ImFont* qf = ctx.fonts->bold;
        float fs = qf->FontSize * 0.9f;
        std::string change;
        if (m.change_points) {
            change = std::to_string(*m.change_points);
            if (*m.change_points >= 0) change.insert(change.begin(), '+');
            change.append(" points");
        }
        const float change_w = change.empty() ? 0.0f : qf->CalcTextSizeA(fs, FLT_MAX, 0, change.c_str()).x + 20 * ctx.u;
        ImVec2 qs = qf->CalcTextSizeA(fs, FLT_MAX, 0, m.question.c_str());
        if (qs.x > w - change_w) {
            fs *= (w - change_w) / qs.x;
            qs = qf->CalcTextSizeA(fs, FLT_MAX, 0, m.question.c_str());
        }
        dl->AddText(qf, fs, ImVec2(min.x, y), ctx.theme->text, m.question.c_str());
        ctx.registry->add(m.question, min.x, y, min.x + qs.x, y + qs.y, false);
        if (!change.empty()) {
            dl->AddText(qf, fs, ImVec2(max.x - change_w + 20 * ctx.u, y), ctx.theme->accent, change.c_str());
            ctx.registry->add(change, max.x - change_w, y, max.x, y + qs.y, false);
        }
        float by = y + qs.y + 6 * ctx.u;
        const float bar_h = (row_h - qs.y - 20 * ctx.u) * 0.42f;
        const MeasureSide* sides[2] = {&m.pre, &m.post};
        const char* names[2] = {"Before", "After"};
        for (int s = 0; s < 2; ++s) {
            const MeasureSide& side = *sides[s];
            const float cy = by + bar_h * 0.5f;
            const float fsz = std::min(ctx.fonts->small->FontSize, bar_h * 0.9f);
            dl->AddText(ctx.fonts->small, fsz, ImVec2(min.x, cy - fsz * 0.55f), ctx.theme->text_muted, names[s]);
            const float x0 = min.x + label_w;
            const float span = w - label_w - value_w - 20 * ctx.u;
            std::string value;
            if (m.kind == PollKind::Single) {
                value = side.total > 0 ? std::to_string(side.total) + (side.total == 1 ? " vote" : " votes") : "no votes";
            } else if (side.agree_percent) {
                const float bw = span * static_cast<float>(*side.agree_percent) / 100.0f * k;
                dl->AddRectFilled(ImVec2(x0, by), ImVec2(x0 + std::max(bw, 2.0f), by + bar_h), okabe_ito(s == 0 ? 1 : 0),
                                  3 * ctx.u);
                value = std::to_string(*side.agree_percent) + "% agree (" + std::to_string(side.total) + ")";
            } else {
                value = side.total == 0 ? "no votes" : "too few votes to show";
            }
            dl->AddRect(ImVec2(x0, by), ImVec2(x0 + span, by + bar_h), ctx.theme->panel_border, 3 * ctx.u, 0, 1.0f);
            const ImVec2 vs = ctx.fonts->small->CalcTextSizeA(fsz, FLT_MAX, 0, value.c_str());
            const ImVec2 vp(x0 + span + 10 * ctx.u, cy - vs.y * 0.5f);
            dl->AddText(ctx.fonts->small, fsz, vp, ctx.theme->text, value.c_str());
            ctx.registry->add(std::string(names[s]) + ": " + value, vp.x, vp.y, vp.x + vs.x, vp.y + vs.y, false);
            by += bar_h + 4 * ctx.u;
        }
        y += row_h;
    }
}

}  // namespace upstander::ui
