#include "text_markup.hpp"

namespace upstander {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Splits a block's text on "**" markers. With an odd number of markers the last one is literal.
TextBlock make_block(TextBlock::Kind kind, std::string_view text, MarkupResult& out) {
    std::vector<std::size_t> markers;
    for (std::size_t at = text.find("**"); at != std::string_view::npos; at = text.find("**", at + 2))
        markers.push_back(at);
    const bool unbalanced = markers.size() % 2 == 1;
    if (unbalanced) {
        markers.pop_back();
        out.unbalanced_bold.emplace_back(text);
    }
    TextBlock block;
    block.kind = kind;
    auto add = [&](std::string_view piece, bool bold) {
        if (piece.empty()) return;
        if (!block.spans.empty() && block.spans.back().bold == bold) block.spans.back().text += piece;
        else block.spans.push_back({std::string(piece), bold});
    };
    std::size_t from = 0;
    bool bold = false;
    for (std::size_t m : markers) {
        add(text.substr(from, m - from), bold);
        bold = !bold;
        from = m + 2;
    }
    add(text.substr(from), false);
    return block;
}

}  // namespace

void append_markup(std::string_view text, MarkupResult& out) {
    std::string current;
    TextBlock::Kind kind = TextBlock::Kind::Paragraph;
    bool open = false;
    auto flush = [&] {
        if (open && !current.empty()) out.blocks.push_back(make_block(kind, current, out));
        current.clear();
        open = false;
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = trim(text.substr(start, end - start));
        start = end + 1;
        if (line.empty()) {
            flush();
        } else if (line == "-" || (line.size() >= 2 && line[0] == '-' && line[1] == ' ')) {
            flush();  // an empty bullet ("- ") adds nothing
            kind = TextBlock::Kind::Bullet;
            open = true;
            current = trim(line.substr(1));
        } else {
            if (!open) {
                kind = TextBlock::Kind::Paragraph;
                open = true;
            } else if (!current.empty()) {
                current += ' ';
            }
            current += line;
        }
        if (end == text.size()) break;
    }
    flush();
}

MarkupResult parse_markup(std::string_view text) {
    MarkupResult out;
    append_markup(text, out);
    return out;
}

std::string plain_text(const TextBlock& block) {
    std::string out;
    for (const TextSpan& s : block.spans) out += s.text;
    return out;
}

std::string plain_text(const RichText& text) {
    std::string out;
    for (const TextBlock& b : text) {
        if (!out.empty()) out += '\n';
        out += plain_text(b);
    }
    return out;
}

}  // namespace upstander
