package report

import (
	"bytes"
	"fmt"
	"testing"
)

// TestBuildStreamingWritesTheSameJSON builds the report of one generated
// corpus with Build and with BuildStreaming, in one batch and in batches of
// a few stories: the JSON must be the same bytes (stories, provenance and
// the outlets counted as the stories stream by), and the streamed report
// must hold no story until written.
func TestBuildStreamingWritesTheSameJSON(t *testing.T) {
	var whole bytes.Buffer
	full := generatedReport(t, 40, 9)
	if err := WriteJSON(&whole, full); err != nil {
		t.Fatal(err)
	}
	if len(full.Clusters) < 20 {
		t.Fatalf("%d stories: too few for batches to matter", len(full.Clusters))
	}
	defer func(b int) { streamBatch, streamReports = b, false }(streamBatch)
	for _, batch := range []int{1024, 7, 1} {
		t.Run(fmt.Sprint("batch ", batch), func(t *testing.T) {
			streamBatch, streamReports = batch, true
			lazy := generatedReport(t, 40, 9)
			if !lazy.Streamed() || len(lazy.Clusters) != 0 || len(lazy.Outlets) != 0 {
				t.Fatalf("streamed report: Streamed %v, %d stories and %d outlets held before writing", lazy.Streamed(), len(lazy.Clusters), len(lazy.Outlets))
			}
			var streamed bytes.Buffer
			if err := WriteJSON(&streamed, lazy); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
				t.Errorf("BuildStreaming wrote %d bytes, Build %d (%d stories); want the same bytes", streamed.Len(), whole.Len(), len(full.Clusters))
			}
		})
	}
}
