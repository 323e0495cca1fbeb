package credit

import (
	_ "embed"
	"fmt"
	"github.com/wiretrace/wiretrace/internal/fileerr"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/agnivade/levenshtein"
	"github.com/wiretrace/wiretrace/shingle"
	"go.yaml.in/yaml/v3"
)

//go:embed registry.yaml
var shippedRegistry []byte

// Kind is what sort of outlet an entry is.
type Kind string

const (
	Wire      Kind = "wire"
	Agency    Kind = "agency"
	Publisher Kind = "publisher"
	Generic   Kind = "generic"
)

// Outlet is one registry entry.
type Outlet struct {
	Name    string   `yaml:"name"`
	Kind    Kind     `yaml:"kind"`
	Aliases []string `yaml:"aliases"`
}

// Registry resolves outlet names. It is safe for concurrent use once built.
type Registry struct {
	outlets map[string]*Outlet // by canonical name
	alias   map[string]string  // normalised alias -> canonical name
	keys    []string           // normalised aliases, sorted, for fuzzy search
	// metaFields are the record fields read as credit metadata.
	metaFields []string
}

// Error is a problem located in a file: file, line and reason.
type Error = fileerr.Error

// DefaultRegistry returns the registry shipped with wiretrace.
func DefaultRegistry() *Registry {
	r := &Registry{outlets: map[string]*Outlet{}}
	if err := r.load(strings.NewReader(string(shippedRegistry)), "registry.yaml"); err != nil {
		panic(err) // the shipped file is tested
	}
	r.index()
	return r
}

// Extend adds or replaces outlets from a YAML file in the registry format;
// name is used in errors.
func (r *Registry) Extend(src io.Reader, name string) error {
	if err := r.load(src, name); err != nil {
		return err
	}
	r.index()
	return nil
}

func (r *Registry) load(src io.Reader, name string) error {
	var doc struct {
		Outlets []yaml.Node `yaml:"outlets"`
	}
	if err := yaml.NewDecoder(src).Decode(&doc); err != nil && err != io.EOF {
		return &Error{File: name, Reason: err.Error()}
	}
	for _, n := range doc.Outlets {
		var o Outlet
		if err := n.Decode(&o); err != nil {
			return &Error{File: name, Line: n.Line, Reason: err.Error()}
		}
		switch {
		case strings.TrimSpace(o.Name) == "":
			return &Error{File: name, Line: n.Line, Reason: "outlet without a name"}
		case o.Kind != Wire && o.Kind != Agency && o.Kind != Publisher && o.Kind != Generic:
			return &Error{File: name, Line: n.Line, Reason: fmt.Sprintf("outlet %q: kind %q, want wire, agency, publisher or generic", o.Name, o.Kind)}
		}
		o.Aliases = append(o.Aliases, o.Name)
		r.outlets[o.Name] = &o
	}
	return nil
}

func (r *Registry) index() {
	r.alias = map[string]string{}
	names := make([]string, 0, len(r.outlets))
	for n := range r.outlets {
		names = append(names, n)
	}
	sort.Strings(names) // later entries never win by map order
	for _, n := range names {
		for _, a := range r.outlets[n].Aliases {
			if k := normalize(a); k != "" {
				if _, taken := r.alias[k]; !taken {
					r.alias[k] = n
				}
			}
		}
	}
	r.keys = r.keys[:0]
	for k := range r.alias {
		r.keys = append(r.keys, k)
	}
	sort.Strings(r.keys)
}

// tokenizers are reused: Resolve runs for every candidate name of every
// article, and a new Tokenizer builds a case folder each time.
var tokenizers = sync.Pool{New: func() any { return shingle.NewTokenizer() }}

// normalize folds a name the way matching folds words, drops a leading
// "the" and the word "agency", and joins the words with single spaces.
func normalize(name string) string {
	tz := tokenizers.Get().(*shingle.Tokenizer)
	defer tokenizers.Put(tz)
	toks := tz.Tokenize(name)
	var words []string
	for _, t := range toks.Tokens {
		words = append(words, tz.Normalize(name[t.Start:t.End]))
	}
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// Lookup returns the registry entry with this canonical name.
func (r *Registry) Lookup(canonical string) (*Outlet, bool) {
	o, ok := r.outlets[canonical]
	return o, ok
}

// Resolve returns the canonical name of an outlet name and whether the
// registry knows it; unknown names come back trimmed, as written.
func (r *Registry) Resolve(name string) (string, bool) {
	name = strings.TrimSpace(name)
	k := normalize(name)
	if k == "" {
		return name, false
	}
	if c, ok := r.alias[k]; ok {
		return c, true
	}
	if c, ok := r.alias[strings.TrimSuffix(strings.TrimSuffix(k, " news agency"), " agency")]; ok {
		return c, true
	}
	n := len([]rune(k))
	if n < 5 {
		return name, false
	}
	limit := 1
	if n >= 7 {
		limit = 2
	}
	best, bestD, tie := "", limit+1, false
	for _, key := range r.keys {
		if d := abs(len([]rune(key)) - n); d > limit {
			continue
		}
		d := levenshtein.ComputeDistance(k, key)
		switch {
		case d < bestD:
			best, bestD, tie = r.alias[key], d, false
		case d == bestD && r.alias[key] != best:
			tie = true
		}
	}
	if best == "" || tie {
		return name, false
	}
	return best, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Kind returns the kind of a canonical name, or "" when it is unknown.
func (r *Registry) Kind(canonical string) Kind {
	if o, ok := r.outlets[canonical]; ok {
		return o.Kind
	}
	return ""
}
