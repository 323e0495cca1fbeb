// Package buildinfo says which wiretrace made an output: the module
// version, the VCS revision and time, whether the tree had uncommitted
// changes, and the Go version, all read from the binary itself
// (runtime/debug.ReadBuildInfo), so no release step has to stamp them.
//
// A binary installed with `go install …@v1.2.3` carries its module
// version; one built in a checkout carries "(devel)" or, with Go 1.24 and
// later, a pseudo-version made from the revision, plus the vcs.* settings.
// `go run` and test binaries carry neither revision nor time; the fields
// are then empty and String says what is known.
package buildinfo

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// Info describes a build.
type Info struct {
	// Module is the main module's path.
	Module string `json:"module"`
	// Version is the module version: "v1.2.3", a pseudo-version, or
	// "(devel)" for a build in a checkout without VCS stamping.
	Version string `json:"version"`
	// Revision and Time are the VCS commit and its time (RFC 3339), empty
	// when the build was not stamped (go run, tests, -buildvcs=false).
	Revision string `json:"revision,omitempty"`
	Time     string `json:"time,omitempty"`
	// Modified is true when the work tree had uncommitted changes.
	Modified bool `json:"modified,omitempty"`
	// GoVersion is the toolchain that built the binary.
	GoVersion string `json:"go"`
}

// Read returns the running binary's build information.
func Read() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{Module: "github.com/wiretrace/wiretrace", Version: "(unknown)", GoVersion: runtime.Version()}
	}
	return FromBuildInfo(bi)
}

// FromBuildInfo extracts an Info from bi (split out for tests).
func FromBuildInfo(bi *debug.BuildInfo) Info {
	in := Info{Module: bi.Main.Path, Version: bi.Main.Version, GoVersion: bi.GoVersion}
	if in.Version == "" {
		in.Version = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			in.Revision = s.Value
		case "vcs.time":
			in.Time = s.Value
		case "vcs.modified":
			in.Modified = s.Value == "true"
		}
	}
	return in
}

// Version is the shortest useful version string: the module version, or,
// for a development build, the first 12 digits of the revision (with
// "+dirty" for a modified tree) when known. SARIF's driver.version and
// an index's "made by" use it.
func Version() string { return Read().Short() }

// Short renders in as Version does.
func (in Info) Short() string {
	v := in.Version
	if (v == "(devel)" || v == "(unknown)") && in.Revision != "" {
		v = shortRev(in.Revision)
	}
	if in.Modified && !strings.HasSuffix(v, "+dirty") {
		v += "+dirty"
	}
	return v
}

// String is one line for `wiretrace version`: "wiretrace v1.2.3
// (revision 0123456789ab, 2026-01-02T03:04:05Z, modified) go1.26.1".
func (in Info) String() string {
	var b strings.Builder
	b.WriteString("wiretrace ")
	b.WriteString(in.Version)
	var extra []string
	if in.Revision != "" {
		extra = append(extra, "revision "+shortRev(in.Revision))
	}
	if in.Time != "" {
		extra = append(extra, in.Time)
	}
	if in.Modified {
		extra = append(extra, "modified")
	}
	if len(extra) > 0 {
		b.WriteString(" (" + strings.Join(extra, ", ") + ")")
	}
	if in.GoVersion != "" {
		b.WriteString(" " + in.GoVersion)
	}
	return b.String()
}

func shortRev(r string) string {
	if len(r) > 12 {
		return r[:12]
	}
	return r
}
