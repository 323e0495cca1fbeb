package policy

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/internal/fileerr"
)

// A baseline file is untrusted bytes (it is committed beside the data):
// reading one never panics, an error names the file, and a baseline that
// reads writes back to one that reads the same.
func FuzzReadBaseline(f *testing.F) {
	f.Add([]byte(`{"schema":"wiretrace/baseline/v1","findings":[]}`))
	f.Add([]byte(`{"schema":"wiretrace/baseline/v1","findings":[{"key":"uncredited:a1","rule":"uncredited","message":"a1 copies Reuters"}]}`))
	f.Add([]byte(`{"schema":"wiretrace/baseline/v2","findings":null}`))
	f.Add([]byte(`{"schema":"wiretrace/baseline/v1","findings":[{"key":"\u001b[2J","rule":"","message":"\u202e"}]}` + "\n{}"))
	f.Add([]byte(`{"schema":"wiretrace/baseline/v1","schema":"x"}`))
	f.Add([]byte("\xef\xbb\xbf{\"schema\":\"wiretrace/baseline/v1\"}"))
	f.Add([]byte(`[`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadBaseline(bytes.NewReader(data), "baseline.json")
		if err != nil {
			var fe *fileerr.Error
			if !errors.As(err, &fe) || fe.File != "baseline.json" {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		var out bytes.Buffer
		if err := b.Write(&out); err != nil {
			t.Fatal(err)
		}
		again, err := ReadBaseline(&out, "again.json")
		if err != nil {
			t.Fatalf("a baseline that read does not read back: %v\n%s", err, out.String())
		}
		if len(b.Findings) == 0 && len(again.Findings) == 0 {
			return // nil and empty lists are one baseline
		}
		if !reflect.DeepEqual(b, again) {
			t.Fatalf("round trip changed the baseline:\n%+v\n%+v", b, again)
		}
	})
}

// yamlLines counts lines as YAML does: CR LF, CR and LF end one.
func yamlLines(s string) int {
	return strings.Count(strings.ReplaceAll(s, "\r\n", "\n"), "\n") + strings.Count(s, "\r") - strings.Count(s, "\r\n") + 1
}

// A .wiretrace.yaml is untrusted bytes: loading one never panics, and an
// error names the file and, when it has one, a line of the file.
func FuzzLoadConfig(f *testing.F) {
	f.Add([]byte("threshold: 0.6\ncontainment: 0.9\nmin_shared: 30\npolicies:\n  uncredited:\n    watch: [Reuters, Sputnik]\n"))
	f.Add([]byte("policies:\n  colour: red\n"))
	f.Add([]byte("threshold: [1]\n"))
	f.Add([]byte("threshold: 2\n"))
	f.Add([]byte("id_field: meta.id\ntext_field: body\ninput_format: csv\n"))
	f.Add([]byte("policies:\n  ignore:\n    ids: ['[']\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("\t- x"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Load(bytes.NewReader(data), "c.yaml")
		if err == nil {
			return
		}
		var fe *fileerr.Error
		if !errors.As(err, &fe) || fe.File != "c.yaml" {
			t.Fatalf("error does not name the file: %v", err)
		}
		if lines := yamlLines(string(data)); fe.Line < 0 || fe.Line > lines+1 {
			t.Fatalf("error at line %d of a %d-line file: %v", fe.Line, lines, err)
		}
	})
}
