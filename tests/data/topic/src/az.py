# Azerbaijani: AZERTAC, Trend, Report.az, APA styles.
L = dict(
city=["Astanada", "Bakıda", "Bişkekdə", "Daşkənddə", "Budapeştdə", "Ankarada", "Qəbələdə", "Şuşada", "Səmərqənddə"],
day=["bazar ertəsi", "çərşənbə axşamı", "çərşənbə", "cümə axşamı", "cümə"],
subj_title=[
 "TDT xarici işlər nazirləri {city} toplaşıb",
 "Türk Dövlətləri Təşkilatının Zirvəsi {city} başlayıb",
 "TDT-nin Baş katibi sədrlik prioritetlərini müzakirə edib",
 "Türk Dövlətləri Təşkilatının dövlət başçıları bəyannamə qəbul edib",
 "Türk İnvestisiya Fondu ilk layihələri təsdiqləyib",
],
subj_title_plain=[
 "Türk dünyası liderləri {city} bir araya gəlib",
],
subj_lead=[
 "Türk Dövlətləri Təşkilatına (TDT) üzv ölkələrin xarici işlər nazirləri {day} {city} toplaşaraq qarşıdakı Zirvənin gündəliyini razılaşdırıblar.",
 "Türk Dövlətləri Təşkilatı Dövlət Başçıları Şurasının {city} keçirilən iclasında Orta Dəhlizin inkişafına dair bəyannamə qəbul olunub.",
 "TDT-nin Baş katibi Kubanıçbek Ömüraliyev {day} {city} təşkilatın sədrlik prioritetlərini müzakirə edib.",
 "TDT tərəfindən yaradılan Türk İnvestisiya Fondu kənd təsərrüfatı və logistika sahəsində ilk {n} layihəni təsdiqləyib.",
 "Türk Şurasının Zirvəsi {city} keçiriləcək, XİN məlumat yayıb.",
],
subj_more=[
 "TDT Katibliyinin məlumatına görə, tərəflər Türk Dünyası 2040 Baxışının icra planını da müzakirə ediblər.",
 "Təşkilat çərçivəsində üzv ölkələr Transxəzər marşrutu üzrə gömrük prosedurlarını sadələşdirməyə razılaşıblar.",
],
quote=[
 "\"Əməkdaşlığımız yeni mərhələyə qədəm qoyub. Ölkələrimiz arasında ticarət {n} faiz artıb\", - deyə nazir bildirib.",
 "Tərəflər enerji, təhsil və turizm məsələlərini də müzakirə ediblər.",
],
bg=[
 "Türk Dövlətləri Təşkilatı 2009-cu ildə Naxçıvan Sazişi ilə Türkdilli Dövlətlərin Əməkdaşlıq Şurası adı ilə yaradılıb. Təşkilatın üzvləri Azərbaycan, Qazaxıstan, Qırğızıstan, Türkiyə və Özbəkistandır.",
],
other_title=[
 "Azərbaycanın ÜDM-i {n} faiz artıb",
 "İlham Əliyev İtaliya şirkətlərinin nümayəndələrini qəbul edib",
 "Bakıda yeni metro stansiyası açılıb",
],
other_lead=[
 "Azərbaycan iqtisadiyyatı yanvar-sentyabr aylarında {n} faiz artıb, Dövlət Statistika Komitəsi məlumat yayıb.",
 "Prezident İlham Əliyev {day} İtaliya şirkətlərinin nümayəndə heyətini qəbul edərək bərpa olunan enerjiyə investisiyaları müzakirə edib.",
 "Bakıda {day} yeni metro stansiyası istifadəyə verilib.",
],
other_more=[
 "Tərəflər kənd təsərrüfatı texnikasının tədarükü məsələsini müzakirə ediblər.",
 "Nazirliyin məlumatına görə, qeyri-neft ixracı {n} milyon dollara çatıb.",
],
passing=[
 "Azərbaycan BMT, MDB, İƏT və TDT üzvüdür.",
 "Səfir əvvəllər Türk Şurasının Baş katibinin müavini vəzifəsində çalışıb.",
 "Ötən il iki lider Astanada TDT Zirvəsi çərçivəsində də görüşmüşdü.",
],
lead_passing=[],
neg_title=[
 "ŞƏT Zirvəsi {city} başlayıb",
 "MDB dövlət başçıları Moskvada toplaşıb",
 "Alimlər qədim türk yazısını müzakirə ediblər",
 "Bakıda Türk dünyası mədəniyyət festivalı açılıb",
 "İlham Əliyev Qazaxıstan Prezidenti ilə görüşüb",
 "Bakıda hava şəraiti dəyişəcək",
],
neg_lead=[
 "Şanxay Əməkdaşlıq Təşkilatının liderləri {day} {city} iki günlük Zirvə üçün toplaşıblar.",
 "MDB dövlət başçıları Qələbənin 80 illiyi ilə bağlı bəyanat qəbul ediblər.",
 "Azərbaycan, Türkiyə və Macarıstan alimləri {city} qədim türk run yazılarını müzakirə ediblər.",
 "Bakıda Türk dünyası mədəniyyət festivalı açılıb, festivalda on ölkənin folklor kollektivləri iştirak edir.",
 "Prezident İlham Əliyev {day} Qazaxıstan Prezidenti Qasım-Jomart Tokayevlə ikitərəfli münasibətləri müzakirə edib.",
],
neg_more=[
 "Görüşün yekununda {n} sənəd imzalanıb.",
 "Növbəti Zirvə gələn il {city} keçiriləcək.",
],
org_title=[
 "TÜRKSOY {city} Türk Dünyasının Mədəniyyət Paytaxtı ilini açıb",
 "TÜRKPA-nın plenar iclası {city} keçirilib",
 "Beynəlxalq Türk Akademiyası yeni atlası təqdim edib",
 "Türk Mədəniyyəti və İrsi Fondu türbənin bərpasını maliyyələşdirəcək",
],
org_lead=[
 "Beynəlxalq Türk Mədəniyyəti Təşkilatı (TÜRKSOY) {day} {city} Türk Dünyasının Mədəniyyət Paytaxtı ilinin açılış mərasimini keçirib.",
 "Türk Dövlətləri Parlament Assambleyasının (TÜRKPA) plenar iclası {city} keçirilib.",
 "Beynəlxalq Türk Akademiyası {city} türk xalqlarının yeni tarixi atlasını təqdim edib.",
 "Türk Mədəniyyəti və İrsi Fondu XIV əsrə aid türbənin bərpasını maliyyələşdirəcək.",
],
org_more=[
 "TÜRKSOY-un Baş katibi Sultan Rayev proqrama sərgi və konsertlərin daxil olduğunu bildirib.",
],
org_bg_ots=[
 "TÜRKSOY Türk Dövlətləri Təşkilatı ilə sıx əməkdaşlıq edir.",
],
brief=[
 "TDT xarici işlər nazirləri {city} toplaşıb.",
],
)
