# Hungarian: MTI, Magyar Nemzet, Index, hirado.hu styles.
L = dict(
city=["Budapesten", "Asztanában", "Bakuban", "Biskekben", "Taskentben", "Ankarában", "Szamarkandban"],
day=["hétfőn", "kedden", "szerdán", "csütörtökön", "pénteken"],
subj_title=[
 "A Türk Államok Szervezetének külügyminiszterei {city} üléseztek",
 "{city} kezdődött a Türk Államok Szervezetének csúcstalálkozója",
 "Szijjártó: a Türk Államok Szervezete egyre fontosabb partner",
 "A Türk Tanács csúcstalálkozója {city}",
],
subj_title_plain=[
 "Türk vezetők nyilatkozatot fogadtak el {city}",
],
subj_lead=[
 "A Türk Államok Szervezetének (TÁSZ) tagállamai külügyminiszterei {day} {city} üléseztek, és egyeztették a közelgő csúcstalálkozó napirendjét.",
 "A Türk Államok Szervezetének állam- és kormányfői {city} nyilatkozatot fogadtak el a Középső Folyosó fejlesztéséről.",
 "Szijjártó Péter külügyminiszter {day} a Türk Államok Szervezetének ülésén kijelentette, hogy Magyarország megfigyelőként aktívan részt vesz a szervezet munkájában.",
 "A Türk Nyelvű Államok Együttműködési Tanácsa {city} tartja soron következő csúcstalálkozóját.",
 "A Türk Tanács főtitkára {day} {city} tárgyalt a szervezet elnökségi prioritásairól.",
],
subj_more=[
 "A szervezet titkársága szerint a felek a Türk Világ 2040 jövőkép végrehajtási tervéről is tárgyaltak.",
 "A Türk Államok Szervezetének következő külügyminiszteri ülését ősszel tartják.",
],
quote=[
 "„Együttműködésünk új szakaszba lépett, a kereskedelem {n} százalékkal nőtt” – mondta a miniszter.",
 "A felek energetikai, oktatási és turisztikai kérdésekről is tárgyaltak.",
],
bg=[
 "A Türk Államok Szervezetét 2009-ben alapították Türk Tanács néven; Magyarország 2018 óta megfigyelő.",
],
other_title=[
 "Nőtt a magyar export az első félévben",
 "Új gyár épül Debrecenben",
 "Orbán Viktor fogadta az üzbég miniszterelnököt",
],
other_lead=[
 "A magyar export {n} százalékkal nőtt az első félévben, közölte {day} a KSH.",
 "Új akkumulátorgyár épül Debrecenben, amely mintegy {n} embernek ad munkát.",
 "Orbán Viktor miniszterelnök {day} fogadta üzbég kollégáját, a felek energetikai együttműködésről tárgyaltak.",
],
other_more=[
 "A felek a mezőgazdasági gépek szállításáról is egyeztettek.",
 "A beruházás értéke meghaladja a {n} milliárd forintot.",
],
passing=[
 "Magyarország tagja az ENSZ-nek, a NATO-nak és az EU-nak, a Türk Államok Szervezetében pedig megfigyelő.",
 "A nagykövet korábban a Türk Tanács budapesti irodájában dolgozott.",
 "A két vezető tavaly a Türk Államok Szervezetének csúcstalálkozóján is találkozott.",
],
lead_passing=[],
neg_title=[
 "Sanghaji Együttműködési Szervezet csúcstalálkozója {city}",
 "Tudósok a türk rovásírásról tanácskoztak",
 "Kurultáj: hagyományőrző fesztivál Bugacon",
 "Orbán Viktor Erdoğannal tárgyalt Ankarában",
],
neg_lead=[
 "A Sanghaji Együttműködési Szervezet vezetői {day} {city} kétnapos csúcstalálkozóra gyűltek össze.",
 "Magyar, kazah és török tudósok {city} a türk rovásírás eredetéről tanácskoztak.",
 "Bugacon ismét megrendezték a Kurultájt, a hagyományőrzők fesztiválját, amelyen {n} ország csapatai vettek részt.",
 "Orbán Viktor miniszterelnök {day} Ankarában tárgyalt Recep Tayyip Erdoğan török elnökkel a kereskedelemről és az energiáról.",
],
neg_more=[
 "A találkozón {n} megállapodást írtak alá.",
],
org_title=[
 "A TÜRKSOY {city} nyitotta meg a türk kulturális főváros évét",
],
org_lead=[
 "A Nemzetközi Türk Kulturális Szervezet (TÜRKSOY) {day} {city} nyitotta meg a türk világ kulturális fővárosa évet.",
],
org_more=[
 "A TÜRKSOY-t 1993-ban alapították.",
],
org_bg_ots=[
 "A TÜRKSOY szorosan együttműködik a Türk Államok Szervezetével.",
],
brief=[
 "A Türk Államok Szervezetének külügyminiszterei {city} üléseztek.",
],
)
