#include "image_cache.hpp"

#include <SDL.h>
#include <stb_image.h>

namespace upstander::ui {

ImageCache::~ImageCache() { clear(); }

void ImageCache::clear() {
    for (auto& [path, img] : images_)
        if (img.texture) SDL_DestroyTexture(img.texture);
    images_.clear();
}

const ImageTexture& ImageCache::get(const std::filesystem::path& path) {
    auto it = images_.find(path);
    if (it != images_.end()) return it->second;
    ImageTexture img;
    int w = 0, h = 0, channels = 0;
    if (!stbi_info(path.string().c_str(), &w, &h, &channels)) {
        img.error = std::string("not a readable PNG or JPEG (") + stbi_failure_reason() + ")";
    } else if (w > kMaxImageSide || h > kMaxImageSide) {
        img.error = "the picture is larger than 8192 pixels on a side; make it smaller";
    } else if (unsigned char* pixels = stbi_load(path.string().c_str(), &w, &h, &channels, 4)) {
        img.texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h);
        if (img.texture) {
            SDL_UpdateTexture(img.texture, nullptr, pixels, w * 4);
            SDL_SetTextureBlendMode(img.texture, SDL_BLENDMODE_BLEND);
            SDL_SetTextureScaleMode(img.texture, SDL_ScaleModeLinear);
            img.width = w;
            img.height = h;
        } else {
            img.error = std::string("could not make a texture: ") + SDL_GetError();
        }
        stbi_image_free(pixels);
    } else {
        img.error = std::string("could not decode the picture (") + stbi_failure_reason() + ")";
    }
    return images_.emplace(path, std::move(img)).first->second;
}

}  // namespace upstander::ui
