package demo

import (
	"math/bits"
	"math/rand/v2"
	"time"
)

// Streams keep the random draws of one concern apart from another's, so that,
// for example, the factory registry can rebuild a customer's cars without
// drawing the customer's name, and adding a field to the profile does not
// change anyone's cars.
type stream uint64

const (
	streamDealer stream = iota + 1
	streamSkeleton
	streamProfile
	streamMessages
	streamStock
	streamSale
	streamStaff
	streamPerm
	streamRef
	streamVehicle
	streamMessageID
)

// mix64 is the finaliser of SplitMix64: a bijection on uint64 that scatters
// neighbouring inputs over the whole range.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// rnd is a reseedable source: one per worker, reseeded for every entity, so
// that entity i's data depend only on (seed, stream, i) — random access by
// index, the same sequence on every pass, and no allocation per entity.
type rnd struct {
	pcg rand.PCG
	*rand.Rand
}

func newRnd() *rnd {
	r := &rnd{}
	r.Rand = rand.New(&r.pcg)
	return r
}

func (r *rnd) reset(seed uint64, s stream, i uint64) {
	r.pcg.Seed(mix64(seed^mix64(uint64(s))), mix64(i^mix64(seed+uint64(s)*0x9e3779b97f4a7c15)))
}

// chance reports true with probability p.
func (r *rnd) chance(p float64) bool { return r.Float64() < p }

// between returns an int in [lo, hi].
func (r *rnd) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// skewed returns an index in [0, n) that favours the start of a list
// ordered by frequency.
func (r *rnd) skewed(n int) int {
	u := r.Float64()
	return int(float64(n) * u * u)
}

// scale maps u in [0, 1] onto [lo, hi]. The explicit conversion rounds the
// product before the sum, so that no architecture fuses them into one
// multiply-add instruction: the data are the same on every machine.
func scale(lo, hi, u float64) float64 { return lo + float64((hi-lo)*u) }

// duration returns a duration uniformly in [lo, hi], in whole seconds: the
// data's times have no fractions of a second.
func (r *rnd) duration(lo, hi time.Duration) time.Duration {
	lo, hi = lo.Truncate(time.Second), hi.Truncate(time.Second)
	if hi <= lo {
		return lo
	}
	return lo + time.Duration(r.Int64N(int64((hi-lo)/time.Second)+1))*time.Second
}

// weighted picks an index by cumulative weights (cum[i] = sum of weights 0..i).
func (r *rnd) weighted(cum []int) int {
	x := r.IntN(cum[len(cum)-1])
	lo, hi := 0, len(cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

func pick[T any](r *rnd, xs []T) T { return xs[r.IntN(len(xs))] }

func cumulative(ws []int) []int {
	cum := make([]int, len(ws))
	t := 0
	for i, w := range ws {
		t += w
		cum[i] = t
	}
	return cum
}

// perm is a pseudo-random permutation of [0, n): a keyed bijection of the
// smallest power-of-two range that holds n, walked until it lands inside
// [0, n) (cycle walking keeps it a bijection), then shifted by b. It turns
// an index into a scattered but collision-free number: VIN serials, customer
// IDs, phone numbers and order requests are unique by construction, with no
// set of used values to keep.
type perm struct {
	n, b, mask, k1, k2 uint64
	half               uint
}

func newPerm(seed uint64, salt, n uint64) perm {
	h := mix64(seed ^ mix64(salt^uint64(streamPerm)<<32))
	width := uint(bits.Len64(n - 1))
	width = max(width, 2)
	mask := uint64(1)<<width - 1
	return perm{n: n, b: 0, mask: mask, k1: h & mask, k2: mix64(h) & mask, half: (width + 1) / 2}
}

func (p perm) at(i uint64) uint64 {
	x := i % p.n
	for {
		x = p.round(x)
		if x < p.n {
			return (x + p.b) % p.n
		}
	}
}

// round is a bijection of [0, mask]: key, multiply by an odd number,
// xor-shift, twice.
func (p perm) round(x uint64) uint64 {
	x = (x ^ p.k1) * 0x9e3779b97f4a7c15 & p.mask
	x ^= x >> p.half
	x = (x ^ p.k2) * 0xbf58476d1ce4e5b9 & p.mask
	x ^= x >> p.half
	x = x * 0x94d049bb133111eb & p.mask
	x ^= x >> (p.half/2 + 1)
	return x
}

// pin shifts the permutation so that i maps to v.
func (p *perm) pin(i, v uint64) {
	p.b = 0
	p.b = (v + p.n - p.at(i)) % p.n
}

// uuidOf makes a UUID-shaped identifier (version 4 layout) for entity i of
// one kind. Its low 62 bits are a bijection of i, so two entities of a kind
// never share one.
func uuidOf(seed uint64, s stream, i uint64) string {
	const mask62 = 1<<62 - 1
	key := mix64(seed ^ uint64(s)<<40)
	x := (i ^ key) & mask62
	x ^= x >> 29
	x = x * 0xbf58476d1ce4e5b9 & mask62
	x ^= x >> 32
	x = x * 0x94d049bb133111eb & mask62
	x ^= x >> 29
	lo := 1<<63 | x
	hi := mix64(key^mix64(i+1))&^0xf000 | 0x4000
	var b [36]byte
	const hex = "0123456789abcdef"
	j := 0
	for k := 0; k < 32; k++ {
		if k == 8 || k == 12 || k == 16 || k == 20 {
			b[j] = '-'
			j++
		}
		var nib uint64
		if k < 16 {
			nib = hi >> (60 - 4*k) & 0xf
		} else {
			nib = lo >> (60 - 4*(k-16)) & 0xf
		}
		b[j] = hex[nib]
		j++
	}
	return string(b[:])
}
