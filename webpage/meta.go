package webpage

import (
	"encoding/json"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/publicsuffix"
)

// Bounds on the byline and source metadata of one page: its bytes are
// untrusted, and a page may carry a megabyte in an author field or a
// byline class on every teaser of a listing.
const (
	// MaxValues bounds each of Authors, AuthorURLs, Sources and
	// SourceURLs. Credit metadata reads up to 16 values a field; a page
	// with more than 8 bylines is a listing, not an article.
	MaxValues = 8
	// MaxValueLen bounds a name or byline in characters (runes): a longer
	// field value is cut, and a byline element with more text is a
	// container (an author box, a whole article), not a byline.
	MaxValueLen = 200
	// MaxURLLen bounds a URL in bytes; a longer one is dropped (the host of
	// a source URL is still kept).
	MaxURLLen = 1024
	// maxWorkNameWords bounds the name of a JSON-LD isBasedOn work taken as
	// a source: a work's name is its title, and only a short one ("Qatar
	// News Agency", "Reuters") can be an outlet's name.
	maxWorkNameWords = 4
	// maxLDBlocks and maxLDDepth bound the JSON-LD read: blocks per page,
	// and nesting of @graph, mainEntity and isBasedOn.
	maxLDBlocks = 16
	maxLDDepth  = 4
	// maxBylineNodes bounds the nodes visited for one byline element's
	// text.
	maxBylineNodes = 256
	// maxBylineBytes bounds the text bytes read for one byline element's
	// text, white space and invisible marks included: a byline of
	// MaxValueLen characters of up to 4 bytes, with room for indentation.
	// Nested byline elements rescan their text, so each scan is bounded.
	maxBylineBytes = 4096
)

// valueList is a bounded, de-duplicated list of names or URLs.
type valueList struct {
	vals []string
	seen map[string]bool
	url  bool // values are URLs: bounded by MaxURLLen, compared as written
}

func (l *valueList) full() bool { return len(l.vals) >= MaxValues }

// add appends a value unless it is empty, already there, or the list is
// full. Names have their spaces collapsed and are cut to MaxValueLen
// runes; URLs longer than MaxURLLen are dropped.
func (l *valueList) add(s string) {
	if l.full() {
		return
	}
	var key string
	if l.url {
		s = strings.TrimSpace(s)
		if s == "" || len(s) > MaxURLLen {
			return
		}
		key = s
	} else {
		s = cleanText(s, MaxValueLen)
		if s == "" {
			return
		}
		key = nameKey(s)
	}
	if l.seen == nil {
		l.seen = map[string]bool{}
	}
	if l.seen[key] {
		return
	}
	l.seen[key] = true
	l.vals = append(l.vals, s)
}

// nameKey compares names: case and a leading "By" do not matter, so a
// meta author "Sara Haddad" and a byline "By Sara Haddad" are one value.
func nameKey(s string) string {
	k := strings.ToLower(s)
	if strings.HasPrefix(k, "by ") {
		k = strings.TrimSpace(k[3:])
	}
	return strings.TrimRight(k, " .,:;|-–—")
}

// cleanText collapses runs of white space and control characters to one
// space, drops invisible marks, trims, and cuts the result to limit runes.
// It stops at the limit, so a megabyte value costs little more than a
// short one.
func cleanText(s string, limit int) string {
	var b strings.Builder
	n, space := 0, false
	for _, r := range s {
		if invisible(r) {
			continue
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			if n+1 >= limit {
				break
			}
			b.WriteByte(' ')
			n++
			space = false
		}
		if n >= limit {
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// invisible are the marks that change no name but its bytes: bidi marks
// and embeddings (common around Arabic bylines), zero-width space, byte
// order mark. The zero-width joiner and non-joiner, which spell Persian
// and Urdu words, stay.
func invisible(r rune) bool {
	switch {
	case r == '\u200b', r == '\u200e', r == '\u200f', r == '\u061c', r == '\ufeff',
		r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// metaState collects the byline and source metadata of a page.
type metaState struct {
	authors, authorURLs, sources, sourceURLs valueList
	base                                     *url.URL // the page's URL, for relative links
	scanned                                  int      // text bytes read for bylines, for tests
	// fetched is the URL the page was fetched from, or nil: the only URL
	// known to be the page's own. Its canonical URL is not: a syndicated
	// copy names its original as canonical.
	fetched *url.URL
	// siteName is og:site_name, the page's own name for its outlet;
	// canonical is its rel=canonical (else og:url), as written.
	siteName, canonical string
}

func newMetaState(base *url.URL) *metaState {
	m := &metaState{base: base}
	if base != nil && base.Hostname() != "" {
		m.fetched = base
	}
	m.authorURLs.url, m.sourceURLs.url = true, true
	return m
}

// absURL returns s as an absolute http(s) URL without its fragment, or
// nil. A relative URL is resolved against the page's URL when it is
// known; "www.reuters.com/…" is read as https. A URL longer than
// MaxURLLen is returned (its host is still of use) and dropped by the
// list it is added to.
func (m *metaState) absURL(s string) *url.URL {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if strings.HasPrefix(strings.ToLower(s), "www.") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil
	}
	if !u.IsAbs() && m.base != nil && m.base.Host != "" {
		u = m.base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return nil
	}
	u.Fragment, u.RawFragment = "", ""
	return u
}

// looksLikeURL says whether a field value is a link rather than a name.
func looksLikeURL(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "//") ||
		strings.HasPrefix(l, "www.") || strings.HasPrefix(l, "/")
}

// hostOf returns the host of a URL as a registry would match it: lower
// case, without port, trailing dot or a leading "www." ("reuters.com").
func hostOf(u *url.URL) string {
	h := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	return strings.TrimPrefix(h, "www.")
}

// addAuthor takes an author value: a name goes to Authors, a URL (a
// profile page) to AuthorURLs, never to Sources.
func (m *metaState) addAuthor(s string) {
	if looksLikeURL(s) {
		m.addAuthorURL(s)
		return
	}
	m.authors.add(s)
}

func (m *metaState) addAuthorURL(s string) {
	if u := m.absURL(s); u != nil {
		m.authorURLs.add(u.String())
	}
}

// addSource takes a source value: a name as written, or a URL, kept with
// its host so a registry can match either.
func (m *metaState) addSource(s string) {
	if looksLikeURL(s) {
		m.addSourceURL(s)
		return
	}
	m.sources.add(s)
}

func (m *metaState) addSourceURL(s string) {
	u := m.absURL(s)
	if u == nil {
		return
	}
	m.sources.add(hostOf(u))
	m.sourceURLs.add(u.String())
}

// readMetaTag reads the byline and source fields of one <meta>: key is its
// name, property or itemprop, lower case.
func (m *metaState) readMetaTag(key, val string) {
	switch key {
	case "author", "article:author", "og:article:author", "byline", "dc.creator", "dcterms.creator":
		m.addAuthor(val)
	case "original-source", "syndication-source", "dc.source", "dcterms.source":
		m.addSource(val)
	}
}

// readLink reads <link> and <a> rel values: rel=author gives an author
// URL, rel=original-source a source.
func (m *metaState) readLink(n *html.Node) {
	href := attr(n, "href")
	for _, rel := range strings.Fields(strings.ToLower(attr(n, "rel"))) {
		switch rel {
		case "author":
			m.addAuthorURL(href)
		case "original-source", "syndication-source":
			m.addSourceURL(href)
		}
	}
}

// readJSONLD reads one JSON-LD block: authors, sourceOrganization and
// isBasedOn of its nodes (the block itself, a list, @graph, mainEntity),
// and returns the first datePublished.
func (m *metaState) readJSONLD(src string) (date string) {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return ""
	}
	// Nodes of a @graph refer to each other by @id: an article's author is
	// often {"@id": "#/schema/person/1"}, described elsewhere in the graph.
	ids := map[string]map[string]any{}
	var index func(v any, depth int)
	index = func(v any, depth int) {
		if depth > maxLDDepth {
			return
		}
		switch t := v.(type) {
		case map[string]any:
			if id, ok := t["@id"].(string); ok && len(t) > 1 {
				if _, dup := ids[id]; !dup {
					ids[id] = t
				}
			}
			index(t["@graph"], depth+1)
		case []any:
			for _, e := range t {
				index(e, depth+1)
			}
		}
	}
	index(v, 0)
	resolve := func(v any) any {
		if t, ok := v.(map[string]any); ok && len(t) == 1 {
			if id, ok := t["@id"].(string); ok && ids[id] != nil {
				return ids[id]
			}
		}
		return v
	}
	var node func(v any, depth int)
	node = func(v any, depth int) {
		if depth > maxLDDepth {
			return
		}
		switch t := v.(type) {
		case map[string]any:
			if s, ok := t["datePublished"].(string); ok && date == "" {
				date = s
			}
			m.ldAuthor(t["author"], resolve)
			m.ldOrganization(t["sourceOrganization"], resolve)
			for _, k := range []string{"isBasedOn", "isBasedOnUrl"} {
				m.ldWork(t[k], resolve, 0)
			}
			for _, k := range []string{"@graph", "mainEntity"} {
				node(t[k], depth+1)
			}
		case []any:
			for _, e := range t {
				node(e, depth+1)
			}
		}
	}
	node(v, 0)
	return date
}

// ldName is the name of a JSON-LD node: a string, or the first string of a
// list (a name in several languages).
func ldName(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				return s
			}
		}
	case map[string]any: // {"@value": "…", "@language": "ar"}
		if s, ok := t["@value"].(string); ok {
			return s
		}
	}
	return ""
}

// ldAuthor reads a JSON-LD author: a name or URL, a Person or
// Organization with a name and url, or a list of them.
func (m *metaState) ldAuthor(v any, resolve func(any) any) {
	m.ldParty(v, resolve, 0, m.addAuthor, m.addAuthorURL, func() bool { return m.authors.full() && m.authorURLs.full() })
}

// ldOrganization reads a JSON-LD sourceOrganization (or a work's
// publisher): a name or URL, an Organization with a name and url, or a
// list of them.
func (m *metaState) ldOrganization(v any, resolve func(any) any) {
	m.ldParty(v, resolve, 0, m.addSource, m.addSourceURL, m.sources.full)
}

// ldParty reads who an author or organization is: a string to add, a
// node with a name to add and a url to addURL, or a list of them, read
// until full. add routes a name that is a URL.
func (m *metaState) ldParty(v any, resolve func(any) any, depth int, add, addURL func(string), full func() bool) {
	if depth > 1 {
		return
	}
	switch t := resolve(v).(type) {
	case string:
		add(t)
	case []any:
		for _, e := range t {
			if full() {
				return
			}
			m.ldParty(e, resolve, depth+1, add, addURL, full)
		}
	case map[string]any:
		if name := ldName(t["name"]); name != "" {
			add(name)
		}
		if u, ok := t["url"].(string); ok {
			addURL(u)
		}
	}
}

// ldWork reads a JSON-LD isBasedOn: a URL, or a CreativeWork whose
// publisher, sourceOrganization, author and url say where it came from,
// or a list of them. The work's own name is its title: it is taken only
// when short enough to be an outlet's name.
func (m *metaState) ldWork(v any, resolve func(any) any, depth int) {
	if depth > 1 {
		return
	}
	switch t := resolve(v).(type) {
	case string:
		if looksLikeURL(t) {
			m.addSourceURL(t)
		} else if len(strings.Fields(t)) <= maxWorkNameWords {
			m.sources.add(t)
		}
	case []any:
		for _, e := range t {
			if m.sources.full() {
				return
			}
			m.ldWork(e, resolve, depth+1)
		}
	case map[string]any:
		m.ldOrganization(t["publisher"], resolve)
		m.ldOrganization(t["sourceOrganization"], resolve)
		// The author of the work a page is based on is where its text came
		// from ("author": {"@type": "Organization", "name": "Reuters"}).
		m.ldOrganization(t["author"], resolve)
		if name := ldName(t["name"]); looksLikeURL(name) {
			m.addSourceURL(name)
		} else if name != "" && len(strings.Fields(name)) <= maxWorkNameWords {
			m.sources.add(name)
		}
		u, _ := t["url"].(string)
		if u == "" {
			u, _ = t["@id"].(string)
		}
		if u != "" {
			m.addSourceURL(u)
		}
	}
}

// bylineTokens mark an element whose text is a byline or dateline, in its
// class, id or itemprop.
var bylineTokens = []string{"byline", "dateline", "author", "writtenby"}

// notBylineTokens mark an element about an author that is not the byline
// (a photo, a biography, follow buttons).
var notBylineTokens = []string{"bio", "avatar", "image", "img", "photo", "picture", "follow", "social", "share"}

// offArticleTokens mark a block that is not the article: its bylines
// belong to other stories or to readers' comments. They are matched as
// whole class or id tokens or their leading words ("comments",
// "related-posts", "sidebar_left"), never inside a word ("commentary")
// nor after one ("ast-right-sidebar", a theme's class on <body>).
var offArticleTokens = []string{"related", "comment", "sidebar", "recommend", "widget", "promo", "teaser",
	"newsletter", "popular", "most-read", "mostread", "trending", "more-stories", "relatedposts", "jp-relatedposts"}

// offArticleBlock says whether an element's class or id marks it as a
// block off the article. <html>, <body>, <main> and <article> never are:
// themes put "comments-open" or "has-related-posts" on them.
func offArticleBlock(n *html.Node) bool {
	if notByline[n.DataAtom] {
		return false
	}
	for _, k := range []string{"class", "id"} {
		for _, tok := range strings.Fields(strings.ToLower(attr(n, k))) {
			for _, w := range offArticleTokens {
				if rest, ok := strings.CutPrefix(tok, w); ok {
					rest = strings.TrimPrefix(rest, "s")
					if rest == "" || rest[0] == '-' || rest[0] == '_' {
						return true
					}
				}
			}
		}
	}
	return false
}

// offArticle are elements whose bylines are not the article's.
var offArticle = map[atom.Atom]bool{atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true,
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Iframe: true, atom.Svg: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Head: true}

// hasToken says whether a class, id or other attribute of n has a token
// containing one of words. "author" in "authority" or "authorized" is not
// the word.
func hasToken(n *html.Node, keys []string, words []string) bool {
	for _, k := range keys {
		for _, tok := range strings.Fields(strings.ToLower(attr(n, k))) {
			for _, w := range words {
				if strings.Contains(strings.ReplaceAll(tok, "authori", ""), w) {
					return true
				}
			}
		}
	}
	return false
}

// notByline are elements that are never a byline however they are
// marked: a page whose <body> has a class "author-…" is not one.
var notByline = map[atom.Atom]bool{atom.Html: true, atom.Body: true, atom.Main: true, atom.Article: true}

// isBylineElement says whether an element is marked as a byline, an
// author or a dateline: rel=author, itemprop author/byline/dateline, or a
// class or id with one of those words (and none of notBylineTokens).
func isBylineElement(n *html.Node) bool {
	for _, rel := range strings.Fields(strings.ToLower(attr(n, "rel"))) {
		if rel == "author" {
			return true
		}
	}
	for _, p := range strings.Fields(strings.ToLower(attr(n, "itemprop"))) {
		switch p {
		case "author", "byline", "dateline", "creator":
			return true
		}
	}
	return hasToken(n, []string{"class", "id"}, bylineTokens) && !hasToken(n, []string{"class", "id"}, notBylineTokens)
}

// readBylines adds the text of the page's byline, author and dateline
// elements, in page order, as a reader sees them. An element with more
// than MaxValueLen characters is a container: its own marked elements are
// read instead. Navigation, asides, footers, related-stories and comment
// blocks are left out.
func (m *metaState) readBylines(doc *html.Node) {
	walk(doc, func(n *html.Node) bool {
		if m.authors.full() || offArticleBlock(n) {
			return false
		}
		if offArticle[n.DataAtom] && !(n.DataAtom == atom.Footer && inside(n, atom.Article)) {
			// An article's own <footer> often holds its byline; the page's
			// does not.
			return false
		}
		if n.DataAtom == atom.Meta || n.DataAtom == atom.Link || notByline[n.DataAtom] || !isBylineElement(n) {
			return true
		}
		if n.DataAtom == atom.A {
			m.readLink(n)
		}
		s, ok, scanned := boundedText(n, MaxValueLen)
		m.scanned += scanned
		if ok && s != "" {
			m.addAuthor(s)
			// The profile link of the byline: <a rel="author" href>.
			walk(n, func(a *html.Node) bool {
				if a.DataAtom == atom.A {
					m.readLink(a)
				}
				return true
			})
			return false
		}
		return true
	})
}

// inside says whether n has an ancestor a.
func inside(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
			return true
		}
	}
	return false
}

// boundedText is the text of a subtree with spaces collapsed, or false
// when it has more than limit characters, more than maxBylineBytes bytes
// of text (white space and invisible marks count) or too many nodes to be
// a byline; and the text bytes it read.
func boundedText(root *html.Node, limit int) (string, bool, int) {
	var b strings.Builder
	n, nodes, scanned, space, ok := 0, 0, 0, false, true
	var rec func(*html.Node)
	rec = func(x *html.Node) {
		for c := x.FirstChild; c != nil && ok; c = c.NextSibling {
			if nodes++; nodes > maxBylineNodes {
				ok = false
				return
			}
			switch c.Type {
			case html.TextNode:
				if scanned+len(c.Data) > maxBylineBytes {
					// More text than a byline, however much of it is
					// white space: rejected unread.
					ok = false
					return
				}
				scanned += len(c.Data)
				for _, r := range c.Data {
					if invisible(r) {
						continue
					}
					if unicode.IsSpace(r) || unicode.IsControl(r) {
						space = b.Len() > 0
						continue
					}
					if space {
						b.WriteByte(' ')
						n++
						space = false
					}
					b.WriteRune(r)
					if n++; n > limit {
						ok = false
						return
					}
				}
			case html.ElementNode:
				if skipped[c.DataAtom] {
					continue
				}
				if blockElements[c.DataAtom] {
					space = b.Len() > 0
				}
				rec(c)
				if blockElements[c.DataAtom] {
					space = b.Len() > 0
				}
			}
		}
	}
	rec(root)
	return b.String(), ok && utf8.RuneCountInString(b.String()) <= limit, scanned
}

// siteOf is the registrable domain of a host ("gulf-times.com" for
// m.gulf-times.com), or the host when it has none.
func siteOf(host string) string {
	if s, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return s
	}
	return host
}

// squash is a name or host label in lower case without spaces or
// punctuation: "Gulf Times" and "gulf-times" are both "gulftimes".
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// siteNamed says whether a host is the one og:site_name names: a label
// of the host, its top-level domain apart, is the site's name
// ("harbourtimes.example" for "Harbour Times").
func (m *metaState) siteNamed(host string) bool {
	name := squash(m.siteName)
	if utf8.RuneCountInString(name) < 4 {
		return false
	}
	labels := strings.Split(host, ".")
	for _, l := range labels[:len(labels)-1] {
		if squash(l) == name {
			return true
		}
	}
	return false
}

// ownHost says whether a host is the page's own: on the site the page
// was fetched from, or the one its og:site_name names.
func (m *metaState) ownHost(host string) bool {
	return (m.fetched != nil && siteOf(host) == siteOf(hostOf(m.fetched))) || m.siteNamed(host)
}

// outletHost is the host that names the page's outlet when it has no
// og:site_name: the host it was fetched from, or its canonical URL's when
// it is on the same site or the page's URL is unknown (a saved file).
func (m *metaState) outletHost(canonical *url.URL) string {
	if canonical != nil && canonical.Hostname() != "" && (m.fetched == nil || m.ownHost(hostOf(canonical))) {
		return strings.TrimPrefix(canonical.Hostname(), "www.")
	}
	if m.fetched != nil {
		return strings.TrimPrefix(m.fetched.Hostname(), "www.")
	}
	return ""
}

// finish drops the sources that are the page itself (an original-source
// or syndication-source on its own site, a sourceOrganization that is its
// own outlet) and fills the Page. Only the URL the page was fetched from
// and og:site_name say what the page's own site is; the canonical URL
// does not, since a syndicated copy points it at the original. When the
// page's own site is known and the canonical URL is on another one, the
// canonical URL is a source too, unless a declared source URL on a third
// site says otherwise.
func (m *metaState) finish(p *Page) {
	if u := m.absURL(m.canonical); u != nil && (m.fetched != nil || m.siteNamed(hostOf(u))) && !m.ownHost(hostOf(u)) {
		other := false
		for _, s := range m.sourceURLs.vals {
			if v, err := url.Parse(s); err == nil && !m.ownHost(hostOf(v)) && siteOf(hostOf(v)) != siteOf(hostOf(u)) {
				other = true
			}
		}
		if !other {
			m.addSourceURL(u.String())
		}
	}
	for _, s := range m.sources.vals {
		if m.siteName != "" && nameKey(s) == nameKey(m.siteName) {
			continue
		}
		if strings.Contains(s, ".") && !strings.ContainsFunc(s, unicode.IsSpace) && m.ownHost(strings.ToLower(s)) {
			continue // a source URL's host
		}
		p.Sources = append(p.Sources, s)
	}
	for _, s := range m.sourceURLs.vals {
		if u, err := url.Parse(s); err == nil && !m.ownHost(hostOf(u)) {
			p.SourceURLs = append(p.SourceURLs, s)
		}
	}
	p.Authors = m.authors.vals
	p.AuthorURLs = m.authorURLs.vals
}
