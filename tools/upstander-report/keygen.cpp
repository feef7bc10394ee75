// upstander-report keygen --out FILE: writes a new secret key file (readable only by its owner, never
// over an existing file) and prints the public key to put in each kiosk's config.
#include "keygen.hpp"

#include "core/report_export.hpp"  // escape_for_terminal
#include "seal/seal.hpp"

#include <CLI/CLI.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace upstander {

int run_keygen(int argc, char** argv) {
    CLI::App app{"upstander-report keygen: make the partnership's key pair for sealing one-to-one programme files.\n"
                 "The secret key file stays with the partnership's data lead; the public key goes into each kiosk's\n"
                 "config as \"programme_public_key\"."};
    std::string out;
    app.add_option("--out", out, "Where to write the secret key file (it must not exist yet)")->required();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    const seal::KeyPair keys = seal::generate_key_pair();
    const std::string text = seal::secret_key_file_text(keys);
    const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        std::cerr << "upstander-report keygen: cannot create " << escape_for_terminal(out) << ": " << std::strerror(errno)
                  << (errno == EEXIST ? " (it already exists; a key file is never overwritten)" : "") << "\n";
        return 1;
    }
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        std::cerr << "upstander-report keygen: cannot write " << escape_for_terminal(out) << "\n";
        ::unlink(out.c_str());
        return 1;
    }
    const std::string dir = std::filesystem::path(out).parent_path().empty() ? "." : std::filesystem::path(out).parent_path().string();
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    std::cout << "Secret key written to " << escape_for_terminal(out)
              << " (keep it safe and off the kiosks: whoever has it can read sealed programme files).\n"
              << "Public key for each kiosk's config.json:\n"
              << "  \"programme_public_key\": \"" << keys.public_key << "\"\n";
    return 0;
}

}  // namespace upstander
