package synth

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Config describes a corpus to generate.
type Config struct {
	Stories int    // story families
	Seed    uint64 // everything follows from it
	Words   int    // approximate words of an origin story (default 500)
	// Background is the number of standalone articles (no copies) per
	// family, spread over all outlets.
	Background float64
	// Rates, each a probability per family or per copy.
	ExcerptRate       float64 // a family gets an excerpt in an unrelated article
	MissingOriginRate float64 // the origin article is left out of the corpus
	TimeMissingRate   float64 // a copy has no timestamp
	DateOnlyRate      float64 // a copy has only a date
	SkewRate          float64 // a copy's clock runs early: it appears to precede its parent

	// MultilingualRate is the share of families set among Arabic, Urdu
	// or European outlets (Saudi newspapers copying SPA, Urdu papers
	// printing APP, European sites crediting AFP, EFE, dpa or Anadolu
	// in their own languages) instead of English Gulf websites.
	MultilingualRate float64
	// AgencyOriginRate is the share of families whose story breaks at a
	// national agency (QNA, KUNA, WAM) rather than at a wire; among Saudi,
	// Syrian and Pakistani outlets, where the national agency (SPA, SANA,
	// APP) is the main source, 2.5 times as many (at most all).
	AgencyOriginRate float64
	// CrawlLate lists outlets whose published time is when a crawler saw
	// the page: systematically late, so that an agency's own article can
	// look later than its copies.
	CrawlLate []CrawlClock
	// DateOnlyOutlets publish only a date ("2016-11-03"): newspapers that
	// print an agency's story the next day, and the agency whose site
	// shows no time.
	DateOnlyOutlets []string
	// OwnDatelineRate: an origin article opens with its own dateline
	// ("MOSCOW (Sputnik) -", «الرياض - واس», the SPA date line), which
	// most copies strip.
	OwnDatelineRate float64
	// KeepDatelineRate: a website keeps the dateline of the version it
	// copies (a newspaper keeps it twice as often).
	KeepDatelineRate float64
	// InheritRate: a copy keeps the credits written into the text it
	// copies ("…, Sputnik reported.", "Source: QNA"); otherwise it strips
	// them.
	InheritRate float64
	// BylineRate: an article has an author field; a copy that credits
	// its source often does it there ("Doha - QNA", «الرياض - واس»,
	// "By Jane Roe, Reuters"), other bylines name a reporter or "Staff
	// Reporter".
	BylineRate float64
	// SourceFieldRate: a crediting copy names its source in a source
	// field of the record.
	SourceFieldRate float64
	// FalseFriendRate: a family's text names something that looks like an
	// outlet but is no credit ("the BCB said", "AP exams", "Mr Reuter",
	// «بی سی بی کے مطابق»).
	FalseFriendRate float64

	// RewriteRate is the mean number of copies per family that rewrite
	// the version they copy (sentences reordered, split and merged,
	// synonyms, clauses turned around, sentences dropped and added) at a
	// strength drawn per copy; Urdu papers rewrite three times as often,
	// Saudi and Syrian outlets 1.5 times, European sites 0.8 times.
	RewriteRate float64
	// SummaryRate is the share of families printed as a summary by some
	// outlet: about a third of the story, each sentence shortened and
	// reworded.
	SummaryRate float64
	// RecopyRate is the share of rewritten versions (and summaries) that
	// another outlet copies in turn, verbatim or with small edits.
	RecopyRate float64
	// EventRate is the share of families whose event is also reported
	// independently by one or two other outlets: the same names, numbers
	// and often the same official statement quoted verbatim, the rest of
	// the text their own. Each independent report is a story of its own.
	EventRate float64
	// BriefRate is the share of families that one or two newspapers or
	// websites print as a brief: the wire's or agency's lead and the next
	// paragraph or two, cut from the bottom to fit, sometimes with a few words
	// changed (a fifth to a third of the story).
	BriefRate float64
}

// CrawlClock is an outlet whose timestamps are late by Delay, give or take
// Spread (uniformly), never earlier than the true time.
type CrawlClock struct {
	Outlet string
	Delay  time.Duration
	Spread time.Duration
}

// String writes the clock as the gen flag takes it: OUTLET=DELAY:SPREAD.
func (c CrawlClock) String() string { return fmt.Sprintf("%s=%s:%s", c.Outlet, c.Delay, c.Spread) }

// ParseCrawlClock reads OUTLET=DELAY[:SPREAD], e.g. "SPA=40h:16h".
func ParseCrawlClock(s string) (CrawlClock, error) {
	name, spec, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return CrawlClock{}, fmt.Errorf("crawl clock %q: want OUTLET=DELAY[:SPREAD]", s)
	}
	d, sp, _ := strings.Cut(spec, ":")
	delay, err := time.ParseDuration(d)
	if err != nil || delay < 0 {
		return CrawlClock{}, fmt.Errorf("crawl clock %q: bad delay %q", s, d)
	}
	var spread time.Duration
	if sp != "" {
		if spread, err = time.ParseDuration(sp); err != nil || spread < 0 {
			return CrawlClock{}, fmt.Errorf("crawl clock %q: bad spread %q", s, sp)
		}
	}
	return CrawlClock{Outlet: name, Delay: delay, Spread: spread}, nil
}

// DefaultConfig is a mix of everything, at modest rates.
func DefaultConfig(stories int, seed uint64) Config {
	return Config{
		Stories: stories, Seed: seed, Words: 500, Background: 1,
		ExcerptRate: 0.15, MissingOriginRate: 0.1, TimeMissingRate: 0.05,
		DateOnlyRate: 0.05, SkewRate: 0.03,
		MultilingualRate: 0.5, AgencyOriginRate: 0.3,
		CrawlLate: []CrawlClock{
			{Outlet: "SPA", Delay: 40 * time.Hour, Spread: 16 * time.Hour},
			{Outlet: "desertherald", Delay: 6 * time.Hour, Spread: 3 * time.Hour},
		},
		DateOnlyOutlets: []string{"APP", "qaumiakhbar", "roznamapak", "hijazdaily"},
		OwnDatelineRate: 0.85, KeepDatelineRate: 0.15, InheritRate: 0.75,
		BylineRate: 0.3, SourceFieldRate: 0.1, FalseFriendRate: 0.2,
		RewriteRate: 0.35, SummaryRate: 0.1, RecopyRate: 0.3, EventRate: 0.15,
		BriefRate: 0.2,
	}
}

// Article is one generated record, in the wiretrace input shape. Author
// and Source are the record's metadata fields (JSON "author", "source"),
// left out when empty.
type Article struct {
	ID        string `json:"id"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Author    string `json:"author,omitempty"`
	Source    string `json:"source,omitempty"`
}

// Meta returns the record's metadata fields as a JSON reader keeps the
// fields it does not know (corpus.Article.Extra): "author" and "source"
// when set, nil when neither is.
func (a Article) Meta() map[string]json.RawMessage {
	var m map[string]json.RawMessage
	for _, f := range []struct{ k, v string }{{"author", a.Author}, {"source", a.Source}} {
		if f.v == "" {
			continue
		}
		if m == nil {
			m = map[string]json.RawMessage{}
		}
		b, _ := json.Marshal(f.v)
		m[f.k] = b
	}
	return m
}

// Truth labels one article.
type Truth struct {
	ID           string  `json:"id"`
	Story        string  `json:"story"`      // family id; standalone articles have their own
	Parent       *string `json:"parent"`     // the article it was copied from, if in the corpus
	OriginDoc    *string `json:"origin_doc"` // the family's first publication, if in the corpus
	OriginOutlet string  `json:"origin_outlet"`
	Kind         string  `json:"kind"` // full or partial
	// Reuse says how the article's text was made from its parent's (the
	// version it was copied from, whether or not that is in the corpus):
	// verbatim (the same story text; credits, datelines and closing lines
	// may differ), edited (words changed, paragraphs cut, sentences
	// added), rewritten (a rewrite or a summary), excerpt (a passage
	// inside the outlet's own article). "" for an article that copies
	// nothing: an origin, a standalone article, an independent report.
	// It describes the link to the parent only: an edited copy of a
	// rewritten version is edited.
	Reuse string `json:"reuse"`
	// Event is set on the articles of an event that several outlets
	// reported independently: the family's story, each independent
	// report (a story of its own) and their copies share it. Stories of
	// one event share names, numbers and often a quoted statement, and
	// are still different stories.
	Event   string `json:"event,omitempty"`
	Verdict string `json:"verdict"` // origin, credits-origin, credits-intermediary, uncredited, miscredited
	// Credits are the outlets other than its own that the page names as
	// the source of its text, anywhere: in its text (whether the copier
	// wrote the credit or carried it over from the text it copied), its
	// author field and its source field. Canonical registry names.
	Credits []string `json:"credits"`
	// ParentEquivalents are the other articles whose text is identical
	// to the true parent's (not counting a website's related-stories
	// block and footer): a scorer may count them as right, since two
	// verbatim copies cannot be told apart by their text.
	ParentEquivalents []string `json:"parent_equivalents,omitempty"`
	// ParentIndistinct are the other articles that the article's own
	// text cannot tell from its true parent: it shares exactly the same
	// sentences, credit phrases, datelines and closing lines with them as
	// with its parent (a copy that truncated, or stripped the parent's
	// credits, may look like a copy of the grandparent). A superset of
	// ParentEquivalents, for a second, more lenient parent figure. When
	// the story's origin is missing, "" stands for it (no in-corpus
	// parent): a copy of an in-corpus version lists "" when its text
	// cannot tell that version from the missing original, and a copy of
	// the missing original (Parent nil) lists the in-corpus versions its
	// text cannot tell from it. ParentEquivalents never holds "".
	ParentIndistinct []string `json:"parent_indistinct,omitempty"`
	// Mentions are the phrases of the page that name an outlet or look
	// like they do: every credit, mentions of its own outlet, and false
	// friends. Credits is derived from them.
	Mentions []Mention `json:"mentions,omitempty"`
	// Traits name the variations the article carries, for figures by
	// variation (see the Trait constants).
	Traits []string `json:"traits,omitempty"`
}

// Mention is one phrase of a page that names an outlet, or looks as if it
// did.
type Mention struct {
	// Outlet is the canonical outlet named; for a false friend, the
	// outlet a careless reading would take it for ("" when none).
	Outlet string `json:"outlet,omitempty"`
	Text   string `json:"text"` // the phrase as written
	Form   string `json:"form"` // see the Form constants
	Lang   string `json:"lang"` // en, ar, ur, ru, fr, es, de, tr
	Where  string `json:"where"`
	// Credit: the page names Outlet as the source of its text. False for
	// false friends and for mentions of the page's own outlet.
	Credit    bool `json:"credit"`
	Own       bool `json:"own,omitempty"`       // names the article's own outlet
	Inherited bool `json:"inherited,omitempty"` // written by an upstream version and carried over
}

// Where a mention is.
const (
	InText      = "text"
	InAuthor    = "author"
	InSourceFld = "source"
)

// Forms of mentions.
const (
	FormDateline       = "dateline"        // CITY (X) -, CITY, Nov 3 (X) -, «الرياض - واس», SPA's date line
	FormSourceLine     = "source-line"     // Source: X, «المصدر: واس», Источник: X, Fuente: X
	FormAccordingTo    = "according-to"    // According to X, …; «بحسب واس»; «… کے مطابق»; по данным X; selon X; según X; laut X
	FormQuoting        = "quoting"         // «نقلا عن وكالة …»
	FormReported       = "reported"        // …, X reported.; «ذكرت وكالة …»; сообщает X; rapporte X; informó X; berichtete X; X'nın haberine göre
	FormSaidInReport   = "said-in-report"  // X said in a report
	FormVia            = "via"             // via X
	FormContributed    = "contributed"     // X contributed to this report.
	FormSignOff        = "sign-off"        // — X, - X as a closing line
	FormTag            = "tag"             // (X), /ТАСС/, (اے پی پی)
	FormFirstPublished = "first-published" // This report was first published by X.
	FormByline         = "byline"          // author field naming an outlet
	FormSourceField    = "source-field"    // source field naming an outlet
	FormFalseFriend    = "false-friend"    // not a credit: the BCB said, AP exams, Mr Reuter
)

// Traits of an article.
const (
	TraitBylineCredit      = "byline-credit"       // a credit named only in the author field
	TraitSourceFieldCredit = "source-field-credit" // a credit named only in the source field
	TraitInheritedCredit   = "inherited-credit"    // a credit named only by phrases carried over from upstream
	TraitDatelineCredit    = "dateline-credit"     // a credit named only by a dateline
	TraitForeignCredit     = "foreign-credit"      // a credit named only in a language other than English
	TraitOwnMention        = "own-mention"         // the page names its own outlet (own dateline or byline)
	TraitOwnDateline       = "own-dateline"        // the article opens with its own outlet's dateline
	TraitFalseFriend       = "false-friend"        // the page has a false friend
	TraitCrawlLate         = "crawl-late"          // its outlet's clock is crawl time
	TraitParentCrawlLate   = "parent-crawl-late"   // its parent's outlet's clock is crawl time
	TraitDateOnly          = "date-only"           // published is a bare date
	TraitParentDateOnly    = "parent-date-only"    // its parent's published is a bare date
	TraitNoTime            = "no-time"             // published is empty
	TraitSkewed            = "skewed"              // its clock runs early
	TraitAgencyOrigin      = "agency-origin"       // its story broke at a national agency
	TraitMissingOrigin     = "missing-origin"      // its story's origin is not in the corpus
	TraitParentEquivalent  = "parent-equivalent"   // another article's text equals its parent's
	TraitParentIndistinct  = "parent-indistinct"   // its text cannot tell another article from its parent
	TraitExcerpt           = "excerpt"             // a partial copy inside an unrelated article
	TraitRewritten         = "rewritten"           // a rewrite of its parent (or a summary)
	TraitSummary           = "summary"             // a summary of its parent in about a third of its length
	TraitParentRewritten   = "parent-rewritten"    // a copy of a rewritten version
	TraitIndependent       = "independent-report"  // an independent report of another story's event, or a copy of one
	TraitBrief             = "brief"               // the lead paragraphs of its parent, cut from the bottom
)

// Kinds of reuse (Truth.Reuse).
const (
	ReuseVerbatim  = "verbatim"
	ReuseEdited    = "edited"
	ReuseRewritten = "rewritten"
	ReuseExcerpt   = "excerpt"
)

// TraitLang is the trait of an article whose outlet writes credits in lang
// ("lang-ar").
func TraitLang(lang string) string { return "lang-" + lang }

var base = time.Date(2016, 11, 1, 6, 0, 0, 0, time.UTC)

// Generate emits every article of the corpus with its label, family by
// family, in a deterministic order.
func Generate(cfg Config, emit func(Article, Truth) error) error {
	if cfg.Words <= 0 {
		cfg.Words = 500
	}
	w := newWorld(cfg)
	for i := 0; i < cfg.Stories; i++ {
		f := newFamily(cfg, w, i)
		for _, a := range f.articles {
			if err := emit(a.art, a.truth); err != nil {
				return err
			}
		}
	}
	return nil
}

type family struct {
	cfg      Config
	w        *world
	r        *rand.Rand
	id       string
	reg      *region
	missing  bool // the origin is left out of the corpus
	articles []*generated
	extras   []*generated // excerpts, added after the copies
	n        int
	zipf     *rand.Zipf
}

func newFamily(cfg Config, w *world, i int) *family {
	f := &family{cfg: cfg, w: w, r: rand.New(rand.NewPCG(cfg.Seed, uint64(i)+1)), id: fmt.Sprintf("g%06d", i)}
	f.build(i)
	return f
}

func (f *family) nextID(outlet string) string {
	f.n++
	return fmt.Sprintf("%s-%02d-%s", f.id, f.n, strings.ToLower(outlet))
}
