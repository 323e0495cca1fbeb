package corpus

import (
	"os"
	"path/filepath"
	"strings"
)

// InputError is a list of inputs that cannot be read as given: the same
// file or directory given twice (under one name or two), or a file or
// directory inside a directory also given. Its articles would be read
// twice and every one of them reported as a duplicate id.
type InputError struct {
	Input string // the input named second
	Other string // the input it repeats, or the directory it is inside
	// Inside: Input is inside the directory Other, not the same input.
	Inside bool
}

func (e *InputError) Error() string {
	switch {
	case e.Inside:
		return "input " + e.Input + " is inside the input directory " + e.Other + ": its articles would be read twice"
	case e.Input == e.Other:
		return "input given twice: " + e.Input
	}
	return "input given twice: " + e.Other + " and " + e.Input + " are the same"
}

// checkInputs finds an input given twice or inside a directory input.
// Inputs that cannot be found are left to the reading to report.
func checkInputs(inputs []string) error {
	type seen struct {
		name string
		info os.FileInfo
		real string // absolute path with links resolved, "" if unknown
	}
	var prev []seen
	for _, in := range inputs {
		if in == "-" {
			for _, p := range prev {
				if p.name == "-" {
					return &InputError{Input: in, Other: in}
				}
			}
			prev = append(prev, seen{name: in})
			continue
		}
		info, err := os.Stat(in)
		if err != nil {
			continue
		}
		real := ""
		if r, err := filepath.EvalSymlinks(in); err == nil {
			if abs, err := filepath.Abs(r); err == nil {
				real = abs
			}
		}
		for _, p := range prev {
			if p.info == nil {
				continue
			}
			if os.SameFile(p.info, info) {
				return &InputError{Input: in, Other: p.name}
			}
			if real == "" || p.real == "" {
				continue
			}
			if p.info.IsDir() && walked(real, info, p.real) {
				return &InputError{Input: in, Other: p.name, Inside: true}
			}
			if info.IsDir() && walked(p.real, p.info, real) {
				return &InputError{Input: p.name, Other: in, Inside: true}
			}
		}
		prev = append(prev, seen{name: in, info: info, real: real})
	}
	return nil
}

// walked reports whether reading the directory dir reads path too: path
// is inside it, not under a hidden name (the walk skips those), and is a
// directory or a file of a kind directories are read for (a .jsonl file
// in a directory input is not read, so giving it too is no repeat).
func walked(path string, info os.FileInfo, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return info.IsDir() || isTextFile(path) || isHTMLFile(path) || isWARC(path)
}
