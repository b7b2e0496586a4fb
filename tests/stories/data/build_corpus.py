# ruff: noqa: E501  (articles are written one paragraph a line)
"""Build the labelled stories corpus (articles.jsonl, labels.jsonl) from the articles written below.

Every original and every independent report is written out here by hand. A syndicated copy is the
original put through the edits a republishing site makes, each written out in ``COPIES``: another
headline, a local intro, a trimmed last paragraph, the site's clutter, house style ("on Monday" ->
"Monday"). Run ``python tests/stories/data/build_corpus.py`` after editing; the outputs are committed.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (id, story, site, published, title, text). Paragraphs are separated by blank lines.
# fmt: off
ORIGINALS: list[tuple[str, str, str, str, str, str]] = [
    # -- S1: Kenya and Somalia hold talks in Nairobi, Monday 2 March 2026 ---------------------------
    ("s1-wire", "s1", "continentalwire.example", "2026-03-02",
     "Kenya and Somalia open talks in Nairobi on border security",
     """NAIROBI (Continental Wire) - Kenyan Foreign Minister Musalia Mudavadi met his Somali counterpart Ahmed Moalim Fiqi in Nairobi on Monday to discuss security along the two countries' shared border, the Kenyan foreign ministry said.

The talks, the first at ministerial level in eight months, focused on the reopening of three border crossings closed since 2011 and on joint patrols against al-Shabaab militants in the Mandera and Lamu areas.

"We agreed that trade and security go together, and that our border communities have waited long enough," Mudavadi told reporters after the meeting at the ministry's headquarters on Harambee Avenue.

Fiqi said Somalia wanted the crossings at Mandera, Elwak and Liboi reopened within six months, subject to a security assessment by both governments.

The two delegations are due to meet again in Mogadishu later this month, officials said. Kenya hosts more than 400,000 Somali refugees, most of them in the Dadaab camps."""),
    ("s1-daily", "s1", "thestandardnews.example", "2026-03-02",
     "Mudavadi, Fiqi discuss reopening of Mandera and Liboi crossings",
     """Kenya and Somalia want to reopen the border points shut for over a decade, the two foreign ministers said after a closed-door meeting in the capital on Monday.

Prime Cabinet Secretary Musalia Mudavadi hosted Somalia's Ahmed Moalim Fiqi for several hours of discussions that centred on the Mandera, Elwak and Liboi crossings and on coordinated operations against al-Shabaab.

Traders in Mandera town welcomed the news. "Since the closure we pay double to bring goods through unofficial routes," said Abdi Hassan, who sells clothes at the town's main market.

Security analysts cautioned that joint patrols have been announced before without being carried out. A follow-up round of talks is planned in Mogadishu."""),
    ("s1-radio", "s1", "capitalfm-radio.example", "2026-03-03",
     "Somali minister ends Nairobi visit with pledge on crossings",
     """Somalia's foreign minister Ahmed Moalim Fiqi left Nairobi on Tuesday after a visit in which he and Kenya's Musalia Mudavadi set a six-month target for reopening crossing points on their frontier.

Fiqi told a news conference at the airport that Mogadishu and Nairobi would set up a joint committee on border security and trade before the ministers meet again in Mogadishu.

The Mudavadi-Fiqi meeting on Monday was the highest-level contact between the neighbours since relations soured last year over a maritime dispute."""),
    # -- S2: Kenya and Somalia sign a border agreement in Mogadishu, 20 March 2026 ------------------
    ("s2-wire", "s2", "continentalwire.example", "2026-03-20",
     "Kenya, Somalia sign deal to reopen border crossings",
     """MOGADISHU (Continental Wire) - Kenya and Somalia signed an agreement in Mogadishu on Friday to reopen three crossing points on their border by September, ending a closure that began in 2011.

The deal, signed by foreign ministers Musalia Mudavadi and Ahmed Moalim Fiqi at Villa Somalia in the presence of President Hassan Sheikh Mohamud, sets up customs posts at Mandera, Elwak and Liboi and a joint border commission.

"This is a good day for the people who live on both sides of the line," Hassan Sheikh said at the signing ceremony.

The agreement also commits both countries to share intelligence on al-Shabaab, which has staged cross-border raids into Kenya's north-east. Kenyan officials said the crossings would open in stages, starting with Liboi."""),
    ("s2-local", "s2", "hiiraan-online.example", "2026-03-21",
     "Villa Somalia ceremony seals frontier accord with Nairobi",
     """Somali President Hassan Sheikh Mohamud hailed an accord with Kenya that will bring back cross-border trade, after the two governments put their signatures to a border pact in the capital on Friday.

Under the text, customs officers will be posted at three points and a bilateral commission will meet every quarter. Livestock traders, who drive cattle and camels to Kenyan markets, are expected to benefit first.

Kenyan minister Musalia Mudavadi signed for Nairobi. Opposition lawmakers in Mogadishu said parliament should have been consulted before the signing."""),
    # -- S3: al-Shabaab attack in Mandera, 4 March 2026 (same countries as S1, two days later) ------
    ("s3-wire", "s3", "continentalwire.example", "2026-03-04",
     "Militants kill six in attack on Kenyan border town",
     """MANDERA, Kenya (Continental Wire) - Suspected al-Shabaab militants attacked a police post in the Kenyan town of Mandera near the Somali border before dawn on Wednesday, killing six police officers, Kenyan police said.

The gunmen, who crossed from Somalia, fired rocket-propelled grenades at the post and set fire to two police vehicles before retreating, regional police commander George Seda said.

"Our officers fought back but were outnumbered," Seda said, adding that two attackers were killed and a manhunt was under way.

Al-Shabaab said in a statement on a radio station it runs that its fighters had carried out the raid. The group has staged frequent attacks in north-eastern Kenya since Kenyan troops entered Somalia in 2011."""),
    ("s3-nation", "s3", "nationdaily.example", "2026-03-04",
     "Six officers dead as gunmen storm Mandera police camp",
     """Six police officers were killed and four wounded when heavily armed attackers raided a police camp on the outskirts of Mandera early on Wednesday.

Residents said the shooting lasted nearly two hours. "We heard explosions from around 3 a.m. and nobody dared to come out," said Fatuma Abdullahi, who lives near the camp.

Regional commander George Seda blamed al-Shabaab and said the raiders escaped towards the Somali border after torching two patrol trucks. Interior Cabinet Secretary Kipchumba Murkomen said more officers would be sent to the area.

The assault came two days after Kenya and Somalia discussed joint patrols in the region."""),
    # -- S4: gang attack on Carrefour, Haiti, Monday 6 April 2026 ----------------------------------
    ("s4-wire", "s4", "caribwire.example", "2026-04-06",
     "Gang attack on Port-au-Prince suburb kills 17",
     """PORT-AU-PRINCE (Carib Wire) - Gunmen from the Viv Ansanm gang coalition attacked the Port-au-Prince suburb of Carrefour on Monday, killing at least 17 people and burning about 50 homes, Haitian police said.

"They went from house to house and shot whoever they found," police spokesman Garry Desrosiers said. "Our units arrived within an hour, but the gangs had already withdrawn towards the hills."

Residents fled towards the centre of Carrefour, and the International Organization for Migration said about 3,000 people had left the area by the evening.

The attack was one of the deadliest in the capital region this year. Viv Ansanm, an alliance of gangs that controls most of Port-au-Prince, has been trying to extend its hold south-west of the city.

The Kenyan-led security mission said it had sent armoured vehicles to support Haitian police. Prime Minister Alix Didier Fils-Aime condemned what he called a massacre and promised reinforcements.

A police union said officers in Carrefour lacked ammunition and armoured vehicles and had asked for help for weeks."""),
    ("s4-nouvelliste", "s4", "lenouvelliste-en.example", "2026-04-07",
     "Carrefour massacre: death toll rises to 19",
     """The number of people killed in Monday's gang raid on Carrefour has risen to 19, a civil protection official said on Tuesday, as families searched burned houses in the Mariani neighbourhood for relatives.

Witnesses described dozens of armed men arriving on motorcycles and in pick-up trucks. Survivors said the attackers belonged to Viv Ansanm and accused them of targeting families suspected of supporting a local self-defence group.

Prime Minister Alix Didier Fils-Aime visited a hospital where 11 wounded were being treated and said the government would not let the gangs take Carrefour.

Aid groups said several thousand residents were sleeping in schools and churches."""),
    ("s4-radio", "s4", "radiokiskeya-en.example", "2026-04-06",
     "Residents flee Carrefour after deadly gang assault",
     """Thousands of residents of Carrefour fled their homes on Monday after a coalition of armed gangs swept through the commune, shooting people in the street and setting houses alight.

Police put the death toll at 17. The Viv Ansanm alliance did not comment. A local councillor said about fifty houses were destroyed and that the police station in the area had been left with four officers.

Carrefour, which lies on the main road south from Port-au-Prince, had so far been spared the worst of the violence that has displaced more than a million Haitians."""),
    # -- S5: police operation against gang leaders in Port-au-Prince, Wednesday 8 April 2026 -------
    ("s5-wire", "s5", "caribwire.example", "2026-04-08",
     "Haitian police arrest gang leader in Delmas raid",
     """PORT-AU-PRINCE (Carib Wire) - Haitian police and officers of the Kenyan-led security mission arrested a senior gang leader in a dawn raid in the Delmas district of Port-au-Prince on Wednesday, police said.

Jean-Robert Etienne, known as "Ti Bob", was detained with five of his men and a cache of rifles and ammunition, police spokesman Garry Desrosiers told reporters. He faces charges of kidnapping and murder.

"This is the result of three months of intelligence work," Desrosiers said. Etienne is accused of running kidnappings for ransom on the road to the airport.

Police did not say whether the operation was linked to the weekend's violence elsewhere in the capital."""),
    ("s5-local", "s5", "haitilibre-en.example", "2026-04-09",
     "'Ti Bob' in custody after overnight operation in Delmas",
     """Kidnapping suspect Jean-Robert Etienne, alias Ti Bob, was being questioned at the judicial police headquarters on Thursday after his capture in Delmas the previous morning.

Officers seized twelve assault rifles, grenades and about 30,000 rounds of ammunition at the house where he was found hiding. Five suspected accomplices were also taken into custody.

Relatives of kidnapping victims gathered outside the headquarters to demand a trial. The justice ministry said the case would go before an investigating judge next week."""),
    # -- S6: EU sanctions on Myanmar generals, Monday 11 May 2026 ----------------------------------
    ("s6-wire", "s6", "europresswire.example", "2026-05-11",
     "EU imposes sanctions on Myanmar generals over air strikes",
     """BRUSSELS (EuroPress Wire) - The European Union on Monday imposed sanctions on nine senior Myanmar military officers and two state-owned companies it accuses of involvement in air strikes on civilians, freezing their assets and banning them from travelling to the bloc.

EU foreign ministers approved the measures at a meeting in Brussels. The list includes the commander of the air force and the chairman of Myanmar Economic Holdings, which the EU says supplies aviation fuel to the military.

"The junta continues to bomb schools, hospitals and villages. The EU will not stay silent," EU foreign policy chief Kaja Kallas said.

Myanmar's military government rejected the sanctions as interference in its internal affairs. The EU has now listed 115 people and 24 entities over the crisis that followed the 2021 coup."""),
    ("s6-irrawaddy", "s6", "irrawaddy-news.example", "2026-05-12",
     "Brussels blacklists air force chief, fuel supplier",
     """Myanmar's air force commander is among the regime figures hit by new European restrictions, adopted by the bloc's foreign ministers at their monthly meeting, which target those blamed for bombing raids on civilians.

The 27-nation bloc froze the assets of nine officers and two military-linked conglomerates, including the firm accused of importing jet fuel, and barred the officers from entering Europe.

A junta spokesman called the move unjust and said it would not change the regime's policy. Exiled opposition groups said Europe should also ban the sale of aviation fuel outright."""),
    # -- S7: air strike in Sagaing, Tuesday 12 May 2026 (same country, next day) --------------------
    ("s7-wire", "s7", "asiawire.example", "2026-05-12",
     "Myanmar air strike on Sagaing village kills 21, residents say",
     """YANGON (Asia Wire) - A Myanmar military air strike hit a village in the central Sagaing region on Tuesday, killing 21 people including eight children, residents and a local resistance group said.

Two jets dropped bombs on Let Yet Kone village during a morning gathering at a monastery school, a resident who helped bury the dead said by telephone. About 30 people were wounded.

A spokesman for the military government could not be reached for comment. The military says its air operations target "terrorists", its term for armed opponents of the 2021 coup.

Sagaing has been a stronghold of the resistance and has suffered some of the heaviest bombing of the civil war."""),
    ("s7-mizzima", "s7", "mizzima-en.example", "2026-05-13",
     "Monastery school bombed in Sagaing: 23 dead",
     """At least 23 villagers died when junta aircraft bombed a monastery compound in Let Yet Kone, Sagaing Region, on Tuesday morning, according to the local People's Defence Force and the village administrator.

Children attending lessons at the monastery were among the victims. Rescuers pulled bodies from the rubble until late afternoon, and wounded villagers were taken by motorbike to a clinic in a neighbouring township.

The strike came a day after Europe tightened sanctions on the regime's air force leadership."""),
    # -- S8: Yemen prisoner exchange deal in Geneva, Monday 15 June 2026 ---------------------------
    ("s8-wire", "s8", "globalwire.example", "2026-06-15",
     "Yemen's warring parties agree prisoner swap in Geneva",
     """GENEVA (Global Wire) - Yemen's internationally recognised government and the Houthi movement agreed on Monday to exchange about 900 prisoners after ten days of UN-sponsored talks in Geneva, the United Nations envoy said.

UN special envoy Hans Grundberg said the release, to be carried out with the International Committee of the Red Cross, would include Saudi and Sudanese detainees held by the Houthis.

"This agreement shows that dialogue can deliver results for Yemeni families," Grundberg told reporters at the Palais des Nations.

Government negotiator Yahya Kazman and Houthi official Abdulqader al-Murtada signed the deal. The exchange is expected within a month. It would be the largest since a swap of nearly 900 prisoners in April 2023."""),
    ("s8-arabnews", "s8", "gulfnews-daily.example", "2026-06-16",
     "Houthis and government to free 900 detainees under UN deal",
     """Hundreds of families in Yemen are waiting for relatives to come home after negotiators from Sanaa and Aden reached a deal in Switzerland to free some 900 detainees.

The agreement was concluded under the auspices of the UN envoy, Hans Grundberg, and the Red Cross, which will fly prisoners between Sanaa, Aden and Saudi Arabia. Abdulqader al-Murtada, who heads the Houthi prisoners committee, said the first flights could take place within weeks.

Saudi Arabia's foreign ministry welcomed the deal and said it hoped it would support wider peace efforts."""),
    ("s8-icrc", "s8", "humanitarian-news.example", "2026-06-16",
     "Red Cross ready to carry out Yemen detainee release",
     """The International Committee of the Red Cross said on Tuesday it stood ready to organise the transfer of detainees agreed by Yemen's parties in Geneva, and would interview each prisoner to make sure they were willing to be moved.

"Logistics for an operation of this size take time, but our teams in Sanaa, Aden and Marib are ready," said the head of the ICRC delegation in Yemen.

The Houthis and the government agreed to free roughly 900 people at the end of UN-led talks on Monday."""),
    # -- S9: garment workers protest in Dhaka, Wednesday 1 July 2026 -------------------------------
    ("s9-wire", "s9", "asiawire.example", "2026-07-01",
     "Thousands of Bangladesh garment workers protest over wages",
     """DHAKA (Asia Wire) - Thousands of garment workers blocked roads in the Ashulia industrial belt outside Dhaka on Wednesday, demanding a higher minimum wage, and police fired tear gas and rubber bullets to disperse them, witnesses said.

At least 20 workers were injured and about 60 factories closed for the day, the Bangladesh Garment Manufacturers and Exporters Association (BGMEA) said.

Workers say the minimum monthly wage of 12,500 taka ($104) no longer covers food and rent. "We work ten hours a day and still cannot feed our children," said Rina Akter, a sewing machine operator.

Labour leaders have called for a minimum wage of 25,000 taka. The government has formed a wage board, which is due to report in August."""),
    ("s9-dailystar", "s9", "dhakatribune-en.example", "2026-07-02",
     "Ashulia unrest: police clash with workers, dozens hurt",
     """Clashes between police and apparel workers left dozens injured in Ashulia on Wednesday, as a movement for higher pay spread to factories along the Dhaka-Tangail highway.

Protesters threw stones at police, who responded with tear gas shells and rubber bullets. Industrial police said 25 people, including six policemen, were taken to hospital.

Factory owners shut their gates as workers from neighbouring units joined the demonstration. Union leader Kalpona Akter said workers would keep protesting until the wage board raised the minimum pay to 25,000 taka."""),
    # -- S10: factory owners agree pay rise, Thursday 9 July 2026 (same actors, eight days later) ----
    ("s10-wire", "s10", "asiawire.example", "2026-07-09",
     "Bangladesh factory owners agree to raise garment workers' pay",
     """DHAKA (Asia Wire) - Bangladesh's garment factory owners agreed on Thursday to raise the minimum wage for the industry's four million workers by 40 percent, to 17,500 taka a month, after weeks of unrest.

The BGMEA announced the increase after a meeting with the labour ministry and union representatives. The new wage will take effect in September.

Union leaders said the rise fell short of their demand for 25,000 taka but called off protests planned for the weekend. Exporters warned that higher costs could push buyers to other countries."""),
    ("s10-tribune", "s10", "dhakatribune-en.example", "2026-07-10",
     "Wage deal: Tk 17,500 minimum from September",
     """Apparel workers will get a new monthly minimum of Tk 17,500 from September under a deal announced by manufacturers, the labour ministry and workers' federations.

Labour Adviser Sakhawat Hussain said the settlement was "fair to both sides" and urged factories to reopen normally. Some federations rejected the figure and said they would consult members before deciding whether to resume demonstrations."""),
    # -- S11: shelling of Kharkiv, Monday 3 August 2026 ----------------------------------------------
    ("s11-wire", "s11", "europresswire.example", "2026-08-03",
     "Russian shelling of Kharkiv kills five, regional governor says",
     """KYIV (EuroPress Wire) - Russian forces shelled residential areas of Kharkiv on Monday, killing five civilians and wounding 14, Kharkiv regional governor Oleh Syniehubov said.

Multiple rocket launchers hit the Saltivka and Kyivskyi districts in the morning, damaging apartment blocks, a school and a tram depot, Syniehubov said on Telegram.

"The enemy is again deliberately targeting people in their homes," he wrote. Rescuers were searching the rubble of a five-storey building for people who might be trapped.

Russia's defence ministry said its forces had struck Ukrainian military facilities in the Kharkiv region. It did not mention the city itself.

Kharkiv, Ukraine's second-largest city, lies about 30 km from the Russian border and has been shelled regularly since the full-scale invasion in 2022."""),
    ("s11-kyivindependent", "s11", "kyivpost-en.example", "2026-08-03",
     "Rocket strike on Saltivka apartment block leaves 6 dead",
     """Six people, among them a teenage girl, were killed when Russian multiple-launch rockets slammed into Kharkiv's northern Saltivka neighbourhood on the morning of Aug. 3, city mayor Ihor Terekhov said.

A nine-storey residential building caught fire and emergency workers evacuated dozens of residents. A school and tram depot in the Kyivskyi district were also hit.

Terekhov said the toll could rise as rescue teams worked through the debris. Ukraine's foreign ministry called on partners to supply more air defence systems to protect Kharkiv."""),
    ("s11-ukrinform", "s11", "ukrinform-en.example", "2026-08-04",
     "Kharkiv mourns victims of Monday's rocket attack",
     """Kharkiv declared a day of mourning on Tuesday for the civilians killed in Monday's Russian rocket attack on the Saltivka and Kyivskyi districts.

Regional governor Oleh Syniehubov said 16 people were still in hospital. Municipal services started repairing windows in damaged apartment blocks and the tram depot resumed partial service."""),
    # -- S12: Russia-Ukraine prisoner exchange, Tuesday 4 August 2026 (next day, same actors) -------
    ("s12-wire", "s12", "europresswire.example", "2026-08-04",
     "Russia and Ukraine swap 150 prisoners of war each",
     """KYIV (EuroPress Wire) - Russia and Ukraine exchanged 150 prisoners of war each on Tuesday in a swap mediated by the United Arab Emirates, officials from both countries said.

Ukrainian President Volodymyr Zelensky posted photographs of the freed soldiers, wrapped in blue-and-yellow flags, getting off buses at the border. "We are bringing all of our people home," he wrote.

Russia's defence ministry said the returned Russian servicemen were being flown to Moscow for medical checks. The UAE foreign ministry said it was the 16th exchange it had mediated."""),
    ("s12-local", "s12", "ukrinform-en.example", "2026-08-04",
     "150 Ukrainian defenders return home in latest exchange",
     """One hundred and fifty Ukrainian servicemen returned from Russian captivity on Tuesday, the Coordination Headquarters for the Treatment of Prisoners of War said, thanking the Emirates for their mediation.

Among those freed were defenders of Mariupol and soldiers captured near Bakhmut, some of whom had been held for more than three years. Relatives waited at a hospital in the Chernihiv region, where the men will undergo medical and psychological checks."""),
    ("s12-tass", "s12", "russiadaily-en.example", "2026-08-05",
     "Russian servicemen freed from Ukrainian captivity flown to Moscow region",
     """A group of 150 Russian military personnel released from captivity in Ukraine arrived at a military hospital near Moscow on Wednesday, the Russian defence ministry said, a day after an exchange brokered by Abu Dhabi.

The ministry thanked the United Arab Emirates for its humanitarian mediation. It said the soldiers would receive medical and psychological help before returning to their families. In return, Moscow handed over 150 Ukrainian prisoners of war."""),
    # -- S13: aid convoy attacked near El Fasher, Monday 14 September 2026 -------------------------
    ("s13-wire", "s13", "globalwire.example", "2026-09-14",
     "Aid convoy attacked near Sudan's El Fasher, three drivers killed",
     """KHARTOUM (Global Wire) - Gunmen attacked a convoy of 15 trucks carrying food aid to El Fasher in Sudan's North Darfur state on Monday, killing three drivers and looting four vehicles, the World Food Programme said.

The WFP said the convoy had been cleared by both the army and the paramilitary Rapid Support Forces (RSF) before leaving the town of Tawila. It did not say who was responsible.

"Attacks on humanitarian workers are unacceptable. Families in El Fasher are starving," WFP country director Laurent Bukera said.

The RSF and the army blamed each other for the attack. The UN says about 25 million people in Sudan face acute hunger after more than three years of war."""),
    ("s13-sudantribune", "s13", "sudantribune-en.example", "2026-09-15",
     "RSF denies role in deadly ambush on WFP trucks in North Darfur",
     """The Rapid Support Forces denied on Tuesday that its fighters ambushed a World Food Programme convoy bound for El Fasher, saying army-allied militias were behind the attack that killed drivers near Tawila.

Witnesses told Sudan Tribune that armed men in pick-up trucks stopped the convoy on Monday afternoon, shot at the drivers and drove off with four trucks loaded with sorghum and cooking oil. Local sources put the death toll at four.

The army's spokesman said the RSF was responsible and called for the group to be designated a terrorist organisation."""),
    ("s13-dabanga", "s13", "dabanga-en.example", "2026-09-15",
     "Tawila: survivors recount attack on food convoy",
     """Drivers who survived Monday's assault on the food convoy heading from Tawila to El Fasher said the attackers fired without warning and forced them to lie in the sand while the trucks were emptied.

A nurse at the Tawila clinic said three bodies had been brought in and five injured drivers were being treated. The World Food Programme has suspended convoys on the route until further notice."""),
    # -- S14: Brazil-Argentina trade agreement, Monday 5 October 2026 -------------------------------
    ("s14-wire", "s14", "globalwire.example", "2026-10-05",
     "Brazil and Argentina agree to cut tariffs on cars and wheat",
     """BRASILIA (Global Wire) - Brazil and Argentina signed an agreement on Monday to phase out tariffs on cars, auto parts and wheat traded between them over five years, the two governments said.

Presidents Luiz Inacio Lula da Silva and Javier Milei signed the deal at the Planalto palace, setting aside months of friction over Milei's criticism of the Mercosur trade bloc.

Brazil's trade ministry said the agreement would raise bilateral trade by about $4 billion a year. Argentine industry groups warned that some carmakers could move production to Brazil."""),
    ("s14-buenosaires", "s14", "buenosairesherald.example", "2026-10-06",
     "Milei and Lula seal tariff pact despite past insults",
     """Argentine President Javier Milei and his Brazilian counterpart Lula da Silva set aside their personal feud in Brasilia on Monday to sign a trade pact that will remove duties on vehicles and grain.

The text foresees a gradual reduction of levies on automobiles, auto parts and wheat until 2031. Milei called it a victory for free trade and said Argentina would push Mercosur to sign more deals with other regions."""),
    # -- singletons: other happenings that share actors, places or days with the stories above ------
    ("x1-turkana", "x1", "nationdaily.example", "2026-03-03",
     "Cattle raiders kill two herders in Turkana",
     """Two herders were shot dead and more than 300 head of cattle driven away when raiders from across the border attacked a grazing camp in Turkana County on Tuesday, police said.

County police commander Samuel Ndanyi said the raiders came from Ethiopia and that officers were pursuing them towards the border. Local leaders asked the government to deploy more reservists in the area."""),
    ("x2-somalia-drought", "x2", "hiiraan-online.example", "2026-03-03",
     "Somalia appeals for drought aid as Gu rains fail",
     """Somalia's government appealed on Tuesday for $1.2 billion in humanitarian aid, warning that failed rains in the south could push millions of people into famine.

Humanitarian affairs minister Mohamed Moalim Abdullahi said more than 600,000 people had left their villages in search of water and pasture since January. Aid agencies said malnutrition among children in Bay and Bakool regions had reached emergency levels."""),
    ("x3-haiti-election", "x3", "haitilibre-en.example", "2026-04-07",
     "Haiti's electoral council sets new date for general elections",
     """Haiti's provisional electoral council announced on Tuesday that general elections would be held in February, a date it said depended on the security situation in Port-au-Prince and the Artibonite.

Council president Jacques Desrosiers said voter registration would begin in November. Political parties criticised the announcement, saying they had not been consulted on the calendar."""),
    ("x4-kharkiv-energy", "x4", "kyivpost-en.example", "2026-08-05",
     "Kharkiv to get new power lines before winter, energy minister says",
     """Ukraine's energy minister said on Wednesday that Kharkiv would receive new transformers and backup power lines before winter, after repeated Russian strikes on the city's power plants.

The ministry said European partners had delivered 40 transformers and that three gas turbines would be installed by November. Kharkiv residents endured long blackouts last winter."""),
    ("x6-dadaab", "x6", "thestandardnews.example", "2026-03-05",
     "Kenya to issue identity documents to Somali refugees in Dadaab",
     """Kenya will begin issuing identity documents to refugees in the Dadaab and Kakuma camps next month under a plan to let them work and move more freely, the Refugee Affairs Secretariat said on Thursday.

The UN refugee agency UNHCR welcomed the plan, which will cover more than 400,000 people, most of them from Somalia. Officials said refugees would be able to open bank accounts and register businesses in the host counties of Garissa and Turkana."""),
    ("x5-myanmar-talks", "x5", "asiawire.example", "2026-05-14",
     "ASEAN envoy meets Myanmar junta leader in Naypyitaw",
     """NAYPYITAW (Asia Wire) - ASEAN's special envoy on Myanmar met junta chief Min Aung Hlaing in Naypyitaw on Thursday and urged him to allow humanitarian access to conflict areas, the envoy's office said.

The meeting focused on the regional bloc's five-point consensus peace plan, which the military has largely ignored. The envoy also asked to meet detained leader Aung San Suu Kyi but was refused, diplomats said."""),
]

# Copies: (id, original id, site, published, headline, edits). Edits, applied in order:
#   ("intro", text)          a paragraph of the site's own placed before the wire text
#   ("trim", n)              the last n paragraphs dropped
#   ("clutter", text)        the site's boilerplate appended at the end
#   ("replace", old, new)    house style or a small rewording
#   ("drop_dateline", None)  the wire dateline removed
COPIES: list[tuple[str, str, str, str, str, list[tuple[str, ...]]]] = [
    ("s1-copy-a", "s1-wire", "eastafricanherald.example", "2026-03-02",
     "Kenya, Somalia hold border security talks",
     [("replace", "on Monday", "Monday"), ("replace", "Foreign Minister", "foreign minister"),
      ("clutter", "Related: Mandera traders count losses from border closure\n\nFollow us on X and Facebook for the latest news from the region.")]),
    ("s1-copy-b", "s1-wire", "mogadishutimes.example", "2026-03-03",
     "Fiqi in Nairobi: Somalia seeks reopening of three crossings within six months",
     [("intro", "Somalia's top diplomat was in Nairobi this week as the two neighbours try to mend ties after a year of tension."),
      ("trim", 1), ("drop_dateline",)]),
    ("s2-copy-a", "s2-wire", "eastafricanherald.example", "2026-03-20",
     "Border deal signed: three crossings to reopen by September",
     [("replace", "on Friday", "Friday"), ("trim", 1),
      ("clutter", "Copyright 2026 Continental Wire. All rights reserved. This material may not be published, broadcast or redistributed.")]),
    ("s3-copy-a", "s3-wire", "garissapost.example", "2026-03-04",
     "Six police officers killed in Mandera attack",
     [("intro", "MANDERA COUNTY - Residents of Mandera town woke to gunfire on Wednesday."),
      ("drop_dateline",), ("replace", "Kenyan police said", "police said"),
      ("clutter", "Share this story: Facebook | X | WhatsApp\n\nSubscribe to our newsletter for daily news from northern Kenya.")]),
    ("s4-copy-a", "s4-wire", "caribbeanledger.example", "2026-04-06",
     "Gang attack on Carrefour kills 17; police say they lacked armoured vehicles",
     [("replace", "on Monday", "Monday"), ("clutter", "Read more: Haiti's gangs control 85% of the capital, UN says\n\nAdvertisement")]),
    ("s4-copy-b", "s4-wire", "miamicaribnews.example", "2026-04-06",
     "17 killed as Viv Ansanm gangs storm Carrefour",
     [("intro", "Members of the Haitian diaspora in Miami were trying on Monday evening to reach relatives in Carrefour after news of a deadly attack."),
      ("drop_dateline",), ("trim", 1)]),
    ("s4-copy-c", "s4-wire", "antillesdaily.example", "2026-04-07",
     "Haiti: at least 17 dead in Carrefour gang raid",
     [("trim", 2), ("replace", "said.", "said, according to Carib Wire."),
      ("clutter", "Photo: Residents flee Carrefour on Monday. (Carib Wire)\n\nComments are closed.")]),
    ("s5-copy-a", "s5-wire", "caribbeanledger.example", "2026-04-08",
     "Police capture alleged kidnapping boss 'Ti Bob' in Delmas",
     [("replace", "on Wednesday", "Wednesday"), ("trim", 1),
      ("clutter", "Read more: Haiti's gangs control 85% of the capital, UN says\n\nAdvertisement")]),
    ("s6-copy-a", "s6-wire", "brusselsdaily.example", "2026-05-11",
     "EU hits Myanmar air force chief with sanctions",
     [("replace", "on Monday", "Monday"), ("trim", 1),
      ("clutter", "Tags: EU, Myanmar, sanctions, foreign affairs council")]),
    ("s6-copy-b", "s6-wire", "bangkokchronicle.example", "2026-05-12",
     "Europe sanctions nine Myanmar officers, two junta-linked firms",
     [("intro", "Myanmar's neighbours in Southeast Asia have so far resisted calls to impose similar measures."),
      ("drop_dateline",)]),
    ("s7-copy-a", "s7-wire", "bangkokchronicle.example", "2026-05-12",
     "21 killed in Myanmar air strike on village school",
     [("replace", "on Tuesday", "Tuesday"), ("drop_dateline",),
      ("clutter", "Most read: Thai baht hits three-month high\n\nSign up for our morning briefing.")]),
    ("s8-copy-a", "s8-wire", "middleeastmonitor-en.example", "2026-06-15",
     "Yemen: government and Houthis agree to free 900 prisoners",
     [("trim", 1), ("replace", "on Monday", "Monday"),
      ("clutter", "(Reporting by Global Wire; editing by our Middle East desk)")]),
    ("s8-copy-b", "s8-wire", "adentimes.example", "2026-06-16",
     "Geneva deal: 900 prisoners to be exchanged within a month",
     [("intro", "Families in Aden welcomed news of a prisoner exchange agreed in Switzerland."), ("drop_dateline",)]),
    ("s9-copy-a", "s9-wire", "southasiamonitor.example", "2026-07-01",
     "Bangladesh police fire tear gas at protesting garment workers",
     [("replace", "on Wednesday", "Wednesday"),
      ("clutter", "Also read: H&M, Zara suppliers face scrutiny over wages\n\nAll rights reserved.")]),
    ("s9-copy-b", "s9-wire", "chittagongpost.example", "2026-07-02",
     "Ashulia garment workers demand higher minimum wage",
     [("intro", "Workers in Chattogram's export processing zone are watching the protests near Dhaka closely, union organisers said."),
      ("trim", 1), ("drop_dateline",)]),
    ("s10-copy-a", "s10-wire", "southasiamonitor.example", "2026-07-09",
     "Bangladesh garment wage to rise 40% to 17,500 taka",
     [("drop_dateline",), ("replace", "on Thursday", "Thursday"),
      ("clutter", "Also read: H&M, Zara suppliers face scrutiny over wages\n\nAll rights reserved.")]),
    ("s11-copy-a", "s11-wire", "baltictimes-en.example", "2026-08-03",
     "Five civilians killed in Russian shelling of Kharkiv",
     [("replace", "on Monday", "Monday"), ("trim", 1),
      ("clutter", "Support independent journalism: become a member today.")]),
    ("s11-copy-b", "s11-wire", "polandobserver.example", "2026-08-03",
     "Kharkiv: Russian rockets hit Saltivka, school damaged",
     [("intro", "Poland's foreign minister condemned the attack in a post on social media."), ("drop_dateline",),
      ("replace", "Russian forces shelled", "Russian troops shelled")]),
    ("s12-copy-a", "s12-wire", "baltictimes-en.example", "2026-08-04",
     "UAE brokers another Russia-Ukraine prisoner exchange",
     [("replace", "on Tuesday", "Tuesday"), ("clutter", "Photo: Ukrainian Presidential Office")]),
    ("s13-copy-a", "s13-wire", "africanewsdesk.example", "2026-09-14",
     "Three drivers killed as gunmen attack WFP convoy in Darfur",
     [("replace", "on Monday", "Monday"), ("trim", 1),
      ("clutter", "Read also: Sudan's RSF announces rival government in Nyala")]),
    ("s13-copy-b", "s13-wire", "eastafricanherald.example", "2026-09-15",
     "Sudan: WFP says food convoy to El Fasher attacked",
     [("intro", "Kenya-based aid agencies said the attack would further delay deliveries to Darfur."), ("drop_dateline",),
      ("clutter", "Follow us on X and Facebook for the latest news from the region.")]),
    ("s14-copy-a", "s14-wire", "mercopressnews.example", "2026-10-05",
     "Lula and Milei sign deal to phase out car and wheat tariffs",
     [("replace", "on Monday", "Monday"), ("clutter", "MercoPress - South Atlantic News Agency")]),
]

# fmt: on


def apply_edits(text: str, edits: list[tuple[str, ...]]) -> str:
    """The original's text after a republishing site's edits."""
    paragraphs = text.split("\n\n")
    for edit in edits:
        kind = edit[0]
        if kind == "intro":
            paragraphs.insert(0, edit[1])
        elif kind == "trim":
            paragraphs = paragraphs[: -int(edit[1])]
        elif kind == "clutter":
            paragraphs.append(edit[1])
        elif kind == "replace":
            paragraphs = [p.replace(edit[1], edit[2], 1) for p in paragraphs]
        elif kind == "drop_dateline":
            paragraphs = [p.split(" - ", 1)[1] if " - " in p[:60] and p[:1].isupper() else p for p in paragraphs]
        else:
            raise ValueError(f"unknown edit {kind!r}")
    return "\n\n".join(paragraphs)


def build() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Article records and label records."""
    articles, labels = [], []
    by_id = {}
    for article_id, story, site, published, title, text in ORIGINALS:
        by_id[article_id] = (story, text)
        slug = article_id.split("-", 1)[1]
        articles.append(
            {
                "id": article_id,
                "url": f"https://{site}/{published.replace('-', '/')}/{slug}",
                "site": site,
                "title": title,
                "published": published,
                "text": text,
            }
        )
        labels.append({"id": article_id, "duplicate_group": article_id, "story": story})
    for article_id, original, site, published, title, edits in COPIES:
        story, text = by_id[original]
        articles.append(
            {
                "id": article_id,
                "url": f"https://{site}/news/{article_id}",
                "site": site,
                "title": title,
                "published": published,
                "text": apply_edits(text, edits),
            }
        )
        labels.append({"id": article_id, "duplicate_group": original, "story": story})
    return articles, labels


def main() -> None:
    articles, labels = build()
    for name, rows in (("articles.jsonl", articles), ("labels.jsonl", labels)):
        with open(HERE / name, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles written to {HERE}")


if __name__ == "__main__":
    main()
