// Package synth generates labelled laundering corpora: stories broken by a
// wire or a national agency and copied hop by hop by agencies, websites,
// newspapers and aggregators, with the labels needed to score detection
// and provenance (story, parent, origin, credits, verdict).
//
// Each story family is generated from its own random stream, seeded by the
// corpus seed and the family's index, so a corpus of any size streams out in
// constant memory and any family can be regenerated alone. Text comes from a
// fixed pseudo-word lexicon drawn with a Zipf distribution, which gives
// shingle statistics like running text (a few very common words, a long
// tail) without shipping any real corpus. The story text is pseudo-English;
// credit phrases, datelines and bylines are written in the outlet's
// language.
//
// # The world
//
// A family is set in a region: English Gulf websites copying Sputnik,
// Reuters, AFP, TASS or the Gulf agencies (QNA, KUNA, WAM, SPA); Saudi
// newspapers and an aggregator copying SPA, in Arabic; Syrian sites copying
// SANA; Urdu newspapers printing the stories of APP, NNI and Online (a
// name that is also a common word, written only in tags, datelines and
// bylines), often the next day; and
// European sites crediting AFP, EFE, dpa, Anadolu or TASS in French,
// Spanish, German, Turkish and Russian. Wires and agencies carry the
// shipped registry's canonical names, and are written as the registry
// writes them in each script («واس», «اے پی پی», «ТАСС»).
//
// What a family can contain: an origin (sometimes left out of the corpus,
// so that only its copies remain; then some copy names it, and none names
// a wrong outlet that could pass for it), often opening with its own dateline
// ("MOSCOW (Sputnik) -", «الرياض - واس», SPA's Hijri date line) and with a
// byline naming itself; agencies that copy it with their own edits and
// dateline and a credit; websites and newspapers that copy any earlier
// version, carrying its edits, its in-text credits and its closing lines
// (or stripping them: laundering), keeping its dateline or not, and
// crediting the origin, the intermediary, nobody or the wrong outlet, in
// their text (datelines, "Source: X", "According to X, …", "…, X
// reported.", "X said in a report", "via X", "X contributed to
// this report.", sign-offs "— X" before the site's related-stories block
// and footer, tags "(X)", «المصدر: واس», «نقلا عن وكالة …», «… کے مطابق»,
// «сообщает ТАСС», "selon l'AFP", "según EFE", "laut dpa", "Anadolu
// Ajansı'nın haberine göre"), in an author field ("Doha - QNA", "By Jane
// Roe, Reuters") or a source field; false friends that look like credits
// and are not ("the BCB said", "AP exams", "Mr Reuter", "an official told
// Reuters", which names who got a quote, not where the text came from, «بی سی بی کے
// مطابق»); excerpts of two or three paragraphs inside a website's own
// unrelated article; rewrites and independent reports (below). Clocks: outlets whose published time is crawl time
// (late by hours to days), outlets that publish only a date, and copies
// whose timestamp is missing, only a date, written in another time zone, or
// skewed so that a copy appears to precede its parent.
//
// # Rewrites and independent reports
//
// Newsrooms do not only paste. Besides the copies above, a family gets
// rewritten copies (Config.RewriteRate, 0.35 a family by default, three
// times as many among Urdu papers, 1.5 times among Saudi and Syrian
// outlets, 0.8 times among European sites), written by the region's sites
// and by newsrooms that appear only as rewriters (Urdu, Arabic, English,
// German, Spanish and French papers kept out of the older outlet list).
// A rewrite mixes, at a strength drawn per copy: sentences reordered and
// neighbouring paragraphs swapped, long sentences split and short ones
// merged, content words swapped for synonyms (the lexicon's content
// words are grouped in fixed synonym sets of two to four words of about
// the same frequency; its 30 commonest words play function words),
// clauses turned around with function words changed, dropped and
// inserted, a few sentences left out and a few of the newsroom's own
// added. The credit phrases, datelines and false friends stay in place
// and the copy's credit rules apply as to any website copy. Their median
// word 3-gram Jaccard with their parent is about 0.27 (10th to 90th
// percentile about 0.15 to 0.5; Urdu papers' wholly derived versions of
// agency stories have a median of 0.25). A tenth of the families are
// also printed as a summary: the lead and later sentences in order,
// each shortened to 55-85% and reworded, a third of the story's length.
// Three in ten rewrites and summaries are copied again, verbatim or with
// small edits, by another outlet. On three corpora of 400 families
// (seeds 1-3, about 2,650 articles each) rewrites and summaries are 12%
// of the copies (29% of the Urdu papers' copies), their copies 3.5%;
// there are about 95 independent reports of 60 events, and about 20
// copies of them. A default corpus has about 6.6 articles a family (5.5
// before).
//
// Independent reports (Config.EventRate, 15% of families): one or two
// other outlets — wires or agencies of the region without a version of
// the story, else a site — report the same event in their own words.
// They carry the event's names (rarer words of the story, capitalised),
// numbers, and, three times in four when the event has one, the official
// statement the story quotes: one or two of its sentences verbatim, in
// quotation marks. Each is a story of its own (its id is the story id);
// the family's articles and the reports share Truth.Event. An agency's
// or wire's report is sometimes copied by a site, forming a story with
// copies of its own.
//
// Briefs (Config.BriefRate, 20% of families): one or two newspapers or
// websites of the region print a wire's or agency's version cut from the
// bottom, as newsrooms fit a wire story to the space they have: its
// lead and the next paragraph or two, a fifth to a third of the story,
// sometimes with a few words changed.
// A brief is a full copy (edited: paragraphs cut), crediting by the
// rules of any website copy; the long version holding it is its source,
// not an article quoting it.
//
// All of this is drawn from a random stream of its own and generated
// after the family (briefs after the rest), so every article a seed
// generated before these additions is generated unchanged, with the
// same label: figures on the older variations stay comparable.
//
// # Labels
//
// Texts are kept as paragraphs of parts: the story's words, and phrases
// that name outlets, each marked with the outlet, the form, the language
// and the article that wrote it. Copies edit, truncate, inherit or strip
// parts; the label is read off the parts that reach the published page, so
// it follows whatever happened on the way. A page's credits are every
// outlet other than its own that it names as the source of its text:
// phrases it wrote, phrases it inherited, its byline and its source field.
// False friends and mentions of its own outlet are listed in the mentions
// but are not credits. The verdict follows from the credits and the
// article's upstream outlets (see verdictOf). Articles whose text is
// identical to an article's true parent (not counting a website's
// related-stories block and footer) are listed as its parent_equivalents;
// articles that its own text cannot tell from its parent (it shares
// exactly the same sentences, credit phrases, datelines and closing lines
// with them) as its parent_indistinct. When the origin is left out, its
// direct copies have no parent in the corpus but are labelled the same
// way against the missing original: they list the in-corpus versions
// their text cannot tell from it, and a copy of an in-corpus version
// whose text cannot tell that version from the missing original lists ""
// (no in-corpus parent). The published text offers no evidence to choose
// between the two, so either answer is right in the lenient figure; ""
// never appears in parent_equivalents, and the strict figure does not
// change. Traits name the variations each article carries, for figures
// by variation in package eval.
//
// Truth.Reuse says how a copy's text was made from its parent's, read off
// what happened to it: excerpt for a passage inside the outlet's own
// article; rewritten for a rewrite or a summary; verbatim when its story
// sentences (filler and false friends, in order) are its parent's, the
// credit phrases, datelines and closing lines aside; edited otherwise
// (words changed, paragraphs cut, sentences added). It describes the link
// to the parent only: a verbatim copy of a rewrite is verbatim, since it
// is what a reader comparing it with its source would see; the origin,
// standalone articles and independent reports have "".
package synth
