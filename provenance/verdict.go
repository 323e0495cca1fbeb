package provenance

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/wiretrace/wiretrace/credit"
)

// member builds the provenance of one member: its mentions, the credits
// its page gives its reader, and the verdicts.
func (a *analyzer) member(d int, st *clusterState, e *Edge) Member {
	m := Member{Parent: st.parent[d], Outlet: a.outlet[d], Edge: e}
	var parentMentions []credit.Mention
	if m.Parent >= 0 {
		parentMentions = a.docs[m.Parent].Credits
	}
	upstream := a.upstreamOutlets(m.Parent, st)
	var own []string
	for _, cm := range a.docs[d].Credits {
		written := cm.Outlet
		cm.Outlet = st.story.site(cm.Outlet) // as the story's credits have it
		pm := Mention{Mention: cm, Self: cm.Outlet == m.Outlet}
		pm.Inherited = cm.Where == credit.InText && slices.ContainsFunc(parentMentions, func(q credit.Mention) bool {
			return q.Where == credit.InText && q.Outlet == written && q.Form == cm.Form
		})
		pm.Counted = !pm.Self && st.creditsOutlet(d, cm.Outlet) && (cm.Credit || namesOutlet(cm))
		// A quoting article's in-text credit of an outlet that has nothing
		// to do with the story is about its other material; its
		// attributions (a byline, a source line) speak for the whole page,
		// and a credit its parent's text carries too came with the passage.
		if st.partial[d] && !cm.Form.Attribution() && !pm.Inherited && !upstream[cm.Outlet] && cm.Outlet != st.origin.Outlet {
			pm.Counted = false
		}
		m.Mentions = append(m.Mentions, pm)
		if !pm.Counted {
			continue
		}
		if !slices.Contains(m.Credits, cm.Outlet) {
			m.Credits = append(m.Credits, cm.Outlet)
		}
		if !pm.Inherited && !slices.Contains(own, cm.Outlet) {
			own = append(own, cm.Outlet)
		}
	}
	sort.Strings(m.Credits)
	m.Verdict = a.verdict(d, m.Outlet, m.Credits, upstream, st)
	m.OwnVerdict = a.verdict(d, m.Outlet, own, upstream, st)
	if e != nil && len(m.Credits) > 0 {
		e.Reason += "; " + a.creditReason(m)
	}
	if e != nil && m.Verdict == Uncredited {
		if g := genericCredit(m.Mentions); g != "" {
			e.Reason += "; " + g
		}
	}
	return m
}

// genericCredit says when an uncredited page attributes its text to no
// outlet in particular («وكالات», "agencies"): it names no source a reader
// could check, so the verdict stands, but the reason says what the page
// does say.
func genericCredit(ms []Mention) string {
	for _, pm := range ms {
		if pm.Kind != credit.Generic || (pm.Where == credit.InText && !pm.Form.Attribution()) {
			continue
		}
		where := pm.Where
		if where == credit.InText {
			where = "text"
		}
		return fmt.Sprintf("its only credit names no outlet: %q (%s)", pm.Name, where)
	}
	return ""
}

// upstreamOutlets returns the outlets on the path from a parent to the
// origin.
func (a *analyzer) upstreamOutlets(parent int, st *clusterState) map[string]bool {
	out := map[string]bool{}
	for p := parent; p >= 0; p = st.parent[p] {
		out[a.outlet[p]] = true
		if p == st.origin.Doc {
			break
		}
	}
	return out
}

// creditReason says what the page credits and where: "credits QNA
// (byline), and Sputnik, inherited from qna/…".
func (a *analyzer) creditReason(m Member) string {
	var parts []string
	for _, o := range m.Credits {
		var where []string
		inherited := true
		for _, pm := range m.Mentions {
			if !pm.Counted || pm.Outlet != o {
				continue
			}
			inherited = inherited && pm.Inherited
			if pm.Where != credit.InText && !slices.Contains(where, pm.Where) {
				where = append(where, pm.Where)
			}
		}
		s := o
		if len(where) > 0 {
			s += " (" + strings.Join(where, ", ") + ")"
		}
		if inherited && len(where) == 0 && m.Parent >= 0 {
			s += ", inherited from " + a.docs[m.Parent].ID
		}
		parts = append(parts, s)
	}
	return "credits " + strings.Join(parts, ", ")
}

// verdict compares the outlets a page credits with those upstream of it.
func (a *analyzer) verdict(d int, outlet string, credits []string, upstream map[string]bool, st *clusterState) Verdict {
	if d == st.origin.Doc {
		return VerdictOrigin
	}
	if outlet == st.origin.Outlet || slices.Contains(credits, st.origin.Outlet) {
		return CreditsOrigin
	}
	for _, cr := range credits {
		if upstream[cr] {
			return CreditsIntermediary
		}
	}
	if len(credits) == 0 {
		return Uncredited
	}
	if (st.parent[d] < 0 || st.partial[d]) && a.creditsRelay(credits, st, rankWire) {
		return CreditsIntermediary
	}
	if st.origin.Doc < 0 && a.creditsRelay(credits, st, rankAgency) {
		return CreditsIntermediary
	}
	return Miscredited
}

// creditsRelay reports whether a page credits a wire or agency that has no
// version in the story. Agencies relay each other's stories (SPA carries
// WAM's and Reuters'), so for a copy taken from outside the corpus, or a
// quoting article's byline, such an agency is taken to be the way the text
// came, not a wrong name; so is a national agency (not a wire) credited by
// any copy of a story whose origin is not in the corpus, where the path is
// a guess («أبو ظبي - واس» on WAM's story). Wires do not relay each
// other: a wire credited on another wire's story, or on a story whose
// origin is in the corpus (Sputnik's under "Source: Reuters"), is a wrong
// name. Wires and agencies up to maxRank count.
func (a *analyzer) creditsRelay(credits []string, st *clusterState, maxRank int) bool {
	for _, cr := range credits {
		r := kindRank(a.reg.Kind(cr))
		if !st.outlets[cr] && r >= rankAgency && r <= maxRank {
			return true
		}
	}
	return false
}
