#include "programme_pages.hpp"

#include "commands.hpp"
#include "fonts.hpp"
#include "text_registry.hpp"
#include "theme.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace upstander::ui {

namespace {

// A choice that shows whether it is selected (a tick and the accent colour).
bool choice(UiContext& ctx, const std::string& label, const std::string& id, bool selected, ImVec2 size,
            ImFont* font = nullptr) {
    const std::string text = (selected ? std::string("\xE2\x9C\x93 ") : std::string()) + label;
    ImGui::PushStyleColor(ImGuiCol_Button, selected ? ctx.theme->accent : ctx.theme->panel);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, selected ? ctx.theme->accent : ctx.theme->button_hovered);
    ImGui::PushStyleColor(ImGuiCol_Border, selected ? ctx.theme->accent : ctx.theme->panel_border);
    ImGui::PushStyleColor(ImGuiCol_Text, selected ? ctx.theme->background : ctx.theme->text);
    ImGui::PushFont(font ? font : ctx.fonts->body);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::Button((text + "##" + id).c_str(), size);
    ImGui::PopFont();
    ImGui::PopStyleColor(4);
    ctx.registry->add(text, pos.x, pos.y, pos.x + size.x, pos.y + size.y, true);
    return pressed;
}

// A one-line text field; true when Enter was pressed in it.
bool line_field(UiContext& ctx, const char* id, std::string& value, float x, float y, float w, bool focus) {
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::PushItemWidth(w);
    ImGui::PushFont(ctx.fonts->body);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ctx.theme->panel);
    if (focus && !ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputText(id, &value, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PopItemWidth();
    // A person clicks into a field to type in it, so the script's `click` can too.
    ctx.registry->add(value, x, y, x + w, y + ctx.fonts->body->FontSize * 1.6f, true);
    return enter;
}

struct Layout {
    float x, w, y, bottom, bh;
};

Layout begin_page(UiContext& ctx, const char* id, const std::string& heading, const std::string& subtitle) {
    begin_root(ctx, id, ctx.theme->background);
    Layout l;
    l.x = std::round(ctx.size.x * 0.06f);
    l.w = std::min(ctx.size.x - 2 * l.x, 1700 * ctx.u);
    l.y = ctx.size.y * 0.05f;
    l.bh = ctx.fonts->body->FontSize * 2.0f;
    l.bottom = ctx.size.y - l.bh - 30 * ctx.u;
    ImGui::SetCursorScreenPos(ImVec2(l.x, l.y));
    l.y += text_wrapped(ctx, ctx.fonts->heading, heading, l.w, ctx.theme->accent) + 4 * ctx.u;
    if (!subtitle.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(l.x, l.y));
        l.y += text_wrapped(ctx, ctx.fonts->small, subtitle, l.w, ctx.theme->text_muted) + 12 * ctx.u;
    }
    return l;
}

float para(UiContext& ctx, Layout& l, ImFont* font, const std::string& text, ImU32 colour) {
    ImGui::SetCursorScreenPos(ImVec2(l.x, l.y));
    const float h = text_wrapped(ctx, font, text, l.w, colour);
    l.y += h + font->FontSize * 0.5f;
    return h;
}

void message_lines(UiContext& ctx, Layout& l, const ProgrammePageView& v) {
    if (!v.error.empty()) para(ctx, l, ctx.fonts->bold, v.error, ctx.theme->warning_text);
    if (!v.message.empty()) para(ctx, l, ctx.fonts->body, v.message, ctx.theme->text);
}

// Buttons along the bottom, left to right; `labels` hold "Text##id". All the same width when their
// texts fit that way; otherwise each as wide as its text; and when even that is too wide for the
// window, in two rows. Returns the index pressed or -1.
int bottom_buttons(UiContext& ctx, const Layout& l, const std::vector<std::string>& labels, float min_y) {
    const float gap = 20 * ctx.u;
    const std::size_t n = labels.size();
    if (n == 0) return -1;
    ImFont* f = ctx.fonts->body;
    std::vector<float> natural;
    float widest = 0, total = 0;
    for (const std::string& lab : labels) {
        const std::string_view text = visible_label(lab.c_str());
        const float w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size()).x + 40 * ctx.u;
        natural.push_back(w);
        widest = std::max(widest, w);
        total += w;
    }
    const float gaps = gap * static_cast<float>(n - 1);
    const float equal = std::min((l.w - gaps) / static_cast<float>(n), f->FontSize * 12.0f);
    std::vector<float> widths(n, equal);
    std::size_t per_row = n;
    if (widest > equal) {
        if (total + gaps <= l.w) {
            widths = natural;
        } else {
            per_row = (n + 1) / 2;
            const float w2 = (l.w - gap * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
            widths.assign(n, w2);
        }
    }
    const std::size_t rows = (n + per_row - 1) / per_row;
    const float row_step = l.bh + 12 * ctx.u;
    const float by = std::max(min_y + 10 * ctx.u, l.bottom - row_step * static_cast<float>(rows - 1));
    int pressed = -1;
    float x = l.x;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && i % per_row == 0) x = l.x;
        const float y = by + row_step * static_cast<float>(i / per_row);
        if (button_at(ctx, labels[i].c_str(), ImVec2(x, y), ImVec2(widths[i], l.bh), f)) pressed = static_cast<int>(i);
        x += widths[i] + gap;
    }
    return pressed;
}

void draw_setup_page(UiContext& ctx, ProgrammePageView& v) {
    Layout l = begin_page(ctx, "##programme-setup", "Start a programme", v.programme_title);
    para(ctx, l, ctx.fonts->body, "Choose from the lists. Upstander never asks for a name or any other details.",
         ctx.theme->text);
    para(ctx, l, ctx.fonts->bold, "Audience: " + v.audience + " (set by the programme)", ctx.theme->text);
    para(ctx, l, ctx.fonts->bold, "Referral route", ctx.theme->text);
    const float gap = 12 * ctx.u;
    const int per_row = l.w > 1500 * ctx.u ? 4 : 3;
    const ImVec2 size((l.w - gap * static_cast<float>(per_row - 1)) / static_cast<float>(per_row),
                      ctx.fonts->body->FontSize * 1.7f);
    for (int i = 0; i < 7; ++i) {
        ImGui::SetCursorScreenPos(ImVec2(l.x + static_cast<float>(i % per_row) * (size.x + gap),
                                         l.y + static_cast<float>(i / per_row) * (size.y + gap)));
        // The longest route must fit its button: the smaller face on a narrow window.
        ImFont* rf = ctx.fonts->body;
        for (const char* lab : kReferralRouteLabels)
            if (rf->CalcTextSizeA(rf->FontSize, FLT_MAX, 0, (std::string("\xE2\x9C\x93 ") + lab).c_str()).x > size.x - 16 * ctx.u)
                rf = ctx.fonts->small;
        if (choice(ctx, kReferralRouteLabels[i], "route-" + std::to_string(i), v.route == i, size, rf)) v.route = i;
    }
    l.y += static_cast<float>((7 + per_row - 1) / per_row) * (size.y + gap) + gap;
    para(ctx, l, ctx.fonts->bold, "Is a person harmed taking part in a restorative process?", ctx.theme->text);
    ImGui::SetCursorScreenPos(ImVec2(l.x, l.y));
    if (choice(ctx, "Yes", "harmed-yes", v.harmed == 1, size)) v.harmed = 1;
    ImGui::SetCursorScreenPos(ImVec2(l.x + size.x + gap, l.y));
    if (choice(ctx, "No", "harmed-no", v.harmed == 0, size)) v.harmed = 0;
    l.y += size.y + gap * 2;
    message_lines(ctx, l, v);
    const int b = bottom_buttons(ctx, l, {"Make the programme code##create", "Back##setup-back"}, l.y);
    if (b == 0) ctx.push(CommandType::ProgrammeCreate);
    if (b == 1) ctx.push(CommandType::ProgrammeLeave);
}

void draw_code_page(UiContext& ctx, ProgrammePageView& v) {
    Layout l = begin_page(ctx, "##programme-code", "The programme code", v.programme_title);
    // Each character spaced out, groups apart, for reading aloud.
    std::string spaced;
    for (char c : v.code) {
        if (c == '-') {
            spaced += "   ";
            continue;
        }
        if (!spaced.empty() && spaced.back() != ' ') spaced += ' ';
        spaced += c;
    }
    const float fs = fitting_font_size(ctx.fonts->title, spaced, l.w, ctx.size.y * 0.25f, 0.3f);
    l.y += 10 * ctx.u;
    l.y += text_wrapped_centered(ctx, ctx.fonts->title, l.x, l.w, l.y, spaced, ctx.theme->text, fs) + 20 * ctx.u;
    para(ctx, l, ctx.fonts->bold, "Write this code in your own case record. Upstander never asks for or stores a name.",
         ctx.theme->accent);
    para(ctx, l, ctx.fonts->body, "Use the code to continue the programme at the next session.", ctx.theme->text);
    message_lines(ctx, l, v);
    std::vector<std::string> labels{"Begin session 1##begin"};
    if (v.person_harmed) labels.push_back("Person harmed's questions##questions");
    labels.push_back("Back to the start##code-back");
    const int b = bottom_buttons(ctx, l, labels, l.y);
    if (b == 0) ctx.push(CommandType::ProgrammeBeginSession);
    if (b == 1 && v.person_harmed) ctx.push(CommandType::ProgrammeQuestions);
    if (b == static_cast<int>(labels.size()) - 1 && b > 0) ctx.push(CommandType::ProgrammeLeave);
}

void draw_continue_page(UiContext& ctx, ProgrammePageView& v) {
    Layout l = begin_page(ctx, "##programme-continue", "Continue a programme", "");
    para(ctx, l, ctx.fonts->bold, "Type the programme code", ctx.theme->text);
    const float fw = std::min(l.w * 0.5f, 600 * ctx.u);
    if (line_field(ctx, "##programme-code", v.typed_code, l.x, l.y, fw, true))
        ctx.push(CommandType::ProgrammeFindCode, -1, v.typed_code);
    if (button_at(ctx, "Find it##find-code", ImVec2(l.x + fw + 20 * ctx.u, l.y),
                  ImVec2(ctx.fonts->body->FontSize * 5.0f, ctx.fonts->body->FontSize * 1.6f), ctx.fonts->body))
        ctx.push(CommandType::ProgrammeFindCode, -1, v.typed_code);
    l.y += ctx.fonts->body->FontSize * 2.2f;
    message_lines(ctx, l, v);
    para(ctx, l, ctx.fonts->bold, "Or choose one of this laptop's open programmes", ctx.theme->text);
    const float list_h = std::max(ctx.fonts->body->FontSize * 2.0f, l.bottom - l.y - 10 * ctx.u);
    ImGui::SetCursorScreenPos(ImVec2(l.x, l.y));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::BeginChild("##open-programmes", ImVec2(l.w, list_h), false, ImGuiWindowFlags_NoBackground);
    if (v.open.empty()) text_wrapped(ctx, ctx.fonts->body, "There are no open programmes on this laptop.", l.w, ctx.theme->text_muted);
    const float row_h = ctx.fonts->body->FontSize * 1.7f;
    for (const auto& row : v.open) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        if (text_button(ctx, row.label, "##open-" + row.code, ImVec2(l.w - ImGui::GetStyle().ScrollbarSize, row_h),
                        ctx.fonts->body))
            ctx.push(CommandType::ProgrammePick, -1, row.code);
        ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + row_h + 8 * ctx.u));
    }
    ImGui::Dummy(ImVec2(1, 1));
    ImGui::EndChild();
    ImGui::PopStyleColor();
    if (bottom_buttons(ctx, l, {"Back##continue-back"}, l.y) == 0) ctx.push(CommandType::ProgrammeLeave);
}

void draw_menu_page(UiContext& ctx, ProgrammePageView& v) {
    Layout l = begin_page(ctx, "##programme-menu", "Programme " + v.code, v.programme_title);
    para(ctx, l, ctx.fonts->body,
         std::to_string(v.sessions_done) + " of " + std::to_string(v.session_count) + " sessions done.", ctx.theme->text);
    if (v.carry_on)
        para(ctx, l, ctx.fonts->body,
             "Session " + std::to_string(v.next_session) + " was left part way through. Carry on from the step it stopped at.",
             ctx.theme->text);
    if (v.person_harmed) {
        const std::string q = v.questions.empty() ? std::string("No questions from the person harmed have been entered.")
                                                  : std::to_string(v.questions.size()) +
                                                        (v.questions.size() == 1 ? " question" : " questions") +
                                                        " from the person harmed entered for this session.";
        para(ctx, l, ctx.fonts->body, q, ctx.theme->text_muted);
    }
    message_lines(ctx, l, v);
    std::vector<std::string> labels;
    labels.push_back((v.carry_on ? "Carry on session " : "Start session ") + std::to_string(v.next_session) + "##begin");
    if (v.person_harmed) labels.push_back("Person harmed's questions##questions");
    labels.push_back("Stop the programme##stop");
    labels.push_back("Back##menu-back");
    const int b = bottom_buttons(ctx, l, labels, l.y);
    if (b < 0) return;
    const std::string& id = labels[static_cast<std::size_t>(b)];
    if (id.ends_with("##begin")) ctx.push(CommandType::ProgrammeBeginSession);
    if (id.ends_with("##questions")) ctx.push(CommandType::ProgrammeQuestions);
    if (id.ends_with("##stop")) ctx.push(CommandType::ProgrammeStop);
    if (id.ends_with("##menu-back")) ctx.push(CommandType::ProgrammeLeave);
}

void draw_confirm_stop(UiContext& ctx, ProgrammePageView& v) {
    Layout l = begin_page(ctx, "##programme-stop", "Stop programme " + v.code + "?", v.programme_title);
    para(ctx, l, ctx.fonts->body,
         "A stopped programme cannot be continued. What was recorded so far is kept for the report.", ctx.theme->text);
    message_lines(ctx, l, v);
    const int b = bottom_buttons(ctx, l, {"Yes, stop the programme##stop-yes", "No, keep it open##stop-no"}, l.y);
    if (b == 0) ctx.push(CommandType::ProgrammeStopConfirm);
    if (b == 1) ctx.push(CommandType::ProgrammePick, -1, "");
}

void draw_questions_page(UiContext& ctx, ProgrammePageView& v) {
    Layout l = begin_page(ctx, "##programme-questions", "Questions from the person harmed", "Programme " + v.code);
    para(ctx, l, ctx.fonts->bold, kHarmedMemoryOnly, ctx.theme->accent);
    para(ctx, l, ctx.fonts->small,
         "Type each question as the person harmed asked it, up to " + std::to_string(v.max_questions) +
             ". They are shown one at a time at the step for them.",
         ctx.theme->text_muted);
    const float add_w = ctx.fonts->body->FontSize * 5.0f;
    const float fw = l.w - add_w - 20 * ctx.u;
    const bool full = static_cast<int>(v.questions.size()) >= v.max_questions;
    if (!full) {
        if (line_field(ctx, "##new-question", v.new_question, l.x, l.y, fw, true))
            ctx.push(CommandType::ProgrammeAddQuestion, -1, v.new_question);
        if (button_at(ctx, "Add##add-question", ImVec2(l.x + fw + 20 * ctx.u, l.y),
                      ImVec2(add_w, ctx.fonts->body->FontSize * 1.6f), ctx.fonts->body))
            ctx.push(CommandType::ProgrammeAddQuestion, -1, v.new_question);
        l.y += ctx.fonts->body->FontSize * 2.2f;
    }
    message_lines(ctx, l, v);
    const float list_h = std::max(ctx.fonts->body->FontSize * 2.0f, l.bottom - l.y - 10 * ctx.u);
    ImGui::SetCursorScreenPos(ImVec2(l.x, l.y));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::BeginChild("##harmed-list", ImVec2(l.w, list_h), false, ImGuiWindowFlags_NoBackground);
    const float rw = ctx.fonts->body->FontSize * 4.5f;
    const float tw = l.w - rw - 30 * ctx.u - ImGui::GetStyle().ScrollbarSize;
    for (std::size_t i = 0; i < v.questions.size(); ++i) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const std::string text = std::to_string(i + 1) + ". " + v.questions[i];
        const float h = text_wrapped(ctx, ctx.fonts->body, text, tw, ctx.theme->text);
        ImGui::SetCursorScreenPos(ImVec2(p.x + tw + 20 * ctx.u, p.y));
        if (text_button(ctx, "Remove", "##remove-" + std::to_string(i), ImVec2(rw, ctx.fonts->body->FontSize * 1.5f),
                        ctx.fonts->small))
            ctx.push(CommandType::ProgrammeRemoveQuestion, static_cast<int>(i));
        ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + std::max(h, ctx.fonts->body->FontSize * 1.5f) + 10 * ctx.u));
    }
    ImGui::Dummy(ImVec2(1, 1));
    ImGui::EndChild();
    ImGui::PopStyleColor();
    if (bottom_buttons(ctx, l, {"Done##questions-done"}, l.y) == 0) ctx.push(CommandType::ProgrammeQuestionsDone);
}

void draw_letter_page(UiContext& ctx, ProgrammePageView& v) {
    Layout l = begin_page(ctx, "##programme-letter", "The letter to the person harmed", "Programme " + v.code);
    para(ctx, l, ctx.fonts->bold, kHarmedMemoryOnly, ctx.theme->accent);
    if (v.written.empty()) {
        para(ctx, l, ctx.fonts->body,
             std::to_string(v.answered) + " of " + std::to_string(v.questions.size()) +
                 " questions have an answer. The letter is written as a page to print (HTML) and as plain text.",
             ctx.theme->text);
        para(ctx, l, ctx.fonts->bold, "Folder to write the letter to (a USB stick or your Documents)", ctx.theme->text);
        line_field(ctx, "##letter-folder", v.folder, l.x, l.y, l.w, false);
        l.y += ctx.fonts->body->FontSize * 2.2f;
    } else {
        para(ctx, l, ctx.fonts->body, "The letter was written to:", ctx.theme->text);
        for (const std::string& f : v.written) para(ctx, l, ctx.fonts->body, f, ctx.theme->text);
        para(ctx, l, ctx.fonts->body, "The questions and answers have been forgotten.", ctx.theme->text);
    }
    message_lines(ctx, l, v);
    if (v.written.empty()) {
        const int b = bottom_buttons(ctx, l, {"Write the letter##write-letter", "Back to the session##letter-back"}, l.y);
        if (b == 0) ctx.push(CommandType::ProgrammeWriteLetter, -1, v.folder);
        if (b == 1) ctx.push(CommandType::ProgrammeStay);
    } else if (bottom_buttons(ctx, l, {"Carry on##letter-done"}, l.y) == 0) {
        ctx.push(CommandType::ProgrammeStay);
    }
}

void draw_confirm_leave(UiContext& ctx, ProgrammePageView& v) {
    Layout l = begin_page(ctx, "##programme-leave", "The answers have not been written to a letter", "Programme " + v.code);
    para(ctx, l, ctx.fonts->body,
         "If you leave now, the person harmed's questions and the answers typed so far are forgotten. Write the "
         "letter first if you want to keep them.",
         ctx.theme->text);
    para(ctx, l, ctx.fonts->bold, kHarmedMemoryOnly, ctx.theme->accent);
    const int b = bottom_buttons(ctx, l, {"Write the letter##leave-letter", "Leave and forget them##leave-forget", "Stay##leave-stay"}, l.y);
    if (b == 0) ctx.push(CommandType::ProgrammeLetter);
    if (b == 1) ctx.push(CommandType::ProgrammeLeaveConfirm);
    if (b == 2) ctx.push(CommandType::ProgrammeStay);
}

void draw_finished(UiContext& ctx, ProgrammePageView& v) {
    Layout l = begin_page(ctx, "##programme-finished", "Programme " + v.code, v.programme_title);
    message_lines(ctx, l, v);
    if (bottom_buttons(ctx, l, {"Back to the start##finished-back"}, l.y) == 0) ctx.push(CommandType::ProgrammeLeave);
}

}  // namespace

void draw_programme_page(UiContext& ctx, ProgrammePageView& v) {
    switch (v.page) {
        case ProgrammePage::Setup: draw_setup_page(ctx, v); break;
        case ProgrammePage::Code: draw_code_page(ctx, v); break;
        case ProgrammePage::Continue: draw_continue_page(ctx, v); break;
        case ProgrammePage::Menu: draw_menu_page(ctx, v); break;
        case ProgrammePage::ConfirmStop: draw_confirm_stop(ctx, v); break;
        case ProgrammePage::Questions: draw_questions_page(ctx, v); break;
        case ProgrammePage::Letter: draw_letter_page(ctx, v); break;
        case ProgrammePage::ConfirmLeave: draw_confirm_leave(ctx, v); break;
        case ProgrammePage::Finished: draw_finished(ctx, v); break;
    }
    end_root();
}

void draw_programme_column(UiContext& ctx, const Library& lib, float x, float y, float w, float bottom) {
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    y += text_wrapped(ctx, ctx.fonts->bold, "One-to-one programmes", w, ctx.theme->accent) + 4 * ctx.u;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    y += text_wrapped(ctx, ctx.fonts->small, "Start a programme: choose one. Three sessions with one person.", w,
                      ctx.theme->text_muted) + 8 * ctx.u;
    const float bh = ctx.fonts->body->FontSize * 1.8f;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::BeginChild("##programmes", ImVec2(w, std::max(bh, bottom - y - bh - 16 * ctx.u)), false,
                      ImGuiWindowFlags_NoBackground);
    const float card_h = ctx.fonts->bold->FontSize * 1.2f + ctx.fonts->small->FontSize * 1.2f + 36 * ctx.u;
    for (const ResolvedProgramme& p : lib.programmes) {
        const ProgrammeDef& d = *p.def;
        const std::string detail = std::string(d.audience == Audience::Adult ? "Adults" : "Under 18s") + " \xC2\xB7 " +
                                   std::to_string(d.sessions.size()) + (d.sessions.size() == 1 ? " session" : " sessions");
        const std::string id = "##programme-" + d.id;
        if (card_button(ctx, id.c_str(), d.title, detail, ImVec2(w - ImGui::GetStyle().ScrollbarSize, card_h)))
            ctx.push(CommandType::ProgrammeStart, -1, d.id);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
    if (button_at(ctx, "Continue a programme##continue-programme", ImVec2(x, bottom - bh), ImVec2(w, bh), ctx.fonts->body))
        ctx.push(CommandType::ProgrammeContinue);
}

void draw_harmed_answer_panel(UiContext& ctx, HarmedAnswerView& v, ImVec2 min, ImVec2 max) {
    const float w = max.x - min.x;
    float y = min.y;
    ImGui::SetCursorScreenPos(ImVec2(min.x, y));
    y += text_wrapped(ctx, ctx.fonts->small,
                      "Question " + std::to_string(v.index + 1) + " of " + std::to_string(v.count) +
                          " from the person harmed",
                      w, ctx.theme->text_muted);
    ImGui::SetCursorScreenPos(ImVec2(min.x, y));
    y += text_wrapped(ctx, ctx.fonts->bold, v.question, w, ctx.theme->text) + 8 * ctx.u;
    ImGui::SetCursorScreenPos(ImVec2(min.x, y));
    y += text_wrapped(ctx, ctx.fonts->small, "Type the answer in the participant's words:", w, ctx.theme->text) + 4 * ctx.u;
    const float nav_h = ctx.fonts->body->FontSize * 1.8f;
    const float notes_h = ctx.fonts->small->FontSize * 4.5f + nav_h + 10 * ctx.u;
    const float room = std::max(ctx.fonts->body->FontSize * 6.0f, max.y - y - notes_h - 10 * ctx.u);
    const float box_h = std::round(room * 0.45f);
    ImGui::SetCursorScreenPos(ImVec2(min.x, y));
    ImGui::PushFont(ctx.fonts->body);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ctx.theme->panel);
    if (!ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    const std::string id = "##harmed-answer-" + std::to_string(v.index);
    if (ImGui::InputTextMultiline(id.c_str(), &v.answer, ImVec2(w, box_h), ImGuiInputTextFlags_None))
        ctx.push(CommandType::ProgrammeAnswer, v.index, v.answer);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    y += box_h + 6 * ctx.u;
    // ImGui 1.86's multi-line box does not wrap long lines, so the answer is also shown wrapped, as the
    // letter will have it, under the box (scrolling when it is long).
    ImGui::SetCursorScreenPos(ImVec2(min.x, y));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ctx.theme->panel);
    ImGui::BeginChild(("##answer-wrapped-" + std::to_string(v.index)).c_str(), ImVec2(w, room - box_h - 6 * ctx.u), false);
    const float ww = w - ImGui::GetStyle().ScrollbarSize - 8 * ctx.u;
    ImGui::SetCursorPos(ImVec2(4 * ctx.u, 4 * ctx.u));
    if (v.answer.empty())
        text_wrapped(ctx, ctx.fonts->small, "The answer, as the letter will show it, appears here.", ww, ctx.theme->text_muted);
    else
        text_wrapped(ctx, ctx.fonts->small, v.answer, ww, ctx.theme->text);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    y += room - box_h + 4 * ctx.u;
    ImGui::SetCursorScreenPos(ImVec2(min.x, y));
    ImGui::PushClipRect(ImVec2(min.x, y), max, true);
    text_wrapped(ctx, ctx.fonts->small, kHarmedMemoryOnly, w, ctx.theme->accent);
    ImGui::PopClipRect();
    // The text box has the keyboard, so the moves are buttons here.
    const float bw = (w - 20 * ctx.u) * 0.5f;
    if (button_at(ctx, "Back##answer-back", ImVec2(min.x, max.y - nav_h), ImVec2(bw, nav_h), ctx.fonts->body))
        ctx.push(CommandType::Back);
    if (button_at(ctx, (v.index + 1 < v.count ? "Next question##answer-next" : "Next##answer-next"),
                  ImVec2(min.x + bw + 20 * ctx.u, max.y - nav_h), ImVec2(bw, nav_h), ctx.fonts->body))
        ctx.push(CommandType::Next);
}

}  // namespace upstander::ui
