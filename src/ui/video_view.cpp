#include "video_view.hpp"

#include <SDL2/SDL.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace upstander::ui {

namespace {

constexpr double kSeekStep = 10.0;
constexpr int kVolumeStep = 10;

// Fractions of the rectangle's height, so the layout scales from 1024x768 to 4K.
constexpr float kControlsHeight = 0.10f;
constexpr float kProgressHeight = 0.035f;
constexpr float kCaptionSize = 0.055f;

// The picture turned for display: UVs of the destination's corners (TL, TR, BR, BL).
void picture_uvs(int rotation, ImVec2 uv[4]) {
    const ImVec2 tl(0, 0), tr(1, 0), br(1, 1), bl(0, 1);
    switch (rotation) {
        case 90: uv[0] = bl, uv[1] = tl, uv[2] = tr, uv[3] = br; break;
        case 180: uv[0] = br, uv[1] = bl, uv[2] = tl, uv[3] = tr; break;
        case 270: uv[0] = tr, uv[1] = br, uv[2] = bl, uv[3] = tl; break;
        default: uv[0] = tl, uv[1] = tr, uv[2] = br, uv[3] = bl; break;
    }
}

// A card centred in the picture area: title, then wrapped detail lines.
void centred_card(UiContext& ctx, ImVec2 min, ImVec2 max, const std::string& title, const std::string& detail,
                  ImU32 fill) {
    const float w = max.x - min.x, h = max.y - min.y;
    const ImVec2 cmin(min.x + w * 0.08f, min.y + h * 0.18f), cmax(max.x - w * 0.08f, max.y - h * 0.18f);
    panel(ctx, cmin, cmax, fill, ctx.theme->panel_border);
    const float pad = h * 0.05f;
    ImGui::SetCursorScreenPos(ImVec2(cmin.x + pad, cmin.y + pad));
    text_wrapped(ctx, ctx.fonts->bold, title, cmax.x - cmin.x - 2 * pad, ctx.theme->text);
    if (!detail.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(cmin.x + pad, ImGui::GetCursorScreenPos().y + pad * 0.4f));
        text_wrapped(ctx, ctx.fonts->body, detail, cmax.x - cmin.x - 2 * pad, ctx.theme->text_muted);
    }
}

}  // namespace

std::string format_elapsed(double seconds) { return format_hms(static_cast<long>(std::floor(std::max(0.0, seconds) + 1e-6))); }

void VideoView::reset(const VideoDef& def, bool captions_default) {
    captions_on_ = captions_default;
    warning_confirmed_ = def.content_warning.empty();
    autoplay_done_ = false;
}

void VideoView::confirm_and_play(media::Player& player) {
    warning_confirmed_ = true;
    autoplay_done_ = true;
    player.play();
}

void VideoView::toggle_play(media::Player& player, const VideoDef& def) {
    if (needs_confirmation(def)) {
        confirm_and_play(player);  // K or Space on the warning card is the facilitator's confirmation
        return;
    }
    autoplay_done_ = true;
    if (player.paused() || player.ended()) player.play();
    else player.pause();
}

bool VideoView::wants_space(const media::Player& player, const VideoDef&) const {
    if (!player.is_open()) return false;
    const media::PlayerStatus st = player.status();
    return st != media::PlayerStatus::Failed && st != media::PlayerStatus::Ended && st != media::PlayerStatus::Idle;
}

VideoKeyResult VideoView::apply(media::Player& player, const VideoDef& def, const Command& c) {
    VideoKeyResult r;
    r.handled = true;
    switch (c.type) {
        case CommandType::PlayPauseVideo: toggle_play(player, def); break;
        case CommandType::VideoBack: player.seek_by(-kSeekStep); break;
        case CommandType::VideoForward: player.seek_by(kSeekStep); break;
        case CommandType::VideoSeekTo: player.seek_to(static_cast<double>(c.index) / 1000.0); break;
        case CommandType::VideoRestart:
            if (needs_confirmation(def)) confirm_and_play(player);
            else player.restart();
            break;
        case CommandType::VideoLouder: player.set_volume(player.volume() + kVolumeStep); break;
        case CommandType::VideoQuieter: player.set_volume(player.volume() - kVolumeStep); break;
        case CommandType::VideoMute: player.set_muted(!player.muted()); break;
        case CommandType::VideoCaptions: captions_on_ = !captions_on_; break;
        case CommandType::VideoFullscreen: r.fullscreen_requested = true; break;
        case CommandType::VideoAutoplay:
            if (!autoplay_done_ && !needs_confirmation(def)) {
                autoplay_done_ = true;
                player.play();
            }
            break;
        default: r.handled = false; break;
    }
    return r;
}

double VideoView::draw(UiContext& ctx, media::Player& player, SDL_Renderer* renderer, const VideoDef& def,
                       ImVec2 min, ImVec2 max) {
    double redraw_in = player.update(renderer);
    const float w = max.x - min.x, h = max.y - min.y;
    if (w <= 1 || h <= 1) return redraw_in;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::string file_name = def.src.filename().string();

    // Autoplay starts the clip once it can play, unless a warning still needs confirming.
    if (def.autoplay && !autoplay_done_ && !needs_confirmation(def) && player.first_frame_ready() &&
        player.status() != media::PlayerStatus::Failed)
        ctx.push(CommandType::VideoAutoplay);
    const media::PlayerStatus status = player.status();

    const float controls_h = std::max(24.0f, h * kControlsHeight);
    const float progress_h = std::max(8.0f, h * kProgressHeight);
    const ImVec2 pic_min = min, pic_max(max.x, max.y - controls_h - progress_h * 2.0f);
    dl->AddRectFilled(pic_min, pic_max, IM_COL32(0, 0, 0, 255));

    // [SECTION] Picture or card
    const media::VideoPicture& pic = player.picture();
    if (status == media::PlayerStatus::Failed) {
        std::string reason = player.error() ? player.error()->reason : std::string("unknown error");
        centred_card(ctx, pic_min, pic_max, "This clip could not be played",
                     file_name + ": " + reason + ". The workshop carries on: press Next.", ctx.theme->warning_bg);
        return std::min(redraw_in, 0.5);
    }
    if (needs_confirmation(def)) {
        centred_card(ctx, pic_min, pic_max, "Content warning", def.content_warning, ctx.theme->panel);
        ImFont* bf = ctx.fonts->bold;
        const char* label = "Play the clip";
        const ImVec2 ts = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0, label);
        const ImVec2 bsize(ts.x + h * 0.08f, ts.y + h * 0.04f);
        const ImVec2 bpos((pic_min.x + pic_max.x - bsize.x) * 0.5f, pic_max.y - (pic_max.y - pic_min.y) * 0.18f -
                                                                       bsize.y - h * 0.04f);
        if (button_at(ctx, label, bpos, bsize, bf)) ctx.push(CommandType::PlayPauseVideo);  // confirms and plays
        return std::min(redraw_in, 0.5);
    }
    if (status == media::PlayerStatus::Opening) {
        text_centered(ctx, ctx.fonts->body, pic_min.x, pic_max.x, (pic_min.y + pic_max.y) * 0.5f, "Loading the clip…",
                      ctx.theme->text_muted);
    } else if (!player.has_video()) {
        centred_card(ctx, pic_min, pic_max, "Listen", file_name + " (sound only)", ctx.theme->panel);
    } else if (pic.texture) {
        const bool turned = pic.rotation == 90 || pic.rotation == 270;
        const float dw = static_cast<float>(turned ? pic.display_height : pic.display_width);
        const float dh = static_cast<float>(turned ? pic.display_width : pic.display_height);
        const float aw = pic_max.x - pic_min.x, ah = pic_max.y - pic_min.y;
        const float scale = std::min(aw / dw, ah / dh);
        const float iw = dw * scale, ih = dh * scale;
        const ImVec2 p0(pic_min.x + (aw - iw) * 0.5f, pic_min.y + (ah - ih) * 0.5f);
        ImVec2 uv[4];
        picture_uvs(pic.rotation, uv);
        dl->AddImageQuad(static_cast<ImTextureID>(pic.texture), p0, ImVec2(p0.x + iw, p0.y),
                         ImVec2(p0.x + iw, p0.y + ih), ImVec2(p0.x, p0.y + ih), uv[0], uv[1], uv[2], uv[3]);
    }

    // [SECTION] Captions: large text on a dark box at the bottom of the picture
    if (captions_on_) {
        const std::string text = player.caption_text();
        if (!text.empty()) {
            ImFont* font = ctx.fonts->body;
            const float size = std::max(font->FontSize, h * kCaptionSize);
            const float wrap = w * 0.86f;
            const ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, wrap, text.c_str());
            const float pad = size * 0.3f;
            const ImVec2 bmin((min.x + max.x - ts.x) * 0.5f - pad, pic_max.y - ts.y - pad * 3);
            const ImVec2 bmax(bmin.x + ts.x + 2 * pad, bmin.y + ts.y + 2 * pad);
            dl->AddRectFilled(bmin, bmax, IM_COL32(0, 0, 0, 210), size * 0.2f);
            dl->AddText(font, size, ImVec2(bmin.x + pad, bmin.y + pad), IM_COL32(255, 255, 255, 255), text.c_str(),
                        nullptr, wrap);
            ctx.registry->add(text, bmin.x, bmin.y, bmax.x, bmax.y, false);
        }
    }

    // [SECTION] Progress bar (click to seek) and time
    const double start = player.range_start(), end = player.range_end();
    const double total = std::max(0.0, end - start);
    const double elapsed = std::clamp(player.position() - start, 0.0, total);
    const ImVec2 bar_min(min.x + w * 0.02f, pic_max.y + progress_h * 0.5f);
    const ImVec2 bar_max(max.x - w * 0.02f, bar_min.y + progress_h);
    ImGui::SetCursorScreenPos(bar_min);
    if (ImGui::InvisibleButton("##video-progress", ImVec2(bar_max.x - bar_min.x, bar_max.y - bar_min.y)) &&
        total > 0) {
        const float f = std::clamp((ImGui::GetIO().MousePos.x - bar_min.x) / (bar_max.x - bar_min.x), 0.0f, 1.0f);
        ctx.push(CommandType::VideoSeekTo, static_cast<int>(std::lround((start + f * total) * 1000.0)));
    }
    dl->AddRectFilled(bar_min, bar_max, ctx.theme->panel, progress_h * 0.5f);
    if (total > 0) {
        const float f = static_cast<float>(elapsed / total);
        dl->AddRectFilled(bar_min, ImVec2(bar_min.x + (bar_max.x - bar_min.x) * f, bar_max.y), ctx.theme->accent,
                          progress_h * 0.5f);
    }
    ctx.registry->add("Seek bar", bar_min.x, bar_min.y, bar_max.x, bar_max.y, true, total > 0);

    // [SECTION] Buttons
    ImFont* font = ctx.fonts->small;
    const float bh = controls_h * 0.78f;
    const float by = max.y - controls_h + (controls_h - bh) * 0.5f;
    const float gap = h * 0.012f;
    float x = min.x + w * 0.02f;
    const bool can_play = player.first_frame_ready() && status != media::PlayerStatus::Failed;
    const bool playing = status == media::PlayerStatus::Playing;
    // Shrink the whole row when the buttons and the clock do not fit (a 4:3 projector).
    const char* labels[] = {"Pause", "Back 10 s", "Forward 10 s", "Restart", "Unmute", "Captions off", "Volume -", "Volume +"};
    float natural = 0;
    for (const char* l : labels) natural += font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, l).x + bh * 0.6f + gap;
    const float clock_w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, "0:00:00 / 0:00:00").x;
    const float room = w * 0.96f - clock_w - gap;
    const float row_scale = natural > room ? std::max(0.5f, room / natural) : 1.0f;
    auto control = [&](const char* label, bool enabled) {
        const ImVec2 ts = font->CalcTextSizeA(font->FontSize * row_scale, FLT_MAX, 0, label);
        const ImVec2 size(ts.x + bh * 0.6f * row_scale, bh);
        bool pressed = button_at(ctx, label, ImVec2(x, by), size, font, enabled);
        x += size.x + gap;
        return pressed && enabled;
    };
    // The controls only ask: the app applies each command to the player (VideoView::apply).
    if (control(playing ? "Pause" : "Play", can_play)) ctx.push(CommandType::PlayPauseVideo);
    if (control("Back 10 s", can_play)) ctx.push(CommandType::VideoBack);
    if (control("Forward 10 s", can_play)) ctx.push(CommandType::VideoForward);
    if (control("Restart", can_play)) ctx.push(CommandType::VideoRestart);
    if (control(player.muted() ? "Unmute" : "Mute", true)) ctx.push(CommandType::VideoMute);
    if (control(captions_on_ ? "Captions off" : "Captions on", true)) ctx.push(CommandType::VideoCaptions);
    if (control("Volume -", player.volume() > 0)) ctx.push(CommandType::VideoQuieter);
    if (control("Volume +", player.volume() < 100)) ctx.push(CommandType::VideoLouder);
    const std::string volume = player.muted() ? "Muted" : "Volume " + std::to_string(player.volume()) + "%";
    const std::string clock = format_elapsed(elapsed) + " / " + format_elapsed(total);
    const ImVec2 cs = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, clock.c_str());
    const float right = max.x - w * 0.02f;
    text_at(ctx, font, ImVec2(right - cs.x, by + (bh - cs.y) * 0.5f), clock, ctx.theme->text);
    const ImVec2 vs = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, volume.c_str());
    if (x + vs.x < right - cs.x - gap)
        text_at(ctx, font, ImVec2(x, by + (bh - vs.y) * 0.5f), volume, ctx.theme->text_muted);
    if (auto err = player.captions_error(); err && captions_on_)
        text_at(ctx, font, ImVec2(min.x + w * 0.02f, pic_min.y + h * 0.01f), "Captions unavailable: " + *err,
                ctx.theme->warning_text);

    // While playing, redraw for the next frame and at least a few times a second for the clock and captions.
    // Otherwise nothing moves by itself: the player's wake events (a frame after a seek, the end, an error)
    // ask for a redraw, so the scheduler's 0.1 s idle poll would only redraw the same picture 10 times a second.
    return playing ? std::min(redraw_in, 0.25) : 0.5;
}

}  // namespace upstander::ui
