#include "programme_flow.hpp"

#include "core/pack_loader_programme.hpp"
#include "core/programme_code.hpp"
#include "upstander/version.hpp"
#include "seal/seal.hpp"

#include <algorithm>

namespace upstander::app {

namespace fs = std::filesystem;
using ui::CommandType;
using ui::ProgrammePage;

fs::path default_letter_folder(const fs::path& home, const std::string& user) {
    std::error_code ec;
    if (!user.empty()) {
        for (const fs::path& base : {fs::path("/media") / user, fs::path("/run/media") / user}) {
            if (!fs::is_directory(base, ec)) continue;
            std::vector<fs::path> sticks;
            for (const auto& e : fs::directory_iterator(base, ec))
                if (e.is_directory(ec)) sticks.push_back(e.path());
            std::sort(sticks.begin(), sticks.end());
            if (!sticks.empty()) return sticks.front();
        }
    }
    if (!home.empty() && fs::is_directory(home / "Documents", ec)) return home / "Documents";
    return home;
}

ProgrammeFlow::ProgrammeFlow(const Library& library, const fs::path& data_dir, const std::string& public_key,
                             bool key_invalid, fs::path letter_folder, std::function<std::uint64_t()> random64)
    : library_(&library),
      data_dir_(data_dir),
      public_key_(public_key),
      key_invalid_(key_invalid),
      letter_folder_(std::move(letter_folder)),
      random64_(std::move(random64)) {}

ProgrammeStore& ProgrammeFlow::store() {
    if (!store_) {
        ProgrammeSealer sealer;
        if (!public_key_.empty())
            sealer = [pk = public_key_](const std::string& plain) {
                return seal::seal_to_file_text(pk, kProgrammeFormat, plain);
            };
        store_ = std::make_unique<ProgrammeStore>(data_dir_, programme_resume_dir_for(data_dir_), sealer);
    }
    return *store_;
}

const ResolvedProgramme* ProgrammeFlow::programme_for(const ProgrammeRecord& r) const {
    return library_->find_programme(r.programme_id);
}

void ProgrammeFlow::show_page(ProgrammePage page) {
    view_.page = page;
    session_shown_ = false;
}

bool ProgrammeFlow::save() {
    if (!run_) return false;
    Result<void> r = store().save(run_->record());
    if (r.ok()) {
        save_error_.clear();
        return true;
    }
    save_error_ = "The programme could not be saved: " + r.message() +
                  " Everything is kept in memory and saving is tried again at the next change.";
    return false;
}

void ProgrammeFlow::clear_run() {
    run_.reset();
    session_shown_ = false;
    question_ = 0;
    selected_category_ = 0;
}

void ProgrammeFlow::forget_questions() {
    harmed_.forget();
    answer_.answer.assign(answer_.answer.size(), ' ');
    answer_ = {};
    for (std::string& q : view_.questions) q.assign(q.size(), ' ');
    view_.questions.clear();
    view_.new_question.clear();
    letter_written_ = false;
}

bool ProgrammeFlow::unwritten_answers() const {
    for (std::size_t i = 0; i < harmed_.size(); ++i)
        if (!harmed_.answer(i).empty()) return true;
    return false;
}

// [SECTION] Start and continue

void ProgrammeFlow::open_start(const std::string& programme_id) {
    clear_run();
    forget_questions();
    setup_programme_ = library_->find_programme(programme_id);
    view_ = {};
    if (!setup_programme_) return;
    view_.programme_title = setup_programme_->def->title;
    view_.audience = setup_programme_->def->audience == Audience::Adult ? "Adult" : "Under 18";
    view_.session_count = static_cast<int>(setup_programme_->def->sessions.size());
    view_.folder = letter_folder_.string();
    if (key_invalid_)
        view_.error = "The partnership key in the config file (programme_public_key) is not a valid key, so programmes "
                      "cannot be saved. Ask whoever set up this laptop to correct it.";
    show_page(ProgrammePage::Setup);
}

void ProgrammeFlow::open_continue() {
    clear_run();
    forget_questions();
    view_ = {};
    view_.folder = letter_folder_.string();
    ProgrammeStore::Listing l = store().list_open();
    for (const ProgrammeRecord& r : l.open) {
        const std::string start = r.start_date().empty() ? std::string("not begun") : "started " + r.start_date();
        view_.open.push_back({r.code, format_programme_code(r.code) + "  \xC2\xB7  " + start + "  \xC2\xB7  " +
                                          std::to_string(r.sessions_completed()) + " of " +
                                          std::to_string(r.session_count) + " sessions done"});
    }
    if (!l.problems.empty())
        view_.error = std::to_string(l.problems.size()) +
                      (l.problems.size() == 1 ? " programme file could not be read: " : " programme files could not be read: ") +
                      l.problems.front();
    show_page(ProgrammePage::Continue);
}

void ProgrammeFlow::create(const std::string& today) {
    (void)today;
    if (!setup_programme_) return;
    if (key_invalid_) return;
    if (view_.route < 0) {
        view_.error = "Choose the referral route.";
        return;
    }
    if (view_.harmed < 0) {
        view_.error = "Say whether a person harmed is taking part in a restorative process.";
        return;
    }
    std::string code;
    for (int tries = 0; tries < 20; ++tries) {
        code = new_programme_code(random64_);
        if (!store().find_open(code)) break;
    }
    const Pack* pack = library_->find_pack(setup_programme_->def->pack_id);
    ProgrammeRecord rec = ProgrammeRun::new_record(*setup_programme_, pack, code, static_cast<ReferralRoute>(view_.route),
                                                   view_.harmed == 1, kVersion);
    run_ = std::make_unique<ProgrammeRun>(*setup_programme_, std::move(rec));
    view_.error.clear();
    if (!save()) view_.error = save_error_;
    fill_menu();
    show_page(ProgrammePage::Code);
}

void ProgrammeFlow::find(const std::string& typed) {
    Result<std::string> code = parse_programme_code(typed);
    if (!code.ok()) {
        view_.error = "That code is not right: " + code.message();
        return;
    }
    pick(*code);
    if (!run_) view_.error = "No open programme with the code " + format_programme_code(*code) +
                             " is on this laptop. Check the code in your case record.";
}

void ProgrammeFlow::pick(const std::string& code) {
    if (code.empty() && run_) {  // "No, keep it open": back to the session page
        fill_menu();
        show_page(ProgrammePage::Menu);
        return;
    }
    std::optional<ProgrammeRecord> rec = store().find_open(code);
    if (!rec) return;
    const ResolvedProgramme* p = programme_for(*rec);
    if (!p) {
        view_.error = "Programme " + format_programme_code(code) + " uses \"" + rec->programme_id +
                      "\", which is not in the loaded content packs. Install its pack to continue it.";
        return;
    }
    run_ = std::make_unique<ProgrammeRun>(*p, std::move(*rec));
    view_.error.clear();
    view_.message.clear();
    fill_menu();
    show_page(ProgrammePage::Menu);
}

void ProgrammeFlow::fill_menu() {
    if (!run_) return;
    const ProgrammeRecord& r = run_->record();
    view_.programme_title = run_->programme().def->title;
    view_.audience = r.audience == Audience::Adult ? "Adult" : "Under 18";
    view_.code = format_programme_code(r.code);
    view_.session_count = r.session_count;
    view_.sessions_done = r.sessions_completed();
    view_.carry_on = run_->in_session();
    view_.next_session = view_.carry_on ? r.position_session : run_->next_session();
    view_.person_harmed = r.person_harmed_taking_part;
    view_.max_questions = kMaxHarmedQuestions;
    view_.questions.clear();
    for (std::size_t i = 0; i < harmed_.size(); ++i) view_.questions.push_back(harmed_.question(i));
}

// [SECTION] The session

void ProgrammeFlow::begin(const std::string& today) {
    if (!run_) return;
    const bool resumed = run_->in_session();
    if (!run_->begin_session(today)) {
        view_.error = "This programme has no session left to run.";
        return;
    }
    question_ = resumed ? run_->record().position_question : 0;
    session_shown_ = true;
    view_.error.clear();
    view_.message.clear();
    enter_step();
    if (resumed) {
        const Step* s = current_step();
        const int count = !s ? 0
                          : s->type == StepType::RestorativeQuestions ? static_cast<int>(s->questions.size())
                          : s->type == StepType::HarmedQuestions      ? static_cast<int>(harmed_.size())
                                                                      : 0;
        question_ = std::clamp(run_->record().position_question, 0, std::max(0, count - 1));
        answer_.index = question_;
        if (question_ < static_cast<int>(harmed_.size())) answer_.answer = harmed_.answer(static_cast<std::size_t>(question_));
    }
    run_->sync_position(question_);
    save();
}

const Step* ProgrammeFlow::current_step() const {
    if (!in_session()) return nullptr;
    return run_->navigator()->current_step();
}

void ProgrammeFlow::enter_step() {
    question_ = 0;
    answer_confirm_.clear();
    const Step* s = current_step();
    answer_ = {};
    if (s && s->type == StepType::ImpactMap && s->impact_map)
        selected_category_ = std::clamp(selected_category_, 0, static_cast<int>(s->impact_map->categories.size()) - 1);
    if (s && s->type == StepType::HarmedQuestions && !harmed_.empty()) {
        answer_.count = static_cast<int>(harmed_.size());
        answer_.answer = harmed_.answer(0);
    }
}

void ProgrammeFlow::next() {
    Navigator* nav = run_ ? run_->navigator() : nullptr;
    if (!nav || !session_shown_) return;
    const Step* s = nav->current_step();
    if (s && s->type == StepType::RestorativeQuestions && question_ + 1 < static_cast<int>(s->questions.size())) {
        ++question_;
    } else if (s && s->type == StepType::HarmedQuestions && question_ + 1 < static_cast<int>(harmed_.size())) {
        ++question_;
        answer_.index = question_;
        answer_.answer = harmed_.answer(static_cast<std::size_t>(question_));
    } else if (s && s->type == StepType::HarmedQuestions && unwritten_answers() && !letter_written_) {
        // The end of the person harmed's questions: the letter comes next.
        view_.written.clear();
        view_.error.clear();
        fill_menu();
        view_.answered = 0;
        for (std::size_t i = 0; i < harmed_.size(); ++i) view_.answered += harmed_.answer(i).empty() ? 0 : 1;
        show_page(ProgrammePage::Letter);
        return;
    } else if (nav->at_end()) {
        end_session();
        return;
    } else if (nav->next()) {
        enter_step();
    }
    run_->sync_position(question_);
    save();
}

void ProgrammeFlow::back() {
    Navigator* nav = run_ ? run_->navigator() : nullptr;
    if (!nav || !session_shown_) return;
    const Step* s = nav->current_step();
    if (s && (s->type == StepType::RestorativeQuestions || s->type == StepType::HarmedQuestions) && question_ > 0) {
        --question_;
        answer_.index = question_;
        if (s->type == StepType::HarmedQuestions) answer_.answer = harmed_.answer(static_cast<std::size_t>(question_));
    } else if (nav->back()) {
        enter_step();
    } else {
        return;
    }
    run_->sync_position(question_);
    save();
}

void ProgrammeFlow::vote(int option) {
    const Step* s = current_step();
    if (!s) return;
    if (s->type == StepType::ImpactMap || s->type == StepType::Choice) {
        choose(option);
        return;
    }
    if (s->type != StepType::Poll || !s->poll) return;
    const PollDef& poll = *s->poll;
    if (option < 0 || option >= static_cast<int>(poll.options.size())) return;
    if (!run_->is_scale_poll(poll)) {
        answer_confirm_ = "Thank you. Only the programme's scale questions are recorded.";
        return;
    }
    if (run_->answer(poll, poll.options[static_cast<std::size_t>(option)].id)) {
        answer_confirm_ = save() ? "Answer saved." : "Answer kept in memory: it could not be saved yet.";
    }
}

void ProgrammeFlow::choose(int category) {
    const Step* s = current_step();
    if (s && s->type == StepType::Choice) {  // a scenario: show the consequence of that choice
        if (category >= 0 && run_->navigator()->choose(category)) {
            enter_step();
            run_->sync_position(question_);
            save();
        }
        return;
    }
    if (!s || s->type != StepType::ImpactMap || !s->impact_map) return;
    if (category < 0) category = selected_category_;
    if (run_->move_out(category)) {
        selected_category_ = category;
        save();
    }
}

void ProgrammeFlow::end_session() {
    if (unwritten_answers() && !letter_written_) {
        end_after_warning_ = true;
        fill_menu();
        show_page(ProgrammePage::ConfirmLeave);
        return;
    }
    const int n = run_->current_session();
    run_->complete_session();
    const bool ok = save();
    forget_questions();
    session_shown_ = false;
    fill_menu();
    view_.error = ok ? std::string() : save_error_;
    if (run_->record().status == ProgrammeStatus::Completed) {
        view_.message = "Session " + std::to_string(n) + " is complete, and so is the programme: all " +
                        std::to_string(run_->record().session_count) + " sessions are done.";
        show_page(ProgrammePage::Finished);
    } else {
        view_.message = "Session " + std::to_string(n) + " is complete. Continue with the code " + view_.code +
                        " at the next session.";
        show_page(ProgrammePage::Menu);
    }
}

void ProgrammeFlow::leave_session() {
    if (run_ && run_->in_session()) {
        run_->sync_position(question_);
        save();
        notice_ = "Programme " + format_programme_code(run_->record().code) + ": session " +
                  std::to_string(run_->current_session()) +
                  " is saved at the step it reached. Continue it with the code.";
    }
    forget_questions();
    clear_run();
}

bool ProgrammeFlow::write_letter(const std::string& folder, const std::string& today) {
    std::error_code ec;
    if (folder.empty() || !fs::is_directory(folder, ec)) {
        view_.error = "That folder does not exist: " + (folder.empty() ? std::string("(none typed)") : folder) +
                      ". Plug in the USB stick or type another folder.";
        return false;
    }
    const Step* s = current_step();
    const std::string heading = s && !s->letter_heading.empty() ? s->letter_heading : std::string("Answers to your questions");
    auto r = write_harmed_letter(folder, harmed_, heading, today);
    if (!r.ok()) {
        view_.error = "The letter could not be written: " + r.message();
        return false;
    }
    view_.written.clear();
    for (const fs::path& p : *r) view_.written.push_back(p.string());
    view_.error.clear();
    forget_questions();
    letter_written_ = true;
    return true;
}

// [SECTION] Commands

bool ProgrammeFlow::apply(const ui::Command& c, const std::string& today) {
    notice_.clear();
    switch (c.type) {
        case CommandType::ProgrammeCreate: create(today); break;
        case CommandType::ProgrammeFindCode: find(c.text); break;
        case CommandType::ProgrammePick: pick(c.text); break;
        case CommandType::ProgrammeBeginSession: begin(today); break;
        case CommandType::ProgrammeStop:
            if (run_ && !session_shown_) show_page(ProgrammePage::ConfirmStop);
            break;
        case CommandType::ProgrammeStopConfirm:
            if (run_ && view_.page == ProgrammePage::ConfirmStop) {
                run_->stop();
                const bool ok = save();
                notice_ = "Programme " + format_programme_code(run_->record().code) +
                          (ok ? " was stopped." : " was stopped, but the file could not be saved: " + save_error_);
                forget_questions();
                clear_run();
                return false;
            }
            break;
        case CommandType::ProgrammeQuestions:
            if (run_ && !session_shown_ && run_->record().person_harmed_taking_part) {
                questions_from_ = view_.page;
                fill_menu();
                view_.error.clear();
                view_.message.clear();
                show_page(ProgrammePage::Questions);
            }
            break;
        case CommandType::ProgrammeAddQuestion:
            if (view_.page == ProgrammePage::Questions) {
                Result<void> r = harmed_.add(c.text);
                if (r.ok()) {
                    view_.new_question.assign(view_.new_question.size(), ' ');
                    view_.new_question.clear();
                    view_.error.clear();
                    letter_written_ = false;
                } else {
                    view_.error = r.message();
                }
                fill_menu();
            }
            break;
        case CommandType::ProgrammeRemoveQuestion:
            if (view_.page == ProgrammePage::Questions && c.index >= 0 && c.index < static_cast<int>(harmed_.size())) {
                harmed_.remove(static_cast<std::size_t>(c.index));
                fill_menu();
            }
            break;
        case CommandType::ProgrammeQuestionsDone:
            if (view_.page == ProgrammePage::Questions) {
                fill_menu();
                show_page(questions_from_ == ProgrammePage::Code ? ProgrammePage::Code : ProgrammePage::Menu);
            }
            break;
        case CommandType::ProgrammeAnswer:
            if (c.index >= 0 && c.index < static_cast<int>(harmed_.size())) {
                Result<void> r = harmed_.set_answer(static_cast<std::size_t>(c.index), c.text);
                if (r.ok()) letter_written_ = false;
                else save_error_ = r.message();
            }
            break;
        case CommandType::ProgrammeLetter:
            if (run_ && !harmed_.empty()) {
                view_.written.clear();
                fill_menu();
                view_.answered = 0;
                for (std::size_t i = 0; i < harmed_.size(); ++i) view_.answered += harmed_.answer(i).empty() ? 0 : 1;
                show_page(ProgrammePage::Letter);
            }
            break;
        case CommandType::ProgrammeWriteLetter:
            if (view_.page == ProgrammePage::Letter) write_letter(c.text, today);
            break;
        case CommandType::ProgrammeStay:
            end_after_warning_ = false;
            if (run_ && run_->navigator()) {
                // Back to the session; after the letter, on to the step after the questions.
                const bool after_letter = view_.page == ProgrammePage::Letter && letter_written_;
                session_shown_ = true;
                view_.page = ProgrammePage::Menu;
                if (after_letter) next();
            }
            break;
        case CommandType::ProgrammeLeave:
            if (session_shown_ || view_.page == ProgrammePage::Letter) {
                if (unwritten_answers() && !letter_written_) {
                    fill_menu();
                    show_page(ProgrammePage::ConfirmLeave);
                    break;
                }
            }
            if (view_.page == ProgrammePage::ConfirmStop || view_.page == ProgrammePage::Questions) {
                fill_menu();
                show_page(ProgrammePage::Menu);
                break;
            }
            leave_session();
            return false;
        case CommandType::ProgrammeLeaveConfirm:
            if (view_.page == ProgrammePage::ConfirmLeave) {
                forget_questions();
                if (end_after_warning_) {
                    end_after_warning_ = false;
                    session_shown_ = true;
                    end_session();
                    break;
                }
                leave_session();
                return false;
            }
            break;
        case CommandType::ProgrammeSelectCategory:
            if (const Step* s = current_step(); s && s->type == StepType::ImpactMap && s->impact_map) {
                const int n = static_cast<int>(s->impact_map->categories.size());
                selected_category_ = (selected_category_ + (c.index == 0 ? n - 1 : 1)) % n;
            }
            break;
        case CommandType::Next: next(); break;
        case CommandType::Back: back(); break;
        case CommandType::Vote: vote(c.index); break;
        case CommandType::Choose: choose(c.index); break;
        default: break;
    }
    return true;
}

// [SECTION] Views

ui::HarmedAnswerView* ProgrammeFlow::answer_view() {
    const Step* s = current_step();
    if (!s || s->type != StepType::HarmedQuestions || harmed_.empty()) return nullptr;
    answer_.count = static_cast<int>(harmed_.size());
    answer_.index = std::clamp(question_, 0, answer_.count - 1);
    answer_.question = harmed_.question(static_cast<std::size_t>(answer_.index));
    answer_.notes = s->facilitator_notes;
    return &answer_;
}

ui::StepView ProgrammeFlow::step_view(ui::PollStepView& poll_view, PollView& poll, ui::ProgrammeStepView& prog) const {
    ui::StepView v;
    if (!in_session()) return v;
    const Navigator& nav = *run_->navigator();
    // The session's own title: the programme's is on every page before it, and the bar is short.
    const auto& sessions = run_->programme().def->sessions;
    const int si = run_->current_session() - 1;
    v.workshop_title = si >= 0 && si < static_cast<int>(sessions.size()) ? sessions[static_cast<std::size_t>(si)].title
                                                                         : run_->session_workshop()->def->title;
    const Module* m = nav.current_module();
    v.module_title = m ? m->title : std::string();
    // The participant sees the projector: no code there (the practitioner has it on the session page).
    v.progress = nav.progress_label();
    v.step = nav.current_step();
    v.is_consequence = nav.position().consequence >= 0;
    v.at_start = nav.at_start() && question_ == 0;
    v.at_end = false;  // Next at the end completes the session
    v.banner = save_error_;
    if (v.step && v.step->type == StepType::Poll && v.step->poll) {
        poll.def = &*v.step->poll;
        poll.state = PollState::Open;
        poll.votes = run_->answer_for(*v.step->poll).empty() ? 0 : 1;
        poll_view.poll = &poll;
        poll_view.show_buttons = true;
        poll_view.confirmation = !answer_confirm_.empty();
        poll_view.confirmation_text = answer_confirm_;
        v.poll = &poll_view;
    }
    if (v.step) {
        prog.placements = run_->impact_placements();
        prog.question = question_;
        prog.question_count = static_cast<int>(harmed_.size());
        if (v.step->type == StepType::HarmedQuestions && !harmed_.empty())
            prog.harmed_question = harmed_.question(static_cast<std::size_t>(std::clamp(question_, 0, prog.question_count - 1)));
        v.programme = &prog;
    }
    return v;
}

ui::FacilitatorView ProgrammeFlow::facilitator_view() const {
    ui::FacilitatorView f;
    if (!in_session()) return f;
    const Step* s = current_step();
    if (s) f.notes = s->facilitator_notes;
    if (s && s->type == StepType::RestorativeQuestions && question_ < static_cast<int>(s->questions.size())) {
        const auto& q = s->questions[static_cast<std::size_t>(question_)];
        std::string prompts;
        for (const std::string& p : q.prompts) prompts += "\xE2\x80\xA2 " + p + "\n";
        if (!prompts.empty()) f.notes = "Prompts for this question:\n" + prompts + "\n" + f.notes;
    }
    if (s && s->type == StepType::ImpactMap && s->impact_map) {
        const int n = static_cast<int>(s->impact_map->categories.size());
        const int i = std::clamp(selected_category_, 0, n - 1);
        f.notes = "Chosen with the arrow keys: " + s->impact_map->categories[static_cast<std::size_t>(i)].label +
                  " (Enter or its number moves it one ripple out).\n\n" + f.notes;
    }
    if (const Step* n = run_->navigator()->peek_next()) {
        std::string h = n->heading;
        if (h.empty() && n->poll) h = n->poll->question;
        f.next_title = std::string(to_string(n->type)) + ": " + h;
    } else {
        f.next_title = "This is the last step: Next ends the session.";
    }
    f.banner = save_error_;
    if (s && s->type == StepType::Poll && s->poll) {
        f.on_poll = true;
        f.votes = run_->answer_for(*s->poll).empty() ? "Not answered yet" : "Answered";
    }
    return f;
}

}  // namespace upstander::app
