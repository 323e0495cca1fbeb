package credit

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// In-text forms are found in one pass over a line: at the start of each
// word the first bytes of the word pick the few trigger words that begin
// so ("according to", «ذكرت», "сообщает", "selon", "laut", "göre", «کے
// مطابق» …), and only a trigger that is there runs its handler, which
// reads the words before or after it. Running regular expressions over
// whole paragraphs cost a millisecond an article; the scan costs about a
// nanosecond a byte.

// handler reads the name around a trigger found at line[start:end].
type handler func(e *extractor, line string, start, end, n int)

type trigger struct {
	text string
	h    handler
	// proclitic: an Arabic trigger that may carry و or ف («وذكرت»).
	proclitic bool
	// head is the trigger's first four bytes as a number, compared
	// before the whole text: most words that share a bucket's two bytes
	// differ in the next two.
	head, mask uint32
	// open: the trigger ends with an apostrophe or a space ("à l'",
	// "sagte der"), so the word it ends need not end with it.
	open bool
}

// head4 returns the first four bytes of s as a number, and the mask of
// the bytes s has.
func head4(s string) (uint32, uint32) {
	var h, m uint32
	for k := 0; k < 4 && k < len(s); k++ {
		h |= uint32(s[k]) << (8 * k)
		m |= 0xFF << (8 * k)
	}
	return h, m
}

const nameEN = `((?:[A-Z][\w.&'’-]*)(?:\s+(?:[A-Z][\w.&'’-]*|(?:of|de|la|al|el|du)\b)){0,4})`

var (
	reFirstPub = regexp.MustCompile(`(?i:first|originally)\s+(published|appeared)\s+(by|on|in|at)\s+(?:the\s+)?` + nameEN)
	reRepub    = regexp.MustCompile(`(?i:republished|reprinted|reproduced|reposted)\s+(?i:with\s+(?:kind\s+)?permission\s+)?(?i:from|of|by)\s+(?:the\s+)?` + nameEN)
	reAgencyQ  = regexp.MustCompile(`\(?` + nameEN + `\)?\s+news\s+agency\s+(?:quoted|reported|said|cited|says|reports)`)
	reNameEN   = regexp.MustCompile(`^` + nameEN)
	reNameEnd  = regexp.MustCompile(nameEN + `$`)
)

// triggers lists the trigger words by language. Variants with a capital
// first letter are added by buildTriggers.
var triggers = []trigger{
	// English
	{text: "according to", h: hAccordingEN},
	{text: "reported", h: hReportedEN},
	{text: "reports", h: hReportedEN},
	{text: "said", h: hSaidEN},
	{text: "says", h: hSaidEN},
	{text: "told", h: after(Told, 0)},
	{text: "via", h: after(Via, 0)},
	{text: "contributed", h: hContributed},
	// "Additional reporting by PA": a sign-off that names its source, so
	// an ambiguous name ("PA", "Online") counts there as after an outlet
	// word.
	{text: "additional reporting by", h: after(Contributed, named)},
	{text: "with reporting by", h: after(Contributed, named)},
	{text: "news agency", h: hNewsAgency},
	{text: "published", h: hFirstPublished},
	{text: "appeared", h: hFirstPublished},
	{text: "republished", h: hRepublished},
	{text: "reprinted", h: hRepublished},
	{text: "reproduced", h: hRepublished},
	{text: "reposted", h: hRepublished},
	{text: "quoted", h: hQuoted},
	{text: "cited", h: hQuoted},
	{text: "citing", h: after(AccordingTo, 0)},
	// French
	{text: "selon", h: after(AccordingTo, 0)},
	{text: "d'après", h: after(AccordingTo, 0)},
	{text: "d’après", h: after(AccordingTo, 0)},
	{text: "rapporte", h: both(Reported)},
	{text: "rapporté", h: after(Reported, 0)},
	{text: "indique", h: after(Reported, 0)},
	{text: "cité par", h: after(AccordingTo, 0)},
	{text: "citée par", h: after(AccordingTo, 0)},
	{text: "à l'", h: after(Told, agencyOnly)},
	{text: "à l’", h: after(Told, agencyOnly)},
	// Spanish
	{text: "según", h: after(AccordingTo, 0)},
	{text: "de acuerdo con", h: after(AccordingTo, 0)},
	{text: "informó", h: both(Reported)},
	{text: "informa", h: both(Reported)},
	{text: "reportó", h: both(Reported)},
	{text: "citado por", h: after(AccordingTo, 0)},
	{text: "citada por", h: after(AccordingTo, 0)},
	{text: "dijo a", h: after(Told, 0)},
	{text: "declaró a", h: after(Told, 0)},
	{text: "explicó a", h: after(Told, 0)},
	{text: "aseguró a", h: after(Told, 0)},
	// German
	{text: "laut", h: after(AccordingTo, 0)},
	{text: "berichtete", h: both(Reported)},
	{text: "berichtet", h: both(Reported)},
	{text: "meldete", h: both(Reported)},
	{text: "meldet", h: both(Reported)},
	{text: "zufolge", h: before(AccordingTo)},
	{text: "sagte der", h: after(Told, 0)},
	{text: "sagte dem", h: after(Told, 0)},
	// Turkish
	{text: "göre", h: hTurkishBefore(AccordingTo)}, // X'e göre, X'in haberine göre
	{text: "bildirdi", h: hTurkishBefore(Reported)},
	{text: "aktardı", h: hTurkishBefore(Reported)},
	{text: "muhabirine", h: hTurkishBefore(Told)},
	// Russian
	{text: "сообщает", h: after(Reported, 0)},
	{text: "сообщило", h: after(Reported, 0)},
	{text: "передает", h: after(Reported, 0)},
	{text: "передаёт", h: after(Reported, 0)},
	{text: "пишет", h: after(Reported, 0)},
	{text: "информирует", h: after(Reported, 0)},
	{text: "сообщил", h: after(Told, 0)},
	{text: "сообщила", h: after(Told, 0)},
	{text: "сообщили", h: after(Told, 0)},
	{text: "заявил", h: after(Told, 0)},
	{text: "заявила", h: after(Told, 0)},
	{text: "рассказал", h: after(Told, 0)},
	{text: "рассказала", h: after(Told, 0)},
	{text: "по данным", h: after(AccordingTo, 0)},
	{text: "по сообщению", h: after(AccordingTo, 0)},
	{text: "по информации", h: after(AccordingTo, 0)},
	{text: "со ссылкой на", h: after(AccordingTo, 0)},
	// Arabic
	{text: "ذكرت", h: after(Reported, 0), proclitic: true},
	{text: "ذكر", h: after(Reported, 0), proclitic: true},
	{text: "نقلت", h: after(Reported, 0), proclitic: true}, // «نقلت X عن»: X reported, quoting
	{text: "أفادت", h: after(Reported, 0), proclitic: true},
	{text: "أفاد", h: after(Reported, 0), proclitic: true},
	{text: "أوردت", h: after(Reported, 0), proclitic: true},
	{text: "أورد", h: after(Reported, 0), proclitic: true},
	{text: "قالت", h: after(Reported, 0), proclitic: true},
	{text: "أعلنت", h: after(Reported, 0), proclitic: true},
	{text: "نشرت", h: after(Reported, 0), proclitic: true},
	{text: "بثت", h: after(Reported, 0), proclitic: true},
	// «في بيان نقلته وكالة X» (in a statement X carried): the text is what
	// X carried. «نفت … ما أوردته وكالة X» (denied what X reported) is not.
	{text: "نشرته", h: carried(Reported), proclitic: true},
	{text: "بثته", h: carried(Reported), proclitic: true},
	{text: "أوردته", h: carried(Reported), proclitic: true},
	{text: "نقلته", h: carried(Reported), proclitic: true},
	{text: "حسب", h: after(AccordingTo, 0), proclitic: true},
	{text: "بحسب", h: after(AccordingTo, 0), proclitic: true},
	{text: "وفق", h: after(AccordingTo, 0), proclitic: true}, // «وفق ما بثته وكالة X»
	{text: "وفقا", h: hLiAfter(AccordingTo), proclitic: true},
	{text: "وفقاً", h: hLiAfter(AccordingTo), proclitic: true},
	{text: "طبقا", h: hLiAfter(AccordingTo), proclitic: true},
	{text: "طبقاً", h: hLiAfter(AccordingTo), proclitic: true},
	{text: "نقلا عن", h: after(AccordingTo, 0), proclitic: true},
	{text: "نقلاً عن", h: after(AccordingTo, 0), proclitic: true},
	// Urdu
	{text: "مطابق", h: hUrduBefore(urduPost{"کے", AccordingTo})},
	// «X کو بتایا» told X; «خبر رساں ادارے X نے بتایا» X reported.
	{text: "بتایا", h: hUrduBefore(urduPost{"کو", Told}, urduPost{"نے", Reported})},
}

// trigBucket maps the key of a word's first bytes (trigKey) to the
// index in trigIndex of the triggers that begin so, 0 for none: most
// words find an empty bucket at the cost of a table read.
var trigBucket, trigIndex = buildTriggers()

const (
	asciiKeys = 128 * 128 // two ASCII bytes, the first folded to lower case
	trigKeys  = asciiKeys + 2048
)

// trigKey is the bucket of the bytes at s: two ASCII bytes (the first
// folded to lower case), or one two-byte rune; 0 for anything else.
func trigKey(s string) int {
	b := s[0]
	switch {
	case b < 0x80:
		if b >= 'A' && b <= 'Z' {
			b += 'a' - 'A'
		}
		if len(s) < 2 || s[1] >= 0x80 {
			if len(s) >= 2 && s[1] >= 0xC0 {
				return int(b)<<7 | 0x7F // a non-ASCII second letter: "à", "göre"
			}
			return 0
		}
		return int(b)<<7 | int(s[1])
	case b >= 0xC0 && b < 0xE0 && len(s) > 1:
		return asciiKeys + int(b&0x1F)<<6 | int(s[1]&0x3F)
	}
	return 0
}

func buildTriggers() ([]uint8, [][]trigger) {
	bucket := make([]uint8, trigKeys)
	idx := [][]trigger{nil}
	for _, t := range triggers {
		variants := []string{t.text}
		r, size := utf8.DecodeRuneInString(t.text)
		if u := unicode.ToUpper(r); u != r {
			variants = append(variants, string(u)+t.text[size:])
		}
		for _, v := range variants {
			k := trigKey(v)
			if k == 0 {
				panic("credit: trigger without a key: " + v)
			}
			if bucket[k] == 0 {
				bucket[k] = uint8(len(idx))
				idx = append(idx, nil)
			}
			vt := t
			vt.text = v
			vt.head, vt.mask = head4(v)
			vt.open = strings.HasSuffix(v, "'") || strings.HasSuffix(v, " ") || strings.HasSuffix(v, "’")
			idx[bucket[k]] = append(idx[bucket[k]], vt)
		}
	}
	return bucket, idx
}

// wordRune reports whether r is part of a word.
func wordRune(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
	case r >= 0x0621 && r <= 0x065F, r >= 0x0660 && r <= 0x0669, r >= 0x066E && r <= 0x06D3, r >= 0x06F0 && r <= 0x06FF:
		return true
	case r >= 0x0400 && r <= 0x04FF:
		return true
	case r == 0x00A0, r == 0x00AB, r == 0x00BB, r >= 0x2000 && r <= 0x206F, r == 0x060C, r == 0x061B, r == 0x061F, r == 0x06D4:
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// inText finds the in-text forms of a line.
func (e *extractor) inText(line string, n int) {
	prevWord := false
	for i := 0; i < len(line); {
		b := line[i]
		if b < utf8.RuneSelf {
			if !asciiWord[b] {
				prevWord = false
				i++
				continue
			}
			if !prevWord {
				e.wordStart(line, i, rune(b), n)
			}
			// The rest of an ASCII word, in a tight loop.
			for i++; i < len(line) && line[i] < utf8.RuneSelf && asciiWord[line[i]]; i++ {
			}
			prevWord = true
			continue
		}
		var r rune
		size := 2
		if b < 0xE0 && b >= 0xC2 && i+1 < len(line) && line[i+1]&0xC0 == 0x80 {
			r = rune(b&0x1F)<<6 | rune(line[i+1]&0x3F) // Arabic, Cyrillic: two bytes
		} else {
			r, size = utf8.DecodeRuneInString(line[i:])
		}
		w := wordRune(r)
		if w && !prevWord {
			e.wordStart(line, i, r, n)
		}
		prevWord = w
		i += size
	}
}

var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = wordRune(rune(c))
	}
	return t
}()

const (
	waw = 'و'
	fa  = 'ف'
	lam = 'ل'
)

// wordStart tries the triggers at a word that starts at line[i:].
func (e *extractor) wordStart(line string, i int, r rune, n int) {
	if k := trigKey(line[i:]); k != 0 && trigBucket[k] != 0 {
		e.try(line, i, trigIndex[trigBucket[k]], false, n)
	}
	if r == waw || r == fa {
		if j := i + 2; j < len(line) {
			if k := trigKey(line[j:]); k != 0 && trigBucket[k] != 0 {
				e.try(line, j, trigIndex[trigBucket[k]], true, n)
			}
			if next, _ := utf8.DecodeRuneInString(line[j:]); next == lam {
				e.toldAR(line, j, n)
			}
		}
	}
	if r == lam {
		e.toldAR(line, i, n)
	}
}

func (e *extractor) try(line string, i int, ts []trigger, afterProclitic bool, n int) {
	h, _ := head4(line[i:])
	for _, t := range ts {
		if h&t.mask != t.head || afterProclitic && !t.proclitic || !strings.HasPrefix(line[i:], t.text) {
			continue
		}
		end := i + len(t.text)
		if !t.open && end < len(line) {
			if r, _ := utf8.DecodeRuneInString(line[end:]); wordRune(r) {
				continue
			}
		}
		t.h(e, line, i, end, n)
	}
}

// after reads a known name after the trigger, or the bracketed name
// that follows an outlet's spelled-out name there: «أعلنت وكالة الأنباء
// الطلابية الإيرانية (إيسنا)».
func after(form Form, base how) handler {
	return func(e *extractor, line string, start, end, n int) {
		h := base
		words, quoted := nameWordsQ(line[end:], 8)
		if quoted {
			h |= named
		}
		if photoCredit(strings.Join(wordsBefore(line[:start], 3), " ")) {
			return // "(Photo via AP)", «تصوير: …»: a picture's credit
		}
		form := form
		if toldLead(line[start:end], words) {
			form = Told // "informó a EFE", "según informó a EFE el portavoz"
		}
		words = skipLead(words)
		if e.prefixName(words, form, n, start, h, isLatinWord(words)) || len(words) == 0 || !outletWord(stripElision(words[0])) {
			return
		}
		rest := cutBytes(line[end:], 120)
		i := strings.IndexAny(rest, "(«")
		if i < 0 || strings.ContainsAny(rest[:i], ".,;:،؛") {
			return
		}
		if tag, ok := cutTag(strings.TrimRight(firstTag(rest[i:]), ".")); ok {
			e.add(tag, form, n, start, h|named|mustKnow)
		}
	}
}

// carried reads «بيان نقلته وكالة X» as after does, unless a «ما»
// ("what") makes X's report the object of the sentence («نفت ما أوردته
// وكالة X»); «بحسب ما نقلته X» is read by «بحسب».
func carried(form Form) handler {
	read := after(form, 0)
	return func(e *extractor, line string, start, end, n int) {
		if w := wordsBefore(line[:start], 1); len(w) == 1 && whatWords[w[0]] {
			return
		}
		read(e, line, start, end, n)
	}
}

var whatWords = wordSet(`ما مما لما عما بما كما`)

// firstTag returns the bracketed text that opens s, brackets included.
func firstTag(s string) string {
	o, size := utf8.DecodeRuneInString(s)
	c := ")"
	if o == '«' {
		c = "»"
	}
	if j := strings.Index(s[size:], c); j >= 0 && j < 60 {
		return s[:size+j+len(c)]
	}
	return ""
}

// before reads a known name before the trigger.
func before(form Form) handler {
	return func(e *extractor, line string, start, end, n int) {
		words := wordsBefore(line[:start], 6)
		e.suffixName(words, form, n, start, 0, isLatinWord(words))
	}
}

// both reads a known name before the trigger, or else after it: "X
// rapporte", "rapporte l'AFP".
func both(form Form) handler {
	b, a := before(form), after(form, 0)
	return func(e *extractor, line string, start, end, n int) {
		k := len(e.out)
		b(e, line, start, end, n)
		if len(e.out) == k {
			a(e, line, start, end, n)
		}
	}
}

func isLatinWord(words []string) bool {
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if r >= 0x0600 && r <= 0x06FF || r >= 0x0400 && r <= 0x04FF {
			return false
		}
	}
	return true
}

// leadWords may stand between a trigger and the name: "according to a
// report by", «حسبما», "según informó la", "laut einem Bericht der".
var leadWords = wordSet(`a an the report reports statement data figures dispatch by from in of published carried
	informó informa informaron publicó reportó indicó recoge
	einem einer eines bericht berichten angaben meldung informationen
	un une rapport dépêche
	ما نقلته ذكرته أوردته نشرته بثته أعلنته`)

// informVerbs are the Spanish verbs of reporting that, before "a" or
// "al", say who was told: "informó a EFE" is "told EFE".
var informVerbs = wordSet(`informó informa informaron informar reportó indicó`)

// toldLead reports whether a Spanish verb of reporting followed by "a"
// or "al" stands at the trigger or among the lead words after it.
func toldLead(trigger string, words []string) bool {
	prev := strings.ToLower(trigger)
	for _, w := range words {
		lw := strings.ToLower(w)
		if informVerbs[prev] && (lw == "a" || lw == "al") {
			return true
		}
		if !leadWords[lw] {
			return false
		}
		prev = lw
	}
	return false
}

func skipLead(words []string) []string {
	for len(words) > 1 && leadWords[strings.ToLower(words[0])] {
		words = words[1:]
	}
	return words
}

// hAccordingEN reads "according to X", known or not: an unknown name is
// kept as written (it may be an outlet of the story).
func hAccordingEN(e *extractor, line string, start, end, n int) {
	words := skipLead(nameWords(line[end:], 10))
	if e.prefixName(words, AccordingTo, n, start, 0, true) {
		return
	}
	if m := reNameEN.FindString(strings.Join(words, " ")); m != "" {
		e.add(m, AccordingTo, n, start, 0)
	}
}

// hReportedEN reads "X reported", "X reports", "X news agency reported",
// and "…, reported X." A name before it may be unknown.
func hReportedEN(e *extractor, line string, start, end, n int) {
	words := wordsBefore(line[:start], 6)
	if len(words) > 0 && strings.EqualFold(words[len(words)-1], "agency") {
		// "Kuwait News Agency reported" names the agency in full; "the
		// X news agency reported" is read by hNewsAgency.
		e.suffixName(words, Reported, n, start, 0, true)
		return
	}
	if e.suffixName(words, Reported, n, start, 0, true) {
		return
	}
	if m := reNameEnd.FindString(strings.Join(words, " ")); m != "" && !strings.HasSuffix(m, "It") {
		if e.add(m, Reported, n, start, 0) {
			return
		}
	}
	after(Reported, 0)(e, line, start, end, n)
}

// hSaidEN reads "X said" and "X said in a report" for a known X.
func hSaidEN(e *extractor, line string, start, end, n int) {
	words := wordsBefore(line[:start], 6)
	if len(words) == 0 || !hasFolded(e.r.lastWords, words[len(words)-1]) {
		return
	}
	e.suffixName(words, Reported, n, start, 0, true)
}

// hContributed reads "X contributed to this report".
func hContributed(e *extractor, line string, start, end, n int) {
	rest := line[end:]
	if len(rest) > 40 {
		rest = rest[:40]
	}
	if !strings.Contains(rest, "report") && !strings.Contains(rest, "story") && !strings.Contains(rest, "article") {
		return
	}
	words := wordsBefore(line[:start], 6)
	e.suffixName(words, Contributed, n, start, 0, true)
}

// hNewsAgency reads "X news agency quoted/reported/said …".
func hNewsAgency(e *extractor, line string, start, end, n int) {
	lo := max(0, start-60)
	for lo > 0 && !utf8.RuneStart(line[lo]) {
		lo--
	}
	hi := min(len(line), end+30)
	for hi < len(line) && !utf8.RuneStart(line[hi]) {
		hi++
	}
	for _, m := range reAgencyQ.FindAllStringSubmatch(line[lo:hi], -1) {
		words := strings.Fields(m[1])
		if !e.suffixName(words, AgencyQuoted, n, start, named, true) {
			e.add(m[1], AgencyQuoted, n, start, 0)
		}
	}
}

// hFirstPublished reads "first published by X", "originally appeared on X".
func hFirstPublished(e *extractor, line string, start, end, n int) {
	lo := max(0, start-20)
	for lo > 0 && !utf8.RuneStart(line[lo]) {
		lo--
	}
	hi := min(len(line), end+60)
	for hi < len(line) && !utf8.RuneStart(line[hi]) {
		hi++
	}
	for _, m := range reFirstPub.FindAllStringSubmatch(line[lo:hi], -1) {
		// "first published by X" names a publisher, known or not;
		// "first appeared in the US", "first appeared on Playschool"
		// need a known outlet.
		h := mustKnow
		if m[1] == "published" && m[2] == "by" {
			h = 0
		}
		e.add(m[3], FirstPublished, n, start, h)
	}
}

// hRepublished reads "Republished from Sputnik News", "Reprinted with
// permission from X": the page names the publication it took the text
// from, known or not.
func hRepublished(e *extractor, line string, start, end, n int) {
	hi := min(len(line), end+80)
	for hi < len(line) && !utf8.RuneStart(line[hi]) {
		hi++
	}
	if m := reRepub.FindStringSubmatch(line[start:hi]); m != nil {
		e.add(m[1], FirstPublished, n, start, 0)
	}
}

// hQuoted reads "Xinhua quoted …" (a known agency before it) and "quoted
// by X", "cited by X".
func hQuoted(e *extractor, line string, start, end, n int) {
	rest := strings.TrimLeft(line[end:], " ")
	if strings.HasPrefix(rest, "by ") {
		after(AccordingTo, 0)(e, line, end, end+len(line[end:])-len(rest)+2, n)
		return
	}
	words := wordsBefore(line[:start], 6)
	e.suffixName(words, AgencyQuoted, n, start, agencyOnly, true)
}

// hTurkishBefore reads Turkish "X'e göre", "X'in haberine göre",
// "Anadolu Ajansı'nın bildirdiğine göre", "X muhabirine": the name ends
// at an apostrophe or takes a case ending.
func hTurkishBefore(form Form) handler {
	return func(e *extractor, line string, start, end, n int) {
		e.turkishName(wordsBefore(line[:start], 7), form, n, start)
	}
}

// turkishCase are case endings taken off a Turkish name written without
// an apostrophe ("Ajansının").
var turkishCase = []string{"nın", "nin", "nun", "nün", "ın", "in", "un", "ün", "na", "ne", "ya", "ye", "a", "e", "dan", "den", "tan", "ten"}

func (e *extractor) turkishName(words []string, form Form, n, pos int) {
	// Drop the lower-case words between the name and the trigger:
	// haberine, bildirdiğine, açıklamasına.
	for k := 0; k < 2 && len(words) > 0; k++ {
		last := words[len(words)-1]
		if capitalised(last) || strings.ContainsAny(last, "'’") || isUpperWord(last) {
			break
		}
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return
	}
	last := words[len(words)-1]
	if i := strings.IndexAny(last, "'’"); i > 0 {
		words = append(words[:len(words)-1:len(words)-1], last[:i])
		e.suffixName(words, form, n, pos, 0, true)
		return
	}
	if e.suffixName(words, form, n, pos, 0, true) {
		return
	}
	for _, c := range turkishCase {
		if s := strings.TrimSuffix(last, c); s != last && len(s) >= 2 {
			w := append(words[:len(words)-1:len(words)-1], s)
			if e.suffixName(w, form, n, pos, 0, true) {
				return
			}
		}
	}
}

func isUpperWord(w string) bool {
	has := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		has = has || unicode.IsUpper(r)
	}
	return has
}

// hLiAfter reads «وفقا لـX», «طبقا للوكالة»: the preposition ل is
// attached to the name.
func hLiAfter(form Form) handler {
	return func(e *extractor, line string, start, end, n int) {
		rest := strings.TrimLeft(line[end:], " \u00a0")
		rest, ok := cutLam(rest)
		if !ok {
			return
		}
		words, quoted := nameWordsQ(rest, 8)
		h := how(0)
		if quoted {
			h = named
		}
		e.prefixName(skipLead(words), form, n, start, h, false) // «وفقا لما نشرته X»
	}
}

// cutLam takes the preposition ل off the front of s: «لـ"واس"», «لوكالة»,
// «للأنباء» (ل + ال).
func cutLam(s string) (string, bool) {
	switch {
	case strings.HasPrefix(s, "لـ"):
		return strings.TrimLeft(s[len("لـ"):], " ـ"), true
	case strings.HasPrefix(s, "لل"):
		return "ال" + s[len("لل"):], true
	case strings.HasPrefix(s, "ل"):
		return s[len("ل"):], true
	}
	return s, false
}

// toldAR reads «لـ"واس"», «لـ«سبق»», «لوكالة رويترز», «لرويترز» (told X,
// to X) at a word that starts with ل. A bare name after ل must be one of
// the registry's Arabic names; «وفقا لـ» is read by its own trigger.
func (e *extractor) toldAR(line string, i, n int) {
	w := line[i:]
	var rest string
	h := how(0)
	switch {
	case strings.HasPrefix(w, "لـ"):
		rest = strings.TrimLeft(w[len("لـ"):], " ـ")
	case strings.HasPrefix(w, "ل«"), strings.HasPrefix(w, "ل\""), strings.HasPrefix(w, "ل“"):
		rest = w[len("ل"):]
	default:
		// A name after ل is one word of a few letters: read a bounded
		// window, so that a line of words glued by slashes costs linear
		// time.
		word := w[len("ل"):]
		window := cutBytes(word, 96)
		if workHook != nil {
			workHook(len(window))
		}
		j := strings.IndexAny(window, " \u00a0.,،:;\"«»()")
		if j < 0 && len(window) < len(word) {
			return // longer than any name
		}
		if j >= 0 {
			word = word[:j]
		}
		al := strings.HasPrefix(word, "ل") // ل + ال: «للأناضول»
		if al {
			word = word[len("ل"):]
		}
		if len(word) < 8 { // a long name: five letters or more
			return
		}
		var buf [96]byte
		b := buf[:0]
		if al {
			b = append(b, "ال"...)
		}
		f := appendFold(b, word)
		if !e.r.arFirst[string(f)] {
			return
		}
		// «لوكالة», «لصحيفة» name an outlet; a bare name after ل needs
		// a speech word before it.
		if !arOutletWords[string(f)] && !speechBefore(line[:i]) {
			return
		}
		rest, _ = cutLam(w)
	}
	if prev := wordsBefore(line[:i], 1); len(prev) == 1 && (liWords[prev[0]] || liWords[strings.TrimPrefix(prev[0], "و")]) {
		return
	}
	words, quoted := nameWordsQ(rest, 8)
	if quoted {
		h |= named
	}
	e.prefixName(words, Told, n, i, h, false)
}

// arOutletWords are the folded outlet words of arFirst.
var arOutletWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"وكالة", "صحيفة", "جريدة", "قناة", "موقع", "شبكة", "مجلة"} {
		m[foldWord(w)] = true
	}
	return m
}()

// speechStems begin the words of speaking, stating and polling that a
// bare ل after them turns into "told X", "X's poll": «وقال مسؤولون في
// الوزارة لرويترز», «في تصريح لوكالة», «مسح لرويترز». Without one, ل is
// "to" or "for": «لم يتم بيعها لبلومبرج» (not sold to Bloomberg).
var speechStems = []string{"قال", "قائل", "صرح", "تصريح", "أكد", "اكد", "أوضح", "اوضح", "أضاف", "اضاف", "أشار", "اشار",
	"ذكر", "أفاد", "افاد", "كشف", "أعلن", "اعلن", "روى", "أبلغ", "ابلغ", "تحدث", "حديث", "بيان", "مسح", "استطلاع", "تعداد",
	"مراسل", "مقابلة", "سؤال", "أدلى", "ادلى", "نقل", "شهود", "مصدر", "مصادر", "تقرير", "يقول", "تقول", "تابع", "رسالة",
	"يتسن", "يتسنى"}

// speechBefore reports whether one of the sixteen words before the end
// of s (less و, ف) begins with a speech stem: the speaker's titles stand
// between «وقال» and «لرويترز».
func speechBefore(s string) bool {
	for _, w := range wordsBefore(s, 16) {
		w = strings.TrimPrefix(strings.TrimPrefix(w, "و"), "ف")
		for _, st := range speechStems {
			if strings.HasPrefix(w, st) {
				return true
			}
		}
	}
	return false
}

// liWords take ل without meaning "told": «وفقا لـ», «طبقا لـ», «نسبة
// لـ», and the roles and places of an outlet's staff: «المدير العام
// لوكالة الأنباء السعودية» is its director, «مقر لـ» its office.
var liWords = wordSet(`وفقا وفقاً طبقا طبقاً نسبة بالنسبة إضافة استنادا
	مدير المدير مديرا مديراً العام عاما عاماً التنفيذي رئيس الرئيس رئيسا رئيساً نائب تحرير
	التابع التابعة تابع تابعة تابعا تابعاً زيارة مقر مقرا مكتب فرع موظف موظفا موظفاً مؤسس شعار`)

// urduPost is a postposition before an Urdu trigger and the form it makes.
type urduPost struct {
	post string
	form Form
}

// hUrduBefore reads Urdu «X کے مطابق» (according to X), «X کو بتایا»
// (told X) and «X نے بتایا» (X reported): the name stands before the
// postposition, possibly with «کی رپورٹ» (X's report) between.
func hUrduBefore(posts ...urduPost) handler {
	return func(e *extractor, line string, start, end, n int) {
		words := wordsBefore(line[:start], 8)
		if len(words) == 0 {
			return
		}
		i := slices.IndexFunc(posts, func(p urduPost) bool { return p.post == words[len(words)-1] })
		if i < 0 {
			return
		}
		form := posts[i].form
		words = words[:len(words)-1]
		if l := len(words); l >= 2 && (words[l-1] == "رپورٹ" || words[l-1] == "خبر" || words[l-1] == "اطلاع") && (words[l-2] == "کی" || words[l-2] == "کے") {
			words = words[:l-2]
		}
		e.suffixName(words, form, n, start, 0, false)
	}
}

// foldWord folds a word for the cheap tests of firstWords, lastWords
// and arFirst: lower case, and the Arabic letter variants that writers
// mix (alef forms, alef maqsura, taa marbuta, Persian yeh and keheh)
// without tatweel and harakat.
func foldWord(s string) string {
	var buf [64]byte
	return string(appendFold(buf[:0], s))
}

func appendFold(b []byte, s string) []byte {
	if workHook != nil {
		workHook(len(s))
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640:
			continue
		case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
			r = 'ا'
		case r == 'ى', r == 'ی':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r == 'ک':
			r = 'ك'
		default:
			r = unicode.ToLower(r)
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}

// hasFolded reports whether the folded form of w is in set, without
// allocating.
func hasFolded(set map[string]bool, w string) bool {
	var buf [96]byte
	return set[string(appendFold(buf[:0], w))]
}
