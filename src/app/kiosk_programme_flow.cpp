// KioskState's part of the one-to-one programme workflow: which commands and keys go to the
// ProgrammeFlow, and the title screen's way in and out of Screen::Programme.
#include "kiosk_state.hpp"

#include "core/session_store.hpp"

#include <cstdlib>

namespace upstander::app {

void KioskState::make_programme_flow() {
    const char* home = std::getenv("HOME");
    const char* user = std::getenv("USER");
    programme_ = std::make_unique<ProgrammeFlow>(
        library_, config_.data_dir, config_.config.programme_public_key, config_.config.programme_public_key_invalid,
        default_letter_folder(home ? std::filesystem::path(home) : std::filesystem::path(), user ? user : ""));
}

bool KioskState::programme_command(const ui::Command& c, SteadyTime now) {
    using ui::CommandType;
    if (!programme_) return false;
    switch (c.type) {
        case CommandType::ProgrammeStart:
        case CommandType::ProgrammeContinue:
            if (screen_ != Screen::Title) return true;
            if (c.type == CommandType::ProgrammeStart) {
                if (!library_.find_programme(c.text)) return true;
                programme_->open_start(c.text);
            } else {
                programme_->open_continue();
            }
            screen_ = Screen::Programme;
            notice_.clear();
            request_redraw();
            return true;
        case CommandType::Next:
        case CommandType::Back:
        case CommandType::Vote:
        case CommandType::Choose:
            if (screen_ != Screen::Programme) return false;
            break;
        default:
            if (c.type < CommandType::ProgrammeStart) return false;
            if (screen_ != Screen::Programme) return true;
            break;
    }
    note_activity(now);
    if (!programme_->apply(c, local_date_today())) {
        screen_ = Screen::Title;
        notice_ = programme_->notice();
        requests_.clear_images = true;
    }
    request_redraw();
    return true;
}

std::optional<ui::Command> KioskState::programme_key(const KeyPress& key) const {
    if (!programme_ || !programme_->in_session()) {
        // The pages: Esc goes back; the rest is typed or clicked.
        if (key.key == ui::Key::Escape) return ui::Command{ui::CommandType::ProgrammeLeave, -1, {}};
        return std::nullopt;
    }
    const ui::KeyBinding* b = ui::find_binding(ui::KeyContext::Programme, key.key, key.shift);
    if (!b) return std::nullopt;
    return ui::Command{b->command, b->index, {}};
}

}  // namespace upstander::app
