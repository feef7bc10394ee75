// ui::ImageCache keeps its memory bounded: pictures are scaled down to what the window can show, and
// textures are evicted least recently used first once they hold more than the budget, never the few
// most recently asked for (one frame may draw several).
#include "ui/image_cache.hpp"

#include <SDL2/SDL.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using upstander::ui::ImageCache;
using upstander::ui::kImagesAlwaysKept;

namespace {

fs::path picture(const std::string& name, int w, int h) {
    const fs::path dir = fs::current_path() / "media-test-clips" / "image-cache";
    fs::create_directories(dir);
    const fs::path p = dir / name;
    if (!fs::exists(p)) {
        const fs::path tmp = dir / ("tmp-" + std::to_string(getpid()) + "-" + name);
        const std::string cmd = "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=" + std::to_string(w) + "x" +
                                std::to_string(h) + ":rate=1 -frames:v 1 '" + tmp.string() + "'";
        REQUIRE(std::system(cmd.c_str()) == 0);
        fs::rename(tmp, p);
    }
    return p;
}

struct Target {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
    Target() { REQUIRE(renderer != nullptr); }
    ~Target() {
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
    }
};

std::pair<int, int> texture_size(SDL_Texture* t) {
    int w = 0, h = 0;
    SDL_QueryTexture(t, nullptr, nullptr, &w, &h);
    return {w, h};
}

}  // namespace

TEST_CASE("a picture larger than the window becomes a texture the window's size", "[image_cache]") {
    Target target;
    ImageCache cache(target.renderer);  // fits the renderer's 1280 x 720 output
    const auto& img = cache.get(picture("wide-3000x1000.png", 3000, 1000));
    REQUIRE(img.error.empty());
    REQUIRE(img.texture);
    CHECK(img.width == 1280);
    CHECK(img.height == 427);
    CHECK(texture_size(img.texture) == std::make_pair(1280, 427));
    CHECK(cache.bytes() == 1280u * 427u * 4u);
}

TEST_CASE("the cache holds at most its budget, evicting the least recently used", "[image_cache]") {
    Target target;
    const std::size_t one = 400u * 400u * 4u;
    ImageCache cache(target.renderer, 5 * one);
    std::vector<fs::path> files;
    for (int i = 0; i < 12; ++i) files.push_back(picture("square-" + std::to_string(400 + i) + ".png", 400 + i, 400));
    // Fit every picture to 400 x 400 so each texture is the same size.
    cache.set_fit_size(400, 400);
    for (const fs::path& f : files) {
        REQUIRE(cache.get(f).texture);
        CHECK(cache.bytes() <= 5 * one);
    }
    CHECK(cache.count() == 5);
    // files[7] was used less recently than files[8..11]; using it again keeps it over files[8].
    const SDL_Texture* kept = cache.get(files[7]).texture;
    cache.get(files[0]);  // evicts the least recently used: files[8]
    CHECK(cache.get(files[7]).texture == kept);
    CHECK(cache.count() == 5);
    CHECK(cache.bytes() <= 5 * one);
}

TEST_CASE("the pictures most recently asked for stay valid even over the budget", "[image_cache]") {
    Target target;
    ImageCache cache(target.renderer, 1);  // a budget no picture fits in
    cache.set_fit_size(400, 400);
    std::vector<const upstander::ui::ImageTexture*> seen;
    for (std::size_t i = 0; i < kImagesAlwaysKept; ++i)
        seen.push_back(&cache.get(picture("square-" + std::to_string(400 + i) + ".png", 400 + static_cast<int>(i), 400)));
    CHECK(cache.count() == kImagesAlwaysKept);
    for (const auto* img : seen) CHECK(img->texture != nullptr);  // none of them was freed
    cache.get(picture("square-411.png", 411, 400));
    CHECK(cache.count() == kImagesAlwaysKept);
}

TEST_CASE("a picture over the size limit is an error card, not 256 MB of texture", "[image_cache]") {
    Target target;
    ImageCache cache(target.renderer);
    const fs::path dir = fs::current_path() / "media-test-clips" / "image-cache";
    fs::create_directories(dir);
    const fs::path huge = dir / "claims-8192x8192.png";
    {
        // The header of a PNG claiming 8192 x 8192 pixels (the size check reads only this).
        const unsigned char bytes[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                       0, 0, 0x20, 0, 0, 0, 0x20, 0, 8, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                       'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
        std::FILE* f = std::fopen(huge.string().c_str(), "wb");
        REQUIRE(f);
        std::fwrite(bytes, 1, sizeof bytes, f);
        std::fclose(f);
    }
    const auto& img = cache.get(huge);
    CHECK(img.texture == nullptr);
    CHECK_THAT(img.error, Catch::Contains("8192 x 8192 pixels"));
    CHECK(cache.bytes() == 0);
}

// Not part of the suite (hidden tag): prints the process's resident memory while a window's cache
// loads ten large pictures in turn, for the figure in the README. Run:
//   build/bin/upstander_ui_tests '[.measure-images]'
TEST_CASE("resident memory while ten large pictures are shown in turn", "[.measure-images]") {
    auto rss_kib = [] {
        std::FILE* f = std::fopen("/proc/self/status", "r");
        char line[256];
        long kib = 0;
        while (f && std::fgets(line, sizeof line, f))
            if (std::sscanf(line, "VmRSS: %ld kB", &kib) == 1) break;
        if (f) std::fclose(f);
        return kib;
    };
    Target target;
    ImageCache cache(target.renderer);
    cache.set_fit_size(1920, 1080);
    std::vector<fs::path> files;
    for (int i = 0; i < 10; ++i) files.push_back(picture("large-" + std::to_string(i) + ".png", 6000 - i, 4000));
    const long before = rss_kib();
    for (int round = 0; round < 2; ++round)
        for (const fs::path& f : files) {
            REQUIRE(cache.get(f).texture);
            std::printf("after %s: RSS %ld KiB (+%ld), cache %zu KiB in %zu textures\n", f.filename().string().c_str(),
                        rss_kib(), rss_kib() - before, cache.bytes() / 1024, cache.count());
        }
}

// [SECTION] Decoding off the UI thread

namespace {

// Runs collect() until nothing is loading (the loader's worker decodes meanwhile).
void collect_all(ImageCache& cache, upstander::media::ImageLoader& loader) {
    for (int i = 0; i < 200 && cache.loading() > 0; ++i) {
        loader.wait_idle(0.05);
        cache.collect();
    }
}

}  // namespace

TEST_CASE("with a loader, get() returns at once and the picture arrives on collect()", "[image_cache][async]") {
    Target target;
    upstander::media::ImageLoader loader;
    ImageCache cache(target.renderer, upstander::ui::kImageCacheBytes, &loader);
    const fs::path p = picture("async-2000x2000.png", 2000, 2000);
    const auto& first = cache.get(p);
    CHECK(first.loading);
    CHECK(first.texture == nullptr);
    CHECK(first.error.empty());
    CHECK(cache.loading() == 1);
    CHECK(cache.get(p).loading);  // asked again while decoding: still one request
    collect_all(cache, loader);
    REQUIRE(cache.loading() == 0);
    const auto& img = cache.get(p);
    CHECK_FALSE(img.loading);
    REQUIRE(img.texture);
    CHECK(img.height == 720);  // fitted to the renderer, as when decoded on the spot
    CHECK(loader.pending() == 0);
}

TEST_CASE("a prefetched picture is ready when it is asked for, and a broken one reports why", "[image_cache][async]") {
    Target target;
    upstander::media::ImageLoader loader;
    ImageCache cache(target.renderer, upstander::ui::kImageCacheBytes, &loader);
    const fs::path good = picture("prefetch-640x480.png", 640, 480);
    const fs::path broken = fs::path(good).replace_filename("prefetch-broken.png");
    {
        std::FILE* f = std::fopen(broken.string().c_str(), "wb");
        REQUIRE(f);
        std::fputs("\x89PNG\r\n\x1a\n truncated", f);
        std::fclose(f);
    }
    cache.prefetch(good);
    cache.prefetch(broken);
    cache.prefetch(good);  // already on its way
    CHECK(cache.loading() == 2);
    collect_all(cache, loader);
    CHECK(cache.get(good).texture != nullptr);
    CHECK_FALSE(cache.get(broken).error.empty());
    CHECK_FALSE(cache.get(broken).loading);
}

TEST_CASE("clear() while pictures decode drops their results", "[image_cache][async]") {
    Target target;
    upstander::media::ImageLoader loader;
    ImageCache cache(target.renderer, upstander::ui::kImageCacheBytes, &loader);
    const fs::path p = picture("cleared-1500x1500.png", 1500, 1500);
    cache.get(p);
    cache.clear();
    CHECK(cache.loading() == 0);
    loader.wait_idle(10);
    CHECK_FALSE(cache.collect());
    CHECK(cache.count() == 0);
    CHECK(cache.get(p).loading);  // asked again: loads afresh
    collect_all(cache, loader);
    CHECK(cache.get(p).texture != nullptr);
}
