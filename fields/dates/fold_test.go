package dates

import (
	"sync"
	"testing"
)

// TestFoldConcurrently: readers on several goroutines fold at once (a
// worker's batch re-validation); each gets its own answer.
func TestFoldConcurrently(t *testing.T) {
	words := map[string]string{"Décembre": "decembre", "März.": "marz", "FÉVR.": "fevr", "octubre": "octubre"}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 500 {
				for in, want := range words {
					if got := fold(in); got != want {
						t.Errorf("fold(%q) = %q, want %q", in, got, want)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
