package provenance

import (
	"fmt"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
)

// rootWindow: a website or aggregator that comes first by its clock yields
// to a wire or agency (or, for an aggregator, any outlet) published within
// this time after it; wires originate most syndicated stories, and the
// clocks of websites and aggregators are the ones that drift.
const rootWindow = 12 * time.Hour

// minRootVotes: the outlet most members credit becomes the origin only
// when at least this many credit it; one credit may be wrong.
const minRootVotes = 2

// chooseRoot picks the first version among the full members in placement
// order, and says why.
func (a *analyzer) chooseRoot(full []int, st *clusterState) (int, string) {
	var ok []int
	for _, d := range full {
		credits := false
		for _, cr := range st.credits[d] {
			credits = credits || (st.outlets[cr] && cr != a.outlet[d])
		}
		if !credits {
			ok = append(ok, d)
		}
	}
	if len(ok) == 0 {
		return full[0], "every version credits another one; the earliest"
	}
	if d, n, found := a.creditedRoot(full, ok, st); found {
		return d, fmt.Sprintf("%s credit %s", versions(n), a.outlet[d])
	}
	first := ok[0]
	why := "the earliest version"
	if a.clock[first].p == corpus.TimeNone {
		why = st.undated.rootReason(first)
	}
	if a.selfMark[first] {
		why = "carries its own dateline or tag, which the copies lack"
	}
	if a.clock[first].shift != 0 {
		why += fmt.Sprintf(" (by %s's estimated clock)", a.outlet[first])
	}
	if a.rank[first] >= rankAgency {
		return first, why
	}
	for _, d := range ok[1:] {
		if a.rank[d] <= a.rank[first] || (a.rank[d] < rankAgency && a.rank[first] != rankAggregator) {
			continue
		}
		if a.clock[d].timed() && a.clock[first].timed() && a.clock[d].t.Sub(a.clock[first].t) <= rootWindow {
			return d, fmt.Sprintf("%s published within %s of the first version, %s's (%s): kinds decide", kindName(a.kind[d]), rootWindow, a.outlet[first], kindName(a.kind[first]))
		}
	}
	return first, why
}

// kindName is a kind with its article: "a wire", "an agency"; an outlet
// the registry does not know is taken for a website.
func kindName(k credit.Kind) string {
	if k == "" {
		k = credit.Website
	}
	if strings.ContainsRune("aeiou", rune(k[0])) {
		return "an " + string(k)
	}
	return "a " + string(k)
}

// creditedRoot returns the earliest member of the outlet that the members
// credit most, when at least minRootVotes credit it and none credits the
// earliest member's outlet: the credits then contradict the clock that
// put another article first.
func (a *analyzer) creditedRoot(full, ok []int, st *clusterState) (int, int, bool) {
	votes := map[string]int{}
	for _, d := range full {
		for _, cr := range st.credits[d] {
			if st.outlets[cr] && cr != a.outlet[d] {
				votes[cr]++
			}
		}
	}
	best, n := mostVoted(votes)
	if n < minRootVotes || votes[a.outlet[ok[0]]] > 0 {
		return 0, 0, false
	}
	for _, d := range ok {
		if a.outlet[d] == best {
			return d, n, true
		}
	}
	return 0, 0, false
}

// externalOrigin returns the outlet the story came from when its version
// is not in the cluster, or "", and why. It is the outlet the root
// credits; or, when the root is not itself a wire or agency, a wire or
// agency that any member, full or quoting, credits in an attribution (a
// line, dateline or byline: newspapers rarely originate what they
// attribute to an agency);
// or one that at least half of the full members credit.
func (a *analyzer) externalOrigin(root int, full []int, st *clusterState) (string, string) {
	for _, cr := range st.credits[root] {
		if !st.outlets[cr] {
			return cr, fmt.Sprintf("the earliest version, %s, credits %s, whose version is not in the corpus", a.docs[root].ID, cr)
		}
	}
	votes, lines := map[string]int{}, map[string]int{}
	for _, d := range full {
		for _, cr := range st.credits[d] {
			if !st.outlets[cr] {
				votes[cr]++
			}
		}
	}
	// Quoting articles count here too: one that attributes its text to an
	// agency usually quotes that agency's story, which the others carry
	// without saying so.
	for _, mb := range st.c.Members {
		for _, m := range a.docs[mb.Doc].Credits {
			if m.Credit && !st.outlets[m.Outlet] && kindRank(m.Kind) >= rankAgency {
				lines[m.Outlet]++
			}
		}
	}
	if a.rank[root] <= rankPublisher {
		// Versions that credit the root's outlet outweigh as many that
		// credit an absent agency: one wrong credit does not move a story
		// whose source is in the corpus and credited.
		if best, n := mostVoted(lines); n > 0 && a.creditedBy(root, st) < n {
			return best, fmt.Sprintf("%s the story to %s, %s whose version is not in the corpus", attribute(n), best, kindName(a.reg.Kind(best)))
		}
	}
	// A wire's or agency's own article is not outvoted: credits copied down
	// a chain of copies repeat one credit, right or wrong.
	if best, n := mostVoted(votes); n >= minRootVotes && 2*n >= len(full) && a.rank[root] < rankAgency {
		return best, fmt.Sprintf("%d of %d versions credit %s, whose version is not in the corpus", n, len(full), best)
	}
	return "", ""
}

// creditedBy counts the members of other outlets that credit root's
// outlet.
func (a *analyzer) creditedBy(root int, st *clusterState) int {
	n := 0
	for _, mb := range st.c.Members {
		if a.outlet[mb.Doc] != a.outlet[root] && st.creditsOutlet(mb.Doc, a.outlet[root]) {
			n++
		}
	}
	return n
}

func versions(n int) string {
	if n == 1 {
		return "1 version"
	}
	return fmt.Sprintf("%d versions", n)
}

func attribute(n int) string {
	if n == 1 {
		return "1 version attributes"
	}
	return fmt.Sprintf("%d versions attribute", n)
}

func mostVoted(votes map[string]int) (string, int) {
	best, n := "", 0
	for o, v := range votes {
		if v > n || (v == n && o < best) {
			best, n = o, v
		}
	}
	return best, n
}
