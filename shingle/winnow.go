package shingle

// Winnow returns the positions of the winnowed fingerprints of a shingle
// sequence: in every window of w consecutive shingles, the rightmost minimum
// is selected, and each selected position is reported once, in order. A
// sequence shorter than w yields its minimum.
func Winnow(shingles []uint64, w int) []int {
	if len(shingles) == 0 {
		return nil
	}
	if w < 1 {
		w = 1
	}
	if len(shingles) < w {
		w = len(shingles)
	}
	var picks []int
	last := -1
	for start := 0; start+w <= len(shingles); start++ {
		min := start
		for i := start + 1; i < start+w; i++ {
			if shingles[i] <= shingles[min] {
				min = i
			}
		}
		if min != last {
			picks = append(picks, min)
			last = min
		}
	}
	return picks
}
