package api

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/portcheck/portcheck/workers"
)

// Keys maps API keys to tenants. Keys are kept hashed, so a dump of the
// process's memory or a log of this value does not hold them.
type Keys struct {
	byHash    map[[32]byte]string
	retention map[string]time.Duration
}

// String never shows a key.
func (Keys) String() string { return "[api keys redacted]" }

// LoadKeys reads a file of "key tenant [retention=PERIOD]" lines; blank
// lines and lines starting with # are skipped (see ParseKeys).
func LoadKeys(path string) (Keys, error) {
	f, err := os.Open(path)
	if err != nil {
		return Keys{}, fmt.Errorf("load api keys: %w", err)
	}
	defer f.Close()
	return ParseKeys(f)
}

// ParseKeys reads "key tenant [retention=PERIOD]" lines. The option
// sets how long the service keeps a tenant's finished and deleted
// orders (workers.Retention): a number of days ("14d"), a Go duration
// ("720h"), or "never"; without it, workers.DefaultRetention (30 days).
// A tenant with several keys may give it on any of their lines, but
// not two different periods.
func ParseKeys(r io.Reader) (Keys, error) {
	k := Keys{byHash: map[[32]byte]string{}, retention: map[string]time.Duration{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 || len(f) > 3 || len(f[0]) < 16 {
			return Keys{}, fmt.Errorf("api keys line %d: want \"key tenant [retention=PERIOD]\" with a key of at least 16 characters", n)
		}
		k.byHash[sha256.Sum256([]byte(f[0]))] = f[1]
		if len(f) == 3 {
			if err := k.setRetention(f[1], f[2]); err != nil {
				return Keys{}, fmt.Errorf("api keys line %d: %w", n, err)
			}
		}
	}
	return k, sc.Err()
}

func (k Keys) setRetention(tenant, opt string) error {
	v, ok := strings.CutPrefix(opt, "retention=")
	if !ok {
		return fmt.Errorf("%q: the one option is retention=PERIOD", opt)
	}
	d, err := parsePeriod(v)
	if err != nil {
		return fmt.Errorf("retention: %w", err)
	}
	if prev, ok := k.retention[tenant]; ok && prev != d {
		return fmt.Errorf("retention: tenant %s has two periods, %s and %s", tenant, prev, d)
	}
	k.retention[tenant] = d
	return nil
}

// parsePeriod reads "14d", "720h" or "never" (0).
func parsePeriod(v string) (time.Duration, error) {
	if v == "never" {
		return 0, nil
	}
	if days, ok := strings.CutSuffix(v, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 1 || n > 36500 {
			return 0, fmt.Errorf("%q is not a number of days from 1 to 36500", v)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < time.Hour {
		return 0, fmt.Errorf("%q is not a period: write 14d, 720h or never (an hour at least)", v)
	}
	return d, nil
}

// Retention is the tenant's retention period; 0 keeps its orders.
func (k Keys) Retention(tenant string) time.Duration {
	if d, ok := k.retention[tenant]; ok {
		return d
	}
	return workers.DefaultRetention
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
