# Uzbek (Latin): Kun.uz, UzA, Daryo, Gazeta.uz styles; apostrophes vary.
L = dict(
city=["Astanada", "Bokuda", "Bishkekda", "Toshkentda", "Budapeshtda", "Anqarada", "Samarqandda", "Shushada"],
day=["dushanba kuni", "seshanba kuni", "chorshanba kuni", "payshanba kuni", "juma kuni"],
subj_title=[
 "TDT tashqi ishlar vazirlari {city} yig‘ildi",
 "Turkiy davlatlar tashkiloti sammiti {city} boshlandi",
 "TDT Bosh kotibi raislik ustuvorliklarini muhokama qildi",
 "Turkiy davlatlar tashkiloti davlat rahbarlari deklaratsiya qabul qildi",
 "Turkiy investitsiya fondi ilk loyihalarni ma'qulladi",
],
subj_title_plain=[
 "Turkiy dunyo yetakchilari {city} uchrashdi",
],
subj_lead=[
 "Turkiy davlatlar tashkiloti (TDT)ga a’zo davlatlar tashqi ishlar vazirlari {day} {city} yig‘ilib, bo‘lajak sammit kun tartibini kelishib oldi.",
 "Turkiy davlatlar tashkiloti Davlat rahbarlari kengashining {city} bo‘lib o‘tgan majlisida O‘rta yo‘lakni rivojlantirish bo‘yicha deklaratsiya qabul qilindi.",
 "TDT Bosh kotibi Qubanichbek O‘muraliyev {day} {city} tashkilotning raislik ustuvorliklarini muhokama qildi.",
 "TDT tomonidan tashkil etilgan Turkiy investitsiya fondi qishloq xo'jaligi va logistika sohasidagi dastlabki {n} loyihani ma'qulladi.",
 "Turkiy kengash sammiti {city} o‘tkaziladi, deb xabar berdi TIV.",
],
subj_more=[
 "TDT Kotibiyatining ma’lum qilishicha, tomonlar Turkiy dunyo 2040 konsepsiyasini amalga oshirish rejasini ham muhokama qildi.",
 "Tashkilot doirasida a'zo davlatlar Transkaspiy yo'nalishida bojxona tartiblarini soddalashtirishga kelishdi.",
],
quote=[
 "“Hamkorligimiz yangi bosqichga ko‘tarildi. Mamlakatlarimiz o‘rtasidagi savdo {n} foizga o‘sdi”, — dedi vazir.",
 "Tomonlar energetika, ta’lim va turizm masalalarini ham muhokama qildi.",
],
bg=[
 "Turkiy davlatlar tashkiloti 2009-yilda Naxchivon bitimi asosida Turkiy tilli davlatlar hamkorlik kengashi nomi bilan tashkil etilgan. Unga Ozarbayjon, Qozog‘iston, Qirg‘iziston, Turkiya va O‘zbekiston a’zo.",
],
other_title=[
 "O‘zbekiston va Qozog‘iston savdo hajmini ikki barobar oshiradi",
 "Toshkentda yangi metro bekati ochildi",
 "Paxta hosili rejadan oshdi",
],
other_lead=[
 "O‘zbekiston va Qozog‘iston {city} energetika va suv xo‘jaligi sohalarida {n} ta kelishuv imzoladi.",
 "Toshkentda {day} yangi metro bekati foydalanishga topshirildi.",
 "Bu yil paxta hosili gektariga {n} sentnerni tashkil etdi, deb xabar berdi vazirlik.",
],
other_more=[
 "Tomonlar qishloq xo‘jaligi texnikasini yetkazib berish masalasini muhokama qildi.",
 "Vazirlik ma'lumotiga ko'ra, eksport hajmi {n} million dollarga yetdi.",
],
passing=[
 "O‘zbekiston BMT, ShHT, MDH va TDT a’zosi hisoblanadi.",
 "Elchi avvalroq Turkiy kengash Bosh kotibi o‘rinbosari lavozimida ishlagan.",
 "O‘tgan yili ikki yetakchi Astanadagi TDT sammiti doirasida ham uchrashgan edi.",
],
lead_passing=[],
neg_title=[
 "ShHT sammiti {city} boshlandi",
 "MDH davlat rahbarlari Moskvada yig‘ildi",
 "Olimlar qadimgi turkiy yozuvni muhokama qildi",
 "Toshkentda kitob yarmarkasi ochildi",
 "Mirziyoyev va Tokayev muzokaralar o‘tkazdi",
],
neg_lead=[
 "Shanxay hamkorlik tashkiloti yetakchilari {day} {city} ikki kunlik sammitga yig‘ildi.",
 "MDH davlat rahbarlari G‘alabaning 80 yilligi munosabati bilan bayonot qabul qildi.",
 "O‘zbekiston, Turkiya va Vengriya olimlari {city} qadimgi turkiy run yozuvlarini muhokama qildi.",
 "Toshkentda xalqaro kitob yarmarkasi ochildi, unda {n} ta nashriyot ishtirok etmoqda.",
 "Prezident Shavkat Mirziyoyev {day} Qozog‘iston Prezidenti Qasim-Jomart Toqayev bilan savdo va suv resurslarini muhokama qildi.",
],
neg_more=[
 "Uchrashuv yakunida {n} ta hujjat imzolandi.",
],
org_title=[
 "TURKSOY {city} Turkiy dunyo madaniy poytaxti yilini ochdi",
 "Xalqaro turkiy akademiya yangi atlasni taqdim etdi",
],
org_lead=[
 "Xalqaro turkiy madaniyat tashkiloti (TURKSOY) {day} {city} Turkiy dunyo madaniy poytaxti yilini ochdi.",
 "Xalqaro turkiy akademiya {city} turkiy xalqlarning yangi tarixiy atlasini taqdim etdi.",
],
org_more=[
 "TURKSOY 1993-yilda tashkil etilgan.",
],
org_bg_ots=[
 "TURKSOY Turkiy davlatlar tashkiloti bilan yaqin hamkorlik qiladi.",
],
brief=[
 "TDT tashqi ishlar vazirlari {city} yig‘ildi.",
],
)
