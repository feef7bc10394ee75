// "What changed today": pairing of pre and post polls by measure, agree shares, suppression.

#include "core/poll.hpp"
#include "session_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace upstander;
using namespace upstander::test;

namespace {

// A session record listing every poll of the library's packs with the given counts.
void set_counts(SessionRecord& r, const std::string& pack, const PollDef& def, std::vector<long long> counts,
                bool override_flag = false) {
    SessionPoll* p = r.find_poll(pack, def.id);
    if (p == nullptr) {
        r.polls.push_back({});
        p = &r.polls.back();
        p->id = def.id;
        p->pack = pack;
        p->kind = def.kind;
        for (const auto& o : def.options) p->options.push_back({o.id, o.label, 0});
    }
    p->total = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        p->options[i].count = counts[i];
        p->total += counts[i];
    }
    p->suppression_override = override_flag;
}

const PollDef& poll_at(const Library& lib, int module, int step) {
    return *lib.workshops[0].modules[static_cast<std::size_t>(module)]->steps[static_cast<std::size_t>(step)].poll;
}

}  // namespace

TEST_CASE("what changed today pairs pre and post polls by measure", "[poll][summary]") {
    const Library lib = make_library();
    const ResolvedWorkshop& w = lib.workshops[0];
    SessionRecord r;
    // would-report: likert. Pre: 10 votes, 2 + 1 agree (30%). Post: 8 votes, 3 + 3 agree (75%).
    set_counts(r, "fixture", poll_at(lib, kIntro, 1), {2, 3, 2, 2, 1});
    set_counts(r, "fixture", poll_at(lib, kOutro, 0), {0, 1, 1, 3, 3});
    // knows-where: yes-no. Pre: 6 votes, 2 yes (33%). Post: 7 votes, 6 yes (86%).
    set_counts(r, "fixture", poll_at(lib, kIntro, 2), {2, 3, 1});
    set_counts(r, "fixture", poll_at(lib, kOutro, 1), {6, 0, 1});
    // Unpaired single-choice polls must not appear.
    set_counts(r, "fixture", poll_at(lib, kIntro, 3), {5, 5, 5});

    const auto changes = what_changed_today(w, r, SuppressionRule{});
    REQUIRE(changes.size() == 2);

    const MeasureChange& report = changes[0];
    CHECK(report.measure == "would-report");
    CHECK(report.kind == PollKind::Likert);
    CHECK(report.question == "Question for post-report?");
    REQUIRE(report.options.size() == 5);
    CHECK(report.pre.poll->id == "pre-report");
    CHECK(report.post.poll->id == "post-report");
    CHECK(report.pre.counts == std::vector<long long>{2, 3, 2, 2, 1});
    CHECK(report.pre.total == 10);
    CHECK(report.pre.agree_count == 3);
    CHECK(report.pre.agree_percent == 30);
    CHECK(report.post.total == 8);
    CHECK(report.post.agree_count == 6);
    CHECK(report.post.agree_percent == 75);
    CHECK(report.change_points == 45);
    CHECK(report.pre.display.percentages == std::vector<int>{20, 30, 20, 20, 10});

    const MeasureChange& know = changes[1];
    CHECK(know.measure == "knows-where");
    CHECK(know.kind == PollKind::YesNo);
    CHECK(know.pre.agree_count == 2);
    CHECK(know.pre.agree_percent == 33);
    CHECK(know.post.agree_percent == 86);
    CHECK(know.change_points == 53);
}

TEST_CASE("what changed today applies suppression to each side (4, 5, 6 votes)", "[poll][summary][suppression]") {
    const Library lib = make_library();
    const ResolvedWorkshop& w = lib.workshops[0];
    SessionRecord r;
    set_counts(r, "fixture", poll_at(lib, kIntro, 2), {1, 2, 1});  // 4 votes
    set_counts(r, "fixture", poll_at(lib, kOutro, 1), {3, 1, 1});  // 5 votes
    auto changes = what_changed_today(w, r, SuppressionRule{});
    REQUIRE(changes.size() == 2);
    const MeasureChange* know = &changes[1];
    CHECK(know->pre.display.suppressed);
    CHECK(know->pre.display.reason == kSuppressionReason);
    CHECK(know->pre.agree_count == 1);           // counts are still given
    CHECK_FALSE(know->pre.agree_percent.has_value());
    CHECK(know->post.agree_percent == 60);
    CHECK_FALSE(know->change_points.has_value());  // no change without both sides

    set_counts(r, "fixture", poll_at(lib, kIntro, 2), {1, 2, 3});  // 6 votes
    changes = what_changed_today(w, r, SuppressionRule{});
    know = &changes[1];
    CHECK(know->pre.agree_percent == 17);
    CHECK(know->change_points == 43);

    SECTION("an override on the pre poll shows that side") {
        set_counts(r, "fixture", poll_at(lib, kIntro, 2), {1, 2, 1}, true);
        changes = what_changed_today(w, r, SuppressionRule{});
        CHECK(changes[1].pre.agree_percent == 25);
        CHECK(changes[1].pre.display.overridden);
    }
    SECTION("the summary override shows every side with votes") {
        set_counts(r, "fixture", poll_at(lib, kIntro, 2), {1, 2, 1});
        changes = what_changed_today(w, r, SuppressionRule{}, true);
        CHECK(changes[1].pre.agree_percent == 25);
        CHECK(changes[0].pre.total == 0);
        CHECK_FALSE(changes[0].pre.agree_percent.has_value());  // nothing to show for 0 votes
    }
}

TEST_CASE("what changed today depends on the pairing in the workshop", "[poll][summary]") {
    const Library lib = make_library();
    const ResolvedWorkshop& full = lib.workshops[0];
    SessionRecord r;
    set_counts(r, "fixture", poll_at(lib, kIntro, 1), {5, 0, 0, 0, 5});

    SECTION("polls missing from the session count as no votes") {
        const auto changes = what_changed_today(full, r, SuppressionRule{});
        REQUIRE(changes.size() == 2);
        CHECK(changes[0].pre.agree_count == 5);
        CHECK(changes[0].post.total == 0);
        CHECK(changes[0].post.agree_count == 0);
        CHECK(changes[1].pre.total == 0);
    }
    SECTION("a post poll before its pre poll is not a pair") {
        ResolvedWorkshop reversed = full;
        reversed.modules = {full.modules[kOutro], full.modules[kIntro]};
        CHECK(what_changed_today(reversed, r, SuppressionRule{}).empty());
    }
    SECTION("a pre poll without a post poll is left out") {
        ResolvedWorkshop pre_only = full;
        pre_only.modules = {full.modules[kIntro], full.modules[kScenario]};
        CHECK(what_changed_today(pre_only, r, SuppressionRule{}).empty());
    }
    SECTION("single-choice pairs have distributions but no agree share") {
        Module pre = make_module("fixture", "m1", ModuleType::Topic,
                                 {poll_step(make_poll("s1", PollKind::Single, {{"x", "X"}, {"y", "Y"}}, "pick", PollPhase::Pre))});
        Module post = make_module("fixture", "m2", ModuleType::Topic,
                                  {poll_step(make_poll("s2", PollKind::Single, {{"x", "X"}, {"y", "Y"}}, "pick", PollPhase::Post))});
        ResolvedWorkshop w = full;
        w.modules = {&pre, &post};
        SessionRecord s;
        set_counts(s, "fixture", *pre.steps[0].poll, {4, 2});
        // The post poll lists its options in another order: they are matched by id.
        set_counts(s, "fixture", *post.steps[0].poll, {1, 6});
        std::swap(s.polls[1].options[0], s.polls[1].options[1]);
        const auto changes = what_changed_today(w, s, SuppressionRule{});
        REQUIRE(changes.size() == 1);
        CHECK(changes[0].kind == PollKind::Single);
        CHECK(changes[0].pre.counts == std::vector<long long>{4, 2});
        CHECK(changes[0].post.counts == std::vector<long long>{1, 6});  // by index it would be {6, 1}
        CHECK_FALSE(changes[0].pre.agree_count.has_value());
        CHECK_FALSE(changes[0].pre.agree_percent.has_value());
        CHECK_FALSE(changes[0].change_points.has_value());
        CHECK(changes[0].pre.display.percentages == std::vector<int>{67, 33});
        CHECK(changes[0].post.display.percentages == std::vector<int>{14, 86});
    }
    SECTION("polls are matched by pack as well as id") {
        SessionRecord other;
        set_counts(other, "someone-else", poll_at(lib, kIntro, 1), {9, 9, 9, 9, 9});
        const auto changes = what_changed_today(full, other, SuppressionRule{});
        CHECK(changes[0].pre.total == 0);
    }
}

TEST_CASE("agree options are the top two Likert points and Yes", "[poll][summary]") {
    CHECK(is_agree_option(PollKind::Likert, "agree"));
    CHECK(is_agree_option(PollKind::Likert, "strongly-agree"));
    CHECK_FALSE(is_agree_option(PollKind::Likert, "neither"));
    CHECK(is_agree_option(PollKind::YesNo, "yes"));
    CHECK_FALSE(is_agree_option(PollKind::YesNo, "not-sure"));
    CHECK_FALSE(is_agree_option(PollKind::Single, "yes"));
}
