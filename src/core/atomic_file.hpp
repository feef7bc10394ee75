#pragma once
// Writing a whole file so that a reader (or a power cut) never sees half of it: write a new temp file
// in the same folder (".<name>.<random>.tmp", created with O_EXCL | O_NOFOLLOW so a link or FIFO
// planted there is never written through), fsync it, rename it over the target, fsync the folder. Used for settings, exported
// reports and anything else that is not a session file (SessionStore has its own retrying saver).

#include "session_store.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace upstander {

// Returns "" on success, otherwise a message naming the file and what went wrong. Creates the folder
// when needed. The temp file is removed on failure.
std::string write_file_atomically(const std::filesystem::path& file, std::string_view data, FileSystem& fs);
std::string write_file_atomically(const std::filesystem::path& file, std::string_view data);

}  // namespace upstander
