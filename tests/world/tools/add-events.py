#!/usr/bin/env python3
"""Issue 10: two OTS events of one week (foreign ministers in Gabala, transport
ministers in Tashkent, November 2025) reported in en, az, uz, ky, tk and hu by
six new RSS sources; writes the pages and feeds under tests/world/www and adds
them to world.json (idempotent).  Run: python3 tests/world/tools/add-events.py"""
import json, os, html, hashlib
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SITES = {
 "dailysabah": ("Daily Sabah", "en", "dailysabah-en"),
 "azertac": ("AZƏRTAC", "az", "azertac-az"),
 "kun": ("Kun.uz", "uz", "kun-uz"),
 "kabar": ("Кабар", "ky", "kabar-ky"),
 "tdh": ("TDH", "tk", "tdh-tk"),
 "hirado": ("Híradó", "hu", "hirado-hu"),
}
A = "fm-gabala-2025"; B = "transport-tashkent-2025"
ART = [
 # key, site, story, published UTC, local offset, title, paragraphs
 ("en-fm-gabala", "dailysabah", A, "2025-11-14T11:30:00Z", "+03:00", "Turkic States' Foreign Ministers Meet in Gabala Ahead of Summit", [
  "Foreign ministers of the Organization of Turkic States (OTS) met in Gabala on 14 November to finalise the documents of the upcoming summit, with Azerbaijani Foreign Minister Jeyhun Bayramov chairing the session.",
  "The ministers approved the draft Gabala Declaration and a plan to open an OTS office in Budapest, the OTS Secretariat said.",
  "“Our organisation has become a real platform for connectivity between Asia and Europe,” Bayramov said, adding that 11 documents were agreed.",
  "OTS Secretary General Kubanychbek Omuraliev briefed the ministers on the implementation of the Turkic World Vision 2040."]),
 ("az-fm-gabala", "azertac", A, "2025-11-14T12:10:00Z", "+04:00", "TDT xarici işlər nazirləri Qəbələdə toplaşıb", [
  "Türk Dövlətləri Təşkilatı Xarici İşlər Nazirləri Şurasının iclası 14 noyabrda Qəbələdə keçirilib, iclasa Azərbaycanın xarici işlər naziri Ceyhun Bayramov sədrlik edib.",
  "Nazirlər Qəbələ Bəyannaməsinin layihəsini və TDT-nin Budapeştdə ofisinin açılması planını təsdiqləyiblər.",
  "\"Təşkilatımız Asiya ilə Avropa arasında real əlaqə platformasına çevrilib\", - deyə Ceyhun Bayramov bildirib. Ümumilikdə 11 sənəd razılaşdırılıb."]),
 ("uz-fm-gabala", "kun", A, "2025-11-14T13:00:00Z", "+05:00", "TDT tashqi ishlar vazirlari Qabalada yig‘ildi", [
  "Turkiy davlatlar tashkiloti tashqi ishlar vazirlari 14-noyabr kuni Qabalada yig‘ildi, majlisga Ozarbayjon tashqi ishlar vaziri Jayhun Bayramov raislik qildi.",
  "Vazirlar Qabala deklaratsiyasi loyihasini va TDTning Budapeshtda vakolatxona ochish rejasini ma’qulladi. Jami 11 ta hujjat kelishildi."]),
 ("ky-fm-gabala", "kabar", A, "2025-11-14T14:20:00Z", "+06:00", "ТМУнун тышкы иштер министрлери Габалада чогулушту", [
  "Түрк мамлекеттеринин уюмунун тышкы иштер министрлери 14-ноябрда Габалада жыйын өткөрүштү, жыйынды Азербайжандын тышкы иштер министри Жейхун Байрамов алып барды.",
  "Министрлер Габала декларациясынын долбоорун жактырышты."]),
 ("tk-fm-gabala", "tdh", A, "2025-11-14T15:00:00Z", "+05:00", "TDG-niň daşary işler ministrleri Gabalada ýygnandy", [
  "Türki döwletleriň guramasynyň daşary işler ministrleri 14-nji noýabrda Gabalada mejlis geçirdiler, oňa Azerbaýjanyň daşary işler ministri Jeýhun Baýramow ýolbaşçylyk etdi.",
  "Türkmenistanyň wekiliýeti mejlise synçy hökmünde gatnaşdy."]),
 ("hu-fm-gabala", "hirado", A, "2025-11-14T16:40:00Z", "+01:00", "Gabalában üléseztek a Türk Államok Szervezetének külügyminiszterei", [
  "A Türk Államok Szervezetének külügyminiszterei november 14-én Gabalában üléseztek; az ülést Dzsejhun Bajramov azerbajdzsáni külügyminiszter vezette.",
  "A miniszterek jóváhagyták a Gabalai Nyilatkozat tervezetét és a szervezet budapesti irodájának megnyitását.",
  "Szijjártó Péter külügyminiszter szerint Magyarország megfigyelőként aktívan részt vesz a szervezet munkájában."]),
 ("en-transport-tashkent", "dailysabah", B, "2025-11-12T09:15:00Z", "+03:00", "OTS Transport Ministers Approve Trans-Caspian Corridor Roadmap in Tashkent", [
  "Transport ministers of the Organization of Turkic States met in Tashkent on 12 November and approved a roadmap for the Trans-Caspian International Transport Route worth 320 million dollars, Uzbek President Shavkat Mirziyoyev said.",
  "The roadmap foresees digital customs procedures, new ferries on the Caspian Sea and the modernisation of the Alat and Aktau ports.",
  "“The Middle Corridor must carry ten million tonnes a year by 2030,” Mirziyoyev told the ministers.",
  "The next meeting of OTS transport ministers will be held in Cholpon-Ata next year."]),
 ("az-transport-tashkent", "azertac", B, "2025-11-12T10:00:00Z", "+04:00", "TDT-nin nəqliyyat nazirləri Daşkənddə görüşüb", [
  "Türk Dövlətləri Təşkilatının nəqliyyat nazirləri 12 noyabrda Daşkənddə görüşərək 320 milyon dollarlıq Transxəzər Beynəlxalq Nəqliyyat Marşrutu üzrə yol xəritəsini təsdiqləyiblər, Özbəkistan Prezidenti Şavkat Mirziyoyev bildirib.",
  "Yol xəritəsi rəqəmsal gömrük prosedurlarını və Ələt limanının modernləşdirilməsini nəzərdə tutur."]),
 ("uz-transport-tashkent", "kun", B, "2025-11-12T11:30:00Z", "+05:00", "TDT transport vazirlari Toshkentda uchrashdi", [
  "Turkiy davlatlar tashkiloti transport vazirlari 12-noyabr kuni Toshkentda uchrashib, 320 million dollarlik Transkaspiy xalqaro transport yo‘nalishi bo‘yicha yo‘l xaritasini tasdiqladi, dedi Prezident Shavkat Mirziyoyev.",
  "“O‘rta yo‘lak 2030-yilga borib yiliga o‘n million tonna yuk tashishi kerak”, — dedi Mirziyoyev.",
  "Vazirlarning navbatdagi uchrashuvi kelasi yili Cho‘lpon-Otada bo‘lib o‘tadi."]),
 ("ky-transport-tashkent", "kabar", B, "2025-11-12T12:45:00Z", "+06:00", "ТМУнун транспорт министрлери Ташкентте жолугушту", [
  "Түрк мамлекеттеринин уюмунун транспорт министрлери 12-ноябрда Ташкентте жолугушуп, 320 млн долларлык Транскаспий транспорт каттамы боюнча жол картасын бекитишти, деди Шавкат Мирзиёев.",
  "Министрлердин кийинки жолугушуусу Чолпон-Атада өтөт."]),
 ("tk-transport-tashkent", "tdh", B, "2025-11-12T13:30:00Z", "+05:00", "TDG-niň ulag ministrleri Daşkentde duşuşdy", [
  "Türki döwletleriň guramasynyň ulag ministrleri 12-nji noýabrda Daşkentde duşuşyp, 320 million dollarlyk Hazarüsti halkara ulag ugry boýunça ýol kartasyny tassykladylar.",
  "Duşuşyga Türkmenistanyň ulag ministri synçy hökmünde gatnaşdy."]),
 ("hu-transport-tashkent", "hirado", B, "2025-11-12T15:10:00Z", "+01:00", "Taskentben ülésezett a Türk Államok Szervezetének közlekedési minisztere", [
  "A Türk Államok Szervezetének közlekedési miniszterei november 12-én Taskentben üléseztek, és 320 millió dolláros útitervet fogadtak el a Transzkaszpi Nemzetközi Közlekedési Útvonalról – közölte Savkat Mirzijojev üzbég elnök.",
  "A terv digitális vámeljárásokat és új kompokat irányoz elő a Kaszpi-tengeren."]),
]
BOILER = ["We use cookies", "Share:", "Latest news", "All rights reserved"]

def slug(key):
    return "%s-%d" % (key, int(hashlib.sha1(key.encode()).hexdigest()[:6], 16) % 900000 + 100000)

def page(site, lang, title, paras, pub, off, path):
    sname = SITES[site][0]
    hh, mm = int(off[1:3]), int(off[4:6])
    import datetime
    t = datetime.datetime.strptime(pub, "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(hours=hh, minutes=mm) * (1 if off[0] == "+" else -1)
    local = t.strftime("%Y-%m-%dT%H:%M:%S") + off
    body = "\n".join("<p>%s</p>" % html.escape(p, quote=False) for p in paras)
    e = lambda s: html.escape(s)
    return f'''<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{e(title)} | {e(sname)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="{e(sname)}"><meta property="og:title" content="{e(title)}">
<meta property="og:type" content="article"><meta property="og:url" content="@BASE@{path}">
<link rel="canonical" href="@BASE@{path}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": {json.dumps(title, ensure_ascii=False)}, "datePublished": "{local}", "inLanguage": "{lang}"}}</script>
</head>
<body>
<header class="header"><a class="logo" href="@BASE@/{site}/">{e(sname)}</a><nav><ul class="menu"><li><a href="@BASE@/{site}/section/0">Politics</a></li><li><a href="@BASE@/{site}/section/1">Economy</a></li></ul></nav></header>
<main class="container">
<article class="article">
<h1 class="article__title">{e(title)}</h1>
<div class="article__meta"><span class="article__date">{t.strftime("%d.%m.%Y %H:%M")}</span></div>
<div class="article__body">
{body}
</div>
<div class="share">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Telegram</a></div>
</article>
<aside class="latest"><h3>Latest news</h3><ul><li><a href="@BASE@/{site}/">{e(sname)}</a></li></ul></aside>
</main>
<div class="cookie">We use cookies to improve your experience on our website. <button>Accept</button></div>
<footer class="footer"><p>© 2025 {e(sname)}. All rights reserved.</p></footer>
</body></html>
'''

def rfc822(pub):
    import datetime, email.utils
    t = datetime.datetime.strptime(pub, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    return email.utils.format_datetime(t)

w = json.load(open(os.path.join(ROOT, "world.json")))
w["articles"] = [a for a in w["articles"] if a["key"] not in set(x[0] for x in ART)]
w["sources"] = [s for s in w["sources"] if s["name"] not in set(v[2] for v in SITES.values())]
items = {}
for key, site, story, pub, off, title, paras in ART:
    lang = SITES[site][1]
    path = "/%s/%s/news/%s.html" % (site, lang, slug(key))
    os.makedirs(os.path.dirname(ROOT + "/www" + path), exist_ok=True)
    open(ROOT + "/www" + path, "w").write(page(site, lang, title, paras, pub, off, path))
    items.setdefault(site, []).append((key, path, title, pub, paras[0]))
    w["articles"].append({"key": key, "path": path, "site": site, "lang": lang, "ots": True, "story": story,
        "title": title, "published": pub, "machine_date": True,
        "must_contain": [paras[0][:80], paras[-1][-80:]], "must_not_contain": BOILER + [title],
        "reprint_of": None, "near_dup_of": None})
for site, (sname, lang, src) in SITES.items():
    feed = "/%s/rss/%s.xml" % (site, lang)
    os.makedirs(os.path.dirname(ROOT + "/www" + feed), exist_ok=True)
    x = ['<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0"><channel><title>%s</title><link>@BASE@/%s/</link><description>%s</description><language>%s</language>' % (html.escape(sname), site, html.escape(sname), lang)]
    for key, path, title, pub, lead in items[site]:
        x.append("<item><title>%s</title><link>@BASE@%s</link><guid>@BASE@%s</guid><pubDate>%s</pubDate><description>%s</description></item>" % (
            html.escape(title), path, path, rfc822(pub), html.escape(lead[:150])))
    x.append("</channel></rss>")
    open(ROOT + "/www" + feed, "w").write("\n".join(x) + "\n")
    w["sources"].append({"name": src, "type": "rss", "path": feed, "lang": lang, "articles": [k for k, *_ in items[site]]})
json.dump(w, open(os.path.join(ROOT, "world.json"), "w"), ensure_ascii=False, indent=1)
print("ok", len(w["articles"]), len(w["sources"]))
