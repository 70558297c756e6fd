/* The demo's random source and word lists: countries, cities, people's names,
 * industries and made-up company names. Names are assembled from parts, so
 * they look real without being any real company's. */
#define KAM_DEMO_INTERNAL
#include "demo.h"

#include "../core/text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ PRNG */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void rng_seed(DemoRng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t rng_next(DemoRng *r) /* xoshiro256** */
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

int64_t rng_range(DemoRng *r, int64_t lo, int64_t hi)
{
    if (hi <= lo) return lo;
    uint64_t span = (uint64_t)(hi - lo) + 1;
    return lo + (int64_t)(rng_next(r) % span);
}

double rng_unit(DemoRng *r) { return (double)(rng_next(r) >> 11) * 0x1.0p-53; }

bool rng_chance(DemoRng *r, double p) { return rng_unit(r) < p; }

double rng_gauss(DemoRng *r)
{
    /* Irwin-Hall: the sum of 12 uniforms minus 6; no libm transcendental
     * functions, so the numbers are the same on every platform. */
    double s = 0;
    for (int i = 0; i < 12; i++) s += rng_unit(r);
    return s - 6.0;
}

/* ------------------------------------------------------------------ countries */

static const char *const kCitiesIT[] = {"Bologna", "Modena", "Parma", "Reggio Emilia", "Milano", "Torino",
                                        "Brescia", "Bergamo", "Verona", "Vicenza", "Padova", "Treviso",
                                        "Firenze", "Prato", "Ancona", "Pesaro", "Bari", "Napoli",
                                        "Monza", "Varese", "Como", "Lecco", "Cremona", "Piacenza",
                                        "Novara", "Udine", "Pordenone", "Imola", "Faenza", "Ferrara"};
static const char *const kCitiesDE[] = {"München", "Stuttgart", "Köln", "Hamburg", "Nürnberg", "Augsburg",
                                        "Ulm", "Heilbronn", "Bielefeld", "Dortmund"};
static const char *const kCitiesAT[] = {"Linz", "Graz", "Salzburg", "Wien", "Innsbruck"};
static const char *const kCitiesCH[] = {"Zürich", "Basel", "Winterthur", "Lugano", "St. Gallen"};
static const char *const kCitiesFR[] = {"Lyon", "Toulouse", "Lille", "Grenoble", "Nantes", "Annecy"};
static const char *const kCitiesES[] = {"Barcelona", "Valencia", "Zaragoza", "Bilbao", "Sevilla"};
static const char *const kCitiesNL[] = {"Eindhoven", "Rotterdam", "Utrecht", "Tilburg"};
static const char *const kCitiesPL[] = {"Poznań", "Wrocław", "Kraków", "Łódź", "Katowice"};
static const char *const kCitiesGB[] = {"Birmingham", "Manchester", "Leeds", "Sheffield", "Bristol"};
static const char *const kCitiesUS[] = {"Chicago", "Cleveland", "Milwaukee", "Charlotte", "Columbus", "Atlanta"};
static const char *const kCitiesSE[] = {"Göteborg", "Malmö", "Västerås", "Jönköping"};
static const char *const kCitiesCZ[] = {"Brno", "Plzeň", "Ostrava", "Praha"};

static const char *const kFormsIT[] = {"S.p.A.", "S.r.l.", "S.p.A.", "S.r.l.", "Group S.p.A."};
static const char *const kFormsDE[] = {"GmbH", "AG", "GmbH & Co. KG"};
static const char *const kFormsCH[] = {"AG", "SA", "GmbH"};
static const char *const kFormsFR[] = {"SA", "SAS"};
static const char *const kFormsES[] = {"S.A.", "S.L."};
static const char *const kFormsNL[] = {"B.V.", "N.V."};
static const char *const kFormsPL[] = {"Sp. z o.o.", "S.A."};
static const char *const kFormsGB[] = {"Ltd", "plc"};
static const char *const kFormsUS[] = {"Inc.", "Corp.", "LLC"};
static const char *const kFormsSE[] = {"AB"};
static const char *const kFormsCZ[] = {"s.r.o.", "a.s."};

#define CITIES(x) x, ARRAY_LEN(x)
const DemoCountry kDemoCountries[] = {
    {"IT", "Italy", "it", "+39", CITIES(kCitiesIT), 0, CITIES(kFormsIT)},
    {"DE", "Germany", "de", "+49", CITIES(kCitiesDE), 1, CITIES(kFormsDE)},
    {"FR", "France", "fr", "+33", CITIES(kCitiesFR), 2, CITIES(kFormsFR)},
    {"AT", "Austria", "at", "+43", CITIES(kCitiesAT), 1, CITIES(kFormsDE)},
    {"CH", "Switzerland", "ch", "+41", CITIES(kCitiesCH), 1, CITIES(kFormsCH)},
    {"ES", "Spain", "es", "+34", CITIES(kCitiesES), 4, CITIES(kFormsES)},
    {"NL", "Netherlands", "nl", "+31", CITIES(kCitiesNL), 5, CITIES(kFormsNL)},
    {"PL", "Poland", "pl", "+48", CITIES(kCitiesPL), 6, CITIES(kFormsPL)},
    {"GB", "United Kingdom", "co.uk", "+44", CITIES(kCitiesGB), 3, CITIES(kFormsGB)},
    {"US", "United States", "com", "+1", CITIES(kCitiesUS), 3, CITIES(kFormsUS)},
    {"SE", "Sweden", "se", "+46", CITIES(kCitiesSE), 3, CITIES(kFormsSE)},
    {"CZ", "Czechia", "cz", "+420", CITIES(kCitiesCZ), 6, CITIES(kFormsCZ)},
};
const int kDemoNCountries = ARRAY_LEN(kDemoCountries);

const DemoCountry *demo_pick_country(DemoRng *r)
{
    /* An Italian supplier: about 60% of customers are Italian. */
    static const int weight[] = {60, 10, 6, 3, 3, 4, 3, 3, 3, 2, 2, 1};
    int64_t x = rng_range(r, 0, 99), acc = 0;
    for (int i = 0; i < kDemoNCountries; i++) {
        acc += weight[i];
        if (x < acc) return &kDemoCountries[i];
    }
    return &kDemoCountries[0];
}

/* ------------------------------------------------------------------ people */

static const char *const kFirstIT[] = {"Marco", "Luca", "Andrea", "Francesca", "Giulia", "Alessandro", "Chiara",
                                       "Matteo", "Sara", "Davide", "Elena", "Stefano", "Federica", "Paolo",
                                       "Valentina", "Roberto", "Silvia", "Giorgio", "Laura", "Simone", "Martina",
                                       "Fabio", "Alessia", "Riccardo", "Elisa", "Lorenzo", "Anna", "Massimo",
                                       "Claudia", "Nicola", "Ilaria", "Tommaso", "Beatrice", "Emanuele", "Serena"};
static const char *const kLastIT[] = {"Rossi", "Bianchi", "Ferrari", "Romano", "Colombo", "Ricci", "Marino",
                                      "Greco", "Bruno", "Gallo", "Conti", "Costa", "Giordano", "Mancini",
                                      "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro",
                                      "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone",
                                      "Longo", "Gentile", "Martinelli", "Vitale", "Serra", "Coppola", "Fabbri",
                                      "Bellini", "Guidi", "Pellegrini", "Benedetti", "Zanetti", "Montanari",
                                      "Bertolini", "Cattaneo", "Zanotti", "Orlandi", "Magnani", "Venturi"};
static const char *const kFirstDE[] = {"Thomas", "Stefan", "Michael", "Andreas", "Katrin", "Sabine", "Jürgen",
                                       "Anja", "Markus", "Claudia", "Tobias", "Julia", "Matthias", "Birgit"};
static const char *const kLastDE[] = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
                                      "Becker", "Hoffmann", "Schulz", "Koch", "Richter", "Wolf", "Neumann",
                                      "Zimmermann", "Krüger", "Hartmann", "Lange", "Brandt", "Vogel"};
static const char *const kFirstFR[] = {"Pierre", "Julien", "Nicolas", "Camille", "Sophie", "Mathieu", "Claire",
                                       "Antoine", "Élodie", "Laurent", "Isabelle", "François"};
static const char *const kLastFR[] = {"Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent",
                                      "Simon", "Michel", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin"};
static const char *const kFirstEN[] = {"James", "Sarah", "David", "Emma", "Daniel", "Rachel", "Mark", "Laura",
                                       "Peter", "Helen", "Robert", "Karen", "Steven", "Anna", "Erik", "Maria"};
static const char *const kLastEN[] = {"Smith", "Johnson", "Walker", "Turner", "Harris", "Clarke", "Baker",
                                      "Hughes", "Carter", "Morgan", "Bennett", "Fletcher", "Lindqvist",
                                      "Andersson", "Holm", "Parker"};
static const char *const kFirstES[] = {"Javier", "Carmen", "Alejandro", "Lucía", "Sergio", "Marta", "Pablo",
                                       "Elena", "Jorge", "Isabel"};
static const char *const kLastES[] = {"García", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
                                      "Gómez", "Ruiz", "Navarro", "Ortega"};
static const char *const kFirstNL[] = {"Jan", "Pieter", "Sanne", "Bram", "Eva", "Joost", "Lotte", "Ruben"};
static const char *const kLastNL[] = {"de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Mulder",
                                      "de Boer", "van den Berg"};
static const char *const kFirstPL[] = {"Piotr", "Anna", "Tomasz", "Katarzyna", "Paweł", "Agnieszka", "Marek",
                                       "Magdalena", "Jakub", "Ewa", "Petr", "Jana"};
static const char *const kLastPL[] = {"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski",
                                      "Zieliński", "Novák", "Dvořák", "Svoboda"};

typedef struct NameSet {
    const char *const *first;
    int nfirst;
    const char *const *last;
    int nlast;
} NameSet;
static const NameSet kNames[] = {
    {kFirstIT, ARRAY_LEN(kFirstIT), kLastIT, ARRAY_LEN(kLastIT)},
    {kFirstDE, ARRAY_LEN(kFirstDE), kLastDE, ARRAY_LEN(kLastDE)},
    {kFirstFR, ARRAY_LEN(kFirstFR), kLastFR, ARRAY_LEN(kLastFR)},
    {kFirstEN, ARRAY_LEN(kFirstEN), kLastEN, ARRAY_LEN(kLastEN)},
    {kFirstES, ARRAY_LEN(kFirstES), kLastES, ARRAY_LEN(kLastES)},
    {kFirstNL, ARRAY_LEN(kFirstNL), kLastNL, ARRAY_LEN(kLastNL)},
    {kFirstPL, ARRAY_LEN(kFirstPL), kLastPL, ARRAY_LEN(kLastPL)},
};

const char *demo_first_name(DemoRng *r, int names)
{
    const NameSet *s = &kNames[names];
    return s->first[rng_range(r, 0, s->nfirst - 1)];
}

const char *demo_last_name(DemoRng *r, int names)
{
    const NameSet *s = &kNames[names];
    return s->last[rng_range(r, 0, s->nlast - 1)];
}

/* ------------------------------------------------------------------ industries */

const DemoIndustry kDemoIndustries[] = {
    {"Food & beverage", "Alimentare", "Dairy division", "Bottling plant", "Snacks division",
     "Cut packaging waste by 30% by 2030"},
    {"Pharmaceuticals", "Farmaceutica", "Solid dose plant", "Sterile filling", "Contract manufacturing",
     "Bring new products to market faster with validated lines"},
    {"Automotive components", "Componenti", "Powertrain plant", "Brake systems", "E-mobility unit",
     "Shift production to electric-vehicle components"},
    {"Packaging machinery", "Macchine", "Cartoning lines", "Filling machines", "After-sales service",
     "Offer remote monitoring on every machine sold"},
    {"Rail vehicles", "Ferroviaria", "Rolling stock", "Maintenance depots", "Signalling",
     "Raise fleet availability above 97%"},
    {"Ceramics", "Ceramiche", "Floor tiles", "Sanitaryware", "Logistics hub",
     "Cut kiln energy use per square metre by 20%"},
    {"Chemicals", "Chimica", "Specialty polymers", "Coatings", "Adhesives",
     "Grow specialty products to half of revenue"},
    {"Cosmetics", "Cosmetica", "Skin care", "Fragrances", "Private label",
     "Launch refillable packaging across the range"},
    {"Agricultural machinery", "Agromeccanica", "Tractors", "Harvesting", "Spare parts",
     "Enter the precision-farming market"},
    {"Household appliances", "Elettrodomestici", "Cooking", "Laundry", "Refrigeration",
     "Reduce product cost by 8% through design to cost"},
    {"Medical devices", "Biomedicale", "Disposables", "Infusion systems", "Diagnostics",
     "Pass the new EU MDR audits without findings"},
    {"Paper & tissue", "Cartaria", "Tissue converting", "Corrugated board", "Paper mill",
     "Run every line with predictive maintenance"},
    {"Steel & metals", "Metallurgica", "Rolling mill", "Tube plant", "Service centre",
     "Decarbonise the melt shop by 2030"},
    {"Plastics", "Plastica", "Injection moulding", "Extrusion", "Recycling unit",
     "Reach 40% recycled content in all products"},
    {"Logistics", "Logistica", "Warehousing", "Cold chain", "Parcel hub",
     "Automate picking in every distribution centre"},
    {"Textile machinery", "Tessile", "Spinning", "Weaving machines", "Finishing",
     "Make every machine Industry 4.0 ready"},
};
const int kDemoNIndustries = ARRAY_LEN(kDemoIndustries);

/* ------------------------------------------------------------------ company names */

static const char *const kRootsIT[] = {"Tecno", "Idro", "Termo", "Elettro", "Meccano", "Metal", "Plast",
                                       "Auto", "Omni", "Euro", "Inter", "Nova", "Agri", "Ceram", "Pack",
                                       "Sider", "Vetro", "Chim", "Flex", "Sinter"};
static const char *const kTailsIT[] = {"val", "mec", "tronic", "plast", "form", "line", "tec", "press", "sud",
                                       "nord", "pack", "dine", "lux", "gas", "fer", "lab", "tek", "sistemi"};
/* plural feminine, to agree with kWordsIT */
static const char *const kPlacesIT[] = {"Emiliane", "Padane", "Lombarde", "Venete", "Adriatiche", "Appenniniche",
                                        "del Reno", "del Po", "Tirreniche", "Subalpine", "Friulane", "Toscane",
                                        "Marchigiane", "Romagnole", "Bresciane", "Orobiche"};
static const char *const kWordsIT[] = {"Officine", "Industrie", "Costruzioni", "Manifatture",
                                       "Officine Meccaniche"};
static const char *const kRootsEN[] = {"North", "Blue", "Iron", "Stone", "Bright", "Silver", "Oak", "Falcon",
                                       "Summit", "Harbor", "Delta", "Crest", "Pioneer", "Granite", "Vertex",
                                       "Alpen", "Rhein", "Nord", "Ost", "Lumen", "Arden", "Veld"};
static const char *const kTailsEN[] = {"field", "gate", "bridge", "ridge", "works", "line", "mark", "tec",
                                       "form", "tronic", "werk", "stahl", "pack", "vale", "core", "flow"};
static const char *const kWordsEN[] = {"Industries", "Manufacturing", "Systems", "Technologies", "Group",
                                       "Components", "Engineering", "Holding"};

char *demo_company_name(Arena *a, DemoRng *r, const DemoCountry *c, const char *industry_word)
{
    int kind = (int)rng_range(r, 0, 3);
    if (c->names == 0) { /* Italian */
        switch (kind) {
        case 0: return arena_printf(a, "%s %s", demo_last_name(r, 0), industry_word);
        case 1: return arena_printf(a, "%s%s", RNG_PICK(r, kRootsIT), RNG_PICK(r, kTailsIT));
        case 2: return arena_printf(a, "%s %s", RNG_PICK(r, kWordsIT), RNG_PICK(r, kPlacesIT));
        default: return arena_printf(a, "%s & %s", demo_last_name(r, 0), demo_last_name(r, 0));
        }
    }
    switch (kind) {
    case 0: return arena_printf(a, "%s %s", demo_last_name(r, c->names), RNG_PICK(r, kWordsEN));
    case 1: return arena_printf(a, "%s%s", RNG_PICK(r, kRootsEN), RNG_PICK(r, kTailsEN));
    case 2: return arena_printf(a, "%s%s %s", RNG_PICK(r, kRootsEN), RNG_PICK(r, kTailsEN), RNG_PICK(r, kWordsEN));
    default: return arena_printf(a, "%s %s", demo_last_name(r, c->names), RNG_PICK(r, kWordsEN));
    }
}

/* Lower-case ASCII: letters and digits kept, accented Latin letters folded
 * (two-byte UTF-8 from U+00C0 to U+017F), everything else a single sep. */
char *demo_slug(Arena *a, const char *name, char sep)
{
    static const char fold[] = /* U+00C0 .. U+00FF */
        "aaaaaaaceeeeiiiidnooooo/ouuuuyts"
        "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
    size_t n = strlen(name);
    char *out = arena_alloc(a, n + 1);
    size_t k = 0;
    bool pending = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)name[i];
        char o = 0;
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) o = (char)ch;
        else if (ch >= 'A' && ch <= 'Z') o = (char)(ch - 'A' + 'a');
        else if ((ch == 0xC3 || ch == 0xC4 || ch == 0xC5) && i + 1 < n) {
            unsigned cp = ((unsigned)(ch & 0x1F) << 6) | ((unsigned char)name[i + 1] & 0x3F);
            i++;
            if (cp >= 0xC0 && cp <= 0xFF) o = fold[cp - 0xC0];
            else if (cp == 0x141 || cp == 0x142) o = 'l'; /* Ł ł */
            else if (cp >= 0x100 && cp <= 0x17F) {
                /* Latin Extended-A: the base letters in pairs (Ā ā Ă ă …). */
                static const char ext[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
                unsigned off = cp - 0x100;
                o = off < sizeof ext - 1 ? ext[off] : 0;
            }
            if (o == '/') o = 0;
        }
        if (o) {
            if (pending && k > 0 && sep) out[k++] = sep;
            pending = false;
            out[k++] = o;
        } else {
            pending = true;
        }
    }
    out[k] = 0;
    return out;
}
