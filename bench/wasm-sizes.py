#!/usr/bin/env python3
"""Where a wasm's bytes go: code bytes summed by crate, then the largest
functions (what twiggy calls shallow bytes), read from the wasm's own name
section. Nothing to install.

    DEMINEURS_WASM_NAMES=/tmp/w cargo xtask build
    python3 bench/wasm-sizes.py /tmp/w/demineurs-phone.wasm [how many rows]

`cargo xtask build` with DEMINEURS_WASM_NAMES keeps, beside the site, each
wasm as optimised for the site but with its function names. A function is
counted under the crate its name starts with (for `<T as Trait>::f`, the
type's crate); generic code lands in the crate that defines it.
"""
import collections
import re
import sys

CODE, DATA, IMPORT, CUSTOM = 10, 11, 2, 0
FUNCTION_NAMES = 1


def leb(buf, i):
    """An unsigned LEB128 at `i`: (value, index after it)."""
    value = shift = 0
    while True:
        byte = buf[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def skip_name(buf, i):
    length, i = leb(buf, i)
    return i + length


def imported_functions(buf, i):
    """How many functions the import section brings (they come first in the index space)."""
    count, i = leb(buf, i)
    functions = 0
    for _ in range(count):
        i = skip_name(buf, skip_name(buf, i))
        kind = buf[i]
        i += 1
        if kind == 0:  # function: its type index
            _, i = leb(buf, i)
            functions += 1
        elif kind in (1, 2):  # table (element type first) or memory: limits
            if kind == 1:
                i += 1
            flags, i = leb(buf, i)
            _, i = leb(buf, i)
            if flags & 1:
                _, i = leb(buf, i)
        elif kind == 3:  # global: value type and mutability
            i += 2
    return functions


def function_sizes(buf, i):
    count, i = leb(buf, i)
    sizes = []
    for _ in range(count):
        size, start = leb(buf, i)
        sizes.append(size + (start - i))
        i = start + size
    return sizes


def function_names(buf, i, end):
    names = {}
    i = skip_name(buf, i)
    while i < end:
        kind = buf[i]
        size, i = leb(buf, i + 1)
        if kind == FUNCTION_NAMES:
            count, j = leb(buf, i)
            for _ in range(count):
                index, j = leb(buf, j)
                length, j = leb(buf, j)
                names[index] = buf[j:j + length].decode('utf-8', 'replace')
                j += length
        i += size
    return names


def read(path):
    buf = open(path, 'rb').read()
    i, imported, sizes, names, data = 8, 0, [], {}, 0
    while i < len(buf):
        section = buf[i]
        size, i = leb(buf, i + 1)
        end = i + size
        if section == IMPORT:
            imported = imported_functions(buf, i)
        elif section == CODE:
            sizes = function_sizes(buf, i)
        elif section == DATA:
            data = size
        elif section == CUSTOM and buf[i:end].startswith(b'\x04name'):
            names = function_names(buf, i, end)
        i = end
    named = [(names.get(imported + k, f'function {imported + k}'), s) for k, s in enumerate(sizes)]
    return len(buf), data, named


def unescape(name):
    for escaped, plain in (('$LT$', '<'), ('$GT$', '>'), ('$RF$', '&'), ('$u20$', ' '),
                           ('$BP$', '*'), ('$C$', ','), ('$u7b$', '{'), ('$u7d$', '}'),
                           ('..', '::')):
        name = name.replace(escaped, plain)
    return name


def crate_of(name):
    """The first path segment of a (possibly mangled) Rust symbol."""
    if name.startswith('_ZN'):  # legacy mangling: <length><segment>…
        m = re.match(r'_ZN(\d+)', name)
        segment = name[m.end():m.end() + int(m.group(1))]
        name = unescape(segment[1:] if segment.startswith('_$') else segment)
    elif name.startswith('_R'):  # v0 mangling: the crate root is C<hash>_<length><name>
        m = re.search(r'C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_])', name)
        if m:
            return name[m.start(2):m.start(2) + int(m.group(1))]
    name = name.lstrip('<&').replace('mut ', '').replace('dyn ', '')
    m = re.match(r'[A-Za-z_][A-Za-z0-9_]*', name)
    return m.group(0) if m else name[:20]


def main():
    path = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    file_size, data, named = read(path)
    code = sum(size for _, size in named)
    print(f'{path}: {file_size} bytes; code {code} in {len(named)} functions; data {data}')
    by_crate = collections.Counter()
    for name, size in named:
        by_crate[crate_of(name)] += size
    for crate, size in by_crate.most_common(rows):
        print(f'{size:8d} {100 * size / code:5.1f}%  {crate}')
    print('largest functions:')
    for name, size in sorted(named, key=lambda n: -n[1])[:rows]:
        print(f'{size:8d}  {unescape(name)[:140]}')


if __name__ == '__main__':
    main()
