package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/policy"
	"github.com/wiretrace/wiretrace/report"
)

// inputOptions are the flags that say how inputs are read: what to do with
// bad records, the format and the field names of the records. scan, check,
// compare and the index commands share them.
type inputOptions struct {
	skipBad        bool
	allowEmpty     bool
	maxSkipped     int
	followSymlinks bool
	format         string
	// fields holds the field names given (by a flag or .wiretrace.yaml),
	// "" for the default, so the reader can tell a name the user gave
	// from a default: a given name no record has is an error.
	fields corpus.Fields
	// fieldSources say where each given field name comes from, by part:
	// "outlet": "--outlet-field" or "outlet_field in .wiretrace.yaml".
	fieldSources map[string]string
}

func (o *inputOptions) AddFlags(f *pflag.FlagSet) {
	f.BoolVar(&o.skipBad, "skip-bad", false, "skip bad records and list them instead of stopping; an article whose only fault is a date or title is kept without it, with a warning")
	f.BoolVar(&o.allowEmpty, "allow-empty", false, "let the inputs yield no articles (otherwise an error: a check never passes on nothing)")
	f.IntVar(&o.maxSkipped, "max-skipped", corpus.DefaultMaxSkipped, "list this many skipped records in full and count the rest by reason (-1: list all)")
	f.BoolVar(&o.followSymlinks, "follow-symlinks", false, "read links in input directories that lead out of the directory (by default they are listed, not read)")
	f.StringVar(&o.format, "input-format", "auto", "read file inputs as jsonl, csv, tsv or parquet whatever their names (auto: by extension)")
	for _, fl := range []struct {
		dst  *string
		name string
		what string
	}{
		{&o.fields.ID, "id", "the article's id (a string or a number)"},
		{&o.fields.Text, "text", "the article's text"},
		{&o.fields.Outlet, "outlet", "the outlet"},
		{&o.fields.Published, "published", "the publication time"},
		{&o.fields.Title, "title", "the title"},
		{&o.fields.URL, "url", "the URL"},
		{&o.fields.Author, "author", "the byline or author, read for credits"},
	} {
		f.StringVar(fl.dst, fl.name+"-field", "", "record field holding "+fl.what+"; a dotted path reads nested objects (meta.source)")
		if fl.name != "author" {
			// The help shows the default; the value stays "" until a
			// name is given (corpus.Fields: "" is the default).
			f.Lookup(fl.name + "-field").DefValue = fl.name
		}
	}
}

// readOptions are the corpus reader's options these flags set.
func (o inputOptions) readOptions() corpus.Options {
	return corpus.Options{
		SkipBad: o.skipBad, AllowEmpty: o.allowEmpty, MaxSkipped: o.maxSkipped,
		FollowSymlinks: o.followSymlinks, Format: o.format, Fields: o.fields,
		FieldSources: o.fieldSources,
	}
}

// validate reports a bad flag value as a usage error.
func (o inputOptions) validate() error {
	if err := o.fields.Validate(); err != nil {
		return usageError{err.Error()}
	}
	switch o.format {
	case "auto", "", corpus.FormatJSONL, corpus.FormatCSV, corpus.FormatTSV, corpus.FormatParquet:
	default:
		return usageError{fmt.Sprintf("unknown --input-format %q: want auto, jsonl, csv, tsv or parquet", o.format)}
	}
	if o.maxSkipped == 0 {
		return usageError{"--max-skipped 0 would list nothing: give a positive number, or -1 for all"}
	}
	if o.maxSkipped < -1 {
		return usageError{fmt.Sprintf("--max-skipped %d: give a positive number, or -1 for all", o.maxSkipped)}
	}
	return nil
}

// applyConfig takes the input settings of .wiretrace.yaml (configName,
// for messages) for every flag not given on the command line.
func (o *inputOptions) applyConfig(file *policy.File, configName string, flags *pflag.FlagSet) {
	if configName == "" {
		configName = ".wiretrace.yaml"
	}
	for _, c := range []struct {
		flag string
		key  string
		val  string
		dst  *string
	}{
		{"id-field", "id_field", file.IDField, &o.fields.ID},
		{"text-field", "text_field", file.TextField, &o.fields.Text},
		{"outlet-field", "outlet_field", file.OutletField, &o.fields.Outlet},
		{"published-field", "published_field", file.PublishedField, &o.fields.Published},
		{"title-field", "title_field", file.TitleField, &o.fields.Title},
		{"url-field", "url_field", file.URLField, &o.fields.URL},
		{"author-field", "author_field", file.AuthorField, &o.fields.Author},
		{"input-format", "input_format", file.InputFormat, &o.format},
	} {
		if c.val != "" && !flags.Changed(c.flag) {
			*c.dst = c.val
			if part, ok := strings.CutSuffix(c.flag, "-field"); ok {
				if o.fieldSources == nil {
					o.fieldSources = map[string]string{}
				}
				o.fieldSources[part] = c.key + " in " + configName
			}
		}
	}
}

// addReadWarnings puts in the report what the reader passed over without
// listing it: skipped records beyond --max-skipped, and the metadata
// fields dropped from articles that were kept.
func addReadWarnings(rep *report.Report, rd *corpus.Reader) {
	if msg := skippedMessage(rd); msg != "" {
		rep.Warnings = append(rep.Warnings, msg)
	}
	for _, e := range rd.FieldWarnings {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: %s", e.Pos, e.Reason))
	}
	for _, e := range rd.Dropped() {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: %s", e.Pos, e.Reason))
	}
	if s := rd.DroppedSummary(); s != "" {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%d articles were kept without a bad date or title; the first %d are listed, %s", rd.DroppedTotal(), len(rd.Dropped()), s))
	}
}

func skippedMessage(rd *corpus.Reader) string {
	s := rd.SkippedSummary()
	if s == "" {
		return ""
	}
	return fmt.Sprintf("%d bad records were skipped; the first %d are listed, %s", rd.SkippedTotal(), len(rd.Skipped), s)
}

// tellSkipped tells standard error of skipped records that are not
// listed, since the report may go to a file.
func tellSkipped(rd *corpus.Reader, ios *streams) {
	if msg := skippedMessage(rd); msg != "" {
		fmt.Fprintf(ios.Err, "wiretrace: %s\n", msg)
	}
}

// tellFieldWarnings tells standard error of the record inputs read with
// a field missing, for commands that write no report to list them in.
func tellFieldWarnings(rd *corpus.Reader, ios *streams) {
	for _, e := range rd.FieldWarnings {
		fmt.Fprintf(ios.Err, "wiretrace: warning: %s\n", termSafe(e.Error()))
	}
}

// inputHelp is the part of a command's help about inputs.
var inputHelp = strings.TrimSpace(`
INPUT is a JSON Lines, CSV or TSV file (.jsonl, .csv, .tsv, each plain,
.gz or .zst), a Parquet file (.parquet), - for JSON Lines (or
--input-format csv/tsv) on standard input, a directory of .txt, .md,
.html and .htm files and WARC crawls (the first directory level is the
outlet unless the file says otherwise; other files in it are not read), a
single such file, or a WARC crawl (.warc, .warc.gz) whose HTML responses
become articles. Records whose fields have other names are
read with --id-field, --text-field… (or the same keys in .wiretrace.yaml).`)
