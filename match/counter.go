package match

import "slices"

// keySet is a set of 64-bit keys with open addressing and linear probing:
// one probe in the common case, and no per-entry allocation. Key 0 marks an
// empty slot and is stored as 1 (a collision of two hash values, harmless
// for boilerplate keys).
type keySet struct {
	slots []uint64
	n     int
	mask  uint64
}

func newKeySet() *keySet {
	return &keySet{slots: make([]uint64, 64), mask: 63}
}

// home mixes all bits of the key: packed keys have their low bits zero.
func (t *keySet) home(key uint64) uint64 {
	key ^= key >> 31
	key *= 0x9E3779B97F4A7C15
	key ^= key >> 29
	return key & t.mask
}

func (t *keySet) add(key uint64) {
	if key == 0 {
		key = 1
	}
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	i := t.home(key)
	for t.slots[i] != 0 {
		if t.slots[i] == key {
			return
		}
		i = (i + 1) & t.mask
	}
	t.slots[i] = key
	t.n++
}

func (t *keySet) has(key uint64) bool {
	if key == 0 {
		key = 1
	}
	for i := t.home(key); t.slots[i] != 0; i = (i + 1) & t.mask {
		if t.slots[i] == key {
			return true
		}
	}
	return false
}

func (t *keySet) grow() {
	old := t.slots
	t.slots = make([]uint64, 2*len(old))
	t.mask = uint64(len(t.slots) - 1)
	t.n = 0
	for _, k := range old {
		if k != 0 {
			t.add(k)
		}
	}
}

func (t *keySet) each(fn func(uint64)) {
	for _, k := range t.slots {
		if k != 0 {
			fn(k)
		}
	}
}

func (t *keySet) sorted() []uint64 {
	keys := make([]uint64, 0, t.n)
	t.each(func(k uint64) { keys = append(keys, k) })
	slices.Sort(keys)
	return keys
}
