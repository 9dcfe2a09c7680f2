#!/usr/bin/python3
"""screen-check.py - check a captured terminal screen (tmux capture-pane -p)
for layout faults that translations cause.

  screen-check.py [--cols N] [--rows N] FILE [--line TEXT]... [--para TEXT]...

Checks: at most --rows lines; every line at most --cols display columns
(East Asian wide characters count two); no replacement character; the
last line (the key hints) ends before the last column, so it was not cut;
every box (lines starting with a vertical or corner line-drawing character)
closes in one column on every line; each --line TEXT is shown whole on one
line; each --para TEXT is shown whole, wrapped only between words (for text
with wide characters, anywhere). Prints one line per fault; exit status 1
when there is any.
"""
import re
import sys
import unicodedata


def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def has_wide(s):
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in s)


def squeeze(s):
    return re.sub(r"\s+", " ", s).strip()


def main(argv):
    cols, rows, lines_want, paras = 80, 24, [], []
    path = None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--cols", "--rows", "--line", "--para"):
            if i + 1 >= len(argv):
                print("screen-check: %s needs a value" % a)
                return 2
            v = argv[i + 1]
            if a == "--cols":
                cols = int(v)
            elif a == "--rows":
                rows = int(v)
            elif a == "--line":
                lines_want.append(v)
            else:
                paras.append(v)
            i += 2
            continue
        path = a
        i += 1
    if path is None:
        print("screen-check: no screen file given")
        return 2
    text = open(path, encoding="utf-8", errors="replace").read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    faults = []
    if len(lines) > rows:
        faults.append("%d lines, more than %d" % (len(lines), rows))
    for n, line in enumerate(lines, 1):
        if width(line) > cols:
            faults.append("line %d is %d columns wide: %s"
                          % (n, width(line), line))
        if "\ufffd" in line:
            faults.append("line %d has a replacement character: %s"
                          % (n, line))
    body = [l for l in lines if l.strip()]
    if body and width(body[-1].rstrip()) >= cols:
        faults.append("the key hints fill the last column, so they may "
                      "be cut: %s" % body[-1])
    # boxes: a run of lines starting with a box character closes in one
    # column
    run = []
    for n, line in enumerate(lines + [""], 1):
        s = line.lstrip(" ")
        if s[:1] in ("┌", "│", "├", "└", "+", "|") and \
                s.rstrip()[-1:] in ("┐", "│", "┤", "┘", "+", "|") and \
                len(s.rstrip()) > 1:
            run.append((n, width(line.rstrip())))
            continue
        if len(run) > 1 and len(set(w for _, w in run)) > 1:
            faults.append("the box on lines %d-%d does not close in one "
                          "column (%s)" % (run[0][0], run[-1][0],
                                           ", ".join(str(w) for _, w in run)))
        run = []
    for want in lines_want:
        if not any(want in l for l in lines):
            faults.append("not shown whole on one line: %s" % want)
    joined = squeeze(" ".join(l.strip() for l in lines))
    tight = re.sub(r"\s+", "", "".join(lines))
    for p in paras:
        if has_wide(p):
            if re.sub(r"\s+", "", p) not in tight:
                faults.append("paragraph not shown whole: %s" % p[:60])
        elif squeeze(p) not in joined:
            faults.append("paragraph not shown whole or broken inside a "
                          "word: %s" % p[:60])
    for f in faults:
        print(f)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
