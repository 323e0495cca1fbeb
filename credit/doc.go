// Package credit finds the credit lines, datelines and bylines of an
// article and resolves the outlets they name against an outlet registry.
//
// # Mentions and forms
//
// Extract reads a text line by line; ExtractMeta reads one metadata value
// (a byline, an author or a source field; MetaOf collects them from a
// record and Article reads text and metadata together). Each outlet found
// is a Mention with a Form, the line it is on (0 for metadata) and Where
// it was found (InText, or the metadata field). Forms are of two
// strengths:
//
//   - attribution forms state where the whole text comes from, and are
//     credits for any known outlet: a dateline ("MOSCOW (Sputnik) -",
//     "LONDON, Nov 28 (Reuters) -", «الرياض (واس)», «الدوحة - قنا:», «واس -
//     جدة:», «اسلام آباد (اے پی پی)», "МОСКВА, 28 ноя — РИА Новости.",
//     SPA's own «مكة المكرمة 25 شوال 1436 هـ … م واس»), a wire tag ("(AP)
//     —", «(واس)» on its own line or closing a paragraph, «.«واس»»), a
//     source line ("Source: X", «المصدر:», "Источник:", "Quelle:",
//     "Fuente:", "Kaynak:", "Source :", «بشکریہ», "Avec AFP", "Mit Material
//     von dpa", "Con información de EFE", "With inputs from PTI"), a
//     sign-off ("— Anadolu Agency", "- QNA"), "X contributed to this
//     report", "first published by X", a byline in the text ("By Jane
//     Roe, Reuters") and the metadata forms Byline and SourceField.
//   - in-text forms cite a source inside the story: "according to X" (also
//     when the article opens with it), "X reported/said/reports", "X said
//     in a report", "…, reported X", "told X", "via X", "X quoted …",
//     "quoted by X"; «ذكرت/نقلت/أفادت/قالت وكالة X», «بحسب X», «وفقا لـX»,
//     «نقلا عن X», «لـ"واس"» (told SPA); Urdu «X کے مطابق», «X کو بتایا»;
//     Russian «сообщает X», «по данным X», «со ссылкой на X», «заявил
//     ТАСС»; French "selon X", "rapporte X", "à l'AFP"; Spanish "según X",
//     "informó X", "dijo a EFE"; German "laut X", "berichtete X", "X
//     zufolge"; Turkish "X'nın haberine göre", "X'e göre", "X muhabirine".
//     They are credits (Credit true) only when X is a wire or a news
//     agency: "The Washington Post reported" quotes a source. A known
//     outlet of another kind is kept with Credit false, so that
//     provenance can count it when that outlet's version is in the story.
//     The told forms ("told X", «لـ"واس"», «X کو بتایا», "заявил ТАСС") are
//     recorded but never credits: they say who obtained a quote, and a
//     page that keeps an agency's "the minister told SPA" still presents
//     the text as its own.
//
// Generic sources («وكالات», "agencies") are mentions that are never
// credits. Organisations that are not news outlets (the UN, WHO, cricket
// boards) are never credits either; they are kept only where a source
// line or field states them ("Source: WHO").
//
// Where forms are looked for: datelines in the first two non-empty lines;
// sign-offs, bare tags and bare agency names in the last twelve, because
// pages keep a related-stories block (short headlines with dates) and a
// copyright footer after the body's last line; source lines, tags that
// close a sentence, and in-text forms anywhere.
//
// # Speed
//
// Extract runs on every article of corpora of millions. The in-text forms
// are found in one pass over each line: at the start of each word, its
// first two bytes pick the few trigger words that begin so, and only a
// trigger that is there runs its handler, which reads the words before or
// after it. A candidate name is resolved only when its first (or last)
// word, cheaply folded, is a first (or last) word of some alias, or it is
// one long word that may be a typo or an inflection; the few regular
// expressions left run on short lines or on windows around a trigger.
//
// # Registry and resolution
//
// The registry (registry.yaml, embedded) lists outlets with a canonical
// name, a kind, aliases in several scripts (Latin, Arabic, Urdu,
// Cyrillic), ambiguous aliases and slugs; users extend or override it
// with their own YAML file (Extend). Kinds: wire (international news
// agency), agency (national or private news agency), newspaper,
// broadcaster, website, aggregator (republishes others' stories),
// publisher (any other publisher, treated like a newspaper), generic and
// organization.
//
// Names are normalised the way matching normalises words (case folding,
// Arabic letter variants, digits; a leading "the" dropped). Resolve is
// for names given as outlets, such as a record's outlet field: it ignores
// case and knows slugs ("was" is SPA in SaudiNewsNet, "alriyadh" Al
// Riyadh, domains such as "reuters.com"). Names found in a text or a
// byline are resolved with the precision rules below (ResolveMention for
// a bare name).
//
// # Precision
//
// A false credit is as bad as a missed one.
//
//   - Acronyms (at most four letters in any script, or letters spelled
//     out as short words: «أ ف ب», «بي بي سي», «اے پی پی») match exactly,
//     never within an edit distance. A Latin acronym in a text must be
//     written in the registry's case: "AP", "AFP", "WAS", "dpa"; "ap" and
//     "was" are words. A Latin name the registry writes with a capital
//     needs one in the text ("le monde" is a phrase).
//   - Slugs are never names in a text: "was" is SPA only as an outlet
//     field.
//   - Ambiguous aliases are names that are also common words or names
//     («الشرق الأوسط» the Middle East, «سبق» "preceded", «الاقتصادية»
//     "economic", "Online", "Petra", PTI the Pakistani party). In a text
//     they count only as a tag (X), in quotes «X», or after an outlet word
//     (صحيفة X, the news agency X); in a byline only as a whole part.
//     Words that are too common to be names at all are not aliases:
//     «الرياض» (the city), «اليوم» (today), «الجزيرة», «الوطن», «المدينة».
//   - Fuzzy matching (Levenshtein distance, github.com/agnivade/levenshtein,
//     two adjacent letters swapped counting as one edit) is for typos and
//     inflections of long Latin and Cyrillic names ("Reutres",
//     «Интерфакса»): seven letters or more, the same first letter, one
//     edit below twelve runes and two from twelve, a single nearest
//     outlet, never a truncation ("Reuter" is a surname) or the alias
//     followed by more words ("Sputnik V" is a vaccine). There is none in
//     Arabic script, where names one letter apart are other names
//     («الجريدة» is not «الجزيرة», «الكورية» not «السورية»).
//   - Organisations that share letters with outlets are in the registry
//     so that they resolve to themselves: «بی سی بی» is the Bangladesh
//     Cricket Board, not BBC.
//   - In Latin script a known name glued to another capitalised word is
//     part of a longer name: "Michael Bloomberg said", "Petra Kvitova".
//     A tag that spells out the name before it ("the Qatar News Agency
//     (QNA)", "Middle East and North Africa (MENA)", "Pakistan
//     Tehreek-e-Insaf (PTI)": the words before it give its letters),
//     follows another registry name, glosses a word in another script
//     («بلومبيرج (Bloomberg)»), or follows an outlet word or a trigger is
//     not a tag of its own; in the last lines a closing tag must end a
//     sentence or stand alone. Photo credits ("Photo: AFP") are not source lines.
//   - «لـX» reads as "told X" except after words that take ل for another
//     sense («وفقا لـ», «المدير العام لوكالة»); a bare ل before a name
//     needs a long name («لرويترز»; «لساناً» is "a tongue").
//
// Bounds, for text that may be hostile: a name is read at most 240 bytes
// before and after its trigger, a word longer than 60 bytes ends it, the
// Arabic told form looks 96 bytes ahead, and a line yields at most 64
// mentions. The work on a line grows with its length, never with its
// length times its triggers (a test counts the bytes read).
//
// Trade-offs: the forms are patterns, not a parse; an outlet named in
// the text in an unlisted wording is missed, and a listed wording used in
// another sense ("told Reuters" in a story about Reuters) is kept. Unknown
// names are kept as written (Known false) only in a dateline with a dash,
// a source line, "first published by X" and, in English, "according to
// X", "X reported" and "X news agency quoted"; the other forms need a
// known outlet.
package credit
