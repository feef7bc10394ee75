#include "programme_report.hpp"

#include "poll_options.hpp"
#include "report.hpp"         // format_grouped, format_p_value, month_label
#include "report_export.hpp"  // csv_text_field, html_escape, escape_for_terminal
#include "platform_files.hpp"
#include "safe_path.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace upstander {

namespace fs = std::filesystem;
using nlohmann::json;

// [SECTION] Collecting

namespace {

void list_json(const fs::path& root, std::vector<fs::path>& out, std::vector<ProgrammeFileProblem>& problems) {
    std::error_code ec;
    const fs::file_status st = fs::status(root, ec);
    if (ec || !fs::exists(st)) return;  // the session report already says "not found"
    if (fs::is_regular_file(st)) {
        out.push_back(root);
        return;
    }
    std::error_code real_ec;
    const fs::path real_root = kLinksVisible ? fs::path() : real_location(root, real_ec);
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        // Links are not followed (the session report explains the ones it skips). Where links are
        // invisible (Windows) an entry counts only where it really is below the folder given.
        if (!kLinksVisible) {
            const fs::path real = real_location(it->path(), type_ec);
            const bool through_link = is_link_or_junction(it->path());
            if (through_link && it->is_directory(type_ec)) it.disable_recursion_pending();
            if (type_ec || real_ec || through_link || !path_is_within(real_root, real)) continue;
        }
        if (it->is_symlink(type_ec) || !it->is_regular_file(type_ec)) continue;
        if (it->path().extension() == ".json") out.push_back(it->path());
    }
    if (ec) problems.push_back({root.string(), "could not read the whole folder (" + ec.message() + ")"});
}

}  // namespace

ProgrammeCollection collect_programmes(const std::vector<fs::path>& inputs, const ProgrammeUnsealer& unseal) {
    ProgrammeCollection c;
    std::vector<fs::path> files;
    for (const fs::path& in : inputs) list_json(in, files, c.problems);
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    std::map<std::string, std::size_t> by_code;
    for (const fs::path& f : files) {
        std::string text;
        // Only files that can be programme files are read whole: a quick look at the start first.
        std::string head;
        if (read_regular_file_head(f, 4096, head)) continue;
        const bool sealed_file = head.find(kSealedFormat) != std::string::npos;
        if (!sealed_file && head.find(kProgrammeFormat) == std::string::npos) continue;
        if (auto ec = read_regular_file(f, kMaxProgrammeFileBytes, text, false)) {
            c.problems.push_back({f.string(), "cannot be read: " + ec.message()});
            continue;
        }
        std::string plain;
        if (auto env = parse_sealed_envelope(text)) {
            ++c.files_read;
            if (!unseal) {
                c.sealed_not_read.push_back(f.string());
                continue;
            }
            Result<std::string> opened = unseal(*env);
            if (!opened.ok()) {
                c.problems.push_back({f.string(), "a sealed programme file that could not be opened: " + opened.message() +
                                                      " (is it the partnership's secret key?)"});
                continue;
            }
            plain = std::move(*opened);
        } else {
            plain = std::move(text);
        }
        ProgrammeParseResult p = programme_from_string(plain);
        if (p.not_programme) continue;
        if (!sealed_file) ++c.files_read;
        if (!p.record) {
            c.problems.push_back({f.string(), p.error + " (the programme file is damaged or was edited by hand; it is not counted)"});
            continue;
        }
        auto [it, fresh] = by_code.emplace(p.record->code, c.programmes.size());
        if (fresh) c.programmes.push_back(std::move(*p.record));
        else {
            merge_programme(c.programmes[it->second], *p.record);
            ++c.copies_merged;
        }
    }
    std::sort(c.programmes.begin(), c.programmes.end(), [](const ProgrammeRecord& a, const ProgrammeRecord& b) {
        return a.start_date() != b.start_date() ? a.start_date() < b.start_date() : a.code < b.code;
    });
    return c;
}

// [SECTION] Building

std::string programme_count(long long n) { return n > 0 && n < kSuppressBelow ? "<5" : format_grouped(n); }

namespace {

int likert_score(const std::string& id) {
    const auto opts = fixed_poll_options(PollKind::Likert);
    for (std::size_t i = 0; i < opts.size(); ++i)
        if (opts[i].id == id) return static_cast<int>(i) + 1;
    return 0;
}

bool in_period(const std::string& date, const std::string& from, const std::string& to) {
    return !date.empty() && (from.empty() || date >= from) && (to.empty() || date <= to);
}

std::string signed_points(double v, int decimals = 1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.*f", decimals, v);
    std::string s = buf;
    if (s.find_first_not_of("+-0.") == std::string::npos) return "0.0";  // no sign on a rounded zero
    if (s.rfind("-", 0) == 0) s = "\xE2\x88\x92" + s.substr(1);  // a real minus sign
    return s;
}

std::string item_sentence(const ProgrammeItemOutcome& o) {
    if (!o.shown)
        return "Fewer than " + std::to_string(kMinCompletedForOutcomes) +
               " people who completed the programme answered this both times, so no figures are given.";
    std::string s = "Of " + format_grouped(o.pairs) + " people who completed the programme and answered both times, " +
                    format_grouped(o.towards) + " moved towards the intended answer, " + format_grouped(o.unchanged) +
                    " gave the same answer and " + format_grouped(o.away) + " moved away from it.";
    if (o.change.valid)
        s += " On average answers moved " + signed_points(o.change.mean) + " points on the five-point scale (95% interval " +
             signed_points(o.change.ci.low) + " to " + signed_points(o.change.ci.high) + ").";
    if (o.test.valid) {
        s += " Wilcoxon signed-rank test: " + format_p_value(o.test.p_value) + "; ";
        s += o.test.p_value < 0.05 ? "a shift this large would be unlikely if nothing had changed."
                                   : "a shift like this could easily happen by chance, so it is not clear evidence of change.";
    } else {
        s += " Nobody changed their answer, so there is no shift to test.";
    }
    return s;
}

}  // namespace

ProgrammeReport build_programme_report(ProgrammeCollection c, const std::string& from, const std::string& to,
                                       std::optional<long long> target_sessions) {
    ProgrammeReport r;
    r.from = from;
    r.to = to;
    r.target_sessions = target_sessions;
    r.sealed_not_read = std::move(c.sealed_not_read);
    r.problems = std::move(c.problems);
    r.files_read = c.files_read;
    for (ReferralRoute route : {ReferralRoute::Police, ReferralRoute::YouthOffendingTeam, ReferralRoute::School,
                                ReferralRoute::ChildrensSocialCare, ReferralRoute::Probation, ReferralRoute::FamilyOrSelf,
                                ReferralRoute::Other})
        r.by_route.push_back({"", route, 0});
    std::map<std::pair<std::string, int>, long long> months;
    std::map<std::string, ProgrammeItemOutcome> items;
    std::map<std::string, std::vector<double>> diffs;
    for (const ProgrammeRecord& p : c.programmes) {
        for (const ProgrammeSessionEntry& s : p.sessions) {
            if (!in_period(s.date, from, to)) continue;
            ++r.sessions_delivered;
            (p.audience == Audience::Adult ? r.sessions_adult : r.sessions_under_18) += 1;
            if (s.completed) ++r.sessions_completed;
        }
        if (!in_period(p.start_date(), from, to)) continue;
        ++r.started;
        (p.audience == Audience::Adult ? r.started_adult : r.started_under_18) += 1;
        const bool complete = p.all_sessions_completed();
        if (complete) ++r.completed;
        else if (p.status == ProgrammeStatus::Stopped) ++r.stopped;
        else ++r.open;
        for (ReferralCount& rc : r.by_route)
            if (rc.route == p.route) ++rc.count;
        ++months[{p.start_date().substr(0, 7), static_cast<int>(p.route)}];
        if (!complete) continue;  // outcomes only over completed programmes
        for (const ProgrammeScaleAnswer& a : p.scale) {
            ProgrammeItemOutcome& o = items[a.measure];
            o.measure = a.measure;
            if (o.intended == PollIntended::None) o.intended = a.intended;
            const int pre = likert_score(a.pre), post = likert_score(a.post);
            if (pre == 0 || post == 0 || a.intended == PollIntended::None) continue;
            const double d = a.intended == PollIntended::Disagree ? pre - post : post - pre;
            ++o.pairs;
            (d > 0 ? o.towards : d < 0 ? o.away : o.unchanged) += 1;
            diffs[a.measure].push_back(d);
        }
    }
    for (const auto& [key, n] : months) r.by_month.push_back({key.first, static_cast<ReferralRoute>(key.second), n});
    r.outcomes_shown = r.completed >= kMinCompletedForOutcomes;
    if (r.outcomes_shown) {
        for (auto& [measure, o] : items) {
            o.shown = o.pairs >= kMinCompletedForOutcomes;
            if (o.shown) {
                o.change = stats::mean_change(diffs[measure]);
                o.test = stats::wilcoxon_signed_rank(diffs[measure]);
            } else {
                o.towards = o.unchanged = o.away = 0;  // not published
            }
            o.sentence = item_sentence(o);
            r.outcomes.push_back(o);
        }
        r.outcomes_note =
            "Each person answered the same questions at the start of the first session and the end of the last, so "
            "their answers are compared in pairs. A change counts as a move towards the intended answer on the "
            "five-point scale. The Wilcoxon signed-rank test asks whether moves one way outweigh moves the other "
            "way by more than chance would explain; with small numbers, treat it as a guide.";
    } else {
        r.outcomes_note = "Outcome figures are given only when at least " + std::to_string(kMinCompletedForOutcomes) +
                          " programmes have been completed (" + format_grouped(r.completed) +
                          " so far), so that no one person's answers can be picked out.";
    }
    r.headline = format_grouped(r.sessions_delivered);
    if (r.target_sessions) r.headline += " of " + format_grouped(*r.target_sessions);
    r.headline += r.sessions_delivered == 1 && !r.target_sessions ? " one-to-one session, " : " one-to-one sessions, ";
    r.headline += format_grouped(r.sessions_under_18) + " with under-18s";
    return r;
}

// [SECTION] Writers

std::string programme_report_text(const ProgrammeReport& r) {
    auto t = [](const std::string& s) { return escape_for_terminal(s); };
    std::string out = "\nOne-to-one programmes:\n  " + r.headline + "\n";
    out += "  Sessions: " + format_grouped(r.sessions_delivered) + " delivered (" + format_grouped(r.sessions_under_18) +
           " with under-18s, " + format_grouped(r.sessions_adult) + " with adults), " + format_grouped(r.sessions_completed) +
           " completed\n";
    out += "  Programmes: " + format_grouped(r.started) + " started (" + format_grouped(r.started_under_18) + " under-18, " +
           format_grouped(r.started_adult) + " adult), " + format_grouped(r.completed) + " completed, " +
           format_grouped(r.stopped) + " stopped, " + format_grouped(r.open) + " still open\n";
    out += "  Referrals by route:";
    for (const ReferralCount& rc : r.by_route) out += std::string(" ") + referral_route_label(rc.route) + " " + programme_count(rc.count) + ";";
    out += "\n  Referrals by month:\n";
    for (const ReferralCount& rc : r.by_month)
        out += "    " + month_label(rc.month) + ": " + referral_route_label(rc.route) + " " + programme_count(rc.count) + "\n";
    out += "  Outcomes (completed programmes, answers paired):\n";
    if (!r.outcomes_shown) out += "    " + r.outcomes_note + "\n";
    for (const ProgrammeItemOutcome& o : r.outcomes) out += "  - " + t(o.measure) + ": " + o.sentence + "\n";
    if (!r.sealed_not_read.empty()) {
        out += "  Sealed, not read (give --secret-key to read them): " + format_grouped(static_cast<long long>(r.sealed_not_read.size())) + "\n";
        for (const std::string& f : r.sealed_not_read) out += "    " + t(f) + "\n";
    }
    for (const ProgrammeFileProblem& p : r.problems) out += "  Skipped " + t(p.file) + ": " + t(p.reason) + "\n";
    return out;
}

namespace {

std::string csv_row(const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + cells[i];
    return line + "\r\n";
}

std::string fixed2(double v) {
    if (std::isnan(v)) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

}  // namespace

std::string programme_counts_csv(const ProgrammeReport& r) {
    std::string out = "\xEF\xBB\xBF" + csv_row({"section", "key", "label", "value"});
    auto row = [&](const char* section, const std::string& key, const std::string& label, const std::string& value) {
        out += csv_row({section, csv_text_field(key), csv_text_field(label), value});
    };
    row("headline", "headline", r.headline, "");
    if (r.target_sessions) row("sessions", "target", "Funded one-to-one sessions", format_grouped(*r.target_sessions));
    row("sessions", "delivered", "One-to-one sessions delivered", std::to_string(r.sessions_delivered));
    row("sessions", "under-18", "With under-18s", std::to_string(r.sessions_under_18));
    row("sessions", "adult", "With adults", std::to_string(r.sessions_adult));
    row("sessions", "completed", "Sessions completed", std::to_string(r.sessions_completed));
    row("programmes", "started", "Programmes started", std::to_string(r.started));
    row("programmes", "started-under-18", "Started with under-18s", std::to_string(r.started_under_18));
    row("programmes", "started-adult", "Started with adults", std::to_string(r.started_adult));
    row("programmes", "completed", "Programmes completed (every session)", std::to_string(r.completed));
    row("programmes", "stopped", "Programmes stopped", std::to_string(r.stopped));
    row("programmes", "open", "Programmes still open", std::to_string(r.open));
    for (const ReferralCount& rc : r.by_route) row("referrals", to_string(rc.route), referral_route_label(rc.route), programme_count(rc.count));
    for (const ReferralCount& rc : r.by_month)
        row("referrals-by-month", rc.month + "/" + to_string(rc.route), month_label(rc.month) + ", " + referral_route_label(rc.route),
            programme_count(rc.count));
    row("files", "sealed-not-read", "Sealed files not read (no secret key given)", std::to_string(r.sealed_not_read.size()));
    row("files", "skipped", "Programme files skipped", std::to_string(r.problems.size()));
    return out;
}

std::string programme_outcomes_csv(const ProgrammeReport& r) {
    std::string out = "\xEF\xBB\xBF" + csv_row({"measure", "intended", "pairs", "towards", "unchanged", "away", "mean_change",
                                                  "ci_low", "ci_high", "wilcoxon_statistic", "wilcoxon_z", "p_value", "sentence"});
    for (const ProgrammeItemOutcome& o : r.outcomes) {
        std::vector<std::string> row = {csv_text_field(o.measure), to_string(o.intended)};
        if (o.shown) {
            row.insert(row.end(), {std::to_string(o.pairs), std::to_string(o.towards), std::to_string(o.unchanged),
                                   std::to_string(o.away)});
            row.push_back(o.change.valid ? fixed2(o.change.mean) : "");
            row.push_back(o.change.valid ? fixed2(o.change.ci.low) : "");
            row.push_back(o.change.valid ? fixed2(o.change.ci.high) : "");
            row.push_back(o.test.valid ? fixed2(o.test.statistic) : "");
            row.push_back(o.test.valid ? fixed2(o.test.z) : "");
            row.push_back(o.test.valid ? fixed2(o.test.p_value) : "");
        } else {
            row.push_back("<5");
            row.insert(row.end(), 9, "");
        }
        row.push_back(csv_text_field(o.sentence));
        out += csv_row(row);
    }
    return out;
}

std::string programme_report_html(const ProgrammeReport& r) {
    auto h = [](const std::string& s) { return html_escape(s); };
    std::string s = "<section class=\"programmes\" id=\"programmes\">\n<h2>One-to-one programmes</h2>\n";
    s += "<p class=\"headline\"><strong>" + h(r.headline) + "</strong>.</p>\n";
    s += "<table><thead><tr><th>Programmes</th><th>Number</th></tr></thead><tbody>\n";
    auto tr = [&](const std::string& what, long long n) { s += "<tr><td>" + h(what) + "</td><td>" + format_grouped(n) + "</td></tr>\n"; };
    tr("Sessions delivered", r.sessions_delivered);
    tr("with under-18s", r.sessions_under_18);
    tr("with adults", r.sessions_adult);
    tr("Programmes started", r.started);
    tr("completed (every session)", r.completed);
    tr("stopped", r.stopped);
    tr("still open", r.open);
    s += "</tbody></table>\n<h3>Referrals by route</h3>\n<table><thead><tr><th>Route</th><th>Programmes</th></tr></thead><tbody>\n";
    for (const ReferralCount& rc : r.by_route)
        s += "<tr><td>" + h(referral_route_label(rc.route)) + "</td><td>" + h(programme_count(rc.count)) + "</td></tr>\n";
    s += "</tbody></table>\n";
    if (!r.by_month.empty()) {
        s += "<h3>Referrals by month</h3>\n<table><thead><tr><th>Month</th><th>Route</th><th>Programmes</th></tr></thead><tbody>\n";
        for (const ReferralCount& rc : r.by_month)
            s += "<tr><td>" + h(month_label(rc.month)) + "</td><td>" + h(referral_route_label(rc.route)) + "</td><td>" +
                 h(programme_count(rc.count)) + "</td></tr>\n";
        s += "</tbody></table>\n";
    }
    s += "<h3>Outcomes of completed programmes</h3>\n<p>" + h(r.outcomes_note) + "</p>\n";
    if (!r.outcomes.empty()) {
        s += "<ul class=\"sentences\">\n";
        for (const ProgrammeItemOutcome& o : r.outcomes) s += "<li><strong>" + h(o.measure) + "</strong>: " + h(o.sentence) + "</li>\n";
        s += "</ul>\n";
    }
    if (!r.sealed_not_read.empty()) {
        s += "<p>" + format_grouped(static_cast<long long>(r.sealed_not_read.size())) +
             " sealed programme files were counted but not read (the report was made without the secret key):</p>\n<ul>\n";
        for (const std::string& f : r.sealed_not_read) s += "<li><code>" + h(f) + "</code></li>\n";
        s += "</ul>\n";
    }
    if (!r.problems.empty()) {
        s += "<table class=\"problems\"><thead><tr><th>Skipped programme file</th><th>Reason</th></tr></thead><tbody>\n";
        for (const ProgrammeFileProblem& p : r.problems) s += "<tr><td>" + h(p.file) + "</td><td>" + h(p.reason) + "</td></tr>\n";
        s += "</tbody></table>\n";
    }
    return s + "</section>\n";
}

json programme_report_to_json(const ProgrammeReport& r) {
    json j;
    j["headline"] = r.headline;
    j["target_sessions"] = r.target_sessions ? json(*r.target_sessions) : json(nullptr);
    j["sessions"] = {{"delivered", r.sessions_delivered}, {"under_18", r.sessions_under_18}, {"adult", r.sessions_adult},
                     {"completed", r.sessions_completed}};
    j["programmes"] = {{"started", r.started}, {"started_under_18", r.started_under_18}, {"started_adult", r.started_adult},
                       {"completed", r.completed}, {"stopped", r.stopped}, {"open", r.open}};
    json routes = json::object();
    for (const ReferralCount& rc : r.by_route) routes[to_string(rc.route)] = programme_count(rc.count);
    j["referrals_by_route"] = routes;
    json months = json::array();
    for (const ReferralCount& rc : r.by_month)
        months.push_back({{"month", rc.month}, {"route", to_string(rc.route)}, {"count", programme_count(rc.count)}});
    j["referrals_by_month"] = months;
    j["outcomes_shown"] = r.outcomes_shown;
    j["outcomes_note"] = r.outcomes_note;
    json items = json::array();
    for (const ProgrammeItemOutcome& o : r.outcomes) {
        json it = {{"measure", o.measure}, {"intended", to_string(o.intended)}, {"shown", o.shown}, {"sentence", o.sentence}};
        if (o.shown) {
            it["pairs"] = o.pairs;
            it["towards"] = o.towards;
            it["unchanged"] = o.unchanged;
            it["away"] = o.away;
            if (o.change.valid) it["mean_change"] = {{"mean", o.change.mean}, {"ci_low", o.change.ci.low}, {"ci_high", o.change.ci.high}};
            if (o.test.valid) it["wilcoxon"] = {{"statistic", o.test.statistic}, {"z", o.test.z}, {"p_value", o.test.p_value}};
        }
        items.push_back(std::move(it));
    }
    j["outcomes"] = items;
    j["sealed_not_read"] = r.sealed_not_read;
    json probs = json::array();
    for (const ProgrammeFileProblem& p : r.problems) probs.push_back({{"file", p.file}, {"reason", p.reason}});
    j["problems"] = probs;
    return j;
}

}  // namespace upstander
