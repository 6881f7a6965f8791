# Kazakh (Latin: 2018 alphabet as Kazinform qz, 2021 alphabet as lat.egemen).
L = dict(
city=["Astanada", "Bakýde", "Bishkekte", "Tashkentte", "Býdapeshtte", "Samarqandta"],
day=["dúısenbide", "seısenbide", "sársenbide", "beısenbide", "jumada"],
subj_title=[
 "Túrki memleketteri uıymynyń syrtqy ister mınıstrleri {city} bas qosty",
 "Türkı memleketterı ūiymynyñ sammiti {city} bastaldy",
 "TMU Bas hatshysy tóraǵalyq basymdyqtaryn talqylady",
 "Türkıtıldes memleketterdıñ yntymaqtastyq keñesı (TMYK) sammiti ótedi",
],
subj_title_plain=[
 "Túrki elderiniń kóshbasshylary {city} deklaratsıa qabyldady",
],
subj_lead=[
 "Túrki memleketteri uıymyna múshe elderdiń syrtqy ister mınıstrleri {day} {city} otyrys ótkizip, aldaǵy sammıttiń kún tártibin kelisti.",
 "Türkı memleketterı ūiymy memleket basşylary keñesınıñ otyrysy {city} öttı, onda Orta dälızdı damytu turaly deklarasiia qabyldandy.",
 "TMU Bas hatshysy Qubanychbek Ómúralıev {day} {city} uıymnyń tóraǵalyq basymdyqtaryn talqylady.",
 "Türkıtıldes memleketterdıñ yntymaqtastyq keñesınıñ (TMYK) sammiti {city} ötedı, dep habarlady ministrlık.",
],
subj_more=[
 "TMU hatshylyǵynyń máliMetinshe, taraptar «Túrki álemi – 2040» paıymyn iske asyrý josparyn da talqylady.",
 "Uıym aıasynda elder Transkaspıı baǵyty boıynsha kedendik rásimderdi jeńildetýge kelisti.",
],
quote=[
 "«Bizdiń yntymaqtastyǵymyz jańa deńgeıge kóterildi», – dedi mınıstr.",
 "Taraptar energetıka, bilim berý jáne týrızm máselelerin de talqylady.",
],
bg=[
 "Túrki memleketteri uıymy 2009 jyly Nahchyvan kelisimi negizinde quryldy. Oǵan Ázirbaıjan, Qazaqstan, Qyrǵyzstan, Túrkıa jáne Ózbekstan kiredi.",
],
other_title=[
 "Qazaqstan men Ózbekstan taýar aınalymyn eki ese arttyrady",
 "Toqaev Qostanaı oblysynyń ákimin qabyldady",
 "Soltústik Qazaqstanda bıdaı ónimi boljamnan asty",
],
other_lead=[
 "Prezıdent Qasym-Jomart Toqaev {day} Qostanaı oblysynyń ákimin qabyldap, egin jınaý naýqany týraly baıandamasyn tyńdady.",
 "Qazaqstan men Ózbekstan {city} energetıka jáne sý sharýashylyǵy salalarynda {n} kelisimge qol qoıdy.",
],
other_more=[
 "Taraptar aýyl sharýashylyǵy tehnıkasyn jetkizý máselesin talqylady.",
 "Mınıstrliktiń dereginshe, astyq eksporty {n} myń tonnaǵa jetti.",
],
passing=[
 "Qazaqstan BUU, ShYU, TMD jáne TMU múshesi.",
 "Buǵan deıin ol Túrki keńesi Bas hatshysynyń orynbasary qyzmetin atqarǵan.",
],
lead_passing=[],
neg_title=[
 "{city} ShYU sammıti bastaldy",
 "Ǵalymdar kóne túrki jazýynyń shyǵý tegin talqylady",
 "Túrki áleminiń mádenıet festıvali ashyldy",
],
neg_lead=[
 "Shanhaı yntymaqtastyq uıymyna múshe elderdiń kóshbasshylary {day} {city} eki kúndik sammıtke jınaldy.",
 "Qazaqstan, Túrkıa jáne Vengrıa ǵalymdary {city} kóne túrki rýnıkalyq jazbalaryn talqylady.",
 "Túrkistanda túrki áleminiń mádenıet festıvali ashylyp, oǵan on eldiń folklorlyq ansámbilderi qatysty.",
],
neg_more=[
 "Kezdesý qorytyndysy boıynsha {n} qujatqa qol qoıyldy.",
],
org_title=[
 "TÚRKSOI {city} túrki áleminiń mádenı astanasy jylyn ashty",
 "TúrkPA {city} jalpy otyrys ótkizdi",
],
org_lead=[
 "TÚRKSOI {day} {city} túrki áleminiń mádenı astanasy jylyn saltanatty túrde ashty.",
 "TúrkPA {city} jalpy otyrys ótkizip, jańa bas hatshyny saılady.",
],
org_more=[
 "Baǵdarlamaǵa kórmeler men konsertter kiredi.",
],
org_bg_ots=[
 "Uıym Túrki memleketteri uıymymen tyǵyz yntymaqtasady.",
],
brief=[
 "Túrki memleketteri uıymynyń mınıstrleri {city} bas qosty.",
],
)
