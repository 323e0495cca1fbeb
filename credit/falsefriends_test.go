package credit

import (
	"strings"
	"testing"
)

// A false credit is as bad as a missed one: each case here is a name
// or a phrase that looks like an outlet and is not one.
func TestFalseFriendsExtract(t *testing.T) {
	runForms(t, []formCase{
		// Cricket boards and other organisations are not outlets; BCB is
		// one edit from BBC in Urdu script.
		{"BCB in Urdu is not BBC", "ڈھاکہ (بی سی بی) بنگلہ دیش کرکٹ بورڈ نے کہا", ""},
		{"BCB according to", "بی سی بی کے مطابق میچ ملتوی ہو گیا", ""},
		{"PCB according to", "پی سی بی کے مطابق ٹیم کا اعلان کل ہوگا", ""},
		{"ICC said", "The ICC said the match would go ahead.", ""},
		{"according to the UN", "Ten thousand fled, according to the UN.", ""},
		{"WHO said", "The WHO said cases rose.", ""},
		{"who said", "The man who said it left.", ""},
		{"FIFA reported", "FIFA reported record revenue.", ""},
		{"NATO said", "NATO said the drills would continue.", ""},
		{"organisation in a tag", "It was signed. (UN)\nMore text.", ""},
		{"source line names an organisation", "Body.\nSource: WHO", "World Health Organization/source-line/quoted"},
		{"PTI the party", "PTI said the election was rigged.", ""},
		{"PTI the party in Urdu", "پی ٹی آئی کے مطابق جلسہ کل ہوگا", ""},
		// Photo credits in the text.
		{"photo via", "The minister arrived on Monday. (Photo via AP)\nMore text.", ""},
		{"photo via inside", "Intro.\nThe minister (Photo via AP) arrived on Monday.\nMore.", ""},
		// A source word opening a sentence is no source line.
		{"sources said", "Intro.\nSources said the talks would resume on Monday.", ""},
		{"quelle est", "Intro.\nQuelle est la position de la France ?", ""},
		{"courtesy of", "Intro.\nCourtesy of the family.", ""},
		{"via twitter", "Intro.\nVia Twitter", ""},
		// Abbreviations glossed after what they abbreviate.
		{"MENA the region", "Growth in the Middle East and North Africa (MENA) region slowed.", ""},
		{"MENA the region inside", "Intro.\nGrowth in the Middle East and North Africa (MENA) region slowed.\nMore.", ""},
		{"PTI the party glossed", "Pakistan Tehreek-e-Insaf (PTI) won the most seats.", ""},
		{"AFP the protein", "Levels of alpha-fetoprotein (AFP) rose in the patients.", ""},
		{"AA the fellowship", "He joined Alcoholics Anonymous (AA) last year.", ""},
		{"MAP in the last lines", "Intro.\nBody.\nThe nurse measured the Mean Arterial Pressure (MAP)", ""},
		{"TAP in the last lines", "Intro.\nBody.\nThe statement came from the Tunisian Association of Parents (TAP)", ""},
		{"TAP after a word", "Intro.\nBody.\nThe statement was read by the spokesman (TAP)", ""},
		// People and places.
		{"a person named Reuter", "The case was reported by Paul Reuter, according to Paul Reuter himself.", "Paul Reuter/according-to/quoted"},
		{"Reuter said", "Reuter said the plan was sound.", ""},
		{"Michael Bloomberg", "Michael Bloomberg said he would run.", ""},
		{"Petra Kvitova", "Petra Kvitova said she was tired.", ""},
		{"Ankara is not Antara", "Talks began, according to Ankara.", "Ankara/according-to/quoted"},
		{"Sputnik V is a vaccine", "The shots work, according to Sputnik V developers.", "Sputnik V/according-to/quoted"},
		{"Associated alone", "Prices rose, according to Associated Industries.", "Associated Industries/according-to/quoted"},
		{"Associated Press of Pakistan is APP", "Prices rose, according to the Associated Press of Pakistan.", "APP/according-to/credit"},
		{"Agence alone", "Prices rose, according to Agence.", "Agence/according-to/quoted"},
		// Words in lower case are not acronyms.
		{"was is a word", "It was reported that the talks failed, it was said.", ""},
		{"ap in lower case", "The figures, according to ap, rose.", ""},
		{"afp in lower case", "told afp nothing", ""},
		{"un in French", "selon un responsable, les prix ont monté", ""},
		{"le monde in lower case", "selon le monde entier, les prix ont monté", ""},
		// Arabic words that are also names of outlets.
		{"al-yaum is today", "وقالت اليوم وزارة الصحة إن الحالات تراجعت", ""},
		{"al-riyadh is the city", "وقالت الرياض إنها لن تقبل بذلك", ""},
		{"al-jazirah is the peninsula", "وذكرت الجزيرة أن الأمطار ستستمر", ""},
		{"russia today", "وأعلنت روسيا اليوم أنها سترد", ""},
		{"arabs today", "وقالت العرب اليوم إنها", ""},
		{"sabq is preceded", "وكان قد سبق أن أعلنت الوزارة ذلك", ""},
		{"al-eqtisadiya is economic", "وقالت الاقتصادية إن الأسعار ارتفعت", ""},
		{"al-eqtisadiya quoted", "وقالت «الاقتصادية» إن الأسعار ارتفعت", "Al Eqtisadiya/reported/quoted"},
		{"middle east", "وذكرت الشرق الأوسط أن المنطقة تشهد", ""},
		{"bina is with us", "وقال مر بنا يوم صعب", ""},
		{"lebanon is not li-bna", "وقال لبنان إنه يرفض", ""},
		{"qena the city", "قنا - أ ش أ: شهدت محافظة قنا", "MENA/dateline/credit"},
		// Arabic names one letter apart are other names: no fuzzy match.
		{"al-jarida is not al-jazirah", "وذكرت صحيفة الجريدة الكويتية أن", "Al Jarida/reported/quoted"},
		{"korean agency is not SANA", "وذكرت وكالة الأنباء الكورية أن", ""},
		{"chinese agency is not Saba", "وذكرت وكالة الأنباء الصينية أن", ""},
		{"al-masira is not al jazeera", "وقال لقناة المسيرة إن", ""},
		{"a german paper is not al madina", "وقال لصحيفة ألمانية إن", ""},
		{"a verse is not Elaph", "حيث قال: {لِإِيلَافِ قُرَيْشٍ}", ""},
		{"sold to Bloomberg", "لكنهم شعروا بالارتياح لأن صحيفتهم لم يتم بيعها لبلومبرج وهي مشتر آخر", ""},
		// A long opening before a tag is a sentence, not a place and a
		// date: the tag is a tag, not a dateline.
		{"caption tag is not a dateline", "الرياض\nوالذي حظي ب 6 ملايين زائر العام الماضي ورغم ذلك فإن المتحف (أ ف ب)\nنص", "AFP/wire-tag/credit"},
		{"online is a word in Urdu", "یہ سہولت آن لائن دستیاب ہے", ""},
		{"online is a word in English", "The service is available online, he said.", ""},
		{"thana is a name", "ثناء اللہ نے بتایا کہ کام جاری ہے", ""},
		{"in the MENA region", "Growth in the MENA region slowed.", ""},
	})
}

func TestFalseFriendsResolve(t *testing.T) {
	r := DefaultRegistry()
	for _, tc := range []struct {
		name, not string
	}{
		{"بی سی بی", "BBC"},
		{"BCB", "BBC"},
		{"پی سی بی", "BBC"},
		{"Reuter", "Reuters"},
		{"Associated", "AP"},
		{"Agence", "AFP"},
		{"Ankara", "Antara"},
		{"Sputnik V", "Sputnik"},
		{"اليوم", "Al Yaum"},
		{"الرياض", "Al Riyadh"},
		{"الجزيرة", "Al Jazirah"},
		{"الوطن", "Al Watan"},
		{"المدينة", "Al Madina"},
		{"Interface", "Interfax"},
		{"agency", "Agencies"},
		{"агентство", "Agencies"},
	} {
		for _, f := range []func(string) (string, bool){r.Resolve, r.ResolveMention} {
			if got, _ := f(tc.name); got == tc.not {
				t.Errorf("%q resolves to %q", tc.name, got)
			}
		}
	}
	// Acronyms in running text keep the registry's case; Resolve, for
	// outlet fields, does not.
	for _, tc := range []struct {
		name        string
		text, field bool
	}{
		{"AP", true, true},
		{"ap", false, true},
		{"Ap", false, true},
		{"AFP", true, true},
		{"afp", false, true},
		{"dpa", true, true},
		{"DPA", true, true},
		{"WAS", true, true},
		{"was", false, true},
		{"Was", false, true},
		{"alriyadh", false, true},
		{"aawsat", false, true},
		{"«الاقتصادية»", false, true}, // ambiguous: needs a tag or quotes in context
		{"Le Monde", true, true},
		{"le monde", false, true},
	} {
		if _, ok := r.ResolveMention(tc.name); ok != tc.text {
			t.Errorf("ResolveMention(%q) known = %v, want %v", tc.name, ok, tc.text)
		}
		if _, ok := r.Resolve(tc.name); ok != tc.field {
			t.Errorf("Resolve(%q) known = %v, want %v", tc.name, ok, tc.field)
		}
	}
}

// TestSaudiSlugs: the SaudiNewsNet outlet field resolves to the outlets.
func TestSaudiSlugs(t *testing.T) {
	r := DefaultRegistry()
	for slug, want := range map[string]string{
		"was": "SPA", "alriyadh": "Al Riyadh", "okaz": "Okaz", "alyaum": "Al Yaum", "aljazirah": "Al Jazirah",
		"alwatan": "Al Watan", "aleqtisadiya": "Al Eqtisadiya", "aawsat": "Asharq Al-Awsat", "sabq": "Sabq",
		"3alyoum": "Ain Alyoum", "alweeam": "Al Weeam", "almadina": "Al Madina",
	} {
		if got, ok := r.Resolve(slug); !ok || got != want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", slug, got, ok, want)
		}
	}
	if k := r.Kind("Al Weeam"); k != Aggregator {
		t.Errorf("Al Weeam is a %q", k)
	}
	if k := r.Kind("SPA"); k != Agency {
		t.Errorf("SPA is a %q", k)
	}
	for _, a := range []string{"عكاظ", "الاقتصادية الإلكترونية", "الشرق الأوسط أونلاين", "عين اليوم", "الوئام", "واس"} {
		if _, ok := r.ResolveMention(a); !ok {
			t.Errorf("ResolveMention(%q) unknown", a)
		}
	}
}

// TestShippedRegistry checks the shipped file: every kind valid, no alias
// shared by two outlets, no Latin acronym alias in lower case but dpa.
func TestShippedRegistry(t *testing.T) {
	r := DefaultRegistry()
	owner := map[string]string{}
	for name, o := range r.outlets {
		if !o.Kind.valid() {
			t.Errorf("%s: kind %q", name, o.Kind)
		}
		for _, list := range [][]string{o.Aliases, o.Ambiguous, o.Slugs} {
			for _, a := range list {
				k := normalize(a)
				if prev, ok := owner[k]; ok && prev != name {
					t.Errorf("alias %q of %s is also %s's", a, name, prev)
				}
				owner[k] = name
			}
		}
		for _, a := range o.Aliases {
			if latinAcronym(a) && strings.ToLower(a) == a && a != "dpa" {
				t.Errorf("%s: lower-case acronym alias %q would match a word", name, a)
			}
		}
	}
}

// TestNoStateAcrossTexts: a quoted name in one text must not make an
// ambiguous alias count in the next (a handler once kept that state).
func TestNoStateAcrossTexts(t *testing.T) {
	r := DefaultRegistry()
	if got := show(r.Extract("وذكرت «الاقتصادية» أن الأسعار ارتفعت")); got != "Al Eqtisadiya/reported/quoted" {
		t.Fatalf("quoted: %q", got)
	}
	for _, text := range []string{"وذكر البيان أن واشنطن ستسلم الطائرات", "وذكرت الاقتصادية أن الأسعار ارتفعت"} {
		if got := show(r.Extract(text)); got != "" {
			t.Errorf("Extract(%q) after a quoted name = %q", text, got)
		}
	}
}
