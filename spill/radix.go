package spill

// RadixSort sorts a by the bits above skip (the low skip bits hold a
// document number in a packed entry) with a stable least-significant-digit
// radix sort of 13-bit digits, skipping digits on which all entries agree.
// Entries appended in document order keep that order within a key without
// sorting the document bits. buf, of len(a), is the sort's scratch space;
// on tens of millions of words this is several times faster than a
// comparison sort.
func RadixSort(a, buf []uint64, skip uint) {
	if len(a) < 2 {
		return
	}
	const digit = 13
	src, dst := a, buf[:len(a)]
	var counts [1 << digit]int
	for shift := skip; shift < 64; shift += digit {
		clear(counts[:])
		for _, v := range src {
			counts[(v>>shift)&(1<<digit-1)]++
		}
		if counts[(src[0]>>shift)&(1<<digit-1)] == len(src) {
			continue // every entry has this digit
		}
		sum := 0
		for i, c := range counts {
			counts[i] = sum
			sum += c
		}
		for _, v := range src {
			d := (v >> shift) & (1<<digit - 1)
			dst[counts[d]] = v
			counts[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
}
