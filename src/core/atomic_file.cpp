#include "atomic_file.hpp"

namespace upstander {

std::string write_file_atomically(const std::filesystem::path& file, std::string_view data, FileSystem& fs) {
    const std::filesystem::path dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    bool created = false;
    if (auto ec = fs.create_directories(dir, created))
        return "cannot write " + file.string() + ": cannot create the folder " + dir.string() + " (" +
               describe_save_error(ec) + ")";
    std::error_code ec;
    std::filesystem::path tmp;
    auto w = fs.create_temp_file(dir, file.filename().string(), tmp, ec);
    if (!w) return "cannot write " + file.string() + ": " + describe_save_error(ec);
    if ((ec = w->write(data)) || (ec = w->sync()) || (ec = w->close())) {
        w.reset();
        fs.remove(tmp);
        return "cannot write " + file.string() + ": " + describe_save_error(ec);
    }
    w.reset();
    if ((ec = fs.rename(tmp, file))) {
        fs.remove(tmp);
        return "cannot replace " + file.string() + ": " + describe_save_error(ec);
    }
    if ((ec = fs.sync_directory(dir))) return "saved " + file.string() + " but could not flush its folder: " + describe_save_error(ec);
    return {};
}

std::string write_file_atomically(const std::filesystem::path& file, std::string_view data) {
    auto fs = make_native_file_system();
    return write_file_atomically(file, data, *fs);
}

}  // namespace upstander
