# Turkmen: TDH (Turkmenistan State News Agency), Neutral Turkmenistan styles.
L = dict(
city=["Aşgabatda", "Astanada", "Bakuda", "Bişkekde", "Daşkendde", "Ankarada"],
day=["duşenbe güni", "sişenbe güni", "çarşenbe güni", "penşenbe güni", "anna güni"],
subj_title=[
 "Türki döwletleriň guramasynyň daşary işler ministrleri {city} ýygnandy",
 "Türki döwletleriň guramasynyň sammiti {city} başlandy",
 "TDG-niň Baş sekretary başlyklyk ugurlaryny ara alyp maslahatlaşdy",
],
subj_title_plain=[
 "Türki dünýäsiniň ýolbaşçylary {city} duşuşdy",
],
subj_lead=[
 "Türki döwletleriň guramasyna agza ýurtlaryň daşary işler ministrleri {day} {city} mejlis geçirip, ýakynlaşýan sammitiň gün tertibini ylalaşdylar.",
 "Türki döwletleriň guramasynyň Döwlet Baştutanlar Geňeşiniň {city} geçirilen mejlisinde Orta geçelgäni ösdürmek boýunça jarnama kabul edildi.",
 "Türk Geňeşiniň sammiti {city} geçiriler, diýip DIM habar berdi.",
 "Türkmenistan Türki döwletleriň guramasynyň sammitine synçy hökmünde gatnaşdy we {city} geçirilen mejlisde çykyş etdi.",
],
subj_more=[
 "Guramanyň çäklerinde ýurtlar gümrük işlerini ýönekeýleşdirmäge ylalaşdylar.",
],
quote=[
 "Taraplar energetika, bilim we syýahatçylyk meselelerini hem ara alyp maslahatlaşdylar.",
],
bg=[
 "Türki döwletleriň guramasy 2009-njy ýylda döredildi. Türkmenistan guramada synçy ýagdaýyna eýe.",
],
other_title=[
 "Aşgabatda halkara gurluşyk sergisi açyldy",
 "Türkmenistan bilen Özbegistan söwda dolanyşygyny artdyrar",
],
other_lead=[
 "Aşgabatda {day} halkara gurluşyk sergisi açyldy, oňa {n} kompaniýa gatnaşýar.",
 "Türkmenistan bilen Özbegistan {city} energetika we suw hojalygy boýunça {n} resminama gol çekdiler.",
],
other_more=[
 "Taraplar oba hojalyk tehnikasyny getirmek meselesini ara alyp maslahatlaşdylar.",
],
passing=[
 "Türkmenistan BMG, GDA we TDG bilen hyzmatdaşlyk edýär.",
 "Ilçi öň Türk Geňeşiniň Baş sekretarynyň orunbasary wezipesinde işläpdi.",
],
lead_passing=[],
neg_title=[
 "Aşgabatda Türki dünýäsiniň medeniýet festiwaly açyldy",
 "GDA-nyň döwlet baştutanlary Moskwada ýygnandy",
 "Serdar Berdimuhamedow Özbegistanyň Prezidenti bilen duşuşdy",
],
neg_lead=[
 "Aşgabatda Türki dünýäsiniň medeniýet festiwaly açyldy, oňa {n} ýurduň folklor toparlary gatnaşýar.",
 "GDA-nyň döwlet baştutanlary Ýeňşiň 80 ýyllygy mynasybetli beýannama kabul etdiler.",
 "Prezident Serdar Berdimuhamedow {day} Özbegistanyň Prezidenti bilen söwda we suw meselelerini ara alyp maslahatlaşdy.",
],
neg_more=[
 "Duşuşygyň jemleri boýunça {n} resminama gol çekildi.",
],
org_title=[
 "TÜRKSOÝ {city} medeni paýtagt ýylyny açdy",
],
org_lead=[
 "TÜRKSOÝ {day} {city} Türki dünýäsiniň medeni paýtagty ýylyny dabaraly açdy.",
],
org_more=[
 "TÜRKSOÝ 1993-nji ýylda döredildi.",
],
org_bg_ots=[
 "TÜRKSOÝ Türki döwletleriň guramasy bilen ýakyn hyzmatdaşlyk edýär.",
],
brief=[
 "Türki döwletleriň guramasynyň ministrleri {city} ýygnandy.",
],
)
