"""Writes the kiosk's vote confirmation sound: a soft 150 ms chime (two sine partials, a 5 ms fade-in and an
exponential fade-out), 16-bit mono PCM at 48 kHz, peaking well below full scale so it never startles.
Deterministic: the same bytes every run. Usage: python3 tools/make_chime.py OUT.wav"""

import math
import struct
import sys
import wave

RATE = 48000
SECONDS = 0.150
PEAK = 0.30  # of full scale
PARTIALS = ((880.0, 1.0), (1320.0, 0.35))  # A5 and the fifth above it


def samples():
    n = int(RATE * SECONDS)
    attack = int(RATE * 0.005)
    norm = sum(a for _, a in PARTIALS)
    for i in range(n):
        t = i / RATE
        env = min(1.0, i / attack) * math.exp(-t / 0.045)
        # a short linear tail to reach exact silence at the last sample (no click)
        env *= min(1.0, (n - 1 - i) / (RATE * 0.010))
        v = sum(a * math.sin(2 * math.pi * f * t) for f, a in PARTIALS) / norm
        yield int(round(PEAK * env * v * 32767))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_chime.py OUT.wav")
    with wave.open(sys.argv[1], "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", s) for s in samples()))


if __name__ == "__main__":
    main()
