#pragma once
#include <string>

namespace upstander::media {

// A failure a person can act on: which file, and what is wrong with it in plain words.
struct MediaError {
    std::string file;    // the path as given
    std::string reason;  // e.g. "the file is empty (0 bytes); copy the clip again"
    std::string message() const { return file + ": " + reason; }
};

}  // namespace upstander::media
