// Fuzz target "pack": the pack loader on a file tree built from the input (container format in
// fuzz_support.hpp: files, folders and symbolic links, nested). Loads the tree as a library root,
// then lints every pack that loaded and walks every workshop forward, through every choice, and back.
#include "core/navigation.hpp"
#include "core/pack_lint.hpp"
#include "core/pack_loader.hpp"
#include "fuzz_support.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace upstander;

namespace {

void walk(const ResolvedWorkshop& w) {
    Navigator nav(w);
    (void)nav.progress_label();
    // Each move visits a new position; the bound only guards against a navigation loop (a bug).
    int moves = 0;
    constexpr int kMaxMoves = 100000;
    for (; moves < kMaxMoves; ++moves) {
        const Step* step = nav.current_step();
        if (step && step->type == StepType::Choice) {
            for (int c = 0; c < static_cast<int>(step->choices.size()); ++c) {
                const NavPosition at = nav.position();
                if (nav.choose(c)) {
                    (void)nav.current_step();
                    if (!nav.back() || !(nav.position() == at)) std::abort();  // back must return to the choice
                }
            }
        }
        (void)nav.peek_next();
        (void)nav.peek_next_is_summary();
        if (!nav.next()) break;
    }
    if (moves == kMaxMoves) std::abort();
    for (moves = 0; moves < kMaxMoves && nav.back(); ++moves) {
    }
    if (!nav.at_start()) std::abort();
    for (int m = 0; m <= nav.module_count(); ++m) {
        (void)nav.jump_to_module(m);
        (void)nav.module_title(m);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::Scratch scratch("pack");
    const auto root = scratch.fresh("root");
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    fuzz::write_tree(root, fuzz::parse_tree(input));

    Library lib = load_library({root});
    for (auto& p : lib.problems) {
        fill_positions(p.diagnostics);
        for (const auto& d : p.diagnostics) (void)format_diagnostic(d);
    }
    for (const auto& d : lib.diagnostics) (void)format_diagnostic(d);
    for (const auto& pack : lib.packs) (void)lint_pack(pack, LintOptions{});
    for (const auto& w : lib.workshops) walk(w);
    if (std::getenv("UPSTANDER_FUZZ_VERBOSE")) {  // for looking at what an input loads as
        std::printf("packs %zu, workshops %zu, broken packs %zu\n", lib.packs.size(), lib.workshops.size(),
                    lib.problems.size());
        for (const auto& d : lib.diagnostics) std::printf("  %s\n", format_diagnostic(d).c_str());
    }
    return 0;
}
