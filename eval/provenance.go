package eval

import "slices"

// counts accumulate the per-article provenance figures of a set of
// articles.
type counts struct {
	n, parentOK, verdictOK               int
	parentIndistinctOK                   int
	creditTP, creditReported, creditTrue int
	stories, originOK                    int
	storySeen                            map[string]bool
}

func (c *counts) figures() *Figures {
	return &Figures{
		Articles: c.n, Stories: c.stories,
		ParentAccuracy:  ratio(float64(c.parentOK), float64(c.n)),
		OriginAccuracy:  ratio(float64(c.originOK), float64(c.stories)),
		VerdictAccuracy: ratio(float64(c.verdictOK), float64(c.n)),
		CreditPrecision: ratio(float64(c.creditTP), float64(c.creditReported)),
		CreditRecall:    ratio(float64(c.creditTP), float64(c.creditTrue)),
	}
}

// scoreProvenance fills the parent, origin, verdict and credit figures, or
// sets them to -1 when the report carries no provenance.
func scoreProvenance(s *Scores, rep *Report, truth []Truth, byID map[string]*Truth) {
	has := false
	type got struct {
		parent  *string
		verdict string
		credits []string
		cluster int
	}
	reported := map[string]got{}
	for ci, c := range rep.Clusters {
		for _, m := range c.Members {
			if m.Attribution != nil {
				has = true
			}
			if _, seen := reported[m.ID]; seen && m.Kind != "full" {
				continue
			}
			g := got{parent: m.Parent, cluster: ci}
			if m.Attribution != nil {
				g.verdict, g.credits = m.Attribution.Verdict, m.Attribution.Credits
			}
			reported[m.ID] = g
		}
	}
	if !has {
		s.ParentAccuracy, s.OriginAccuracy, s.VerdictAccuracy, s.CreditPrecision, s.CreditRecall = -1, -1, -1, -1, -1
		s.ParentAccuracyIndistinct = -1
		return
	}
	size := map[string]int{}
	for _, t := range truth {
		size[t.Story]++
	}
	originRight := originByStory(rep, truth, size)
	var all counts
	byTrait := map[string]*counts{}
	forms := map[string]*Recall{}
	s.Confusion = map[string]map[string]int{}
	for _, t := range truth {
		if size[t.Story] < 2 {
			continue
		}
		g, ok := reported[t.ID]
		var a counts // this article's figures
		a.n = 1
		if eqPtr(g.parent, t.Parent) {
			a.parentOK = 1
		} else if g.parent != nil && t.Parent != nil && slices.Contains(t.ParentEquivalents, *g.parent) {
			a.parentOK = 1
			s.ParentByEquivalence++
		}
		a.parentIndistinctOK = a.parentOK
		// In parent_indistinct, "" stands for no in-corpus parent: the
		// story's origin is missing and the copy's text cannot tell it
		// from an in-corpus version. A copy of the missing origin lists
		// the in-corpus versions it cannot tell from it.
		reportedID := ""
		if g.parent != nil {
			reportedID = *g.parent
		}
		if a.parentOK == 0 && (g.parent != nil || t.Parent != nil) && slices.Contains(t.ParentIndistinct, reportedID) {
			a.parentIndistinctOK = 1
		}
		v := g.verdict
		if !ok {
			v = "(not in a cluster)"
		}
		if v == t.Verdict {
			a.verdictOK = 1
		}
		if s.Confusion[t.Verdict] == nil {
			s.Confusion[t.Verdict] = map[string]int{}
		}
		s.Confusion[t.Verdict][v]++
		want := map[string]bool{}
		for _, c := range t.Credits {
			want[c] = true
		}
		a.creditTrue = len(want)
		have := map[string]bool{}
		for _, c := range g.credits {
			have[c] = true
			a.creditReported++
			if want[c] {
				a.creditTP++
			}
		}
		s.FalseFriendCredits += falseFriendCredits(t, have, want)
		creditForms(forms, t, have)
		all.add(&a, t.Story, originRight)
		for _, tr := range t.Traits {
			if byTrait[tr] == nil {
				byTrait[tr] = &counts{}
			}
			byTrait[tr].add(&a, t.Story, originRight)
		}
	}
	f := all.figures()
	s.ParentAccuracy, s.VerdictAccuracy, s.CreditPrecision, s.CreditRecall = f.ParentAccuracy, f.VerdictAccuracy, f.CreditPrecision, f.CreditRecall
	s.OriginAccuracy = f.OriginAccuracy
	s.ParentAccuracyIndistinct = ratio(float64(all.parentIndistinctOK), float64(all.n))
	if len(byTrait) > 0 {
		s.ByTrait = map[string]*Figures{}
		for tr, c := range byTrait {
			s.ByTrait[tr] = c.figures()
		}
	}
	if len(forms) > 0 {
		for _, r := range forms {
			r.Recall = ratio(float64(r.Found), float64(r.Credits))
		}
		s.CreditRecallByForm = forms
	}
}

// add adds one article's figures, and its story's origin the first time
// the story is seen.
func (c *counts) add(a *counts, story string, originRight map[string]bool) {
	c.n += a.n
	c.parentOK += a.parentOK
	c.parentIndistinctOK += a.parentIndistinctOK
	c.verdictOK += a.verdictOK
	c.creditTP += a.creditTP
	c.creditReported += a.creditReported
	c.creditTrue += a.creditTrue
	if c.storySeen == nil {
		c.storySeen = map[string]bool{}
	}
	if !c.storySeen[story] {
		c.storySeen[story] = true
		c.stories++
		if originRight[story] {
			c.originOK++
		}
	}
}

// falseFriendCredits counts the reported credits of outlets that the page
// names only in false friends.
func falseFriendCredits(t Truth, have, want map[string]bool) int {
	n := 0
	seen := map[string]bool{}
	for _, m := range t.Mentions {
		if m.Form == "false-friend" && m.Outlet != "" && have[m.Outlet] && !want[m.Outlet] && !seen[m.Outlet] {
			seen[m.Outlet] = true
			n++
		}
	}
	return n
}

// creditForms adds the article's credits named in a single form and
// language to the recall by form.
func creditForms(forms map[string]*Recall, t Truth, have map[string]bool) {
	keys := map[string]map[string]bool{}
	for _, m := range t.Mentions {
		if !m.Credit || m.Outlet == "" {
			continue
		}
		if keys[m.Outlet] == nil {
			keys[m.Outlet] = map[string]bool{}
		}
		keys[m.Outlet][m.Form+"/"+m.Lang] = true
	}
	for outlet, ks := range keys {
		if len(ks) != 1 || !slices.Contains(t.Credits, outlet) {
			continue
		}
		for k := range ks {
			r := forms[k]
			if r == nil {
				r = &Recall{}
				forms[k] = r
			}
			r.Credits++
			if have[outlet] {
				r.Found++
			}
		}
	}
}

func eqPtr(a, b *string) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// originByStory: for each true story with copies, whether the cluster
// holding most of its articles names the true origin outlet and document.
func originByStory(rep *Report, truth []Truth, size map[string]int) map[string]bool {
	story := map[string]*Truth{}
	for i := range truth {
		story[truth[i].ID] = &truth[i]
	}
	votes := map[string]map[int]int{}
	for ci, c := range rep.Clusters {
		for _, m := range c.Members {
			t := story[m.ID]
			if t == nil || size[t.Story] < 2 {
				continue
			}
			if votes[t.Story] == nil {
				votes[t.Story] = map[int]int{}
			}
			votes[t.Story][ci]++
		}
	}
	firstOf := map[string]*Truth{}
	for i := range truth {
		if _, ok := firstOf[truth[i].Story]; !ok {
			firstOf[truth[i].Story] = &truth[i]
		}
	}
	right := map[string]bool{}
	for _, st := range sortedKeys(size) {
		if size[st] < 2 {
			continue
		}
		best, bestVotes := -1, 0
		for ci, v := range votes[st] {
			if v > bestVotes || (v == bestVotes && ci < best) {
				best, bestVotes = ci, v
			}
		}
		if best < 0 || rep.Clusters[best].Origin == nil {
			right[st] = false
			continue
		}
		o := rep.Clusters[best].Origin
		t := firstOf[st]
		right[st] = o.Outlet == t.OriginOutlet && eqPtr(o.Doc, t.OriginDoc)
	}
	return right
}

// TraitNames returns the traits of s in order.
func (s *Scores) TraitNames() []string { return sortedKeys(s.ByTrait) }

// FormNames returns the keys of the recall by form in order.
func (s *Scores) FormNames() []string { return sortedKeys(s.CreditRecallByForm) }
