#include "text_registry.hpp"

namespace upstander::ui {

void TextRegistry::add(std::string_view text, float x0, float y0, float x1, float y1, bool clickable, bool enabled) {
    if (text.empty()) return;
    items_.push_back(VisibleItem{std::string(text), x0, y0, x1, y1, clickable, enabled});
}

const VisibleItem* TextRegistry::find_clickable(std::string_view label) const {
    for (const VisibleItem& it : items_)
        if (it.clickable && it.text == label) return &it;
    for (const VisibleItem& it : items_)
        if (it.clickable && it.text.find(label) != std::string::npos) return &it;
    return nullptr;
}

bool TextRegistry::contains_text(std::string_view needle) const {
    for (const VisibleItem& it : items_)
        if (it.text.find(needle) != std::string::npos) return true;
    return false;
}

std::string TextRegistry::dump() const {
    std::string out;
    for (const VisibleItem& it : items_) {
        out += it.clickable ? "  [button] " : "  ";
        out += it.text;
        out += '\n';
    }
    return out;
}

}  // namespace upstander::ui
