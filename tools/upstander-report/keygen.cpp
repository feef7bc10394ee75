// upstander-report keygen --out FILE: writes a new secret key file (readable only by its owner, never
// over an existing file) and prints the public key to put in each kiosk's config.
#include "keygen.hpp"

#include "core/platform_files.hpp"
#include "core/report_export.hpp"  // escape_for_terminal
#include "core/session_store.hpp"
#include "seal/seal.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

namespace upstander {

int run_keygen(int argc, char** argv) {
    CLI::App app{"upstander-report keygen: make the partnership's key pair for sealing one-to-one programme files.\n"
                 "The secret key file stays with the partnership's data lead; the public key goes into each kiosk's\n"
                 "config as \"programme_public_key\"."};
    // Options are --long or -s everywhere: a Windows path such as /work/x or C:/x stays a path.
    app.allow_windows_style_options(false);
    std::string out;
    app.add_option("--out", out, "Where to write the secret key file (it must not exist yet)")->required();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    const seal::KeyPair keys = seal::generate_key_pair();
    const std::string text = seal::secret_key_file_text(keys);
    // A new temp file readable only by its owner, then a rename that never replaces an existing file.
    namespace fs = std::filesystem;
    const fs::path target = utf8_path(out);
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    const auto files = make_native_file_system();
    std::error_code ec;
    if (fs::exists(fs::symlink_status(target, ec))) {
        std::cerr << "upstander-report keygen: cannot create " << escape_for_terminal(out)
                  << ": it already exists (a key file is never overwritten)\n";
        return 1;
    }
    fs::path tmp;
    auto w = files->create_temp_file(dir, path_utf8(target.filename()), tmp, ec);
    if (!w) {
        std::cerr << "upstander-report keygen: cannot create " << escape_for_terminal(out) << ": " << describe_save_error(ec) << "\n";
        return 1;
    }
    fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
    if (ec || (ec = w->write(text)) || (ec = w->sync()) || (ec = w->close())) {
        w.reset();
        files->remove(tmp);
        std::cerr << "upstander-report keygen: cannot write " << escape_for_terminal(out) << ": " << describe_save_error(ec) << "\n";
        return 1;
    }
    w.reset();
    if ((ec = files->rename_no_replace(tmp, target))) {
        files->remove(tmp);
        std::cerr << "upstander-report keygen: cannot create " << escape_for_terminal(out) << ": "
                  << (ec == std::errc::file_exists ? "it already exists (a key file is never overwritten)" : describe_save_error(ec))
                  << "\n";
        return 1;
    }
    files->sync_directory(dir);
    std::cout << "Secret key written to " << escape_for_terminal(out)
              << " (keep it safe and off the kiosks: whoever has it can read sealed programme files).\n"
              << "Public key for each kiosk's config.json:\n"
              << "  \"programme_public_key\": \"" << keys.public_key << "\"\n";
    return 0;
}

}  // namespace upstander
