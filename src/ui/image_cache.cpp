#include "image_cache.hpp"

#include "media/image_file.hpp"

#include <SDL.h>

#include <algorithm>

namespace upstander::ui {

ImageCache::~ImageCache() { clear(); }

void ImageCache::clear() {
    for (auto& [path, entry] : images_)
        if (entry.image.texture) SDL_DestroyTexture(entry.image.texture);
    images_.clear();
    lru_.clear();
    bytes_ = 0;
}

void ImageCache::set_fit_size(int width, int height) {
    fit_width_ = width;
    fit_height_ = height;
}

void ImageCache::fit_size(int& width, int& height) const {
    width = fit_width_;
    height = fit_height_;
    if (width > 0 && height > 0) return;
    width = height = 0;
    if (!renderer_) return;
    SDL_GetRendererOutputSize(renderer_, &width, &height);
    // The window may later fill its display (full screen on the projector): fit that instead when larger.
    if (SDL_Window* window = SDL_RenderGetWindow(renderer_)) {
        SDL_DisplayMode mode{};
        const int display = SDL_GetWindowDisplayIndex(window);
        if (display >= 0 && SDL_GetDesktopDisplayMode(display, &mode) == 0) {
            width = std::max(width, mode.w);
            height = std::max(height, mode.h);
        }
    }
}

void ImageCache::evict() {
    while (bytes_ > budget_ && lru_.size() > kImagesAlwaysKept) {
        auto it = images_.find(lru_.back());
        lru_.pop_back();
        if (it == images_.end()) continue;
        if (it->second.image.texture) SDL_DestroyTexture(it->second.image.texture);
        bytes_ -= it->second.bytes;
        images_.erase(it);
    }
}

const ImageTexture& ImageCache::get(const std::filesystem::path& path) {
    auto it = images_.find(path);
    if (it != images_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.lru);  // now the most recently used
        return it->second.image;
    }
    Entry entry;
    int fit_w = 0, fit_h = 0;
    fit_size(fit_w, fit_h);
    media::DecodedImage decoded = media::load_image(path, fit_w, fit_h);
    if (decoded.error) {
        entry.image.error = *decoded.error;
    } else {
        ImageTexture& img = entry.image;
        img.texture =
            SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, decoded.width, decoded.height);
        if (img.texture) {
            SDL_UpdateTexture(img.texture, nullptr, decoded.rgba.data(), decoded.width * 4);
            SDL_SetTextureBlendMode(img.texture, SDL_BLENDMODE_BLEND);
            SDL_SetTextureScaleMode(img.texture, SDL_ScaleModeLinear);
            img.width = decoded.width;
            img.height = decoded.height;
            entry.bytes = decoded.rgba.size();
        } else {
            img.error = std::string("could not make a texture: ") + SDL_GetError();
        }
    }
    lru_.push_front(path);
    entry.lru = lru_.begin();
    bytes_ += entry.bytes;
    auto& stored = images_.emplace(path, std::move(entry)).first->second;
    evict();  // never the entry just added: it is at the front of the kept ones
    return stored.image;
}

}  // namespace upstander::ui
