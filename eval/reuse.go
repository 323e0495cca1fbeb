package eval

import (
	"slices"
	"sort"
)

// Kinds of reuse, as the truth and the report name them.
const (
	ReuseVerbatim  = "verbatim"
	ReuseEdited    = "edited"
	ReuseRewritten = "rewritten"
	ReuseExcerpt   = "excerpt"
)

// ReuseFigures are recall and precision for one kind of reuse.
type ReuseFigures struct {
	// Copies are the truth's copies of this kind; Linked how many of
	// them the report places with their source (see scoreReuse).
	Copies int     `json:"copies"`
	Linked int     `json:"linked"`
	Recall float64 `json:"recall"`
	// Reported are the report's members with this reuse, Right those
	// the truth says are copies of the cluster's story. Null when the
	// report has no reuse field.
	Reported  *int     `json:"reported"`
	Right     *int     `json:"right"`
	Precision *float64 `json:"precision"`
}

// SameEvent counts how the report treats stories of one event reported
// independently by several outlets.
type SameEvent struct {
	Events  int `json:"events"`  // events with two or more stories
	Stories int `json:"stories"` // their stories
	// Merged counts articles that are full members of a cluster in
	// which a full member belongs to another story of their event:
	// versions of one story made out of independent reports. It should
	// be 0.
	Merged int `json:"merged_full_members"`
	// Quoted counts articles that are partial members of a cluster
	// whose full members include another story of their event: linked
	// by a shared quotation, which is allowed.
	Quoted int `json:"partial_members"`
}

// SummaryKey is the key of ByReuse holding the recall of summaries, a
// subset of the rewritten copies (truth trait "summary").
const SummaryKey = "rewritten/summary"

// scoreReuse fills the figures by kind of reuse and the same-event
// counts.
//
// Recall of kind K: of the truth's copies of kind K, the share placed
// with their source: a verbatim, edited or rewritten copy is linked when
// it is a full member of a cluster in which its true parent is a full
// member; an excerpt when it is a member of any kind of a cluster in
// which its parent is a full member. A copy whose parent is not in the
// corpus (its story's origin was left out) counts its story's other
// full versions instead; one with none is left out.
//
// Precision of kind K (when the report has reuse fields): of the
// report's members whose reuse is K, the share whose truth says they are
// copies (a non-empty truth reuse) of the cluster's story, the story of
// most of the cluster's full members (ties to the smallest id).
func scoreReuse(s *Scores, rep *Report, truth []Truth, byID map[string]*Truth) {
	type link struct {
		cluster int
		full    bool
	}
	in := map[string][]link{}
	for ci, c := range rep.Clusters {
		for _, m := range c.Members {
			in[m.ID] = append(in[m.ID], link{ci, m.Kind == "full"})
			if m.Reuse != "" {
				s.ReportHasReuse = true
			}
		}
	}
	fullIn := func(id string, ci int) bool {
		return slices.Contains(in[id], link{ci, true})
	}
	versions := map[string][]string{} // story -> its full versions
	for _, t := range truth {
		if t.Kind == "full" {
			versions[t.Story] = append(versions[t.Story], t.ID)
		}
	}
	byKind := map[string]*ReuseFigures{}
	fig := func(k string) *ReuseFigures {
		if byKind[k] == nil {
			byKind[k] = &ReuseFigures{}
		}
		return byKind[k]
	}
	for _, t := range truth {
		if t.Reuse == "" {
			continue
		}
		var sources []string
		if t.Parent != nil {
			sources = []string{*t.Parent}
		} else {
			for _, v := range versions[t.Story] {
				if v != t.ID {
					sources = append(sources, v)
				}
			}
		}
		if len(sources) == 0 {
			continue
		}
		linked := false
		for _, l := range in[t.ID] {
			if !l.full && t.Reuse != ReuseExcerpt {
				continue
			}
			if slices.ContainsFunc(sources, func(src string) bool { return fullIn(src, l.cluster) }) {
				linked = true
				break
			}
		}
		keys := []string{t.Reuse}
		if t.Reuse == ReuseRewritten && slices.Contains(t.Traits, "summary") {
			keys = append(keys, SummaryKey)
		}
		for _, k := range keys {
			f := fig(k)
			f.Copies++
			if linked {
				f.Linked++
			}
		}
	}
	if s.ReportHasReuse {
		s.ReuseConfusion = map[string]map[string]int{}
		for _, c := range rep.Clusters {
			story := clusterStory(c.Members, byID)
			for _, m := range c.Members {
				if m.Reuse == "" {
					continue
				}
				f := fig(m.Reuse)
				if f.Reported == nil {
					f.Reported, f.Right = new(int), new(int)
				}
				*f.Reported++
				if t := byID[m.ID]; t.Reuse != "" && t.Story == story {
					*f.Right++
				}
			}
		}
		// What each truth copy is reported as, where it is a full
		// member if it is one anywhere.
		for _, t := range truth {
			if t.Reuse == "" {
				continue
			}
			got := "(not in a cluster)"
			if ls := in[t.ID]; len(ls) > 0 {
				l := ls[0]
				if i := slices.IndexFunc(ls, func(l link) bool { return l.full }); i >= 0 {
					l = ls[i]
				}
				for _, m := range rep.Clusters[l.cluster].Members {
					if m.ID == t.ID && (m.Kind == "full") == l.full {
						got = m.Reuse
						break
					}
				}
				if got == "" {
					got = "(none)"
				}
			}
			if s.ReuseConfusion[t.Reuse] == nil {
				s.ReuseConfusion[t.Reuse] = map[string]int{}
			}
			s.ReuseConfusion[t.Reuse][got]++
		}
	}
	for _, f := range byKind {
		f.Recall = ratio(float64(f.Linked), float64(f.Copies))
		if f.Reported != nil {
			p := ratio(float64(*f.Right), float64(*f.Reported))
			f.Precision = &p
		}
	}
	if len(byKind) > 0 {
		s.ByReuse = byKind
	}
	s.SameEvent = sameEvent(rep, truth, byID)
}

// clusterStory is the true story of most of a cluster's full members,
// ties to the smallest.
func clusterStory(members []member, byID map[string]*Truth) string {
	n := map[string]int{}
	for _, m := range members {
		if m.Kind == "full" {
			n[byID[m.ID].Story]++
		}
	}
	best := ""
	for _, st := range sortedKeys(n) {
		if best == "" || n[st] > n[best] {
			best = st
		}
	}
	return best
}

// sameEvent counts the articles of independently reported events that
// the report puts in a cluster with another story of their event; nil
// when the truth has no such events.
func sameEvent(rep *Report, truth []Truth, byID map[string]*Truth) *SameEvent {
	stories := map[string]map[string]bool{}
	for _, t := range truth {
		if t.Event == "" {
			continue
		}
		if stories[t.Event] == nil {
			stories[t.Event] = map[string]bool{}
		}
		stories[t.Event][t.Story] = true
	}
	se := &SameEvent{}
	for _, ss := range stories {
		if len(ss) > 1 {
			se.Events++
			se.Stories += len(ss)
		}
	}
	if se.Events == 0 {
		return nil
	}
	for _, c := range rep.Clusters {
		full := map[string]map[string]bool{} // event -> stories of the full members
		for _, m := range c.Members {
			if t := byID[m.ID]; m.Kind == "full" && t.Event != "" {
				if full[t.Event] == nil {
					full[t.Event] = map[string]bool{}
				}
				full[t.Event][t.Story] = true
			}
		}
		for _, m := range c.Members {
			t := byID[m.ID]
			if t.Event == "" || t.Kind != "full" {
				continue
			}
			other := false
			for st := range full[t.Event] {
				other = other || st != t.Story
			}
			if !other {
				continue
			}
			if m.Kind == "full" {
				se.Merged++
			} else {
				se.Quoted++
			}
		}
	}
	return se
}

// ReuseNames returns the kinds of ByReuse in a fixed order: the four
// kinds, then any other the report names, sorted.
func (s *Scores) ReuseNames() []string {
	order := []string{ReuseVerbatim, ReuseEdited, ReuseRewritten, SummaryKey, ReuseExcerpt}
	var out, rest []string
	for _, k := range order {
		if s.ByReuse[k] != nil {
			out = append(out, k)
		}
	}
	for k := range s.ByReuse {
		if !slices.Contains(order, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}
