#include "organisation_field.hpp"

#include <imgui_stdlib.h>

#include <algorithm>

namespace upstander::ui {

float draw_organisation_row(UiContext& ctx, SetupForm& form, float x, float y, float name_w, ImVec2 control, float row_gap) {
    const char* name = "School or group";
    text_at(ctx, ctx.fonts->bold, ImVec2(x, y + (control.y - ctx.fonts->bold->FontSize) * 0.5f), name, ctx.theme->text);
    const float fx = x + std::max(name_w, ctx.fonts->bold->CalcTextSizeA(ctx.fonts->bold->FontSize, FLT_MAX, 0, name).x + 30 * ctx.u);
    const float field_w = control.x * 1.6f;
    ImGui::SetCursorScreenPos(ImVec2(fx, y));
    ImGui::PushItemWidth(field_w);
    ImGui::PushFont(ctx.fonts->body);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ctx.theme->panel);
    if (ImGui::InputText("##organisation", &form.organisation, ImGuiInputTextFlags_EnterReturnsTrue))
        ctx.push(CommandType::ConfirmSetup);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PopItemWidth();
    ctx.registry->add(form.organisation, fx, y, fx + field_w, y + control.y, false);
    text_at(ctx, ctx.fonts->small, ImVec2(fx + field_w + 16 * ctx.u, y + (control.y - ctx.fonts->small->FontSize) * 0.5f),
            "optional; never a person", ctx.theme->text_muted);
    y += control.y + row_gap * 0.5f;
    // The remembered names, as many as fit on one line.
    float bx = fx;
    const float right = ctx.size.x - x;
    for (std::size_t i = 0; i < form.organisations.size(); ++i) {
        const std::string& o = form.organisations[i];
        const float bw = ctx.fonts->small->CalcTextSizeA(ctx.fonts->small->FontSize, FLT_MAX, 0, o.c_str()).x + 30 * ctx.u;
        if (bx + bw > right) break;
        ImGui::SetCursorScreenPos(ImVec2(bx, y));
        if (text_button(ctx, o, "##org-" + std::to_string(i), ImVec2(bw, ctx.fonts->small->FontSize * 1.8f), ctx.fonts->small))
            form.organisation = o;
        bx += bw + 10 * ctx.u;
    }
    if (!form.organisations.empty()) y += ctx.fonts->small->FontSize * 1.8f + row_gap;
    return y;
}

}  // namespace upstander::ui
