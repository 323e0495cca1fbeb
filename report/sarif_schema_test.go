package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// The SARIF 2.1.0 schema in testdata is the OASIS one
// (sarif-2.1/schema/sarif-schema-2.1.0.json of oasis-tcs/sarif-spec,
// errata01), a JSON Schema draft-04 document. validate implements the
// keywords that schema uses — type, $ref, properties, required,
// additionalProperties, items, minItems, uniqueItems, minimum, maximum,
// enum, pattern, format (uri, uri-reference, date-time), anyOf, oneOf —
// and fails the test on any other, so a schema it cannot fully check is
// not silently half-checked. (No JSON Schema validator is a dependency of
// the module; this is about 150 lines.)

type schemaValidator struct {
	root map[string]any
	errs []string
}

var knownKeywords = map[string]bool{
	"$schema": true, "id": true, "title": true, "description": true, "default": true, "definitions": true,
	"type": true, "$ref": true, "properties": true, "required": true, "additionalProperties": true,
	"items": true, "minItems": true, "uniqueItems": true, "minimum": true, "maximum": true,
	"enum": true, "pattern": true, "format": true, "anyOf": true, "oneOf": true,
}

func loadSARIFSchema(t *testing.T) *schemaValidator {
	t.Helper()
	b, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	if err := decodeNumbers(b, &root); err != nil {
		t.Fatal(err)
	}
	return &schemaValidator{root: root}
}

func decodeNumbers(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}

// validateSARIF checks doc against the schema and returns every violation.
func (v *schemaValidator) validateSARIF(t *testing.T, doc []byte) []string {
	t.Helper()
	var inst any
	if err := decodeNumbers(doc, &inst); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	v.errs = nil
	v.check(t, v.root, inst, "$")
	return v.errs
}

func (v *schemaValidator) fail(path, format string, args ...any) {
	v.errs = append(v.errs, path+": "+fmt.Sprintf(format, args...))
}

func (v *schemaValidator) resolve(t *testing.T, ref string) map[string]any {
	if !strings.HasPrefix(ref, "#/") {
		t.Fatalf("unsupported $ref %q", ref)
	}
	var node any = v.root
	for _, part := range strings.Split(ref[2:], "/") {
		node = node.(map[string]any)[part]
	}
	return node.(map[string]any)
}

func (v *schemaValidator) check(t *testing.T, s map[string]any, inst any, path string) {
	for k := range s {
		if !knownKeywords[k] {
			t.Fatalf("schema keyword %q at %s is not implemented by this validator", k, path)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		v.check(t, v.resolve(t, ref), inst, path)
	}
	if ty, ok := s["type"]; ok && !typeMatches(ty, inst) {
		v.fail(path, "type %v wanted, got %T", ty, inst)
		return
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || reflect.DeepEqual(e, inst)
		}
		if !found {
			v.fail(path, "%v is not one of %v", inst, enum)
		}
	}
	for _, key := range []string{"anyOf", "oneOf"} {
		alts, ok := s[key].([]any)
		if !ok {
			continue
		}
		n := 0
		for _, a := range alts {
			sub := &schemaValidator{root: v.root}
			sub.check(t, a.(map[string]any), inst, path)
			if len(sub.errs) == 0 {
				n++
			}
		}
		if n == 0 || (key == "oneOf" && n > 1) {
			v.fail(path, "%d alternatives of %s match", n, key)
		}
	}
	switch x := inst.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := x[r.(string)]; !ok {
				v.fail(path, "required property %q missing", r)
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ps, ok := props[k]; ok {
				v.check(t, ps.(map[string]any), x[k], path+"."+k)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					v.fail(path, "property %q is not allowed", k)
				}
			case map[string]any:
				v.check(t, ap, x[k], path+"."+k)
			}
		}
	case []any:
		if m, ok := s["minItems"].(json.Number); ok {
			if n, _ := m.Int64(); int64(len(x)) < n {
				v.fail(path, "%d items, at least %d wanted", len(x), n)
			}
		}
		if u, _ := s["uniqueItems"].(bool); u {
			for i := range x {
				for j := i + 1; j < len(x); j++ {
					if reflect.DeepEqual(x[i], x[j]) {
						v.fail(path, "items %d and %d are equal", i, j)
					}
				}
			}
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, it := range x {
				v.check(t, items, it, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	case json.Number:
		f, _ := new(big.Float).SetString(x.String())
		if m, ok := s["minimum"].(json.Number); ok {
			if lim, _ := new(big.Float).SetString(m.String()); f.Cmp(lim) < 0 {
				v.fail(path, "%s is below the minimum %s", x, m)
			}
		}
		if m, ok := s["maximum"].(json.Number); ok {
			if lim, _ := new(big.Float).SetString(m.String()); f.Cmp(lim) > 0 {
				v.fail(path, "%s is above the maximum %s", x, m)
			}
		}
	case string:
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(x) {
			v.fail(path, "%q does not match %s", x, p)
		}
		if f, ok := s["format"].(string); ok {
			if err := checkFormat(f, x); err != nil {
				v.fail(path, "%q is not a %s: %v", x, f, err)
			}
		}
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func typeMatches(ty, inst any) bool {
	if list, ok := ty.([]any); ok {
		for _, t := range list {
			if typeMatches(t, inst) {
				return true
			}
		}
		return false
	}
	switch ty {
	case "object":
		_, ok := inst.(map[string]any)
		return ok
	case "array":
		_, ok := inst.([]any)
		return ok
	case "string":
		_, ok := inst.(string)
		return ok
	case "boolean":
		_, ok := inst.(bool)
		return ok
	case "null":
		return inst == nil
	case "number":
		_, ok := inst.(json.Number)
		return ok
	case "integer":
		n, ok := inst.(json.Number)
		if !ok {
			return false
		}
		f, _ := new(big.Float).SetString(n.String())
		return f != nil && f.IsInt()
	}
	panic("unknown type " + fmt.Sprint(ty))
}

// checkFormat checks the string formats of the schema: RFC 3986 URIs and
// URI references (no spaces, no unescaped characters outside the URI
// alphabet, a scheme for uri) and RFC 3339 times.
func checkFormat(format, s string) error {
	switch format {
	case "date-time":
		_, err := time.Parse(time.RFC3339Nano, s)
		return err
	case "uri", "uri-reference":
		for _, r := range s {
			if r > 0x7e || r <= 0x20 || strings.ContainsRune(`"<>\^{|}`+"`", r) {
				return fmt.Errorf("character %q must be percent-encoded", r)
			}
		}
		u, err := url.Parse(s)
		if err != nil {
			return err
		}
		if format == "uri" && !u.IsAbs() {
			return fmt.Errorf("not absolute")
		}
		return nil
	}
	return fmt.Errorf("format %q not implemented by this validator", format)
}

// TestSchemaValidatorFails makes sure the validator can fail: a log with
// a result without message, a bad level and an unknown property.
func TestSchemaValidatorFails(t *testing.T) {
	v := loadSARIFSchema(t)
	bad := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"level":"fatal","colour":1,
		"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a b"},"region":{"startLine":0}}}]}]}]}`
	errs := v.validateSARIF(t, []byte(bad))
	for _, want := range []string{`required property "message" missing`, `fatal is not one of`, `property "colour" is not allowed`,
		`"a b" is not a uri-reference`, `0 is below the minimum 1`} {
		found := false
		for _, e := range errs {
			found = found || strings.Contains(e, want)
		}
		if !found {
			t.Errorf("validator missed %q; it said %q", want, errs)
		}
	}
}
