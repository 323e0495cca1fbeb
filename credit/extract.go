package credit

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Form is the wording a mention was found in.
type Form string

const (
	SourceLine     Form = "source-line"     // Source: X, المصدر: X, Quelle: X, Avec AFP, with inputs from PTI
	Dateline       Form = "dateline"        // CITY (X) -, الدوحة - قنا, واس - جدة:, МОСКВА, 28 ноя — РИА Новости.
	WireTag        Form = "wire-tag"        // (X) -, (واس), /ТАСС/, a tag closing a paragraph
	ClosingDash    Form = "closing-dash"    // — X as a closing line
	FirstPublished Form = "first-published" // first published by X
	Contributed    Form = "contributed"     // X contributed to this report
	AgencyQuoted   Form = "agency-quoted"   // X news agency quoted …, Xinhua quoted …
	Reported       Form = "reported"        // X reported/said, ذكرت X, сообщает X, rapporte X, informó X, berichtete X
	AccordingTo    Form = "according-to"    // according to X, بحسب X, по данным X, selon X, según X, laut X, X'e göre, X کے مطابق
	Told           Form = "told"            // told X, لـ«واس», заявил ТАСС, a déclaré à l'AFP, X کو بتایا
	Via            Form = "via"             // via X
	Byline         Form = "byline"          // a byline naming an outlet: «الرياض - واس», "By Jane Roe, Reuters"
	SourceField    Form = "source-field"    // a source field of the record or page
)

// Attribution reports whether a form states the source of the whole text.
func (f Form) Attribution() bool {
	switch f {
	case SourceLine, Dateline, WireTag, ClosingDash, FirstPublished, Contributed, Byline, SourceField:
		return true
	}
	return false
}

// Mention is one outlet named as a source in a text.
type Mention struct {
	Name   string // as written
	Outlet string // canonical name, or Name when the registry does not know it
	Known  bool   // the registry resolved it
	Kind   Kind   // the registry kind, "" when unknown
	Form   Form
	Line   int // 1-based line of the text; 0 for metadata
	// Where is where the mention was found: InText, or the metadata
	// field ("author", "byline", "source", …).
	Where string
	// Credit is true for a copy credit: an attribution form, or an
	// in-text form naming a wire or agency ("told X" excepted: it names
	// who obtained a quote). Otherwise it is a quoted source. Generic
	// sources and organisations are never credits.
	Credit bool
}

// Extraction bounds.
const (
	// headLines are the non-empty lines where a dateline may stand.
	headLines = 2
	// tailLines are the non-empty lines, counted from the end, where a
	// sign-off or a closing tag may stand: pages keep related headlines
	// and a copyright footer after the body's last line.
	tailLines = 12
	// shortLine is the longest line (bytes) read as a source line, a
	// sign-off or a byline.
	shortLine = 200
	// headBytes is how much of a line a dateline may take.
	headBytes = 300
	// lineMentions bounds the mentions of one line: a real paragraph
	// names a few sources, a hostile one may name thousands, and each
	// new mention is compared with those of its line.
	lineMentions = 64
)

// how says what a candidate name must be to make a mention.
type how uint8

const (
	mustKnow   how = 1 << iota // the registry must know it
	named                      // written as a name (tag, quotes, outlet word): ambiguous aliases count
	agencyOnly                 // only a wire or a news agency counts
)

// extractor collects the mentions of one text.
type extractor struct {
	r   *Registry
	out []Mention
	pos []int // byte offset in its line, for ordering
	// line is the line of the last mention, and lineN the mentions on
	// it.
	line, lineN int
}

// Extract returns the mentions of outlets as sources in text, in order of
// line, then position.
func (r *Registry) Extract(text string) []Mention {
	e := extractor{r: r}
	lines := strings.Split(joinDottedLetters(tatweelDashes(text)), "\n")
	head, tailFrom := bounds(lines)
	for i, raw := range lines {
		line := trimSpace(raw)
		if line == "" {
			continue
		}
		n := i + 1
		tail := i >= tailFrom
		if len(line) <= shortLine && e.shortLine(line, n, head[i] || tail, tail) {
			continue
		}
		if head[i] {
			e.dateline(line, n, head[i] && i == firstNonEmpty(lines))
		}
		e.closingTag(line, n, tail)
		e.inText(line, n)
	}
	if len(e.out) > 1 {
		idx := make([]int, len(e.out))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool {
			x, y := idx[a], idx[b]
			if e.out[x].Line != e.out[y].Line {
				return e.out[x].Line < e.out[y].Line
			}
			return e.pos[x] < e.pos[y]
		})
		out := make([]Mention, len(idx))
		for i, j := range idx {
			out[i] = e.out[j]
		}
		return out
	}
	return e.out
}

// bounds returns the head lines and the index from which lines are in
// the tail.
func bounds(lines []string) (map[int]bool, int) {
	head := make(map[int]bool, headLines)
	for i, l := range lines {
		if len(head) == headLines {
			break
		}
		if trimSpace(l) != "" {
			head[i] = true
		}
	}
	n, from := 0, len(lines)
	for i := len(lines) - 1; i >= 0 && n < tailLines; i-- {
		if trimSpace(lines[i]) != "" {
			n++
			from = i
		}
	}
	return head, from
}

func firstNonEmpty(lines []string) int {
	for i, l := range lines {
		if trimSpace(l) != "" {
			return i
		}
	}
	return -1
}

// trimSpace trims white space, no-break spaces and invisible marks.
func trimSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		switch r {
		case ' ', '\t', '\r', '\v', '\f', '\u00a0', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\ufeff', '\u202f', '\u2009':
			return true
		}
		return false
	})
}

// add makes a mention of name if it qualifies; it reports whether the
// name was settled: made into a mention, or known to the registry but
// not wanted here (an organisation in a tag). Callers that try several
// candidates stop at the first settled one.
func (e *extractor) add(name string, form Form, line, pos int, h how) bool {
	if line != e.line {
		e.line, e.lineN = line, 0
	}
	if e.lineN >= lineMentions {
		return true // enough for one line: the rest is not read
	}
	name = cleanName(strings.ToValidUTF8(name, ""))
	if name == "" || utf8.RuneCountInString(name) > 60 {
		return false
	}
	m, settled, keep := e.r.mention(name, form, h)
	if !keep {
		return settled
	}
	m.Line, m.Where = line, InText
	// Mentions come line by line: only the last ones can be on this
	// line.
	for i := len(e.out) - 1; i >= 0 && e.out[i].Line == line; i-- {
		o := e.out[i]
		if o.Outlet != m.Outlet {
			continue
		}
		// One wording read by two triggers («وفقا لـ», "según
		// informó") is one mention.
		same := o.Form == m.Form || !o.Form.Attribution() && !m.Form.Attribution() && abs(pos-e.pos[i]) < 40
		if same {
			if pos < e.pos[i] {
				e.pos[i] = pos
			}
			// "told AFP, according to AFP": the credit stands.
			if m.Credit && !o.Credit {
				e.out[i] = m
			}
			return true
		}
	}
	e.out = append(e.out, m)
	e.pos = append(e.pos, pos)
	e.lineN++
	return true
}

// mention resolves name for form. settled: the name was found (known, or
// accepted unknown); keep: make a mention of it.
func (r *Registry) mention(name string, form Form, h how) (m Mention, settled, keep bool) {
	mode := resolveText
	if h&named != 0 {
		mode = resolveNamed
	}
	info := r.lookup(name, mode)
	if info == nil {
		if h&mustKnow != 0 || h&agencyOnly != 0 {
			return Mention{}, false, false
		}
		return Mention{Name: name, Outlet: name, Form: form, Credit: form.Attribution()}, true, true
	}
	m = Mention{Name: name, Outlet: info.canon, Known: true, Kind: r.Kind(info.canon), Form: form}
	switch {
	case h&agencyOnly != 0 && !m.Kind.NewsAgency():
		return m, true, false
	case m.Kind == Organization:
		// An organisation is only worth keeping where the page states it
		// as the source: "Source: WHO".
		return m, true, form == SourceLine || form == SourceField
	case m.Kind == Generic && form == Told:
		return m, true, false // «لوكالات التعليم»: agencies of something
	case m.Kind == Generic, form == Told:
		// "Ryabkov told Sputnik" says who obtained a quote; the page still
		// presents the text as its own: a quoted source, not a credit.
		m.Credit = false
	case form.Attribution():
		m.Credit = true
	default:
		m.Credit = m.Kind.NewsAgency()
	}
	return m, true, true
}

var (
	reSourceLine = regexp.MustCompile(`^(?i:source\(s\)|sources?|courtesy(?:\s+of)?|h/t|via|copyright|بحوالہ|المصدر|المصادر|مصدر الخبر|источник|источники|بشکریہ|ماخذ|quelle|quellen|fuente|fuentes|kaynak|kaynakça|fonte|bron|źródło)\s*([:：])?\s*(.{2,80}?)\s*[.。]?$`)
	reStoryVia   = regexp.MustCompile(`^(?i:(?:this\s+)?(?:story|article|report|post|content)\s+via)\s+(.{2,60}?)\s*[.。]?$`)
	reWithLine   = regexp.MustCompile(`^(?i:avec|with inputs? from|with reporting from|with|mit material (?:von|der|des)|con información de|con informacion de|con datos de)\s+(.{2,60}?)\s*[.。]?$`)
	reByLine     = regexp.MustCompile(`^(?:By|BY|Par|PAR|Por|POR|Von|VON)\s+(.{2,120})$`)
	reSplitNames = regexp.MustCompile(`\s*(?:/|,|&|\+|;|،| and | et | y | und | ve | و )\s*`)
)

// splitNames cuts a list of names: "Reuters / AFP", "AFP and AP", «واس
// ورويترز». An Arabic و is written on the word it joins, and many names
// begin with the letter («وول ستريت جورنال», «وزارة الصحة»): a list is cut
// before a word starting with و only when what follows, less the و,
// is a known name.
func (e *extractor) splitNames(s string) []string {
	parts := reSplitNames.Split(s, -1)
	if !strings.Contains(s, " و") {
		return parts
	}
	var out []string
	for _, p := range parts {
		segs := strings.Split(p, " و")
		cur := segs[0]
		for _, seg := range segs[1:] {
			if _, ok := e.r.resolve(cleanName(seg), resolveNamed); ok && cleanName(cur) != "" {
				out = append(out, cur)
				cur = seg
				continue
			}
			cur += " و" + seg
		}
		out = append(out, cur)
	}
	return out
}

// sourceNames cuts the names of a source line; a web address is one
// name, its host: "Source: https://www.rt.com/news/1" names rt.com.
func (e *extractor) sourceNames(s string) []string {
	if host, ok := hostOf(cleanName(s)); ok {
		return []string{host}
	}
	// "Copyright: Project Syndicate, 2024": a year is no name.
	return slices.DeleteFunc(e.splitNames(s), func(n string) bool { return !strings.ContainsFunc(n, unicode.IsLetter) })
}

// shortLine reads the forms that take a whole short line: source lines,
// sign-offs, bare tags and in-text bylines. It reports whether the line
// was one.
func (e *extractor) shortLine(line string, n int, edge, tail bool) bool {
	inner := line
	if strings.HasPrefix(inner, "(") && strings.HasSuffix(inner, ")") {
		inner = trimSpace(inner[1 : len(inner)-1])
	}
	if sourceKeyword(inner) {
		if m := reSourceLine.FindStringSubmatchIndex(inner); m != nil && !photoCredit(inner) {
			// Without a colon the line may be a sentence ("Sources said
			// …", "Quelle est …", "Courtesy of the family."): only known
			// outlets count.
			h := named
			if m[2] < 0 {
				h |= mustKnow
			}
			found := false
			for _, name := range e.sourceNames(inner[m[4]:m[5]]) {
				// «صحيفة وول ستريت جورنال»: an outlet word before a known
				// name.
				words := strings.Fields(name)
				found = e.add(name, SourceLine, n, m[4], h|mustKnow) ||
					len(words) > 1 && outletWord(words[0]) && e.prefixName(words, SourceLine, n, m[4], named, isLatinWord(words)) ||
					e.add(name, SourceLine, n, m[4], h) || found
			}
			if found {
				return true
			}
		}
	}
	if !edge {
		return false
	}
	if (tail || len(inner) < len(line)) && withKeyword(inner) {
		if m := reWithLine.FindStringSubmatch(inner); m != nil {
			found := false
			for _, name := range e.splitNames(m[1]) {
				found = e.add(name, SourceLine, n, 0, named|mustKnow) || found
			}
			if found {
				return true
			}
		}
	}
	// "Story via Liberty Ledger." closing the text names where it came
	// from, known or not.
	if tail {
		if m := reStoryVia.FindStringSubmatch(inner); m != nil {
			found := false
			for _, name := range e.sourceNames(m[1]) {
				found = e.add(name, SourceLine, n, 0, named) || found
			}
			if found {
				return true
			}
		}
	}
	if len(line) <= 120 && byKeyword(line) {
		if m := reByLine.FindStringSubmatch(line); m != nil {
			found := false
			for _, mn := range e.r.ExtractMeta(Meta{Field: "byline", Value: m[1]}) {
				found = e.add(mn.Name, Byline, n, 0, named|mustKnow) || found
			}
			if found {
				return true
			}
		}
	}
	if !tail {
		return false
	}
	// A sign-off: "— Anadolu Agency", "- QNA". Only a known outlet: "- item"
	// closes many bulleted lists.
	if name, ok := cutDash(line); ok {
		return e.add(name, ClosingDash, n, 0, named|mustKnow)
	}
	// A tag on its own line: "(QNA)", "/ТАСС/", «واس».
	if name, ok := cutTag(line); ok {
		return e.add(name, WireTag, n, 0, named|mustKnow)
	}
	// A bare agency name on its own line: "Anadolu Agency", "واس".
	if utf8.RuneCountInString(line) <= 40 && !strings.ContainsAny(line, ".,:;!?؟،") {
		return e.add(line, WireTag, n, 0, agencyOnly)
	}
	return false
}

// firstWord returns the first word of s in lower case, up to a space or
// a colon.
func firstWord(s string) string {
	i := 0
	for i < len(s) && i <= 24 {
		c := s[i]
		if c == ' ' || c == ':' || c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0 || c == 0xEF && strings.HasPrefix(s[i:], "：") {
			break
		}
		i++
	}
	if i > 24 {
		return ""
	}
	return strings.ToLower(s[:i])
}

var (
	sourceWords = wordSet("source sources source(s) courtesy h/t via copyright بحوالہ المصدر المصادر مصدر источник источники بشکریہ ماخذ quelle quellen fuente fuentes kaynak kaynakça fonte bron źródło")
	withWords   = wordSet("avec with mit con")
)

func sourceKeyword(s string) bool { return sourceWords[firstWord(s)] }
func withKeyword(s string) bool   { return withWords[firstWord(s)] }
func byKeyword(s string) bool {
	w := firstWord(s)
	return w == "by" || w == "par" || w == "por" || w == "von"
}

// photoCredit reports whether a line credits a picture, not the text.
func photoCredit(s string) bool {
	l := strings.ToLower(s)
	for _, p := range []string{"photo", "image", "picture", "foto", "bild:", "الصورة", "صورة", "تصوير", "фото"} {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// tatweelDashes writes a tatweel that extends no letter as a dash:
// Arabic papers set «لندن ـ رويترز:» and «زيوريخ ــ الفرنسية:» with the
// tatweel (U+0640) for the dash. A tatweel after a letter lengthens it
// («لـ"واس"») and stays. The result has the same length, so offsets into
// it are offsets into s.
func tatweelDashes(s string) string {
	if !strings.Contains(s, "ـ") {
		return s
	}
	b := []byte(s)
	prev := rune(' ')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 'ـ' && !unicode.IsLetter(prev) {
			j := i
			for strings.HasPrefix(s[j:], "ـ") {
				copy(b[j:], "  ")
				j += len("ـ")
			}
			b[i] = '-'
			i = j
			prev = '-'
			continue
		}
		prev = r
		i += size
	}
	return string(b)
}

// joinDottedLetters writes an acronym of dotted Arabic letters set apart
// («د. ب. أ», «أ. ف. ب») without its spaces («د.ب.أ»), as the registry
// spells it, so that in running text («بحسب د. ب. أ.») the dots do not end
// the name. The spaces go after it: the length stays.
func joinDottedLetters(s string) string {
	if !hasDottedLetter(s) {
		return s
	}
	var b []byte
	prev := rune(' ')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isArabicRune(r) || unicode.IsLetter(prev) {
			prev = r
			i += size
			continue
		}
		end, n := dottedRun(s, i)
		if n < 2 {
			prev = r
			i += size
			continue
		}
		if b == nil {
			b = []byte(s)
		}
		run := strings.ReplaceAll(s[i:end], " ", "")
		copy(b[i:], run)
		for j := i + len(run); j < end; j++ {
			b[j] = ' '
		}
		i, prev = end, '.'
	}
	if b == nil {
		return s
	}
	return string(b)
}

// hasDottedLetter reports whether s holds a lone Arabic letter followed
// by ". ": most texts hold none, and this costs a search for ". ".
func hasDottedLetter(s string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], ". ")
		if j < 0 {
			return false
		}
		at := i + j
		r, size := utf8.DecodeLastRuneInString(s[:at])
		if isArabicRune(r) && unicode.IsLetter(r) {
			if before, _ := utf8.DecodeLastRuneInString(s[:at-size]); at-size == 0 || !unicode.IsLetter(before) {
				return true
			}
		}
		i = at + 2
	}
}

// dottedRun returns the end of the run of single Arabic letters, each but
// the last followed by a dot and at most one space, that starts at i, and
// how many letters it holds; 0 when no run starts there.
func dottedRun(s string, i int) (int, int) {
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(r) {
			return 0, 0
		}
	}
	n, end := 0, i
	for j := i; j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isArabicRune(r) || !unicode.IsLetter(r) {
			break
		}
		k := j + size
		if next, _ := utf8.DecodeRuneInString(s[k:]); k < len(s) && unicode.IsLetter(next) {
			break // a word, not a letter
		}
		n, end = n+1, k
		if k >= len(s) || s[k] != '.' {
			break
		}
		k++
		if k < len(s) && s[k] == ' ' {
			k++
		}
		j = k
	}
	return end, n
}

// cutDash returns the name of a sign-off line "— X".
func cutDash(line string) (string, bool) {
	rest := line
	n := 0
	for n < 3 {
		r, size := utf8.DecodeRuneInString(rest)
		if r != '-' && r != '–' && r != '—' && r != '―' {
			break
		}
		rest = rest[size:]
		n++
	}
	if n == 0 {
		return "", false
	}
	rest = strings.TrimRight(trimSpace(rest), "-–—. ")
	if rest == "" || utf8.RuneCountInString(rest) > 40 {
		return "", false
	}
	return rest, true
}

// cutTag returns the name of a line that is only a tag: (X), /X/, [X],
// «X», "X".
func cutTag(line string) (string, bool) {
	line = strings.TrimRight(line, ".")
	pairs := []string{"()", "//", "[]", "«»", "\"\"", "“”"}
	for _, p := range pairs {
		o, c := string([]rune(p)[0]), string([]rune(p)[1])
		if strings.HasPrefix(line, o) && strings.HasSuffix(line, c) && len(line) > len(o)+len(c) {
			inner := line[len(o) : len(line)-len(c)]
			if strings.ContainsAny(inner, "()«»\"") || utf8.RuneCountInString(inner) > 40 {
				return "", false
			}
			return inner, true
		}
	}
	return "", false
}

func cleanName(s string) string {
	s = trimSpace(s)
	s = strings.Trim(s, " .,:;()[]«»\"'“”‘’-–—/|*_\u00a0")
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimPrefix(s, "The ")
	return trimSpace(s)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
