// Package webpage turns a saved news page into an article: its main text
// and its metadata.
//
// The bytes are decoded to UTF-8 first (golang.org/x/net/html/charset: the
// Content-Type header, a byte-order mark, <meta charset> or
// http-equiv, then sniffing), so windows-1256, windows-1251, KOI8-R and
// UTF-8 pages read alike. Metadata comes from the page before extraction,
// because extraction rewrites the tree: the title (og:title, then
// <title>), the outlet (og:site_name, then the host the page was fetched
// from, or of its canonical URL when that is on the same site or the
// page's URL is unknown),
// the publication time (article:published_time, JSON-LD datePublished,
// then the first <time datetime>), the canonical URL, and what the page
// tells its reader about who wrote it and where it came from.
//
// Bylines and sources are evidence of credit, so they are read as a
// reader sees them, bounded (MaxValues values of MaxValueLen characters;
// the bytes are untrusted):
//
//   - Authors: <meta name="author">, article:author and the like, JSON-LD
//     author (a name, a Person or Organization, a list of them), and the
//     text of elements marked rel=author, itemprop=author, or with a
//     class or id of byline, author or dateline («الدوحة - قنا»,
//     "LONDON (Reuters) -") outside navigation, asides, the page's footer,
//     related-stories and comment blocks;
//   - AuthorURLs: the URLs among those (article:author is often a
//     profile page): kept, but a profile URL is not an outlet's name, so
//     it is never a source;
//   - Sources: JSON-LD sourceOrganization and isBasedOn (a URL, or a work
//     with a publisher, author, url, or a short name), <meta
//     name="original-source">, <link rel="original-source">, <meta
//     name="syndication-source">, dc.source. A name is kept as written; a
//     URL gives its host without "www." ("reuters.com"), for a registry
//     to match;
//   - SourceURLs: the URLs themselves, apart, because their paths are not
//     names (a slug "afp-reports-…" must not read as a credit).
//
// A source that is the page itself (a syndication-source pointing at its
// own site, a sourceOrganization naming its own outlet) is dropped. The
// page's own site is the one it was fetched from or the one og:site_name
// names, never its canonical URL's: a syndicated copy points its
// canonical URL at the original, which is then a source, unless a
// declared source on another site says otherwise.
//
// The main text is found by go-readability, a maintained port of Mozilla's
// Readability, which scores blocks by text density and drops navigation,
// related links and footers. When it finds nothing, the text of <body>
// without scripts, styles, navigation, headers and footers is used and
// the page is marked as a fallback. Paragraph-like blocks become lines, so
// line-based boilerplate learning still works on extracted text.
package webpage

import (
	"bytes"
	"errors"
	"io"
	"net/url"
	"strings"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Page is what was read from one HTML page.
type Page struct {
	Title     string
	Outlet    string
	Published string // as written in the page
	// Author is the first of Authors, or "".
	Author string
	// Authors are the bylines, author names and datelines the page shows
	// or declares, in page order (meta, JSON-LD, then visible elements):
	// names and lines, never URLs. At most MaxValues, each at most
	// MaxValueLen characters.
	Authors []string
	// AuthorURLs are authors given as URLs (profile pages), absolute,
	// without fragment. At most MaxValues of at most MaxURLLen bytes.
	AuthorURLs []string
	// Sources name where the text came from: organisation and work names
	// as written, and the host of each source URL ("reuters.com"). Bounded
	// as Authors.
	Sources []string
	// SourceURLs are the source URLs (original-source, isBasedOn, …).
	// Bounded as AuthorURLs.
	SourceURLs []string
	URL        string // canonical URL, else the page's own
	Text       string
	Fallback   bool // the main text could not be found: Text is the body text
}

// ErrNoText is returned for a page with no text at all.
var ErrNoText = errors.New("the page has no text")

// Read decodes and extracts one page. contentType is the HTTP
// Content-Type, or "" for a file; pageURL is where the page came from, or
// "" when unknown.
func Read(r io.Reader, contentType, pageURL string) (*Page, error) {
	utf8Reader, err := charset.NewReader(r, contentType)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(utf8Reader)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	p := &Page{URL: pageURL}
	pageBase, _ := url.Parse(pageURL)
	m := newMetaState(pageBase)
	readMeta(doc, p, m)
	// Before readability, which rewrites the tree (and drops the byline).
	m.readBylines(doc)
	base, _ := url.Parse(p.URL)
	if p.Outlet == "" {
		p.Outlet = m.outletHost(base)
	}
	if art, err := readability.FromDocument(doc, base); err == nil && art.Node != nil {
		p.Text = blockText(art.Node)
		if p.Title == "" {
			p.Title = art.Title()
		}
		if len(m.authors.vals) == 0 {
			m.addAuthor(art.Byline())
		}
	}
	m.finish(p)
	if len(p.Authors) > 0 {
		p.Author = p.Authors[0]
	}
	if strings.TrimSpace(p.Text) == "" {
		// Readability rewrites the tree it reads: start again from the bytes.
		if fresh, err := html.Parse(bytes.NewReader(data)); err == nil {
			if body := find(fresh, atom.Body); body != nil {
				p.Text, p.Fallback = bodyText(body), true
			}
		}
	}
	p.Text = strings.TrimSpace(p.Text)
	if p.Text == "" {
		return p, ErrNoText
	}
	return p, nil
}

// bodyText is the text of <body> without headers and footers.
func bodyText(body *html.Node) string {
	var drop []*html.Node
	walk(body, func(n *html.Node) bool {
		if n.DataAtom == atom.Header || n.DataAtom == atom.Footer || n.DataAtom == atom.Aside {
			drop = append(drop, n)
			return false
		}
		return true
	})
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
	return blockText(body)
}

// readMeta fills the metadata fields from <head> and the page, and gives
// the byline and source fields of <meta>, <link> and JSON-LD to m.
func readMeta(doc *html.Node, p *Page, m *metaState) {
	var title, ogTitle, canonical, metaTime, ldTime, timeTag string
	ldBlocks := 0
	walk(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Title:
			if title == "" {
				title = textOf(n)
			}
		case atom.Meta:
			key := attr(n, "property")
			if key == "" {
				key = attr(n, "name")
			}
			val := strings.TrimSpace(attr(n, "content"))
			if key != "" {
				m.readMetaTag(strings.ToLower(key), val)
			} else {
				// Microdata: <meta itemprop="author" content="…">.
				m.readMetaTag(strings.ToLower(attr(n, "itemprop")), val)
			}
			switch strings.ToLower(key) {
			case "og:title":
				ogTitle = val
			case "og:site_name":
				p.Outlet, m.siteName = val, val
			case "article:published_time", "og:article:published_time", "datepublished", "pubdate":
				if metaTime == "" {
					metaTime = val
				}
			case "og:url":
				if canonical == "" {
					canonical = val
				}
			}
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") && attr(n, "href") != "" {
				canonical = attr(n, "href")
				if m.base == nil || m.base.Host == "" {
					// Relative links of a saved file resolve against it.
					m.base, _ = url.Parse(canonical)
				}
			}
			m.readLink(n)
		case atom.Script:
			if strings.EqualFold(attr(n, "type"), "application/ld+json") && ldBlocks < maxLDBlocks {
				ldBlocks++
				if d := m.readJSONLD(textOf(n)); ldTime == "" {
					ldTime = d
				}
			}
		case atom.Time:
			if timeTag == "" {
				timeTag = attr(n, "datetime")
			}
		}
		return true
	})
	p.Title = firstNonEmpty(ogTitle, title)
	p.Published = firstNonEmpty(metaTime, ldTime, timeTag)
	if canonical != "" {
		p.URL = canonical
	}
	m.canonical = canonical
}

// blockElements end a line in extracted text.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Tr: true, atom.Section: true,
	atom.Article: true, atom.Header: true, atom.Footer: true, atom.Pre: true, atom.Figcaption: true, atom.Dd: true, atom.Dt: true,
}

// skipped elements carry no article text.
var skipped = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true,
	atom.Template: true, atom.Iframe: true, atom.Svg: true, atom.Form: true, atom.Button: true}

// blockText renders a subtree as text, one line per block element, with
// runs of spaces collapsed.
func blockText(root *html.Node) string {
	var b strings.Builder
	var rec func(n *html.Node)
	rec = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
		if n.Type == html.ElementNode && blockElements[n.DataAtom] {
			b.WriteByte('\n')
		}
	}
	rec(root)
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func walk(n *html.Node, fn func(*html.Node) bool) {
	if n.Type == html.ElementNode && !fn(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func find(n *html.Node, a atom.Atom) *html.Node {
	var found *html.Node
	walk(n, func(m *html.Node) bool {
		if found == nil && m.DataAtom == a {
			found = m
		}
		return found == nil
	})
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.TrimSpace(b.String())
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
