#include "sample_generator.hpp"

#include "core/session_file.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <vector>

namespace upstander {

namespace {

namespace fs = std::filesystem;

std::string random_hex(std::mt19937_64& rng) {
    static const char* hex = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 2; ++i) {
        unsigned long long v = rng();
        for (int k = 0; k < 16; ++k) {
            id += hex[v & 0xF];
            v >>= 4;
        }
    }
    return id;
}

// Spreads `voters` votes over options with the given probabilities (a multinomial draw).
std::vector<long long> draw(std::mt19937_64& rng, long long voters, const std::vector<double>& weights) {
    std::discrete_distribution<size_t> pick(weights.begin(), weights.end());
    std::vector<long long> counts(weights.size(), 0);
    for (long long i = 0; i < voters; ++i) ++counts[pick(rng)];
    return counts;
}

SessionPoll make_poll(const std::string& id, const std::string& question, PollKind kind, const std::string& measure,
                      PollPhase phase, const std::vector<std::pair<std::string, std::string>>& options,
                      const std::vector<long long>& counts) {
    SessionPoll p;
    p.id = id;
    p.pack = "upstander-core";
    p.question = question;
    p.kind = kind;
    p.measure = measure;
    p.phase = phase;
    for (size_t k = 0; k < options.size(); ++k) {
        p.options.push_back({options[k].first, options[k].second, counts[k]});
        p.total += counts[k];
    }
    p.closed = p.revealed = true;
    return p;
}

}  // namespace

SampleResult generate_sample_sessions(long long count, const fs::path& dir, unsigned long long seed) {
    SampleResult result;
    std::mt19937_64 rng(seed);
    std::error_code ec;
    for (int k = 1; k <= 10; ++k) {
        char name[16];
        std::snprintf(name, sizeof name, "kiosk-%02d", k);
        fs::create_directories(dir / name, ec);
        if (ec) {
            result.error = "cannot create " + (dir / name).string() + ": " + ec.message();
            return result;
        }
    }
    const std::vector<std::pair<std::string, std::string>> yes_no = {{"yes", "Yes"}, {"no", "No"}, {"not-sure", "Not sure"}};
    const std::vector<std::pair<std::string, std::string>> likert = {
        {"strongly-disagree", "Strongly disagree"}, {"disagree", "Disagree"}, {"neither", "Neither agree nor disagree"},
        {"agree", "Agree"}, {"strongly-agree", "Strongly agree"}};
    const std::vector<std::pair<std::string, std::string>> warm_up = {
        {"online", "Online"}, {"school", "At school"}, {"street", "In the street"}, {"transport", "On public transport"}};
    const std::array<const char*, 3> workshops = {"upstander-core", "online-hate", "bystander-skills"};
    const std::array<const char*, 3> titles = {"Being an upstander", "Hate online", "Bystander skills"};
    const std::array<const char*, 6> labels = {"Year 9 group B", "Year 10, set 2", "Youth club \"Thursday\" group",
                                               "Year 8 form 8R", "Parents' evening", "Sixth form enrichment"};

    std::vector<SessionRecord> written;
    std::uniform_int_distribution<int> day(1, 28), month(0, 21), percent(0, 99), absent(0, 3), size(12, 32);
    for (long long i = 0; i < count; ++i) {
        SessionRecord s;
        const bool copy = !written.empty() && percent(rng) == 0;  // about 1 in 100 files is a second copy
        if (copy) {
            s = written[std::uniform_int_distribution<size_t>(0, written.size() - 1)(rng)];
        } else {
            s.session_id = random_hex(rng);
            const int m = month(rng);  // September 2023 onwards, 22 months
            const int year = 2023 + (8 + m) / 12, mon = (8 + m) % 12 + 1;
            char date[32];
            std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, mon, day(rng));
            s.date = date;
            s.app_version = "0.1.0";
            s.status = SessionStatus::Finished;
            const size_t w = static_cast<size_t>(percent(rng)) % workshops.size();
            s.workshop_id = workshops[w];
            s.workshop_title = titles[w];
            s.packs.push_back({"upstander-core", "1.0.0"});
            const bool one_to_one = percent(rng) < 5;
            s.group.format = one_to_one ? GroupFormat::OneToOne : GroupFormat::Group;
            const int a = percent(rng);
            s.group.audience = a < 75 ? Audience::Under18 : (a < 90 ? Audience::Adult : Audience::Mixed);
            s.group.label = one_to_one ? "One-to-one" : labels[static_cast<size_t>(percent(rng)) % labels.size()];
            const long long people = one_to_one ? 1 : size(rng);
            if (percent(rng) >= 8) s.group.headcount = people;  // some facilitators skip the headcount
            const long long pre_voters = std::max(0LL, people - (one_to_one ? 0 : absent(rng)));
            const long long post_voters = std::max(0LL, people - (one_to_one ? 0 : absent(rng)));
            s.polls.push_back(make_poll("where-seen", "Where have you seen hate happen?", PollKind::Single, "",
                                        PollPhase::None, warm_up, draw(rng, pre_voters, {0.5, 0.25, 0.15, 0.1})));
            s.polls.push_back(make_poll("report-pre", "Would you report a hate crime if you saw one?", PollKind::YesNo,
                                        "would-report", PollPhase::Pre, yes_no, draw(rng, pre_voters, {0.41, 0.33, 0.26})));
            s.polls.push_back(make_poll("confident-pre", "I know how to challenge hateful language safely.",
                                        PollKind::Likert, "confident-challenge", PollPhase::Pre, likert,
                                        draw(rng, pre_voters, {0.10, 0.22, 0.30, 0.28, 0.10})));
            s.polls.push_back(make_poll("report-post", "Would you report a hate crime if you saw one?", PollKind::YesNo,
                                        "would-report", PollPhase::Post, yes_no, draw(rng, post_voters, {0.78, 0.10, 0.12})));
            s.polls.push_back(make_poll("confident-post", "I know how to challenge hateful language safely.",
                                        PollKind::Likert, "confident-challenge", PollPhase::Post, likert,
                                        draw(rng, post_voters, {0.04, 0.08, 0.18, 0.42, 0.28})));
            s.position_module = 3;
            written.push_back(s);
        }
        char kiosk[16];
        std::snprintf(kiosk, sizeof kiosk, "kiosk-%02lld", i % 10 + 1);
        const fs::path file = dir / kiosk / (s.date + "-" + s.session_id + (copy ? "-copy" + std::to_string(i) : "") + ".json");
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << session_to_string(s);
        if (!out) {
            result.error = "cannot write " + file.string();
            return result;
        }
        ++result.files_written;
    }
    return result;
}

}  // namespace upstander
