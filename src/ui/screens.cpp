#include "screens.hpp"

#include "key_table.hpp"
#include "organisation_field.hpp"
#include "programme_pages.hpp"
#include "programme_screens.hpp"

#include "upstander/version.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

namespace upstander::ui {

namespace {

// [SECTION] Layout helpers

struct Frame {
    float margin_x;
    float top_bar_h;
    float bottom_bar_h;
};

Frame frame_for(const UiContext& ctx) {
    return Frame{std::round(ctx.size.x * 0.06f), std::round(ctx.fonts->small->FontSize * 2.0f),
                 std::round(ctx.fonts->body->FontSize * 2.4f)};
}

ImU32 with_alpha(ImU32 c, float a) {
    return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(std::clamp(a, 0.0f, 1.0f) * 255.0f) << IM_COL32_A_SHIFT);
}

void heading(UiContext& ctx, const std::string& text, float width) {
    if (text.empty()) return;
    text_wrapped(ctx, ctx.fonts->heading, text, width, ctx.theme->accent);
    vspace(ctx.fonts->body->FontSize * 0.4f);
}

// A card used for things that cannot be shown (a missing image, a feature not in this build).
void notice_card(UiContext& ctx, ImVec2 min, ImVec2 max, const std::string& title, const std::string& detail) {
    panel(ctx, min, max, ctx.theme->panel, ctx.theme->panel_border);
    const float pad = 28.0f * ctx.u;
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, min.y + pad));
    text_wrapped(ctx, ctx.fonts->bold, title, max.x - min.x - 2 * pad, ctx.theme->text);
    if (!detail.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(min.x + pad, ImGui::GetCursorScreenPos().y + 8 * ctx.u));
        text_wrapped(ctx, ctx.fonts->body, detail, max.x - min.x - 2 * pad, ctx.theme->text_muted);
    }
}

// Scrollable child region for content that may be taller than the space (long text on a small projector).
bool begin_content_child(const char* id, ImVec2 min, ImVec2 max) {
    ImGui::SetCursorScreenPos(min);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    const bool open = ImGui::BeginChild(id, ImVec2(max.x - min.x, max.y - min.y), false, ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleColor();
    // Our text helpers space themselves; ImGui's item spacing on top would add a scrollbar for nothing.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
    return open;
}

void end_content_child() {
    ImGui::PopStyleVar();
    ImGui::EndChild();
}

// [SECTION] Step types

void draw_title_step(UiContext& ctx, const Step& s, ImVec2 min, ImVec2 max) {
    const float w = max.x - min.x;
    const float h = max.y - min.y;
    // A long title or subtitle shrinks to fit; whatever still does not fit is clipped to the step's
    // area, never drawn over the navigation.
    const float title_fs = fitting_font_size(ctx.fonts->title, s.heading, w, h * 0.6f, 0.3f);
    const float sub_fs = s.subtitle.empty() ? 0.0f : fitting_font_size(ctx.fonts->body, s.subtitle, w, h * 0.3f, 0.6f);
    const float title_h = measure_wrapped(ctx.fonts->title, s.heading, w, title_fs).y;
    const float sub_h = s.subtitle.empty() ? 0.0f : measure_wrapped(ctx.fonts->body, s.subtitle, w, sub_fs).y + 24 * ctx.u;
    ImGui::PushClipRect(min, max, true);
    float y = min.y + std::max(0.0f, (max.y - min.y - title_h - sub_h) * 0.45f);
    y += text_wrapped_centered(ctx, ctx.fonts->title, min.x, w, y, s.heading, ctx.theme->text, title_fs);
    // Accent rule under the title.
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(min.x + w * 0.4f, y + 8 * ctx.u),
                                              ImVec2(min.x + w * 0.6f, y + 14 * ctx.u), ctx.theme->accent);
    if (!s.subtitle.empty())
        text_wrapped_centered(ctx, ctx.fonts->body, min.x, w, y + 30 * ctx.u, s.subtitle, ctx.theme->text_muted, sub_fs);
    ImGui::PopClipRect();
}

void draw_text_step(UiContext& ctx, const Step& s, ImVec2 min, ImVec2 max) {
    if (begin_content_child("##text", min, max)) {
        const float w = max.x - min.x - ImGui::GetStyle().ScrollbarSize;
        heading(ctx, s.heading, w);
        rich_text(ctx, s.body, w);
    }
    end_content_child();
}

void draw_image_step(UiContext& ctx, const StepView& v, ImVec2 min, ImVec2 max) {
    const Step& s = *v.step;
    ImGui::SetCursorScreenPos(min);
    const float w = max.x - min.x;
    heading(ctx, s.heading, w);
    float top = ImGui::GetCursorScreenPos().y;
    const std::string caption = s.image ? s.image->caption : std::string();
    const float cap_h = caption.empty() ? 0.0f : measure_wrapped(ctx.fonts->small, caption, w).y + 12 * ctx.u;
    const ImVec2 area_min(min.x, top);
    const ImVec2 area_max(max.x, max.y - cap_h);
    if (v.image && v.image->loading) {
        // Decoding off the UI thread: usually a few frames, up to about a second for a very large file.
        const char* loading = "Loading the picture\xE2\x80\xA6";
        const ImVec2 ts = ctx.fonts->small->CalcTextSizeA(ctx.fonts->small->FontSize, FLT_MAX, 0, loading);
        text_at(ctx, ctx.fonts->small,
                ImVec2(std::floor((area_min.x + area_max.x - ts.x) * 0.5f), std::floor((area_min.y + area_max.y - ts.y) * 0.5f)),
                loading, ctx.theme->text_muted);
    } else if (v.image == nullptr || v.image->texture == nullptr) {
        const std::string file = s.image ? s.image->src.filename().string() : std::string("?");
        notice_card(ctx, area_min, ImVec2(area_max.x, std::min(area_max.y, area_min.y + 260 * ctx.u)),
                    "This picture could not be shown",
                    file + (v.image && !v.image->error.empty() ? ": " + v.image->error : std::string()) +
                        (s.image && !s.image->alt.empty() ? "\nIt shows: " + s.image->alt : std::string()));
    } else {
        const float aw = area_max.x - area_min.x, ah = area_max.y - area_min.y;
        const float scale = std::min(aw / static_cast<float>(v.image->width), ah / static_cast<float>(v.image->height));
        const float iw = v.image->width * scale, ih = v.image->height * scale;
        const ImVec2 p0(std::floor(area_min.x + (aw - iw) * 0.5f), std::floor(area_min.y + (ah - ih) * 0.5f));
        ImGui::GetWindowDrawList()->AddImage(reinterpret_cast<ImTextureID>(v.image->texture), p0,
                                             ImVec2(p0.x + iw, p0.y + ih));
    }
    if (!caption.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(min.x, max.y - cap_h + 8 * ctx.u));
        text_wrapped(ctx, ctx.fonts->small, caption, w, ctx.theme->text_muted);
    }
}

void draw_discussion_step(UiContext& ctx, const StepView& v, ImVec2 min, ImVec2 max) {
    const Step& s = *v.step;
    const bool has_timer = s.timer_seconds.has_value();
    const float timer_w = has_timer ? std::round((max.x - min.x) * 0.26f) : 0.0f;
    const ImVec2 text_max(max.x - (has_timer ? timer_w + 30 * ctx.u : 0.0f), max.y);
    if (begin_content_child("##discussion", min, text_max)) {
        const float w = text_max.x - min.x - ImGui::GetStyle().ScrollbarSize;
        heading(ctx, s.heading, w);
        const float num_w = ctx.fonts->bold->FontSize * 1.6f;
        for (size_t i = 0; i < s.prompts.size(); ++i) {
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const std::string num = std::to_string(i + 1) + ".";
            ImGui::GetWindowDrawList()->AddText(ctx.fonts->bold, ctx.fonts->bold->FontSize, p, ctx.theme->accent,
                                                num.c_str());
            ImGui::SetCursorScreenPos(ImVec2(p.x + num_w, p.y));
            text_wrapped(ctx, ctx.fonts->body, s.prompts[i], w - num_w, ctx.theme->text);
            ImGui::SetCursorScreenPos(ImVec2(p.x, ImGui::GetCursorScreenPos().y));  // the next number under this one
            vspace(ctx.fonts->body->FontSize * 0.5f);
        }
    }
    end_content_child();
    if (!has_timer) return;

    const ImVec2 tmin(max.x - timer_w, min.y);
    const ImVec2 tmax(max.x, min.y + ctx.fonts->title->FontSize * 1.6f + ctx.fonts->body->FontSize * 4.2f);
    const bool finished = v.timer.started && v.timer.remaining_seconds <= 0.0;
    panel(ctx, tmin, tmax, ctx.theme->panel, finished ? ctx.theme->accent : ctx.theme->panel_border);
    const double shown = v.timer.started ? v.timer.remaining_seconds : static_cast<double>(*s.timer_seconds);
    float y = tmin.y + 20 * ctx.u;
    text_centered(ctx, ctx.fonts->small, tmin.x, tmax.x, y, finished ? "Time is up" : "Discussion timer",
                  ctx.theme->text_muted);
    y += ctx.fonts->small->FontSize * 1.3f;
    text_centered(ctx, ctx.fonts->title, tmin.x, tmax.x, y, format_clock(shown),
                  finished ? ctx.theme->accent : ctx.theme->text);
    y += ctx.fonts->title->FontSize * 1.25f;
    const char* label = v.timer.running ? "Pause timer (T)##timer" : (v.timer.started && !finished ? "Resume timer (T)##timer" : "Start timer (T)##timer");
    const float bw = timer_w - 40 * ctx.u;
    if (button_at(ctx, label, ImVec2(tmin.x + 20 * ctx.u, y), ImVec2(bw, 0), ctx.fonts->small))
        ctx.push(v.timer.running ? CommandType::StopTimer : CommandType::StartTimer);
}

void draw_choice_step(UiContext& ctx, const Step& s, ImVec2 min, ImVec2 max) {
    if (begin_content_child("##choice", min, max)) {
        const float w = max.x - min.x - ImGui::GetStyle().ScrollbarSize;
        heading(ctx, s.heading, w);
        if (!s.body.empty()) {
            rich_text(ctx, s.body, w);
            vspace(ctx.fonts->body->FontSize * 0.5f);
        }
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
        for (size_t i = 0; i < s.choices.size(); ++i) {
            const std::string text = std::to_string(i + 1) + "   " + s.choices[i].label;
            if (text_button(ctx, text, "choice" + std::to_string(i), ImVec2(w, ctx.fonts->body->FontSize * 2.0f), ctx.fonts->body))
                ctx.push(CommandType::Choose, static_cast<int>(i));
            vspace(ctx.fonts->body->FontSize * 0.35f);
        }
        ImGui::PopStyleVar();
        vspace(ctx.fonts->small->FontSize * 0.4f);
        text_wrapped(ctx, ctx.fonts->small, "Choose with the number keys or tap an answer.", w, ctx.theme->text_muted);
    }
    end_content_child();
}

void draw_consequence_step(UiContext& ctx, const Step& s, ImVec2 min, ImVec2 max) {
    if (begin_content_child("##consequence", min, max)) {
        const float w = max.x - min.x - ImGui::GetStyle().ScrollbarSize;
        heading(ctx, s.heading, w);
        rich_text(ctx, s.body, w);
        vspace(ctx.fonts->small->FontSize * 0.6f);
        text_wrapped(ctx, ctx.fonts->small, "Back returns to the choices. Next carries on.", w, ctx.theme->text_muted);
    }
    end_content_child();
}

void draw_video_step(UiContext& ctx, const StepView& v, ImVec2 min, ImVec2 max) {
    const Step& s = *v.step;
    if (!s.video) return;
    VideoSlot* slot = v.video;
    if (slot == nullptr || slot->player == nullptr) {
        ImGui::SetCursorScreenPos(min);
        heading(ctx, s.heading.empty() ? std::string("Video") : s.heading, max.x - min.x);
        const float top = ImGui::GetCursorScreenPos().y;
        notice_card(ctx, ImVec2(min.x, top), ImVec2(max.x, std::min(max.y, top + 200 * ctx.u)), "Video",
                    s.video->src.filename().string());
        return;
    }
    if (slot->renderer == nullptr) {
        // Another window shows the picture: say what it is doing.
        const media::Player& p = *slot->player;
        ImGui::SetCursorScreenPos(min);
        heading(ctx, s.heading.empty() ? std::string("Video") : s.heading, max.x - min.x);
        std::string state;
        switch (p.status()) {
            case media::PlayerStatus::Failed: state = "Cannot be played: " + (p.error() ? p.error()->reason : std::string()); break;
            case media::PlayerStatus::Playing: state = "Playing"; break;
            case media::PlayerStatus::Ended: state = "Finished"; break;
            case media::PlayerStatus::Opening: state = "Loading"; break;
            default: state = "Paused"; break;
        }
        if (p.status() != media::PlayerStatus::Failed)
            state += " \xC2\xB7 " + format_elapsed(p.position() - p.range_start()) + " of " +
                     format_elapsed(p.range_end() - p.range_start());
        const float top = ImGui::GetCursorScreenPos().y;
        notice_card(ctx, ImVec2(min.x, top), ImVec2(max.x, std::min(max.y, top + 200 * ctx.u)),
                    s.video->src.filename().string(), state);
        return;
    }
    ImVec2 pmin = min;
    if (!slot->fullscreen && !s.heading.empty()) {
        ImGui::SetCursorScreenPos(min);
        heading(ctx, s.heading, max.x - min.x);
        pmin.y = ImGui::GetCursorScreenPos().y;
    }
    slot->redraw_in = slot->view->draw(ctx, *slot->player, slot->renderer, *s.video, pmin, max);
}

void draw_poll_step(UiContext& ctx, const StepView& v, ImVec2 min, ImVec2 max) {
    const Step& s = *v.step;
    if (v.poll != nullptr && v.poll->poll != nullptr) {
        draw_poll(ctx, *v.poll, min, max);
        return;
    }
    ImGui::SetCursorScreenPos(min);
    const float w = max.x - min.x;
    heading(ctx, s.poll ? s.poll->question : std::string("Poll"), w);
    if (v.miniature && s.poll) {
        // A preview of a poll that has not started: its options, numbered as the voting keys are.
        for (size_t i = 0; i < s.poll->options.size(); ++i)
            text_wrapped(ctx, ctx.fonts->body, std::to_string(i + 1) + "  " + s.poll->options[i].label, w, ctx.theme->text);
        return;
    }
    const float top = ImGui::GetCursorScreenPos().y;
    notice_card(ctx, ImVec2(min.x, top), ImVec2(max.x, std::min(max.y, top + 200 * ctx.u)),
                "Voting is not open", "Start a session from the title screen to vote.");
}

void draw_summary_step(UiContext& ctx, const StepView& v, ImVec2 min, ImVec2 max) {
    if (v.summary != nullptr) {
        draw_what_changed(ctx, *v.summary, min, max, v.summary_progress);
        return;
    }
    ImGui::SetCursorScreenPos(min);
    heading(ctx, kSummaryTitle, max.x - min.x);
    text_wrapped(ctx, ctx.fonts->body, "Before-and-after results appear here once polls have been answered.",
                 max.x - min.x, ctx.theme->text_muted);
}

}  // namespace

// [SECTION] Title and attract screens

void draw_title(UiContext& ctx, const TitleView& view) {
    begin_root(ctx, "##title", ctx.theme->background);
    const Frame f = frame_for(ctx);
    const float w = ctx.size.x - 2 * f.margin_x;
    float y = ctx.size.y * 0.07f;
    text_at(ctx, ctx.fonts->title, ImVec2(f.margin_x, y), "Upstander", ctx.theme->accent);
    y += ctx.fonts->title->FontSize * 1.15f;
    text_at(ctx, ctx.fonts->body, ImVec2(f.margin_x, y), "Choose a workshop to start", ctx.theme->text);
    y += ctx.fonts->body->FontSize * 1.8f;

    const Library& lib = *view.library;
    const bool problems = lib.has_problems();
    const float banner_h = problems ? ctx.fonts->body->FontSize * 2.6f : 0.0f;
    const float footer_h = ctx.fonts->small->FontSize * 2.2f;
    const float list_bottom = ctx.size.y - footer_h - banner_h - 10 * ctx.u;

    // One-to-one programmes have their own column, apart from the group workshops.
    const bool programmes = !lib.programmes.empty();
    const float list_w = programmes ? std::round(w * 0.56f) : w;
    if (programmes) draw_programme_column(ctx, lib, f.margin_x + list_w + 30 * ctx.u, y, w - list_w - 30 * ctx.u, list_bottom);
    ImGui::SetCursorScreenPos(ImVec2(f.margin_x, y));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::BeginChild("##workshops", ImVec2(list_w, list_bottom - y), false, ImGuiWindowFlags_NoBackground);
    if (lib.workshops.empty()) {
        text_wrapped(ctx, ctx.fonts->body,
                     "No workshops are available. Check that the content packs are installed "
                     "(content/packs) or add one with --content.",
                     list_w, ctx.theme->text);
    }
    const float card_h = ctx.fonts->bold->FontSize * 1.2f + ctx.fonts->small->FontSize * 1.2f + 36 * ctx.u;
    for (size_t i = 0; i < lib.workshops.size(); ++i) {
        const WorkshopDef& wd = *lib.workshops[i].def;
        const Pack* pack = lib.find_pack(wd.pack_id);
        std::string detail = std::to_string(wd.duration_minutes) + " minutes";
        if (wd.audience != Audience::Unspecified) detail += std::string(" \xC2\xB7 ") + to_string(wd.audience);
        if (pack) detail += " \xC2\xB7 " + pack->title;
        const std::string id = "##workshop-" + wd.id;
        if (card_button(ctx, id.c_str(), wd.title, detail, ImVec2(list_w - ImGui::GetStyle().ScrollbarSize, card_h)))
            ctx.push(CommandType::StartWorkshop, static_cast<int>(i), wd.id);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();

    if (problems) {
        const float by = ctx.size.y - footer_h - banner_h;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(ImVec2(0, by), ImVec2(ctx.size.x, by + banner_h), ctx.theme->warning_bg);
        const float ty = by + (banner_h - ctx.fonts->body->FontSize) * 0.5f;
        size_t broken = 0;
        for (const auto& p : lib.problems) broken += p.diagnostics.empty() ? 0 : 1;
        const std::string msg = "Some content could not be loaded (" + std::to_string(broken) +
                                (broken == 1 ? " pack)." : " packs).");
        const float bw = std::min(360 * ctx.u, w * 0.4f);
        const float room = w - bw - 20 * ctx.u;
        ImFont* mf = ctx.fonts->bold;
        float ms = mf->FontSize;
        const float mw = mf->CalcTextSizeA(ms, FLT_MAX, 0, msg.c_str()).x;
        if (mw > room) ms *= room / mw;
        dl->AddText(mf, ms, ImVec2(f.margin_x, by + (banner_h - ms) * 0.5f), ctx.theme->warning_text, msg.c_str());
        ctx.registry->add(msg, f.margin_x, by, f.margin_x + room, by + banner_h, false);
        (void)ty;
        if (button_at(ctx, "See the problems (P)##problems", ImVec2(ctx.size.x - f.margin_x - bw, by + banner_h * 0.14f),
                      ImVec2(bw, banner_h * 0.72f), ctx.fonts->small))
            ctx.push(CommandType::ShowProblems);
    }
    {
        const float bw = ctx.fonts->small->FontSize * 7.5f;
        const float bh = footer_h * 0.8f;
        const float by = ctx.size.y - footer_h + footer_h * 0.1f;
        if (button_at(ctx, "Impact (I)##impact", ImVec2(ctx.size.x - f.margin_x - 2 * bw - 12 * ctx.u, by), ImVec2(bw, bh),
                      ctx.fonts->small))
            ctx.push(CommandType::ShowImpact);
        if (button_at(ctx, "Settings (F2)##settings", ImVec2(ctx.size.x - f.margin_x - bw, by), ImVec2(bw, bh), ctx.fonts->small))
            ctx.push(CommandType::ShowSettings);
    }
    const std::string footer = std::string("F1: keys \xC2\xB7 Esc: leave \xC2\xB7 Upstander ") + kVersion;
    text_at(ctx, ctx.fonts->small, ImVec2(f.margin_x, ctx.size.y - footer_h + footer_h * 0.2f), footer,
            ctx.theme->text_muted);
    if (!view.notice.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(f.margin_x, list_bottom - ctx.fonts->small->FontSize * 2.6f));
        text_wrapped(ctx, ctx.fonts->small, view.notice, w, ctx.theme->accent);
    }
    end_root();
}

void draw_attract(UiContext& ctx, const std::string& headline) {
    begin_root(ctx, "##attract", ctx.theme->background);
    const float w = ctx.size.x * 0.8f;
    const float x0 = ctx.size.x * 0.1f;
    // Gentle drift so a projector left on does not burn in one image (redrawn only every few seconds).
    const float drift = static_cast<float>(std::sin(ctx.now / 20.0)) * ctx.size.y * 0.05f;
    float y = ctx.size.y * 0.35f + drift;
    y += text_wrapped_centered(ctx, ctx.fonts->title, x0, w, y, headline, ctx.theme->accent);
    text_wrapped_centered(ctx, ctx.fonts->heading, x0, w, y + 30 * ctx.u, "Ask your facilitator to start",
                          ctx.theme->text);
    end_root();
}


// [SECTION] Session setup and resume

namespace {
bool toggle(UiContext& ctx, const char* label, bool selected, ImVec2 size) {
    const std::string text = (selected ? std::string("\xE2\x9C\x93 ") : std::string()) + label;
    ImGui::PushStyleColor(ImGuiCol_Button, selected ? ctx.theme->accent : ctx.theme->panel);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, selected ? ctx.theme->accent : ctx.theme->button_hovered);
    ImGui::PushStyleColor(ImGuiCol_Border, selected ? ctx.theme->accent : ctx.theme->panel_border);
    const ImU32 text_col = selected ? ctx.theme->background : ctx.theme->text;
    ImGui::PushFont(ctx.fonts->body);
    ImGui::PushStyleColor(ImGuiCol_Text, text_col);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::Button((text + "##" + label).c_str(), size);
    ImGui::PopStyleColor(4);
    ImGui::PopFont();
    ctx.registry->add(text, pos.x, pos.y, pos.x + size.x, pos.y + size.y, true);
    return pressed;
}
}  // namespace

void draw_setup(UiContext& ctx, SetupForm& form) {
    begin_root(ctx, "##setup", ctx.theme->background);
    const Frame f = frame_for(ctx);
    const float w = std::min(ctx.size.x - 2 * f.margin_x, 1600 * ctx.u);
    const float x = f.margin_x;
    float y = ctx.size.y * 0.05f;
    text_at(ctx, ctx.fonts->heading, ImVec2(x, y), "About this group", ctx.theme->accent);
    y += ctx.fonts->heading->FontSize * 1.2f;
    text_at(ctx, ctx.fonts->small, ImVec2(x, y), form.workshop_title, ctx.theme->text_muted);
    y += ctx.fonts->small->FontSize * 1.8f;

    text_at(ctx, ctx.fonts->bold, ImVec2(x, y), "Group label", ctx.theme->text);
    y += ctx.fonts->bold->FontSize * 1.3f;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::PushItemWidth(w * 0.7f);
    ImGui::PushFont(ctx.fonts->body);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ctx.theme->panel);
    // The label field has the keyboard unless the headcount field is being edited.
    if (!ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    if (ImGui::InputText("##group-label", &form.label, ImGuiInputTextFlags_EnterReturnsTrue))
        ctx.push(CommandType::ConfirmSetup);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PopItemWidth();
    ctx.registry->add(form.label, x, y, x + w * 0.7f, y + ctx.fonts->body->FontSize * 1.6f, false);
    y = ImGui::GetCursorScreenPos().y + 4 * ctx.u;
    text_at(ctx, ctx.fonts->small, ImVec2(x, y),
            "Do not type pupils' names. Use something like \xE2\x80\x9CYear 9 group B\xE2\x80\x9D.", ctx.theme->accent);
    y += ctx.fonts->small->FontSize * 2.0f;

    // One row per question: its name on the left, the answers to the right.
    float name_w = 0;
    for (const char* n : {"Format", "Audience", "People taking part"})
        name_w = std::max(name_w, ctx.fonts->bold->CalcTextSizeA(ctx.fonts->bold->FontSize, FLT_MAX, 0, n).x);
    name_w += 30 * ctx.u;
    const ImVec2 tsize(std::min((w - name_w) / 3.0f - 12 * ctx.u, 380 * ctx.u), ctx.fonts->body->FontSize * 1.6f);
    auto row_name = [&](const char* name, float row_y) {
        text_at(ctx, ctx.fonts->bold, ImVec2(x, row_y + (tsize.y - ctx.fonts->bold->FontSize) * 0.5f), name, ctx.theme->text);
        ImGui::SetCursorScreenPos(ImVec2(x + name_w, row_y));
    };
    const float row_gap = ctx.fonts->small->FontSize * 0.9f;
    row_name("Format", y);
    if (toggle(ctx, "Group", form.format == 0, tsize)) form.format = 0;
    ImGui::SameLine();
    if (toggle(ctx, "One-to-one", form.format == 1, tsize)) form.format = 1;
    y += tsize.y + row_gap;

    row_name("Audience", y);
    if (toggle(ctx, "Under 18", form.audience == 0, tsize)) form.audience = 0;
    ImGui::SameLine();
    if (toggle(ctx, "Adults", form.audience == 1, tsize)) form.audience = 1;
    ImGui::SameLine();
    if (toggle(ctx, "Mixed", form.audience == 2, tsize)) form.audience = 2;
    y += tsize.y + row_gap;

    row_name("People taking part", y);
    ImGui::PushItemWidth(tsize.x);
    ImGui::PushFont(ctx.fonts->body);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ctx.theme->panel);
    // No character filter: what was typed stays visible, and anything but digits is refused with the
    // form's message (ImGui's decimal filter let "1.5" through, which was read as 85).
    if (ImGui::InputText("##headcount", &form.headcount, ImGuiInputTextFlags_EnterReturnsTrue))
        ctx.push(CommandType::ConfirmSetup);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PopItemWidth();
    ctx.registry->add(form.headcount, x + name_w, y, x + name_w + tsize.x, y + tsize.y, false);
    text_at(ctx, ctx.fonts->small, ImVec2(x + name_w + tsize.x + 16 * ctx.u, y + (tsize.y - ctx.fonts->small->FontSize) * 0.5f),
            "optional: leave empty if you are not sure", ctx.theme->text_muted);
    y += tsize.y + row_gap;
    y = draw_organisation_row(ctx, form, x, y, name_w, tsize, row_gap);
    if (!form.error.empty()) {
        text_at(ctx, ctx.fonts->bold, ImVec2(x, y), form.error, ctx.theme->accent);
        y += ctx.fonts->bold->FontSize * 1.4f;
    }
    const float bh = ctx.fonts->body->FontSize * 2.0f;
    const float by = std::max(y + 10 * ctx.u, ctx.size.y - bh - 30 * ctx.u);
    const float bw = ctx.fonts->body->FontSize * 10.0f;
    if (button_at(ctx, "Start the workshop##start", ImVec2(x, by), ImVec2(bw, bh), ctx.fonts->body))
        ctx.push(CommandType::ConfirmSetup);
    if (button_at(ctx, "Back##setup-back", ImVec2(x + bw + 30 * ctx.u, by), ImVec2(bw * 0.5f, bh), ctx.fonts->body))
        ctx.push(CommandType::CancelSetup);
    end_root();
}

void draw_resume(UiContext& ctx, const ResumeView& v) {
    begin_root(ctx, "##resume", ctx.theme->background);
    const Frame f = frame_for(ctx);
    const float w = ctx.size.x - 2 * f.margin_x;
    float y = ctx.size.y * 0.08f;
    text_at(ctx, ctx.fonts->heading, ImVec2(f.margin_x, y), "An unfinished session was found", ctx.theme->accent);
    y += ctx.fonts->heading->FontSize * 1.5f;
    ImGui::SetCursorScreenPos(ImVec2(f.margin_x, y));
    text_wrapped(ctx, ctx.fonts->body,
                 "Upstander was closed before this session ended, perhaps by a power cut. Every vote that was "
                 "counted has been kept.",
                 w, ctx.theme->text);
    vspace(10 * ctx.u);
    const std::string lines[] = {"Workshop: " + v.workshop_title,
                                 "Group: " + (v.group_label.empty() ? std::string("(no label)") : v.group_label),
                                 "Date: " + v.date, "Votes so far: " + std::to_string(v.votes),
                                 "Where it stopped: " + v.where};
    for (const auto& l : lines) text_wrapped(ctx, ctx.fonts->body, l, w, ctx.theme->text);
    vspace(10 * ctx.u);
    if (!v.error.empty()) text_wrapped(ctx, ctx.fonts->bold, v.error, w, ctx.theme->accent);
    const float bh = ctx.fonts->body->FontSize * 2.0f;
    const float by = ctx.size.y - bh - 40 * ctx.u;
    const float bw = (w - 40 * ctx.u) / 3.0f;
    if (v.error.empty() &&
        button_at(ctx, "Resume the session##resume", ImVec2(f.margin_x, by), ImVec2(bw, bh), ctx.fonts->body))
        ctx.push(CommandType::ResumeSession);
    if (button_at(ctx, "Close it as finished##finish-old", ImVec2(f.margin_x + bw + 20 * ctx.u, by), ImVec2(bw, bh),
                  ctx.fonts->body))
        ctx.push(CommandType::FinishOldSession);
    if (button_at(ctx, "Not now##not-now", ImVec2(f.margin_x + 2 * (bw + 20 * ctx.u), by), ImVec2(bw, bh), ctx.fonts->body))
        ctx.push(CommandType::DismissResume);
    end_root();
}

// [SECTION] Content problems

void draw_problems(UiContext& ctx, const Library& library) {
    begin_root(ctx, "##problems", ctx.theme->background);
    const Frame f = frame_for(ctx);
    const float w = ctx.size.x - 2 * f.margin_x;
    float y = ctx.size.y * 0.05f;
    text_at(ctx, ctx.fonts->heading, ImVec2(f.margin_x, y), "Content problems", ctx.theme->accent);
    y += ctx.fonts->heading->FontSize * 1.3f;
    ImGui::SetCursorScreenPos(ImVec2(f.margin_x, y));
    text_wrapped(ctx, ctx.fonts->small,
                 "These packs or workshops were skipped. Everything else loaded and can be used. "
                 "Give this list to whoever edits your content, or check it with: upstander-pack validate FOLDER",
                 w, ctx.theme->text_muted);
    y = ImGui::GetCursorScreenPos().y + 8 * ctx.u;
    const float back_h = ctx.fonts->body->FontSize * 2.0f;
    ImGui::SetCursorScreenPos(ImVec2(f.margin_x, y));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::BeginChild("##problem-list", ImVec2(w, ctx.size.y - y - back_h - 40 * ctx.u), false);
    const float iw = w - ImGui::GetStyle().ScrollbarSize;
    for (const PackProblem& p : library.problems) {
        const std::string who = p.pack_id.empty() ? p.dir.string() : "Pack \"" + p.pack_id + "\" (" + p.dir.string() + ")";
        text_wrapped(ctx, ctx.fonts->bold, who, iw, ctx.theme->text);
        const float base_x = ImGui::GetCursorScreenPos().x;
        for (const Diagnostic& d : p.diagnostics) {
            ImGui::SetCursorScreenPos(ImVec2(base_x + 24 * ctx.u, ImGui::GetCursorScreenPos().y));
            text_wrapped(ctx, ctx.fonts->small, format_diagnostic(d), iw - 24 * ctx.u,
                         d.severity == Diagnostic::Severity::Error ? ctx.theme->text : ctx.theme->text_muted);
        }
        ImGui::SetCursorScreenPos(ImVec2(base_x, ImGui::GetCursorScreenPos().y));  // the next pack is not indented
        vspace(12 * ctx.u);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
    if (button_at(ctx, "Back to workshops##back", ImVec2(f.margin_x, ctx.size.y - back_h - 20 * ctx.u),
                  ImVec2(420 * ctx.u, back_h), ctx.fonts->body))
        ctx.push(CommandType::ShowTitle);
    end_root();
}

// [SECTION] Steps

void draw_step_content(UiContext& ctx, const StepView& v, ImVec2 min, ImVec2 max) {
    if (v.step == nullptr) {
        draw_summary_step(ctx, v, min, max);
        return;
    }
    const Step& s = *v.step;
    switch (s.type) {
        case StepType::Title: draw_title_step(ctx, s, min, max); break;
        case StepType::Text: draw_text_step(ctx, s, min, max); break;
        case StepType::Image: draw_image_step(ctx, v, min, max); break;
        case StepType::Discussion: draw_discussion_step(ctx, v, min, max); break;
        case StepType::Video: draw_video_step(ctx, v, min, max); break;
        case StepType::Poll: draw_poll_step(ctx, v, min, max); break;
        case StepType::Choice: draw_choice_step(ctx, s, min, max); break;
        case StepType::Consequence: draw_consequence_step(ctx, s, min, max); break;
        case StepType::ImpactMap:
        case StepType::RestorativeQuestions:
        case StepType::HarmedQuestions: draw_programme_step(ctx, s, v.programme, min, max); break;
    }
}

void draw_step_screen(UiContext& ctx, const StepView& v) {
    if (v.video && v.video->fullscreen && v.step && v.step->type == StepType::Video) {
        begin_root(ctx, "##step-video", IM_COL32(0, 0, 0, 255));
        draw_step_content(ctx, v, ImVec2(0, 0), ctx.size);
        end_root();
        return;
    }
    begin_root(ctx, "##step", ctx.theme->background);
    const Frame f = frame_for(ctx);
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // Top bar: workshop and module on the left, progress on the right.
    const float ty = (f.top_bar_h - ctx.fonts->small->FontSize) * 0.5f;
    const std::string where = v.module_title.empty() ? v.workshop_title : v.workshop_title + " \xC2\xB7 " + v.module_title;
    const float pw = ctx.fonts->small->CalcTextSizeA(ctx.fonts->small->FontSize, FLT_MAX, 0, v.progress.c_str()).x;
    dl->PushClipRect(ImVec2(0, 0), ImVec2(ctx.size.x - f.margin_x - pw - 20 * ctx.u, f.top_bar_h), true);
    text_at(ctx, ctx.fonts->small, ImVec2(f.margin_x, ty), where, ctx.theme->text_muted);
    dl->PopClipRect();
    text_at(ctx, ctx.fonts->small, ImVec2(ctx.size.x - f.margin_x - pw, ty), v.progress, ctx.theme->text_muted);
    dl->AddRectFilled(ImVec2(f.margin_x, f.top_bar_h), ImVec2(ctx.size.x - f.margin_x, f.top_bar_h + std::max(1.0f, ctx.u)),
                      with_alpha(ctx.theme->panel_border, 0.5f));

    float content_top = f.top_bar_h + ctx.size.y * 0.05f;
    if (!v.banner.empty()) {
        // Saving failed: the facilitator must see it, but votes carry on (they are held in memory).
        const float bh = ctx.fonts->small->FontSize * 2.6f;
        const float by = f.top_bar_h + 4 * ctx.u;
        dl->AddRectFilled(ImVec2(0, by), ImVec2(ctx.size.x, by + bh), ctx.theme->warning_bg);
        ImGui::SetCursorScreenPos(ImVec2(f.margin_x, by + 4 * ctx.u));
        text_wrapped(ctx, ctx.fonts->small, v.banner, ctx.size.x - 2 * f.margin_x, ctx.theme->warning_text);
        content_top = by + bh + ctx.size.y * 0.03f;
    }
    const ImVec2 cmin(f.margin_x, content_top);
    const ImVec2 cmax(ctx.size.x - f.margin_x, ctx.size.y - f.bottom_bar_h - ctx.size.y * 0.02f);
    draw_step_content(ctx, v, cmin, cmax);

    if (!v.toast.empty()) {
        const ImVec2 ts = measure_wrapped(ctx.fonts->small, v.toast, ctx.size.x * 0.6f);
        const ImVec2 tmin((ctx.size.x - ts.x) * 0.5f - 16 * ctx.u, ctx.size.y - f.bottom_bar_h + (f.bottom_bar_h - ts.y) * 0.5f - 8 * ctx.u);
        const ImVec2 tmax(tmin.x + ts.x + 32 * ctx.u, tmin.y + ts.y + 16 * ctx.u);
        panel(ctx, tmin, tmax, ctx.theme->panel, ctx.theme->accent);
        text_wrapped_centered(ctx, ctx.fonts->small, tmin.x, tmax.x - tmin.x, tmin.y + 8 * ctx.u, v.toast, ctx.theme->text);
    }

    // Touch-friendly back / next in the bottom corners.
    const float bh = f.bottom_bar_h * 0.7f;
    const float bw = ctx.fonts->small->FontSize * 5.5f;
    const float by = ctx.size.y - f.bottom_bar_h + (f.bottom_bar_h - bh) * 0.5f;
    if (v.hide_nav) {
        end_root();
        return;
    }
    if (button_at(ctx, "Back##nav-back", ImVec2(f.margin_x, by), ImVec2(bw, bh), ctx.fonts->small, !v.at_start))
        ctx.push(CommandType::Back);
    // On the last step the same corner ends the session (with the PIN or a confirmation, as Esc does).
    if (button_at(ctx, v.at_end ? "End##nav-next" : "Next##nav-next", ImVec2(ctx.size.x - f.margin_x - bw, by),
                  ImVec2(bw, bh), ctx.fonts->small, true))
        ctx.push(v.at_end ? CommandType::EndSession : CommandType::Next);
    end_root();
}

// [SECTION] Overlays

void draw_blank(UiContext& ctx) {
    begin_root(ctx, "##blank", IM_COL32(0, 0, 0, 255));
    end_root();
}


void draw_help_overlay(UiContext& ctx) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ctx.size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 170));
    ImGui::Begin("##help", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    // Two columns of key / action pairs, in the small face so the whole list fits at 1024x768.
    const float w = ctx.size.x * 0.94f;
    const std::vector<KeyHelpRow> help = key_help_rows();  // the key table itself: help and keys never disagree
    const int n = static_cast<int>(help.size());
    const int rows = (n + 1) / 2;
    ImFont* kf = ctx.fonts->bold;
    ImFont* af = ctx.fonts->small;
    const float row_h = std::min(af->FontSize * 1.9f, (ctx.size.y * 0.86f - ctx.fonts->heading->FontSize * 2.4f) / static_cast<float>(rows));
    const float ks = std::min(kf->FontSize * 0.8f, row_h * 0.8f);
    const float as = std::min(af->FontSize, row_h * 0.8f);
    const float h = row_h * static_cast<float>(rows) + ctx.fonts->heading->FontSize * 2.4f;
    const ImVec2 min((ctx.size.x - w) * 0.5f, std::max(6.0f, (ctx.size.y - h) * 0.5f));
    const ImVec2 max(min.x + w, min.y + h);
    panel(ctx, min, max, ctx.theme->panel, ctx.theme->accent);
    const float pad = 24 * ctx.u;
    text_at(ctx, ctx.fonts->heading, ImVec2(min.x + pad, min.y + pad * 0.4f), "Keys", ctx.theme->accent);
    const float top = min.y + pad * 0.4f + ctx.fonts->heading->FontSize * 1.2f;
    const float col_gap = 30 * ctx.u;
    const float col_w = (w - 2 * pad - col_gap) * 0.5f;
    // Measure the widest key and action, and shrink both faces together until a row fits its column.
    float key_w = 0, act_w = 0;
    for (const KeyHelpRow& k : help) {
        key_w = std::max(key_w, kf->CalcTextSizeA(ks, FLT_MAX, 0, k.keys.c_str()).x);
        act_w = std::max(act_w, af->CalcTextSizeA(as, FLT_MAX, 0, k.action.c_str()).x);
    }
    const float inner_gap = 16 * ctx.u;
    const float fit = std::min(1.0f, (col_w - inner_gap) / (key_w + act_w));
    const float kss = ks * fit, ass = as * fit, kw = key_w * fit + inner_gap;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < n; ++i) {
        const float x = min.x + pad + static_cast<float>(i / rows) * (col_w + col_gap);
        const float y = top + static_cast<float>(i % rows) * row_h;
        const KeyHelpRow& k = help[static_cast<size_t>(i)];
        dl->AddText(kf, kss, ImVec2(x, y), ctx.theme->accent, k.keys.c_str());
        dl->AddText(af, ass, ImVec2(x + kw, y + (kss - ass) * 0.5f), ctx.theme->text, k.action.c_str());
        ctx.registry->add(k.keys + ": " + k.action, x, y, x + col_w, y + row_h, false);
    }
    text_at(ctx, ctx.fonts->small, ImVec2(min.x + pad, max.y - pad * 0.3f - ctx.fonts->small->FontSize),
            "Press F1 or Esc to close.", ctx.theme->text_muted);
    ImGui::End();
}

void draw_goto_overlay(UiContext& ctx, const Navigator& nav) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ctx.size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 170));
    ImGui::Begin("##goto", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    const int n = nav.module_count() + (nav.has_summary() ? 1 : 0);
    const float w = std::min(ctx.size.x * 0.8f, 1400 * ctx.u);
    const float row_h = ctx.fonts->body->FontSize * 1.9f;
    const float h = std::min(ctx.size.y * 0.9f, row_h * static_cast<float>(n) + ctx.fonts->heading->FontSize * 3.0f);
    const ImVec2 min((ctx.size.x - w) * 0.5f, (ctx.size.y - h) * 0.5f);
    const ImVec2 max(min.x + w, min.y + h);
    panel(ctx, min, max, ctx.theme->panel, ctx.theme->accent);
    const float pad = 30 * ctx.u;
    text_at(ctx, ctx.fonts->heading, ImVec2(min.x + pad, min.y + pad * 0.6f), "Go to a module", ctx.theme->accent);
    const float top = min.y + pad * 0.6f + ctx.fonts->heading->FontSize * 1.4f;
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, top));
    ImGui::BeginChild("##goto-list", ImVec2(w - 2 * pad, max.y - top - pad * 0.5f), false, ImGuiWindowFlags_NoBackground);
    const int current = nav.position().module;
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    for (int i = 0; i < n; ++i) {
        std::string label = (i < 9 ? std::to_string(i + 1) + "   " : std::string("     ")) + nav.module_title(i);
        if (i == current) label += "   (you are here)";
        if (text_button(ctx, label, "goto" + std::to_string(i), ImVec2(w - 2 * pad - ImGui::GetStyle().ScrollbarSize, row_h * 0.85f),
                        ctx.fonts->body))
            ctx.push(CommandType::GotoModule, i);
    }
    ImGui::PopStyleVar();
    ImGui::EndChild();
    ImGui::End();
}

void draw_reload_errors(UiContext& ctx, const std::vector<std::string>& errors) {
    const float pad = 20 * ctx.u;
    const float w = ctx.size.x * 0.9f;
    float h = ctx.fonts->bold->FontSize * 1.6f + pad * 2;
    const size_t shown = std::min<size_t>(errors.size(), 4);
    for (size_t i = 0; i < shown; ++i) h += measure_wrapped(ctx.fonts->small, errors[i], w - 2 * pad).y + 4 * ctx.u;
    const ImVec2 min((ctx.size.x - w) * 0.5f, ctx.size.y - h - 10 * ctx.u);
    ImGui::SetNextWindowPos(min);
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
    ImGui::Begin("##reload-errors", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoInputs);
    ImGui::PopStyleColor();
    panel(ctx, min, ImVec2(min.x + w, min.y + h), ctx.theme->warning_bg, ctx.theme->warning_text);
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, min.y + pad));
    text_wrapped(ctx, ctx.fonts->bold, "Your last edit could not be loaded; the last good version is still showing.",
                 w - 2 * pad, ctx.theme->warning_text);
    for (size_t i = 0; i < shown; ++i) {
        ImGui::SetCursorScreenPos(ImVec2(min.x + pad, ImGui::GetCursorScreenPos().y + 4 * ctx.u));
        text_wrapped(ctx, ctx.fonts->small, errors[i], w - 2 * pad, ctx.theme->warning_text);
    }
    ImGui::End();
}

void draw_confirm_quit(UiContext& ctx, const std::string& question) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ctx.size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 190));
    ImGui::Begin("##confirm", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    const float w = std::min(ctx.size.x * 0.8f, 1100 * ctx.u);
    const float bh = ctx.fonts->body->FontSize * 2.0f;
    const float h = measure_wrapped(ctx.fonts->heading, question, w - 60 * ctx.u).y + bh + 90 * ctx.u;
    const ImVec2 min((ctx.size.x - w) * 0.5f, (ctx.size.y - h) * 0.5f);
    const ImVec2 max(min.x + w, min.y + h);
    panel(ctx, min, max, ctx.theme->panel, ctx.theme->accent);
    const float pad = 30 * ctx.u;
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, min.y + pad));
    text_wrapped(ctx, ctx.fonts->heading, question, w - 2 * pad, ctx.theme->text);
    const float bw = (w - 3 * pad) * 0.5f;
    if (button_at(ctx, "Yes, leave (Y)##yes", ImVec2(min.x + pad, max.y - pad - bh), ImVec2(bw, bh), ctx.fonts->body))
        ctx.push(CommandType::ConfirmQuit);
    if (button_at(ctx, "No, stay (N)##no", ImVec2(max.x - pad - bw, max.y - pad - bh), ImVec2(bw, bh), ctx.fonts->body))
        ctx.push(CommandType::CancelQuit);
    ImGui::End();
}

}  // namespace upstander::ui
