// Fuzz target "config": the kiosk's config.json reader. The input is the text of the file.
//  - parse_config must never throw or crash, and every rejection must say why;
//  - a config it trusts must write back (config_to_string) and read again to the same text, and
//    a file that mentions a PIN hash must never be trusted with the PIN silently dropped;
//  - load_config_file on the same bytes as a real file gives the same verdict as parse_config.
#include "core/config.hpp"
#include "fuzz_support.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace upstander;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::Scratch scratch("config");
    const std::string text(reinterpret_cast<const char*>(data), size);

    ConfigLoadResult parsed = parse_config(text, "config.json");
    if (parsed.unreadable) {
        if (parsed.unreadable->empty()) {
            std::fprintf(stderr, "an untrusted config has no reason\n");
            std::abort();
        }
    } else {
        const std::string written = config_to_string(parsed.config);
        ConfigLoadResult again = parse_config(written, "config.json");
        if (again.unreadable) {
            std::fprintf(stderr, "a config the reader trusted does not read back: %s\n", again.unreadable->c_str());
            std::abort();
        }
        if (config_to_string(again.config) != written) {
            std::fprintf(stderr, "a config does not survive writing and reading back unchanged\n");
            std::abort();
        }
        // Fail closed: a trusted file whose top-level "pin_hash" is a non-empty string kept that PIN.
        const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
        if (doc.is_object() && doc.contains("pin_hash") && doc["pin_hash"].is_string() &&
            !doc["pin_hash"].get_ref<const std::string&>().empty() &&
            parsed.config.pin_hash != doc["pin_hash"].get_ref<const std::string&>()) {
            std::fprintf(stderr, "a config with a PIN hash was trusted without that PIN\n");
            std::abort();
        }
    }

    const auto dir = scratch.fresh("config");
    const auto file = dir / "config.json";
    fuzz::write_file(file, text);
    ConfigLoadResult loaded = load_config_file(file);
    if (loaded.unreadable.has_value() != parsed.unreadable.has_value() && size <= (1u << 20)) {
        std::fprintf(stderr, "load_config_file and parse_config disagree on the same bytes\n");
        std::abort();
    }
    return 0;
}
