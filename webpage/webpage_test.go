package webpage

import (
	"os"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"path/filepath"
	"strings"
	"testing"
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
