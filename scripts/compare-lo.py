#!/usr/bin/env python3
"""LibreOffice vs our PDF: page counts and line-break positions of every report in a folder.

Usage: python3 scripts/compare-lo.py DIR   (DIR holds NAME.docx and NAME.pdf pairs, as written by
scripts/measure-typography.ts). Converts each DOCX with `soffice --headless --convert-to pdf` into
DIR/lo/, then compares `pdftotext -layout` of both PDFs: the text of each line with white space
removed, page-number lines dropped; a break is the character offset where a line ends, LibreOffice's
mapped onto our text after aligning the two (it may drop a hanging mark). Prints a JSON summary. Needs LibreOffice Writer and poppler-utils; not part of the test suite.
"""
import difflib, json, os, re, subprocess, sys

d = sys.argv[1]
lo = os.path.join(d, 'lo')
os.makedirs(lo, exist_ok=True)
docs = sorted(f for f in os.listdir(d) if f.endswith('.docx'))
env = dict(os.environ, HOME="/tmp/typo-lo-home", FONTCONFIG_FILE=os.environ.get("LO_FONTCONFIG", "/tmp/typo-fc/fonts.conf"))
subprocess.run(['soffice', '--headless', '--convert-to', 'pdf', '--outdir', lo] + [os.path.join(d, f) for f in docs],
               check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

PAGE = re.compile(r'^[—\-–]\s*\d+\s*[—\-–]$')

def lines(pdf):
    text = subprocess.run(['pdftotext', '-layout', pdf, '-'], check=True, capture_output=True, text=True).stdout
    out = []
    for raw in text.split('\n'):
        s = re.sub(r'\s+', '', raw.replace('\f', ''))
        if s and not PAGE.match(s):
            out.append(s)
    return out

def breaks(ls):
    at, res = 0, set()
    for s in ls:
        at += len(s)
        res.add(at)
    return res

def mapped(breaks_b, ja, jb):
    """LibreOffice's break offsets moved onto our text: the two texts are aligned first, since
    LibreOffice 7.4 sometimes drops a mark it hangs past the edge from its PDF (so one lost `，`
    would otherwise count every later break of the report as moved)."""
    # A break is where the next line's first character is: mapped through that character, so a
    # mark LibreOffice dropped at the end of the line does not move the break.
    shift = {len(jb): len(ja)}
    for a0, b0, size in difflib.SequenceMatcher(None, ja, jb, autojunk=False).get_matching_blocks():
        for k in range(size):
            shift[b0 + k] = a0 + k
    return {shift[b] for b in breaks_b if b in shift}

def run_in_spans(name, ja):
    """Where the paragraphs that open with a run-in heading are in our text (from
    measure-typography.ts's NAME.run-in.json), as (start, end) offsets."""
    path = os.path.join(d, name + '.run-in.json')
    spans, at = [], 0
    for text in (json.load(open(path)) if os.path.exists(path) else []):
        t = re.sub(r'\s+', '', text)
        i = ja.find(t, at)
        if i >= 0:
            spans.append((i, i + len(t)))
            at = i + len(t)
    return spans

def pages(pdf):
    info = subprocess.run(['pdfinfo', pdf], check=True, capture_output=True, text=True).stdout
    return int(re.search(r'Pages:\s+(\d+)', info).group(1))

total = 0
total_run_in = 0
rows = []
for f in docs:
    name = f[:-5]
    ours, theirs = os.path.join(d, name + '.pdf'), os.path.join(lo, name + '.pdf')
    a, b = lines(ours), lines(theirs)
    ja, jb = ''.join(a), ''.join(b)
    ba, bb = breaks(a), mapped(breaks(b), ja, jb)
    diff = len(ba ^ bb)
    spans = run_in_spans(name, ja)
    in_run_in = sum(1 for b in ba ^ bb if any(s < b <= e for s, e in spans))
    lost = sum(size for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ja, jb, autojunk=False).get_opcodes()
               if tag != 'equal' for size in [max(i2 - i1, j2 - j1)])
    total += diff
    total_run_in += in_run_in
    rows.append({'report': name[:40], 'pagesPdf': pages(ours), 'pagesLo': pages(theirs), 'linesPdf': len(a), 'linesLo': len(b),
                 'differingBreaks': diff, 'inRunInParagraphs': in_run_in, 'charactersNotInBoth': lost})
print(json.dumps({'differingBreaks': total, 'inRunInParagraphs': total_run_in, 'reports': rows}, ensure_ascii=False, indent=1))
