package policy

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/wiretrace/wiretrace/internal/fileerr"
)

// BaselineSchema names the baseline file format.
const BaselineSchema = "wiretrace/baseline/v1"

// Baseline is a reviewed list of accepted findings: JSON, sorted by key,
// one finding per entry, so that a change to it reads well in a diff.
type Baseline struct {
	Schema   string          `json:"schema"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding; Message is for the reviewer.
type BaselineEntry struct {
	Key     string `json:"key"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// NewBaseline accepts the given findings.
func NewBaseline(fs []Finding) *Baseline {
	b := &Baseline{Schema: BaselineSchema, Findings: []BaselineEntry{}}
	for _, f := range fs {
		b.Findings = append(b.Findings, BaselineEntry{Key: f.Key, Rule: f.Rule, Message: f.Message})
	}
	sort.Slice(b.Findings, func(i, j int) bool { return b.Findings[i].Key < b.Findings[j].Key })
	return b
}

// ReadBaseline reads a baseline file; name is used in errors.
func ReadBaseline(r io.Reader, name string) (*Baseline, error) {
	var b Baseline
	if err := json.NewDecoder(r).Decode(&b); err != nil {
		return nil, &fileerr.Error{File: name, Reason: "not a baseline: " + err.Error()}
	}
	if b.Schema != BaselineSchema {
		return nil, &fileerr.Error{File: name, Reason: fmt.Sprintf("schema %q, want %s", b.Schema, BaselineSchema)}
	}
	return &b, nil
}

// Write writes the baseline as indented JSON.
func (b *Baseline) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// Apply splits findings into new ones and those the baseline accepts, and
// returns the baseline entries no longer found (stale: the baseline can
// shrink).
func (b *Baseline) Apply(fs []Finding) (fresh, accepted []Finding, stale []BaselineEntry) {
	known := map[string]bool{}
	for _, e := range b.Findings {
		known[e.Key] = true
	}
	found := map[string]bool{}
	for _, f := range fs {
		found[f.Key] = true
		if known[f.Key] {
			accepted = append(accepted, f)
		} else {
			fresh = append(fresh, f)
		}
	}
	for _, e := range b.Findings {
		if !found[e.Key] {
			stale = append(stale, e)
		}
	}
	return fresh, accepted, stale
}
