package credit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are texts in the shapes Extract reads, and broken ones.
var fuzzSeeds = []string{
	"MOSCOW (Sputnik) - Russia said on Monday.",
	"LONDON, Nov 28 (Reuters) - Oil rose.\nSource: QNA\nRelated GMT 10:22 2016\nAll rights reserved ©",
	"According to Xinhua News Agency, the talks will resume.",
	"The talks end.\n— Anadolu Agency\nRelated headline one\nRelated headline two",
	"الرياض - واس: أكد وزير المالية\nالمصدر: قنا",
	"وقال مدير الفرع لـ\"واس\" إن العمل بدأ ووفقا لـ«واس» فإن",
	"مكة المكرمة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\nاستقبل\n // انتهى //",
	"اسلام آباد (اے پی پی) وزیراعظم نے کہا\nاے پی پی کے مطابق",
	"МОСКВА, 28 ноя — РИА Новости. По данным Интерфакса, /ТАСС/",
	"selon l'AFP, según EFE, laut dpa, Anadolu Ajansı'nın haberine göre",
	"(((((", "))))", "//", "—", "- ", "(a)", "«»", "لـ", "ل", "و", "وفقا ل", "göre", "'göre",
	"Source:", "Source: ", "By ", "\n\n\n", "\xff\xfe(\xff)", "(\xd8)", "ذكرت\xd8",
	strings.Repeat("(AFP) ", 100),
	strings.Repeat("وذكرت وكالة ", 50),
}

func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	r := DefaultRegistry()
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Count(text, "\n") + 1
		for _, m := range r.Extract(text) {
			if m.Line < 1 || m.Line > lines {
				t.Fatalf("%+v: line outside 1..%d", m, lines)
			}
			checkMention(t, r, m)
			if m.Where != InText {
				t.Fatalf("%+v: text mention not in text", m)
			}
		}
	})
}

func FuzzExtractMeta(f *testing.F) {
	for _, s := range []string{"الرياض - واس", "By Jane Roe, Reuters", "Doha (QNA)", "https://www.reuters.com/x", "arabic.rt.com",
		"(اے پی پی)", "«الاقتصادية» من الرياض", "http://", "://", "-", "((", "\xff", "a.b", "By", "و و و"} {
		f.Add("author", s)
		f.Add("source", s)
	}
	r := DefaultRegistry()
	f.Fuzz(func(t *testing.T, field, value string) {
		if field == "" || field == InText {
			return
		}
		for _, m := range r.ExtractMeta(Meta{Field: field, Value: value}) {
			if m.Line != 0 {
				t.Fatalf("%+v: metadata mention with a line", m)
			}
			if m.Where != field {
				t.Fatalf("%+v: Where is not the field %q", m, field)
			}
			if !m.Known {
				t.Fatalf("%+v: an unknown name in metadata", m)
			}
			checkMention(t, r, m)
		}
	})
}

func checkMention(t *testing.T, r *Registry, m Mention) {
	t.Helper()
	switch {
	case m.Outlet == "" || m.Name == "":
		t.Fatalf("%+v: empty outlet or name", m)
	case m.Where == "":
		t.Fatalf("%+v: Where not set", m)
	case m.Credit && (m.Kind == Generic || m.Kind == Organization):
		t.Fatalf("%+v: a %s is never a credit", m, m.Kind)
	case m.Known && r.Kind(m.Outlet) != m.Kind:
		t.Fatalf("%+v: kind %q, registry says %q", m, m.Kind, r.Kind(m.Outlet))
	case !m.Known && m.Kind != "":
		t.Fatalf("%+v: unknown with a kind", m)
	case !utf8.ValidString(m.Outlet):
		t.Fatalf("%+v: invalid UTF-8 outlet", m)
	case m.Form == "":
		t.Fatalf("%+v: no form", m)
	}
}
