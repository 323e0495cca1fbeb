// Package provenance reconstructs who copied whom inside each story
// cluster and whom each copy credits.
//
// # Origin
//
// The origin is the earliest full member by publication time (articles
// without a time come last) that does not itself credit the outlet of
// another member: a copy whose clock runs early still names its source.
// When that article, or at least half of the full members, credit a wire
// or agency that has no article in the cluster, the origin is that outlet
// with no document, and the copies made straight from it have no parent.
//
// # Parents
//
// Members are placed in time order after the origin. For a copy C, each
// full member P that is not a descendant of C is scored by how much of C's
// story text it explains: explained = |C ∩ P ∩ S| / |S|, where S is the set
// of C's shingles found in any other member (C's own additions that nobody
// shares do not count either way). A version that carries edits C also
// carries (a changed word, an added sentence, a dateline) explains more of
// C than the original does, so the edited version is chosen: a website
// that copied QNA's edit of a Sputnik story gets QNA as parent. Ties go to
// the more similar version (Jaccard), then to the origin, then to the
// earlier article. A parent must be published before its child; when the
// best candidate by text is later by its timestamp and explains clearly
// more (5 points), it is chosen anyway and the edge is flagged
// time-conflict. Edges are also flagged time-missing, time-date-only
// (a bare date the order cannot be read from) and time-no-zone.
//
// Under an external origin, a copy that credits that outlet and carries no
// edit unique to its best candidate, or that no member explains for 90%,
// was copied straight from the external outlet and has no parent.
//
// Partial members (quoting articles) take as parent the full member they
// share most text with. Costs: O(n²) set intersections per cluster of n
// members; clusters are small.
//
// # Credits and verdicts
//
// A copy's credits are its credit mentions (package credit) that name an
// outlet other than its own, minus in-text mentions it carried over from
// its parent's text (the parent has a mention of the same outlet in the
// same wording) ("(Sputnik) news agency quoted …" in a copy of QNA is
// QNA's credit, not the copy's); attribution forms such as a dateline or a
// "Source:" line count wherever they come from. The verdict compares them
// with the outlets upstream of the copy: credits-origin when the origin's
// outlet is named, credits-intermediary when only an outlet on the path
// between is named, miscredited when only outlets that are not upstream
// are named, uncredited otherwise. An article from the origin's own outlet
// counts as credits-origin.
package provenance
