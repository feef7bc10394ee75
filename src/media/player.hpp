#pragma once
// The video/audio player, structured like ffplay: a read thread demuxes into bounded packet queues,
// decoder threads (frame threading on) fill small frame queues, the SDL audio callback pulls samples,
// and the main thread shows the frame that is due against the master clock.
//
// Threads (all named): "media-read", "media-vdec", "media-adec", "media-sdec", plus SDL's audio thread.
// Every public member function is for the main thread (the one that owns the SDL_Renderer): the thread
// that made the Player. Debug builds assert it in each of them.
// Workers never touch the UI: they wake the event loop with an SDL user event (see PlayerConfig).
//
// Preloading: open() returns at once and opens the file, starts the decoders and decodes the first
// frame in the background, paused. When first_frame_ready() is true, play() starts the clip within
// one refresh. Open the next step's clip while the previous step is still on screen.

#include "clock.hpp"
#include "media_error.hpp"

#include <cassert>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

struct SDL_Renderer;
struct SDL_Texture;

namespace upstander::media {

struct OpenOptions {
    double start_seconds = 0;            // trim: play from here (seconds from the start of the file)
    std::optional<double> end_seconds;   // trim: stop here
    bool loop = false;                   // jump back to start_seconds at the end
    bool autoplay = false;               // play as soon as frames are ready (leave off when preloading)
    std::filesystem::path captions;      // sidecar .vtt/.srt; empty: use an embedded text subtitle stream
    int volume_percent = 100;
    bool muted = false;
};

// Reasons carried in SDL_UserEvent::code of the wake event. data1 is the Player* that sent it (compare
// it, never dereference it off the main thread).
enum class WakeReason : int { FirstFrame = 1, NewFrame = 2, Ended = 3, Failed = 4, Opened = 5 };

// The SDL event type the player pushes to wake the UI loop, registered once with SDL_RegisterEvents.
// Call it on the main thread after SDL_Init, and pass the value in PlayerConfig::wake_event_type.
std::uint32_t register_wake_event_type();

namespace player_detail {
// SDL 2.26 keeps its open-device table without a lock: whoever else in the process opens or closes an
// SDL audio device (the kiosk's vote chime) holds this lock while doing so, as the players do.
std::mutex& sdl_audio_mutex();
}  // namespace player_detail

struct PlayerConfig {
    TimeSource time;                     // empty: steady_time_source()
    std::uint32_t wake_event_type = 0;   // 0: push no events
    // Open an SDL audio device for sound. The caller must have done SDL_InitSubSystem(SDL_INIT_AUDIO);
    // when no device can be opened the clip plays silently on the system clock. Under
    // SDL_AUDIODRIVER=dummy, SDL still runs the callback in real time, so the audio clock works headless.
    bool audio_output = true;
    // Benchmark mode: no clock, no audio device; update() takes every decoded frame at once.
    bool untimed = false;
};

enum class PlayerStatus { Idle, Opening, Ready, Playing, Paused, Ended, Failed };
const char* to_string(PlayerStatus s);

// What the view needs to draw the current picture.
struct VideoPicture {
    SDL_Texture* texture = nullptr;  // owned by the Player; null until a frame has been uploaded
    int width = 0;                   // texture size in pixels
    int height = 0;
    double display_width = 0;        // after the sample aspect ratio, before rotation
    double display_height = 0;
    int rotation = 0;                // clockwise degrees to turn the picture for display: 0, 90, 180, 270
    double pts = 0;                  // position of the picture, seconds from the start of the file
    std::uint64_t generation = 0;    // bumps on every upload
};

struct PlaybackStats {
    long frames_decoded = 0;
    long frames_shown = 0;
    long frames_dropped = 0;    // late frames dropped before display (decoder and refresh)
    long av_samples = 0;
    double max_av_diff = 0;     // seconds, |video pts - audio clock| when a frame is shown
    double mean_av_diff = 0;
    double first_pts = NAN;     // seconds from the start of the file of the first and last frames shown
    double last_pts = NAN;
};

class Player {
public:
    explicit Player(PlayerConfig config = {});
    ~Player();  // stops every thread (abort, signal, join) and frees everything
    Player(const Player&) = delete;
    Player& operator=(const Player&) = delete;

    // [SECTION] Opening and closing
    // Closes any current clip, then starts opening `file` in the background (paused unless autoplay).
    void open(const std::filesystem::path& file, const OpenOptions& options = {});
    void close();  // clean shutdown; safe to call at any time, including mid-playback
    bool is_open() const {
        assert_main_thread();
        return session_ != nullptr;
    }
    const std::filesystem::path& file() const {
        assert_main_thread();
        return file_;
    }

    // [SECTION] State
    PlayerStatus status() const;
    bool first_frame_ready() const;         // the clip can start at once (or it has failed)
    std::optional<MediaError> error() const;
    bool has_video() const;
    bool has_audio() const;
    bool audio_output_active() const;       // an audio device is playing this clip's sound
    double duration() const;                // of the file, seconds (0 while unknown)
    double range_start() const;             // the trimmed range, seconds from the start of the file
    double range_end() const;
    double position() const;                // seconds from the start of the file
    bool paused() const;
    bool ended() const;

    // [SECTION] Control
    void play();          // at the end (no loop), play() starts again from range_start()
    void pause();
    void toggle_pause();
    void seek_to(double seconds);  // clamped to the trimmed range; lands within one frame
    void seek_by(double delta_seconds);
    void restart();       // seek to range_start() and play
    void set_volume(int percent);  // 0-100
    int volume() const {
        assert_main_thread();
        return volume_;
    }
    void set_muted(bool muted);
    bool muted() const {
        assert_main_thread();
        return muted_;
    }

    // [SECTION] Display (main thread)
    // Shows the frame that is due and uploads it into a texture for `renderer` (YUV420P with
    // SDL_UpdateYUVTexture, other formats converted by libswscale). `renderer` may be null (no upload).
    // Returns the seconds until update() should run again.
    double update(SDL_Renderer* renderer);
    const VideoPicture& picture() const {
        assert_main_thread();
        return picture_;
    }
    // Frees the texture; call before destroying the renderer it was made for.
    void release_texture();

    // [SECTION] Captions
    std::string caption_text() const;               // active at position(); empty when none
    bool has_captions() const;
    std::optional<std::string> captions_error() const;  // sidecar problem (the clip still plays)

    // [SECTION] Measuring
    PlaybackStats stats() const;
    // Blocks until a worker has something new for update() (a frame, the end, a failure) or the timeout.
    void wait_for_wake(double timeout_seconds);

private:
    struct Session;
    bool upload(SDL_Renderer* renderer, const void* av_frame);
    // Debug builds: the calling thread must be the one that made the Player.
    void assert_main_thread() const { assert(std::this_thread::get_id() == main_thread_ && "Player used off its thread"); }

    const std::thread::id main_thread_ = std::this_thread::get_id();
    PlayerConfig config_;
    std::filesystem::path file_;
    int volume_ = 100;
    bool muted_ = false;
    std::unique_ptr<Session> session_;
    // Main-thread display state.
    SDL_Texture* texture_ = nullptr;
    SDL_Renderer* texture_renderer_ = nullptr;
    std::uint32_t texture_format_ = 0;
    void* sws_ = nullptr;  // SwsContext*, kept for reuse between frames
    long untimed_shown_ = 0;
    double first_shown_pts_ = 0;
    double last_shown_pts_ = 0;
    bool any_shown_ = false;
    void note_shown(double raw_pts);
    VideoPicture picture_;
};

}  // namespace upstander::media
