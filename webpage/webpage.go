// Package webpage turns a saved news page into an article: its main text
// and its metadata.
//
// The bytes are decoded to UTF-8 first (golang.org/x/net/html/charset: the
// Content-Type header, a byte-order mark, <meta charset> or
// http-equiv, then sniffing), so windows-1256, windows-1251, KOI8-R and
// UTF-8 pages read alike. Metadata comes from the page before extraction,
// because extraction rewrites the tree: the title (og:title, then
// <title>), the outlet (og:site_name, then the host of the canonical URL),
// the publication time (article:published_time, JSON-LD datePublished,
// then the first <time datetime>), the author and the canonical URL.
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
	"encoding/json"
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
	Author    string
	URL       string // canonical URL, else the page's own
	Text      string
	Fallback  bool // the main text could not be found: Text is the body text
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
	readMeta(doc, p)
	base, _ := url.Parse(p.URL)
	if base != nil && p.Outlet == "" && base.Host != "" {
		p.Outlet = strings.TrimPrefix(base.Hostname(), "www.")
	}
	if art, err := readability.FromDocument(doc, base); err == nil && art.Node != nil {
		p.Text = blockText(art.Node)
		if p.Title == "" {
			p.Title = art.Title()
		}
		if p.Author == "" {
			p.Author = art.Byline()
		}
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

// readMeta fills the metadata fields from <head> and the page.
func readMeta(doc *html.Node, p *Page) {
	var title, ogTitle, canonical, metaTime, ldTime, timeTag string
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
			switch strings.ToLower(key) {
			case "og:title":
				ogTitle = val
			case "og:site_name":
				p.Outlet = val
			case "article:published_time", "og:article:published_time", "datepublished", "pubdate":
				if metaTime == "" {
					metaTime = val
				}
			case "author", "article:author":
				if p.Author == "" && !strings.HasPrefix(val, "http") {
					p.Author = val
				}
			case "og:url":
				if canonical == "" {
					canonical = val
				}
			}
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") && attr(n, "href") != "" {
				canonical = attr(n, "href")
			}
		case atom.Script:
			if strings.EqualFold(attr(n, "type"), "application/ld+json") && ldTime == "" {
				ldTime = jsonLDDate(textOf(n))
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
}

// jsonLDDate finds datePublished in a JSON-LD block (an object, a list,
// or an @graph).
func jsonLDDate(src string) string {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return ""
	}
	var find func(any) string
	find = func(v any) string {
		switch t := v.(type) {
		case map[string]any:
			if s, ok := t["datePublished"].(string); ok {
				return s
			}
			for _, k := range []string{"@graph", "mainEntity"} {
				if s := find(t[k]); s != "" {
					return s
				}
			}
		case []any:
			for _, e := range t {
				if s := find(e); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return find(v)
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
