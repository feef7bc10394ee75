#include "presenter.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace upstander::ui {

namespace {

void small_label(UiContext& ctx, ImVec2 pos, const std::string& text) {
    text_at(ctx, ctx.fonts->small, pos, text, ctx.theme->text_muted);
}

// A grid of facilitator buttons; returns the height used.
struct ActionButton {
    const char* label;
    CommandType command;
    bool enabled;
};

// How many columns of buttons: as many as fit the longest label without clipping, at least two (on a
// small screen long labels shrink, button() fits them, rather than pushing the notes off the bottom).
int grid_columns(UiContext& ctx, const ActionButton* buttons, int count, float width, int max_cols, float gap) {
    float widest = 0;
    for (int i = 0; i < count; ++i) {
        std::string_view l(buttons[i].label);
        l = l.substr(0, l.find("##"));
        widest = std::max(widest, ctx.fonts->small->CalcTextSizeA(ctx.fonts->small->FontSize, FLT_MAX, 0, l.data(), l.data() + l.size()).x);
    }
    const float need = widest + 2 * ImGui::GetStyle().FramePadding.x + 8 * ctx.u;
    return std::clamp(static_cast<int>((width + gap) / (need + gap)), std::min(2, max_cols), max_cols);
}

// The sizes of the panel's parts. Roomy by default; tight (smaller status text, lower buttons and
// rows) when roomy ones would leave the notes too little room, as on a 1280 x 720 presenter with a
// camera message and four handsets.
struct PanelSizes {
    ImFont* status_font;  // the card-scan status and the ballot note
    float button_h;
    float gap;
    float row_h;          // one booth or handset row
};

PanelSizes panel_sizes(const UiContext& ctx, bool tight) {
    const float s = ctx.fonts->small->FontSize;
    if (tight) return PanelSizes{ctx.fonts->small, s * 1.45f, 6 * ctx.u, s * 1.3f};
    return PanelSizes{ctx.fonts->body, s * 1.9f, 10 * ctx.u, s * 1.6f};
}

// Draws the buttons in `cols` columns from `min`; returns the height used.
float button_grid(UiContext& ctx, const ActionButton* buttons, int count, ImVec2 min, float width, int cols,
                  const PanelSizes& sz) {
    const float bw = (width - sz.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    for (int i = 0; i < count; ++i) {
        const ImVec2 pos(min.x + static_cast<float>(i % cols) * (bw + sz.gap),
                         min.y + static_cast<float>(i / cols) * (sz.button_h + sz.gap));
        if (button_at(ctx, buttons[i].label, pos, ImVec2(bw, sz.button_h), ctx.fonts->small, buttons[i].enabled))
            ctx.push(buttons[i].command);
    }
    const int rows = (count + cols - 1) / cols;
    return static_cast<float>(rows) * (sz.button_h + sz.gap);
}

}  // namespace

void draw_facilitator_panel(UiContext& ctx, const FacilitatorView& f, ImVec2 min, ImVec2 max, bool compact) {
    const float w = max.x - min.x;
    float y = min.y;
    // Timers.
    text_at(ctx, ctx.fonts->bold, ImVec2(min.x, y), f.total_time, f.over_time ? ctx.theme->accent : ctx.theme->text);
    y += ctx.fonts->bold->FontSize * 1.15f;
    small_label(ctx, ImVec2(min.x, y), f.module_time);
    y += ctx.fonts->small->FontSize * 1.5f;
    if (f.on_poll || f.on_summary) {
        std::string status = f.on_summary ? "Before-and-after results" : f.votes;
        if (f.on_poll) status += f.poll_revealed ? " \xC2\xB7 results shown" : f.poll_open ? " \xC2\xB7 voting open" : " \xC2\xB7 voting closed";
        if (f.armed_mode) status += f.armed ? " \xC2\xB7 ballot armed" : " \xC2\xB7 press Arm for each person";
        text_at(ctx, ctx.fonts->bold, ImVec2(min.x, y), status, ctx.theme->accent);
        y += ctx.fonts->bold->FontSize * 1.4f;
    }

    // Buttons for every action.
    const ActionButton buttons[] = {
        {"Back##f-back", CommandType::Back, true},
        {"Next##f-next", CommandType::Next, true},
        {f.blanked ? "Unblank (B)##f-blank" : "Blank (B)##f-blank", CommandType::ToggleBlank, true},
        {f.calm ? "End calm screen (Q)##f-calm" : "Calm screen (Q)##f-calm", CommandType::ToggleCalm, true},
        {"Reveal results (R)##f-reveal", CommandType::Reveal, f.on_poll && !f.poll_revealed},
        {"Void last vote (V)##f-void", CommandType::VoidLastVote, f.on_poll && f.can_void},
        {"Arm ballot (A)##f-arm", CommandType::ArmBallot, f.on_poll && f.armed_mode && !f.armed && f.poll_open},
        {f.video_playing ? "Pause video (K)##f-play" : "Play video (K)##f-play", CommandType::PlayPauseVideo, f.on_video},
        {f.suppression_overridden ? "Hide small results##f-supp" : "Show small results##f-supp",
         CommandType::ToggleSuppressionOverride, ((f.on_poll && f.poll_revealed) || f.on_summary) && f.suppressed},
        {"Reopen voting (O)##f-reopen", CommandType::Reopen, f.on_poll && !f.poll_open},
        {f.scanning_cards ? "Stop scan and count (C)##f-scan" : "Scan cards (C)##f-scan", CommandType::ToggleCardScan,
         f.can_scan_cards || f.scanning_cards},
        {"Rescan (Shift+C)##f-rescan", CommandType::RescanCards, f.scanning_cards},
        {"Go to (G)##f-goto", CommandType::OpenGoto, true},
        {"End session##f-end", CommandType::EndSession, true},
    };
    const int count = static_cast<int>(std::size(buttons));

    // Roomy sizes unless everything down to the notes would then leave them under three lines.
    const auto height_below = [&](const PanelSizes& sz) {
        float h = 0;
        if (!f.card_status.empty()) h += measure_wrapped(sz.status_font, f.card_status, w).y + 4 * ctx.u;
        if (f.blanked || f.calm) h += ctx.fonts->bold->FontSize * 1.4f;
        const int cols = grid_columns(ctx, buttons, count, w, compact ? 2 : 3, sz.gap);
        h += static_cast<float>((count + cols - 1) / cols) * (sz.button_h + sz.gap) + 6 * ctx.u;
        if (!f.ballot_note.empty()) h += measure_wrapped(sz.status_font, f.ballot_note, w).y + 4 * ctx.u;
        h += static_cast<float>(f.places.size()) * (sz.row_h + 4 * ctx.u);
        return h + ctx.fonts->small->FontSize * 1.3f;  // the "Notes" label
    };
    const float notes_room = ctx.fonts->body->FontSize * 1.2f * 3;
    const PanelSizes sz = panel_sizes(ctx, y + height_below(panel_sizes(ctx, false)) + notes_room > max.y);

    if (!f.card_status.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(min.x, y));
        y += text_wrapped(ctx, sz.status_font, f.card_status, w, ctx.theme->accent) + 4 * ctx.u;
    }
    if (f.blanked || f.calm) {
        text_at(ctx, ctx.fonts->bold, ImVec2(min.x, y), f.calm ? "The class sees the calm screen" : "The projector is blanked",
                ctx.theme->accent);
        y += ctx.fonts->bold->FontSize * 1.4f;
    }
    const int cols = grid_columns(ctx, buttons, count, w, compact ? 2 : 3, sz.gap);
    y += button_grid(ctx, buttons, count, ImVec2(min.x, y), w, cols, sz) + 6 * ctx.u;

    // Voting places: booths and handsets, each with its disable button.
    if (!f.ballot_note.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(min.x, y));
        y += text_wrapped(ctx, sz.status_font, f.ballot_note, w, ctx.theme->accent) + 4 * ctx.u;
    }
    // More rows than leave the notes two lines (eight handsets, say) scroll in a box of their own
    // that leaves them three, at least two rows high, so the notes stay on screen.
    const float row_step = sz.row_h + 4 * ctx.u;
    const float rows_h = static_cast<float>(f.places.size()) * row_step;
    const float line = ctx.fonts->body->FontSize * 1.2f;
    const float rows_room = max.y - y - ctx.fonts->small->FontSize * 1.3f - notes_room;  // three lines left
    const bool rows_scroll = !f.places.empty() && rows_h > rows_room + line;
    const float rows_box = rows_scroll ? std::max(rows_room, 2 * row_step) : rows_h;
    float x1 = max.x;
    float ry = y;
    if (rows_scroll) {
        ImGui::SetCursorScreenPos(ImVec2(min.x, y));
        ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
        ImGui::BeginChild("##places", ImVec2(w, rows_box), false);
        x1 = max.x - ImGui::GetStyle().ScrollbarSize;
        ry = ImGui::GetCursorScreenPos().y;  // scrolled
    }
    const float ry0 = ry;
    for (const FacilitatorView::PlaceRow& row : f.places) {
        const float bh = sz.row_h;
        const float bw = std::min(w * 0.38f, 260 * ctx.u);
        const std::string id =
            std::string(row.disabled ? "Enable " : "Disable ") + row.name + "##place" + std::to_string(row.source);
        if (button_at(ctx, id.c_str(), ImVec2(x1 - bw, ry), ImVec2(bw, bh), ctx.fonts->small))
            ctx.commands->push_back(Command{CommandType::ToggleDevice, -1, {}, row.source});
        ImGui::PushClipRect(ImVec2(min.x, ry), ImVec2(x1 - bw - 6 * ctx.u, ry + bh), true);
        text_at(ctx, ctx.fonts->small, ImVec2(min.x, ry + (bh - ctx.fonts->small->FontSize) * 0.5f), row.text,
                row.warning ? ctx.theme->accent : row.disabled ? ctx.theme->text_muted : ctx.theme->text);
        ImGui::PopClipRect();
        ry += row_step;
    }
    if (rows_scroll) {
        ImGui::SetCursorScreenPos(ImVec2(min.x, ry0));
        ImGui::Dummy(ImVec2(x1 - min.x, rows_h));  // the rows' height, for the scroll range
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }
    y += rows_box;

    // Notes fill the rest, in large text.
    text_at(ctx, ctx.fonts->small, ImVec2(min.x, y), "Notes", ctx.theme->text_muted);
    y += ctx.fonts->small->FontSize * 1.3f;
    ImGui::SetCursorScreenPos(ImVec2(min.x, y));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::BeginChild("##notes", ImVec2(w, std::max(10.0f, max.y - y)), false);
    text_wrapped(ctx, ctx.fonts->body, f.notes.empty() ? std::string("No notes for this step.") : f.notes,
                 w - ImGui::GetStyle().ScrollbarSize, f.notes.empty() ? ctx.theme->text_muted : ctx.theme->text);
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

namespace {

// The next step as the class will see it, drawn small with the miniature faces into [min, max].
// Inert: nothing in it can be clicked, and its text is recorded as plain text.
void draw_miniature(UiContext& ctx, const StepView& next, ImVec2 min, ImVec2 max) {
    UiContext mini = ctx;
    mini.fonts = ctx.mini_fonts;
    mini.u = ctx.mini_fonts->body_px / 30.0f;
    TextRegistry scratch;
    mini.registry = &scratch;
    CommandQueue ignored;
    mini.commands = &ignored;
    panel(ctx, min, max, ctx.theme->background, ctx.theme->panel_border);
    const float pad = std::round((max.x - min.x) * 0.04f);
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::PushID("##miniature");
    ImGui::PushStyleVar(ImGuiStyleVar_DisabledAlpha, 1.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(style.ItemSpacing.x * kMiniatureScale, style.ItemSpacing.y * kMiniatureScale));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(style.FramePadding.x * kMiniatureScale, style.FramePadding.y * kMiniatureScale));
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, style.ScrollbarSize * kMiniatureScale);
    ImGui::BeginDisabled(true);
    ImGui::PushClipRect(min, max, true);
    draw_step_content(mini, next, ImVec2(min.x + pad, min.y + pad), ImVec2(max.x - pad, max.y - pad));
    ImGui::PopClipRect();
    ImGui::EndDisabled();
    ImGui::PopStyleVar(4);
    ImGui::PopID();
    for (const VisibleItem& item : scratch.items())
        ctx.registry->add(item.text, item.x0, item.y0, item.x1, item.y1, false);
}

}  // namespace

void draw_presenter(UiContext& ctx, const StepView& cur, const FacilitatorView& f, const StepView* next) {
    begin_root(ctx, "##presenter", ctx.theme->background);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = std::round(ctx.size.x * 0.02f);
    // Top bar.
    const float bar_h = ctx.fonts->small->FontSize * 2.0f;
    small_label(ctx, ImVec2(pad, (bar_h - ctx.fonts->small->FontSize) * 0.5f),
                "PRESENTER \xC2\xB7 only you see this \xC2\xB7 " + cur.workshop_title);
    const float pw = ctx.fonts->small->CalcTextSizeA(ctx.fonts->small->FontSize, FLT_MAX, 0, cur.progress.c_str()).x;
    small_label(ctx, ImVec2(ctx.size.x - pad - pw, (bar_h - ctx.fonts->small->FontSize) * 0.5f), cur.progress);
    float top = bar_h;
    if (!f.banner.empty()) {
        const float bh = ctx.fonts->small->FontSize * 2.4f;
        dl->AddRectFilled(ImVec2(0, top), ImVec2(ctx.size.x, top + bh), ctx.theme->warning_bg);
        ImGui::SetCursorScreenPos(ImVec2(pad, top + 4 * ctx.u));
        text_wrapped(ctx, ctx.fonts->small, f.banner, ctx.size.x - 2 * pad, ctx.theme->warning_text);
        top += bh;
    }
    top += pad * 0.5f;

    // Left: what the class sees now, then a preview of the next step.
    const float left_w = std::round(ctx.size.x * 0.56f);
    const float box_h = std::min((left_w - 2 * pad) * 9.0f / 16.0f, (ctx.size.y - top) * 0.62f);
    small_label(ctx, ImVec2(pad, top), "Now (the class sees this)");
    const ImVec2 bmin(pad, top + ctx.fonts->small->FontSize * 1.3f);
    const ImVec2 bmax(left_w - pad, bmin.y + box_h);
    panel(ctx, bmin, bmax, ctx.theme->background, ctx.theme->panel_border);
    ImGui::PushClipRect(bmin, bmax, true);
    draw_step_content(ctx, cur, ImVec2(bmin.x + 14 * ctx.u, bmin.y + 10 * ctx.u), ImVec2(bmax.x - 14 * ctx.u, bmax.y - 10 * ctx.u));
    ImGui::PopClipRect();
    float y = bmax.y + pad * 0.5f;
    small_label(ctx, ImVec2(pad, y), "Next");
    y += ctx.fonts->small->FontSize * 1.3f;
    // A miniature of the next screen in the projector's shape (16:9) when there is room for one that
    // can be read, else its type and heading in words.
    const float room_h = ctx.size.y - pad - y - (f.toast.empty() ? 0.0f : ctx.fonts->small->FontSize * 2.5f);
    const float mini_w = std::min(left_w - 2 * pad, room_h * 16.0f / 9.0f);
    if (next != nullptr && ctx.mini_fonts != nullptr && mini_w >= ctx.mini_fonts->body_px * 16.0f) {
        const ImVec2 mmin(pad, y);
        const ImVec2 mmax(pad + mini_w, y + mini_w * 9.0f / 16.0f);
        draw_miniature(ctx, *next, mmin, mmax);
        ImGui::SetCursorScreenPos(ImVec2(pad, mmax.y + 4 * ctx.u));
    } else {
        ImGui::SetCursorScreenPos(ImVec2(pad, y));
        text_wrapped(ctx, ctx.fonts->bold, f.next_title, left_w - 2 * pad, ctx.theme->text);
    }
    if (!f.toast.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(pad, ImGui::GetCursorScreenPos().y + 8 * ctx.u));
        text_wrapped(ctx, ctx.fonts->small, f.toast, left_w - 2 * pad, ctx.theme->accent);
    }

    // Right: timers, controls, notes.
    draw_facilitator_panel(ctx, f, ImVec2(left_w + pad * 0.5f, top), ImVec2(ctx.size.x - pad, ctx.size.y - pad), false);
    end_root();
}

void draw_booth(UiContext& ctx, const PollStepView* poll) {
    begin_root(ctx, "##booth", ctx.theme->background);
    const float pad = std::round(ctx.size.x * 0.05f);
    if (poll == nullptr || poll->poll == nullptr) {
        const float w = ctx.size.x - 2 * pad;
        text_wrapped_centered(ctx, ctx.fonts->heading, pad, w, ctx.size.y * 0.38f, "Voting screen", ctx.theme->accent);
        text_wrapped_centered(ctx, ctx.fonts->body, pad, w, ctx.size.y * 0.38f + ctx.fonts->heading->FontSize * 1.6f,
                              "Questions appear here when it is time to vote.", ctx.theme->text);
    } else {
        PollStepView v = *poll;
        v.booth = true;
        v.show_buttons = true;
        draw_poll(ctx, v, ImVec2(pad, pad), ImVec2(ctx.size.x - pad, ctx.size.y - pad));
    }
    end_root();
}

void draw_calm(UiContext& ctx) {
    begin_root(ctx, "##calm", ctx.theme->calm_bg);
    const float w = ctx.size.x * 0.8f;
    const float x0 = ctx.size.x * 0.1f;
    float y = ctx.size.y * 0.36f;
    y += text_wrapped_centered(ctx, ctx.fonts->title, x0, w, y, "Let's take a pause", ctx.theme->text);
    text_wrapped_centered(ctx, ctx.fonts->body, x0, w, y + 24 * ctx.u,
                          "Take a slow breath. We will carry on together in a moment.", ctx.theme->text);
    end_root();
}

void draw_identify_banner(UiContext& ctx, const std::string& role, const std::string& detail) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ctx.size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
    ImGui::Begin("##identify", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoInputs);
    ImGui::PopStyleColor();
    const float h = ctx.fonts->title->FontSize * 1.4f + ctx.fonts->body->FontSize * 1.6f;
    const ImVec2 min(ctx.size.x * 0.1f, ctx.size.y * 0.5f - h * 0.5f);
    const ImVec2 max(ctx.size.x * 0.9f, ctx.size.y * 0.5f + h * 0.5f);
    panel(ctx, min, max, ctx.theme->warning_bg, ctx.theme->warning_text);
    text_centered(ctx, ctx.fonts->title, min.x, max.x, min.y + ctx.fonts->title->FontSize * 0.15f, role, ctx.theme->warning_text);
    text_centered(ctx, ctx.fonts->body, min.x, max.x, min.y + ctx.fonts->title->FontSize * 1.3f, detail, ctx.theme->warning_text);
    ImGui::End();
}

void draw_pin_prompt(UiContext& ctx, const PinPromptView& v) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ctx.size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 220));
    ImGui::Begin("##pin", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    const float key = ctx.fonts->heading->FontSize * 1.8f;
    const float gap = 12 * ctx.u;
    const float pad = 30 * ctx.u;
    const float w = std::max(3 * key + 2 * gap + 2 * pad, std::min(ctx.size.x * 0.6f, 900 * ctx.u));
    const float h = ctx.fonts->heading->FontSize * 3.6f + 4 * key + 3 * gap + 2 * pad + ctx.fonts->small->FontSize * 1.6f;
    const ImVec2 min((ctx.size.x - w) * 0.5f, std::max(8.0f, (ctx.size.y - h) * 0.5f));
    const ImVec2 max(min.x + w, min.y + h);
    panel(ctx, min, max, ctx.theme->panel, ctx.theme->accent);
    float y = min.y + pad * 0.6f;
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, y));
    text_wrapped(ctx, ctx.fonts->bold, v.reason, w - 2 * pad, ctx.theme->text);
    y = ImGui::GetCursorScreenPos().y + 6 * ctx.u;
    std::string dots;
    for (size_t i = 0; i < v.digits; ++i) dots += "* ";
    if (dots.empty()) dots = "Type the PIN";
    text_centered(ctx, ctx.fonts->heading, min.x, max.x, y, dots, v.digits ? ctx.theme->text : ctx.theme->text_muted);
    y += ctx.fonts->heading->FontSize * 1.3f;
    if (!v.error.empty()) text_centered(ctx, ctx.fonts->small, min.x, max.x, y, v.error, ctx.theme->accent);
    y += ctx.fonts->small->FontSize * 1.6f;
    // An on-screen keypad for touchscreens.
    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "Cancel", "0", "OK"};
    const float kx0 = (min.x + max.x) * 0.5f - (3 * key + 2 * gap) * 0.5f;
    for (int i = 0; i < 12; ++i) {
        const ImVec2 pos(kx0 + static_cast<float>(i % 3) * (key + gap), y + static_cast<float>(i / 3) * (key + gap));
        const std::string id = std::string(labels[i]) + "##pin" + std::to_string(i);
        ImFont* f = (i == 9 || i == 11) ? ctx.fonts->small : ctx.fonts->heading;
        if (button_at(ctx, id.c_str(), pos, ImVec2(key, key), f)) {
            if (i == 9) ctx.push(CommandType::PinCancel);
            else if (i == 11) ctx.push(CommandType::PinSubmit);
            else ctx.push(CommandType::PinDigit, i == 10 ? 0 : i + 1);
        }
    }
    ImGui::End();
}

}  // namespace upstander::ui
