#!/usr/bin/env python3
"""raw_soup.py -- write N pages of HTML token soup for fuzz_raw.

The pieces are the ones extract-raw.c must read as libxml2 does: script
and style tags (open, closed, self-closed, JSON), comments and their
look-alikes, declarations, processing instructions, bogus '<', quotes,
'=' and '>' in and out of tags, and elements whose start closes others.
The same seed writes the same pages.  usage: raw_soup.py DIR N [SEED]
"""
import os
import random
import sys

PIECES = [
    '<script>', '<script ', '</script>', '</script', '<style>', '</style>',
    '<SCRIPT type="text/javascript">', '<script type="application/ld+json">',
    '<script>var a="</p>";</script>', '<style>p{}</style>', '<script><!--',
    "<script src='a'/>", '</scriptx>', '<scripts>', '<style/>',
    '<p><script></p>', '<script></div>', '<style><frameset>', '<script><p>',
    '<!--', '-->', '--', '---', '<!---->', '<!-->', '<!', '<?', '?>',
    '<!DOCTYPE html>', '<!DOCTYPE x "', '<![CDATA[', ']]>',
    '"', "'", '=', '>', '/>', '<', '</', '</ >', '<_x', '<:y', '</_', '<3',
    '<=', '<<', '<\u00e9>', '<\u00e9', 'a=', '"json"', 'json', '&amp;', '&',
    ' ', '\n', '\t', '\r', 'x', 'y', 'text', '\u0442\u04af\u0440\u043a\u0456',
    '<p>', '</p>', '<p', '<div class="a">', '</div>', '<body>', '</body>',
    '<body ', '<head>', '</head>', '<html>', '</html>', '<frameset>',
    '<frameset.x>', '<frame>', '<title>', '</title>', '<a href=x>', '</a>',
    '<table>', '<td>', '<tr>', '<th>', '</table>', '<li>', '<ul>', '<dl>',
    '<dt>', '<dd>', '<br/>', '<img src=a>', '<textarea>', '</textarea>',
    '<noscript>', '<svg>', '<iframe>', '<select>', '<option>', '<object>',
    '<param>', '<form>', '<input>', '<button>', '<h1>', '<hr>', '<pre>',
    '<b>', '<i>', '<caption>', '<thead>', '<tbody>', '<meta>', '<link>',
    '<base>', '<embed>',
]


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        page = ''.join(rnd.choice(PIECES) for _ in range(rnd.randint(3, 80)))
        with open(os.path.join(out, 'soup%06d.html' % i), 'w',
                  encoding='utf-8') as f:
            f.write(page)


if __name__ == '__main__':
    main()
