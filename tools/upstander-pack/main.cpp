#include "upstander/version.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{"upstander-pack: validate and create Upstander content packs"};
    app.set_version_flag("--version", std::string("upstander-pack ") + upstander::kVersion);
    CLI11_PARSE(app, argc, argv);
    return 0;
}
