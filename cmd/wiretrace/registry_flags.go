package main

import (
	"os"

	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
)

// registryOptions are the flags that decide how credits are read: the
// outlet registry and the record fields that carry bylines and sources.
type registryOptions struct {
	path         string
	creditFields []string
}

func (o *registryOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.path, "registry", "", "YAML file of outlets that extends or overrides the shipped registry")
	f.StringSliceVar(&o.creditFields, "credit-field", nil, "a record field that holds a byline or source, read for credits besides author, byline and source (repeatable)")
}

// load returns the shipped outlet registry, extended by a user's file when
// one is named, reading credits from the default metadata fields and the
// ones named with --credit-field.
func (o registryOptions) load() (*credit.Registry, error) {
	reg := credit.DefaultRegistry()
	reg.SetMetaFields(append(append([]string(nil), credit.DefaultMetaFields...), o.creditFields...))
	if o.path == "" {
		return reg, nil
	}
	f, err := os.Open(o.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := reg.Extend(f, o.path); err != nil {
		return nil, err
	}
	return reg, nil
}

// articleCredits returns the credits function of a scanner: an article's
// mentions in its text and metadata.
func articleCredits(reg *credit.Registry) func(*corpus.Article) []credit.Mention {
	return func(a *corpus.Article) []credit.Mention {
		return reg.Article(a.Text, credit.MetaOf(a.Extra, reg.MetaFields()))
	}
}
