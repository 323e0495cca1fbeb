package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// streams is the command's view of its standard streams, so tests can run
// commands with or without a terminal.
type streams struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	OutTTY bool
	ErrTTY bool
	Width  int // terminal width of Out, 0 when unknown
}

func systemStreams() *streams {
	s := &streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}
	if fd := int(os.Stdout.Fd()); term.IsTerminal(fd) {
		s.OutTTY = true
		if w, _, err := term.GetSize(fd); err == nil {
			s.Width = w
		}
	}
	s.ErrTTY = term.IsTerminal(int(os.Stderr.Fd()))
	return s
}

// color reports whether output to the terminal may use ANSI styles.
func (s *streams) color() bool {
	_, noColor := os.LookupEnv("NO_COLOR")
	return s.OutTTY && !noColor
}

// withoutProgress returns a copy of s that shows no progress: standard
// error is treated as not a terminal.
func (s *streams) withoutProgress() *streams {
	c := *s
	c.ErrTTY = false
	return &c
}
