#pragma once
// PNG/JPEG images for image steps, decoded with stb_image and uploaded once per renderer.

#include "screens.hpp"

#include <filesystem>
#include <map>
#include <string>

struct SDL_Renderer;

namespace upstander::ui {

class ImageCache {
public:
    explicit ImageCache(SDL_Renderer* renderer) : renderer_(renderer) {}
    ~ImageCache();
    ImageCache(const ImageCache&) = delete;
    ImageCache& operator=(const ImageCache&) = delete;

    // Loads on first use. A failure is remembered (with its reason) so a broken file is not re-read every frame.
    const ImageTexture& get(const std::filesystem::path& path);
    void clear();

private:
    SDL_Renderer* renderer_;
    std::map<std::filesystem::path, ImageTexture> images_;
};

inline constexpr int kMaxImageSide = 8192;

}  // namespace upstander::ui
