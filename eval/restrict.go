package eval

import "slices"

// StoriesOf narrows an evaluation to the stories of some articles: it
// returns the truth of every article whose story holds one of ids, and
// the report without the members outside them (clusters left empty are
// dropped). It is how a report made against an index, which covers only
// the stories new articles join, is scored, and the full scan it is
// compared with scored on the same articles.
func StoriesOf(rep *Report, truth []Truth, ids []string) (*Report, []Truth) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	stories := map[string]bool{}
	for _, t := range truth {
		if want[t.ID] {
			stories[t.Story] = true
		}
	}
	var kept []Truth
	in := map[string]bool{}
	for _, t := range truth {
		if stories[t.Story] {
			kept = append(kept, t)
			in[t.ID] = true
		}
	}
	out := *rep
	out.Clusters = nil
	for _, c := range rep.Clusters {
		c.Members = slices.DeleteFunc(slices.Clone(c.Members), func(m member) bool { return !in[m.ID] })
		if len(c.Members) > 0 {
			out.Clusters = append(out.Clusters, c)
		}
	}
	return &out, kept
}
