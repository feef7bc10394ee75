// Audio output: the SDL audio device a session opens (from its read thread) and the callback that
// SDL's audio thread runs to pull samples, resample them and set the audio clock.
#include "player_session.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/samplefmt.h>
}

#include <algorithm>
#include <cmath>
#include <cstring>

namespace upstander::media {

using namespace player_detail;

namespace {

AVSampleFormat sample_format_for(SDL_AudioFormat f) {
    switch (f) {
        case AUDIO_U8: return AV_SAMPLE_FMT_U8;
        case AUDIO_S16SYS: return AV_SAMPLE_FMT_S16;
        case AUDIO_S32SYS: return AV_SAMPLE_FMT_S32;
        case AUDIO_F32SYS: return AV_SAMPLE_FMT_FLT;
        default: return AV_SAMPLE_FMT_NONE;
    }
}
}  // namespace

// [SECTION] Audio output (SDL audio thread)
bool Player::Session::open_audio_device(const AVCodecContext* codec) {
    assert_read_thread();
    if (!SDL_WasInit(SDL_INIT_AUDIO)) return false;
    SDL_AudioSpec wanted{}, obtained{};
    wanted.freq = codec->sample_rate;
    wanted.format = AUDIO_S16SYS;
    wanted.channels = static_cast<Uint8>(std::clamp(codec->ch_layout.nb_channels, 1, 8));
    wanted.samples = static_cast<Uint16>(
        std::max(kAudioMinBufferSamples, 2 << av_log2(static_cast<unsigned>(wanted.freq / kAudioMaxCallbacksPerSecond))));
    wanted.callback = &Session::audio_callback;
    wanted.userdata = this;
    SDL_AudioDeviceID dev;
    {
        std::lock_guard lock(sdl_audio_mutex());
        dev = SDL_OpenAudioDevice(nullptr, 0, &wanted, &obtained,
                                  SDL_AUDIO_ALLOW_FREQUENCY_CHANGE | SDL_AUDIO_ALLOW_CHANNELS_CHANGE |
                                      SDL_AUDIO_ALLOW_FORMAT_CHANGE);
        if (dev && sample_format_for(obtained.format) == AV_SAMPLE_FMT_NONE) {
            // A sample format we cannot produce: let SDL convert from S16 instead.
            SDL_CloseAudioDevice(dev);
            dev = SDL_OpenAudioDevice(nullptr, 0, &wanted, &obtained,
                                      SDL_AUDIO_ALLOW_FREQUENCY_CHANGE | SDL_AUDIO_ALLOW_CHANNELS_CHANGE);
        }
    }
    if (!dev) return false;
    AudioTarget t;
    t.freq = obtained.freq;
    t.channels = obtained.channels;
    t.sdl_format = obtained.format;
    t.format = sample_format_for(obtained.format);
    t.silence = obtained.silence;
    t.frame_size = t.channels * av_get_bytes_per_sample(t.format);
    t.bytes_per_sec = t.freq * t.frame_size;
    t.hw_buf_size = static_cast<int>(obtained.size);
    audio_target = t;  // the device is still paused, so the callback has not run yet
    audio_dev = dev;
    return true;
}

int Player::Session::audio_decode_frame() {
    if (paused) return -1;
    const AudioTarget& t = audio_target;
    DecodedFrame* af = nullptr;
    // Wait up to half a device buffer for the decoder; after that, play silence rather than stall.
    const auto patience = std::chrono::microseconds(
        static_cast<std::int64_t>(500000.0 * t.hw_buf_size / std::max(1, t.bytes_per_sec)));
    do {
        af = sampq.peek_readable(patience);
        if (!af) return -1;
        sampq.next();  // keep_last: af stays valid until the next call
    } while (af->serial != audioq.serial());

    AVFrame* f = af->frame.get();
    if (!swr || swr_in_rate != f->sample_rate || swr_in_format != f->format ||
        av_channel_layout_compare(&swr_in_layout, &f->ch_layout) != 0) {
        AVChannelLayout out_layout{};
        av_channel_layout_default(&out_layout, t.channels);
        SwrContext* ctx = nullptr;
        int err = swr_alloc_set_opts2(&ctx, &out_layout, t.format, t.freq, &f->ch_layout,
                                      static_cast<AVSampleFormat>(f->format), f->sample_rate, 0, nullptr);
        av_channel_layout_uninit(&out_layout);
        swr.reset(ctx);
        if (err < 0 || swr_init(swr.get()) < 0) {
            swr.reset();
            return -1;
        }
        swr_in_rate = f->sample_rate;
        swr_in_format = f->format;
        av_channel_layout_uninit(&swr_in_layout);
        av_channel_layout_copy(&swr_in_layout, &f->ch_layout);
    }
    const int out_count = static_cast<int>(static_cast<std::int64_t>(f->nb_samples) * t.freq / f->sample_rate + 256);
    const int out_size = av_samples_get_buffer_size(nullptr, t.channels, out_count, t.format, 0);
    if (out_size < 0) return -1;
    if (audio_buf.size() < static_cast<std::size_t>(out_size)) audio_buf.resize(static_cast<std::size_t>(out_size));
    std::uint8_t* out = audio_buf.data();
    int converted = swr_convert(swr.get(), &out, out_count, const_cast<const std::uint8_t**>(f->extended_data),
                                f->nb_samples);
    if (converted < 0) return -1;
    audio_clock = std::isnan(af->pts) ? NAN : af->pts + af->duration;
    audio_clock_serial = af->serial;
    return converted * t.frame_size;
}

void Player::Session::fill_audio(Uint8* stream, int len) {
    if (audio_callback_id == std::thread::id{}) audio_callback_id = std::this_thread::get_id();
    assert(audio_callback_id == std::this_thread::get_id());
    const AudioTarget& t = audio_target;
    const double callback_time = time();
    while (len > 0) {
        if (audio_buf_index >= audio_buf_size) {
            int size = audio_decode_frame();
            if (size < 0) {
                audio_buf_silent = true;
                audio_buf_size = static_cast<std::size_t>(kAudioMinBufferSamples / t.frame_size * t.frame_size);
                if (audio_buf_size == 0) audio_buf_size = static_cast<std::size_t>(t.frame_size);
            } else {
                audio_buf_silent = false;
                audio_buf_size = static_cast<std::size_t>(size);
            }
            audio_buf_index = 0;
        }
        int chunk = static_cast<int>(std::min<std::size_t>(audio_buf_size - audio_buf_index, static_cast<std::size_t>(len)));
        const int vol = volume.load();
        if (!audio_buf_silent && vol == SDL_MIX_MAXVOLUME) {
            std::memcpy(stream, audio_buf.data() + audio_buf_index, static_cast<std::size_t>(chunk));
        } else {
            std::memset(stream, t.silence, static_cast<std::size_t>(chunk));
            if (!audio_buf_silent && vol > 0)
                SDL_MixAudioFormat(stream, audio_buf.data() + audio_buf_index, t.sdl_format,
                                   static_cast<Uint32>(chunk), vol);
        }
        len -= chunk;
        stream += chunk;
        audio_buf_index += static_cast<std::size_t>(chunk);
    }
    const double write_buf = static_cast<double>(audio_buf_size - audio_buf_index);
    if (!std::isnan(audio_clock) && !paused) {  // a paused clock stays frozen where the pause left it
        // What the listener hears now is what we queued a device buffer or two ago.
        clocks.audio.set_at(audio_clock - (2.0 * t.hw_buf_size + write_buf) / t.bytes_per_sec, audio_clock_serial,
                            callback_time);
        clocks.external.sync_to(clocks.audio);
    }
}
}  // namespace upstander::media
