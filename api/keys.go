package api

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"os"
	"strings"
)

// Keys maps API keys to tenants. Keys are kept hashed, so a dump of the
// process's memory or a log of this value does not hold them.
type Keys struct {
	byHash map[[32]byte]string
}

// String never shows a key.
func (Keys) String() string { return "[api keys redacted]" }

// LoadKeys reads a file of "key tenant" lines; blank lines and lines
// starting with # are skipped.
func LoadKeys(path string) (Keys, error) {
	f, err := os.Open(path)
	if err != nil {
		return Keys{}, fmt.Errorf("load api keys: %w", err)
	}
	defer f.Close()
	return ParseKeys(f)
}

// ParseKeys reads "key tenant" lines.
func ParseKeys(r io.Reader) (Keys, error) {
	k := Keys{byHash: map[[32]byte]string{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 || len(f[0]) < 16 {
			return Keys{}, fmt.Errorf("api keys line %d: want \"key tenant\" with a key of at least 16 characters", n)
		}
		k.byHash[sha256.Sum256([]byte(f[0]))] = f[1]
	}
	return k, sc.Err()
}

// Tenant returns the tenant of a key.
func (k Keys) Tenant(key string) (string, bool) {
	h := sha256.Sum256([]byte(key))
	for kh, t := range k.byHash {
		if subtle.ConstantTimeCompare(kh[:], h[:]) == 1 {
			return t, true
		}
	}
	return "", false
}
