#pragma once
// Where programme files live and how they are saved (README, "Programme files").
//
// Not sealed (no "programme_public_key" in the config): the whole record is written to
// <data folder>/programmes/programme-<code>.json, atomically and durably like a session file (temp
// file made with O_EXCL | O_NOFOLLOW, fsync, rename, folder fsync), and the kiosk resumes from it.
//
// Sealed: the kiosk cannot read what it seals, so it keeps two things apart.
//  - In the data folder (what is copied for reports, for example to a USB stick): for each session, a
//    sealed part "<data folder>/programmes/<32 random hex digits>.sealed.json" holding that session's
//    entry and the answers given in it, sealed to the partnership's public key. Rewritten at every
//    save of that session. Nothing outside the seal says which programme or code it belongs to.
//  - In the kiosk's own resume folder (beside the data folder, never exported): a plain copy of the
//    record that holds what resuming needs: the code, programme, categories, session days and which
//    were completed, the position in the session in progress, the names of its sealed parts, and the
//    scale answers of the session in progress only. When a session is completed its answers are in
//    its sealed part and are dropped from the local copy; when the programme is completed or stopped
//    the local copy is deleted.
// So a lost USB stick reveals nothing without the secret key, and a stolen laptop reveals at most
// the categories of open programmes and the answers of a session that was interrupted.

#include "error.hpp"
#include "programme_file.hpp"
#include "session_store.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace upstander {

// Seals a programme's text and returns the sealed file's text (src/seal supplies it with the key).
using ProgrammeSealer = std::function<Result<std::string>(const std::string& plaintext)>;

// The kiosk's resume folder for sealed programmes: "programme-resume" beside the data folder.
std::filesystem::path programme_resume_dir_for(const std::filesystem::path& data_dir);

class ProgrammeStore {
public:
    // `sealer` empty: programmes are not sealed.
    ProgrammeStore(std::filesystem::path data_dir, std::filesystem::path resume_dir, ProgrammeSealer sealer,
                   std::unique_ptr<FileSystem> fs = make_native_file_system());

    bool sealed() const { return static_cast<bool>(sealer_); }
    std::filesystem::path programme_dir() const { return data_dir_ / "programmes"; }
    const std::filesystem::path& resume_dir() const { return resume_dir_; }

    // Saves `r` (sealed: also names a new sealed part for its session in progress, in r.sealed_parts).
    // On failure nothing already on disk is lost; the caller keeps `r` and saves again later.
    Result<void> save(ProgrammeRecord& r);

    // Programmes this laptop can continue (status open), newest start first. Files that cannot be
    // read are listed in `problems`, never deleted.
    struct Listing {
        std::vector<ProgrammeRecord> open;
        std::vector<std::string> problems;
    };
    Listing list_open();
    // The open programme with this canonical code, if this laptop has it.
    std::optional<ProgrammeRecord> find_open(const std::string& code);

    // The local copy a sealed save keeps (public for tests).
    static ProgrammeRecord local_copy(const ProgrammeRecord& r);

private:
    std::filesystem::path local_file(const std::string& code) const;

    std::filesystem::path data_dir_;
    std::filesystem::path resume_dir_;
    ProgrammeSealer sealer_;
    std::unique_ptr<FileSystem> fs_;
};

}  // namespace upstander
