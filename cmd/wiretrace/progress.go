package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/wiretrace/wiretrace/match"
)

// progress prints a one-line status to a terminal every interval until
// stopped: articles read and fingerprinted, the rate, the stage, and the
// time left while reading when the share of input read is known.
type progress struct {
	w        io.Writer
	scanner  *match.Scanner
	fraction func() float64 // share of the input read, or -1 when unknown
	start    time.Time
	stop     chan struct{}
	wg       sync.WaitGroup
}

func startProgress(w io.Writer, s *match.Scanner, fraction func() float64, interval time.Duration) *progress {
	p := &progress{w: w, scanner: s, fraction: fraction, start: time.Now(), stop: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		fmt.Fprint(p.w, p.line())
		for {
			select {
			case <-p.stop:
				fmt.Fprint(p.w, "\r\x1b[K")
				return
			case <-t.C:
				fmt.Fprint(p.w, "\r\x1b[K"+p.line())
			}
		}
	}()
	return p
}

func (p *progress) line() string {
	pr := p.scanner.Progress()
	elapsed := time.Since(p.start)
	rate := float64(pr.Fingerprinted) / max(elapsed.Seconds(), 0.001)
	s := fmt.Sprintf("%s: %d articles read, %d fingerprinted, %.0f/s, %s", pr.Phase, pr.Added, pr.Fingerprinted, rate, elapsed.Round(time.Second))
	if f := p.fraction(); pr.Phase == "reading" && f > 0.01 && f < 1 {
		left := time.Duration(float64(elapsed) * (1 - f) / f)
		s += fmt.Sprintf(", about %s left to read", left.Round(time.Second))
	}
	return s
}

func (p *progress) Stop() {
	close(p.stop)
	p.wg.Wait()
}
