#pragma once
// Answer cards read by a camera: the card design, what one marker detection means, and one scan
// of the room (stability over frames, each card once, last steady reading wins).
//
// The design (printed by upstander-cards, explained on the card itself):
//  - Card N carries two AprilTag markers of the tag36h11 family: tag 2(N-1) on the front and tag
//    2(N-1)+1 on the back, so a detection names the card and the side.
//  - Front: answers 1 to 4, one printed along each edge. The answer is the edge held at the top:
//    top edge (as printed) 1, right edge 2, bottom edge 3, left edge 4.
//  - Back: answers 5 (top edge) and 6 (bottom edge). Its side edges say "turn the card" and give
//    no answer, so no reading of the back can be taken for another answer by a quarter turn.
//  - A marker more than kCardAngleTolerance degrees away from upright, a quarter turn or a half
//    turn gives no reading at all (a card being turned is not read mid-turn).
// Cards belong to nobody: nothing here maps a card to a person. A scan keeps each card's latest
// reading in memory only and hands back counts per option; per-card readings are never saved.
// Std only; main-thread only.

#include <array>
#include <cstddef>
#include <optional>
#include <set>
#include <span>
#include <vector>

namespace upstander {

inline constexpr int kMaxCards = 200;             // tag36h11 has 587 markers: two per card
inline constexpr int kMaxCardAnswers = 6;         // polls have at most 6 options
inline constexpr double kCardAngleTolerance = 30; // degrees either side of a quarter turn
inline constexpr int kSteadyFrames = 3;           // same answer in this many sightings in a row
inline constexpr int kMaxCardHamming = 1;         // bits corrected: more is too likely a wrong marker

enum class CardSide { Front, Back };

int front_tag_id(int card);  // card 1..kMaxCards
int back_tag_id(int card);
struct CardMarker {
    int card = 0;
    CardSide side = CardSide::Front;
};
std::optional<CardMarker> card_for_tag(int tag_id);  // empty: not one of our cards' markers

// The answer printed on `edge` (0 top, 1 right, 2 bottom, 3 left, as printed) of a side, or 0 for none.
int answer_on_edge(CardSide side, int edge);

struct CardPoint {
    double x = 0;
    double y = 0;  // image coordinates: y grows downwards
};

// One marker found in one camera frame. `corners` are the marker's own corners as printed,
// in this order: top left, top right, bottom right, bottom left (wherever they are in the image).
struct CardDetection {
    int tag_id = -1;
    std::array<CardPoint, 4> corners{};
    int hamming = 0;  // bits the detector corrected
};

struct CardReading {
    int card = 0;
    int answer = 0;   // 1..6
};

// The card and the answer shown by one detection, or empty when it gives none (not our marker, too
// many corrected bits, not near a quarter turn, an unlabelled edge at the top, a degenerate quad).
std::optional<CardReading> read_card(const CardDetection& d);

// Which printed edge of the marker is at the top of the image (0 top .. 3 left), or empty when the
// marker is more than kCardAngleTolerance from every quarter turn.
std::optional<int> edge_at_top(const CardDetection& d);

// One scan of the room for one poll. Feed it every frame's detections; it keeps, per card, the
// answer it is settling on and the last steady one. A reading is steady after kSteadyFrames
// sightings in a row with the same answer (frames in which the card is not seen do not break the
// run; a sighting with another answer or no answer starts it again). Cards already counted by an
// earlier scan of the same poll are left out, so a second scan adds only cards the first missed.
class CardScan {
public:
    CardScan() = default;
    CardScan(int option_count, std::set<int> already_counted);

    void add_frame(std::span<const CardDetection> detections);
    void discard();  // rescan: forget every reading of this scan

    int option_count() const { return option_count_; }
    long long frames() const { return frames_; }
    // Cards with a steady answer that the poll has (these are counted at commit), in number order.
    std::vector<int> seen_cards() const;
    int cards_seen() const;
    // Cards whose steady answer the poll does not have (e.g. 5 on a yes/no poll): not counted.
    int cards_out_of_range() const;
    // Per option (answer 1 is option 0): what committing this scan adds to the poll.
    std::vector<long long> counts() const;
    const std::set<int>& already_counted() const { return already_counted_; }

private:
    struct Track {
        int candidate = 0;  // 0: none
        int run = 0;
        int steady = 0;     // 0: no steady reading yet
    };
    int option_count_ = 0;
    std::set<int> already_counted_;
    std::array<Track, kMaxCards + 1> tracks_{};
    long long frames_ = 0;
};

}  // namespace upstander
