#pragma once
// A fresh, empty temporary folder for a test, removed (with its contents) when the object goes, and
// reading and writing whole files.
// Header-only; shared by every core test that writes files.

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <stdlib.h>
#include <string>
#include <system_error>

namespace upstander::test {

// A new folder in the system's temporary folder named prefix + six random characters (mkdtemp on
// Linux; on Windows, which has no mkdtemp, create_directory refusing an existing name does the same).
inline std::filesystem::path make_temp_dir(const std::string& prefix) {
#ifdef _WIN32
    static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string name = prefix;
        for (int i = 0; i < 6; ++i) name.push_back(kChars[rd() % (sizeof kChars - 1)]);
        const std::filesystem::path p = std::filesystem::temp_directory_path() / name;
        std::error_code ec;
        if (std::filesystem::create_directory(p, ec)) return p;
    }
    throw std::runtime_error("cannot create a temporary folder");
#else
    std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return tmpl;
#endif
}

class TempDir {
public:
    TempDir() : path_(make_temp_dir("upstander-test-")) {}
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// The whole of a file (binary), and writing one (for tests that plant files).
inline std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void write_text(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

}  // namespace upstander::test
