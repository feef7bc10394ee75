#include "versions.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace upstander::media {

namespace {
std::string version_string(const char* name, unsigned v) {
    return std::string(name) + " " + std::to_string(AV_VERSION_MAJOR(v)) + "." + std::to_string(AV_VERSION_MINOR(v)) +
           "." + std::to_string(AV_VERSION_MICRO(v));
}
}  // namespace

std::string library_versions() {
    return version_string("libavformat", avformat_version()) + ", " + version_string("libavcodec", avcodec_version()) +
           ", " + version_string("libavutil", avutil_version()) + ", " +
           version_string("libswresample", swresample_version()) + ", " +
           version_string("libswscale", swscale_version());
}

}  // namespace upstander::media
