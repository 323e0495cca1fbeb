package eval

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
		return
	}
	size := map[string]int{}
	for _, t := range truth {
		size[t.Story]++
	}
	var n, parentOK, verdictOK int
	var creditTP, creditReported, creditTrue int
	s.Confusion = map[string]map[string]int{}
	for _, t := range truth {
		if size[t.Story] < 2 {
			continue
		}
		n++
		g, ok := reported[t.ID]
		if eqPtr(g.parent, t.Parent) {
			parentOK++
		}
		v := g.verdict
		if !ok {
			v = "(not in a cluster)"
		}
		if v == t.Verdict {
			verdictOK++
		}
		if s.Confusion[t.Verdict] == nil {
			s.Confusion[t.Verdict] = map[string]int{}
		}
		s.Confusion[t.Verdict][v]++
		want := map[string]bool{}
		for _, c := range t.Credits {
			want[c] = true
		}
		creditTrue += len(want)
		for _, c := range g.credits {
			creditReported++
			if want[c] {
				creditTP++
			}
		}
	}
	s.ParentAccuracy = ratio(float64(parentOK), float64(n))
	s.VerdictAccuracy = ratio(float64(verdictOK), float64(n))
	s.CreditPrecision = ratio(float64(creditTP), float64(creditReported))
	s.CreditRecall = ratio(float64(creditTP), float64(creditTrue))
	s.OriginAccuracy = originAccuracy(rep, truth, size)
}

func eqPtr(a, b *string) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// originAccuracy: for each true story with copies, the cluster holding most
// of its articles must name the true origin outlet and document.
func originAccuracy(rep *Report, truth []Truth, size map[string]int) float64 {
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
	n, ok := 0, 0
	for _, st := range sortedKeys(size) {
		if size[st] < 2 {
			continue
		}
		n++
		best, bestVotes := -1, 0
		for ci, v := range votes[st] {
			if v > bestVotes || (v == bestVotes && ci < best) {
				best, bestVotes = ci, v
			}
		}
		if best < 0 || rep.Clusters[best].Origin == nil {
			continue
		}
		o := rep.Clusters[best].Origin
		t := firstOf[st]
		if o.Outlet == t.OriginOutlet && eqPtr(o.Doc, t.OriginDoc) {
			ok++
		}
	}
	return ratio(float64(ok), float64(n))
}
