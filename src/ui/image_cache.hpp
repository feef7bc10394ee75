#pragma once
// PNG/JPEG pictures for image steps, one cache per renderer (a texture belongs to one renderer).
//
// Memory is bounded. A picture is read and checked by media::load_image (header size limits, complete
// file, decoded with stb_image) and scaled down to the largest size a window of this renderer can show
// (the larger of its output size and its display's desktop size), so a 8192 x 2000 picture on a
// 1920 x 1080 display becomes a 1920 x 469 texture. The textures are kept least recently used first
// and evicted once they hold more than kImageCacheBytes; the kImagesAlwaysKept most recently used are
// never evicted, so the pictures one frame draws (a step and the presenter's next-step miniature)
// stay valid while it is drawn.
//
// With a media::ImageLoader (the kiosk), pictures are decoded off the UI thread: get() and prefetch()
// return an entry marked `loading` at once and queue the file; collect(), called by the event loop,
// turns finished decodes into textures. Without one (unit tests), get() decodes on the spot.

#include "screens.hpp"

#include "media/image_loader.hpp"

#include <cstddef>
#include <filesystem>
#include <list>
#include <map>
#include <string>

struct SDL_Renderer;

namespace upstander::ui {

inline constexpr std::size_t kImageCacheBytes = 64u * 1024u * 1024u;  // per window: 8 full-HD pictures
inline constexpr std::size_t kImagesAlwaysKept = 4;

class ImageCache {
public:
    explicit ImageCache(SDL_Renderer* renderer, std::size_t budget_bytes = kImageCacheBytes,
                        media::ImageLoader* loader = nullptr)
        : renderer_(renderer), budget_(budget_bytes), loader_(loader) {}
    ~ImageCache();
    ImageCache(const ImageCache&) = delete;
    ImageCache& operator=(const ImageCache&) = delete;

    // Loads on first use. A failure is remembered (with its reason) so a broken file is not re-read every
    // frame. The reference stays valid until kImagesAlwaysKept other pictures have been asked for.
    const ImageTexture& get(const std::filesystem::path& path);
    // Starts loading a picture that will be needed soon (the next step's), so that it is ready when
    // the facilitator gets there. Does nothing without a loader or when it is already cached.
    void prefetch(const std::filesystem::path& path);
    // Makes textures of the pictures decoded since the last call; true when any is new (redraw).
    bool collect();
    // Pictures asked for and not decoded yet.
    std::size_t loading() const { return loading_; }
    void clear();

    std::size_t bytes() const { return bytes_; }    // texture memory held, 4 bytes a pixel
    std::size_t count() const { return images_.size(); }
    // Pictures are scaled down to fit inside this; by default it is worked out from the renderer.
    void set_fit_size(int width, int height);

private:
    struct Entry {
        ImageTexture image;
        std::size_t bytes = 0;
        std::list<std::filesystem::path>::iterator lru;
    };
    void fit_size(int& width, int& height) const;
    void evict();
    Entry& add(const std::filesystem::path& path, Entry entry);
    void make_texture(Entry& entry, const media::DecodedImage& decoded);

    SDL_Renderer* renderer_;
    std::size_t budget_;
    media::ImageLoader* loader_;
    std::size_t loading_ = 0;
    int fit_width_ = 0, fit_height_ = 0;  // 0: ask the renderer
    std::map<std::filesystem::path, Entry> images_;
    std::list<std::filesystem::path> lru_;  // most recently used first
    std::size_t bytes_ = 0;
};

}  // namespace upstander::ui
