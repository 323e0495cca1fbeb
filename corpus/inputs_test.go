package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// An input given twice, under one name or two, or inside a directory
// input that reads it, is an InputError before anything is read; a record
// file inside a directory input (not read by it) or under a hidden name
// is not.
func TestInputGivenTwice(t *testing.T) {
	dir := t.TempDir()
	write := func(name string) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(`{"id":"`+name+`","text":"text"}`+"\n"), 0o644)
		return p
	}
	jl := write("base.jsonl")
	txt := write("tree/qna/a.txt")
	inner := write("tree/feed.jsonl")
	hidden := write("tree/.old/b.txt")
	tree := filepath.Join(dir, "tree")
	os.Symlink(jl, filepath.Join(dir, "link.jsonl"))
	for _, tc := range []struct {
		inputs []string
		want   string
	}{
		{[]string{jl, jl}, "input given twice: " + jl},
		{[]string{jl, filepath.Join(dir, ".", "base.jsonl")}, "input given twice: " + jl},
		{[]string{jl, filepath.Join(dir, "link.jsonl")}, "input given twice: " + jl + " and " + filepath.Join(dir, "link.jsonl") + " are the same"},
		{[]string{"-", "-"}, "input given twice: -"},
		{[]string{tree, txt}, "input " + txt + " is inside the input directory " + tree + ": its articles would be read twice"},
		{[]string{filepath.Join(tree, "qna"), tree}, "input " + filepath.Join(tree, "qna") + " is inside the input directory " + tree + ": its articles would be read twice"},
		{[]string{tree, inner}, ""},
		{[]string{tree, hidden}, ""},
		{[]string{jl, filepath.Join(dir, "missing.jsonl"), filepath.Join(dir, "missing.jsonl")}, ""},
	} {
		err := checkInputs(tc.inputs)
		var ie *InputError
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%v: %v, want no error", tc.inputs, err)
		case tc.want != "" && (!errors.As(err, &ie) || err.Error() != tc.want):
			t.Errorf("%v: %v, want %q", tc.inputs, err, tc.want)
		}
	}
	// Read stops on it before reading anything.
	n := 0
	err := NewReader(Options{SkipBad: true}).Read(t.Context(), []string{jl, jl}, func(*Article) error { n++; return nil })
	var ie *InputError
	if !errors.As(err, &ie) || n != 0 {
		t.Errorf("Read: %v after %d articles, want an InputError before any", err, n)
	}
}
