package credit

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Form is the wording a mention was found in.
type Form string

const (
	SourceLine     Form = "source-line"     // Source: X, المصدر: X, Источник: X, بشکریہ X
	Dateline       Form = "dateline"        // CITY (X) -, الدوحة - قنا
	WireTag        Form = "wire-tag"        // (X) -, (واس), /ТАСС/, (اے پی پی)
	ClosingDash    Form = "closing-dash"    // — X as a closing line
	FirstPublished Form = "first-published" // first published by X
	AgencyQuoted   Form = "agency-quoted"   // X news agency quoted …
	Reported       Form = "reported"        // X reported, ذكرت X, сообщает X
	AccordingTo    Form = "according-to"    // according to X, بحسب X, по данным X
	Byline         Form = "byline"          // a byline or author field naming an outlet: «الرياض - واس»
	SourceField    Form = "source-field"    // a source field of the record or page
)

// Attribution reports whether a form states the source of the whole text.
func (f Form) Attribution() bool {
	switch f {
	case SourceLine, Dateline, WireTag, ClosingDash, FirstPublished, Byline, SourceField:
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
	// in-text form naming a wire or agency. Otherwise it is a quoted
	// source. Generic sources are never credits.
	Credit bool
}

const nameEN = `((?:[A-Z][\w.&'’-]*)(?:\s+(?:[A-Z][\w.&'’-]*|of|de|la|al|el|du)){0,4})`

var (
	reSourceLine = regexp.MustCompile(`^(?i:sources?|credit|courtesy|via|المصدر|المصادر|источник|источники|بشکریہ|ماخذ)\s*[:：]?\s*(.{2,60}?)\s*[.。]?$`)
	reDatelineEN = regexp.MustCompile(`^[A-Z][\p{L} .'-]{1,30}?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\(([^()]{2,40})\)\s*[-–—:]`)
	reTagStart   = regexp.MustCompile(`^\(([^()]{2,40})\)\s*[-–—:]`)
	reTagLine    = regexp.MustCompile(`^[(/]([^()/]{2,40})[)/]\.?$`)
	reTagAny     = regexp.MustCompile(`[(/]([^()/\n]{2,30})[)/]`)
	reDatelineAR = regexp.MustCompile(`^(\p{Arabic}+(?:\s\p{Arabic}+)?)\s*[-–—]\s*\(?((?:\p{Arabic}+\.?\s?){1,4})`)
	// «واس - الرياض:» puts the agency before the city.
	reAgencyFirstAR = regexp.MustCompile(`^((?:\p{Arabic}+\s?){1,4}?)\s*[-–—]\s*\p{Arabic}+(?:\s\p{Arabic}+)?\s*[:：]`)
	reClosing       = regexp.MustCompile(`^[-–—]{1,2}\s*([\p{L}][\p{L}\p{N} .&'-]{1,40}?)\s*$`)
	reFirstPub      = regexp.MustCompile(`(?i:first|originally)\s+(?:published|appeared)\s+(?:by|on|in|at)\s+(?:the\s+)?` + nameEN)
	reAgencyQ       = regexp.MustCompile(`\(?` + nameEN + `\)?\s+news\s+agency\s+(?:quoted|reported|said|cited|says|reports)`)
	reReported      = regexp.MustCompile(nameEN + `\s+(?:reported|reports|said in a report)`)
	reAccording     = regexp.MustCompile(`according to (?:the\s+)?` + nameEN)
	reReportedAR    = regexp.MustCompile(`(?:ذكرت|نقلت|أفادت|أوردت|قالت|أعلنت)\s+[«"“(]?((?:\p{Arabic}+[»"”)]?\s?){1,5})`)
	reAccordAR      = regexp.MustCompile(`(?:وفقا|وفقاً|طبقا|طبقاً)\s+ل(?:ـ)?\s*[«"“(]?((?:\p{Arabic}+[»"”)]?\s?){1,5})|(?:بحسب|حسب)\s+[«"“(]?((?:\p{Arabic}+[»"”)]?\s?){1,5})`)
	reReportedRU    = regexp.MustCompile(`(?:сообщает|сообщило|сообщили|передает|передаёт|пишет)\s+(?:агентство\s+)?([А-ЯЁA-Z][\p{Cyrillic}\w-]*(?:\s+[А-ЯЁA-Z][\p{Cyrillic}\w-]*){0,2})`)
	reAccordRU      = regexp.MustCompile(`по (?:данным|сообщению|информации)\s+(?:агентства\s+)?([А-ЯЁA-Z][\p{Cyrillic}\w-]*(?:\s+[А-ЯЁA-Z][\p{Cyrillic}\w-]*){0,2})`)
	reSplitNames    = regexp.MustCompile(`\s*(?:/|,|&|\+|;| and | و)\s*`)
)

// Extract returns the mentions of outlets as sources in text, in order of
// line, then position.
func (r *Registry) Extract(text string) []Mention {
	lines := strings.Split(text, "\n")
	first, lastLines := firstLines(lines, 2), lastLines(lines, 3)
	var out []Mention
	seen := map[string]bool{}
	add := func(name string, form Form, line int, mustResolve bool) bool {
		m, ok := r.mention(name, form, line, mustResolve)
		if !ok {
			return false
		}
		key := m.Outlet + "\x00" + string(m.Form) + "\x00" + strconv.Itoa(line)
		if !seen[key] {
			seen[key] = true
			out = append(out, m)
		}
		return true
	}
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		n := i + 1
		if m := sourceLine(line); m != nil {
			for _, name := range reSplitNames.Split(m[1], -1) {
				add(name, SourceLine, n, false)
			}
			continue
		}
		if first[i] {
			r.datelines(line, n, add)
		}
		if lastLines[i] {
			// Only a known outlet: "- item" closes many bulleted lists.
			if m := reClosing.FindStringSubmatch(line); m != nil {
				add(m[1], ClosingDash, n, true)
			}
		}
		// Only a known outlet: a line in parentheses is often an aside.
		if len(line) <= 80 && (line[0] == '(' || line[0] == '/') {
			if m := reTagLine.FindStringSubmatch(line); m != nil {
				add(m[1], WireTag, n, true)
			}
		}
		r.inText(line, n, add)
	}
	return out
}

// sourceLine matches a "Source: X" line; only short lines with a colon
// or a known keyword are tried.
func sourceLine(line string) []string {
	if len(line) > 120 {
		return nil
	}
	if !strings.ContainsAny(line, ":：") && !strings.HasPrefix(line, "بشکریہ") {
		return nil
	}
	return reSourceLine.FindStringSubmatch(line)
}

// datelines finds the dateline or wire tag that opens a text.
func (r *Registry) datelines(line string, n int, add func(string, Form, int, bool) bool) {
	if m := reDatelineEN.FindStringSubmatch(line); m != nil {
		add(m[1], Dateline, n, false)
		return
	}
	if m := reTagStart.FindStringSubmatch(line); m != nil {
		add(m[1], WireTag, n, false)
		return
	}
	if m := reDatelineAR.FindStringSubmatch(line); m != nil {
		if addPrefix(m[2], Dateline, n, add) {
			return
		}
	}
	if m := reAgencyFirstAR.FindStringSubmatch(line); m != nil {
		if add(m[1], Dateline, n, true) {
			return
		}
	}
	// A tag inside the opening sentence, «(واس)» or «/ТАСС/», counts only
	// when the registry knows it: parentheses hold many other things.
	// Tags open a text: look at its first 300 bytes only.
	if len(line) > 300 {
		cut := 300
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		line = line[:cut]
	}
	if !strings.ContainsAny(line, "(/") {
		return
	}
	for _, loc := range reTagAny.FindAllStringSubmatchIndex(line, -1) {
		if strings.HasPrefix(strings.TrimSpace(line[loc[1]:]), "news agency") {
			continue // "(Sputnik) news agency quoted …" is an in-text form
		}
		add(line[loc[2]:loc[3]], WireTag, n, true)
	}
}

// inText finds the in-text forms. Each regular expression runs only on a
// short window around its trigger word, found with a plain substring
// search first: running them over whole paragraphs cost a millisecond an
// article.
func (r *Registry) inText(line string, n int, add func(string, Form, int, bool) bool) {
	arabic, cyrillic := scripts(line)
	if !arabic {
		r.inTextLatin(line, n, add)
	}
	if arabic {
		r.inTextArabic(line, n, add)
	}
	if cyrillic {
		r.inTextRussian(line, n, add)
	}
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

func (r *Registry) inTextLatin(line string, n int, add func(string, Form, int, bool) bool) {
	for _, w := range windows(line, []string{"news agency"}, 60, 30) {
		for _, m := range reAgencyQ.FindAllStringSubmatch(w, -1) {
			add(m[1], AgencyQuoted, n, false)
		}
	}
	for _, w := range windows(line, []string{"publish", "appeared"}, 20, 60) {
		for _, m := range reFirstPub.FindAllStringSubmatch(w, -1) {
			add(m[1], FirstPublished, n, false)
		}
	}
	for _, w := range windows(line, []string{"report"}, 60, 20) {
		for _, m := range reReported.FindAllStringSubmatch(w, -1) {
			if !strings.HasSuffix(m[0], "news agency reported") {
				add(m[1], Reported, n, false)
			}
		}
	}
	for _, w := range windows(line, []string{"according to"}, 0, 60) {
		for _, m := range reAccording.FindAllStringSubmatch(w, -1) {
			add(m[1], AccordingTo, n, false)
		}
	}
}

func (r *Registry) inTextArabic(line string, n int, add func(string, Form, int, bool) bool) {
	for _, w := range windows(line, arReportVerbs, 0, 80) {
		for _, m := range reReportedAR.FindAllStringSubmatch(w, -1) {
			addPrefix(m[1], Reported, n, add)
		}
	}
	for _, w := range windows(line, arAccordWords, 0, 80) {
		for _, m := range reAccordAR.FindAllStringSubmatch(w, -1) {
			addPrefix(m[1]+m[2], AccordingTo, n, add)
		}
	}
}

func (r *Registry) inTextRussian(line string, n int, add func(string, Form, int, bool) bool) {
	for _, w := range windows(line, ruReportVerbs, 0, 80) {
		for _, m := range reReportedRU.FindAllStringSubmatch(w, -1) {
			addPrefix(m[1], Reported, n, add)
		}
	}
	for _, w := range windows(line, []string{"по данным", "по сообщению", "по информации"}, 0, 80) {
		for _, m := range reAccordRU.FindAllStringSubmatch(w, -1) {
			addPrefix(m[1], AccordingTo, n, add)
		}
	}
}

var (
	arReportVerbs = []string{"ذكرت", "نقلت", "أفادت", "أوردت", "قالت", "أعلنت"}
	arAccordWords = []string{"وفقا", "وفقاً", "طبقا", "طبقاً", "حسب"}
	ruReportVerbs = []string{"сообщает", "сообщило", "сообщили", "передает", "передаёт", "пишет"}
)

// windows returns, for every occurrence of each trigger in line, the text
// from before bytes ahead of it to after bytes past its end, cut on rune
// boundaries.
func windows(line string, triggers []string, before, after int) []string {
	var out []string
	for _, t := range triggers {
		for off := 0; ; {
			i := strings.Index(line[off:], t)
			if i < 0 {
				break
			}
			i += off
			lo, hi := max(0, i-before), min(len(line), i+len(t)+after)
			for lo > 0 && !utf8.RuneStart(line[lo]) {
				lo--
			}
			for hi < len(line) && !utf8.RuneStart(line[hi]) {
				hi++
			}
			out = append(out, line[lo:hi])
			off = i + len(t)
		}
	}
	return out
}

// addPrefix tries the longest run of leading words of s that the registry
// knows: in scripts without capitals the end of a name is not marked.
// A leading «وكالة» (agency) or «وكالة أنباء» is tried with and without.
func addPrefix(s string, form Form, n int, add func(string, Form, int, bool) bool) bool {
	words := strings.Fields(strings.Map(func(r rune) rune {
		if strings.ContainsRune("«»\"“”()", r) {
			return ' '
		}
		return r
	}, strings.Trim(s, ".:،,")))
	for len(words) > 0 {
		for k := len(words); k > 0; k-- {
			if add(strings.Join(words[:k], " "), form, n, true) {
				return true
			}
		}
		if words[0] != "وكالة" && words[0] != "أنباء" && words[0] != "агентство" {
			return false
		}
		words = words[1:]
	}
	return false
}

// mention builds a Mention; mustResolve rejects names the registry does
// not know.
func (r *Registry) mention(name string, form Form, line int, mustResolve bool) (Mention, bool) {
	name = cleanName(name)
	if name == "" || len([]rune(name)) > 60 {
		return Mention{}, false
	}
	canon, known := r.Resolve(name)
	if mustResolve && !known {
		return Mention{}, false
	}
	m := Mention{Name: name, Outlet: canon, Known: known, Form: form, Line: line, Where: InText}
	if known {
		m.Kind = r.Kind(canon)
	}
	switch {
	case m.Kind == Generic:
		m.Credit = false
	case form.Attribution():
		m.Credit = true
	default:
		m.Credit = m.Kind == Wire || m.Kind == Agency
	}
	return m, true
}

func cleanName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, " .,:;()[]«»\"'“”-–—/")
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimPrefix(s, "The ")
	return strings.TrimSpace(s)
}

func firstLines(lines []string, n int) map[int]bool {
	out := map[int]bool{}
	for i, l := range lines {
		if len(out) == n {
			break
		}
		if strings.TrimSpace(l) != "" {
			out[i] = true
		}
	}
	return out
}

func lastLines(lines []string, n int) map[int]bool {
	out := map[int]bool{}
	for i := len(lines) - 1; i >= 0 && len(out) < n; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			out[i] = true
		}
	}
	return out
}
