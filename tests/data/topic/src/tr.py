# Turkish: AA, TRT Haber, Hürriyet, Daily Sabah Türkçe styles.
L = dict(
city=["Astana'da", "Bakü'de", "Bişkek'te", "Taşkent'te", "Budapeşte'de", "Ankara'da", "Gebele'de", "Semerkant'ta", "Şuşa'da", "İstanbul'da"],
day=["pazartesi", "salı", "çarşamba", "perşembe", "cuma"],
subj_title=[
 "TDT Dışişleri Bakanları Konseyi {city} toplandı",
 "Türk Devletleri Teşkilatı Zirvesi {city} başladı",
 "TDT Genel Sekreteri dönem başkanlığı önceliklerini görüştü",
 "Türk Devletleri Teşkilatı liderleri ortak bildiriyi kabul etti",
 "Türk Yatırım Fonu ilk projeleri onayladı",
 "TDT Aksakallar Konseyi {city} bir araya geldi",
],
subj_title_plain=[
 "Türk dünyası liderleri {city} bir araya geldi",
 "Dışişleri bakanları zirve gündemini belirledi",
],
subj_lead=[
 "Türk Devletleri Teşkilatı (TDT) üyesi ülkelerin dışişleri bakanları {day} günü {city} bir araya gelerek yaklaşan zirvenin gündemini belirledi.",
 "Türk Devletleri Teşkilatı Devlet Başkanları Konseyi {city} düzenlenen zirvede Orta Koridor'un geliştirilmesine ilişkin ortak bildiriyi kabul etti.",
 "TDT Genel Sekreteri Kubanıçbek Ömüraliev, {day} günü {city} teşkilatın dönem başkanlığı önceliklerini ele aldı.",
 "TDT tarafından kurulan Türk Yatırım Fonu, tarım ve lojistik alanında ilk {n} projeyi onayladı.",
 "Türk Konseyi'nin zirvesi {city} yapılacak, Dışişleri Bakanlığı açıkladı.",
],
subj_more=[
 "TDT Sekreterliğinden yapılan açıklamaya göre, toplantıda Türk Dünyası 2040 Vizyonu'nun uygulama planı da görüşüldü.",
 "Teşkilat çerçevesinde üye ülkeler Hazar ötesi güzergahta gümrük işlemlerini kolaylaştırma konusunda anlaştı.",
 "TDT Dışişleri Bakanları Konseyinin bir sonraki toplantısı sonbaharda {city} yapılacak.",
],
quote=[
 "Bakan, \"İşbirliğimiz yeni bir aşamaya girdi. Ülkelerimiz arasındaki ticaret yüzde {n} arttı\" dedi.",
 "\"Bildirilerden somut projelere geçmeliyiz\" diye konuştu.",
 "Taraflar enerji, eğitim ve turizm konularını da ele aldı.",
],
bg=[
 "Türk Devletleri Teşkilatı, 2009'da Nahçıvan Anlaşması ile Türk Dili Konuşan Ülkeler İşbirliği Konseyi adıyla kuruldu. Teşkilatın üyeleri Azerbaycan, Kazakistan, Kırgızistan, Türkiye ve Özbekistan'dır.",
],
other_title=[
 "Kazakistan ile Özbekistan ticareti ikiye katlayacak",
 "Türkiye'nin ihracatı ekimde yüzde {n} arttı",
 "Erdoğan, İtalyan şirket temsilcilerini kabul etti",
 "Yeni Astana Büyükelçisi güven mektubunu sundu",
],
other_lead=[
 "Türkiye'nin ihracatı ekim ayında yüzde {n} artarak rekor seviyeye ulaştı, Ticaret Bakanlığı {day} günü açıkladı.",
 "Cumhurbaşkanı Recep Tayyip Erdoğan, {day} günü İtalyan şirketlerinin temsilcilerini kabul ederek yenilenebilir enerji yatırımlarını görüştü.",
 "Kazakistan ile Özbekistan {city} enerji ve su alanında {n} anlaşma imzaladı.",
],
other_more=[
 "Taraflar tarım makineleri tedariki ve sınırda lojistik merkez kurulmasını görüştü.",
 "Bakanlığa göre otomotiv ihracatı {n} milyon dolara ulaştı.",
 "Yeni fabrika yaklaşık {n} kişiye istihdam sağlayacak.",
],
passing=[
 "Kazakistan BM, ŞİT, BDT, KGAÖ ve TDT üyesidir.",
 "Büyükelçi daha önce Türk Konseyi Genel Sekreter Yardımcılığı görevinde bulundu.",
 "İki lider geçen yıl Astana'daki TDT zirvesi marjında da görüşmüştü.",
 "Foruma BM, AGİT, ŞİT, TDT ve AB temsilcileri katıldı.",
],
lead_passing=[
 "Geçen yıl TDT zirvesinde bir araya gelen iki cumhurbaşkanı, {day} günü telefonda ikili ticareti görüştü.",
],
neg_title=[
 "ŞİT zirvesi {city} başladı",
 "BDT devlet başkanları Moskova'da toplandı",
 "İİT dışişleri bakanları ateşkes çağrısı yaptı",
 "Bilim insanları Göktürk yazıtlarını tartıştı",
 "Türk Dil Kurumu yeni sözlüğü tanıttı",
 "Erdoğan ile Tokayev Ankara'da görüştü",
 "Türk Devlet Tiyatroları yeni sezonu açtı",
],
neg_lead=[
 "Şanghay İşbirliği Örgütü liderleri {day} günü {city} iki günlük zirve için bir araya geldi.",
 "Bağımsız Devletler Topluluğu devlet başkanları Zafer'in 80. yıl dönümü dolayısıyla bildiri kabul etti.",
 "İslam İşbirliği Teşkilatı dışişleri bakanları olağanüstü toplantıda acil ateşkes çağrısında bulundu.",
 "Kazakistan, Türkiye ve Macaristan'dan bilim insanları {city} Göktürk yazıtlarını ele aldı.",
 "Türk Dil Kurumu, {n} yeni kelime içeren güncel Türkçe sözlüğü tanıttı.",
 "Cumhurbaşkanı Erdoğan ile Kazakistan Cumhurbaşkanı Tokayev, {day} günü Ankara'da ikili ticareti ve savunma sanayisini görüştü.",
 "Türk Devlet Tiyatroları yeni sezonu {n} oyunla açtı.",
],
neg_more=[
 "Toplantı sonunda {n} belge imzalandı.",
 "Bir sonraki zirve gelecek yıl {city} yapılacak.",
 "Taraflar ikili ticareti 10 milyar dolara çıkarma hedefini teyit etti.",
],
org_title=[
 "TÜRKSOY, {city} Türk Dünyası Kültür Başkenti yılını açtı",
 "TÜRKPA Genel Kurulu {city} toplandı",
 "Uluslararası Türk Akademisi Türk halkları atlasını tanıttı",
 "Türk Kültürü ve Mirası Vakfı türbe restorasyonunu destekleyecek",
],
org_lead=[
 "Uluslararası Türk Kültürü Teşkilatı (TÜRKSOY), {day} günü {city} Türk Dünyası Kültür Başkenti yılını törenle açtı.",
 "Türk Devletleri Parlamenter Asamblesi (TÜRKPA) Genel Kurulu {city} toplandı.",
 "Uluslararası Türk Akademisi, {city} Türk halklarının yeni tarih atlasını tanıttı.",
 "Türk Kültürü ve Mirası Vakfı, 14. yüzyıldan kalma bir türbenin restorasyonunu finanse edecek.",
],
org_more=[
 "TÜRKSOY Genel Sekreteri Sultan Rayev, programda sergi ve konserlerin yer aldığını söyledi.",
 "TÜRKSOY 1993'te kuruldu.",
],
org_bg_ots=[
 "TÜRKSOY, Türk Devletleri Teşkilatı ile yakın işbirliği içinde çalışıyor.",
],
brief=[
 "TDT dışişleri bakanları {city} toplandı.",
 "Türk Devletleri Teşkilatı {city} temsilcilik açtı.",
],
)
