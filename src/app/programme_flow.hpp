#pragma once
// The practitioner's one-to-one programme workflow in the kiosk: start (categories only, then the
// code), continue (by code or from this laptop's open programmes), a session run step by step and
// saved through ProgrammeStore after every change (never as a group session file), the impact map,
// restorative questions, and the person harmed's questions held in memory only until the letter is
// written or the session ends. No SDL, no clock: the day is passed in.

#include "core/harmed_letter.hpp"
#include "core/pack_loader.hpp"
#include "core/programme_run.hpp"
#include "core/programme_store.hpp"
#include "ui/commands.hpp"
#include "ui/presenter.hpp"
#include "ui/programme_pages.hpp"
#include "ui/programme_screens.hpp"
#include "ui/screens.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace upstander::app {

// Where the letter goes unless the practitioner types another folder: a USB stick mounted under
// /media/<user> or /run/media/<user>, else ~/Documents, else the home folder. `home` and `user`
// come from the environment (the caller reads it).
std::filesystem::path default_letter_folder(const std::filesystem::path& home, const std::string& user);

class ProgrammeFlow {
public:
    // `public_key`: the config's programme_public_key (empty: not sealed). `key_invalid`: a key was
    // given that is not a key: nothing is started or saved (fail closed).
    ProgrammeFlow(const Library& library, const std::filesystem::path& data_dir, const std::string& public_key,
                  bool key_invalid, std::filesystem::path letter_folder,
                  std::function<std::uint64_t()> random64 = {});

    // Whether the flow shows a session step (else one of its pages).
    bool in_session() const { return session_shown_ && run_ && run_->navigator(); }
    ui::ProgrammePageView& page_view() { return view_; }
    const ui::ProgrammePageView& page_view() const { return view_; }

    // The pages the title screen opens.
    void open_start(const std::string& programme_id);
    void open_continue();

    // Applies a command. Returns false when the flow is over and the title screen should show
    // (`notice` says what happened).
    bool apply(const ui::Command& c, const std::string& today);
    const std::string& notice() const { return notice_; }

    // Answers typed to the person harmed's questions and not yet written to a letter.
    bool unwritten_answers() const;
    // Leaving the kiosk: the position is on disk already; the questions are forgotten.
    void forget_questions();

    // The session on screen.
    const ProgrammeRun* run() const { return run_.get(); }
    const Step* current_step() const;
    ui::StepView step_view(ui::PollStepView& poll_view, PollView& poll, ui::ProgrammeStepView& prog) const;
    ui::FacilitatorView facilitator_view() const;
    // On a harmed_questions step with questions: the answer box (edited in place).
    ui::HarmedAnswerView* answer_view();
    const std::string& save_error() const { return save_error_; }
    // Tests.
    const HarmedQuestions& harmed() const { return harmed_; }
    int question_index() const { return question_; }
    int selected_category() const { return selected_category_; }

private:
    const ResolvedProgramme* programme_for(const ProgrammeRecord& r) const;
    void show_page(ui::ProgrammePage page);
    void fill_menu();
    bool save();
    void create(const std::string& today);
    void find(const std::string& typed);
    void pick(const std::string& code);
    void begin(const std::string& today);
    void next();
    void back();
    void vote(int option);
    void choose(int category);
    void end_session();
    bool write_letter(const std::string& folder, const std::string& today);
    void enter_step();  // a new step: questions from the start, the answer box refreshed
    void leave_session();
    void clear_run();
    ProgrammeStore& store();

    const Library* library_;
    std::filesystem::path data_dir_;
    std::string public_key_;
    bool key_invalid_ = false;
    std::filesystem::path letter_folder_;
    std::function<std::uint64_t()> random64_;
    std::unique_ptr<ProgrammeStore> store_;
    const ResolvedProgramme* setup_programme_ = nullptr;
    std::unique_ptr<ProgrammeRun> run_;
    bool session_shown_ = false;
    ui::ProgrammePage questions_from_ = ui::ProgrammePage::Menu;
    bool end_after_warning_ = false;   // the warning page was shown for the end of the session
    HarmedQuestions harmed_;           // memory only
    bool letter_written_ = false;
    int question_ = 0;                 // restorative or harmed question on screen
    int selected_category_ = 0;        // impact map: the category the keys move
    ui::HarmedAnswerView answer_;
    std::string answer_confirm_;       // "Answer saved." on the scale poll just answered
    std::string save_error_;
    std::string notice_;
    ui::ProgrammePageView view_;
};

}  // namespace upstander::app
