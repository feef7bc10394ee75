// media::ImageLoader decodes pictures on its own thread: results come back in order with the same
// checks as load_image, cancel_all drops what was asked before it, and the loader can be destroyed
// with work queued (stop, notify, join). Run under ThreadSanitizer by tools/test.sh.
#include "media/image_loader.hpp"
#include "media_test_support.hpp"

#include <SDL.h>

using namespace media_test;
using upstander::media::ImageLoader;

namespace {

fs::path png(const std::string& name, int w, int h) {
    return ffmpeg_clip(name, "-f lavfi -i testsrc2=size=" + std::to_string(w) + "x" + std::to_string(h) +
                                 ":rate=1 -frames:v 1");
}

std::vector<ImageLoader::Result> take_all(ImageLoader& loader, std::size_t want) {
    std::vector<ImageLoader::Result> all;
    for (int i = 0; i < 400 && all.size() < want; ++i) {
        loader.wait_idle(0.05);
        for (auto& r : loader.take_finished()) all.push_back(std::move(r));
    }
    return all;
}

}  // namespace

TEST_CASE("image loader: requests are decoded in order, fitted, with errors reported", "[image_loader]") {
    const fs::path a = png("loader-a.png", 800, 600);
    const fs::path b = png("loader-b.png", 300, 200);
    ImageLoader loader;
    loader.request(a, 400, 400);
    loader.request(fs::path(a).replace_filename("does-not-exist.png"), 0, 0);
    loader.request(b, 0, 0);
    const auto results = take_all(loader, 3);
    REQUIRE(results.size() == 3);
    CHECK(results[0].path == a);
    CHECK(results[0].image.width == 400);
    CHECK(results[0].image.height == 300);
    CHECK(results[1].image.error.has_value());
    CHECK(results[2].image.width == 300);
    CHECK(loader.pending() == 0);
}

TEST_CASE("image loader: cancel_all drops queued work and unread results", "[image_loader]") {
    const fs::path a = png("loader-c.png", 1200, 1200);
    ImageLoader loader;
    for (int i = 0; i < 6; ++i) loader.request(a, 0, 0);
    loader.cancel_all();
    REQUIRE(loader.wait_idle(30));
    CHECK(loader.take_finished().empty());  // the one being decoded when cancelled is dropped too
    loader.request(a, 100, 100);
    CHECK(take_all(loader, 1).size() == 1);
}

TEST_CASE("image loader: destroyed with work queued, and wakes the event loop", "[image_loader]") {
    const fs::path a = png("loader-d.png", 1000, 1000);
    {
        ImageLoader loader;
        for (int i = 0; i < 10; ++i) loader.request(a, 0, 0);
    }  // joins without decoding the rest
    REQUIRE(SDL_Init(SDL_INIT_EVENTS) == 0);
    const std::uint32_t type = SDL_RegisterEvents(1);
    {
        ImageLoader loader(type);
        loader.request(a, 50, 50);
        SDL_Event e{};
        bool woken = false;
        for (int i = 0; i < 200 && !woken; ++i)
            if (SDL_WaitEventTimeout(&e, 50) && e.type == type) woken = e.user.data1 == &loader;
        CHECK(woken);
        CHECK(loader.take_finished().size() == 1);
    }
    SDL_QuitSubSystem(SDL_INIT_EVENTS);
}
