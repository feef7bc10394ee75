#pragma once
#include <string>

namespace upstander::media {
// "libavformat 59.27.100, libavcodec 59.37.100, ..." of the libraries linked at run time.
std::string library_versions();
}  // namespace upstander::media
