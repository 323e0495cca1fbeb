package index

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/wiretrace/wiretrace/match"
	"go.etcd.io/bbolt"
)

// MaxLoaded bounds the indexed articles one query brings into memory: the
// stories new articles join, followed through stored copies.
const MaxLoaded = 200_000

// QueryStats says how much of the index a query touched.
type QueryStats struct {
	New        int // articles of the query
	Indexed    int // articles in the index
	Candidates int // indexed articles that reached the candidate rule
	Loaded     int // indexed articles in the result
}

// Query fingerprints the articles sc was given with the index's
// boilerplate model, matches them against each other and the index, and
// returns the stories they join, as a scan result whose documents are the
// new articles followed by the indexed articles of those stories
// (Doc.Indexed set). sc must have been made with options accepted by
// CompatibleOptions. skip lists indexed articles to leave out (those the
// input holds again).
func (ix *Index) Query(ctx context.Context, sc *match.Scanner, skip map[uint32]bool) (*match.Result, QueryStats, error) {
	p, err := ix.prepare(ctx, sc)
	if err != nil {
		return nil, QueryStats{}, err
	}
	docs := p.Docs
	keys, links, warnings, err := matchBatch(sc, docs)
	if err != nil {
		return nil, QueryStats{}, err
	}
	var res *match.Result
	stats := QueryStats{New: len(docs)}
	err = guard(ix.path, func() error {
		return ix.db.View(func(tx *bbolt.Tx) error {
			q := &query{tx: tx, sc: sc, skip: maps.Clone(skip), expanded: map[uint32][]adjacent{}, sums: ix.sums()}
			if q.skip == nil {
				q.skip = map[uint32]bool{}
			}
			maps.Copy(q.skip, ix.dead)
			stats.Indexed = articleCount(tx)
			found, n, warn, err := ix.linkNew(tx, sc, docs, keys, q.skip)
			if err != nil {
				return err
			}
			stats.Candidates = n
			warnings = append(warnings, warn...)
			if err := ctx.Err(); err != nil {
				return err
			}
			direct, err := q.seed(found, docs)
			if err != nil {
				return err
			}
			if err := q.expand(); err != nil {
				return err
			}
			res, stats.Loaded = q.result(p, links, direct, warnings)
			return nil
		})
	})
	return res, stats, err
}

// query is the state of one Query's walk through the stored links.
type query struct {
	tx       *bbolt.Tx
	sc       *match.Scanner
	skip     map[uint32]bool
	loaded   map[uint32]*record    // every indexed article reached
	expanded map[uint32][]adjacent // articles whose links were followed
	queue    []uint32
	capped   bool
	sums     bool
}

// seed loads the indexed articles the new documents (docs) are linked to
// and queues the stories they join: copies (a brief among them, now that
// the indexed article's lead is known), and stories a new document
// quotes.
func (q *query) seed(found [][]newLink, docs []*match.Doc) ([]newLink, error) {
	var direct []newLink
	var nums []uint32
	for _, ls := range found {
		for _, nl := range ls {
			nums = append(nums, nl.other)
		}
	}
	var err error
	q.loaded, err = load(q.tx, distinct([][]uint32{nums}), q.sc.Options().Workers, func(b []byte) (*record, error) { return decodeRecord(b, q.sums) })
	if err != nil {
		return nil, err
	}
	for _, ls := range found {
		for _, nl := range ls {
			// The indexed article's lead is known now: a brief is a copy.
			nl.link.SetLeads(docs[nl.doc], q.loaded[nl.other].doc(-1))
			direct = append(direct, nl)
			if q.sc.Joins(nl.link) || nl.link.CB > nl.link.CA {
				q.queue = append(q.queue, nl.other)
			}
		}
	}
	return direct, nil
}

// expand follows stored links from the queued articles: copies are
// followed further, quoting articles are taken in as they are.
func (q *query) expand() error {
	for len(q.queue) > 0 {
		u := q.queue[0]
		q.queue = q.queue[1:]
		if _, done := q.expanded[u]; done {
			continue
		}
		adj, err := getAdjacency(q.tx.Bucket(bucketLinks), u, q.sums)
		if err != nil {
			return err
		}
		q.expanded[u] = adj
		lenU := len(q.loaded[u].Set)
		docU := q.loaded[u].doc(0)
		for _, a := range adj {
			if q.skip[a.other] {
				continue
			}
			l := storedLink(a, lenU)
			if !q.sc.Keeps(l) {
				continue
			}
			if _, ok := q.loaded[a.other]; !ok {
				if len(q.loaded) >= MaxLoaded {
					q.capped = true
					continue
				}
				r, err := getRecord(q.tx, a.other, q.sums)
				if err != nil {
					return err
				}
				q.loaded[a.other] = r
			}
			l.SetLeads(docU, q.loaded[a.other].doc(1))
			if q.sc.Joins(l) {
				q.queue = append(q.queue, a.other)
			}
		}
	}
	return nil
}

// storedLink rebuilds a link's measures from a stored pair, A being the
// article whose list it is.
func storedLink(a adjacent, lenA int) match.Link {
	return match.NewLink(0, 0, int(a.shared), lenA, int(a.otherLen))
}

// result numbers the documents (new ones first, then indexed ones by
// article number), gathers the links among them, clusters, and keeps the
// stories that hold a new document.
func (q *query) result(p *match.Prepared, links []match.Link, direct []newLink, warnings []string) (*match.Result, int) {
	docs := slices.Clone(p.Docs)
	nums := make([]uint32, 0, len(q.loaded))
	for n := range q.loaded {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	at := map[uint32]int{}
	for _, n := range nums {
		at[n] = len(docs)
		docs = append(docs, q.loaded[n].doc(len(docs)))
	}
	for _, nl := range direct {
		l := nl.link
		l.A, l.B = nl.doc, at[nl.other]
		links = append(links, l)
	}
	for _, u := range slices.Sorted(maps.Keys(q.expanded)) {
		for _, a := range q.expanded[u] {
			v, ok := at[a.other]
			if _, both := q.expanded[a.other]; !ok || q.skip[a.other] || (both && a.other < u) {
				continue
			}
			l := storedLink(a, len(q.loaded[u].Set))
			if !q.sc.Keeps(l) {
				continue
			}
			l.A, l.B = at[u], v
			if l.A > l.B {
				l.A, l.B, l.CA, l.CB = l.B, l.A, l.CB, l.CA
			}
			links = append(links, l)
		}
	}
	slices.SortFunc(links, func(x, y match.Link) int { return cmp.Or(x.A-y.A, x.B-y.B) })
	// Stored pairs and pairs verified against an indexed set alone were
	// measured without the indexed articles' leads.
	match.MarkLeads(docs, links)
	if q.capped {
		warnings = append(warnings, fmt.Sprintf("the stories of the new articles reach more than %d indexed articles; only that many were loaded", MaxLoaded))
	}
	var clusters []match.Cluster
	for _, c := range q.sc.Cluster(docs, links) {
		if slices.ContainsFunc(c.Members, func(m match.Member) bool { return m.Doc < len(p.Docs) }) {
			clusters = append(clusters, c)
		}
	}
	match.NumberClusters(clusters)
	res := q.sc.Result(p, links, clusters, warnings)
	res.Docs = docs
	return res, len(nums)
}
