#pragma once
// Records, every frame, the text and widget rectangles the UI draws, so that headless scripts can
// `click "label"` and `expect-text "..."` against what is really on screen. One registry per window.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace upstander::ui {

struct VisibleItem {
    std::string text;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // window pixels: the part that is on screen
    bool clickable = false;
    bool enabled = true;
    bool hidden = false;    // drawn, but wholly outside the visible area (scrolled away, off the window)
    bool clipped = false;   // only partly on screen
};

// The area drawing is clipped to at the moment an item is added (window pixels).
struct ClipRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

class TextRegistry {
public:
    void begin_frame() { items_.clear(); }
    // Where drawing is clipped right now (the UI sets ImGui's clip rectangle); without one, every
    // item counts as on screen.
    void set_clip_source(std::function<ClipRect()> source) { clip_source_ = std::move(source); }
    void add(std::string_view text, float x0, float y0, float x1, float y1, bool clickable, bool enabled = true);

    const std::vector<VisibleItem>& items() const { return items_; }
    // The first clickable item on screen whose text equals `label`; failing that, the first whose text
    // contains it. Items scrolled out of view are not found.
    const VisibleItem* find_clickable(std::string_view label) const;
    // The same search among items that are drawn but scrolled out of view (for a clear failure).
    const VisibleItem* find_hidden_clickable(std::string_view label) const;
    // True when the text of an item wholly on screen contains `needle` (case-sensitive): text that is
    // cut off or scrolled away does not count.
    bool contains_text(std::string_view needle) const;
    // Everything visible, one item per line (for failure messages).
    std::string dump() const;

private:
    std::vector<VisibleItem> items_;
    std::function<ClipRect()> clip_source_;
};

}  // namespace upstander::ui
