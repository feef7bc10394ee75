#include "image_cache.hpp"

#include "media/image_file.hpp"

#include <SDL.h>

#include <algorithm>
#include <iterator>

namespace upstander::ui {

ImageCache::~ImageCache() { clear(); }

void ImageCache::clear() {
    if (loader_) loader_->cancel_all();
    loading_ = 0;
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
    // Least recently used first. The kImagesAlwaysKept most recent stay; so do pictures still being
    // decoded (they hold no memory yet, and their result would only be decoded again).
    auto it = lru_.end();
    while (bytes_ > budget_ && it != lru_.begin()) {
        --it;
        if (static_cast<std::size_t>(std::distance(lru_.begin(), it)) < kImagesAlwaysKept) break;
        auto e = images_.find(*it);
        if (e != images_.end() && e->second.image.loading) continue;
        if (e != images_.end()) {
            if (e->second.image.texture) SDL_DestroyTexture(e->second.image.texture);
            bytes_ -= e->second.bytes;
            images_.erase(e);
        }
        it = lru_.erase(it);
    }
}

void ImageCache::make_texture(Entry& entry, const media::DecodedImage& decoded) {
    ImageTexture& img = entry.image;
    img.loading = false;
    if (decoded.error) {
        img.error = *decoded.error;
        return;
    }
    img.texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, decoded.width, decoded.height);
    if (img.texture) {
        SDL_UpdateTexture(img.texture, nullptr, decoded.rgba.data(), decoded.width * 4);
        SDL_SetTextureBlendMode(img.texture, SDL_BLENDMODE_BLEND);
        SDL_SetTextureScaleMode(img.texture, SDL_ScaleModeLinear);
        img.width = decoded.width;
        img.height = decoded.height;
        entry.bytes = decoded.rgba.size();
        bytes_ += entry.bytes;
    } else {
        img.error = std::string("could not make a texture: ") + SDL_GetError();
    }
}

ImageCache::Entry& ImageCache::add(const std::filesystem::path& path, Entry entry) {
    lru_.push_front(path);
    entry.lru = lru_.begin();
    return images_.emplace(path, std::move(entry)).first->second;
}

const ImageTexture& ImageCache::get(const std::filesystem::path& path) {
    auto it = images_.find(path);
    if (it != images_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.lru);  // now the most recently used
        return it->second.image;
    }
    int fit_w = 0, fit_h = 0;
    fit_size(fit_w, fit_h);
    if (loader_) {
        Entry entry;
        entry.image.loading = true;
        ++loading_;
        loader_->request(path, fit_w, fit_h);
        return add(path, std::move(entry)).image;
    }
    Entry& stored = add(path, Entry{});
    make_texture(stored, media::load_image(path, fit_w, fit_h));
    evict();  // never the entry just added: it is at the front of the kept ones
    return stored.image;
}

void ImageCache::prefetch(const std::filesystem::path& path) {
    if (!loader_ || images_.count(path) != 0) return;
    int fit_w = 0, fit_h = 0;
    fit_size(fit_w, fit_h);
    Entry entry;
    entry.image.loading = true;
    ++loading_;
    loader_->request(path, fit_w, fit_h);
    // Behind the pictures in use, so that a prefetch never pushes out what is on screen.
    lru_.push_back(path);
    entry.lru = std::prev(lru_.end());
    images_.emplace(path, std::move(entry));
}

bool ImageCache::collect() {
    if (!loader_ || loading_ == 0) return false;
    bool changed = false;
    for (media::ImageLoader::Result& r : loader_->take_finished()) {
        auto it = images_.find(r.path);
        if (it == images_.end() || !it->second.image.loading) continue;
        make_texture(it->second, r.image);
        --loading_;
        changed = true;
    }
    if (changed) evict();
    return changed;
}

}  // namespace upstander::ui
