// Package eval scores a wiretrace report against ground truth.
//
// The truth file is JSON Lines, one object per article (the format the
// synthetic generator writes with `wiretrace gen --truth`, documented in
// docs/eval.md):
//
//	{"id": "...", "story": "...", "parent": id|null, "origin_doc": id|null,
//	 "origin_outlet": "...", "kind": "full"|"partial", "verdict": "...",
//	 "credits": ["..."]}
//
// Clustering is scored on a partition of all articles: each article goes to
// the cluster where it is a full member, else to the first cluster where it
// is a partial member, else to a cluster of its own; the truth partition is
// the story label. The adjusted Rand index (Hubert and Arabie) and pairwise
// precision and recall compare the two. Both are computed from the
// contingency table in time linear in the number of articles.
//
// Provenance figures count over the articles that the truth places in a
// story with copies: parent accuracy (the report's parent equals the true
// one, both null counting as equal), origin accuracy (per true story with
// copies, the report's origin outlet and document for the cluster holding
// most of the story), verdict accuracy, and credit precision and recall
// over (article, outlet) pairs.
package eval
