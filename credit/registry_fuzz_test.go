package credit

import (
	"errors"
	"strings"
	"testing"
)

// A registry file (--registry) is untrusted bytes: loading one never
// panics, an error names the file and a line within it, and every outlet
// it adds resolves by its name.
func FuzzRegistryExtend(f *testing.F) {
	f.Add("outlets:\n  - name: Gulf Times\n    kind: newspaper\n    aliases: [Gulf Times, الخليج تايمز]\n    slugs: [gulftimes, gulf-times.com]\n")
	f.Add("outlets:\n  - name: Petra\n    kind: agency\n    ambiguous: [Petra, بترا]\n")
	f.Add("outlets:\n  - name: ''\n    kind: wire\n")
	f.Add("outlets:\n  - name: X\n    kind: satellite\n")
	f.Add("outlets:\n  - {name: A, kind: wire, aliases: [B]}\n  - {name: B, kind: wire, aliases: [A]}\n")
	f.Add("outlets:\n  - name: \"\\u001b[31m\"\n    kind: website\n    aliases: [' ', '(', 'ل']\n")
	f.Add("outlets: {}\n")
	f.Add("outlets:\n  - name: [x]\n")
	f.Add("")
	f.Add("\xff")
	f.Fuzz(func(t *testing.T, src string) {
		r := &Registry{outlets: map[string]*Outlet{}}
		err := r.Extend(strings.NewReader(src), "reg.yaml")
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) || fe.File != "reg.yaml" {
				t.Fatalf("error does not name the file: %v", err)
			}
			// YAML ends a line at CR LF, CR or LF.
			lines := strings.Count(strings.ReplaceAll(src, "\r\n", "\n"), "\n") + strings.Count(src, "\r") - strings.Count(src, "\r\n") + 1
			if fe.Line < 0 || fe.Line > lines {
				t.Fatalf("error at line %d of a %d-line file: %v", fe.Line, lines, err)
			}
			return
		}
		for name, o := range r.outlets {
			if got, ok := r.Lookup(name); !ok || got != o {
				t.Fatalf("outlet %q does not look up", name)
			}
			if normalize(name) == "" {
				continue // a name of punctuation only resolves to nothing
			}
			if canon, ok := r.Resolve(name); ok && r.outlets[canon] == nil {
				t.Fatalf("%q resolves to %q, not an outlet", name, canon)
			}
		}
		// Extraction with the loaded registry does not panic either.
		for _, text := range []string{"(X) - said.", "Source: " + src, src} {
			r.Extract(text)
		}
	})
}
