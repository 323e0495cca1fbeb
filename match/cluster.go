package match

import (
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/wiretrace/wiretrace/shingle"
)

// Kind says how an article belongs to a story cluster.
type Kind string

const (
	// Full members are versions of the story: at least half of their
	// matchable text is shared with the story's other versions, or they
	// are a copy contained in another, or the source of a trimmed copy
	// covering at least 40% of them.
	Full Kind = "full"
	// Partial members carry part of the story inside other material: an
	// excerpt in an unrelated article, or an article that quotes several
	// stories.
	Partial Kind = "partial"
)

// Member is one article in a cluster.
type Member struct {
	Doc  int
	Kind Kind
	// Best is the member this one shares the most with (highest Jaccard,
	// then containment); J and C are the Jaccard similarity with it and the
	// largest share of this article's text found in any member.
	Best int
	J, C float64
	// Reuse is the strongest reuse among the member's links inside the
	// story (verbatim, then edited, rewritten, excerpt).
	Reuse Reuse
}

// Cluster is one story and every article that carries it.
type Cluster struct {
	ID      string
	Members []Member // sorted by time (unknown last), then id
}

// sameStoryShare is the share of both articles' text two articles must
// share to be versions of one story even when their Jaccard similarity is
// below the threshold (a copy trimmed to half).
const sameStoryShare = 0.5

// trimShare is the share of a longer article a contained text must cover
// to join the longer one's story even when both already have copies of
// their own: trimmed copies keep more than this, while a short story
// quoted whole inside a long article usually covers less.
const trimShare = 0.2

// trimmedShare is the share of the longer article a contained copy must
// cover for the longer article to count as a full version of the story
// (its source, trimmed) rather than a longer text quoting it.
const trimmedShare = 0.4

type linkClass int

const (
	mutual    linkClass = iota // versions of one story
	contained                  // the smaller is a copy inside the larger
	// trimmed: most of the smaller is in the larger, covering little of
	// it, but it holds the larger one's lead: a copy cut from the bottom,
	// or a roundup's first story (see Cluster).
	trimmed
	excerpt // a passage shared, both have other text
)

// editedShare and editedCover: a shorter article with at least
// editedShare of its text in a longer one, covering at least editedCover of
// that one, is an edited and trimmed copy of it (words changed, paragraphs
// dropped or added change many shingles), not a passage quoted in other
// material: a quoting article's passage covers a small share of the story
// it quotes.
const (
	editedShare = 0.6
	editedCover = 0.3
)

func (s *Scanner) classify(l Link) linkClass { return s.opts.classify(l) }

func (o Options) classify(l Link) linkClass {
	switch {
	case l.J >= o.Threshold || min(l.CA, l.CB) >= sameStoryShare:
		return mutual
	case max(l.CA, l.CB) >= o.Containment:
		return contained
	case max(l.CA, l.CB) >= editedShare && min(l.CA, l.CB) >= editedCover:
		return contained
	case l.Aligned != nil && bothWays(l.Aligned):
		return mutual
	case o.rewritten(l):
		return contained
	case max(l.CA, l.CB) >= sameStoryShare && l.innerHoldsLead():
		return trimmed
	}
	return excerpt
}

// Reuse names the kind of reuse a link shows.
type Reuse string

const (
	// Verbatim: the same text, up to boilerplate, credit lines and
	// datelines (shingles that are not shared).
	Verbatim Reuse = "verbatim"
	// Edited: a copy with small edits, cuts or additions.
	Edited Reuse = "edited"
	// Rewritten: aligned sentences with little shingle overlap.
	Rewritten Reuse = "rewritten"
	// Excerpt: a passage inside other material.
	Excerpt Reuse = "excerpt"
)

// verbatimShare is the share of both texts' shingles two versions must
// share to be the same text: a credit line or a dateline changes a few.
const verbatimShare = 0.9

// Reuse classifies a link: the one rule reports, the index and policy
// read, beside IsCopy.
func (o Options) Reuse(l Link) Reuse {
	class := o.classify(l)
	switch {
	case class == excerpt:
		return Excerpt
	case min(l.CA, l.CB) >= verbatimShare:
		return Verbatim
	case l.J >= o.Threshold || max(l.CA, l.CB) >= editedShare || min(l.CA, l.CB) >= sameStoryShare || class == trimmed:
		return Edited
	}
	return Rewritten
}

// IsCopy reports whether a link makes its two articles versions of one
// story (a copy, whole, contained or edited) rather than one quoting the
// other. It is the one rule for copies: clustering, reports and the index
// use it. Clustering alone knows the story around a link, and makes one
// exception: a text holding a roundup's lead is quoted there (Cluster).
func (o Options) IsCopy(l Link) bool { return o.classify(l) != excerpt }

// inner returns the article of a contained or excerpt link that carries
// the larger share of the other (the copy or the quoted story), and the
// other one (the container or the quoting article). Ties go to the smaller
// set, then to the earlier document.
func inner(docs []*Doc, l Link) (in, out int) {
	ca, cb := l.Shares()
	switch {
	case ca > cb:
		return l.A, l.B
	case cb > ca:
		return l.B, l.A
	case len(docs[l.B].Set) < len(docs[l.A].Set):
		return l.B, l.A
	}
	return l.A, l.B
}

// Cluster groups the linked documents into stories:
//
//   - mutual links (Jaccard at the threshold, or both sharing at least half
//     of their text) join two articles into one story;
//   - a contained link (a short text found almost whole in a longer one,
//     or an edited and trimmed copy: most of a short text in a longer one
//     that it covers for a good part) joins the two stories when the longer one does not contain texts of
//     two or more different stories, and either side has no other copies
//     yet or the short text covers at least trimShare of the longer one;
//     otherwise the longer article becomes a partial member of the short
//     text's story;
//   - a short text that holds a longer one's lead (the opening of its
//     story text, see holdsLead) is the longer one cut from the bottom, a
//     brief of it: it joins the longer one's story whatever else the
//     longer one holds, when at least half of it is in the longer one
//     (a trimmed link) or the link is contained; unless the longer one
//     has versions none of which opens as it does (it is a roundup whose
//     later part is their story), when the link counts as an excerpt;
//   - an excerpt link (a shared passage of at least MinShared shingles)
//     makes the article for which the passage is the smaller share a
//     partial member of the other's story.
//
// So an article that quotes two stories is a partial member of each and
// never merges them.
func (s *Scanner) Cluster(docs []*Doc, links []Link) []Cluster {
	uf := newUnionFind(len(docs))
	var containedLinks, excerptLinks []Link
	// ledBy tells, for an article with versions (mutual links), whether
	// one of them opens as it does; versions lists them.
	ledBy, versions := map[int]bool{}, map[int][]int{}
	for _, l := range links {
		switch s.classify(l) {
		case mutual:
			uf.union(l.A, l.B)
			ledBy[l.A] = ledBy[l.A] || l.LeadB // B holds A's lead
			ledBy[l.B] = ledBy[l.B] || l.LeadA
			versions[l.A] = append(versions[l.A], l.B)
			versions[l.B] = append(versions[l.B], l.A)
		case contained, trimmed:
			containedLinks = append(containedLinks, l)
		default:
			excerptLinks = append(excerptLinks, l)
		}
	}
	// A text holding the lead of an article whose versions neither open
	// as it does nor carry that text is the article's first story, not
	// the one its versions tell: a roundup quotes it.
	containedLinks = slices.DeleteFunc(containedLinks, func(l Link) bool {
		in, out := inner(docs, l)
		if ledBy[out] || len(versions[out]) == 0 || !l.innerHoldsLead() || carried(docs, in, versions[out]) {
			return false
		}
		excerptLinks = append(excerptLinks, l)
		return true
	})
	attach := map[[2]int]bool{} // (doc, any member of the story) pairs
	s.applyContained(docs, uf, containedLinks, attach)
	for _, l := range excerptLinks {
		in, out := excerptSides(docs, uf, l)
		if uf.find(in) != uf.find(out) {
			attach[[2]int{out, in}] = true
		}
	}
	return s.buildClusters(docs, links, uf, attach)
}

// carriedShare: a version holding this share of a text carries it.
const carriedShare = 0.4

// carried reports whether one of the versions (the first few) carries
// much of document in's text.
func carried(docs []*Doc, in int, versions []int) bool {
	set := docs[in].Set
	for _, v := range versions[:min(len(versions), 8)] {
		if float64(shingle.Intersect(set, docs[v].Set)) >= carriedShare*float64(len(set)) {
			return true
		}
	}
	return false
}

// excerptSides returns the story side of an excerpt link and the quoting
// side. Evidence decides before share ratios do: a side that already has
// other versions is the story (a quoting article is not copied whole by
// others); between two lone articles, the earlier one, when both times
// are known and differ. Only then does the side carrying the larger share
// of the other count as the story, which is wrong whenever the quoted
// story is longer than the article quoting it.
func excerptSides(docs []*Doc, uf *unionFind, l Link) (story, quoting int) {
	va, vb := uf.size(l.A) > 1, uf.size(l.B) > 1
	switch {
	case va && !vb:
		return l.A, l.B
	case vb && !va:
		return l.B, l.A
	case !va && !vb:
		a, b := docs[l.A], docs[l.B]
		if a.Precision != 0 && b.Precision != 0 && !a.Time.Equal(b.Time) {
			if a.Time.Before(b.Time) {
				return l.A, l.B
			}
			return l.B, l.A
		}
	}
	return inner(docs, l)
}

func (s *Scanner) applyContained(docs []*Doc, uf *unionFind, links []Link, attach map[[2]int]bool) {
	type innerLink struct {
		doc      int
		outShare float64 // share of the outer article the inner one covers
		lead     bool    // the inner article holds the outer one's lead
		whole    bool    // most of the inner one's shingles are in the outer
	}
	byOuter := map[int][]innerLink{}
	var outers []int
	for _, l := range links {
		in, out := inner(docs, l)
		if _, ok := byOuter[out]; !ok {
			outers = append(outers, out)
		}
		byOuter[out] = append(byOuter[out], innerLink{in, min(l.Shares()), l.innerHoldsLead(), max(l.CA, l.CB) >= editedShare})
	}
	sort.Ints(outers)
	for _, out := range outers {
		// Texts of two or more stories inside it make it a compound (a
		// roundup, or a long text several others quote). Texts holding
		// its lead are its own story cut from the bottom, briefs of
		// different lengths, and join it even so, unless two other
		// stories' texts are found whole in it: a digest opening with one.
		stories, quoted := map[int]bool{}, map[int]bool{}
		for _, il := range byOuter[out] {
			if r := uf.find(il.doc); r != uf.find(out) {
				stories[r] = true
				if !il.lead && il.whole {
					quoted[r] = true
				}
			}
		}
		compound := len(stories) >= 2
		for _, il := range byOuter[out] {
			if uf.find(il.doc) == uf.find(out) {
				continue
			}
			if il.lead && len(quoted) < 2 || !compound && (uf.size(il.doc) == 1 || uf.size(out) == 1 || il.outShare >= trimShare) {
				uf.union(il.doc, out)
			} else {
				attach[[2]int{out, il.doc}] = true
			}
		}
	}
}

func (s *Scanner) buildClusters(docs []*Doc, links []Link, uf *unionFind, attach map[[2]int]bool) []Cluster {
	groups := map[int][]int{} // root -> union members
	for i := range docs {
		r := uf.find(i)
		groups[r] = append(groups[r], i)
	}
	partials := map[int]map[int]bool{} // root -> attached docs
	for k := range attach {
		r := uf.find(k[1])
		if partials[r] == nil {
			partials[r] = map[int]bool{}
		}
		partials[r][k[0]] = true
	}
	// Full membership: a mutual link inside the group, or being the copy
	// side of a contained link inside it.
	full := make([]bool, len(docs))
	for _, l := range links {
		if uf.find(l.A) != uf.find(l.B) {
			continue
		}
		switch s.classify(l) {
		case mutual:
			full[l.A], full[l.B] = true, true
		case contained, trimmed:
			in, out := inner(docs, l)
			full[in] = true
			// The longer side is a version too when the copy covers a
			// good part of it or holds its lead (a trimmed copy), not a
			// passage of it.
			if min(l.Shares()) >= trimmedShare || l.innerHoldsLead() {
				full[out] = true
			}
		}
	}
	var clusters []Cluster
	for r, members := range groups {
		if len(members) < 2 && len(partials[r]) == 0 {
			continue
		}
		var c Cluster
		inGroup := map[int]bool{}
		for _, m := range members {
			inGroup[m] = true
			kind := Partial
			if full[m] || len(members) == 1 {
				kind = Full
			}
			c.Members = append(c.Members, Member{Doc: m, Kind: kind, Best: -1})
		}
		for p := range partials[r] {
			if !inGroup[p] {
				inGroup[p] = true
				c.Members = append(c.Members, Member{Doc: p, Kind: Partial, Best: -1})
			}
		}
		clusters = append(clusters, c)
	}
	fillSimilarity(clusters, links, s.opts)
	for _, c := range clusters {
		for i := range c.Members {
			if c.Members[i].Kind == Partial {
				c.Members[i].Reuse = Excerpt
			}
		}
	}
	for i := range clusters {
		sortMembers(docs, clusters[i].Members)
	}
	// The earliest full member is unique to its cluster: a total order.
	sort.Slice(clusters, func(i, j int) bool { return ClusterBefore(docs, clusters[i], clusters[j]) })
	NumberClusters(clusters)
	return clusters
}

// NumberClusters names clusters c001, c002, … in their order, with more
// digits when there are more than 999.
func NumberClusters(clusters []Cluster) {
	width := max(len(strconv.Itoa(len(clusters))), 3)
	for i := range clusters {
		clusters[i].ID = fmt.Sprintf("c%0*d", width, i+1)
	}
}

// fillSimilarity sets each member's best link within its cluster.
func fillSimilarity(clusters []Cluster, links []Link, o Options) {
	type slot struct{ c, m int }
	where := map[int][]slot{}
	for ci, c := range clusters {
		for mi, m := range c.Members {
			where[m.Doc] = append(where[m.Doc], slot{ci, mi})
		}
	}
	update := func(m *Member, other int, j, c float64, r Reuse) {
		if m.Best < 0 || j > m.J || (j == m.J && other < m.Best) {
			m.Best, m.J = other, j
		}
		m.C = max(m.C, c)
		if reuseRank[r] > reuseRank[m.Reuse] {
			m.Reuse = r
		}
	}
	for _, l := range links {
		for _, sa := range where[l.A] {
			for _, sb := range where[l.B] {
				if sa.c != sb.c {
					continue
				}
				r := o.Reuse(l)
				update(&clusters[sa.c].Members[sa.m], l.B, l.J, l.CA, r)
				update(&clusters[sb.c].Members[sb.m], l.A, l.J, l.CB, r)
			}
		}
	}
}

var reuseRank = map[Reuse]int{Excerpt: 1, Rewritten: 2, Edited: 3, Verbatim: 4}

// docBefore orders documents by time (unknown times last), then id.
func docBefore(a, b *Doc) bool {
	at, bt := a.Precision != 0, b.Precision != 0
	if at != bt {
		return at
	}
	if at && !a.Time.Equal(b.Time) {
		return a.Time.Before(b.Time)
	}
	return a.ID < b.ID
}

func firstFull(c Cluster) int {
	for _, m := range c.Members {
		if m.Kind == Full {
			return m.Doc
		}
	}
	return c.Members[0].Doc
}

func sortMembers(docs []*Doc, ms []Member) {
	sort.Slice(ms, func(i, j int) bool { return docBefore(docs[ms[i].Doc], docs[ms[j].Doc]) })
}

type unionFind struct{ parent, sz []int }

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int, n), sz: make([]int, n)}
	for i := range u.parent {
		u.parent[i], u.sz[i] = i, 1
	}
	return u
}

func (u *unionFind) find(x int) int {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// union joins two sets; the smaller index becomes the root so results do
// not depend on the order of unions.
func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.sz[ra] += u.sz[rb]
}

func (u *unionFind) size(x int) int { return u.sz[u.find(x)] }

// Joins reports whether a link can put its two articles in one story (a
// copy, whole or contained) rather than make one quote the other.
func (s *Scanner) Joins(l Link) bool { return s.opts.IsCopy(l) }

// Keeps reports whether a link is a copy or an excerpt under the
// scanner's options, as Verify decides.
func (s *Scanner) Keeps(l Link) bool {
	return l.J >= s.opts.Threshold || max(l.CA, l.CB) >= s.opts.Containment || l.Shared >= s.opts.MinShared
}
