#!/usr/bin/env python3
"""The story benchmark's texts: 16 OTS events, each reported in 5-7 of nine
languages (en, ru, kk, tr, az, uz, ky, tk, hu), short briefs (title + lead)
and long reports (quote, details, an OTS background paragraph), with
same-week distractors (other events of the organisation in the same week,
two of them in the same city).  A third of the non-English reports name no
date, only a weekday; later reports come a day after the first.  Names of people and places are written as
each language writes them, with its case endings.  Deterministic; writes
texts/EVENT-LANG-N.txt in the header format of tests/data/dedup."""
import os, random, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "texts")
LANGS = ["en", "ru", "kk", "tr", "az", "uz", "ky", "tk", "hu"]

CITY = {  # nominative, locative
 "baku": {"en": ("Baku", "in Baku"), "ru": ("Баку", "в Баку"), "kk": ("Баку", "Бакуде"), "tr": ("Bakü", "Bakü'de"), "az": ("Bakı", "Bakıda"), "uz": ("Boku", "Bokuda"), "ky": ("Баку", "Бакуда"), "tk": ("Baku", "Bakuda"), "hu": ("Baku", "Bakuban")},
 "tashkent": {"en": ("Tashkent", "in Tashkent"), "ru": ("Ташкент", "в Ташкенте"), "kk": ("Ташкент", "Ташкентте"), "tr": ("Taşkent", "Taşkent'te"), "az": ("Daşkənd", "Daşkənddə"), "uz": ("Toshkent", "Toshkentda"), "ky": ("Ташкент", "Ташкентте"), "tk": ("Daşkent", "Daşkentde"), "hu": ("Taskent", "Taskentben")},
 "bishkek": {"en": ("Bishkek", "in Bishkek"), "ru": ("Бишкек", "в Бишкеке"), "kk": ("Бішкек", "Бішкекте"), "tr": ("Bişkek", "Bişkek'te"), "az": ("Bişkek", "Bişkekdə"), "uz": ("Bishkek", "Bishkekda"), "ky": ("Бишкек", "Бишкекте"), "tk": ("Bişkek", "Bişkekde"), "hu": ("Biskek", "Biskekben")},
 "gabala": {"en": ("Gabala", "in Gabala"), "ru": ("Габала", "в Габале"), "kk": ("Габала", "Габалада"), "tr": ("Gebele", "Gebele'de"), "az": ("Qəbələ", "Qəbələdə"), "uz": ("Qabala", "Qabalada"), "ky": ("Габала", "Габалада"), "tk": ("Gabala", "Gabalada"), "hu": ("Gabala", "Gabalában")},
 "ashgabat": {"en": ("Ashgabat", "in Ashgabat"), "ru": ("Ашхабад", "в Ашхабаде"), "kk": ("Ашхабад", "Ашхабадта"), "tr": ("Aşkabat", "Aşkabat'ta"), "az": ("Aşqabad", "Aşqabadda"), "uz": ("Ashxobod", "Ashxobodda"), "ky": ("Ашхабад", "Ашхабадда"), "tk": ("Aşgabat", "Aşgabatda"), "hu": ("Asgabat", "Asgabatban")},
 "samarkand": {"en": ("Samarkand", "in Samarkand"), "ru": ("Самарканд", "в Самарканде"), "kk": ("Самарқанд", "Самарқандта"), "tr": ("Semerkant", "Semerkant'ta"), "az": ("Səmərqənd", "Səmərqənddə"), "uz": ("Samarqand", "Samarqandda"), "ky": ("Самарканд", "Самаркандда"), "tk": ("Samarkant", "Samarkantda"), "hu": ("Szamarkand", "Szamarkandban")},
 "astana": {"en": ("Astana", "in Astana"), "ru": ("Астана", "в Астане"), "kk": ("Астана", "Астанада"), "tr": ("Astana", "Astana'da"), "az": ("Astana", "Astanada"), "uz": ("Astana", "Astanada"), "ky": ("Астана", "Астанада"), "tk": ("Astana", "Astanada"), "hu": ("Asztana", "Asztanában")},
 "budapest": {"en": ("Budapest", "in Budapest"), "ru": ("Будапешт", "в Будапеште"), "kk": ("Будапешт", "Будапештте"), "tr": ("Budapeşte", "Budapeşte'de"), "az": ("Budapeşt", "Budapeştdə"), "uz": ("Budapesht", "Budapeshtda"), "ky": ("Будапешт", "Будапештте"), "tk": ("Budapeşt", "Budapeştde"), "hu": ("Budapest", "Budapesten")},
 "shusha": {"en": ("Shusha", "in Shusha"), "ru": ("Шуша", "в Шуше"), "kk": ("Шуша", "Шушада"), "tr": ("Şuşa", "Şuşa'da"), "az": ("Şuşa", "Şuşada"), "uz": ("Shusha", "Shushada"), "ky": ("Шуша", "Шушада"), "tk": ("Şuşa", "Şuşada"), "hu": ("Susa", "Susában")},
 "khiva": {"en": ("Khiva", "in Khiva"), "ru": ("Хива", "в Хиве"), "kk": ("Хиуа", "Хиуада"), "tr": ("Hive", "Hive'de"), "az": ("Xivə", "Xivədə"), "uz": ("Xiva", "Xivada"), "ky": ("Хива", "Хивада"), "tk": ("Hywa", "Hywada"), "hu": ("Hiva", "Hivában")},
 "istanbul": {"en": ("Istanbul", "in Istanbul"), "ru": ("Стамбул", "в Стамбуле"), "kk": ("Стамбул", "Стамбулда"), "tr": ("İstanbul", "İstanbul'da"), "az": ("İstanbul", "İstanbulda"), "uz": ("Istanbul", "Istanbulda"), "ky": ("Стамбул", "Стамбулда"), "tk": ("Stambul", "Stambulda"), "hu": ("Isztambul", "Isztambulban")},
 "cholponata": {"en": ("Cholpon-Ata", "in Cholpon-Ata"), "ru": ("Чолпон-Ата", "в Чолпон-Ате"), "kk": ("Шолпан-Ата", "Шолпан-Атада"), "tr": ("Çolpon-Ata", "Çolpon-Ata'da"), "az": ("Çolpon-Ata", "Çolpon-Atada"), "uz": ("Cho‘lpon-Ota", "Cho‘lpon-Otada"), "ky": ("Чолпон-Ата", "Чолпон-Атада"), "tk": ("Çolpon-Ata", "Çolpon-Atada"), "hu": ("Csolpon-Ata", "Csolpon-Atában")},
 "turkistan": {"en": ("Turkistan", "in Turkistan"), "ru": ("Туркестан", "в Туркестане"), "kk": ("Түркістан", "Түркістанда"), "tr": ("Türkistan", "Türkistan'da"), "az": ("Türküstan", "Türküstanda"), "uz": ("Turkiston", "Turkistonda"), "ky": ("Түркстан", "Түркстанда"), "tk": ("Türkistan", "Türkistanda"), "hu": ("Türkesztán", "Türkesztánban")},
 "ankara": {"en": ("Ankara", "in Ankara"), "ru": ("Анкара", "в Анкаре"), "kk": ("Анкара", "Анкарада"), "tr": ("Ankara", "Ankara'da"), "az": ("Ankara", "Ankarada"), "uz": ("Anqara", "Anqarada"), "ky": ("Анкара", "Анкарада"), "tk": ("Ankara", "Ankarada"), "hu": ("Ankara", "Ankarában")},
}
PERSON = {
 "sg": {"en": "Kubanychbek Omuraliev", "ru": "Кубанычбек Омуралиев", "kk": "Құбанычбек Өмүралиев", "tr": "Kubanıçbek Ömüraliev", "az": "Kubanıçbek Ömürəliyev", "uz": "Qubanichbek O‘muraliyev", "ky": "Кубанычбек Өмүралиев", "tk": "Kubanyçbek Ömüraliýew", "hu": "Kubanicsbek Omuralijev"},
 "bayramov": {"en": "Jeyhun Bayramov", "ru": "Джейхун Байрамов", "kk": "Жейхун Байрамов", "tr": "Ceyhun Bayramov", "az": "Ceyhun Bayramov", "uz": "Jayhun Bayramov", "ky": "Жейхун Байрамов", "tk": "Jeýhun Baýramow", "hu": "Dzsejhun Bajramov"},
 "saidov": {"en": "Bakhtiyor Saidov", "ru": "Бахтиёр Саидов", "kk": "Бахтиёр Саидов", "tr": "Bahtiyor Saidov", "az": "Baxtiyor Saidov", "uz": "Baxtiyor Saidov", "ky": "Бахтиёр Саидов", "tk": "Bahtiýor Saidow", "hu": "Bahtijor Szaidov"},
 "tokayev": {"en": "Kassym-Jomart Tokayev", "ru": "Касым-Жомарт Токаев", "kk": "Қасым-Жомарт Тоқаев", "tr": "Kasım Cömert Tokayev", "az": "Qasım-Jomart Tokayev", "uz": "Qasim-Jomart Toqayev", "ky": "Касым-Жомарт Токаев", "tk": "Kasym-Žomart Tokaýew", "hu": "Kaszim-Zsomart Tokajev"},
 "aliyev": {"en": "Ilham Aliyev", "ru": "Ильхам Алиев", "kk": "Ильхам Әлиев", "tr": "İlham Aliyev", "az": "İlham Əliyev", "uz": "Ilhom Aliyev", "ky": "Ильхам Алиев", "tk": "Ilham Aliýew", "hu": "Ilham Alijev"},
 "mirziyoyev": {"en": "Shavkat Mirziyoyev", "ru": "Шавкат Мирзиёев", "kk": "Шавкат Мирзиёев", "tr": "Şevket Mirziyoyev", "az": "Şavkat Mirziyoyev", "uz": "Shavkat Mirziyoyev", "ky": "Шавкат Мирзиёев", "tk": "Şawkat Mirziýoýew", "hu": "Savkat Mirzijojev"},
 "japarov": {"en": "Sadyr Japarov", "ru": "Садыр Жапаров", "kk": "Садыр Жапаров", "tr": "Sadır Caparov", "az": "Sadır Japarov", "uz": "Sadir Japarov", "ky": "Садыр Жапаров", "tk": "Sadyr Japarow", "hu": "Szadir Zsaparov"},
 "erdogan": {"en": "Recep Tayyip Erdoğan", "ru": "Реджеп Тайип Эрдоган", "kk": "Реджеп Тайып Ердоған", "tr": "Recep Tayyip Erdoğan", "az": "Rəcəb Tayyib Ərdoğan", "uz": "Rajab Toyyib Erdo‘g‘an", "ky": "Режеп Тайип Эрдоган", "tk": "Rejep Taýyp Erdogan", "hu": "Recep Tayyip Erdoğan"},
 "orban": {"en": "Viktor Orbán", "ru": "Виктор Орбан", "kk": "Виктор Орбан", "tr": "Viktor Orban", "az": "Viktor Orban", "uz": "Viktor Orban", "ky": "Виктор Орбан", "tk": "Wiktor Orban", "hu": "Orbán Viktor"},
 "berdimuhamedov": {"en": "Serdar Berdimuhamedov", "ru": "Сердар Бердымухамедов", "kk": "Сердар Бердімұхамедов", "tr": "Serdar Berdimuhamedov", "az": "Sərdar Berdiməhəmmədov", "uz": "Serdar Berdimuhamedov", "ky": "Сердар Бердимухамедов", "tk": "Serdar Berdimuhamedow", "hu": "Szerdar Berdimuhamedov"},
}
MONTH = {
 "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
 "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
 "kk": ["қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде", "тамызда", "қыркүйекте", "қазанда", "қарашада", "желтоқсанда"],
 "tr": ["Ocak'ta", "Şubat'ta", "Mart'ta", "Nisan'da", "Mayıs'ta", "Haziran'da", "Temmuz'da", "Ağustos'ta", "Eylül'de", "Ekim'de", "Kasım'da", "Aralık'ta"],
 "az": ["yanvarda", "fevralda", "martda", "apreldə", "mayda", "iyunda", "iyulda", "avqustda", "sentyabrda", "oktyabrda", "noyabrda", "dekabrda"],
 "uz": ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentabr", "oktabr", "noyabr", "dekabr"],
 "ky": ["январда", "февралда", "мартта", "апрелде", "майда", "июнда", "июлда", "августта", "сентябрда", "октябрда", "ноябрда", "декабрда"],
 "tk": ["ýanwarda", "fewralda", "martda", "aprelde", "maýda", "iýunda", "iýulda", "awgustda", "sentýabrda", "oktýabrda", "noýabrda", "dekabrda"],
 "hu": ["január", "február", "március", "április", "május", "június", "július", "augusztus", "szeptember", "október", "november", "december"],
}
def date(lang, d):
    y, m, day = d
    mo = MONTH[lang][m - 1]
    return {"en": "%d %s" % (day, mo), "ru": "%d %s" % (day, mo), "kk": "%d %s" % (day, mo),
            "tr": "%d %s" % (day, mo), "az": "%d %s" % (day, mo), "uz": "%d-%s kuni" % (day, mo),
            "ky": "%d-%s" % (day, mo), "tk": "%d-nji %s" % (day, mo), "hu": "%s %d-én" % (mo, day)}[lang]
SECTOR = {
 "transport": {"en": "transport", "ru": "транспорта", "kk": "көлік", "tr": "Ulaştırma", "az": "nəqliyyat", "uz": "transport", "ky": "транспорт", "tk": "ulag", "hu": "közlekedési"},
 "energy": {"en": "energy", "ru": "энергетики", "kk": "энергетика", "tr": "Enerji", "az": "energetika", "uz": "energetika", "ky": "энергетика", "tk": "energetika", "hu": "energetikai"},
 "agriculture": {"en": "agriculture", "ru": "сельского хозяйства", "kk": "ауыл шаруашылығы", "tr": "Tarım", "az": "kənd təsərrüfatı", "uz": "qishloq xo‘jaligi", "ky": "айыл чарба", "tk": "oba hojalyk", "hu": "mezőgazdasági"},
 "digital": {"en": "digital development", "ru": "цифрового развития", "kk": "цифрлық даму", "tr": "Dijital Kalkınma", "az": "rəqəmsal inkişaf", "uz": "raqamli texnologiyalar", "ky": "санариптик өнүктүрүү", "tk": "sanly ösüş", "hu": "digitális fejlesztési"},
 "education": {"en": "education", "ru": "образования", "kk": "білім", "tr": "Eğitim", "az": "təhsil", "uz": "ta’lim", "ky": "билим берүү", "tk": "bilim", "hu": "oktatási"},
 "tourism": {"en": "tourism", "ru": "туризма", "kk": "туризм", "tr": "Turizm", "az": "turizm", "uz": "turizm", "ky": "туризм", "tk": "syýahatçylyk", "hu": "turisztikai"},
 "health": {"en": "health", "ru": "здравоохранения", "kk": "денсаулық сақтау", "tr": "Sağlık", "az": "səhiyyə", "uz": "sog‘liqni saqlash", "ky": "саламаттыкты сактоо", "tk": "saglygy goraýyş", "hu": "egészségügyi"},
}
T = {  # kind -> lang -> (title, lead)
 "fm": {
  "en": ("OTS foreign ministers meet {loc}", "Foreign ministers of the Organization of Turkic States met {loc} on {date} to prepare the next summit, with {p} chairing the session."),
  "ru": ("Главы МИД стран ОТГ собрались {loc}", "Министры иностранных дел Организации тюркских государств {date} провели заседание {loc}; председательствовал {p}."),
  "kk": ("ТМҰ сыртқы істер министрлері {loc} бас қосты", "Түркі мемлекеттері ұйымының сыртқы істер министрлері {date} {loc} отырыс өткізді, оған {p} төрағалық етті."),
  "tr": ("TDT Dışişleri Bakanları {loc} toplandı", "Türk Devletleri Teşkilatı Dışişleri Bakanları Konseyi {date} {loc} toplandı; toplantıya {p} başkanlık etti."),
  "az": ("TDT xarici işlər nazirləri {loc} toplaşıb", "Türk Dövlətləri Təşkilatı Xarici İşlər Nazirləri Şurasının iclası {date} {loc} keçirilib, iclasa {p} sədrlik edib."),
  "uz": ("TDT tashqi ishlar vazirlari {loc} yig‘ildi", "Turkiy davlatlar tashkiloti tashqi ishlar vazirlari {date} {loc} yig‘ildi, majlisga {p} raislik qildi."),
  "ky": ("ТМУнун тышкы иштер министрлери {loc} чогулушту", "Түрк мамлекеттеринин уюмунун тышкы иштер министрлери {date} {loc} жыйын өткөрүштү, жыйынды {p} алып барды."),
  "tk": ("TDG-niň daşary işler ministrleri {loc} ýygnandy", "Türki döwletleriň guramasynyň daşary işler ministrleri {date} {loc} mejlis geçirdiler, oňa {p} ýolbaşçylyk etdi."),
  "hu": ("{loc} üléseztek a Türk Államok Szervezetének külügyminiszterei", "A Türk Államok Szervezetének külügyminiszterei {date} {loc} üléseztek; az ülést {p} vezette."),
 },
 "summit": {
  "en": ("Turkic leaders gather {loc} for OTS summit", "Heads of state of the Organization of Turkic States gathered {loc} on {date} for their summit, hosted by {p}."),
  "ru": ("{locC} открылся саммит ОТГ", "{date} {loc} открылся саммит Организации тюркских государств; принимающую сторону представлял {p}."),
  "kk": ("{locC} ТМҰ саммиті басталды", "Түркі мемлекеттері ұйымының саммиті {date} {loc} басталды, оны {p} қабылдады."),
  "tr": ("TDT Zirvesi {loc} başladı", "Türk Devletleri Teşkilatı Zirvesi {date} {loc} başladı; zirveye {p} ev sahipliği yapıyor."),
  "az": ("TDT-nin Zirvəsi {loc} başlayıb", "Türk Dövlətləri Təşkilatının Zirvəsi {date} {loc} başlayıb, Zirvəyə {p} ev sahibliyi edir."),
  "uz": ("TDT sammiti {loc} boshlandi", "Turkiy davlatlar tashkiloti sammiti {date} {loc} boshlandi, unga {p} mezbonlik qilmoqda."),
  "ky": ("{locC} ТМУнун саммити башталды", "Түрк мамлекеттеринин уюмунун саммити {date} {loc} башталды, аны {p} кабыл алды."),
  "tk": ("TDG-niň sammiti {loc} başlandy", "Türki döwletleriň guramasynyň sammiti {date} {loc} başlandy, oňa {p} kabul edýär."),
  "hu": ("{locC} kezdődött a Türk Államok Szervezetének csúcstalálkozója", "A Türk Államok Szervezetének csúcstalálkozója {date} kezdődött {loc}, a házigazda {p}."),
 },
 "sg": {
  "en": ("OTS Secretary General visits {nom}", "OTS Secretary General {sg} was received by {p} {loc} on {date}."),
  "ru": ("Генсек ОТГ прибыл в {nom}", "Генеральный секретарь ОТГ {sg} {date} был принят {loc}; его принял {p}."),
  "kk": ("ТМҰ Бас хатшысы {loc}", "{p} {date} {loc} ТМҰ Бас хатшысы {sg} қабылдады."),
  "tr": ("TDT Genel Sekreteri {loc}", "TDT Genel Sekreteri {sg}, {date} {loc} {p} tarafından kabul edildi."),
  "az": ("TDT-nin Baş katibi {loc} səfərdədir", "{p} {date} {loc} TDT-nin Baş katibi {sg} qəbul edib."),
  "uz": ("TDT Bosh kotibi {loc}", "{p} {date} {loc} TDT Bosh kotibi {sg}ni qabul qildi."),
  "ky": ("ТМУнун Башкы катчысы {loc}", "{p} {date} {loc} ТМУнун Башкы катчысы {sg} кабыл алды."),
  "tk": ("TDG-niň Baş sekretary {loc}", "{p} {date} {loc} TDG-niň Baş sekretary {sg} kabul etdi."),
  "hu": ("{loc} tárgyalt a Türk Államok Szervezetének főtitkára", "{p} {date} {loc} fogadta {sg} főtitkárt."),
 },
 "sector": {
  "en": ("OTS {s} ministers meet {loc}", "Ministers of {s} of the Organization of Turkic States met {loc} on {date} and approved a joint plan worth {num} million dollars, {p} said."),
  "ru": ("Министры {s} стран ОТГ встретились {loc}", "Министры {s} Организации тюркских государств {date} встретились {loc} и утвердили совместный план на {num} млн долларов, сообщил {p}."),
  "kk": ("ТМҰ {s} министрлері {loc} кездесті", "Түркі мемлекеттері ұйымының {s} министрлері {date} {loc} кездесіп, {num} млн долларлық бірлескен жоспарды бекітті, деді {p}."),
  "tr": ("TDT {s} Bakanları {loc} bir araya geldi", "Türk Devletleri Teşkilatı {s} Bakanları {date} {loc} bir araya gelerek {num} milyon dolarlık ortak planı onayladı, {p} açıkladı."),
  "az": ("TDT-nin {s} nazirləri {loc} görüşüb", "Türk Dövlətləri Təşkilatının {s} nazirləri {date} {loc} görüşərək {num} milyon dollarlıq birgə planı təsdiqləyiblər, {p} bildirib."),
  "uz": ("TDT {s} vazirlari {loc} uchrashdi", "Turkiy davlatlar tashkiloti {s} vazirlari {date} {loc} uchrashib, {num} million dollarlik qo‘shma rejani tasdiqladi, dedi {p}."),
  "ky": ("ТМУнун {s} министрлери {loc} жолугушту", "Түрк мамлекеттеринин уюмунун {s} министрлери {date} {loc} жолугушуп, {num} млн долларлык биргелешкен планды бекитти, деди {p}."),
  "tk": ("TDG-niň {s} ministrleri {loc} duşuşdy", "Türki döwletleriň guramasynyň {s} ministrleri {date} {loc} duşuşyp, {num} million dollarlyk bilelikdäki meýilnamany tassykladylar, diýdi {p}."),
  "hu": ("{loc} ülésezett a Türk Államok Szervezetének {s} minisztere", "A Türk Államok Szervezetének {s} miniszterei {date} {loc} üléseztek, és {num} millió dolláros közös tervet fogadtak el – közölte {p}."),
 },
}
QUOTE = {
 "en": "“This meeting opens a new chapter in our cooperation,” {p} said, adding that {n2} documents had been signed.",
 "ru": "«Эта встреча открывает новую главу в нашем сотрудничестве», – заявил {p}, добавив, что подписано {n2} документов.",
 "kk": "«Бұл кездесу ынтымақтастығымызда жаңа кезең ашады», – деді {p}. Барлығы {n2} құжатқа қол қойылды.",
 "tr": "{p}, \"Bu toplantı işbirliğimizde yeni bir sayfa açıyor\" dedi. Toplantıda {n2} belge imzalandı.",
 "az": "\"Bu görüş əməkdaşlığımızda yeni səhifə açır\", – deyə {p} bildirib. Ümumilikdə {n2} sənəd imzalanıb.",
 "uz": "“Bu uchrashuv hamkorligimizda yangi sahifa ochadi”, — dedi {p}. Jami {n2} ta hujjat imzolandi.",
 "ky": "«Бул жолугушуу кызматташтыгыбызда жаңы барак ачат», – деди {p}. Бардыгы {n2} документке кол коюлду.",
 "tk": "\"Bu duşuşyk hyzmatdaşlygymyzda täze sahypa açýar\" diýip, {p} belläp geçdi. Jemi {n2} resminama gol çekildi.",
 "hu": "„Ez a találkozó új fejezetet nyit együttműködésünkben” – mondta {p}, hozzátéve, hogy {n2} dokumentumot írtak alá.",
}
BG = {
 "en": "The Organization of Turkic States, founded in 2009 as the Turkic Council, brings together Azerbaijan, Kazakhstan, Kyrgyzstan, Türkiye and Uzbekistan; Hungary and Turkmenistan are observers.",
 "ru": "Организация тюркских государств создана в 2009 году как Тюркский совет. В нее входят Азербайджан, Казахстан, Кыргызстан, Турция и Узбекистан; Венгрия и Туркменистан – наблюдатели.",
 "kk": "Түркі мемлекеттері ұйымы 2009 жылы Түркі кеңесі ретінде құрылған. Оған Әзірбайжан, Қазақстан, Қырғызстан, Түркия және Өзбекстан кіреді.",
 "tr": "2009'da Türk Konseyi adıyla kurulan Türk Devletleri Teşkilatı'nın üyeleri Azerbaycan, Kazakistan, Kırgızistan, Türkiye ve Özbekistan'dır; Macaristan ve Türkmenistan gözlemcidir.",
 "az": "Türk Dövlətləri Təşkilatı 2009-cu ildə Türk Şurası kimi yaradılıb. Təşkilatın üzvləri Azərbaycan, Qazaxıstan, Qırğızıstan, Türkiyə və Özbəkistandır.",
 "uz": "Turkiy davlatlar tashkiloti 2009-yilda Turkiy kengash sifatida tashkil etilgan. Unga Ozarbayjon, Qozog‘iston, Qirg‘iziston, Turkiya va O‘zbekiston a’zo.",
 "ky": "Түрк мамлекеттеринин уюму 2009-жылы Түрк кеңеши катары түзүлгөн. Ага Азербайжан, Казакстан, Кыргызстан, Түркия жана Өзбекстан кирет.",
 "tk": "Türki döwletleriň guramasy 2009-njy ýylda Türk Geňeşi hökmünde döredildi. Türkmenistan we Wengriýa guramada synçy ýagdaýyna eýe.",
 "hu": "A Türk Államok Szervezetét 2009-ben alapították Türk Tanács néven; tagjai Azerbajdzsán, Kazahsztán, Kirgizisztán, Törökország és Üzbegisztán, Magyarország megfigyelő.",
}
# key, kind, city, (y, m, d), person, sector, number
EVENTS = [
 ("fm-baku", "fm", "baku", (2026, 3, 10), "bayramov", None, None),
 ("transport-tashkent", "sector", "tashkent", (2026, 3, 12), "mirziyoyev", "transport", 320),
 ("sg-bishkek", "sg", "bishkek", (2026, 3, 13), "japarov", None, None),
 ("summit-gabala", "summit", "gabala", (2026, 10, 6), "aliyev", None, None),
 ("energy-gabala", "sector", "gabala", (2026, 10, 8), "aliyev", "energy", 540),
 ("agri-samarkand", "sector", "samarkand", (2026, 4, 21), "mirziyoyev", "agriculture", 150),
 ("sg-ashgabat", "sg", "ashgabat", (2026, 4, 22), "berdimuhamedov", None, None),
 ("fm-astana", "fm", "astana", (2026, 4, 24), "tokayev", None, None),
 ("digital-budapest", "sector", "budapest", (2026, 5, 18), "orban", "digital", 210),
 ("sg-budapest", "sg", "budapest", (2026, 5, 20), "orban", None, None),
 ("education-shusha", "sector", "shusha", (2026, 6, 2), "aliyev", "education", 180),
 ("tourism-khiva", "sector", "khiva", (2026, 6, 4), "mirziyoyev", "tourism", 260),
 ("health-istanbul", "sector", "istanbul", (2026, 9, 14), "erdogan", "health", 430),
 ("fm-cholponata", "fm", "cholponata", (2026, 9, 15), "japarov", None, None),
 ("summit-turkistan", "summit", "turkistan", (2026, 9, 18), "tokayev", None, None),
 ("sg-ankara", "sg", "ankara", (2026, 11, 3), "erdogan", None, None),
]


import datetime
WEEKDAY = {  # Monday first
 "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
 "ru": ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье"],
 "kk": ["дүйсенбіде", "сейсенбіде", "сәрсенбіде", "бейсенбіде", "жұмада", "сенбіде", "жексенбіде"],
 "tr": ["pazartesi günü", "salı günü", "çarşamba günü", "perşembe günü", "cuma günü", "cumartesi günü", "pazar günü"],
 "az": ["bazar ertəsi", "çərşənbə axşamı", "çərşənbə günü", "cümə axşamı", "cümə günü", "şənbə günü", "bazar günü"],
 "uz": ["dushanba kuni", "seshanba kuni", "chorshanba kuni", "payshanba kuni", "juma kuni", "shanba kuni", "yakshanba kuni"],
 "ky": ["дүйшөмбүдө", "шейшембиде", "шаршембиде", "бейшембиде", "жумада", "ишембиде", "жекшембиде"],
 "tk": ["duşenbe güni", "sişenbe güni", "çarşenbe güni", "penşenbe güni", "anna güni", "şenbe güni", "ýekşenbe güni"],
 "hu": ["hétfőn", "kedden", "szerdán", "csütörtökön", "pénteken", "szombaton", "vasárnap"],
}


def report(ev, lang, long_, r, nodate=False):
    key, kind, city, d, person, sector, num = ev
    nom, loc = CITY[city][lang]
    title, lead = T[kind][lang]
    p = PERSON[person][lang]
    dt = WEEKDAY[lang][datetime.date(*d).weekday()] if nodate else date(lang, d)
    f = dict(loc=loc, locC=loc[0].upper() + loc[1:], nom=nom, date=dt, p=p,
             sg=PERSON["sg"][lang], s=SECTOR[sector][lang] if sector else "", num=num or "")
    title = title.format(**f)
    paras = [lead.format(**f)]
    if long_:
        paras.append(QUOTE[lang].format(p=p, n2=r.choice([4, 6, 9, 11, 14])))
        if r.random() < 0.7:
            paras.append(BG[lang])
    return title, paras


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    r = random.Random("otsnews-stories")
    n = 0
    for ev in EVENTS:
        langs = ["en"] + r.sample(LANGS[1:], r.choice([4, 5, 6]))
        for i, lang in enumerate(langs):
            long_ = (i % 2 == 0)
            # a third of the non-English reports give no date, only a weekday
            nodate = i > 0 and i % 3 == 2
            title, paras = report(ev, lang, long_, r, nodate)
            y, m, d = ev[3]
            hour = 6 + (i * 3) % 15
            day = d + (1 if i >= 4 else 0)
            with open(os.path.join(OUT, "%s-%s-%d.txt" % (ev[0], lang, i)), "w") as fp:
                fp.write("# source: %s-%d\n# lang: %s\n# published: %04d-%02d-%02dT%02d:%02d:00Z\n"
                         "# title: %s\n# ots: True\n# story: %s\n\n%s\n" % (
                             lang, i % 3, lang, y, m, day, hour, (i * 7) % 60, title, ev[0], "\n\n".join(paras)))
            n += 1
    print("wrote %d reports of %d events" % (n, len(EVENTS)))


if __name__ == "__main__":
    main()
