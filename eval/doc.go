// Package eval scores a wiretrace report against ground truth.
//
// The truth file is JSON Lines, one object per article (the format the
// synthetic generator writes with `wiretrace gen --truth`, documented in
// docs/eval.md):
//
//	{"id": "...", "story": "...", "parent": id|null, "origin_doc": id|null,
//	 "origin_outlet": "...", "kind": "full"|"partial", "verdict": "...",
//	 "credits": ["..."], "reuse": "verbatim"|"edited"|"rewritten"|"excerpt"|"",
//	 "event": "...", "parent_equivalents": [id, ...],
//	 "parent_indistinct": [id, ...],
//	 "mentions": [{"outlet", "text", "form", "lang", "where", "credit",
//	               "own", "inherited"}, ...],
//	 "traits": ["..."]}
//
// Only id and story are required.
//
// Clustering is scored on a partition of all articles: each article goes to
// the cluster where it is a full member, else to the first cluster where it
// is a partial member, else to a cluster of its own; the truth partition is
// the story label. The adjusted Rand index (Hubert and Arabie) and pairwise
// precision and recall compare the two. Both are computed from the
// contingency table in time linear in the number of articles.
//
// Provenance figures count over the articles that the truth places in a
// story with copies: parent accuracy, origin accuracy (per true story with
// copies, the report's origin outlet and document for the cluster holding
// most of the story), verdict accuracy, and credit precision and recall
// over (article, outlet) pairs.
//
// A reported parent is right when it equals the true one (both null
// counting as equal), or when it is one of the truth's parent_equivalents:
// the articles whose text is identical to the true parent's (the generator
// compares the story text as rendered, leaving out a website's
// related-stories block and footer, which are the site's boilerplate).
// Two verbatim copies cannot be told apart by their text, so naming either
// is not held against a report; ParentByEquivalence counts how often this
// rule made a parent right. ParentAccuracyIndistinct is a second, more
// lenient figure: it also counts a reported parent among the truth's
// parent_indistinct, the articles that the copy's own text cannot tell from
// its true parent (the copy shares exactly the same sentences, credit
// phrases, datelines and closing lines with both: it truncated its parent,
// or stripped the parent's credits, and looks like a copy of the
// grandparent). The gap between the two figures is what no report could
// get right from the texts alone; clocks may still decide. When the
// story's origin is missing, parent_indistinct may hold "", meaning no
// in-corpus parent: a copy of an in-corpus version whose text cannot tell
// that version from the missing original lists "", so reporting no parent
// counts in the lenient figure; a copy of the missing original (true
// parent null) lists the in-corpus versions its text cannot tell from it,
// so naming one counts there. Nothing in the texts tells the missing
// original from an in-corpus version that matches it on every part the
// copy carries, so either answer is right; the strict figure is
// unchanged.
//
// The truth's credits are what the page tells its reader: every outlet
// other than its own that it names as the source of its text, in its text
// (whether the copier wrote the credit or carried it over from its
// parent's text) and in its author and source fields. The verdict follows
// from them: credits-origin when the origin outlet is named,
// credits-intermediary when only outlets between the article and the
// origin (and perhaps others) are, miscredited when only outlets that are
// not upstream are, uncredited when none is.
//
// Figures by variation: when the truth gives traits, the figures are also
// computed on the articles of each trait (origin accuracy on the stories
// with at least one such article), so that a regression on, say, byline
// credits or crawl-late outlets shows. Credit recall by form counts, for
// each form and language of credit phrase ("byline/ar", "reported/en"),
// the true credits named in that form only and how many were reported.
// FalseFriendCredits counts reported credits of outlets that the page
// names only in a false friend (a mention that is no credit: "the BCB
// said", "AP exams").
//
// Reuse by kind: recall of kind K is the share of the truth's copies of
// kind K that the report places with their source — a verbatim, edited
// or rewritten copy as a full member of a cluster in which its true
// parent is full, an excerpt as a member of any kind of one (a copy whose
// parent is not in the corpus counts its story's other full versions).
// It needs nothing of the report but clusters, so it is computed on any
// report. Precision of kind K needs the report's reuse field: of the
// members labelled K, the share whose truth says they are copies of the
// cluster's story (the story of most of its full members). Linking and
// labelling are kept apart: precision does not ask that the label be
// right, the reuse confusion shows how labels compare. Same-event
// figures count the articles of independently reported events that the
// report makes full members of one cluster with another story of their
// event (a wrong merge; it should be 0) or partial members of one (a
// shared quotation; allowed).
package eval
