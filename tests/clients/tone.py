"""Tone checks on recorded audio, in plain Python (no numpy).

A recording "carries" a tone when the Goertzel power at that frequency holds
most of the signal's energy: a wrong frequency, silence or noise all fail.
"""
import math
import struct


def read_wav(path):
    """(sample rate, mono 16-bit samples) of a PCM WAV file.

    Also reads a file its writer has not closed yet (the sizes in its header
    are still 0): everything after the "data" chunk header is taken."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AssertionError(f"{path}: not a WAV file")
    pos, rate, channels, bits = 12, None, 1, 16
    while pos + 8 <= len(data):
        chunk, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = pos + 8
        if chunk == b"fmt ":
            _, channels, rate, _, _, bits = struct.unpack("<HHIIHH", data[body:body + 16])
        elif chunk == b"data":
            end = body + size if size else len(data)
            pcm = data[body:min(end, len(data))]
            break
        pos = body + size + (size & 1)
    else:
        raise AssertionError(f"{path}: no data chunk")
    if bits != 16:
        raise AssertionError(f"{path}: {bits}-bit samples, expected 16")
    count = len(pcm) // 2
    samples = struct.unpack("<%dh" % count, pcm[:count * 2])
    if channels > 1:
        samples = samples[::channels]
    return rate, samples


def goertzel_power(samples, rate, freq):
    """Power of @freq in @samples (same scale as sum of squares / 2 * N)."""
    w = 2 * math.pi * freq / rate
    coeff = 2 * math.cos(w)
    s1 = s2 = 0.0
    for x in samples:
        s0 = x + coeff * s1 - s2
        s2, s1 = s1, s0
    return s1 * s1 + s2 * s2 - coeff * s1 * s2


def tone_share(samples, rate, freq):
    """Share (0..1) of the energy of @samples that lies at @freq."""
    n = len(samples)
    energy = sum(x * x for x in samples)
    if n == 0 or energy == 0:
        return 0.0
    # A pure sine of amplitude A: Goertzel power = (A*N/2)^2, energy = A^2*N/2.
    return min(1.0, goertzel_power(samples, rate, freq) / (energy * n / 2))


def rms(samples):
    return math.sqrt(sum(x * x for x in samples) / len(samples)) if samples else 0.0


def describe(samples, rate, freqs):
    """A line for failure messages: length, level and share of each frequency."""
    shares = ", ".join(f"{f} Hz {tone_share(samples, rate, f):.2f}" for f in freqs)
    return f"{len(samples) / rate:.2f} s, rms {rms(samples):.0f}, {shares}"
