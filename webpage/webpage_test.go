package webpage

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func readFixture(t *testing.T, name string) *Page {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "web", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := Read(f, "", "")
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

func TestPages(t *testing.T) {
	tests := []struct {
		file                             string
		title, outlet, published, author string
		url                              string
		contains, excludes               []string
		fallback                         bool
	}{
		{file: "en-utf8.html", title: "Crane collapse closes northern basin", outlet: "Gulf Post",
			published: "2024-06-01T10:30:00+04:00", author: "Sara Haddad",
			url:      "https://www.gulfpost.example/news/2024/06/01/crane-collapse",
			contains: []string{"The harbour authority closed the northern basin", "an investigation had been opened"},
			excludes: []string{"Business", "Port expansion approved", "All rights reserved", "do not read me"}},
		{file: "ar-1256.html", title: "اعتماد الميزانية العامة", outlet: "alyaum.example",
			published: "2015-07-21T08:15:00+03:00", url: "https://www.alyaum.example/article/3051234",
			contains: []string{"أعلنت وزارة المالية اليوم اعتماد الميزانية", "لتحسين كفاءة الإنفاق العام"},
			excludes: []string{"محليات", "افتتاح معرض الكتاب", "جميع الحقوق محفوظة"}},
		{file: "ru-1251.html", title: "Переговоры продолжатся в Женеве", outlet: "Вести Недели",
			published: "2016-11-29T12:00:00+03:00",
			contains:  []string{"Министр иностранных дел России заявил во вторник", "в ближайшие дни"},
			excludes:  []string{"Политика", "Курс рубля вырос", "все права защищены"}},
		{file: "ru-koi8.html", title: "Наблюдатели получат доступ", outlet: "Новости Севера",
			contains: []string{"стороны договорились об обмене пленными"},
			excludes: []string{"Открыт новый мост", "Регион"}},
		{file: "short.html", title: "Brief",
			contains: []string{"Rail workers will strike on Monday"}, excludes: []string{"Brief News"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			p := readFixture(t, tc.file)
			for _, f := range []struct{ name, got, want string }{
				{"title", p.Title, tc.title}, {"outlet", p.Outlet, tc.outlet}, {"published", p.Published, tc.published},
				{"author", p.Author, tc.author}, {"url", p.URL, tc.url},
			} {
				if f.got != f.want {
					t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
				}
			}
			for _, s := range tc.contains {
				if !strings.Contains(p.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, p.Text)
				}
			}
			for _, s := range tc.excludes {
				if strings.Contains(p.Text, s) {
					t.Errorf("text contains boilerplate %q:\n%s", s, p.Text)
				}
			}
			if p.Fallback != tc.fallback {
				t.Errorf("fallback = %v", p.Fallback)
			}
		})
	}
}

func TestHeaderCharsetWins(t *testing.T) {
	// The HTTP header names the charset; the bytes are windows-1251.
	raw := []byte("<html><body><article><p>" + strings.Repeat("\xcf\xf0\xe8\xe2\xe5\xf2 ", 40) + "</p></article></body></html>")
	p, err := Read(strings.NewReader(string(raw)), "text/html; charset=windows-1251", "https://news.example/a")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "Привет") {
		t.Errorf("text = %q", p.Text[:min(len(p.Text), 80)])
	}
	if p.Outlet != "news.example" {
		t.Errorf("outlet = %q", p.Outlet)
	}
}

func TestBodyTextFallback(t *testing.T) {
	doc := `<html><body><header>Site menu</header><nav>Home</nav><div>First line of the page.</div>` +
		`<div>Second <b>line</b> here.</div><aside>Related</aside><footer>Footer text</footer><script>x()</script></body></html>`
	n, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := bodyText(find(n, atom.Body))
	if want := "First line of the page.\nSecond line here."; got != want {
		t.Errorf("bodyText = %q, want %q", got, want)
	}
}

// TestBylinesAndSources reads the byline and source metadata of the
// fixtures: what the page tells its reader about who wrote it and where it
// came from, without the bylines of related stories, comments or the
// site's footer.
func TestBylinesAndSources(t *testing.T) {
	tests := []struct {
		file                                     string
		authors, authorURLs, sources, sourceURLs []string
		published                                string
	}{
		// Nothing new on the pages of before: the author alone.
		{file: "en-utf8.html", authors: []string{"Sara Haddad"}, published: "2024-06-01T10:30:00+04:00"},
		{file: "ar-1256.html", published: "2015-07-21T08:15:00+03:00"},
		{file: "short.html"},
		// meta author, article:author as a profile URL, JSON-LD Person and
		// sourceOrganization, original-source, a byline with rel=author, a
		// dateline; syndication-source is the page itself and is dropped.
		{file: "en-bylines.html",
			authors:    []string{"Jane Roe", "By Jane Roe, Reuters", "GENEVA (Reuters) -"},
			authorURLs: []string{"https://www.facebook.com/jane.roe", "https://www.harbourtimes.example/authors/jane-roe"},
			sources:    []string{"reuters.com", "Reuters"},
			sourceURLs: []string{"https://www.reuters.com/world/ceasefire-talks-2024-06-01/", "https://www.reuters.com"},
			published:  "2024-06-01T09:00:00Z"},
		// windows-1256: a class author-name byline, <link rel=original-source>,
		// an Arabic sourceOrganization.
		{file: "ar-source-1256.html",
			authors:    []string{"محمد العلي", "بقلم: محمد العلي"},
			sources:    []string{"spa.gov.sa", "وكالة الأنباء السعودية"},
			sourceURLs: []string{"https://www.spa.gov.sa/1234567", "https://www.spa.gov.sa/"},
			published:  "2015-08-10T09:00:00+03:00"},
		// The agency byline of SaudiNewsNet's and Qatari papers' copy.
		{file: "ar-qna.html", authors: []string{"الدوحة - قنا"}},
		// JSON-LD author array (an @id reference into the @graph, an
		// Organization, a string), isBasedOn as a URL and as a work with a
		// publisher (its long name is a title, not a source), a byline in the
		// article's own <footer>; article:author is a profile URL.
		{file: "en-ldarray.html",
			authors:    []string{"Lina Karam", "Agence France-Presse", "Omar Said", "Reporting by Omar Said"},
			authorURLs: []string{"https://www.facebook.com/citywire", "https://citywire.example/staff/lina"},
			sources:    []string{"afp.com", "AFP"},
			sourceURLs: []string{"https://www.afp.com/en/news/2024/story-123", "https://www.afp.com"},
			published:  "2024-03-12T14:00:00+01:00"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			p := readFixture(t, tc.file)
			for _, f := range []struct {
				name      string
				got, want []string
			}{
				{"Authors", p.Authors, tc.authors}, {"AuthorURLs", p.AuthorURLs, tc.authorURLs},
				{"Sources", p.Sources, tc.sources}, {"SourceURLs", p.SourceURLs, tc.sourceURLs},
			} {
				if !slices.Equal(f.got, f.want) {
					t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
				}
			}
			if want := firstNonEmpty(append(slices.Clone(tc.authors), "")...); p.Author != want {
				t.Errorf("Author = %q, want %q", p.Author, want)
			}
			if p.Published != tc.published {
				t.Errorf("Published = %q, want %q", p.Published, tc.published)
			}
			// Bylines of other stories, comments and the site are not the
			// article's.
			for _, v := range slices.Concat(p.Authors, p.Sources) {
				for _, other := range []string{"AFP", "Sputnik", "TASS", "Xinhua", "Reuters Digital", "واس", "رويترز"} {
					if strings.Contains(v, other) && !slices.Contains(tc.authors, v) && !slices.Contains(tc.sources, v) {
						t.Errorf("%q from another block", v)
					}
				}
			}
			// A profile URL is never a source.
			for _, s := range p.Sources {
				if strings.Contains(s, "facebook") || strings.Contains(s, "/") {
					t.Errorf("source %q", s)
				}
			}
		})
	}
}

func readString(t *testing.T, page, pageURL string) *Page {
	t.Helper()
	p, err := Read(strings.NewReader(page), "text/html; charset=utf-8", pageURL)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const articleHTML = `<article><p>` + "The committee met on Monday and agreed the new budget after a long debate about spending on roads, schools and hospitals in the provinces." + `</p></article>`

func TestMetaBounds(t *testing.T) {
	huge := strings.Repeat("Reuters ", 1<<17) // 1 MB
	t.Run("a 1 MB author field is cut", func(t *testing.T) {
		p := readString(t, `<html><head><meta name="author" content="`+huge+`"></head><body>`+articleHTML+`</body></html>`, "")
		if len(p.Authors) != 1 || utf8.RuneCountInString(p.Authors[0]) > MaxValueLen || !strings.HasPrefix(p.Authors[0], "Reuters Reuters") {
			t.Errorf("authors %d, first %d runes", len(p.Authors), utf8.RuneCountInString(p.Author))
		}
		if strings.HasSuffix(p.Authors[0], " ") {
			t.Errorf("cut value ends in a space")
		}
	})
	t.Run("a 1 MB byline element is not a byline", func(t *testing.T) {
		p := readString(t, `<html><body><div class="byline">`+huge+`</div><span class="author">Jane Roe</span>`+articleHTML+`</body></html>`, "")
		if !slices.Equal(p.Authors, []string{"Jane Roe"}) {
			t.Errorf("authors %.200q", p.Authors)
		}
	})
	t.Run("a 1 MB JSON-LD author and a source name are cut", func(t *testing.T) {
		ld := `{"@type":"NewsArticle","author":{"name":"` + huge + `"},"sourceOrganization":"` + huge + `"}`
		p := readString(t, `<html><head><script type="application/ld+json">`+ld+`</script></head><body>`+articleHTML+`</body></html>`, "")
		if len(p.Authors) != 1 || len(p.Sources) != 1 || utf8.RuneCountInString(p.Authors[0]) > MaxValueLen || utf8.RuneCountInString(p.Sources[0]) > MaxValueLen {
			t.Errorf("authors %d sources %d", len(p.Authors), len(p.Sources))
		}
	})
	t.Run("values are counted", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(`<html><head><script type="application/ld+json">{"author":[`)
		for i := range 1000 {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"name":"Writer ` + strings.Repeat("x", i%50) + string(rune('a'+i%26)) + `","url":"https://w.example/` + string(rune('a'+i%26)) + strings.Repeat("y", i) + `"}`)
		}
		b.WriteString(`],"isBasedOn":[`)
		for i := range 1000 {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`"https://s` + strings.Repeat("z", i%60) + `.example/a"`)
		}
		b.WriteString(`]}</script></head><body>`)
		for range 1000 {
			b.WriteString(`<p class="byline">By someone</p>`)
		}
		b.WriteString(articleHTML + `</body></html>`)
		p := readString(t, b.String(), "")
		for _, l := range [][]string{p.Authors, p.AuthorURLs, p.Sources, p.SourceURLs} {
			if len(l) != MaxValues {
				t.Errorf("%d values, want %d", len(l), MaxValues)
			}
		}
	})
	t.Run("a long source URL keeps its host", func(t *testing.T) {
		long := "https://www.reuters.com/" + strings.Repeat("a", MaxURLLen)
		p := readString(t, `<html><head><meta name="original-source" content="`+long+`"></head><body>`+articleHTML+`</body></html>`, "")
		if !slices.Equal(p.Sources, []string{"reuters.com"}) || len(p.SourceURLs) != 0 {
			t.Errorf("sources %q urls %d", p.Sources, len(p.SourceURLs))
		}
	})
}

func TestMetaSources(t *testing.T) {
	t.Run("a profile URL author is not a source", func(t *testing.T) {
		p := readString(t, `<html><head><meta property="article:author" content="https://www.reuters.com/journalists/jane-roe">`+
			`<meta name="author" content="https://twitter.com/janeroe"></head><body>`+articleHTML+`</body></html>`, "https://news.example/a")
		if len(p.Sources) != 0 || len(p.SourceURLs) != 0 || len(p.Authors) != 0 || p.Author != "" {
			t.Errorf("sources %q urls %q authors %q", p.Sources, p.SourceURLs, p.Authors)
		}
		if want := []string{"https://www.reuters.com/journalists/jane-roe", "https://twitter.com/janeroe"}; !slices.Equal(p.AuthorURLs, want) {
			t.Errorf("author URLs %q", p.AuthorURLs)
		}
	})
	t.Run("the page's own URL and outlet are not sources", func(t *testing.T) {
		p := readString(t, `<html><head><meta property="og:site_name" content="Gulf Post">`+
			`<meta name="syndication-source" content="/news/a">`+
			`<meta name="original-source" content="https://gulfpost.example/news/a">`+
			`<script type="application/ld+json">{"sourceOrganization":[{"name":"Gulf Post"},{"name":"QNA"}]}</script>`+
			`</head><body>`+articleHTML+`</body></html>`, "https://www.gulfpost.example/news/a")
		if !slices.Equal(p.Sources, []string{"QNA"}) || len(p.SourceURLs) != 0 {
			t.Errorf("sources %q urls %q", p.Sources, p.SourceURLs)
		}
	})
	t.Run("forms of isBasedOn and sourceOrganization", func(t *testing.T) {
		ld := `[{"@type":"NewsArticle","isBasedOnUrl":"www.aa.com.tr/en/x","isBasedOn":{"@id":"https://WWW.Xinhuanet.COM:443/e/1"},` +
			`"sourceOrganization":"https://www.kuna.net.kw/"},` +
			`{"@type":"WebPage","isBasedOn":{"@type":"CreativeWork","name":["Sputnik","Спутник"],"author":{"@type":"Organization","name":"Sputnik News"}}}]`
		p := readString(t, `<html><head><script type="application/ld+json">`+ld+`</script></head><body>`+articleHTML+`</body></html>`, "")
		want := []string{"kuna.net.kw", "xinhuanet.com", "aa.com.tr", "Sputnik News", "Sputnik"}
		if !slices.Equal(p.Sources, want) {
			t.Errorf("sources %q, want %q", p.Sources, want)
		}
		if wantURLs := []string{"https://www.kuna.net.kw/", "https://WWW.Xinhuanet.COM:443/e/1", "https://www.aa.com.tr/en/x"}; !slices.Equal(p.SourceURLs, wantURLs) {
			t.Errorf("source URLs %q", p.SourceURLs)
		}
	})
	t.Run("itemprop and rel=author", func(t *testing.T) {
		p := readString(t, `<html><body><article><span itemprop="author">Jane Roe</span>`+
			`<a rel="author noopener" href="/staff/john">John Doe</a><a rel="author" href="/staff/empty"><img src="x.png"></a>`+
			`<meta itemprop="author" content="Ann Lee"><p class="author-bio">Jane covers AP stories.</p>`+
			`<p>The committee met on Monday and agreed the new budget after a long debate about spending on roads and schools.</p>`+
			`</article></body></html>`, "https://news.example/a#top")
		if want := []string{"Ann Lee", "Jane Roe", "John Doe"}; !slices.Equal(p.Authors, want) {
			t.Errorf("authors %q, want %q", p.Authors, want)
		}
		if want := []string{"https://news.example/staff/john", "https://news.example/staff/empty"}; !slices.Equal(p.AuthorURLs, want) {
			t.Errorf("author URLs %q, want %q", p.AuthorURLs, want)
		}
	})
}

func TestBylineElements(t *testing.T) {
	p := readString(t, `<html><body class="single author-jane"><article class="post">`+
		"<div class=\"byline\">\u200f  الرياض\n - \u200fواس\u200f</div>"+
		`<div class="port-authority-notice">Port Authority closed</div><div class="unauthorized">Sputnik</div>`+
		`<p>The committee met on Monday and agreed the new budget.</p></article></body></html>`, "")
	if want := []string{"الرياض - واس"}; !slices.Equal(p.Authors, want) {
		t.Errorf("authors %q, want %q", p.Authors, want)
	}
}

// TestCanonicalElsewhere: a syndicated copy names its original as its
// canonical URL; the original is a source, not the page itself.
func TestCanonicalElsewhere(t *testing.T) {
	head := `<link rel="canonical" href="https://www.reuters.com/x">`
	tests := []struct {
		name, head, pageURL string
		sources, sourceURLs []string
		outlet              string
	}{
		{"original-source is the canonical", head + `<meta name="original-source" content="https://www.reuters.com/x">`,
			"https://www.gulf-times.com/story/1", []string{"reuters.com"}, []string{"https://www.reuters.com/x"}, "gulf-times.com"},
		{"the canonical alone is the original", head, "https://www.gulf-times.com/story/1",
			[]string{"reuters.com"}, []string{"https://www.reuters.com/x"}, "gulf-times.com"},
		{"an original-source says otherwise", head + `<meta name="original-source" content="https://www.afp.com/y">`,
			"https://www.gulf-times.com/story/1", []string{"afp.com"}, []string{"https://www.afp.com/y"}, "gulf-times.com"},
		{"a saved copy named by its site", head + `<meta property="og:site_name" content="Gulf Times">`, "",
			nil, nil, "Gulf Times"},
		{"a saved copy's source on its own site", `<link rel="canonical" href="https://www.gulf-times.com/story/1">` +
			`<meta property="og:site_name" content="Gulf Times"><meta name="original-source" content="https://www.gulf-times.com/story/1">`, "",
			nil, nil, "Gulf Times"},
		{"the canonical on the page's own site", `<link rel="canonical" href="https://www.gulf-times.com/story/1">`,
			"https://m.gulf-times.com/story/1?amp", nil, nil, "gulf-times.com"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := readString(t, `<html><head>`+tc.head+`</head><body>`+articleHTML+`</body></html>`, tc.pageURL)
			if !slices.Equal(p.Sources, tc.sources) || !slices.Equal(p.SourceURLs, tc.sourceURLs) {
				t.Errorf("sources %q urls %q, want %q %q", p.Sources, p.SourceURLs, tc.sources, tc.sourceURLs)
			}
			if p.Outlet != tc.outlet {
				t.Errorf("outlet %q, want %q", p.Outlet, tc.outlet)
			}
		})
	}
}

// TestThemeClasses: a theme's classes on <body>, <main> and <article>
// ("ast-right-sidebar", "comments-open", "has-related-posts") do not make
// the page a sidebar; a class containing an off-article word inside
// another word ("commentary") is not one either.
func TestThemeClasses(t *testing.T) {
	p := readString(t, `<html class="js-comments"><head><meta name="author" content="Ann Lee"></head><body class="ast-right-sidebar comments-open has-related-posts">`+
		`<main class="main-widget-area"><article class="post has-related-posts comments-open">`+
		`<div class="commentary-header"><span class="byline">By Jane Roe</span></div>`+
		`<p>The committee met on Monday and agreed the new budget after a long debate about spending on roads and schools.</p>`+
		`<div class="related-posts"><span class="byline">By Other Writer</span></div>`+
		`<div id="comments"><span class="comment-author">Reader One</span></div>`+
		`<div class="widget_recent"><span class="author">Widget Writer</span></div>`+
		`<div id="jp-relatedposts"><span class="author">Jetpack Writer</span></div>`+
		`</article></main></body></html>`, "")
	if want := []string{"Ann Lee", "By Jane Roe"}; !slices.Equal(p.Authors, want) {
		t.Errorf("authors %q, want %q", p.Authors, want)
	}
}

// TestLDNameURLs: a JSON-LD name that is a URL is routed as a URL: an
// author's to AuthorURLs, never Authors; a source's to SourceURLs with
// its host in Sources.
func TestLDNameURLs(t *testing.T) {
	ld := `{"@type":"NewsArticle","author":[{"name":"https://www.facebook.com/jane.roe"},{"@type":"Person","name":"Omar Said"}],` +
		`"sourceOrganization":{"name":"https://www.reuters.com/"},` +
		`"isBasedOn":{"@type":"CreativeWork","name":"www.afp.com/en/x"}}`
	p := readString(t, `<html><head><script type="application/ld+json">`+ld+`</script></head><body>`+articleHTML+`</body></html>`, "https://news.example/a")
	for _, f := range []struct {
		name      string
		got, want []string
	}{
		{"Authors", p.Authors, []string{"Omar Said"}},
		{"AuthorURLs", p.AuthorURLs, []string{"https://www.facebook.com/jane.roe"}},
		{"Sources", p.Sources, []string{"reuters.com", "afp.com"}},
		{"SourceURLs", p.SourceURLs, []string{"https://www.reuters.com/", "https://www.afp.com/en/x"}},
	} {
		if !slices.Equal(f.got, f.want) {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
}

// TestNestedBylineWhitespace: white space inside nested byline elements is
// not read again by each of them (an 8 MB page took 9 s more): the bytes
// read for bylines are bounded whatever the page holds.
func TestNestedBylineWhitespace(t *testing.T) {
	// 1 MB of white space and marks before a text too long for a byline:
	// each nested element is a container, and its child is tried next.
	ws := strings.Repeat(" \u200f\n", 1<<18)
	page := `<html><body><article>` + strings.Repeat(`<div class="byline">`, maxBylineNodes) + ws + strings.Repeat("x", MaxValueLen+1) +
		strings.Repeat(`</div>`, maxBylineNodes) + `<p>The committee met on Monday.</p></article></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	m := newMetaState(nil)
	m.readBylines(doc)
	if bound := maxBylineNodes * maxBylineBytes; m.scanned > bound {
		t.Errorf("%d bytes read for bylines, bound %d", m.scanned, bound)
	}
}
