package credit

import (
	"fmt"
	"strings"
	"testing"
)

func show(ms []Mention) string {
	var parts []string
	for _, m := range ms {
		kind := "quoted"
		if m.Credit {
			kind = "credit"
		}
		parts = append(parts, fmt.Sprintf("%s/%s/%s", m.Outlet, m.Form, kind))
	}
	return strings.Join(parts, " ")
}

func TestExtract(t *testing.T) {
	r := DefaultRegistry()
	tests := []struct {
		name, text, want string
	}{
		// English
		{"source line", "Body text.\nSource: QNA", "QNA/source-line/credit"},
		{"source line two names", "Body.\nSources: Reuters / AFP", "Reuters/source-line/credit AFP/source-line/credit"},
		{"dateline", "MOSCOW (Sputnik) - Russia said on Monday.", "Sputnik/dateline/credit"},
		{"dateline with date", "LONDON, Nov 28 (Reuters) - Oil rose.", "Reuters/dateline/credit"},
		{"wire tag", "(AP) — The storm hit.", "AP/wire-tag/credit"},
		{"reported", "The deal was signed on Monday, Xinhua reported.", "Xinhua/reported/credit"},
		{"according to", "Ten people died, according to Anadolu Agency.", "Anadolu/according-to/credit"},
		{"closing dash", "The talks end today.\n— Reuters", "Reuters/closing-dash/credit"},
		{"first published", "This article was first published by Arabs Today.", "Arabs Today/first-published/credit"},
		{"agency quoted", "no agreement, (Sputnik) news agency quoted Ryabkov as saying.", "Sputnik/agency-quoted/credit"},
		{"quoted newspaper is no credit", "Earlier, the Washington Post quoted officials. The Washington Post reported that talks stalled.", "Washington Post/reported/quoted"},
		{"according to a newspaper is no credit", "Kerry met Lavrov, according to the New York Times.", "New York Times/according-to/quoted"},
		{"fuzzy name", "Body.\nSource: Reuetrs", "Reuters/source-line/credit"},
		{"unknown kept as written", "Body.\nSource: Gulf Daily Courier", "Gulf Daily Courier/source-line/credit"},
		// Arabic
		{"arabic source line", "نص الخبر.\nالمصدر: قنا", "QNA/source-line/credit"},
		{"arabic wire tag", "الرياض (واس) أكد وزير المالية", "SPA/dateline/credit"},
		{"arabic dash dateline", "الدوحة - قنا: أعلن مجلس الوزراء", "QNA/dateline/credit"},
		{"arabic agencies", "عواصم - وكالات: تواصلت المعارك", "Agencies/dateline/quoted"},
		{"arabic reported", "وقالت وكالة رويترز إن الأسعار ارتفعت", "Reuters/reported/credit"},
		{"arabic according to", "ارتفعت الأسعار بحسب وكالة الأنباء الكويتية", "KUNA/according-to/credit"},
		{"arabic according to quoted", "وحسب «واس» أشار التقرير", "SPA/according-to/credit"},
		{"arabic agency before city", "واس- جدة:\u00a0التقى صاحب السمو", "SPA/dateline/credit"},
		{"arabic own line tag", "نص الخبر.\n(واس)", "SPA/wire-tag/credit"},
		// Russian
		{"russian source line", "Текст.\nИсточник: ТАСС", "TASS/source-line/credit"},
		{"russian reported", "Переговоры продолжатся, сообщает РИА Новости.", "RIA Novosti/reported/credit"},
		{"russian slash tag", "МОСКВА, 28 ноября. /ТАСС/. Переговоры", "TASS/dateline/credit"},
		// Urdu
		{"urdu wire tag", "اسلام آباد (اے پی پی) وزیراعظم نے کہا", "APP/dateline/credit"},
		// Nothing
		{"no credit", "Ryabkov told reporters the talks went well.", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := show(r.Extract(tc.text)); got != tc.want {
				t.Errorf("Extract(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	r := DefaultRegistry()
	tests := []struct {
		in, want string
		known    bool
	}{
		{"QNA", "QNA", true},
		{"Qatar News Agency", "QNA", true},
		{"قنا", "QNA", true},
		{"Спутник", "Sputnik", true},
		{"سبوتنيك", "Sputnik", true},
		{"ТАСС", "TASS", true},
		{"تاس", "TASS", true},
		{"رويترز", "Reuters", true},
		{"أ ف ب", "AFP", true},
		{"شينخوا", "Xinhua", true},
		{"新华社", "Xinhua", true},
		{"الأناضول", "Anadolu", true},
		{"وام", "WAM", true},
		{"كونا", "KUNA", true},
		{"بنا", "BNA", true},
		{"أ ش أ", "MENA", true},
		{"إرنا", "IRNA", true},
		{"اے پی پی", "APP", true},
		{"واس", "SPA", true},
		{"the Associated Press", "AP", true},
		{"Reutres", "Reuters", true},         // a transposition is 1 edit (optimal string alignment)
		{"Xinhau", "Xinhau", false},          // 2 edits at 6 letters is too many
		{"Sputnick", "Sputnik", true},        // 1 edit
		{"Anadolu Agencyy", "Anadolu", true}, // 1 edit
		{"ABC", "ABC", false},                // too short for fuzzy
		{"Daily Planet", "Daily Planet", false},
	}
	for _, tc := range tests {
		got, known := r.Resolve(tc.in)
		if got != tc.want || known != tc.known {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tc.in, got, known, tc.want, tc.known)
		}
	}
}

func TestExtendRegistry(t *testing.T) {
	r := DefaultRegistry()
	err := r.Extend(strings.NewReader("outlets:\n  - name: Gulf Courier\n    kind: publisher\n    aliases: [GC Daily]\n  - name: QNA\n    kind: agency\n    aliases: [Q-News]\n"), "mine.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := r.Resolve("GC Daily"); got != "Gulf Courier" {
		t.Errorf("added alias resolves to %q", got)
	}
	if got, _ := r.Resolve("Q-News"); got != "QNA" {
		t.Errorf("override alias resolves to %q", got)
	}
	if _, known := r.Resolve("قنا"); known {
		t.Errorf("an override replaces the shipped aliases")
	}
	err = r.Extend(strings.NewReader("outlets:\n  - name: X\n    kind: blog\n"), "bad.yaml")
	if err == nil || !strings.Contains(err.Error(), "bad.yaml:2: outlet \"X\": kind \"blog\"") {
		t.Errorf("err = %v", err)
	}
}
