package synth

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"
)

// Credit phrases as newsrooms write them, by language. The story text is
// pseudo-English filler; the phrases carry the language. Outlet names are
// the shipped registry's, in the script of the language (see names).

const (
	posOpen  = iota // opens the text, after the dateline
	posClose        // closes a sentence: ", X reported."
	posLine         // a closing line after the body
)

type phrase struct {
	form string
	pos  int
	make func(f *family, outlet string) string
}

// tag is the name in a tag "(X)": the short one, even when it is also a
// common word (a tag marks it as a name).
func tag(o, lang string) string { return nameIn(o, lang) }

// short is the name in running text: the short one unless it is also a
// common word («آن لائن» "online"), then a longer one a reader cannot
// mistake.
func short(f *family, o, lang string) string { return proseNames(o, lang)[0] }

// anyName is any name a reader cannot mistake in running text.
func anyName(f *family, o, lang string) string {
	n := proseNames(o, lang)
	return n[f.r.IntN(len(n))]
}

func proseNames(o, lang string) []string {
	var out []string
	for _, n := range namesIn(o, lang) {
		if !ambiguousNames[n] {
			out = append(out, n)
		}
	}
	return out
}

// arAgency writes "the agency X" in Arabic: a long name already says
// «وكالة»; a short one gets it.
func arAgency(f *family, o string) string {
	n := proseNames(o, "ar")
	if len(n) > 1 && f.r.IntN(2) == 0 {
		return n[1]
	}
	return "وكالة " + n[0]
}

// trGenitive is the Turkish genitive of an outlet name, as in
// "Anadolu Ajansı'nın haberine göre".
func trGenitive(f *family, o string) string {
	switch o {
	case "Anadolu":
		if f.r.IntN(2) == 0 {
			return "Anadolu Ajansı'nın"
		}
		return "AA'nın"
	case "Reuters", "TASS":
		return proseNames(o, "tr")[0] + "'ın"
	case "Sputnik":
		return "Sputnik'in"
	case "DPA":
		return "dpa'nın"
	}
	return proseNames(o, "tr")[0] + "'nin"
}

func frName(o string) string {
	if o == "AFP" {
		return "l'AFP"
	}
	return proseNames(o, "fr")[0]
}

// domains are the outlets' web addresses, as the registry's slugs have
// them.
var domains = map[string]string{
	"Sputnik": "sputnikglobe.com", "Reuters": "reuters.com", "AFP": "afp.com", "TASS": "tass.com",
	"EFE": "efe.com", "DPA": "dpa.com", "Anadolu": "aa.com.tr", "QNA": "qna.org.qa", "KUNA": "kuna.net.kw",
	"WAM": "wam.ae", "SPA": "spa.gov.sa", "SANA": "sana.sy", "APP": "app.com.pk",
}

// address is how a page links its source: a domain, a "www." one, or an
// article's URL; the outlet's name when it has no domain here.
func address(f *family, o string) string {
	d, ok := domains[o]
	if !ok {
		return short(f, o, "en")
	}
	switch f.r.IntN(3) {
	case 0:
		return "www." + d
	case 1:
		return fmt.Sprintf("https://www.%s/news/%d/", d, 1000+f.r.IntN(9000))
	}
	return d
}

// site is an outlet's domain written as a site's name ("Sputnikglobe.com"),
// or its name.
func site(f *family, o string) string {
	d, ok := domains[o]
	if !ok {
		return anyName(f, o, "en")
	}
	return strings.ToUpper(d[:1]) + d[1:]
}

var phrases = map[string][]phrase{
	"en": {
		{FormAccordingTo, posOpen, func(f *family, o string) string { return "According to " + anyName(f, o, "en") + ", " }},
		{FormReported, posClose, func(f *family, o string) string { return ", " + anyName(f, o, "en") + " reported." }},
		{FormSaidInReport, posClose, func(f *family, o string) string { return ", " + short(f, o, "en") + " said in a report." }},
		{FormAccordingTo, posClose, func(f *family, o string) string { return ", according to " + anyName(f, o, "en") + "." }},
		{FormTag, posClose, func(f *family, o string) string { return ". (" + tag(o, "en") + ")" }},
		{FormSourceLine, posLine, func(f *family, o string) string { return "Source: " + short(f, o, "en") }},
		{FormSignOff, posLine, func(f *family, o string) string { return "— " + anyName(f, o, "en") }},
		{FormSignOff, posLine, func(f *family, o string) string { return "- " + short(f, o, "en") }},
		{FormTag, posLine, func(f *family, o string) string { return "(" + tag(o, "en") + ")" }},
		{FormContributed, posLine, func(f *family, o string) string { return short(f, o, "en") + " contributed to this report." }},
		{FormVia, posLine, func(f *family, o string) string { return "via " + short(f, o, "en") }},
		{FormFirstPublished, posLine, func(f *family, o string) string {
			return "This report was first published by " + anyName(f, o, "en") + "."
		}},
		// The forms of sites that republish wire and state-media copy.
		{FormSourceLine, posLine, func(f *family, o string) string { return "Source(s): " + anyName(f, o, "en") }},
		{FormSourceLine, posLine, func(f *family, o string) string { return "Courtesy of " + short(f, o, "en") }},
		{FormSourceLine, posLine, func(f *family, o string) string { return "h/t " + short(f, o, "en") }},
		{FormSourceLine, posLine, func(f *family, o string) string { return "Source: " + address(f, o) }},
		{FormFirstPublished, posLine, func(f *family, o string) string { return "Republished from " + anyName(f, o, "en") + "." }},
		{FormFirstPublished, posLine, func(f *family, o string) string {
			return "This story first appeared on " + site(f, o) + "."
		}},
	},
	"ar": {
		{FormQuoting, posOpen, func(f *family, o string) string { return "نقلا عن " + arAgency(f, o) + "، " }},
		{FormAccordingTo, posOpen, func(f *family, o string) string { return "بحسب " + short(f, o, "ar") + "، " }},
		{FormReported, posOpen, func(f *family, o string) string { return "ذكرت " + arAgency(f, o) + " أن " }},
		{FormAccordingTo, posClose, func(f *family, o string) string { return "، بحسب " + anyName(f, o, "ar") + "." }},
		{FormAccordingTo, posClose, func(f *family, o string) string { return "، وفقا لـ\"" + short(f, o, "ar") + "\"." }},
		{FormQuoting, posClose, func(f *family, o string) string { return "، نقلا عن " + arAgency(f, o) + "." }},
		{FormReported, posClose, func(f *family, o string) string { return "، حسبما أفادت " + arAgency(f, o) + "." }},
		{FormTag, posClose, func(f *family, o string) string { return ". (" + tag(o, "ar") + ")" }},
		{FormSourceLine, posLine, func(f *family, o string) string { return "المصدر: " + anyName(f, o, "ar") }},
		{FormTag, posLine, func(f *family, o string) string { return "(" + tag(o, "ar") + ")" }},
	},
	"ur": {
		{FormAccordingTo, posOpen, func(f *family, o string) string { return short(f, o, "ur") + " کے مطابق " }},
		{FormAccordingTo, posClose, func(f *family, o string) string { return "، " + short(f, o, "ur") + " کے مطابق۔" }},
		{FormTag, posClose, func(f *family, o string) string { return ". (" + tag(o, "ur") + ")" }},
		{FormTag, posLine, func(f *family, o string) string { return "(" + tag(o, "ur") + ")" }},
		{FormSourceLine, posLine, func(f *family, o string) string { return "بشکریہ " + short(f, o, "ur") }},
	},
	"ru": {
		{FormAccordingTo, posOpen, func(f *family, o string) string { return "По данным " + short(f, o, "ru") + ", " }},
		{FormReported, posClose, func(f *family, o string) string { return ", сообщает " + short(f, o, "ru") + "." }},
		{FormReported, posClose, func(f *family, o string) string { return ", передает " + short(f, o, "ru") + "." }},
		{FormAccordingTo, posClose, func(f *family, o string) string { return ", по данным " + short(f, o, "ru") + "." }},
		{FormSourceLine, posLine, func(f *family, o string) string { return "Источник: " + short(f, o, "ru") }},
		{FormTag, posLine, func(f *family, o string) string { return "/" + tag(o, "ru") + "/" }},
	},
	"fr": {
		{FormAccordingTo, posOpen, func(f *family, o string) string { return "Selon " + frName(o) + ", " }},
		{FormAccordingTo, posClose, func(f *family, o string) string { return ", selon " + frName(o) + "." }},
		{FormReported, posClose, func(f *family, o string) string { return ", rapporte " + frName(o) + "." }},
		{FormSourceLine, posLine, func(f *family, o string) string { return "Source : " + short(f, o, "fr") }},
		{FormTag, posLine, func(f *family, o string) string { return "(" + tag(o, "fr") + ")" }},
	},
	"es": {
		{FormAccordingTo, posOpen, func(f *family, o string) string { return "Según " + short(f, o, "es") + ", " }},
		{FormAccordingTo, posClose, func(f *family, o string) string { return ", según " + short(f, o, "es") + "." }},
		{FormReported, posClose, func(f *family, o string) string { return ", informó " + short(f, o, "es") + "." }},
		{FormSourceLine, posLine, func(f *family, o string) string { return "Fuente: " + short(f, o, "es") }},
		{FormTag, posLine, func(f *family, o string) string { return "(" + tag(o, "es") + ")" }},
	},
	"de": {
		{FormAccordingTo, posOpen, func(f *family, o string) string { return "Laut " + short(f, o, "de") + " " }},
		{FormReported, posClose, func(f *family, o string) string { return ", berichtete " + short(f, o, "de") + "." }},
		{FormAccordingTo, posClose, func(f *family, o string) string { return ", laut " + short(f, o, "de") + "." }},
		{FormSourceLine, posLine, func(f *family, o string) string { return "Quelle: " + short(f, o, "de") }},
		{FormTag, posLine, func(f *family, o string) string { return "(" + tag(o, "de") + ")" }},
	},
	"tr": {
		{FormReported, posOpen, func(f *family, o string) string { return trGenitive(f, o) + " haberine göre, " }},
		{FormReported, posClose, func(f *family, o string) string { return ", " + trGenitive(f, o) + " haberine göre." }},
		{FormSourceLine, posLine, func(f *family, o string) string { return "Kaynak: " + short(f, o, "tr") }},
		{FormTag, posLine, func(f *family, o string) string { return "(" + tag(o, "tr") + ")" }},
	},
}

// credit makes g name outlet as its source in its text, in a phrase of its
// language chosen at random.
func (f *family) credit(g *generated, outlet string) {
	ps := phrases[g.lang]
	for tries := 0; tries < 8; tries++ {
		p := ps[f.r.IntN(len(ps))]
		m := &mark{outlet: outlet, form: p.form, lang: g.lang, credit: true, by: g.art.ID}
		switch p.pos {
		case posOpen:
			if len(g.paras[0]) > 0 && g.paras[0][len(g.paras[0])-1].mark == nil && !opened(g) {
				g.open(p.make(f, outlet), m)
				return
			}
		case posClose:
			if p.form == FormTag { // a tag closes the story
				if last := len(g.paras) - 1; slices.Contains(g.appendable(len(g.paras)), last) {
					g.closeWith(last, p.make(f, outlet), m)
					return
				}
				continue
			}
			// Newsrooms attribute in the first paragraphs.
			if at := g.appendable(3); len(at) > 0 {
				g.closeWith(at[f.r.IntN(len(at))], p.make(f, outlet), m)
				return
			}
		case posLine:
			g.tail = append(g.tail, part{text: p.make(f, outlet), mark: m})
			return
		}
	}
	for _, p := range ps { // every language has closing lines
		if p.pos == posLine {
			m := &mark{outlet: outlet, form: p.form, lang: g.lang, credit: true, by: g.art.ID}
			g.tail = append(g.tail, part{text: p.make(f, outlet), mark: m})
			return
		}
	}
}

// opened reports whether the text already opens with a phrase.
func opened(g *generated) bool {
	for _, x := range g.paras[0] {
		if x.mark != nil && !x.mark.dateline {
			return true
		}
		if x.mark == nil {
			return false
		}
	}
	return false
}

var months = map[string][]string{
	"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	"ar": {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	"es": {"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"},
}

var hijriMonths = []string{"محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"}

// hijri converts a date to the Hijri calendar as SPA's date line writes
// it: the tabular (arithmetic) calendar, one day ahead, which is how the
// Umm al-Qura calendar falls in 2015-2017 (10 August 2015 is 25 Shawwal
// 1436).
func hijri(t time.Time) (y, m, d int) {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) // the local date
	jd := int(day.Unix()/86400) + 2440588 + 1
	l := jd - 1948440 + 10632
	n := (l - 1) / 10631
	l = l - 10631*n + 354
	j := ((10985-l)/5316)*((50*l)/17719) + (l/5670)*((43*l)/15238)
	l = l - ((30-j)/15)*((17719*j)/50) - (j/16)*((15238*j)/43) + 29
	m = (24 * l) / 709
	d = l - (709*m)/24
	y = 30*n + j - 30
	return y, m, d
}

// dateline writes outlet's dateline in lang for an article of time t.
func (f *family) dateline(outlet, lang string, t time.Time) (string, string) {
	t = t.In(zoneOf(outlet))
	x := nameIn(outlet, lang)
	city := f.cityOf(outlet, lang)
	switch lang {
	case "ar":
		if outlet == "SPA" && f.r.IntN(2) == 0 {
			hy, hm, hd := hijri(t)
			return fmt.Sprintf("%s %d %s %d هـ الموافق %d %s %d م %s ", city, hd, hijriMonths[hm-1], hy,
				t.Day(), months["ar"][t.Month()-1], t.Year(), x), FormDateline
		}
		d := f.arDash(city, x)
		switch f.r.IntN(3) {
		case 0:
			return fmt.Sprintf("%s%s%s: ", city, d, x), FormDateline
		case 1:
			return fmt.Sprintf("%s في %d %s /%s/ ", city, t.Day(), months["ar"][t.Month()-1], x), FormDateline
		}
		return fmt.Sprintf("%s%s%s - ", city, d, x), FormDateline
	case "ur":
		return fmt.Sprintf("%s (%s) ", city, x), FormDateline
	case "ru":
		return fmt.Sprintf("%s, %d %s. /%s/. ", strings.ToUpper(city), t.Day(), months["ru"][t.Month()-1], x), FormDateline
	case "es":
		return fmt.Sprintf("%s, %d %s (%s).- ", strings.ToUpper(city), t.Day(), months["es"][t.Month()-1], x), FormDateline
	case "de":
		return fmt.Sprintf("%s (%s) - ", city, x), FormDateline
	case "en", "fr", "tr":
		if f.r.IntN(3) == 0 {
			return fmt.Sprintf("%s, %s %d (%s) - ", city, months["en"][t.Month()-1], t.Day(), x), FormDateline
		}
	}
	return fmt.Sprintf("%s (%s) - ", strings.ToUpper(city), x), FormDateline
}

var reporters = map[string][]string{
	"en": {"Jane Roe", "Omar Haddad", "Sara Malik", "John Doe"},
	"ar": {"محمد العتيبي", "فهد الشمري", "نورة القحطاني"},
	"ur": {"عامر خان", "فرحان علی"},
	"ru": {"Иван Петров", "Анна Смирнова"},
	"fr": {"Jean Dupont", "Claire Martin"},
	"es": {"Lucía Gómez", "Pablo Ruiz"},
	"de": {"Hans Weber", "Anna Schmidt"},
	"tr": {"Ayşe Yılmaz", "Mehmet Demir"},
}

// staff are bylines that name no outlet.
var staff = map[string][]string{
	"en": {"Staff Reporter", "Agencies", "News Desk"},
	"ar": {"فريق التحرير", "المحرر"},
	"ur": {"نمائندہ خصوصی", "اسٹاف رپورٹر"},
	"ru": {"Редакция"},
	"fr": {"La rédaction"},
	"es": {"Redacción"},
	"de": {"Redaktion"},
	"tr": {"Haber Merkezi"},
}

var byWord = map[string]string{"en": "By", "fr": "Par", "es": "Por", "de": "Von"}

func (f *family) reporter(lang string) string {
	r := reporters[lang]
	return r[f.r.IntN(len(r))]
}

// arDash is the dash an Arabic byline or dateline sets between a city
// and a name: papers use the hyphen, the en dash or the tatweel («لندن ـ
// رويترز»). It is chosen by a hash of the family and the names, not by
// the random source, so that corpora of a seed keep their structure.
func (f *family) arDash(city, name string) string {
	dashes := []string{" - ", " ـ ", " - ", " ــ ", " – "}
	return dashes[xxhash.Sum64String(f.id+"|"+city+"|"+name)%uint64(len(dashes))]
}

// bylineName is the name a byline in Arabic or Urdu gives outlet: any of
// its names there (papers write «الفرنسية» or «أ ف ب», «ایس پی اے»), chosen
// by a hash like arDash's; the first name in other languages.
func (f *family) bylineName(outlet, lang string) string {
	if lang != "ar" && lang != "ur" {
		return nameIn(outlet, lang)
	}
	n := namesIn(outlet, lang)
	return n[xxhash.Sum64String(f.id+"|"+outlet+"|"+lang)%uint64(len(n))]
}

// creditByline writes a byline naming outlet in lang.
func (f *family) creditByline(outlet, lang string) string {
	x := f.bylineName(outlet, lang)
	city := f.cityOf(outlet, lang)
	switch lang {
	case "ar":
		d := f.arDash(city, x)
		switch f.r.IntN(4) {
		case 0:
			return city + d + x
		case 1:
			return x + d + city
		case 2:
			return city + " : " + x
		}
		return x
	case "ur":
		if f.r.IntN(2) == 0 {
			return city + " (" + x + ")"
		}
		return x
	case "en":
		switch f.r.IntN(6) {
		case 0:
			return city + " - " + x
		case 1:
			return x + " - " + city
		case 2:
			return city + ": " + x
		case 3:
			return "By " + f.reporter(lang) + ", " + x
		case 4:
			if !ambiguousNames[x] { // a common word is a name only as a whole part
				return x + " staff"
			}
		}
		return x
	}
	if w, ok := byWord[lang]; ok && f.r.IntN(2) == 0 {
		return w + " " + f.reporter(lang) + ", " + x
	}
	return x
}

// plainByline is a byline that names no outlet: a reporter or the desk.
func (f *family) plainByline(lang string) string {
	if f.r.IntN(2) == 0 {
		if w, ok := byWord[lang]; ok && f.r.IntN(2) == 0 {
			return w + " " + f.reporter(lang)
		}
		return f.reporter(lang)
	}
	s := staff[lang]
	return s[f.r.IntN(len(s))]
}

// falseFriend is a sentence that names something that is not a news
// outlet, or an outlet in a sense that is not a credit.
type falseFriend struct {
	outlet string // what a careless reading takes it for
	text   string
}

var falseFriends = map[string][]falseFriend{
	"en": {
		{"BBC", "The BCB said the tour of the visiting side would go ahead as planned."},
		{"", "The UN reported a sharp rise in arrivals at the border."},
		{"Reuters", "Mr Reuter, the company's chairman, declined to comment."},
		{"Reuters", "According to Mr Reuter, the talks will resume next week."},
		{"AP", "More students sat AP exams this year than ever before."},
		{"AP", "AP exam results are due in July, teachers said."},
		{"", "The IMF said in a report that growth would slow."},
		{"Anadolu", "He said he had attended an AA meeting every week since."},
		{"SPA", "The resort's new SPA & Wellness centre opened on Friday."},
		// "told X" names who obtained a quote; the page still presents the
		// text as its own.
		{"Reuters", "A senior official told Reuters the talks would resume."},
		{"AFP", "A spokesman told AFP the convoy had been delayed."},
		{"Sputnik", "The deputy minister told Sputnik no agreement had been reached."},
	},
	"ar": {
		{"", "وفقا للبنك الدولي، سيتباطأ النمو هذا العام."},
		{"", "بحسب وزارة الصحة، ارتفع عدد الحالات."},
	},
	"ur": {
		{"BBC", "بی سی بی کے مطابق ٹیم کا اعلان جمعہ کو کیا جائے گا۔"},
		{"BBC", "بی سی بی کے صدر نے کہا کہ دورہ جاری رہے گا۔"},
	},
	"ru": {{"", "По данным ВОЗ, число случаев выросло."}},
	"fr": {{"", "Selon l'OMS, le nombre de cas a augmenté."}},
	"es": {{"", "Según la OMS, los casos aumentaron."}},
	"de": {{"", "Laut WHO stieg die Zahl der Fälle."}},
	"tr": {{"", "TÜİK'in verilerine göre enflasyon yükseldi."}},
}

// addFalseFriend puts a false friend of g's language (or English) into
// one of its first paragraphs.
func (f *family) addFalseFriend(g *generated) {
	lang := g.lang
	if f.r.IntN(3) == 0 {
		lang = "en"
	}
	ff := falseFriends[lang][f.r.IntN(len(falseFriends[lang]))]
	i := f.r.IntN(min(3, len(g.paras)))
	g.addSentence(i, ff.text, &mark{outlet: ff.outlet, form: FormFalseFriend, lang: lang, by: g.art.ID})
}
