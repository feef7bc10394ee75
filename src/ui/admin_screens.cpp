#include "admin_screens.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <filesystem>
#include <cmath>

namespace upstander::ui {

namespace {

float page_margin(const UiContext& ctx) { return std::round(ctx.size.x * 0.06f); }

// A row of mutually exclusive choices; returns the chosen index (or `current` when nothing was pressed).
int choice_row(UiContext& ctx, const char* id, const std::vector<std::string>& labels, int current, ImVec2 pos,
               float width, float height = 0, bool wide_last = false) {
    const float gap = 10 * ctx.u;
    // A "custom: ..." choice at the end gets more room than the presets.
    const float last_weight = wide_last ? 1.6f : 1.0f;
    const float units = static_cast<float>(labels.size() - 1) + last_weight;
    const float bw = (width - gap * static_cast<float>(labels.size() - 1)) / units;
    const float bh = height > 0 ? height : ctx.fonts->small->FontSize * 2.0f;
    int chosen = current;
    float x = pos.x;
    for (size_t i = 0; i < labels.size(); ++i) {
        const bool on = static_cast<int>(i) == current;
        ImGui::PushStyleColor(ImGuiCol_Button, on ? ctx.theme->accent : ctx.theme->panel);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, on ? ctx.theme->accent : ctx.theme->button_hovered);
        ImGui::PushStyleColor(ImGuiCol_Text, on ? ctx.theme->background : ctx.theme->text);
        const std::string text = (on ? std::string("\xE2\x9C\x93 ") : std::string()) + labels[i];
        const std::string label = text + "##" + id + std::to_string(i);
        const float this_w = i + 1 == labels.size() ? bw * last_weight : bw;
        ImGui::SetCursorScreenPos(ImVec2(x, pos.y));
        ImGui::PushFont(ctx.fonts->small);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float tw = ImGui::CalcTextSize(text.c_str()).x;
        const float fit = std::min(1.0f, (this_w - 2 * ImGui::GetStyle().FramePadding.x) / std::max(tw, 1.0f));
        if (fit < 1.0f) ImGui::SetWindowFontScale(std::max(0.5f, fit));
        if (ImGui::Button(label.c_str(), ImVec2(this_w, bh))) chosen = static_cast<int>(i);
        if (fit < 1.0f) ImGui::SetWindowFontScale(1.0f);
        ImGui::PopFont();
        ImGui::PopStyleColor(3);
        ctx.registry->add(text, p.x, p.y, p.x + this_w, p.y + bh, true);
        x += this_w + gap;
    }
    return chosen;
}

// A row of presets for a value the config file may hold outside them. A value that is not a preset is
// shown as one more choice, "custom: 30 votes", selected, and kept unless the facilitator picks a
// preset: the screen never changes a value by itself (saving must not, for example, lower the
// small-number threshold from 30 to 5).
template <typename T, typename Label>
T preset_row(UiContext& ctx, const char* id, const std::vector<T>& values, std::vector<std::string> labels, T current,
             ImVec2 pos, float width, float height, Label label_of) {
    int cur = -1;
    for (size_t i = 0; i < values.size(); ++i)
        if (std::abs(static_cast<double>(values[i]) - static_cast<double>(current)) < 1e-6) cur = static_cast<int>(i);
    if (cur < 0) {
        labels.push_back("custom: " + label_of(current));
        cur = static_cast<int>(values.size());
    }
    const int n = choice_row(ctx, id, labels, cur, pos, width, height, labels.size() > values.size());
    return n < static_cast<int>(values.size()) ? values[static_cast<size_t>(n)] : current;
}

std::string seconds_label(int s) {
    if (s % 60 == 0) return std::to_string(s / 60) + " min";
    return std::to_string(s) + " s";
}

std::string milliseconds_label(int ms) {
    if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
    if (ms % 100 == 0) return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + " s";
    return std::to_string(ms) + " ms";
}

}  // namespace

void draw_impact(UiContext& ctx, ImpactView& v) {
    begin_root(ctx, "##impact", ctx.theme->background);
    const float m = page_margin(ctx);
    const float w = ctx.size.x - 2 * m;
    float y = ctx.size.y * 0.04f;
    text_at(ctx, ctx.fonts->heading, ImVec2(m, y), "Impact on this kiosk", ctx.theme->accent);
    y += ctx.fonts->heading->FontSize * 1.25f;
    const float bottom_h = ctx.fonts->small->FontSize * 9.5f;  // room for a two-line status
    ImGui::SetCursorScreenPos(ImVec2(m, y));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::BeginChild("##impact-body", ImVec2(w, ctx.size.y - y - bottom_h), false);
    const float iw = w - ImGui::GetStyle().ScrollbarSize;
    text_wrapped(ctx, ctx.fonts->bold, v.headline, iw, ctx.theme->text);
    for (const auto& d : v.details) text_wrapped(ctx, ctx.fonts->small, d, iw, ctx.theme->text_muted);
    vspace(8 * ctx.u);
    for (const auto& s : v.measures) {
        text_wrapped(ctx, ctx.fonts->body, s, iw, ctx.theme->text);
        vspace(4 * ctx.u);
    }
    if (!v.problems.empty()) text_wrapped(ctx, ctx.fonts->small, v.problems, iw, ctx.theme->accent);
    text_wrapped(ctx, ctx.fonts->small, "Session files: " + v.data_dir, iw, ctx.theme->text_muted);
    ImGui::EndChild();
    ImGui::PopStyleColor();

    // Export.
    y = ctx.size.y - bottom_h + 6 * ctx.u;
    text_at(ctx, ctx.fonts->small, ImVec2(m, y), "Save the report (CSV and HTML) to this folder, for example a USB stick:",
            ctx.theme->text);
    y += ctx.fonts->small->FontSize * 1.4f;
    ImGui::SetCursorScreenPos(ImVec2(m, y));
    ImGui::PushItemWidth(w * 0.62f);
    ImGui::PushFont(ctx.fonts->small);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ctx.theme->panel);
    if (!ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    if (ImGui::InputText("##export-folder", &v.export_folder, ImGuiInputTextFlags_EnterReturnsTrue))
        ctx.push(CommandType::ExportReport, -1, v.export_folder);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PopItemWidth();
    ctx.registry->add(v.export_folder, m, y, m + w * 0.62f, y + ctx.fonts->small->FontSize * 1.6f, false);
    const float bh = ctx.fonts->small->FontSize * 1.9f;
    if (button_at(ctx, "Save report here##export", ImVec2(m + w * 0.64f, y), ImVec2(w * 0.2f, bh), ctx.fonts->small))
        ctx.push(CommandType::ExportReport, -1, v.export_folder);
    if (button_at(ctx, "Back##impact-back", ImVec2(m + w * 0.86f, y), ImVec2(w * 0.14f, bh), ctx.fonts->small))
        ctx.push(CommandType::ShowTitle);
    y += bh + 6 * ctx.u;
    float x = m;
    for (size_t i = 0; i < v.suggestions.size() && i < (v.held_votes > 0 ? 2u : 4u); ++i) {
        // Show the folder's own name (a USB stick's label); the full path goes into the field.
        std::string name = std::filesystem::path(v.suggestions[i]).filename().string();
        if (name.empty()) name = v.suggestions[i];
        const std::string label = name + "##sugg" + std::to_string(i);
        const float sw = std::min(w * 0.24f, ctx.fonts->small->CalcTextSizeA(ctx.fonts->small->FontSize, 1e9f, 0,
                                                                             name.c_str()).x + 30 * ctx.u);
        if (button_at(ctx, label.c_str(), ImVec2(x, y), ImVec2(sw, bh * 0.9f), ctx.fonts->small)) v.export_folder = v.suggestions[i];
        x += sw + 10 * ctx.u;
    }
    if (v.held_votes > 0 &&
        button_at(ctx, "Save votes held in memory##save-held", ImVec2(m + w * 0.64f, y), ImVec2(w * 0.36f, bh * 0.9f),
                  ctx.fonts->small))
        ctx.push(CommandType::SaveHeldVotes, -1, v.export_folder);
    if (!v.status.empty()) {
        // Wrapped: a long folder name must not run off the screen.
        ImGui::SetCursorScreenPos(ImVec2(m, y + bh));
        text_wrapped(ctx, ctx.fonts->small, v.status, w, ctx.theme->accent);
    }
    end_root();
}

void draw_settings(UiContext& ctx, SettingsForm& f) {
    begin_root(ctx, "##settings", ctx.theme->background);
    const float m = page_margin(ctx);
    const float w = ctx.size.x - 2 * m;
    float y = ctx.size.y * 0.04f;
    text_at(ctx, ctx.fonts->heading, ImVec2(m, y), "Settings", ctx.theme->accent);
    // Save and Back sit beside the heading, so they are on screen whatever the window's height.
    const float bh = ctx.fonts->body->FontSize * 1.6f;
    const float bx = m + w - w * 0.46f;
    if (button_at(ctx, "Save settings##save-settings", ImVec2(bx, y), ImVec2(w * 0.3f, bh), ctx.fonts->body))
        ctx.push(CommandType::SaveSettings);
    if (button_at(ctx, "Back##settings-back", ImVec2(bx + w * 0.32f, y), ImVec2(w * 0.14f, bh), ctx.fonts->body))
        ctx.push(CommandType::ShowTitle);
    y += std::max(ctx.fonts->heading->FontSize, bh) + 6 * ctx.u;
    ImGui::SetCursorScreenPos(ImVec2(m, y));
    text_wrapped(ctx, ctx.fonts->small,
                 f.status.empty() ? "Saved to " + f.file + ". Displays and the PIN: see the README." : f.status, w,
                 f.status.empty() ? ctx.theme->text_muted : ctx.theme->accent);
    y = ImGui::GetCursorScreenPos().y + 8 * ctx.u;
    Config& c = f.config;
    float name_w = 0;
    for (const char* n : {"Colours", "Font", "Text size", "Kiosk lock", "Welcome screen after", "Ballots",
                          "Pause after a vote", "Half-done ballot resets after", "Hide results below", "Vote sound"})
        name_w = std::max(name_w, ctx.fonts->bold->CalcTextSizeA(ctx.fonts->bold->FontSize, FLT_MAX, 0, n).x);
    name_w += 24 * ctx.u;
    // Ten rows share the height that is left.
    const float row_h = std::min(ctx.fonts->small->FontSize * 2.0f + 12 * ctx.u, (ctx.size.y - y - 10 * ctx.u) / 10.0f);
    const float choice_h = row_h - 8 * ctx.u;
    auto row = [&](const char* name) {
        text_at(ctx, ctx.fonts->bold, ImVec2(m, y + (choice_h - ctx.fonts->bold->FontSize) * 0.5f), name, ctx.theme->text);
        const ImVec2 pos(m + name_w, y);
        y += row_h;
        return pos;
    };
    const float cw = w - name_w;

    ImVec2 p = row("Colours");
    c.theme = choice_row(ctx, "theme", {"Dark, high contrast", "Light, high contrast"}, c.theme == "light" ? 1 : 0, p, cw, choice_h) == 1
                  ? "light"
                  : "dark";
    p = row("Font");
    c.dyslexia_font = choice_row(ctx, "font", {"Standard", "Dyslexia-friendly"}, c.dyslexia_font ? 1 : 0, p, cw, choice_h) == 1;
    p = row("Text size");
    c.text_scale = preset_row<double>(ctx, "scale", {0.8, 1.0, 1.2, 1.5, 2.0}, {"80%", "100%", "120%", "150%", "200%"},
                                      c.text_scale, p, cw, choice_h, [](double v) { return std::to_string(std::lround(v * 100)) + "%"; });
    p = row("Kiosk lock");
    c.kiosk = choice_row(ctx, "kiosk", {"On", "Off (a normal window)"}, c.kiosk ? 0 : 1, p, cw, choice_h) == 0;
    p = row("Welcome screen after");
    c.idle_timeout_seconds = preset_row<int>(ctx, "idle", {0, 120, 300, 600, 1800}, {"Never", "2 min", "5 min", "10 min", "30 min"},
                                             c.idle_timeout_seconds, p, cw, choice_h, [](int v) { return seconds_label(v); });
    p = row("Ballots");
    {
        const int cur = !c.ballot_mode ? 0 : *c.ballot_mode == BallotMode::Open ? 1 : 2;
        const int n = choice_row(ctx, "ballot", {"Pack default", "Open", "Armed by me"}, cur, p, cw, choice_h);
        c.ballot_mode = n == 0 ? std::nullopt : std::optional<BallotMode>(n == 1 ? BallotMode::Open : BallotMode::Armed);
    }
    p = row("Pause after a vote");
    {
        // 0 stands for "pack default" (no value in the file).
        const int ms = preset_row<int>(ctx, "cooldown", {0, 1000, 1500, 2000, 3000}, {"Pack default", "1 s", "1.5 s", "2 s", "3 s"},
                                       c.vote_cooldown_ms.value_or(0), p, cw, choice_h, [](int v) { return milliseconds_label(v); });
        c.vote_cooldown_ms = ms == 0 ? std::nullopt : std::optional<int>(ms);
    }
    p = row("Half-done ballot resets after");
    c.ballot_abandon_seconds = preset_row<int>(ctx, "abandon", {30, 45, 60, 90, 120}, {"30 s", "45 s", "1 min", "1.5 min", "2 min"},
                                               c.ballot_abandon_seconds, p, cw, choice_h, [](int v) { return std::to_string(v) + " s"; });
    p = row("Hide results below");
    c.suppression_threshold = preset_row<int>(ctx, "supp", {5, 10, 15, 20}, {"5 votes", "10 votes", "15 votes", "20 votes"},
                                              c.suppression_threshold, p, cw, choice_h, [](int v) { return std::to_string(v) + " votes"; });
    p = row("Vote sound");
    c.vote_sound = choice_row(ctx, "sound", {"Off", "Soft chime for every vote"}, c.vote_sound ? 1 : 0, p, cw, choice_h) == 1;
    end_root();
}

}  // namespace upstander::ui
