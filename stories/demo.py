"""Demo stories: the twenty story titles of the seed report with their domain tags.

The texts are fictional demo text written for Aktiv, not the report's stories. The
twenty stories of round "2019–2021" are ready with analysis and report consent, so
`Story.objects.for_report()` holds exactly these twenty; their employment types match
the report's preface (7 / 4 / 2 / 5 / 2). Six more stories show the other states:
two earlier stories of the same storytellers in round "2017–2018" (analysis consent
only, for the longitudinal view), a draft, a story with analysis consent only, a ready
story whose storyteller has not been asked for consent yet, and a story whose consent
was withdrawn. The round's ready stories not withdrawn are 22, as the seed report's
method section says ("Der blev i alt indsamlet 22 forandringsfortællinger").

Idempotent: stories are keyed by title + round and only saved when something differs.
"""

import datetime

from django.utils import timezone

from domains import seed
from domains.models import Domain

from .models import CollectionRound, Story

D = datetime.date
W, V, U, S, A = "wage_subsidy", "voluntary", "unreferred", "sheltered_103", "activity_104"
INTERVIEW, WRITTEN, GROUP = "interview", "written", "group"

# title -> (employment, storyteller code, told by, method, collected, read back, publish,
#           text, significance)
# fmt: off
DEMO = {
    "Det rette match": (
        W, "B-001", "citizen", INTERVIEW, D(2019, 9, 12), D(2019, 9, 26), True,
        "(Fiktiv demotekst)\nJeg havde prøvet tre praktikker, og ingen af dem passede til "
        "mig. Så fandt min konsulent et lille trykkeri, hvor der var ro, og hvor jeg fik "
        "lov at lære maskinerne i mit eget tempo.\n\n"
        "Nu har jeg arbejdet der i et år. Jeg kender kunderne, og de spørger efter mig.",
        "Det er første gang, jeg har et arbejde, hvor jeg ikke bare bliver passet. Jeg "
        "glæder mig til mandag.",
    ),
    "Nu laver jeg sandwich, og det er mit ansvar": (
        W, "B-002", "citizen", INTERVIEW, D(2020, 2, 4), D(2020, 2, 18), False,
        "(Fiktiv demotekst)\nHver morgen klokken syv står jeg i kantinen og smører "
        "sandwich til hele huset. Jeg bestemmer selv fyldet om tirsdagen.\n\n"
        "Før stod jeg bare ved opvasken. Nu har jeg nøglen til kølerummet, og hvis jeg "
        "ikke møder, mangler der frokost.",
        "Jeg er blevet en, man regner med. Det gør mig stolt.",
    ),
    "Nu arbejder jeg i et køkken…": (
        S, "B-003", "citizen", GROUP, D(2019, 11, 5), D(2019, 11, 19), True,
        "(Fiktiv demotekst)\nI køkkenet på værkstedet var jeg bange for at tage ordet. "
        "Nu er jeg med til at bestemme ugens menu på vores fredagsmøde.\n\n"
        "Sidste måned foreslog jeg suppe om mandagen, og det blev til noget.",
        "Jeg har fået en stemme, og de andre lytter.",
    ),
    "Jeg planlægger mit nye job…": (
        V, "B-004", "citizen", WRITTEN, D(2020, 5, 20), D(2020, 6, 2), False,
        "(Fiktiv demotekst)\nJeg er frivillig i en genbrugsbutik to dage om ugen. Vi er "
        "et hold på fem, og vi drikker kaffe sammen, før vi åbner.\n\n"
        "Nu planlægger jeg, om jeg kan tage en dag mere og måske stå for vinduet.\n\n"
        "Jeg har skrevet en liste over det, jeg gerne vil lære.",
        "Jeg har en plan for mit liv igen, og jeg har nogen at dele den med.",
    ),
    "Førtidspensionen giver tryghed…": (
        S, "B-005", "citizen", INTERVIEW, D(2019, 10, 8), D(2019, 10, 22), True,
        "(Fiktiv demotekst)\nDa førtidspensionen kom på plads, holdt jeg op med at ligge "
        "vågen om natten. Så fik jeg overskud til at komme i beskyttet beskæftigelse.\n\n"
        "På værkstedet reparerer jeg cykler. De andre kommer til mig, når en kæde "
        "driller.",
        "Trygheden gav mig modet til at prøve noget nyt, og nu er der brug for mig.",
    ),
    "Fra voldeligt forhold…": (
        W, "B-006", "citizen", INTERVIEW, D(2020, 9, 15), None, False,
        "(Fiktiv demotekst)\nFor to år siden boede jeg et sted, hvor jeg ikke var tryg. "
        "Jeg flyttede og startede forfra med hjælp fra min kontaktperson.\n\n"
        "I dag har jeg job med løntilskud på et lager. Jeg har lært at køre truck og har "
        "fået mit eget certifikat.\n\n"
        "Jeg bestemmer selv over min dag.",
        "Jeg har fået mit liv tilbage. Arbejdet er et sted, hvor jeg er mig selv.",
    ),
    "Fra kulkælderen…": (
        S, "B-007", "staff", INTERVIEW, D(2019, 8, 27), D(2019, 9, 10), True,
        "(Fiktiv demotekst)\nHan startede i et mørkt kælderrum, hvor han sorterede "
        "skruer alene. I dag arbejder han ved vinduet i værkstedet og viser nye kolleger "
        "til rette.\n\n"
        "Han siger selv, at han har fået lyset tilbage.",
        "Han er gået fra at gemme sig til at tage imod andre.",
    ),
    "Nu pakker jeg legetøj…": (
        S, "B-008", "citizen", GROUP, D(2021, 1, 19), D(2021, 2, 2), False,
        "(Fiktiv demotekst)\nJeg pakker legetøj til en webshop sammen med tre andre. Vi "
        "har en tavle, hvor vi skriver, hvor mange pakker vi nåede.\n\n"
        "Op til jul nåede vi rekorden, og chefen kom med kage.",
        "Jeg hører til et hold, og vi er gode sammen.",
    ),
    "Jeg har fået mere ansvar…": (
        W, "B-009", "citizen", INTERVIEW, D(2020, 10, 6), D(2020, 10, 20), True,
        "(Fiktiv demotekst)\nPå plejehjemmet stod jeg først kun for kaffevognen. Nu har "
        "jeg ansvaret for at bestille varer til caféen og er med til personalemøderne.\n\n"
        "Jeg har lært at bruge bestillingssystemet, og jeg siger min mening, når vi "
        "planlægger arbejdet.",
        "Jeg er blevet en rigtig kollega, der har indflydelse på arbejdet.",
    ),
    "Det er utroligt, hvor meget jeg har udviklet mig…": (
        A, "B-010", "citizen", GROUP, D(2019, 12, 3), D(2019, 12, 17), False,
        "(Fiktiv demotekst)\nDa jeg kom i samværstilbuddet, sagde jeg ingenting. Nu "
        "tager jeg bussen alene og har været med på tur til Skagen.\n\n"
        "Jeg ville aldrig have turdet det før.",
        "Jeg kan mere, end jeg troede, og jeg tør prøve.",
    ),
    "Jeg er blevet bedre til at regne og læse": (
        U, "B-011", "citizen", WRITTEN, D(2020, 3, 10), D(2020, 3, 24), True,
        "(Fiktiv demotekst)\nI cykelværkstedet skal vi skrive sedler til kunderne og "
        "regne priser ud. Jeg har fået hjælp af en kollega til at øve mig.\n\n"
        "Nu læser jeg selv opskrifter og kan tjekke min lønseddel.\n\n"
        "Jeg har også meldt mig på et kursus om aftenen.",
        "Jeg klarer flere ting selv og skal ikke spørge andre om hjælp hele tiden.",
    ),
    "Jeg havde aldrig troet…": (
        W, "B-012", "citizen", INTERVIEW, D(2021, 4, 13), D(2021, 4, 27), False,
        "(Fiktiv demotekst)\nJeg havde aldrig troet, at jeg skulle arbejde i en "
        "børnehave. Nu læser jeg højt for de mindste hver formiddag.\n\n"
        "Personalet har lært mig om børns udvikling, og jeg har taget et "
        "førstehjælpskursus.",
        "Jeg er stolt af mig selv. Det har givet mig selvtillid.",
    ),
    "Jeg vidste ikke, jeg kunne lide at sidde ved computeren…": (
        V, "B-013", "citizen", INTERVIEW, D(2020, 11, 17), D(2020, 12, 1), True,
        "(Fiktiv demotekst)\nI foreningen manglede de en til at opdatere hjemmesiden. Jeg "
        "sagde ja, selvom jeg var nervøs.\n\n"
        "Nu lægger jeg billeder og nyheder op hver uge, og jeg hjælper de andre frivillige "
        "med deres mails.",
        "Jeg fandt noget, jeg er god til, som jeg ikke vidste fandtes.",
    ),
    "Når man bliver taget seriøst, kan man mere": (
        W, "B-014", "workplace", INTERVIEW, D(2021, 3, 2), D(2021, 3, 16), False,
        "(Fiktiv demotekst)\nLederen på gartneriet fortæller, at medarbejderen først fik "
        "de nemmeste opgaver. Da han selv foreslog en ny måde at vande drivhuset på, "
        "lyttede de.\n\n"
        "Nu står han for vandingen og lærer nye kolleger op. De kan ikke undvære ham i "
        "højsæsonen.",
        "Han oplever at blive mødt som en ligeværdig kollega.",
    ),
    "I supermarkedet har jeg kollegaer…": (
        W, "B-015", "citizen", INTERVIEW, D(2020, 8, 25), D(2020, 9, 8), True,
        "(Fiktiv demotekst)\nJeg fylder varer op i frugtafdelingen. Om fredagen spiser vi "
        "morgenmad sammen i personalestuen.\n\n"
        "Hvis jeg er syg, ringer de og spørger, hvordan jeg har det.",
        "Jeg har kollegaer, der savner mig. Jeg er en af dem.",
    ),
    "Min søn blev taget alvorligt…": (
        A, "B-016", "network", INTERVIEW, D(2019, 11, 26), D(2019, 12, 10), False,
        "(Fiktiv demotekst)\nEn mor fortæller: Min søn har altid fået at vide, hvad han "
        "ikke kunne. I samværstilbuddet spurgte de ham, hvad han drømte om.\n\n"
        "Nu er han med til at planlægge aktiviteterne, og han siger fra, når noget ikke "
        "passer ham.",
        "Han bliver mødt som et voksent menneske med sin egen mening.",
    ),
    "Jeg har fundet ud af, at jeg er god nok, som jeg er": (
        S, "B-017", "citizen", GROUP, D(2020, 1, 14), D(2020, 1, 28), True,
        "(Fiktiv demotekst)\nJeg har altid sammenlignet mig med andre. På værkstedet har "
        "jeg lært, at alle er gode til noget forskelligt.\n\n"
        "Jeg er den, der kan samle de svære møbler, og de andre henter mig, når de "
        "går i stå.",
        "Jeg behøver ikke være en anden for at være værdifuld.",
    ),
    "Jeg har fået mod på nye ting": (
        U, "B-018", "citizen", WRITTEN, D(2021, 5, 18), None, False,
        "(Fiktiv demotekst)\nJeg kom i det uvisiterede tilbud for at få struktur på "
        "dagen. Der lærte jeg at lave mad til mange.\n\n"
        "I sommer meldte jeg mig til at hjælpe ved byfesten. Det havde jeg aldrig "
        "turdet før.",
        "Jeg tør nu kaste mig ud i ting uden at vide, hvordan det ender.",
    ),
    "Jeg blev præsenteret som musiker…": (
        V, "B-019", "citizen", INTERVIEW, D(2021, 6, 8), D(2021, 6, 22), True,
        "(Fiktiv demotekst)\nJeg spiller trommer i et frivilligt band, der spiller på "
        "plejehjem. Ved en koncert præsenterede forsangeren mig som vores trommeslager.\n\n"
        "Ikke som en med et handicap. Bare som musiker.",
        "Jeg blev set for det, jeg kan, og ikke for min diagnose.",
    ),
    "Det er fedt at se, at det, man laver, har værdi…": (
        V, "B-020", "staff", GROUP, D(2021, 2, 23), D(2021, 3, 9), False,
        "(Fiktiv demotekst)\nHun er frivillig i en madbank og pakker poser til familier. "
        "En dag kom en af modtagerne og takkede hende.\n\n"
        "Siden har hun fortalt om det til alle på værkstedet.",
        "Hun oplever, at hendes arbejde gør en forskel for andre.",
    ),
}
# fmt: on

# Earlier stories of two storytellers (round 2017–2018, analysis consent only).
EARLIER = [
    {
        "title": "Min første dag i kantinen",
        "storyteller_code": "B-002",
        "employment_type": S,
        "collected_on": D(2018, 3, 6),
        "domains": ["faellesskab"],
        "text": "(Fiktiv demotekst)\nJeg var meget nervøs og stod mest ved opvasken. En "
        "kollega viste mig, hvor tingene stod.",
        "significance": "Jeg fik lov at være med, selvom jeg ikke kunne så meget endnu.",
    },
    {
        "title": "Jeg turde ikke tage telefonen",
        "storyteller_code": "B-009",
        "employment_type": S,
        "collected_on": D(2018, 5, 22),
        "domains": ["tryghed-og-mod"],
        "text": "(Fiktiv demotekst)\nPå værkstedet ringede telefonen tit, men jeg lod den "
        "ringe. Til sidst øvede vi, hvad jeg kunne sige.",
        "significance": "Jeg begyndte at tro på, at jeg kunne mere.",
    },
]

# Four stories that show consent at work and do not count toward the report.
EXTRA = [
    {
        "title": "En ny rutine om morgenen",
        "storyteller_code": "B-021",
        "employment_type": W,
        "collected_on": D(2021, 8, 31),
        "domains": [],
        "status": Story.Status.DRAFT,
        "consent": (),
        "text": "(Fiktiv demotekst)\nKladde: fortællingen er ikke læst op for fortælleren "
        "endnu, og der er ikke spurgt om samtykke.",
        "significance": "",
    },
    {
        "title": "Jeg cykler selv på arbejde",
        "storyteller_code": "B-022",
        "employment_type": V,
        "collected_on": D(2021, 7, 13),
        "domains": ["selvstaendighed"],
        "status": Story.Status.READY,
        "consent": ("analysis",),
        "text": "(Fiktiv demotekst)\nFør blev jeg kørt til arbejde. Nu cykler jeg selv, "
        "også når det regner.",
        "significance": "Jeg bestemmer selv, hvornår jeg tager af sted.",
    },
    {
        "title": "Værkstedet blev mit sted",
        "storyteller_code": "B-023",
        "employment_type": S,
        "collected_on": D(2020, 4, 21),
        "domains": ["faellesskab", "glaede"],
        "status": Story.Status.READY,
        "consent": "withdrawn",
        "text": "(Fiktiv demotekst)\nFortælleren har trukket sit samtykke tilbage. "
        "Fortællingen ses kun af medarbejdere.",
        "significance": "",
    },
    {
        "title": "Jeg hjælper til i haven",
        "storyteller_code": "B-024",
        "employment_type": U,
        "collected_on": D(2021, 6, 29),
        "domains": ["glaede"],
        "status": Story.Status.READY,
        "consent": (),
        "text": "(Fiktiv demotekst)\nFortællingen er læst op og godkendt, men der er endnu "
        "ikke spurgt om samtykke. Den ses kun af medarbejdere.",
        "significance": "",
    },
]


WITHDRAWN_AT = timezone.make_aware(datetime.datetime(2021, 9, 1, 10, 0))


def _apply(story, values):
    changed = story.pk is None
    for name, value in values.items():
        if getattr(story, name) != value:
            setattr(story, name, value)
            changed = True
    if changed:
        story.save()
    return story


def _upsert(title, round_, values, domain_slugs, domains):
    story = Story.objects.filter(title=title, round=round_).first() or Story(
        title=title, round=round_
    )
    _apply(story, values)
    story.domains.set([domains[slug] for slug in domain_slugs])
    return story


def _consent(scopes, given_on, user):
    values = {}
    for scope in Story.CONSENT_SCOPES:
        on = given_on if scope in scopes else None
        values[f"consent_{scope}_on"] = on
        values[f"consent_{scope}_by"] = user if on else None
    return values


def load(users):
    staff = users["medarbejder"]
    domains = {d.slug: d for d in Domain.objects.all()}
    main_round, _ = CollectionRound.objects.get_or_create(
        name="2019–2021", defaults={"starts_on": D(2019, 8, 1), "ends_on": D(2021, 12, 31)}
    )
    early_round, _ = CollectionRound.objects.get_or_create(
        name="2017–2018", defaults={"starts_on": D(2017, 8, 1), "ends_on": D(2018, 12, 31)}
    )

    for entry in seed.stories():
        title = entry["title"]
        (employment, code, told_by, method, collected, read_back, publish, text, why) = DEMO[title]
        consent_on = (read_back or collected) + datetime.timedelta(days=1)
        scopes = ("analysis", "report", "publish") if publish else ("analysis", "report")
        values = {
            "text": text,
            "significance": why,
            "told_by": told_by,
            "storyteller_code": code,
            "employment_type": employment,
            "collected_on": collected,
            "collected_by": staff,
            "method": method,
            "read_back_on": read_back,
            "status": Story.Status.READY,
            "withdrawn_at": None,
            "withdrawn_by": None,
            **_consent(scopes, consent_on, staff),
        }
        _upsert(title, main_round, values, entry["domains"], domains)

    for entry in EARLIER:
        values = {
            "text": entry["text"],
            "significance": entry["significance"],
            "storyteller_code": entry["storyteller_code"],
            "employment_type": entry["employment_type"],
            "collected_on": entry["collected_on"],
            "collected_by": staff,
            "method": INTERVIEW,
            "read_back_on": entry["collected_on"] + datetime.timedelta(days=7),
            "status": Story.Status.READY,
            **_consent(("analysis",), entry["collected_on"] + datetime.timedelta(days=8), staff),
        }
        _upsert(entry["title"], early_round, values, entry["domains"], domains)

    for entry in EXTRA:
        withdrawn = entry["consent"] == "withdrawn"
        values = {
            "text": entry["text"],
            "significance": entry["significance"],
            "storyteller_code": entry["storyteller_code"],
            "employment_type": entry["employment_type"],
            "collected_on": entry["collected_on"],
            "collected_by": staff,
            "method": INTERVIEW,
            "status": entry["status"],
            **_consent(() if withdrawn else entry["consent"], entry["collected_on"], staff),
        }
        if withdrawn:
            values["withdrawn_at"] = WITHDRAWN_AT
            values["withdrawn_by"] = staff
        _upsert(entry["title"], main_round, values, entry["domains"], domains)
