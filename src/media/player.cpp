// The player's public API (main thread). The worker threads' code is in player_core.cpp (read and
// decode) and player_audio.cpp (the SDL audio callback); display and texture upload in
// player_display.cpp. player_session.hpp holds the state they share.
#include "player_session.hpp"

#include <algorithm>
#include <cmath>

namespace upstander::media {

using namespace player_detail;

std::uint32_t register_wake_event_type() {
    // An event type is a process-wide constant once registered, like SDL's own types.
    static const std::uint32_t type = SDL_RegisterEvents(1);
    return type == static_cast<std::uint32_t>(-1) ? 0 : type;
}

const char* to_string(PlayerStatus s) {
    switch (s) {
        case PlayerStatus::Idle: return "idle";
        case PlayerStatus::Opening: return "opening";
        case PlayerStatus::Ready: return "ready";
        case PlayerStatus::Playing: return "playing";
        case PlayerStatus::Paused: return "paused";
        case PlayerStatus::Ended: return "ended";
        case PlayerStatus::Failed: return "failed";
    }
    return "?";
}
// [SECTION] Player API (main thread)
Player::Player(PlayerConfig config) : config_(std::move(config)) {
    assert_main_thread();
    if (!config_.time) config_.time = steady_time_source();
}

Player::~Player() {
    assert_main_thread();
    close();
    release_texture();
}

void Player::open(const std::filesystem::path& file, const OpenOptions& options) {
    assert_main_thread();
    close();
    file_ = file;
    OpenOptions opts = options;
    volume_ = std::clamp(options.volume_percent, 0, 100);
    muted_ = options.muted;
    session_ = std::make_unique<Session>(this, file, opts, config_);
    session_->volume = muted_ ? 0 : volume_ * SDL_MIX_MAXVOLUME / 100;
    picture_ = VideoPicture{};
    picture_.texture = nullptr;
    untimed_shown_ = 0;
    any_shown_ = false;
    session_->start();
}

void Player::close() {
    assert_main_thread();
    session_.reset();
}

PlayerStatus Player::status() const {
    assert_main_thread();
    if (!session_) return PlayerStatus::Idle;
    if (session_->failed) return PlayerStatus::Failed;
    if (session_->ended) return PlayerStatus::Ended;
    if (!session_->first_frame_ready) return PlayerStatus::Opening;
    if (session_->paused) return session_->ever_played ? PlayerStatus::Paused : PlayerStatus::Ready;
    return PlayerStatus::Playing;
}

bool Player::first_frame_ready() const {
    assert_main_thread();
    return session_ && (session_->first_frame_ready || session_->failed);
}

std::optional<MediaError> Player::error() const {
    assert_main_thread();
    if (!session_) return std::nullopt;
    Lock lock(session_->info_mutex);
    return session_->error;
}

bool Player::has_video() const {
    assert_main_thread();
    if (!session_) return false;
    Lock lock(session_->info_mutex);
    return session_->has_video;
}

bool Player::has_audio() const {
    assert_main_thread();
    if (!session_) return false;
    Lock lock(session_->info_mutex);
    return session_->has_audio;
}

bool Player::audio_output_active() const {
    assert_main_thread();
    return session_ && session_->clocks.audio_master;
}

double Player::duration() const {
    assert_main_thread();
    if (!session_) return 0;
    Lock lock(session_->info_mutex);
    return session_->duration;
}

double Player::range_start() const {
    assert_main_thread();
    if (!session_) return 0;
    Lock lock(session_->info_mutex);
    return session_->range_start;
}

double Player::range_end() const {
    assert_main_thread();
    if (!session_) return 0;
    Lock lock(session_->info_mutex);
    return session_->range_end;
}

double Player::position() const {
    assert_main_thread();
    if (!session_) return 0;
    double origin, start, end;
    {
        Lock lock(session_->info_mutex);
        origin = session_->origin;
        start = session_->range_start;
        end = session_->range_end;
    }
    if (session_->ended) return end;
    double m = session_->clocks.master();
    if (std::isnan(m) && session_->clocks.audio_master) m = session_->clocks.video.get();
    double rel = std::isnan(m) ? (std::isnan(session_->pending_position) ? start : session_->pending_position)
                               : m - origin;
    if (end > 0) rel = std::min(rel, end);
    return std::max(0.0, rel);
}

bool Player::paused() const {
    assert_main_thread();
    return !session_ || session_->paused;
}
bool Player::ended() const {
    assert_main_thread();
    return session_ && session_->ended;
}

void Player::toggle_pause() {
    assert_main_thread();
    if (!session_) return;
    Session& s = *session_;
    if (s.ended && s.paused == false) {
        restart();
        return;
    }
    const bool resume = s.paused;
    if (resume) {
        s.scheduler.on_resume(config_.time(), s.clocks.video);
        s.ever_played = true;
    }
    s.paused = !resume;
    s.clocks.set_paused(!resume);
    s.wake_read_thread();
}

void Player::play() {
    assert_main_thread();
    if (!session_) return;
    if (session_->ended) {
        restart();
        return;
    }
    if (session_->paused) toggle_pause();
}

void Player::pause() {
    assert_main_thread();
    if (session_ && !session_->paused) toggle_pause();
}

void Player::seek_to(double seconds) {
    assert_main_thread();
    if (!session_) return;
    Session& s = *session_;
    double start, end, origin;
    {
        Lock lock(s.info_mutex);
        start = s.range_start;
        end = s.range_end;
        origin = s.origin;
    }
    double target = std::max(start, seconds);
    if (end > start) target = std::min(target, std::max(start, end - 0.05));
    {
        std::lock_guard lock(s.control_mutex);
        s.seek_request = true;
        s.seek_target = target + origin;
    }
    s.control_cv.notify_all();
    s.pending_position = target;
    s.ended = false;
}

void Player::seek_by(double delta_seconds) {
    assert_main_thread();
    seek_to(position() + delta_seconds);
}

void Player::restart() {
    assert_main_thread();
    if (!session_) return;
    seek_to(range_start());
    session_->ended = false;
    if (session_->paused) toggle_pause();
}

void Player::set_volume(int percent) {
    assert_main_thread();
    volume_ = std::clamp(percent, 0, 100);
    if (session_) session_->volume = muted_ ? 0 : volume_ * SDL_MIX_MAXVOLUME / 100;
}

void Player::set_muted(bool muted) {
    assert_main_thread();
    muted_ = muted;
    set_volume(volume_);
}
// [SECTION] Captions and measuring
std::string Player::caption_text() const {
    assert_main_thread();
    if (!session_) return {};
    return session_->captions.text_at(position());
}

bool Player::has_captions() const {
    assert_main_thread();
    if (!session_) return false;
    Lock lock(session_->info_mutex);
    return session_->captions_present;
}

std::optional<std::string> Player::captions_error() const {
    assert_main_thread();
    if (!session_) return std::nullopt;
    Lock lock(session_->info_mutex);
    return session_->captions_error;
}

PlaybackStats Player::stats() const {
    assert_main_thread();
    PlaybackStats st;
    if (!session_) return st;
    const SyncStats& sync = session_->scheduler.stats();
    st.frames_decoded = session_->frames_decoded;
    st.frames_shown = config_.untimed ? untimed_shown_ : sync.frames_shown;
    st.frames_dropped = sync.frames_dropped + session_->early_drops;
    st.av_samples = sync.av_samples;
    st.max_av_diff = sync.av_diff_max;
    st.mean_av_diff = sync.av_samples ? sync.av_diff_sum / static_cast<double>(sync.av_samples) : 0.0;
    if (any_shown_) {
        st.first_pts = first_shown_pts_;
        st.last_pts = last_shown_pts_;
    }
    return st;
}

void Player::wait_for_wake(double timeout_seconds) {
    assert_main_thread();
    if (!session_) return;
    Session& s = *session_;
    std::unique_lock lock(s.wake_mutex);
    s.wake_cv.wait_for(lock, std::chrono::duration<double>(timeout_seconds), [&] { return s.wake_pending; });
}
}  // namespace upstander::media
