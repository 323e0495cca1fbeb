package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"github.com/wiretrace/wiretrace/internal/fileerr"
	"io"
	"sort"
)

// Truth labels one article.
type Truth struct {
	ID           string   `json:"id"`
	Story        string   `json:"story"`
	Parent       *string  `json:"parent"`
	OriginDoc    *string  `json:"origin_doc"`
	OriginOutlet string   `json:"origin_outlet"`
	Kind         string   `json:"kind"`
	Verdict      string   `json:"verdict"`
	Credits      []string `json:"credits"`
	// Reuse is how the article's text was made from its parent's:
	// verbatim, edited, rewritten, excerpt; "" for an article that
	// copies nothing.
	Reuse string `json:"reuse,omitempty"`
	// Event is shared by the stories of one event reported
	// independently by several outlets.
	Event string `json:"event,omitempty"`
	// ParentEquivalents are other articles whose text is identical to
	// the true parent's; a reported parent among them counts as right.
	ParentEquivalents []string `json:"parent_equivalents,omitempty"`
	// ParentIndistinct are other articles that the article's text cannot
	// tell from its true parent (a superset of ParentEquivalents); they
	// count as right only in ParentAccuracyIndistinct. "" stands for no
	// in-corpus parent (the story's origin is missing and the text cannot
	// tell it from the true parent), so that reporting none counts there.
	ParentIndistinct []string `json:"parent_indistinct,omitempty"`
	// Mentions are the phrases of the page that name an outlet (credits,
	// its own outlet, false friends); used for the figures by form.
	Mentions []Mention `json:"mentions,omitempty"`
	// Traits name the variations the article carries; used for the
	// figures by variation.
	Traits []string `json:"traits,omitempty"`
}

// Mention is one phrase of a page that names an outlet, or looks as if it
// did (the generator's truth.Mention).
type Mention struct {
	Outlet    string `json:"outlet,omitempty"`
	Text      string `json:"text"`
	Form      string `json:"form"`
	Lang      string `json:"lang"`
	Where     string `json:"where"`
	Credit    bool   `json:"credit"`
	Own       bool   `json:"own,omitempty"`
	Inherited bool   `json:"inherited,omitempty"`
}

// Report is the part of a wiretrace/report/v1 document that is scored.
type Report struct {
	Schema    string `json:"schema"`
	Documents int    `json:"documents"`
	Clusters  []struct {
		ID     string `json:"id"`
		Origin *struct {
			Doc    *string `json:"doc"`
			Outlet string  `json:"outlet"`
		} `json:"origin"`
		Members []member `json:"members"`
	} `json:"clusters"`
}

type member struct {
	ID          string  `json:"id"`
	Kind        string  `json:"kind"`
	Reuse       string  `json:"reuse"`
	Parent      *string `json:"parent"`
	Attribution *struct {
		Verdict string   `json:"verdict"`
		Credits []string `json:"credits"`
	} `json:"attribution"`
}

// Error is a problem located in a file: file, line and reason.
type Error = fileerr.Error

// ReadTruth reads a truth file; name is used in errors.
func ReadTruth(r io.Reader, name string) ([]Truth, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	var out []Truth
	seen := map[string]int{}
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var t Truth
		if err := json.Unmarshal(sc.Bytes(), &t); err != nil {
			return nil, &Error{File: name, Line: line, Reason: "malformed JSON: " + err.Error()}
		}
		if t.ID == "" || t.Story == "" {
			return nil, &Error{File: name, Line: line, Reason: "a label needs id and story"}
		}
		if first, dup := seen[t.ID]; dup {
			return nil, &Error{File: name, Line: line, Reason: fmt.Sprintf("duplicate id %q (first on line %d)", t.ID, first)}
		}
		seen[t.ID] = line
		out = append(out, t)
	}
	if err := sc.Err(); err != nil {
		return nil, &Error{File: name, Line: 0, Reason: err.Error()}
	}
	return out, nil
}

// ReadReport reads a JSON report; name is used in errors.
func ReadReport(r io.Reader, name string) (*Report, error) {
	var rep Report
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		return nil, &Error{File: name, Line: 0, Reason: "not a JSON report: " + err.Error()}
	}
	if rep.Schema != "wiretrace/report/v1" {
		return nil, &Error{File: name, Line: 0, Reason: fmt.Sprintf("schema %q, want wiretrace/report/v1", rep.Schema)}
	}
	return &rep, nil
}

// Scores are the evaluation figures. Provenance figures are -1 when the
// report has no provenance fields.
type Scores struct {
	Articles         int     `json:"articles"`
	TrueStories      int     `json:"true_stories_with_copies"`
	Clusters         int     `json:"clusters"`
	ARI              float64 `json:"ari"`
	PairPrecision    float64 `json:"pair_precision"`
	PairRecall       float64 `json:"pair_recall"`
	PartialPrecision float64 `json:"partial_precision"`
	PartialRecall    float64 `json:"partial_recall"`
	ParentAccuracy   float64 `json:"parent_accuracy"`
	OriginAccuracy   float64 `json:"origin_accuracy"`
	VerdictAccuracy  float64 `json:"verdict_accuracy"`
	CreditPrecision  float64 `json:"credit_precision"`
	CreditRecall     float64 `json:"credit_recall"`
	// Confusion counts true verdict -> reported verdict.
	Confusion map[string]map[string]int `json:"verdict_confusion,omitempty"`
	// ParentAccuracyIndistinct is parent accuracy counting also a
	// reported parent that the article's text cannot tell from the true
	// one (the truth's parent_indistinct): the share of parents a report
	// could not have got right from the texts alone is the difference.
	// -1 without provenance.
	ParentAccuracyIndistinct float64 `json:"parent_accuracy_text_indistinct"`
	// ParentByEquivalence counts the parents counted right only because
	// the reported parent's text equals the true parent's.
	ParentByEquivalence int `json:"parent_equivalent_hits"`
	// FalseFriendCredits counts reported credits of an outlet that the
	// page names only in a false friend ("the BCB said", "AP exams").
	FalseFriendCredits int `json:"false_friend_credits"`
	// ByTrait are the figures on the articles (and stories) carrying each
	// trait of the truth file.
	ByTrait map[string]*Figures `json:"by_trait,omitempty"`
	// CreditRecallByForm is credit recall by the form and language of
	// the phrases naming the credit ("byline/ar", "reported/en"), over
	// the credits named in one form only.
	CreditRecallByForm map[string]*Recall `json:"credit_recall_by_form,omitempty"`
	// ByReuse are recall and precision by the truth's kind of reuse
	// (verbatim, edited, rewritten, excerpt; "rewritten/summary" for the
	// summaries among the rewritten), when the truth gives it.
	// Precision needs the report's reuse field: ReportHasReuse.
	ByReuse        map[string]*ReuseFigures `json:"by_reuse,omitempty"`
	ReportHasReuse bool                     `json:"report_has_reuse"`
	// ReuseConfusion counts true reuse -> reported reuse over the
	// truth's copies, when the report has reuse fields.
	ReuseConfusion map[string]map[string]int `json:"reuse_confusion,omitempty"`
	// SameEvent: how stories of one event reported independently fare;
	// nil when the truth has no such events.
	SameEvent *SameEvent `json:"same_event,omitempty"`
}

// Figures are the provenance figures on a subset of articles: those in a
// story with copies that carry a trait. Origin accuracy is over the
// stories with at least one such article.
type Figures struct {
	Articles        int     `json:"articles"`
	Stories         int     `json:"stories"`
	ParentAccuracy  float64 `json:"parent_accuracy"`
	OriginAccuracy  float64 `json:"origin_accuracy"`
	VerdictAccuracy float64 `json:"verdict_accuracy"`
	CreditPrecision float64 `json:"credit_precision"`
	CreditRecall    float64 `json:"credit_recall"`
}

// Recall is how many true credits were reported.
type Recall struct {
	Credits int     `json:"credits"`
	Found   int     `json:"found"`
	Recall  float64 `json:"recall"`
}

// Score compares a report with the truth. Articles of the report missing
// from the truth are an error: the two do not describe the same corpus.
func Score(rep *Report, truth []Truth) (*Scores, error) {
	byID := map[string]*Truth{}
	for i := range truth {
		byID[truth[i].ID] = &truth[i]
	}
	for _, c := range rep.Clusters {
		for _, m := range c.Members {
			if byID[m.ID] == nil {
				return nil, fmt.Errorf("article %q of cluster %s is not in the truth file", m.ID, c.ID)
			}
		}
	}
	s := &Scores{Articles: len(truth), Clusters: len(rep.Clusters)}
	pred := assign(rep)
	s.ARI, s.PairPrecision, s.PairRecall = pairScores(truth, pred)
	s.PartialPrecision, s.PartialRecall = partialScores(rep, byID)
	s.TrueStories = storiesWithCopies(truth)
	scoreProvenance(s, rep, truth, byID)
	scoreReuse(s, rep, truth, byID)
	return s, nil
}

// assign puts each reported article in one cluster: full membership first.
func assign(rep *Report) map[string]string {
	pred := map[string]string{}
	for _, kind := range []string{"full", "partial"} {
		for _, c := range rep.Clusters {
			for _, m := range c.Members {
				if m.Kind == kind {
					if _, ok := pred[m.ID]; !ok {
						pred[m.ID] = c.ID
					}
				}
			}
		}
	}
	return pred
}

func storiesWithCopies(truth []Truth) int {
	n := map[string]int{}
	for _, t := range truth {
		n[t.Story]++
	}
	k := 0
	for _, c := range n {
		if c > 1 {
			k++
		}
	}
	return k
}

func choose2(n int) float64 { return float64(n) * float64(n-1) / 2 }

// pairScores returns the adjusted Rand index and pairwise precision and
// recall of the predicted partition against the true one.
func pairScores(truth []Truth, pred map[string]string) (ari, precision, recall float64) {
	cell := map[[2]string]int{}
	rows := map[string]int{}
	cols := map[string]int{}
	for _, t := range truth {
		p, ok := pred[t.ID]
		if !ok {
			p = "single:" + t.ID
		}
		cell[[2]string{t.Story, p}]++
		rows[t.Story]++
		cols[p]++
	}
	var sumCell, sumRows, sumCols float64
	for _, n := range cell {
		sumCell += choose2(n)
	}
	for _, n := range rows {
		sumRows += choose2(n)
	}
	for _, n := range cols {
		sumCols += choose2(n)
	}
	total := choose2(len(truth))
	expected := sumRows * sumCols / total
	maxIndex := (sumRows + sumCols) / 2
	ari = 1
	if maxIndex != expected {
		ari = (sumCell - expected) / (maxIndex - expected)
	}
	precision, recall = ratio(sumCell, sumCols), ratio(sumCell, sumRows)
	return ari, precision, recall
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 1
	}
	return a / b
}

// partialScores checks reported partial memberships against true excerpts:
// a reported partial member is right when its true kind is partial and the
// cluster holds an article of its true story.
func partialScores(rep *Report, byID map[string]*Truth) (precision, recall float64) {
	reported, right := 0, 0
	found := map[string]bool{}
	for _, c := range rep.Clusters {
		stories := map[string]bool{}
		for _, m := range c.Members {
			if m.Kind == "full" {
				stories[byID[m.ID].Story] = true
			}
		}
		for _, m := range c.Members {
			if m.Kind != "partial" {
				continue
			}
			reported++
			t := byID[m.ID]
			if t.Kind == "partial" && stories[t.Story] {
				right++
				found[m.ID] = true
			}
		}
	}
	want := 0
	for _, t := range byID {
		if t.Kind == "partial" {
			want++
		}
	}
	return ratio(float64(right), float64(reported)), ratio(float64(len(found)), float64(want))
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
