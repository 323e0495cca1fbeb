package report

import (
	"bytes"
	"strings"
	"testing"
)

// At 80 columns the timestamp shortens and the columns narrow before an
// id or its parent is cut; at a generous width the full layout stays.
func TestTextNarrowKeepsIDs(t *testing.T) {
	rep := exampleReport(t)
	var b bytes.Buffer
	if err := WriteText(&b, rep, TextOptions{Width: 80}); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(b.String(), "\n") {
		if n := len([]rune(l)); n > 80 && strings.HasPrefix(l, "  ") {
			t.Errorf("line of %d runes: %q", n, l)
		}
	}
	members := 0
	for _, c := range rep.Clusters {
		for _, m := range c.Members {
			wants := []string{" " + m.ID + "\n"}
			if m.Parent != nil {
				wants = []string{" " + m.ID + "\n", "← " + *m.Parent}
			}
			for _, want := range wants {
				if !strings.Contains(b.String(), want) {
					t.Errorf("%q is cut at 80 columns:\n%s", want, b.String())
				}
			}
			members++
		}
	}
	if members == 0 {
		t.Fatal("no members")
	}
	if strings.Contains(b.String(), "T10:05:00Z") {
		t.Error("the full timestamp stayed at 80 columns")
	}

	b.Reset()
	WriteText(&b, rep, TextOptions{Width: 300})
	if !strings.Contains(b.String(), "  2016-11-28T10:05:00Z      sputnik      full edited     origin               sputnik/ryabkov-aleppo.txt\n") {
		t.Errorf("a wide terminal lost the full layout:\n%s", b.String())
	}
}

func TestTextPlurals(t *testing.T) {
	var b bytes.Buffer
	WriteText(&b, &Report{Documents: 1, Stats: Stats{CopyPairs: 1, ExcerptPairs: 1}, Skipped: make([]Skipped, 1)}, TextOptions{})
	for _, want := range []string{"1 article, 0 stories with copies, 0 articles in them (0 full, 0 partial memberships)", "1 copy pair (", "1 excerpt pair\n", "Skipped 1 bad record:"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("lacks %q:\n%s", want, b.String())
		}
	}
}
