#include "card_detector.hpp"

extern "C" {
#include <apriltag/apriltag.h>
#include <apriltag/common/zarray.h>
#include <apriltag/tag36h11.h>
}

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace upstander::cards {

namespace {

struct FamilyDeleter {
    void operator()(apriltag_family_t* f) const { tag36h11_destroy(f); }
};
using FamilyPtr = std::unique_ptr<apriltag_family_t, FamilyDeleter>;

}  // namespace

float decimation_for(int width, int height) {
    const int longest = std::max(width, height);
    if (longest <= 1280) return 1.0f;
    // Whole factors only: AprilTag decimates by 1.5 or by a whole number (a factor such as 3.65
    // finds no quads at all).
    return static_cast<float>(std::clamp(longest / 960, 2, 4));
}

struct CardDetector::Impl {
    DetectorOptions options;
    FamilyPtr family{tag36h11_create()};
    apriltag_detector_t* detector = apriltag_detector_create();

    ~Impl() {
        if (detector) apriltag_detector_destroy(detector);
    }
};

CardDetector::CardDetector(DetectorOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->options = options;
    apriltag_detector_add_family_bits(impl_->detector, impl_->family.get(), 2);
    impl_->detector->nthreads = std::max(1, options.threads);
    impl_->detector->refine_edges = true;
    impl_->detector->decode_sharpening = 0.25;
    impl_->detector->quad_sigma = 0.0f;
}

CardDetector::~CardDetector() = default;

std::vector<CardDetection> CardDetector::detect(const GreyView& frame) {
    std::vector<CardDetection> out;
    if (!frame.pixels || frame.width < 16 || frame.height < 16 || frame.stride < frame.width) return out;
    Impl& m = *impl_;
    // The detector only reads the frame (Debian's libapriltag does not export image_u8_create).
    image_u8_t image{frame.width, frame.height, frame.stride, const_cast<std::uint8_t*>(frame.pixels)};
    m.detector->quad_decimate =
        m.options.decimate > 0 ? m.options.decimate : decimation_for(frame.width, frame.height);
    zarray_t* found = apriltag_detector_detect(m.detector, &image);
    out.reserve(static_cast<std::size_t>(zarray_size(found)));
    for (int i = 0; i < zarray_size(found); ++i) {
        apriltag_detection_t* det = nullptr;
        zarray_get(found, i, &det);
        CardDetection d;
        d.tag_id = det->id;
        d.hamming = det->hamming;
        // AprilTag's corners wrap counter-clockwise from the ideal corner (-1, 1), which is the
        // printed bottom left: p[0] bottom left, p[1] bottom right, p[2] top right, p[3] top left.
        static constexpr std::array<int, 4> kPrinted{3, 2, 1, 0};  // top left, top right, bottom right, bottom left
        for (std::size_t k = 0; k < 4; ++k) {
            const auto& p = det->p[kPrinted[k]];
            d.corners[k] = {p[0], p[1]};
        }
        out.push_back(d);
    }
    apriltag_detections_destroy(found);
    return out;
}

MarkerPattern marker_pattern(int tag_id) {
    MarkerPattern m;
    FamilyPtr family{tag36h11_create()};
    if (tag_id < 0 || static_cast<std::uint32_t>(tag_id) >= family->ncodes) return m;
    image_u8_t* im = apriltag_to_image(family.get(), tag_id);
    m.side = im->width;
    m.black.resize(static_cast<std::size_t>(im->width * im->height));
    for (int y = 0; y < im->height; ++y)
        for (int x = 0; x < im->width; ++x)
            m.black[static_cast<std::size_t>(y * im->width + x)] = im->buf[y * im->stride + x] < 128;
    // apriltag_to_image allocates with malloc; image_u8_destroy is not exported.
    std::free(im->buf);
    std::free(im);
    return m;
}

}  // namespace upstander::cards
