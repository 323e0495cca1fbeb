package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
)

// Prism runs in this process and holds every stage's data in memory, and
// much of what it allocates is short-lived copies of a stage's input on
// their way to the worker: with the collector's default pacing the heap
// grows to twice what is live. A soft limit makes the collector work
// harder near it instead (100k generated articles: 13.6 GB peak RSS with a
// 12 GiB limit, 18.7 GB without, for 4% more CPU). Past the limit it
// follows the live heap, as wiretrace scan's does (cmd/wiretrace/
// heap_limit.go): a limit below what is live would make the collector run
// without pause for nothing.

// memoryShare: the default --memory is 1/memoryShare of the machine's.
const memoryShare = 2

// liveHeadroom: past the limit, the heap may grow by 1/liveHeadroom of
// the live heap before a collection.
const liveHeadroom = 4

// machineMemory is the machine's memory in bytes, 0 when unknown.
func machineMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			if kb, err := strconv.ParseInt(fields[1], 10, 64); err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// sizeFlag is a size such as 12GiB, 512MiB, 1.5G or 800M (powers of
// 1024), or a number of bytes.
type sizeFlag struct{ n *int64 }

func (s sizeFlag) String() string {
	var n int64
	if s.n != nil {
		n = *s.n
	}
	if n < 1<<30 {
		return strconv.FormatInt(n, 10)
	}
	return strconv.FormatFloat(float64(n)/(1<<30), 'f', 1, 64) + "GiB"
}

func (s sizeFlag) Set(v string) error {
	t := strings.ToLower(strings.TrimSpace(v))
	shift := 0
	for _, u := range []struct {
		suffix string
		shift  int
	}{{"gib", 30}, {"mib", 20}, {"kib", 10}, {"gb", 30}, {"mb", 20}, {"kb", 10}, {"g", 30}, {"m", 20}, {"k", 10}, {"b", 0}} {
		if strings.HasSuffix(t, u.suffix) {
			t, shift = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.shift
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || f*float64(int64(1)<<shift) > 1<<62 {
		return fmt.Errorf("%q is not a size (examples: 12GiB, 512MiB, 1.5G)", v)
	}
	*s.n = int64(f * float64(int64(1)<<shift))
	return nil
}

// setMemoryLimit makes base the soft memory limit of the process, raised
// after each collection to the live heap plus a quarter when that is
// more. GOMEMLIMIT, when set, wins; base 0 sets none.
func setMemoryLimit(base int64) {
	if base <= 0 || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(base)
	afterEachGC(func() {
		live := liveHeap()
		debug.SetMemoryLimit(max(base, live+live/liveHeadroom))
	})
}

var liveSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

// liveHeap is the heap marked live by the last collection.
func liveHeap() int64 {
	metrics.Read(liveSample)
	if liveSample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(min(liveSample[0].Value.Uint64(), math.MaxInt64))
}

// afterEachGC calls fn after every collection: an unreachable object's
// cleanup runs once the collector has found it unreachable, and each call
// arms the next. (The sentinel is 32 bytes: objects under 16 share
// blocks, and their cleanups may never run.)
func afterEachGC(fn func()) {
	sentinel := new([4]int64)
	runtime.AddCleanup(sentinel, func(struct{}) {
		fn()
		afterEachGC(fn)
	}, struct{}{})
}
