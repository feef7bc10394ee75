// Fuzz target "script": the headless script parser (docs/design.md §4 script language).
#include "core/script.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace upstander;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const ScriptParseResult r = parse_script(text);
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    for (const auto& c : r.commands) {
        (void)to_string(c.kind);
        if (c.line < 1 || c.line > lines) std::abort();  // every command names a real line
        if ((c.kind == ScriptCommand::Kind::Wait || c.kind == ScriptCommand::Kind::WaitUntilText) && c.ms < 0)
            std::abort();
    }
    for (const auto& e : r.errors)
        if (e.rfind("line ", 0) != 0) std::abort();  // every error names its line
    return 0;
}
