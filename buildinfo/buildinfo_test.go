package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Path: "github.com/wiretrace/wiretrace", Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}, {Key: "vcs.modified", Value: "true"}}}
	in := FromBuildInfo(bi)
	if in.Revision != "0123456789abcdef0123" || in.Time != "2026-01-02T03:04:05Z" || !in.Modified || in.GoVersion != "go1.26.1" {
		t.Fatalf("%+v", in)
	}
	if got, want := in.Short(), "0123456789ab+dirty"; got != want {
		t.Errorf("Short() = %q, want %q", got, want)
	}
	if got, want := in.String(), "wiretrace (devel) (revision 0123456789ab, 2026-01-02T03:04:05Z, modified) go1.26.1"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}

	rel := FromBuildInfo(&debug.BuildInfo{GoVersion: "go1.26.1", Main: debug.Module{Version: "v1.2.3"}})
	if rel.Short() != "v1.2.3" || rel.String() != "wiretrace v1.2.3 go1.26.1" {
		t.Errorf("release: %q / %q", rel.Short(), rel.String())
	}
	if FromBuildInfo(&debug.BuildInfo{}).Version != "(devel)" {
		t.Error("an empty main version is not (devel)")
	}
}

func TestReadInTest(t *testing.T) {
	in := Read()
	if in.GoVersion == "" || in.Version == "" || Version() == "" {
		t.Errorf("Read() in a test binary: %+v", in)
	}
}
