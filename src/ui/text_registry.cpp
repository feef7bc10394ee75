#include "text_registry.hpp"

#include <algorithm>

namespace upstander::ui {

namespace {
constexpr float kSlack = 2.0f;  // pixels of rounding (a glyph's descent past a line) that still count as on screen

const VisibleItem* find_in(const std::vector<VisibleItem>& items, std::string_view label, bool hidden) {
    for (const VisibleItem& it : items)
        if (it.clickable && it.hidden == hidden && it.text == label) return &it;
    for (const VisibleItem& it : items)
        if (it.clickable && it.hidden == hidden && it.text.find(label) != std::string::npos) return &it;
    return nullptr;
}
}  // namespace

void TextRegistry::add(std::string_view text, float x0, float y0, float x1, float y1, bool clickable, bool enabled) {
    if (text.empty()) return;
    VisibleItem item{std::string(text), x0, y0, x1, y1, clickable, enabled, false, false};
    if (clip_source_) {
        const ClipRect c = clip_source_();
        const float vx0 = std::max(x0, c.x0), vy0 = std::max(y0, c.y0);
        const float vx1 = std::min(x1, c.x1), vy1 = std::min(y1, c.y1);
        if (vx1 <= vx0 || vy1 <= vy0) {
            item.hidden = true;
        } else {
            item.clipped = x0 < c.x0 - kSlack || y0 < c.y0 - kSlack || x1 > c.x1 + kSlack || y1 > c.y1 + kSlack;
            item.x0 = vx0, item.y0 = vy0, item.x1 = vx1, item.y1 = vy1;  // a click lands on the part on screen
        }
    }
    items_.push_back(std::move(item));
}

const VisibleItem* TextRegistry::find_clickable(std::string_view label) const { return find_in(items_, label, false); }

const VisibleItem* TextRegistry::find_hidden_clickable(std::string_view label) const { return find_in(items_, label, true); }

bool TextRegistry::contains_text(std::string_view needle) const {
    for (const VisibleItem& it : items_)
        if (!it.hidden && !it.clipped && it.text.find(needle) != std::string::npos) return true;
    return false;
}

std::string TextRegistry::dump() const {
    std::string out;
    for (const VisibleItem& it : items_) {
        out += it.clickable ? "  [button] " : "  ";
        if (it.hidden) out += "[out of view] ";
        else if (it.clipped) out += "[cut off] ";
        out += it.text;
        out += '\n';
    }
    return out;
}

}  // namespace upstander::ui
