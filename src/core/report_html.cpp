// The HTML impact report: one self-contained file (inline CSS and SVG; no scripts, web fonts,
// images or links to fetch), printable on A4. Every string that came from a session file goes
// through html_escape. Charts use the Okabe-Ito palette and carry text labels on every bar, so
// colour is never the only cue.
#include "report_export.hpp"

#include "programme_report.hpp"

#include "upstander/version.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace upstander {

namespace {

// [SECTION] Palette and small helpers
// Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
constexpr const char* kBlue = "#0072B2";
constexpr const char* kOrange = "#E69F00";
constexpr const char* kGreen = "#009E73";
constexpr const char* kInk = "#1a1a1a";
constexpr std::size_t kMaxTableRows = 100;  // longer lists are in the CSV

std::string num(double v, int decimals = 1) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string date_words(const std::string& iso) {
    if (iso.size() != 10) return iso;
    const std::string month = month_label(iso.substr(0, 7));  // "March 2024"
    const int day = std::atoi(iso.substr(8, 2).c_str());
    return std::to_string(day) + " " + month;
}

std::string plural(long long n, const char* one, const char* many) {
    return format_grouped(n) + " " + (n == 1 ? one : many);
}

const char* kCss = R"CSS(
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { background: #e9e9e9; }
body { margin: 0; color: #1a1a1a; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
       font-size: 10.5pt; line-height: 1.4; }
main { background: #fff; max-width: 210mm; margin: 0 auto; padding: 14mm; }
h1 { font-size: 22pt; margin: 0 0 2mm 0; }
h2 { font-size: 14pt; margin: 8mm 0 2mm 0; border-bottom: 2px solid #0072B2; padding-bottom: 1mm; }
h3 { font-size: 12pt; margin: 5mm 0 1mm 0; }
p { margin: 1.5mm 0; }
.sub { color: #444; margin: 0; }
.headline { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 5mm 0 2mm 0; }
.figure { border: 1px solid #bbb; border-radius: 2mm; padding: 3mm; }
.figure .value { font-size: 20pt; font-weight: bold; display: block; }
.figure .what { color: #333; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 9.5pt; }
th, td { border-bottom: 1px solid #ccc; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
thead th { border-bottom: 2px solid #555; }
tfoot td { border-top: 2px solid #555; font-weight: bold; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.measure { border: 1px solid #bbb; border-radius: 2mm; padding: 3mm 4mm; margin: 4mm 0; }
.measure h3 { margin-top: 0; }
.sentence { font-size: 11.5pt; border-left: 4px solid #0072B2; padding-left: 3mm; }
figure { margin: 2mm 0; }
.meta { color: #444; font-size: 9pt; }
.note { color: #333; font-size: 9pt; }
.not-counted { border: 2px solid #D55E00; border-radius: 2mm; padding: 2mm 4mm; margin: 4mm 0; }
.not-counted h2 { margin-top: 0; color: #A33F00; }
.not-counted table { width: 100%; table-layout: fixed; }
.not-counted td { overflow-wrap: anywhere; }
.not-counted th:nth-child(1) { width: 28%; }
.not-counted th:nth-child(2) { width: 22%; }
.not-counted th:nth-child(3) { width: 13%; }
.not-counted td:nth-child(3) { white-space: nowrap; }
.method p { font-size: 9.5pt; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
footer { margin-top: 8mm; color: #555; font-size: 8.5pt; }
@media print {
  html { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; }
  .measure, .figure, figure, table { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  .appendix { break-before: page; }
}
)CSS";

// [SECTION] Charts

// Participants per month as vertical bars, each labelled with its number.
std::string month_chart(const Report& r) {
    const auto& months = r.by_month;
    if (months.empty()) return "<p>No sessions in this period.</p>\n";
    const double width = 680, height = 230, left = 46, right = 10, top = 22, bottom = 46;
    const double plot_w = width - left - right, plot_h = height - top - bottom;
    long long max_v = 1;
    for (const BreakdownRow& m : months) max_v = std::max(max_v, m.participants);
    // Four or five gridlines at a round step (1, 2 or 5 times a power of ten).
    const double rough = static_cast<double>(max_v) / 4.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double tick = magnitude;
    for (double mult : {1.0, 2.0, 5.0, 10.0}) {
        if (magnitude * mult >= rough) {
            tick = magnitude * mult;
            break;
        }
    }
    tick = std::max(1.0, tick);
    const int ticks = static_cast<int>(std::ceil(static_cast<double>(max_v) / tick));
    const double axis_max = tick * ticks;
    const double slot = plot_w / static_cast<double>(months.size());
    const double bar = std::max(2.0, slot * 0.7);
    const bool rotate = slot < 44;
    std::string s = "<figure><svg viewBox=\"0 0 " + num(width, 0) + " " +
                    num(height, 0) + "\" width=\"" + num(width, 0) + "\" height=\"" + num(height, 0) +
                    "\" role=\"img\" aria-labelledby=\"months-title\">\n<title id=\"months-title\">Participants per month</title>\n";
    for (int g = 0; g <= ticks; ++g) {
        const double v = tick * g;
        const double y = top + plot_h - plot_h * v / axis_max;
        s += "<line x1=\"" + num(left) + "\" x2=\"" + num(width - right) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) +
             "\" stroke=\"#ccc\" stroke-width=\"1\"/>\n";
        s += "<text x=\"" + num(left - 4) + "\" y=\"" + num(y + 4) + "\" font-size=\"10\" text-anchor=\"end\" fill=\"#333\">" +
             format_grouped(std::llround(v)) + "</text>\n";
    }
    for (size_t i = 0; i < months.size(); ++i) {
        const BreakdownRow& m = months[i];
        const double h = plot_h * static_cast<double>(m.participants) / axis_max;
        const double x = left + slot * static_cast<double>(i) + (slot - bar) / 2.0;
        const double y = top + plot_h - h;
        s += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(bar) + "\" height=\"" + num(h) +
             "\" fill=\"" + kBlue + "\"><title>" + html_escape(m.label) + ": " + format_grouped(m.participants) +
             " participants</title></rect>\n";
        const double cx = x + bar / 2.0;
        if (slot >= 18)
            s += "<text x=\"" + num(cx) + "\" y=\"" + num(y - 4) + "\" font-size=\"" + (slot >= 40 ? "11" : "8") +
                 "\" text-anchor=\"middle\" fill=\"" + kInk + "\">" + format_grouped(m.participants) + "</text>\n";
        const std::string short_label = m.label.substr(0, 3) + " " + m.key.substr(2, 2);  // "Mar 24"
        if (rotate)
            s += "<text transform=\"translate(" + num(cx + 3) + "," + num(top + plot_h + 8) +
                 ") rotate(-50)\" font-size=\"9\" text-anchor=\"end\" fill=\"#333\">" + html_escape(short_label) + "</text>\n";
        else
            s += "<text x=\"" + num(cx) + "\" y=\"" + num(top + plot_h + 14) +
                 "\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333\">" + html_escape(short_label) + "</text>\n";
    }
    s += "<line x1=\"" + num(left) + "\" x2=\"" + num(width - right) + "\" y1=\"" + num(top + plot_h) + "\" y2=\"" +
         num(top + plot_h) + "\" stroke=\"#333\" stroke-width=\"1\"/>\n";
    s += "</svg><figcaption class=\"note\">Participants per month";
    if (r.estimated_participants > 0) s += " (headcounts, with poll totals where no headcount was entered)";
    s += ".</figcaption></figure>\n";
    return s;
}

// Share agreeing before and after as horizontal bars with Wilson 95% whiskers and text labels.
std::string before_after_chart(const MeasureReport& m, std::size_t index) {
    const double width = 640, left = 70, right = 150, top = 10, row_h = 44, axis_h = 24;
    const double plot_w = width - left - right;
    const double height = top + 2 * row_h + axis_h;
    const std::string id = "m" + std::to_string(index) + "-title";
    std::string s = "<figure><svg viewBox=\"0 0 " + num(width, 0) + " " +
                    num(height, 0) + "\" width=\"" + num(width, 0) + "\" height=\"" + num(height, 0) +
                    "\" role=\"img\" aria-labelledby=\"" + id + "\">\n<title id=\"" + id +
                    "\">Share agreeing before and after, with 95% confidence intervals</title>\n";
    for (int g = 0; g <= 4; ++g) {
        const double x = left + plot_w * g / 4.0;
        s += "<line x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(top) + "\" y2=\"" + num(top + 2 * row_h) +
             "\" stroke=\"#ccc\" stroke-width=\"1\"/>\n";
        s += "<text x=\"" + num(x) + "\" y=\"" + num(top + 2 * row_h + 15) +
             "\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333\">" + std::to_string(g * 25) + "%</text>\n";
    }
    struct Bar {
        const char* name;
        double share;
        stats::Interval ci;
        const char* colour;
    };
    const Bar bars[2] = {{"Before", m.agree.p1, m.before_ci, kBlue}, {"After", m.agree.p2, m.after_ci, kOrange}};
    for (int b = 0; b < 2; ++b) {
        const double y = top + row_h * b + 8;
        const double bh = row_h - 16;
        const double w = plot_w * bars[b].share;
        s += "<text x=\"" + num(left - 8) + "\" y=\"" + num(y + bh / 2 + 4) +
             "\" font-size=\"12\" font-weight=\"bold\" text-anchor=\"end\" fill=\"" + kInk + "\">" + bars[b].name + "</text>\n";
        s += "<rect x=\"" + num(left) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(bh) +
             "\" fill=\"" + bars[b].colour + "\"/>\n";
        const double x1 = left + plot_w * bars[b].ci.low, x2 = left + plot_w * bars[b].ci.high, cy = y + bh / 2;
        s += "<g stroke=\"" + std::string(kInk) + "\" stroke-width=\"1.5\"><line x1=\"" + num(x1) + "\" x2=\"" + num(x2) +
             "\" y1=\"" + num(cy) + "\" y2=\"" + num(cy) + "\"/><line x1=\"" + num(x1) + "\" x2=\"" + num(x1) + "\" y1=\"" +
             num(cy - 7) + "\" y2=\"" + num(cy + 7) + "\"/><line x1=\"" + num(x2) + "\" x2=\"" + num(x2) + "\" y1=\"" +
             num(cy - 7) + "\" y2=\"" + num(cy + 7) + "\"/></g>\n";
        s += "<text x=\"" + num(left + plot_w + 8) + "\" y=\"" + num(cy + 4) + "\" font-size=\"12\" fill=\"" + kInk +
             "\"><tspan font-weight=\"bold\">" + format_percent(bars[b].share) + "</tspan> (CI " +
             format_percent(bars[b].ci.low) + "\u2013" + format_percent(bars[b].ci.high) + ")</text>\n";
    }
    s += "</svg><figcaption class=\"note\">Share agreeing" +
         std::string(m.kind == PollKind::YesNo ? " (answered Yes)" : " (agree or strongly agree)") +
         "; the black whiskers are 95% confidence intervals.</figcaption></figure>\n";
    return s;
}

// [SECTION] Tables

std::string breakdown_table(const char* heading, const std::vector<BreakdownRow>& rows) {
    std::string s = "<table><thead><tr><th>" + std::string(heading) +
                    "</th><th class=\"n\">Sessions</th><th class=\"n\">Participants</th></tr></thead><tbody>\n";
    for (const BreakdownRow& b : rows) {
        s += "<tr><td>" + html_escape(b.label) + "</td><td class=\"n\">" + format_grouped(b.sessions) +
             "</td><td class=\"n\">" + format_grouped(b.participants);
        if (b.estimated_participants > 0) s += " <span class=\"note\">(" + format_grouped(b.estimated_participants) + " est.)</span>";
        s += "</td></tr>\n";
    }
    return s + "</tbody></table>\n";
}

// `shown` is the model's decision (build_report); the writer only formats it.
std::string percent_cell(long long count, long long total, bool shown) {
    if (!shown) return "<td class=\"n\">\u2013</td>";
    return "<td class=\"n\">" + format_percent(static_cast<double>(count) / static_cast<double>(total)) + "</td>";
}

std::string distribution_table(const MeasureReport& m) {
    const auto& db = m.before_cells;
    const auto& da = m.after_cells;
    std::string s = "<table class=\"dist\"><thead><tr><th>Answer</th><th class=\"n\">Before</th><th class=\"n\">%</th>"
                    "<th class=\"n\">After</th><th class=\"n\">%</th></tr></thead><tbody>\n";
    for (size_t k = 0; k < m.options.size(); ++k) {
        const MeasureOption& o = m.options[k];
        s += "<tr><td>" + html_escape(o.label) + "</td><td class=\"n\">" + format_count(o.before, db[k]) + "</td>" +
             percent_cell(o.before, m.before_total, m.before_share_shown[k]) + "<td class=\"n\">" +
             format_count(o.after, da[k]) + "</td>" + percent_cell(o.after, m.after_total, m.after_share_shown[k]) +
             "</tr>\n";
    }
    s += "</tbody><tfoot><tr><td>Total</td><td class=\"n\">" + format_count(m.before_total, m.before_total_disclosure) +
         "</td><td></td><td class=\"n\">" + format_count(m.after_total, m.after_total_disclosure) +
         "</td><td></td></tr></tfoot></table>\n";
    return s;
}

std::string statistics_table(const MeasureReport& m) {
    std::string s = "<table class=\"stats\"><tbody>\n";
    auto row = [&](const std::string& k, const std::string& v) {
        s += "<tr><th scope=\"row\">" + k + "</th><td>" + v + "</td></tr>\n";
    };
    if (m.has_agree) {
        if (!m.shares_hidden) {
            row("Share agreeing", format_percent(m.agree.p1) + " before, " + format_percent(m.agree.p2) + " after");
            row("Change", format_points(m.agree.difference) + " percentage points (95% CI " + format_points(m.agree.ci.low) +
                              " to " + format_points(m.agree.ci.high) + ", Newcombe)");
        } else {
            row("Share agreeing", "not shown: it would reveal a group of fewer than 5 people");
        }
        std::string test = html_escape(m.test_name) + ": " + format_p_value(m.p_value);
        if (!m.fisher_used) test += " (z = " + num(m.agree.z, 2) + ")";
        row("Test", test);
    }
    if (m.likert) {
        row("Mean score (1\u20135)", num(m.mean_before) + " before, " + num(m.mean_after) + " after");
        std::string mw = "not computable (every answer the same)";
        if (m.mann_whitney.valid) {
            mw = format_p_value(m.mann_whitney.p_value);
            if (!m.cells_hidden) mw = "U = " + format_grouped(std::llround(m.mann_whitney.u)) + ", " + mw;
        }
        row("Mann\u2013Whitney test", mw);
    }
    row("Answers", format_grouped(m.before_total) + " before, " + format_grouped(m.after_total) + " after, from " +
                       plural(m.sessions_compared, "session", "sessions"));
    return s + "</tbody></table>\n";
}

std::string session_rows_table(const Report& r, const MeasureReport& m) {
    if (m.session_rows.empty()) return "<p class=\"note\">No session had 5 or more votes both before and after, so no "
                                       "per-session results are listed.</p>\n";
    std::string s = "<table class=\"per-session\"><thead><tr><th>Date</th><th>Group</th><th class=\"n\">Before</th>"
                    "<th class=\"n\">Agreed</th><th class=\"n\">After</th><th class=\"n\">Agreed</th></tr></thead><tbody>\n";
    const size_t shown = std::min(kMaxTableRows, m.session_rows.size());
    for (size_t i = 0; i < shown; ++i) {
        const MeasureSessionRow& row = m.session_rows[i];
        const SessionRecord& rec = r.sessions[row.session].record;
        auto agree_cell = [](long long agree, long long total, Disclosure d, bool share_shown) {
            std::string c = format_count(agree, d);
            if (share_shown) c += " (" + format_percent(static_cast<double>(agree) / static_cast<double>(total)) + ")";
            return c;
        };
        s += "<tr><td>" + html_escape(rec.date) + "</td><td>" + html_escape(rec.group.label) + "</td><td class=\"n\">" +
             format_grouped(row.before_total) + "</td><td class=\"n\">" + agree_cell(row.before_agree, row.before_total, row.before_agree_disclosure, row.before_share_shown) +
             "</td><td class=\"n\">" + format_grouped(row.after_total) + "</td><td class=\"n\">" +
             agree_cell(row.after_agree, row.after_total, row.after_agree_disclosure, row.after_share_shown) + "</td></tr>\n";
    }
    s += "</tbody></table>\n";
    if (shown < m.session_rows.size())
        s += "<p class=\"note\">Showing the first " + format_grouped(static_cast<long long>(shown)) + " of " +
             format_grouped(static_cast<long long>(m.session_rows.size())) + " sessions; the CSV export lists them all.</p>\n";
    if (m.sessions_not_listed > 0)
        s += "<p class=\"note\">" + plural(m.sessions_not_listed, "session", "sessions") +
             " with fewer than 5 votes on a question " + (m.sessions_not_listed == 1 ? "is" : "are") +
             " not listed here but " + (m.sessions_not_listed == 1 ? "is" : "are") + " included in the totals above.</p>\n";
    return s;
}

std::string measure_section(const MeasureReport& m, std::size_t index) {
    std::string s = "<section class=\"measure\" id=\"measure-" + std::to_string(index) + "\">\n";
    s += "<h3>" + html_escape(m.question.empty() ? m.measure : m.question) + "</h3>\n";
    s += "<p class=\"meta\">Measure <code>" + html_escape(m.measure) + "</code> \u00b7 " +
         (m.kind == PollKind::Likert ? "five-point scale" : m.kind == PollKind::YesNo ? "yes / no" : "multiple choice") +
         " \u00b7 " + plural(m.sessions_compared, "session", "sessions") + " with answers before and after</p>\n";
    s += "<p class=\"sentence\">" + html_escape(m.sentence) + "</p>\n";
    if (m.enough_answers && m.has_agree && !m.shares_hidden) s += before_after_chart(m, index);
    if (m.enough_answers) {
        s += "<div class=\"cols\"><div>" + distribution_table(m) + "</div><div>" + statistics_table(m) + "</div></div>\n";
    }
    for (const std::string& n : m.notes) s += "<p class=\"note\">" + html_escape(n) + "</p>\n";
    return s + "</section>\n";
}

std::string sessions_table(const Report& r) {
    std::string s = "<table class=\"sessions\"><thead><tr><th>Date</th><th>Workshop</th><th>Group</th><th>Format</th>"
                    "<th>Audience</th><th class=\"n\">Participants</th></tr></thead><tbody>\n";
    const size_t shown = std::min(kMaxTableRows, r.sessions.size());
    for (size_t i = 0; i < shown; ++i) {
        const ReportSession& rs = r.sessions[i];
        const SessionRecord& rec = rs.record;
        s += "<tr><td>" + html_escape(rec.date) + "</td><td>" +
             html_escape(rec.workshop_title.empty() ? rec.workshop_id : rec.workshop_title) + "</td><td>" +
             html_escape(rec.group.label) + "</td><td>" + to_string(rec.group.format) + "</td><td>" +
             (rec.group.audience == Audience::Unspecified ? "" : to_string(rec.group.audience)) + "</td><td class=\"n\">" +
             format_grouped(rs.participants) + (rs.estimated ? " (est.)" : "") + "</td></tr>\n";
    }
    s += "</tbody></table>\n";
    if (shown < r.sessions.size())
        s += "<p class=\"note\">Showing the first " + format_grouped(static_cast<long long>(shown)) + " of " +
             format_grouped(static_cast<long long>(r.sessions.size())) + " sessions; the CSV export lists them all.</p>\n";
    return s;
}

}  // namespace

// [SECTION] The page

std::string report_html(const Report& r) {
    std::string s;
    s.reserve(64 * 1024);
    s += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>Upstander impact report</title>\n<style>";
    s += kCss;
    s += "</style>\n</head>\n<body>\n<main>\n<header>\n<h1>Impact report</h1>\n<p class=\"sub\">";
    if (r.sessions.empty()) s += "No sessions";
    else s += "Sessions from " + date_words(r.first_date) + " to " + date_words(r.last_date);
    if (!r.filter.workshop_id.empty()) s += " \u00b7 workshop <code>" + html_escape(r.filter.workshop_id) + "</code>";
    if (!r.filter.from.empty() || !r.filter.to.empty())
        s += " \u00b7 period " + (r.filter.from.empty() ? std::string("start") : date_words(r.filter.from)) + " to " +
             (r.filter.to.empty() ? std::string("today") : date_words(r.filter.to));
    s += "</p>\n</header>\n";

    // Sessions read but not counted come first: every figure below leaves them out.
    if (!r.excluded.empty()) {
        s += "<section class=\"not-counted\" id=\"not-counted\">\n<h2>Sessions not counted</h2>\n<p>" +
             plural(static_cast<long long>(r.excluded.size()), "session file was", "session files were") +
             " read but left out of every figure in this report, because copies of a session disagree or a value "
             "is one no kiosk could have written. Correct or remove them and make the report again.</p>\n"
             "<table class=\"problems\"><thead><tr><th>File</th><th>Session</th><th>Date</th><th>Reason</th></tr>"
             "</thead><tbody>\n";
        for (const ExcludedSession& e : r.excluded)
            s += "<tr><td>" + html_escape(e.file) + "</td><td><code>" + html_escape(e.record.session_id) +
                 "</code></td><td>" + html_escape(e.record.date) + "</td><td>" + html_escape(e.reason) + "</td></tr>\n";
        s += "</tbody></table>\n</section>\n";
    }

    // Headline figures
    s += "<section class=\"headline\" id=\"headline\">\n";
    s += "<div class=\"figure\"><span class=\"value\">" + format_grouped(r.participants) +
         "</span><span class=\"what\">participants";
    if (r.estimated_participants > 0) s += ", including " + format_grouped(r.estimated_participants) + " estimated";
    s += "</span></div>\n";
    s += "<div class=\"figure\"><span class=\"value\">" + format_grouped(static_cast<long long>(r.sessions.size())) +
         "</span><span class=\"what\">sessions</span></div>\n";
    s += "<div class=\"figure\"><span class=\"value\">" + format_grouped(r.one_to_one_sessions) +
         "</span><span class=\"what\">one-to-one sessions</span></div>\n";
    s += "<div class=\"figure\">";
    if (r.target_participants && *r.target_participants > 0) {
        const double progress = static_cast<double>(r.participants) / static_cast<double>(*r.target_participants);
        s += "<span class=\"value\">" + format_percent(progress) + "</span><span class=\"what\">of the target of " +
             format_grouped(*r.target_participants) + " participants</span>";
        const double w = 150.0 * std::min(1.0, progress);
        s += "<svg viewBox=\"0 0 150 12\" width=\"150\" height=\"12\" role=\"img\" "
             "aria-label=\"progress towards the target\"><rect x=\"0\" y=\"0\" width=\"150\" height=\"12\" fill=\"#fff\" "
             "stroke=\"#555\"/><rect x=\"0\" y=\"0\" width=\"" + num(w) + "\" height=\"12\" fill=\"" + kGreen + "\"/></svg>";
    } else {
        s += "<span class=\"value\">" + format_grouped(static_cast<long long>(r.measures.size())) +
             "</span><span class=\"what\">before-and-after measures</span>";
    }
    s += "</div>\n</section>\n";
    if (r.target_participants && *r.target_participants > 0)
        s += "<p>" + format_grouped(r.participants) + (r.participants == 1 ? " person" : " people") +
             " took part against a target of " + format_grouped(*r.target_participants) + ".</p>\n";

    // What changed: one sentence per measure up front
    if (!r.measures.empty()) {
        s += "<h2>What changed</h2>\n<ul class=\"sentences\">\n";
        for (const MeasureReport& m : r.measures) s += "<li>" + html_escape(m.sentence) + "</li>\n";
        s += "</ul>\n";
    }

    s += "<h2>Participation over time</h2>\n" + month_chart(r);
    s += "<div class=\"cols\"><div>" + breakdown_table("Format", r.by_format) + "</div><div>" +
         breakdown_table("Audience", r.by_audience) + "</div></div>\n";

    s += "<h2>Schools and groups reached</h2>\n" + breakdown_table("Organisation", r.by_organisation);
    if (r.programmes) s += programme_report_html(*r.programmes);

    s += "<h2>Before and after</h2>\n";
    if (r.measures.empty()) s += "<p>No sessions asked the same question before and after.</p>\n";
    for (size_t i = 0; i < r.measures.size(); ++i) s += measure_section(r.measures[i], i);

    s += "<h2>Method</h2>\n<section class=\"method\" id=\"method\">\n";
    for (const std::string& p : method_notes()) s += "<p>" + html_escape(p) + "</p>\n";
    s += "</section>\n";

    s += "<section class=\"appendix\">\n";
    if (!r.measures.empty()) {
        s += "<h2>Results by session</h2>\n";
        for (const MeasureReport& m : r.measures) {
            if (!m.enough_answers || !m.has_agree) continue;
            s += "<h3>" + html_escape(m.question.empty() ? m.measure : m.question) + "</h3>\n" + session_rows_table(r, m);
        }
    }
    s += "<h2>Participants by month</h2>\n" + breakdown_table("Month", r.by_month);
    s += "<h2>Sessions</h2>\n" + sessions_table(r);
    s += "<h2>Files</h2>\n<p>" + plural(r.files_read, "file", "files") + " read, " +
         plural(r.sessions_found, "unique session", "unique sessions") + ", " +
         plural(static_cast<long long>(r.problems.size()), "file", "files") + " skipped, " +
         format_grouped(static_cast<long long>(r.ignored.size())) + " ignored (not session files)";
    if (!r.excluded.empty())
        s += ", " + plural(static_cast<long long>(r.excluded.size()), "session file", "session files") +
             " not counted (listed at the top)";
    if (r.sessions_filtered_out > 0) s += ", " + plural(r.sessions_filtered_out, "session", "sessions") + " outside the filter";
    s += ".</p>\n";
    if (!r.problems.empty()) {
        s += "<table class=\"problems\"><thead><tr><th>Skipped file</th><th>Reason</th></tr></thead><tbody>\n";
        for (const SkippedFile& p : r.problems)
            s += "<tr><td>" + html_escape(p.file) + "</td><td>" + html_escape(p.reason) + "</td></tr>\n";
        s += "</tbody></table>\n";
    }
    if (!r.duplicates.empty()) {
        s += "<ul class=\"duplicates\">\n";
        for (const DuplicateSession& d : r.duplicates) s += "<li>" + html_escape(d.explanation) + "</li>\n";
        s += "</ul>\n";
    }
    s += "</section>\n<footer>Made by upstander-report " + std::string(kVersion) +
         ". Small numbers are suppressed: \u201c&lt;5\u201d is 1 to 4, \u201c[c]\u201d is hidden to protect a small "
         "number.</footer>\n</main>\n</body>\n</html>\n";
    return s;
}

}  // namespace upstander
