#!/usr/bin/env python3
"""Pages built the way real outlets build them (block editors, page
builders, SSR apps, forums, table layouts, JSON-LD only, hidden bodies),
each with the sentences a reader calls the main text ("with") and the
furniture ("without").  Deterministic (one seeded generator): the test
(tests/integration/test_cli.py, test_otsnews_extract_outlets) writes the
pages and their truth.json into a temporary directory:

    python3 tests/data/outlets/gen.py DIR

Pages the extractor is known to get wrong are marked "gap" in truth.json
(a page builder's widgets of uneven lengths, paragraphs in wrapper chains
of their own under <body>, paragraphs set as <h1>, the whole text in an
<aside>): they are checked for leaked furniture
only.  bench/RESULTS.md ("Extraction, session 2026-12-02 f") has the gaps.
"""
import json, os, random, sys

R = random.Random(7)
W_EN = ("the minister said council members agreed on a new plan for regional "
        "transport and energy cooperation while critics warned that costs "
        "would rise sharply over the coming years according to officials in "
        "the capital who spoke after the meeting on Tuesday").split()
W_DE = ("die Regierung hat am Dienstag einen neuen Plan für den Ausbau der "
        "Bahnstrecken vorgestellt wobei Kritiker vor steigenden Kosten warnen "
        "und der Verband fordert mehr Mitsprache der Gemeinden bei allen "
        "Entscheidungen über die Zukunft des Verkehrs").split()
n_sent = 0


def sent(lang="en", lo=10, hi=22):
    global n_sent
    n_sent += 1
    w = W_DE if lang == "de" else W_EN
    k = R.randint(lo, hi)
    ws = [R.choice(w) for _ in range(k)]
    ws.insert(R.randint(1, k - 1), "S%04d" % n_sent)  # unique marker
    if R.random() < 0.5:
        ws[R.randint(2, k - 2)] += ","
    s = " ".join(ws)
    return s[0].upper() + s[1:] + "."


def para(lang="en", n=None):
    n = n or R.randint(2, 4)
    return " ".join(sent(lang) for _ in range(n))


def chrome_top(lang):
    nav = "".join('<li><a href="/%s">%s</a></li>' % (x, x.title()) for x in
                  ("politik", "wirtschaft", "sport", "kultur", "wissen", "reise"))
    junk = ["Politik Wirtschaft Sport Kultur"]
    return ('<header class="site-header"><div class="logo"><a href="/">Daily</a></div>'
            '<nav class="main-nav"><ul>%s</ul></nav></header>'
            '<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve '
            'your experience on our site. By continuing you accept our cookie policy.</p>'
            '<button>OK</button></div>' % nav), ["We use cookies to improve your experience"]


def chrome_bottom():
    rel = "".join('<li><a href="/a/%d">Another story about regional trade number %d '
                  'and what it means</a></li>' % (i, i) for i in range(5))
    html = ('<aside class="related"><h3>Related</h3><ul>%s</ul></aside>'
            '<footer class="site-footer"><p>Copyright 2024 Daily Media GmbH. All rights '
            'reserved.</p><ul><li><a href="/imprint">Imprint</a></li><li><a href="/privacy">'
            'Privacy</a></li></ul></footer>' % rel)
    return html, ["Another story about regional trade number 2",
                  "Copyright 2024 Daily Media GmbH"]


def page(title, inner, lang="en", head_extra="", scripts=""):
    top, tj = chrome_top(lang)
    bot, bj = chrome_bottom()
    html = ('<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s | Daily'
            '</title>%s</head><body>%s<div id="page">%s</div>%s%s</body></html>'
            % (lang, title, head_extra, top, inner, bot, scripts))
    return html, tj + bj


PAGES = {}
GAPS = {'aside-0', 'aside-1', 'h1s-0', 'h1s-1', 'frag-0', 'frag-1', 'spread-0', 'spread-1',
        'elementor-2', 'elementor-3'}


def add(name, html, want, junk):
    assert name not in PAGES, name
    PAGES[name] = (html, want, junk)


# A: a landing page of many small sections, each a heading and a paragraph
for v, lang in enumerate(("en", "de")):
    secs, want = [], []
    intro = para(lang, 2)
    want.append(intro)
    for i in range(7):
        h = "Section heading %d" % i
        p = para(lang, R.randint(1, 2))
        want.append(p)
        secs.append('<section class="block block-text"><div class="container"><div class="row">'
                    '<div class="col-md-8"><h2>%s</h2><p>%s</p></div></div></div></section>' % (h, p))
    inner = ('<main><div class="hero"><h1>Our services</h1><p class="lead">%s</p></div>%s</main>'
             % (intro, "".join(secs)))
    html, junk = page("Our services", inner, lang)
    add("landing-%d" % v, html, want, junk)

# B: NYT-like: companion columns each holding 2-3 paragraphs, ads between
for v in range(2):
    cols, want = [], []
    for i in range(5):
        ps = [para("en") for _ in range(R.randint(1, 3))]
        want += ps
        cols.append('<div class="css-53u6y8 StoryBodyCompanionColumn"><div class="css-1fanzo5">'
                    + "".join('<p class="css-at9mc1 evys1bk0">%s</p>' % p for p in ps)
                    + '</div></div>')
        cols.append('<div class="css-9tf9ac ad-slot"><div id="mid%d" class="ad">Advertisement</div></div>' % i)
    inner = ('<article id="story"><header><h1>Story title %d</h1><p class="css-w6ymp8 e1wiw3jv0">'
             'By Jane Doe</p></header><section name="articleBody" itemprop="articleBody">%s'
             '</section></article>' % (v, "".join(cols)))
    html, junk = page("Story title %d" % v, inner)
    add("companion-%d" % v, html, want, junk + ["Advertisement"])

# C: text in divs separated by <br><br>, no <p> (old CMS, forums)
for v, lang in enumerate(("de", "en")):
    ps = [para(lang) for _ in range(6)]
    inner = ('<table width="100%%"><tr><td class="nav" width="150"><a href="/">Home</a><br>'
             '<a href="/news">News</a><br><a href="/archiv">Archiv</a></td><td class="main">'
             '<font face="Arial" size="2"><b>Meldung vom 3.4.2019</b><br><br>%s</font></td></tr></table>'
             % "<br><br>".join(ps))
    html, junk = page("Meldung", inner, lang)
    add("brbr-%d" % v, html, ps, junk)

# D: each paragraph in its own wrapper div (block editors: Gutenberg, Arc, Contentful)
for v, lang in enumerate(("de", "en", "de")):
    want, blocks = [], []
    lead = para(lang, 2)
    want.append(lead)
    for i in range(8):
        p = para(lang)
        want.append(p)
        blocks.append('<div class="article-body__item article-body__item--text"><div class="rich-text">'
                      '<p>%s</p></div></div>' % p)
        if i in (2, 5):
            blocks.append('<div class="article-body__item article-body__item--image"><figure>'
                          '<img src="/i%d.jpg" alt=""><figcaption>Photo: Agency</figcaption></figure></div>' % i)
    inner = ('<div class="article"><div class="article-header"><h1>Headline %d</h1>'
             '<div class="article-header__intro"><p>%s</p></div></div><div class="article-body">%s</div></div>'
             % (v, lead, "".join(blocks)))
    html, junk = page("Headline %d" % v, inner, lang)
    add("wrapped-%d" % v, html, want, junk)

# E: paragraphs as divs with text only (no <p>), Readability turns them into paragraphs
for v, lang in enumerate(("en", "de")):
    ps = [para(lang) for _ in range(6)]
    inner = ('<div class="story"><h1>Div story %d</h1><div class="story-text">%s</div></div>'
             % (v, "".join('<div class="txt">%s</div>' % p for p in ps)))
    html, junk = page("Div story %d" % v, inner, lang)
    add("divtext-%d" % v, html, ps, junk)

# F: SSR'd app: deep hashed-class nesting, one paragraph per deep chain
for v, lang in enumerate(("en", "de")):
    ps = [para(lang) for _ in range(7)]
    chain = "".join('<div class="sc-1a2b3c-0 kLmNo"><div class="sc-4d5e6f-1 pQrSt"><div '
                    'class="sc-7g8h9i-2 uVwXy"><span class="sc-text">%s</span></div></div></div>' % p
                    for p in ps)
    inner = ('<div id="__next"><div class="sc-root"><div class="sc-layout"><h1>App story %d</h1>'
             '<div class="sc-body">%s</div></div></div></div>' % (v, chain))
    state = ('<script id="__NEXT_DATA__" type="application/json">%s</script>'
             % json.dumps({"props": {"pageProps": {"story": {"title": "App story", "blocks": [
                 {"type": "text", "text": p} for p in ps]}}}}))
    html, junk = page("App story %d" % v, inner, lang, scripts=state)
    add("ssr-%d" % v, html, ps, junk)

# G: live blog entries
for v in range(2):
    want, ents = [], []
    for i in range(6):
        h = "Update at %d:%02d" % (10 + i, 5 * i)
        p = para("en", R.randint(1, 3))
        want.append(p)
        ents.append('<div class="liveblog-entry"><time>%s</time><h3>Entry title %d</h3><div '
                    'class="liveblog-entry__body"><p>%s</p></div><div class="share"><a href="#">'
                    'Share</a></div></div>' % (h, i, p))
    inner = '<div class="liveblog"><h1>Live: summit %d</h1>%s</div>' % (v, "".join(ents))
    html, junk = page("Live: summit", inner)
    add("live-%d" % v, html, want, junk)

# H: forum thread: several posts
for v, lang in enumerate(("de", "en")):
    want, posts = [], []
    for i in range(5):
        p = "<br>".join(sent(lang) for _ in range(R.randint(2, 4)))
        want += p.split("<br>")
        posts.append('<div class="post" id="p%d"><div class="postprofile"><a href="/u/%d">user%d</a>'
                     '<br>Beiträge: %d</div><div class="postbody"><div class="content">%s</div></div></div>'
                     % (i, i, i, 10 * i, p))
    inner = '<div class="forum"><h2 class="topic-title">Thread %d</h2>%s</div>' % (v, "".join(posts))
    html, junk = page("Thread %d" % v, inner, lang)
    add("forum-%d" % v, html, want, junk)

# I: product page: description and feature list
for v, lang in enumerate(("de", "en")):
    desc = para(lang, 3)
    feats = [sent(lang, 5, 9) for _ in range(5)]
    inner = ('<div class="product"><h1>Product %d</h1><div class="price">49,99 EUR</div>'
             '<div class="product-description" itemprop="description"><p>%s</p><ul>%s</ul></div>'
             '<div class="reviews"><h3>Reviews</h3><p>No reviews yet.</p></div></div>'
             % (v, desc, "".join("<li>%s</li>" % f for f in feats)))
    html, junk = page("Product %d" % v, inner, lang)
    add("product-%d" % v, html, [desc] + feats, junk)

# J: article split by sub-headings into sections, each its own container
for v, lang in enumerate(("de", "en")):
    want, secs = [], []
    for i in range(5):
        ps = [para(lang) for _ in range(R.randint(1, 2))]
        want += ps
        secs.append('<div class="text-section"><h2>Zwischenzeile %d</h2>%s</div>' % (
            i, "".join("<p>%s</p>" % p for p in ps)))
        secs.append('<div class="inline-teaser"><a href="/x%d">Lesen Sie auch: a teaser about '
                    'something else entirely %d</a></div>' % (i, i))
    inner = '<div class="content-main"><h1>Sectioned %d</h1>%s</div>' % (v, "".join(secs))
    html, junk = page("Sectioned %d" % v, inner, lang)
    add("sections-%d" % v, html, want, junk + ["a teaser about something else entirely 3"])

# K: the body in a container whose class names sound like furniture
for v, (cls, lang) in enumerate((("content-sidebar-wrap", "en"), ("main-footer-push", "de"),
                                   ("layout-comments-off", "en"))):
    ps = [para(lang) for _ in range(6)]
    inner = ('<div class="%s"><div class="entry-content"><h1>Odd %d</h1>%s</div></div>'
             % (cls, v, "".join("<p>%s</p>" % p for p in ps)))
    html, junk = page("Odd %d" % v, inner, lang)
    add("oddclass-%d" % v, html, ps, junk)

# L: short paragraphs (news-agency style, one sentence each, many of them)
for v, lang in enumerate(("en", "de")):
    ps = [sent(lang, 6, 12) for _ in range(14)]
    inner = ('<div class="news-detail"><h1>Brief %d</h1><div class="news-text">%s</div></div>'
             % (v, "".join("<p>%s</p>" % p for p in ps)))
    html, junk = page("Brief %d" % v, inner, lang)
    add("short-%d" % v, html, ps, junk)

# M: body only in JSON-LD articleBody, static HTML an app shell
for v, lang in enumerate(("en", "de")):
    ps = [para(lang) for _ in range(4)]
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "LD %d" % v,
                     "articleBody": "\n\n".join(ps)})
    inner = '<div id="app"><div class="loading">Loading...</div></div>'
    html, junk = page("LD %d" % v, inner, lang,
                      head_extra='<script type="application/ld+json">%s</script>' % ld)
    add("ldonly-%d" % v, html, ps, junk)
    ld2 = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "LDH %d" % v,
                      "articleBody": "".join("&lt;p&gt;%s&lt;/p&gt;" % p.replace(",", " &amp;") for p in ps)})
    html, junk = page("LDH %d" % v, inner, lang,
                      head_extra='<script type="application/ld+json">%s</script>' % ld2)
    add("ldhtml-%d" % v, html, [p.replace(",", " &") for p in ps], junk)

# N: recipe: description, ingredients list, steps
for v, lang in enumerate(("de", "en")):
    desc = para(lang, 2)
    ing = ["%d g %s" % (R.randint(50, 500), w) for w in ("Mehl", "Zucker", "Butter", "Milch")]
    steps = [sent(lang) for _ in range(5)]
    inner = ('<div class="recipe"><h1>Recipe %d</h1><div class="recipe-intro"><p>%s</p></div>'
             '<div class="ingredients"><h2>Zutaten</h2><ul>%s</ul></div><div class="preparation">'
             '<h2>Zubereitung</h2><ol>%s</ol></div></div>'
             % (v, desc, "".join("<li>%s</li>" % i for i in ing), "".join("<li>%s</li>" % s for s in steps)))
    html, junk = page("Recipe %d" % v, inner, lang)
    add("recipe-%d" % v, html, [desc] + ing + steps, junk)

# P: ASP.NET WebForms: the whole page inside one <form> with hidden inputs and a search box
for v, lang in enumerate(("de", "en")):
    ps = [para(lang) for _ in range(6)]
    inner = ('<form method="post" action="./artikel.aspx?id=12" id="aspnetForm"><div class="aspNetHidden">'
             '<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1"></div>'
             '<div id="search"><input type="text" name="q"><input type="submit" value="Suchen"></div>'
             '<div id="ctl00_content"><div class="artikel"><h1>Form %d</h1>%s</div></div></form>'
             % (v, "".join("<p>%s</p>" % p for p in ps)))
    html, junk = page("Form %d" % v, inner, lang)
    add("aspnet-%d" % v, html, ps, junk)

# Q: one paragraph per table row
for v, lang in enumerate(("de", "en")):
    ps = [para(lang) for _ in range(6)]
    inner = ('<table class="content" cellpadding="4"><tr><td class="headline"><h1>Rows %d</h1></td></tr>%s</table>'
             % (v, "".join('<tr><td class="text">%s</td></tr>' % p for p in ps)))
    html, junk = page("Rows %d" % v, inner, lang)
    add("rows-%d" % v, html, ps, junk)

# R: mixed content: text runs with <br> beside block children
for v, lang in enumerate(("de", "en")):
    ps = [para(lang) for _ in range(5)]
    inner = ('<div class="entry"><h1>Mixed %d</h1><div class="meta">3. April 2019</div>%s<div class="tags">'
             '<a href="/t/a">Tag A</a> <a href="/t/b">Tag B</a></div></div>'
             % (v, "<br><br>\n".join(ps)))
    html, junk = page("Mixed %d" % v, inner, lang)
    add("mixed-%d" % v, html, ps, junk)

# S: FAQ accordion
for v, lang in enumerate(("de", "en")):
    want, items = [], []
    for i in range(6):
        a = para(lang, R.randint(1, 2))
        want.append(a)
        items.append('<details class="faq-item"><summary>Question number %d about it?</summary>'
                      '<div class="faq-answer"><p>%s</p></div></details>' % (i, a))
    inner = '<div class="faq"><h1>FAQ %d</h1>%s</div>' % (v, "".join(items))
    html, junk = page("FAQ %d" % v, inner, lang)
    add("faq-%d" % v, html, want, junk)

# T: lead in an entry header, body in entry-content
for v, lang in enumerate(("de", "en")):
    lead = para(lang, 2)
    ps = [para(lang) for _ in range(4)]
    inner = ('<article class="post"><header class="entry-header"><h1 class="entry-title">Head %d</h1>'
             '<div class="entry-meta">Posted on 3 April 2019 by admin</div><div class="entry-summary"><p>%s</p></div></header>'
             '<div class="entry-content">%s</div></article>' % (v, lead, "".join("<p>%s</p>" % p for p in ps)))
    html, junk = page("Head %d" % v, inner, lang)
    add("entryhead-%d" % v, html, [lead] + ps, junk)

# U: an article of quotes / blockquotes and list items without <p>
for v, lang in enumerate(("en", "de")):
    ps = [para(lang) for _ in range(5)]
    inner = ('<div class="content"><h1>Quotes %d</h1><blockquote>%s</blockquote><ul class="points">%s</ul>'
             '<blockquote>%s</blockquote></div>' % (v, ps[0], "".join("<li>%s</li>" % p for p in ps[1:4]), ps[4]))
    html, junk = page("Quotes %d" % v, inner, lang)
    add("quotes-%d" % v, html, ps, junk)

# V: a page of many small teaser cards before a short article
for v, lang in enumerate(("en", "de")):
    ps = [para(lang) for _ in range(3)]
    cards = "".join('<div class="card"><h3><a href="/c%d">Card headline number %d</a></h3><p>%s</p></div>'
                    % (i, i, sent(lang, 12, 18)) for i in range(10))
    inner = ('<div class="article-page"><div class="article"><h1>Small %d</h1>%s</div><div class="more">'
             '<h2>More news</h2>%s</div></div>' % (v, "".join("<p>%s</p>" % p for p in ps), cards))
    html, junk = page("Small %d" % v, inner, lang)
    add("cards-%d" % v, html, ps, junk + ["Card headline number 4"])

# W: text in divs with inline styles / <font>, paragraphs 1 sentence each, no p, many small blocks
for v, lang in enumerate(("de", "en")):
    ps = [sent(lang, 8, 16) for _ in range(12)]
    inner = ('<div id="main"><div class="titel"><b>Small blocks %d</b></div>%s</div>'
             % (v, "".join('<div style="margin-bottom:8px"><font size="2">%s</font></div>' % p for p in ps)))
    html, junk = page("Small blocks %d" % v, inner, lang)
    add("smallblk-%d" % v, html, ps, junk)

# X: custom elements, AMP stories, a body in <noscript>, a hidden body, spans, <dl>, <h4> paragraphs
for v, lang in enumerate(("de", "en")):
    ps = [para(lang) for _ in range(6)]
    inner = '<story-body><h1>Custom %d</h1>%s</story-body>' % (v, "".join("<story-paragraph>%s</story-paragraph>" % p for p in ps))
    html, junk = page("Custom %d" % v, inner, lang); add("custom-%d" % v, html, ps, junk)
    inner = '<div class="x"><h1>Custom p %d</h1><rich-text>%s</rich-text></div>' % (v, "".join("<p>%s</p>" % p for p in ps))
    html, junk = page("Customp %d" % v, inner, lang); add("customp-%d" % v, html, ps, junk)
    inner = '<amp-story><amp-story-page id="p1"><amp-story-grid-layer>%s</amp-story-grid-layer></amp-story-page></amp-story>' % "".join("<p>%s</p>" % p for p in ps)
    html, junk = page("AMP %d" % v, inner, lang); add("amp-%d" % v, html, ps, junk)
    inner = '<div id="root"></div><noscript><div class="article"><h1>NS %d</h1>%s</div></noscript>' % (v, "".join("<p>%s</p>" % p for p in ps))
    html, junk = page("NS %d" % v, inner, lang); add("noscript-%d" % v, html, ps, junk)
    inner = '<div class="article"><h1>Hid %d</h1><div class="teaser-text">%s</div><div class="article-body js-paywall" style="display:none">%s</div></div>' % (v, "<p>%s</p>" % ps[0], "".join("<p>%s</p>" % p for p in ps[1:]))
    html, junk = page("Hid %d" % v, inner, lang); add("hidden-%d" % v, html, ps, junk)
    inner = '<div class="article"><h1>Spans %d</h1><div class="body">%s</div></div>' % (v, "".join('<span class="para">%s</span><br><br>' % p for p in ps))
    html, junk = page("Spans %d" % v, inner, lang); add("spans-%d" % v, html, ps, junk)
    inner = '<div class="article"><h1>DL %d</h1><dl>%s</dl></div>' % (v, "".join('<dt>Point %d</dt><dd>%s</dd>' % (i, p) for i, p in enumerate(ps)))
    html, junk = page("DL %d" % v, inner, lang); add("dl-%d" % v, html, ps, junk)
    inner = '<div class="article"><h1>H %d</h1>%s</div>' % (v, "".join('<h4>%s</h4>' % p for p in ps))
    html, junk = page("H %d" % v, inner, lang); add("hpara-%d" % v, html, ps, junk)
# Y: the text in one kind of element that is not a paragraph (li, blockquote, address, th, ...)
for v, lang in enumerate(("de", "en")):
    ps = [para(lang) for _ in range(5)]
    inner = '<div class="x"><h1>LI %d</h1><ul class="article-list">%s</ul></div>' % (v, "".join("<li>%s</li>" % p for p in ps))
    html, junk = page("LI %d" % v, inner, lang); add("li-%d" % v, html, ps, junk)
    inner = '<div class="x"><h1>BQ %d</h1>%s</div>' % (v, "".join("<blockquote>%s</blockquote>" % p for p in ps))
    html, junk = page("BQ %d" % v, inner, lang); add("bq-%d" % v, html, ps, junk)
    inner = '<div class="x"><h1>ADDR %d</h1>%s</div>' % (v, "".join("<address>%s</address>" % p for p in ps))
    html, junk = page("ADDR %d" % v, inner, lang); add("addr-%d" % v, html, ps, junk)
    inner = '<div class="x"><h1>TH %d</h1><table>%s</table></div>' % (v, "".join("<tr><th>%s</th></tr>" % p for p in ps))
    html, junk = page("TH %d" % v, inner, lang); add("th-%d" % v, html, ps, junk)
    inner = '<div class="x"><h1>FIG %d</h1>%s</div>' % (v, "".join("<figure><img src='a.jpg'><figcaption>%s</figcaption></figure>" % p for p in ps))
    html, junk = page("FIG %d" % v, inner, lang); add("fig-%d" % v, html, ps, junk)
    inner = '<div class="x"><h1>LBL %d</h1>%s</div>' % (v, "".join("<label>%s</label><br>" % p for p in ps))
    html, junk = page("LBL %d" % v, inner, lang); add("label-%d" % v, html, ps, junk)
    inner = '<div class="x"><h1>H1s %d</h1>%s</div>' % (v, "".join("<h1>%s</h1>" % p for p in ps))
    html, junk = page("H1s %d" % v, inner, lang); add("h1s-%d" % v, html, ps, junk)
    inner = '<div class="x"><h1>Aside %d</h1><aside>%s</aside></div>' % (v, "".join("<p>%s</p>" % p for p in ps))
    html, junk = page("Aside %d" % v, inner, lang); add("aside-%d" % v, html, ps, junk)
# Z: bare pages: text in <body>, paragraphs deep in chains of their own, spans only
for v, lang in enumerate(("de", "en")):
    ps = [para(lang) for _ in range(5)]
    html = '<html><head><title>Bare %d</title></head><body><h1>Bare %d</h1>%s</body></html>' % (v, v, "<br><br>".join(ps))
    add("barebr-%d" % v, html, ps, [])
    html = '<html><head><title>BareP %d</title></head><body><h1>BareP %d</h1>%s</body></html>' % (v, v, "".join("<p>%s</p>" % p for p in ps))
    add("barep-%d" % v, html, ps, [])
    html = '<html><head><title>Frag %d</title></head><body>%s<div class="footer"><a href="/">Home</a></div></body></html>' % (v, "".join("<div><div><p>%s</p></div></div>" % p for p in ps))
    add("frag-%d" % v, html, ps, [])
    # each paragraph in its own top-level section with an ad between: scores spread across the body
    html = '<html><head><title>Spread %d</title></head><body><div id="a"><h1>Spread %d</h1></div>%s</body></html>' % (v, v, "".join('<div class="row"><div class="col"><div class="inner"><div class="t"><p>%s</p></div></div></div></div><div class="ad">Anzeige</div>' % p for p in ps))
    add("spread-%d" % v, html, ps, ["Anzeige"])
    html = '<html><head><title>Spans %d</title></head><body><div class="c">%s</div></body></html>' % (v, "".join('<span>%s</span> ' % s for p in ps for s in p.split(". ")))
    add("spanrun-%d" % v, html, [], [])
# Page builders: Elementor widgets (0, 1: one paragraph each; 2, 3: uneven, a gap), Divi modules
def el_widget(kind, inner):
    return ('<div class="elementor-element elementor-widget elementor-widget-%s" data-widget_type="%s.default">'
            '<div class="elementor-widget-container">%s</div></div>' % (kind, kind, inner))
def el_section(widgets):
    return ('<section class="elementor-section elementor-top-section elementor-section-boxed"><div class="elementor-container elementor-column-gap-default">'
            '<div class="elementor-column elementor-col-100 elementor-top-column"><div class="elementor-widget-wrap elementor-element-populated">%s</div></div></div></section>' % "".join(widgets))
for v, lang in enumerate(("de", "en", "de", "en")):
    want, secs = [], []
    for i in range(6):
        ws = [el_widget("heading", '<h2 class="elementor-heading-title">Abschnitt %d</h2>' % i)]
        n = 1 if v < 2 else R.randint(1, 2)
        ps = [para(lang, R.randint(1, 3)) for _ in range(n)]
        want += ps
        ws.append(el_widget("text-editor", "".join("<p>%s</p>" % p for p in ps)))
        if i % 2: ws.append(el_widget("button", '<a class="elementor-button" href="/kontakt">Kontakt aufnehmen</a>'))
        if i == 3: ws.append(el_widget("image", '<img src="/x.jpg" alt="">'))
        secs.append(el_section(ws))
    inner = ('<main id="content" class="site-main"><div data-elementor-type="wp-page" class="elementor elementor-42">%s</div></main>'
             % "".join(secs))
    html, junk = page("Elementor %d" % v, inner, lang)
    add("elementor-%d" % v, html, want, junk + ["Kontakt aufnehmen"])
# Divi: et_pb_section > et_pb_row > et_pb_column > et_pb_module et_pb_text > et_pb_text_inner > p
for v, lang in enumerate(("de", "en")):
    want, secs = [], []
    for i in range(5):
        p = para(lang, R.randint(1, 3)); want.append(p)
        secs.append('<div class="et_pb_section et_pb_section_%d"><div class="et_pb_row"><div class="et_pb_column et_pb_column_4_4">'
                    '<div class="et_pb_module et_pb_text et_pb_text_%d"><div class="et_pb_text_inner"><h3>Titel %d</h3><p>%s</p></div></div></div></div></div>' % (i, i, i, p))
    inner = '<div id="et-main-area"><div id="main-content"><article class="page"><div class="entry-content">%s</div></article></div></div>' % "".join(secs)
    html, junk = page("Divi %d" % v, inner, lang)
    add("divi-%d" % v, html, want, junk)

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
truth = {}
for name, (html, want, junk) in sorted(PAGES.items()):
    if not want:
        continue
    with open(os.path.join(out, name + ".html"), "w") as f:
        f.write(html)
    truth[name] = {"with": want, "without": junk, "gap": name in GAPS}
with open(os.path.join(out, "truth.json"), "w") as f:
    json.dump(truth, f, indent=1, ensure_ascii=False, sort_keys=True)
