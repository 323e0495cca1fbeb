package credit

import (
	_ "embed"
	"fmt"
	"github.com/agnivade/levenshtein"
	"io"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/internal/fileerr"
	"github.com/wiretrace/wiretrace/shingle"
	"go.yaml.in/yaml/v3"
)

//go:embed registry.yaml
var shippedRegistry []byte

// Kind is what sort of source an entry is.
type Kind string

const (
	Wire        Kind = "wire"        // international news agency
	Agency      Kind = "agency"      // national news agency
	Newspaper   Kind = "newspaper"   // a newspaper and its site
	Broadcaster Kind = "broadcaster" // a television or radio network and its site
	Website     Kind = "website"     // a news site without a print or broadcast parent
	Aggregator  Kind = "aggregator"  // a site that republishes others' stories
	// Publisher is any other publisher; it is treated like a newspaper.
	Publisher Kind = "publisher"
	// Generic is an unnamed source: «وكالات», "agencies". It names no
	// outlet and is never a credit.
	Generic Kind = "generic"
	// Organization is a body that is not a news outlet (a ministry, the
	// UN, a cricket board). It is in the registry so that its name does
	// not resolve to an outlet; its mentions are never credits.
	Organization Kind = "organization"
)

// Kinds returns the kinds a registry entry may have.
func Kinds() []Kind {
	return []Kind{Wire, Agency, Newspaper, Broadcaster, Website, Aggregator, Publisher, Generic, Organization}
}

func (k Kind) valid() bool {
	for _, v := range Kinds() {
		if k == v {
			return true
		}
	}
	return false
}

// NewsAgency reports whether k is a wire or a national news agency: the
// kinds whose naming in a story's text is a credit.
func (k Kind) NewsAgency() bool { return k == Wire || k == Agency }

// IsOutlet reports whether k is a news outlet: known, not generic and not
// an organisation.
func (k Kind) IsOutlet() bool { return k != "" && k != Generic && k != Organization }

// Outlet is one registry entry.
type Outlet struct {
	Name    string   `yaml:"name"`
	Kind    Kind     `yaml:"kind"`
	Aliases []string `yaml:"aliases"`
	// Ambiguous are names of the outlet that are also common words or
	// names («الشرق الأوسط» "the Middle East", «سبق» "preceded",
	// "Online", "Petra"). In a text they count only when written as a
	// name: in a tag "(X)", in quotes «X», or after an outlet word
	// (صحيفة X, the news agency X); in a byline only as a whole part.
	Ambiguous []string `yaml:"ambiguous"`
	// Slugs are identifiers of the outlet in data sets and on the web
	// (a record's outlet field, a domain): "was", "alriyadh",
	// "reuters.com". Resolve knows them; they are never looked for in a
	// text or a byline, where "was" is an English word.
	Slugs []string `yaml:"slugs"`
}

// aliasInfo is what the index knows of one normalised alias.
type aliasInfo struct {
	canon string
	// slug: only slugs have this key; ambiguous: only ambiguous
	// aliases (and slugs) have it.
	slug, ambiguous bool
	// acronym: at most four letters, or letters spelled out as words
	// («أ ف ب», «بي بي سي», «اے پی پی»). Acronyms never match fuzzily.
	acronym bool
	// cased holds the letters of the Latin acronyms as the registry
	// writes them ("AFP", "dpa"): in a text they must be written so.
	cased []string
	// capital: a Latin name that the registry only writes with a capital
	// ("Le Monde", "Petra"): in a text "le monde" is a phrase.
	capital bool
}

// fuzzyKey is an alias that may be matched within an edit distance.
type fuzzyKey struct {
	key  []rune
	info *aliasInfo
}

// Registry resolves outlet names. It is safe for concurrent use once built.
type Registry struct {
	outlets map[string]*Outlet    // by canonical name
	alias   map[string]*aliasInfo // normalised alias -> entry
	fuzzy   map[rune][]fuzzyKey   // fuzzy-eligible aliases by first rune
	// firstWords and lastWords hold the first and last words of the
	// text aliases, folded by foldWord: a candidate name whose first (or
	// last) word is not there is not resolved, unless it is one long
	// word that may be a typo or an inflection.
	firstWords, lastWords map[string]bool
	// arFirst holds the first words (foldWord) of the Arabic-script aliases
	// that are not ambiguous, and the outlet words: «لرويترز» is "to
	// Reuters".
	arFirst map[string]bool
	// metaFields are the record fields read as credit metadata.
	metaFields []string
}

// Error is a problem located in a file: file, line and reason.
type Error = fileerr.Error

// DefaultRegistry returns the registry shipped with wiretrace.
func DefaultRegistry() *Registry {
	r := &Registry{outlets: map[string]*Outlet{}}
	if err := r.load(strings.NewReader(string(shippedRegistry)), "registry.yaml"); err != nil {
		panic(err) // the shipped file is tested
	}
	r.index()
	return r
}

// Extend adds or replaces outlets from a YAML file in the registry format;
// name is used in errors.
func (r *Registry) Extend(src io.Reader, name string) error {
	if err := r.load(src, name); err != nil {
		return err
	}
	r.index()
	return nil
}

func kindList() string {
	var s []string
	for _, k := range Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

func (r *Registry) load(src io.Reader, name string) error {
	var doc struct {
		Outlets []yaml.Node `yaml:"outlets"`
	}
	if err := yaml.NewDecoder(src).Decode(&doc); err != nil && err != io.EOF {
		return &Error{File: name, Reason: err.Error()}
	}
	for _, n := range doc.Outlets {
		var o Outlet
		if err := n.Decode(&o); err != nil {
			return &Error{File: name, Line: n.Line, Reason: err.Error()}
		}
		switch {
		case strings.TrimSpace(o.Name) == "":
			return &Error{File: name, Line: n.Line, Reason: "outlet without a name"}
		case !o.Kind.valid():
			return &Error{File: name, Line: n.Line, Reason: fmt.Sprintf("outlet %q: kind %q, want %s", o.Name, o.Kind, kindList())}
		}
		if !containsString(o.Aliases, o.Name) && !containsString(o.Ambiguous, o.Name) {
			o.Aliases = append(o.Aliases, o.Name)
		}
		r.outlets[o.Name] = &o
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (r *Registry) index() {
	r.alias = map[string]*aliasInfo{}
	r.firstWords, r.lastWords = map[string]bool{}, map[string]bool{}
	r.arFirst = map[string]bool{}
	for w := range arOutletWords {
		r.arFirst[w] = true
	}
	names := make([]string, 0, len(r.outlets))
	for n := range r.outlets {
		names = append(names, n)
	}
	sort.Strings(names) // later entries never win by map order
	add := func(canon, a string, slug, ambiguous bool) {
		k := normalize(a)
		if k == "" {
			return
		}
		info := r.alias[k]
		switch {
		case info == nil:
			info = &aliasInfo{canon: canon, slug: slug, ambiguous: ambiguous || slug, acronym: acronymLike(a), capital: !slug}
			r.alias[k] = info
		case info.canon != canon:
			return // the first outlet keeps the name
		default:
			info.slug = info.slug && slug
			info.ambiguous = info.ambiguous && (ambiguous || slug)
			info.acronym = info.acronym || acronymLike(a)
		}
		if !slug && latinAcronym(a) {
			info.cased = append(info.cased, letters(a))
		}
		if !slug {
			if f, _ := utf8.DecodeRuneInString(cleanName(a)); !unicode.IsUpper(f) {
				info.capital = false
			}
			if w := strings.Fields(cleanName(a)); len(w) > 0 {
				r.firstWords[foldWord(w[0])] = true
				r.lastWords[foldWord(w[len(w)-1])] = true
				if len(w) > 1 && (w[0] == "The" || w[0] == "the") {
					r.firstWords[foldWord(w[1])] = true
				}
			}
			// Only long names may follow ل bare: «لرويترز» is "to
			// Reuters", but «لساناً» is "a tongue" and «لافي» a man.
			if f := strings.Fields(a); !ambiguous && isArabicScript(f[0]) && utf8.RuneCountInString(foldWord(f[0])) >= 5 {
				r.arFirst[foldWord(f[0])] = true
			}
		}
	}
	for _, n := range names {
		o := r.outlets[n]
		for _, a := range o.Aliases {
			add(n, a, false, false)
		}
		for _, a := range o.Ambiguous {
			add(n, a, false, true)
		}
		for _, a := range o.Slugs {
			add(n, a, true, false)
		}
	}
	r.fuzzy = map[rune][]fuzzyKey{}
	keys := make([]string, 0, len(r.alias))
	for k := range r.alias {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		info := r.alias[k]
		if info.acronym || info.ambiguous || !fuzzyEligible(k) || r.Kind(info.canon) == Generic {
			continue
		}
		rs := []rune(k)
		r.fuzzy[rs[0]] = append(r.fuzzy[rs[0]], fuzzyKey{key: rs, info: info})
	}
}

// tokenizers are reused: Resolve runs for every candidate name of every
// article, and a new Tokenizer builds a case folder each time.
var tokenizers = sync.Pool{New: func() any { return shingle.NewTokenizer() }}

// normalize folds a name the way matching folds words, drops a leading
// "the", and joins the words with single spaces.
func normalize(name string) string {
	if workHook != nil {
		workHook(len(name))
	}
	tz := tokenizers.Get().(*shingle.Tokenizer)
	defer tokenizers.Put(tz)
	toks := tz.Tokenize(name)
	var b strings.Builder
	n := 0
	for i, t := range toks.Tokens {
		w := tz.Normalize(name[t.Start:t.End])
		if i == 0 && w == "the" && len(toks.Tokens) > 1 {
			continue
		}
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		n++
	}
	return b.String()
}

// letters returns the letters of s.
func letters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// acronymLike reports whether a name is an acronym: at most four letters
// in any script, or two or more words of at most three letters each (an
// acronym spelled out: «أ ف ب», «بی بی سی», «این این آئی»).
func acronymLike(s string) bool {
	if utf8.RuneCountInString(letters(s)) <= 4 {
		return true
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) })
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if utf8.RuneCountInString(w) > 3 {
			return false
		}
	}
	return true
}

// latinAcronym reports whether s is an acronym written in Latin letters.
func latinAcronym(s string) bool {
	l := letters(s)
	if l == "" || utf8.RuneCountInString(l) > 4 {
		return false
	}
	for _, r := range l {
		if !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// fuzzyEligible reports whether a normalised name may be matched within
// an edit distance: seven letters or more, and no word of one to three
// letters (in "ap news" one edit is a different outlet).
func fuzzyEligible(k string) bool {
	total, word := 0, 0
	for _, r := range k {
		switch {
		case r == ' ':
			if word > 0 && word <= 3 {
				return false
			}
			word = 0
		case unicode.IsLetter(r):
			total++
			word++
		default:
			word++
		}
	}
	return total >= minFuzzyLetters && (word == 0 || word > 3)
}

const (
	// minFuzzyLetters: shorter names are too close to other words for an
	// edit to be a typo: KUNA, SANA, MENA; "Antara" is one letter from
	// "Ankara", "Reuter" a surname.
	minFuzzyLetters = 7
	// longName: from this many runes two edits are allowed, below one.
	// One edit is a typo, a transposition ("Reutres") or an inflection
	// ("Интерфакса").
	longName = 12
)

// Lookup returns the registry entry with this canonical name.
func (r *Registry) Lookup(canonical string) (*Outlet, bool) {
	o, ok := r.outlets[canonical]
	return o, ok
}

// Resolve returns the canonical name of an outlet name and whether the
// registry knows it; unknown names come back trimmed, as written. It is
// meant for names given as outlets (a record's outlet field, a user's
// list): it ignores case and knows slugs ("was", "alriyadh") and
// ambiguous aliases. Names found in a text go through ResolveMention.
func (r *Registry) Resolve(name string) (string, bool) {
	return r.resolve(name, resolveLoose)
}

// ResolveMention resolves a name as written in a text or a byline, with
// the precision rules of extraction: a Latin acronym must be written in
// the registry's case ("AP", "dpa"; "ap" and "was" are words), slugs are
// not names, and ambiguous aliases («الشرق الأوسط», "Online") need a
// tag, quotes or an outlet word, which a bare name does not have.
func (r *Registry) ResolveMention(name string) (string, bool) {
	return r.resolve(name, resolveText)
}

type resolveMode uint8

const (
	resolveLoose resolveMode = iota // outlet fields: any case, slugs
	resolveText                     // a bare name in running text
	resolveNamed                    // a name marked as one: tag, quotes, outlet word
)

func (r *Registry) resolve(name string, mode resolveMode) (string, bool) {
	name = strings.TrimSpace(name)
	info := r.lookup(name, mode)
	if info == nil {
		return name, false
	}
	return info.canon, true
}

func (r *Registry) lookup(name string, mode resolveMode) *aliasInfo {
	k := normalize(name)
	if k == "" {
		return nil
	}
	if info := r.exact(k, name, mode); info != nil {
		return info
	}
	if host, ok := hostOf(name); ok {
		return r.domain(host)
	}
	for _, suf := range []string{" news agency", " agency", " news"} {
		if s := strings.TrimSuffix(k, suf); s != k {
			if info := r.exact(s, name, mode); info != nil {
				return info
			}
		}
	}
	return r.nearest(k, name, mode)
}

// domain resolves a host by the registry's slugs, then its parent
// domains: "arabic.rt.com", then "rt.com". A web address names its site
// in a text as in a record's field, and is never a word.
func (r *Registry) domain(host string) *aliasInfo {
	for {
		if info := r.alias[normalize(host)]; info != nil {
			return info
		}
		i := strings.IndexByte(host, '.')
		if i < 0 || !strings.Contains(host[i+1:], ".") {
			return nil // not down to a top-level domain
		}
		host = host[i+1:]
	}
}

// Host returns the host, in lower case and without "www.", of a name
// written as a web address, and whether it is one (see hostOf).
func Host(name string) (string, bool) { return hostOf(name) }

// hostOf returns the host, in lower case and without "www.", of a name
// written as a web address: "RT.com", "www.rt.com",
// "https://www.rt.com/news/1". "U.S." and «أ.ف.ب» are not addresses: the
// labels are ASCII letters, digits and hyphens, the last
// only letters.
func hostOf(name string) (string, bool) {
	s := strings.ToLower(strings.TrimSpace(name))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:] // user@host
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[:i] // host:port
	}
	s = strings.TrimPrefix(s, "www.")
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return "", false
	}
	for _, l := range labels {
		if l == "" || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return "", false
		}
	}
	tld := labels[len(labels)-1]
	if len(tld) < 2 || len(tld) > 24 || strings.Trim(tld, "abcdefghijklmnopqrstuvwxyz") != "" {
		return "", false
	}
	return s, true
}

// exact returns the entry of a normalised alias if the mode admits it.
func (r *Registry) exact(k, raw string, mode resolveMode) *aliasInfo {
	info := r.alias[k]
	if info == nil || mode == resolveLoose {
		return info
	}
	switch {
	case info.slug:
		return nil
	case info.ambiguous && mode != resolveNamed:
		return nil
	case info.cased != nil && !casedOK(raw, info.cased):
		return nil
	case info.capital && info.cased == nil && lowerStart(raw):
		return nil
	}
	return info
}

// lowerStart reports whether a name starts with a lower-case letter,
// after an article.
func lowerStart(raw string) bool {
	raw = cleanName(raw)
	r, _ := utf8.DecodeRuneInString(raw)
	return unicode.IsLower(r)
}

func isArabicScript(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 0x0600 && r <= 0x06FF
}

// casedOK reports whether the letters of raw begin with one of the
// registry's spellings of an acronym.
func casedOK(raw string, cased []string) bool {
	l := letters(raw)
	for _, c := range cased {
		if strings.HasPrefix(l, c) {
			return true
		}
	}
	return false
}

// nearest returns the one alias within the edit limit of k, if there is
// exactly one outlet at the smallest distance. Fuzzy matching is for
// typos and inflections of long names in Latin and Cyrillic script
// (none in Arabic script): it needs seven letters or more, no
// acronym on either side, the same first letter, and a name that is not
// a truncation of the alias ("Reuter", a person, is not Reuters) nor the
// alias followed by more words ("Sputnik V" is a vaccine).
func (r *Registry) nearest(k, raw string, mode resolveMode) *aliasInfo {
	if !fuzzyEligible(k) {
		return nil
	}
	rs := []rune(k)
	if isArabicScript(k) {
		// Arabic names one letter apart are other names: «الجريدة» is
		// not «الجزيرة». Spelling variants are folded by normalize or
		// listed as aliases.
		return nil
	}
	limit := 1
	if len(rs) >= longName {
		limit = 2
	}
	var best *aliasInfo
	bestD, tie := limit+1, false
	for _, fk := range r.fuzzy[rs[0]] {
		if d := len(fk.key) - len(rs); d > limit || -d > limit {
			continue
		}
		if mode != resolveLoose && (fk.info.slug || fk.info.capital && lowerStart(raw)) {
			continue
		}
		if truncation(rs, fk.key) {
			continue
		}
		d := levenshtein.ComputeDistance(k, string(fk.key))
		if d == 2 && swapped(rs, fk.key) {
			d = 1 // a typo swapping two letters is one edit
		}
		if d == 0 || d > limit {
			continue // the exact match was refused, or too far
		}
		switch {
		case d < bestD:
			best, bestD, tie = fk.info, d, false
		case d == bestD && best != nil && fk.info.canon != best.canon:
			tie = true
		}
	}
	if best == nil || tie {
		return nil
	}
	return best
}

// truncation reports whether name is a proper prefix of key, or key
// followed by a space and more.
func truncation(name, key []rune) bool {
	short, long := name, key
	if len(short) > len(long) {
		short, long = long, short
	}
	for i := range short {
		if short[i] != long[i] {
			return false
		}
	}
	if len(name) < len(key) {
		return true
	}
	return len(name) > len(key) && name[len(key)] == ' '
}

// swapped reports whether a and b differ by two adjacent letters swapped.
func swapped(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i+1 >= len(a) || a[i] != b[i+1] || a[i+1] != b[i] {
		return false
	}
	for j := i + 2; j < len(a); j++ {
		if a[j] != b[j] {
			return false
		}
	}
	return true
}

// Kind returns the kind of a canonical name, or "" when it is unknown.
func (r *Registry) Kind(canonical string) Kind {
	if o, ok := r.outlets[canonical]; ok {
		return o.Kind
	}
	return ""
}
