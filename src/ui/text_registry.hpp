#pragma once
// Records, every frame, the text and widget rectangles the UI draws, so that headless scripts can
// `click "label"` and `expect-text "..."` against what is really on screen. One registry per window.

#include <string>
#include <string_view>
#include <vector>

namespace upstander::ui {

struct VisibleItem {
    std::string text;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // window pixels
    bool clickable = false;
    bool enabled = true;
};

class TextRegistry {
public:
    void begin_frame() { items_.clear(); }
    void add(std::string_view text, float x0, float y0, float x1, float y1, bool clickable, bool enabled = true);

    const std::vector<VisibleItem>& items() const { return items_; }
    // The first clickable item whose text equals `label`; failing that, the first whose text contains it.
    const VisibleItem* find_clickable(std::string_view label) const;
    // True when any item's text contains `needle` (case-sensitive).
    bool contains_text(std::string_view needle) const;
    // Everything visible, one item per line (for failure messages).
    std::string dump() const;

private:
    std::vector<VisibleItem> items_;
};

}  // namespace upstander::ui
