package synth

import (
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
}

// DefaultConfig is a mix of everything, at modest rates.
func DefaultConfig(stories int, seed uint64) Config {
	return Config{
		Stories: stories, Seed: seed, Words: 500, Background: 1,
		ExcerptRate: 0.15, MissingOriginRate: 0.1, TimeMissingRate: 0.05,
		DateOnlyRate: 0.05, SkewRate: 0.03,
	}
}

// Article is one generated record, in the wiretrace input shape.
type Article struct {
	ID        string `json:"id"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
}

// Truth labels one article.
type Truth struct {
	ID           string   `json:"id"`
	Story        string   `json:"story"`      // family id; standalone articles have their own
	Parent       *string  `json:"parent"`     // the article it was copied from, if in the corpus
	OriginDoc    *string  `json:"origin_doc"` // the family's first publication, if in the corpus
	OriginOutlet string   `json:"origin_outlet"`
	Kind         string   `json:"kind"`    // full or partial
	Verdict      string   `json:"verdict"` // origin, credits-origin, credits-intermediary, uncredited, miscredited
	Credits      []string `json:"credits"` // outlets named as sources, canonical names
}

// Outlets of the generated world. Names are the registry's canonical names
// where the outlet is a real agency.
var (
	wires    = []outlet{{"Sputnik", "Moscow"}, {"Reuters", "London"}, {"AFP", "Paris"}, {"TASS", "Moscow"}}
	agencies = []outlet{{"QNA", "Doha"}, {"KUNA", "Kuwait"}, {"WAM", "Abu Dhabi"}, {"SPA", "Riyadh"}}
	sites    = []string{"arabstoday", "gulfpost", "dailymirrorme", "newsnow", "levantwire", "desertherald"}
)

type outlet struct{ name, city string }

var base = time.Date(2016, 11, 1, 6, 0, 0, 0, time.UTC)

// Generate emits every article of the corpus with its label, family by
// family, in a deterministic order.
func Generate(cfg Config, emit func(Article, Truth) error) error {
	if cfg.Words <= 0 {
		cfg.Words = 500
	}
	for i := 0; i < cfg.Stories; i++ {
		f := newFamily(cfg, i)
		for _, a := range f.articles {
			if err := emit(a.art, a.truth); err != nil {
				return err
			}
		}
	}
	return nil
}

type generated struct {
	art            Article
	truth          Truth
	paras          []string
	attribution    []string // credit lines added when rendering
	dateline       string   // the "CITY (X) - " the text opens with, if any
	datelineOutlet string
	when           time.Time
	outl           string
	anc            []string // outlets upstream of it, nearest first
}

type family struct {
	cfg      Config
	r        *rand.Rand
	id       string
	articles []*generated
	extras   []*generated // excerpts, added after the copies
	n        int
	zipf     *rand.Zipf
}

func newFamily(cfg Config, i int) *family {
	f := &family{cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed, uint64(i)+1)), id: fmt.Sprintf("g%06d", i)}
	f.build(i)
	return f
}

func (f *family) nextID(outlet string) string {
	f.n++
	return fmt.Sprintf("%s-%02d-%s", f.id, f.n, strings.ToLower(outlet))
}
