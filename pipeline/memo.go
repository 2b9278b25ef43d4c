package pipeline

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"os"
	"sync"
	"time"

	"github.com/portcheck/portcheck/match"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// Standing says for which later checks a report stands: a check whose
// inputs have the same Digest, as of any day before Until, makes the
// same report but for its as_of date (an incremental re-validation's
// up-to-date check, as a build tool's).
type Standing struct {
	// Digest is of every input of the report but the date (MemoDigest);
	// "" when the documents' content cannot be named without reading
	// them, and then the report stands for nothing.
	Digest string
	// Until is the first day the date rules could say otherwise
	// (match.NextChange).
	Until time.Time
	// Numbers are the E.164 numbers the porting lookup was asked of, in
	// the order asked (Lines' order, repeats kept), so a later one asks
	// the same without the order.
	Numbers []string
	// Dated is what the date rules read of the documents, its texts
	// redacted: with the digest unchanged, Redate makes the report as
	// of any other day from it and this one.
	Dated match.Dated
}

// CheckStanding is Check, with the report's standing. identity names
// the order's bytes for the caller (records: its version and object),
// which must change whenever the order does: the digest holds no value
// of the order itself, so it cannot give away a PIN, yet the PINs decide
// what the report redacts.
func CheckStanding(ctx context.Context, o *order.Order, docs Documents, cfg Config, identity string) (*report.Report, Standing, error) {
	if err := cfg.Validate(); err != nil {
		return nil, Standing{}, err
	}
	c, err := checkOne(ctx, Input{Order: o, Docs: docs}, cfg)
	if err != nil {
		return nil, Standing{}, fmt.Errorf("check order %s: %w", o.ID, err)
	}
	c.rep.Finalize()
	s := Standing{Until: c.dated.NextChange(o, c.p, cfg.asOfDate()), Numbers: LookupNumbers(o), Dated: c.dated}
	s.Digest, err = MemoDigest(MemoInputs{Identity: identity, Documents: o.Documents, Docs: docs, Profile: c.p, Config: cfg, Porting: c.others})
	if err != nil {
		return nil, Standing{}, fmt.Errorf("check order %s: %w", o.ID, err)
	}
	return c.rep, s, nil
}

// LookupNumbers are the numbers PendingOrders is asked of for o.
func LookupNumbers(o *order.Order) []string {
	var out []string
	for _, l := range o.Lines() {
		if l.E164 != "" {
			out = append(out, l.E164)
		}
	}
	return out
}

// MemoInputs are what a report depends on besides the date, as a memo
// names them.
type MemoInputs struct {
	Identity  string           // the order's bytes, named by the caller
	Documents []order.Document // the order's documents
	Docs      Documents        // where they are; a Digests names their content
	Profile   *profile.Profile // as resolved for the order
	Config    Config           // the run's settings
	Porting   map[string][]string
}

// memoFormat names what MemoDigest hashes; change it with them.
const memoFormat = "portcheck memo 1"

// cacheVersions are the versions the cached fields a check reads are
// of (fieldsKey): a bump of either reads every document again, and its
// report stands for no earlier memo. A variable for its test.
var cacheVersions = ExtractorVersion + "+" + ReaderVersion

// MemoDigest hashes what a check's report depends on besides the date:
// the code that makes it (the running binary, so a deploy checks every
// order again), the extractor and readers the cached fields are of, the
// order, each document's kind, name and content, the profile, what of
// the run's settings reaches a report, and the porting lookup's answer
// (other orders' state, asked again each time). "" when a document's
// content is unknown without reading it.
func MemoDigest(in MemoInputs) (string, error) {
	dg, ok := in.Docs.(Digests)
	if !ok || in.Profile == nil {
		return "", nil
	}
	h := sha256.New()
	field := func(s string) { fmt.Fprintf(h, "%d:%s\n", len(s), s) }
	field(memoFormat)
	field(codeIdentity())
	field(cacheVersions)
	field(in.Identity)
	for _, d := range in.Documents {
		sum, ok := dg.Digest(d.Path)
		if !ok {
			return "", nil
		}
		field(string(d.Kind))
		field(d.Path)
		field(sum)
	}
	ps, err := profileDigest(in.Profile)
	if err != nil {
		return "", fmt.Errorf("memo digest: %w", err)
	}
	field(ps)
	cfg := in.Config
	field(fmt.Sprintf("ocr=%t pending=%t timeout=%s", cfg.OCR != nil, cfg.Pending != nil, cfg.documentTimeout()))
	// in the lookup's own order, as the report lists the other orders' ids
	if err := hashJSON(h, in.Porting); err != nil {
		return "", fmt.Errorf("memo digest: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashJSON(h hash.Hash, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "%d:", len(data))
	h.Write(data)
	h.Write([]byte("\n"))
	return nil
}

// profileDigests keeps each resolved profile's digest: a batch resolves
// each profile once and names it for every order. Bounded, as callers
// may resolve a new copy per batch.
var profileDigests = struct {
	sync.Mutex
	m map[*profile.Profile]string
}{m: map[*profile.Profile]string{}}

func profileDigest(p *profile.Profile) (string, error) {
	profileDigests.Lock()
	defer profileDigests.Unlock()
	if s, ok := profileDigests.m[p]; ok {
		return s, nil
	}
	data, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	if len(profileDigests.m) >= 64 {
		clear(profileDigests.m)
	}
	s := hex.EncodeToString(sum[:])
	profileDigests.m[p] = s
	return s, nil
}

// codeIdentity is the SHA-256 of the running binary (/proc/self/exe,
// which a deploy replacing the file does not change): rules have no
// version of their own, so a report stands only for the code that made
// it. A binary that cannot be read gives a random identity, and its
// reports stand for no other process.
var codeIdentity = sync.OnceValue(func() string {
	h := sha256.New()
	for _, name := range []string{"/proc/self/exe", executable()} {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err == nil {
			return hex.EncodeToString(h.Sum(nil))
		}
		h.Reset()
	}
	return "random:" + rand.Text()
})

func executable() string {
	p, err := os.Executable()
	if err != nil {
		return ""
	}
	return p
}
