package memlimit

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Machine is the machine's memory in bytes, 0 when unknown.
func Machine() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// Size is a flag value, for flag and pflag, for sizes such as 2GiB,
// 512MiB, 1.5G or 800M (powers of 1024) or a plain number of bytes.
type Size struct{ N *int64 }

func (b Size) String() string {
	if b.N == nil { // flag's zero value, for its help
		return "0"
	}
	return FormatSize(*b.N)
}
func (b Size) Type() string { return "size" }

func (b Size) Set(s string) error {
	n, err := ParseSize(s)
	if err != nil {
		return err
	}
	*b.N = n
	return nil
}

var sizeUnits = []struct {
	suffix string
	shift  uint
}{{"tib", 40}, {"gib", 30}, {"mib", 20}, {"kib", 10}, {"tb", 40}, {"gb", 30}, {"mb", 20}, {"kb", 10},
	{"t", 40}, {"g", 30}, {"m", 20}, {"k", 10}, {"b", 0}}

// ParseSize reads a size such as 2GiB, 512MiB, 1.5G or a number of bytes.
func ParseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	shift := uint(0)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, shift = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.shift
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 0 || v*float64(int64(1)<<shift) > 1<<62 {
		return 0, fmt.Errorf("%q is not a size (examples: 2GiB, 512MiB, 1.5G)", s)
	}
	return int64(v * float64(int64(1)<<shift)), nil
}

// FormatSize writes n in GiB or MiB when it is a whole number of them.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	}
	return strconv.FormatInt(n, 10)
}
