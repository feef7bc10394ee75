// Sealing programme files to the partnership's key (libsodium sealed boxes): a sealed file cannot be
// read without the secret key, and the kiosk resumes a sealed programme from its local copy.

#include "core/programme_code.hpp"
#include "core/programme_run.hpp"
#include "core/programme_store.hpp"
#include "seal/seal.hpp"
#include "../core/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdlib.h>

using namespace upstander;
namespace fs = std::filesystem;

namespace {

struct Tmp {
    fs::path path;
    Tmp() {
        path = upstander::test::make_temp_dir("upstander-seal-");
    }
    ~Tmp() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("seal: what is sealed opens only with the matching secret key", "[programme][seal]") {
    const seal::KeyPair keys = seal::generate_key_pair();
    const seal::KeyPair other = seal::generate_key_pair();
    CHECK(seal::is_public_key(keys.public_key));
    CHECK_FALSE(seal::is_public_key("not a key"));
    const std::string secret = "{\"code\": \"K7QM2RXD8\", \"answer\": \"agree\"}";
    auto file = seal::seal_to_file_text(keys.public_key, "upstander-programme", secret);
    REQUIRE(file.ok());
    CHECK(file->find("K7QM2RXD8") == std::string::npos);
    CHECK(file->find("agree") == std::string::npos);
    auto env = parse_sealed_envelope(*file);
    REQUIRE(env);
    CHECK(env->public_key == keys.public_key);
    auto opened = seal::open_sealed(env->sealed, keys);
    REQUIRE(opened.ok());
    CHECK(*opened == secret);
    CHECK_FALSE(seal::open_sealed(env->sealed, other).ok());
    // One changed byte and it does not open.
    std::string tampered = env->sealed;
    tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
    CHECK_FALSE(seal::open_sealed(tampered, keys).ok());
    // Sealing the same text twice gives different files (a fresh ephemeral key each time).
    CHECK(*seal::seal_to_file_text(keys.public_key, "upstander-programme", secret) != *file);
    CHECK_FALSE(seal::seal_to_file_text("bad", "upstander-programme", secret).ok());
}

TEST_CASE("seal: the secret key file round-trips and refuses damage", "[programme][seal]") {
    const seal::KeyPair keys = seal::generate_key_pair();
    const std::string text = seal::secret_key_file_text(keys);
    auto back = seal::parse_secret_key_file(text);
    REQUIRE(back.ok());
    CHECK(back->public_key == keys.public_key);
    CHECK(back->secret_key == keys.secret_key);
    CHECK_THAT(seal::parse_secret_key_file("hello").message(), Catch::Contains("not an Upstander secret key file"));
    const seal::KeyPair other = seal::generate_key_pair();
    std::string mixed = seal::secret_key_file_text({keys.public_key, other.secret_key});
    CHECK_THAT(seal::parse_secret_key_file(mixed).message(), Catch::Contains("do not belong together"));
}

TEST_CASE("seal: the kiosk resumes a sealed programme it cannot read back", "[programme][seal]") {
    Library lib = load_library({fs::path(UPSTANDER_TEST_DATA_DIR) / "programme-pack"});
    const ResolvedProgramme* p = lib.find_programme("test-programme-young");
    REQUIRE(p);
    const seal::KeyPair keys = seal::generate_key_pair();
    ProgrammeSealer sealer = [pk = keys.public_key](const std::string& plain) {
        return seal::seal_to_file_text(pk, "upstander-programme", plain);
    };
    Tmp tmp;
    const fs::path data = tmp.path / "sessions";
    const std::string code = new_programme_code([] { return seal::random64(); });
    {
        ProgrammeStore store(data, programme_resume_dir_for(data), sealer);
        ProgrammeRun run(*p, ProgrammeRun::new_record(*p, nullptr, code, ReferralRoute::Police, true, "t"));
        run.begin_session("2026-05-05");
        run.navigator()->next();
        run.sync_position();
        REQUIRE(store.save(run.record()).ok());
    }
    // Every file in the data folder is sealed: no code, no categories in the clear.
    int files = 0;
    for (const auto& e : fs::recursive_directory_iterator(data)) {
        if (!e.is_regular_file()) continue;
        ++files;
        const std::string text = slurp(e.path());
        CHECK(text.find(code) == std::string::npos);
        CHECK(text.find("police") == std::string::npos);
        auto env = parse_sealed_envelope(text);
        REQUIRE(env);
        auto plain = seal::open_sealed(env->sealed, keys);
        REQUIRE(plain.ok());
        CHECK(programme_from_string(*plain).record->code == code);
    }
    CHECK(files == 1);
    // A new kiosk process resumes from the local copy.
    ProgrammeStore store(data, programme_resume_dir_for(data), sealer);
    auto resumed = store.find_open(code);
    REQUIRE(resumed);
    ProgrammeRun run(*p, *resumed);
    REQUIRE(run.begin_session("2026-05-05"));
    CHECK(run.navigator()->position().step == 1);
}
