package match

import (
	"context"
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/corpus"
)

func TestProfileSaudi(t *testing.T) {
	path := os.Getenv("WT_PROFILE_INPUT")
	if path == "" {
		t.Skip("WT_PROFILE_INPUT not set")
	}
	defer func() { mf, _ := os.Create("/tmp/mem.prof"); pprof.WriteHeapProfile(mf); mf.Close() }()
	f, _ := os.Create("/tmp/cpu.prof")
	pprof.StartCPUProfile(f)
	defer pprof.StopCPUProfile()
	o := DefaultOptions()
	o.Workers = 2
	s, _ := NewScanner(o, nil)
	start := time.Now()
	rd := corpus.NewReader(corpus.Options{SkipBad: true, Workers: 2})
	if err := rd.Read(context.Background(), []string{path}, s.Add); err != nil {
		t.Fatal(err)
	}
	t.Logf("read %v", time.Since(start))
	res, err := s.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Phases {
		t.Logf("%-20s %v", p.Name, p.Duration)
	}
}
