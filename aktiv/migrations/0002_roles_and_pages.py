"""Create the three role groups and the two editable information pages."""

from django.db import migrations

ROLES = ("Medarbejder", "Facilitator", "Leder")

ACCESSIBILITY = """Aktiv skal kunne bruges af alle, også af mennesker med handicap. Vi arbejder efter standarden WCAG 2.1 niveau AA, som er kravet til offentlige hjemmesider i Danmark (lov om tilgængelighed af offentlige organers websteder og mobilapplikationer).

Sådan har vi gjort Aktiv tilgængeligt
Siderne kan bruges med tastatur alene, og det er altid tydeligt, hvor du er på siden. Knapper og afkrydsningsfelter er store. Teksten på stemmesedlen er skrevet i et enkelt sprog. Siderne virker også, når du forstørrer til 200 procent, og på en smal skærm. Siderne virker uden JavaScript, hvor det er muligt. Vi tester alle sider automatisk med værktøjet axe-core.

Kendte mangler
Vi kender ikke til mangler lige nu. Finder du noget, der ikke virker for dig, vil vi meget gerne høre om det.

Kontakt os
Skriv til [indsæt e-mailadresse] eller ring på [indsæt telefonnummer]. Vi svarer inden for 14 dage.

Klage
Er du ikke tilfreds med vores svar, kan du klage til Digitaliseringsstyrelsen via deres hjemmeside om webtilgængelighed.

Denne erklæring blev senest gennemgået af [organisation] den [dato]."""

PRIVACY = """Her kan du læse, hvordan vi behandler oplysninger i Aktiv (databeskyttelsesforordningen artikel 13).

Dataansvarlig
[Kommunens navn], [adresse], CVR [nummer]. Databeskyttelsesrådgiver: [navn og e-mailadresse].

Hvad bruger vi oplysningerne til?
Vi samler fortællinger om forandring for at lære, hvad der virker i vores arbejde, og for at blive bedre til det. Det kaldes evaluering.

Hvilke oplysninger?
Fortællingen, hvorfor forandringen er vigtig for dig, hvilken slags beskæftigelse du har, og hvornår fortællingen blev indsamlet. Vi skriver aldrig dit navn eller dit CPR-nummer. Fortællingen får en kode, fx B-017, så vi kan se, hvis du fortæller flere gange.

Retsgrundlag
Dit samtykke (databeskyttelsesforordningen artikel 6, stk. 1, litra a, og artikel 9, stk. 2, litra a, når fortællingen rummer oplysninger om helbred).

Dit samtykke
Du vælger selv, om din fortælling må læses på workshops, citeres uden navn i vores læringsrapport, og vises på vores hjemmeside. Du kan altid trække dit samtykke tilbage. Så fjerner vi fortællingen alle steder med det samme.

Hvem ser oplysningerne?
Medarbejderne, der arbejder med evalueringen. Ledere ser kun fortællinger, du har sagt ja til, må bruges i rapporten. Vi logger, hvem der har læst din fortælling og hvornår.

Hvor længe gemmer vi dem?
Så længe evalueringen kører, og højst [antal] år. Sletter vi en fortælling, er den væk for altid. Loggen over, hvem der har set hvad, gemmes i 6 måneder.

Afstemning på workshops
Når du stemmer, gemmer vi kun dine valg og din gruppe. Vi ved ikke, hvem du er. Din browser får en tilfældig kode, så du kan rette din stemme.

Dine rettigheder
Du har ret til at få indsigt i oplysningerne, få dem rettet eller slettet, og til at vide, hvem der har set dem. Du kan klage til Datatilsynet, www.datatilsynet.dk.

Ingen data forlader siden
Aktiv henter ikke skrifttyper, scripts eller andet fra andre hjemmesider."""


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    SitePage = apps.get_model("aktiv", "SitePage")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    SitePage.objects.get_or_create(
        slug="tilgaengelighed",
        defaults={"title": "Tilgængelighedserklæring", "body": ACCESSIBILITY},
    )
    SitePage.objects.get_or_create(
        slug="privatliv", defaults={"title": "Privatlivspolitik", "body": PRIVACY}
    )


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()
    apps.get_model("aktiv", "SitePage").objects.filter(
        slug__in=["tilgaengelighed", "privatliv"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("aktiv", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
