#include "card_scan.hpp"

#include <cmath>
#include <numbers>

namespace upstander {

// [SECTION] Design

int front_tag_id(int card) { return 2 * (card - 1); }
int back_tag_id(int card) { return 2 * (card - 1) + 1; }

std::optional<CardMarker> card_for_tag(int tag_id) {
    if (tag_id < 0 || tag_id >= 2 * kMaxCards) return std::nullopt;
    return CardMarker{tag_id / 2 + 1, tag_id % 2 == 0 ? CardSide::Front : CardSide::Back};
}

int answer_on_edge(CardSide side, int edge) {
    static constexpr std::array<int, 4> kFront{1, 2, 3, 4};
    static constexpr std::array<int, 4> kBack{5, 0, 6, 0};
    if (edge < 0 || edge > 3) return 0;
    return side == CardSide::Front ? kFront[static_cast<std::size_t>(edge)] : kBack[static_cast<std::size_t>(edge)];
}

// [SECTION] One detection

std::optional<int> edge_at_top(const CardDetection& d) {
    const auto& c = d.corners;
    // Twice the signed area: positive when top left, top right, bottom right, bottom left run
    // clockwise on screen, as a marker seen from the front does. A mirror image or a quad folded
    // over itself gives no reading.
    double area2 = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const CardPoint& a = c[i];
        const CardPoint& b = c[(i + 1) % 4];
        area2 += a.x * b.y - b.x * a.y;
    }
    if (!(area2 > 8.0)) return std::nullopt;  // also rejects NaN
    // The marker's up axis (bottom edge's middle to top edge's middle) and right axis (left edge's
    // middle to right edge's middle). A card tilted away from the camera is foreshortened, which turns
    // the two axes on screen in opposite directions (a square seen at 50 degrees can show its up axis
    // 12 degrees off its true turn); the mean of both angles cancels most of that.
    const double ux = (c[0].x + c[1].x - c[2].x - c[3].x) / 2;
    const double uy = (c[0].y + c[1].y - c[2].y - c[3].y) / 2;
    const double rx = (c[1].x + c[2].x - c[0].x - c[3].x) / 2;
    const double ry = (c[1].y + c[2].y - c[0].y - c[3].y) / 2;
    const double ul = std::hypot(ux, uy), rl = std::hypot(rx, ry);
    if (ul < 1e-6 || rl < 1e-6) return std::nullopt;
    // 0 degrees: the marker's top points up the image (its right axis points right); positive: turned
    // clockwise. Each axis as a unit vector at its own turn, then their mean direction.
    const double sx = ux / ul + ry / rl;   // sine of the turn: up axis plus right axis
    const double sy = -uy / ul + rx / rl;  // cosine of the turn: up axis plus right axis
    const double up = std::atan2(ux, -uy), right = std::atan2(ry, rx);
    double gap = std::fabs(up - right);
    if (gap > std::numbers::pi) gap = 2 * std::numbers::pi - gap;
    // Axes far from square (over 60 degrees off) are a quad folded nearly flat: no reading.
    if (gap > std::numbers::pi / 3) return std::nullopt;
    const double theta = std::atan2(sx, sy) * 180.0 / std::numbers::pi;
    const double quarter = std::round(theta / 90.0);
    if (std::fabs(theta - quarter * 90.0) > kCardAngleTolerance) return std::nullopt;
    // Turned clockwise by k quarter turns, the edge printed at position -k (mod 4) is at the top.
    const int k = static_cast<int>(quarter);
    return ((-k) % 4 + 4) % 4;
}

std::optional<CardReading> read_card(const CardDetection& d) {
    if (d.hamming < 0 || d.hamming > kMaxCardHamming) return std::nullopt;
    const auto marker = card_for_tag(d.tag_id);
    if (!marker) return std::nullopt;
    const auto edge = edge_at_top(d);
    if (!edge) return std::nullopt;
    const int answer = answer_on_edge(marker->side, *edge);
    if (answer == 0) return std::nullopt;
    return CardReading{marker->card, answer};
}

// [SECTION] Scan

CardScan::CardScan(int option_count, std::set<int> already_counted)
    : option_count_(option_count), already_counted_(std::move(already_counted)) {}

void CardScan::add_frame(std::span<const CardDetection> detections) {
    ++frames_;
    // This frame's sighting of each card: an answer, or -1 when it showed none (turning, or two
    // markers of one card disagreeing, which a real card cannot do).
    std::array<int, kMaxCards + 1> sighting{};
    for (const CardDetection& d : detections) {
        const auto marker = card_for_tag(d.tag_id);
        if (!marker || d.hamming < 0 || d.hamming > kMaxCardHamming) continue;
        int& s = sighting[static_cast<std::size_t>(marker->card)];
        const auto reading = read_card(d);
        const int answer = reading ? reading->answer : -1;
        if (s == 0) s = answer;
        else if (s != answer) s = -1;
    }
    for (int card = 1; card <= kMaxCards; ++card) {
        const int s = sighting[static_cast<std::size_t>(card)];
        if (s == 0 || already_counted_.count(card) != 0) continue;
        Track& t = tracks_[static_cast<std::size_t>(card)];
        if (s < 0) {
            t.candidate = 0;
            t.run = 0;
            continue;
        }
        if (s == t.candidate) ++t.run;
        else {
            t.candidate = s;
            t.run = 1;
        }
        if (t.run >= kSteadyFrames) t.steady = t.candidate;
    }
}

void CardScan::discard() {
    tracks_ = {};
    frames_ = 0;
}

std::vector<int> CardScan::seen_cards() const {
    std::vector<int> out;
    for (int card = 1; card <= kMaxCards; ++card) {
        const int a = tracks_[static_cast<std::size_t>(card)].steady;
        if (a >= 1 && a <= option_count_) out.push_back(card);
    }
    return out;
}

int CardScan::cards_seen() const { return static_cast<int>(seen_cards().size()); }

int CardScan::cards_out_of_range() const {
    int n = 0;
    for (const Track& t : tracks_)
        if (t.steady > option_count_) ++n;
    return n;
}

std::vector<long long> CardScan::counts() const {
    std::vector<long long> out(static_cast<std::size_t>(option_count_ > 0 ? option_count_ : 0), 0);
    for (const Track& t : tracks_)
        if (t.steady >= 1 && t.steady <= option_count_) ++out[static_cast<std::size_t>(t.steady - 1)];
    return out;
}

}  // namespace upstander
