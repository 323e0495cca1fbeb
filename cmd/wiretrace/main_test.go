package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	// Tests that kill or race wiretrace processes run this binary as it.
	if os.Getenv("WIRETRACE_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], systemStreams()))
	}
	testscript.Main(m, map[string]func(){
		"wiretrace": func() {
			os.Exit(run(os.Args[1:], systemStreams()))
		},
	})
}

// updateScripts rewrites the files a script compares output with (cmp
// stdout want.json) from what the commands printed.
var updateScripts = flag.Bool("update-scripts", false, "rewrite the expected files in testdata/script")

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *updateScripts,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"gzip":       cmdGzip,
			"writebytes": cmdWriteBytes,
		},
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			return nil
		},
	})
}

// cmdGzip compresses a file: gzip SRC DST.
func cmdGzip(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: gzip SRC DST")
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(ts.ReadFile(args[0])))
	zw.Close()
	if err := os.WriteFile(ts.MkAbs(args[1]), b.Bytes(), 0o644); err != nil {
		ts.Fatalf("%v", err)
	}
}

// cmdWriteBytes writes a file with \xNN escapes decoded, for invalid UTF-8:
// writebytes FILE TEXT.
func cmdWriteBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writebytes FILE TEXT")
	}
	var out []byte
	s := args[1]
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' {
			var v byte
			for _, c := range []byte(s[i+2 : i+4]) {
				v <<= 4
				switch {
				case c >= '0' && c <= '9':
					v |= c - '0'
				case c >= 'a' && c <= 'f':
					v |= c - 'a' + 10
				}
			}
			out = append(out, v)
			i += 3
			continue
		}
		if s[i] == '\\' && i+1 < len(s) && s[i+1] == 'n' {
			out = append(out, '\n')
			i++
			continue
		}
		out = append(out, s[i])
	}
	if err := os.WriteFile(ts.MkAbs(args[0]), out, 0o644); err != nil {
		ts.Fatalf("%v", err)
	}
}
