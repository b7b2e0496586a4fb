"""The trigger lexicon: which words report which PLOVER event, as a table of data.

Each row of ``LEXICON`` is ``pattern | event | mode | context | flags``:

* ``meet with``: a verb lemma followed by the particles and prepositions it takes (``pull out``,
  ``crack down on``); the last preposition's object is the recipient.
* ``n: air strike``: a noun lemma (the last word) with the modifier lemmas it needs (compound/amod).
* ``lift [sanction]``: a verb whose direct object has that lemma (or names it through "of":
  "tons of food", "a state of emergency"); the pair is one trigger and the noun does not fire on its
  own. ``provide [aid|food|medicine]`` lists alternative objects.

Modes follow the PLOVER manual's tables (CONSULT visit/third-party/multilateral/phone, COERCE
arrest/seize/restrict/censor/ban/curfew/deport, ...) with the house names for ASSAULT (firearms,
explosion, aerial, shelling, ...) and PROTEST (demonstrate, strike, hunger, riot, boycott, obstruct).
Flags: ``noobj`` the direct object is the actor's own forces, not a recipient
("deployed troops"); ``rec`` the event needs a recipient (PLOVER requires one for COOPERATE, AID, SANCTION; we also
ask it of ambiguous verbs such as "strike" or "warn"); ``visit`` the object may be a place, whose
country becomes the recipient; ``host`` the subject hosts (the object is the visitor and is coded as
the actor); ``sym`` participants are interchangeable (meetings, clashes), so "A met B" and "A and B
met" are the same event; ``joint`` a noun that is COOPERATE when marked "joint" or held by several
actors together (exercises), else MOBILIZE; ``ccomp`` the verb codes only when it reports a clause
("a rights group protested that ..."); ``civil`` a noun that is not coded in a sentence about
military strikes ("strike"); ``topic`` the direct object is what is talked about ("discussed the
release"), so only a "with" phrase names a recipient; ``offer`` an offer codes only when made to
someone, to do something or of something the lexicon knows ("offered to mediate", "offered troops to
Lebanon", "offered concessions"), not "will offer better mileage"; ``made`` an agreement noun codes
only when someone makes it ("reached a deal", "signed an accord", "a deal between A and B"), not
when it is merely referred to ("under the agreement", "unwind the agreement"); ``forces`` a
withdrawal codes only of forces or from somewhere ("withdrew its troops", not "withdrew its filing");
``armed`` an alert codes only around armed forces or police ("troops were put on alert", not "air
quality alerts"); ``people`` a release codes only of people ("released 20 sailors", "was freed on
bail"), not of a video, a report, an album or a product ("police released footage", "Apple released
the keyboard").

Signing is SUPPORT (CAMEO 057 "sign formal agreement" in the PLOVER conversion table); reaching or
striking a deal is AGREE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEXICON = """
# --- AGREE: promise, offer, agree to cooperate --------------------------------------------
agree                  | AGREE     | -            | diplomatic |
agree to               | AGREE     | -            | diplomatic |
agree on               | AGREE     | -            | diplomatic |
agree with             | AGREE     | -            | diplomatic |
pledge                 | AGREE     | -            | diplomatic |
promise                | AGREE     | -            | diplomatic |
offer                  | AGREE     | -            | diplomatic | offer
commit to              | AGREE     | -            | diplomatic |
accept                 | AGREE     | -            | diplomatic | rec
settle                 | AGREE     | -            | diplomatic |
reach [agreement]      | AGREE     | -            | diplomatic |
reach [deal]           | AGREE     | -            | diplomatic |
reach [accord]         | AGREE     | -            | diplomatic |
reach [compromise]     | AGREE     | -            | diplomatic |
reach [understanding]  | AGREE     | -            | diplomatic |
broker [ceasefire]     | AGREE     | -            | military   |
agree [ceasefire]      | AGREE     | -            | military   |
n: agreement           | AGREE     | -            | diplomatic | made
n: deal                | AGREE     | -            | diplomatic | made
n: accord               | AGREE     | -            | diplomatic | made
n: consensus            | AGREE     | -            | diplomatic | made
n: pledge               | AGREE     | -            | diplomatic |
n: memorandum           | AGREE     | -            | diplomatic | made
reach [consensus|settlement] | AGREE | -          | diplomatic |
strike [deal|agreement|bargain] | AGREE | -        | diplomatic |
seal [deal|agreement]  | AGREE     | -            | diplomatic |
conclude [agreement|deal|accord|treaty] | AGREE | - | diplomatic |
# --- CONSULT: meetings, talks, visits, calls -----------------------------------------------
meet                   | CONSULT   | -            | diplomatic | sym
meet with              | CONSULT   | -            | diplomatic | sym
talk with              | CONSULT   | -            | diplomatic | sym
talk to                | CONSULT   | -            | diplomatic | sym
speak with             | CONSULT   | -            | diplomatic | sym
speak to               | CONSULT   | -            | diplomatic | sym
confer with            | CONSULT   | -            | diplomatic | sym
consult                | CONSULT   | -            | diplomatic | sym rec
consult with           | CONSULT   | -            | diplomatic | sym
negotiate              | CONSULT   | -            | diplomatic | sym topic
negotiate with         | CONSULT   | -            | diplomatic | sym
discuss                | CONSULT   | -            | diplomatic | sym topic
discuss with           | CONSULT   | -            | diplomatic | sym
mediate                | CONSULT   | -            | diplomatic | topic
mediate between        | CONSULT   | -            | diplomatic |
visit                  | CONSULT   | visit        | diplomatic | visit
arrive in              | CONSULT   | visit        | diplomatic | visit
travel to              | CONSULT   | visit        | diplomatic | visit
fly to                 | CONSULT   | visit        | diplomatic | visit
tour                   | CONSULT   | visit        | diplomatic | visit
host                   | CONSULT   | visit        | diplomatic | host
receive                | CONSULT   | visit        | diplomatic | host rec
phone                  | CONSULT   | phone        | diplomatic | rec
telephone              | CONSULT   | phone        | diplomatic | rec
n: talk                | CONSULT   | -            | diplomatic | sym
n: meeting             | CONSULT   | -            | diplomatic | sym
n: negotiation         | CONSULT   | -            | diplomatic | sym
n: consultation        | CONSULT   | -            | diplomatic | sym
n: summit              | CONSULT   | multilateral | diplomatic | sym
n: conference          | CONSULT   | multilateral | diplomatic | sym
n: visit               | CONSULT   | visit        | diplomatic | visit
n: trip                | CONSULT   | visit        | diplomatic | visit
n: phone call          | CONSULT   | phone        | diplomatic | sym
n: mediation           | CONSULT   | -            | diplomatic |
hold [talk|meeting|negotiation|consultation|summit|discussion] | CONSULT | - | diplomatic | sym
n: discussion           | CONSULT   | -            | diplomatic | sym
n: dialogue             | CONSULT   | -            | diplomatic | sym
welcome [delegation|visitor|guest] | CONSULT | visit | diplomatic | host
give [welcome|reception] | CONSULT | visit | diplomatic | host
extend [welcome]        | CONSULT   | visit        | diplomatic | host
# --- SUPPORT: praise, endorse, recognise, sign -------------------------------------------
praise                 | SUPPORT   | -            | diplomatic | rec
commend                | SUPPORT   | -            | diplomatic | rec
endorse                | SUPPORT   | -            | diplomatic |
back                   | SUPPORT   | -            | diplomatic | rec
support                | SUPPORT   | -            | diplomatic | rec
welcome                | SUPPORT   | -            | diplomatic |
hail                   | SUPPORT   | -            | diplomatic |
applaud                | SUPPORT   | -            | diplomatic |
thank                  | SUPPORT   | -            | diplomatic | rec
congratulate           | SUPPORT   | -            | diplomatic | rec
defend                 | SUPPORT   | -            | diplomatic | rec
recognize              | SUPPORT   | -            | diplomatic | rec
recognise              | SUPPORT   | -            | diplomatic | rec
ratify                 | SUPPORT   | -            | diplomatic | topic
forgive                | SUPPORT   | -            | diplomatic | rec
sign                   | SUPPORT   | -            | diplomatic | topic
restore [tie]          | SUPPORT   | -            | diplomatic |
restore [relation]     | SUPPORT   | -            | diplomatic |
establish [tie]        | SUPPORT   | -            | diplomatic |
establish [relation]   | SUPPORT   | -            | diplomatic |
express [support]      | SUPPORT   | -            | diplomatic |
voice [support]        | SUPPORT   | -            | diplomatic |
reaffirm [support]     | SUPPORT   | -            | diplomatic |
upgrade [tie|relation]  | SUPPORT   | -            | diplomatic |
n: praise               | SUPPORT   | -            | diplomatic |
n: endorsement          | SUPPORT   | -            | diplomatic |
# --- CONCEDE: verbal concessions --------------------------------------------------------
apologize              | SUPPORT   | -            | diplomatic |
apologise              | SUPPORT   | -            | diplomatic |
apologize to           | SUPPORT   | -            | diplomatic |
apologise to           | SUPPORT   | -            | diplomatic |
pardon                 | CONCEDE   | -            | legal      |
back down              | CONCEDE   | -            |            |
give in to             | CONCEDE   | -            |            |
yield to               | CONCEDE   | -            |            |
ease                   | CONCEDE   | -            |            |
relax                  | CONCEDE   | -            |            |
declare [ceasefire]    | RETREAT   | ceasefire    | military   |
announce [ceasefire]   | RETREAT   | ceasefire    | military   |
declare [truce]        | RETREAT   | ceasefire    | military   |
grant [amnesty]        | CONCEDE   | -            | legal      |
lift [curfew]          | CONCEDE   | -            | legal      |
lift [ban]             | CONCEDE   | -            | legal      |
lift [restriction]     | CONCEDE   | -            | legal      |
lift [emergency|siege]  | CONCEDE   | -            | legal      |
ease [restriction|curfew|ban|control|sanction] | CONCEDE | - | legal |
relax [restriction|curfew|ban|rule] | CONCEDE | -     | legal      |
shorten [curfew]        | CONCEDE   | -            | legal      |
call off [strike|protest|boycott|demonstration|march] | CONCEDE | - |      |
accept [demand|condition|term] | CONCEDE | -  |            |
accede to               | CONCEDE   | -            |            |
concede                 | CONCEDE   | -            |            |
concede to              | CONCEDE   | -            |            |
allow                   | CONCEDE   | -            |            | rec
n: apology              | SUPPORT   | -            | diplomatic |
cancel [restriction|ban|curfew|sanction] | CONCEDE | - | legal |
remove [restriction|ban|curfew|checkpoint|roadblock] | CONCEDE | - | legal |
scrap [restriction|ban|curfew] | CONCEDE | - | legal |
n: concession           | CONCEDE   | -            |            |
n: amnesty              | CONCEDE   | -            | legal      |
# --- COOPERATE: mutual material cooperation ---------------------------------------------
cooperate              | COOPERATE | -            |            |
cooperate with         | COOPERATE | -            |            |
collaborate with       | COOPERATE | -            |            |
extradite              | COOPERATE | -            | legal      |
share [intelligence]   | COOPERATE | -            | intelligence |
share [information]    | COOPERATE | -            | intelligence |
share [evidence|expertise|data|technology|know-how|experience] | COOPERATE | - | intelligence |
exchange [information|intelligence|data] | COOPERATE | - | intelligence |
n: war game             | COOPERATE | -            | military   | joint
n: joint patrol         | COOPERATE | -            | military   |
n: patrol               | MOBILIZE  | police       | military   |
n: exercise            | COOPERATE | -            | military   | joint
n: drill               | COOPERATE | -            | military   | joint
n: cooperation         | COOPERATE | -            |            | rec
# --- AID: material aid to the recipient ------------------------------------------------
aid                    | AID       | -            |            | rec
donate                 | AID       | -            | humanitarian |
arm                    | AID       | -            | military   | rec
send [aid]             | AID       | -            | humanitarian |
provide [aid]          | AID       | -            | humanitarian |
deliver [aid]          | AID       | -            | humanitarian |
send [weapon]          | AID       | -            | military   |
supply [weapon]        | AID       | -            | military   |
provide [weapon]       | AID       | -            | military   |
grant [asylum]         | AID       | asylum       |            |
provide [assistance|food|medicine|supply|fund|funding|money|loan|grant|equipment|shelter] | AID | - | humanitarian |
provide [relief|help|support|water|kit|tent|blanket|good|vaccine|fuel|intelligence] | AID | - | humanitarian |
give [aid|assistance|food|medicine|supply|fund|money|loan|grant|dollar|equipment|shelter] | AID | - | humanitarian |
give [relief|arm|weapon|good] | AID | - | humanitarian |
send [assistance|food|medicine|supply|fund|money|relief|arm|equipment|good|convoy|shipment] | AID | - | humanitarian |
send [fuel|water|kit|tent|blanket|vaccine] | AID | - | humanitarian |
deliver [assistance|food|medicine|supply|relief|good|kit|water|blanket|shipment|pack] | AID | - | humanitarian |
deliver [ration|tent|fuel|vaccine|arm|weapon] | AID | - | humanitarian |
donate [aid|food|medicine|supply|money|good|equipment] | AID | - | humanitarian |
hand over [aid|food|medicine|supply|good|equipment] | AID | - | humanitarian |
distribute [aid|food|medicine|supply|kit|ration|blanket|pack] | AID | - | humanitarian |
release [aid|fund|money] | AID     | -            | economic   |
supply [arm|aid|food|fuel] | AID   | -            | military   |
pledge [aid|money|fund|dollar|assistance] | AID | - | economic |
extend [loan|credit|aid|assistance] | AID | -     | economic   |
evacuate [wounded|civilian|people|resident|refugee|injured|casualty] | AID | - | humanitarian |
contribute [troop|soldier|force|peacekeeper|aid|fund|money|assistance] | AID | - | humanitarian |
n: donation             | AID       | -            | humanitarian |
n: food aid             | AID       | -            | humanitarian |
n: relief               | AID       | -            | humanitarian |
n: grant                | AID       | -            | economic   | rec
n: peacekeeping         | AID       | peacekeeping | military   | rec
n: aid                 | AID       | -            | humanitarian |
n: assistance          | AID       | -            |            |
n: humanitarian aid    | AID       | -            | humanitarian |
n: military aid        | AID       | -            | military   |
n: loan                | AID       | -            | economic   | rec
n: asylum              | AID       | asylum       |            | rec
# --- RETREAT: material concessions: withdraw, release, resign ---------------------------
withdraw               | RETREAT   | withdraw     | military   | noobj forces
withdraw from          | RETREAT   | withdraw     | military   |
pull out               | RETREAT   | withdraw     | military   | noobj forces
pull out of            | RETREAT   | withdraw     | military   |
pull back              | RETREAT   | withdraw     | military   | noobj forces
retreat                | RETREAT   | withdraw     | military   |
retreat from           | RETREAT   | withdraw     | military   |
release                | RETREAT   | release      | legal      | people
free                   | RETREAT   | release      | legal      | rec people
hand over              | RETREAT   | return       | legal      |
return [property]      | RETREAT   | return       | legal      |
disarm                 | RETREAT   | disarm       | military   | noobj
demobilize             | RETREAT   | disarm       | military   | noobj
surrender              | RETREAT   | disarm       | military   |
resign                 | RETREAT   | resign       |            |
step down              | RETREAT   | resign       |            |
allow [access]         | RETREAT   | access       | humanitarian |
grant [access]         | RETREAT   | access       | humanitarian |
observe [ceasefire]    | RETREAT   | ceasefire    | military   |
respect [ceasefire]    | RETREAT   | ceasefire    | military   |
lift [sanction]        | RETREAT   | -            | economic   |
lift [blockade]        | RETREAT   | withdraw     | military   |
lift [embargo]         | RETREAT   | -            | economic   |
n: withdrawal          | RETREAT   | withdraw     | military   |
n: ceasefire           | RETREAT   | ceasefire    | military   |
n: truce               | RETREAT   | ceasefire    | military   |
n: release             | RETREAT   | release      | legal      | people
n: resignation         | RETREAT   | resign       |            |
evacuate                | RETREAT   | withdraw     | military   |
demobilise              | RETREAT   | disarm       | military   | noobj
return [weapon|equipment|land|territory|helicopter|aircraft|body|remains] | RETREAT | return | legal |
pay [compensation|reparation] | RETREAT | return   | legal      |
open [border|crossing|bridge|corridor|airspace|port] | RETREAT | access | humanitarian |
reopen [border|crossing|bridge|corridor|airspace|port|embassy] | RETREAT | access | humanitarian |
allow [inspector|observer|peacekeeper|delivery|aid|return] | RETREAT | access | humanitarian |
hand back                | RETREAT   | return       | legal      |
n: handover              | RETREAT   | return       | legal      |
receive [observer|inspector|peacekeeper|monitor|mission] | RETREAT | access | diplomatic |
n: demobilization        | RETREAT   | disarm       | military   |
# --- REQUEST: demands and calls -------------------------------------------------------
demand                 | REQUEST   | -            |            |
call for               | REQUEST   | -            |            |
call on                | REQUEST   | -            |            |
urge                   | REQUEST   | -            |            |
request                | REQUEST   | -            |            |
press for              | REQUEST   | -            |            |
appeal for             | REQUEST   | -            |            |
appeal to              | REQUEST   | -            |            |
ask                    | REQUEST   | -            |            | rec
push for               | REQUEST   | -            |            |
pressure               | REQUEST   | -            |            | rec
press                  | REQUEST   | -            |            | rec
insist on              | REQUEST   | -            |            |
plead for              | REQUEST   | -            |            |
petition               | REQUEST   | -            |            |
seek [refuge|asylum]   | REQUEST   | assist       | humanitarian |
seek [help|aid|support|assistance|release|extradition|talk|ceasefire|meeting|clarification] | REQUEST | - | |
seek [explanation|compensation] | REQUEST | - | |
n: request             | REQUEST   | -            |            |
n: appeal              | REQUEST   | -            |            |
n: demand              | REQUEST   | -            |            |
# --- ACCUSE: criticise, accuse, sue, investigate --------------------------------------
accuse                 | ACCUSE    | allege       |            | rec
blame                  | ACCUSE    | allege       |            | rec
condemn                | ACCUSE    | disapprove   |            |
criticize              | ACCUSE    | disapprove   |            |
criticise              | ACCUSE    | disapprove   |            |
denounce               | ACCUSE    | disapprove   |            |
decry                  | ACCUSE    | disapprove   |            |
deplore                | ACCUSE    | disapprove   |            |
slam                   | ACCUSE    | disapprove   |            | rec
rebuke                 | ACCUSE    | disapprove   |            | rec
protest to             | ACCUSE    | allege       | diplomatic |
complain               | ACCUSE    | allege       |            |
complain to            | ACCUSE    | allege       | diplomatic |
sue                    | ACCUSE    | allege       | legal      |
investigate            | ACCUSE    | investigate  | legal      |
probe                  | ACCUSE    | investigate  | legal      |
open [investigation]   | ACCUSE    | investigate  | legal      |
launch [investigation] | ACCUSE    | investigate  | legal      |
launch [probe]         | ACCUSE    | investigate  | legal      |
file [lawsuit]         | ACCUSE    | allege       | legal      |
file [complaint]       | ACCUSE    | allege       | legal      |
n: accusation          | ACCUSE    | allege       |            |
n: condemnation        | ACCUSE    | disapprove   |            |
n: criticism           | ACCUSE    | disapprove   |            |
n: investigation       | ACCUSE    | investigate  | legal      |
n: lawsuit             | ACCUSE    | allege       | legal      |
lodge [protest|complaint] | ACCUSE  | allege       | diplomatic |
file [protest|charge]  | ACCUSE    | allege       | legal      |
open [hearing|inquiry|probe|case|trial] | ACCUSE | investigate | legal |
launch [inquiry]       | ACCUSE    | investigate  | legal      |
dispatch [inspector|investigator] | ACCUSE | investigate | legal |
send [inspector|investigator] | ACCUSE | investigate | legal |
charge with            | ACCUSE    | allege       |            |
protest                | ACCUSE    | disapprove   |            | ccomp
n: inquiry             | ACCUSE    | investigate  | legal      |
n: probe               | ACCUSE    | investigate  | legal      |
n: hearing             | ACCUSE    | investigate  | legal      |
n: allegation          | ACCUSE    | allege       |            |
# --- REJECT: refusals and rejections --------------------------------------------------
reject                 | REJECT    | -            |            |
refuse                 | REJECT    | -            |            |
decline                | REJECT    | -            |            |
veto                   | REJECT    | -            | diplomatic |
rebuff                 | REJECT    | -            |            |
dismiss                | REJECT    | -            |            |
rule out               | REJECT    | -            |            |
turn down              | REJECT    | -            |            |
defy                   | REJECT    | -            | legal      |
n: rejection           | REJECT    | -            |            |
n: refusal             | REJECT    | -            |            |
n: veto                | REJECT    | -            | diplomatic |
oppose                 | REJECT    | -            |            |
renege on              | REJECT    | -            |            |
violate                | REJECT    | -            | legal      |
breach                 | REJECT    | -            | legal      |
deny [entry|access|permission|visa|allocation|request] | REJECT | - |   |
boycott [talk|meeting|election|vote|summit] | REJECT | meet | diplomatic |
n: opposition          | REJECT    | -            |            |
# --- THREATEN: threats and ultimatums ------------------------------------------------
threaten               | THREATEN  | -            |            |
warn                   | THREATEN  | -            |            | rec
issue [ultimatum]      | THREATEN  | relations    | diplomatic |
issue [threat]         | THREATEN  | -            |            |
n: threat              | THREATEN  | -            |            |
n: ultimatum           | THREATEN  | relations    | diplomatic |
n: warning             | THREATEN  | -            |            |
# --- PROTEST: demonstrations, strikes, riots ------------------------------------------
protest                | PROTEST   | demonstrate  |            |
protest against        | PROTEST   | demonstrate  |            |
demonstrate            | PROTEST   | demonstrate  |            |
demonstrate against    | PROTEST   | demonstrate  |            |
rally                  | PROTEST   | demonstrate  |            |
rally against          | PROTEST   | demonstrate  |            |
riot                   | PROTEST   | riot         |            |
boycott                | PROTEST   | boycott      |            |
go on [strike]         | PROTEST   | strike       | economic   |
walk out               | PROTEST   | strike       |            |
n: protest             | PROTEST   | demonstrate  |            |
n: demonstration       | PROTEST   | demonstrate  |            |
n: rally               | PROTEST   | demonstrate  |            |
n: march               | PROTEST   | demonstrate  |            |
n: riot                | PROTEST   | riot         |            |
n: general strike      | PROTEST   | strike       | economic   |
n: hunger strike       | PROTEST   | hunger       |            |
n: walkout             | PROTEST   | strike       |            |
n: boycott             | PROTEST   | boycott      |            |
n: blockade            | PROTEST   | obstruct     |            |
block [road|street|highway|bridge|transport|traffic|route|roadway|railway|entrance|port] | PROTEST | obstruct | |
block [crossing|motorway|junction] | PROTEST | obstruct | |
barricade              | PROTEST   | obstruct     |            |
stop [work]            | PROTEST   | strike       | economic   |
stage [protest|rally|demonstration|march|strike|sit-in|walkout] | PROTEST | demonstrate | |
hold [protest|rally|demonstration|march|vigil|sit-in] | PROTEST | demonstrate | |
march                  | PROTEST   | demonstrate  |            |
march on               | PROTEST   | demonstrate  |            |
n: sit-in              | PROTEST   | demonstrate  |            |
n: unrest              | PROTEST   | riot         |            |
n: strike              | PROTEST   | strike       | economic   | civil
# --- SANCTION: reduce relations -----------------------------------------------------
sanction               | SANCTION  | -            | economic   | rec
impose [sanction]      | SANCTION  | -            | economic   |
slap [sanction]        | SANCTION  | -            | economic   |
impose [embargo]       | SANCTION  | -            | economic   |
expel                  | SANCTION  | expel        | diplomatic |
recall [ambassador]    | SANCTION  | withdraw     | diplomatic |
recall [envoy]         | SANCTION  | withdraw     | diplomatic |
suspend                | SANCTION  | sever        |            |
sever                  | SANCTION  | sever        | diplomatic |
cut [tie|relation]     | SANCTION  | sever        | diplomatic |
cut off                | SANCTION  | sever        |            |
break off              | SANCTION  | sever        | diplomatic |
break [tie|relation]   | SANCTION  | sever        | diplomatic |
freeze                 | SANCTION  | sever        | economic   |
cancel                 | SANCTION  | cancel       | diplomatic |
call off               | SANCTION  | cancel       | diplomatic |
convict                | SANCTION  | convict      | legal      |
n: sanction            | SANCTION  | -            | economic   |
n: embargo             | SANCTION  | -            | economic   |
halt [aid|assistance|mediation|talk|negotiation|cooperation|delivery|export|import] | SANCTION | discontinue | |
halt [flight|link|trade] | SANCTION | discontinue | |
suspend [aid|assistance|mediation|talk|negotiation|cooperation|delivery|flight|link|tie] | SANCTION | discontinue | |
suspend [relation|membership] | SANCTION | discontinue | |
end [mediation|talk|negotiation|cooperation|aid|assistance] | SANCTION | discontinue | diplomatic |
cut [aid|assistance|supply|funding|fund] | SANCTION | discontinue |  |
reduce [aid|assistance|supply|funding|ration] | SANCTION | discontinue | |
stop [aid|assistance|funding|delivery|talk] | SANCTION | discontinue | |
prohibit                | SANCTION  | -            |            |
withdraw [ambassador|envoy|recognition|aid|support|inspector|observer] | SANCTION | withdraw | diplomatic |
withdraw [peacekeeper|monitor] | SANCTION | withdraw | diplomatic |
force out               | SANCTION  | expel        | diplomatic |
n: suspension           | SANCTION  | discontinue  |            |
n: expulsion            | SANCTION  | expel        | diplomatic |
# --- MOBILIZE: military or police shows of force -----------------------------------
mobilize               | MOBILIZE  | troops       | military   | noobj
mobilise               | MOBILIZE  | troops       | military   | noobj
deploy                 | MOBILIZE  | troops       | military   | noobj
mass                   | MOBILIZE  | troops       | military   | noobj
reinforce              | MOBILIZE  | troops       | military   | noobj
send [troop]           | MOBILIZE  | troops       | military   |
send [soldier]         | MOBILIZE  | troops       | military   |
put [force]            | MOBILIZE  | troops       | military   |
raise [alert]          | MOBILIZE  | -            | military   | armed
n: deployment          | MOBILIZE  | troops       | military   |
n: mobilization        | MOBILIZE  | troops       | military   |
n: buildup             | MOBILIZE  | troops       | military   |
strengthen [force|troop|presence|security]  | MOBILIZE | troops | military |
boost [force|troop|presence|security]  | MOBILIZE | troops | military |
order [patrol|troop|reinforcement] | MOBILIZE | police | military |
put [alert]             | MOBILIZE  | troops       | military   | armed
remain on [alert]       | MOBILIZE  | troops       | military   | armed
n: alert                | MOBILIZE  | troops       | military   | armed
n: reinforcement        | MOBILIZE  | troops       | military   |
# --- COERCE: repression, arrests, seizures, restrictions ---------------------------
arrest                 | COERCE    | arrest       | legal      |
detain                 | COERCE    | arrest       | legal      |
jail                   | COERCE    | arrest       | legal      |
imprison               | COERCE    | arrest       | legal      |
round up               | COERCE    | arrest       | legal      |
charge                 | COERCE    | arrest       | legal      | rec
indict                 | COERCE    | arrest       | legal      |
prosecute              | COERCE    | arrest       | legal      |
sentence               | COERCE    | arrest       | legal      |
seize                  | COERCE    | seize        |            |
confiscate             | COERCE    | seize        |            |
occupy                 | COERCE    | seize        | military   |
censor                 | COERCE    | censor       | rights_freedoms |
ban                    | COERCE    | ban          | rights_freedoms |
outlaw                 | COERCE    | ban          | rights_freedoms |
deport                 | COERCE    | deport       | legal      |
restrict               | COERCE    | restrict     |            |
blockade               | COERCE    | restrict     | military   |
crack down on          | COERCE    | restrict     | rights_freedoms |
impose [curfew]        | COERCE    | curfew       |            |
impose [restriction]   | COERCE    | restrict     |            |
impose [blockade]      | COERCE    | restrict     | military   |
declare [emergency]    | COERCE    | martial-law  |            |
impose [law]           | COERCE    | martial-law  |            |
close [border]         | COERCE    | restrict     |            |
shut [border]          | COERCE    | restrict     |            |
block [access]         | COERCE    | restrict     |            |
n: arrest              | COERCE    | arrest       | legal      |
n: detention           | COERCE    | arrest       | legal      |
n: crackdown           | COERCE    | restrict     | rights_freedoms |
n: curfew              | COERCE    | curfew       |            |
n: martial law         | COERCE    | martial-law  |            |
demolish                | COERCE    | seize        |            |
raze                    | COERCE    | seize        |            |
bulldoze                | COERCE    | seize        |            |
deface                  | COERCE    | seize        |            |
hack                    | COERCE    | seize        |            |
hack into               | COERCE    | seize        |            |
set [fire]              | COERCE    | seize        |            |
torch                   | COERCE    | seize        |            |
loot                    | COERCE    | seize        |            |
evict                   | COERCE    | deport       | legal      |
extend [curfew]         | COERCE    | curfew       |            |
reimpose [blockade|curfew|restriction|ban] | COERCE | restrict |     |
impose [ban|blackout|lockdown|closure|siege|state] | COERCE | restrict |  |
declare [state]         | COERCE    | martial-law  |            |
disperse                | COERCE    | restrict     |            |
n: siege                | COERCE    | restrict     | military   |
# --- ASSAULT: violence --------------------------------------------------------------
attack                 | ASSAULT   | -            | military   |
assault                | ASSAULT   | beat         |            |
strike                 | ASSAULT   | -            | military   | rec
hit                    | ASSAULT   | -            | military   | rec
target                 | ASSAULT   | -            | military   | rec
bomb                   | ASSAULT   | aerial       | military   |
shell                  | ASSAULT   | shelling     | military   |
fire on                | ASSAULT   | firearms     | military   |
fire at                | ASSAULT   | firearms     | military   |
fire into              | ASSAULT   | firearms     | military   |
open [fire]            | ASSAULT   | firearms     | military   |
shoot                  | ASSAULT   | firearms     |            |
shoot at               | ASSAULT   | firearms     |            |
gun down               | ASSAULT   | firearms     |            |
kill                   | ASSAULT   | -            |            |
murder                 | ASSAULT   | -            | crime_murder |
massacre               | ASSAULT   | -            |            |
assassinate            | ASSAULT   | assassinate  |            |
execute                | ASSAULT   | execute      |            |
behead                 | ASSAULT   | execute      |            |
abduct                 | ASSAULT   | abduct       |            |
kidnap                 | ASSAULT   | abduct       |            |
hijack                 | ASSAULT   | abduct       |            |
torture                | ASSAULT   | torture      | human_rights |
beat                   | ASSAULT   | beat         |            | rec
invade                 | ASSAULT   | -            | military   |
storm                  | ASSAULT   | -            |            | rec
raid                   | ASSAULT   | -            |            | rec
ambush                 | ASSAULT   | firearms     | military   |
clash                  | ASSAULT   | -            | military   | sym
clash with             | ASSAULT   | -            | military   | sym
fight                  | ASSAULT   | -            | military   | sym rec
fight with             | ASSAULT   | -            | military   | sym
fight against          | ASSAULT   | -            | military   |
destroy                | ASSAULT   | destroy      |            |
detonate               | ASSAULT   | explosion    |            |
launch [attack]        | ASSAULT   | -            | military   |
launch [offensive]     | ASSAULT   | -            | military   |
launch [strike]        | ASSAULT   | aerial       | military   |
launch [airstrike]     | ASSAULT   | aerial       | military   |
launch [missile]       | ASSAULT   | aerial       | military   |
launch [rocket]        | ASSAULT   | shelling     | military   |
fire [missile]         | ASSAULT   | aerial       | military   |
fire [rocket]          | ASSAULT   | shelling     | military   |
carry out [attack]     | ASSAULT   | -            | military   |
carry out [strike]     | ASSAULT   | aerial       | military   |
carry out [airstrike]  | ASSAULT   | aerial       | military   |
carry out [bombing]    | ASSAULT   | explosion    |            |
n: attack              | ASSAULT   | -            | military   |
n: assault             | ASSAULT   | -            | military   |
n: offensive           | ASSAULT   | -            | military   |
n: invasion            | ASSAULT   | -            | military   |
n: airstrike           | ASSAULT   | aerial       | military   |
n: air strike          | ASSAULT   | aerial       | military   |
n: air raid            | ASSAULT   | aerial       | military   |
n: drone strike        | ASSAULT   | aerial       | military   |
n: missile strike      | ASSAULT   | aerial       | military   |
n: bombardment         | ASSAULT   | shelling     | military   |
n: shelling            | ASSAULT   | shelling     | military   |
n: bombing             | ASSAULT   | explosion    |            |
n: suicide bombing     | ASSAULT   | suicide-attack | terrorism |
n: car bomb            | ASSAULT   | explosion    | terrorism  |
n: clash               | ASSAULT   | -            | military   | sym
n: fighting            | ASSAULT   | -            | military   | sym
n: raid                | ASSAULT   | -            |            |
n: ambush              | ASSAULT   | firearms     | military   |
n: massacre            | ASSAULT   | -            |            |
n: assassination       | ASSAULT   | assassinate  |            |
n: kidnapping          | ASSAULT   | abduct       |            |
beat up                 | ASSAULT   | beat         |            |
blow up                 | ASSAULT   | explosion    |            |
explode [bomb|device|grenade|mine] | ASSAULT | explosion |        |
detonate [bomb|device] | ASSAULT   | explosion    |            |
abuse                   | ASSAULT   | sexual       |            | rec
rape                    | ASSAULT   | sexual       |            |
capture                 | ASSAULT   | -            | military   |
mount [attack|offensive|invasion|raid|assault] | ASSAULT | - | military |
stage [attack|raid|ambush|assault] | ASSAULT | - | military |
carry out [raid|assault|ambush|massacre|execution|shelling|bombardment] | ASSAULT | - | military |
launch [raid|assault|bombardment|incursion|invasion] | ASSAULT | - | military |
launch [drone]         | ASSAULT   | aerial       | military   |
fire [shell|mortar|round|bullet|shot|cannon] | ASSAULT | firearms | military |
n: ethnic cleansing     | ASSAULT   | cleansing    | religion_ethnicity |
n: incursion            | ASSAULT   | -            | military   |
n: firefight            | ASSAULT   | firearms     | military   | sym
n: gunfight             | ASSAULT   | firearms     | military   | sym
n: battle               | ASSAULT   | -            | military   | sym
n: torture              | ASSAULT   | torture      | human_rights |
n: execution            | ASSAULT   | execute      |            |
"""


@dataclass(frozen=True)
class Trigger:
    """One lexicon row: how a word (with its particles, prepositions or object) codes an event."""

    kind: str  # "verb" | "noun" | "verb+object"
    lemma: str  # the verb or noun lemma
    words: tuple[str, ...]  # verb: particles/prepositions; noun: modifiers; verb+object: the object
    event: str
    mode: str | None
    context: tuple[str, ...]
    flags: frozenset[str]

    @property
    def recipient_prep(self) -> str | None:
        """For verbs, the preposition whose object is the recipient ("meet with" -> "with")."""
        if self.kind != "verb" or not self.words:
            return None
        return self.words[-1] if self.words[-1] in PREPOSITIONS else None

    @property
    def particles(self) -> tuple[str, ...]:
        return tuple(w for w in self.words if w not in PREPOSITIONS) if self.kind == "verb" else ()


PREPOSITIONS = frozenset(
    ["with", "to", "on", "at", "for", "from", "into", "of", "in", "against", "between", "about", "over", "by"]
)


_COLUMN = re.compile(r"\|(?![^\[]*\])")  # a column bar, not one between alternatives in [...]


def _parse(table: str) -> list[Trigger]:
    triggers: list[Trigger] = []
    for line in table.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        pattern, event, mode, context, flags = (part.strip() for part in _COLUMN.split(line))
        mode_value = None if mode in ("", "-") else mode
        contexts = tuple(c for c in context.split() if c)
        flag_set = frozenset(flags.split())
        if pattern.startswith("n:"):
            words = pattern[2:].split()
            triggers.append(Trigger("noun", words[-1], tuple(words[:-1]), event, mode_value, contexts, flag_set))
        elif "[" in pattern:
            verb, _, objects = pattern.partition("[")
            verb_words = verb.split()
            for obj in objects.strip(" ]").split("|"):  # "provide [aid|food]": one row per object
                triggers.append(
                    Trigger(
                        "verb+object",
                        verb_words[0],
                        (*verb_words[1:], obj.strip()),
                        event,
                        mode_value,
                        contexts,
                        flag_set,
                    )
                )
        else:
            words = pattern.split()
            triggers.append(Trigger("verb", words[0], tuple(words[1:]), event, mode_value, contexts, flag_set))
    return triggers


TRIGGERS: tuple[Trigger, ...] = tuple(_parse(LEXICON))


def _index(kind: str) -> dict[str, list[Trigger]]:
    index: dict[str, list[Trigger]] = {}
    for trigger in TRIGGERS:
        if trigger.kind == kind:
            index.setdefault(trigger.lemma, []).append(trigger)
    for entries in index.values():  # the most specific pattern is tried first
        entries.sort(key=lambda t: -len(t.words))
    return index


VERB_TRIGGERS = _index("verb")
NOUN_TRIGGERS = _index("noun")
VERB_OBJECT_TRIGGERS = _index("verb+object")
