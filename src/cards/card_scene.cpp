#include "card_scene.hpp"

#include "card_art.hpp"
#include "core/card_scan.hpp"
#include "core/atomic_file.hpp"

#include <cairo.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <numbers>
#include <random>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#include <stb_image_write.h>

namespace upstander::cards {

namespace {

constexpr int kTexture = 256;            // card texture side in pixels
constexpr double kMarkerShare = 0.6;     // marker side / card side (card_art's layout)
constexpr double kFocal = 1400;          // pixels: a webcam of about 70 degrees across at 1080p

double rad(double deg) { return deg * std::numbers::pi / 180.0; }

using Mat3 = std::array<double, 9>;

Mat3 mul(const Mat3& a, const Mat3& b) {
    Mat3 r{};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 3; ++k) r[i * 3 + j] += a[i * 3 + k] * b[k * 3 + j];
    return r;
}

std::optional<Mat3> inverse(const Mat3& m) {
    const double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
                       m[2] * (m[3] * m[7] - m[4] * m[6]);
    if (std::fabs(det) < 1e-12) return std::nullopt;
    Mat3 r{(m[4] * m[8] - m[5] * m[7]), -(m[1] * m[8] - m[2] * m[7]), (m[1] * m[5] - m[2] * m[4]),
           -(m[3] * m[8] - m[5] * m[6]), (m[0] * m[8] - m[2] * m[6]), -(m[0] * m[5] - m[2] * m[3]),
           (m[3] * m[7] - m[4] * m[6]), -(m[0] * m[7] - m[1] * m[6]), (m[0] * m[4] - m[1] * m[3])};
    for (double& v : r) v /= det;
    return r;
}

struct Placed {
    int card = 0;
    int answer = 0;
    bool turning = false;
    double cx = 0, cy = 0;
    double marker_px = 0;     // nominal, before tilt
    double roll = 0;          // degrees, clockwise on screen
    double tilt = 0;          // degrees
    double tilt_axis = 0;     // degrees, in the card's plane
    double shade = 1;
    int thumb = 0;            // 0 none, 1 on the edge band only, 2 into the marker
    double thumb_along = 0, thumb_depth = 0;
};

}  // namespace

struct SceneRenderer::Impl {
    std::map<std::pair<int, int>, std::vector<std::uint8_t>> textures;
    std::vector<Placed> placed;
    std::vector<std::uint8_t> background;
    double g0 = 1, gx = 0, gy = 0;
    int scene = -1;

    const std::vector<std::uint8_t>& texture(int card, CardSide side) {
        auto& t = textures[{card, side == CardSide::Front ? 0 : 1}];
        if (!t.empty()) return t;
        cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, kTexture, kTexture);
        cairo_t* cr = cairo_create(s);
        draw_card_face(cr, card, side, kTexture);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        const unsigned char* data = cairo_image_surface_get_data(s);
        const int stride = cairo_image_surface_get_stride(s);
        t.resize(kTexture * kTexture);
        for (int y = 0; y < kTexture; ++y)
            for (int x = 0; x < kTexture; ++x) t[static_cast<std::size_t>(y * kTexture + x)] = data[y * stride + x * 4 + 1];
        cairo_surface_destroy(s);
        return t;
    }
};

SceneRenderer::SceneRenderer(SceneOptions options) : options_(options), impl_(new Impl) {}
SceneRenderer::~SceneRenderer() { delete impl_; }

namespace {

double sample_texture(const std::vector<std::uint8_t>& t, double u, double v) {
    const double x = u * kTexture - 0.5;
    const double y = v * kTexture - 0.5;
    const int x0 = std::clamp(static_cast<int>(std::floor(x)), 0, kTexture - 1);
    const int y0 = std::clamp(static_cast<int>(std::floor(y)), 0, kTexture - 1);
    const int x1 = std::min(x0 + 1, kTexture - 1);
    const int y1 = std::min(y0 + 1, kTexture - 1);
    const double fx = std::clamp(x - x0, 0.0, 1.0);
    const double fy = std::clamp(y - y0, 0.0, 1.0);
    auto at = [&](int xx, int yy) { return static_cast<double>(t[static_cast<std::size_t>(yy * kTexture + xx)]); };
    return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
}

// Card texture coordinates (u, v in 0..1) to image pixels.
Mat3 card_homography(const Placed& p, double roll, double cx, double cy, int width, int height) {
    const double card_px = p.marker_px / kMarkerShare;
    const double z0 = kFocal / card_px;  // card side 1 at this depth is card_px wide
    // Tilt about an axis in the card's plane, then roll about the camera's axis.
    const double a = rad(p.tilt_axis), t = rad(p.tilt), r = rad(roll);
    const double ax = std::cos(a), ay = std::sin(a);
    const double c = std::cos(t), s = std::sin(t);
    const Mat3 tilt{c + ax * ax * (1 - c), ax * ay * (1 - c), ay * s,
                    ax * ay * (1 - c), c + ay * ay * (1 - c), -ax * s,
                    -ay * s, ax * s, c};
    const Mat3 rollm{std::cos(r), -std::sin(r), 0, std::sin(r), std::cos(r), 0, 0, 0, 1};
    const Mat3 rot = mul(rollm, tilt);
    const double X = (cx - width / 2.0) * z0 / kFocal, Y = (cy - height / 2.0) * z0 / kFocal;
    // Columns: R*(1,0,0), R*(0,1,0), T - R*(0.5,0.5,0), then K.
    Mat3 m{rot[0], rot[1], X - 0.5 * (rot[0] + rot[1]),
           rot[3], rot[4], Y - 0.5 * (rot[3] + rot[4]),
           rot[6], rot[7], z0 - 0.5 * (rot[6] + rot[7])};
    const Mat3 k{kFocal, 0, width / 2.0, 0, kFocal, height / 2.0, 0, 0, 1};
    return mul(k, m);
}

std::array<double, 2> apply(const Mat3& h, double u, double v) {
    const double w = h[6] * u + h[7] * v + h[8];
    return {(h[0] * u + h[1] * v + h[2]) / w, (h[3] * u + h[4] * v + h[5]) / w};
}

}  // namespace

SceneFrame SceneRenderer::render(int frame) {
    const SceneOptions& o = options_;
    Impl& m = *impl_;
    const int scene = frame / std::max(1, o.hold);
    const int step = frame % std::max(1, o.hold);
    const int W = o.width, H = o.height;
    std::mt19937 rng(o.seed * 7919u + static_cast<unsigned>(scene) * 104729u);
    auto uni = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    if (scene != m.scene) {
        m.scene = scene;
        // Background: walls, desks and pupils as soft shapes.
        m.background.assign(static_cast<std::size_t>(W * H), 0);
        const double top = uni(120, 200), bottom = uni(60, 140);
        for (int y = 0; y < H; ++y)
            for (int x = 0; x < W; ++x)
                m.background[static_cast<std::size_t>(y * W + x)] =
                    static_cast<std::uint8_t>(top + (bottom - top) * y / H);
        for (int i = 0; i < 60; ++i) {
            const double cx = uni(0, W), cy = uni(0, H), rx = uni(20, 200), ry = uni(20, 160);
            const auto g = static_cast<std::uint8_t>(uni(20, 235));
            const bool ellipse = i % 2 == 0;
            for (int y = std::max(0, static_cast<int>(cy - ry)); y < std::min(H, static_cast<int>(cy + ry)); ++y)
                for (int x = std::max(0, static_cast<int>(cx - rx)); x < std::min(W, static_cast<int>(cx + rx)); ++x) {
                    const double dx = (x - cx) / rx, dy = (y - cy) / ry;
                    if (!ellipse || dx * dx + dy * dy <= 1) m.background[static_cast<std::size_t>(y * W + x)] = g;
                }
        }
        // Printed clutter: posters with black and white squares.
        for (int i = 0; i < 4; ++i) {
            const int px = static_cast<int>(uni(0, W - 120)), py = static_cast<int>(uni(0, H / 3.0));
            const int cell = static_cast<int>(uni(4, 12));
            for (int y = 0; y < 10 * cell && py + y < H; ++y)
                for (int x = 0; x < 10 * cell && px + x < W; ++x)
                    m.background[static_cast<std::size_t>((py + y) * W + px + x)] =
                        (((x / cell) * 7 + (y / cell) * 3 + i) % 5 < 2) ? 20 : 230;
        }
        m.g0 = uni(0.65, 1.05);
        m.gx = uni(-0.35, 0.35);
        m.gy = uni(-0.3, 0.3);
        // Cards, not overlapping.
        m.placed.clear();
        for (int i = 0; i < o.cards; ++i) {
            Placed p;
            p.card = o.first_card + i;
            p.turning = i < o.turning;
            p.answer = p.turning ? 0 : 1 + static_cast<int>(uni(0, o.answers - 1e-9));
            for (int attempt = 0; attempt < 200; ++attempt) {
                p.marker_px = uni(o.min_marker_px, o.max_marker_px);
                const double r = p.marker_px / kMarkerShare * 0.75 + 4;
                p.cx = uni(r, W - r);
                p.cy = uni(r, H - r);
                bool clear = true;
                for (const Placed& q : m.placed)
                    if (std::hypot(q.cx - p.cx, q.cy - p.cy) < r + q.marker_px / kMarkerShare * 0.75 + 4) clear = false;
                if (clear) break;
            }
            const int edge = p.answer == 0 ? 0 : p.answer <= 4 ? p.answer - 1 : (p.answer == 5 ? 0 : 2);
            p.roll = -90.0 * edge + uni(-10, 10);
            if (p.turning) p.roll = uni(0, 360);
            p.tilt = uni(0, o.max_tilt_degrees);
            p.tilt_axis = uni(0, 360);
            p.shade = uni(0.8, 1.0);
            const double u = uni(0, 1);
            p.thumb = u < o.covered ? 2 : (u < 0.5 + o.covered / 2 ? 1 : 0);
            p.thumb_along = uni(0.25, 0.75);
            p.thumb_depth = uni(0.3, 0.45);
            m.placed.push_back(p);
        }
    }
    SceneFrame out;
    std::vector<double> img(m.background.begin(), m.background.end());
    std::mt19937 frame_rng(o.seed * 31u + static_cast<unsigned>(frame) * 2654435761u);
    auto funi = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(frame_rng); };
    for (const Placed& p : m.placed) {
        const CardSide side = p.answer >= 5 ? CardSide::Back : CardSide::Front;
        const auto& tex = m.texture(p.card, side);
        const double roll = p.turning ? p.roll + 37.0 * step : p.roll + funi(-1.5, 1.5);
        const double cx = p.cx + funi(-1.5, 1.5), cy = p.cy + funi(-1.5, 1.5);
        const Mat3 h = card_homography(p, roll, cx, cy, W, H);
        const auto inv = inverse(h);
        if (!inv) continue;
        const double blur = funi(0, o.max_blur_px);
        const double blur_dir = funi(0, std::numbers::pi);
        const double bdx = std::cos(blur_dir), bdy = std::sin(blur_dir);
        const int taps = 1 + static_cast<int>(std::ceil(blur));
        double minx = 1e9, maxx = -1e9, miny = 1e9, maxy = -1e9;
        for (auto [u, v] : std::array<std::array<double, 2>, 4>{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}) {
            const auto q = apply(h, u, v);
            minx = std::min(minx, q[0]); maxx = std::max(maxx, q[0]);
            miny = std::min(miny, q[1]); maxy = std::max(maxy, q[1]);
        }
        const int x0 = std::max(0, static_cast<int>(minx - blur - 2)), x1 = std::min(W - 1, static_cast<int>(maxx + blur + 2));
        const int y0 = std::max(0, static_cast<int>(miny - blur - 2)), y1 = std::min(H - 1, static_cast<int>(maxy + blur + 2));
        // The thumb: an ellipse in card coordinates over the bottom edge (as held), reaching into
        // the marker (thumb 2) or only over the edge band (thumb 1).
        const double tu = p.thumb_along, tv = 1.0, tr_u = 0.12, tr_v = p.thumb == 2 ? p.thumb_depth : 0.17;
        auto in_thumb = [&](double u, double v) {
            if (p.thumb == 0) return false;
            const double du = (u - tu) / tr_u, dv = (v - tv) / tr_v;
            return du * du + dv * dv <= 1;
        };
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) {
                double sum = 0;
                int inside = 0, total = 0;
                for (int sy = 0; sy < 2; ++sy)
                    for (int sx = 0; sx < 2; ++sx)
                        for (int k = 0; k < taps; ++k) {
                            const double f = taps == 1 ? 0 : (static_cast<double>(k) / (taps - 1) - 0.5) * blur;
                            const double px = x + 0.25 + 0.5 * sx + f * bdx, py = y + 0.25 + 0.5 * sy + f * bdy;
                            const double w = (*inv)[6] * px + (*inv)[7] * py + (*inv)[8];
                            const double u = ((*inv)[0] * px + (*inv)[1] * py + (*inv)[2]) / w;
                            const double v = ((*inv)[3] * px + (*inv)[4] * py + (*inv)[5]) / w;
                            ++total;
                            if (u < 0 || u > 1 || v < 0 || v > 1) continue;
                            ++inside;
                            sum += in_thumb(u, v) ? 150.0 : sample_texture(tex, u, v) * p.shade;
                        }
                if (inside == 0) continue;
                double& dst = img[static_cast<std::size_t>(y * W + x)];
                dst = (sum + dst * (total - inside)) / total;
            }
        TruthCard t;
        t.card = p.card;
        t.answer = p.answer;
        t.tilt_degrees = p.tilt;
        t.blur_px = blur;
        // Marker area in the frame (shoelace over its projected corners).
        const double lo = (1 - kMarkerShare) / 2, hi = 1 - lo;
        std::array<std::array<double, 2>, 4> q{apply(h, lo, lo), apply(h, hi, lo), apply(h, hi, hi), apply(h, lo, hi)};
        double area2 = 0;
        for (std::size_t i = 0; i < 4; ++i) area2 += q[i][0] * q[(i + 1) % 4][1] - q[(i + 1) % 4][0] * q[i][1];
        t.marker_px = std::sqrt(std::fabs(area2) / 2);
        for (int i = 0; i <= 20 && !t.covered; ++i)
            for (int j = 0; j <= 20 && !t.covered; ++j)
                t.covered = in_thumb(lo + (hi - lo) * i / 20.0, lo + (hi - lo) * j / 20.0);
        out.truth.push_back(t);
    }
    // Lens softness, uneven light and sensor noise.
    std::vector<double> soft(img.size());
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            const int xl = std::max(0, x - 1), xr = std::min(W - 1, x + 1);
            soft[static_cast<std::size_t>(y * W + x)] =
                0.25 * img[static_cast<std::size_t>(y * W + xl)] + 0.5 * img[static_cast<std::size_t>(y * W + x)] +
                0.25 * img[static_cast<std::size_t>(y * W + xr)];
        }
    std::normal_distribution<double> noise(0.0, o.noise);
    out.grey.resize(img.size());
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            const int yu = std::max(0, y - 1), yd = std::min(H - 1, y + 1);
            const double v = 0.25 * soft[static_cast<std::size_t>(yu * W + x)] + 0.5 * soft[static_cast<std::size_t>(y * W + x)] +
                             0.25 * soft[static_cast<std::size_t>(yd * W + x)];
            const double gain = m.g0 + m.gx * (static_cast<double>(x) / W - 0.5) + m.gy * (static_cast<double>(y) / H - 0.5);
            const double g = v * gain + (o.noise > 0 ? noise(frame_rng) : 0.0);
            out.grey[static_cast<std::size_t>(y * W + x)] = static_cast<std::uint8_t>(std::clamp(std::lround(g), 0L, 255L));
        }
    return out;
}

namespace {

void append_bytes(void* context, void* data, int size) {
    auto* out = static_cast<std::string*>(context);
    out->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

Result<void> write_scene_video(const std::filesystem::path& file, const SceneOptions& options) {
    if (options.width < 64 || options.height < 64 || options.width > 7680 || options.height > 4320)
        return Error{"the frame size must be between 64x64 and 7680x4320"};
    if (options.cards < 0 || options.first_card < 1 || options.first_card + options.cards - 1 > kMaxCards)
        return Error{"cards must be numbered from 1 to " + std::to_string(kMaxCards)};
    if (options.answers < 1 || options.answers > kMaxCardAnswers) return Error{"answers must be 1 to 6"};
    SceneRenderer renderer(options);
    std::string video;
    nlohmann::json frames = nlohmann::json::array();
    for (int f = 0; f < renderer.frame_count(); ++f) {
        const SceneFrame frame = renderer.render(f);
        if (stbi_write_jpg_to_func(append_bytes, &video, options.width, options.height, 1, frame.grey.data(),
                                   options.jpeg_quality) == 0)
            return Error{"could not encode frame " + std::to_string(f) + " as JPEG"};
        nlohmann::json cards = nlohmann::json::array();
        for (const TruthCard& t : frame.truth)
            cards.push_back({{"card", t.card}, {"answer", t.answer}, {"marker_px", std::round(t.marker_px * 10) / 10},
                             {"tilt", std::round(t.tilt_degrees)}, {"blur_px", std::round(t.blur_px * 10) / 10},
                             {"covered", t.covered}});
        frames.push_back({{"cards", cards}});
    }
    const nlohmann::json truth{{"format", "upstander-card-scene"}, {"width", options.width},
                               {"height", options.height}, {"frames", frames}};
    if (std::string e = write_file_atomically(file, video); !e.empty()) return Error{e};
    if (std::string e = write_file_atomically(file.string() + ".truth.json", truth.dump(1)); !e.empty()) return Error{e};
    return {};
}

Result<SceneTruth> read_scene_truth(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error{"cannot read " + file.string()};
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != "upstander-card-scene")
        return Error{file.string() + " is not a card scene's ground truth"};
    SceneTruth t;
    try {
        t.width = j.at("width").get<int>();
        t.height = j.at("height").get<int>();
        for (const auto& f : j.at("frames")) {
            std::vector<TruthCard> cards;
            for (const auto& c : f.at("cards")) {
                TruthCard tc;
                tc.card = c.at("card").get<int>();
                tc.answer = c.at("answer").get<int>();
                tc.marker_px = c.at("marker_px").get<double>();
                tc.tilt_degrees = c.at("tilt").get<double>();
                tc.blur_px = c.at("blur_px").get<double>();
                tc.covered = c.at("covered").get<bool>();
                cards.push_back(tc);
            }
            t.frames.push_back(std::move(cards));
        }
    } catch (const nlohmann::json::exception& e) {
        return Error{file.string() + ": " + e.what()};
    }
    return t;
}

}  // namespace upstander::cards
