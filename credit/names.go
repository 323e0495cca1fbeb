package credit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameWords is the longest name tried, in words.
const maxNameWords = 5

// maxLookBack bounds, in bytes, how far before a trigger a name is read,
// and maxLookAhead how far after it: a name is near its trigger, and a
// long line with many triggers (article text is untrusted) must cost
// linear time.
const (
	maxLookBack  = 240
	maxLookAhead = 240
)

// maxWordBytes is the longest word read as part of a name: no alias has
// a longer one, and a line without spaces is one huge "word".
const maxWordBytes = 60

// workHook, set only by tests, is told how many bytes each bounded scan
// (a name read around a trigger, a fold, a normalisation) reads: the
// work done on a line must grow with its triggers, not with their
// number times its length.
var workHook func(bytes int)

// quoteRunes mark a name as written: «X», "X", (X).
const quoteRunes = "«»\"“”„()[]‹›'‘’"

// hardStop ends a name.
func hardStop(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '،', '؛', '؟', '۔', '|', '\n', '\t':
		return true
	}
	return false
}

// nameWords returns at most k words from the start of s, up to the first
// punctuation that ends a name, with quotes taken off. quoted reports
// whether the first word was quoted or bracketed. A period inside a word
// ("U.N.", "Lenta.ru", «أ.ف.ب») does not end it.
func nameWords(s string, k int) []string {
	words, _ := nameWordsQ(s, k)
	return words
}

func nameWordsQ(s string, k int) (words []string, quoted bool) {
	window := cutBytes(s, maxLookAhead)
	cut := len(window) < len(s)
	s = strings.TrimLeft(window, " \u00a0ـ")
	if workHook != nil {
		workHook(len(s))
	}
	if r, _ := utf8.DecodeRuneInString(s); r != utf8.RuneError && strings.ContainsRune(quoteRunes, r) {
		quoted = true
	}
	start := -1
	long := false // a word too long to be part of a name: the name ends before it
	flush := func(end int) {
		if start >= 0 {
			if end-start > maxWordBytes {
				long = true
			} else if w := strings.Trim(s[start:end], quoteRunes+"ـ"); w != "" {
				words = append(words, w)
			}
			start = -1
		}
	}
	for i, r := range s {
		if len(words) >= k || long {
			return words, quoted
		}
		if start >= 0 && i-start > maxWordBytes {
			return words, quoted
		}
		switch {
		case r == ' ' || r == '\u00a0':
			flush(i)
		case hardStop(r):
			// A period between letters is part of the word.
			if r == '.' && i+1 < len(s) && start >= 0 {
				next, _ := utf8.DecodeRuneInString(s[i+1:])
				if unicode.IsLetter(next) {
					continue
				}
			}
			flush(i)
			return words, quoted
		case r == '-' || r == '–' || r == '—':
			if start < 0 {
				return words, quoted // a free-standing dash ends the name
			}
		case strings.ContainsRune("()«»[]", r) && start >= 0 && len(words) > 0:
			flush(i)
			return words, quoted
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if cut {
		start = -1 // the window cut the last word
	}
	flush(len(s))
	if len(words) > k {
		words = words[:k]
	}
	return words, quoted
}

// wordsBefore returns at most k words of s ending at its end, back to the
// last punctuation that ends a name.
func wordsBefore(s string, k int) []string {
	// A name is near its trigger: look back a bounded way, so that a
	// long line with many triggers costs linear time.
	if len(s) > maxLookBack {
		s = s[len(s)-maxLookBack:]
		for len(s) > 0 && !utf8.RuneStart(s[0]) {
			s = s[1:]
		}
	}
	if workHook != nil {
		workHook(len(s))
	}
	end := len(s)
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		if hardStop(r) || r == '-' || r == '–' || r == '—' {
			// A period or a hyphen between letters is part of a word
			// ("U.S.", "France-Presse").
			if (r == '.' || r == '-') && end-size > 0 {
				prev, _ := utf8.DecodeLastRuneInString(s[:end-size])
				next, _ := utf8.DecodeRuneInString(s[end:])
				if unicode.IsLetter(prev) && end < len(s) && (r == '.' && s[end] != ' ' || r == '-' && unicode.IsLetter(next)) {
					end -= size
					continue
				}
			}
			break
		}
		end -= size
	}
	f := strings.Fields(s[end:])
	if len(f) > k {
		f = f[len(f)-k:]
	}
	for i := range f {
		f[i] = strings.Trim(f[i], quoteRunes+"ـ")
	}
	return f
}

// prefixName tries the longest run of the first words that the registry
// knows. In scripts without capitals the end of a name is not marked, so
// every length is tried; in Latin script a name followed by another
// capitalised word is part of a longer name ("Reuters" in "Reuters
// Television" may stand, "Petra" in "Petra Kvitova" may not) and is
// skipped. Articles and modifiers ("the", «ال»-less outlet words like
// وكالة, "news agency", "l'agence", "die Nachrichtenagentur") are dropped
// from the front one by one; dropping an outlet word marks what follows
// as a name.
func (e *extractor) prefixName(words []string, form Form, n, pos int, h how, latin bool) bool {
	for len(words) > 0 {
		if w := stripElision(words[0]); w != words[0] && w != "" {
			words = append([]string{w}, words[1:]...)
		}
		known := hasFolded(e.r.firstWords, words[0])
		for k := min(maxNameWords, len(words)); k >= 1; k-- {
			if !known && (k > 1 || !longWord(words[0])) {
				continue // cannot resolve: not worth a normalisation
			}
			if latin && k < len(words) && capitalised(words[k]) && !roleWord(words[k]) {
				continue
			}
			if k == 1 && outletWord(words[0]) {
				continue
			}
			if e.add(strings.Join(words[:k], " "), form, n, pos, h|mustKnow) {
				return true
			}
		}
		switch {
		case outletWord(words[0]):
			h |= named
		case article(words[0]) || modifier(words[0]):
		default:
			return false
		}
		words = words[1:]
	}
	return false
}

// suffixName tries the longest run of the last words that the registry
// knows. In Latin script a name preceded by a capitalised word that is
// not a modifier ("China's", "Russian", "Meanwhile") belongs to a longer
// name: "Bloomberg" in "Michael Bloomberg said" is a person.
func (e *extractor) suffixName(words []string, form Form, n, pos int, h how, latin bool) bool {
	if len(words) == 0 {
		return false
	}
	if last := stripElision(words[len(words)-1]); !hasFolded(e.r.lastWords, last) && !longWord(last) {
		return false // cannot resolve: not worth a normalisation
	}
	for k := min(maxNameWords, len(words)); k >= 1; k-- {
		i := len(words) - k
		if latin && i > 0 && capitalised(words[i-1]) && !modifier(words[i-1]) && !article(words[i-1]) && !outletWord(words[i-1]) {
			continue
		}
		hk := h
		if i > 0 && outletWord(words[i-1]) {
			hk |= named
		}
		if k == 1 && outletWord(words[i]) {
			continue
		}
		name := strings.Join(words[i:], " ")
		if w := stripElision(words[i]); w != words[i] {
			name = strings.Join(append([]string{w}, words[i+1:]...), " ")
		}
		if e.add(name, form, n, pos, hk|mustKnow) {
			return true
		}
	}
	return false
}

// stripElision takes the French elision off a word: "l'AFP" -> "AFP".
func stripElision(w string) string {
	for _, p := range []string{"l'", "l’", "L'", "L’", "d'", "d’", "D'", "D’"} {
		if strings.HasPrefix(w, p) {
			return w[len(p):]
		}
	}
	return w
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// wordSet builds a set of lower-case words.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var (
	// outletWords name a kind of outlet before its name: what follows
	// them is a name.
	outletWords = wordSet(`agency agence agencia agenzia agentur nachrichtenagentur presseagentur news newspaper
		daily paper broadcaster channel network website site outlet wire service tabloid magazine weekly
		quotidien journal hebdomadaire chaîne presse diario periódico periodico cadena zeitung sender blatt magazin
		ajansı ajansi gazetesi gazete kanalı
		агентство агентства агентству агентством информагентство газета газеты газете издание издания телеканал
		وكالة الوكالة وكالتا أنباء الأنباء صحيفة جريدة قناة موقع شبكة مجلة
		ادارے ادارہ ایجنسی اخبار روزنامہ`)
	// articles are dropped from the front of a name.
	// «م» and «هـ» close a date (AD, AH): «الرياض:م واس».
	articles = wordSet(`the a an le la les el los las der die das dem den des un une una de del du of al م هـ`)
	// modifiers describe an outlet without being part of its name.
	modifiers = wordSet(`state state-run state-owned official semi-official government-run government private local
		leading independent pan-arab national international public main
		meanwhile however but and also earlier later separately elsewhere on in at last yesterday today
		monday tuesday wednesday thursday friday saturday sunday
		january february march april may june july august september october november december
		saudi egyptian iranian turkish qatari emirati kuwaiti syrian jordanian chinese japanese korean
		german french italian spanish pakistani indian iraqi lebanese bahraini omani yemeni sudanese
		algerian moroccan tunisian libyan palestinian israeli polish czech austrian dutch belgian
		ukrainian belarusian kazakh malaysian indonesian vietnamese philippine bangladeshi american
		british russian arab european asian african gulf
		as wie comme como so also nach
		officielle officiel publique nationale étatique turque russe chinoise saoudienne iranienne égyptienne
		allemande américaine britannique japonaise qatarie syrienne
		oficial estatal rusa china alemana estadounidense británica turca saudí iraní egipcia japonesa siria pública
		staatliche staatlichen amtliche amtlichen russische russischen chinesische chinesischen türkische
		türkischen iranische iranischen saudische saudischen japanische japanischen deutsche deutschen
		französische französischen britische britischen amerikanische amerikanischen
		государственное российское китайское турецкое`)
	// roleWords may follow an outlet's name in Latin script: "Reuters
	// staff", "AFP News Agency".
	roleWords = wordSet(`staff news agency agence agencia reporter reporters correspondent correspondents
		desk bureau wire service tv television online`)
)

func outletWord(w string) bool { return outletWords[strings.ToLower(w)] }
func article(w string) bool    { return articles[strings.ToLower(w)] }

func modifier(w string) bool {
	l := strings.ToLower(w)
	if modifiers[l] {
		return true
	}
	// Possessives and -based: "China's", "Russia’s", "London-based".
	return strings.HasSuffix(l, "'s") || strings.HasSuffix(l, "’s") || strings.HasSuffix(l, "-based") || strings.HasSuffix(l, "-run")
}

func roleWord(w string) bool { return roleWords[strings.ToLower(w)] }

// longWord reports whether w is long enough to be matched within an edit
// distance.
func longWord(w string) bool {
	return utf8.RuneCountInString(w) >= minFuzzyLetters
}
