package policy

import (
	"slices"
	"strings"

	"github.com/wiretrace/wiretrace/credit"
)

// UnknownOutlet is an outlet a configuration names (to watch or to
// ignore) that matches no outlet: the registry does not know it and no
// article of the corpus has it, so the rule would silently do nothing.
type UnknownOutlet struct {
	Setting string // "uncredited.watch_outlets" or "ignore.outlets"
	Name    string
}

// UnknownOutlets returns the outlets c names that neither the registry
// nor the corpus (the outlets of its articles) knows, in the order c
// names them. A name is known as the rules match it: through the
// registry (aliases, slugs, any case), or exactly as an article's outlet.
func (c Config) UnknownOutlets(reg *credit.Registry, corpus []string) []UnknownOutlet {
	var out []UnknownOutlet
	check := func(setting string, names []string) {
		for _, name := range names {
			if _, ok := reg.Resolve(name); ok || slices.Contains(corpus, strings.TrimSpace(name)) {
				continue
			}
			out = append(out, UnknownOutlet{Setting: setting, Name: name})
		}
	}
	if c.Uncredited != nil {
		check("uncredited.watch_outlets", c.Uncredited.WatchOutlets)
	}
	check("ignore.outlets", c.Ignore.Outlets)
	return out
}
