#!/usr/bin/env python3
"""gen_feeds.py -- the large-feed corpus of bench/feeds.sh, written at bench
time (deterministic: a fixed seed, no network).

    python3 bench/gen_feeds.py OUTDIR [ITEMS]

Writes four feeds of ITEMS entries (default 1,000) each:

    rss2.xml        RSS 2.0: CDATA HTML descriptions, categories,
                    enclosures, dc:creator, a few entities
    atom10.atom     Atom 1.0: type="html" summaries, xhtml content,
                    categories, enclosure links, authors
    wordpress.xml   shaped on a WordPress export (content:encoded,
                    wfw:commentRss, slash:comments, sy:, atom:link)
    agency.xml      shaped on a news agency wire (media:content,
                    media:thumbnail, dc:subject, escaped HTML, guid
                    isPermaLink="false", a DOCTYPE with entities)
"""
import random
import sys
import time

WORDS = ("the minister said on tuesday that government would review "
         "budget plans after talks with unions over pay and pensions "
         "while markets fell sharply in early trading as investors "
         "weighed inflation data from europe and the united states "
         "officials in brussels warned of delays to the energy "
         "programme écoles cafés naïve über straße zürich").split()
CATS = ["Politics", "Business", "World", "Europe", "Technology",
        "Science", "Health", "Sport", "Culture & Arts", "Économie"]
AUTHORS = ["Jane Doe", "John Smith", "Élodie Martin", "Kenji Sato",
           "María García", "Staff Reporter"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
          "Oct", "Nov", "Dec"]


def words(r, n):
    return " ".join(r.choice(WORDS) for _ in range(n))


def sentence(r, n):
    s = words(r, n)
    return s[0].upper() + s[1:] + "."


def paragraphs(r, n):
    out = []
    for i in range(n):
        p = " ".join(sentence(r, r.randint(8, 20)) for _ in range(3))
        if i == 1:
            p += (' <a href="https://example.com/story/%d?a=1&amp;b=2">'
                  'Read more</a> &mdash; &#8220;quoted&#8221;'
                  % r.randint(1, 99999))
        if i == 2:
            p = "<strong>%s</strong> %s <em>%s</em>" % (
                words(r, 3), p, words(r, 2))
        out.append("<p>%s</p>" % p)
    if r.random() < 0.3:
        out.insert(1, '<figure><img src="https://cdn.example.com/img/'
                   '%d.jpg" alt="%s" width="640" height="360"/>'
                   '<figcaption>%s</figcaption></figure>'
                   % (r.randint(1, 99999), words(r, 4), sentence(r, 6)))
    return "\n".join(out)


def t_of(i):
    return 1764000000 - i * 1800


def rfc822(t):
    g = time.gmtime(t)
    return "%s, %02d %s %d %02d:%02d:%02d +0000" % (
        DAYS[g.tm_wday], g.tm_mday, MONTHS[g.tm_mon - 1], g.tm_year,
        g.tm_hour, g.tm_min, g.tm_sec)


def rfc3339(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rss2(r, n):
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
         ' xmlns:atom="http://www.w3.org/2005/Atom">', '<channel>',
         '<title>Example News &amp; Views</title>',
         '<link>https://news.example.com/</link>',
         '<description>Top stories</description>',
         '<language>en-gb</language>',
         '<lastBuildDate>%s</lastBuildDate>' % rfc822(t_of(0))]
    for i in range(n):
        o.append("<item>")
        o.append("<title>%s &amp; %s</title>" % (
            sentence(r, 8), words(r, 2)))
        o.append("<link>https://news.example.com/%d/%s</link>" % (
            i, "-".join(words(r, 5).split())))
        o.append('<guid isPermaLink="true">https://news.example.com/%d'
                 '</guid>' % i)
        o.append("<pubDate>%s</pubDate>" % rfc822(t_of(i)))
        o.append("<dc:creator>%s</dc:creator>" % r.choice(AUTHORS))
        for c in r.sample(CATS, r.randint(1, 3)):
            o.append("<category>%s</category>" % esc(c))
        o.append("<description><![CDATA[%s]]></description>" %
                 paragraphs(r, r.randint(2, 5)))
        if r.random() < 0.5:
            o.append('<enclosure url="https://cdn.example.com/%d.jpg" '
                     'length="%d" type="image/jpeg"/>' % (
                         i, r.randint(10000, 900000)))
        o.append("</item>")
    o += ["</channel>", "</rss>"]
    return "\n".join(o) + "\n"


def atom10(r, n):
    o = ['<?xml version="1.0" encoding="utf-8"?>',
         '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
         '<title type="text">Example Atom</title>',
         '<id>tag:example.com,2026:feed</id>',
         '<updated>%s</updated>' % rfc3339(t_of(0)),
         '<link rel="alternate" href="https://atom.example.com/"/>',
         '<link rel="self" href="https://atom.example.com/feed.atom"/>']
    for i in range(n):
        o.append("<entry>")
        o.append('<title type="html">%s &amp;amp; %s</title>' % (
            sentence(r, 8), words(r, 2)))
        o.append('<link rel="alternate" type="text/html" '
                 'href="https://atom.example.com/%d"/>' % i)
        o.append("<id>tag:example.com,2026:entry-%d</id>" % i)
        o.append("<published>%s</published>" % rfc3339(t_of(i)))
        o.append("<updated>%s</updated>" % rfc3339(t_of(i) + 60))
        o.append("<author><name>%s</name><email>x@example.com</email>"
                 "</author>" % r.choice(AUTHORS))
        for c in r.sample(CATS, r.randint(1, 3)):
            o.append('<category term="%s" label="%s"/>' % (
                esc(c), esc(c)))
        o.append('<summary type="html">%s</summary>' %
                 esc(paragraphs(r, 1)))
        o.append('<content type="xhtml"><div xmlns='
                 '"http://www.w3.org/1999/xhtml">%s</div></content>' %
                 paragraphs(r, r.randint(2, 5)).replace("&mdash;", "—")
                 .replace("&#8220;", "“").replace("&#8221;", "”"))
        if r.random() < 0.4:
            o.append('<link rel="enclosure" type="audio/mpeg" length="%d" '
                     'href="https://cdn.example.com/%d.mp3"/>' % (
                         r.randint(10 ** 6, 10 ** 8), i))
        o.append("</entry>")
    o.append("</feed>")
    return "\n".join(o) + "\n"


def wordpress(r, n):
    o = ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"',
         '\txmlns:content="http://purl.org/rss/1.0/modules/content/"',
         '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"',
         '\txmlns:dc="http://purl.org/dc/elements/1.1/"',
         '\txmlns:atom="http://www.w3.org/2005/Atom"',
         '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"',
         '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n\t>',
         '<channel>', '\t<title>A WordPress Blog</title>',
         '\t<atom:link href="https://blog.example.org/feed/" rel="self" '
         'type="application/rss+xml" />',
         '\t<link>https://blog.example.org</link>',
         '\t<description>Just another WordPress site</description>',
         '\t<lastBuildDate>%s</lastBuildDate>' % rfc822(t_of(0)),
         '\t<language>en-US</language>',
         '\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>',
         '\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>',
         '\t<generator>https://wordpress.org/?v=6.4.2</generator>']
    for i in range(n):
        slug = "-".join(words(r, 6).split())
        link = "https://blog.example.org/2026/11/%s/" % slug
        o.append("\t<item>")
        o.append("\t\t<title>%s</title>" % esc(sentence(r, 7)))
        o.append("\t\t<link>%s</link>" % link)
        o.append("\t\t<comments>%s#comments</comments>" % link)
        o.append("\t\t<dc:creator><![CDATA[%s]]></dc:creator>" %
                 r.choice(AUTHORS))
        o.append("\t\t<pubDate>%s</pubDate>" % rfc822(t_of(i)))
        for c in r.sample(CATS, r.randint(1, 4)):
            o.append("\t\t<category><![CDATA[%s]]></category>" % c)
        o.append('\t\t<guid isPermaLink="false">'
                 'https://blog.example.org/?p=%d</guid>' % (1000 + i))
        o.append("\t\t<description><![CDATA[%s [&#8230;]]]>"
                 "</description>" % sentence(r, 40))
        o.append("\t\t\t\t\t\t\t\t\t\t<content:encoded><![CDATA[%s]]>"
                 "</content:encoded>" % paragraphs(r, r.randint(4, 9)))
        o.append("\t\t<wfw:commentRss>%sfeed/</wfw:commentRss>" % link)
        o.append("\t\t<slash:comments>%d</slash:comments>" %
                 r.randint(0, 40))
        o.append("\t</item>")
    o += ["\t</channel>", "</rss>"]
    return "\n".join(o) + "\n"


def agency(r, n):
    o = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<!DOCTYPE rss [<!ENTITY nbsp "&#160;"> '
         '<!ENTITY copy "&#169;">]>',
         '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"'
         ' xmlns:dc="http://purl.org/dc/elements/1.1/">', '<channel>',
         '<title>Wire Service: Top News</title>',
         '<link>https://wire.example.net/news</link>',
         '<description>&copy; 2026 Wire Service</description>',
         '<ttl>5</ttl>']
    for i in range(n):
        o.append("<item>")
        o.append("<title>%s:&nbsp;%s</title>" % (
            words(r, 2).upper(), esc(sentence(r, 9))))
        o.append("<link>https://wire.example.net/article/%s-idUS%08d"
                 "</link>" % ("-".join(words(r, 4).split()), i))
        o.append('<guid isPermaLink="false">urn:wire:%08d</guid>' % i)
        o.append("<pubDate>%s</pubDate>" % rfc822(t_of(i)).replace(
            "+0000", "GMT"))
        o.append("<dc:subject>%s</dc:subject>" % esc(r.choice(CATS)))
        o.append("<dc:creator>By %s and %s</dc:creator>" % (
            r.choice(AUTHORS), r.choice(AUTHORS)))
        o.append("<category domain=\"https://wire.example.net/topics\">"
                 "%s</category>" % esc(r.choice(CATS)))
        o.append("<description>%s</description>" % esc(
            "WASHINGTON (Wire) - " + paragraphs(r, r.randint(1, 3))))
        o.append('<media:content url="https://img.wire.example.net/%d.jpg"'
                 ' medium="image" type="image/jpeg" width="800" '
                 'height="533"><media:title>%s</media:title>'
                 '<media:credit>Photographer/Wire</media:credit>'
                 '</media:content>' % (i, esc(sentence(r, 5))))
        o.append('<media:thumbnail url="https://img.wire.example.net/t%d.jpg"'
                 ' width="120" height="80"/>' % i)
        o.append("</item>")
    o += ["</channel>", "</rss>"]
    return "\n".join(o) + "\n"


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    for name, fn, seed in (("rss2.xml", rss2, 1), ("atom10.atom", atom10, 2),
                           ("wordpress.xml", wordpress, 3),
                           ("agency.xml", agency, 4)):
        with open("%s/%s" % (out, name), "w", encoding="utf-8") as f:
            f.write(fn(random.Random(seed), n))


if __name__ == "__main__":
    main()
