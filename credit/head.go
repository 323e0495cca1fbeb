package credit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// dateline reads the dateline or the tag that opens a text: "CITY (X) -",
// "CITY, date (X)", «الرياض (واس)», «الدوحة - قنا:», «واس - جدة:»,
// "МОСКВА, 28 ноя — РИА Новости.", SPA's «مكة المكرمة 25 شوال 1436 هـ …
// واس», "(AP) —", and known tags in the opening sentence.
func (e *extractor) dateline(line string, n int, first bool) {
	head := cutBytes(line, headBytes)
	done := e.parenDateline(head, n)
	found := done > 0
	if !found && first && !isLatin(head) {
		found = e.dashDateline(head, n)
	}
	if !found {
		found = e.trailingAgency(line, n)
	}
	if !found && first {
		found = e.hijriDateline(head, n)
	}
	// A tag inside the opening sentence, «(واس)» or «/ТАСС/», counts only
	// when the registry knows it: parentheses hold many other things.
	if !strings.ContainsAny(head, "(/") {
		return
	}
	for i := max(done, 0); i < len(head); i++ {
		c := head[i]
		if c != '(' && c != '/' {
			continue
		}
		close := byte(')')
		if c == '/' {
			close = '/'
		}
		j := strings.IndexByte(head[i+1:], close)
		if j < 2 || j > 40 {
			continue
		}
		inner := head[i+1 : i+1+j]
		if strings.ContainsAny(inner, "()/\n") {
			continue
		}
		after := trimSpace(head[i+2+j:])
		if strings.HasPrefix(after, "news agency") {
			continue // "(Sputnik) news agency quoted …" is an in-text form
		}
		if !e.expansion(head[:i], inner) && !namedBefore(head[:i]) && !gloss(head[:i], inner) && !initialism(head[:i], inner) {
			e.add(inner, WireTag, n, i, named|mustKnow)
		}
		i += j + 1
	}
}

// parenDateline reads "CITY (X) -", "CITY, Nov 28 (X) -", «اسلام آباد (اے
// پی پی)», "(AP) —". A known X is enough; an unknown one needs a Latin
// city in capitals before it and a dash after it. It returns the offset
// after the tag it read, or -1.
func (e *extractor) parenDateline(head string, n int) int {
	i := strings.IndexAny(head, "([")
	if slash := strings.IndexByte(head, '/'); slash >= 0 && (i < 0 || slash < i) && isCyrillic(head[:slash]) {
		i = slash
	}
	if i < 0 || i > 120 {
		return -1
	}
	close := map[byte]byte{'(': ')', '[': ']', '/': '/'}[head[i]]
	j := strings.IndexByte(head[i+1:], close)
	if j < 2 || j > 60 {
		return -1
	}
	prefix, inner := trimSpace(head[:i]), head[i+1:i+1+j]
	after := trimSpace(head[i+2+j:])
	if strings.ContainsAny(inner, "()[]") || !cityPrefix(prefix) || gloss(prefix, inner) || namedBefore(prefix) || initialism(prefix, inner) || e.expansion(prefix, inner) {
		return -1
	}
	form := Dateline
	if prefix == "" {
		form = WireTag
	}
	found := false
	for _, name := range e.splitNames(inner) {
		if e.add(name, form, n, i, named|mustKnow) {
			found = true
		}
	}
	if found {
		return i + 2 + j
	}
	after = strings.TrimLeft(after, ". ")
	dash := strings.HasPrefix(after, "-") || strings.HasPrefix(after, "–") || strings.HasPrefix(after, "—")
	if dash && (prefix == "" || upperLatinStart(prefix)) && looksLikeName(inner) && e.add(inner, form, n, i, named) {
		return i + 2 + j
	}
	return -1
}

// cityPrefix reports whether the text before a dateline's tag can be a
// place and a date: short, without a sentence in it. In Latin script its
// words are capitalised, except month names after a day ("Madrid, 28
// nov"); it ends a sentence only after a date ("МОСКВА, 28 ноября.").
func cityPrefix(p string) bool {
	if p == "" {
		return true
	}
	words := strings.Fields(p)
	if len(p) > 100 || len(words) > 9 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(p)
	if !unicode.IsLetter(r) || unicode.IsLower(r) {
		return false
	}
	if sentenceEnd(p) && !hasDigit(p) || strings.HasSuffix(p, "،") || strings.HasSuffix(p, ":") {
		return false
	}
	if strings.Count(p, ". ") > 1 {
		return false
	}
	latin := isLatin(p)
	if !latin && (len(words) > 5 || len(words) > 3 && !hasDigit(p)) {
		return false // a place, perhaps a date: «اسلام آباد», «مكة المكرمة»
	}
	for i, w := range words {
		w = strings.Trim(w, ",.")
		if latin && w != "" && !capitalised(w) && !hasDigit(w) && (i == 0 || !hasDigit(words[i-1])) {
			return false
		}
		if triggerWord(w) {
			return false
		}
	}
	return true
}

// triggerWord reports whether w (less an Arabic و or ف) is an in-text
// trigger: «وبحسب (واس)» is not a dateline.
func triggerWord(w string) bool {
	for _, v := range []string{w, strings.TrimPrefix(strings.TrimPrefix(w, "و"), "ف")} {
		if v == "" {
			continue
		}
		if k := trigKey(v); k != 0 && trigBucket[k] != 0 {
			for _, t := range trigIndex[trigBucket[k]] {
				if t.text == v {
					return true
				}
			}
		}
	}
	return false
}

func upperLatinStart(s string) bool {
	return s != "" && s[0] >= 'A' && s[0] <= 'Z'
}

// looksLikeName reports whether an unknown tag may be an outlet's name:
// a few words, the first capitalised.
func looksLikeName(s string) bool {
	s = trimSpace(s)
	if s == "" || len(strings.Fields(s)) > 4 || hasDigit(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func hasDigit(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// dashDateline reads the dateline forms of scripts without capitals:
// «الدوحة - قنا: …», «الرياض - واس», «واس - جدة:», «جدة : واس», «عين
// اليوم – واس», "МОСКВА, 28 ноя — РИА Новости. …". The text before the
// first dash or colon is a place or an agency (at most five words); an
// agency there must be the whole of it, an agency after it may be
// followed by the story.
func (e *extractor) dashDateline(head string, n int) bool {
	cut := cutBytes(head, 160)
	i, size := firstSeparator(cut)
	if i <= 0 {
		return false
	}
	seg0 := trimSpace(cut[:i])
	if len(strings.Fields(seg0)) > 5 {
		return false
	}
	rest := trimSpace(cut[i+size:])
	if j, _ := firstSeparator(rest); j > 0 {
		rest = rest[:j]
	}
	// «أنقرة/ الأناضول –»: the place and the agency split by a slash.
	if k := strings.LastIndexByte(seg0, '/'); k >= 0 && e.add(seg0[k+1:], Dateline, n, k+1, named|mustKnow) {
		return true
	}
	// The agency usually follows the place: in «قنا - أ ش أ» Qena is the
	// city and MENA the agency.
	if words := nameWords(rest, 5); len(words) > 0 && e.prefixName(words, Dateline, n, i, named|mustKnow, false) {
		return true
	}
	// «واس - جدة:» puts the agency first.
	return e.add(lastWords(seg0, 4), Dateline, n, 0, named|mustKnow)
}

// firstSeparator returns the byte offset and size of the first dash or
// colon of s, or -1.
func firstSeparator(s string) (int, int) {
	for i, r := range s {
		switch r {
		case '-', '–', '—', ':', '：':
			return i, utf8.RuneLen(r)
		}
	}
	return -1, 0
}

// lastWords returns at most k last words of s.
func lastWords(s string, k int) string {
	f := strings.Fields(s)
	if len(f) > k {
		f = f[len(f)-k:]
	}
	return strings.Join(f, " ")
}

// trailingAgency reads a first line that ends with an agency's name: SPA
// opens its stories with «مكة المكرمة 25 شوال 1436 هـ الموافق 10 أغسطس
// 2015 م واس». The line must be short and hold a date.
func (e *extractor) trailingAgency(line string, n int) bool {
	if len(line) > 220 || !hasDigit(line) {
		return false
	}
	words := strings.Fields(strings.TrimRight(line, " .:-–—"))
	if len(words) > 20 {
		return false
	}
	for k := min(4, len(words)-1); k >= 1; k-- {
		// The name follows the date: «… 2015 م واس», «… 2015م .واس».
		if d := words[max(0, len(words)-k-2) : len(words)-k]; !hasDigit(strings.Join(d, " ")) {
			continue
		}
		name := strings.Join(words[len(words)-k:], " ")
		if e.add(strings.TrimLeft(name, ".-–—:"), Dateline, n, len(line)-len(name), agencyOnly) {
			return true
		}
	}
	return false
}

// hijriDateline reads SPA's dateline when the story goes on in the same
// line: «الدمام 1 صفر 1438 هـ الموافق 1 نوفمبر 2016 م واس أعلن …». The
// two calendars («الموافق», then the Gregorian year and «م») mark it; the
// agency's name follows the «م» and must be a wire's or agency's.
func (e *extractor) hijriDateline(head string, n int) bool {
	at := strings.Index(head, "الموافق")
	if at < 0 {
		return false
	}
	words := strings.Fields(head[at:])
	for j := 1; j < len(words) && j < 8; j++ {
		year := words[j-1]
		if words[j] != "م" || len(year) != 4 || !hasDigit(year) {
			continue
		}
		rest := words[j+1:]
		for k := min(4, len(rest)); k >= 1; k-- {
			name := strings.Trim(strings.Join(rest[:k], " "), ".-–—:،,")
			if name != "" && e.add(name, Dateline, n, at, agencyOnly|mustKnow) {
				return true
			}
		}
		return false
	}
	return false
}

// closingTag reads a tag that closes a paragraph: "… said. (Reuters)",
// «… الخبر. (واس)», «…الوفد.«واس» وأكد». In the tail lines a tag at the
// end of a line is enough; elsewhere it must follow the end of a
// sentence. "the Saudi Press Agency (SPA)" spells a name out and is not a
// tag.
func (e *extractor) closingTag(line string, n int, tail bool) {
	end := strings.TrimRight(line, " .\u00a0")
	if end == "" {
		return
	}
	last, size := utf8.DecodeLastRuneInString(end)
	var open rune
	switch last {
	case ')':
		open = '('
	case '»':
		open = '«'
	case '"':
		open = '"'
	case '”':
		open = '“'
	case '/':
		open = '/'
	case ']':
		open = '['
	}
	if open != 0 {
		body := end[:len(end)-size]
		if i := strings.LastIndex(body, string(open)); i >= 0 && len(body)-i <= 60 {
			inner := body[i+utf8.RuneLen(open):]
			before := strings.TrimRight(body[:i], " \u00a0")
			bracket := open == '(' || open == '[' || open == '/'
			// A tag closes a sentence: "Mean Arterial Pressure (MAP)"
			// glosses the words before it, even in the last lines.
			if (sentenceEnd(before) || tail && bracket && before == "") && !namedBefore(before) && !gloss(before, inner) && !e.expansion(before, inner) {
				e.add(inner, WireTag, n, i, named|mustKnow)
			}
		}
	}
	if tail && open == 0 {
		e.paragraphSignOff(end, n)
	}
	// Tags after a sentence inside the line: «.«واس» وأكد», ". (QNA) The".
	e.innerTags(line, n, "(", ")")
	e.innerTags(line, n, "«", "»")
}

// paragraphSignOff reads a sign-off closing the last paragraph:
// "…without delay.—APP" (Dawn's house style), "… delay. — Reuters". Only
// a known outlet, after a sentence's end: a full stop before the dash, or
// a space.
func (e *extractor) paragraphSignOff(end string, n int) {
	// Only the last 40 bytes can hold it: searching a whole paragraph for
	// the dashes with LastIndexAny (non-ASCII, so rune by rune) tripled
	// extraction's cost.
	from := max(0, len(end)-40)
	w := end[from:]
	i := max(strings.LastIndexByte(w, '-'), strings.LastIndex(w, "—"), strings.LastIndex(w, "–"))
	if i < 0 || from+i == 0 {
		return
	}
	i += from
	before := strings.TrimRight(end[:i], " \u00a0")
	spaced := len(before) < i
	if !sentenceEnd(before) || !spaced && !strings.HasSuffix(before, ".") && !strings.HasSuffix(before, "۔") {
		return
	}
	_, dash := utf8.DecodeRuneInString(end[i:])
	e.add(end[i+dash:], ClosingDash, n, i, named|mustKnow)
}

// innerTags reads the tags open…close that follow the end of a sentence
// inside a line.
func (e *extractor) innerTags(line string, n int, open, close string) {
	for off := 0; off < len(line); {
		j := strings.Index(line[off:], open)
		if j < 0 {
			return
		}
		j += off
		off = j + len(open)
		if j == 0 || !sentenceEnd(strings.TrimRight(line[:j], " \u00a0")) {
			continue
		}
		k := strings.Index(cutBytes(line[off:], 64), close)
		if k < 0 || k > 60 {
			continue
		}
		inner := line[off : off+k]
		if trimSpace(line[off+k+len(close):]) == "" {
			continue // the end of the line was read above
		}
		e.add(inner, WireTag, n, j, named|mustKnow|agencyOnly)
	}
}

// namedBefore reports whether the text before a bracketed name makes it
// part of the sentence: a trigger just before it («وبحسب (واس)»), or an
// outlet word among the four words before it ("the agency (QNA)",
// «وكالة الأنباء الطلابية الإيرانية (إيسنا)»), which the in-text forms
// read.
func namedBefore(s string) bool {
	w := wordsBefore(strings.TrimRight(s, " \u00a0"), 4)
	if len(w) == 0 {
		return false
	}
	if triggerWord(w[len(w)-1]) {
		return true
	}
	for _, x := range w {
		if outletWord(x) {
			return true
		}
	}
	return false
}

// gloss reports whether a bracketed name is a transliteration of the word
// before it, in another script: «بلومبيرج (Bloomberg)».
func gloss(before, inner string) bool {
	w := wordsBefore(strings.TrimRight(before, " \u00a0"), 1)
	if len(w) == 0 {
		return false
	}
	a, b := scriptOf(w[0]), scriptOf(inner)
	return a != 0 && b != 0 && a != b
}

// scriptOf returns 'a' for Arabic script, 'c' for Cyrillic, 'l' for
// anything else, from the first letter of s.
func scriptOf(s string) byte {
	for _, r := range s {
		switch {
		case r >= 0x0600 && r <= 0x06FF:
			return 'a'
		case r >= 0x0400 && r <= 0x04FF:
			return 'c'
		case unicode.IsLetter(r):
			return 'l'
		}
	}
	return 0
}

// sentenceEnd reports whether s ends a sentence.
func sentenceEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '؟', '…', '۔', '"', '”', '»':
		return true
	}
	return false
}

// expansion reports whether a tag spells out the name just before it:
// "the Saudi Press Agency (SPA)", «وكالة الأنباء السعودية (واس)», or
// abbreviates another registry entry named there ("Pakistan
// Tehreek-e-Insaf (PTI)"). Such a tag is part of an in-text mention, not
// a tag of its own.
func (e *extractor) expansion(before, tag string) bool {
	words := wordsBefore(strings.TrimRight(before, " \u00a0"), 5)
	if len(words) == 0 {
		return false
	}
	t, ok := e.r.resolve(tag, resolveNamed)
	if !ok {
		return false
	}
	for k := 1; k <= len(words); k++ {
		name := cleanName(strings.Join(words[len(words)-k:], " "))
		if c, ok := e.r.resolve(name, resolveNamed); ok && c == t {
			return true
		}
		// Another entry's name, written out in two words or more.
		if k >= 2 {
			if c, ok := e.r.resolve(name, resolveText); ok && c != t {
				return true
			}
		}
	}
	return false
}

// initialism reports whether a Latin tag abbreviates the words just
// before it: "Middle East and North Africa (MENA)", "Alcoholics
// Anonymous (AA)", "alpha-fetoprotein (AFP)", "Pakistan Tehreek-e-Insaf
// (PTI)". Each word, or each part of a hyphenated word, gives the tag
// its first letter and perhaps some later letters of its own; small
// words (of, and, the, de, al …) may give none. At least two words or
// parts must give letters, so that a city ("ANKARA (AA)") is no gloss of
// its agency.
func initialism(before, tag string) bool {
	var letters []byte
	for i := 0; i < len(tag); i++ {
		switch c := tag[i]; {
		case c >= 'a' && c <= 'z':
			letters = append(letters, c)
		case c >= 'A' && c <= 'Z':
			letters = append(letters, c+'a'-'A')
		case c == '-' || c == '.' || c == '&' || c == ' ':
		default:
			return false // not a Latin abbreviation
		}
	}
	if len(letters) < 2 || len(letters) > 8 {
		return false
	}
	// The words before, back to a punctuation that ends a phrase; a
	// dash joins parts of a word here.
	b := strings.TrimRight(before, " \u00a0")
	if len(b) > maxLookBack {
		b = b[len(b)-maxLookBack:]
	}
	if i := strings.LastIndexAny(b, ".,;:!?،؛؟|()«»\""); i >= 0 {
		b = b[i+1:]
	}
	words := strings.Fields(b)
	if len(words) > len(letters)+4 {
		words = words[len(words)-len(letters)-4:]
	}
	var parts []string
	for _, w := range words {
		for _, p := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '–' || r == '/' }) {
			parts = append(parts, strings.ToLower(p))
		}
	}
	// The tag is spelled by parts[i:] for some i.
	for i := len(parts) - 1; i >= 0; i-- {
		if spells(parts[i:], letters, 0) {
			return true
		}
	}
	return false
}

// spells reports whether parts spell letters, each part giving its first
// letter and then any of its later letters in order (small words may
// give none), with at least two parts in all giving letters; given
// counts those before parts.
func spells(parts []string, letters []byte, given int) bool {
	if len(parts) == 0 {
		return len(letters) == 0 && given >= 2
	}
	p := parts[0]
	if glossSmall[p] && spells(parts[1:], letters, given) {
		return true
	}
	if len(letters) == 0 || p == "" || p[0] != letters[0] {
		return false
	}
	// The first letter, then k more letters taken from the rest of p.
	rest := p[1:]
	for k := 0; k < len(letters); k++ {
		if k > 0 {
			j := strings.IndexByte(rest, letters[k])
			if j < 0 {
				return false
			}
			rest = rest[j+1:]
		}
		if spells(parts[1:], letters[k+1:], given+1) {
			return true
		}
	}
	return false
}

// glossSmall are the words an abbreviation may skip.
var glossSmall = wordSet(`of and the de des du la le el al e i y a an for in on to at und der die das et &`)

// cutBytes cuts s to at most n bytes on a rune boundary.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// isLatin reports whether s has no Arabic-script or Cyrillic letters.
func isLatin(s string) bool {
	a, c := scripts(s)
	return !a && !c
}

func isCyrillic(s string) bool {
	_, c := scripts(s)
	return c
}

// scripts reports whether a line has Arabic-script or Cyrillic letters,
// from the lead bytes of their UTF-8 encodings.
func scripts(line string) (arabic, cyrillic bool) {
	for i := 0; i < len(line); i++ {
		switch b := line[i]; {
		case b >= 0xD8 && b <= 0xDB:
			arabic = true
		case b == 0xD0 || b == 0xD1:
			cyrillic = true
		}
	}
	return arabic, cyrillic
}
