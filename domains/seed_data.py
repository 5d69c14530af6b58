"""Seed data for the ten change domains of the Aalborg AKTIV learning report.

Extracted from the Danish report (Socialt Udviklingscenter SUS) on Aalborg AKTIV's
evaluation with the Most Significant Change technique: the ten change domains in the
order the report presents them (with texts, example stories and citizen quotes), the
20 distinct change stories referred to in the domains' example lists, and the report's
general texts (preface, introduction, method, closing).

Long texts: hard line wraps and line-break hyphens undone, paragraphs separated by a
blank line ("\n\n"), bullet lists rendered as lines starting with "• ". Wording,
typos and [navn] / […] markers are kept as printed in the report.
"""

DOMAINS = [
    {
        "name": "GLÆDE",
        "slug": "glaede",
        "statement": "Jeg oplever mere glæde i hverdagen",
        "what_changes": (
            "Mange af forandringsfortællingerne handler om at blive mere glad. Glæden har "
            "forskellige kilder. Det handler om arbejdsglæde og glæde ved opgavernes indhold. Det "
            "handler om glæden ved at lave noget, som giver værdi og glæde til andre. Om at gøre "
            "en forskel og blive anerkendt. Om kollegaerne og samværet med de andre. Om at grine "
            "og joke og drille hinanden. Om tilhørsforhold og tilknytning. Om glæden ved at "
            "samarbejde. Om at glæde sig til at gå på arbejde, og om at være glad, når man kommer "
            "hjem.\n\n"
            "Det handler i bund og grund om alt det, der giver os alle arbejdsglæde, men som "
            "mennesker med handicap kan være afskåret fra.\n\n"
            "Den glæde, som skabes gennem arbejdet smitter af på resten af personens liv. Det kan "
            "give en oplevelse af glæde, også når man ikke er på arbejde, og det kan flytte fokus "
            "fra sygdom og begrænsninger. Det kan også give energi til at gøre andre gode ting for "
            "sig selv.\n\n"
            "For mange knytter glæden sig til udvikling af identiteten og selvforståelsen. Man "
            "bliver betydningsfuld for andre end én selv, og man bliver mere en medarbejder end én "
            "med et handicap."
        ),
        "what_creates_change": (
            "Selve det at starte med drømmen er første skridt mod at understøtte glæden. Det gør "
            "en forskel at sige til borgeren: Du har mulighed for mere, end det du er i nu. Du må "
            "gerne drømme om forandring – også selvom du er glad nok, hvor du er. Du må gerne "
            "ønske at skabe forandring og forbedring. Og du må gerne drømme om noget, andre har "
            "sagt var uopnåeligt. At arbejde med drømme er at understøtte retten til at være "
            "glad.\n\n"
            "Rollen som døråbner er også vigtig. Det er et puslespil at skabe det rigtige match. "
            "Det handler om at finde den rigtige arbejdsplads, men også om at få etableret en "
            "relation, hvor borgeren bliver taget godt imod i det eksisterende arbejdsfællesskab. "
            "Det handler både om at blive budt velkommen i det sociale fællesskab og om at bidrage "
            "til at løse de opgaver, der skal løses.\n\n"
            "Det gør en forskel, at der arbejdes målrettet med, at forskellighed er en værdi. At "
            "der er fokus på ens kompetencer og styrker, og på retten til – og styrken i – "
            "forskellighed.\n\n"
            "Endelig gør det en forskel, at der er fokus på arbejdsglæden, når der følges op. Hvis "
            "ikke der opstår arbejdsglæde, skal det være en legitim grund til at søge videre efter "
            "andre arbejdsmuligheder, hvor matchet er bedre."
        ),
        "example_stories": [
            "Det rette match",
            "Nu laver jeg sandwich…",
            "Nu arbejder jeg i et køkken…",
            "Jeg planlægger mit nye job…",
            "Førtidspensionen giver tryghed…",
            "Fra voldeligt forhold…",
            "Fra kulkælderen...",
            "Nu pakker jeg legetøj…",
        ],
        "groups_discussed": 3,
        "quotes_why": [
            (
                "Det giver mig glæde, at jeg har et godt arbejde. Jeg glæder mig til at komme på "
                "arbejde og hjælpe andre."
            ),
            (
                "Når kunderne er glade, så får jeg en fin følelse indeni, og jeg smiler. Jeg "
                "bliver glad."
            ),
            "Det er dejligt at kunne fortælle venner og familie derhjemme om sin arbejdsdag.",
            (
                "Nu arbejder jeg med det, der gør mig allermest glad. Mine interesser, det gør mig "
                "også glad."
            ),
            (
                "Før jeg mødte Aalborg AKTIV røvkedede jeg mig, og jeg vidste ikke, hvad jeg "
                "skulle give mig til."
            ),
            (
                "Min arbejdsplads, det er nærmest også som en familie. Man er så tæt knyttet til "
                "hinanden. Det giver glæde: et job man værdsætter, og et sted man bliver værdsat."
            ),
            (
                "Jeg har været sygemeldt i en periode, og da jeg kom tilbage fik jeg en stor "
                "anerkendelse fra min chef, som fortalte om meget tilfredse kunder. Det giver mig "
                "glæde i hverdagen og lidt mere styrke."
            ),
            (
                "Glæden ved mit arbejde smitter af på min fritid. Jeg er bare decideret blevet en "
                "gladere person. Det siger andre også til mig."
            ),
        ],
        "quotes_role": [
            (
                "Jeg er glad for, at jeg altid føler, at Aalborg AKTIV er til rådighed, og at jeg "
                "kan altid kontakte [navn] og lige få noget hjælp med noget."
            ),
            "Det, at Aalborg AKTIV har hjulpet mig med at få et arbejde, giver glæde.",
            "Aalborg AKTIV spurgte mig, hvad jeg fik glæde af, og det affødte muligheder.",
            (
                "Jeg havde faktisk noget arbejde, da jeg kom i Aalborg AKTIV, og jeg fandt ud af, "
                "at det ikke gav mig glæde. Jeg holder længere i det her, fordi jeg nu har glæden "
                "med."
            ),
            (
                "Det vigtigste, Aalborg AKTIV gjorde, var, at de så på, hvilke muligheder jeg "
                "havde til trods for mine udfordringer. Den forandring har skabt en følelse af, at "
                "det er værd at stå op om morgenen nu."
            ),
            "Det kunne være godt at have jobklubben, hvor man kunne se, hvor andre arbejder.",
        ],
    },
    {
        "name": "FÆLLESSKAB",
        "slug": "faellesskab",
        "statement": "Jeg kommer ud og møder andre mennesker og oplever at høre til",
        "what_changes": (
            "Et forandringsdomæne, som går igen i mange fortællinger, handler om at blive en del "
            "af et fællesskab. Nogle fortællinger beskriver en bevægelse fra at sidde hjemme til "
            "at være en del af noget. Andre beskriver det at have været ‘placeret et sted’, men "
            "uden at opleve et fællesskab. Den gennemgående forandring handler om at komme til at "
            "høre til og føle sig som et værdsat medlem af et fællesskab.\n\n"
            "Det kan være et arbejdsfællesskab, hvor identiteten som kollega er det centrale. Det "
            "kan være oplevelsen af at tage del i et samarbejde, hvor man sammen former arbejdet "
            "og hverdagen. Og det kan være oplevelsen af et socialt fællesskab, hvor der grines og "
            "hygges og i nogle tilfælde opstår venskaber. Tilhørsforholdet og de sociale "
            "relationer er en vigtig forudsætning for mange af de andre forandringer, der er "
            "beskrevet på de foregående sider.\n\n"
            "Fællesskabet danner rammen om læring, det skaber glæde, og igennem relationerne på "
            "arbejdet styrkes selvtilliden, for blot at nævne et par eksempler. Nogle fortællinger "
            "beskriver fællesskabet som bærende for både arbejdsglæden og hverdagen: ”Kollegaerne "
            "får mig op om morgenen, og tilknytningen til arbejdspladsen giver struktur i "
            "hverdagen.”"
        ),
        "what_creates_change": (
            "Tilknytningen til fællesskabet sker på arbejdspladsen og meget af det, der gør en "
            "forskel, handler derfor om det rigtige match og om arbejdspladsens evne til at skabe "
            "rum for fællesskab og kollegaskab.\n\n"
            "Det kan understøttes. Det gør en forskel at forberede mødet mellem borger og "
            "arbejdsplads grundigt. Hvis borgeren har lyst til og mod på arbejdet, skaber det gode "
            "forudsætninger for at træde ind i fællesskabet. Det gør derfor en forskel at blive "
            "troet på og få hjælp til at få øje på éns styrker. Det er også afgørende, at arbejdet "
            "opleves som et tilvalg, hvor man selv kan sætte dagsorden og tempo i processen frem "
            "mod det rigtige match.\n\n"
            "Samtidig skal arbejdspladsen vide, hvordan deres nye medarbejder kan være en "
            "ressource for dem, og hvad det kræver af dem, hvis borgeren skal føle sig taget godt "
            "imod. Hvis virksomheden og medarbejderne tror på borgeren, lykkes det oftere. Derfor "
            "er der brug for en insisterende tro på den enkeltes potentialer.\n\n"
            "Endelig gør det en forskel, at der løbende følges op – også på om borgeren falder til "
            "og bliver en del af arbejdspladsens fællesskab."
        ),
        "example_stories": [
            "Det rette match",
            "Jeg har fået mere ansvar",
            "Jeg planlægger mit nye job…",
            "Jeg pakker legetøj…",
            "Nu laver jeg sandwich…",
        ],
        "groups_discussed": 3,
        "quotes_why": [
            (
                "Fællesskab er for mig at føle mig normal og være en del af noget. Have en helt "
                "normal hverdag. Jeg vil gerne passe ind i normaliteten. Jeg er ikke syg, jeg er "
                "en del af dem."
            ),
            (
                "Fællesskabet gør det muligt at have det sjovt, føle at man hjælper hinanden, og "
                "har nogen at stole på."
            ),
            "Opgaven er mindre vigtig. Fællesskabet og kollegaerne er vigtigst.",
            "Opgaven og fællesskabet er begge vigtige.",
            (
                "På arbejdet oplever jeg et kammeratskab, og jeg føler mig en del af et godt "
                "fællesskab."
            ),
            (
                "Jeg er blevet taget godt imod og har fået nogle gode venner og kollegaer. Det er "
                "dejligt at opleve, at folk har savnet en."
            ),
            (
                "Det er dejligt ikke at føle sig alene længere. Før var jeg genert og turde ikke "
                "rigtigt at møde nye mennesker. Nu oplever jeg et rigtig godt fællesskab, og folk "
                "spørger efter mig."
            ),
            "Jeg er begyndt at se nogle af mine nye kollegaer privat. Jeg får nye venner.",
            (
                "Jeg har mere lyst til at hjælpe mine kollegaer nu, hvor jeg føler, jeg er en del "
                "af et godt fællesskab, hvor de også hjælper mig."
            ),
            (
                "Jeg kommer ud og møder andre mennesker. Hvis man kommer ud på en ny arbejdsplads, "
                "og de er søde og rare ved én, og man møder mennesker i stedet for at være hjemme "
                "og være ensom. Ja, væk fra ensomhed."
            ),
            (
                "Jeg har brug for dagligdag og struktur. Jeg har fællesskab, fordi jeg ikke sidder "
                "derhjemme og keder mig, så er det bedre at komme ud og være sammen med andre og "
                "vise, at man duer til noget."
            ),
            "Jeg har fællesskab på arbejdet. Det har jeg ikke i fritiden.",
        ],
        "quotes_role": [
            "Aalborg AKTIV kan hjælpe med at løse konflikter. I må gerne gribe mere ind.",
            "Aalborg AKTIV skal have blik for det, der bliver sagt mellem linjerne.",
            (
                "Aalborg AKTIV skal fortsætte med at støtte os, når vi glemmer eller har "
                "udfordringer i arbejdet."
            ),
            (
                "Hvis ikke jeg havde Aalborg AKTIV, så havde jeg bare siddet hjemme i min "
                "lejlighed og låst mig inde og var ikke kommet ud og havde snakket med andre, og "
                "[…]"
            ),
        ],
    },
    {
        "name": "MULIGHEDER",
        "slug": "muligheder",
        "statement": "Jeg opdager, at jeg har flere muligheder i livet, end jeg troede",
        "what_changes": (
            "Mange af fortællingerne handler om, at mulighederne åbner sig for borgerne. De får "
            "øje på veje at gå, som de ikke så før, de begyndte samarbejdet med Aalborg AKTIV. "
            "Nogle afprøver og opdager, at de holder af jobs, de ikke forestillede sig, de ville "
            "kunne lide. Andre opdager muligheder for at arbejde med en drøm eller en interesse, "
            "de ikke troede var mulig. Og andre igen finder ud af, hvad de kan og vil i deres "
            "arbejdsliv.\n\n"
            "En del har måske været vant til at ‘blive placeret’. De har måske ikke været vant til "
            "at sætte ord på deres interesser og evner. Men undervejs får de øje på ‘hvad er det, "
            "jeg er god til, og hvilke muligheder har jeg inden for faget’.\n\n"
            "De kan også have lave eller smalle forventninger til, hvad der er muligt, eller hvad "
            "de selv er i stand til. Efterhånden som de får sat ord på deres interesser og værdier "
            "og bliver præsenteret for forskellige muligheder, åbner deres verden sig. De får øje "
            "på nye muligheder, som de enten ikke havde regnet med, eller ikke troede de havde. De "
            "prøver sig selv af og derigennem udvider mulighederne sig. For nogle hænger det "
            "sammen med accept og større klarhed over ressourcer og udfordringer. Det at få og "
            "give sig selv accept giver flere muligheder."
        ),
        "what_creates_change": (
            "Det ser ud til at være betydningsfuldt at bruge tid på at finde ud af, hvad borgeren "
            "kan og har interesse for. At være nysgerrig på den enkelte. Det, at nogen tror på én "
            "og er med til at undersøge, hvad man egentlig kan, er med til at åbne op for "
            "muligheder, borgeren måske ikke selv troede på.\n\n"
            "Samtidig gør det en forskel, at Aalborg Aktiv arbejder grundigt sammen med borgeren "
            "om at kortlægge styrker og svagheder. At dykke ned i de ressourcer og barrierer, "
            "borgeren har, er med til at give bredere muligheder. Borgerne opdager nye styrker og "
            "finder accept af deres udfordringer. Med afsæt i borgernes drøm er det vigtigt, at "
            "medarbejderne er kreative og har et godt netværk, så de kan finde muligheder, som "
            "borgerne enten ikke havde regnet med eller opdaget selv.\n\n"
            "Det gør desuden en forskel at skabe plads til at prøve sig frem. Det gør det nemmere "
            "at give noget en chance, man ellers ikke tror, man kan eller vil. Det er vigtigt, at "
            "man kan vende tilbage, og at der er løbende opfølgning, så man viser: ‘jeg bliver hos "
            "dig’. Det er med til at vise, at der er flere muligheder endnu. Det gør det også "
            "muligt at give ‘kærlige puf’ til at prøve noget af, så borgerne kan få øjnene op for, "
            "hvad de egentlig kan og vil."
        ),
        "example_stories": [
            "Det rette match",
            "Det er utroligt, hvor meget jeg har udviklet mig…",
            "Jeg er blevet bedre til at regne og læse",
            "Jeg havde aldrig troet…",
            "Jeg vidste ikke, jeg kunne lide at sidde ved computeren…",
            "Fra kulkælderen…",
            "Jeg pakker legetøj…",
            "Når man bliver taget seriøst, kan man mere",
        ],
        "groups_discussed": 2,
        "quotes_why": [
            (
                "Før der troede jeg, man skulle have en bestemt uddannelse for det hele, men jeg "
                "fandt så ud af, at jeg kan godt."
            ),
            (
                "Der var nogle ting, jeg gerne ville, og det troede jeg ikke, jeg kunne, men jeg "
                "kunne godt."
            ),
            "Jeg får anerkendelse i de ting, jeg gør.",
            (
                "Før arbejdede jeg hver dag, men da jeg satte mine arbejdsdage ned i antal, gav "
                "det stadig mening. Jeg kunne stadig bidrage. Hellere færre dage om ugen og at "
                "kunne være noget i privatlivet."
            ),
            (
                "Det er godt at bruge tid på at finde det, der giver mening, hvor man passer ind "
                "henne og samtidig er tryg."
            ),
        ],
        "quotes_role": [
            (
                "Jeg blev bedt om at sige dét, jeg gerne ville i fremtiden og mine drømme for "
                "fremtiden, og det blev skrevet op på en tavle. Og de viste mig, at de ville kigge "
                "på dem, jeg allerhelst ville, og det gav nogle muligheder. Og jeg kan se, at jeg "
                "kan meget mere, end jeg troede."
            ),
            (
                "Jeg fandt ud af, at jeg kan nogle forskellige ting – Aalborg AKTIV hjalp med at "
                "få øje på muligheder."
            ),
            (
                "Hjemmesiden gav mig tålmodighed, fordi den har fortællinger om andre. Jeg tænkte, "
                "at når det kan lykkes for dem, kan det også lykkes for mig. I skal blive ved med "
                "at give os troen på, at det nok skal lykkes og ting tager den tid, de skal tage."
            ),
            "Aalborg AKTIV hjælper også bagefter, for eksempel med at sige noget til arbejdsgiver.",
            (
                "Hvis man kommer et træls sted hen, kunne det være rart, hvis Aalborg AKTIV "
                "hjælper med at sige stop."
            ),
            "Det er vigtigt, at det bliver lyttet og spurgt ind til mit nej.",
            (
                "Jeg havde ikke haft de samme muligheder uden Aalborg AKTIV – ellers havde jeg "
                "ikke fået øje på dem."
            ),
            (
                "I går også ind, hvis nu man ikke kan lide det job, man har fået, så man kan få "
                "hjælp til nye muligheder."
            ),
            (
                "Aalborg AKTIV bakkede mig op i processen med at gå ned i tid. Jeg skulle selv "
                "komme til erkendelsen af, at det er ok at arbejde mindre."
            ),
            (
                "Jeg har brug for anerkendelse. Måske vil et halvårsmøde være godt i stedet for et "
                "årsmøde."
            ),
            (
                "Aalborg AKTIV skal gøre opmærksomme på, at der er mange muligheder og former for "
                "arbejde. Et job er mange ting og i forskellige antal timer."
            ),
            (
                "Det skal være lettere at få kendskab til Aalborg AKTIV. Flere skal kunne finde "
                "jer. Markedsføring/PR-området kan med fordel gøres mere ved historiedeling på "
                "hjemmesiden."
            ),
        ],
    },
    {
        "name": "SELVTILLID OG SELVRESPEKT",
        "slug": "selvtillid-og-selvrespekt",
        "statement": "Jeg opdager nye ressourcer og bliver mere initiativrig",
        "what_changes": (
            "Fortællingerne viser, at borgernes selvtillid og selvrespekt styrkes. Noget af "
            "forandringen hænger tæt sammen med temaet om værdighed. Det at få adgang til en "
            "arbejdsidentitet styrker selvrespekten. Man bliver én, der bidrager og er en del af "
            "samfundslivets normalitet.\n\n"
            "Forandringen handler også om at udvikle et andet syn på sit handicap. Borgerne kommer "
            "til at tænke, at ‘jeg er god nok, som jeg er’ og ‘hvis andre kan med deres "
            "udfordringer, så kan jeg også’. De opdager, at selvom der er noget, de ikke kan, så "
            "er der andet, de er gode til. De opbygger altså tillid til at have ressourcer og "
            "kunne bidrage – også med noget af det, de selv gerne vil – selvom de har nogle "
            "begrænsninger.\n\n"
            "Selvtilliden og selvrespekten afspejles også også i relationen til arbejdspladsen. "
            "Der udvikles en større selvbevidsthed om ens eget værd, og dermed en oplevelse af at "
            "kunne sætte grænser og formulere ønsker i forhold til ens arbejdssituation. For nogle "
            "knytter selvrespekten sig til det at være medarbejder på lige fod med andre – at få "
            "opgaver, at blive irettesat, at blive tildelt ansvar osv. Det giver selvrespekt at "
            "være en del af en reel opgave, der skal løses sammen med andre."
        ),
        "what_creates_change": (
            "Noget af det, der er med til at skabe selvrespekt og selvtillid, er, at man bliver "
            "mødt med respekt og tillid. Derfor er det vigtigt, at den enkelte ikke bliver puttet "
            "ind i en kasse med noget bestemt på hylderne og et afgrænset blik på, hvad han eller "
            "hun kan og ikke kan. I stedet gør det en forskel, at medarbejderne inviterer borgeren "
            "ind i mulighedernes land på trods af begrænsninger. Det gør en forskel, når man mødes "
            "med udgangspunkt i, at ‘du kan berige med det, du kan’ og ‘du er god nok, som du "
            "er’.\n\n"
            "Ved at insistere på potentialer og drømme udfordres den dominerende fortælling, som "
            "mange borgere har om sig selv, og som fokuserer på det, de ikke kan. Ved at tage "
            "udgangspunkt i egne ønsker og interesser og det, man kan i forvejen, går man ind på "
            "den bane og lukker ikke af. Det gør det muligt at arbejde med accept af ens "
            "begrænsninger, samtidig med alt det man godt kan.\n\n"
            "Når en borger er i job, spiller medarbejderen en faciliterende rolle. Det bidrager "
            "til at skabe en relation mellem borgeren og virksomheden, som borgeren kan vokse i. "
            "Både borger og virksomhed har brug for at kunne se styrker og potentialer. Det er "
            "vigtigt at kunne skrue op og ned for støtten, så borgeren vokser ind i at kunne selv, "
            "men på en måde, der føles tryg."
        ),
        "example_stories": [
            "Jeg havde aldrig troet…",
            "Jeg har fået mere ansvar…",
            "I supermarkedet har jeg kollegaer",
            "Min søn blev taget alvorligt…",
            "Jeg har fundet ud af…",
        ],
        "groups_discussed": 2,
        "quotes_why": [
            "Det giver mig selvtillid, at jeg har et arbejde og passe.",
            (
                "Det giver mig selvtillid, at jeg kan løse nye ting og andre mærker, at jeg har "
                "styr på det. Det er fedt at opleve."
            ),
            "Jeg kan blive sur på personalet og irettesætte dem, når de ikke gør det godt nok.",
            (
                "Jeg kan være noget, og jeg kan noget. At arbejde med de gode fortællinger om mig "
                "selv i stedet for altid at nedgøre min indsats og bidrag. Det skal ikke være min "
                "virkelighed, det jeg ikke kan."
            ),
            (
                "Nu elsker jeg mit arbejde så meget, at jeg skal til at uddanne mig inden for det, "
                "selvom det ikke var det her, jeg havde tænkt, jeg skulle fra starten."
            ),
            (
                "Jeg er begyndt at gøre begge dele, hvorfor ikke gøre begge dele. Jeg vil ikke "
                "vælge, men jeg gør begge dele. Jeg vil ikke se begrænsninger og se ting sort "
                "hvidt, men gøre både og."
            ),
        ],
        "quotes_role": [
            (
                "Det, Aalborg AKTIV skal, er at anerkende, at jeg taler om mig selv som ikke at "
                "kunne noget. Det er min virkelighed, og det skal mødes. Så kan vi gå videre. Mød "
                "det menneske du sidder overfor."
            ),
            "Man/I skal ikke være bange for at støtte.",
            "Når nogen gider møde en som menneske, har man ofte også et værd.",
        ],
    },
    {
        "name": "SELVSTÆNDIGHED",
        "slug": "selvstaendighed",
        "statement": (
            "Jeg får en oplevelse af at være et selvstændigt væsen, som kan gøre noget for mig "
            "selv og andre"
        ),
        "what_changes": (
            "Når man opdager, hvilke meningsfulde muligheder der findes, så følger lysten til at "
            "realisere dem med. Det skaber handlekraft og handlelyst og dermed større "
            "selvstændighed. Derfor beskriver mange af borgerne en udvikling, hvor de tager mere "
            "og mere initiativ.\n\n"
            "Efterhånden som de tager initiativ, oplever de små og store sejre. Noget der lykkes. "
            "Noget de gør, selvom de ikke troede, de kunne. Noget, de skaber, som gør dem godt. Og "
            "med sejrene forandrer deres fortælling om sig selv sig. De kommer til at tro på sig "
            "selv og forstå sig selv som nogen, der kan forme deres liv. At sejre skaber et nyt, "
            "mere positivt og handlekraftigt narrativ. De tør gør flere ting selv i deres liv.\n\n"
            "Derigennem ændrer nogle borgeres rolle overfor andre sig også. Gennem deres "
            "arbejdsliv oplever de at kunne bidrage og hjælpe andre. De bliver en del af "
            "relationer, hvor de i lige så høj grad er givende som modtagende. Og det styrker "
            "oplevelsen af at være et selvstændigt væsen, der kan handle og påvirke verden "
            "positivt."
        ),
        "what_creates_change": (
            "Ligesom med indflydelse starter udviklingen mod selvstændighed ved det, borgeren selv "
            "er optaget af og synes giver mening. Derfor skaber det forandring mod selvstændighed, "
            "når man undersøger det sammen med borgeren og arbejder derfra. Det giver for eksempel "
            "mest mening at øve sig i at tage bussen, hvis man skal et sted hen, der er vigtigt "
            "for én at komme til. Det gør en forskel at begynde med at formulere drømmen, fordi "
            "det skaber noget at kæmpe for. Derfor betyder det noget at hjælpe borgerne med at "
            "tage ‘drømme op af skraldespanden’, som de ikke troede på var mulige, og starte der. "
            "Vejen mod drømmen kan være kringlet, så det hjælper at lytte og fastholde "
            "nysgerrighed, inden man begynder at tænke på løsninger. Hvis løsningerne er "
            "attraktive og mulige for borgeren at handle på styrkes selvstændigheden.\n\n"
            "Der skabes forandring mod selvstændighed, når medarbejderne er gode til at skifte "
            "mellem at være passive og aktive. Ved at balancere mellem dette styrker man følelsen "
            "af, at ‘jeg kan selv’ men også følelsen af, at nogen har min ryg. Initiativ opstår, "
            "når man får lov at tage det, og nogen har tiltro til, at man kan. Samtidig hjælper "
            "det at vide, at man kan få hjælp, hvis det er svært."
        ),
        "example_stories": [
            "Jeg har fået mere ansvar…",
            "Det rette match",
            "Nu laver jeg sandwich, og det er mit ansvar",
            "Fra voldeligt forhold…",
            "Jeg er blevet bedre til at regne og læse",
            "Fra kulkælderen…",
        ],
        "groups_discussed": 2,
        "quotes_why": [
            (
                "Jeg har oplevet, at jeg kan mere, end jeg troede. Meget mere. Jeg er blevet bedre "
                "til at både læse og regne."
            ),
            (
                "Ansvar er meget vigtigt for mig. Jeg har mange opgaver, der gør mig selvstændig "
                "via ansvaret."
            ),
            "Jeg kan altid stoppe, hvis det er det, jeg vil. Der er en bagdør.",
        ],
        "quotes_role": [
            (
                "Jeg kan gøre noget selvstændigt fordi I (Aalborg AKTIV) har min ryg. Jeg har jo "
                "gjort det her selv. Jeg er ikke afhængig, jeg har bare jer bare i baglandet. Det "
                "har været mega trygt. Jeg skulle holdes i hånden."
            ),
        ],
    },
    {
        "name": "LÆRING",
        "slug": "laering",
        "statement": "Jeg lærer nyt og bliver bedre til noget",
        "what_changes": (
            "Mange af forandringsfortællingerne beskriver en proces, hvor den enkelte har lært "
            "noget nyt, som han eller hun er glad for. Det kan handle om praktiske eller tekniske "
            "færdigheder, der er brug for i jobbet – regning, håndværk, IT-færdigheder m.m.\n\n"
            "Læringen handler også om at få nye relationelle kompetencer. At blive mindre genert, "
            "at kunne sætte sig i andres sted osv. Som en del af det, beskriver nogle fortællinger "
            "en læreproces, som handler om at sætte grænser og blive mere tydelig på, hvad man vil "
            "og ikke vil. Gennem processen bliver borgerne bedre til kende sig selv og mærke efter "
            "og turde sige fra.\n\n"
            "Gennemgående for mange fortællinger er den personlige dannelse, som borgerne oplever "
            "at gennemgå. De oplever en hel ny verden, der åbner sig. De lærer noget om, hvem de "
            "selv er, hvad de kan, hvad de ikke kan, og hvordan de bidrager til verden. De lærer, "
            "at det er ok at fejle. Der bliver beskrevet en forandret selvforståelse, hvor accept "
            "af sig selv også er en læringsproces.\n\n"
            "Fælles for den læring, borgerne beskriver, er, at den udspringer af deres eget ønske "
            "om læring og ikke af omgivelsernes ønsker på deres vegne. Læring er en sejr."
        ),
        "what_creates_change": (
            "Den læring, fortællingerne beskriver, sker, fordi den giver mening for den enkelte. "
            "Derfor kommer drømmen og den meningsfulde beskæftigelse før læringen. Det, der for "
            "alvor understøtter læring, er derfor at være med til at skabe en ramme, hvor læring "
            "giver mening, fordi den fører et ønsket sted hen.\n\n"
            "Der er brug for at formulere drømmen og udvikle modet til at forfølge den. Der er "
            "brug for at kortlægge det, man kan, og tale om det, man har svært ved på en måde, der "
            "giver mod frem for at tage det fra én. Og der er brug for at skabe det rigtige "
            "match.\n\n"
            "Når borgeren er i gang på en arbejdsplads, er der brug for anerkendelse – både af det "
            "han eller hun kan og lærer. Her spiller arbejdspladsen en vigtig rolle, men der kan "
            "være brug for, at det bliver understøttet gennem opfølgning. Det er med til at skabe "
            "læring, når medarbejderne har fokus på, at der er brug for tryghed og sejre. Der kan "
            "også være brug for et lille skub mod næste skridt, når det giver mening. Eller for at "
            "gribe nye drømme, når de opstår. Når man veksler mellem anerkendelse og udfordring, "
            "skabes en positiv spiral.\n\n"
            "Endelig understøttes læring, når både borgeren og arbejdspladsen ved, at de har en "
            "livline. At de kan række ud, hvis det bliver svært."
        ),
        "example_stories": [
            "Jeg er blevet bedre til at regne og læse",
            "Jeg havde aldrig troet...",
            "Jeg har fået mere ansvar...",
            "Fra voldeligt forhold…",
            "Jeg har fundet ud af...",
            "Jeg har fået mod på nye ting",
        ],
        "groups_discussed": 2,
        "quotes_why": [
            (
                "Efter mine nye arbejdsopgaver oplever jeg, at jeg er ved at bekæmpe mine "
                "ordblindhed, jeg er blevet bedre til at læse."
            ),
            "Det har været vigtigt for mig at lære nye ting. Det gælder også på arbejdet.",
            (
                "Jeg kan godt lide at lære nye ting. Jeg kan nu tage med på ture sammen med andre, "
                "og jeg har for eksempel lært at gå modeshow og andre ting, som jeg ikke har "
                "prøvet før."
            ),
            (
                "Processen i at lære, at det er ok at sige højt, at jeg ”kun” arbejder to dage. "
                "Læringen har givet mig egen-læring, det er min læringsrejse. Jeg ville gerne "
                "prøve noget nyt, og nu tror jeg på det."
            ),
            (
                "Det har jeg aldrig selv tænkt, jeg skulle. Man skal have ja-hatten på for, at det "
                "kan lade sig gøre."
            ),
        ],
        "quotes_role": [
            (
                "Aalborg AKTIV skal grave dybere, hvad ligger under drømmen. Hvorfor vil du gerne "
                "være på et kontor? Hvad er jobbet indikator for? Hvad ligger bag? Motorvejen skal "
                "ikke være ensporet."
            ),
        ],
    },
    {
        "name": "TRYGHED OG MOD",
        "slug": "tryghed-og-mod",
        "statement": (
            "Jeg oplever, at nogen har min ryg – jeg skal ikke gå vejen alene. Det gør mig "
            "stærkere og modigere."
        ),
        "what_changes": (
            "I fortællinger beskrives mod og tryghed ofte som to sider af samme bevægelse. Nogle "
            "beskriver at have været bange og nervøse i starten. De har måske haft erfaringer med "
            "nederlag og med at føle sig forkert. Nogle beretter om at få mere mod i mødet med "
            "andre. At blive mere udadvendt eller få mere mod til at sige til og fra. Det knyttes "
            "til en oplevelse af tryghed ved at det, man siger eller er, bliver taget godt "
            "imod.\n\n"
            "Det giver mere mod til at prøve sig frem og begå fejl. Man får et fundament, der gør, "
            "at man kan holde til at gøre noget ‘dumt’ og begå fejl. En del beskriver, at de lærer "
            "mere om, hvad de kan og ikke kan, og at de tør kaste sig ud i nye ting. De oplever en "
            "tryghed ved at få hjælp, hvis noget er svært. Fortællingerne beretter om at føle sig "
            "tilpas udfordret, og om at opleve at lykkes med nye ting.\n\n"
            "Det giver mod på mere. Det kan være mod på flere udfordringer på samme arbejdsplads "
            "eller mod til at søge nye udfordringer som for eksempel uddannelse. For nogle giver "
            "erfaringerne med mod og tryghed i arbejdet også mod på andet i livet udenfor arbejdet "
            "for eksempel at flytte, at skabe nye relationer, at ændre livsstil. Mod ser ud til at "
            "avle mod."
        ),
        "what_creates_change": (
            "Når man bliver lyttet til, føler sig forstået og taget alvorligt, skaber det den "
            "tryghed, der er brug for, for at vove noget nyt eller noget, man har svært ved. Her "
            "kan tempo gøre en forskel. Flere fremhæver, at der var tid nok, og at processen skete "
            "i ‘mit eget tempo’. Forventningsafstemning er også vigtig, så man ved, hvad man vil "
            "og ikke vil – og hvad der kommer til at ske undervejs. Derfor er dialogen med "
            "borgeren og med arbejdsgiveren vigtig.\n\n"
            "For nogle gør det også en forskel at blive opmuntret ved, at nogen tror på én og "
            "fremhæver konkrete styrker og kompetencer, man kan bruge i det nye, man står "
            "overfor.\n\n"
            "Det er vigtigt med følgeskab, så længe der er brug for det. Følgeskab er, at borgeren "
            "ved, at han eller hun har en livline i baghånden, hvis noget bliver svært, eller når "
            "man oplever succes. Følgeskab er også, at der bliver fulgt aktivt op, og at man "
            "bliver fulgt på vej, hvis der er brug for det. Følgeskabet skal indrettes efter "
            "borgeren, ikke omvendt. På den måde bliver medarbejderne til en slags ‘livsvidner’ i "
            "borgerens proces. Muligheden for at vælge til og fra giver også tryghed og mod. Det "
            "må ikke opleves som en labyrint, og det skal være tydeligt, hvordan man kan vælge "
            "både job og hjælp til og fra."
        ),
        "example_stories": [
            "Det er utroligt, hvor meget jeg har udviklet mig…",
            "Det rette match",
            "Førtidspensionen giver tryghed…",
            "Jeg vidste ikke, jeg kunne lide…",
            "Jeg har fået mod på nye ting",
            "Jeg har fundet ud af…",
            "Fra voldeligt forhold…",
            "Fra kulkælderen…",
        ],
        "groups_discussed": 1,
        "quotes_why": [
            "Mine venner giver mig tryghed, det er rart at have nogen at tale med.",
            (
                "Det hænger også sammen med Fællesskab, fordi jeg ikke er så bange for at være "
                "social mere."
            ),
            "Der er nogle, der stoler på en, tør jeg hoppe ud i nye ting.",
            (
                "Jeg har fået mod på at tage kontakt til nye mennesker, jeg er mindre genert nu. "
                "Før sagde jeg altid nej, nej, nej."
            ),
        ],
        "quotes_role": [
            (
                "Det giver mig tryghed, at jeg har en fra Aalborg AKTIV, som jeg altid kan gå til "
                "og dele mine oplevelser med […] Det er også rart, at de kan følge med i ens "
                "udvikling."
            ),
            (
                "Det skaber mod, når man får ansvar, og man ved, at man har støtte til at løse "
                "opgaven."
            ),
            (
                "Aalborg AKTIV skal fortsætte med at tænke og finde på nye muligheder, da det kan "
                "skabe mod på at prøve nye udfordringer."
            ),
            (
                "Aalborg AKTIV skal fortsætte med at være den støtte, som gør det muligt at komme "
                "ud i samfundet og udvikle sig."
            ),
            "Aalborg ATKIV skal fortsætte med at have fokus på ens interesser og gå med drømmene.",
        ],
    },
    {
        "name": "INDFLYDELSE",
        "slug": "indflydelse",
        "statement": "Jeg oplever at have indflydelse i samarbejdet med andre",
        "what_changes": (
            "Mange af borgerne i fortællingerne har erfaringer med ikke at have indflydelse. De "
            "har oplevet, at arbejde var noget, man blev placeret i. En vigtig forandring er "
            "derfor, at de føler sig lyttet til for alvor. Det skaber en følelse af at have "
            "indflydelse på eget liv, og at man selv er afgørende for, hvad der skal ske "
            "fremover.\n\n"
            "I første omgang oplever borgerne indflydelse i samarbejdet med Aalborg AKTIV. Deres "
            "første ønske bliver ikke nødvendigvis efterlevet, men de føler, at de har indflydelse "
            "på forløbet og den beskæftigelse, det fører med sig. Det skaber erfaring med at være "
            "værd at lytte til og rum for at sige ‘det er mit liv’.\n\n"
            "Indflydelsen fra forløbet følger med til arbejdsstedet og bliver en del af borgernes "
            "relation til det nye arbejdssted. De oplever at kunne forme deres arbejdssituation og "
            "have ret til at sige til og fra. Det gør, at de oplever mening og glæde ved deres "
            "opgave eller arbejde. Indflydelsen smitter af på livet uden for arbejdet. Det fører "
            "til øget overskud i den øvrige hverdag. Borgerne bliver mere kompetente og "
            "livsduelige.\n\n"
            "Kompetencerne udvikler sig i takt med graden af indflydelse og skaber yderligere tro "
            "på sig selv. Indflydelse forandrer på den måde både noget ydre (arbejdssituationen) "
            "og noget indre (selvbevidstheden)."
        ),
        "what_creates_change": (
            "Det er vigtigt, at samarbejdet er frivilligt og selvvalgt. Mange har selv henvendt "
            "sig, fordi der var noget, de selv gerne ville. Det skaber forandring, når samarbejdet "
            "har fokus på borgerens drøm, og giver følgeskab og og opbakning. At samtalerne har "
            "fokus på at lytte skaber følelsen af indflydelse. Det er afgørende at forholde sig "
            "åben og nysgerrig og vise, at intet er umuligt. At se nye muligheder skaber større "
            "grad af indflydelse. For nogle tager det tid at opdage, fordi de har erfaring med "
            "noget andet.\n\n"
            "Ud over nysgerrigheden og følgeskabet gør det en forskel at borgeren selv kan vælge "
            "til og fra i processen. Det gælder i forhold til selve samarbejdet og medarbejderens "
            "rolle i borgerens proces. Det gør en forskel at være en tydelig støtte i det, der er "
            "vigtigt for borgeren og at give plads til at kunne vokse til at kunne selv. Det "
            "gælder også i forhold til selve arbejdet, hvor det at kunne prøve noget af og så sige "
            "nej giver oplevelse af indflydelse. Det er vigtigt både at lytte og handle – at der "
            "sættes handling bag de ting, der er talt om. Det medfører, at borgeren oplever en "
            "progression i forløbet, som er skabt af borgerens ønsker. Nogle har glæde af "
            "strukturen, hvor både møderne og mellemrummene mellem møderne er en mulighed for at "
            "tænke nyt."
        ),
        "example_stories": [
            "Jeg er blevet bedre til at regne og læse",
            "Jeg har fået mere ansvar...",
            "Nu arbejder jeg i et køkken…",
            "Min søn blev taget alvorligt…",
            "Når man bliver taget seriøst...",
        ],
        "groups_discussed": 1,
        "quotes_why": [
            (
                "Jeg har fået et helt nyt ansvarsområde. Jeg er blevet leder for en telefongruppe, "
                "som består af cirka otte personer."
            ),
            (
                "Det har været rart at være med til at tage beslutninger og føle, at man har "
                "indflydelse på, hvad man skal arbejde med."
            ),
        ],
        "quotes_role": [],
    },
    {
        "name": "UUNDVÆRLIGHED",
        "slug": "uundvaerlighed",
        "statement": "Jeg bidrager med noget vigtigt, og det bliver påskønnet",
        "what_changes": (
            "Alt for mange af de borgere, som har bidraget med fortællinger, har oplevelser med "
            "sig af at være parkeret. De har siddet hjemme eller været i arbejdsfunktioner, hvor "
            "de ikke oplevede at være betydningsfulde. De har oplevet at være ikke-bidragende "
            "samfundsmedlemmer.\n\n"
            "En vigtig forandring, der sker i processen med at finde meningsfuld beskæftigelse, "
            "er, at borgerne oplever at blive værdsatte, uundværlige dele af en arbejdsopgave og "
            "et arbejdsfællesskab. De oplever at være ventet, og at det, de gør, gør en forskel. "
            "Deres samfundsposition forandrer sig. De bliver en del af den gruppe, som har et "
            "arbejde, der gør en forskel. De er ikke længere ‘parkeret’ på en pension.\n\n"
            "Desuden oplever de konkret anerkendelse og mening i hverdagen. De bliver anerkendt og "
            "påskønnet for deres indsats. De udfører opgaver, der er brug for, frem for opgaver, "
            "der skal holde dem beskæftiget. De får positiv respons, og kan også selv mærke, at de "
            "bidrager. Det giver mere selvværd, og det har en sneboldeffekt. Familie og netværk "
            "ser anderledes på borgerne, og de ser anderledes på sig selv."
        ),
        "what_creates_change": (
            "For at understøtte vejen til arbejdsfællesskaber, hvor man oplever sig som "
            "uundværlig, er der brug for at skabe det rigtige match.\n\n"
            "Det første skridt er at bruge tid på, sammen med borgeren, at kortlægge interesser og "
            "kompetencer. Det er vigtigt at lytte efter potentialerne og ‘det, der giver energi’. "
            "Det er også vigtigt at kortlægge eventuelle begrænsninger og tage dem alvorligt, men "
            "lede efter løsninger, så de ikke bliver en hindring for at forfølge sin drøm. Man "
            "hjælper borgeren til at lave et CV, der peger frem.\n\n"
            "Dernæst må man, for at bidrage til uundværlighed, kende mange mennesker og mange "
            "muligheder. Det gør en forskel at være velforbundet med arbejdspladser, frivillige "
            "fællesskaber, sociale tilbud m.m. i lokalområdet. På den måde gør man det muligt at "
            "finde et godt match til borgeren. Endelig gør det en forskel, når man aktivt "
            "understøtter mødet og relationen mellem borger og arbejdsplads, så arbejdspladsen fra "
            "starten ser en værdifuld medarbejder frem for et menneske, der skal rummes og "
            "beskæftiges. Det baner vejen for et match, hvor arbejdsopgaverne er reelle, og hvor "
            "der er fokus på borgerens bidrag til og styrker i forhold til opgaverne."
        ),
        "example_stories": [
            "Når man bliver taget seriøst…",
            "Fra voldeligt forhold…",
            "I supermarkedet har jeg kollegaer…",
            "Førtidspensionen giver tryghed…",
            "Jeg har fundet ud af, at jeg er god nok, som jeg er",
        ],
        "groups_discussed": 1,
        "quotes_why": [
            (
                "Jeg kan noget, de andre ikke kan. Jeg har opgaver, de andre ikke kan eller har "
                "lyst til. Jeg fandt ud af, at jeg var god til at organisere, og det betyder noget "
                "for stedet."
            ),
            (
                "Jeg bidrager med noget, der er godt for andre også. Mit job er vigtigt for "
                "virksomheden og for mig. Det giver en glædesfølelse. Jeg er på lige fod med de "
                "andre."
            ),
            (
                "Følelsen af at være uundværlig må ikke blive en grundfølelse og være der for "
                "længe. Jo længere den er der, jo vigtigere er det at komme af med den. For så "
                "risikerer man at gro fast."
            ),
        ],
        "quotes_role": [],
    },
    {
        "name": "VÆRDIGHED OG LIGEVÆRDIGHED",
        "slug": "vaerdighed-og-ligevaerdighed",
        "statement": (
            "Jeg oplever at være noget værd og at være ligeværdig med dem, jeg er sammen med"
        ),
        "what_changes": (
            "Mennesker med handicap har ofte mange erfaringer med at indgå i ikke-ligeværdige "
            "relationer, hvor de er genstand for andres indsats eller rummelighed frem for at "
            "opleve den værdighed, der er i at være bidragende medlem af et arbejdsfællesskab, de "
            "selv har valgt. Borgernes fortællinger beretter om, at borgerne oplever, det "
            "forandrer sig.\n\n"
            "De oplever at indgå på en arbejdsplads, hvor de ikke først og fremmest er et menneske "
            "med et handicap, som skal rummes. Men bliver en bidragende og uundværlig del af "
            "arbejdspladsen, og at der er fokus på deres indsats, kompetencer og egenskaber.\n\n"
            "For nogle skabes værdigheden i det at have et job, hvor opgaverne skal løses, fordi "
            "der er brug for det. For andre åbner adgangen til indflydelse på arbejdsopgaverne for "
            "oplevelsen af ligeværdighed. For andre igen er der fokus på at få ansvar for opgaver. "
            "Det er med andre ord forskelligt, hvad der lægges vægt på i selve arbejdet. Men på "
            "tværs af fortællingerne berettes om oplevelsen af at blive mødt ligeværdigt som "
            "medarbejder og menneske frem for som ‘handicappet’.\n\n"
            "Det er en forandring af identitet, hvor man får adgang til arbejdsidentitet på lige "
            "fod med andre."
        ),
        "what_creates_change": (
            "Når man ønsker at fremme ligeværdighed og værdighed, starter det ved "
            "samarbejdsrelationen mellem medarbejdere og borgere. Sproget spiller en afgørende "
            "rolle. Det gør en forskel, om man bliver talt med som et menneske med potentialer og "
            "drømme frem for som et menneske med begrænsninger, der skal ‘beskæftiges’. At se "
            "muligheder frem for begrænsninger.\n\n"
            "Ligeværdighed og værdighed etablereres også ved, at samarbejdet er en alliance: vi "
            "gør det sammen. På den måde bliver borger og medarbejder medspillere, begge er "
            "aktive. Her gør det en forskel, at medarbejderne undlader at læse borgerens journaler "
            "og lader borgeren selv fortælle sin historie og dele de oplysninger, han eller hun "
            "synes, er relevante for samarbejdet.\n\n"
            "Endelig understøttes forandring mod ligeværdighed og værdighed ved at understøtte "
            "samarbejdet mellem borgeren og arbejdsgiveren. Også her spiller sproget en vigtig "
            "rolle. Borgeren er en kommende medarbejder, som har noget at bidrage med, og som har "
            "rettigheder. Der kan være brug for kompenserende tiltag eller særlige hensyn, men "
            "målet er, at arbejdsindsatsen bliver gensidigt givende. Derfor er det betydningsfuldt "
            "at følge samarbejdet på vej, så længe der er brug for det."
        ),
        "example_stories": [
            "Når man bliver taget seriøst...",
            "I supermarkedet har jeg kollegaer…",
            "Min søn blev taget alvorligt…",
            "Jeg blev præsenteret som musiker…",
            "Det er fedt at se, at det, man laver, har værdi...",
        ],
        "groups_discussed": 0,
        "quotes_why": [],
        "quotes_role": [],
        "not_prioritised_note": (
            "Dette domæne blev ikke særskilt prioriteret og drøftet på borgerworkshoppen"
        ),
    },
]

# The example lists abbreviate the same story in different ways. Variants are merged when
# one printed form is a prefix of another (ignoring a trailing ellipsis), e.g.
# "Nu laver jeg sandwich…" = "Nu laver jeg sandwich, og det er mit ansvar",
# "Jeg har fundet ud af…" = "Jeg har fundet ud af, at jeg er god nok, som jeg er",
# "Jeg vidste ikke, jeg kunne lide…" = "... lide at sidde ved computeren…",
# "Når man bliver taget seriøst…" = "Når man bliver taget seriøst, kan man mere",
# "I supermarkedet har jeg kollegaer" = "I supermarkedet har jeg kollegaer…",
# plus one reworded variant: "Jeg pakker legetøj…" = "Nu pakker jeg legetøj…".
# "Jeg har fået mere ansvar" and "Jeg har fået mod på nye ting" are kept apart (different
# stories that merely share an opening). The canonical title is the longest printed form;
# three dots "..." printed in some lists are written as "…" in canonical titles (the
# example_stories lists and the keys of STORY_FOR_EXAMPLE keep the printed form).
# This yields exactly the 20 stories the preface says were collected (the method section
# mentions 22 collected in total; only 20 are referred to in the domain lists).
STORIES = [
    {
        "title": "Det rette match",
        "domains": ["glaede", "faellesskab", "muligheder", "selvstaendighed", "tryghed-og-mod"],
    },
    {
        "title": "Nu laver jeg sandwich, og det er mit ansvar",
        "domains": ["glaede", "faellesskab", "selvstaendighed"],
    },
    {"title": "Nu arbejder jeg i et køkken…", "domains": ["glaede", "indflydelse"]},
    {"title": "Jeg planlægger mit nye job…", "domains": ["glaede", "faellesskab"]},
    {
        "title": "Førtidspensionen giver tryghed…",
        "domains": ["glaede", "tryghed-og-mod", "uundvaerlighed"],
    },
    {
        "title": "Fra voldeligt forhold…",
        "domains": ["glaede", "selvstaendighed", "laering", "tryghed-og-mod", "uundvaerlighed"],
    },
    {
        "title": "Fra kulkælderen…",
        "domains": ["glaede", "muligheder", "selvstaendighed", "tryghed-og-mod"],
    },
    {"title": "Nu pakker jeg legetøj…", "domains": ["glaede", "faellesskab", "muligheder"]},
    {
        "title": "Jeg har fået mere ansvar…",
        "domains": [
            "faellesskab",
            "selvtillid-og-selvrespekt",
            "selvstaendighed",
            "laering",
            "indflydelse",
        ],
    },
    {
        "title": "Det er utroligt, hvor meget jeg har udviklet mig…",
        "domains": ["muligheder", "tryghed-og-mod"],
    },
    {
        "title": "Jeg er blevet bedre til at regne og læse",
        "domains": ["muligheder", "selvstaendighed", "laering", "indflydelse"],
    },
    {
        "title": "Jeg havde aldrig troet…",
        "domains": ["muligheder", "selvtillid-og-selvrespekt", "laering"],
    },
    {
        "title": "Jeg vidste ikke, jeg kunne lide at sidde ved computeren…",
        "domains": ["muligheder", "tryghed-og-mod"],
    },
    {
        "title": "Når man bliver taget seriøst, kan man mere",
        "domains": ["muligheder", "indflydelse", "uundvaerlighed", "vaerdighed-og-ligevaerdighed"],
    },
    {
        "title": "I supermarkedet har jeg kollegaer…",
        "domains": ["selvtillid-og-selvrespekt", "uundvaerlighed", "vaerdighed-og-ligevaerdighed"],
    },
    {
        "title": "Min søn blev taget alvorligt…",
        "domains": ["selvtillid-og-selvrespekt", "indflydelse", "vaerdighed-og-ligevaerdighed"],
    },
    {
        "title": "Jeg har fundet ud af, at jeg er god nok, som jeg er",
        "domains": ["selvtillid-og-selvrespekt", "laering", "tryghed-og-mod", "uundvaerlighed"],
    },
    {"title": "Jeg har fået mod på nye ting", "domains": ["laering", "tryghed-og-mod"]},
    {"title": "Jeg blev præsenteret som musiker…", "domains": ["vaerdighed-og-ligevaerdighed"]},
    {
        "title": "Det er fedt at se, at det, man laver, har værdi…",
        "domains": ["vaerdighed-og-ligevaerdighed"],
    },
]

# Every printed variant in the example_stories lists -> canonical STORIES title.
STORY_FOR_EXAMPLE = {
    "Det rette match": "Det rette match",
    "Nu laver jeg sandwich…": "Nu laver jeg sandwich, og det er mit ansvar",
    "Nu laver jeg sandwich, og det er mit ansvar": "Nu laver jeg sandwich, og det er mit ansvar",
    "Nu arbejder jeg i et køkken…": "Nu arbejder jeg i et køkken…",
    "Jeg planlægger mit nye job…": "Jeg planlægger mit nye job…",
    "Førtidspensionen giver tryghed…": "Førtidspensionen giver tryghed…",
    "Fra voldeligt forhold…": "Fra voldeligt forhold…",
    "Fra kulkælderen...": "Fra kulkælderen…",
    "Fra kulkælderen…": "Fra kulkælderen…",
    "Nu pakker jeg legetøj…": "Nu pakker jeg legetøj…",
    "Jeg pakker legetøj…": "Nu pakker jeg legetøj…",
    "Jeg har fået mere ansvar": "Jeg har fået mere ansvar…",
    "Jeg har fået mere ansvar…": "Jeg har fået mere ansvar…",
    "Jeg har fået mere ansvar...": "Jeg har fået mere ansvar…",
    "Det er utroligt, hvor meget jeg har udviklet mig…": (
        "Det er utroligt, hvor meget jeg har udviklet mig…"
    ),
    "Jeg er blevet bedre til at regne og læse": "Jeg er blevet bedre til at regne og læse",
    "Jeg havde aldrig troet…": "Jeg havde aldrig troet…",
    "Jeg havde aldrig troet...": "Jeg havde aldrig troet…",
    "Jeg vidste ikke, jeg kunne lide at sidde ved computeren…": (
        "Jeg vidste ikke, jeg kunne lide at sidde ved computeren…"
    ),
    "Jeg vidste ikke, jeg kunne lide…": "Jeg vidste ikke, jeg kunne lide at sidde ved computeren…",
    "Når man bliver taget seriøst, kan man mere": "Når man bliver taget seriøst, kan man mere",
    "Når man bliver taget seriøst...": "Når man bliver taget seriøst, kan man mere",
    "Når man bliver taget seriøst…": "Når man bliver taget seriøst, kan man mere",
    "I supermarkedet har jeg kollegaer": "I supermarkedet har jeg kollegaer…",
    "I supermarkedet har jeg kollegaer…": "I supermarkedet har jeg kollegaer…",
    "Min søn blev taget alvorligt…": "Min søn blev taget alvorligt…",
    "Jeg har fundet ud af…": "Jeg har fundet ud af, at jeg er god nok, som jeg er",
    "Jeg har fundet ud af...": "Jeg har fundet ud af, at jeg er god nok, som jeg er",
    "Jeg har fundet ud af, at jeg er god nok, som jeg er": (
        "Jeg har fundet ud af, at jeg er god nok, som jeg er"
    ),
    "Jeg har fået mod på nye ting": "Jeg har fået mod på nye ting",
    "Jeg blev præsenteret som musiker…": "Jeg blev præsenteret som musiker…",
    "Det er fedt at se, at det, man laver, har værdi...": (
        "Det er fedt at se, at det, man laver, har værdi…"
    ),
}

REPORT_TEXTS = {
    "preface": (
        "Vi har indsamlet en masse gode forandringsfortællinger fra de mennesker, vi til dagligt "
        "samarbejder med om at finde lige præcis den meningsfulde beskæftigelse, de drømmer om.\n\n"
        "Vi har nu taget fat på refleksioner over, hvad vi kan lære af disse fortællinger. De er "
        "baseret på en masse gode input, som helt sikkert skaber grobund for ny indsigt og læring. "
        "SUS, som har hjulpet os igennem processen, har samlet vores vidensopsamling, som vi er "
        "godt i gang med at dykke yderligere ned i.\n\n"
        "Det er vigtigt at pointere, at vi betragter alle former for beskæftigelse som ”arbejde”, "
        "hvorfor det er dette ordvalg, som anvendes i rapporten uanset, hvilken form for "
        "beskæftigelse borgeren deltager i. Det har ikke været vigtigt for os at adskille det, da "
        "det handler om læring relateret til vores samarbejde med borgerne. Det er netop vores "
        "mål, og noget vi tillægger værdi, at vi ikke bedømmer, om en type ”arbejde” er mere værd "
        "end en anden – det er helt op til den enkelte at vurdere.\n\n"
        "Men for forståelsens skyld, giver vi her et lille overblik:"
    ),
    "preface_closing": (
        "Borgerne repræsenterer borgere med alle former for handicaps og forskelligt kognitivt "
        "funktionsniveau, hvor også netværket spiller en central rolle.\n\n"
        "Tusind tak til alle jer, der har bidraget med fortællinger, tak til alle jer, der var med "
        "til at gøre os klogere på læringsperspektiver og sidst men ikke mindst tusind tak til "
        "Agnete Neidel fra SUS, som har ledt os igennem processen.\n\n"
        "Karin Leth Kristensen\n\n"
        "Leder Aalborg AKTIV og Aalborg FRI-TID"
    ),
    "introduction": (
        "Denne rapport beskriver de positive forandringer, der sker, når mennesker med handicap "
        "finder meningsfuld beskæftigelse. Den viderebringer desuden læring om, hvordan man som "
        "kommunalt tilbud kan understøtte disse forandringer. Rapporten formidler læring fra "
        "Aalborg AKTIVs arbejde.\n\n"
        "Aalborg AKTIV er et ikke-visiteret tilbud til borgere, som modtager førtidspension, og "
        "som ønsker at finde vej til beskæftigelse, der giver mening for dem. Det er borgerens "
        "valg, om han eller hun ønsker at samarbejde med Aalborg AKTIV, og samarbejdet starter ved "
        "borgerens drømme. Arbejdet i Aalborg AKTIV hviler på værdien om, at den enkeltes stemme "
        "skal høres.\n\n"
        "Aalborg AKTIV er en del af Aalborg Kommunes handicapafdeling. Tilbuddet samarbejder med "
        "en bred vifte af arbejdspladser både internt i kommunen, i erhvervslivet og i den "
        "frivillige verden. På den måde bliver det muligt at skabe mange forskellige typer job, og "
        "at matche den enkeltes drøm med den rigtige arbejdsplads.\n\n"
        "Fokusset i rapporten er på, hvad der forandrer sig for brugerne af Aalborg AKTIV, når "
        "arbejdet lykkes godt, og når de oplever at finde vej til meningsfuld beskæftigelse. "
        "Rapporten undersøger både, hvad der forandrer sig, og hvad det er i indsatsen, der får "
        "det til at ske. Rapporten kan ikke svare på, hvor mange der oplever positiv forandring. "
        "Det kan i stedet Aalborg AKTIVs kvantitative dokumentation, som formidles på "
        "www.aalborgaktiv.dk. Rapporten rummer heller ikke viden om, hvad der sker, når det ikke "
        "lykkes at skabe positiv forandring. Rapportens styrke ligger i den læring, der kan vokse "
        "ud af de positive erfaringer, hvor samarbejdet opleves som givtigt, og hvor livet "
        "forandrer sig til det bedre.\n\n"
        "Rapporten er skrevet af Socialt Udviklingscenter SUS, som også har understøttet de "
        "dokumentations- og læreprocesser, rapporten hviler på. Analyserne er lavet sammen med "
        "medarbejdere, samarbejdspartnere og borgere, og er på den måde udtryk for en fælles "
        "læreproces. Det er vores håb, at læringsrapporten kan bringe inspiration til alle, der "
        "ønsker at understøtte positiv forandring for mennesker, der ellers oplever at stå på "
        "kanten af eller udenfor samfundslivets fællesskaber."
    ),
    "method": (
        "Hvordan dokumenterer man effekten af en indsats, hvor man ikke med sikkerhed kan sige på "
        "forhånd, hvilke betydningsfulde forandringer den skaber i menneskers liv? Hvordan "
        "indfanger man righoldigheden af de forandringer, der sker i borgernes liv, mens de "
        "samarbejder med Aalborg AKTIV om at forfølge drømmen om meningsfuld beskæftigelse? "
        "Hvordan evaluerer man effekten af et samarbejde, der bygger på anonymitet og på respekten "
        "for den enkeltes frem for systemets mål? Og endelig: hvordan evaluerer man på en måde, "
        "som understøtter refleksion og læring – både hos borgere og medarbejdere? Det har Aalborg "
        "AKTIV arbejdet med de seneste år.\n\n"
        "En af de bærende metoder i evalueringsarbejdet bygger på Most Significant Change "
        "Technique (MST), hvor indsamlingen af forandringsfortællinger står centralt. "
        "Forandringsfortællinger er fortællinger om konkrete ændringer i menneskers liv, som de "
        "opfatter som betydningsfulde, og som de selv kobler til den indsats, der evalueres. Det "
        "er den del af evalueringen, som er formidlet i denne rapport. Styrken ved MST er, at den "
        "er praksisnær og eksplorativ, men samtidig systematisk. Dokumentationsprocessen har "
        "strakt sig over to år. Medarbejderne i Aalborg AKTIV har (med hjælp fra søsterprojektet "
        "Aalborg FRI-TID) løbende indsamlet forandringsfortællinger. Medarbejdere, "
        "samarbejdspartnere og borgere har været involveret i analysearbejdet.\n\n"
        "Dataindsamlingen blev indledt med to workshops i 2019. Medarbejderne blev trænet i at "
        "indsamle og formidle forandringsfortællinger, og de drøftede de områder, hvor de håbede "
        "at se forandring (såkaldte forandringsdomæner). Der blev i alt indsamlet 22 "
        "forandringsfortællinger. I efteråret 2020 blev der holdt to analyseworkshops – én med "
        "medarbejderne fra Aalborg AKTIV og Aalborg FRI-TID og én for en række af de "
        "samarbejdspartnere, som er involveret i borgerens vej mod meningsfuld beskæftigelse. Her "
        "blev der arbejdet med en tværgående analyse af fortællingerne. Der blev formuleret ti "
        "forandringsdomæner med afsæt i fortællingerne, og disse blev udforsket og konkretiseret "
        "med afsæt i to spørgsmål: Hvad er det, der forandrer sig i borgernes liv? Og hvad er det "
        "i Aalborg AKTIVs arbejde, som bidrager til at skabe den forandring? I forlængelse af de "
        "to workshops mødtes Aalborg AKTIVs medarbejdere til et læringsseminar med fokus på, "
        "hvordan deres arbejde fremover kan styrkes af evalueringen.\n\n"
        "I foråret 2021 afholdtes en analyseworkshop med de borgere, som har bidraget med "
        "fortællinger. Tre grupper med i alt 14 borgere arbejdede med at prioritere og analysere "
        "de ti forandringsdomæner med afsæt i egne erfaringer. Hver deltager kunne prioritere tre "
        "domæner. Temaerne i rapporten er ordnet efter, hvilke domæner der blev prioriteret højest "
        "af borgerne, og deres bidrag er tilføjet. Et enkelt domæne blev ikke prioriteret af nogen "
        "grupper og derfor ikke drøftet."
    ),
    "cycle_steps": [
        "Formulere forandringstemaer",
        "Indsamle forandringsfortællinger",
        "Fælles analyse",
        "Justere praksis",
    ],
    "closing": (
        "Forandringsfortællinger er en metode til dataindsamling og systematisk undersøgelse af, "
        "om og hvordan en intervention gør en forskel for de mennesker, den er rettet imod. "
        "Forandringsfortællinger kan ikke fortælle om udbredelsen af positive forandringer, men "
        "kan udforske dem i dybden. Forandringsfortællinger kan heller ikke beskrive forandringer "
        "over tid, medmindre man indsamler fortællinger fra de samme mennesker ad flere omgange. "
        "Forandringsfortællinger kan med andre ord ikke erstatte kvantitative målemetoder. Deres "
        "styrke ligger i den detaljerede kvalitative viden, man får om, hvilke forandringer der er "
        "vigtige for borgerne, og hvordan indsatsen kan være med til at skabe disse "
        "forandringer.\n\n"
        "Dermed åbner forandringsfortællingerne for et fagligt refleksions- og læringsrum. Både "
        "gennem selve arbejdet med at indsamle fortællingerne og gennem de efterfølgende "
        "workshops, hvor fortællingerne bearbejdes. Nogle af de læringspointer og spørgsmål, der "
        "blev formuleret som opmærksomheder i Aalborg AKTIVS videre arbejde, er:\n\n"
        "Metodiske opmærksomheder:\n\n"
        "• Fortællingerne har fokus på menneskers udvikling. Det kunne være spændende også at have "
        "fokus på arbejdspladsudvikling. Dokumentér også læring og forandring i virksomhederne.\n"
        "• Hvad ville man kunne lære af at indsamle fortællinger fra mennesker, hvor det ikke er "
        "lykkedes at skabe en positiv forandring?\n"
        "• Det kunne være spændende at følge forandringen på længere sigt (fortællingerne er "
        "øjebliksbilleder).\n\n"
        "Opmærksomheder i indsatsen:\n\n"
        "• Hvilke borgere når I ikke? Hvad med dem, der ikke selv kan kontakte jer, for eksempel?\n"
        "• Hvordan undgår I, at borgerne bliver afhængige af jer?\n"
        "• Hvor går grænsen for Aalborg AKTIVs rolle? Hvor er der grænseflader til andre "
        "hjælpere?\n"
        "• Kan ressourcefokus gøre, at man overser/ikke hører støttebehov og begrænsninger?\n"
        "• Kan man i processen udvide/styrke borgernes netværk for at styrke deres uafhængighed af "
        "systemet?\n"
        "• Måske kan man styrke fokus på veje til kompetenceudvikling, som giver yderligere "
        "muligheder for borgere?"
    ),
}
