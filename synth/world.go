package synth

import "time"

// Outlet kinds of the generated world.
const (
	kindWire       = "wire"
	kindAgency     = "agency"
	kindSite       = "site"       // a website: related-stories block and footer
	kindPaper      = "paper"      // a newspaper's site: bare text, often a byline
	kindAggregator = "aggregator" // copies within minutes, names its source in a field
)

type outletInfo struct {
	name string
	kind string
	lang string // the language it writes credits in, unless a region says otherwise
	zone int    // UTC offset of its timestamps, hours
}

func (o *outletInfo) tail() bool { return o.kind == kindSite || o.kind == kindAggregator }
func (o *outletInfo) upstreamKind() bool {
	return o.kind == kindWire || o.kind == kindAgency
}

// outlets of the generated world. Wires and agencies carry the shipped
// registry's canonical names (credit/registry.yaml); the others are
// invented and resolve to nothing.
var outlets = []*outletInfo{
	{"Sputnik", kindWire, "en", 0}, {"Reuters", kindWire, "en", 0}, {"AFP", kindWire, "en", 0},
	{"TASS", kindWire, "en", 3}, {"EFE", kindWire, "es", 1}, {"DPA", kindWire, "de", 1},
	{"Anadolu", kindWire, "tr", 3},
	{"QNA", kindAgency, "en", 3}, {"KUNA", kindAgency, "en", 3}, {"WAM", kindAgency, "en", 4},
	{"SPA", kindAgency, "ar", 3}, {"SANA", kindAgency, "ar", 3}, {"APP", kindAgency, "ur", 5},
	{"NNI", kindAgency, "ur", 5}, {"Online", kindAgency, "ur", 5},
	// English Gulf and Levant websites.
	{"arabstoday", kindSite, "en", 0}, {"gulfpost", kindSite, "en", 0}, {"dailymirrorme", kindSite, "en", 0},
	{"newsnow", kindSite, "en", 0}, {"levantwire", kindSite, "en", 0}, {"desertherald", kindSite, "en", 0},
	// Saudi newspapers and an aggregator, Arabic.
	{"najdnews", kindPaper, "ar", 3}, {"hijazdaily", kindPaper, "ar", 3}, {"sharqiyapost", kindPaper, "ar", 3},
	{"wadinews", kindPaper, "ar", 3}, {"akhbarnow", kindAggregator, "ar", 3},
	// Syrian and Lebanese sites, Arabic.
	{"shampress", kindSite, "ar", 2}, {"furatnews", kindSite, "ar", 2},
	// Pakistani newspapers (Urdu) and an English site.
	{"qaumiakhbar", kindPaper, "ur", 5}, {"roznamapak", kindPaper, "ur", 5}, {"indusurdu", kindPaper, "ur", 5},
	{"karachipost", kindSite, "en", 5},
	// European sites.
	{"courrierdusud", kindSite, "fr", 1}, {"diariolevante", kindSite, "es", 1}, {"rheinkurier", kindSite, "de", 1},
	{"bosforhaber", kindSite, "tr", 3}, {"volganovosti", kindSite, "ru", 3}, {"eurowatch", kindSite, "en", 0},
}

// newsrooms are outlets that rewrite more than they paste: they appear
// only as rewriters, copies of rewrites, reporters of an event and in
// standalone articles of their own. They are kept out of outlets so that
// the families and standalone articles of a seed stay what they were
// before rewrites were generated.
var newsrooms = []*outletInfo{
	{"khaleejvoice", kindSite, "en", 4}, {"doharecord", kindPaper, "en", 3},
	{"yamamahdaily", kindPaper, "ar", 3}, {"asirpost", kindPaper, "ar", 3},
	{"qasiounnews", kindSite, "ar", 2},
	{"sadaepak", kindPaper, "ur", 5}, {"nawaishehr", kindPaper, "ur", 5}, {"ravidaily", kindPaper, "ur", 5},
	{"nordbote", kindSite, "de", 1}, {"correodelsur", kindSite, "es", 1}, {"sudouestinfo", kindSite, "fr", 1},
}

func outletByName(name string) *outletInfo {
	for _, o := range outlets {
		if o.name == name {
			return o
		}
	}
	for _, o := range newsrooms {
		if o.name == name {
			return o
		}
	}
	panic("synth: unknown outlet " + name)
}

// region is a family's setting: who breaks stories, who copies them, and
// the languages the outlets write credits in there.
type region struct {
	name     string
	weight   float64  // among the multilingual regions
	wires    []string // wire origins
	agencies []string // agency origins
	copiers  []string // wires or agencies that copy the origin before the sites
	sites    []string
	lang     map[string]string // overrides of outletInfo.lang
	// agencyFirst: the national agency is the main source of the
	// region's stories.
	agencyFirst bool
	// rewriters are outlets of the region that rewrite (besides its
	// sites); rewriteWeight scales Config.RewriteRate there.
	rewriters     []string
	rewriteWeight float64
}

var gulf = &region{
	name:      "gulf",
	wires:     []string{"Sputnik", "Reuters", "AFP", "TASS"},
	agencies:  []string{"QNA", "KUNA", "WAM"},
	copiers:   []string{"QNA", "KUNA", "WAM", "SPA"},
	sites:     []string{"arabstoday", "gulfpost", "dailymirrorme", "newsnow", "levantwire", "desertherald"},
	lang:      map[string]string{"SPA": "en"},
	rewriters: []string{"khaleejvoice", "doharecord"}, rewriteWeight: 1,
}

var regions = []*region{
	{
		name: "saudi", agencyFirst: true, weight: 0.3,
		wires: []string{"Reuters", "AFP"}, agencies: []string{"SPA"},
		copiers:   []string{"SPA", "QNA", "KUNA"},
		sites:     []string{"najdnews", "hijazdaily", "sharqiyapost", "wadinews", "akhbarnow"},
		lang:      map[string]string{"QNA": "ar", "KUNA": "ar", "Reuters": "en", "AFP": "en"},
		rewriters: []string{"yamamahdaily", "asirpost"}, rewriteWeight: 1.5,
	},
	{
		name: "levant", agencyFirst: true, weight: 0.15,
		wires: []string{"Sputnik", "AFP", "TASS"}, agencies: []string{"SANA"},
		copiers:   []string{"SANA"},
		sites:     []string{"shampress", "furatnews", "akhbarnow", "levantwire", "arabstoday"},
		rewriters: []string{"qasiounnews"}, rewriteWeight: 1.5,
	},
	{
		name: "pakistan", agencyFirst: true, weight: 0.25,
		wires: []string{"Reuters", "AFP"}, agencies: []string{"APP", "APP", "NNI", "Online"},
		copiers: []string{"APP"},
		sites:   []string{"qaumiakhbar", "roznamapak", "indusurdu", "karachipost"},
		// Urdu papers rewrite agency copy more than anyone.
		rewriters: []string{"sadaepak", "nawaishehr", "ravidaily"}, rewriteWeight: 3,
	},
	{
		name: "europe", weight: 0.3,
		wires: []string{"AFP", "EFE", "DPA", "Anadolu", "TASS", "Reuters"},
		// European wires rarely copy each other; when they do they credit.
		copiers:   []string{"EFE", "DPA", "Anadolu"},
		sites:     []string{"courrierdusud", "diariolevante", "rheinkurier", "bosforhaber", "volganovosti", "eurowatch"},
		lang:      map[string]string{"TASS": "ru"},
		rewriters: []string{"nordbote", "correodelsur", "sudouestinfo"}, rewriteWeight: 0.8,
	},
}

func (rg *region) langOf(outlet string) string {
	if l, ok := rg.lang[outlet]; ok {
		return l
	}
	return outletByName(outlet).lang
}

// world holds what the whole corpus shares: the outlets' clocks.
type world struct {
	crawl    map[string]CrawlClock
	dateOnly map[string]bool
}

func newWorld(cfg Config) *world {
	w := &world{crawl: map[string]CrawlClock{}, dateOnly: map[string]bool{}}
	for _, c := range cfg.CrawlLate {
		w.crawl[c.Outlet] = c
	}
	for _, o := range cfg.DateOnlyOutlets {
		w.dateOnly[o] = true
	}
	return w
}

// names are the names of outlets as the shipped registry writes them, by
// script; the first is the short one (tags, datelines, bylines). An
// outlet without a name in a script is written in Latin letters.
var names = map[string]map[string][]string{
	"latin": {
		"Sputnik": {"Sputnik", "Sputnik News"}, "Reuters": {"Reuters"}, "AFP": {"AFP", "Agence France-Presse"},
		"TASS": {"TASS"}, "EFE": {"EFE"}, "DPA": {"dpa", "DPA"}, "Anadolu": {"AA", "Anadolu Agency"},
		"QNA": {"QNA", "Qatar News Agency"}, "KUNA": {"KUNA", "Kuwait News Agency"},
		"WAM": {"WAM", "Emirates News Agency"}, "SPA": {"SPA", "Saudi Press Agency"},
		"SANA": {"SANA", "Syrian Arab News Agency"}, "APP": {"APP", "Associated Press of Pakistan"},
		"NNI": {"NNI", "News Network International"}, "Online": {"Online", "Online News Agency"},
	},
	"arabic": {
		"Sputnik": {"سبوتنيك"}, "Reuters": {"رويترز"}, "AFP": {"أ ف ب", "فرانس برس", "الفرنسية"}, "TASS": {"تاس"},
		"Anadolu": {"الأناضول"}, "DPA": {"د ب أ", "د. ب. أ"},
		"QNA": {"قنا", "وكالة الأنباء القطرية"}, "SPA": {"واس", "وكالة الأنباء السعودية"},
		"WAM": {"وام", "وكالة أنباء الإمارات", "وكالة الأنباء الإماراتية"}, "KUNA": {"كونا", "وكالة الأنباء الكويتية"}, "SANA": {"سانا"},
	},
	"urdu": {
		"APP": {"اے پی پی"}, "Reuters": {"رائٹرز"}, "AFP": {"اے ایف پی"},
		"NNI": {"این این آئی"}, "Online": {"آن لائن", "آن لائن نیوز ایجنسی"},
		"Anadolu": {"انادولو", "اناطولیہ"}, "QNA": {"کیو این اے"}, "SPA": {"ایس پی اے", "سعودی پریس ایجنسی"},
		"DPA": {"ڈی پی اے"}, "Sputnik": {"سپوتنک"},
	},
	"cyrillic": {
		"TASS": {"ТАСС", "ИТАР-ТАСС"}, "Sputnik": {"Спутник"}, "Reuters": {"Рейтер"}, "AFP": {"Франс Пресс"},
		"Anadolu": {"Анадолу"},
	},
}

// ambiguousNames are outlet names that are also common words ("Online"):
// they are written only where the form marks them as a name (a tag, a
// dateline, a whole byline), as the registry lists them.
var ambiguousNames = map[string]bool{"Online": true, "آن لائن": true, "الفرنسية": true}

func scriptOf(lang string) string {
	switch lang {
	case "ar":
		return "arabic"
	case "ur":
		return "urdu"
	case "ru":
		return "cyrillic"
	}
	return "latin"
}

// nameIn returns the outlet's short name in the script of lang.
func nameIn(outlet, lang string) string { return namesIn(outlet, lang)[0] }

func namesIn(outlet, lang string) []string {
	if n := names[scriptOf(lang)][outlet]; len(n) > 0 {
		return n
	}
	return names["latin"][outlet]
}

// cities are the dateline cities of wires and agencies by script.
var cities = map[string]map[string][]string{
	"latin": {
		"Sputnik": {"Moscow"}, "TASS": {"Moscow"}, "Reuters": {"London", "Beirut"}, "AFP": {"Paris", "Beirut"},
		"EFE": {"Madrid"}, "DPA": {"Berlin", "Hamburg"}, "Anadolu": {"Ankara", "Istanbul"},
		"QNA": {"Doha"}, "KUNA": {"Kuwait"}, "WAM": {"Abu Dhabi"}, "SPA": {"Riyadh", "Jeddah"},
		"SANA": {"Damascus"}, "APP": {"Islamabad", "Lahore", "Karachi"},
		"NNI": {"Islamabad", "Karachi"}, "Online": {"Islamabad", "Lahore"},
	},
	"arabic": {
		"Sputnik": {"موسكو"}, "TASS": {"موسكو"}, "Reuters": {"لندن"}, "AFP": {"باريس"},
		"QNA": {"الدوحة"}, "KUNA": {"الكويت"}, "WAM": {"أبوظبي"},
		"SPA": {"الرياض", "جدة", "نجران", "الدمام"}, "SANA": {"دمشق"},
	},
	"urdu": {
		"APP": {"اسلام آباد", "لاہور", "کراچی"}, "NNI": {"اسلام آباد", "کراچی"}, "Online": {"اسلام آباد", "لاہور"},
	},
	"cyrillic": {"TASS": {"Москва"}, "Sputnik": {"Москва"}},
}

func (f *family) cityOf(outlet, lang string) string {
	c := cities[scriptOf(lang)][outlet]
	if len(c) == 0 {
		c = cities["latin"][outlet]
	}
	return c[f.r.IntN(len(c))]
}

func isUpstreamKind(name string) bool { return outletByName(name).upstreamKind() }

// upstreamOutlets are the wires and agencies a site may wrongly credit.
func upstreamOutlets() []string {
	var out []string
	for _, o := range outlets {
		if o.upstreamKind() {
			out = append(out, o.name)
		}
	}
	return out
}

func (w *world) lateBy(f *family, outlet string) (time.Duration, bool) {
	c, ok := w.crawl[outlet]
	if !ok {
		return 0, false
	}
	d := c.Delay
	if c.Spread > 0 {
		d += time.Duration(f.r.Int64N(int64(2*c.Spread)+1)) - c.Spread
	}
	return max(d, 0), true
}
