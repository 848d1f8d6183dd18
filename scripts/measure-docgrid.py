#!/usr/bin/env python3
"""Characters per line of the DOCX body under two ways of getting 28 三号 characters on a line
(issue 12 item 6), in Word's model and in LibreOffice:

- condensed: a lines-only grid (`w:docGrid w:type="lines"`) and −0.25 pt character spacing on Normal
  (`w:spacing w:val="-5"`), what report-press writes;
- linesAndChars: Word's character grid (`w:type="linesAndChars"`) with `w:charSpace` computed so that
  28 characters of Normal's size fill the text width, and no condensed spacing;
- linesAndChars+condensed: that grid with the condensed spacing kept; snapToChars: the grid type
  that snaps to cells without fixing their count.

Usage: python3 scripts/measure-docgrid.py DIR   (DIR as written by scripts/measure-typography.ts).
Word's model: ECMA-376 §17.6.5, a grid cell is Normal's font size plus charSpace/4096 pt, and a line
holds floor(text width / cell) cells. LibreOffice: each variant converted headless with the fontconfig
of compare-lo.py (LO_FONTCONFIG), then `pdftotext -layout` lines made only of Chinese characters and
full-width punctuation are counted by length (a full line of a justified paragraph is 28, a first
line 26). Prints JSON. Needs LibreOffice Writer and poppler-utils; not part of the test suite.
"""
import collections, json, math, os, re, shutil, subprocess, sys, zipfile

d = sys.argv[1]
docs = sorted(f for f in os.listdir(d) if f.endswith('.docx'))
env = dict(os.environ, HOME="/tmp/typo-lo-home", FONTCONFIG_FILE=os.environ.get("LO_FONTCONFIG", "/tmp/typo-fc/fonts.conf"))

TWIPS_PER_PT = 20
CHARS = 28


def text_width_twips(document_xml):
    size = re.search(r'<w:pgSz [^>]*w:w="(\d+)"', document_xml).group(1)
    left = re.search(r'<w:pgMar [^>]*w:left="(\d+)"', document_xml).group(1)
    right = re.search(r'<w:pgMar [^>]*w:right="(\d+)"', document_xml).group(1)
    return int(size) - int(left) - int(right)


def normal_size_pt(styles_xml):
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles_xml).group(0)
    return int(re.search(r'<w:sz w:val="(\d+)"', normal).group(1)) / 2


def word_chars_per_line(width_twips, size_pt, char_space, spacing_twentieths):
    """Word's model: with a character grid a cell is size + charSpace/4096; without one a character
    advances its size plus the run's spacing."""
    width_pt = width_twips / TWIPS_PER_PT
    cell = size_pt + char_space / 4096 if char_space is not None else size_pt + spacing_twentieths / TWIPS_PER_PT
    return math.floor(width_pt / cell + 1e-9)


def rewrite(src, dst, grid_type, char_space, keep_condensed):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == 'word/document.xml':
                data = re.sub(rb'<w:docGrid [^>]*/>', f'<w:docGrid w:type="{grid_type}" w:linePitch="579" w:charSpace="{char_space}"/>'.encode(), data)
            if item.filename == 'word/styles.xml' and not keep_condensed:
                # Normal's condensed spacing goes; the title's explicit 0 stays.
                data = data.replace(b'<w:spacing w:val="-5"/>', b'')
            zout.writestr(item, data)


# name → (grid type, keep Normal's −0.25 pt); None: the DOCX as written.
VARIANTS = {
    'condensed': None,
    'linesAndChars': ('linesAndChars', False),
    'linesAndChars+condensed': ('linesAndChars', True),
    'snapToChars': ('snapToChars', False),
}


CJK_LINE = re.compile(r'^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026]+$')
PAGE = re.compile(r'^[—\-–]\s*\d+\s*[—\-–]$')


def line_lengths(pdf):
    text = subprocess.run(['pdftotext', '-layout', pdf, '-'], check=True, capture_output=True, text=True).stdout
    counts = collections.Counter()
    for raw in text.split('\n'):
        s = re.sub(r'\s+', '', raw.replace('\f', ''))
        if s and not PAGE.match(s) and CJK_LINE.match(s):
            counts[len(s)] += 1
    return counts


def pages(pdf):
    info = subprocess.run(['pdfinfo', pdf], check=True, capture_output=True, text=True).stdout
    return int(re.search(r'Pages:\s+(\d+)', info).group(1))


first = zipfile.ZipFile(os.path.join(d, docs[0]))
width = text_width_twips(first.read('word/document.xml').decode())
size = normal_size_pt(first.read('word/styles.xml').decode())
# The largest charSpace (in 4096ths of a point) with which 28 cells still fit the width.
char_space = math.floor(((width / TWIPS_PER_PT) / CHARS - size) * 4096)

result = {'textWidthTwips': width, 'normalSizePt': size, 'charSpace': char_space, 'word': {
    'condensed': word_chars_per_line(width, size, None, -5),
    'linesAndChars': word_chars_per_line(width, size, char_space, 0),
    'linesAndChars+condensed': word_chars_per_line(width, size, char_space, 0),
}, 'libreoffice': {}}

for variant, how in VARIANTS.items():
    folder = os.path.join(d, 'grid-' + variant)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for f in docs:
        if how is None:
            shutil.copy(os.path.join(d, f), os.path.join(folder, f))
        else:
            rewrite(os.path.join(d, f), os.path.join(folder, f), how[0], char_space, how[1])
    subprocess.run(['soffice', '--headless', '--convert-to', 'pdf', '--outdir', folder] + [os.path.join(folder, f) for f in docs],
                   check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lengths = collections.Counter()
    page_match = 0
    for f in docs:
        pdf = os.path.join(folder, f[:-5] + '.pdf')
        lengths += line_lengths(pdf)
        page_match += pages(pdf) == pages(os.path.join(d, f[:-5] + '.pdf'))
    result['libreoffice'][variant] = {
        'longestChineseLine': max(lengths),
        'chineseLinesByLength': dict(sorted(lengths.items(), reverse=True)[:6]),
        'pagesEqualToPdf': f'{page_match} / {len(docs)}',
    }

ours = collections.Counter()
for f in docs:
    ours += line_lengths(os.path.join(d, f[:-5] + '.pdf'))
result['pdf'] = {'longestChineseLine': max(ours), 'chineseLinesByLength': dict(sorted(ours.items(), reverse=True)[:6])}
print(json.dumps(result, ensure_ascii=False, indent=1))
