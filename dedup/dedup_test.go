package dedup

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/match"
)

func config(keep Keep) Config {
	mo := match.DefaultOptions()
	mo.Workers = 2
	return Config{Match: mo, Keep: keep, Read: corpus.Options{Workers: 2}}
}

func run(t *testing.T, cfg Config, inputs ...string) (*Summary, []map[string]any, []string) {
	t.Helper()
	var out, drops bytes.Buffer
	sum, err := Run(context.Background(), cfg, inputs, &out, &drops)
	if err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("output line %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	return sum, recs, strings.Fields(drops.String())
}

// The example corpus has two stories: Reuters' OPEC story with an
// uncredited Arabs Today copy, and Sputnik's Ryabkov story copied by QNA
// and, from QNA, by Arabs Today; a weekly review quotes both (a partial
// member of each).
func TestExample(t *testing.T) {
	want := map[Keep]string{
		KeepOrigin:   "arabstoday/opec-output.txt arabstoday/russia-dismisses-post.txt qna/ryabkov-aleppo.txt",
		KeepEarliest: "arabstoday/opec-output.txt arabstoday/russia-dismisses-post.txt qna/ryabkov-aleppo.txt",
	}
	for _, keep := range []Keep{KeepOrigin, KeepEarliest, KeepLongest} {
		t.Run(string(keep), func(t *testing.T) {
			sum, recs, drops := run(t, config(keep), "../testdata/example")
			if w, ok := want[keep]; ok && strings.Join(drops, " ") != w {
				t.Errorf("dropped %q, want %q", drops, w)
			}
			if sum.Articles != 10 || sum.Kept != 10-len(drops) || len(recs) != sum.Kept || sum.Stories != 2 || len(sum.Dropped) != len(drops) {
				t.Errorf("summary %+v, %d records, %d drops", sum, len(recs), len(drops))
			}
			// One full member of each story is kept, the review kept.
			kept := map[string]bool{}
			for _, r := range recs {
				kept[r["id"].(string)] = true
			}
			for _, c := range sum.Report.Clusters {
				n := 0
				for _, m := range c.Members {
					if m.Kind == match.Full && kept[m.ID] {
						n++
					}
					if m.Kind == match.Partial && !kept[m.ID] {
						t.Errorf("%s: partial member %s dropped", c.ID, m.ID)
					}
				}
				if n != 1 {
					t.Errorf("%s: %d full members kept", c.ID, n)
				}
			}
			// Records come in input order, in the input shape.
			var ids []string
			for _, r := range recs {
				ids = append(ids, r["id"].(string))
				if r["outlet"] == "" || r["text"] == "" {
					t.Errorf("record %v lacks outlet or text", r)
				}
			}
			if !isSorted(ids) {
				t.Errorf("records out of input order: %q", ids)
			}
		})
	}
}

func isSorted(s []string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] < s[i-1] {
			return false
		}
	}
	return true
}

// The kept corpus, scanned again, has no copies left: every story is gone
// or holds one full member.
func TestKeptHasNoCopies(t *testing.T) {
	_, recs, _ := run(t, config(KeepOrigin), "../testdata/example")
	dir := t.TempDir()
	var b bytes.Buffer
	for _, r := range recs {
		line, _ := json.Marshal(r)
		b.Write(append(line, '\n'))
	}
	path := filepath.Join(dir, "kept.jsonl")
	os.WriteFile(path, b.Bytes(), 0o644)
	sum, _, drops := run(t, config(KeepOrigin), path)
	if len(drops) != 0 || sum.Kept != len(recs) {
		t.Errorf("a second dedup drops %q", drops)
	}
}

// Extra fields pass through; JSON Lines in, the same records out.
func TestJSONLPassThrough(t *testing.T) {
	story := "The harbour authority closed the northern basin to shipping on Saturday after a crane collapsed onto the quay, and pilots were told to divert incoming vessels to the southern terminal until further notice."
	in := `{"id":"a","outlet":"reuters","published":"2024-06-01T08:00:00Z","text":"` + story + `","split":"train","meta":{"n": 1}}
{"id":"b","outlet":"site","published":"2024-06-01T09:00:00Z","text":"` + story + `","author":"Jane <Roe>"}
{"id":"c","outlet":"site","text":"A completely different story about the city council approving a new budget for libraries with evening hours at four branches."}
`
	path := filepath.Join(t.TempDir(), "in.jsonl")
	os.WriteFile(path, []byte(in), 0o644)
	_, recs, drops := run(t, config(KeepEarliest), path)
	if strings.Join(drops, " ") != "b" || len(recs) != 2 {
		t.Fatalf("drops %q, %d records", drops, len(recs))
	}
	if recs[0]["split"] != "train" || recs[0]["meta"].(map[string]any)["n"] != 1.0 || recs[1]["id"] != "c" {
		t.Errorf("records %v", recs)
	}
}

func TestAgainst(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "../testdata/example", filepath.Join(dir, "corpus"))
	os.MkdirAll(filepath.Join(dir, "ref"), 0o755)
	if err := os.Rename(filepath.Join(dir, "corpus", "sputnik"), filepath.Join(dir, "ref", "sputnik")); err != nil {
		t.Fatal(err)
	}
	cfg := config(KeepOrigin)
	cfg.Against = []string{filepath.Join(dir, "ref")}
	sum, recs, drops := run(t, cfg, filepath.Join(dir, "corpus"))
	// The Ryabkov story copies the reference: QNA's and Arabs Today's
	// copies and the review quoting it go; of the OPEC story, Reuters is
	// kept.
	if got, want := strings.Join(drops, " "), "arabstoday/opec-output.txt arabstoday/russia-dismisses-post.txt gulfnews/week-in-review.txt qna/ryabkov-aleppo.txt"; got != want {
		t.Errorf("dropped %q, want %q", got, want)
	}
	if sum.Reference != 3 || sum.Articles != 8 || len(recs) != 4 {
		t.Errorf("summary %+v, %d records", sum, len(recs))
	}
	for _, r := range recs {
		if strings.HasPrefix(r["id"].(string), "sputnik/") {
			t.Errorf("reference article %s written", r["id"])
		}
	}
}

func TestErrors(t *testing.T) {
	var out bytes.Buffer
	var e *Error
	if _, err := Run(context.Background(), config(KeepOrigin), []string{"-"}, &out, nil); !errors.As(err, &e) || !strings.Contains(err.Error(), "standard input") {
		t.Errorf("stdin: %v", err)
	}
	if _, err := Run(context.Background(), config("newest"), []string{"../testdata/example"}, &out, nil); !errors.As(err, &e) {
		t.Errorf("bad keep: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("{\"id\":\"x\",\"outlet\":\"o\",\"text\":\"t\"}\n{oops\n"), 0o644)
	var re *corpus.RecordError
	if _, err := Run(context.Background(), config(KeepOrigin), []string{bad}, &out, nil); !errors.As(err, &re) || !strings.Contains(err.Error(), "bad.jsonl:2") {
		t.Errorf("bad record: %v", err)
	}
}

func TestDropListQuotesControlCharacters(t *testing.T) {
	var b bytes.Buffer
	WriteDropList(&b, []Decision{{ID: "a"}, {ID: "b\nc"}})
	if b.String() != "a\n\"b\\nc\"\n" {
		t.Errorf("%q", b.String())
	}
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
