#!/usr/bin/env python3
"""Regenerates color.png (192x192) and outline.png (32x32, white on transparent) for the Teams app package.
Standard library only (zlib + struct): run `python3 make-icons.py` in this folder."""
import struct, zlib

def png(path, w, h, pixel):
    rows = b''.join(b'\x00' + b''.join(bytes(pixel(x, y)) for x in range(w)) for y in range(h))
    def chunk(kind, data):
        c = kind + data
        return struct.pack('>I', len(data)) + c + struct.pack('>I', zlib.crc32(c) & 0xffffffff)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 6, 0, 0, 0)) \
        + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b'')
    open(path, 'wb').write(data)

# 5x7 glyphs for "8" and "x".
GLYPHS = {
    '8': ["01110", "10001", "10001", "01110", "10001", "10001", "01110"],
    'x': ["00000", "00000", "10001", "01010", "00100", "01010", "10001"],
}

def text_mask(text, scale, gap, w, h, dy=0):
    width = len(text) * 5 * scale + (len(text) - 1) * gap
    x0, y0 = (w - width) // 2, (h - 7 * scale) // 2 + dy
    on = set()
    for i, ch in enumerate(text):
        gx = x0 + i * (5 * scale + gap)
        for r, row in enumerate(GLYPHS[ch]):
            for c, bit in enumerate(row):
                if bit == '1':
                    for yy in range(scale):
                        for xx in range(scale):
                            on.add((gx + c * scale + xx, y0 + r * scale + yy))
    return on

# color.png: 192x192, 8x8 red, white "8x8" (full-bleed background, as Teams asks for color icons).
big = text_mask("8x8", 8, 8, 192, 192)
png('color.png', 192, 192, lambda x, y: (255, 255, 255, 255) if (x, y) in big else (0xd5, 0x00, 0x32, 255))

# outline.png: 32x32, white on transparent: a rounded frame around a small "8x8".
small = text_mask("8x8", 2, 1, 32, 32)
def outline(x, y):
    inside = 1 <= x <= 30 and 1 <= y <= 30
    corner = min(x - 1, 30 - x) < 3 and min(y - 1, 30 - y) < 3 and (min(x - 1, 30 - x) + min(y - 1, 30 - y)) < 2
    frame = inside and not corner and (x in (1, 2, 29, 30) or y in (1, 2, 29, 30))
    return (255, 255, 255, 255) if (x, y) in small or frame else (255, 255, 255, 0)
png('outline.png', 32, 32, outline)
