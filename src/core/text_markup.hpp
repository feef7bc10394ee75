#pragma once
// The small text markup of content packs (content/FORMAT.md, "Text bodies"): paragraphs, "- " bullets
// and **bold** spans, parsed into RichText once at load time.

#include "content.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace upstander {

struct MarkupResult {
    RichText blocks;
    // One entry per block with an unmatched "**": the block's text, for the warning message.
    // The unmatched marker is kept as literal text.
    std::vector<std::string> unbalanced_bold;
};

// Parses one string: blank lines separate paragraphs, lines starting with "- " are bullets,
// other lines continue the current block (joined with a space).
MarkupResult parse_markup(std::string_view text);

// Appends the blocks of `text` to `out` (used for list bodies: each item is parsed the same way).
void append_markup(std::string_view text, MarkupResult& out);

// Plain text of a block (spans joined) and of a whole body (blocks joined with "\n").
std::string plain_text(const TextBlock& block);
std::string plain_text(const RichText& text);

}  // namespace upstander
