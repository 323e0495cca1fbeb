package report

import (
	"bytes"
	"testing"
)

// TestBuildStreamingWritesTheSameJSON builds the report of one generated
// corpus with Build and with BuildStreaming: the JSON must be the same
// bytes, and the streamed report must hold no story until written.
func TestBuildStreamingWritesTheSameJSON(t *testing.T) {
	var whole, streamed bytes.Buffer
	full := generatedReport(t, 40, 9)
	if err := WriteJSON(&whole, full); err != nil {
		t.Fatal(err)
	}
	buildReport = BuildStreaming
	defer func() { buildReport = Build }()
	lazy := generatedReport(t, 40, 9)
	if !lazy.Streamed() || len(lazy.Clusters) != 0 {
		t.Fatalf("streamed report: Streamed %v, %d stories held before writing", lazy.Streamed(), len(lazy.Clusters))
	}
	if err := WriteJSON(&streamed, lazy); err != nil {
		t.Fatal(err)
	}
	if len(full.Clusters) == 0 || !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
		t.Errorf("BuildStreaming wrote %d bytes, Build %d (%d stories); want the same bytes", streamed.Len(), whole.Len(), len(full.Clusters))
	}
}
