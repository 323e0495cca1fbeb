package credit

import (
	"encoding/json"
	"strings"
	"testing"
)

func showMeta(ms []Mention) string {
	var parts []string
	for _, m := range ms {
		kind := "quoted"
		if m.Credit {
			kind = "credit"
		}
		parts = append(parts, m.Outlet+"/"+string(m.Form)+"/"+kind+"@"+m.Where)
	}
	return strings.Join(parts, " ")
}

func TestExtractMeta(t *testing.T) {
	r := DefaultRegistry()
	for _, tc := range []struct {
		field, value, want string
	}{
		// SaudiNewsNet author fields
		{"author", "الرياض - واس", "SPA/byline/credit@author"},
		// Photo credits in a byline credit a picture.
		{"byline", "Jane Roe | Photo: AFP", ""},
		{"byline", "Jane Roe, photos by Reuters", ""},
		{"author", "تصوير : واس", "SPA/byline/credit@author"}, // a photo story: the only credit
		{"byline", "Reuters | Photo: AFP", "Reuters/byline/credit@byline"},
		{"byline", "Jane Roe, Reuters | AP Photo", "Reuters/byline/credit@byline"},
		{"author", "واس - تصوير: أ ف ب", "SPA/byline/credit@author"},
		{"author", "واس - جدة", "SPA/byline/credit@author"},
		{"author", "جدة : واس", "SPA/byline/credit@author"},
		{"author", "الرياض: واس", "SPA/byline/credit@author"},
		{"author", "نجران :م واس", "SPA/byline/credit@author"},
		{"author", "الجزيرة - واس:", "SPA/byline/credit@author"},
		{"author", "\u00a0واس (جدة)", "SPA/byline/credit@author"},
		{"author", "واس- الرياض:", "SPA/byline/credit@author"},
		{"author", "الوئام - رويترز:", "Al Weeam/byline/credit@author Reuters/byline/credit@author"},
		{"author", "الرياض-الوئام:", "Al Weeam/byline/credit@author"},
		{"author", "«الاقتصادية» من الرياض", "Al Eqtisadiya/byline/credit@author"},
		{"author", "\"الاقتصادية\" من الرياض", "Al Eqtisadiya/byline/credit@author"},
		{"author", "الاقتصادية الإلكترونية من الرياض", "Al Eqtisadiya/byline/credit@author"},
		{"author", "لندن: «الشرق الأوسط أونلاين»", "Asharq Al-Awsat/byline/credit@author"},
		{"author", "لندن: «الشرق الأوسط»", "Asharq Al-Awsat/byline/credit@author"},
		{"author", "عبدالله البرقاوي- سبق- الرياض:", "Sabq/byline/credit@author"},
		{"author", "سبق- وكالات:", "Sabq/byline/credit@author Agencies/byline/quoted@author"},
		{"author", "\u00a0عكاظ (الرياض)", "Okaz/byline/credit@author"},
		{"author", "لندن - د ب أ", "DPA/byline/credit@author"},
		{"author", "الوئام - يو بي اي:", "Al Weeam/byline/credit@author UPI/byline/credit@author"},
		{"author", "عين اليوم – واس", "Ain Alyoum/byline/credit@author SPA/byline/credit@author"},
		// A tatweel set as the dash, and AFP as «الفرنسية» or «اف ب».
		{"author", "لندن ـ رويترز:", "Reuters/byline/credit@author"},
		{"author", "زيوريخ ــ الفرنسية:", "AFP/byline/credit@author"},
		{"author", "برشلونة - الفرنسية:", "AFP/byline/credit@author"},
		{"author", "اف ب ـ لشبونة", "AFP/byline/credit@author"},
		{"author", "لندن ـ د. ب. أ:", "DPA/byline/credit@author"},
		{"author", "اليوم ـ الرياض", ""},
		{"author", "الخارجية الفرنسية", ""},
		// Reporters and cities are not mentions; common words are not
		// outlets.
		{"author", "لندن: رنيم حنوش", ""},
		{"author", "اليوم - الدمام", ""},
		{"author", "الرياض: الوطن", ""},
		{"author", "القاهرة - مكتب الجزيرة:", ""},
		{"author", "أبها - عبدالله الهاجري:", ""},
		{"author", "الرياضي", ""},
		{"author", "ثناء اللہ", ""},
		// English and Urdu bylines
		{"byline", "By Jane Roe, Reuters", "Reuters/byline/credit@byline"},
		{"byline", "Reuters staff", "Reuters/byline/credit@byline"},
		{"byline", "Reuters Staff", "Reuters/byline/credit@byline"},
		{"byline", "AFP", "AFP/byline/credit@byline"},
		{"byline", "By AFP | Updated 10:22 GMT", "AFP/byline/credit@byline"},
		{"byline", "Doha (QNA)", "QNA/byline/credit@byline"},
		{"byline", "(اے پی پی)", "APP/byline/credit@byline"},
		{"byline", "APP", "APP/byline/credit@byline"},
		{"byline", "Online", "Online/byline/credit@byline"},
		{"byline", "Online Desk", ""},
		{"byline", "Staff Reporter", ""},
		{"byline", "By Petra Schmidt", ""},
		{"byline", "Agence France-Presse", "AFP/byline/credit@byline"},
		{"byline", "ITAR-TASS", "TASS/byline/credit@byline"},
		{"byline", "Reuters/AFP", "Reuters/byline/credit@byline AFP/byline/credit@byline"},
		{"byline", "Jane Roe and The Associated Press", "AP/byline/credit@byline"},
		{"author", "World Health Organization", ""},
		{"author", "was", ""},
		// Source fields
		{"source", "Reuters", "Reuters/source-field/credit@source"},
		{"source", "https://www.reuters.com/world/article-1", "Reuters/source-field/credit@source"},
		{"source", "arabic.rt.com", "RT/source-field/credit@source"},
		{"sourceOrganization", "Saudi Press Agency", "SPA/source-field/credit@sourceOrganization"},
		{"isBasedOn", "https://www.spa.gov.sa/1234", "SPA/source-field/credit@isBasedOn"},
		{"source", "World Health Organization", "World Health Organization/source-field/quoted@source"},
	} {
		got := showMeta(r.ExtractMeta(Meta{Field: tc.field, Value: tc.value}))
		if got != tc.want {
			t.Errorf("ExtractMeta(%s: %q)\n got %q\nwant %q", tc.field, tc.value, got, tc.want)
		}
	}
}

func TestArticleMeta(t *testing.T) {
	r := DefaultRegistry()
	extra := map[string]json.RawMessage{
		"author": json.RawMessage(`"الرياض - واس"`),
		"source": json.RawMessage(`[{"name": "Reuters"}, "AFP"]`),
		"other":  json.RawMessage(`"QNA"`),
	}
	ms := r.Article("نص الخبر.\nالمصدر: قنا", MetaOf(extra, r.MetaFields()))
	got := showMeta(ms)
	want := "QNA/source-line/credit@text SPA/byline/credit@author Reuters/source-field/credit@source AFP/source-field/credit@source"
	if got != want {
		t.Errorf("Article\n got %q\nwant %q", got, want)
	}
	for _, m := range ms {
		if m.Where != InText && m.Line != 0 {
			t.Errorf("%+v: metadata mention with a line", m)
		}
	}
}
