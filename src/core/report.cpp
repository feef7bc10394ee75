#include "report.hpp"

#include "programme_report.hpp"

#include "json_locator.hpp"
#include "safe_path.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

namespace upstander {

namespace fs = std::filesystem;
using nlohmann::json;

// [SECTION] Small-number suppression

bool is_small_count(long long count) { return count >= 1 && count < kSuppressBelow; }

std::vector<Disclosure> disclose_cells(const std::vector<long long>& counts) {
    std::vector<Disclosure> out(counts.size(), Disclosure::Shown);
    int suppressed = 0;
    for (size_t i = 0; i < counts.size(); ++i) {
        if (is_small_count(counts[i])) {
            out[i] = Disclosure::Suppressed;
            ++suppressed;
        }
    }
    if (suppressed == 1) {
        // With the total published, one hidden cell could be worked out by subtraction: hide the
        // smallest other non-zero cell as well.
        size_t pick = counts.size();
        for (size_t i = 0; i < counts.size(); ++i) {
            if (out[i] != Disclosure::Shown || counts[i] <= 0) continue;
            if (pick == counts.size() || counts[i] < counts[pick]) pick = i;
        }
        if (pick < counts.size()) out[pick] = Disclosure::Secondary;
    }
    return out;
}

std::string format_grouped(long long n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    const int len = static_cast<int>(digits.size());
    for (int i = 0; i < len; ++i) {
        if (i > 0 && (len - i) % 3 == 0) out += ',';
        out += digits[static_cast<size_t>(i)];
    }
    return n < 0 ? "-" + out : out;
}

std::string format_count(long long count, Disclosure d, bool grouped) {
    if (d == Disclosure::Suppressed) return "<5";
    if (d == Disclosure::Secondary) return "[c]";
    return grouped ? format_grouped(count) : std::to_string(count);
}

PollDisclosure disclose_poll(const std::vector<long long>& counts, const std::vector<bool>& is_agree) {
    assert(counts.size() == is_agree.size());
    PollDisclosure r;
    r.cells = disclose_cells(counts);
    long long sums[2] = {0, 0};
    bool unprotected = false;
    for (int group = 0; group < 2; ++group) {
        const bool agree_group = group == 0;
        int hidden = 0;
        size_t pick = counts.size();
        for (size_t i = 0; i < counts.size(); ++i) {
            if (is_agree[i] != agree_group) continue;
            sums[group] += counts[i];
            if (r.cells[i] != Disclosure::Shown) ++hidden;
            else if (counts[i] > 0 && (pick == counts.size() || counts[i] < counts[pick])) pick = i;
        }
        if (hidden == 1) {
            if (pick < counts.size()) r.cells[pick] = Disclosure::Secondary;
            else unprotected = true;
        }
    }
    if (is_small_count(sums[0])) r.agree = Disclosure::Suppressed;
    else if (is_small_count(sums[1]) || unprotected) r.agree = Disclosure::Secondary;
    return r;
}

bool percent_allowed(long long count, long long group_total, Disclosure d) {
    return d == Disclosure::Shown && !is_small_count(count) && group_total >= kSuppressBelow;
}

// [SECTION] Wording helpers

std::string format_p_value(double p) {
    if (std::isnan(p)) return "p not computable";
    if (p < 0.001) return "p < 0.001";
    char buf[32];
    // Three decimals below 0.01 and near the 0.05 line, so rounding never moves a p across it.
    if (p < 0.01 || (p >= 0.045 && p < 0.055)) std::snprintf(buf, sizeof buf, "p = %.3f", p);
    else std::snprintf(buf, sizeof buf, "p = %.2f", p);
    return buf;
}

std::string format_percent(double share) {
    return std::to_string(static_cast<long long>(std::llround(share * 100.0))) + "%";
}

std::string format_points(double difference) {
    const long long pts = std::llround(difference * 100.0);
    if (pts > 0) return "+" + std::to_string(pts);
    if (pts < 0) return "\u2212" + std::to_string(-pts);
    return "0";
}

std::string month_label(const std::string& year_month) {
    static const char* names[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
    if (year_month.size() != 7) return year_month;
    const int m = std::atoi(year_month.substr(5, 2).c_str());
    if (m < 1 || m > 12) return year_month;
    return std::string(names[m - 1]) + " " + year_month.substr(0, 4);
}

std::vector<std::string> method_notes() {
    return {
        "Votes are anonymous: each answer is one tick on a counter, with no record of who gave it. So a "
        "pupil's answer before the workshop cannot be linked to the same pupil's answer afterwards, and the "
        "before and after answers are compared as two separate (unpaired) groups. Because the same people "
        "usually answer twice, a paired analysis would normally give narrower confidence intervals and smaller "
        "p-values; ignoring the pairing is therefore usually conservative, making a real change less likely "
        "to be reported, not more.",
        "Answers are pooled over every session that asked the same question both before and after. Sessions "
        "with answers in only one phase are left out of the comparison. Not everyone present may have voted "
        "both times, and there is no comparison group, so a change shows what happened around the workshops, "
        "not proof that they caused it.",
        "The share agreeing is the top two points of the five-point scale (agree or strongly agree), or "
        "\"Yes\" for yes/no questions. The change is after minus before, in percentage points, with a 95% "
        "confidence interval by Newcombe's hybrid score method, which stays accurate for small groups and for "
        "shares near 0% or 100%. The p-value is from a two-proportion z-test with a pooled standard error, or "
        "from Fisher's exact test when any cell of the 2\u00d72 table is under 5. A p-value below 0.05 is "
        "described as a clear change.",
        "For five-point scales the Mann\u2013Whitney U test compares the whole distribution of answers before and "
        "after (normal approximation with tie and continuity corrections), and the mean score runs from 1 "
        "(strongly disagree) to 5 (strongly agree).",
        "Participants are the sum of the headcounts entered by facilitators. Where a session has no headcount, "
        "its largest poll total is used instead and the figure is marked as an estimate. A session copied to "
        "several places is counted once.",
        "Small numbers are suppressed so that no one can be identified: counts from 1 to 4 are shown as \"<5\", "
        "and when that is the only hidden count in a row another count is hidden too (\"[c]\") so that it "
        "cannot be worked out from the total. No percentage is shown for such a count or for a group under 5. "
        "Sessions with fewer than 5 votes on a question are left out of the per-session tables but included in "
        "the pooled totals. Participation figures are not suppressed: they describe attendance, not answers.",
    };
}

std::string check_report_date(const std::string& date, const char* what) {
    static const std::regex date_re("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$");
    if (std::regex_match(date, date_re)) return {};
    return std::string(what) + " \"" + date + "\" is not a date: use YYYY-MM-DD, for example 2024-09-01";
}

// [SECTION] Plausibility

namespace {

// The day after `date` (YYYY-MM-DD), or empty when `date` is not a date.
std::string day_after(std::string_view date) {
    if (check_report_date(std::string(date), "").size() != 0) return {};
    using namespace std::chrono;
    const year_month_day ymd{year{std::atoi(std::string(date.substr(0, 4)).c_str())},
                             month{static_cast<unsigned>(std::atoi(std::string(date.substr(5, 2)).c_str()))},
                             day{static_cast<unsigned>(std::atoi(std::string(date.substr(8, 2)).c_str()))}};
    if (!ymd.ok()) return {};
    const year_month_day next{sys_days{ymd} + days{1}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(next.year()), static_cast<unsigned>(next.month()),
                  static_cast<unsigned>(next.day()));
    return buf;
}

}  // namespace

std::string implausible_session_reason(const SessionRecord& record, std::string_view today) {
    std::vector<std::string> why;
    if (record.group.headcount && *record.group.headcount > kMaxHeadcount)
        why.push_back("its headcount, " + format_grouped(*record.group.headcount) + ", is more than " +
                      format_grouped(kMaxHeadcount) + ", the most the setup screen accepts");
    if (record.date < kEarliestSessionDate)
        why.push_back("its date, " + record.date + ", is before 2000");
    else if (const std::string limit = day_after(today); !limit.empty() && record.date > limit)
        why.push_back("its date, " + record.date + ", is after tomorrow (the report is made on " + std::string(today) +
                      ")");
    if (why.empty()) return {};
    std::string out;
    for (size_t k = 0; k < why.size(); ++k) out += (k == 0 ? "" : " and ") + why[k];
    const bool date_wrong = why.back().rfind("its date", 0) == 0;
    return out + ", so it is not counted: correct the file" + (date_wrong ? " (and the kiosk's clock)" : "") +
           " and run the report again";
}

// [SECTION] Building the report

namespace {

const std::vector<std::string>& likert_ids() {
    static const std::vector<std::string> ids = {"strongly-disagree", "disagree", "neither", "agree", "strongly-agree"};
    return ids;
}
const std::vector<std::string>& likert_labels() {
    static const std::vector<std::string> labels = {"Strongly disagree", "Disagree", "Neither agree nor disagree",
                                                    "Agree", "Strongly agree"};
    return labels;
}
const std::vector<std::string>& yes_no_ids() {
    static const std::vector<std::string> ids = {"yes", "no", "not-sure"};
    return ids;
}
const std::vector<std::string>& yes_no_labels() {
    static const std::vector<std::string> labels = {"Yes", "No", "Not sure"};
    return labels;
}

std::string audience_key(Audience a) { return a == Audience::Unspecified ? "unspecified" : to_string(a); }

std::string audience_label(Audience a) {
    switch (a) {
        case Audience::Under18: return "Under 18";
        case Audience::Adult: return "Adult";
        case Audience::Mixed: return "Mixed ages";
        case Audience::Unspecified: break;
    }
    return "Not recorded";
}

void add_to(std::vector<BreakdownRow>& rows, const std::string& key, const std::string& label, const ReportSession& s) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const BreakdownRow& r) { return r.key == key; });
    if (it == rows.end()) {
        rows.push_back({key, label, 0, 0, 0});
        it = rows.end() - 1;
    }
    it->sessions += 1;
    it->participants += s.participants;
    if (s.estimated) it->estimated_participants += s.participants;
}

struct MeasureAccumulator {
    MeasureReport m;
    std::map<std::string, size_t> index;  // option id -> position in m.options
    std::set<std::string> wordings;
    std::set<std::string> unknown_ids;   // answered options outside the scale
    long long unknown_before = 0, unknown_after = 0;

    size_t option(const std::string& id, const std::string& label) {
        auto it = index.find(id);
        if (it != index.end()) {
            if (m.options[it->second].label.empty()) m.options[it->second].label = label;
            return it->second;
        }
        index[id] = m.options.size();
        m.options.push_back({id, label, 0, 0, is_agree_option(m.kind, id)});
        return m.options.size() - 1;
    }
};

std::string quoted_question(const MeasureReport& m) {
    std::string q = m.question.empty() ? m.measure : m.question;
    while (!q.empty() && (q.back() == '.' || q.back() == ' ')) q.pop_back();
    return "\u201c" + q + "\u201d";
}

std::string write_sentence(const MeasureReport& m) {
    const std::string q = quoted_question(m);
    if (!m.computable)
        return "The share who " + std::string(m.kind == PollKind::Likert ? "agreed with " : "answered Yes to ") + q +
               " cannot be computed: " + m.not_computable_reason + ".";
    if (!m.enough_answers)
        return "Too few answers to report " + q + ": fewer than 5 before or after, pooled over " +
               std::to_string(m.sessions_compared) + (m.sessions_compared == 1 ? " session." : " sessions.");
    if (!m.has_agree)
        return "For " + q + " the answers before and after are shown in the table; a multiple-choice question has "
               "no \u201cagree\u201d share, so no change is tested.";
    const std::string who = m.kind == PollKind::Likert ? "The share who agreed with " + q
                                                       : "The share who answered Yes to " + q;
    const bool clear = !std::isnan(m.p_value) && m.p_value < 0.05;
    const std::string test = m.fisher_used ? ", Fisher\u2019s exact test" : "";
    std::string s;
    if (m.shares_hidden) {
        const std::string direction = !clear ? " showed no clear change"
                                             : (m.agree.difference > 0 ? " rose" : " fell");
        s = who + direction + " (" + format_p_value(m.p_value) + test +
            "). Percentages are not shown because they would reveal a group of fewer than 5 people.";
    } else {
        const std::string bracket = "(change " + format_points(m.agree.difference) + " points, 95% CI " +
                                    format_points(m.agree.ci.low) + " to " + format_points(m.agree.ci.high) + "; " +
                                    format_p_value(m.p_value) + test + ")";
        if (clear)
            s = who + (m.agree.difference > 0 ? " rose from " : " fell from ") + format_percent(m.agree.p1) +
                " to " + format_percent(m.agree.p2) + " " + bracket + ".";
        else
            s = who + " was " + format_percent(m.agree.p1) + " before and " + format_percent(m.agree.p2) +
                " after " + bracket + ". A difference this size could be due to chance, so these sessions do not "
                "show a clear change.";
    }
    if (m.likert && !std::isnan(m.mean_before) && !std::isnan(m.mean_after)) {
        char means[96];
        std::snprintf(means, sizeof means, " the mean score went from %.1f to %.1f", m.mean_before, m.mean_after);
        s += " On the scale from 1 (strongly disagree) to 5 (strongly agree)" + std::string(means);
        if (!m.mann_whitney.valid)
            s += "; the Mann\u2013Whitney test cannot be run because every answer was the same.";
        else if (m.mann_whitney.p_value < 0.05)
            s += std::string(", and the Mann\u2013Whitney test shows answers after the workshop were ") +
                 (m.mann_whitney.z > 0 ? "higher" : "lower") + " (" + format_p_value(m.mann_whitney.p_value) + ").";
        else
            s += ", and the Mann\u2013Whitney test finds no clear shift in the answers (" +
                 format_p_value(m.mann_whitney.p_value) + ").";
    }
    return s;
}

void finish_measure(MeasureAccumulator& acc) {
    MeasureReport& m = acc.m;
    for (size_t k = 0; k < m.options.size(); ++k) {
        if (!m.options[k].label.empty()) continue;
        const auto& ids = m.kind == PollKind::Likert ? likert_ids() : yes_no_ids();
        const auto& labels = m.kind == PollKind::Likert ? likert_labels() : yes_no_labels();
        auto it = std::find(ids.begin(), ids.end(), m.options[k].id);
        m.options[k].label = it != ids.end() ? labels[static_cast<size_t>(it - ids.begin())] : m.options[k].id;
    }
    for (const MeasureOption& o : m.options) {
        m.before_total += o.before;
        m.after_total += o.after;
        if (o.agree) {
            m.before_agree += o.before;
            m.after_agree += o.after;
        }
    }
    m.enough_answers = m.before_total >= kSuppressBelow && m.after_total >= kSuppressBelow;
    m.has_agree = m.kind != PollKind::Single;
    if (m.has_agree && !acc.unknown_ids.empty()) {
        // Whether the people who chose an unknown option agreed is not known, so any share, change,
        // test or mean would be a guess presented as a number.
        std::string ids;
        for (const std::string& id : acc.unknown_ids) ids += (ids.empty() ? "" : ", ") + quote_for_message(id, 40);
        const std::string scale = m.kind == PollKind::Likert
                                      ? "the five-point scale (strongly-disagree, disagree, neither, agree, strongly-agree)"
                                      : "yes, no and not-sure";
        m.computable = false;
        m.not_computable_reason =
            format_grouped(acc.unknown_before + acc.unknown_after) + " answers (" + format_grouped(acc.unknown_before) +
            " before, " + format_grouped(acc.unknown_after) + " after) were given to options the report does not " +
            "recognise (" + ids + "), so it is not known whether those people agreed; the poll's option ids must be " +
            scale + " for this measure to be computed";
        m.has_agree = false;  // no share, change or test is given
    }
    if (m.has_agree) {
        m.agree = stats::compare_proportions(m.before_agree, m.before_total, m.after_agree, m.after_total);
        m.before_ci = stats::wilson_interval(m.before_agree, m.before_total);
        m.after_ci = stats::wilson_interval(m.after_agree, m.after_total);
        const long long cells[4] = {m.before_agree, m.before_total - m.before_agree, m.after_agree,
                                    m.after_total - m.after_agree};
        m.fisher_used = std::any_of(std::begin(cells), std::end(cells), [](long long c) { return c < kSuppressBelow; });
        m.fisher_p = m.fisher_used ? stats::fisher_exact_two_sided(cells[0], cells[1], cells[2], cells[3]) : 0.0;
        m.p_value = m.fisher_used ? m.fisher_p : m.agree.p_value;
        m.test_name = m.fisher_used ? "Fisher's exact test" : "two-proportion z-test";
    }
    // Suppression, decided once here so every output hides the same cells.
    std::vector<long long> before_counts, after_counts;
    std::vector<bool> agree_flags;
    for (const MeasureOption& o : m.options) {
        before_counts.push_back(o.before);
        after_counts.push_back(o.after);
        agree_flags.push_back(o.agree);
    }
    const PollDisclosure pooled_before = disclose_poll(before_counts, agree_flags);
    const PollDisclosure pooled_after = disclose_poll(after_counts, agree_flags);
    m.before_cells = pooled_before.cells;
    m.after_cells = pooled_after.cells;
    m.before_agree_disclosure = pooled_before.agree;
    m.after_agree_disclosure = pooled_after.agree;
    m.before_total_disclosure = is_small_count(m.before_total) ? Disclosure::Suppressed : Disclosure::Shown;
    m.after_total_disclosure = is_small_count(m.after_total) ? Disclosure::Suppressed : Disclosure::Shown;
    for (size_t k = 0; k < m.options.size(); ++k) {
        m.before_share_shown.push_back(m.before_total > 0 &&
                                       percent_allowed(m.options[k].before, m.before_total, m.before_cells[k]));
        m.after_share_shown.push_back(m.after_total > 0 &&
                                      percent_allowed(m.options[k].after, m.after_total, m.after_cells[k]));
    }
    m.cells_hidden = std::any_of(m.before_cells.begin(), m.before_cells.end(), [](Disclosure d) { return d != Disclosure::Shown; }) ||
                     std::any_of(m.after_cells.begin(), m.after_cells.end(), [](Disclosure d) { return d != Disclosure::Shown; });
    m.shares_hidden = !m.has_agree || pooled_before.agree != Disclosure::Shown || pooled_after.agree != Disclosure::Shown;
    for (MeasureSessionRow& row : m.session_rows) {
        row.before_counts.resize(m.options.size(), 0);
        row.after_counts.resize(m.options.size(), 0);
        row.before_agree_disclosure = disclose_poll(row.before_counts, agree_flags).agree;
        row.after_agree_disclosure = disclose_poll(row.after_counts, agree_flags).agree;
        row.before_share_shown = row.before_total > 0 && percent_allowed(row.before_agree, row.before_total, row.before_agree_disclosure);
        row.after_share_shown = row.after_total > 0 && percent_allowed(row.after_agree, row.after_total, row.after_agree_disclosure);
    }

    m.likert = m.kind == PollKind::Likert && m.computable;
    if (m.likert) {
        std::vector<long long> before, after;
        std::vector<double> scores;
        for (size_t k = 0; k < likert_ids().size(); ++k) {
            auto it = acc.index.find(likert_ids()[k]);
            before.push_back(it == acc.index.end() ? 0 : m.options[it->second].before);
            after.push_back(it == acc.index.end() ? 0 : m.options[it->second].after);
            scores.push_back(static_cast<double>(k + 1));
        }
        m.mann_whitney = stats::mann_whitney_from_counts(before, after);
        m.mean_before = stats::mean_from_counts(before, scores);
        m.mean_after = stats::mean_from_counts(after, scores);
    }
    if (acc.wordings.size() > 1)
        m.notes.push_back("The question was worded differently in some sessions (or before and after); the first "
                          "session's \u201cbefore\u201d wording is shown.");
    if (m.sessions_one_phase > 0)
        m.notes.push_back(std::to_string(m.sessions_one_phase) +
                          (m.sessions_one_phase == 1 ? " session has" : " sessions have") +
                          " answers only before or only after, and is left out of this comparison.");
    m.sessions_not_listed = m.sessions_compared - static_cast<long long>(m.session_rows.size());
    m.sentence = write_sentence(m);
}

}  // namespace

Report build_report(SessionCollection collection, const ReportFilter& filter,
                    std::optional<long long> target_participants, std::string_view today) {
    Report r;
    r.filter = filter;
    r.target_participants = target_participants;
    r.files_read = collection.files_read;
    r.problems = std::move(collection.problems);
    r.ignored = std::move(collection.ignored);
    r.duplicates = std::move(collection.duplicates);
    r.excluded = std::move(collection.excluded);
    r.sessions_found = static_cast<long long>(collection.sessions.size());

    // Participation
    for (LoadedSession& ls : collection.sessions) {
        const SessionRecord& rec = ls.record;
        // Checked before the filter, so that a session dated 9999 is reported, not "outside it".
        if (std::string why = implausible_session_reason(rec, today); !why.empty()) {
            r.excluded.push_back({std::move(ls.record), std::move(ls.file), std::move(why)});
            continue;
        }
        if ((!filter.from.empty() && rec.date < filter.from) || (!filter.to.empty() && rec.date > filter.to) ||
            (!filter.workshop_id.empty() && rec.workshop_id != filter.workshop_id)) {
            ++r.sessions_filtered_out;
            continue;
        }
        ReportSession s;
        if (rec.group.headcount) {
            s.participants = *rec.group.headcount;
        } else {
            s.estimated = true;
            for (const SessionPoll& p : rec.polls) s.participants = std::max(s.participants, p.total);
        }
        s.file = std::move(ls.file);
        s.record = std::move(ls.record);
        // Each poll's own table: listed from 5 votes, with the same protection as the per-session
        // agree figures, so the two cannot be combined to uncover a hidden count.
        for (const SessionPoll& p : s.record.polls) {
            SessionPollDisclosure d;
            d.listed = p.total >= kSuppressBelow;
            if (d.listed) {
                std::vector<long long> counts;
                std::vector<bool> agree;
                for (const SessionOption& o : p.options) {
                    counts.push_back(o.count);
                    agree.push_back(is_agree_option(p.kind, o.id));
                }
                d.cells = disclose_poll(counts, agree).cells;
            }
            s.polls.push_back(std::move(d));
        }
        r.sessions.push_back(std::move(s));
    }
    r.by_format = {{to_string(GroupFormat::Group), "Group sessions", 0, 0, 0},
                   {to_string(GroupFormat::OneToOne), "One-to-one sessions", 0, 0, 0}};
    for (const ReportSession& s : r.sessions) {
        const SessionRecord& rec = s.record;
        r.participants += s.participants;
        if (s.estimated) {
            r.estimated_participants += s.participants;
            ++r.sessions_estimated;
        }
        if (rec.group.format == GroupFormat::OneToOne) ++r.one_to_one_sessions;
        if (r.first_date.empty() || rec.date < r.first_date) r.first_date = rec.date;
        if (rec.date > r.last_date) r.last_date = rec.date;
        add_to(r.by_format, to_string(rec.group.format),
               rec.group.format == GroupFormat::OneToOne ? "One-to-one sessions" : "Group sessions", s);
        add_to(r.by_audience, audience_key(rec.group.audience), audience_label(rec.group.audience), s);
        const std::string month = rec.date.substr(0, 7);
        add_to(r.by_month, month, month_label(month), s);
        add_to(r.by_organisation, rec.group.organisation,
               rec.group.organisation.empty() ? "Organisation not given" : rec.group.organisation, s);
    }
    auto audience_rank = [](const std::string& k) {
        static const std::vector<std::string> order = {to_string(Audience::Under18), to_string(Audience::Adult),
                                                       to_string(Audience::Mixed), audience_key(Audience::Unspecified)};
        return std::find(order.begin(), order.end(), k) - order.begin();
    };
    std::sort(r.by_audience.begin(), r.by_audience.end(),
              [&](const BreakdownRow& a, const BreakdownRow& b) { return audience_rank(a.key) < audience_rank(b.key); });
    std::sort(r.by_month.begin(), r.by_month.end(), [](const BreakdownRow& a, const BreakdownRow& b) { return a.key < b.key; });
    std::sort(r.by_organisation.begin(), r.by_organisation.end(), [](const BreakdownRow& a, const BreakdownRow& b) {
        return a.key.empty() != b.key.empty() ? b.key.empty() : a.key < b.key;
    });

    // Measures: pre and post polls sharing a measure id (and kind), pooled over sessions with both.
    std::map<std::pair<std::string, int>, MeasureAccumulator> measures;
    for (size_t si = 0; si < r.sessions.size(); ++si) {
        const SessionRecord& rec = r.sessions[si].record;
        std::map<std::pair<std::string, int>, std::pair<std::vector<const SessionPoll*>, std::vector<const SessionPoll*>>> here;
        for (const SessionPoll& p : rec.polls) {
            if (p.measure.empty() || p.phase == PollPhase::None) continue;
            auto& slot = here[{p.measure, static_cast<int>(p.kind)}];
            (p.phase == PollPhase::Pre ? slot.first : slot.second).push_back(&p);
        }
        for (auto& [key, polls] : here) {
            MeasureAccumulator& acc = measures[key];
            if (acc.m.measure.empty()) {
                acc.m.measure = key.first;
                acc.m.kind = static_cast<PollKind>(key.second);
                const auto* ids = acc.m.kind == PollKind::Likert ? &likert_ids()
                                  : acc.m.kind == PollKind::YesNo ? &yes_no_ids() : nullptr;
                if (ids)
                    for (const std::string& id : *ids) acc.option(id, "");
            }
            long long before_total = 0, after_total = 0;
            for (const SessionPoll* p : polls.first) before_total += p->total;
            for (const SessionPoll* p : polls.second) after_total += p->total;
            for (const SessionPoll* p : polls.first) acc.wordings.insert(p->question);
            for (const SessionPoll* p : polls.second) acc.wordings.insert(p->question);
            if (before_total == 0 || after_total == 0) {
                ++acc.m.sessions_one_phase;
                continue;
            }
            if (acc.m.question.empty() && !polls.first.empty()) acc.m.question = polls.first.front()->question;
            MeasureSessionRow row;
            row.session = si;
            for (int phase = 0; phase < 2; ++phase) {
                for (const SessionPoll* p : phase == 0 ? polls.first : polls.second) {
                    for (const SessionOption& o : p->options) {
                        MeasureOption& mo = acc.m.options[acc.option(o.id, o.label)];
                        (phase == 0 ? mo.before : mo.after) += o.count;
                        if (o.count > 0 && acc.m.kind != PollKind::Single) {
                            const auto& known = acc.m.kind == PollKind::Likert ? likert_ids() : yes_no_ids();
                            if (std::find(known.begin(), known.end(), o.id) == known.end()) {
                                acc.unknown_ids.insert(o.id);
                                (phase == 0 ? acc.unknown_before : acc.unknown_after) += o.count;
                            }
                        }
                        if (o.count == 0) continue;
                        auto& counts = phase == 0 ? row.before_counts : row.after_counts;
                        const size_t k = acc.index[o.id];
                        if (counts.size() <= k) counts.resize(k + 1, 0);
                        counts[k] += o.count;
                        if (mo.agree) (phase == 0 ? row.before_agree : row.after_agree) += o.count;
                    }
                }
            }
            row.before_total = before_total;
            row.after_total = after_total;
            ++acc.m.sessions_compared;
            // Per-session tables only list sessions with at least 5 votes on every poll compared.
            bool listable = true;
            for (const SessionPoll* p : polls.first) listable = listable && p->total >= kSuppressBelow;
            for (const SessionPoll* p : polls.second) listable = listable && p->total >= kSuppressBelow;
            if (listable) acc.m.session_rows.push_back(row);
        }
    }
    for (auto& [key, acc] : measures) {
        finish_measure(acc);
        r.measures.push_back(std::move(acc.m));
    }

    const long long n = static_cast<long long>(r.sessions.size());
    if (n == 0) {
        r.headline = "No sessions are stored on this kiosk yet.";
    } else {
        r.headline = format_grouped(r.participants) + (r.estimated_participants > 0 ? " (partly estimated)" : "") +
                     " people took part in " + format_grouped(n) + (n == 1 ? " session" : " sessions") +
                     (r.first_date.empty() ? "" : ", " + r.first_date + " to " + r.last_date) + ".";
        for (const BreakdownRow& row : r.by_format)
            r.headline_details.push_back(row.label + ": " + format_grouped(row.sessions) + " sessions, " +
                                         format_grouped(row.participants) + " people");
        for (const BreakdownRow& row : r.by_audience)
            r.headline_details.push_back(row.label + ": " + format_grouped(row.participants) + " people");
    }
    return r;
}

// [SECTION] JSON

namespace {

json count_json(long long count, Disclosure d) {
    if (d == Disclosure::Shown) return count;
    return format_count(count, d, false);
}

// `shown` is the model's decision (build_report); this only formats it.
json share_json(long long count, long long total, bool shown) {
    if (!shown) return nullptr;
    return static_cast<double>(count) / static_cast<double>(total);
}

json session_summary_json(const SessionRecord& rec) {
    return {{"session_id", rec.session_id}, {"date", rec.date}, {"workshop_id", rec.workshop_id},
            {"group_label", rec.group.label},
            {"headcount", rec.group.headcount ? json(*rec.group.headcount) : json(nullptr)}};
}

json number_or_null(double v) { return std::isnan(v) ? json(nullptr) : json(v); }

json breakdown_json(const std::vector<BreakdownRow>& rows) {
    json a = json::array();
    for (const BreakdownRow& b : rows)
        a.push_back({{"key", b.key}, {"label", b.label}, {"sessions", b.sessions}, {"participants", b.participants},
                     {"estimated_participants", b.estimated_participants}});
    return a;
}

}  // namespace

std::string report_json_text(const Report& r) {
    return report_to_json(r).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

json report_to_json(const Report& r) {
    json j;
    j["format"] = "upstander-impact-report";
    j["format_version"] = 1;
    j["filter"] = {{"from", r.filter.from.empty() ? json(nullptr) : json(r.filter.from)},
                   {"to", r.filter.to.empty() ? json(nullptr) : json(r.filter.to)},
                   {"workshop_id", r.filter.workshop_id.empty() ? json(nullptr) : json(r.filter.workshop_id)}};
    j["suppression"] = {{"threshold", kSuppressBelow},
                        {"rule", "counts 1-4 are the string \"<5\"; a second count hidden to protect it is \"[c]\"; "
                                 "shares are null for hidden counts and groups under 5"}};
    json inputs;
    inputs["files_read"] = r.files_read;
    inputs["sessions_found"] = r.sessions_found;
    inputs["sessions_filtered_out"] = r.sessions_filtered_out;
    inputs["problems"] = json::array();
    for (const SkippedFile& p : r.problems) inputs["problems"].push_back({{"file", p.file}, {"reason", p.reason}});
    inputs["ignored"] = r.ignored;
    inputs["duplicates"] = json::array();
    for (const DuplicateSession& d : r.duplicates)
        inputs["duplicates"].push_back({{"session_id", d.session_id}, {"files", d.files},
                                        {"kept", d.rejected ? json(nullptr) : json(d.kept)},
                                        {"copies_differ", d.copies_differ}, {"rejected", d.rejected},
                                        {"explanation", d.explanation}});
    inputs["not_counted"] = json::array();
    for (const ExcludedSession& e : r.excluded) {
        json x = session_summary_json(e.record);
        x["file"] = e.file;
        x["reason"] = e.reason;
        inputs["not_counted"].push_back(std::move(x));
    }
    j["inputs"] = std::move(inputs);

    json part;
    part["sessions"] = static_cast<long long>(r.sessions.size());
    part["participants"] = r.participants;
    part["estimated_participants"] = r.estimated_participants;
    part["sessions_estimated"] = r.sessions_estimated;
    part["one_to_one_sessions"] = r.one_to_one_sessions;
    part["first_date"] = r.first_date.empty() ? json(nullptr) : json(r.first_date);
    part["last_date"] = r.last_date.empty() ? json(nullptr) : json(r.last_date);
    part["target"] = r.target_participants ? json(*r.target_participants) : json(nullptr);
    part["progress"] = (r.target_participants && *r.target_participants > 0)
                           ? json(static_cast<double>(r.participants) / static_cast<double>(*r.target_participants))
                           : json(nullptr);
    part["by_format"] = breakdown_json(r.by_format);
    part["by_audience"] = breakdown_json(r.by_audience);
    part["by_month"] = breakdown_json(r.by_month);
    part["by_organisation"] = breakdown_json(r.by_organisation);
    part["headline"] = r.headline;
    part["headline_details"] = r.headline_details;
    j["participation"] = std::move(part);
    if (r.programmes) j["programmes"] = programme_report_to_json(*r.programmes);

    json sessions = json::array();
    for (const ReportSession& s : r.sessions) {
        const SessionRecord& rec = s.record;
        sessions.push_back({{"session_id", rec.session_id}, {"date", rec.date}, {"workshop_id", rec.workshop_id},
                            {"workshop_title", rec.workshop_title}, {"group_label", rec.group.label},
                            {"format", to_string(rec.group.format)},
                            {"audience", rec.group.audience == Audience::Unspecified ? json(nullptr)
                                                                                     : json(to_string(rec.group.audience))},
                            {"headcount", rec.group.headcount ? json(*rec.group.headcount) : json(nullptr)},
                            {"participants", s.participants}, {"participants_estimated", s.estimated},
                            {"status", to_string(rec.status)}, {"file", s.file}});
    }
    j["sessions"] = std::move(sessions);

    json measures = json::array();
    for (const MeasureReport& m : r.measures) {
        json mj;
        mj["measure"] = m.measure;
        mj["kind"] = to_string(m.kind);
        mj["question"] = m.question;
        mj["sessions_compared"] = m.sessions_compared;
        mj["sessions_one_phase"] = m.sessions_one_phase;
        mj["computable"] = m.computable;
        mj["not_computable_reason"] = m.computable ? json(nullptr) : json(m.not_computable_reason);
        const auto& db = m.before_cells;
        const auto& da = m.after_cells;
        json opts = json::array();
        for (size_t k = 0; k < m.options.size(); ++k) {
            const MeasureOption& o = m.options[k];
            opts.push_back({{"id", o.id}, {"label", o.label}, {"before", count_json(o.before, db[k])},
                            {"after", count_json(o.after, da[k])},
                            {"before_share", share_json(o.before, m.before_total, m.before_share_shown[k])},
                            {"after_share", share_json(o.after, m.after_total, m.after_share_shown[k])}});
        }
        mj["options"] = std::move(opts);
        mj["before_total"] = count_json(m.before_total, m.before_total_disclosure);
        mj["after_total"] = count_json(m.after_total, m.after_total_disclosure);
        mj["enough_answers"] = m.enough_answers;
        if (m.has_agree && m.enough_answers) {
            const bool show = !m.shares_hidden;
            json a;
            a["before_agree"] = count_json(m.before_agree, m.before_agree_disclosure);
            a["after_agree"] = count_json(m.after_agree, m.after_agree_disclosure);
            a["before_share"] = show ? number_or_null(m.agree.p1) : json(nullptr);
            a["after_share"] = show ? number_or_null(m.agree.p2) : json(nullptr);
            a["change"] = show ? number_or_null(m.agree.difference) : json(nullptr);
            a["change_ci"] = show ? json::array({number_or_null(m.agree.ci.low), number_or_null(m.agree.ci.high)}) : json(nullptr);
            a["ci_method"] = "Newcombe hybrid score (method 10)";
            a["z"] = show ? number_or_null(m.agree.z) : json(nullptr);
            a["z_test_p"] = show ? number_or_null(m.agree.p_value) : json(nullptr);
            a["fisher_used"] = m.fisher_used;
            a["fisher_p"] = m.fisher_used ? number_or_null(m.fisher_p) : json(nullptr);
            a["p_value"] = number_or_null(m.p_value);
            a["test"] = m.test_name;
            mj["agree"] = std::move(a);
        } else {
            mj["agree"] = nullptr;
        }
        if (m.likert && m.enough_answers) {
            // Exact U and z (and unrounded means) could be solved for hidden counts, so they are
            // published only when no count is hidden.
            const bool exact = m.mann_whitney.valid && !m.cells_hidden;
            auto mean = [&](double v) { return m.cells_hidden ? number_or_null(std::round(v * 10.0) / 10.0) : number_or_null(v); };
            mj["likert"] = {{"mean_before", mean(m.mean_before)}, {"mean_after", mean(m.mean_after)},
                            {"mann_whitney_u_after", exact ? json(m.mann_whitney.u) : json(nullptr)},
                            {"mann_whitney_z", exact ? json(m.mann_whitney.z) : json(nullptr)},
                            {"mann_whitney_p", m.mann_whitney.valid ? json(m.mann_whitney.p_value) : json(nullptr)}};
        } else {
            mj["likert"] = nullptr;
        }
        json rows = json::array();
        for (const MeasureSessionRow& row : m.session_rows) {
            const Disclosure db_row = row.before_agree_disclosure;
            const Disclosure da_row = row.after_agree_disclosure;
            rows.push_back({{"session_id", r.sessions[row.session].record.session_id},
                            {"before_total", row.before_total}, {"after_total", row.after_total},
                            {"before_agree", count_json(row.before_agree, db_row)},
                            {"after_agree", count_json(row.after_agree, da_row)},
                            {"before_share", share_json(row.before_agree, row.before_total, row.before_share_shown)},
                            {"after_share", share_json(row.after_agree, row.after_total, row.after_share_shown)}});
        }
        mj["sessions"] = std::move(rows);
        mj["sessions_not_listed"] = m.sessions_not_listed;
        mj["sentence"] = m.sentence;
        mj["notes"] = m.notes;
        measures.push_back(std::move(mj));
    }
    j["measures"] = std::move(measures);
    j["method"] = method_notes();
    return j;
}

}  // namespace upstander
