// Package provenance reconstructs who copied whom inside each story
// cluster, and says what each copy tells its reader about where its text
// came from.
//
// Timestamps are evidence, not truth: crawlers stamp pages when they fetch
// them (SaudiNewsNet's published field is the crawl time), papers print a
// date without a time, clocks run in unknown zones. So direction comes from
// four kinds of evidence, strongest first: credits, an agency's own mark,
// per-outlet clocks estimated from the corpus, and registry kinds.
//
// # Evidence of direction (evidence.go)
//
// Evidence says p's version is upstream of c's when c credits p's outlet
// (in its text, inherited or its own, or in its byline or source field)
// and p does not credit c's; or when p is a wire's or agency's article
// carrying its own name in a dateline or tag that c lacks: copies strip an
// agency's mark, they do not add it. A story's full members are placed in
// a topological order of this evidence, ties (and everything evidence does
// not order) by corrected time; a cycle (two versions crediting each
// other) is broken by time. Versions without a date are ordered by their
// text (undated.go): the one sharing most text with the others first,
// then by the kind of outlet (wires and agencies first), then the
// longer. Costs: O(n²) checks per cluster of n members.
//
// # Clocks (clocks.go)
//
// From every pair whose direction evidence gives (or verbatim containment:
// a text found almost whole in a clearly longer one was cut from it) and
// whose timestamps are comparable, each outlet's clock is estimated: as a parent, how much
// later its timestamps are than its known copies'; as a copy, how much
// earlier than its known sources'. An outlet is corrected only when at
// least clockMinPairs pairs back it and clockMajority of them contradict
// the raw clock; the correction (the clockCover quantile, at least
// clockMinOffset) puts most of those pairs right. Normal copy delays of
// minutes to hours never trigger it. Estimates are re-made with the other
// outlets corrected, for a few rounds. Every outlet's estimate (offset,
// spread, pairs, how many its raw clock puts the wrong way) is reported in
// the outlet summary; edges whose order used a correction are flagged
// clock-estimated. A corrected time is trusted only to clockSlack spreads
// of its outlet's estimate (a crawler's delay varies, so one offset cannot
// place every article): closer times are not ordered by the clocks. Bare
// dates order across days only; within a day, evidence and kinds decide.
//
// The clocks need every story's pairs; placing a story needs only the
// clocks. So the work is two passes (provenance.go): Estimate reads every
// story for its pairs and estimates the clocks, then Analysis.Cluster
// places one story at a time, in any order and on any worker, and a
// Summary counts the outlets as placed stories go by. Analyze does both
// for a whole scan; report.BuildStreaming places stories as the report is
// written, so a million-article scan never holds every story's
// provenance (1.9 GB at a million articles); the Beam pipeline combines
// the pairs (ClockPairs, EstimateClocks) and places stories where they are.
//
// # Origin (origin.go)
//
// The origin is the first full member in placement order that credits no
// other member's outlet, unless the outlet most members credit (at least
// minRootVotes) has a version in the story, or a wire or agency comes
// within rootWindow after a website, or any outlet within rootWindow after
// an aggregator (kinds are priors). When that article, or an attribution
// (line, dateline, byline) of any member, full or quoting, names a wire or
// agency with no version in the story while the first version is a
// newspaper's, website's or aggregator's, or when half of the full
// members credit one outlet absent from the story, the origin is that
// outlet with no document. The origin carries the reason it was chosen.
//
// # Parents (parent.go)
//
// Members are placed in placement order after the origin. For a copy C,
// each full member P placed before it (or after it, when evidence puts P
// upstream or the clocks cannot order them: a bare date of the same day, a
// missing time) that is not a descendant of C is scored by how much
// of C's story text it explains: explained = |C ∩ P ∩ S| / |S|, where S is
// the set of C's shingles found in any other member. A version that
// carries edits C also carries explains more of C than the original does,
// so the edited version is chosen. Ties (within explainedTie) go to the
// version known to be earlier, then the more similar (jaccardTie; an
// agency's version that differs only by up to markTie shingles more is
// not less similar: copies strip its dateline), then the credited one,
// then a wire or agency over a newspaper or website, then the most
// recent. When C credits an outlet whose version is a candidate, only
// that version and its descendants remain: a credit says where the text
// came from, whatever the clocks say (the edge is flagged time-conflict
// when the clock disagreed); a version not yet placed stays a candidate,
// since its own line is not known yet. A candidate later by its clock is
// otherwise chosen only when it explains clockMargin more than every
// earlier one. When the clocks cannot order C and P, P's text can: if P
// has at least minUnique shingles no other member holds (changed words)
// while C lacks some of P's text and has no such shingles of its own, P
// was made from C or beside it, and is no candidate (a copy carries its
// parent's edits; text P has and C lacks alone says nothing, since copies
// are trimmed far more often than padded).
// Under an external origin, a copy was copied straight from the external
// outlet when no member explains it for straightShare; or, unless it
// credits its best candidate's outlet, when it is a wire's or agency's
// copy crediting the origin; when it holds minOriginal shingles that its
// best candidate lacks and another version has (the candidate's edits
// replaced text the copy kept from the original); or when it carries
// fewer than minUnique shingles of the candidate's own edits. Partial
// (quoting) members take as parent the full member they share most text
// with.
//
// # Credits and verdicts (verdict.go)
//
// A verdict describes what the published page tells its reader. Every
// credit the page carries counts: in its text, whether the copier wrote it
// or inherited it from its parent (marked Inherited: the parent's text has
// the same outlet in the same form), and in its metadata (Where names the
// field). An in-text form counts when it is a credit form, or when it names
// a known outlet whose version is in the story. A quoting article's
// in-text credits of outlets unrelated to the story are about its other
// material and do not count, unless its parent's text carries the same
// credit: then it came with the quoted passage. The verdict compares the credited outlets with
// those upstream: credits-origin when the origin's outlet is named (or the
// copy is from that outlet), credits-intermediary when only an outlet on
// the path is named, or when a copy taken from outside the corpus (or a
// quoting article) names a wire or agency absent from the story (agencies
// relay each other's stories), miscredited when only other outlets are
// named, uncredited otherwise. OwnVerdict is the same with inherited
// credits left out, for users who care who did the crediting (check
// --own-credit).
package provenance
