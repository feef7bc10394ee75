#include "report_export.hpp"

#include "programme_report.hpp"

#include "utf8.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace upstander {

// [SECTION] Shared helpers

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string escape_for_terminal(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    auto byte_escape = [&out](unsigned char b) {
        out += "\\x";
        out += kHex[b >> 4];
        out += kHex[b & 0xF];
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            if (b < 0x20 || b == 0x7F) byte_escape(b);
            else out += static_cast<char>(b);
            ++i;
            continue;
        }
        const Utf8Char ch = decode_utf8_at(text, i);
        const std::size_t len = ch.length;
        const std::uint32_t cp = ch.code_point;
        const bool ok = len != 0;
        if (!ok) {
            byte_escape(b);
            ++i;
            continue;
        }
        const bool control = (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
        if (control) {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
        } else {
            out.append(text.substr(i, len));
        }
        i += len;
    }
    return out;
}

namespace {

constexpr const char* kBom = "\xEF\xBB\xBF";
constexpr const char* kCrLf = "\r\n";

std::string fixed(double v, int decimals) {
    if (std::isnan(v)) return {};
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string general(double v) {
    if (std::isnan(v)) return {};
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

std::string phase_text(PollPhase p) { return p == PollPhase::None ? "" : to_string(p); }

std::string audience_text(Audience a) { return a == Audience::Unspecified ? "" : to_string(a); }

void append_row(std::string& out, const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        out += fields[i];
    }
    out += kCrLf;
}

}  // namespace

// [SECTION] CSV

std::string csv_text_field(const std::string& text) {
    std::string v = text;
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
        v.insert(v.begin(), '\'');
    // ';' too: spreadsheets in locales whose list separator is ';' split fields there.
    if (v.find_first_of(",;\"\r\n") == std::string::npos) return v;
    std::string q = "\"";
    for (char c : v) {
        if (c == '"') q += '"';
        q += c;
    }
    q += '"';
    return q;
}

std::string report_sessions_csv(const Report& r) {
    std::string out = kBom;
    append_row(out, {"session_id", "date", "workshop_id", "group_label", "audience", "headcount", "poll_id", "measure",
                     "phase", "option_id", "option_label", "count", "total", "not_counted"});
    for (const ReportSession& s : r.sessions) {
        const SessionRecord& rec = s.record;
        const std::string headcount = rec.group.headcount ? std::to_string(*rec.group.headcount) : "";
        for (size_t pi = 0; pi < rec.polls.size(); ++pi) {
            const SessionPoll& p = rec.polls[pi];
            const SessionPollDisclosure& d = s.polls[pi];  // decided by build_report
            if (!d.listed) continue;                        // too few votes to list this session's answers
            for (size_t k = 0; k < p.options.size(); ++k) {
                const SessionOption& o = p.options[k];
                append_row(out, {csv_text_field(rec.session_id), rec.date, csv_text_field(rec.workshop_id),
                                 csv_text_field(rec.group.label), audience_text(rec.group.audience), headcount,
                                 csv_text_field(p.id), csv_text_field(p.measure), phase_text(p.phase),
                                 csv_text_field(o.id), csv_text_field(o.label), format_count(o.count, d.cells[k], false),
                                 std::to_string(p.total), ""});
            }
        }
    }
    // Sessions read but not counted: one row each, with the reason, and no answers.
    for (const ExcludedSession& e : r.excluded) {
        const SessionRecord& rec = e.record;
        append_row(out, {csv_text_field(rec.session_id), csv_text_field(rec.date), csv_text_field(rec.workshop_id),
                         csv_text_field(rec.group.label), audience_text(rec.group.audience),
                         rec.group.headcount ? std::to_string(*rec.group.headcount) : "", "", "", "", "", "", "", "",
                         csv_text_field(e.file + ": " + e.reason)});
    }
    return out;
}

std::string report_summary_csv(const Report& r) {
    std::string out = kBom;
    append_row(out, {"measure", "kind", "question", "sessions_compared", "sessions_one_phase", "before_total",
                     "after_total", "before_agree", "after_agree", "before_agree_percent", "after_agree_percent",
                     "change_points", "ci_low_points", "ci_high_points", "ci_method", "test", "p_value",
                     "mean_before", "mean_after", "mann_whitney_u_after", "mann_whitney_p", "sentence"});
    for (const MeasureReport& m : r.measures) {
        std::vector<std::string> row = {csv_text_field(m.measure), to_string(m.kind), csv_text_field(m.question),
                                        std::to_string(m.sessions_compared), std::to_string(m.sessions_one_phase),
                                        format_count(m.before_total, m.before_total_disclosure, false),
                                        format_count(m.after_total, m.after_total_disclosure, false)};
        const bool agree = m.has_agree && m.enough_answers;
        const bool shares = agree && !m.shares_hidden;
        if (agree) {
            row.push_back(format_count(m.before_agree, m.before_agree_disclosure, false));
            row.push_back(format_count(m.after_agree, m.after_agree_disclosure, false));
        } else {
            row.insert(row.end(), 2, "");
        }
        if (shares) {
            row.push_back(fixed(100.0 * m.agree.p1, 1));
            row.push_back(fixed(100.0 * m.agree.p2, 1));
            row.push_back(fixed(100.0 * m.agree.difference, 1));
            row.push_back(fixed(100.0 * m.agree.ci.low, 1));
            row.push_back(fixed(100.0 * m.agree.ci.high, 1));
            row.push_back("Newcombe hybrid score");
        } else {
            row.insert(row.end(), 6, "");
        }
        row.push_back(agree ? csv_text_field(m.test_name) : "");
        row.push_back(agree ? general(m.p_value) : "");
        const bool likert = m.likert && m.enough_answers;
        const int mean_decimals = m.cells_hidden ? 1 : 2;  // exact figures could uncover hidden counts
        row.push_back(likert ? fixed(m.mean_before, mean_decimals) : "");
        row.push_back(likert ? fixed(m.mean_after, mean_decimals) : "");
        row.push_back(likert && m.mann_whitney.valid && !m.cells_hidden ? fixed(m.mann_whitney.u, 1) : "");
        row.push_back(likert && m.mann_whitney.valid ? general(m.mann_whitney.p_value) : "");
        row.push_back(csv_text_field(m.sentence));
        append_row(out, row);
    }
    return out;
}

std::filesystem::path summary_csv_path(const std::filesystem::path& csv_path) {
    std::filesystem::path p = csv_path;
    const std::string ext = p.extension().string();
    p.replace_filename(p.stem().string() + "-summary" + ext);
    return p;
}

std::filesystem::path suffixed_csv_path(const std::filesystem::path& csv_path, const std::string& suffix) {
    std::filesystem::path p = csv_path;
    const std::string ext = p.extension().string();
    p.replace_filename(p.stem().string() + suffix + ext);
    return p;
}

std::string report_organisations_csv(const Report& r) {
    std::string out = kBom;
    append_row(out, {"organisation", "sessions", "participants", "estimated_participants", "share_of_target_percent"});
    for (const BreakdownRow& b : r.by_organisation) {
        std::string share;
        if (r.target_participants && *r.target_participants > 0)
            share = fixed(100.0 * static_cast<double>(b.participants) / static_cast<double>(*r.target_participants), 1);
        append_row(out, {csv_text_field(b.key), std::to_string(b.sessions), std::to_string(b.participants),
                         std::to_string(b.estimated_participants), share});
    }
    return out;
}

// [SECTION] Text summary

namespace {

std::string breakdown_text(const std::vector<BreakdownRow>& rows) {
    std::string out;
    for (const BreakdownRow& b : rows) {
        out += "  " + escape_for_terminal(b.label) + ": " + format_grouped(b.sessions) + (b.sessions == 1 ? " session, " : " sessions, ") +
               format_grouped(b.participants) + (b.participants == 1 ? " participant" : " participants");
        if (b.estimated_participants > 0) out += " (" + format_grouped(b.estimated_participants) + " estimated)";
        out += "\n";
    }
    return out;
}

}  // namespace

std::string report_text(const Report& r) {
    // Every piece that came from a file or the command line is escaped: this text goes to a terminal.
    auto t = [](const std::string& s) { return escape_for_terminal(s); };
    std::string out = "Upstander impact report\n";
    if (!r.filter.from.empty() || !r.filter.to.empty() || !r.filter.workshop_id.empty()) {
        out += "Filter:";
        if (!r.filter.from.empty()) out += " from " + t(r.filter.from);
        if (!r.filter.to.empty()) out += " to " + t(r.filter.to);
        if (!r.filter.workshop_id.empty()) out += " workshop " + t(r.filter.workshop_id);
        out += " (" + format_grouped(r.sessions_filtered_out) + " sessions outside it)\n";
    }
    if (!r.excluded.empty())
        out += "Warning: " + format_grouped(static_cast<long long>(r.excluded.size())) +
               (r.excluded.size() == 1 ? " session file was" : " session files were") +
               " read but not counted (copies that disagree, or values no kiosk could have written); see \"Not "
               "counted\" below.\n";
    out += "Sessions: " + format_grouped(static_cast<long long>(r.sessions.size()));
    if (!r.first_date.empty()) out += " (" + t(r.first_date) + " to " + t(r.last_date) + ")";
    out += "\nParticipants: " + format_grouped(r.participants);
    if (r.estimated_participants > 0)
        out += " (including " + format_grouped(r.estimated_participants) + " estimated from poll totals in " +
               format_grouped(r.sessions_estimated) + (r.sessions_estimated == 1 ? " session" : " sessions") +
               " without a headcount)";
    out += "\n";
    if (r.target_participants) {
        out += "Target: " + format_grouped(r.participants) + " against a target of " +
               format_grouped(*r.target_participants);
        if (*r.target_participants > 0)
            out += " (" + format_percent(static_cast<double>(r.participants) / static_cast<double>(*r.target_participants)) + ")";
        out += "\n";
    }
    out += "One-to-one sessions: " + format_grouped(r.one_to_one_sessions) + "\n";
    out += "\nBy format:\n" + breakdown_text(r.by_format);
    out += "By audience:\n" + breakdown_text(r.by_audience);
    out += "By month:\n" + breakdown_text(r.by_month);
    out += "By organisation (schools reached):\n" + (r.by_organisation.empty() ? std::string("  No sessions.\n")
                                                                                 : breakdown_text(r.by_organisation));
    if (r.programmes) out += programme_report_text(*r.programmes);
    out += "\nMeasures (before and after):\n";
    if (r.measures.empty()) out += "  No sessions with before and after questions.\n";
    for (const MeasureReport& m : r.measures) {
        out += "- " + t(m.measure) + " (" + to_string(m.kind) + ", " + format_grouped(m.sessions_compared) +
               (m.sessions_compared == 1 ? " session): " : " sessions): ") + t(m.sentence) + "\n";
        for (const std::string& n : m.notes) out += "  Note: " + t(n) + "\n";
    }
    out += "\nFiles: " + format_grouped(r.files_read) + " read, " + format_grouped(r.sessions_found) +
           " unique sessions, " + format_grouped(static_cast<long long>(r.duplicates.size())) + " found more than once, " +
           format_grouped(static_cast<long long>(r.problems.size())) + " skipped with problems, " +
           format_grouped(static_cast<long long>(r.ignored.size())) + " ignored (not session files).\n";
    if (!r.excluded.empty()) {
        out += "Not counted (" + format_grouped(static_cast<long long>(r.excluded.size())) +
               (r.excluded.size() == 1 ? " session file" : " session files") + " read but left out of every figure):\n";
        for (const ExcludedSession& e : r.excluded)
            out += "  " + t(e.file) + ": session " + t(e.record.session_id) + ": " + t(e.reason) + "\n";
    }
    if (!r.problems.empty()) {
        out += "Skipped:\n";
        for (const SkippedFile& p : r.problems) out += "  " + t(p.file) + ": " + t(p.reason) + "\n";
    }
    for (const DuplicateSession& d : r.duplicates)
        if (d.rejected) out += "Rejected: " + t(d.explanation) + "\n";
        else if (d.copies_differ) out += "Note: " + t(d.explanation) + "\n";
    out += "\nAnswers before and after are anonymous and unpaired; see the method note in the HTML report.\n";
    return out;
}

}  // namespace upstander
