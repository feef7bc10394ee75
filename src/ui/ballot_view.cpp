#include "ballot_view.hpp"

#include "poll_view.hpp"

#include <algorithm>
#include <cfloat>

namespace upstander::ui {

std::string question_of_label(std::size_t question, std::size_t questions) {
    return "Question " + std::to_string(question + 1) + " of " + std::to_string(questions);
}

const char* handset_button_name(int index) {
    static const char* const names[] = {"A", "B", "X", "Y", "LB", "RB"};
    return index >= 0 && index < 6 ? names[index] : "?";
}

namespace {

// Every question's chart, one under the other (after the facilitator reveals the ballot).
void draw_ballot_results(UiContext& ctx, const BallotStepView& v, ImVec2 min, ImVec2 max) {
    const auto& polls = *v.results;
    const float w = max.x - min.x;
    const float row_h = (max.y - min.y) / static_cast<float>(polls.size());
    for (std::size_t i = 0; i < polls.size(); ++i) {
        const float y = min.y + row_h * static_cast<float>(i);
        ImGui::SetCursorScreenPos(ImVec2(min.x, y));
        const float fs = fitting_font_size(ctx.fonts->bold, polls[i].def->question, w, row_h * 0.3f, 0.6f);
        const float qh = text_wrapped(ctx, ctx.fonts->bold, polls[i].def->question, w, ctx.theme->accent, fs);
        draw_results_chart(ctx, polls[i], ImVec2(min.x, y + qh + 4 * ctx.u), ImVec2(max.x, y + row_h - 8 * ctx.u),
                           v.reveal_progress);
    }
}

// The projector beside booths or handsets: where each place is, never what anyone chose.
void draw_ballot_overview(UiContext& ctx, const BallotStepView& v, ImVec2 min, ImVec2 max) {
    const float w = max.x - min.x;
    ImGui::SetCursorScreenPos(min);
    text_wrapped(ctx, ctx.fonts->heading, v.status, w, ctx.theme->accent);
    vspace(6 * ctx.u);
    for (const std::string& line : v.places) text_wrapped(ctx, ctx.fonts->bold, line, w, ctx.theme->text);
    vspace(10 * ctx.u);
    if (!v.ballot.accepting) {
        text_wrapped(ctx, ctx.fonts->body, "Voting has closed.", w, ctx.theme->text_muted);
        return;
    }
    if (!v.list_questions) {
        text_wrapped(ctx, ctx.fonts->body, v.no_buttons_text, w, ctx.theme->text_muted);
        return;
    }
    // Handsets: every question with the button for each option, so a pupil with a handset can
    // answer them in turn (the handset keeps its own place: "Handset 2: question 3 of 4").
    const float avail = max.y - ImGui::GetCursorScreenPos().y;
    const float per_q = avail / static_cast<float>(std::max<std::size_t>(1, v.questions.size()));
    for (std::size_t q = 0; q < v.questions.size(); ++q) {
        const PollDef& p = *v.questions[q];
        const float y0 = ImGui::GetCursorScreenPos().y;
        const std::string head = std::to_string(q + 1) + ". " + p.question;
        const float fs = fitting_font_size(ctx.fonts->bold, head, w, per_q * 0.5f, 0.6f);
        text_wrapped(ctx, ctx.fonts->bold, head, w, ctx.theme->text, fs);
        std::string opts;
        for (std::size_t i = 0; i < p.options.size(); ++i) {
            if (i > 0) opts += "    ";
            opts += std::string(handset_button_name(static_cast<int>(i))) + " " + p.options[i].label;
        }
        const float ofs = fitting_font_size(ctx.fonts->body, opts, w, per_q * 0.4f, 0.6f);
        text_wrapped(ctx, ctx.fonts->body, opts, w, ctx.theme->text_muted, ofs);
        const float used = ImGui::GetCursorScreenPos().y - y0;
        if (used < per_q) vspace(std::min(per_q - used, 12 * ctx.u));
    }
}

}  // namespace

void draw_ballot(UiContext& ctx, const BallotStepView& v, ImVec2 min, ImVec2 max) {
    if (v.results != nullptr && !v.results->empty() && v.results->front().revealed) {
        draw_ballot_results(ctx, v, min, max);
        return;
    }
    if (!v.buttons) {
        draw_ballot_overview(ctx, v, min, max);
        return;
    }
    const float w = max.x - min.x;
    const BallotView& b = v.ballot;
    if (v.confirmation) {
        const float ch = ctx.fonts->heading->FontSize * 4.0f;
        const ImVec2 cmin(min.x, min.y + (max.y - min.y - ch) * 0.4f);
        const ImVec2 cmax(max.x, cmin.y + ch);
        panel(ctx, cmin, cmax, ctx.theme->panel, ctx.theme->accent);
        const float th = measure_wrapped(ctx.fonts->heading, v.confirmation_text, w * 0.9f).y;
        text_wrapped_centered(ctx, ctx.fonts->heading, cmin.x + w * 0.05f, w * 0.9f, cmin.y + (cmax.y - cmin.y - th) * 0.5f,
                              v.confirmation_text, ctx.theme->text);
        return;
    }
    ImGui::SetCursorScreenPos(min);
    text_wrapped(ctx, ctx.fonts->bold, question_of_label(b.question, b.questions), w, ctx.theme->text_muted);
    if (!b.accepting || b.poll == nullptr) {
        text_wrapped(ctx, ctx.fonts->heading, "Voting is closed.", w, ctx.theme->text);
        return;
    }
    if (v.waiting_for_arm) {
        text_wrapped(ctx, ctx.fonts->heading, vote_outcome_message(VoteOutcome::NotArmed), w, ctx.theme->text);
        return;
    }
    const float top = ImGui::GetCursorScreenPos().y;
    const float q_max_h = (max.y - top) * 0.3f;
    const float q_fs = fitting_font_size(ctx.fonts->heading, b.poll->question, w, q_max_h,
                                         ctx.fonts->body->FontSize * 0.8f / ctx.fonts->heading->FontSize);
    const float q_h = std::min(q_max_h, measure_wrapped(ctx.fonts->heading, b.poll->question, w, q_fs).y);
    ImGui::PushClipRect(ImVec2(min.x, top), ImVec2(max.x, top + q_h), true);
    text_wrapped(ctx, ctx.fonts->heading, b.poll->question, w, ctx.theme->accent, q_fs);
    ImGui::PopClipRect();
    float y = top + q_h + 6 * ctx.u;
    // The same words whichever answer was given: the room never learns a choice.
    const bool answered = b.answer.has_value();
    const char* hint = answered && b.can_done && b.question + 1 == b.questions ? "Answered. Press Done to count your answers."
                                                                               : "Choose one answer.";
    text_at(ctx, ctx.fonts->body, ImVec2(min.x, y), hint, ctx.theme->text);
    y += ctx.fonts->body->FontSize * 1.5f;

    const float gap = 10 * ctx.u;
    const float nav_h = ctx.fonts->bold->FontSize * 2.4f;
    const float buttons_bottom = max.y - nav_h - gap;
    const int n = static_cast<int>(b.poll->options.size());
    const bool faces = b.poll->kind == PollKind::Likert && b.poll->style == LikertStyle::Faces;
    // The buttons share what is left above Back and Done and never reach them.
    const float bh = std::min((buttons_bottom - y - gap * static_cast<float>(n - 1)) / static_cast<float>(n),
                              ctx.fonts->bold->FontSize * 3.2f);
    for (int i = 0; i < n; ++i) {
        const ImVec2 pos(min.x, y + static_cast<float>(i) * (bh + gap));
        if (vote_button(ctx, i, b.poll->options[static_cast<size_t>(i)].label, pos, ImVec2(w, bh), faces ? i - 2 : -3))
            ctx.push(CommandType::Vote, i);
        if (v.show_answer && answered && *b.answer == i)
            ImGui::GetWindowDrawList()->AddRect(ImVec2(pos.x - 4 * ctx.u, pos.y - 4 * ctx.u),
                                                ImVec2(pos.x + w + 4 * ctx.u, pos.y + bh + 4 * ctx.u), ctx.theme->accent,
                                                8 * ctx.u, 0, 5 * ctx.u);
    }
    // Back and Done: always in the same place, so nobody can tell a question from its buttons.
    const float nav_w = std::min(w * 0.3f, 420 * ctx.u);
    const float ny = max.y - nav_h;
    if (b.question > 0 && button_at(ctx, "Back##ballot-back", ImVec2(min.x, ny), ImVec2(nav_w, nav_h), ctx.fonts->bold))
        ctx.push(CommandType::BallotBack);
    if (b.question + 1 == b.questions &&
        button_at(ctx, "Done##ballot-done", ImVec2(max.x - nav_w, ny), ImVec2(nav_w, nav_h), ctx.fonts->bold, b.can_done))
        ctx.push(CommandType::BallotDone);
}

}  // namespace upstander::ui
