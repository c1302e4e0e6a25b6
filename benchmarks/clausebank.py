# ruff: noqa: E501  (prose fragments read better unbroken)
"""Clause material for the synthetic corpus: lead phrases with their lemmas, addressees, and topic
fragments written for this benchmark (not taken from any real text).

Fragments hold slots filled per clause by the generator: {year}, {pct}, {amount}, {n}, {city},
{country}, {date}. Apostrophes are written as "'" and turned into the document's own style later.
"""

from __future__ import annotations

from dataclasses import dataclass

# (phrase as written, lemma, complement) -- complement: "that", "np", "about", "of", "at", "to"
NATO_PREAMBULAR = [
    ("Recognising", "recognise", "that"),
    ("Recognising", "recognise", "np"),
    ("Acknowledging", "acknowledge", "np"),
    ("Acknowledging", "acknowledge", "that"),
    ("Welcoming", "welcome", "np"),
    ("Warmly welcoming", "welcome", "np"),
    ("Noting", "note", "that"),
    ("Noting with concern", "note", "np"),
    ("Stressing", "stress", "that"),
    ("Underlining", "underline", "np"),
    ("Underlining", "underline", "that"),
    ("Emphasising", "emphasise", "that"),
    ("Highlighting", "highlight", "np"),
    ("Reaffirming", "reaffirm", "np"),
    ("Reiterating", "reiterate", "that"),
    ("Recalling", "recall", "np"),
    ("Recalling", "recall", "that"),
    ("Condemning", "condemn", "np"),
    ("Strongly condemning", "condemn", "np"),
    ("Condemning in the strongest terms", "condemn", "np"),
    ("Deploring", "deplore", "np"),
    ("Commending", "commend", "np"),
    ("Applauding", "applaud", "np"),
    ("Saluting", "salute", "np"),
    ("Convinced", "convinced", "that"),
    ("Determined", "determined", "to"),
    ("Mindful", "mindful", "of"),
    ("Aware", "aware", "of"),
    ("Deeply concerned", "concerned", "about"),
    ("Concerned", "concerned", "that"),
    ("Alarmed", "alarmed", "at"),
    ("Bearing in mind", "bear in mind", "np"),
    ("Taking into account", "take into account", "np"),
    ("Considering", "consider", "that"),
    ("Expressing concern", "express", "about"),
    ("Deeply regretting", "regret", "np"),
    # leads the project lexicon does not list: parsed by grammar, lemma by rule
    ("Lamenting", "lament", "np"),
    ("Anticipating", "anticipate", "np"),
    ("Observing", "observe", "that"),
]
NATO_OPERATIVE = [  # (as written, lemma)
    ("URGES", "urge"),
    ("URGES", "urge"),
    ("URGES", "urge"),
    ("CALLS UPON", "call upon"),
    ("CALLS ON", "call on"),
    ("ENCOURAGES", "encourage"),
    ("INVITES", "invite"),
    ("RECOMMENDS", "recommend"),
    ("REQUESTS", "request"),
]
NATO_ADDRESSEES = [
    "member governments and parliaments of the North Atlantic Alliance",
    "the governments and parliaments of Allied countries",
    "Allied Heads of State and Government",
    "member and partner governments",
    "the parliaments of member countries",
    "the North Atlantic Council and Allied governments",
    "the governments of the Alliance and of its partner nations",
]

UN_PREAMBULAR = [
    ("Recalling", "recall", "np"),
    ("Reaffirming", "reaffirm", "np"),
    ("Recognizing", "recognize", "that"),
    ("Recognizing", "recognize", "np"),
    ("Noting with concern", "note", "np"),
    ("Welcoming", "welcome", "np"),
    ("Deeply concerned", "concerned", "about"),
    ("Gravely concerned", "concerned", "about"),
    ("Emphasizing", "emphasize", "that"),
    ("Bearing in mind", "bear in mind", "np"),
    ("Mindful", "mindful", "of"),
    ("Convinced", "convinced", "that"),
    ("Taking note of", "take note", "np"),
    ("Stressing", "stress", "that"),
    ("Acknowledging", "acknowledge", "np"),
    ("Expressing its appreciation", "express", "to"),
    ("Guided by", "guide", "np"),
    ("Alarmed", "alarmed", "at"),
    ("Underlining", "underline", "np"),
]
# (as written, lemma, shape) -- shape: "addr_to" (verb + addressee + to + action), "np", "that", "to"
UN_OPERATIVE = [
    ("Urges", "urge", "addr_to"),
    ("Calls upon", "call upon", "addr_to"),
    ("Encourages", "encourage", "addr_to"),
    ("Requests", "request", "addr_to"),
    ("Invites", "invite", "addr_to"),
    ("Welcomes", "welcome", "np"),
    ("Reaffirms", "reaffirm", "np"),
    ("Stresses", "stress", "that"),
    ("Emphasizes", "emphasize", "that"),
    ("Condemns", "condemn", "np"),
    ("Decides", "decide", "to"),
    ("Notes with appreciation", "note", "np"),
    ("Recognizes", "recognize", "that"),
    ("Calls upon", "call upon", "addr_to"),
]
UN_ADDRESSEES = [
    "all States",
    "Member States",
    "the Secretary-General",
    "States parties",
    "relevant United Nations entities",
    "the international community",
    "all parties to armed conflict",
    "regional and subregional organizations",
    "the Office of the United Nations High Commissioner for Human Rights",
]
UN_BODIES = [
    ("The General Assembly,", "General Assembly"),
    ("The General Assembly,", "General Assembly"),
    ("The Human Rights Council,", "Human Rights Council"),
    ("The Economic and Social Council,", "Economic and Social Council"),
]
EP_OPERATIVE = [
    ("Calls on", "call on", "addr_to"),
    ("Calls on", "call on", "addr_to"),
    ("Stresses", "stress", "that"),
    ("Welcomes", "welcome", "np"),
    ("Urges", "urge", "addr_to"),
    ("Regrets", "regret", "np"),
    ("Condemns", "condemn", "np"),
    ("Insists", "insist", "that_on"),
    ("Believes", "believe", "that"),
    ("Recalls", "recall", "that"),
    ("Underlines", "underline", "np"),
    ("Encourages", "encourage", "addr_to"),
    ("Deplores", "deplore", "np"),
    ("Reiterates", "reiterate", "np"),
]
EP_ADDRESSEES = [
    "the Commission",
    "the Member States",
    "the Council and the Commission",
    "the European External Action Service",
    "the Vice-President of the Commission / High Representative of the Union for Foreign Affairs and Security Policy",
    "the Commission and the Member States",
    "the Union institutions",
]
EP_CITATIONS = [
    "Article {n} of the Treaty on European Union",
    "its resolution of {date} on {topic_title}",
    "the Council conclusions of {date} on {topic_title}",
    "the Commission communication of {date} on {topic_title}",
    "the joint statement of the {city} summit of {date}",
    "the report of its Committee on Foreign Affairs (A{n}-0{n}/{year})",
    "Rule {n}(2) of its Rules of Procedure",
    "the Charter of Fundamental Rights of the European Union",
    "the United Nations Convention on the Law of the Sea",
]

ADVERBS = ["", "", "", "", "further ", "urgently ", "fully ", "jointly ", "swiftly "]
SECONDARY_LEADS = ["and welcoming", "and recognising", "and stressing", "while noting", "and underlining"]
# after a noun phrase or statement (preambles, recitals) / after an action (sub-clauses, calls)
NP_EXTENSIONS = [", in particular {np}", ", including {np}", ", as well as {np}"]
ACTION_EXTENSIONS = NP_EXTENSIONS + [
    " by {year}",
    " without further delay",
    ", in line with the commitments made at the {city} summit",
    ", in close cooperation with partners",
    " and to report on progress by {year}",
]

CITIES = [
    "Vilnius",
    "Tallinn",
    "Lisbon",
    "Oslo",
    "Reykjavik",
    "Ottawa",
    "Bucharest",
    "Sofia",
    "Madrid",
    "Ljubljana",
    "Riga",
    "Warsaw",
    "Prague",
    "Copenhagen",
    "Helsinki",
    "Rome",
    "Athens",
    "Brussels",
    "Halifax",
    "Bratislava",
]
COUNTRIES = [
    ("Lithuania", "Vilnius"),
    ("Estonia", "Tallinn"),
    ("Portugal", "Lisbon"),
    ("Norway", "Oslo"),
    ("Iceland", "Reykjavik"),
    ("Canada", "Ottawa"),
    ("Romania", "Bucharest"),
    ("Bulgaria", "Sofia"),
    ("Spain", "Madrid"),
    ("Slovenia", "Ljubljana"),
    ("Latvia", "Riga"),
    ("Poland", "Warsaw"),
    ("Czechia", "Prague"),
    ("Denmark", "Copenhagen"),
    ("Finland", "Helsinki"),
    ("Italy", "Rome"),
    ("Greece", "Athens"),
    ("Belgium", "Brussels"),
    ("Slovakia", "Bratislava"),
]
BODIES = ["Plenary Assembly", "Standing Committee", "Plenary Assembly", "Plenary Assembly"]
SESSIONS = ["Spring Session", "Annual Session", "Autumn Session"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class Action:
    verb: str  # lemma as the head of the sub-clause ("step up", "modernise")
    obj: str  # the rest, may contain slots

    def text(self, adverb: str = "") -> str:
        return f"to {adverb}{self.verb} {self.obj}"


@dataclass(frozen=True)
class Topic:
    key: str
    title: str
    nps: tuple[str, ...]
    thats: tuple[str, ...]
    actions: tuple[Action, ...]


def _t(key, title, nps, thats, actions) -> Topic:
    return Topic(key, title, tuple(nps), tuple(thats), tuple(Action(v, o) for v, o in actions))


TOPICS = [
    _t(
        "cyber",
        "Building cyber resilience across the Alliance",
        [
            "the steady rise of ransomware attacks against hospitals, water utilities and local administrations",
            "the work of national computer emergency response teams in sharing threat intelligence",
            "the growing use of commercial spyware against parliamentarians and journalists",
            "the exercise held in {city} in {year}, which tested the response of {n} national cyber agencies",
            "the shortage of an estimated {n},000 qualified cyber defence specialists across member states",
        ],
        [
            "hostile cyber operations increasingly target civilian infrastructure in peacetime",
            "the Alliance's deterrence in cyberspace depends on attribution and resilience",
            "a single compromised software supplier can expose thousands of public bodies at once",
            "close cooperation with the private sector is indispensable to detect intrusions early",
        ],
        [
            (
                "strengthen",
                "the protection of energy grids, ports and hospitals against hostile cyber operations",
            ),
            ("set up", "a common register of critical software suppliers and their vulnerabilities"),
            ("invest", "at least {pct}% of national defence budgets in cyber defence capabilities by {year}"),
            ("share", "threat intelligence in real time through the existing national response centres"),
            ("train", "{n},000 additional cyber specialists through joint academies and exchange programmes"),
            ("attribute", "malicious cyber activity publicly and in a coordinated manner whenever possible"),
        ],
    ),
    _t(
        "maritime",
        "Securing the sea lanes and undersea infrastructure",
        [
            "the vulnerability of undersea cables and pipelines that carry most intercontinental data and energy",
            "the repeated damage to seabed infrastructure in the {country} exclusive economic zone in {year}",
            "the activities of ageing tankers sailing without adequate insurance or flag-state oversight",
            "the contribution of coastal states to the Alliance's maritime situational awareness",
        ],
        [
            "freedom of navigation underpins the Allies' prosperity and the Alliance's cohesion",
            "a handful of chokepoints carry a disproportionate share of global trade",
            "illegal, unreported and unregulated fishing undermines coastal communities and fuels organised crime",
        ],
        [
            ("map", "critical undersea infrastructure and share the resulting data among Allies"),
            ("step up", "maritime patrols and surveillance in the {country} approaches"),
            ("build up", "a reserve of cable repair vessels available at short notice"),
            ("enforce", "insurance and safety requirements on vessels transiting Allied waters"),
            ("deploy", "unmanned surface and underwater systems to monitor vulnerable seabed assets"),
        ],
    ),
    _t(
        "climate",
        "Climate change as a security challenge",
        [
            "the effects of prolonged drought on food production and internal displacement",
            "the findings of the {year} climate and security impact assessment",
            "the increasing frequency of floods, wildfires and heatwaves affecting military installations",
            "the commitment to reduce greenhouse gas emissions from military activities by {pct}% by {year}",
        ],
        [
            "climate change acts as a threat multiplier in fragile regions",
            "armed forces are increasingly called upon to support civil authorities during natural disasters",
            "the opening of Arctic sea routes alters the strategic balance in the High North",
        ],
        [
            ("adapt", "military infrastructure, equipment and training to extreme weather conditions"),
            ("reduce", "the carbon footprint of armed forces without compromising operational effectiveness"),
            ("integrate", "climate risk assessments into defence planning at every level"),
            ("phase out", "the most polluting fuels in non-combat vehicle fleets by {year}"),
            ("support", "partner countries in building early warning systems for extreme weather"),
        ],
    ),
    _t(
        "energy",
        "Energy security and the resilience of supply",
        [
            "the dependence of several Allies on a single supplier for more than {pct}% of their gas imports",
            "the diversification of supply routes achieved since {year}",
            "the role of interconnectors and storage capacity in absorbing supply shocks",
            "the growing demand for critical raw materials needed for the energy transition",
        ],
        [
            "energy supplies have been used as an instrument of coercion",
            "secure and affordable energy is a precondition for the Alliance's mobility and readiness",
            "concentrated supply chains for critical minerals create new strategic dependencies",
        ],
        [
            ("diversify", "their sources of energy and critical raw materials"),
            ("protect", "energy infrastructure, including interconnectors, terminals and storage sites"),
            ("build", "strategic reserves sufficient for at least {n} days of consumption"),
            ("speed up", "the permitting of cross-border energy infrastructure projects"),
            ("reduce", "their dependence on suppliers that use energy as a political weapon"),
        ],
    ),
    _t(
        "arms",
        "Arms control, disarmament and non-proliferation",
        [
            "the erosion of the arms control architecture built over several decades",
            "the review conference held in {city} in {year}",
            "the continued development of new delivery systems by states outside existing agreements",
            "the value of verification and transparency measures for Europe's crisis stability",
        ],
        [
            "effective arms control contributes to strategic stability and reduces the risk of miscalculation",
            "the proliferation of weapons of mass destruction remains a grave threat to international security",
            "irresponsible nuclear rhetoric undermines decades of progress on risk reduction",
        ],
        [
            ("uphold", "their obligations under the Treaty on the Non-Proliferation of Nuclear Weapons"),
            ("pursue", "dialogue on risk reduction and transparency with all nuclear-armed states"),
            ("strengthen", "export controls on dual-use goods and technologies"),
            ("support", "the verification work of the competent international agencies"),
            ("bring forward", "proposals for a new framework on intermediate-range systems"),
        ],
    ),
    _t(
        "disinfo",
        "Countering disinformation and foreign interference",
        [
            "the coordinated campaigns of disinformation targeting elections in {n} member states since {year}",
            "the use of generative artificial intelligence to fabricate audio and video content",
            "the work of independent fact-checkers and of the public's trusted media",
            "the financing of proxy media outlets by authoritarian governments",
        ],
        [
            "foreign information manipulation seeks to polarise societies and erode trust in institutions",
            "media literacy is one of the most effective long-term defences against manipulation",
            "online platforms bear a particular responsibility for the amplification of harmful content",
        ],
        [
            ("expose", "foreign information manipulation campaigns swiftly and transparently"),
            ("invest", "in media literacy programmes in schools and for adult learners"),
            ("require", "online platforms to disclose the origin and financing of political advertising"),
            ("protect", "journalists and researchers who investigate foreign interference"),
            ("set up", "a parliamentary network to exchange information on interference attempts"),
        ],
    ),
    _t(
        "health",
        "Health security and pandemic preparedness",
        [
            "the lessons drawn from the response to recent pandemics",
            "the shortages of medical supplies experienced during the first weeks of the {year} health emergency",
            "the armed forces' medical services and their contribution to civilian crisis response",
            "the rise of antimicrobial resistance",
        ],
        [
            "pandemics can disrupt supply chains and strain armed forces as much as any conventional threat",
            "early detection and transparent reporting of outbreaks save lives",
        ],
        [
            ("stockpile", "essential medicines and protective equipment for at least {n} days of need"),
            ("coordinate", "the civil and military planning of responses to health emergencies"),
            ("share", "epidemiological data promptly through the relevant international channels"),
            ("scale up", "domestic production capacity for vaccines and critical medicines"),
        ],
    ),
    _t(
        "space",
        "Space as an operational domain",
        [
            "the growing congestion of low Earth orbit, with more than {n},000 active satellites",
            "the destructive anti-satellite test conducted in {year}",
            "the dependence of armed forces on satellite navigation, communication and imagery",
        ],
        [
            "the debris created by irresponsible behaviour in orbit endangers all space users",
            "space-based services are essential to the daily functioning of modern societies",
        ],
        [
            ("protect", "space-based assets and the ground stations that control them"),
            ("promote", "norms of responsible behaviour in outer space"),
            ("develop", "sovereign launch capacity and rapid replacement of lost satellites"),
            ("integrate", "commercial space services into national and Allied planning"),
        ],
    ),
    _t(
        "industry",
        "A stronger defence industrial base",
        [
            "the difficulties of the defence industry in scaling up the production of munitions",
            "the multinational procurement initiatives launched since {year}",
            "the fragmentation of demand across national programmes",
            "the commitment to spend at least {pct}% of GDP on defence",
        ],
        [
            "predictable long-term orders are needed for industry to invest in new production lines",
            "joint procurement lowers costs and improves the Alliance's interoperability",
        ],
        [
            ("conclude", "multi-year contracts that give industry the predictability it needs"),
            ("pool", "their demand for munitions, air defence and spare parts"),
            ("remove", "unnecessary barriers to defence trade among Allies"),
            ("meet", "the agreed guideline of spending at least {pct}% of GDP on defence by {year}"),
            ("ramp up", "the production of artillery ammunition to {n},000 rounds a year"),
        ],
    ),
    _t(
        "wps",
        "Women, peace and security",
        [
            "the under-representation of women in peace negotiations and security institutions",
            "the national action plans adopted by {n} member states",
            "the prevalence of conflict-related sexual violence",
        ],
        [
            "the meaningful participation of women makes peace agreements more durable",
            "sexual violence used as a weapon of war constitutes a war crime",
        ],
        [
            ("implement", "their national action plans on women, peace and security in full"),
            ("increase", "the share of women in senior military and diplomatic posts to {pct}% by {year}"),
            ("hold", "the perpetrators of conflict-related sexual violence accountable"),
            ("fund", "organisations that support survivors of sexual violence"),
        ],
    ),
    _t(
        "demining",
        "Clearing landmines and explosive remnants of war",
        [
            "the contamination of more than {n},000 square kilometres of agricultural land by mines",
            "the casualties caused by explosive remnants of war long after the end of hostilities",
            "the work of humanitarian demining organisations",
        ],
        [
            "landmines and unexploded ordnance prevent the return of displaced people and the resumption of farming",
            "demining is a precondition for reconstruction and economic recovery",
        ],
        [
            ("fund", "humanitarian demining and victim assistance programmes over several years"),
            ("train", "local deminers and provide them with modern detection equipment"),
            ("support", "the development of faster and safer clearance technologies"),
        ],
    ),
    _t(
        "democracy",
        "Democratic resilience and parliamentary oversight",
        [
            "the decline in democratic standards recorded in several countries since {year}",
            "the role of national parliaments in scrutinising defence budgets",
            "the attacks on the independence of the judiciary and of electoral authorities",
        ],
        [
            "shared democratic values are the foundation of the Alliance's unity",
            "strong parliamentary oversight increases public support for defence and security policies",
        ],
        [
            ("strengthen", "the capacity of parliaments to scrutinise defence and security policies"),
            ("protect", "the independence of electoral authorities and the courts"),
            ("establish", "a centre for democratic resilience to share good practices among Allies"),
        ],
    ),
    _t(
        "migration",
        "Migration, borders and human trafficking",
        [
            "the instrumentalisation of migrants by hostile governments at the borders of member states",
            "the loss of more than {n},000 lives on migration routes since {year}",
            "the criminal networks that profit from human trafficking and smuggling",
        ],
        [
            "the management of external borders must respect international humanitarian and refugee law",
            "human trafficking networks are often linked to other forms of organised crime",
        ],
        [
            ("dismantle", "the criminal networks that smuggle and traffic human beings"),
            ("support", "transit countries in managing migration in a humane and orderly way"),
            ("respect", "the rights of asylum seekers at all stages of border procedures"),
        ],
    ),
    _t(
        "food",
        "Food security and the disruption of grain supplies",
        [
            "the sharp increase in food prices recorded in {year}",
            "the blockade of grain exports and the attacks on port facilities",
            "the {n} million people facing acute food insecurity",
        ],
        [
            "hunger is being used as a weapon of war",
            "disruptions of food supplies hit the poorest countries hardest and can fuel instability",
        ],
        [
            ("keep up", "the export corridors for grain and fertiliser"),
            ("support", "the World Food Programme and other humanitarian actors with predictable funding"),
            ("invest", "in the resilience of agricultural supply chains in vulnerable regions"),
        ],
    ),
    _t(
        "tech",
        "Emerging and disruptive technologies",
        [
            "the rapid progress of artificial intelligence and autonomous systems",
            "the principles of responsible use of artificial intelligence adopted in {year}",
            "the investment gap in quantum technologies and advanced semiconductors",
        ],
        [
            "technological superiority has long underpinned the credibility of Allied deterrence",
            "the military use of artificial intelligence must remain subject to meaningful human control",
        ],
        [
            ("accelerate", "the adoption of innovative technologies by armed forces"),
            ("protect", "research institutions from illicit technology transfer"),
            ("fund", "start-ups working on dual-use technologies through the innovation fund"),
            ("carry out", "a review of export controls on advanced semiconductors"),
        ],
    ),
    _t(
        "partners",
        "Partnerships and regional stability",
        [
            "the cooperation with partners in the {country} region and beyond",
            "the partners' contribution to Allied missions and operations",
            "the fragile security situation in the Sahel and the spread of armed groups",
        ],
        [
            "stability in neighbouring regions directly affects the security of the Alliance",
            "partnerships must be tailored to the needs and ambitions of each partner",
        ],
        [
            ("deepen", "political dialogue and practical cooperation with partners"),
            ("support", "defence capacity building in partner countries that request it"),
            ("continue", "to engage with partners on counter-terrorism and border security"),
        ],
    ),
]

EP_WHEREAS_EXTRA = [
    "the Union has adopted {n} packages of restrictive measures since {year}",
    "Parliament has repeatedly called for a more coherent external policy",
]
