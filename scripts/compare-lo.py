#!/usr/bin/env python3
"""LibreOffice vs our PDF: page counts and line-break positions of every report in a folder.

Usage: python3 scripts/compare-lo.py DIR   (DIR holds NAME.docx and NAME.pdf pairs, as written by
scripts/measure-typography.ts). Converts each DOCX with `soffice --headless --convert-to pdf` into
DIR/lo/, then compares `pdftotext -layout` of both PDFs: the text of each line with white space
removed, page-number lines dropped; a break is the character offset where a line ends. Prints a
JSON summary. Needs LibreOffice Writer and poppler-utils; not part of the test suite.
"""
import json, os, re, subprocess, sys

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

def pages(pdf):
    info = subprocess.run(['pdfinfo', pdf], check=True, capture_output=True, text=True).stdout
    return int(re.search(r'Pages:\s+(\d+)', info).group(1))

total = 0
rows = []
for f in docs:
    name = f[:-5]
    ours, theirs = os.path.join(d, name + '.pdf'), os.path.join(lo, name + '.pdf')
    a, b = lines(ours), lines(theirs)
    ja, jb = ''.join(a), ''.join(b)
    ba, bb = breaks(a), breaks(b)
    diff = len(ba ^ bb)
    total += diff
    rows.append({'report': name[:40], 'pagesPdf': pages(ours), 'pagesLo': pages(theirs), 'linesPdf': len(a), 'linesLo': len(b),
                 'differingBreaks': diff, 'sameText': ja == jb})
print(json.dumps({'differingBreaks': total, 'reports': rows}, ensure_ascii=False, indent=1))
