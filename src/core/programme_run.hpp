#pragma once
// A one-to-one programme being delivered: which session comes next, where the session in progress
// is, and the answers to the paired scale. Plain state over a ProgrammeRecord (programme_file.hpp);
// the kiosk saves the record with a ProgrammeStore after every change, so a crash resumes at the
// same step of the same session. No clock inside: the day is passed in.
//
// Lifetime: the Library (and so the ResolvedProgramme) must outlive the run.

#include "navigation.hpp"
#include "pack_loader.hpp"
#include "programme_file.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace upstander {

class ProgrammeRun {
public:
    // A new programme's record: categories only, never a name.
    static ProgrammeRecord new_record(const ResolvedProgramme& programme, const Pack* pack, std::string code,
                                      ReferralRoute route, bool person_harmed_taking_part, std::string app_version);

    // `record` must be of this programme (record.programme_id == programme.def->id).
    ProgrammeRun(const ResolvedProgramme& programme, ProgrammeRecord record);
    ProgrammeRun(const ProgrammeRun&) = delete;
    ProgrammeRun& operator=(const ProgrammeRun&) = delete;

    const ResolvedProgramme& programme() const { return *programme_; }
    ProgrammeRecord& record() { return record_; }
    const ProgrammeRecord& record() const { return record_; }

    // The first session not completed (1-based); 0 when every session is completed.
    int next_session() const;
    // A session was begun and not completed (after a crash, it resumes).
    bool in_session() const;
    int current_session() const { return record_.position_session; }

    // Begins next_session() on `today` (YYYY-MM-DD), or resumes the session in progress at its
    // saved position. False when the programme has no session left or is not open.
    bool begin_session(const std::string& today);

    // The session in progress as a workshop (for the Navigator and the screens); nullptr when none.
    const ResolvedWorkshop* session_workshop() const { return session_ ? &session_->workshop : nullptr; }
    Navigator* navigator() { return session_ ? &session_->nav : nullptr; }
    const Navigator* navigator() const { return session_ ? &session_->nav : nullptr; }

    // Copies the navigator's position (and the question shown) into the record.
    void sync_position(int question = 0);

    // The paired scale: whether a poll is one of its items in this programme, the answer given
    // ("" for none or skipped), and answering (an option id of the five-point scale, or "" to skip).
    bool is_scale_poll(const PollDef& poll) const;
    std::string answer_for(const PollDef& poll) const;
    bool answer(const PollDef& poll, const std::string& option_id);

    // The impact map on the current step: for each of its categories, the ripple it is placed in
    // (0 is the innermost) or -1 when not placed. Empty when the current step is not an impact map.
    // Placements are kept in the record (by session, module and step) until the session completes.
    std::vector<int> impact_placements() const;
    // Moves category `category` of the current step's impact map one ripple out: not placed,
    // innermost, ..., outermost, then not placed again. Returns the ripple it is now in (-1 for not
    // placed), or nullopt when the step is not an impact map or has no such category.
    std::optional<int> move_out(int category);

    // Ends the session in progress as completed (the programme is completed after its last one). The
    // session stays "in position" until the next one begins, so the save that follows seals its part.
    void complete_session();
    // The practitioner stops the programme (it will not be continued).
    void stop();

private:
    struct Session {
        WorkshopDef def;
        ResolvedWorkshop workshop;
        Navigator nav;
        explicit Session(WorkshopDef d, std::vector<const Module*> modules);
    };
    void open_session(int number);
    const Step* impact_step() const;  // the current step when it is an impact map
    std::string impact_key() const;   // that step's key in record_.impact_maps

    const ResolvedProgramme* programme_;
    ProgrammeRecord record_;
    std::unique_ptr<Session> session_;
};

}  // namespace upstander
