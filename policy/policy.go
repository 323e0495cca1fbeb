// Package policy applies a team's rules to a scan report and turns what
// breaks them into findings, for `wiretrace check`.
//
// Rules: copies that do not credit their origin (uncredited or
// miscredited), optionally only for watched origins (outlet names or
// registry kinds); a maximum share of articles that have a copy in the
// corpus; leakage, an article of one corpus (or split) with a copy in
// another; minimum similarity and containment for a finding; outlets and
// id patterns to ignore.
//
// A finding's Key is built from the rule and the article ids (and, for
// credit findings, the origin outlet), never from positions or cluster
// numbers, so adding or editing unrelated articles does not change it and
// a baseline of accepted findings stays valid.
package policy

import (
	"errors"
	"fmt"
	"io"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/internal/fileerr"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/wiretrace/wiretrace/report"
	"go.yaml.in/yaml/v3"
)

// Config is the policy part of .wiretrace.yaml.
type Config struct {
	Uncredited        *UncreditedRule `yaml:"uncredited"`
	MaxDuplicateShare *float64        `yaml:"max_duplicate_share"`
	Leakage           *LeakageRule    `yaml:"leakage"`
	MinSimilarity     float64         `yaml:"min_similarity"`
	MinContainment    float64         `yaml:"min_containment"`
	Ignore            Ignore          `yaml:"ignore"`
}

// UncreditedRule fails copies whose verdict is in Verdicts (default:
// uncredited and miscredited), of the watched origins when any are named.
// With OwnCredit, only the credits a copier wrote itself count: a credit it
// kept from the text it copied does not.
type UncreditedRule struct {
	Verdicts     []provenance.Verdict `yaml:"verdicts"`
	WatchOutlets []string             `yaml:"watch_outlets"`
	WatchKinds   []string             `yaml:"watch_kinds"`
	OwnCredit    bool                 `yaml:"own_credit"`
}

// LeakageRule fails articles with a copy on the other side: in the
// reference inputs (`--against`), or with another value of SplitField.
type LeakageRule struct {
	Against    []string `yaml:"against"`
	SplitField string   `yaml:"split_field"`
}

// Ignore leaves outlets and id patterns (path.Match globs) out of findings.
type Ignore struct {
	Outlets []string `yaml:"outlets"`
	IDs     []string `yaml:"ids"`
}

// File is the whole .wiretrace.yaml: scan settings, how the corpus's
// records are read, and policies.
type File struct {
	Threshold   *float64 `yaml:"threshold"`
	Containment *float64 `yaml:"containment"`
	MinShared   *int     `yaml:"min_shared"`
	Registry    string   `yaml:"registry"`
	// The record fields an article's parts are read from, as the
	// --id-field… flags name them (dotted paths for nested objects), and
	// the format of file inputs (--input-format).
	IDField        string `yaml:"id_field"`
	TextField      string `yaml:"text_field"`
	OutletField    string `yaml:"outlet_field"`
	PublishedField string `yaml:"published_field"`
	TitleField     string `yaml:"title_field"`
	URLField       string `yaml:"url_field"`
	AuthorField    string `yaml:"author_field"`
	InputFormat    string `yaml:"input_format"`
	Policies       Config `yaml:"policies"`
}

// Load reads a configuration file; name is used in errors.
func Load(r io.Reader, name string) (*File, error) {
	var f File
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && err != io.EOF {
		return nil, yamlError(err, name)
	}
	if err := f.Policies.Validate(); err != nil {
		return nil, &fileerr.Error{File: name, Reason: err.Error()}
	}
	return &f, nil
}

// yamlError turns a YAML error into a located one: "file:line: reason",
// with an unknown key named as such.
func yamlError(err error, name string) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	var line int
	if strings.HasPrefix(msg, "line ") {
		fmt.Sscanf(msg[5:], "%d", &line)
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
	}
	if strings.HasPrefix(msg, "field ") && strings.Contains(msg, " not found in type ") {
		f := strings.Fields(msg)
		key, typ := f[1], f[len(f)-1]
		msg = "unknown setting " + key
		if s := suggestKey(key, typ); s != "" {
			msg += " (did you mean " + s + "?)"
		}
		msg += " (see docs/check.md)"
	}
	return &fileerr.Error{File: name, Line: line, Reason: msg}
}

// Validate reports a setting out of range.
func (c *Config) Validate() error {
	if c.Uncredited != nil {
		for _, v := range c.Uncredited.Verdicts {
			if _, ok := provenance.ParseVerdict(string(v)); !ok {
				return fmt.Errorf("uncredited.verdicts: %q is not a verdict (%s)", v, verdictList())
			}
		}
		for _, k := range c.Uncredited.WatchKinds {
			if !slices.Contains(credit.Kinds(), credit.Kind(k)) {
				return fmt.Errorf("uncredited.watch_kinds: %q, want one of %s", k, kindList())
			}
		}
	}
	if s := c.MaxDuplicateShare; s != nil && (*s < 0 || *s > 1) {
		return fmt.Errorf("max_duplicate_share %v: want 0 to 1", *s)
	}
	for _, p := range c.Ignore.IDs {
		if _, err := path.Match(p, ""); err != nil {
			return fmt.Errorf("ignore.ids: bad pattern %q", p)
		}
	}
	return nil
}

// Finding is one breach of a rule (defined with the output formats).
type Finding = report.Finding

// Side tells leakage which side of the split an article is on; "" means
// the article takes no part in leakage. Articles on the Reference side
// (`--against`) are only ever the other end of a finding.
type Side func(m *report.Member) string

// Reference is the side of the inputs given with --against.
const Reference = "reference"

// Evaluate applies the rules to a report. reg gives outlet kinds for
// watch_kinds; side gives each article's side for leakage (nil when the
// rule is off).
func Evaluate(c Config, r *report.Report, reg *credit.Registry, side Side) []Finding {
	var out []Finding
	if c.Uncredited != nil {
		out = append(out, uncredited(c, r, reg)...)
	}
	if c.Leakage != nil && side != nil {
		out = append(out, leakage(c, r, side, reg)...)
	}
	if docs, copied := checkedArticles(r); c.MaxDuplicateShare != nil && docs > 0 {
		share := float64(copied) / float64(docs)
		if share > *c.MaxDuplicateShare {
			out = append(out, Finding{Key: "duplicate-share", Rule: "duplicate-share",
				Message: fmt.Sprintf("%d of %d articles (%.1f%%) have a copy in the corpus; the limit is %.1f%%",
					copied, docs, 100*share, 100**c.MaxDuplicateShare)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return slices.CompactFunc(out, func(a, b Finding) bool { return a.Key == b.Key })
}

// checkedArticles counts the articles a check is about and those of them
// in a story: all of them, or with an index only the new ones.
func checkedArticles(r *report.Report) (docs, copied int) {
	if r.Index == nil {
		return r.Documents, r.Stats.InClusters
	}
	seen := map[string]bool{}
	for _, c := range r.Clusters {
		for _, m := range c.Members {
			if !m.Indexed && !seen[m.ID] {
				seen[m.ID] = true
				copied++
			}
		}
	}
	return r.Index.New, copied
}

// ignored reports whether findings about m are left out: by the
// configuration, or because m came from the index, which a check against
// an index does not judge again (it may still be the other side of one).
func (c Config) ignored(m *report.Member, reg *credit.Registry) bool {
	return m.Indexed || c.ignoredByConfig(m, reg)
}

// ignoredByConfig reports whether ignore leaves m out: its outlet as
// written, or the same registry outlet by any of its names (as watched
// outlets are matched), or its id.
func (c Config) ignoredByConfig(m *report.Member, reg *credit.Registry) bool {
	if slices.Contains(c.Ignore.Outlets, m.Outlet) {
		return true
	}
	if len(c.Ignore.Outlets) > 0 && reg != nil {
		if canon, ok := reg.Resolve(m.Outlet); ok {
			for _, o := range c.Ignore.Outlets {
				if c, ok := reg.Resolve(o); ok && c == canon {
					return true
				}
			}
		}
	}
	for _, p := range c.Ignore.IDs {
		if ok, _ := path.Match(p, m.ID); ok {
			return true
		}
	}
	return false
}

func (c Config) strongEnough(m *report.Member) bool {
	return float64(m.Similarity.Jaccard) >= c.MinSimilarity && float64(m.Similarity.Containment) >= c.MinContainment
}

func uncredited(c Config, r *report.Report, reg *credit.Registry) []Finding {
	rule := c.Uncredited
	verdicts := rule.Verdicts
	if len(verdicts) == 0 {
		verdicts = []provenance.Verdict{provenance.Uncredited, provenance.Miscredited}
	}
	var out []Finding
	for ci := range r.Clusters {
		cl := &r.Clusters[ci]
		if !watched(rule, cl.Origin.Outlet, reg) {
			continue
		}
		for mi := range cl.Members {
			m := &cl.Members[mi]
			v := m.Attribution.Verdict
			if rule.OwnCredit && m.Attribution.OwnVerdict != "" {
				v = m.Attribution.OwnVerdict
			}
			if !slices.Contains(verdicts, v) || c.ignored(m, reg) || !c.strongEnough(m) {
				continue
			}
			msg := fmt.Sprintf("%s copies a story that %s published first and does not credit it (%s)", m.ID, cl.Origin.Outlet, v)
			switch {
			case v != m.Attribution.Verdict:
				msg = fmt.Sprintf("%s copies a story that %s published first and does not itself credit it (%s; with the credits it kept from its parent's text, %s: %s)",
					m.ID, cl.Origin.Outlet, v, m.Attribution.Verdict, strings.Join(m.Attribution.Credits, ", "))
			case len(m.Attribution.Credits) > 0:
				msg += "; it credits " + strings.Join(m.Attribution.Credits, ", ")
			}
			out = append(out, Finding{Key: "uncredited:" + m.ID + ":" + cl.Origin.Outlet, Rule: "uncredited", ID: m.ID,
				Other: report.Deref(m.Parent), Outlet: m.Outlet, Cluster: cl.ID, File: m.Source.File, Line: m.Source.Line, Message: msg})
		}
	}
	return out
}

func verdictList() string {
	var s []string
	for _, v := range provenance.Verdicts {
		s = append(s, string(v))
	}
	return strings.Join(s, ", ")
}

func watched(rule *UncreditedRule, origin string, reg *credit.Registry) bool {
	if len(rule.WatchOutlets) == 0 && len(rule.WatchKinds) == 0 {
		return true
	}
	canon, _ := reg.Resolve(origin)
	for _, w := range rule.WatchOutlets {
		if c, _ := reg.Resolve(w); c == canon || w == origin {
			return true
		}
	}
	kind := reg.Kind(canon)
	for _, w := range rule.WatchKinds {
		// "publisher" was the one kind of newspapers, broadcasters and
		// websites; it still names all of them.
		if credit.Kind(w) == kind || w == string(credit.Publisher) && (kind == credit.Newspaper || kind == credit.Broadcaster || kind == credit.Website) {
			return true
		}
	}
	return false
}

func kindList() string {
	var s []string
	for _, k := range credit.Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func leakage(c Config, r *report.Report, side Side, reg *credit.Registry) []Finding {
	var out []Finding
	for ci := range r.Clusters {
		cl := &r.Clusters[ci]
		for i := range cl.Members {
			a := &cl.Members[i]
			sa := side(a)
			if sa == "" || sa == Reference || c.ignored(a, reg) {
				continue
			}
			for j := range cl.Members {
				b := &cl.Members[j]
				sb := side(b)
				if i == j || sb == "" || sb == sa || c.ignoredByConfig(b, reg) || !c.strongEnough(a) {
					continue
				}
				if sb != Reference && b.ID < a.ID {
					continue // between two splits, report each pair once
				}
				out = append(out, Finding{Key: "leakage:" + a.ID + ":" + b.ID, Rule: "leakage", ID: a.ID, Other: b.ID,
					Outlet: a.Outlet, Cluster: cl.ID, File: a.Source.File, Line: a.Source.Line,
					Message: fmt.Sprintf("%s (%s) has a copy in %s: %s", a.ID, sa, sb, b.ID)})
			}
		}
	}
	return out
}

// settingTypes are the types of .wiretrace.yaml's sections, by the name
// the YAML decoder gives them in an unknown-field error.
var settingTypes = []reflect.Type{
	reflect.TypeOf(File{}), reflect.TypeOf(Config{}), reflect.TypeOf(UncreditedRule{}),
	reflect.TypeOf(LeakageRule{}), reflect.TypeOf(Ignore{}),
}

// suggestKey returns the setting of the section typ closest to key, when
// one is within a third of its length in edits.
func suggestKey(key, typ string) string {
	best, bestDist := "", 0
	for _, t := range settingTypes {
		if t.String() != typ {
			continue
		}
		for i := 0; i < t.NumField(); i++ {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			d := levenshtein.ComputeDistance(strings.ToLower(key), name)
			if d <= max(1, len(name)/3) && (best == "" || d < bestDist || d == bestDist && name < best) {
				best, bestDist = name, d
			}
		}
	}
	return best
}
