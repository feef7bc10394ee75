// Display (main thread): the frame that is due is taken from the picture queue and uploaded into a
// texture for the renderer (YUV420P directly, other formats through libswscale).
#include "player_session.hpp"

#include <cmath>

namespace upstander::media {

using namespace player_detail;

namespace {

struct RgbFormat {
    Uint32 sdl;
    AVPixelFormat av;
};
constexpr RgbFormat kRgbFormats[] = {
    {SDL_PIXELFORMAT_ARGB8888, AV_PIX_FMT_RGB32},
    {SDL_PIXELFORMAT_ABGR8888, AV_PIX_FMT_BGR32},
    {SDL_PIXELFORMAT_RGBA8888, AV_PIX_FMT_RGB32_1},
    {SDL_PIXELFORMAT_BGRA8888, AV_PIX_FMT_BGR32_1},
};

RgbFormat rgb_format_for(SDL_Renderer* renderer) {
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(renderer, &info) == 0) {
        for (Uint32 i = 0; i < info.num_texture_formats; ++i)
            for (const auto& f : kRgbFormats)
                if (f.sdl == info.texture_formats[i]) return f;
    }
    return kRgbFormats[0];  // SDL converts when the renderer lacks it
}
}  // namespace

// [SECTION] Choosing the frame that is due (main thread)
double Player::update(SDL_Renderer* renderer) {
    assert_main_thread();
    if (!session_) return VideoScheduler::kIdleWait;
    Session& s = *session_;
    s.event_pushed = false;
    {
        std::lock_guard lock(s.wake_mutex);
        s.wake_pending = false;
    }
    bool video;
    double max_frame_duration;
    {
        Lock lock(s.info_mutex);
        video = s.has_video;
        max_frame_duration = s.max_frame_duration;
    }
    if (!video) return VideoScheduler::kIdleWait;

    if (config_.untimed) {
        while (s.pictq.remaining() > 0) {
            DecodedFrame* vp = s.pictq.peek();
            bool current = vp->serial == s.videoq.serial();
            s.pictq.next();
            if (current) {
                untimed_shown_++;
                note_shown(s.pictq.peek_last()->pts);
                if (renderer) upload(renderer, s.pictq.peek_last());
            }
        }
        return 0.0;
    }

    auto result = s.scheduler.refresh(s.pictq, s.videoq.serial(), s.clocks, s.paused, config_.time(),
                                      max_frame_duration);
    if (result.picture_changed) {
        note_shown(s.pictq.peek_last()->pts);
        if (!std::isnan(s.pictq.peek_last()->pts)) s.pending_position = NAN;
        if (renderer) upload(renderer, s.pictq.peek_last());
    } else if (renderer && renderer != texture_renderer_ && s.pictq.last_shown()) {
        upload(renderer, s.pictq.peek_last());  // a new renderer (another window): re-upload
    }
    return result.remaining;
}

void Player::note_shown(double raw_pts) {
    assert_main_thread();
    if (std::isnan(raw_pts)) return;
    double origin;
    {
        Lock lock(session_->info_mutex);
        origin = session_->origin;
    }
    double rel = raw_pts - origin;
    if (!any_shown_) first_shown_pts_ = rel;
    last_shown_pts_ = rel;
    any_shown_ = true;
}

// [SECTION] Texture upload (main thread)
bool Player::upload(SDL_Renderer* renderer, const void* decoded) {
    assert_main_thread();
    const auto* slot = static_cast<const DecodedFrame*>(decoded);
    const AVFrame* f = slot->frame.get();
    if (!f || f->width <= 0 || f->height <= 0 || !f->data[0]) return false;
    const bool yuv = (f->format == AV_PIX_FMT_YUV420P || f->format == AV_PIX_FMT_YUVJ420P) && f->linesize[0] > 0 &&
                     f->linesize[1] > 0 && f->linesize[2] > 0;
    RgbFormat rgb = yuv ? RgbFormat{SDL_PIXELFORMAT_IYUV, AV_PIX_FMT_YUV420P} : rgb_format_for(renderer);
    if (!texture_ || texture_renderer_ != renderer || texture_format_ != rgb.sdl || picture_.width != f->width ||
        picture_.height != f->height) {
        if (texture_ && texture_renderer_ == renderer) SDL_DestroyTexture(texture_);
        texture_ = SDL_CreateTexture(renderer, rgb.sdl, SDL_TEXTUREACCESS_STREAMING, f->width, f->height);
        texture_renderer_ = renderer;
        texture_format_ = rgb.sdl;
        if (!texture_) return false;
        SDL_SetTextureBlendMode(texture_, SDL_BLENDMODE_NONE);
    }
    if (yuv) {
        SDL_YUV_CONVERSION_MODE mode = SDL_YUV_CONVERSION_AUTOMATIC;
        if (f->format == AV_PIX_FMT_YUVJ420P || f->color_range == AVCOL_RANGE_JPEG) mode = SDL_YUV_CONVERSION_JPEG;
        else if (f->colorspace == AVCOL_SPC_BT709) mode = SDL_YUV_CONVERSION_BT709;
        else if (f->colorspace == AVCOL_SPC_BT470BG || f->colorspace == AVCOL_SPC_SMPTE170M)
            mode = SDL_YUV_CONVERSION_BT601;
        if (SDL_GetYUVConversionMode() != mode) SDL_SetYUVConversionMode(mode);
        if (SDL_UpdateYUVTexture(texture_, nullptr, f->data[0], f->linesize[0], f->data[1], f->linesize[1], f->data[2],
                                 f->linesize[2]) != 0)
            return false;
    } else {
        auto* sws = sws_getCachedContext(static_cast<SwsContext*>(sws_), f->width, f->height,
                                         static_cast<AVPixelFormat>(f->format), f->width, f->height, rgb.av,
                                         SWS_BICUBIC, nullptr, nullptr, nullptr);
        sws_ = sws;
        if (!sws) return false;
        void* pixels = nullptr;
        int pitch = 0;
        if (SDL_LockTexture(texture_, nullptr, &pixels, &pitch) != 0) return false;
        std::uint8_t* dst[4] = {static_cast<std::uint8_t*>(pixels), nullptr, nullptr, nullptr};
        int dst_linesize[4] = {pitch, 0, 0, 0};
        sws_scale(sws, f->data, f->linesize, 0, f->height, dst, dst_linesize);
        SDL_UnlockTexture(texture_);
    }
    int rotation;
    double origin;
    AVRational sar = f->sample_aspect_ratio;
    {
        Lock lock(session_->info_mutex);
        rotation = session_->rotation;
        origin = session_->origin;
        if (sar.num <= 0 || sar.den <= 0) sar = session_->stream_sar;
    }
    double aspect = sar.num > 0 && sar.den > 0 ? av_q2d(sar) : 1.0;
    picture_.texture = texture_;
    picture_.width = f->width;
    picture_.height = f->height;
    picture_.display_width = f->width * aspect;
    picture_.display_height = f->height;
    picture_.rotation = rotation;
    picture_.pts = slot->pts - origin;
    picture_.generation++;
    return true;
}

void Player::release_texture() {
    assert_main_thread();
    if (texture_) SDL_DestroyTexture(texture_);
    texture_ = nullptr;
    texture_renderer_ = nullptr;
    picture_.texture = nullptr;
    if (sws_) sws_freeContext(static_cast<SwsContext*>(sws_));
    sws_ = nullptr;
}
}  // namespace upstander::media
